"""Aligning a cited sentence to the passage of its sources that supports it best.

A sentence without a figure or quotation still says something its source
must say. Every cited sentence is aligned, by its own distinctive words (the
stems of :mod:`.words`), to the passage of one to
``factcheck_passage_sentences`` consecutive sentences of its cited sources
that holds most of them; page furniture is never a passage
(:mod:`.furniture`). Candidates are found through each source's index of
stems, so the cost grows with the sentence's words, not the source's length;
ties are broken by rapidfuzz's token-set similarity, then by the shorter
passage. The alignment records its support (the share of the sentence's
words the passage holds) and the words it does not hold, and is what the
checks of meaning (names, speakers, polarity) read the sentence against.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import operator
import re
import weakref
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from rapidfuzz import fuzz, process

from .index import Source
from .language import Vocabulary
from .words import first_words

#: How many of a source's best-matching sentences are tried as a passage's anchor.
CANDIDATES = 6
#: Where a sentence may join claims that rest on different passages ("Mayorkas
#: announced ..., and Blinken said ..."): each clause is aligned on its own.
_CLAUSE_BREAK = re.compile(r";|:\s|,\s+(?:and|but|while|whereas)\s|\s\|\s|\(|\)")
#: A clause with fewer distinctive words than this is not aligned on its own.
CLAUSE_WORDS = 3


class Alignment(NamedTuple):
    """The passage a sentence is aligned to, and how well it supports it."""

    key: str
    #: The passage's first and last sentence (indexes into the source's sentences).
    first: int
    last: int
    #: The passage's character span in the archived text.
    start: int
    end: int
    #: The share of the sentence's distinctive words the passage holds (0 to 1).
    support: float
    #: The sentence's words (as written) whose stems the passage does not hold.
    missing: tuple[str, ...]


@functools.lru_cache(maxsize=4096)
def sentence_words(text: str, vocabulary: Vocabulary | None = None) -> Mapping[str, str]:
    """The distinctive stems of a sentence, each with the first word that gave it.

    >>> sentence_words("Officers seized 4,200 pounds of fentanyl; officers said so.")
    {'offi': 'Officers', 'seiz': 'seized', 'poun': 'pounds', 'fent': 'fentanyl;'}
    """
    return first_words(text, vocabulary)


def align(
    text: str, sources: Sequence[Source], vocabulary: Vocabulary | None = None
) -> Alignment | None:
    """The best-supporting passage for ``text`` in ``sources``, or None if none shares a word."""
    best = aligned_passages(text, sources, vocabulary, 1)
    return best[0] if best else None


def aligned_passages(
    text: str, sources: Sequence[Source], vocabulary: Vocabulary | None = None, count: int = 2
) -> list[Alignment]:
    """The ``count`` best-supporting passages for ``text``, best first, none overlapping:
    a sentence that sums up two passages of a source rests on both.

    The checks of a sentence ask again for the same words in the same sources
    (its alignment, then the two passages it rests on): within
    :func:`searches_kept`, the passages found are kept, and a later question for
    more goes on from where the search stopped, so each passage is ranked once."""
    if not sources:
        return []
    sources = tuple(sources)
    kept = _KEPT.get()
    if kept is None:
        return list(itertools.islice(_alignments(text, sources, vocabulary), count))
    key = (text, vocabulary, sources)
    if key not in kept.searches:
        kept.searches[key] = ([], _alignments(text, sources, vocabulary))
    chosen, rest = kept.searches[key]
    while len(chosen) < count and (found := next(rest, None)) is not None:
        chosen.append(found)
    return chosen[:count]


class _Kept(NamedTuple):
    """What :func:`searches_kept` keeps while the checks of one sentence run."""

    #: The searches of :func:`aligned_passages`, by text, vocabulary and sources:
    #: the passages found and the search that finds the next.
    searches: dict[tuple, tuple[list[Alignment], Iterator[Alignment]]]
    #: The candidates of :func:`_candidates_of`, by the stems looked for and source.
    candidates: dict[tuple[tuple[str, ...], Source], list[tuple[float, int, int, int]]]


_KEPT: contextvars.ContextVar[_Kept | None] = contextvars.ContextVar(
    "factcheck_searches", default=None
)


@contextlib.contextmanager
def searches_kept() -> Iterator[None]:
    """Keep the searches of :func:`aligned_passages`, and each source's candidates,
    while the block runs (the checks of one sentence), and drop them after: a
    search holds every passage it ranks."""
    token = _KEPT.set(_Kept({}, {}))
    try:
        yield
    finally:
        _KEPT.reset(token)


def _alignments(
    text: str, sources: Sequence[Source], vocabulary: Vocabulary | None
) -> Iterator[Alignment]:
    """The passages of :func:`aligned_passages`, best first, found one by one."""
    wanted = sentence_words(text, vocabulary)
    # Each of the sentence's stems is one bit: what a passage holds of them is
    # the union of its sentences' bits, and its support their count.
    bits = {stem: 1 << index for index, stem in enumerate(wanted)}
    found = [
        (support, order, first, last, held)
        for order, source in enumerate(sources)
        for support, first, last, held in _candidates_of(bits, source)
    ]
    chosen: list[Alignment] = []
    # By support, best first; within a support, by similarity (computed only for
    # the supports that are reached), then the shorter passage; ties go to the
    # source cited first and, within it, the earlier passage, so that the choice
    # never depends on the order of a set (the hash seed).
    found.sort(key=_FIRST, reverse=True)
    for support, group in itertools.groupby(found, key=_FIRST):
        # Those overlapping a passage already chosen are passed over whatever
        # their rank; the similarity is computed only where a rank is needed.
        members = [
            (order, first, last, held)
            for _, order, first, last, held in group
            if not chosen or not _overlaps(chosen, sources[order].key, first, last)
        ]
        spans = [sources[order].passage(first, last) for order, first, last, _ in members]
        # rapidfuzz's token-set similarity of sentence and passage (0 to 100), the
        # passages scored in one call
        similarities = [0.0] * len(members)
        if len(members) > 1:
            passages = [
                sources[order].text[start:end]
                for (order, *_), (start, end) in zip(members, spans, strict=True)
            ]
            for _, score, index in process.extract(
                text, passages, scorer=fuzz.token_set_ratio, limit=None
            ):
                similarities[index] = round(score, 1)
        ranked = sorted(
            (
                ((similarity, first - last, -order, -first), order, first, last, span, held)
                for (order, first, last, held), span, similarity in zip(
                    members, spans, similarities, strict=True
                )
            ),
            key=_FIRST,
            reverse=True,
        )
        for _, order, first, last, (start, end), held in ranked:
            key = sources[order].key
            if _overlaps(chosen, key, first, last):
                continue
            missing = tuple(_bare(word) for stem, word in wanted.items() if not held & bits[stem])
            chosen.append(Alignment(key, first, last, start, end, support, missing))
            yield chosen[-1]


#: The first of a tuple: what candidates are ranked and grouped by.
_FIRST = operator.itemgetter(0)


def _overlaps(chosen: Sequence[Alignment], key: str, first: int, last: int) -> bool:
    for passage in chosen:  # a loop, not any(): it runs for every candidate
        if passage.key == key and first <= passage.last and passage.first <= last:
            return True
    return False


def _bare(word: str) -> str:
    return word.strip(".,;:!?()[]“”\"'‘’")


def _candidates_of(bits: Mapping[str, int], source: Source) -> list[tuple[float, int, int, int]]:
    """:func:`_candidates`, kept within :func:`searches_kept`: the checks of a
    sentence (its alignment, the passages it rests on, each cited source alone)
    look for the same words in the same source."""
    kept = _KEPT.get()
    if kept is None:
        return _candidates(bits, source)
    key = (tuple(bits), source)  # each stem's bit is its place
    if key not in kept.candidates:
        kept.candidates[key] = _candidates(bits, source)
    return kept.candidates[key]


def _candidates(bits: Mapping[str, int], source: Source) -> list[tuple[float, int, int, int]]:
    """The passages of one source around its sentences sharing most of the words:
    (support, first sentence, last sentence, the bits of the stems it holds)."""
    if not bits:
        return []
    held_by: dict[int, int] = {}  # the bits each sentence holds (never page furniture)
    stem_sentences = source.stem_sentences
    for stem, bit in bits.items():
        for sentence in stem_sentences.get(stem, ()):
            held_by[sentence] = held_by.get(sentence, 0) | bit
    # The sentences holding most of the words, the earlier first among equals.
    ordered = sorted((-held.bit_count(), sentence) for sentence, held in held_by.items())
    seen: set[tuple[int, int]] = set()
    found = []
    size = source.passage_sentences
    last_sentence = len(source.sentences) - 1
    furniture = _furniture_before(source)  # how many furniture sentences precede each
    total = len(bits)
    supports = [round(held / total, 3) for held in range(total + 1)]
    for _, anchor in ordered[:CANDIDATES]:
        for first in range(max(0, anchor - size + 1), anchor + 1):
            held = 0  # the bits of sentences first to last, grown with last
            for sentence in range(first, anchor):
                held |= held_by.get(sentence, 0)
            for last in range(anchor, min(last_sentence, first + size - 1) + 1):
                held |= held_by.get(last, 0)
                if (first, last) in seen:
                    continue
                seen.add((first, last))
                if furniture is not None and furniture[last + 1] != furniture[first]:
                    continue  # the passage holds page furniture
                found.append((supports[held.bit_count()], first, last, held))
    return found


_FURNITURE_BEFORE: weakref.WeakKeyDictionary[Source, list[int] | None] = weakref.WeakKeyDictionary()


def _furniture_before(source: Source) -> list[int] | None:
    """For each sentence index (and one past the last), how many of a source's
    sentences before it are page furniture; None for a source without any."""
    if source not in _FURNITURE_BEFORE:
        counts = None
        if source.furniture:
            counts = [0]
            for index in range(len(source.sentences)):
                counts.append(counts[-1] + (index in source.furniture))
        _FURNITURE_BEFORE[source] = counts
    return _FURNITURE_BEFORE[source]


def align_clauses(
    text: str,
    sources: Sequence[Source],
    vocabulary: Vocabulary | None = None,
    fallback: str | None = None,
) -> list[Alignment]:
    """The alignment of each clause of a sentence that joins several claims.

    >>> [c for c in _CLAUSE_BREAK.split("A said x, and B said y; C (D) rose") if c]
    ['A said x', 'B said y', ' C ', 'D', ' rose']
    """
    clauses = [c for c in _CLAUSE_BREAK.split(text) if c and c.strip()]
    if len(clauses) < 2:
        return []
    # ``fallback`` is the same sentence in other words (its names kept where
    # ``text`` blanks them): a clause too short to align by ``text`` alone is
    # aligned by it.
    fuller = _CLAUSE_BREAK.split(fallback) if fallback is not None else clauses
    if len(fuller) != len(_CLAUSE_BREAK.split(text)):
        fuller = clauses
    found = []
    for clause, full in zip(_CLAUSE_BREAK.split(text), fuller, strict=False):
        if not clause or not clause.strip():
            continue
        words = clause if len(sentence_words(clause, vocabulary)) >= CLAUSE_WORDS else full
        if len(sentence_words(words, vocabulary)) >= CLAUSE_WORDS:
            aligned = align(words, sources, vocabulary)
            if aligned is not None:
                found.append(aligned)
    return found
