"""Finding the quotations in a chapter's text.

A quotation is text between double quotation marks, curly or straight;
:mod:`.passages` finds it again in a source. A quotation mark that never
closes is an error the check reports (:class:`UnterminatedQuotation`).
"""

from __future__ import annotations

from typing import NamedTuple

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
    sphinxcontrib.factcheck.quotations.UnterminatedQuotation: quotation opened at offset 8 is not closed
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
