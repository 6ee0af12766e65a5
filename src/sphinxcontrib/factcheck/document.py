"""The check of one document, as Sphinx reads it: collect, verify, adjust, mark, record, warn.

Shaped like Sphinx's linkcheck builder, in steps that each live in their own
module: :mod:`.collect` collects the sentences that state figures or
quotations, :mod:`.verify` checks each against its sources, every finding
passes through the ``factcheck-process-finding`` event (so a project can
adjust one without forking the check), :mod:`.marking` marks the verified
ones in the page, and the findings are recorded in the domain
(:mod:`.domain`). Each failure is a warning at ``file:line``, so every
builder, HTML and LaTeX included, fails on a wrong figure under ``-W``.

A page is checked only when none of its inputs changed since its findings were
stored (:mod:`.cache`); in a serial build it is checked in worker processes
while Sphinx reads the next pages, and marked when every page is read
(:mod:`.background`).
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Callable, Mapping

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .attribution import dated_only, poorly_supported
from .background import BackgroundCheck, can_fork, worker_count
from .bibliography import Entry
from .cache import digest_of
from .collect import (
    BlockText,
    Sentence,
    collect_sentences,
    page_sentences,
    read_blocks,
    with_nodes,
)
from .config import get_config
from .corpus import Corpus
from .domain import DocumentRecord, FactCheckDomain
from .folding import QUOTED
from .language import Vocabulary, get_vocabulary
from .marking import mark_citation, mark_claims, passage_fragments
from .names import lower_words
from .records import Finding, PageFindings
from .verify import check_sentence
from .words import word_stems

logger = logging.getLogger(__name__)

#: Emitted for every finding, with ``(app, finding)``; a handler may return a
#: replacement :class:`~.records.Finding` (the first one returned is used).
PROCESS_FINDING = "factcheck-process-finding"

_WORD = re.compile(r"\w+")


def skipped(docname: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """Whether a document matches one of the ``factcheck_skip_pages`` patterns.

    >>> skipped("changelog", ["changelog"]), skipped("about/team", ["about/*"]), skipped("index", ["about/*"])
    (True, True, False)
    """
    return any(fnmatch.fnmatchcase(docname, pattern) for pattern in patterns)


def check_document(app: Sphinx, doctree: nodes.document) -> None:
    """Check one document as it is read; warn at file:line for each failure.

    Findings stored by an earlier build for the same inputs are used as they
    are; a page without them is checked at once, or sent to the workers of a
    serial build (:mod:`.background`) and finished when every page is read
    (:func:`finish_documents`).
    """
    env = app.env
    domain = env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    config = get_config(app)
    corpus = domain.corpus
    docname = env.docname
    if corpus is None or not config.enabled or skipped(docname, config.skip_pages):
        return
    entries = domain.entries
    read = read_blocks(doctree, footcite_keys(entries))
    # What the check reads of the page: its blocks' text, without their doctree nodes.
    texts = [text for text, _ in read]
    # Blocks hold only text, numbers and tuples of them, which JSON writes the same in
    # every process: written at once, not value by value (:func:`.cache.canonical`).
    key = digest_of(domain.inputs_digest, docname, json.dumps(texts, ensure_ascii=False))
    found = corpus.cache.stored_findings(docname, key)
    if not isinstance(found, PageFindings):
        background = _background(app, domain)
        if background is not None:
            background.submit(docname, doctree, read, key)
            return
        found = check_page(docname, texts, corpus, entries)
        corpus.cache.store_findings(docname, key, found)
    record_document(app, docname, with_nodes(found.sentences, read), found)


def check_page(
    docname: str, texts: list[BlockText], corpus: Corpus, entries: Mapping[str, Entry]
) -> PageFindings:
    """A page's sentences, read from its blocks' ``texts``, each checked
    (:func:`.verify.check_sentence`), with the Text Fragments of the passages they
    rest on, for linking to the originals."""
    sentences = page_sentences(texts, get_vocabulary(corpus.language))
    page_words = frozenset().union(*(lower_words(s.text) for s in sentences))
    found = [check_sentence(docname, s, corpus, entries, page_words) for s in sentences]

    def linked_text(key: str) -> str | None:
        entry = entries.get(key)
        if key not in corpus.sources or entry is None or not entry.fields.get("url"):
            return None
        return corpus.text_of(key)

    vocabulary = get_vocabulary(corpus.language)
    return PageFindings(
        sentences,
        found,
        passage_fragments(found, linked_text),
        tuple(follower_stems(s, f, vocabulary) for s, f in zip(sentences, found, strict=True)),
    )


def follower_stems(
    sentence: Sentence, findings: list[Finding], vocabulary: Vocabulary
) -> frozenset[str] | None:
    """The word stems of a sentence that could be following a source it does not cite
    (its only claims are dates, or its cited passage supports it poorly); else None."""
    support = next((f.support for f in findings if f.kind == "sentence"), None)
    if dated_only(sentence, [f for f in findings if f.kind == "figure"]) or (
        support is not None and poorly_supported(support)
    ):
        return word_stems(sentence.text, vocabulary)
    return None


def _background(app: Sphinx, domain: FactCheckDomain) -> BackgroundCheck | None:
    """The build's workers (started on the first page they are worth starting for), or None."""
    if domain.background is None and domain.corpus is not None:
        wanted = get_config(app).background and app.parallel <= 1 and domain.reading > 1
        workers = worker_count() if wanted and can_fork() else 0
        if workers:
            domain.background = BackgroundCheck(domain.corpus, domain.entries, workers)
    return domain.background


