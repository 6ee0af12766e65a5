"""Finding quotations in a chapter and finding them again in a source.

A quotation is text between double quotation marks, curly or straight. It
must stand in the source verbatim after :mod:`.normalize` has folded the
typography, with two editorial marks allowed:

- an ellipsis (``...`` or ``…``) marks a cut: the pieces around it must stand
  in the source in that order, within one passage;
- ``[square brackets]`` mark an insertion: the bracketed words replace at most
  a few words of the source, or none.

The first letter's case may differ, since a quotation can start a sentence in
the chapter and not in the source, or the other way round.

>>> source = Passages.of("“Here, we do not produce fentanyl, and we do not have consumption of fentanyl,” he said.")
>>> source.find("we do not produce fentanyl... consumption of fentanyl") is not None
True
>>> source.find("[W]e do not produce fentanyl") is not None
True
>>> source.find("we do not produce heroin") is None
True
>>> source.find("consumption of fent") is None  # whole words only
True
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

from .normalize import normalize, normalize_with_offsets
from .sentences import split_sentences

#: How many source sentences one passage may span.
PASSAGE_SENTENCES = 3
#: How many characters of the source an insertion in [brackets] may stand for.
INSERTION_WIDTH = 40

_OPENING = '“"'


class Quotation(NamedTuple):
    """A quotation in a chapter: its text between the marks, and where it stands."""

    text: str
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark


class UnterminatedQuotation(ValueError):
    """A quotation mark opens a quotation that never closes."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"quotation opened at offset {offset} is not closed")
        self.offset = offset


def find_quotations(text: str) -> list[Quotation]:
    """Every double-quoted passage in ``text``.

    Curly marks nest (a quotation inside a quotation); a straight opening
    mark is closed by the next straight or curly closing mark.

    >>> find_quotations('He said “the “El Chapo” case” and "more."')
    [Quotation(text='the “El Chapo” case', start=8, end=29), Quotation(text='more.', start=34, end=41)]
    >>> find_quotations('Joaquín "El Chapo" Guzmán')
    [Quotation(text='El Chapo', start=8, end=18)]
    >>> find_quotations('an open “quotation')
    Traceback (most recent call last):
    ...
    factcheck.quotations.UnterminatedQuotation: quotation opened at offset 8 is not closed
    """
    quotations: list[Quotation] = []
    position = 0
    while True:
        opening = _next_of(text, _OPENING, position)
        if opening < 0:
            stray = text.find("”", position)
            if stray >= 0:
                raise UnterminatedQuotation(stray)
            return quotations
        closing = _closing_mark(text, opening)
        if closing < 0:
            raise UnterminatedQuotation(opening)
        quotations.append(Quotation(text[opening + 1 : closing], opening, closing + 1))
        position = closing + 1


def _closing_mark(text: str, opening: int) -> int:
    """The offset of the mark that closes the quotation opened at ``opening``."""
    if text[opening] == '"':
        return _next_of(text, '"”', opening + 1)
    depth = 0
    for index in range(opening, len(text)):
        if text[index] == "“":
            depth += 1
        elif text[index] == "”":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _next_of(text: str, characters: str, start: int) -> int:
    found = [i for i in (text.find(c, start) for c in characters) if i >= 0]
    return min(found) if found else -1


class Match(NamedTuple):
    """Where a quotation was found: offsets into the original source text."""

    start: int
    end: int


