"""Writing the fact check's reports, shaped like Sphinx's linkcheck output.

- ``output.txt`` for people: ``file:line: [status] kind "text" -- message``.
- ``output.json`` for tools: JSON Lines, one object per checked figure or
  quotation (file, line, kind, text, keys, status and, for a verified one,
  the evidence: source key, character offsets and the source passage).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from .records import Finding, Status


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.docname, f.line, f.kind, f.text))


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
