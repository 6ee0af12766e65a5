"""What a memo writer and a reference manager take away, read by the real
consumers: the key-figures downloads (one record per table row, with its
date in ISO 8601 and the passage of its finding), the citation strings
(citeproc-py renders every CSL-JSON entry), the bibliography's types (BibTeX,
biber and pybtex read ``references.bib`` with no warning), the page citations
(BibTeX, biber and pybtex read each page's entry whole; Highwire meta tags),
one title and one version (``CITATION.cff``), and adding a source as
CONTRIBUTING.md shows, end to end."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pybtex.errors
import pytest
import yaml
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_file, parse_string
from pybtex.plugin import find_plugin

from sphinxcontrib.factcheck.tools import add_source
from tests.conftest import DOCS, ROOT, commit, run_sphinx
from tests.test_handbook_sources import undeclared_dates

sys.path.insert(0, str(DOCS / "_ext"))
import bibstyle  # noqa: E402  (docs/_ext is the handbook's extensions folder)
import citing  # noqa: E402
import exports  # noqa: E402

pytestmark = pytest.mark.build
CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
TITLE, VERSION = CITATION["title"], str(CITATION["version"])
#: BibTeX's standard styles a LaTeX user of references.bib would pick.
BST_STYLES = ("plain", "unsrt", "alpha", "abbrv", "plainnat", "apalike")
#: biber checks against biblatex's data model; the handbook's own field is
#: declared as a document using it would (\DeclareDatamodelFields).
BIBER_CONFIG = """<?xml version="1.0" encoding="UTF-8"?>
<config>
  <datamodel>
    <fields><field fieldtype="field" datatype="literal">attribution</field></fields>
    <entryfields><field>attribution</field></entryfields>
  </datamodel>
