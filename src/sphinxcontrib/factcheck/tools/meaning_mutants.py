"""Mutants of meaning: the mistakes that keep every digit and quoted word right.

For each cited sentence, the changes a careful reviser could make that turn
it false against its source while its figures and quotations still verify:

- ``speaker swapped``: a quotation, or a statement reported without quotation
  marks, credited to another person of the source;
- ``name swapped: in no source`` and ``name swapped: elsewhere in the source``:
  a proper name replaced by one no source gives, or by another the cited
  source gives in another passage;
- ``negation dropped`` and ``negation added``, outside quotation marks;
- ``direction reversed``: a word of direction turned round ("rose" to "fell");
- ``period changed``: a period a sentence names outside its figures, and its
  passage names too, changed ("the highest monthly total" to "weekly", "the
  first week" to "month");
- ``unit changed``: what a verified figure measures (pounds to tons, hours to
  days, people to households, per day to per week);
- ``weekday misresolved`` and ``relative year misresolved``: a date or year
  the source gives as "Thursday" or "last year", moved by one.

Each generator yields ``(operator, original, mutated text)``.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

from ..collect import Sentence
from ..corpus import Corpus
from ..figures import Kind
from ..folding import QUOTED
from ..language import get_vocabulary
from ..names import fold, name_words
from ..polarity import _NOT_CONTENT, DIRECTIONS, PERIODS, REPORTING_WORDS, stem
from ..records import Finding, Status
from ..speakers import SourceSpeakers, credited_speaker, reported_statements

#: Names in no source, by what they name, to swap in.
FOREIGN_NAMES = ("Oaxaca", "Zacatecas", "Paraguay", "Honduras", "Zetas", "Interior", "Ottawa")
#: The antonym of each word of direction, inflection kept.
REVERSED = {
    "rise": "fall", "rises": "falls", "rose": "fell", "risen": "fallen", "rising": "falling",
    "fall": "rise", "falls": "rises", "fell": "rose", "fallen": "risen", "falling": "rising",
    "increase": "decrease", "increased": "decreased", "increases": "decreases",
    "increasing": "decreasing", "decrease": "increase", "decreased": "increased",
    "decreases": "increases", "decreasing": "increasing", "grow": "shrink", "grows": "shrinks",
    "grew": "shrank", "growing": "shrinking", "grown": "shrunk", "climb": "fall",
    "climbed": "fell", "climbing": "falling", "jump": "drop", "jumped": "dropped",
    "surge": "plunge", "surged": "plunged", "surging": "plunging", "soar": "plunge",
    "soared": "plunged", "soaring": "plunging", "spike": "drop", "spiked": "dropped",
    "mount": "decline", "mounting": "declining", "higher": "lower", "highest": "lowest",
    "decline": "increase", "declined": "increased", "declines": "increases",
    "declining": "increasing", "drop": "rise", "dropped": "rose", "dropping": "rising",
    "shrink": "grow", "shrank": "grew", "shrinking": "growing", "plunge": "surge",
    "plunged": "surged", "dip": "rise", "dipped": "rose", "lower": "higher", "lowest": "highest",
    "more": "fewer", "greater": "smaller", "fewer": "more", "less": "more", "record": "lowest",
    "improve": "deteriorate", "improved": "deteriorated", "improves": "deteriorates",
    "improving": "deteriorating", "improvement": "deterioration",
    "strengthen": "weaken", "strengthened": "weakened", "strengthening": "weakening",
    "strengthens": "weakens", "deteriorate": "improve", "deteriorated": "improved",
    "deteriorates": "improves", "deteriorating": "improving", "deterioration": "improvement",
    "worsen": "improve", "worsened": "improved", "worsening": "improving", "weaken": "strengthen",
    "weakened": "strengthened", "weakening": "strengthening", "weakens": "strengthens",
    "reduce": "increase", "reduced": "increased", "reduces": "increases",
    "reducing": "increasing", "reduction": "increase", "expand": "reduce",
    "expanded": "reduced", "expanding": "reducing", "expands": "reduces", "boost": "reduce",
    "boosted": "reduced", "boosting": "reducing", "surpass": "fall short of",
    "surpassed": "fell short of", "surpasses": "falls short of", "surpassing": "falling short of",
    "exceed": "fall short of", "exceeded": "fell short of", "exceeds": "falls short of",
    "exceeding": "falling short of", "larger": "smaller", "bigger": "smaller", "smaller": "larger",
}  # fmt: skip
assert set(REVERSED) <= set(DIRECTIONS)
#: A shorter period for each word naming one ("the highest monthly total" to
#: "weekly"): a longer one can be true ("in the month of" for "in the week of").
OTHER_PERIOD = {
    "hourly": "daily", "daily": "hourly", "weekly": "daily", "monthly": "weekly",
    "annual": "monthly", "yearly": "monthly", "annually": "monthly", "hour": "minute",
    "hours": "minutes", "day": "hour", "days": "hours", "week": "day", "weeks": "days",
    "month": "week", "months": "weeks",
}  # fmt: skip
assert set(OTHER_PERIOD) <= set(PERIODS)
#: Another measure for each, inflection kept.
OTHER_MEASURE = {
    "pound": "ton", "pounds": "tons", "lbs": "tons", "ton": "pound", "tons": "pounds",
    "kilogram": "pound", "kilograms": "pounds", "kilos": "pounds", "gram": "ounce",
    "grams": "ounces", "pill": "dose", "pills": "doses", "dose": "pill", "doses": "pills",
    "hour": "day", "hours": "days", "day": "week", "days": "weeks", "week": "month",
    "weeks": "months", "month": "year", "months": "years", "year": "month", "years": "months",
    "minute": "hour", "minutes": "hours", "people": "households", "person": "household",
    "persons": "households", "household": "person", "households": "people",
    "families": "people", "family": "person",
}  # fmt: skip
_AUXILIARY = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|should|does|do|did)\s+(?=[a-z])"
)
_NEGATION = re.compile(r"\s+not\b|n't\b|\s+never\b")
_RELATIVE = re.compile(
    r"^(?:(?:last|this|next|past|previous)\s+(?:fiscal\s+)?year|(?:a|one)\s+year\s+ago|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$",
    re.IGNORECASE,
)


def _outside_quotes(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` outside its quotations."""
    spans, position = [], 0
    for match in QUOTED.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def _find_outside(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    for start, end in _outside_quotes(text):
        match = pattern.search(text, start, end)
        if match:
            return match
    return None


def _swapped(
    operator: str, text: str, match: re.Match[str], replacements: Mapping[str, str]
) -> tuple[str, str, str]:
    """The mutant that puts ``replacements``' word for the matched one, in its case."""
    word = match.group()
    return operator, word, _replace(text, match, _cased(replacements[word.lower()], word))


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def speaker_mutants(
    sentence: Sentence, checked: Sequence[Finding], corpus: Corpus
) -> Iterator[tuple[str, str, str]]:
    for quotation, finding in zip(
        sentence.quotations,
        [f for f in checked if f.kind == "quotation" and f.span is not None],
        strict=False,
    ):
        credited = credited_speaker(sentence.text, quotation.start, quotation.end)
        if not credited or finding.status is not Status.VERIFIED or finding.evidence is None:
            continue
        speakers = corpus.speakers(finding.evidence.key)
        speaker = speakers.speaker_of(finding.evidence.start, finding.evidence.end)
        if speaker is None or speaker.narration:
            continue
        others = _quoted_people(speakers, besides=speaker.key)
        if not others:
            continue
        other = others.most_common(1)[0][0].rstrip(",.")
        surname = credited.split()[-1]
        mutated = re.sub(rf"(?<!\w){re.escape(surname)}(?!\w)", other, sentence.text, count=1)
        if mutated != sentence.text:
            yield "speaker swapped", credited, mutated
        return
    yield from _reported_speaker_mutants(sentence, corpus)


def _quoted_people(speakers: SourceSpeakers, besides: str | None = None) -> Counter[str]:
    """The surnames (as written) of the people a source quotes, by how many of its
    quotations each speaks, but the one whose key is ``besides``."""
    return Counter(
        q.speaker.name.split()[-1]
        for q in speakers.quotations
        if q.speaker
        and not q.speaker.narration
        and q.speaker.key != besides
        and " " not in q.speaker.key
        and q.speaker.name[:1].isupper()
    )


def _reported_speaker_mutants(sentence: Sentence, corpus: Corpus) -> Iterator[tuple[str, str, str]]:
    """A statement reported without quotation marks ("Ebrard said Mexico will ...")
    credited to another person the cited source quotes."""
    cited = [key for key in sentence.keys if key in corpus.sources]
    if not cited:
        return
    people: Counter[str] = Counter()
    for name, times in _quoted_people(corpus.speakers(cited[0])).items():
        people[name.rstrip(",.")] += times
    for credited, _, _ in reported_statements(sentence.text):
        surname = credited.split()[-1].rstrip(",.")
        if surname.lower() not in {p.lower() for p in people}:
            continue  # not a person the source quotes: no like-for-like swap
        other = next((p for p, _ in people.most_common() if p.lower() != surname.lower()), None)
        if other is None:
            continue
        mutated = re.sub(rf"(?<!\w){re.escape(surname)}(?!\w)", other, sentence.text, count=1)
        if mutated != sentence.text:
            yield "speaker swapped", credited, mutated
        return


def name_mutants(sentence: Sentence, corpus: Corpus, scope: str) -> Iterator[tuple[str, str, str]]:
    vocabulary = get_vocabulary(corpus.language)
    words = name_words(sentence.text, corpus.known_names, vocabulary, corpus.own_names)
    names = [w for w in words if len(w) > 2 and not w.replace(".", "").isupper()]
    if not names:
        return
    name = names[0]
    match = _find_outside(re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), sentence.text)
    if match is None:
        return
    every = "\n".join(corpus.text_of(key) for key in corpus.sources)
    foreign = next(n for n in FOREIGN_NAMES if n not in every)
    yield "name swapped: in no source", name, _replace(sentence.text, match, foreign)
    cited = [corpus.text_of(key) for key in sentence.keys if key in corpus.sources]
    near = {fold(w) for w in re.findall(r"[\w’'-]+", scope)} | {fold(w) for w in words}
    calendar = {fold(w) for w in (*vocabulary.months, *vocabulary.weekdays)}
    counts: Counter[str] = Counter()
    for text in cited:
        for word in re.findall(r"(?<![\w.’'-])[A-Z][a-záéíóúñ]{3,}(?![\w’'-])", text):
            folded = fold(word)
            if (
                folded in corpus.known_names
                and folded not in near
                and folded not in calendar
                and word not in vocabulary.titles
            ):
                counts[word] += 1
    if counts:
        # The rarest: a name of another passage, not one the source gives everywhere.
        other = min(counts, key=lambda word: (counts[word], word))
        yield "name swapped: elsewhere in the source", name, _replace(sentence.text, match, other)


