"""The archive of sources: every bibliography key resolves to an archived text
whose hash matches, and a tampered, missing or unreadable source, or a broken
bibliography, fails the build with one line naming it."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

from pybtex.database import parse_file

from tests.conftest import ROOT

SHARED = ROOT.parent / "shared" / "sources"
CHAPTER = "# C\n\nThere were 32,223 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.\n"


def manifest() -> dict[str, str]:
    lines = (ROOT / "sources" / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


def test_every_bibliography_key_resolves_to_an_archived_source_whose_hash_matches():
    bibliography = parse_file(str(ROOT / "references.bib"))
    hashes = manifest()
    assert len(bibliography.entries) == len(hashes)
    for key, entry in bibliography.entries.items():
        assert re.fullmatch(r"[A-Z][A-Za-z]+\d{4}[a-z]+", key), key
        path = ROOT / entry.fields["file"]
        assert path.name in hashes, key
        assert hashlib.sha256(path.read_bytes()).hexdigest() == hashes[path.name], key
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", entry.fields["date"]), key


def test_archive_is_byte_identical_to_the_shared_sources():
    if not SHARED.is_dir():  # a clone without shared/ beside it still checks its own hashes
        return
    for name in manifest():
        assert (ROOT / "sources" / name).read_bytes() == (SHARED / name).read_bytes(), name


def date_is_printed(fields) -> bool:
    """Whether the data say an entry's date is printed: its note says so
    ("Date printed."), or its URL carries that very date (/2023/03/28/)."""
    if re.search(r"\bDate printed\b", fields.get("note", "")):
        return True
    year, _, rest = fields["date"].partition("-")
    month, _, day = rest.partition("-")
    return bool(day) and f"/{year}/{month}/{day}/" in fields.get("url", "")


def undeclared_dates(bibfile: Path) -> list[str]:
    """The keys whose date is not shown printed and whose note does not say
    it is inferred, and why ("Date inferred, not printed: <why>")."""
    return [
        key
        for key, entry in parse_file(str(bibfile)).entries.items()
        if not date_is_printed(entry.fields)
        and not re.search(r"\bDate inferred, not printed: \S", entry.fields.get("note", ""))
    ]


def test_inferred_dates_say_so():
    assert undeclared_dates(ROOT / "references.bib") == []
    # Which dates are printed comes from the data, not from a list of keys;
    # and no entry both shows its date printed and calls it inferred.
    for key, entry in parse_file(str(ROOT / "references.bib")).entries.items():
        assert not (date_is_printed(entry.fields) and "inferred" in entry.fields["note"]), key


def problems(result) -> list[str]:
    return [line for line in result.warning_lines if "factcheck.source" in line]


def test_tampered_source_fails_naming_the_file(build, handbook_project: Path):
    path = handbook_project / "sources" / "nytimes-2023-10-mexico-us-ties.txt"
    path.write_text(path.read_text().replace("32,223", "32,224"))
    result = build(CHAPTER)
    assert result.status == 1
    assert any(
        re.search(
            r"sources/SHA256SUMS:4: WARNING: archived source "
            r"nytimes-2023-10-mexico-us-ties\.txt has been altered",
            line,
        )
        for line in problems(result)
    ), result.warning_lines
    assert any(
        "NYTimes2023ties" in line and "cannot be checked" in line for line in result.warning_lines
    )
    assert "Traceback" not in result.warnings


def test_missing_source_fails_naming_the_file(build, handbook_project: Path):
    (handbook_project / "sources" / "nytimes-2023-10-mexico-us-ties.txt").unlink()
    result = build(CHAPTER)
    assert result.status == 1
    assert any(
        "nytimes-2023-10-mexico-us-ties.txt is missing" in line for line in problems(result)
    ), result.warning_lines


def test_non_utf8_source_fails_naming_the_file(build, handbook_project: Path):
    path = handbook_project / "sources" / "nytimes-2023-10-mexico-us-ties.txt"
    path.write_bytes(path.read_bytes().replace("Andrés".encode(), "Andrés".encode("latin-1")))
    sums = handbook_project / "sources" / "SHA256SUMS"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sums.write_text(re.sub(r"\w{64}(?=  nytimes)", digest, sums.read_text()))
    result = build(CHAPTER)
    assert any(
        "nytimes-2023-10-mexico-us-ties.txt is not UTF-8" in line for line in problems(result)
    ), result.warning_lines


def test_unlisted_source_file_is_reported(build, handbook_project: Path):
    (handbook_project / "sources" / "stray.txt").write_text("text")
    result = build(CHAPTER)
    assert any(
        "stray.txt is in sources/ but not listed in SHA256SUMS" in line for line in problems(result)
    ), result.warning_lines


def test_bibliography_entry_without_file_is_named(build, handbook_project: Path):
    bib = handbook_project / "references.bib"
    bib.write_text(
        bib.read_text().replace(
            "  file         = {sources/nytimes-2023-10-mexico-us-ties.txt},\n", ""
        )
    )
    result = build(CHAPTER)
    assert any(
        re.search(r"references\.bib:\d+: WARNING: NYTimes2023ties: no `file` field", line)
        for line in problems(result)
    ), result.warning_lines


def test_malformed_bibliography_stops_with_one_located_line(handbook_project: Path):
    bib = handbook_project / "references.bib"
    bib.write_text(
        bib.read_text().replace("title        = {Get Tougher", "title        = {Get {Tougher")
    )
    (handbook_project / "docs" / "index.md").write_text(CHAPTER)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "factcheck", "-W", "-q", "docs", "docs/_build"],
        cwd=handbook_project,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    match = re.search(
        r"references\.bib:(\d+): ERROR: malformed bibliography: syntax error in line (\d+): "
        r"'\}' expected",
        result.stderr,
    )
    assert match and match.group(1) == match.group(2), result.stderr
    # pybtex notices the unclosed brace after the broken title, not before it.
    broken = next(
        i for i, line in enumerate(bib.read_text().splitlines(), 1) if "{Get {Tougher" in line
    )
    assert int(match.group(1)) > broken