</config>
"""


def sphinx(builder: str, srcdir: Path, outdir: Path) -> subprocess.CompletedProcess[str]:
    """A strict build, as the Makefile runs it."""
    epoch = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=srcdir, capture_output=True, text=True
    ).stdout.strip()
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-E", "-W", "--keep-going", "-n"]
        + [str(srcdir), str(outdir), "-d", str(outdir / "doctrees")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "SOURCE_DATE_EPOCH": epoch or "0"},
    )


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("html")
    result = sphinx("html", DOCS, outdir)
    assert result.returncode == 0, result.stderr
    return outdir


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    outdir = tmp_path_factory.mktemp("factcheck")
    result = sphinx("factcheck", DOCS, outdir)
    assert result.returncode == 0, result.stderr
    lines = (outdir / "output.json").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def bibliography_tools() -> None:
    """BibTeX and biber, installed as CI installs them if they are missing."""
    result = subprocess.run(
        [str(ROOT / "scripts" / "ensure-system-packages"), "bibliography-tools"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def bibtex_warnings(bibfile: Path, style: str, workdir: Path) -> tuple[list[str], str]:
    """What BibTeX says reading every entry of ``bibfile`` with ``style``, and its .bbl."""
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy(bibfile, workdir / "refs.bib")
    (workdir / "cite.aux").write_text(
        f"\\citation{{*}}\n\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n", encoding="utf-8"
    )
    result = subprocess.run(
        ["bibtex", "-terse", "cite"], cwd=workdir, capture_output=True, text=True
    )
    said = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode in (0, 1), said  # 1: warnings only; 2 and up: errors
    return said, (workdir / "cite.bbl").read_text(encoding="utf-8")


def biber_warnings(bibfile: Path, workdir: Path) -> list[str]:
    """What biber says checking ``bibfile`` against biblatex's data model."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "biber.conf").write_text(BIBER_CONFIG, encoding="utf-8")
    shutil.copy(bibfile, workdir / "in.bib")  # biber writes its log beside its input
    result = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--configfile", "biber.conf"]
        + ["--output-file", str(workdir / "out.bib"), "in.bib"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    said = (result.stdout + result.stderr).splitlines()
    assert result.returncode == 0, said
    return [line for line in said if re.match(r"(WARN|ERROR)", line)]


def pybtex_strict(text: str) -> list[str]:
    """Every entry of a BibTeX text as pybtex's styles and the handbook's render
    it, pybtex in strict mode (any problem raises)."""
    pybtex.errors.set_strict_mode(True)
    try:
        data = parse_string(text, "bibtex")
        bibstyle.register()
        rendered = []
        for name in ("unsrt", "plain", "alpha", "handbook"):
            style = find_plugin("pybtex.style.formatting", name)()
            rendered += [
                e.text.render_as("text") for e in style.format_entries(data.entries.values())
            ]
        return rendered
    finally:
        pybtex.errors.set_strict_mode(False)


def render_csl(records: list[dict]) -> dict[str, str]:
    """Each CSL-JSON record as citeproc-py renders it with the handbook's style."""
    style = CitationStylesStyle(str(exports.CSL_STYLE), validate=True)
    strings = {}
    for record in records:
        bibliography = CitationStylesBibliography(
            style, CiteProcJSON([record]), citeproc_formatter.plain
        )
        bibliography.register(Citation([CitationItem(record["id"])]))
        (text,) = bibliography.bibliography()
        strings[record["id"]] = str(text)
    return strings


def table_rows(markdown: str) -> list[list[str]]:
    """The body rows of a page's Markdown tables, as cells."""
    rows, table = [], []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            table.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
        elif table:
            rows += table[2:]  # the header and the rule
            table = []
    return rows


# -- Key figures ---------------------------------------------------------------


def test_key_figures_export_has_one_record_per_table_row_with_its_cells(html: Path):
    rows = table_rows((DOCS / "key-figures.md").read_text(encoding="utf-8"))
    text = (html / "downloads" / "key-figures.csv").read_text(encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(text)))
    assert records == json.loads((html / "downloads" / "key-figures.json").read_text())
    assert [r["figure"] for r in records] == [row[0] for row in rows]  # "Millions" included

    def straight(cell: str) -> str:  # the HTML has smart quotes where the page has straight
        return re.sub("[“”]", '"', cell).replace("’", "'")

    assert [straight(r["measures"]) for r in records] == [row[1] for row in rows]
    assert [straight(r["date"]) for r in records] == [row[2] for row in rows]
    assert sum(1 for r in records if r["date"]) == len(rows)
    for record, row in zip(records, rows, strict=True):
        assert f"`{record['source_key']}`" in row[3], record
        assert record["citation"] and "inferred" not in record["citation"], record


@pytest.mark.parametrize(
    ("figure", "measures", "date_iso"),
    [
        ("Nearly 110,000", "People who died", "2022"),  # 2022 ("last year" in the Times)
        ("Roughly 200,000", "Migrants", "2023-09"),  # September 2023
        ("Three", "Federal courts", "2023-04-14"),  # 2023-04-14 ("On Friday")
        ("Four", "U.S. citizens kidnapped", "2023-03"),  # March 2023
        ("Over 30,000 a year", "Violent homicides", ""),  # Since 2019: a period
        ("Over 500%", "Rise in fentanyl seizures", ""),  # FY 2019-22
        ("Millions", "Mexican citizens", ""),  # Not given
    ],
)
def test_key_figures_export_dates_in_iso_where_the_cell_is_a_date(
    html: Path, figure: str, measures: str, date_iso: str
):
    records = json.loads((html / "downloads" / "key-figures.json").read_text())
    (record,) = [r for r in records if r["figure"] == figure and r["measures"].startswith(measures)]
    assert record["date_iso"] == date_iso
    assert all(re.fullmatch(r"(\d{4}(-\d{2}(-\d{2})?)?)?", r["date_iso"]) for r in records)


