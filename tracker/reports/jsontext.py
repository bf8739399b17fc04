"""JSON as the tracker writes it: plain UTF-8, with every invisible control character escaped.

``json.dumps(..., ensure_ascii=False)`` escapes C0 control characters but writes DEL, the C1
controls (``\\x9b`` opens a terminal control sequence, as ESC [ does), the bidirectional
overrides and isolates, and the line and paragraph separators raw. Each is written as its
``\\uXXXX`` escape instead, wherever it is (they can only stand inside strings): still valid
JSON, the same data, and safe to print or paste, whether or not standard output is a terminal.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tracker.reports.text import BIDI_CONTROLS

_RAW = re.compile(f"[\\x7f-\\x9f\\u2028\\u2029{BIDI_CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(data: Any, **options: Any) -> str:
    """``json.dumps`` (``ensure_ascii=False``, other options as given), controls escaped."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return _RAW.sub(_escape, text) if _RAW.search(text) else text
