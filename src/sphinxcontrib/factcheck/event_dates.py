"""Event dates: a date must be the date of what the sentence dates.

A date is verified where the source gives it, but a source can give several
days ("announced Friday", "met on Thursday"), and a sentence that puts one
event on the day of another still verifies date by date. So the clause that
holds a verified date is aligned by its other words (:mod:`.align`); where
the passage it rests on gives dates of its own, none of them this one, and
the date was found elsewhere, the date is that of another event ("met ... on
April 14", where the source's "met ... on Thursday" is April 13).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .align import CLAUSE_WORDS, align, sentence_words
from .collect import Sentence
from .figures import Figure, Kind
from .index import Source
from .language import Vocabulary
from .records import Evidence, Finding, Status
from .sentences import clause_span

#: How much of a clause's words its passage must hold for its dates to count.
EVENT_SUPPORT = 0.6


class Misdated(NamedTuple):
    """A verified date whose clause rests on a passage that gives other dates."""

    #: The date's index among the sentence's figures.
    index: int
    key: str
    #: The dates the passage gives, as the source writes them.
    theirs: tuple[Figure, ...]


def misdated(
    sentence: Sentence,
    checked: Sequence[Finding],
    sources: Sequence[Source],
    vocabulary: Vocabulary,
) -> list[Misdated]:
    """The sentence's verified dates (to the day) that are not the date of their clause."""
    text = sentence.text
    by_key = {source.key: source for source in sources}
    found = []
    for index, (figure, finding) in enumerate(zip(sentence.figures, checked, strict=False)):
        evidence = finding.evidence
        if figure.kind is not Kind.DATE or finding.status is not Status.VERIFIED:
            continue
        if evidence is None or evidence.key not in by_key:
            continue
        start, end = clause_span(text, figure.start, figure.end)
        clause = text[start : figure.start] + " " + text[figure.end : end]
        if len(sentence_words(clause, vocabulary)) < CLAUSE_WORDS:
            continue
        aligned = align(clause, sources, vocabulary)
        if aligned is None or aligned.support < EVENT_SUPPORT:
            continue
        source = by_key[aligned.key]
        lines = range(aligned.first, aligned.last + 1)
        if aligned.key == evidence.key and source.sentence_at(evidence.start) in lines:
            continue
        # Where the date was found holds the clause as well: it may rest there
        # (the same words in two sources, each with its own day).
        if _support(clause, by_key[evidence.key], evidence, vocabulary) >= aligned.support:
            continue
        theirs = tuple(
            occurrence.figure
            for key, occurrences in source.figures.items()
            if key[0] is Kind.DATE
            for occurrence in occurrences
            if occurrence.sentence in lines
        )
        if theirs and all(date.key != figure.key for date in theirs):
            found.append(Misdated(index, aligned.key, theirs))
    return found


def _support(clause: str, source: Source, evidence: Evidence, vocabulary: Vocabulary) -> float:
    """The share of the clause's words the passage of ``evidence`` holds."""
    wanted = sentence_words(clause, vocabulary)
    first = source.sentence_at(evidence.passage_start)
    last = source.sentence_at(max(evidence.passage_start, evidence.passage_end - 1))
    lines = set(range(first, last + 1))
    held = sum(1 for stem in wanted if lines & set(source.stem_sentences.get(stem, ())))
    return held / len(wanted) if wanted else 0.0
