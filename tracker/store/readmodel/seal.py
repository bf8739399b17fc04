"""A user's text as the read model keeps it: in clear without a key, encrypted with the store's
key in an encrypted store (apart from the cursor: the projector seals, the readings open)."""

from __future__ import annotations

from typing import Any

from tracker.store.readmodel.errors import ReadModelDamaged

SEALED = "~"  # the mark of an encrypted text: base64, which never holds it


class TextSeal:
    """A user's text as the read model keeps it: as it is in a store without a key, encrypted
    with the store's cipher (the library's AES-GCM) in an encrypted one."""

    def __init__(self, cipher: Any = None) -> None:
        self.cipher = cipher

    def seal(self, text: str | None) -> str | None:
        if text is None or self.cipher is None:
            return text
        import base64

        return SEALED + base64.b64encode(self.cipher.encrypt(text.encode("utf-8"))).decode()

    def open(self, stored: Any) -> Any:
        """The text a stored value holds; ReadModelDamaged when it cannot be opened."""
        if stored is None or self.cipher is None:
            return stored
        import base64

        if not isinstance(stored, str) or not stored.startswith(SEALED):
            raise ReadModelDamaged("a text of the read model is not encrypted")
        try:
            return self.cipher.decrypt(base64.b64decode(stored[1:], validate=True)).decode()
        except Exception:
            raise ReadModelDamaged("a text of the read model cannot be decrypted") from None
