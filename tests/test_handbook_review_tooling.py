"""Reviewing changes: adding a source, the claims diff, the fact check's
failures as annotations, the Makefile's targets, the benchmark's steps, and the
CI, Read the Docs, citation, pull-request and pre-commit configurations, the
first three validated offline against their published schemas."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import runpy
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pybtex.database import parse_file, parse_string
from sphinx_autobuild.__main__ import _parse_args as autobuild_arguments

from sphinxcontrib.factcheck.records import Status
from sphinxcontrib.factcheck.tools import add_source, diff_claims
from tests.conftest import ROOT, BuildResult, commit, git

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ANNOTATIONS = Path(sys.executable).parent / "factcheck-annotations"
NYT = ROOT / "sources" / "nytimes-2023-10-mexico-us-ties.txt"
BIBLIOGRAPHY = "\n```{bibliography}\n:all:\n```\n"


# -- Adding a source ---------------------------------------------------------


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of the repository's sources and bibliography."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "sources", root / "sources")
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    return root


def add(archive: Path, text: bytes | str, **options: str) -> int:
    """Run ``add_source.py`` on ``text`` with the given options (and sensible defaults)."""
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


def test_add_source_archives_hashes_and_cites(archive: Path, capsys: pytest.CaptureFixture[str]):
    text = "Smuggling rose in 2023.\r\nLópez Obrador said\u00a0so.\n\n"
    manifest = archive / "sources" / "SHA256SUMS"
    before, bib_before = manifest.read_text(), (archive / "references.bib").read_text()
    assert add(archive, text, author="Smith, Jane", attribution="Smith; the Border Times") == 0
    assert "cited as Smith2024border" in capsys.readouterr().out

    path = archive / "sources" / "the-border-times-2024-02-01-a-50-rise.txt"
    assert path.read_bytes() == text.encode()  # byte for byte: CRLF and trailing lines kept
    digest = hashlib.sha256(text.encode()).hexdigest()
    assert manifest.read_text() == before + f"{digest}  {path.name}\n"
    check = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=archive / "sources",
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    bibliography = parse_file(str(archive / "references.bib"))
    assert len(bibliography.entries) == len(parse_string(bib_before, "bibtex").entries) + 1
    entry = bibliography.entries["Smith2024border"]
    assert entry.type == "article"  # a signed newspaper article, as in references.bib
    assert entry.fields["title"] == "A 50\\% {rise}"
    assert str(entry.persons["author"][0]) == "Smith, Jane"
    assert entry.fields["journal"] == "{The Border Times}"
    assert entry.fields["entrysubtype"] == "newspaper"
    assert (entry.fields["year"], entry.fields["month"]) == ("2024", "February")  # macro feb
    assert entry.fields["date"] == "2024-02-01"
    assert entry.fields["url"] == "https://example.org/a"
    assert entry.fields["note"] == "News report."
    assert entry.fields["attribution"] == "Smith; the Border Times"
    assert entry.fields["file"] == f"sources/{path.name}"
    assert (archive / "references.bib").read_text() == bib_before + (
        "\n"
        "@article{Smith2024border,\n"
        "  author       = {Smith, Jane},\n"
        "  title        = {A 50\\% {rise}},\n"
        "  journal      = {{The Border Times}},\n"
        "  entrysubtype = {newspaper},\n"
        "  year         = {2024},\n"
        "  month        = feb,\n"
        "  date         = {2024-02-01},\n"
        "  url          = {https://example.org/a},\n"
        "  note         = {News report.},\n"
        "  attribution  = {Smith; the Border Times},\n"
        "  file         = {sources/the-border-times-2024-02-01-a-50-rise.txt},\n"
        "}\n"
    )


def test_add_source_writes_month_and_author_only_when_known(archive: Path):
    assert add(archive, "text", date="2024", url="", name="outlet-2024-piece.txt") == 0
    entry = parse_file(str(archive / "references.bib")).entries["Smith2024border"]
    assert "month" not in entry.fields and "url" not in entry.fields
    assert "author" not in entry.persons
    assert entry.fields["year"] == entry.fields["date"] == "2024"
    # Unsigned: a misc, the outlet in howpublished and key (BibTeX's article needs an author).
    assert entry.type == "misc" and entry.fields["entrysubtype"] == "newspaper"
    assert (entry.fields["howpublished"], entry.fields["key"]) == (
        "{The Border Times}",
        "The Border Times",
    )


def test_add_source_keeps_an_escaped_percent_as_it_is(archive: Path):
    assert add(archive, "text", title="Up 5\\% and 6%") == 0
    entry = parse_file(str(archive / "references.bib")).entries["Smith2024border"]
    assert entry.fields["title"] == "Up 5\\% and 6\\%"


@pytest.mark.parametrize(
    ("options", "text", "message"),
    [
        pytest.param(
            {"key": "NYTimes2023ties"},
            "new text",
            "key NYTimes2023ties is already in references.bib",
            id="duplicate-key",
        ),
        pytest.param(
            {"key": "NYTIMES2023ties"},
            "new text",
            "is already in references.bib",
            id="duplicate-key-in-other-case",
        ),
        pytest.param(
            {"url": "https://aldianews.com/en/politics/policy/two-cartels-targeted"},
            "new text",
            "is already in references.bib (as AlDia2023cartels)",
            id="duplicate-url",
        ),
        pytest.param(
            {"url": "HTTPS://aldianews.com/en/politics/policy/two-cartels-targeted/"},
            "new text",
            "is already in references.bib",
            id="duplicate-url-spelt-differently",
        ),
        pytest.param({}, NYT.read_bytes(), "already archived as sources/nytimes", id="same-text"),
        pytest.param(
            {"key": "smith2024"}, "new text", "is not of the form AuthorYYYYword", id="bad-key"
        ),
        pytest.param({"key": "Smith24border"}, "new text", "is not of the form", id="short-year"),
        pytest.param({}, "Andrés".encode("latin-1"), "is not UTF-8", id="latin-1"),
        pytest.param({}, "", "is empty", id="empty"),
        pytest.param({"date": "1 Feb 2024"}, "new text", "is not ISO 8601", id="bad-date"),
        pytest.param({"date": "2024-02-30"}, "new text", "is not ISO 8601", id="no-such-day"),
        pytest.param({"date": "2024-13"}, "new text", "is not ISO 8601", id="no-such-month"),
        pytest.param(
            {"name": "nytimes-2023-10-mexico-us-ties.txt"},
            "new text",
            "already exists",
            id="same-name",
        ),
        pytest.param({"name": "../escape.txt"}, "new text", "is not a plain", id="path-in-name"),
        pytest.param({"title": "A {broken title"}, "new text", "unbalanced braces", id="braces"),
        pytest.param({"file": "/nonexistent/article.txt"}, "", "No such file", id="no-file"),
    ],
)
def test_add_source_refuses_with_one_line_and_writes_nothing(
    archive: Path,
    capsys: pytest.CaptureFixture[str],
    options: dict[str, str],
    text: bytes | str,
    message: str,
):
    before = snapshot(archive)
    assert add(archive, text, **options) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and message in captured.err, captured.err
    assert captured.err.startswith("add_source: ") and captured.out == ""
    assert snapshot(archive) == before


def test_add_source_undoes_its_writes_if_one_fails(archive: Path, monkeypatch: pytest.MonkeyPatch):
    before = snapshot(archive)
    original = add_source.append

    def append(path: Path, text: str, blank_line: bool) -> None:
        original(path, text, blank_line)
        if path.name == "references.bib":
            raise OSError("disk full")

    monkeypatch.setattr(add_source, "append", append)
    assert add(archive, "new text") == 1
    assert snapshot(archive) == before


def test_add_source_command_line_help_shows_every_option():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "add_source.py"), "--help"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    for option in ("--file", "--key", "--title", "--outlet", "--author", "--date", "--url",
                   "--note", "--name", "--root", "--attribution"):  # fmt: skip
        assert option in result.stdout


# -- The claims diff ---------------------------------------------------------


def page(*sentences: str) -> str:
    return "# C\n\n" + "\n\n".join(sentences) + "\n" + BIBLIOGRAPHY


def run_diff(project: Path, monkeypatch: pytest.MonkeyPatch, base: str = "HEAD") -> str:
    """The claims diff of ``project``'s working tree against ``base``."""
    monkeypatch.chdir(project)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert diff_claims.main(["--base", base]) == 0
    return out.getvalue()