def _replace(text: str, match: re.Match[str], new: str) -> str:
    return text[: match.start()] + new + text[match.end() :]


def negation_mutants(sentence: Sentence, passage: str) -> Iterator[tuple[str, str, str]]:
    """A negation dropped or added where the passage states the word it bears on.

    Only where the passage holds that word can a passage tell; a negation of what
    a text says ("does not say", "does not date") is the page speaking of its
    source, which the check leaves to the page (:mod:`..polarity`)."""
    text = sentence.text
    held = {stem(w) for w in re.findall(r"[A-Za-z]+", passage)}
    negation = _find_outside(_NEGATION, text)
    if negation is not None:
        word = _next_content_word(text, negation.end())
        if word and stem(word) in held:
            yield "negation dropped", negation.group().strip(), _replace(text, negation, "")
    auxiliary = _find_outside(_AUXILIARY, text)
    if auxiliary is not None and negation is None:
        word = _next_content_word(text, auxiliary.end())
        if word and stem(word) in held:
            added = auxiliary.group(1) + " not "
            yield "negation added", auxiliary.group(1), _replace(text, auxiliary, added)


def _next_content_word(text: str, start: int) -> str:
    """The first word after ``start`` that a negation there bears on; "" where it bears
    on what a text says ("does not say") or is emphasis ("not just")."""
    for word in re.findall(r"[A-Za-z’']+", text[start : start + 60]):
        if word.lower() in REPORTING_WORDS or word.lower() in ("just", "only", "merely", "simply"):
            return ""
        if len(word) >= 4 and word.lower() not in _NOT_CONTENT:
            return word
    return ""