def test_key_figures_export_takes_each_passage_from_its_finding(html: Path, findings: list):
    by_anchor = {f["anchor"]: f for f in findings if f["docname"] == "key-figures"}
    records = json.loads((html / "downloads" / "key-figures.json").read_text())
    verified = [r for r in records if r["status"] == "verified"]
    assert len(verified) >= len(records) - 2
    for record in verified:
        finding = by_anchor[record["permalink"].rsplit("#", 1)[1]]
        assert finding["status"] == "verified"
        assert record["passage"] == " ".join(finding["evidence"]["passage"].split())
        assert record["source_key"] == finding["evidence"]["key"]
    # A figure the fact check finds nothing to check in is exported, and says so.
    (millions,) = [r for r in records if r["figure"] == "Millions"]
    assert (millions["status"], millions["source_key"]) == ("not checked", "Carranza2023tensions")


def test_a_key_figures_row_that_cannot_be_exported_fails_the_build_naming_it(
    handbook_project: Path,
):
    docs = handbook_project / "docs"
    (docs / "index.md").write_text(
        "# Key figures\n\n"
        "| Figure | What it measures | Date or period | Source |\n"
        "|---|---|---|---|\n"
        "| 32,223 | Killings in Mexico | 2022 | {cite:p}`NYTimes2023ties` |\n"
        "| 25 per 100,000 people | Homicide rate in Mexico | 2022 | no citation |\n"
        "\n```{bibliography}\n:all:\n```\n",
        encoding="utf-8",
    )
    commit(handbook_project)
    result = run_sphinx(docs, docs / "_build", "html", fresh=True, exports_key_figures_page="index")
    assert result.status == 1
    assert [line for line in result.warning_lines if "key figure" in line] == [
        f"{docs / 'index.md'}:6: WARNING: key figure not exported: "
        "row '25 per 100,000 people' cites no source [exports.key_figures]"
    ]
    records = json.loads((result.outdir / "downloads" / "key-figures.json").read_text())
    assert [r["figure"] for r in records] == ["32,223"]
    assert records[0]["date_iso"] == "2022" and "32,223 killings" in records[0]["passage"]


# -- Citation strings ------------------------------------------------------------


def test_citeproc_renders_every_entry_once_each_with_the_day_and_no_archival_note(html: Path):
    records = json.loads((html / "downloads" / "references.json").read_text())
    bibliography = parse_file(str(ROOT / "references.bib"))
    assert [r["id"] for r in records] == list(bibliography.entries)
    strings = render_csl(records)
    for record in records:
        text = strings[record["id"]]
        outlet = record.get("container-title") or record["publisher"]
        assert text.count(outlet) == 1, text  # the outlet once
        assert text.count(record["title"]) == 1, text
        assert "inferred" not in text and "capture" not in text, text
        parts = record["issued"]["date-parts"][0]
        if len(parts) == 3:
            assert re.search(rf"\b{parts[2]:02d}, {parts[0]}\b", text), text  # "Apr. 14, 2023"
    exported = {
        r["source_key"]: r["citation"]
        for r in json.loads((html / "downloads" / "key-figures.json").read_text())
    }
    for key, citation in exported.items():
        assert strings[key] == "[1]" + citation


def test_csl_json_keeps_the_bibtex_types_and_marks_inferred_dates_circa(html: Path):
    records = {r["id"]: r for r in json.loads((html / "downloads" / "references.json").read_text())}
    assert {key: r["type"] for key, r in records.items()} == {
        "NBCNews2023plan": "article-newspaper",
        "AlDia2023cartels": "article-newspaper",
        "Wayne2023tougher": "report",
        "NYTimes2023ties": "article-newspaper",
        "Carranza2023tensions": "article-newspaper",
    }
    for key, entry in parse_file(str(ROOT / "references.bib")).entries.items():
        inferred = "Date inferred" in entry.fields["note"]
        assert records[key]["issued"].get("circa", False) is inferred, key
        assert records[key]["issued"]["date-parts"] == [bibstyle.date_parts(entry.fields["date"])]
    assert records["Wayne2023tougher"]["publisher"] == "Wilson Center, Mexico Institute"


