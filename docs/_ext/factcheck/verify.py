"""Checking collected sentences against the sources they cite.

- A quotation is verified when it stands verbatim in one cited source.
- The figures of one sentence are verified together: all of them must be
  found in one passage of one cited source, three consecutive sentences at
  most, so that a right number with a wrong year fails. Three, because news
  writing often puts a figure, its date and its attribution in adjacent
  sentences ("Since the start of the fiscal year, they have seized more than
  11,000 pounds ... More than half of seizures this year ...").

Lookups go through each source's index of figures, so the work grows with
the number of sentences and the sources each one cites, never with sentences
times sources.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from .collect import Sentence
from .figures import Figure, Kind, supports, word_stems
from .quotations import PASSAGE_SENTENCES
from .records import ClaimKind, Evidence, Finding, Status
from .sources import Corpus, Occurrence, Source

#: Kinds of figure that date a whole sentence rather than count one thing in it.
TEMPORAL = frozenset({Kind.YEAR, Kind.MONTH, Kind.DATE, Kind.RANGE})
#: The share of a dated claim's distinctive words its source sentence must hold.
TEMPORAL_SHARE = 0.2

#: How much of a closest passage a warning shows.
SHOWN = 240


def check_sentences(
    docname: str, sentences: Iterable[Sentence], corpus: Corpus, known_keys: Mapping[str, object]
) -> list[Finding]:
    """Check every sentence of one document; return one finding per claim."""
    findings: list[Finding] = []
    for sentence in sentences:
        findings.extend(check_sentence(docname, sentence, corpus, known_keys))
    return findings


def check_sentence(
    docname: str, sentence: Sentence, corpus: Corpus, known_keys: Mapping[str, object]
) -> list[Finding]:
    findings: list[Finding] = []

    def finding(
        kind: ClaimKind,
        text: str,
        status: Status,
        message: str,
        evidence: Evidence | None = None,
        detail: str = "",
        line: int | None = None,
    ) -> None:
        findings.append(
            Finding(
                docname,
                line or sentence.line,
                kind,
                text,
                sentence.keys,
                status,
                message,
                sentence.text,
                evidence,
                detail,
            )
        )

    for exemption in sentence.exemptions:
        finding(
            ClaimKind.FIGURE,
            exemption.text,
            Status.HANDBOOK_OWN,
            f"the handbook's own figure: {exemption.reason}",
            line=exemption.line,
        )
    if sentence.unterminated is not None:
        finding(
            ClaimKind.QUOTATION,
            sentence.text,
            Status.UNTERMINATED,
            "quotation mark opens a quotation that never closes",
        )

    sources: list[Source] = []
    for key in sentence.keys:
        if key in corpus.sources:
            sources.append(corpus.sources[key])
        elif key in corpus.unusable:
            finding(
                ClaimKind.CITATION,
                key,
                Status.BAD_CITATION,
                f"cited key {key!r} cannot be checked: {corpus.unusable[key]}",
            )
        elif key not in known_keys:
            finding(
                ClaimKind.CITATION,
                key,
                Status.BAD_CITATION,
                f"cited key {key!r} is not in the bibliography",
            )
        else:
            finding(
                ClaimKind.CITATION,
                key,
                Status.BAD_CITATION,
                f"cited key {key!r} has no archived source",
            )

    if not sentence.keys:
        for figure in sentence.figures:
            finding(
                ClaimKind.FIGURE,
                figure.text,
                Status.UNCITED,
                f"uncited figure {figure.text!r}: the sentence cites no source",
                detail=_detail(figure),
            )
        for quotation in sentence.quotations:
            finding(
                ClaimKind.QUOTATION,
                quotation.text,
                Status.UNCITED,
                f"uncited quotation “{quotation.text}”: the sentence cites no source",
            )
        return findings

    if sentence.figures or sentence.quotations:
        # Outside quotations, a source named in the sentence must be one it cites.
        said = re.sub(r"[\"“][^\"”]*[\"”]", " ", sentence.text)
        for key, name in corpus.attributed(said).items():
            if key not in sentence.keys:
                finding(
                    ClaimKind.CITATION,
                    name,
                    Status.MISATTRIBUTED,
                    f"the sentence attributes its claim to {name!r} but does not cite {key}",
                )
    for quotation in sentence.quotations:
        checked = _check_quotation(docname, sentence, quotation.text, sources)
        findings.append(checked._replace(span=(quotation.start, quotation.end)))
    if sentence.figures:
        checked_figures = _check_figures(docname, sentence, sources)
        findings.extend(
            f._replace(span=(figure.start, figure.end))
            for f, figure in zip(checked_figures, sentence.figures, strict=True)
        )
        followed = _followed_source(sentence, checked_figures, corpus)
        if followed is not None:
            other, theirs, mine, cited = followed
            finding(
                ClaimKind.CITATION,
                other,
                Status.MISATTRIBUTED,
                f"the sentence follows {other}, which gives its dates in a passage holding "
                f"{theirs} of its words, but cites {cited}, whose passage holds {mine}: "
                f"cite {other}",
            )
    return findings


#: A sentence whose only figures are dates is pinned to its source by its
#: words alone. Where a source it does not cite gives the same dates in a
#: passage holding this many times as many of its words, and at least half of
#: them, that is the source the sentence follows.
FOLLOWED_FACTOR = 2


def _followed_source(
    sentence: Sentence, checked: list[Finding], corpus: Corpus
) -> tuple[str, int, int, str] | None:
    """The uncited source a dated sentence follows far more closely than its own.

    Returns ``(key, its shared words, the cited passage's, the cited key)``.
    """
    if (
        sentence.quotations
        or any(f.kind not in TEMPORAL for f in sentence.figures)
        or any(f.status is not Status.VERIFIED or f.evidence is None for f in checked)
    ):
        return None
    words = word_stems(sentence.text)
    evidence = checked[0].evidence
    assert evidence is not None
    mine = len(words & word_stems(evidence.passage))
    needed = max(FOLLOWED_FACTOR * mine, len(words) / 2)
    counts = Counter(
        key
        for word in words
        for key in corpus.distinctive_words.get(word, ())
        if key not in sentence.keys
    )
    for key, count in counts.most_common():
        if count < needed:
            break
        other = corpus.sources[key]
        covered = _best_window(sentence.figures, other)
        if len(covered) < len(sentence.figures):
            continue
        lines = [occurrence.sentence for occurrence in covered.values()]
        start, end = other.passage(min(lines), max(lines))
        theirs = len(words & word_stems(other.text[start:end]))
        if theirs >= needed:
            return key, theirs, mine, evidence.key
    return None


def _detail(figure: Figure) -> str:
    return figure.describe()[len(figure.text) + 2 : -1]


def _check_quotation(
    docname: str, sentence: Sentence, quotation: str, sources: list[Source]
) -> Finding:
    def result(status: Status, message: str, evidence: Evidence | None = None) -> Finding:
        return Finding(
            docname,
            sentence.line,
            ClaimKind.QUOTATION,
            quotation,
            sentence.keys,
            status,
            message,
            sentence.text,
            evidence,
        )

    for source in sources:
        match = source.passages.find(quotation)
        if match is not None:
            first = source.sentence_at(match.start)
            last = source.sentence_at(max(match.start, match.end - 1))
            start, end = source.passage(first, last)
            return result(
                Status.VERIFIED,
                f"found in {source.key}",
                Evidence(source.key, start, end, source.text[start:end], match.start, match.end),
            )
    if not sources:
        return result(
            Status.MISQUOTED,
            f"quotation “{quotation}” cannot be checked: no usable source is cited",
        )
    key, passage = _closest_to_quotation(quotation, sources)
    return result(
        Status.MISQUOTED,
        f"quotation “{_shorten(quotation)}” is not verbatim in "
        f"{', '.join(s.key for s in sources)}; closest passage in {key}: "
        f"“{_shorten(passage)}”",
    )


def _check_figures(docname: str, sentence: Sentence, sources: list[Source]) -> list[Finding]:
    figures = sentence.figures
    best: tuple[int, Source | None, dict[int, object]] = (-1, None, {})
    for source in sources:
        covered = _best_window(figures, source)
        if len(covered) > best[0]:
            best = (len(covered), source, covered)
        if len(covered) == len(figures):
            break
    count, source, covered = best
    findings = []
    evidence: Evidence | None = None
    if source is not None and covered:
        sentences = [occurrence.sentence for occurrence in covered.values()]
        start, end = source.passage(min(sentences), max(sentences))
        evidence = Evidence(source.key, start, end, source.text[start:end], start, end)

    def figure_finding(
        figure: Figure, status: Status, message: str, found_at: Evidence | None
    ) -> Finding:
        return Finding(
            docname,
            sentence.line,
            ClaimKind.FIGURE,
            figure.text,
            sentence.keys,
            status,
            message,
            sentence.text,
            found_at,
            _detail(figure),
        )

    for index, figure in enumerate(figures):
        occurrence = covered.get(index)
        if occurrence is not None and source is not None and evidence is not None:
            found = occurrence.figure
            message = f"{figure.text!r} found in {source.key} as {found.text!r}"
            if count < len(figures):
                message += " (other figures of the sentence are not in this passage)"
            findings.append(
                figure_finding(
                    figure,
                    Status.VERIFIED,
                    message,
                    evidence._replace(start=found.start, end=found.end),
                )
            )
            continue
        if not sources:
            message = f"figure {figure.text!r} cannot be checked: no usable source is cited"
        else:
            key, passage = _closest_sentence(sentence.text, sources)
            together = " together with the sentence's other figures" if count > 0 else ""
            message = (
                f"figure {figure.text!r} ({_detail(figure)}) is not supported"
                f"{together} by {', '.join(s.key for s in sources)}; "
                f"closest passage in {key}: “{_shorten(passage)}”"
            )
        findings.append(figure_finding(figure, Status.UNSUPPORTED, message, None))
    return findings


def _best_window(figures: tuple[Figure, ...], source: Source) -> dict[int, Occurrence]:
    """The figures (by index) that one passage of ``source`` supports, most first.

    Tight passages are tried first: one sentence, then two, then three, so
    the evidence shown is the shortest passage that holds all the figures.
    """
    claimed = frozenset(key for figure in figures for key in _keys_stated(figure))
    occurrences = [
        [
            o
            for o in source.figures.get(figure.key, ())
            if supports(o.figure, figure)
            and same_context(o.figure, figure, source.common)
            and best_aligned(o, figure, source, claimed)
        ]
        for figure in figures
    ]
    anchors = sorted({o.sentence for found in occurrences for o in found})
    best: dict[int, Occurrence] = {}
    for size in range(1, PASSAGE_SENTENCES + 1):
        for first in sorted({a - back for a in anchors for back in range(size) if a >= back}):
            last = first + size - 1
            covered = _covered(figures, occurrences, source, claimed, first, last)
            if len(covered) > len(best):
                best = covered
                if len(best) == len(figures):
                    return best
    return best


def _covered(
    figures: tuple[Figure, ...],
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
    covered: dict[int, Occurrence] = {}
    for index, found in enumerate(occurrences):
        if figures[index].kind not in TEMPORAL:
            inside = [o for o in found if first <= o.sentence <= last]
            if inside:
                covered[index] = inside[0]
    counted = {o.sentence for o in covered.values()}
    dated_otherwise = any(
        other.kind is Kind.YEAR and other.key not in claimed
        for sentence in counted
        for other in source.sentence_figures[sentence]
    )
    for index, found in enumerate(occurrences):
        if figures[index].kind in TEMPORAL:
            inside = [o for o in found if first <= o.sentence <= last]
            own = [o for o in inside if o.sentence in counted]
            if own or (inside and not dated_otherwise):
                covered[index] = (own or inside)[0]
    return covered


def same_context(evidence: Figure, claim: Figure, common: frozenset[str]) -> bool:
    """Whether a source figure stands among words the claim also uses.

    At least one distinctive word near the claim's figure (ignoring words
    common throughout the source) must stand near the source's figure too. A
    claim with no distinctive word near its figure is not held to this.
    """
    distinctive = claim.context - common
    return not distinctive or bool(distinctive & evidence.context)


def _keys_stated(figure: Figure) -> list[tuple[object, object]]:
    """The keys a claim's figure states: its own, and the years a date or range names."""
    keys = [figure.key]
    if figure.kind in (Kind.MONTH, Kind.DATE) and figure.value[0] is not None:
        keys.append((Kind.YEAR, figure.value[0]))
    elif figure.kind is Kind.RANGE:
        keys.extend((Kind.YEAR, year) for year in figure.value)
    return keys


