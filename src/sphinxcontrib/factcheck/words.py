"""The words around a figure: what places it, and what it counts.

Like the prefix and suffix of a W3C TextQuoteSelector, the words around a
figure tell it from the same value elsewhere: "four U.S. citizens were
kidnapped" is not supported by "five separate bookings" nearby. Words are
compared by a crude :func:`stem` (letters only, lower case, four at most),
and only distinctive ones count: four letters or more, not a stop word nor a
number word of the :class:`~.language.Vocabulary`.

>>> sorted(context_words("four U.S. citizens were kidnapped, two of them killed", 0, 4))
['citi', 'kidn', 'kill']
"""

from __future__ import annotations

import bisect
import functools
import re

from .language import Vocabulary, get_vocabulary

#: How many words on each side of a figure make its context.
CONTEXT_WORDS = 8
#: How many words after a figure may say what it measures ("14,100 *more* pounds"),
#: and how far on, within its phrase, the period of a rate may stand.
MEASURE_REACH = 4
PERIOD_REACH = 12

_TOKEN = re.compile(r"\S+")
_NOT_LETTER = re.compile(r"[^a-záéíóúñü]")
#: The last characters of a word that ends a phrase, a table cell's "|" included.
_CLOSING = frozenset(',;:.!?)]|”"')
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")


def stem(word: str) -> str:
    """A crude stem for comparing contexts: letters only, lower case, four at most.

    >>> stem("Kidnapped,"), stem("kidnapping"), stem("snub"), stem("snubbed")
    ('kidn', 'kidn', 'snub', 'snub')
    """
    return _letters(word.lower())[:4]


def _letters(lowered: str) -> str:
    """The letters of a lower-case word (most words are letters alone: kept as they are).

    >>> _letters("seized"), _letters("lópez,"), _letters("u.s.")
    ('seized', 'lópez', 'us')
    """
    if lowered.isascii() and lowered.isalpha():
        return lowered
    return _NOT_LETTER.sub("", lowered)


@functools.cache
def _not_distinctive(vocabulary: Vocabulary) -> frozenset[str]:
    return vocabulary.not_distinctive