def test_html_bibliography_names_the_outlet_once_with_the_day_and_no_note(html: Path):
    page = BeautifulSoup((html / "sources.html").read_text(encoding="utf-8"), "html.parser")
    entries = [" ".join(c.get_text(" ").split()) for c in page.select("div.citation")]
    assert len(entries) == 5
    outlets = ("AL DÍA News", "The Arizona Republic", "NBC News", "The New York Times")
    for text in entries:
        assert sum(text.count(outlet) for outlet in outlets) <= 2, text  # label and lead
        assert "capture" not in text and "not printed" not in text, text
    (carranza,) = [t for t in entries if "Carranza" in t]
    assert carranza.count("The Arizona Republic") == 1 and "March 28, 2023" in carranza
    (nbc,) = [t for t in entries if "NBC News" in t]
    assert "April 14, 2023 (date inferred)" in nbc


# -- Types in the data -------------------------------------------------------------


@pytest.mark.parametrize("style", BST_STYLES)
def test_bibtex_reads_the_bibliography_with_no_warning(
    bibliography_tools: None, style: str, tmp_path: Path
):
    said, bbl = bibtex_warnings(ROOT / "references.bib", style, tmp_path)
    assert said == []
    for outlet in ("NBC News", "AL DÍA News", "The New York Times", "The Arizona Republic"):
        assert outlet in bbl


def test_biber_reads_the_bibliography_with_no_warning(bibliography_tools: None, tmp_path: Path):
    assert biber_warnings(ROOT / "references.bib", tmp_path) == []
    # biber's reading of each entry names the outlet in one field, so biblatex prints it once.
    read = parse_file(str(tmp_path / "out.bib")).entries
    for key, entry in parse_file(str(ROOT / "references.bib")).entries.items():
        outlet = bibstyle.outlet(entry.fields)
        holding = [
            name
            for name, value in read[key].fields.items()
            if outlet in value and name.lower() != "attribution"  # the handbook's own field
        ]
        assert len(holding) == 1, (key, holding)
    # The check is real: an entry without the fields its type requires is reported.
    broken = tmp_path / "broken.bib"
    broken.write_text("@article{K2023x, title = {T}, journal = {J}, date = {2023}}\n")
    assert any("Missing mandatory field 'author'" in w for w in biber_warnings(broken, tmp_path))


def test_pybtex_strict_reads_and_renders_the_bibliography():
    rendered = pybtex_strict((ROOT / "references.bib").read_text(encoding="utf-8"))
    assert len(rendered) == 4 * 5
    assert not any("inferred, not printed" in text for text in rendered[-5:])  # handbook style


# -- Cite this page --------------------------------------------------------------


