"""Finding the figures in a text: numbers, percentages, money, ratios and dates.

A :class:`Figure` is what the fact check proves: a value of a kind, with the
qualifier that gives its direction ("nearly", "more than", "roughly"). The
same extractor reads a chapter's sentence and a source, so both sides agree on
what a figure is.

>>> [f.describe() for f in extract_figures("Nearly 110,000 people died in 2022.")]
['Nearly 110,000 (number 110000, below)', '2022 (year 2022)']
>>> [f.describe() for f in extract_figures("rose over 500% between FY 2019-22")]
['over 500% (percent 500, above)', 'FY 2019-22 (range 2019-2022)']
>>> [f.describe() for f in extract_figures("two in three deaths; more than two dozen")]
['two in three (ratio 2/3)', 'more than two dozen (number 24, above)']
>>> [f.describe() for f in extract_figures("more than half, a third, two-thirds")]
['more than half (number 0.5, above)', 'a third (ratio 1/3)', 'two-thirds (ratio 2/3)']
>>> [f.value for f in extract_figures("500 percent, $10 billion, eleven, 7.8")]
[Decimal('500'), Decimal('10000000000'), Decimal('11'), Decimal('7.8')]

A source is read with its publication date, which resolves relative time:

>>> article = PublicationDate(2023, 10, None)
>>> [f.describe() for f in extract_figures("died last year", published=article)]
['last year (year 2022, from the source date)']
>>> nbc = PublicationDate(2023, 4, 14)
>>> [f.describe() for f in extract_figures("met on Thursday", published=nbc)]  # doctest: +NORMALIZE_WHITESPACE
['Thursday (date 2023-04-13, from the source date)', 'Thursday (year 2023, from the source date)',
 'Thursday (month 2023-04, from the source date)']
>>> [f.describe() for f in extract_figures("this week, over the summer", published=article)]  # doctest: +NORMALIZE_WHITESPACE
['this week (month 2023-10, from the source date)', 'this week (year 2023, from the source date)',
 'the summer (year 2023, from the source date)']
>>> [f.describe() for f in extract_figures("the past two weeks", published=nbc) if f.derived][:2]
['past two weeks (month 2023-03, from the source date)', 'past two weeks (month 2023-04, from the source date)']
>>> [f.describe() for f in extract_figures("in May, but it may not", published=article)]
['May (month 2023-05, from the source date)', 'May (year 2023, from the source date)']
"""

from __future__ import annotations

import bisect
import datetime
import enum
import re
from decimal import Decimal
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
        """
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
        if not match:
            raise ValueError(f"not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if day is not None:
            datetime.date(year, month or 1, day)  # raises ValueError if impossible
        return cls(year, month, day)


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
    #: The distinctive words within a few words of the figure (:func:`context_words`).
    near: frozenset[str] = frozenset()
    #: The distinctive words of its wider context: the whole sentence of a claim,
    #: the sentence and the near words of a source's figure.
    context: frozenset[str] = frozenset()
    #: The word that says what it counts: the first word right after it, before
    #: any punctuation ("four *representatives*", "11 *other* lawmakers"), or "".
    unit: str = ""

    @property
    def key(self) -> tuple[Kind, object]:
        """What two figures must share to be compared (a date without its year)."""
        if self.kind in (Kind.MONTH, Kind.DATE):
            return (self.kind, self.value[1:])
        return (self.kind, self.value)

    def describe(self) -> str:
        """A short human description, used in reports."""
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
        return f"{self.text} ({', '.join(notes)})"


def supports(evidence: Figure, claim: Figure) -> bool:
    """Whether a figure found in a source supports a figure in a chapter.

    Values must be equal, quantities must keep their qualifier's direction,
    and a date or month must agree on the year where the chapter gives one.

    >>> source = extract_figures("Nearly 110,000 people")[0]
    >>> supports(source, extract_figures("nearly 110,000")[0])
    True
    >>> supports(source, extract_figures("more than 110,000")[0])
    False
    >>> supports(source, extract_figures("110,000")[0])
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


