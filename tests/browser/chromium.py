"""Headless Chromium (Debian's ``chromium``): render a local HTML file, read its DOM or pixels.

Also a script: ``python -m tests.browser.chromium REPORT.html SHOT.png [WIDTH]`` takes the
screenshot kept in docs/ (1200 pixels wide unless told; 390 is a phone's).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

MEASURE = Path(__file__).with_name("measure.js")

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


def measure(page: Path, *, width: int, height: int = 900) -> dict[str, Any]:
    """What Chromium drew of the page ``width`` pixels wide: boxes of the lane labels and
    marks, the page's width, which dates wrapped … (see measure.js).

    The report runs no script (its Content-Security-Policy forbids it): a copy of it, without
    that policy and with measure.js at the end of its body, is measured. The copy is shown in a
    frame exactly ``width`` wide, since Chromium's headless window is at least 500 wide."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text, count=1)
    script = f"<script>{MEASURE.read_text(encoding='utf-8')}</script></body>"
    measured = text.replace("</body>", script, 1)
    frame = (
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe style="border:0" width="{width}" height="{height}" '
        f'srcdoc="{html.escape(measured, quote=True)}"></iframe></body></html>'
    )
    with tempfile.TemporaryDirectory(prefix="measure-") as folder:
        copy = Path(folder) / "frame.html"
        copy.write_text(frame, encoding="utf-8")
        window = f"--window-size={max(width, 500) + 40},{height + 40}"
        dumped = _run([window, "--dump-dom", copy.as_uri()]).stdout
    found = re.search(r'<pre id="measurements">(.*?)</pre>', dumped, re.S)
    if found is None:
        raise RuntimeError("the measuring script did not run")
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


def screenshot(page: Path, png: Path, *, width: int = 1200, height: int = 1400) -> Path:
    """A PNG of the page as Chromium draws it ``width`` pixels wide. Narrower than Chromium's
    headless window can be (a phone's width), the page is drawn in a frame of that width and
    the picture cut to it."""
    if width >= 500:
        _run(
            [
                f"--window-size={width},{height}",
                f"--screenshot={png.absolute()}",
                page.absolute().as_uri(),
            ]
        )
        return png
    from PIL import Image

    frame = (
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe style="border:0;display:block" width="{width}" height="{height}" '
        f'src="{html.escape(page.absolute().as_uri(), quote=True)}"></iframe></body></html>'
    )
    with tempfile.TemporaryDirectory(prefix="shot-") as folder:
        host = Path(folder) / "frame.html"
        host.write_text(frame, encoding="utf-8")
        _run([f"--window-size=500,{height}", f"--screenshot={png.absolute()}", host.as_uri()])
    with Image.open(png) as drawn:
        drawn.crop((0, 0, width, height)).save(png)
    return png


if __name__ == "__main__":
    # Tall enough for the summary, the timeline with its legend, and the health picture.
    wide = int(sys.argv[3]) if len(sys.argv) > 3 else 1200
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]), width=wide, height=2500)
    print(f"wrote {sys.argv[2]}")
