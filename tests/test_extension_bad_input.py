"""Bad input gets one clear line naming the file and line: never a traceback,
never a silent pass. Each test breaks one input of a tiny project of its own."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Callable

from tests.conftest import BuildResult, RootProject

SOURCE = "sources/gazette-2024-03-15.txt"


def source_problems(result: BuildResult) -> list[str]:
    return [line for line in result.warning_lines if "factcheck.source" in line]


def sphinx_build(p: RootProject, builder: str = "html") -> subprocess.CompletedProcess[str]:
    """sphinx-build as a person runs it, in a subprocess: what it prints is what they see."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-q", str(p.srcdir), str(p.path / "_out")],
        capture_output=True,
        text=True,
    )


def test_an_altered_source_names_the_manifest_line(project: Callable[..., RootProject]):
    p = project("myst")
    p.replace(SOURCE, "4,200", "4,300")
    result = p.build()
    assert any(
        re.search(
            r"sources/SHA256SUMS:1: WARNING: archived source gazette-2024-03-15\.txt has been altered",
            line,
        )
        for line in source_problems(result)
    ), result.warning_lines
    assert any("cannot be checked: its archived source" in line for line in result.warning_lines)
    assert result.status == 1


def test_a_missing_source_is_named(project):
    p = project("myst")
    p.file(SOURCE).unlink()
    result = p.build()
    assert any("gazette-2024-03-15.txt is missing" in line for line in source_problems(result))
    assert any(
        "refs.bib:1: WARNING: Smith2024seizures: archived source" in line
        for line in source_problems(result)
    )
    assert result.status == 1


def test_a_source_that_is_not_utf8_is_named(project):
    p = project("myst")
    p.write(
        SOURCE,
        p.file(SOURCE).read_bytes().replace(b"Smith said", "Sm\u00eeth said".encode("latin-1")),
    )
    digest = hashlib.sha256(p.file(SOURCE).read_bytes()).hexdigest()
    p.write("sources/SHA256SUMS", f"{digest}  gazette-2024-03-15.txt\n")
    result = p.build()
    assert any("gazette-2024-03-15.txt is not UTF-8" in line for line in source_problems(result))


def test_an_unlisted_text_beside_the_manifest_is_named(project):
    p = project("myst")
    p.write("sources/stray.txt", "text")
    result = p.build()
    assert any(
        "stray.txt is in sources/ but not listed in SHA256SUMS" in line
        for line in source_problems(result)
    )
    assert result.status == 1


def test_a_malformed_manifest_line_is_named(project):
    p = project("myst")
    p.write("sources/SHA256SUMS", p.file("sources/SHA256SUMS").read_text() + "not a hash line\n")
    result = p.build()
    assert any(
        re.search(r"SHA256SUMS:2: WARNING: malformed manifest line", line)
        for line in source_problems(result)
    )


def test_an_entry_without_its_file_field_is_named_at_its_line(project):
    p = project("myst")
    p.replace("refs.bib", "  file         = {sources/gazette-2024-03-15.txt},\n", "")
    result = p.build()
    assert any(
        re.search(r"refs\.bib:1: WARNING: Smith2024seizures: no `file` field", line)
        for line in source_problems(result)
    ), result.warning_lines


def test_an_entry_whose_date_is_not_iso_is_named(project):
    p = project("myst")
    p.replace("refs.bib", "{2024-03-15}", "{March 15, 2024}")
    result = p.build()
    assert any(
        "Smith2024seizures: `date` field: not an ISO 8601 date" in line
        for line in source_problems(result)
    ), result.warning_lines
    p.replace("refs.bib", "{March 15, 2024}", "{2024-02-30}")
    assert any("day is out of range for month" in line for line in p.build().warning_lines)


def test_a_malformed_bibliography_is_one_located_error_in_every_build(project):
    p = project("myst")
    p.replace("refs.bib", "{Port seizures", "{Port {seizures")
    for _ in range(2):  # the clean build and an incremental one report it alike
        result = sphinx_build(p)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
        assert len(errors) == 1, result.stderr
        assert re.search(
            r"refs\.bib:\d+: ERROR: malformed bibliography: syntax error in line \d+", errors[0]
        )


def test_a_page_that_is_not_utf8_is_named_and_left_out(project):
    p = project("myst")
    p.replace("index.md", "# Seizures\n", "# Seizures\n\n```{toctree}\nother\n```\n")
    p.write("other.md", "# Other\n\nL\u00f3pez\n".encode("latin-1"))
    result = sphinx_build(p)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"other\.md:3: ERROR: page is not UTF-8 \(byte 0xf3", result.stderr), (
        result.stderr
    )
    assert (p.path / "_out" / "index.html").is_file()  # the rest of the project is built
