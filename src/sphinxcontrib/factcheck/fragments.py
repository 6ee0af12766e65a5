"""Text Fragments: links that open the original article at a passage.

A Text Fragment (``#:~:text=[prefix-,]start[,end][,-suffix]``) makes a browser
scroll to a passage of a web page and highlight it. The evidence appendix
links every verified passage to its original article this way.

A fragment is only worth printing if it finds its passage, so this module
does two separate things, as the linkcheck builder collects and then checks:

- :func:`text_fragment` builds a fragment from the exact text of the archived
  source (quotation marks, apostrophes and hyphens kept: a fragment
  ``dubbed hugs,`` finds nothing in ``dubbed "hugs,``), choosing the
  shortest start and end that the matching rules lead to this passage and no
  earlier one, with a prefix where the passage's first words stand earlier
  in the text too;
- :func:`find_text_fragment` is the browsers' matching algorithm (the Text
  Fragments specification, "find a range from a text directive"), run on the
  archived text, so the build can check every fragment it prints.

The matching rules, as Chromium applies them: case, accents and the form of
quotation marks do not matter (the comparison is at the "primary" level of
Unicode collation); runs of white space count as one space; every term
starts and ends at a word boundary; one term never spans two blocks
(paragraphs: lines of the archived text), although a start and an end may.

>>> text = 'He said.\\nHis strategy, dubbed "hugs, not bullets," failed.\\n'
>>> fragment = text_fragment(text, 9, 58)
>>> fragment
'#:~:text=His%20strategy%2C%20dubbed%20%22hugs%2C%20not%20bullets%2C%22%20failed.'
>>> find_text_fragment(text, fragment) == (9, 58)
True
>>> find_text_fragment(text, "#:~:text=dubbed%20hugs%2C") is None
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
import urllib.parse
from collections.abc import Iterator
from typing import NamedTuple

#: A passage of at most this many words is linked whole (``text=start``);
#: a longer one by its first and last words (``text=start,end``).
WHOLE_WORDS = 8
#: How many words the start and the end of a long passage's fragment begin
#: with; each grows, a word at a time, until the fragment finds its passage.
START_WORDS = 4
END_WORDS = 5
#: How many words of the text before the passage a prefix may take, when the
#: passage's own words stand earlier in the text as well.
PREFIX_WORDS = 6

#: Characters the fragment syntax reserves, percent-encoded in every term
#: (``urllib.parse.quote`` leaves ``-`` alone).
_RESERVED = {"-": "%2D"}
#: Quotation marks that compare equal at the primary level of collation.
_QUOTE_FORMS = str.maketrans(dict.fromkeys("‘’‚‛′", "'") | dict.fromkeys("“”„‟″", '"'))


class TextDirective(NamedTuple):
    """The four terms of a ``text=`` directive (empty when absent)."""

    prefix: str
    start: str
    end: str
    suffix: str

    @classmethod
    def parse(cls, fragment: str) -> TextDirective:
        """The terms of ``#:~:text=...`` (or of the directive alone), decoded.

        >>> TextDirective.parse("#:~:text=an-,Evidence%2C%20first,last,-word")
        TextDirective(prefix='an', start='Evidence, first', end='last', suffix='word')
        """
        value = fragment.split(":~:", 1)[-1].removeprefix("text=")
        parts = value.split(",")
        prefix = parts.pop(0)[:-1] if parts and parts[0].endswith("-") else ""
        suffix = parts.pop()[1:] if parts and parts[-1].startswith("-") else ""
        decoded = [urllib.parse.unquote(part) for part in parts]
        if not 1 <= len(decoded) <= 2:
            raise ValueError(f"not a text directive: {fragment!r}")
        return cls(
            urllib.parse.unquote(prefix),
            decoded[0],
            decoded[1] if decoded[1:] else "",
            urllib.parse.unquote(suffix),
        )

    def __str__(self) -> str:
        terms = ([_encode(self.prefix) + "-"] if self.prefix else []) + [_encode(self.start)]
        terms += [_encode(self.end)] if self.end else []
        terms += ["-" + _encode(self.suffix)] if self.suffix else []
        return "#:~:text=" + ",".join(terms)


def _encode(term: str) -> str:
    quoted = urllib.parse.quote(term, safe="")
    for character, code in _RESERVED.items():
        quoted = quoted.replace(character, code)
    return quoted


class _Folded:
    """A text folded for matching, with the map back to the original offsets."""

    def __init__(self, text: str) -> None:
        folded: list[str] = []
        origins: list[int] = []
        space = False
        for index, character in enumerate(text):
            if character.isspace():
                # A line break is a block boundary; other white space one space.
                mark = "\n" if character == "\n" else " "
                if space:
                    if mark == "\n":
                        folded[-1] = "\n"
                    continue
                folded.append(mark)
                origins.append(index)
                space = True
                continue
            space = False
            for piece in fold(character):
                folded.append(piece)
                origins.append(index)
        self.text = "".join(folded)
        self.origins = origins
        self.length = len(text)

    def original(self, position: int) -> int:
        """The offset in the original text of a folded offset (an end: exclusive)."""
        return self.origins[position] if position < len(self.origins) else self.length

    def original_end(self, position: int) -> int:
        """The original offset just after the folded character before ``position``."""
        return self.origins[position - 1] + 1 if position else 0


@functools.lru_cache(maxsize=8)
def _folded(text: str) -> _Folded:
    """A source folded once, for the many fragments checked against it."""
    return _Folded(text)


def fold(text: str) -> str:
    """Text as the matching rules compare it: no case, accents or forms of quotation mark.

    >>> fold("López said “No” — it’s STRAẞE")
    'lopez said "no" — it\\'s strasse'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTE_FORMS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _term(text: str) -> str:
    return " ".join(fold(text).split())