# -- Vocabulary ----------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    )
}
UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
QUALIFIERS = {
    "nearly": Qualifier.BELOW,
    "almost": Qualifier.BELOW,
    "just under": Qualifier.BELOW,
    "fewer than": Qualifier.BELOW,
    "less than": Qualifier.BELOW,
    "up to": Qualifier.BELOW,
    "more than": Qualifier.ABOVE,
    "over": Qualifier.ABOVE,
    "at least": Qualifier.ABOVE,
    "just over": Qualifier.ABOVE,
    "upwards of": Qualifier.ABOVE,
    "above": Qualifier.ABOVE,
    "roughly": Qualifier.ABOUT,
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
}


def _alternatives(words: object) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH = rf"(?:{_alternatives(MONTHS)})\b\.?"
_YEAR = r"(?:19|20)\d\d"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = rf"(?:\s+(?i:{_alternatives(k for k in SCALES if k != 'hundred')})\b)?"
_SMALL = rf"(?i:{_alternatives([*UNITS, *TEENS])})"
_WORD = (
    rf"(?i:(?:{_alternatives(TENS)})(?:[-\s](?:{_alternatives(UNITS)}))?"
    rf"|(?:{_alternatives([w for w in UNITS if w != 'one'])}|{_alternatives(TEENS)}))"
)
_FIGURE = re.compile(
    "|".join(
        [
            rf"(?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d)\b)",
            rf"(?P<isomonth>\b(?P<isomonth_y>{_YEAR})-(?P<isomonth_m>0[1-9]|1[0-2])\b(?!-))",
            rf"(?P<mdy>\b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<mdy_y>{_YEAR})\b)?)",
            rf"(?P<dmy>\b(?P<dmy_d>[0-3]?\d)\s+(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR})\b)?)",
            rf"(?P<my>\b(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR})\b)",
            rf"(?P<range>\b(?:FY\s?)?(?P<range_a>{_YEAR})\s?[-–]\s?(?P<range_b>(?:19|20)?\d\d)\b)",
            rf"(?P<fy>\b(?:FY|[Ff]iscal\s+[Yy]ear)\s?(?P<fy_y>{_YEAR})\b)",
            rf"(?P<money>\$\s?(?P<money_n>{_NUM})(?P<money_s>{_SCALE}))",
            rf"(?P<pct>(?<![\w.,$-])(?P<pct_n>{_NUM})\s?(?:%|(?i:percent|per\s+cent)\b))",
            rf"(?P<ratio>\b(?P<ratio_a>{_SMALL}|\d{{1,2}})\s+(?:in|out\s+of)\s+"
            rf"(?P<ratio_b>{_SMALL}|(?i:{_alternatives(TENS)})|\d{{1,2}})\b)",
            rf"(?P<dozen>\b(?P<dozen_a>(?i:an?)|{_WORD}|\d+)\s+(?i:dozen)\b)",
            rf"(?P<num>(?<![\w.,$-])(?P<num_n>{_NUM})(?![\w%])(?P<num_s>{_SCALE}))",
            r"(?P<half>\b(?i:half)\b)",
            r"(?P<frac>\b(?P<frac_a>(?i:an?|one|two|three))[-\s](?P<frac_b>(?i:third|quarter))s?\b)",
            rf"(?P<word>\b(?P<word_n>{_WORD})\b(?P<word_s>{_SCALE}))",
        ]
    )
)
#: What every figure holds: a digit, or a word for a number or a share.
_MAYBE_FIGURE = re.compile(
    rf"\d|\b(?i:half|thirds?|quarters?|dozen|{_alternatives([*UNITS, *TEENS, *TENS])})\b"
)
_QUALIFIER = re.compile(rf"\b(?P<q>{_alternatives(QUALIFIERS)})\s+$", re.IGNORECASE)
_RELATIVE_YEAR = re.compile(
    r"\b(?P<which>last|this|next|past|previous)\s+(?:fiscal\s+)?year\b|\b(?P<ago>a|one)\s+year\s+ago\b",
    re.IGNORECASE,
)
_RELATIVE_MONTH = re.compile(r"\b(?P<which>last|this|next)\s+month\b", re.IGNORECASE)
_RELATIVE_WEEK = re.compile(r"\b(?P<which>last|this|next)\s+week\b", re.IGNORECASE)
_RECENT_SPAN = re.compile(
    rf"\b(?:past|last|previous)\s+(?P<n>\d{{1,2}}|{_SMALL})\s+(?P<unit>days|weeks)\b",
    re.IGNORECASE,
)
#: A season named without a year, and the month it starts in.
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9}
_SEASON = re.compile(rf"\b(?:the|this)\s+(?P<season>{_alternatives(SEASONS)})\b", re.IGNORECASE)
#: "May" is a month only where it cannot be the verb: "in May", "since May".
_MAY = re.compile(r"\b(?:in|since|until|by|early|late|mid-)\s*May\b")
_WEEKDAY = re.compile(rf"\b(?P<day>{_alternatives(WEEKDAYS)})\b")
_BARE_MONTH = re.compile(rf"\b(?P<m>{_alternatives(n for n in MONTHS if len(n) > 3)})\b")