def test_claims_diff_shows_changed_added_and_source_changes(
    handbook_project: Path, monkeypatch: pytest.MonkeyPatch
):
    index = handbook_project / "docs" / "index.md"
    index.write_text(
        page("There were 32,223 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.")
    )
    commit(handbook_project)
    index.write_text(
        page(
            "There were 32,223 killings in Mexico in 2021 {cite:p}`NYTimes2023ties`.",
            "Nearly 110,000 people died of drug overdoses in 2022 {cite:p}`NYTimes2023ties`.",
        )
    )
    with open(handbook_project / "references.bib", "a") as bib:
        bib.write("\n% a comment\n")
    markdown = run_diff(handbook_project, monkeypatch)

    assert markdown.startswith("# Claims diff: `HEAD` (")
    warning = markdown.index("The sources changed")
    assert warning < markdown.index("## Added") < markdown.index("## Removed")
    assert markdown.index("## Removed") < markdown.index("## Changed")
    assert "changes what every claim rests on" in markdown
    assert "- `references.bib` (modified)" in markdown
    assert "3 added, 0 removed, 2 changed (3 claims before, 6 after)." in markdown
    assert "| docs/index.md:5 | figure | Nearly 110,000 | verified | NYTimes2023ties |" in markdown
    assert (
        "| docs/index.md:3 | figure | 2022 | **2021** | verified → unsupported | NYTimes2023ties |"
        in markdown
    )
    assert "**Failing the fact check in the working tree: 1 claim.**" in markdown