def count_documents(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Note how many pages the build reads (``env-before-read-docs``)."""
    domain = env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    domain.reading = len(docnames)


def finish_documents(app: Sphinx, env: BuildEnvironment) -> None:
    """Mark, record and report every page checked in the background (``env-updated``),
    and write its doctree again with its marks."""
    domain = env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    background, domain.background = domain.background, None
    if background is None:
        return
    try:
        for page, found in background.results():
            record_document(app, page.docname, with_nodes(found.sentences, page.read), found)
            app.builder.write_doctree(page.docname, page.doctree)
    finally:  # also when a warning stops the build (--exception-on-warning)
        background.close()


def stop_background(app: Sphinx, exception: Exception | None) -> None:
    """Stop the workers of a build that failed before its pages were finished."""
    domain = app.env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    background, domain.background = domain.background, None
    if background is not None:
        background.close()


def record_document(
    app: Sphinx, docname: str, sentences: list[Sentence], found: PageFindings
) -> None:
    """Pass each finding through the project's handlers, mark the verified claims and
    aligned citations in the page, record the page's findings and warn for each failure."""
    domain = app.env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    config = get_config(app)
    corpus = domain.corpus
    assert corpus is not None
    entries = domain.entries
    vocabulary = get_vocabulary(config.language)
    findings: list[Finding] = []
    blocks: dict[int, list[tuple[int, nodes.Text]]] = {}
    anchors: set[str] = set()
    words: set[str] = set()
    followers: list[frozenset[str]] = []
    handled = bool(app.events.listeners.get(PROCESS_FINDING))
    # Made with the findings; made again here from those the project's handlers give.
    stored_followers = found.followers if not handled and found.followers else None
    for index, (sentence, sentence_findings) in enumerate(
        zip(sentences, found.findings, strict=True)
    ):
        checked = [process(app, f) if handled else f for f in sentence_findings]
        marked = mark_claims(sentence, checked, blocks, anchors, docname)
        texts = {key: corpus.text_of(key) for key in sentence.keys if key in corpus.sources}
        findings.extend(
            mark_citation(sentence, marked, entries, texts, anchors, docname, found.fragments)
        )
        words.update(_WORD.findall(QUOTED.sub(" ", sentence.text).lower()))
        # Sentences a source they do not cite could be the one they follow.
        stems = (
            stored_followers[index]
            if stored_followers is not None
            else follower_stems(sentence, checked, vocabulary)
        )
        if stems is not None:
            followers.append(stems)
    previous = domain.documents.get(docname)
    cited = {key for sentence in sentences for key in sentence.keys}
    domain.record(
        docname,
        DocumentRecord(
            findings=tuple(findings),
            cited=frozenset(cited) | (previous.cited if previous else frozenset()),
            words=frozenset(words),
            followers=tuple(followers),
            fragments=tuple(sorted(found.fragments.items())),
        ),
    )
    for finding in findings:
        if finding.status.failed:
            logger.warning(
                "[%s] %s",
                finding.status,
                finding.message,
                location=(docname, finding.line),
                type="factcheck",
                subtype=str(finding.status),
            )


def process(app: Sphinx, finding: Finding) -> Finding:
    """A finding after the project's ``factcheck-process-finding`` handlers."""
    replaced = app.events.emit_firstresult(PROCESS_FINDING, finding)
    if replaced is None:
        return finding
    if not isinstance(replaced, Finding):
        raise ExtensionError(
            f"a {PROCESS_FINDING} handler returned {type(replaced).__name__}, not a Finding"
        )
    return replaced


def footcite_keys(entries: Mapping[str, Entry]) -> Callable[[str], str | None]:
    """The bibliography key a footnote citation's ``refid`` stands for, if any."""
    lowercase = {key.lower(): key for key in entries}
    return lambda refid: lowercase.get(refid.removeprefix("footcite-").lower())


def sentences_of(
    doctree: nodes.document, entries: Mapping[str, Entry], vocabulary: Vocabulary
) -> list[Sentence]:
    """The sentences the check collects from a doctree, footnote citations included."""
    return collect_sentences(doctree, footcite_keys(entries), vocabulary)
