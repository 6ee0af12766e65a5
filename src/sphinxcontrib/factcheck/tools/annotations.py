"""The fact check's failures as review annotations on a pull request.

The ``factcheck`` builder writes ``output.json``, JSON Lines, one record per
checked figure or quotation with its ``file``, ``line``, ``status`` and
``message``. A reviewer should see a failing figure beside the changed line of
the diff, not only in a build log; this command turns every failed record into
what a code host shows there:

- ``--format github`` (the default): one GitHub Actions workflow command a line,
  ``::error file=docs/x.md,line=12,title=...::message``, for a workflow step
  to print; GitHub shows each as an annotation on that line of the pull request;
- ``--format sarif``: a SARIF 2.1.0 log, one rule per failing status and one
  result per failed record, for ``github/codeql-action/upload-sarif`` (code
  scanning shows every result, where workflow commands are capped per step).

Usage::

    factcheck-annotations docs/_build/factcheck/output.json
    factcheck-annotations --format sarif docs/_build/factcheck/output.json > factcheck.sarif

Paths are written relative to ``--root`` (default: the working folder), as the
code host expects them relative to the repository. Exits 0 whatever the
records say (the fact check's own exit status fails the build); 1, with one
line naming the file and line, if the report cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from ..records import Status

#: What each failing status means, for the SARIF rules (as records.Status says).
DESCRIPTIONS = {
    Status.UNSUPPORTED: "A figure the cited sources do not give",
    Status.MISQUOTED: "A quotation not found verbatim in a cited source",
    Status.UNCITED: "A figure or quotation in a sentence that cites nothing",
    Status.BAD_CITATION: "A cited key that is unknown or has no usable source",
    Status.MISATTRIBUTED: "A sentence that names a source it does not cite",
    Status.UNTERMINATED: "A quotation mark that never closes",
}
#: The SARIF rules, one per failing status, in a fixed order (results point to them).
RULES = [status for status in Status if status.failed]
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class ReportError(Exception):
    """The report cannot be read: the message names its file and line."""


class Failure(NamedTuple):
    """One failed record of ``output.json``."""

    file: str
    line: int
    status: Status
    kind: str
    text: str
    message: str

    @property
    def title(self) -> str:
        """A one-line heading for the annotation.

        >>> Failure("docs/a.md", 3, Status.UNSUPPORTED, "figure", "32,224", "...").title
        'Fact check: unsupported figure “32,224”'
        """
        return f"Fact check: {self.status} {self.kind} “{' '.join(self.text.split())}”"


def read_failures(path: Path, root: Path) -> Iterator[Failure]:
    """The failed records of a JSON Lines report, in its order.

    >>> import tempfile
    >>> report = Path(tempfile.mkdtemp()) / "output.json"
    >>> _ = report.write_text(
    ...     '{"file": "docs/a.md", "line": 3, "status": "verified", "kind": "figure", '
    ...     '"text": "2022", "message": "found"}\\n\\n'
    ...     '{"file": "docs/a.md", "line": 5, "status": "misquoted", "kind": "quotation", '
    ...     '"text": "we do", "message": "not in the source"}\\n')
    >>> [(f.line, f.status) for f in read_failures(report, Path.cwd())]
    [(5, <Status.MISQUOTED: 'misquoted'>)]
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"{path}: cannot read the report: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ReportError(f"{where}: not a JSON record: {error.msg}") from None
        if not isinstance(record, dict):
            raise ReportError(f"{where}: not a JSON object")
        missing = [field for field in ("file", "status", "message") if field not in record]
        if missing:
            raise ReportError(f"{where}: a record without {', '.join(map(repr, missing))}")
        try:
            status = Status(record["status"])
        except ValueError:
            raise ReportError(f"{where}: unknown status {record['status']!r}") from None
        if not status.failed:
            continue
        line_number = record.get("line")
        yield Failure(
            file=relative(str(record["file"]), root),
            line=line_number if isinstance(line_number, int) and line_number > 0 else 0,
            status=status,
            kind=str(record.get("kind", "")),
            text=str(record.get("text", "")),
            message=" ".join(str(record["message"]).split()),
        )


def relative(file: str, root: Path) -> str:
    """``file`` as a path relative to ``root`` where it lies inside it, with slashes.

    >>> relative("/repo/docs/a.md", Path("/repo")), relative("docs/a.md", Path("/repo"))
    ('docs/a.md', 'docs/a.md')
    """
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(root)
        except ValueError:
            pass
    return path.as_posix()


# -- GitHub workflow commands --------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does.

    >>> escape_data("50% up\\nnext")
    '50%25 up%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also no ``:`` nor ``,``.

    >>> escape_property("Fact check: a, b")
    'Fact check%3A a%2C b'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(failure: Failure) -> str:
    """One ``::error`` command for a failed record.

    >>> print(workflow_command(Failure("docs/a.md", 7, Status.UNCITED, "figure", "5",
    ...                                "cites no source")))
    ::error file=docs/a.md,line=7,title=Fact check%3A uncited figure “5”::cites no source
    """
    properties = []
    if failure.file:
        properties.append(f"file={escape_property(failure.file)}")
    if failure.line:
        properties.append(f"line={failure.line}")
    properties.append(f"title={escape_property(failure.title)}")
    return f"::error {','.join(properties)}::{escape_data(failure.message)}"


# -- SARIF 2.1.0 ---------------------------------------------------------------


def sarif_log(failures: Iterable[Failure]) -> dict[str, Any]:
    """A SARIF 2.1.0 log of the failures: one run of the fact check, one rule per
    failing status, one result per failure at its file and line."""
    try:
        version = metadata.version("sphinxcontrib-factcheck")
    except metadata.PackageNotFoundError:  # run from a source tree
        version = "0"
    rules = [
        {
            "id": f"factcheck/{status}",
            "name": "".join(word.capitalize() for word in str(status).split("-")),
            "shortDescription": {"text": DESCRIPTIONS.get(status, f"Fact check: {status}")},
            "defaultConfiguration": {"level": "error"},
        }
        for status in RULES
    ]
    results = []
    for failure in failures:
        location: dict[str, Any] = {"artifactLocation": {"uri": failure.file}}
        if failure.line:
            location["region"] = {"startLine": failure.line}
        results.append(
            {
                "ruleId": f"factcheck/{failure.status}",
                "ruleIndex": RULES.index(failure.status),
                "level": "error",
                "message": {"text": f"{failure.title}: {failure.message}"},
                "locations": [{"physicalLocation": location}],
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sphinxcontrib-factcheck",
                        "version": version,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="factcheck-annotations",
        description="Write the fact check's failed findings (output.json) as GitHub "
        "workflow commands or as SARIF 2.1.0.",
    )
    parser.add_argument("report", type=Path, help="the factcheck builder's output.json")
    parser.add_argument(
        "--format",
        choices=("github", "sarif"),
        default="github",
        help="github: ::error workflow commands, one a line (default); sarif: a SARIF 2.1.0 log",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the repository's root, which paths are written relative to (default: here)",
    )
    args = parser.parse_args(argv)
    try:
        failures = list(read_failures(args.report, args.root.resolve()))
    except ReportError as error:
        print(f"factcheck-annotations: {error}", file=sys.stderr)
        return 1
    if args.format == "sarif":
        json.dump(sarif_log(failures), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for failure in failures:
            print(workflow_command(failure))
    return 0


if __name__ == "__main__":
    sys.exit(main())
