"""Verifying one collected sentence against the sources it cites: every rule, in order.

For each sentence, :func:`check_sentence` returns one :class:`~.records.Finding`
per claim:

1. each own figure is listed as such, with its reason;
2. each cited key must name a usable source (``bad-citation`` otherwise);
3. a sentence with claims and no citation is ``uncited``;
4. a source the sentence names must be one it cites (:mod:`.attribution`);
5. each quotation must stand verbatim in a cited source (:mod:`.passages`),
   credited to its speaker there (:mod:`.speakers`);
6. the sentence's figures must stand together in one passage of one cited
   source (:mod:`.figure_match`); a figure in a clause that names a cited
   source must be one that source gives, and a dated sentence must cite the
   source it follows (:mod:`.attribution`); a date must be the day of what
   its clause says (:mod:`.event_dates`);
7. unless the sentence is marked as the project's own statement, the whole
   sentence is aligned to the passage of its sources that supports
   it best (:mod:`.align`), and recorded with its support; a statement it
   reports without quotation marks must be credited to its speaker there
   (:mod:`.speakers`);
8. every name it uses outside quotation marks must stand in that passage or
   in a passage its claims were verified in (:mod:`.names`, :mod:`.name_roles`),
   and its negations and words of direction must agree with them
   (:mod:`.polarity`).

Failures name the closest passage of the cited sources (:mod:`.closest`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .align import (
    CLAUSE_WORDS,
    align,
    align_clauses,
    aligned_passages,
    searches_kept,
    sentence_words,
)
from .attribution import followed_passage, followed_source, named_for_figures, named_sources
from .closest import closest_sentence, closest_to_quotation, shorten
from .collect import Sentence
from .corpus import Corpus
from .event_dates import misdated
from .figure_match import best_window
from .index import Source
from .language import Vocabulary, get_vocabulary
from .names import check_names, without_names
from .polarity import REPORTING_WORDS, contradictions
from .quotations import Quotation
from .records import ClaimKind, Evidence, Finding, Status
from .speakers import credited_speaker, reported_statements, speaker_key


def sentence_finding(
    docname: str,
    sentence: Sentence,
    kind: ClaimKind,
    text: str,
    status: Status,
    message: str,
    *,
    line: int | None = None,
    evidence: Evidence | None = None,
    detail: str = "",
    support: float | None = None,
    missing: tuple[str, ...] = (),
) -> Finding:
    """A finding about one claim of ``sentence``: at its line (or ``line``), with
    its keys and its text."""
    return Finding(
        docname=docname,
        line=line or sentence.line,
        kind=kind,
        text=text,
        keys=sentence.keys,
        status=status,
        message=message,
        sentence=sentence.text,
        evidence=evidence,
        detail=detail,
        support=support,
        missing=missing,
    )


def check_sentences(
    docname: str, sentences: Iterable[Sentence], corpus: Corpus, known_keys: Mapping[str, object]
) -> list[Finding]:
    """Check every sentence of one document; return one finding per claim."""
    findings: list[Finding] = []
    for sentence in sentences:
        findings.extend(check_sentence(docname, sentence, corpus, known_keys))
    return findings


def check_sentence(
    docname: str,
    sentence: Sentence,
    corpus: Corpus,
    known_keys: Mapping[str, object],
    page_words: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Every finding of one sentence (see the module's rules).

    ``page_words`` are the words its page writes in lower case (:mod:`.names`)."""
    with searches_kept():  # its checks look for its passages more than once
        return _sentence_findings(docname, sentence, corpus, known_keys, page_words)