#: How many words on each side of a figure make its context.
CONTEXT_WORDS = 8
#: Words that never say what a figure counts.
_FUNCTION_WORDS = frozenset("a an the of on in at to and or by for from with as".split())
_STOP_WORDS = frozenset(
    """that this with from have been were they their there which when what will would could
    should about after before also more than over into said says according against while
    where other such some these those them then only very just even most much many each both
    because being does done during through under until upon your nearly almost roughly
    around least year years last next month week percent
    """.split()
)
_NOT_DISTINCTIVE = _STOP_WORDS.union(UNITS, TEENS, TENS)
_TOKEN = re.compile(r"\S+")
_NOT_LETTER = re.compile(r"[^a-záéíóúñü]")
#: The last characters of a word that ends a phrase, a table cell's "|" included.
_CLOSING = frozenset(',;:.!?)]|”"')


def stem(word: str) -> str:
    """A crude stem for comparing contexts: letters only, lower case, four at most.

    >>> stem("Kidnapped,"), stem("kidnapping"), stem("snub"), stem("snubbed")
    ('kidn', 'kidn', 'snub', 'snub')
    """
    return re.sub(r"[^a-záéíóúñü]", "", word.lower())[:4]


class Words:
    """A text's words, read once, for the contexts of many figures in it.

    Each word is kept with its offset and, if it is distinctive (four letters
    or more, not a stop word nor a number word), its :func:`stem`.
    """

    def __init__(self, text: str) -> None:
        tokens = [(match.start(), match.group()) for match in _TOKEN.finditer(text)]
        self.starts = [start for start, _ in tokens]
        self.ends = [start + len(token) for start, token in tokens]
        self.plain = [_NOT_LETTER.sub("", token.lower()) for _, token in tokens]
        #: Whether a word ends a phrase (a comma, a full stop, a bracket, a cell).
        self.closes = [token[-1] in _CLOSING for _, token in tokens]
        self.stems: list[str | None] = [
            plain[:4] if len(plain) >= 4 and plain not in _NOT_DISTINCTIVE else None
            for plain in self.plain
        ]

    def around(self, start: int, end: int, window: int | None = CONTEXT_WORDS) -> frozenset[str]:
        """The stems of the distinctive words before ``start`` and after ``end``."""
        before = bisect.bisect_right(self.ends, start)  # words ending at or before start
        after = bisect.bisect_left(self.starts, end)  # words starting at or after end
        first = 0 if window is None else max(0, before - window)
        last = len(self.stems) if window is None else after + window
        chosen = self.stems[first:before] + self.stems[after:last]
        return frozenset(word for word in chosen if word)

    def following(self, end: int) -> str:
        """The first word after ``end`` that is not a function word, before any
        punctuation, in lower case; "" if there is none."""
        index = bisect.bisect_left(self.starts, end)
        if index > 0 and self.ends[index - 1] > end and self.closes[index - 1]:
            return ""  # the figure's own word ends the phrase: "in 2022,"
        for plain, closes in zip(self.plain[index:], self.closes[index:], strict=True):
            if plain and plain not in _FUNCTION_WORDS:
                return plain
            if closes:
                return ""  # a comma, a full stop, a table's cell separator
        return ""


