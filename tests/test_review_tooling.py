"""Reviewing changes: adding a source, the claims diff, and the CI, Read the
Docs and citation configurations, each validated against its published schema."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import add_source
import diff_claims
import pytest
from pybtex.database import parse_file

from conftest import ROOT, commit, git

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of the sources and the bibliography."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path


def add(archive: Path, text: bytes | str, **options: str) -> int:
    article = archive.parent / "article.txt"
    article.write_bytes(text.encode() if isinstance(text, str) else text)
    arguments = {
        "file": str(article),
        "key": "Smith2024border",
        "title": "A 50% {rise}",
        "outlet": "The Border Times",
        "date": "2024-02-01",
        "url": "https://example.org/a",
        "note": "News report.",
        "root": str(archive),
    } | options
    argv = [part for name, value in arguments.items() for part in (f"--{name}", value)]
    return add_source.main(argv)


def snapshot(archive: Path) -> dict[str, bytes]:
    return {str(p.relative_to(archive)): p.read_bytes() for p in archive.rglob("*") if p.is_file()}


def test_add_source_archives_hashes_and_cites(archive: Path):
    text = "Smuggling rose in 2023.\nLópez Obrador said\u00a0so.\n"
    assert add(archive, text, author="Smith, Jane", attribution="Smith; the Border Times") == 0
    path = archive / "sources" / "the-border-times-2024-02-01-a-50-rise.txt"
    assert path.read_bytes() == text.encode()
    digest = hashlib.sha256(text.encode()).hexdigest()
    assert f"{digest}  {path.name}\n" in (archive / "sources" / "SHA256SUMS").read_text()
    entry = parse_file(str(archive / "references.bib")).entries["Smith2024border"]
    assert entry.fields["file"] == f"sources/{path.name}"
    assert entry.fields["date"] == "2024-02-01"
    assert entry.fields["title"] == "A 50\\% {rise}"
    assert str(entry.persons["author"][0]) == "Smith, Jane"
    assert entry.fields["attribution"] == "Smith; the Border Times"


@pytest.mark.parametrize(
    ("options", "text", "message"),
    [
        (
            {"key": "NYTimes2023ties"},
            "new text",
            "key NYTimes2023ties is already in references.bib",
        ),
        (
            {"url": "https://aldianews.com/en/politics/policy/two-cartels-targeted"},
            "new text",
            "is already in references.bib",
        ),
        (
            {},
            (ROOT / "sources" / "nytimes-2023-10-mexico-us-ties.txt").read_bytes(),
            "already archived",
        ),
        ({"key": "smith2024"}, "new text", "is not of the form AuthorYYYYword"),
        ({}, "Andrés".encode("latin-1"), "is not UTF-8"),
        ({"date": "1 Feb 2024"}, "new text", "is not ISO 8601"),
        ({"name": "nytimes-2023-10-mexico-us-ties.txt"}, "new text", "already exists"),
    ],
)
def test_add_source_refuses_with_one_line_and_writes_nothing(
    archive, capsys, options, text, message
):
    before = snapshot(archive)
    assert add(archive, text, **options) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and message in error, error
    assert snapshot(archive) == before


def test_claims_diff_shows_changed_added_and_source_changes(handbook_project: Path, monkeypatch):
    docs = handbook_project / "docs"
    bibliography = "\n```{bibliography}\n:all:\n```\n"
    (docs / "index.md").write_text(
        "# C\n\nThere were 32,223 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`."
        + bibliography
    )
    commit(handbook_project)
    (docs / "index.md").write_text(
        "# C\n\nThere were 32,223 killings in Mexico in 2021 {cite:p}`NYTimes2023ties`.\n\n"
        "Nearly 110,000 people died of drug overdoses in 2022 {cite:p}`NYTimes2023ties`."
        + bibliography
    )
    with open(handbook_project / "references.bib", "a") as bib:
        bib.write("\n% a comment\n")
    monkeypatch.setattr(diff_claims, "ROOT", handbook_project)
    markdown = run_diff(monkeypatch, "HEAD")
    assert markdown.index("The sources changed") < markdown.index("## Added")
    assert "`references.bib`" in markdown
    assert "| docs/index.md:5 | figure | Nearly 110,000 | verified | NYTimes2023ties |" in markdown
    assert "| docs/index.md:3 | figure | 2022 | **2021** | verified → unsupported |" in markdown


def test_claims_diff_works_from_the_first_commit(handbook_project: Path, monkeypatch):
    shutil.rmtree(handbook_project / ".git")
    git(handbook_project, "init", "-q")
    git(handbook_project, "add", "sources", "references.bib")
    git(
        handbook_project,
        "-c",
        "user.name=F",
        "-c",
        "user.email=f@example.org",
        "commit",
        "-qm",
        "first",
    )
    (handbook_project / "docs" / "index.md").write_text(
        "# C\n\nThere were 32,223 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.\n\n"
        "```{bibliography}\n:all:\n```\n"
    )
    monkeypatch.setattr(diff_claims, "ROOT", handbook_project)
    markdown = run_diff(monkeypatch, "HEAD")
    assert "has no docs/conf.py: it is taken to have no claims" in markdown
    assert "| docs/index.md:3 | figure | 32,223 | verified | NYTimes2023ties |" in markdown


def run_diff(monkeypatch, base: str) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert diff_claims.main(["--base", base]) == 0
    return out.getvalue()


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-workflows", ".github/workflows/docs.yml"),
        ("vendor.readthedocs", ".readthedocs.yaml"),
        ("vendor.citation-file-format", "CITATION.cff"),
    ],
)
def test_configuration_is_valid_against_its_published_schema(schema, path):
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(ROOT / path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_makefile_offers_the_claims_diff():
    assert "diff-claims:" in (ROOT / "Makefile").read_text()


def test_pre_commit_runs_the_linters_and_the_fact_check_but_spares_the_sources():
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"trailing-whitespace", "ruff-check", "codespell", "factcheck"} <= set(hooks)
    assert hooks["factcheck"]["entry"] == "make check"
    assert hooks["trailing-whitespace"]["exclude"].startswith("^sources/")