def direction_mutants(sentence: Sentence) -> Iterator[tuple[str, str, str]]:
    text = re.sub(r"\b(more|less|fewer)(\s+than)\b", lambda m: "\0" * len(m.group()), sentence.text)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(sorted(REVERSED, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE,
    )
    match = _find_outside(pattern, text)
    if match is not None:
        yield _swapped("direction reversed", sentence.text, match, REVERSED)


def period_mutants(sentence: Sentence, held: str) -> Iterator[tuple[str, str, str]]:
    """The first period word changed, if the passages the sentence rests on (``held``)
    name that period too: a period they do not name is not theirs to check."""
    pattern = re.compile(r"(?<![\w-])(" + "|".join(OTHER_PERIOD) + r")(?![\w-])", re.IGNORECASE)
    match = _find_outside(pattern, sentence.text)
    named = {PERIODS[w.lower()] for w in re.findall(r"[A-Za-z]+", held) if w.lower() in PERIODS}
    if match is not None and PERIODS[match.group().lower()] in named:
        yield _swapped("period changed", sentence.text, match, OTHER_PERIOD)


def unit_mutants(sentence: Sentence, checked: Sequence[Finding]) -> Iterator[tuple[str, str, str]]:
    verified = {f.span for f in checked if f.kind == "figure" and f.status is Status.VERIFIED}
    for figure in sentence.figures:
        if (figure.start, figure.end) not in verified or not (figure.measure or figure.period):
            continue
        after = re.compile(r"(?<![\w-])(" + "|".join(OTHER_MEASURE) + r")(?![\w-])", re.IGNORECASE)
        match = after.search(sentence.text, figure.end, figure.end + 80)
        if match is not None:
            yield _swapped("unit changed", sentence.text, match, OTHER_MEASURE)
            return


def relative_date_mutants(
    sentence: Sentence, checked: Sequence[Finding], corpus: Corpus
) -> Iterator[tuple[str, str, str]]:
    for finding, figure in zip(
        [f for f in checked if f.kind == "figure"], sentence.figures, strict=False
    ):
        evidence = finding.evidence
        if finding.status is not Status.VERIFIED or evidence is None:
            continue
        stated = corpus.sources[evidence.key].text[evidence.start : evidence.end]
        if not _RELATIVE.match(stated.strip()):
            continue
        text = sentence.text[figure.start : figure.end]
        if figure.kind is Kind.DATE and figure.value[0] is not None:
            year, month, day = figure.value
            moved = datetime.date(year, month, day) + datetime.timedelta(days=1)
            new = _moved_date(text, moved)
            operator = "weekday misresolved"
        elif figure.kind is Kind.YEAR:
            new = text.replace(str(figure.value), str(figure.value - 1))
            operator = "relative year misresolved"
        else:
            continue
        if new and new != text:
            yield operator, text, sentence.text[: figure.start] + new + sentence.text[figure.end :]
            return


def _moved_date(text: str, moved: datetime.date) -> str:
    """The same date format with the day moved ("April 13, 2023" to "April 14, 2023")."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return moved.isoformat()
    return re.sub(r"\b\d{1,2}\b(?=\D*(?:\d{4})?\D*$)", str(moved.day), text, count=1)