def unit_word(text: str, end: int) -> str:
    """What the figure ending at ``end`` counts: the word right after it.

    >>> unit_word("seven senators and four representatives on the trip", 23)
    'representatives'
    >>> unit_word("with 10 other U.S. lawmakers, she said", 7)
    'other'
    >>> unit_word("in 2022, the agency said", 7)
    ''
    """
    return Words(text).following(end)


def word_stems(text: str) -> frozenset[str]:
    """The stems of every distinctive word of ``text``.

    >>> sorted(word_stems("Four U.S. citizens were kidnapped, two of them killed"))
    ['citi', 'kidn', 'kill']
    """
    return Words(text).around(0, 0, None)


def context_words(
    text: str, start: int, end: int, window: int | None = CONTEXT_WORDS
) -> frozenset[str]:
    """The stems of the distinctive words near ``text[start:end]``.

    Like the prefix and suffix of a W3C TextQuoteSelector, the context tells
    one figure from the same value elsewhere: "four U.S. citizens were
    kidnapped" is not supported by "five separate bookings" nearby.

    ``window`` words on each side are read, or the whole text if it is None.

    >>> sorted(context_words("four U.S. citizens were kidnapped, two of them killed", 0, 4))
    ['citi', 'kidn', 'kill']
    """
    return Words(text).around(start, end, window)


def _number(text: str) -> Decimal:
    """The value of a written number: digits (with thousands commas) or words.

    >>> _number("32,223"), _number("twenty-five"), _number("Eleven"), _number("an")
    (Decimal('32223'), Decimal('25'), Decimal('11'), Decimal('1'))
    """
    text = text.lower()
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    if text in ("a", "an"):
        return Decimal(1)
    total = 0
    for part in re.split(r"[-\s]+", text):
        total += UNITS.get(part) or TEENS.get(part) or TENS[part]
    return Decimal(total)


def _scaled(number: str, scale: str) -> Decimal:
    value = _number(number)
    scale = scale.strip().lower()
    return value * SCALES[scale] if scale else value


def _qualifier(text: str, start: int) -> tuple[Qualifier, int]:
    match = _QUALIFIER.search(text[max(0, start - 20) : start])
    if not match:
        return Qualifier.EXACT, start
    return QUALIFIERS[match["q"].lower()], start - (len(match.group(0)))


def _year_of(month: int, published: PublicationDate) -> int:
    """The year of a month named without one, in a source of that date."""
    if published.month is not None and month > published.month:
        return published.year - 1
    return published.year