def _word_boundary(text: str, position: int) -> bool:
    """Whether a position of the folded text lies between words (or at an edge)."""
    if position <= 0 or position >= len(text):
        return True
    return not (text[position - 1].isalnum() and text[position].isalnum())


def _find(
    folded: str, term: str, start: int, end: int, bounded_start: bool, bounded_end: bool
) -> tuple[int, int] | None:
    """The first match of a folded term within one block, from ``start`` to ``end``."""
    if not term:
        return None
    position = start
    while True:
        found = folded.find(term, position, end)
        if found < 0:
            return None
        last = found + len(term)
        if (not bounded_start or _word_boundary(folded, found)) and (
            not bounded_end or _word_boundary(folded, last)
        ):
            return found, last
        position = found + 1


def _skip_space(folded: str, position: int) -> int:
    while position < len(folded) and folded[position] in " \n":
        position += 1
    return position


@functools.lru_cache(maxsize=8192)
def find_text_fragment(text: str, fragment: str) -> tuple[int, int] | None:
    """Where a browser's Text Fragment lands in ``text``: original offsets, or None.

    The specification's algorithm: the first match of the start (after the
    prefix, if any), then the first match of the end after it, then the
    suffix right after that; if the prefix or the suffix does not follow,
    the search goes on from the next match.

    >>> text = "Two cartels. The two countries agreed.\\nThe two countries met."
    >>> find_text_fragment(text, "#:~:text=the%20two%20countries")
    (13, 30)
    >>> find_text_fragment(text, "#:~:text=agreed.-,The%20two%20countries")
    (39, 56)
    >>> find_text_fragment(text, "#:~:text=two%20cart,agreed")  # a word cut short
    >>> find_text_fragment(text, "#:~:text=cartels,met")  # a start and an end in two blocks
    (4, 60)
    """
    directive = TextDirective.parse(fragment)
    folded = _folded(text)
    body = folded.text
    prefix, start, end, suffix = (_term(t) for t in directive)
    must_end_at_word = bool(end) or not suffix
    search = 0
    while search < len(body):
        if prefix:
            found = _find_in_blocks(body, prefix, search, True, False)
            if found is None:
                return None
            search = found[0] + 1
            at = _skip_space(body, found[1])
            match = _find_in_blocks(body, start, at, False, must_end_at_word)
            if match is None or match[0] != at:
                continue
        else:
            match = _find_in_blocks(body, start, search, True, must_end_at_word)
            if match is None:
                return None
            search = match[0] + 1
        first, last = match
        end_search = last
        while end_search < len(body):
            if end:
                end_match = _find_in_blocks(body, end, end_search, True, True)
                if end_match is None:
                    return None
                last = end_match[1]
            if not suffix:
                return folded.original(first), folded.original_end(last)
            at = _skip_space(body, last)
            suffix_match = _find_in_blocks(body, suffix, at, False, True)
            if suffix_match is None:
                return None
            if suffix_match[0] == at:
                return folded.original(first), folded.original_end(last)
            if not end:
                break
            end_search = last
    return None