class Passages:
    """A source text prepared for finding quotations in it.

    Holds the normalised text, the map back to the original offsets and the
    sentence boundaries that bound one passage.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.normalized, self.offsets = normalize_with_offsets(text)
        sentence_spans = split_sentences(text, hard_breaks=True)
        self._sentence_starts = [
            bisect.bisect_left(self.offsets, start) for start, _ in sentence_spans
        ]

    @classmethod
    def of(cls, text: str) -> Passages:
        return cls(text)

    def sentence_at(self, normalized_offset: int) -> int:
        """The index of the sentence holding a normalised offset."""
        return max(0, bisect.bisect_right(self._sentence_starts, normalized_offset) - 1)

    def find(self, quotation: str) -> Match | None:
        """Find a chapter's quotation in this source, or return None.

        >>> source = Passages("He said: “The deal is off.” Then he left.")
        >>> [source.find(q) for q in ("the deal", "deal is off", "dea", "The deal ... left")]
        [Match(start=10, end=18), Match(start=14, end=25), None, Match(start=10, end=40)]
        """
        text = normalize(quotation)
        if "..." not in text and "[" not in text and re.search(r"\w", text):
            return self._find_verbatim(text)
        pattern = quotation_pattern(quotation)
        if pattern is None:
            return None
        for found in pattern.finditer(self.normalized):
            first, last = self.sentence_at(found.start()), self.sentence_at(found.end() - 1)
            if last - first < PASSAGE_SENTENCES:
                return Match(self.offsets[found.start()], self.offsets[found.end() - 1] + 1)
        return None

    def _find_verbatim(self, text: str) -> Match | None:
        """Find a quotation with no cut or insertion: a plain search, whole words,
        the first letter in either case (what :func:`quotation_pattern` matches)."""
        variants = {text, text[0].swapcase() + text[1:]}
        for start in sorted(self._occurrences(variants)):
            end = start + len(text)
            if text[0].isalnum() and start > 0 and _is_word(self.normalized[start - 1]):
                continue
            if text[-1].isalnum() and end < len(self.normalized) and _is_word(self.normalized[end]):
                continue
            if self.sentence_at(end - 1) - self.sentence_at(start) < PASSAGE_SENTENCES:
                return Match(self.offsets[start], self.offsets[end - 1] + 1)
        return None

    def _occurrences(self, variants: set[str]) -> Iterable[int]:
        for variant in variants:
            start = self.normalized.find(variant)
            while start >= 0:
                yield start
                start = self.normalized.find(variant, start + 1)


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _insertion_gap(insertion: str) -> str:
    """What an editorial insertion may stand for in the source.

    "[sic]" stands for nothing; other insertions replace at most a few words
    (as many characters as they hold, plus a little).

    >>> bool(re.fullmatch(_insertion_gap("[sic]"), " ")), bool(re.fullmatch(_insertion_gap("[sic]"), "x"))
    (True, False)
    """
    if re.fullmatch(r"\[\s*sic!?\s*\]", insertion, re.IGNORECASE):
        return r"\ ?"
    width = min(INSERTION_WIDTH, len(insertion) - 2 + 10)
    return rf"(?:.{{0,{width}}}?)\ ?"


def quotation_pattern(quotation: str) -> re.Pattern[str] | None:
    """A regular expression that finds ``quotation`` in a normalised source.

    >>> quotation_pattern("[T]he cartels ... are taking over").pattern
    '(?:.{0,11}?)\\\\ ?he\\\\ cartels.*?are\\\\ taking\\\\ over(?!\\\\w)'
    """
    text = normalize(quotation)
    pieces: list[str] = []
    for cut in re.split(r"\s*\.\.\.\s*", text):
        parts = re.split(r"\s*(\[[^\]]*\])\s*", cut)
        words = re.escape(parts[0])
        for insertion, following in zip(parts[1::2], parts[2::2], strict=True):
            words += _insertion_gap(insertion) + re.escape(following)
        if words:
            pieces.append(words)
    if not any(re.sub(r"\W", "", p) for p in pieces):
        return None
    if pieces[0][:1].isalpha():  # the first letter's case may differ
        first = pieces[0][0]
        pieces[0] = f"[{first.lower()}{first.upper()}]" + pieces[0][1:]
    # A quotation is whole words: "deal" is not found in "dealing".
    start = r"(?<!\w)" if re.match(r"\w", text) else ""
    end = r"(?!\w)" if re.search(r"\w$", text) else ""
    return re.compile(start + r".*?".join(pieces) + end, re.DOTALL)
