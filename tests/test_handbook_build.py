"""The real handbook: the HTML, PDF and fact-check builds succeed with zero
warnings, and the PDF carries what the HTML carries."""

from __future__ import annotations

import doctest
import json
import re
import runpy
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pybtex.database import parse_file

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
def latex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The LaTeX output folder of one PDF build: handbook.tex and handbook.pdf."""
    outdir = tmp_path_factory.mktemp("latex")
    result = sphinx("latexpdf", outdir)
    assert warnings_of(result) == [], result.stderr
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    pdf = outdir / "latex" / "handbook.pdf"
    assert pdf.stat().st_size > 10_000
    return outdir / "latex"


@pytest.fixture(scope="module")
def pdf_text(latex: Path) -> str:
    """The PDF's text, its pages separated by form feeds."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(latex / "handbook.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
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
    assert {r["status"] for r in records} <= {"verified", "aligned", "own-figure", "own-statement"}
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


# -- The PDF as a printed report ---------------------------------------------


@pytest.fixture(scope="module")
def conf() -> dict[str, Any]:
    """docs/conf.py's settings, read as Sphinx reads them."""
    return runpy.run_path(str(DOCS / "conf.py"))


def pages(pdf_text: str) -> list[str]:
    return pdf_text.split("\f")


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as one space, and one apostrophe."""
    return " ".join(text.split()).replace("’", "'")


def toctree(caption: str) -> list[str]:
    """The titles of the pages in index.md's toctree with that caption."""
    index = (DOCS / "index.md").read_text()
    block = re.search(
        r"```\{toctree\}\n(?::.*\n)*?:caption: " + caption + r"\n(?::.*\n)*\n((?:.+\n)+)```", index
    )
    assert block, caption
    return [
        re.search(r"^# (.+)$", (DOCS / f"{name}.md").read_text(), re.MULTILINE)[1]
        for name in block[1].split()
    ]


def openings(pdf_text: str) -> dict[str, tuple[int, str]]:
    """Each chapter's or appendix's title (upper case, as printed), with the
    index of its first page and whether it is a CHAPTER or an APPENDIX."""
    found = {}
    for number, page in enumerate(pages(pdf_text)):
        heading = re.match(r"\s*(CHAPTER|APPENDIX)\n\n\S+\n\n(.+)\n", page)
        if heading:
            found[flat(heading[2])] = (number, heading[1])
    return found


def front_matter(pdf_text: str) -> list[str]:
    """The pages before the first chapter: title page, contents and what else."""
    return pages(pdf_text)[: min(number for number, _ in openings(pdf_text).values())]


def contents_page(pdf_text: str) -> int:
    """The index of the page headed "Contents"."""
    headed = [i for i, page in enumerate(pages(pdf_text)) if re.match(r"\s*CONTENTS\n", page)]
    assert headed, [page.split("\n", 1)[0] for page in front_matter(pdf_text)]
    return headed[0]


def test_pdf_title_page_says_what_it_is_how_current_and_where_it_is_online(
    pdf_text: str, conf: dict[str, Any]
):
    title_page = flat(pages(pdf_text)[0])
    assert flat(conf["project"]) in title_page
    assert f"Version {conf['release']}" in title_page and "Release" not in title_page
    changed = datetime.fromtimestamp(int(COMMIT_TIME), UTC)  # the last commit, as make pdf
    assert f"Last changed {changed:%B} {changed.day}, {changed.year}" in title_page
    # The period of the sources, from the bibliography's dates (here all of one year).
    dates = [
        entry.fields["date"]
        for entry in parse_file(str(ROOT / "references.bib")).entries.values()
        if "date" in entry.fields
    ]
    months = sorted(date[:7] for date in dates if re.match(r"\d{4}-\d{2}", date))
    first, last = (datetime.strptime(month, "%Y-%m") for month in (months[0], months[-1]))
    assert f"Sources dated {first:%B}–{last:%B} {last.year}" in title_page, title_page
    assert conf["html_baseurl"] in title_page


def test_title_page_period_follows_its_rule(conf: dict[str, Any]):
    runner = doctest.DocTestRunner()
    for test in doctest.DocTestFinder().find(conf["sources_period"], globs=conf):
        runner.run(test)
    assert runner.tries >= 5 and runner.failures == 0