def extract_figures(
    text: str,
    published: PublicationDate | None = None,
    context: int | None = CONTEXT_WORDS,
    near: int | None = CONTEXT_WORDS,
) -> list[Figure]:
    """Every figure in ``text``, in order of position.

    Each figure records the words around it: ``near`` words on each side
    (None: the whole text) and, more widely, ``context`` words.

    With ``published`` (reading a source), relative time ("last year", "this
    month", "on Thursday") and dates written without a year are resolved
    against the source's date, and every dated figure also yields its year.

    >>> [f.describe() for f in extract_figures("On March 22, 2023, and on 2023-04-13")]
    ['March 22, 2023 (date 2023-03-22)', '2023-04-13 (date 2023-04-13)']
    >>> [f.describe() for f in extract_figures("Under House Bill 2036, about 7.8 per 100,000")]
    ['2036 (year 2036)', 'about 7.8 (number 7.8, about)', '100,000 (number 100000)']
    """
    if published is None and not _MAYBE_FIGURE.search(text):
        return []  # most sentences hold no figure: say so without the full scan
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(kind: Kind, value: object, match_start: int, end: int, derived: bool = False) -> None:
        qualifier, start = (
            _qualifier(text, match_start) if kind in QUANTITIES else (Qualifier.EXACT, match_start)
        )
        figures.append(Figure(kind, value, qualifier, text[start:end], start, end, derived))

    for match in _FIGURE.finditer(text):
        group = match.lastgroup
        start, end = match.span()
        taken.append((start, end))
        if group == "iso":
            year, month, day = int(match["iso_y"]), int(match["iso_m"]), int(match["iso_d"])
            add(Kind.DATE, (year, month, day), start, end)
        elif group == "isomonth":
            add(Kind.MONTH, (int(match["isomonth_y"]), int(match["isomonth_m"])), start, end)
        elif group in ("mdy", "dmy"):
            month = MONTHS[match[f"{group}_m"].rstrip(".")]
            day = int(match[f"{group}_d"])
            year = int(match[f"{group}_y"]) if match[f"{group}_y"] else None
            derived = False
            if year is None and published is not None:
                year, derived = _year_of(month, published), True
            add(Kind.DATE, (year, month, day), start, end, derived)
        elif group == "my":
            add(
                Kind.MONTH,
                (int(match["my_y"]), MONTHS[match["my_m"].rstrip(".").rstrip(",")]),
                start,
                end,
            )
        elif group == "range":
            first, last = match["range_a"], match["range_b"]
            last_year = int(last) if len(last) == 4 else int(first[:2] + last)
            if last_year <= int(first):
                add(Kind.YEAR, int(first), start, end)
                continue
            add(Kind.RANGE, (int(first), last_year), start, end)
            if published is not None:  # a source's range supports each of its years
                add(Kind.YEAR, int(first), start, end)
                add(Kind.YEAR, last_year, start, end)
        elif group == "fy":
            add(Kind.YEAR, int(match["fy_y"]), start, end)
        elif group == "money":
            add(Kind.MONEY, _scaled(match["money_n"], match["money_s"]), start, end)
        elif group == "pct":
            add(Kind.PERCENT, _number(match["pct_n"]), start, end)
        elif group == "ratio":
            add(
                Kind.RATIO,
                (int(_number(match["ratio_a"])), int(_number(match["ratio_b"]))),
                start,
                end,
            )
        elif group == "dozen":
            add(Kind.NUMBER, _number(match["dozen_a"]) * 12, start, end)
        elif group == "num":
            digits, scale = match["num_n"], match["num_s"]
            if re.fullmatch(_YEAR, digits) and not scale:
                add(Kind.YEAR, int(digits), start, end)
            else:
                add(Kind.NUMBER, _scaled(digits, scale), start, end)
        elif group == "half":
            add(Kind.NUMBER, Decimal("0.5"), start, end)
        elif group == "frac":
            parts = 3 if match["frac_b"].lower() == "third" else 4
            add(Kind.RATIO, (int(_number(match["frac_a"])), parts), start, end)
        elif group == "word":
            add(Kind.NUMBER, _scaled(match["word_n"], match["word_s"]), start, end)

    if published is not None:
        figures.extend(_resolved_relative_time(text, published, taken))
        figures.extend(
            Figure(Kind.YEAR, f.value[0], Qualifier.EXACT, f.text, f.start, f.end, f.derived)
            for f in list(figures)
            if f.kind in (Kind.DATE, Kind.MONTH) and f.value[0] is not None
        )
        # A day also dates its month: "on Thursday" supports "April 2023".
        figures.extend(
            Figure(Kind.MONTH, f.value[:2], Qualifier.EXACT, f.text, f.start, f.end, f.derived)
            for f in list(figures)
            if f.kind is Kind.DATE and f.value[0] is not None
        )
    figures.sort(key=lambda f: (f.start, f.kind in (Kind.YEAR, Kind.MONTH)))
    if not figures:
        return []
    words = Words(text)
    located = []
    for figure in figures:
        close = words.around(figure.start, figure.end, near)
        wide = close if context == near else words.around(figure.start, figure.end, context)
        unit = words.following(figure.end)
        located.append(figure._replace(near=close, context=wide, unit=unit))
    return located