def best_aligned(
    occurrence: Occurrence,
    claim: Figure,
    source: Source,
    claimed: frozenset[tuple[object, object]] = frozenset(),
) -> bool:
    """Whether no other figure of the same kind nearby fits the claim's words better.

    Like Hypothesis ranking a quotation's candidates by their context: among
    the figures of the claim's kind in and around the occurrence's sentence,
    the one whose near words share most with the claim's near words is the
    figure the claim restates. The occurrence must be that figure, or come
    within one shared word of it, and must share at least one near word with
    the claim if the claim has any. So "four federal courts" is not supported by "four sons" when the same
    sentence says "three federal courts". Figures the claim's sentence states
    itself (``claimed``) are not rivals.
    """
    if not _same_unit(occurrence, claim, source, claimed):
        return False
    words = claim.near - source.common
    if not words:
        return True
    if claim.kind in TEMPORAL:
        # A date or year belongs to its whole source sentence ("On Friday, the
        # Justice Department ... and the Treasury Department ..."), and several
        # dates often share one, so the sentence must share a fair part of the
        # claim's words: a fifth at least.
        shared = words & occurrence.figure.context
        return len(shared) >= max(1, math.ceil(len(words) * TEMPORAL_SHARE))
    score = len(words & occurrence.figure.near)
    if score == 0:
        return False
    first = max(0, occurrence.sentence - 1)
    for sentence in range(first, min(len(source.sentences), occurrence.sentence + 2)):
        for other in source.sentence_figures[sentence]:
            if (
                other.kind is claim.kind
                and other.key != claim.key
                and other.key not in claimed
                and len(words & other.near) > score + 1
            ):
                return False
    return True


def _same_unit(
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


def _closest_sentence(text: str, sources: list[Source]) -> tuple[str, str]:
    best = ("", "", -1.0)
    for source in sources:
        choices = [source.text[s:e] for s, e in source.sentences]
        match = process.extractOne(text, choices, scorer=fuzz.token_set_ratio)
        if match and match[1] > best[2]:
            best = (source.key, match[0], match[1])
    return best[0], best[1]


def _closest_to_quotation(quotation: str, sources: list[Source]) -> tuple[str, str]:
    from .normalize import normalize

    wanted = normalize(quotation).replace("...", " ")
    best = ("", "", -1.0)
    for source in sources:
        haystack = source.passages.normalized
        alignment = fuzz.partial_ratio_alignment(wanted, haystack)
        if alignment is not None and alignment.score > best[2]:
            first = source.sentence_at(source.passages.offsets[alignment.dest_start])
            last = source.sentence_at(source.passages.offsets[max(alignment.dest_end - 1, 0)])
            start, end = source.passage(first, last)
            best = (source.key, source.text[start:end], alignment.score)
    return best[0], best[1]


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
