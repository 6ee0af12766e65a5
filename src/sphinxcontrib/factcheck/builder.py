"""The ``factcheck`` builder: ``sphinx-build -b factcheck`` writes no pages,
only the fact check's reports (like every builder, it exits non-zero if any
claim failed: :func:`.report.set_exit_status`).

The check itself runs while documents are read (:mod:`.document`), so every
builder, HTML and LaTeX included, fails on a wrong figure; this builder, like
Sphinx's linkcheck, re-reads every document and writes every finding out
(:mod:`.report`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from sphinx.builders.dummy import DummyBuilder
from sphinx.locale import __
from sphinx.util import logging

from .domain import get_findings
from .load import relative
from .report import summary, write_reports

logger = logging.getLogger(__name__)


class FactCheckBuilder(DummyBuilder):
    """Checks every figure and quotation against the sources it cites."""

    name = "factcheck"
    epilog = __("Look for the fact check's findings in %(outdir)s/output.txt and output.json.")

    def get_outdated_docs(self) -> set[str]:
        return self.env.found_docs

    def finish(self) -> None:
        findings = get_findings(self.env)

        @functools.cache  # asked once per finding: a page's many findings share it
        def file_of(docname: str) -> str:
            # As warnings name it: relative to the working folder if inside it.
            return relative(self.env.doc2path(docname))

        write_reports(Path(self.outdir), findings, file_of)
        logger.info(summary(findings))
