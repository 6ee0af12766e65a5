"""The fact check: every figure and quotation proved against the source it cites.

A Sphinx extension, shaped like Sphinx's linkcheck builder:

- :mod:`.sources` verifies the archive (``sources/SHA256SUMS``) and indexes
  the text of every bibliography entry (``file`` and ``date`` fields);
- :mod:`.collect` collects, from each document as it is read, the sentences
  that state figures or quotations, with the keys they cite;
- :mod:`.verify` checks them against the cited sources (using
  :mod:`.figures`, :mod:`.quotations`, :mod:`.sentences`, :mod:`.normalize`);
- failures are Sphinx warnings at ``file:line``, so ``-W`` fails any build;
- :mod:`.builder` (``-b factcheck``) writes every finding with
  :mod:`.report` to ``output.txt`` and ``output.json``.

Everything Sphinx needs is registered in :func:`setup`.
"""

from __future__ import annotations

import gc
import hashlib
import os
import weakref
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from pybtex.database.input.bibtex import Parser as BibtexParser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .builder import FactCheckBuilder
from .charts import VerifiedChartDirective
from .collect import collect_sentences
from .evidence import (
    Claim,
    EvidenceIndex,
    EvidenceIndexDirective,
    depart_claim_html,
    fill_evidence_index,
    mark_claims,
    visit_claim_html,
)
from .records import Finding
from .roles import HandbookOwnRole
from .sources import Corpus, load_corpus
from .verify import check_sentence

__version__ = "1.0"
logger = logging.getLogger(__name__)

#: The verified sources of each running application (not pickled with the env).
_corpora: weakref.WeakKeyDictionary[BuildEnvironment, Corpus] = weakref.WeakKeyDictionary()


def _relative(path: str | Path) -> str:
    """A path as an author types it: relative to the working folder if inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _bibliography(env: BuildEnvironment) -> tuple[Path, dict[str, Any]]:
    """The bibliography file and its entries, as sphinxcontrib-bibtex parsed them."""
    domain = env.get_domain("cite")
    bibfiles = list(env.config.bibtex_bibfiles)
    bibfile = (Path(env.srcdir) / bibfiles[0]).resolve() if bibfiles else Path(env.srcdir)
    entries = dict(domain.bibdata.data.entries)
    return bibfile, entries


def bibliography_entries(env: BuildEnvironment) -> dict[str, Any]:
    """The bibliography's entries by key, as sphinxcontrib-bibtex parsed them."""
    return _bibliography(env)[1]


def corpus_of(env: BuildEnvironment) -> Corpus | None:
    """The verified sources of the running build, if the archive was loaded."""
    return _corpora.get(env)


def check_bibliography(app: Sphinx, config: Config) -> None:
    """Stop with one line naming file and line if a bibliography cannot be parsed.

    sphinxcontrib-bibtex reports a data error (a duplicate key) as a warning
    but lets a syntax error escape as a traceback. This reads each file first
    and, if it cannot be parsed, logs one located error and stops the build
    (a Sphinx exception would print a full crash report instead).
    """
    for name in config.bibtex_bibfiles:
        path = Path(app.srcdir, name).resolve()
        try:
            BibtexParser(encoding=config.bibtex_encoding).parse_file(str(path))
        except PybtexSyntaxError as error:
            problem, location = (
                f"malformed bibliography: {error}",
                f"{_relative(path)}:{error.lineno}",
            )
        except (PybtexError, OSError, UnicodeDecodeError) as error:
            problem, location = f"unreadable bibliography: {error}", _relative(path)
        else:
            continue
        logger.error(problem, location=location, type="factcheck", subtype="bibliography")
        raise SystemExit(2)


