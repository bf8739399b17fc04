"""The text of an article, from the bytes of a file: plain text, or a saved HTML page whose main
text (without menus, footers or comments) is taken with trafilatura.

Plain text must be UTF-8 (a byte-order mark is fine). No other encoding is guessed: a quote is
evidence, recorded verbatim, and a wrong guess (a Latin-2 or a Shift-JIS file read as cp1252)
would record garbled words as if the article had said them. An HTML page is read in the
encoding it declares (<meta charset>), else as UTF-8.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# C0 controls but tab, line feed, form feed and carriage return: none belongs in an article.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_TITLE = 200  # characters of a title taken for the default citation


class NotAnArticle(ValueError):
    """The file holds no text to read: empty, blank, binary, or in an encoding not read."""


@dataclass(frozen=True, slots=True)
class Article:
    """An article's text, as the extractor reads it, and its title, if it has one."""

    text: str
    title: str | None
    html: bool = False

    @property
    def english(self) -> bool:
        """Whether the text reads as English, the one language extract reads."""
        from tracker.extraction.language import looks_english

        return looks_english(self.text)


def is_html(data: bytes, name: str) -> bool:
    """Whether a file is a saved HTML page: by its name, or by how it begins."""
    return name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(data[:1024]))


def read_article(data: bytes, name: str) -> Article:
    """The article a file holds (NotAnArticle, saying why, if it holds none)."""
    if not data.strip():
        raise NotAnArticle(f"{name} is empty: give the text of an article")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotAnArticle(f"{name} is UTF-16 text; save it as UTF-8 and give that file")
    if b"\x00" in data:
        raise NotAnArticle(f"{name} is not text (it holds NUL bytes): give a text or HTML file")
    if is_html(data, name):
        return _html_article(data, name)
    text = _decoded(data, "utf-8", name)
    return Article(_plain(text), _first_line(text))


def _decoded(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as e:
        raise NotAnArticle(
            f"{name} is not text in {encoding.upper()} (byte {e.start + 1} cannot be read); "
            "save it as UTF-8 (for example with iconv -f CP1252 -t UTF-8) and give that file"
        ) from None
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise NotAnArticle(f"{name} is not text (it is full of control characters)")
    return text


def _plain(text: str) -> str:
    """Line ends as line feeds; controls that no article holds left out."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return _title(line)
    return None


def _title(text: str) -> str | None:
    title = " ".join(_CONTROL.sub("", text).split())
    if not title:
        return None
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def _encoding(data: bytes) -> str:
    """The encoding an HTML page declares, if Python knows it; else UTF-8."""
    found = _CHARSET.search(data[:4096])
    if found is None:
        return "utf-8"
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return "utf-8"
    return "utf-8" if name in ("utf-8", "utf-8-sig") else name


def _html_article(data: bytes, name: str) -> Article:
    """The main text of a saved HTML page, each paragraph apart (a blank line between two), so
    that a heading never runs into the sentence after it."""
    import trafilatura  # only extract reads HTML: the other commands never load it

    page = _decoded(data, _encoding(data), name)
    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    text = getattr(document, "text", None) or ""
    paragraphs = [line.strip() for line in _plain(text).split("\n") if line.strip()]
    if not paragraphs:
        raise NotAnArticle(f"{name} is an HTML page with no text to read: give the article's page")
    title = getattr(document, "title", None)
    return Article("\n\n".join(paragraphs), _title(title) if title else None, html=True)
