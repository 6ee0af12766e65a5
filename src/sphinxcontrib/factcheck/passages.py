"""Finding a chapter's quotation again in a source.

A quotation must stand in the source verbatim after :mod:`.normalize` has
folded the typography, with two editorial marks allowed:

- an ellipsis (``...`` or ``…``) marks a cut: the pieces around it must stand
  in the source in that order, within one passage;
- ``[square brackets]`` mark an insertion: the bracketed words replace at most
  a few words of the source, or none.

The first letter's case may differ, since a quotation can start a sentence in
the chapter and not in the source, or the other way round.

>>> source = Passages("“Here, we do not produce fentanyl, and we do not have consumption of fentanyl,” he said.")
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
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .normalize import normalize, normalize_with_offsets
from .sentences import split_sentences

#: How many source sentences one passage may span, unless configured
#: otherwise (``factcheck_passage_sentences``): news writing often puts a
#: figure, its date and its attribution in adjacent sentences.
PASSAGE_SENTENCES = 3
#: How many characters of the source an insertion in [brackets] may stand for.
INSERTION_WIDTH = 40
#: A comma, full stop or other mark ending a quotation (an ellipsis excepted).
_CLOSING_PUNCTUATION = re.compile(r"(?<!\.)[.,;:!?]+\s*$")


class Match(NamedTuple):
    """Where a quotation was found: offsets into the original source text."""

    start: int
    end: int


class Passages:
    """A source text prepared for finding quotations in it.

    Holds the normalised text, the map back to the original offsets and the
    sentence boundaries that bound one passage.
    """

    def __init__(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]] | None = None,
        passage_sentences: int = PASSAGE_SENTENCES,
    ) -> None:
        self.text = text
        self.passage_sentences = passage_sentences
        self.normalized, self.offsets = normalize_with_offsets(text)
        spans = split_sentences(text, hard_breaks=True) if sentences is None else sentences
        self._sentence_starts = [bisect.bisect_left(self.offsets, start) for start, _ in spans]

    def sentence_at(self, normalized_offset: int) -> int:
        """The index of the sentence holding a normalised offset."""
        return max(0, bisect.bisect_right(self._sentence_starts, normalized_offset) - 1)

    def find(self, quotation: str) -> Match | None:
        """Find a chapter's quotation in this source, or return None.

        >>> source = Passages("He said: “The deal is off.” Then he left.")
        >>> [source.find(q) for q in ("the deal", "deal is off", "dea", "The deal ... left")]
        [Match(start=10, end=18), Match(start=14, end=25), None, Match(start=10, end=40)]
        """
        # The punctuation that closes a quotation is the writer's: "... ends.”"
        # quotes the source's "... ends,” Smith said".
        quotation = _CLOSING_PUNCTUATION.sub("", quotation) or quotation
        text = normalize(quotation)
        if "..." not in text and "[" not in text and re.search(r"\w", text):
            return self._find_verbatim(text)
        pattern = quotation_pattern(quotation)
        if pattern is None:
            return None
        for found in pattern.finditer(self.normalized):
            first, last = self.sentence_at(found.start()), self.sentence_at(found.end() - 1)
            if last - first < self.passage_sentences:
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
            if self.sentence_at(end - 1) - self.sentence_at(start) < self.passage_sentences:
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