def load_sources(app: Sphinx) -> None:
    """Verify the archive and index the sources, once per build."""
    if not app.config.factcheck_manifest:
        logger.warning(
            "factcheck_manifest is not set: no source can be checked",
            type="factcheck",
            subtype="config",
        )
        return
    manifest = Path(app.confdir, app.config.factcheck_manifest).resolve()
    bibfile, entries = _bibliography(app.env)
    corpus = load_corpus(manifest, bibfile, ((key, entry.fields) for key, entry in entries.items()))
    for problem in corpus.problems:
        path, _, line = problem.location.partition(":")
        location = f"{_relative(path)}:{line}" if line else _relative(path)
        logger.warning(problem.message, location=location, type="factcheck", subtype="source")
    _corpora[app.env] = corpus
    # The index lives as long as the build: keep the garbage collector from
    # walking its many small records again at every collection, until the
    # build finishes (:func:`release_sources`).
    gc.freeze()


def release_sources(app: Sphinx, exception: Exception | None) -> None:
    """Let the garbage collector see what :func:`load_sources` froze."""
    gc.unfreeze()


def check_encodings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Name every page that is not UTF-8, at its file and line, and stop.

    Sphinx would otherwise stop with a UnicodeDecodeError traceback.
    """
    bad = False
    for docname in docnames:
        path = Path(env.doc2path(docname))
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            logger.error(
                "page is not UTF-8 (byte 0x%02x at offset %d)",
                data[error.start],
                error.start,
                location=f"{_relative(path)}:{line}",
                type="factcheck",
                subtype="encoding",
            )
            bad = True
    if bad:
        raise SystemExit(2)


def check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    """Check one document as it is read; warn at file:line for each failure."""
    corpus = _corpora.get(app.env)
    if (
        corpus is None
        or not app.config.factcheck_enabled
        or app.env.docname in app.config.factcheck_skip_pages
    ):
        return
    env = app.env
    docname = env.docname
    _, entries = _bibliography(app.env)
    lowercase = {key.lower(): key for key in entries}

    def footcite_key(refid: str) -> str | None:
        return lowercase.get(refid.removeprefix("footcite-").lower())

    sentences = collect_sentences(doctree, footcite_key)
    findings: list[Finding] = []
    blocks: dict[int, list[tuple[int, nodes.Text]]] = {}
    anchors: set[str] = set()
    for sentence in sentences:
        checked = check_sentence(docname, sentence, corpus, entries)
        findings.extend(mark_claims(sentence, checked, entries, blocks, anchors))
    for key in sorted({k for s in sentences for k in s.keys if k in corpus.sources}):
        env.note_dependency(str(corpus.sources[key].path))
    _findings(env)[docname] = findings
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


def _findings(env: BuildEnvironment) -> dict[str, list[Finding]]:
    if not hasattr(env, "factcheck_findings"):
        env.factcheck_findings = {}
    return cast(dict[str, list[Finding]], env.factcheck_findings)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _findings(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    mine, theirs = _findings(env), _findings(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("factcheck_manifest", "", "env", types=frozenset({str}))
    # Only for measuring what the check costs (scripts/benchmark_factcheck.py).
    app.add_config_value("factcheck_enabled", True, "env", types=frozenset({bool}))
    # Pages about the handbook itself (its changelog), which state no claim about
    # the world; conf.py gives the reason for each.
    app.add_config_value("factcheck_skip_pages", (), "env", types=frozenset({tuple, list}))
    # The Evidence appendix: the page that holds {evidence-index} (empty: none).
    app.add_config_value("factcheck_evidence_page", "", "env", types=frozenset({str}))
    app.add_role("handbook-own", HandbookOwnRole())
    app.add_directive("evidence-index", EvidenceIndexDirective)
    app.add_directive("verified-chart", VerifiedChartDirective)
    app.add_node(Claim, html=(visit_claim_html, depart_claim_html))
    app.add_node(EvidenceIndex)
    app.connect("doctree-resolved", fill_evidence_index)
    app.add_builder(FactCheckBuilder)
    # After sphinxcontrib-bibtex has parsed the bibliography (priority 500).
    app.connect("config-inited", check_bibliography)
    app.connect("builder-inited", load_sources, priority=600)
    app.connect("build-finished", release_sources)
    app.connect("env-before-read-docs", check_encodings)
    app.connect("doctree-read", check_doctree)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": _code_version(),
    }


def _code_version() -> int:
    """A number that changes whenever the fact check's code does.

    Sphinx re-reads every document when an extension's ``env_version``
    changes, so a build never shows findings made by older code.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:12], 16)
