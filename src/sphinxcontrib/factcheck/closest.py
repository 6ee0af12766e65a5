"""The closest passage of a source, shown in a warning so the author sees what it says.

When a figure or a quotation is not found, the warning shows the passage of
the cited sources that comes closest (scored with rapidfuzz), so an author can
correct the page without opening the source.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from .index import Source
from .normalize import normalize

#: How much of a closest passage a warning shows.
SHOWN = 240


def closest_sentence(text: str, sources: Sequence[Source]) -> tuple[str, str]:
    """The key and sentence of the cited sources closest to a chapter's sentence."""
    best = ("", "", -1.0)
    for source in sources:
        choices = [source.text[s:e] for s, e in source.sentences]
        match = process.extractOne(text, choices, scorer=fuzz.token_set_ratio)
        if match and match[1] > best[2]:
            best = (source.key, match[0], match[1])
    return best[0], best[1]


def closest_to_quotation(quotation: str, sources: Sequence[Source]) -> tuple[str, str]:
    """The key and passage of the cited sources that best align with a quotation."""
    wanted = normalize(quotation).replace("...", " ")
    best = ("", "", -1.0)
    for source in sources:
        passages = source.passages
        alignment = fuzz.partial_ratio_alignment(wanted, passages.normalized)
        if alignment is not None and alignment.score > best[2]:
            first = source.sentence_at(passages.offsets[alignment.dest_start])
            last = source.sentence_at(passages.offsets[max(alignment.dest_end - 1, 0)])
            start, end = source.passage(first, last)
            best = (source.key, source.text[start:end], alignment.score)
    return best[0], best[1]


def shorten(text: str) -> str:
    """A passage folded onto one line and cut to :data:`SHOWN` characters.

    >>> shorten("a\\n  b"), len(shorten("x" * 500))
    ('a b', 240)
    """
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
