"""A TCP proxy in a thread, between the tracker and the PostgreSQL server, that a test can cut.

``Proxy()`` forwards every connection to the server until :meth:`Proxy.cut`, which closes
them all and stops listening (so the server looks gone). ``Proxy(answer=False)`` accepts
connections and never answers (a server that hangs, or a firewall that drops packets).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType


class Proxy:
    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 5432), *, answer: bool = True):
        self.target = target
        self.answer = answer
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.connections = 0
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, dbname: str, *, user: str = "postgres", query: str = "") -> str:
        url = f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"
        return f"{url}?{query}" if query else url

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # the listener was closed
            with self.lock:
                if self.closed:
                    client.close()
                    return
                self.connections += 1
                self.sockets.append(client)
            if not self.answer:
                continue  # held open, never read, never answered
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets.append(upstream)
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Close every connection, and stop listening: the server is gone, as far as the
        tracker can tell."""
        with self.lock:
            self.closed = True
            sockets, self.sockets = self.sockets, []
        with contextlib.suppress(OSError):
            self.listener.close()
        for end in sockets:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                end.close()

    def __enter__(self) -> Proxy:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.cut()
