"""Finding the figures in a text: numbers, percentages, money, ratios and dates.

The same extractor reads a chapter's sentence and a source, so both sides
agree on what a figure is (:mod:`.figures`). Its grammar is compiled from a
:class:`~.language.Vocabulary`, so it reads any language that has one.

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

import functools
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .dates import (
    PublicationDate,
    months_later,
    months_of_recent_days,
    months_of_week,
    weekday_before,
    year_of_month,
    year_of_season,
)
from .figures import QUANTITIES, Figure, Kind, Qualifier
from .language import Vocabulary, get_vocabulary
from .words import CONTEXT_WORDS, Words

_YEAR = r"(?:19|20)\d\d"
#: A word (where a figure may start), or a dollar sign.
_WORD_OR_DOLLAR = re.compile(r"\$|\b\w+")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")
#: The kinds of figure (:class:`Grammar`'s groups) that may start with a digit, and
#: those that may start with a word; money written with a sign starts with "$".
_STARTING_WITH_DIGIT = frozenset(
    {"iso", "isomonth", "dmy", "range", "moneyw", "pct", "ratio", "dozen", "num"}
)
_STARTING_WITH_WORD = frozenset(
    {"mdy", "my", "range", "spanned", "fy", "moneyw", "pctw", "ratio", "dozen"}
    | {"half", "frac", "word"}
)


def _group_name(pattern: str) -> str:
    """The name of the group a pattern is.

    >>> _group_name("(?P<num>[0-9]+)")
    'num'
    """
    found = _GROUP_NAME.match(pattern)
    assert found is not None, f"not a named group: {pattern}"
    return found[1]


def _alternatives(words: Iterable[str]) -> str:
    """A regular-expression alternation, longest first, spaces matching any run of space."""
    escaped = (re.escape(word).replace(r"\ ", r"\s+") for word in words)
    return "|".join(sorted(escaped, key=len, reverse=True))


class Grammar:
    """The regular expressions that find figures, compiled from a vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        v = self.vocabulary = vocabulary
        alt = _alternatives
        month = rf"(?:{alt(v.months)})\b\.?"
        scale = rf"(?:\s+(?i:{alt(k for k, n in v.scales.items() if n > 100)})\b)?"
        small = rf"(?i:{alt([*v.units, *v.teens])})"
        one = [w for w, n in v.units.items() if n == 1]
        below_hundred = (
            rf"(?:{alt(v.tens)})(?:[-\s](?:{alt(v.units)}))?"
            rf"|(?:{alt(w for w in v.units if w not in one)}|{alt(v.teens)})"
        )
        hundreds = [w for w, n in v.scales.items() if n == 100]
        # "nine hundred", "five hundred and twenty": hundreds in words
        word = (
            (
                rf"(?i:(?:{alt([*v.units, *v.teens])})\s+(?:{alt(hundreds)})"
                rf"(?:\s+(?:and\s+)?(?:{below_hundred}))?|{below_hundred})"
            )
            if hundreds
            else rf"(?i:{below_hundred})"
        )
        articles = alt(v.articles)
        numerators = alt(
            [*v.articles, *(w for w, n in v.units.items() if n < max(v.fractions.values()))]
        )
        # An acronym ("FY") is matched as written, a phrase in any case ("Fiscal year").
        fiscal = "|".join(
            [re.escape(w) for w in v.fiscal_year if w.isupper()]
            + [f"(?i:{alt(w for w in v.fiscal_year if not w.isupper())})"]
        )
        #: Each kind of figure's pattern, by group name, in the order they are tried.
        kinds = {
            _group_name(pattern): pattern
            for pattern in [
                rf"(?P<iso>\b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d)\b)",
                rf"(?P<isomonth>\b(?P<isomonth_y>{_YEAR})-(?P<isomonth_m>0[1-9]|1[0-2])\b(?!-))",
                rf"(?P<mdy>\b(?P<mdy_m>{month})\s+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?\b"
                rf"(?:,?\s+(?P<mdy_y>{_YEAR})\b)?)",
                rf"(?P<dmy>\b(?P<dmy_d>[0-3]?\d)\s+(?P<dmy_m>{month})(?:,?\s+(?P<dmy_y>{_YEAR})\b)?)",
                rf"(?P<my>\b(?P<my_m>{month}),?\s+(?:of\s+)?(?P<my_y>{_YEAR})\b)",
                rf"(?P<range>\b(?:(?:{fiscal})\s?)?(?P<range_a>{_YEAR})\s?[-–]\s?"
                rf"(?:(?:{fiscal})\s?)?(?P<range_b>(?:19|20)?\d\d)\b)",
                rf"(?P<spanned>\b(?i:{alt(v.range_openers)})\s+(?:(?:{fiscal})\s?)?(?P<spanned_a>{_YEAR})"
                rf"\s+(?i:{alt(v.range_joiners)})\s+(?:(?:{fiscal})\s?)?(?P<spanned_b>{_YEAR})\b)",
                rf"(?P<fy>\b(?:{fiscal})\s?(?P<fy_y>{_YEAR})\b)",
                rf"(?P<money>\$\s?(?P<money_n>{_NUM})(?P<money_s>{scale}))",
                rf"(?P<moneyw>(?<![\w.,$-])(?P<moneyw_n>{_NUM}|{word})"
                rf"(?P<moneyw_s>(?:[\s-]+(?i:{alt(k for k, n in v.scales.items() if n > 100)}))?)"
                rf"[\s-]+(?i:{alt(v.currency)})\b)",
                rf"(?P<pctw>\b(?P<pctw_n>{word})\s+(?i:{alt(v.percent)})\b)",
                rf"(?P<pct>(?<![\w.,$-])(?P<pct_n>{_NUM})\s?(?:%|(?i:{alt(v.percent)})\b))",
                rf"(?P<ratio>\b(?P<ratio_a>{small}|\d{{1,2}})\s+(?i:{alt(v.ratio_joiners)})\s+"
                rf"(?P<ratio_b>{small}|(?i:{alt(v.tens)})|\d{{1,2}})\b)",
                rf"(?P<dozen>\b(?P<dozen_a>(?i:{articles})|{word}|\d+)\s+(?i:{re.escape(v.dozen)})\b)",
                rf"(?P<num>(?<![\w.,$-])(?P<num_n>{_NUM})(?![\w%])(?P<num_s>{scale}))",
                rf"(?P<half>\b(?i:{re.escape(v.half)})\b)",
                rf"(?P<frac>\b(?P<frac_a>(?i:{numerators}))[-\s](?P<frac_b>(?i:{alt(v.fractions)}))s?\b)",
                rf"(?P<word>\b(?P<word_n>{word})\b(?P<word_s>{scale}))",
            ]
        }
        #: Every figure, as one pattern: the first kind that matches is the figure.
        self.figure = re.compile("|".join(kinds.values()))
        # The same by what the text starts with where it is tried, a digit, a word or a
        # dollar sign: only the kinds that can start so, in the same order, so the
        # first that matches is the same kind (:meth:`figures_in`).
        assert _STARTING_WITH_DIGIT | _STARTING_WITH_WORD | {"money"} == kinds.keys()
        self._at_digit = re.compile(
            "|".join(p for n, p in kinds.items() if n in _STARTING_WITH_DIGIT)
        )
        self._at_word = re.compile(
            "|".join(p for n, p in kinds.items() if n in _STARTING_WITH_WORD)
        )
        self._at_dollar = re.compile(kinds["money"])
        #: Where a figure can start: a dollar sign, a digit, or a word the grammar
        #: begins a figure with. Only these places are tried (:meth:`figures_in`).
        starters = [*v.months, *v.number_words, v.half, v.dozen, *v.fractions, *v.articles]
        starters += list(v.range_openers)
        starters += [phrase.split()[0] for phrase in v.fiscal_year]
        self.starters = frozenset(word.lower() for word in starters)
        #: What every figure holds: a digit, or a word for a number or a share.
        shares = [v.half, v.dozen, *(f"{f}s?" for f in map(re.escape, v.fractions))]
        self.maybe_figure = re.compile(rf"\d|\b(?i:{'|'.join(shares)}|{alt(v.number_words)})\b")
        self.qualifier = re.compile(rf"\b(?P<q>{alt(v.qualifiers)})\s+$", re.IGNORECASE)
        offsets = {w: n for w, n in v.relative.items() if n is not None}
        backwards = [w for w, n in v.relative.items() if n is None or n < 0]
        self.relative_year = re.compile(
            rf"\b(?P<which>{alt(v.relative)})\s+(?:{re.escape(v.fiscal)}\s+)?{re.escape(v.year)}\b"
            rf"|\b(?P<ago>{alt(v.one)})\s+{re.escape(v.year)}\s+{re.escape(v.ago)}\b",
            re.IGNORECASE,
        )
        self.relative_month = re.compile(
            rf"\b(?P<which>{alt(offsets)})\s+{re.escape(v.month)}\b", re.IGNORECASE
        )
        self.relative_week = re.compile(
            rf"\b(?P<which>{alt(offsets)})\s+{re.escape(v.week)}\b", re.IGNORECASE
        )
        self.recent_span = re.compile(
            rf"\b(?:{alt(backwards)})\s+(?P<n>\d{{1,2}}|{small})\s+"
            rf"(?P<unit>{re.escape(v.days)}|{re.escape(v.weeks)})\b",
            re.IGNORECASE,
        )
        self.season = re.compile(
            rf"\b(?:{alt(v.season_determiners)})\s+(?P<season>{alt(v.seasons)})\b", re.IGNORECASE
        )
        self.ambiguous_month = [
            (name, re.compile(rf"\b(?:{alt(before)})\s*{re.escape(name)}\b"))
            for name, before in v.ambiguous_months.items()
        ]
        self.weekday = re.compile(rf"\b(?P<day>{alt(v.weekdays)})\b")
        bare_months = [n for n in v.months if len(n) > 3 and n not in v.ambiguous_months]
        self.bare_month = re.compile(rf"\b(?P<m>{alt(bare_months)})\b")
        #: The words one of which a text must hold for each relative-time pattern to
        #: match, in lower case: a text without them is not scanned for it.
        self.keywords: dict[re.Pattern[str], tuple[str, ...]] = {
            self.relative_year: (v.year,),
            self.relative_month: (v.month,),
            self.relative_week: (v.week,),
            self.recent_span: (v.days, v.weeks),
            self.season: tuple(v.seasons),
            self.weekday: tuple(day.lower() for day in v.weekdays),
            self.bare_month: tuple(month.lower() for month in bare_months),
            **{pattern: (name.lower(),) for name, pattern in self.ambiguous_month},
        }

    def figures_in(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of :attr:`figure` in ``text``, as ``finditer`` would find them.

        The full pattern is tried only where a figure can start, which is what
        makes reading a long source fast.
        """
        position = 0
        starters = self.starters
        for candidate in _WORD_OR_DOLLAR.finditer(text):
            start = candidate.start()
            if start < position:
                continue
            word = candidate.group()
            if not (
                word[0] in "$0123456789"
                or word.lower() in starters
                or word.lower().rstrip("0123456789") in starters  # "FY2019"
            ):
                continue
            first = word[0]
            if first == "$":
                match = self._at_dollar.match(text, start)
            elif first in "0123456789":
                match = self._at_digit.match(text, start)
            else:
                match = self._at_word.match(text, start)
            if match:
                yield match
                position = match.end()

    def relative(
        self, pattern: re.Pattern[str], text: str, lowered: str
    ) -> Iterator[re.Match[str]]:
        """The matches of a relative-time pattern, if the text holds one of its words."""
        if any(word in lowered for word in self.keywords[pattern]):
            yield from pattern.finditer(text)

    def number(self, text: str) -> Decimal:
        """The value of a written number: digits (with thousands commas) or words.

        >>> grammar = get_grammar(get_vocabulary("en"))
        >>> grammar.number("32,223"), grammar.number("twenty-five"), grammar.number("Eleven"), grammar.number("an")
        (Decimal('32223'), Decimal('25'), Decimal('11'), Decimal('1'))
        >>> grammar.number("nine hundred"), grammar.number("five hundred and twenty")
        (Decimal('900'), Decimal('520'))
        """
        v = self.vocabulary
        text = text.lower()
        if text[0].isdigit():
            return Decimal(text.replace(",", ""))
        if text in v.articles:
            return Decimal(1)
        total = below = 0
        for part in re.split(r"[-\s]+", text):
            if part in v.scales and v.scales[part] == 100:
                total, below = total + below * 100, 0  # "nine hundred"
            elif part != "and":
                below += v.units.get(part) or v.teens.get(part) or v.tens[part]
        return Decimal(total + below)

    def scaled(self, number: str, scale: str) -> Decimal:
        value = self.number(number)
        scale = scale.strip(" -").lower()
        return value * self.vocabulary.scales[scale] if scale else value

    def qualifier_before(self, text: str, start: int) -> tuple[Qualifier, int]:
        """The qualifier just before ``start``, and where the figure then starts."""
        match = self.qualifier.search(text[max(0, start - 20) : start])
        if not match:
            return Qualifier.EXACT, start
        return self.vocabulary.qualifiers[match["q"].lower()], start - len(match.group(0))


@functools.cache
def get_grammar(vocabulary: Vocabulary) -> Grammar:
    """The grammar of a vocabulary, compiled once."""
    return Grammar(vocabulary)


def extract_figures(
    text: str,
    published: PublicationDate | None = None,
    context: int | None = CONTEXT_WORDS,
    near: int | None = CONTEXT_WORDS,
    vocabulary: Vocabulary | None = None,
    words: Words | None = None,
) -> list[Figure]:
    """Every figure in ``text``, in order of position.

    Each figure records the words around it: ``near`` words on each side
    (None: the whole text) and, more widely, ``context`` words.

    With ``published`` (reading a source), relative time ("last year", "this
    month", "on Thursday") and dates written without a year are resolved
    against the source's date, and every dated figure also yields its year.
    ``words`` are the text's words, if the caller has read them already.

    >>> [f.describe() for f in extract_figures("On March 22, 2023, and on 2023-04-13")]
    ['March 22, 2023 (date 2023-03-22)', '2023-04-13 (date 2023-04-13)']
    >>> [f.describe() for f in extract_figures("Under House Bill 2036, about 7.8 per 100,000")]
    ['2036 (year 2036)', 'about 7.8 (number 7.8, about)', '100,000 (number 100000)']
    """
    vocabulary = vocabulary or get_vocabulary("en")
    grammar = get_grammar(vocabulary)
    if published is None and not grammar.maybe_figure.search(text):
        return []  # most sentences hold no figure: say so without the full scan
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(kind: Kind, value: object, match_start: int, end: int, derived: bool = False) -> None:
        qualifier, start = (
            grammar.qualifier_before(text, match_start)
            if kind in QUANTITIES
            else (Qualifier.EXACT, match_start)
        )
        figures.append(Figure(kind, value, qualifier, text[start:end], start, end, derived))

    months = vocabulary.months
    for match in grammar.figures_in(text):
        group = match.lastgroup
        start, end = match.span()
        taken.append((start, end))
        if group == "iso":
            year, month, day = int(match["iso_y"]), int(match["iso_m"]), int(match["iso_d"])
            add(Kind.DATE, (year, month, day), start, end)
        elif group == "isomonth":
            add(Kind.MONTH, (int(match["isomonth_y"]), int(match["isomonth_m"])), start, end)
        elif group in ("mdy", "dmy"):
            month = months[match[f"{group}_m"].rstrip(".")]
            day = int(match[f"{group}_d"])
            year = int(match[f"{group}_y"]) if match[f"{group}_y"] else None
            derived = False
            if year is None and published is not None:
                year, derived = year_of_month(month, published), True
            add(Kind.DATE, (year, month, day), start, end, derived)
        elif group == "my":
            add(
                Kind.MONTH,
                (int(match["my_y"]), months[match["my_m"].rstrip(".").rstrip(",")]),
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
        elif group == "spanned":
            first_year, last_year = int(match["spanned_a"]), int(match["spanned_b"])
            if last_year <= first_year:
                continue
            add(Kind.RANGE, (first_year, last_year), start, end)
            if published is not None:  # a source's span supports each of its years
                add(Kind.YEAR, first_year, start, end)
                add(Kind.YEAR, last_year, start, end)
        elif group == "fy":
            add(Kind.YEAR, int(match["fy_y"]), start, end)
        elif group == "money":
            add(Kind.MONEY, grammar.scaled(match["money_n"], match["money_s"]), start, end)
        elif group == "moneyw":
            add(Kind.MONEY, grammar.scaled(match["moneyw_n"], match["moneyw_s"]), start, end)
        elif group == "pctw":
            add(Kind.PERCENT, grammar.number(match["pctw_n"]), start, end)
        elif group == "pct":
            add(Kind.PERCENT, grammar.number(match["pct_n"]), start, end)
        elif group == "ratio":
            ratio = (int(grammar.number(match["ratio_a"])), int(grammar.number(match["ratio_b"])))
            add(Kind.RATIO, ratio, start, end)
        elif group == "dozen":
            add(Kind.NUMBER, grammar.number(match["dozen_a"]) * 12, start, end)
        elif group == "num":
            digits, scale = match["num_n"], match["num_s"]
            if re.fullmatch(_YEAR, digits) and not scale:
                add(Kind.YEAR, int(digits), start, end)
            else:
                add(Kind.NUMBER, grammar.scaled(digits, scale), start, end)
        elif group == "half":
            add(Kind.NUMBER, Decimal("0.5"), start, end)
        elif group == "frac":
            parts = vocabulary.fractions[match["frac_b"].lower()]
            add(Kind.RATIO, (int(grammar.number(match["frac_a"])), parts), start, end)
        elif group == "word":
            add(Kind.NUMBER, grammar.scaled(match["word_n"], match["word_s"]), start, end)

    if published is not None:
        figures.extend(_relative_time(text, published, taken, grammar))
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
    words = words or Words(text, vocabulary)
    placed: dict[tuple[int, int], tuple[frozenset[str], frozenset[str], str, str, str]] = {}
    located = []
    for figure in figures:
        span = figure.start, figure.end
        if span not in placed:  # a date, its month and its year share their words
            close = words.around(*span, near)
            wide = close if context == near else words.around(*span, context)
            placed[span] = close, wide, words.following(figure.end), *words.measure(figure.end)
        if figure.kind is Kind.NUMBER:  # only a count measures something
            located.append(Figure._make((*figure[:7], *placed[span])))
        else:
            located.append(Figure._make((*figure[:7], *placed[span][:3], "", "")))
    return located


def _relative_time(
    text: str, published: PublicationDate, taken: list[tuple[int, int]], grammar: Grammar
) -> list[Figure]:
    """Figures a source states relative to its own date ("last year", "on Thursday")."""
    vocabulary = grammar.vocabulary

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def derived(kind: Kind, value: object, start: int, end: int) -> Figure:
        return Figure(kind, value, Qualifier.EXACT, text[start:end], start, end, True)

    found: list[Figure] = []
    lowered = text.lower()
    for match in grammar.relative(grammar.relative_year, text, lowered):
        which = match["which"]
        offset = -1 if which is None else vocabulary.relative[which.lower()]
        if offset is None:
            continue  # "over the past year": a span, not a calendar year
        found.append(derived(Kind.YEAR, published.year + offset, *match.span()))
    if published.month is not None:
        for match in grammar.relative(grammar.relative_month, text, lowered):
            offset = vocabulary.relative[match["which"].lower()] or 0
            month = months_later(published.year, published.month, offset)
            found.append(derived(Kind.MONTH, month, *match.span()))
        bare = [(m.span("m"), m["m"]) for m in grammar.relative(grammar.bare_month, text, lowered)]
        for name, pattern in grammar.ambiguous_month:
            bare += [
                ((m.end() - len(name), m.end()), name)
                for m in grammar.relative(pattern, text, lowered)
            ]
        for span, name in bare:
            if free(*span):
                month_number = vocabulary.months[name]
                month = (year_of_month(month_number, published), month_number)
                found.append(derived(Kind.MONTH, month, *span))
    for match in grammar.relative(grammar.season, text, lowered):
        year = year_of_season(vocabulary.seasons[match["season"].lower()], published)
        found.append(derived(Kind.YEAR, year, *match.span()))
    for match in grammar.relative(grammar.relative_week, text, lowered):
        offset = vocabulary.relative[match["which"].lower()] or 0
        found.extend(
            derived(Kind.MONTH, month, *match.span()) for month in months_of_week(published, offset)
        )
    if published.as_date is not None:
        for match in grammar.relative(grammar.recent_span, text, lowered):
            # "over the past two weeks": the months from that far back to the date
            weeks = match["unit"].lower() == vocabulary.weeks
            length = int(grammar.number(match["n"])) * (7 if weeks else 1)
            found.extend(
                derived(Kind.MONTH, month, *match.span())
                for month in months_of_recent_days(published, length)
            )
        for match in grammar.relative(grammar.weekday, text, lowered):
            date = weekday_before(published, vocabulary.weekdays[match["day"]])
            assert date is not None
            found.append(derived(Kind.DATE, (date.year, date.month, date.day), *match.span()))
    return found
