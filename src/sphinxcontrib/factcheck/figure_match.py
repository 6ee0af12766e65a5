"""Finding a sentence's figures together in one passage of one source.

The figures of one sentence are verified together: all of them must be found
in one passage of one cited source, a few consecutive sentences at most
(``factcheck_passage_sentences``), so that a right number with a wrong year
fails. Each figure must also be *the* figure the source states among those
words (:func:`best_aligned`), count what the source's figure counts
(:func:`same_unit`), and, where the source sentence that states a count also
dates it, take its date from that sentence (:func:`covered`).

Lookups go through each source's index of figures, so the work grows with the
figures a sentence states, never with the length of the source.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterable, Sequence

from .figures import TEMPORAL, Figure, Kind, supports
from .index import Occurrence, Source

#: The share of a dated claim's distinctive words its source sentence must hold.
TEMPORAL_SHARE = 0.2


def best_window(figures: Sequence[Figure], source: Source) -> dict[int, Occurrence]:
    """The figures (by index) that one passage of ``source`` supports, most first.

    Tight passages are tried first: one sentence, then two, then three, so
    the evidence shown is the shortest passage that holds all the figures.
    """
    claimed = frozenset(key for figure in figures for key in figure.stated_keys())
    rivals = _Rivals(source, claimed)
    occurrences = [
        [
            o
            for o in source.figures.get(figure.key, ())
            if supports(o.figure, figure)
            and same_context(o.figure, figure, source.common)
            and best_aligned(o, figure, source, claimed, rivals)
        ]
        for figure in figures
    ]
    anchors = sorted({o.sentence for found in occurrences for o in found})
    best: dict[int, Occurrence] = {}
    for size in range(1, source.passage_sentences + 1):
        for first in sorted({a - back for a in anchors for back in range(size) if a >= back}):
            last = first + size - 1
            found = covered(figures, occurrences, source, claimed, first, last)
            if len(found) > len(best):
                best = found
                if len(best) == len(figures):
                    return best
    return best


def covered(
    figures: Sequence[Figure],
    occurrences: list[list[Occurrence]],
    source: Source,
    claimed: frozenset[tuple[object, object]],
    first: int,
    last: int,
) -> dict[int, Occurrence]:
    """The figures (by index) found in source sentences ``first`` to ``last``.

    A count is dated by its own sentence: where the sentence that states a
    claim's counts also states a year the claim does not, the claim's date
    must come from that sentence too, not from a neighbour ("the 14,100 pounds
    seized last year. More than half of seizures this year ..." does not date
    the 14,100 pounds to this year).
    """
    found: dict[int, Occurrence] = {}
    for index, candidates in enumerate(occurrences):
        if figures[index].kind not in TEMPORAL:
            inside = [o for o in candidates if first <= o.sentence <= last]
            if inside:
                found[index] = inside[0]
    counted = {o.sentence for o in found.values()}
    # The years the claim names as years ("in 2022"), not as part of a date.
    named = {k for f in figures if f.kind in (Kind.YEAR, Kind.RANGE) for k in f.stated_keys()}

    def dated_otherwise(claimed_years: frozenset[tuple[object, object]] | set) -> bool:
        return any(
            other.kind is Kind.YEAR and other.key not in claimed_years
            for sentence in counted
            for other in source.sentence_figures[sentence]
        )

    # A date of the claim may carry the count's own year ("March 22, 2023"); a
    # year the claim names must be the count's sentence's own ("so far in 2022"
    # is not the "this year" of the count's sentence).
    otherwise = dated_otherwise(claimed)
    otherwise_for_years = dated_otherwise(named)
    for index, candidates in enumerate(occurrences):
        if figures[index].kind in TEMPORAL:
            inside = [o for o in candidates if first <= o.sentence <= last]
            own = [o for o in inside if o.sentence in counted]
            strict = otherwise_for_years if figures[index].kind is Kind.YEAR else otherwise
            if own or (inside and not strict):
                found[index] = (own or inside)[0]
    return found


def same_context(evidence: Figure, claim: Figure, common: frozenset[str]) -> bool:
    """Whether a source figure stands among words the claim also uses.

    At least one distinctive word near the claim's figure (ignoring words
    common throughout the source) must stand near the source's figure too. A
    claim with no distinctive word near its figure is not held to this.
    """
    distinctive = claim.context - common
    return not distinctive or bool(distinctive & evidence.context)


def best_aligned(
    occurrence: Occurrence,
    claim: Figure,
    source: Source,
    claimed: frozenset[tuple[object, object]] = frozenset(),
    rivals: _Rivals | None = None,
) -> bool:
    """Whether no other figure of the same kind nearby fits the claim's words better.

    Like Hypothesis ranking a quotation's candidates by their context: among
    the figures of the claim's kind in and around the occurrence's sentence,
    the one whose near words share most with the claim's near words is the
    figure the claim restates. The occurrence must be that figure, or come
    within one shared word of it, and must share at least one near word with
    the claim if the claim has any. So "four federal courts" is not supported
    by "four sons" when the same sentence says "three federal courts". Figures
    the claim's sentence states itself (``claimed``) are not rivals. ``rivals``
    keeps what the occurrences of the same claims share (:class:`_Rivals`).
    """
    if not same_measure(occurrence.figure, claim) or not same_unit(
        occurrence, claim, source, claimed
    ):
        return False
    words = claim.near - source.common
    if not words:
        return True
    if claim.kind in TEMPORAL:
        # A date or year belongs to its whole source sentence ("On Friday, the
        # Justice Department ... and the Treasury Department ..."), and several
        # dates often share one, so the sentence must share a fair part of the
        # claim's words: a fifth at least.
        shared = len(words & occurrence.figure.context)
        if shared < max(1, math.ceil(len(words) * TEMPORAL_SHARE)):
            return False
        # Nor may another date or year of the source fit the claim's words
        # clearly better: "elections in 2023" is not the "2023" of another
        # sentence where the elections' sentence says "next year", nor a
        # meeting's "on Thursday" the "Friday" of an announcement.
        rivals = rivals or _Rivals(source, claimed)
        return not _clearly_more(rivals.most_shared(claim, words), shared, twice=True)
    score = len(words & occurrence.figure.near)
    if score == 0:
        return False
    first = max(0, occurrence.sentence - 1)
    around = range(first, min(len(source.sentences), occurrence.sentence + 2))
    nearby = (
        other
        for sentence in around
        for other in source.sentence_figures[sentence]
        if other.kind is claim.kind
    )
    return not _fits_better(claim, words, claimed, nearby, score)


class _Rivals:
    """The dates and years of a source that could fit a claim's words better than the
    occurrence of its own value: each figure of the claim's kind, whatever its
    sentence, that is not of a value the claim's sentence states (``claimed``).

    Which of them shares most of the claim's words does not depend on the
    occurrence, so it is read once per claim, not once per occurrence: a rival
    fits clearly better (:func:`_clearly_more`, which grows with what it shares)
    exactly where the rival sharing most does."""

    def __init__(self, source: Source, claimed: frozenset[tuple[object, object]]) -> None:
        self.source = source
        self.claimed = claimed
        self._most: dict[int, tuple[Figure, int]] = {}

    def most_shared(self, claim: Figure, words: frozenset[str]) -> int:
        """The most of ``words`` (the claim's, less the source's common ones) that the
        context of a rival of ``claim`` holds (0 where it has none)."""
        found = self._most.get(id(claim))
        if found is None or found[0] is not claim:
            key, claimed = claim.key, self.claimed
            most = 0
            for other in _of_kind(self.source).get(claim.kind, ()):
                other_key = other.key
                if other_key != key and other_key not in claimed:
                    most = max(most, len(words & other.context))
            found = self._most[id(claim)] = claim, most
        return found[1]


# Kept while the source is: a list per kind, so that nothing more lives as long as the
# index (each object that does costs Python's garbage collector in every full pass).
_OF_KIND: weakref.WeakKeyDictionary[Source, dict[Kind, list[Figure]]] = weakref.WeakKeyDictionary()


def _of_kind(source: Source) -> dict[Kind, list[Figure]]:
    """A source's figures (never page furniture's) by kind, read once."""
    if source not in _OF_KIND:
        found: dict[Kind, list[Figure]] = {}
        for figures in source.sentence_figures:
            for figure in figures:
                found.setdefault(figure.kind, []).append(figure)
        _OF_KIND[source] = found
    return _OF_KIND[source]


def _fits_better(
    claim: Figure,
    words: frozenset[str],
    claimed: frozenset[tuple[object, object]],
    others: Iterable[Figure],
    score: int,
) -> bool:
    """Whether another figure of the claim's kind nearby (``others``) shares clearly
    more of the claim's words among its near words: two more. (A date or year may
    be passed over by twice as many, which the words of its whole sentence place,
    "presidential elections next year": :class:`_Rivals`; a number's few near words
    are too few, "seized more than 11,000 pounds ... the 14,100 pounds".)"""
    key = claim.key
    for other in others:  # a loop, not any(): this runs for every occurrence
        other_key = other.key
        if (
            other_key != key
            and other_key not in claimed
            and _clearly_more(len(words & other.near), score, twice=False)
        ):
            return True
    return False


def _clearly_more(theirs: int, score: int, twice: bool) -> bool:
    """
    >>> [_clearly_more(2, 1, True), _clearly_more(2, 1, False), _clearly_more(3, 2, True)]
    [True, False, False]
    """
    return theirs > score + 1 or twice and score == 1 and theirs >= 2


def same_measure(evidence: Figure, claim: Figure) -> bool:
    """Whether a claim's figure measures what the source's does, per the same period.

    "14,100 tons" is not "14,100 pounds", "five days" not "five hours", a count
    of households not a count of people, "per week" not "per day". A figure
    whose words name no measure (or no period) is not held to it.
    """
    if claim.measure and evidence.measure and claim.measure != evidence.measure:
        return False
    return not (claim.period and evidence.period and claim.period != evidence.period)


def same_unit(
    occurrence: Occurrence,
    claim: Figure,
    source: Source,
    claimed: frozenset[tuple[object, object]],
) -> bool:
    """Whether no other figure counts what the claim's figure counts, where this one does not.

    "Five representatives" is not supported by "five hours" where the same
    sentence says "four representatives", nor "11 other lawmakers" by "eleven
    lawmakers" where the next says "10 other lawmakers". Figures the claim's
    sentence states itself (``claimed``) are not rivals.
    """
    if not claim.unit or claim.unit == occurrence.figure.unit:
        return True
    placed = len(claim.near & occurrence.figure.near)
    nearby = range(occurrence.sentence - 1, occurrence.sentence + 2)
    return not any(
        other.kind is claim.kind
        and other.key != claim.key
        and other.key not in claimed
        # Beside the occurrence, the same unit is enough; elsewhere in the
        # source, the rival must stand among the claim's words too.
        and (sentence in nearby or len(claim.near & other.near) >= placed)
        for sentence, other in source.unit_figures.get(claim.unit, ())
    )