def _resolved_relative_time(
    text: str, published: PublicationDate, taken: list[tuple[int, int]]
) -> list[Figure]:
    """Figures a source states relative to its own date."""

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    found: list[Figure] = []
    for match in _RELATIVE_YEAR.finditer(text):
        which = (match["which"] or "last").lower()
        if which == "past":
            continue  # "over the past year": a span, not a calendar year
        offset = {"last": -1, "previous": -1, "this": 0, "next": 1}[which]
        found.append(
            Figure(
                Kind.YEAR,
                published.year + offset,
                Qualifier.EXACT,
                match.group(0),
                *match.span(),
                True,
            )
        )
    if published.month is not None:
        for match in _RELATIVE_MONTH.finditer(text):
            offset = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
            found.append(
                Figure(
                    Kind.MONTH,
                    _months_later(published.year, published.month, offset),
                    Qualifier.EXACT,
                    match.group(0),
                    *match.span(),
                    True,
                )
            )
        bare_months = [(m.span("m"), m["m"]) for m in _BARE_MONTH.finditer(text)]
        bare_months += [((m.end() - 3, m.end()), "May") for m in _MAY.finditer(text)]
        for span, name in bare_months:
            if free(*span):
                month = MONTHS[name]
                found.append(
                    Figure(
                        Kind.MONTH,
                        (_year_of(month, published), month),
                        Qualifier.EXACT,
                        text[span[0] : span[1]],
                        *span,
                        True,
                    )
                )
    for match in _SEASON.finditer(text):
        # "over the summer" in an October article is that year's summer, in a
        # March article the year before's.
        starts = SEASONS[match["season"].lower()]
        late = published.month is not None and published.month < starts
        found.append(
            Figure(
                Kind.YEAR,
                published.year - late,
                Qualifier.EXACT,
                match.group(0),
                *match.span(),
                True,
            )
        )
    for match in _RELATIVE_WEEK.finditer(text):
        found.extend(
            Figure(Kind.MONTH, month, Qualifier.EXACT, match.group(0), *match.span(), True)
            for month in _months_of_week(match["which"].lower(), published)
        )
    if published.day is not None:
        day = datetime.date(published.year, published.month or 1, published.day)
        for match in _RECENT_SPAN.finditer(text):
            # "over the past two weeks": the months from that far back to the date
            length = int(_number(match["n"])) * (7 if match["unit"].lower() == "weeks" else 1)
            span = (day - datetime.timedelta(days=n) for n in range(length + 1))
            found.extend(
                Figure(Kind.MONTH, month, Qualifier.EXACT, match.group(0), *match.span(), True)
                for month in sorted({(d.year, d.month) for d in span})
            )
        for match in _WEEKDAY.finditer(text):
            back = (day.weekday() - WEEKDAYS[match["day"]]) % 7
            date = day - datetime.timedelta(days=back)
            found.append(
                Figure(
                    Kind.DATE,
                    (date.year, date.month, date.day),
                    Qualifier.EXACT,
                    match.group(0),
                    *match.span(),
                    True,
                )
            )
    return found


def _months_of_week(which: str, published: PublicationDate) -> list[tuple[int, int]]:
    """The months a week named relative to a source's date can fall in.

    With a day, the week (Monday to Sunday) is exact; with only a month, a
    week "this week" is in that month and "last week" may be in the one before.

    >>> _months_of_week("this", PublicationDate(2023, 10, None))
    [(2023, 10)]
    >>> _months_of_week("last", PublicationDate(2023, 10, None))
    [(2023, 9), (2023, 10)]
    >>> _months_of_week("last", PublicationDate(2023, 4, 14))
    [(2023, 4)]
    >>> _months_of_week("this", PublicationDate(2023, 3, 1))
    [(2023, 2), (2023, 3)]
    >>> _months_of_week("this", PublicationDate(2023, None, None))
    []
    """
    offset = {"last": -1, "this": 0, "next": 1}[which]
    if published.month is None:
        return []
    if published.day is None:
        months = {(published.year, published.month)}
        months.add(_months_later(published.year, published.month, offset))
        return sorted(months)
    day = datetime.date(published.year, published.month, published.day)
    monday = day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=offset)
    week = (monday + datetime.timedelta(days=n) for n in range(7))
    return sorted({(d.year, d.month) for d in week})


def _months_later(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` after (or before, if negative) a month.

    >>> _months_later(2023, 1, -1), _months_later(2023, 12, 1)
    ((2022, 12), (2024, 1))
    """
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return year, index + 1