def _sentence_findings(
    docname: str,
    sentence: Sentence,
    corpus: Corpus,
    known_keys: Mapping[str, object],
    page_words: frozenset[str],
) -> list[Finding]:
    findings: list[Finding] = []

    def finding(
        kind: ClaimKind,
        text: str,
        status: Status,
        message: str,
        line: int | None = None,
        detail: str = "",
    ) -> None:
        findings.append(
            sentence_finding(
                docname, sentence, kind, text, status, message, line=line, detail=detail
            )
        )

    for exemption in sentence.exemptions:
        finding(
            ClaimKind.FIGURE,
            exemption.text,
            Status.OWN_FIGURE,
            f"the project's own figure: {exemption.reason}",
            line=exemption.line,
        )
    if sentence.statement:
        finding(
            ClaimKind.SENTENCE,
            sentence.text,
            Status.OWN_STATEMENT,
            f"the project's own statement: {sentence.statement}",
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
            continue
        if key in corpus.unusable:
            why = f"cannot be checked: {corpus.unusable[key]}"
        elif key not in known_keys:
            why = "is not in the bibliography"
        else:
            why = "has no archived source"
        finding(ClaimKind.CITATION, key, Status.BAD_CITATION, f"cited key {key!r} {why}")

    if not sentence.keys:
        for figure in sentence.figures:
            finding(
                ClaimKind.FIGURE,
                figure.text,
                Status.UNCITED,
                f"uncited figure {figure.text!r}: the sentence cites no source",
                detail=figure.detail,
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
        for key, name in named_sources(sentence, corpus).items():
            if key not in sentence.keys:
                finding(
                    ClaimKind.CITATION,
                    name,
                    Status.MISATTRIBUTED,
                    f"the sentence attributes its claim to {name!r} but does not cite {key}",
                )
    for quotation in sentence.quotations:
        checked = check_quotation(docname, sentence, quotation.text, sources)
        findings.append(checked._replace(span=(quotation.start, quotation.end)))
        if checked.status is Status.VERIFIED and not sentence.statement:
            findings.extend(check_speaker(docname, sentence, quotation, checked, corpus))
    if sentence.figures:
        checked_figures = check_figures(docname, sentence, sources)
        findings.extend(
            f._replace(span=(figure.start, figure.end))
            for f, figure in zip(checked_figures, sentence.figures, strict=True)
        )
        for named in named_for_figures(sentence, checked_figures, corpus):
            figure, evidence = sentence.figures[named.index], checked_figures[named.index].evidence
            assert evidence is not None
            finding(
                ClaimKind.FIGURE,
                figure.text,
                Status.MISATTRIBUTED,
                f"figure {figure.text!r} stands in a clause that names {named.name!r}, but "
                f"{named.key} does not give it; {evidence.key} does",
                detail=figure.detail,
            )
        vocabulary = get_vocabulary(corpus.language)
        for wrong in misdated(sentence, checked_figures, sources, vocabulary):
            figure = sentence.figures[wrong.index]
            theirs = ", ".join(f"{date.text!r} ({date.detail})" for date in wrong.theirs)
            finding(
                ClaimKind.FIGURE,
                figure.text,
                Status.CONTRADICTED,
                f"date {figure.text!r} is not the day of what its clause says: the passage "
                f"it rests on in {wrong.key} gives {theirs}",
                detail=figure.detail,
            )
        followed = followed_source(sentence, checked_figures, corpus)
        if followed is not None:
            finding(
                ClaimKind.CITATION,
                followed.key,
                Status.MISATTRIBUTED,
                f"the sentence follows {followed.key}, which gives its dates in a passage "
                f"holding {followed.theirs} of its words, but cites {followed.cited}, whose "
                f"passage holds {followed.mine}: cite {followed.key}",
            )
    if sources and not sentence.statement:
        aligned = check_alignment(docname, sentence, sources, corpus.language)
        findings.append(aligned)
        followed = followed_passage(sentence, aligned.support or 0.0, corpus)
        if followed is not None:
            key, support = followed
            finding(
                ClaimKind.CITATION,
                key,
                Status.MISATTRIBUTED,
                f"the sentence follows {key}, whose passage holds {support:.0%} of its words, "
                f"but cites {', '.join(sentence.keys)}, whose passage holds "
                f"{aligned.support or 0.0:.0%}: cite {key}",
            )
        findings.extend(check_reported_speakers(docname, sentence, sources, corpus))
        findings.extend(check_meaning(docname, sentence, sources, corpus, findings, page_words))
    return findings


def _holds_most(aligned: Finding, words: list[str]) -> bool:
    """Whether the passage a sentence is aligned to holds at least half of ``words``
    (the sentence's words other than its names)."""
    held = [word for word in words if word not in aligned.missing]
    return 2 * len(held) >= len(words)


def meaning_passages(
    sentence: Sentence, sources: list[Source], findings: list[Finding], vocabulary: Vocabulary
) -> list[tuple[Source, int, int]]:
    """The passages a sentence's meaning rests on, as (source, first, last sentence):
    :func:`rested_passages` and each cited source's best passage."""
    return rested_passages(sentence, sources, findings, vocabulary) + cited_passages(
        sentence, sources, vocabulary
    )


def cited_passages(
    sentence: Sentence, sources: list[Source], vocabulary: Vocabulary
) -> list[tuple[Source, int, int]]:
    """For a sentence citing several sources, each one's best passage for its words."""
    if len(sources) < 2:
        return []
    said = without_names(sentence.text, vocabulary)
    return [
        (source, a.first, a.last) for source in sources if (a := align(said, [source], vocabulary))
    ]


def rested_passages(
    sentence: Sentence, sources: list[Source], findings: list[Finding], vocabulary: Vocabulary
) -> list[tuple[Source, int, int]]:
    """The passages a sentence's words rest on: where its claims verified, where it
    is aligned, and, for a sentence that joins claims, each clause's passage and
    its second-best passage."""
    by_key = {source.key: source for source in sources}
    said = without_names(sentence.text, vocabulary)
    # Its words about the world: not its names, nor its words about the source ("reports").
    plain = [
        bare
        for word in sentence_words(said, vocabulary).values()
        if (bare := word.strip(".,;:!?()[]“”\"'‘’")).lower() not in REPORTING_WORDS
    ]
    passages = []
    for finding in findings:
        evidence = finding.evidence
        if evidence is None or evidence.key not in by_key or finding.status.failed:
            continue
        if finding.kind is ClaimKind.SENTENCE and not _holds_most(finding, plain):
            continue  # aligned by a name that drew in its own passage ("Chinese Obrador")
        source = by_key[evidence.key]
        first = source.sentence_at(evidence.passage_start)
        last = source.sentence_at(max(evidence.passage_start, evidence.passage_end - 1))
        passages.append((source, first, last))
    # Aligned by the sentence's other words: a name must not draw in the passage
    # that holds it ("the Treasury Department revealed charges" rests on the
    # charges' passage, not on the Treasury's).
    aligned = align_clauses(said, sources, vocabulary, fallback=sentence.text)
    # A second passage only if it holds common words the first lacks: a summing-up
    # of two passages, not any passage that happens to hold a name.
    best = aligned_passages(said, sources, vocabulary, 2)
    lacking = {word for word in best[0].missing if word[:1].islower()} if best else set()
    aligned += [a for a in best if a is best[0] or lacking - set(a.missing)]
    for alignment in aligned:
        passages.append((by_key[alignment.key], alignment.first, alignment.last))
    return passages


def check_meaning(
    docname: str,
    sentence: Sentence,
    sources: list[Source],
    corpus: Corpus,
    findings: list[Finding],
    page_words: frozenset[str] = frozenset(),
) -> list[Finding]:
    """The sentence's passages against what it says: one ``misnamed`` finding per name
    they do not hold, one ``contradicted`` finding per word they turn round."""
    vocabulary = get_vocabulary(corpus.language)
    rested = rested_passages(sentence, sources, findings, vocabulary)
    passages = rested + cited_passages(sentence, sources, vocabulary)
    problems = check_names(sentence.text, passages, sources, corpus, vocabulary, page_words)
    results = []
    # Turned round against the passages its claims and its words rest on (each
    # clause's too), not the wider ones its names may come from.
    passage_text = "\n".join(
        dict.fromkeys(source.passage_text(first, last) for source, first, last in rested)
    )
    # Its sentences, each once, in order: as the passage would be split.
    pieces = list(
        dict.fromkeys(
            source.text[start:end]
            for source, first, last in rested
            for start, end in source.sentences[first : last + 1]
        )
    )
    # Read only where the sentence adds a negation: not copied out for every sentence.
    elsewhere = (source.text[a:b] for source in sources for a, b in source.sentences)
    for contradiction in contradictions(sentence.text, passage_text, elsewhere, pieces):
        results.append(
            sentence_finding(
                docname,
                sentence,
                ClaimKind.WORDING,
                contradiction.word,
                Status.CONTRADICTED,
                contradiction.message,
            )
        )
    for problem in problems:
        if problem.where == "elsewhere":
            where = (
                f"the passage the sentence rests on does not give it; "
                f"{', '.join(problem.keys)} gives it elsewhere"
            )
        elif problem.where == "alone":
            where = f"the sources write it only as part of a longer name ({problem.keys[0]!r})"
        elif problem.where == "after":
            second = problem.name.split()[-1]
            where = f"the sources write {second!r} only after another word ({problem.keys[1]!r})"
        elif problem.where == "swapped":
            where = f"the passage gives {problem.keys[0]!r} in its place"
        elif problem.where == "uncited":
            where = f"no cited source gives it; {', '.join(problem.keys)}, not cited, does"
        else:
            where = "no source gives it"
        results.append(
            sentence_finding(
                docname,
                sentence,
                ClaimKind.NAME,
                problem.name,
                Status.MISNAMED,
                f"name {problem.name!r}: {where}",
            )
        )
    return results


def check_alignment(
    docname: str, sentence: Sentence, sources: list[Source], language: str
) -> Finding:
    """The sentence's finding: the passage it is aligned to, with its support."""
    aligned = align(sentence.text, sources, get_vocabulary(language))
    evidence = None
    if aligned is None:
        message = f"no passage of {', '.join(s.key for s in sources)} shares a word with it"
        support, missing = 0.0, ()
    else:
        source = next(s for s in sources if s.key == aligned.key)
        passage = source.text[aligned.start : aligned.end]
        evidence = Evidence(
            key=aligned.key,
            passage_start=aligned.start,
            passage_end=aligned.end,
            passage=passage,
            start=aligned.start,
            end=aligned.end,
        )
        support, missing = aligned.support, aligned.missing
        message = f"aligned to {aligned.key} (support {support:.0%})"
        if missing:
            message += "; not in the passage: " + ", ".join(missing)
    return sentence_finding(
        docname,
        sentence,
        ClaimKind.SENTENCE,
        sentence.text,
        Status.ALIGNED,
        message,
        evidence=evidence,
        support=support,
        missing=missing,
    )


def check_speaker(
    docname: str, sentence: Sentence, quotation: Quotation, checked: Finding, corpus: Corpus
) -> list[Finding]:
    """A ``misattributed`` finding if the sentence credits a verified quotation to
    someone other than the source's speaker (or a person for the outlet's narration)."""
    credited = credited_speaker(sentence.text, quotation.start, quotation.end)
    evidence = checked.evidence
    if credited is None or evidence is None:
        return []
    speakers = corpus.speakers(evidence.key)
    outlet = speakers.outlet.name
    speaker = speakers.speaker_of(evidence.start, evidence.end)
    if speaker is None:
        return []
    # The outlet, or the author who writes the piece ("Earl Anthony Wayne of the
    # Wilson Center" for the "Wayne" of the attribution names).
    # A byline's author may also be quoted by name ("Smith said"): that is a speaker.
    as_outlet = corpus.speaks_as_outlet(evidence.key, credited)
    if as_outlet and not speaker.narration and not speakers.same(credited, speaker):
        problem = f"{evidence.key} gives these words to {speaker.name}, not to its own narration"
    elif not as_outlet and speaker.narration:
        problem = (
            f"{evidence.key} prints these words as its own narration ({outlet}), not {credited}'s"
        )
    elif not as_outlet and not speakers.same(credited, speaker):
        problem = f"{evidence.key} gives these words to {speaker.name}"
    else:
        return []
    return [
        sentence_finding(
            docname,
            sentence,
            ClaimKind.QUOTATION,
            quotation.text,
            Status.MISATTRIBUTED,
            f"the sentence credits “{quotation.text}” to {credited}; {problem}",
        )
    ]


#: How much of a reported statement's words the source's sentence must hold for
#: its speech tag to say who made the statement.
REPORTED_SUPPORT = 0.6


def check_reported_speakers(
    docname: str, sentence: Sentence, sources: list[Source], corpus: Corpus
) -> list[Finding]:
    """A ``misattributed`` finding for each statement the sentence reports without
    quotation marks ("Sinema said U.S. lawmakers ...") and credits to someone other
    than the speaker the source's own tag gives the sentence it rests on."""
    vocabulary = get_vocabulary(corpus.language)
    results = []
    for credited, start, end in reported_statements(sentence.text):
        wanted = sentence_words(sentence.text[start:end], vocabulary)
        aligned = align(sentence.text[start:end], sources, vocabulary)
        if aligned is None or aligned.support < REPORTED_SUPPORT or len(wanted) < CLAUSE_WORDS:
            continue
        source = corpus.sources[aligned.key]
        # The passage's sentence that holds most of the statement's words.
        held = {
            index: sum(index in source.stem_sentences.get(stem, ()) for stem in wanted)
            for index in range(aligned.first, aligned.last + 1)
        }
        best = max(held, key=lambda index: (held[index], -index))
        if held[best] < REPORTED_SUPPORT * len(wanted):
            continue
        speakers = corpus.speakers(aligned.key)
        speaker = speakers.reporter_of(*source.sentences[best])
        if speaker is None or speaker.narration or " " in speaker.key:
            continue  # no tag, or a group ("U.S. officials"): nothing to compare
        if (
            corpus.speaks_as_outlet(aligned.key, credited)
            or " " in speaker_key(credited)
            or speakers.same(credited, speaker)
        ):
            continue
        results.append(
            sentence_finding(
                docname,
                sentence,
                ClaimKind.NAME,
                credited,
                Status.MISATTRIBUTED,
                f"the sentence credits what it reports to {credited}; "
                f"{aligned.key} gives it to {speaker.name}",
            )
        )
    return results


def check_quotation(
    docname: str, sentence: Sentence, quotation: str, sources: list[Source]
) -> Finding:
    """The finding of one quotation: verified in the first cited source that holds it."""

    def result(status: Status, message: str, evidence: Evidence | None = None) -> Finding:
        return sentence_finding(
            docname, sentence, ClaimKind.QUOTATION, quotation, status, message, evidence=evidence
        )

    for source in sources:
        match = source.passages.find(quotation)
        if match is not None:
            first = source.sentence_at(match.start)
            last = source.sentence_at(max(match.start, match.end - 1))
            start, end = source.passage(first, last)
            evidence = Evidence(
                key=source.key,
                passage_start=start,
                passage_end=end,
                passage=source.text[start:end],
                start=match.start,
                end=match.end,
            )
            return result(Status.VERIFIED, f"found in {source.key}", evidence)
    if not sources:
        return result(
            Status.MISQUOTED,
            f"quotation “{quotation}” cannot be checked: no usable source is cited",
        )
    key, passage = closest_to_quotation(quotation, sources)
    return result(
        Status.MISQUOTED,
        f"quotation “{shorten(quotation)}” is not verbatim in "
        f"{', '.join(s.key for s in sources)}; closest passage in {key}: “{shorten(passage)}”",
    )


def check_figures(docname: str, sentence: Sentence, sources: list[Source]) -> list[Finding]:
    """One finding per figure of the sentence, all sought in one passage of one source."""
    figures = sentence.figures
    best: tuple[int, Source | None, dict[int, object]] = (-1, None, {})
    for source in sources:
        found = best_window(figures, source)
        if len(found) > best[0]:
            best = (len(found), source, found)
        if len(found) == len(figures):
            break
    count, source, found = best
    passage: Evidence | None = None
    if source is not None and found:
        lines = [occurrence.sentence for occurrence in found.values()]
        start, end = source.passage(min(lines), max(lines))
        passage = Evidence(
            key=source.key,
            passage_start=start,
            passage_end=end,
            passage=source.text[start:end],
            start=start,
            end=end,
        )
    findings = []
    for index, figure in enumerate(figures):
        occurrence = found.get(index)
        if occurrence is not None and source is not None and passage is not None:
            stated = occurrence.figure
            message = f"{figure.text!r} found in {source.key} as {stated.text!r}"
            if count < len(figures):
                message += " (other figures of the sentence are not in this passage)"
            status, evidence = Status.VERIFIED, passage._replace(start=stated.start, end=stated.end)
        else:
            status, evidence = Status.UNSUPPORTED, None
            if not sources:
                message = f"figure {figure.text!r} cannot be checked: no usable source is cited"
            else:
                key, closest = closest_sentence(sentence.text, sources)
                together = " together with the sentence's other figures" if count > 0 else ""
                message = (
                    f"figure {figure.text!r} ({figure.detail}) is not supported{together} by "
                    f"{', '.join(s.key for s in sources)}; closest passage in {key}: "
                    f"“{shorten(closest)}”"
                )
        findings.append(
            sentence_finding(
                docname,
                sentence,
                ClaimKind.FIGURE,
                figure.text,
                status,
                message,
                evidence=evidence,
                detail=figure.detail,
            )
        )
    return findings