def test_claims_diff_shows_removed_claims_a_new_source_and_changed_citations(
    handbook_project: Path, monkeypatch: pytest.MonkeyPatch
):
    index = handbook_project / "docs" / "index.md"
    index.write_text(
        page(
            "There were 32,223 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.",
            "Nearly 110,000 people died of drug overdoses in 2022 {cite:p}`NYTimes2023ties`.",
        )
    )
    commit(handbook_project)
    index.write_text(
        page("There were 32,223 killings in Mexico in 2022 {cite:p}`Carranza2023tensions`.")
    )
    (handbook_project / "sources" / "new-2024-piece.txt").write_text("Not yet committed.\n")
    markdown = run_diff(handbook_project, monkeypatch)

    assert "- `sources/new-2024-piece.txt` (added, not yet committed)" in markdown
    assert "0 added, 3 removed, 3 changed" in markdown
    removed = markdown.split("## Removed")[1].split("## Changed")[0]
    assert "| docs/index.md:5 | figure | Nearly 110,000 | verified | NYTimes2023ties |" in removed
    assert "| docs/index.md:5 | figure | 2022 | verified | NYTimes2023ties |" in removed
    changed = markdown.split("## Changed")[1]
    assert (
        "| docs/index.md:3 | figure | 32,223 | (the same) | verified → unsupported "
        "| NYTimes2023ties → Carranza2023tensions |" in changed
    )


def test_claims_diff_works_from_the_first_commit(
    handbook_project: Path, monkeypatch: pytest.MonkeyPatch
):
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
        page("There were 32,223 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.")
    )
    markdown = run_diff(handbook_project, monkeypatch)
    assert "The sources changed" not in markdown
    assert "has no docs/conf.py: it is taken to have no claims" in markdown
    assert "| docs/index.md:3 | figure | 32,223 | verified | NYTimes2023ties |" in markdown
    assert "## Removed\n\nNone." in markdown and "## Changed\n\nNone." in markdown


