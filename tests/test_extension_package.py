"""sphinxcontrib-factcheck as a package: the wheel holds every module, its static
files and its type marker; installed from that wheel with pip, it checks a
project of its own (the quick start of docs/factcheck.md, MyST and rST pages),
outside this repository, and reports its wrong figures and quotations at
file:line. The reference page documents every value, role, directive, builder,
event and output field the package has."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sphinxcontrib.factcheck.config import FactCheckConfig

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "sphinxcontrib" / "factcheck"
QUICKSTART = Path(__file__).parent / "roots" / "test-quickstart"
REFERENCE = ROOT / "docs" / "factcheck.md"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(folder),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = folder.glob("sphinxcontrib_factcheck-*.whl")
    return built


def test_the_wheel_holds_every_module_its_static_files_and_its_type_marker(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"sphinxcontrib/factcheck/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected <= names
    assert {
        "sphinxcontrib/factcheck/py.typed",
        "sphinxcontrib/factcheck/static/factcheck.css",
        "sphinxcontrib/factcheck/static/factcheck.js",
        "sphinxcontrib/factcheck/language/english.py",
    } <= names
    assert (
        "sphinxcontrib/__init__.py" not in names
    )  # a namespace package, as sphinxcontrib-bibtex's
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert re.search(r"^Requires-Dist: sphinxcontrib-bibtex", text, re.MULTILINE)
    points = zipfile.ZipFile(wheel).read(metadata.replace("METADATA", "entry_points.txt")).decode()
    assert "factcheck-add-source" in points and "factcheck-mutate" in points


def test_a_project_elsewhere_installs_the_wheel_and_gets_its_mistakes_reported(
    wheel: Path, tmp_path: Path
):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    project = tmp_path / "my-handbook"
    shutil.copytree(QUICKSTART, project)
    index = project / "index.md"
    index.write_text(index.read_text().replace("4,200 pounds", "4,300 pounds"))
    statement = project / "statement.rst"
    statement.write_text(statement.read_text().replace("the flow ends", "the flow stops"))
    environment = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import sphinxcontrib.factcheck as f; print(f.__file__)"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert where.stdout.startswith(str(site)), where.stdout  # the wheel's copy, not this checkout
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "factcheck",
            "-q",
            str(project),
            str(tmp_path / "out"),
        ],
        env=environment,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert re.search(r"index\.md:7: WARNING: \[unsupported\] figure '4,300'", result.stderr), (
        result.stderr
    )
    assert re.search(r"statement\.rst:4: WARNING: \[misquoted\] quotation", result.stderr), (
        result.stderr
    )
    records = [
        json.loads(line) for line in (tmp_path / "out" / "output.json").read_text().splitlines()
    ]
    assert {r["status"] for r in records} == {"unsupported", "misquoted", "verified", "aligned"}


def test_the_reference_page_documents_everything_the_package_offers():
    page = REFERENCE.read_text()
    for field in dataclasses.fields(FactCheckConfig):
        assert f"factcheck_{field.name}" in page, field.name
    for name in ("own-figure", "own-statement", "evidence-index", "verified-chart", "-b factcheck", "factcheck-process-finding",
                 "get_findings", "get_corpus", "output.txt", "output.json", "factcheck-add-source",
                 "factcheck-diff-claims", "factcheck-mutate"):  # fmt: skip
        assert name in page, name
    record_fields = {"file", "docname", "line", "kind", "text", "detail", "keys", "status",
                     "message", "sentence", "anchor", "evidence", "support", "missing"}  # fmt: skip
    for name in record_fields:
        assert f"`{name}`" in page, name
    for status in ("verified", "unsupported", "misquoted", "uncited", "bad-citation",
                   "misattributed", "unterminated", "own-figure", "own-statement", "aligned",
                   "misnamed", "contradicted"):  # fmt: skip
        assert f"`{status}`" in page, status


def test_the_quick_start_shown_is_the_one_tested():
    page = REFERENCE.read_text()
    for name in ("conf.py", "refs.bib", "index.md", "statement.rst", "sources/SHA256SUMS"):
        assert f"../tests/roots/test-quickstart/{name}" in page, name