class Words:
    """A text's words, read once, for the contexts of many figures in it.

    Each word is kept with its offset and, if it is distinctive (four letters
    or more, not a stop word nor a number word), its :func:`stem`.
    """

    __slots__ = (
        "starts",
        "ends",
        "plain",
        "closes",
        "stems",
        "function_words",
        "vocabulary",
        "acronyms",
    )

    def __init__(self, text: str, vocabulary: Vocabulary | None = None) -> None:
        vocabulary = vocabulary or get_vocabulary("en")
        skip = _not_distinctive(vocabulary)
        matches = list(_TOKEN.finditer(text))
        self.starts = [match.start() for match in matches]
        self.ends = [match.end() for match in matches]
        tokens = [match.group() for match in matches]
        self.plain = [_letters(token.lower()) for token in tokens]
        #: Whether a word is an abbreviation like "U.S.", which qualifies what a figure
        #: counts ("seven U.S. senators") but is not it (only a word with a full stop
        #: can be one).
        self.acronyms = [
            "." in token and bool(_ACRONYM.fullmatch(token.rstrip(",;:"))) for token in tokens
        ]
        #: Whether a word ends a phrase (a comma, a full stop, a bracket, a cell).
        self.closes = [
            token[-1] in _CLOSING and not ("." in token and _ACRONYM.fullmatch(token))
            for token in tokens
        ]
        # One string object per distinct stem: the many sets built from them then
        # share their strings, in memory and in a stored index.
        shared: dict[str, str] = {}
        self.stems: list[str | None] = [
            shared.setdefault(plain[:4], plain[:4])
            if len(plain) >= 4 and plain not in skip
            else None
            for plain in self.plain
        ]
        self.function_words = vocabulary.function_words
        self.vocabulary = vocabulary

    def around(self, start: int, end: int, window: int | None = CONTEXT_WORDS) -> frozenset[str]:
        """The stems of the distinctive words before ``start`` and after ``end``."""
        before = bisect.bisect_right(self.ends, start)  # words ending at or before start
        after = bisect.bisect_left(self.starts, end)  # words starting at or after end
        first = 0 if window is None else max(0, before - window)
        last = len(self.stems) if window is None else after + window
        chosen = self.stems[first:before] + self.stems[after:last]
        return frozenset(filter(None, chosen))  # stems, not the None of other words

    def all(self) -> frozenset[str]:
        """The stems of every distinctive word."""
        return frozenset(filter(None, self.stems))

    def following(self, end: int) -> str:
        """The first word after ``end`` that is not a function word, before any
        punctuation, in lower case; "" if there is none."""
        index = bisect.bisect_left(self.starts, end)
        if index > 0 and self.ends[index - 1] > end and self.closes[index - 1]:
            return ""  # the figure's own word ends the phrase: "in 2022,"
        function_words, plains, closes, acronyms = (
            self.function_words,
            self.plain,
            self.closes,
            self.acronyms,
        )
        for position in range(index, len(plains)):  # not slices: the rest may be long
            plain = plains[position]
            if plain and plain not in function_words and not acronyms[position]:
                return plain
            if closes[position]:
                return ""  # a comma, a full stop, a table's cell separator
        return ""

    def measure(self, end: int) -> tuple[str, str]:
        """What a figure ending at ``end`` measures, and per what period if it is a rate:
        the first measure word among the next few words of its phrase, and a period
        after a rate word ("6,000 people ... every day": ``("person", "day")``)."""
        index = bisect.bisect_left(self.starts, end)
        if index > 0 and self.ends[index - 1] > end and self.closes[index - 1]:
            return "", ""
        measures, periods = self.vocabulary.measures, self.vocabulary.periods
        measure = period = ""
        rate = False
        for position, (plain, closes) in enumerate(
            zip(
                self.plain[index : index + PERIOD_REACH],
                self.closes[index : index + PERIOD_REACH],
                strict=True,
            )
        ):
            if rate and plain in periods and not period:
                period = periods[plain]
            elif plain in measures and not measure and position < MEASURE_REACH:
                measure = measures[plain]
            rate = plain in self.vocabulary.rate_words
            if closes:
                break
        return measure, period


def unit_word(text: str, end: int, vocabulary: Vocabulary | None = None) -> str:
    """What the figure ending at ``end`` counts: the word right after it.

    >>> unit_word("seven senators and four representatives on the trip", 23)
    'representatives'
    >>> unit_word("with 10 other U.S. lawmakers, she said", 7)
    'other'
    >>> unit_word("in 2022, the agency said", 7)
    ''
    """
    return Words(text, vocabulary).following(end)


def first_words(text: str, vocabulary: Vocabulary | None = None) -> dict[str, str]:
    """The stems of the distinctive words of ``text``, in order, each with the first
    word (as written) that gives it: what :class:`Words` reads, without the rest.

    >>> first_words("Officers seized pounds; officers said so.")
    {'offi': 'Officers', 'seiz': 'seized', 'poun': 'pounds;'}
    """
    skip = _not_distinctive(vocabulary or get_vocabulary("en"))
    found: dict[str, str] = {}
    for match in _TOKEN.finditer(text):
        word = match.group()
        plain = _letters(word.lower())
        if len(plain) >= 4 and plain not in skip and plain[:4] not in found:
            found[plain[:4]] = word
    return found


def word_stems(text: str, vocabulary: Vocabulary | None = None) -> frozenset[str]:
    """The stems of every distinctive word of ``text``.

    >>> sorted(word_stems("Four U.S. citizens were kidnapped, two of them killed"))
    ['citi', 'kidn', 'kill']
    """
    # What Words(text).all() gives, without the offsets and marks it also reads.
    return frozenset(first_words(text, vocabulary))


def context_words(
    text: str,
    start: int,
    end: int,
    window: int | None = CONTEXT_WORDS,
    vocabulary: Vocabulary | None = None,
) -> frozenset[str]:
    """The stems of the distinctive words near ``text[start:end]``.

    ``window`` words on each side are read, or the whole text if it is None.
    """
    return Words(text, vocabulary).around(start, end, window)