def test_claims_diff_refuses_what_is_not_a_revision(
    handbook_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.chdir(handbook_project)
    assert diff_claims.main(["--base", "no-such-branch"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_makefile_offers_the_claims_diff():
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "diff-claims", "BASE=v1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert ".venv/bin/factcheck-diff-claims --base v1" in result.stdout
    assert re.search(r"(?m)^\.PHONY:.*\bdiff-claims\b", (ROOT / "Makefile").read_text())


# -- The fact check's failures as annotations -----------------------------------


@pytest.fixture
def failing_report(build: Callable[..., BuildResult], handbook_project: Path) -> Path:
    """The fact check's output.json for a page with one wrong and one right figure."""
    result = build(
        "# C\n\n"
        "There were 32,224 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.\n\n"
        "Nearly 110,000 people died of drug overdoses in 2022 {cite:p}`NYTimes2023ties`.\n"
    )
    assert result.status == 1
    return result.outdir / "output.json"


def annotations(report: Path, root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ANNOTATIONS), *options, "--root", str(root), str(report)],
        capture_output=True,
        text=True,
    )


def test_annotations_are_workflow_commands_on_the_failing_lines(
    failing_report: Path, handbook_project: Path
):
    records = [json.loads(line) for line in failing_report.read_text().splitlines()]
    failed = [r for r in records if Status(r["status"]).failed]
    assert failed and len(failed) < len(records)  # a failure among passes
    result = annotations(failing_report, handbook_project)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    commands = result.stdout.splitlines()
    assert len(commands) == len(failed)
    assert commands[0].startswith(
        "::error file=docs/index.md,line=3,title=Fact check%3A unsupported figure “32%2C224”::"
    ), commands[0]
    assert "closest passage in NYTimes2023ties" in commands[0]
    assert all(command.startswith("::error file=docs/index.md,line=3,") for command in commands)


def test_annotations_as_sarif_for_code_scanning(failing_report: Path, handbook_project: Path):
    result = annotations(failing_report, handbook_project, "--format", "sarif")
    assert result.returncode == 0, result.stderr
    log = json.loads(result.stdout)
    # SARIF 2.1.0, as code scanning reads it (check-jsonschema vendors no SARIF schema).
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sphinxcontrib-factcheck" and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(set(rule_ids)) == len(rule_ids) and "factcheck/unsupported" in rule_ids
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["defaultConfiguration"]["level"] == "error"
    assert run["results"]
    for finding in run["results"]:
        assert rule_ids[finding["ruleIndex"]] == finding["ruleId"]
        assert finding["level"] == "error" and finding["message"]["text"]
        (location,) = finding["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "docs/index.md"  # relative to the repo
        assert physical["region"]["startLine"] == 3
    assert run["results"][0]["message"]["text"].startswith(
        "Fact check: unsupported figure “32,224”: "
    )


def test_annotations_of_a_passing_check_are_none(tmp_path: Path):
    report = tmp_path / "output.json"
    report.write_text(
        json.dumps({"file": "docs/a.md", "line": 1, "status": "verified", "message": "ok"}) + "\n"
    )
    assert annotations(report, tmp_path).stdout == ""
    sarif = json.loads(annotations(report, tmp_path, "--format", "sarif").stdout)
    assert sarif["runs"][0]["results"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param('{"file": "a.md"\n', "output.json:1: not a JSON record", id="broken-json"),
        pytest.param("[1]\n", "output.json:1: not a JSON object", id="not-an-object"),
        pytest.param(
            '\n{"file": "a.md", "line": 2, "message": "m"}\n',
            "output.json:2: a record without 'status'",
            id="no-status",
        ),
        pytest.param(
            '{"file": "a.md", "line": 2, "status": "wrong", "message": "m"}\n',
            "output.json:1: unknown status 'wrong'",
            id="unknown-status",
        ),
    ],
)
def test_annotations_refuse_a_bad_report_with_one_located_line(
    tmp_path: Path, text: str, message: str
):
    report = tmp_path / "output.json"
    report.write_text(text)
    result = annotations(report, tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_annotations_name_a_missing_report(tmp_path: Path):
    result = annotations(tmp_path / "output.json", tmp_path)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "output.json: cannot read the report" in result.stderr


def test_ci_shows_fact_check_failures_on_the_changed_lines():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    check = runs.index("make check")
    assert check < runs.index("make html")  # annotated even when the build would stop
    report = "docs/_build/factcheck/output.json"
    annotate = next(i for i, run in enumerate(runs) if "factcheck-annotations" in run)
    assert annotate == check + 1 and "!cancelled()" in steps[annotate]["if"]
    commands = [shlex.split(line) for line in runs[annotate].replace("\\\n", " ").splitlines()]
    assert [".venv/bin/factcheck-annotations", report] in commands
    sarif = next(c for c in commands if "sarif" in c)
    assert sarif[:4] == [".venv/bin/factcheck-annotations", "--format", "sarif", report]
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == sarif[-1] and "!cancelled()" in upload["if"]
    assert workflow["permissions"]["security-events"] == "write"


# -- The Makefile ----------------------------------------------------------------


def make_n(*arguments: str) -> list[str]:
    """What ``make -n`` would run, one command a line (continued lines joined)."""
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.replace("\\\n", " ").splitlines()


STRICT = "-W --keep-going -n"


@pytest.mark.parametrize("builder", ["epub", "linkcheck", "dirhtml", "text"])
def test_makefile_hands_any_other_builder_to_sphinx(builder: str):
    assert make_n(builder)[-1] == f".venv/bin/sphinx-build -M {builder} docs docs/_build {STRICT}"


def test_make_help_lists_sphinx_builders():
    result = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    # Sphinx colours its help where FORCE_COLOR is set (as on many CI runners).
    listing = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    for builder in ("html", "epub", "linkcheck", "latexpdf", "doctest"):
        assert re.search(rf"^\s+{builder}\s", listing, re.MULTILINE), builder


def test_makefile_keeps_its_targets_and_takes_no_input_for_a_builder():
    assert make_n("html")[-1] == f".venv/bin/sphinx-build -b html {STRICT} docs docs/_build/html"
    assert make_n("pdf") == make_n("latexpdf")
    assert make_n("pdf")[0] == "scripts/ensure-system-packages tex"
    # A newer lock or pyproject.toml reinstalls the venv; neither is a Sphinx builder.
    for changed in ("requirements.txt", "pyproject.toml"):
        commands = make_n("-W", changed, "html")
        assert any("pip --quiet" in command and "install -r requirements.txt" in command
                   for command in commands), commands  # fmt: skip
        assert not any(f"-M {changed}" in command for command in commands), commands
    assert make_n("-W", "Makefile", "html") == make_n("html")  # make reads it, never builds it
    assert not any("linkcheck" in command for command in make_n("test"))  # needs the network


def test_make_serve_is_as_strict_as_make_html(monkeypatch: pytest.MonkeyPatch):
    (serve,) = make_n("serve")
    command = shlex.split(serve)
    assert command[0] == ".venv/bin/sphinx-autobuild"
    monkeypatch.chdir(ROOT)
    options, sphinx_options = autobuild_arguments(command[1:])
    assert " ".join(sphinx_options).startswith(STRICT)  # passed on to each sphinx-build
    assert "docs/_generated" in options.ignore  # charts drawn by the build are no edit
    assert {"references.bib", "sources"} <= set(options.additional_watched_dirs)


def test_make_clean_removes_the_drawn_charts_too():
    assert make_n("clean") == ["rm -rf docs/_build docs/_generated"]


def test_linkcheck_fails_fast_and_skips_what_the_build_writes():
    conf = runpy.run_path(str(ROOT / "docs" / "conf.py"))
    assert conf["linkcheck_timeout"] <= 30  # offline, a link fails in seconds
    assert any(
        re.match(pattern, "downloads/key-figures.csv") for pattern in conf["linkcheck_ignore"]
    )


def test_pre_commit_is_in_the_lock_with_what_it_needs():
    pyproject = (ROOT / "pyproject.toml").read_text()
    version = re.search(r'"pre-commit==([^"]+)"', pyproject)
    assert version, "pre-commit is pinned in a dependency group"
    lock = {
        canonicalize_name(name): pinned
        for name, pinned in re.findall(
            r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "requirements.txt").read_text(), re.MULTILINE
        )
    }
    assert lock.get("pre-commit") == version[1]
    # Every package pre-commit needs, transitively, is pinned at the version installed.
    needed, seen = ["pre-commit"], set()
    while needed:
        name = canonicalize_name(needed.pop())
        if name in seen:
            continue
        seen.add(name)
        assert lock.get(name) == metadata.version(name), name
        for spec in metadata.requires(name) or []:
            requirement = Requirement(spec)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                needed.append(requirement.name)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pre-commit"), "validate-config",
         str(ROOT / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


# -- Configurations ----------------------------------------------------------


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    """Validate ``path`` against a schema vendored in check-jsonschema, with no network:
    any attempt to download would go to a proxy that does not exist."""
    offline = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    offline.pop("NO_PROXY", None)
    offline.pop("no_proxy", None)
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        env=offline,
    )


SCHEMAS = [
    (
        "vendor.github-workflows",
        ".github/workflows/docs.yml",
        ("runs-on: ubuntu-latest", "runs-on: 42"),
    ),
    ("vendor.readthedocs", ".readthedocs.yaml", ("version: 2", "version: 3")),
    ("vendor.citation-file-format", "CITATION.cff", ("cff-version: 1.2.0", "cff-version: one")),
]


@pytest.mark.parametrize(("schema", "path", "mutation"), SCHEMAS)
def test_configuration_is_valid_against_its_published_schema(
    schema: str, path: str, mutation: tuple[str, str], tmp_path: Path
):
    result = check_jsonschema(schema, ROOT / path)
    assert result.returncode == 0, result.stdout + result.stderr
    # ... and the schema does check: a broken copy fails.
    text = (ROOT / path).read_text()
    assert mutation[0] in text
    broken = tmp_path / Path(path).name
    broken.write_text(text.replace(mutation[0], mutation[1], 1))
    assert check_jsonschema(schema, broken).returncode == 1


def test_ci_builds_checks_tests_uploads_and_writes_the_claims_diff():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "docs.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    assert workflow["jobs"]["build"]["runs-on"] == "ubuntu-latest"
    assert steps[0]["uses"] == "actions/checkout@v4" and steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["with"]["python-version"] == "3.11"
    runs = [step.get("run", "") for step in steps]
    assert "scripts/ensure-system-packages tex pdf-tools browser words bibliography-tools" in runs
    for command in ("make html", "make pdf", "make check", "make test"):
        assert command in runs
    diff = next(step for step in steps if "diff-claims" in step.get("run", ""))
    assert '>> "$GITHUB_STEP_SUMMARY"' in diff["run"] and "origin/$BASE_REF" in diff["run"]
    assert diff["env"]["BASE_REF"] == "${{ github.base_ref }}"
    uploads = {
        step["with"]["path"] for step in steps if "upload-artifact@v4" in step.get("uses", "")
    }
    assert {"docs/_build/html", "docs/_build/latex/handbook.pdf"} <= uploads


def test_read_the_docs_builds_strictly_with_the_lock():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    assert config["build"]["os"] == "ubuntu-24.04" and config["build"]["tools"]["python"] == "3.11"
    assert config["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert config["formats"] == ["pdf"]
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]


def test_citation_file_describes_the_handbook():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["title"] == "Fentanyl and Firearms: A US–Mexico Handbook"
    assert citation["authors"] == [{"name": "The handbook's editors"}]
    assert (citation["version"], citation["license"]) == ("0.1.0", "CC-BY-4.0")
    assert str(citation["date-released"]) == "2026-11-24"


def test_pull_request_template_asks_what_to_review():
    template = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert "## What should the reviewer concentrate on?" in template
    assert "## Sources and claims it touches" in template
    assert template.count("- [ ] ") >= 4 and "`make check` passes" in template
    assert "{handbook-own}" in template and "sources/" in template


def test_pre_commit_runs_the_linters_and_the_fact_check_but_spares_the_sources():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert all(
        re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]) for repo in config["repos"] if "rev" in repo
    )
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"trailing-whitespace", "end-of-file-fixer", "check-yaml", "check-toml"} <= set(hooks)
    assert {"ruff-check", "codespell", "factcheck"} <= set(hooks)
    for hook in ("trailing-whitespace", "end-of-file-fixer", "codespell"):
        assert re.match(hooks[hook]["exclude"], "sources/nytimes-2023-10-mexico-us-ties.txt")
    assert re.match(hooks["codespell"]["exclude"], "references.bib")
    factcheck = hooks["factcheck"]
    assert (factcheck["entry"], factcheck["language"], factcheck["pass_filenames"]) == (
        "make check",
        "system",
        False,
    )
    for path in ("docs/chapters/migration.md", "references.bib", "sources/x.txt"):
        assert re.match(factcheck["files"], path)
    assert not re.match(factcheck["files"], "scripts/add_source.py")