def page_entries(html: Path) -> dict[str, str]:
    """Each page's "Cite this page" BibTeX, by page."""
    entries = {}
    for path in sorted(html.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        pre = page.select_one("aside.cite-this-page pre")
        if pre is not None:
            entries[str(path.relative_to(html))] = pre.get_text()
    return entries


def test_every_page_citation_is_read_whole_by_bibtex_biber_and_pybtex(
    html: Path, bibliography_tools: None, tmp_path: Path
):
    entries = page_entries(html)
    assert len(entries) >= 20 and "index.html" in entries
    bibfile = tmp_path / "pages.bib"
    bibfile.write_text("\n\n".join(entries.values()) + "\n", encoding="utf-8")
    for style in ("plain", "apalike"):
        said, bbl = bibtex_warnings(bibfile, style, tmp_path / style)
        assert said == [], style
        flat = " ".join(bbl.split())
        assert flat.count(TITLE) == len(entries), style  # the handbook's name in every one
        assert flat.count(f"Version {VERSION}") == len(entries), style
    assert biber_warnings(bibfile, tmp_path / "biber") == []
    rendered = pybtex_strict(bibfile.read_text(encoding="utf-8"))
    assert len(rendered) == 4 * len(entries) and all(TITLE in text for text in rendered)
    supply = parse_string(entries["chapters/supply-chain.html"], "bibtex").entries
    (entry,) = supply.values()
    assert entry.type == "incollection" and entry.fields["title"] == "{The supply chain}"
    assert entry.fields["booktitle"] == "{" + TITLE + "}"


def test_a_page_citation_escapes_tex_and_protects_its_titles():
    config = SimpleNamespace(
        author="The handbook's editors",
        project=TITLE,
        version=VERSION,
        html_baseurl="https://example.org/",
        root_doc="index",
    )
    app = SimpleNamespace(
        config=config, builder=SimpleNamespace(get_target_uri=lambda p: p + ".html")
    )
    plain, bibtex = citing.page_citation(app, "chapters/odd", "Guns & 50% of US #1_a")
    assert "“Guns & 50% of US #1_a.”" in plain
    (entry,) = parse_string(bibtex, "bibtex").entries.values()
    assert entry.fields["title"] == r"{Guns \& 50\% of US \#1\_a}"
    rendered = pybtex_strict(bibtex)  # the title as written, the handbook named
    assert all("Guns & 50% of US #1_a" in text and TITLE in text for text in rendered)


def test_every_page_carries_the_metadata_reference_managers_read(html: Path):
    for path in sorted(html.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.select_one("aside.cite-this-page") is None:
            continue  # the search page and the index have no citation
        meta = {m["name"]: m["content"] for m in page.select('head meta[name^="citation_"]')}
        name = str(path.relative_to(html))
        assert meta["citation_author"] == "The handbook's editors", name
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", meta["citation_publication_date"]), name
        assert meta["citation_public_url"].endswith("/" + name), name
        if name == "index.html":
            assert meta["citation_title"] == TITLE and "citation_inbook_title" not in meta
        else:
            assert meta["citation_inbook_title"] == TITLE, name
            assert meta["citation_title"] and meta["citation_title"] != TITLE, name


# -- One identity ------------------------------------------------------------------


def test_one_title_and_one_version_for_html_pdf_citations_and_changelog(html: Path, tmp_path: Path):
    assert CITATION["type"] == "software"
    preferred = CITATION["preferred-citation"]
    assert (preferred["type"], preferred["title"], str(preferred["version"])) == (
        "book",
        TITLE,
        VERSION,
    )
    assert preferred["authors"] == CITATION["authors"] and preferred["url"] == CITATION["url"]
    latex = sphinx("latex", DOCS, tmp_path / "latex")
    assert latex.returncode == 0, latex.stderr
    tex = (tmp_path / "latex" / "handbook.tex").read_text(encoding="utf-8")
    assert f"\\title{{{TITLE}}}" in tex and f"\\release{{{VERSION}}}" in tex
    supply = (html / "chapters" / "supply-chain.html").read_text(encoding="utf-8")
    assert f"<title>The supply chain - {TITLE}</title>" in supply
    assert f"In {TITLE}, version {VERSION}." in supply
    assert f"note         = {{Version {VERSION}}}" in supply
    changelog = (DOCS / "changelog.md").read_text(encoding="utf-8")
    released = re.findall(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)", changelog, re.M)
    assert released[0] == (VERSION, str(CITATION["date-released"]))


def test_a_missing_or_broken_citation_file_stops_the_build_with_one_line(
    handbook_project: Path,
):
    (handbook_project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    citation = handbook_project / "CITATION.cff"
    for broken in ("title: [unclosed\n", None):
        if broken is None:
            citation.unlink()
        else:
            citation.write_text(broken, encoding="utf-8")
        result = sphinx("html", handbook_project / "docs", handbook_project / "_build")
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if "CITATION.cff" in line]
        assert len(errors) == 1 and "cannot read the handbook's title" in errors[0], result.stderr


# -- Adding a source works end to end ---------------------------------------------

#: CONTRIBUTING.md's own example, as it is written there.
CONTRIBUTING_EXAMPLE = (
    '--file article.txt --key Smith2024border --title "Title as printed" '
    '--outlet "The Outlet" --date 2024-02-01 --author "Smith, Jane" '
    '--url https://example.org/article --attribution "Smith; the Outlet" '
    '--note "News report. Date printed."'
)
ARTICLE = "Title as printed\n\nJane Smith\n\nSmugglers moved 1,200 pounds of fentanyl through the port, officials said.\n"
SENTENCE = (
    "\nSmugglers moved 1,200 pounds of fentanyl through the port, officials told "
    "the Outlet {cite:p}`Smith2024border`.\n"
)


def test_contributing_shows_the_example_this_test_runs():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"scripts/add_source\.py (.*?)\n```", contributing, re.S)
    assert shown and " ".join(shown.group(1).replace("\\\n", " ").split()) == CONTRIBUTING_EXAMPLE


def test_adding_a_source_as_contributing_shows_works_end_to_end(
    tmp_path: Path, bibliography_tools: None
):
    project = tmp_path / "handbook"
    for name in ("sources", "docs"):
        shutil.copytree(
            ROOT / name, project / name, ignore=shutil.ignore_patterns("_build", "__pycache__")
        )
    for name in ("references.bib", "CITATION.cff"):
        shutil.copy(ROOT / name, project / name)
    # The extension's reference page shows the quick start's files.
    quickstart = Path("tests", "roots", "test-quickstart")
    shutil.copytree(ROOT / quickstart, project / quickstart)
    (project / "article.txt").write_text(ARTICLE, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    argv = [*shlex.split(CONTRIBUTING_EXAMPLE), "--root", str(project)]
    argv[argv.index("article.txt")] = str(project / "article.txt")
    assert add_source.main(argv) == 0
    (project / "article.txt").unlink()

    bibfile = project / "references.bib"
    (entry,) = [e for k, e in parse_file(str(bibfile)).entries.items() if k == "Smith2024border"]
    assert entry.type == "article" and entry.fields["journal"] == "{The Outlet}"
    assert undeclared_dates(bibfile) == []  # "Date printed." read from the data
    assert bibtex_warnings(bibfile, "plain", tmp_path / "bibtex")[0] == []
    assert biber_warnings(bibfile, tmp_path / "biber") == []
    assert len(pybtex_strict(bibfile.read_text(encoding="utf-8"))) == 4 * 6
    (citation,) = render_csl([exports.csl_json("Smith2024border", entry)]).values()
    assert citation.count("The Outlet") == 1 and "Feb. 01, 2024" in citation  # IEEE's day

    chapter = project / "docs" / "chapters" / "supply-chain.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + SENTENCE, encoding="utf-8")
    commit(project)
    result = sphinx("factcheck", project / "docs", project / "docs" / "_build" / "factcheck")
    problems = [line for line in result.stderr.splitlines() if "WARNING" in line]
    report = (project / "docs" / "_build" / "factcheck" / "output.json").read_text()
    findings = [json.loads(line) for line in report.splitlines() if line.strip()]
    new = [
        f
        for f in findings
        if f["docname"] == "chapters/supply-chain" and "Smith2024border" in f["keys"]
    ]
    assert [(f["kind"], f["text"], f["status"]) for f in new] == [
        ("figure", "1,200", "verified"),
        ("sentence", SENTENCE.split(" {cite")[0].strip() + ".", "aligned"),
    ], new
    # "Smith" in "Smith & Wesson" elsewhere in the handbook is the firm, not the new
    # source's author: no page is taken to attribute its claims to Smith2024border.
    assert problems == [] and result.returncode == 0, result.stderr
