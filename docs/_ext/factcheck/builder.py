"""The ``factcheck`` builder: ``sphinx-build -b factcheck`` writes no pages,
only the fact check's reports, and exits non-zero if any claim failed.

The check itself runs while documents are read (see :mod:`factcheck`), so
every builder, HTML and LaTeX included, fails on a wrong figure; this builder
gathers the findings of all documents and writes them out.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.builders.dummy import DummyBuilder
from sphinx.locale import __
from sphinx.util import logging

from .records import Finding
from .report import sort_findings, summary, write_reports

logger = logging.getLogger(__name__)


def all_findings(env: object) -> list[Finding]:
    by_doc: dict[str, list[Finding]] = getattr(env, "factcheck_findings", {})
    return sort_findings(f for findings in by_doc.values() for f in findings)


class FactCheckBuilder(DummyBuilder):
    """Checks every figure and quotation against the sources it cites."""

    name = "factcheck"
    epilog = __("Look for the fact check's findings in %(outdir)s/output.txt and output.json.")

    def get_outdated_docs(self) -> set[str]:
        return self.env.found_docs

    def finish(self) -> None:
        findings = all_findings(self.env)
        root = Path(self.srcdir).parent

        def file_of(docname: str) -> str:
            path = Path(self.env.doc2path(docname))
            try:
                return str(path.relative_to(root))
            except ValueError:
                return str(path)

        write_reports(Path(self.outdir), findings, file_of)
        logger.info(summary(findings))
        if any(f.status.failed for f in findings):
            self._app.statuscode = 1
