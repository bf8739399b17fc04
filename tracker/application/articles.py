"""Opening an article for tracker extract: a regular file, of at most MAX_ARTICLE bytes, read
before the store is touched (its text is read by tracker/extraction/article.py).

As with a seed file (seedfile.py), a named pipe would never end and a device such as /dev/zero
would fill memory: the file is opened without blocking and checked on the descriptor opened.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.application.errors import BadInput
from tracker.application.seedfile import mebibytes, not_a_regular_file, reading
from tracker.extraction.article import Article, NotAnArticle, read_article

MAX_ARTICLE = 8 * 2**20  # bytes: a long saved page with its scripts is a few MiB


def open_article(path: Path) -> Article:
    """The article in a file: BadInput, in one line, if it is not a regular file, is larger
    than MAX_ARTICLE, or holds no text."""
    with reading(path):
        _refuse_special(path, os.stat(path).st_mode)  # a socket cannot even be opened
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as file:
            _refuse_special(path, os.fstat(descriptor).st_mode)
            os.set_blocking(descriptor, True)
            data = file.read(MAX_ARTICLE + 1)  # bounded: the file may grow meanwhile
    if len(data) > MAX_ARTICLE:
        raise BadInput(
            f"{path.name} is larger than {mebibytes(MAX_ARTICLE)}, the most an article may be; "
            "save the article's own text or page, not a whole site"
        )
    try:
        return read_article(data, path.name)
    except NotAnArticle as e:
        raise BadInput(str(e)) from None


def _refuse_special(path: Path, mode: int) -> None:
    kind = not_a_regular_file(mode)
    if kind is not None:
        raise BadInput(
            f"cannot read {path}: it is {kind}, not a regular file; save the article to a "
            "file first"
        )
