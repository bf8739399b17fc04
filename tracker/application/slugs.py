"""The recorded slugs a mistyped one most likely meant, for "did you mean …"."""

from __future__ import annotations

import difflib

CLOSE_SLUGS = 3  # at most this many named
CLOSE = 0.8  # how alike two slugs are as a whole (difflib's ratio)
CLOSE_REST = 0.75  # how alike past the two parties' codes they share ("us-cn-")


def close_slugs(slug: str, slugs: list[str]) -> list[str]:
    """The recorded slugs closest to ``slug``: close as a whole, and, past the parties' codes
    they share, close in what names the channel ("us-cn-space-talks" is no typo of
    "us-cn-ai-talks")."""

    def alike(other: str) -> bool:
        ours, theirs = slug.split("-"), other.split("-")
        shared = 0
        # the parties' codes a slug begins with: two, as slugs are made ("us-cn-…")
        while shared < min(2, len(ours) - 1, len(theirs) - 1) and ours[shared] == theirs[shared]:
            shared += 1
        if shared == 0:
            return True
        rest = difflib.SequenceMatcher(None, "-".join(ours[shared:]), "-".join(theirs[shared:]))
        return rest.ratio() >= CLOSE_REST

    close = difflib.get_close_matches(slug, slugs, n=max(1, len(slugs)), cutoff=CLOSE)
    return [s for s in close if alike(s)][:CLOSE_SLUGS]
