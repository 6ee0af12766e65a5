"""Attribution matches citation: a sentence cites the source it names and follows.

Four rules, all about *which* source a sentence rests on:

- :func:`named_sources`: a sentence that names a source by one of its
  attribution names ("the Times", "Wayne") outside quotation marks must cite
  that source, so a figure cannot be attributed to one outlet and cited to
  another;
- :func:`named_for_figures`: a figure in a clause that names one of the cited
  sources ("NBC News, reporting that they met on April 14, 2023") must be one
  that source gives, not one only another cited source gives;
- :func:`followed_passage`: a sentence whose words an uncited source holds
  far better than its cited sources (:data:`FOLLOWED_SUPPORT`) follows that
  source, and must cite it;
- :func:`followed_source`: a sentence whose only figures are dates is pinned
  to its source by its words alone. Where a source it does not cite gives the
  same dates in a passage holding :data:`FOLLOWED_FACTOR` times as many of its
  words, and at least half of them, that is the source the sentence follows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from .align import align
from .collect import Sentence
from .corpus import Corpus
from .figure_match import best_window
from .figures import TEMPORAL
from .folding import QUOTED
from .language import get_vocabulary
from .records import Finding, Status
from .sentences import clause_span
from .words import word_stems

#: How many times as many of a dated sentence's words an uncited source's
#: passage must hold as the cited one's, to be the source the sentence follows.
FOLLOWED_FACTOR = 2


def named_sources(sentence: Sentence, corpus: Corpus) -> dict[str, str]:
    """The sources a sentence names outside its quotations, as {key: the name used}."""
    return corpus.attributed(QUOTED.sub(" ", sentence.text))


class Named(NamedTuple):
    """A verified figure in a clause that names a cited source which does not give it."""

    #: The figure's index among the sentence's figures.
    index: int
    key: str
    #: The name the clause uses ("NBC News").
    name: str


def named_for_figures(
    sentence: Sentence, checked: Sequence[Finding], corpus: Corpus
) -> list[Named]:
    """The verified figures whose clause names one cited source (outside quotation
    marks) that does not give them: "NBC News, reporting that they met on April 13"
    may not rest on another source's April 13."""
    text = QUOTED.sub(lambda m: " " * len(m.group()), sentence.text)
    found = []
    for index, (figure, finding) in enumerate(zip(sentence.figures, checked, strict=False)):
        if finding.status is not Status.VERIFIED or finding.evidence is None:
            continue
        start, end = clause_span(text, figure.start, figure.end)
        named = corpus.attributed(text[start:end])
        if len(named) != 1:
            continue  # none, or several: the clause does not say whose figure it is
        key, name = next(iter(named.items()))
        if key == finding.evidence.key or key not in sentence.keys or key not in corpus.sources:
            continue
        if best_window([figure], corpus.sources[key]):
            continue  # the source it names gives the figure too
        found.append(Named(index, key, name))
    return found


#: The least share of a sentence's words an uncited source's passage must hold,
#: at FOLLOWED_FACTOR times its cited passage's share, to be the source it follows.
FOLLOWED_SUPPORT = 0.8
#: How many uncited sources sharing most of a sentence's rare words are aligned to.
FOLLOWED_CANDIDATES = 3
#: The fewest distinctive words a sentence must have to follow a passage ("Source:"
#: under a chart follows none).
FOLLOWED_WORDS = 5


def uncited_by_rare_words(
    sentence: Sentence, words: frozenset[str], corpus: Corpus
) -> list[tuple[str, int]]:
    """The sources a sentence does not cite, with how many of its rare ``words``
    each holds (:attr:`.Corpus.distinctive_words`), most first, then by key."""
    counts = Counter(
        key
        for word in words
        for key in corpus.distinctive_words.get(word, ())
        if key not in sentence.keys
    )
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def poorly_supported(support: float) -> bool:
    """Whether a sentence whose cited passage holds ``support`` of its words could
    follow an uncited source (:func:`followed_passage`), if it has enough words:
    the pages holding one are re-read when any source changes (:mod:`.incremental`)."""
    return FOLLOWED_FACTOR * support <= 1 and support < FOLLOWED_SUPPORT


def followed_passage(
    sentence: Sentence, support: float, corpus: Corpus
) -> tuple[str, float] | None:
    """The uncited source whose passage holds far more of a sentence's words than
    the passage of its cited sources does (``support``): at least
    :data:`FOLLOWED_SUPPORT` of them, and :data:`FOLLOWED_FACTOR` times as many.
    "Mexico has recently eclipsed China ..." cited to Wayne follows the Times."""
    if not poorly_supported(support):
        return None
    vocabulary = get_vocabulary(corpus.language)
    words = word_stems(sentence.text, vocabulary)
    if len(words) < FOLLOWED_WORDS:
        return None
    # Only the few sources sharing most of its rare words: the cost does not
    # grow with the archive.
    ranked = uncited_by_rare_words(sentence, words, corpus)[:FOLLOWED_CANDIDATES]
    others = [corpus.sources[key] for key, _ in ranked]
    best = align(sentence.text, others, vocabulary) if others else None
    if best is None or best.support < max(FOLLOWED_SUPPORT, FOLLOWED_FACTOR * support):
        return None
    return best.key, best.support


class Followed(NamedTuple):
    """An uncited source that a dated sentence follows more closely than its own."""

    key: str
    #: How many of the sentence's words its passage holds, and the cited passage.
    theirs: int
    mine: int
    cited: str


def dated_only(sentence: Sentence, checked: Sequence[Finding]) -> bool:
    """Whether a sentence's only claims are dates, all verified: the followed-source rule's case."""
    return (
        not sentence.quotations
        and bool(sentence.figures)
        and all(f.kind in TEMPORAL for f in sentence.figures)
        and all(f.status is Status.VERIFIED and f.evidence is not None for f in checked)
    )


def followed_source(
    sentence: Sentence, checked: Sequence[Finding], corpus: Corpus
) -> Followed | None:
    """The uncited source a dated sentence follows far more closely than its own."""
    if not dated_only(sentence, checked):
        return None
    vocabulary = get_vocabulary(corpus.language)
    words = word_stems(sentence.text, vocabulary)
    evidence = checked[0].evidence
    assert evidence is not None
    mine = len(words & word_stems(evidence.passage, vocabulary))
    needed = max(FOLLOWED_FACTOR * mine, len(words) / 2)
    for key, count in uncited_by_rare_words(sentence, words, corpus):
        if count < needed:
            break
        other = corpus.sources[key]
        found = best_window(sentence.figures, other)
        if len(found) < len(sentence.figures):
            continue
        lines = [occurrence.sentence for occurrence in found.values()]
        start, end = other.passage(min(lines), max(lines))
        theirs = len(words & word_stems(other.text[start:end], vocabulary))
        if theirs >= needed:
            return Followed(key, theirs, mine, evidence.key)
    return None