@pytest.mark.parametrize("step", ["--time-check", "--time-build-check", "--rules-of"])
def test_each_step_of_the_fact_check_benchmark_runs_at_a_tiny_size(step):
    # Each step runs in a process of its own (every cache cold) and prints JSON the
    # benchmark reads; at five sources and forty sentences, every synthetic claim holds.
    out = subprocess.run(
        [sys.executable, ROOT / "scripts" / "benchmark_factcheck.py", step, "5", "40"],
        check=True,
        capture_output=True,
        text=True,
    )
    printed = json.loads(out.stdout)
    if step == "--rules-of":
        assert printed["sentences"] == 40 and printed["total"] > 0
        assert {"check_alignment", "check_figures", "contradictions"} <= set(printed)
    else:
        *seconds, claims = printed
        assert len(seconds) == (2 if step == "--time-check" else 1)
        assert all(s > 0 for s in seconds) and claims >= 40  # one claim a sentence at least


def test_the_benchmarks_incremental_builds_run_with_and_without_the_check():
    # Part 2 at five sources and one run: a synthetic project built once, then a page
    # edited and built again, with the check and without it (taking turns).
    out = subprocess.run(
        [
            sys.executable,
            ROOT / "scripts" / "benchmark_factcheck.py",
            "--time-incremental",
            "5",
            "1",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    printed = json.loads(out.stdout)
    assert set(printed) == {"with the check", "without"}
    assert all(seconds > 0 for seconds in printed.values())


def test_the_benchmark_says_of_each_goal_whether_its_figure_meets_it():
    # The summary the full run ends with: a figure at or under its goal meets it.
    benchmark = runpy.run_path(str(ROOT / "scripts" / "benchmark_factcheck.py"))
    goal_line = benchmark["goal_line"]
    assert goal_line("clean check", 14.9, 3, " s") == (
        "  clean check: 14.90 s (goal: 3 s or less): not met"
    )
    assert goal_line("incremental ratio", 1.5, 1.5).endswith("(goal: 1.5 or less): met")
    assert goal_line("HTML ratio", 1.0508, 1.05, digits=3) == (
        "  HTML ratio: 1.051 (goal: 1.05 or less): not met"
    )
