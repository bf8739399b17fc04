"""Headless Chromium (Debian's ``chromium``): render a local HTML file, read its DOM or pixels.

Also a script: ``python -m tests.browser.chromium REPORT.html SHOT.png`` takes the screenshot
kept in docs/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Without the background-networking flags Chromium tries to reach Google's hosts at every
# start, which this machine's closed network refuses.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    browser = executable()
    if browser is None:
        raise RuntimeError("chromium is not installed (Debian package: chromium)")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        return subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )


def dom(page: Path) -> str:
    """The DOM as Chromium parsed and rendered it."""
    return _run(["--dump-dom", page.absolute().as_uri()]).stdout


def screenshot(page: Path, png: Path, *, width: int = 1200, height: int = 1400) -> Path:
    """A PNG of the page as Chromium draws it."""
    _run(
        [
            f"--window-size={width},{height}",
            f"--screenshot={png.absolute()}",
            page.absolute().as_uri(),
        ]
    )
    return png


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]}")
