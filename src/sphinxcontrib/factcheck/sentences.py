"""Splitting running text into sentences.

A chapter's paragraph is split so that each sentence is checked with the
citations it carries; a source is split so that evidence can be found in one
passage (a sentence and its neighbours). The splitter never cuts inside a
quotation, keeps abbreviations such as "U.S." and "Sen." whole, and keeps a
parenthetical citation that follows a full stop with the sentence before it.

>>> text = 'Sen. Kyrsten Sinema, I-Ariz., spoke. The U.S. Border Patrol said "yes. no." Then'
>>> [text[s:e] for s, e in split_sentences(text)]
['Sen. Kyrsten Sinema, I-Ariz., spoke.', 'The U.S. Border Patrol said "yes. no."', 'Then']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .language import Vocabulary, get_vocabulary

#: Marks a parenthetical citation in a chapter's text; it belongs to the
#: sentence it follows, even when the author put it after the full stop.
CITE_MARK = "\ue000"
#: Marks a textual citation ("Wayne (2023) writes"); it starts a sentence.
TEXTUAL_CITE_MARK = "\ue001"

_BOUNDARY = re.compile(
    rf"""(?<=[.!?])["”’')\]]*(?:\s*{CITE_MARK})*(?=\s+[^\sa-z]|\s*$)|(?<=[!?])["”’]+|\n\s*\n"""
)
_WORD_BEFORE = re.compile(r"([\w.\-]+)\.$")


def _is_abbreviation(text: str, end: int, abbreviations: frozenset[str]) -> bool:
    """Whether the full stop just before ``end`` closes an abbreviation or initial."""
    match = _WORD_BEFORE.search(text, max(0, end - 12), end)
    if not match:
        return False
    word = match.group(1)
    return word in abbreviations or len(word) == 1 and word.isupper()


def split_sentences(
    text: str,
    protected: Sequence[tuple[int, int]] = (),
    hard_breaks: bool = False,
    vocabulary: Vocabulary | None = None,
) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of ``text``.

    ``protected`` spans (quotations) are never cut. With ``hard_breaks`` (a
    source whose lines are paragraphs), every line break ends a sentence.

    >>> text = "It rose 5% in 2022. \ue000 Next one \ue000? Yes!"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['It rose 5% in 2022. \ue000', 'Next one \ue000?', 'Yes!']
    >>> len(split_sentences("a line\\nanother line", hard_breaks=True))
    2
    """
    abbreviations = (vocabulary or get_vocabulary("en")).abbreviations
    cuts: list[int] = []
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if any(start < end - 1 < stop - 1 for start, stop in protected):
            continue
        stop = match.start()
        if text[stop - 1 : stop] == "." and _is_abbreviation(text, stop, abbreviations):
            # "U.S." followed by a capital is usually mid-sentence ("U.S. Border Patrol").
            continue
        cuts.append(end)
    if hard_breaks:
        cuts.extend(m.end() for m in re.finditer(r"\n", text))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(set(cuts)) + [len(text)]:
        piece = text[start:cut]
        stripped_start = start + len(piece) - len(piece.lstrip())
        stripped_end = start + len(piece.rstrip())
        if stripped_end > stripped_start:
            spans.append((stripped_start, stripped_end))
        start = cut
    return spans


#: Where a clause of a sentence, or a table row's cell, ends.
_CLAUSE_END = re.compile(r";|\s\|\s")


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between semicolons, or a table row's cell) that holds ``start:end``.

    >>> text = "The Post dates it; NBC News, reporting May 2, does not | 2023"
    >>> start, end = clause_span(text, 39, 44)
    >>> text[start:end]
    ' NBC News, reporting May 2, does not'
    """
    ends = [m.start() for m in _CLAUSE_END.finditer(text)]
    first = max((e + 1 for e in ends if e < start), default=0)
    last = min((e for e in ends if e >= end), default=len(text))
    return first, last
