"""The real handbook: the HTML, PDF and fact-check builds succeed with zero
warnings, and the PDF carries what the HTML carries."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DOCS, ROOT

pytestmark = pytest.mark.build
STRICT = ["-W", "--keep-going", "-n"]
# As the Makefile does: dates Sphinx prints come from the last commit.
COMMIT_TIME = (
    subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    or "0"
)


def sphinx(builder: str, outdir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-M" if builder == "latexpdf" else "-b",
            builder,
            str(DOCS),
            str(outdir),
            *STRICT,
            "-d",
            str(outdir / "doctrees"),
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "SOURCE_DATE_EPOCH": COMMIT_TIME,
            "LANG": "C.UTF-8",
        },
    )


def warnings_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("html")
    result = sphinx("html", outdir)
    assert warnings_of(result) == [], result.stderr
    assert result.returncode == 0, result.stderr
    return outdir


@pytest.fixture(scope="module")
def factcheck(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    outdir = tmp_path_factory.mktemp("factcheck")
    return sphinx("factcheck", outdir), outdir


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    outdir = tmp_path_factory.mktemp("latex")
    result = sphinx("latexpdf", outdir)
    assert warnings_of(result) == [], result.stderr
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    pdf = outdir / "latex" / "handbook.pdf"
    assert pdf.stat().st_size > 10_000
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_html_builds_without_warnings(html: Path):
    index = (html / "index.html").read_text()
    assert "Fentanyl and firearms" in index
    for chapter in (DOCS / "chapters").glob("*.md"):
        assert (html / "chapters" / f"{chapter.stem}.html").is_file(), chapter.name


def test_html_resolves_citations_and_renders_design_components(html: Path):
    page = (html / "chapters" / "overdose-crisis.html").read_text()
    assert re.search(
        r"\((?:The New York Times|Carranza|Wayne|NBC News|AL DÍA News), 2023\)",
        re.sub(r"<[^>]+>", "", page),
    )
    assert "sd-card" in page or "sd-tab-set" in page or "admonition" in page
    sources = (html / "sources.html").read_text()
    assert "Rising tensions over fentanyl smuggling" in sources


def test_two_clean_html_builds_are_byte_identical(html: Path, tmp_path: Path):
    again = tmp_path / "again"
    result = sphinx("html", again)
    assert result.returncode == 0, result.stderr
    skip = {"doctrees"}
    first = {
        p.relative_to(html): p.read_bytes()
        for p in html.rglob("*")
        if p.is_file() and p.relative_to(html).parts[0] not in skip
    }
    second = {
        p.relative_to(again): p.read_bytes()
        for p in again.rglob("*")
        if p.is_file() and p.relative_to(again).parts[0] not in skip
    }
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_fact_check_passes_on_the_handbook(factcheck):
    result, outdir = factcheck
    assert warnings_of(result) == [], result.stderr
    assert result.returncode == 0
    records = [json.loads(line) for line in (outdir / "output.json").read_text().splitlines()]
    assert len(records) > 0
    assert {r["status"] for r in records} <= {"verified", "own-figure"}
    assert len((outdir / "output.txt").read_text().splitlines()) == len(records)


def test_pdf_includes_every_chart(pdf_text: str):
    units = []
    for page in DOCS.rglob("*.md"):
        units += re.findall(r"^:unit: (.+)$", page.read_text(), re.MULTILINE)
    assert units
    for unit in units:  # the charts are vector drawings: their labels are text
        assert unit in pdf_text, unit


def test_pdf_carries_key_figures(pdf_text: str):
    for figure in ("32,223", "Nearly 110,000", "14,100 pounds", "two in three"):
        assert figure in " ".join(pdf_text.split()), figure


def test_pdf_builds_with_citations_bibliography_and_accents(pdf_text: str):
    text = pdf_text
    assert "López Obrador" in text
    assert "Guzmán" in text or "Jalisco Nueva Generación" in text
    assert re.search(r"\((?:The New York Times|Carranza|Wayne|NBC News), 2023\)", text)
    assert "Rising tensions over fentanyl smuggling" in text  # the bibliography
    assert re.search(r"Executive summary\s+\d+\s", text)  # the table of contents, with pages
    assert "Key points" in text  # sphinx-design and admonition content is not lost


def test_pdf_tools_are_installed():
    assert shutil.which("pdftotext"), "make test installs poppler-utils"


def test_methodology_doctests_run(tmp_path: Path):
    result = sphinx("doctest", tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    output = (tmp_path / "output.txt").read_text()
    assert (
        re.search(r"[1-9]\d* tests?, 0 failures", output.replace("\n", " "))
        or "0 failures in tests" in output
    ), output
