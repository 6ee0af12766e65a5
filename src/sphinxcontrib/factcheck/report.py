"""Writing the fact check's reports, shaped like Sphinx's linkcheck output.

- ``output.txt`` for people: ``file:line: [status] kind "text" -- message``.
- ``output.json`` for tools: JSON Lines, one object per checked figure or
  quotation (file, line, kind, text, keys, status and, for a verified one,
  the evidence: source key, character offsets and the source passage).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx

from .domain import FactCheckDomain, get_findings
from .records import Finding, Status


def write_reports(outdir: Path, findings: list[Finding], file_of: Callable[[str], str]) -> None:
    """Write ``output.txt`` and ``output.json`` into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    with open(outdir / "output.txt", "w", encoding="utf-8") as text:
        for finding in findings:
            claim, message = " ".join(finding.text.split()), " ".join(finding.message.split())
            text.write(
                f"{file_of(finding.docname)}:{finding.line}: [{finding.status}] "
                f"{finding.kind} “{claim}” -- {message}\n"
            )
    with open(outdir / "output.json", "w", encoding="utf-8") as lines:
        for finding in findings:
            record = finding.as_json(file_of(finding.docname))
            lines.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def summary(findings: list[Finding]) -> str:
    """One line counting the findings by status.

    >>> summary([])
    'fact check: nothing to check'
    """
    if not findings:
        return "fact check: nothing to check"
    counts = Counter(f.status for f in findings)
    parts = [f"{counts[status]} {status}" for status in Status if counts[status]]
    return f"fact check: {len(findings)} claims checked: " + ", ".join(parts)


def set_exit_status(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: any failed claim or bad input fails the build, ``-W`` or not.

    Each was reported as a warning or an error at its file and line; the exit
    status makes sure no script or CI job mistakes such a build for a pass.
    """
    domain = app.env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    if domain.input_problems or any(f.status.failed for f in get_findings(app.env)):
        app.statuscode = 1
