"""The words the fact check reads figures, dates and contexts by, per language.

The matcher knows no English: every word it looks for (month names, number
words, qualifiers such as "nearly", the words of relative time, the stop words
that never tell one context from another, the abbreviations that do not end a
sentence) comes from a :class:`Vocabulary`. English is :data:`english.ENGLISH`;
another language is added by writing a module like :mod:`.english` and
registering it here, without touching the matcher.

>>> get_vocabulary("en").months["Sept"]
9
>>> get_vocabulary("xx")
Traceback (most recent call last):
...
KeyError: "no vocabulary for language 'xx' (known: en)"
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from collections.abc import Mapping
from decimal import Decimal

from ..figures import Qualifier


@dataclasses.dataclass(frozen=True, eq=False)
class Vocabulary:
    """Everything language-specific the fact check reads.

    Word lists are in the case the texts use them ("January", "nearly");
    matching is case-insensitive where the grammar says so.
    """

    #: The language's code (``factcheck_language``).
    code: str
    #: Month names and abbreviations, to the month's number (1-12).
    months: Mapping[str, int]
    #: A month name that is also a common word ("May"): a month only after these words.
    ambiguous_months: Mapping[str, tuple[str, ...]]
    #: Weekday names, to Python's weekday number (Monday is 0).
    weekdays: Mapping[str, int]
    #: Number words below ten, from ten to nineteen, and the tens.
    units: Mapping[str, int]
    teens: Mapping[str, int]
    tens: Mapping[str, int]
    #: Words that multiply the number before them ("million").
    scales: Mapping[str, Decimal]
    #: The word for twelve of a thing ("dozen") and for one half.
    dozen: str
    half: str
    #: Fractions written as words, to their denominator ("third": 3).
    fractions: Mapping[str, int]
    #: Words that say a number is a percentage ("percent", "per cent").
    percent: tuple[str, ...]
    #: Words that join the terms of a ratio ("two in three", "two out of three").
    ratio_joiners: tuple[str, ...]
    #: Words before a fiscal year ("FY 2022").
    fiscal_year: tuple[str, ...]
    #: Qualifiers, to the direction they give the figure after them.
    qualifiers: Mapping[str, Qualifier]
    #: Words that place a period before, at or after the source's date, to the offset:
    #: "last" -1, "this" 0, "next" 1; None for a span, not a calendar period ("past").
    relative: Mapping[str, int | None]
    #: The words for a year, a month, a week, a day and their plurals, and "ago".
    year: str
    month: str
    week: str
    days: str
    weeks: str
    ago: str
    #: Words that mean "one" before "year ago" ("a year ago").
    one: tuple[str, ...]
    #: "fiscal" before "year" ("last fiscal year").
    fiscal: str
    #: Seasons named without a year, to the month each starts in, and the
    #: words that name one ("the summer", "this summer").
    seasons: Mapping[str, int]
    season_determiners: tuple[str, ...]
    #: Articles that count as one before "dozen", "third" or "quarter" ("a dozen").
    articles: tuple[str, ...]
    #: Words that never say what a figure counts ("the", "of").
    function_words: frozenset[str]
    #: Words too common to tell one context from another.
    stop_words: frozenset[str]
    #: Words that end with a full stop without ending a sentence ("U.S", "Sen").
    abbreviations: frozenset[str]
    #: Words for a people or a country's adjective, to the country's name
    #: ("Mexican": "Mexico"): a sentence may call a country by either.
    demonyms: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: Words that give a person's office or party, not part of a name to prove.
    titles: frozenset[str] = frozenset()
    #: Words that say what a figure measures or counts, to the measure they name
    #: ("lbs": "pound"): a figure must measure what its source's figure measures.
    measures: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: Words that make a figure a rate ("per", "a", "every") and the periods of a rate
    #: ("day": "day", "days": "day").
    rate_words: frozenset[str] = frozenset()
    periods: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: Word lists of the language (one word a line, names capitalized), the first
    #: that exists is read: its lower-case words are the common words a sentence
    #: may start with, which are not names.
    word_lists: tuple[str, ...] = ()
    #: Words that open and join a span of years ("between 2014 and 2018", "from 2019 to 2022").
    range_openers: tuple[str, ...] = ()
    range_joiners: tuple[str, ...] = ()
    #: Words for the currency a "$" stands for, written after an amount ("10 billion dollars").
    currency: tuple[str, ...] = ()
    #: The articles that make a phrase definite ("the").
    definite_articles: tuple[str, ...] = ()
    #: Words that stand for a person or a thing: capitalized at a sentence's start,
    #: never a name ("She", "His").
    pronouns: frozenset[str] = frozenset()
    #: Words passed over in reading the words beside a name ("the Justice
    #: Department also revealed charges").
    auxiliaries: frozenset[str] = frozenset()
    #: Words that join clauses or items ("but", "and"), and those that join the
    #: items of a list, which share a role ("Afghanistan, Argentina, and Mexico").
    conjunctions: frozenset[str] = frozenset()
    list_joiners: frozenset[str] = frozenset()

    @functools.cached_property
    def number_words(self) -> frozenset[str]:
        """Every word for a number below a hundred."""
        return frozenset([*self.units, *self.teens, *self.tens])

    @functools.cached_property
    def not_distinctive(self) -> frozenset[str]:
        """Stop words and number words (in lower case): never a figure's context."""
        return self.stop_words | {word.lower() for word in self.number_words}


_REGISTRY: dict[str, str] = {"en": "english"}


def get_vocabulary(code: str) -> Vocabulary:
    """The vocabulary of a language, by its code (``factcheck_language``)."""
    if code not in _REGISTRY:
        raise KeyError(f"no vocabulary for language {code!r} (known: {', '.join(_REGISTRY)})")
    module = importlib.import_module(f"{__name__}.{_REGISTRY[code]}")
    vocabulary: Vocabulary = module.VOCABULARY
    return vocabulary


def known_languages() -> tuple[str, ...]:
    """The codes :func:`get_vocabulary` knows."""
    return tuple(_REGISTRY)


@functools.cache
def common_words(vocabulary: Vocabulary) -> frozenset[str]:
    """The lower-case words of the language's word list, or none if it has none installed."""
    for name in vocabulary.word_lists:
        try:
            with open(name, encoding="utf-8", errors="replace") as stream:
                return frozenset([line.strip() for line in stream if line[:1].islower()])
        except OSError:
            continue
    return frozenset()
