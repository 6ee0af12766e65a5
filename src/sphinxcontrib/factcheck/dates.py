"""A source's date, and the arithmetic that turns its relative time into dates.

A news report says "last year", "this week", "on Thursday"; the handbook must
say 2022, October 2023, April 13, 2023. Each source's date (its bibliography
entry's ``date`` field, as precise as is known) resolves them. This module
does the calendar arithmetic; :mod:`.extract` finds the phrases.

>>> friday = PublicationDate(2023, 4, 14)
>>> weekday_before(friday, 3)  # Thursday
datetime.date(2023, 4, 13)
>>> months_of_week(PublicationDate(2023, 10, None), -1)
[(2023, 9), (2023, 10)]
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple


class PublicationDate(NamedTuple):
    """A source's date, as precise as it is known (``month``/``day`` may be None)."""

    year: int
    month: int | None
    day: int | None

    @classmethod
    def parse(cls, text: str) -> PublicationDate:
        """Parse an ISO 8601 date of any precision.

        >>> PublicationDate.parse("2023-04")
        PublicationDate(year=2023, month=4, day=None)
        >>> PublicationDate.parse("April 2023")
        Traceback (most recent call last):
        ...
        ValueError: not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): 'April 2023'
        >>> PublicationDate.parse("2023-02-30")
        Traceback (most recent call last):
        ...
        ValueError: day is out of range for month
        """
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
        if not match:
            raise ValueError(f"not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        year = int(match[1])
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        datetime.date(year, month or 1, day or 1)  # raises ValueError if impossible
        return cls(year, month, day)

    @property
    def as_date(self) -> datetime.date | None:
        """The day itself, if the date is day-precise."""
        if self.month is None or self.day is None:
            return None
        return datetime.date(self.year, self.month, self.day)


def months_later(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after (or before, if negative) a month.

    >>> months_later(2023, 1, -1), months_later(2023, 12, 1)
    ((2022, 12), (2024, 1))
    """
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return year, index + 1


def year_of_month(month: int, published: PublicationDate) -> int:
    """The year of a month named without one, in a source of that date.

    A month after the source's own month is in the year before: "in November"
    in a March 2023 article is November 2022.

    >>> year_of_month(11, PublicationDate(2023, 3, 28)), year_of_month(2, PublicationDate(2023, 3, 28))
    (2022, 2023)
    """
    if published.month is not None and month > published.month:
        return published.year - 1
    return published.year


def year_of_season(starts: int, published: PublicationDate) -> int:
    """The year of a season named without one ("over the summer").

    In an October article it is that year's summer, in a March article the
    year before's.

    >>> year_of_season(6, PublicationDate(2023, 10, None)), year_of_season(6, PublicationDate(2023, 3, 28))
    (2023, 2022)
    """
    late = published.month is not None and published.month < starts
    return published.year - late


def months_of_week(published: PublicationDate, offset: int) -> list[tuple[int, int]]:
    """The months a week named relative to a source's date can fall in.

    ``offset`` is -1 for "last week", 0 for "this week", 1 for "next week".
    With a day, the week (Monday to Sunday) is exact; with only a month, "this
    week" is in that month and "last week" may be in the one before.

    >>> months_of_week(PublicationDate(2023, 10, None), 0)
    [(2023, 10)]
    >>> months_of_week(PublicationDate(2023, 4, 14), -1)
    [(2023, 4)]
    >>> months_of_week(PublicationDate(2023, 3, 1), 0)
    [(2023, 2), (2023, 3)]
    >>> months_of_week(PublicationDate(2023, None, None), 0)
    []
    """
    if published.month is None:
        return []
    day = published.as_date
    if day is None:
        months = {(published.year, published.month)}
        months.add(months_later(published.year, published.month, offset))
        return sorted(months)
    monday = day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=offset)
    week = (monday + datetime.timedelta(days=n) for n in range(7))
    return sorted({(d.year, d.month) for d in week})


def months_of_recent_days(published: PublicationDate, days: int) -> list[tuple[int, int]]:
    """The months of the last ``days`` days up to a day-precise source date.

    >>> months_of_recent_days(PublicationDate(2023, 4, 14), 14)
    [(2023, 3), (2023, 4)]
    """
    day = published.as_date
    if day is None:
        return []
    span = (day - datetime.timedelta(days=n) for n in range(days + 1))
    return sorted({(d.year, d.month) for d in span})


def weekday_before(published: PublicationDate, weekday: int) -> datetime.date | None:
    """The last day of that weekday on or before a day-precise source date.

    "On Thursday" in a Friday article is the day before; "on Friday" the day itself.

    >>> weekday_before(PublicationDate(2023, 4, 14), 4)
    datetime.date(2023, 4, 14)
    >>> weekday_before(PublicationDate(2023, 4, None), 4) is None
    True
    """
    day = published.as_date
    if day is None:
        return None
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)