def _find_in_blocks(
    body: str, term: str, start: int, bounded_start: bool, bounded_end: bool
) -> tuple[int, int] | None:
    """The first match of a term at or after ``start``, never across a block boundary."""
    while start < len(body):
        block_end = body.find("\n", start)
        block_end = len(body) if block_end < 0 else block_end
        found = _find(body, term, start, block_end, bounded_start, bounded_end)
        if found is not None:
            return found
        start = block_end + 1
    return None


_WORD = re.compile(r"\S+")


@functools.lru_cache(maxsize=4096)
def text_fragment(text: str, start: int, end: int) -> str | None:
    """The shortest Text Fragment that leads to ``text[start:end]`` and no earlier place.

    Built from the exact words of the text; None if no fragment can tell the
    passage apart from an earlier one (the same lines repeated, say).

    >>> source = "Nearly 110,000 people died last year of drug overdoses, the C.D.C. said."
    >>> text_fragment(source, 0, len(source))
    '#:~:text=Nearly%20110%2C000%20people%20died,drug%20overdoses%2C%20the%20C.D.C.%20said.'
    >>> text_fragment("Officers met.\\nOfficers met.\\n", 14, 27)  # the second line
    '#:~:text=met.-,Officers%20met.'
    >>> print(text_fragment("Officers met.\\nOfficers met.\\nOfficers met.", 28, 41))
    None
    """
    words = [match.span() for match in _WORD.finditer(text, start, end)]
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    for candidate in _candidates(text, words):
        if find_text_fragment(text, str(candidate)) == (start, end):
            return str(candidate)
    return None


def _words_before(text: str, start: int, count: int) -> list[tuple[int, int]]:
    """The spans of the last ``count`` words before ``start`` (fewer at the text's
    start), read from a window that widens until it holds them, not the whole text.

    >>> _words_before("one two three four", 14, 2)
    [(4, 7), (8, 13)]
    >>> text = "one two" + " " * 100 + "three"
    >>> [text[a:b] for a, b in _words_before(text, len(text), 2)]  # the window widens
    ['two', 'three']
    """
    width = 16 * (count + 1)
    while True:
        window = max(0, start - width)
        while window > 0 and not text[window - 1].isspace():
            window -= 1  # not inside a word
        found = [match.span() for match in _WORD.finditer(text, window, start)]
        if len(found) >= count or window == 0:
            return found[-count:] if count else []
        width *= 2


def _candidates(text: str, words: list[tuple[int, int]]) -> Iterator[TextDirective]:
    """Fragments for a passage, shortest first, each to be checked."""

    def phrase(spans: list[tuple[int, int]]) -> str:
        return " ".join(text[a:b] for a, b in spans)

    start, end = words[0][0], words[-1][1]
    first_block = [w for w in words if "\n" not in text[start : w[1]]]
    last_block = [w for w in words if "\n" not in text[w[0] : end]]
    whole = len(first_block) == len(words)
    before = _words_before(text, start, PREFIX_WORDS)
    prefixes = [""] + [
        phrase(before[-count:])
        for count in range(1, min(PREFIX_WORDS, len(before)) + 1)
        if "\n" not in text[before[-count][0] : before[-1][1]]
    ]
    for prefix in prefixes:
        if whole and len(words) <= WHOLE_WORDS:
            yield TextDirective(prefix, phrase(words), "", "")
        for count in range(min(START_WORDS, len(first_block)), len(first_block) + 1):
            # The fewest first words that lead to this passage's start.
            opening = TextDirective(prefix, phrase(words[:count]), "", "")
            found = find_text_fragment(text, str(opening))
            if found is not None and found[0] == start:
                break
        else:
            continue
        for closing in range(min(END_WORDS, len(last_block)), len(last_block) + 1):
            if count + closing > len(words):
                break
            yield TextDirective(prefix, opening.start, phrase(words[-closing:]), "")
        if whole:
            yield TextDirective(prefix, phrase(words), "", "")