def test_pdf_opens_with_front_matter_then_contents_then_chapter_one_on_page_one(pdf_text: str):
    assert "START HERE" not in pdf_text and "Start here" not in pdf_text
    contents = contents_page(pdf_text)
    opening = " ".join((DOCS / "index.md").read_text().split("\n\n")[1].split()[:6])
    introduction = [i for i, page in enumerate(pages(pdf_text)) if opening in flat(page)]
    assert introduction and introduction[0] < contents  # front matter, not a page 1 alone
    first = toctree("Start here")[0]
    toc = flat("\n".join(front_matter(pdf_text)[contents:]))
    page = re.search(rf"\b1 {re.escape(flat(first))} (\d+) ", toc)
    assert page and page[1] == "1", toc[:300]


def test_pdf_prints_the_reference_pages_as_appendices(pdf_text: str):
    contents, opened = flat("\n".join(front_matter(pdf_text))), openings(pdf_text)
    references = [flat(title) for title in toctree("Reference")]
    letters = []
    for title in references:
        entry = re.search(rf"\b([A-Z]) {re.escape(title)} \d+", contents)
        assert entry, (title, contents)
        letters.append(entry[1])
        assert opened[title.upper()][1] == "APPENDIX", title
    assert "".join(letters) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[: len(references)]
    for title in toctree("Start here") + toctree("The issues"):
        assert opened[flat(title).upper()][1] == "CHAPTER", title


#: What a reader of paper cannot do.
SCREEN_WORDING = re.compile(r"\b(?:hover\w*|click\w*|copy button|follow the ¶)", re.IGNORECASE)


def test_pdf_speaks_to_a_reader_of_paper_and_the_html_to_one_of_a_screen(pdf_text: str, html: Path):
    assert SCREEN_WORDING.findall(flat(pdf_text)) == []
    assert "whose address is on the title page" in flat(pdf_text)
    screen = " ".join(
        re.sub(r"<[^>]+>", "", (html / f"{page}.html").read_text())
        for page in ("evidence", "how-to-cite", "methodology")
    )
    for wording in (
        "hover over it",
        "copy button",
        "follow the ¶ mark",
        "shown here by an example",
    ):
        assert wording in " ".join(screen.split()), wording


def test_pdf_leaves_the_doctest_examples_to_the_online_edition(pdf_text: str, html: Path):
    assert ">>>" not in pdf_text
    assert "The online edition, whose address is on the title page, shows each with an example" in (
        flat(pdf_text)
    )
    examples = (DOCS / "methodology.md").read_text().count("```{doctest}")
    assert examples and (html / "methodology.html").read_text().count("&gt;&gt;&gt;") >= examples


def test_pdf_evidence_appendix_is_compact(pdf_text: str, latex: Path):
    # One paragraph a passage, each ending with the places that use it.
    passages = (latex / "handbook.tex").read_text().count(r"\sphinxstyleemphasis{Used in:}")
    opened = sorted(number for number, _ in openings(pdf_text).values())
    start = openings(pdf_text)["EVIDENCE"][0]
    end = next(number for number in opened if number > start)
    # 6.4 passages a page in the default layout (141 on 22 pages); 8.8 in small type.
    assert passages / (end - start) >= 8, f"{passages} passages on {end - start} pages"


def test_pdf_pages_give_the_online_address(pdf_text: str, conf: dict[str, Any]):
    first_chapter = len(front_matter(pdf_text))
    without = [
        number + 1
        for number, page in enumerate(pages(pdf_text))
        if number >= first_chapter and len(page.split()) > 30 and conf["html_baseurl"] not in page
    ]
    assert without == [], f"PDF pages without the address: {without}"


def test_an_incremental_html_build_is_quiet(html: Path, tmp_path: Path):
    again = tmp_path / "html"
    shutil.copytree(html, again)
    result = sphinx("html", again)
    assert result.returncode == 0, result.stderr
    assert "MdParserConfig" not in result.stdout  # myst-parser's configuration
    assert "0 added, 0 changed, 0 removed" in result.stdout
    changed = re.search(r"The configuration has changed \(\d+ options?: (.*)\)", result.stdout)
    # What remains is not the handbook's to fix: sphinx-design appends its static
    # folder to html_static_path on builder-inited (the fact check no longer
    # does: it copies its files when the build finishes), and furo
    # registers pygments_dark_style only when the theme loads, after Sphinx has
    # compared the configuration with the one pickled last time.
    upstream = {"html_static_path", "pygments_dark_style"}
    assert not changed or set(re.findall(r"'(\w+)'", changed[1])) <= upstream, changed[0]


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
