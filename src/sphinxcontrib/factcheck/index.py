"""One source indexed: its sentences, its figures by value and by unit, its words.

A :class:`Source` is built once from a verified archived text and its
publication date, and then answers every lookup the check makes (which
figures of this value it states, in which sentence, among which words)
without scanning the text again. Building one costs far more than reading
one from disk, so :class:`IndexCache` keeps them between builds.
"""

from __future__ import annotations

import bisect
import functools
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from .dates import PublicationDate
from .extract import extract_figures
from .figures import Figure, Kind
from .furniture import furniture_spans
from .language import get_vocabulary
from .passages import PASSAGE_SENTENCES, Passages
from .sentences import split_sentences
from .words import Words, stem

#: Where a figure's near words and context stand among its fields.
_NEAR = Figure._fields.index("near")
_CONTEXT = Figure._fields.index("context")
assert _CONTEXT == _NEAR + 1


class Occurrence(NamedTuple):
    """A figure in a source, with the sentence it stands in."""

    sentence: int
    figure: Figure


class Source:
    """One archived text, split into sentences and indexed by its figures."""

    def __init__(
        self,
        key: str,
        path: Path,
        text: str,
        published: PublicationDate,
        language: str = "en",
        passage_sentences: int = PASSAGE_SENTENCES,
    ) -> None:
        self.key = key
        self.path = path
        self.text = text
        self.published = published
        self.language = language
        self.passage_sentences = passage_sentences
        vocabulary = get_vocabulary(language)
        self.sentences = split_sentences(text, hard_breaks=True, vocabulary=vocabulary)
        self._starts = [start for start, _ in self.sentences]
        #: The sentences that are page furniture (captions, credits, headlines): never evidence.
        spans = furniture_spans(text)
        self.furniture = frozenset(
            index
            for index, (start, _) in enumerate(self.sentences)
            if any(first <= start < last for first, last in spans)
        )
        words = Words(text, vocabulary)  # read once, for every figure and sentence
        # The distinctive word stems of each sentence (read for its figures and index).
        sentence_stems = [_sentence_stems(words, text, span) for span in self.sentences]
        figures: dict[tuple[Kind, object], list[Occurrence]] = defaultdict(list)
        sentence_figures: list[list[Figure]] = [[] for _ in self.sentences]
        unit_figures: dict[str, list[Occurrence]] = defaultdict(list)
        # One context for the figures of one span (a date, its month and its year).
        contexts: dict[tuple[int, int], frozenset[str]] = {}
        # One set object for each set of words the figures' near words and contexts
        # hold (a sentence's figures often share theirs): fewer objects to keep, to
        # store and to load, and for Python's garbage collector to visit.
        shared: dict[frozenset[str], frozenset[str]] = {}
        for figure in extract_figures(text, published, vocabulary=vocabulary, words=words):
            # A source figure's context: the words near it and its whole sentence.
            sentence = self.sentence_at(figure.start)
            if sentence in self.furniture:
                continue
            span = figure.start, figure.end
            if span not in contexts:
                context = figure.near | sentence_stems[sentence]
                contexts[span] = shared.setdefault(context, context)
            near = shared.setdefault(figure.near, figure.near)
            # (its fields as they are but its words: what _replace does, made directly)
            figure = Figure._make((*figure[:_NEAR], near, contexts[span], *figure[_CONTEXT + 1 :]))
            occurrence = Occurrence(sentence, figure)
            figures[figure.key].append(occurrence)
            sentence_figures[sentence].append(figure)
            if figure.unit:
                unit_figures[figure.unit].append(occurrence)
        # Kept as tuples, which hold less memory than lists (and a tuple of numbers
        # alone, as each stem's sentences below, Python's garbage collector stops
        # visiting once it has seen it; tuples of figures it still visits).
        #: The figures of each value (:attr:`.Figure.key`), with their sentence.
        self.figures = {key: tuple(found) for key, found in figures.items()}
        #: The figures of each sentence, in order.
        self.sentence_figures = [tuple(found) for found in sentence_figures]
        #: The figures that count each thing ("representatives"), with their sentence.
        self.unit_figures = {unit: tuple(found) for unit, found in unit_figures.items()}
        #: Word stems too frequent in this source to tell one context from another.
        self.common = _common_stems(words, text, self.sentences)
        #: The sentences (never page furniture) holding each distinctive word stem.
        stem_sentences: dict[str, list[int]] = defaultdict(list)
        for index, stems in enumerate(sentence_stems):
            if index not in self.furniture:
                for word in stems:
                    stem_sentences[word].append(index)
        self.stem_sentences = {stem: tuple(found) for stem, found in stem_sentences.items()}
        #: The stems of the distinctive words of the whole text.
        self.stems = words.all()

    @functools.cached_property
    def passages(self) -> Passages:
        """The text prepared for finding quotations (built when first needed)."""
        return Passages(self.text, self.sentences, self.passage_sentences)

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence holding a character offset."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def passage(self, first: int, last: int | None = None) -> tuple[int, int]:
        """The character span of sentences ``first`` to ``last`` (inclusive)."""
        last = first if last is None else last
        last = min(last, len(self.sentences) - 1)
        return self.sentences[first][0], self.sentences[last][1]

    def passage_text(self, first: int, last: int | None = None) -> str:
        """The text of sentences ``first`` to ``last`` (inclusive)."""
        start, end = self.passage(first, last)
        return self.text[start:end]

    def __getstate__(self) -> dict[str, object]:
        # The prepared quotation search is rebuilt when needed, not cached on disk.
        state = dict(self.__dict__)
        state.pop("passages", None)
        return state


def _tokens(words: Words, span: tuple[int, int]) -> range | None:
    """The indexes of the words inside a span, or None if a word straddles its edge."""
    start, end = span
    first = bisect.bisect_left(words.starts, start)
    last = bisect.bisect_left(words.starts, end)
    if first > 0 and words.ends[first - 1] > start:
        return None
    if last > 0 and words.ends[last - 1] > end:
        return None
    return range(first, last)


def _sentence_stems(words: Words, text: str, span: tuple[int, int]) -> frozenset[str]:
    """The stems of a sentence's distinctive words, from the text's words read once."""
    tokens = _tokens(words, span)
    if tokens is None:
        return Words(text[span[0] : span[1]]).all()
    return frozenset(filter(None, words.stems[tokens.start : tokens.stop]))


def _common_stems(words: Words, text: str, sentences: list[tuple[int, int]]) -> frozenset[str]:
    """Stems found in more than a quarter of a source's sentences."""
    counts: dict[str, int] = defaultdict(int)
    for span in sentences:
        tokens = _tokens(words, span)
        if tokens is None:
            found = {stem(w) for w in text[span[0] : span[1]].split()}
        else:
            found = {plain[:4] for plain in words.plain[tokens.start : tokens.stop]}
        for word in found:
            counts[word] += 1
    threshold = max(2, len(sentences) // 4)
    return frozenset(word for word, count in counts.items() if count > threshold)
