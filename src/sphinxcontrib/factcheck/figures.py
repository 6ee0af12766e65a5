"""What a figure is: a value of a kind, with the qualifier that gives its direction.

A :class:`Figure` is what the fact check proves. The same model describes a
figure in a chapter and in a source, so both sides agree on what is compared:
:func:`supports` says whether a source's figure supports a chapter's.
Figures are found in text by :mod:`.extract`.

>>> from decimal import Decimal
>>> Figure(Kind.NUMBER, Decimal(110000), Qualifier.BELOW, "Nearly 110,000", 0, 14).describe()
'Nearly 110,000 (number 110000, below)'
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Kind(enum.StrEnum):
    """What a figure measures, for comparing like with like."""

    NUMBER = "number"
    PERCENT = "percent"
    MONEY = "money"
    RATIO = "ratio"
    YEAR = "year"
    MONTH = "month"
    DATE = "date"
    RANGE = "range"  # a span of years, "FY 2019-22"


class Qualifier(enum.StrEnum):
    """The direction a qualifier gives a figure."""

    EXACT = "exact"
    BELOW = "below"  # nearly, almost, fewer than, up to
    ABOVE = "above"  # more than, over, at least
    ABOUT = "about"  # roughly, about, around, approximately


#: Kinds whose qualifier must be kept: a count can be "nearly", a year cannot.
QUANTITIES = frozenset({Kind.NUMBER, Kind.PERCENT, Kind.MONEY, Kind.RATIO})
#: Kinds of figure that date a whole sentence rather than count one thing in it.
TEMPORAL = frozenset({Kind.YEAR, Kind.MONTH, Kind.DATE, Kind.RANGE})


class Figure(NamedTuple):
    """One figure found in a text, with where it stands there."""

    kind: Kind
    #: Decimal for quantities, (a, b) for a ratio, int for a year,
    #: (year or None, month) for a month, (year or None, month, day) for a date.
    value: object
    qualifier: Qualifier
    text: str
    start: int
    end: int
    #: True where the figure was resolved from relative time in a source.
    derived: bool = False
    #: The distinctive words within a few words of the figure (:mod:`.words`).
    near: frozenset[str] = frozenset()
    #: The distinctive words of its wider context: the whole sentence of a claim,
    #: the sentence and the near words of a source's figure.
    context: frozenset[str] = frozenset()
    #: The word that says what it counts: the first word right after it, before
    #: any punctuation ("four *representatives*", "11 *other* lawmakers"), or "".
    unit: str = ""
    #: The measure it is in ("pound", "hour", "person"), from the words after it, and
    #: the period of a rate ("day" for "6,000 people ... every day"), or "".
    measure: str = ""
    period: str = ""

    @property
    def key(self) -> tuple[Kind, object]:
        """What two figures must share to be compared (a date without its year)."""
        if self.kind in (Kind.MONTH, Kind.DATE):
            return (self.kind, self.value[1:])
        return (self.kind, self.value)

    def describe(self) -> str:
        """A short human description, used in reports."""
        return f"{self.text} ({self.detail})"

    @property
    def detail(self) -> str:
        """What the figure means, without its text ("number 110000, below")."""
        if self.kind is Kind.RATIO:
            value = "{}/{}".format(*self.value)
        elif self.kind is Kind.RANGE:
            value = "{}-{}".format(*self.value)
        elif self.kind is Kind.DATE:
            year, month, day = self.value
            value = f"{year or '????'}-{month:02d}-{day:02d}"
        elif self.kind is Kind.MONTH:
            year, month = self.value
            value = f"{year or '????'}-{month:02d}"
        else:
            value = str(self.value)
        notes = [f"{self.kind} {value}"]
        if self.kind in QUANTITIES and self.qualifier is not Qualifier.EXACT:
            notes[0] += f", {self.qualifier}"
        if self.derived:
            notes.append("from the source date")
        return ", ".join(notes)

    def stated_keys(self) -> list[tuple[Kind, object]]:
        """The keys this figure states: its own, and the years a date or range names."""
        keys = [self.key]
        if self.kind in (Kind.MONTH, Kind.DATE) and self.value[0] is not None:
            keys.append((Kind.YEAR, self.value[0]))
        elif self.kind is Kind.RANGE:
            keys.extend((Kind.YEAR, year) for year in self.value)
        return keys


def supports(evidence: Figure, claim: Figure) -> bool:
    """Whether a figure found in a source supports a figure in a chapter.

    Values must be equal, quantities must keep their qualifier's direction,
    and a date or month must agree on the year where the chapter gives one.

    >>> from decimal import Decimal
    >>> source = Figure(Kind.NUMBER, Decimal(110000), Qualifier.BELOW, "Nearly 110,000", 0, 14)
    >>> supports(source, source._replace(text="almost 110,000"))
    True
    >>> supports(source, source._replace(qualifier=Qualifier.ABOVE))
    False
    >>> supports(source, source._replace(qualifier=Qualifier.EXACT))
    False
    """
    if evidence.key != claim.key:
        return False
    if claim.kind in QUANTITIES:
        return evidence.qualifier is claim.qualifier
    if claim.kind in (Kind.MONTH, Kind.DATE):
        claimed_year = claim.value[0]
        return claimed_year is None or claimed_year == evidence.value[0]
    return True
