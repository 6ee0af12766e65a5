"""sphinxcontrib-factcheck: every figure and quotation proved against the source it cites.

Add ``"sphinxcontrib.factcheck"`` to ``extensions`` (after
``"sphinxcontrib.bibtex"``), name the SHA-256 manifest of the archived sources
in ``factcheck_manifest``, and give each bibliography entry a ``file`` and a
``date``. Every build then checks every figure and quotation of every cited
sentence, warns at ``file:line`` for each failure, and marks each verified
claim with its evidence; ``-b factcheck`` writes ``output.txt`` and
``output.json``.

The modules, in the order a build uses them: :mod:`.config`,
:mod:`.guards`, :mod:`.load` (with :mod:`.archive`, :mod:`.bibliography`,
:mod:`.corpus`, :mod:`.index`, :mod:`.cache`), :mod:`.incremental`,
:mod:`.document` (with :mod:`.collect`, :mod:`.verify`, :mod:`.background`,
:mod:`.marking`), :mod:`.html`, :mod:`.appendix`, :mod:`.builder`,
:mod:`.report`.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.fileutil import copy_asset_file

from .appendix import EvidenceIndexDirective, fill_evidence_index
from .builder import FactCheckBuilder
from .cache import code_digest
from .charts import VerifiedChartDirective
from .config import add_config_values, get_config, validate_config
from .document import (
    PROCESS_FINDING,
    check_document,
    count_documents,
    finish_documents,
    stop_background,
)
from .domain import FactCheckDomain, get_corpus, get_findings
from .guards import guard_bibliographies, guard_encodings
from .html import (
    depart_cited_passage_html,
    depart_claim_text_html,
    visit_cited_passage_html,
    visit_claim_text_html,
    visit_evidence_passage_html,
)
from .incremental import appendix_documents, outdated_documents
from .load import load_sources
from .marking import claim_anchors
from .nodes import (
    CitedPassage,
    ClaimText,
    EvidenceIndex,
    EvidencePassage,
    OwnFigure,
    OwnStatement,
    depart_as_text,
    visit_as_text,
)
from .records import ClaimKind, Evidence, Finding, Status
from .report import set_exit_status
from .roles import OwnFigureRole, OwnStatementRole

__version__ = importlib.metadata.version("sphinxcontrib-factcheck")
__all__ = [
    "ClaimKind",
    "Evidence",
    "Finding",
    "Status",
    "claim_anchors",
    "get_config",
    "get_corpus",
    "get_findings",
    "setup",
]

STATIC = Path(__file__).parent / "static"


def _register_own_roles(app: Sphinx, config: Config) -> None:
    """The roles that mark a figure or a sentence as the project's own, named in conf.py."""
    app.add_role(get_config(config).own_role, OwnFigureRole(), override=True)
    app.add_role(get_config(config).own_statement_role, OwnStatementRole(), override=True)


def _add_static_files(app: Sphinx) -> None:
    """The tooltip's CSS and script, for HTML builders: nothing for a project to copy.

    They are linked here and copied into ``_static`` when the build finishes
    (:func:`_copy_static_files`), so the project's configuration is never
    changed and an incremental build never reports it changed.
    """
    if app.builder.format != "html":
        return
    app.add_css_file("factcheck.css")
    app.add_js_file("factcheck.js")


def _copy_static_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for path in sorted(STATIC.iterdir()):
        if path.is_file():
            # The package's own files: a copy left by an older version is replaced.
            copy_asset_file(path, Path(app.outdir, "_static"), force=True)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the fact check with Sphinx."""
    app.setup_extension("sphinxcontrib.bibtex")
    add_config_values(app)
    app.add_event(PROCESS_FINDING)
    app.add_domain(FactCheckDomain)
    app.add_node(
        ClaimText,
        html=(visit_claim_text_html, depart_claim_text_html),
        xml=(visit_as_text, depart_as_text),
    )
    app.add_node(CitedPassage, html=(visit_cited_passage_html, depart_cited_passage_html))
    app.add_node(EvidenceIndex)
    app.add_node(EvidencePassage, html=(visit_evidence_passage_html, None))
    app.add_node(OwnFigure)
    app.add_node(OwnStatement)
    app.add_directive("evidence-index", EvidenceIndexDirective)
    app.add_directive("verified-chart", VerifiedChartDirective)
    app.add_builder(FactCheckBuilder)
    app.connect("config-inited", validate_config)
    app.connect("config-inited", _register_own_roles)
    # Before sphinxcontrib-bibtex parses the bibliography (priority 500) ...
    app.connect("builder-inited", guard_bibliographies, priority=400)
    # ... and after it, to read what it parsed.
    app.connect("builder-inited", load_sources, priority=600)
    app.connect("builder-inited", _add_static_files)
    app.connect("env-get-outdated", outdated_documents)
    app.connect("env-before-read-docs", guard_encodings)
    app.connect("env-before-read-docs", count_documents)
    app.connect("doctree-read", check_document)
    # Before other extensions look at the pages read: every page is marked by then.
    app.connect("env-updated", finish_documents, priority=400)
    app.connect("env-get-updated", appendix_documents)
    app.connect("doctree-resolved", fill_evidence_index)
    app.connect("build-finished", stop_background)
    app.connect("build-finished", set_exit_status)
    app.connect("build-finished", _copy_static_files)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        # Sphinx re-reads every document when this changes, so a build never
        # shows findings made by other code.
        "env_version": int(code_digest()[:12], 16),
    }
