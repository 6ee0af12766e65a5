"""The extension in small projects of its own (tests/roots): MyST and rST, one or
two bibliography files, a docs folder away from its data, parallel builds, the
factcheck builder's reports, and every kind of mistake reported at file:line."""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinxcontrib.factcheck import (
    STATIC,
    Status,
    charts,
    claim_anchors,
    get_corpus,
    get_findings,
)
from sphinxcontrib.factcheck.nodes import ClaimText
from tests.conftest import BuildResult, RootProject, calls_by_page, run_sphinx


def fact_warnings(result: BuildResult) -> list[str]:
    return [line for line in result.warning_lines if "[factcheck" in line]


@pytest.mark.sphinx("html", testroot="myst")
def test_myst_project_verifies_and_marks_its_claims(app):
    app.build()
    assert app.statuscode == 0
    findings = get_findings(app.env)
    claims = [f for f in findings if f.kind != "sentence"]
    assert {f.status for f in claims} == {Status.VERIFIED}
    assert {f.text for f in claims} >= {"4,200", "2023", "March 14, 2024"}
    # Every cited sentence is aligned to the passage that supports it.
    aligned = [f for f in findings if f.kind == "sentence"]
    assert [f.status for f in aligned] == [Status.ALIGNED, Status.ALIGNED]
    assert aligned[0].support == 1.0 and aligned[0].evidence.passage.startswith("Officers at")
    page = (Path(app.outdir) / "index.html").read_text()
    assert 'class="fc-claim"' in page and "<mark>4,200</mark>" in page
    # The extension adds its own CSS and script: nothing for the project to copy.
    assert "_static/factcheck.css" in page and "_static/factcheck.js" in page
    assert (Path(app.outdir) / "_static" / "factcheck.css").is_file()


@pytest.mark.sphinx("html", testroot="rst")
def test_rst_project_verifies_the_same_claims(app):
    app.build()
    assert app.statuscode == 0
    assert {(f.text, f.status) for f in get_findings(app.env) if f.kind != "sentence"} == {
        ("2023", Status.VERIFIED),
        ("4,200", Status.VERIFIED),
        ("March 14, 2024", Status.VERIFIED),
        ("We will not stop until the flow ends,", Status.VERIFIED),
    }


@pytest.mark.sphinx("factcheck", testroot="myst")
def test_factcheck_builder_writes_both_reports(app):
    app.build()
    outdir = Path(app.outdir)
    lines = (outdir / "output.txt").read_text().splitlines()
    records = [json.loads(line) for line in (outdir / "output.json").read_text().splitlines()]
    assert len(lines) == len(records) == 6  # four claims and two aligned sentences
    assert re.fullmatch(r".*index\.md:3: \[verified\] figure “4,200” -- .*", lines[1])
    sentence = next(r for r in records if r["kind"] == "sentence")
    assert (sentence["status"], sentence["support"], sentence["missing"]) == ("aligned", 1.0, [])
    figure = next(r for r in records if r["text"] == "4,200")
    assert figure["line"] == 3 and figure["keys"] == ["Smith2024seizures"]
    source = (Path(app.srcdir) / "sources" / "gazette-2024-03-15.txt").read_text()
    evidence = figure["evidence"]
    assert source[evidence["start"] : evidence["end"]] == "4,200"
    assert evidence["passage"] == source[evidence["passage_start"] : evidence["passage_end"]]
    corpus = get_corpus(app.env)
    assert corpus is not None and list(corpus.sources) == ["Smith2024seizures"]


MISTAKES = [
    # (what the page says instead, the warning expected)
    ("4,200 pounds", "4,300 pounds", r"\[unsupported\] figure '4,300'"),
    ("in 2023 {cite", "in 2022 {cite", r"\[unsupported\] figure '2022'"),
    ("seized 4,200", "seized nearly 4,200", r"\[unsupported\] figure 'nearly 4,200'"),
    (
        "until the flow ends",
        "until the flow stops",
        r"\[misquoted\] quotation “We will not stop until the flow stops,”",
    ),
    ("March 14, 2024", "March 13, 2024", r"\[unsupported\] figure 'March 13, 2024'"),
    (" {cite:p}`Smith2024seizures`.\n“", ".\n“", r"\[uncited\] uncited figure '4,200'"),
    (
        "{cite:p}`Smith2024seizures`.\n“",
        "{cite:p}`Nobody2024none`.\n“",
        r"\[bad-citation\] cited key 'Nobody2024none' is not in the bibliography",
    ),
    ("ends,” Smith", "ends, Smith", r"\[unterminated\]"),
]


@pytest.mark.parametrize(("old", "new", "expected"), MISTAKES)
def test_each_mistake_fails_the_build_at_its_file_and_line(
    project: Callable[..., RootProject], old: str, new: str, expected: str
):
    p = project("myst")
    p.replace("index.md", old, new)
    result = p.build()
    lines = fact_warnings(result)
    assert any(re.search(expected, line) for line in lines), lines
    line = 4 if "flow" in old or "March" in old or "ends" in old else 3
    assert all(re.search(rf"index\.md:{line}: WARNING", w) for w in lines), lines
    assert result.status == 1  # -W or not: a failed claim fails the build


def test_a_source_named_but_not_cited_is_misattributed(project):
    p = project("incremental")
    p.replace("trade.md", "{cite:p}`Courier2024trade`", "{cite:p}`Smith2024seizures`")
    result = p.build()
    assert any(
        "trade.md:3" in line
        and "[misattributed] the sentence attributes its claim to 'The Courier' but does not cite Courier2024trade"
        in line
        for line in result.warning_lines
    ), result.warning_lines


def test_two_bibliography_files_each_with_files_relative_to_itself(project):
    result = project("two-bibfiles").build()
    assert result.warning_lines == [] and result.status == 0
    findings = get_findings(result.app.env)
    assert {f.evidence.key for f in findings if f.evidence} == {
        "Smith2024seizures",
        "Courier2024trade",
    }


def test_a_docs_folder_away_from_its_bibliography_and_archive(project, monkeypatch, tmp_path):
    p = project("elsewhere", srcdir="site/docs")
    monkeypatch.chdir(tmp_path)  # built from somewhere else again
    result = p.build()
    assert result.warning_lines == [] and result.status == 0
    assert {f.status for f in get_findings(result.app.env)} == {Status.VERIFIED, Status.ALIGNED}


def test_a_parallel_build_finds_what_a_serial_build_finds(project):
    p = project("incremental")
    p.replace("seizures.md", "4,200 pounds", "4,300 pounds")  # one failure too
    serial = p.build("factcheck", fresh=True)
    parallel = run_sphinx(p.srcdir, p.path / "_parallel", "factcheck", fresh=True, parallel=2)
    assert get_findings(parallel.app.env) == get_findings(serial.app.env)
    assert sorted(fact_warnings(parallel)) == sorted(fact_warnings(serial))
    assert (parallel.outdir / "output.json").read_text() == (
        serial.outdir / "output.json"
    ).read_text()
    assert len(get_findings(serial.app.env)) > 5


def _count_checks_here(monkeypatch) -> list[str]:
    """The pages checked in this process (not in a worker), as they are checked."""
    from sphinxcontrib.factcheck import document

    return calls_by_page(monkeypatch, document, "check_page")


@pytest.mark.parametrize("builder", ["html", "latex", "factcheck"])
def test_pages_checked_beside_the_reading_are_reported_as_if_checked_at_once(
    project, monkeypatch, builder
):
    import multiprocessing

    here = _count_checks_here(monkeypatch)
    p = project("incremental")
    p.replace("seizures.md", "4,200 pounds", "4,300 pounds")  # one failure too
    off = dict(factcheck_background=False, factcheck_cache_dir=str(p.path / "cache-at-once"))
    at_once = run_sphinx(p.srcdir, p.path / "_at_once", builder, fresh=True, **off)
    assert {"seizures", "trade", "accord"} <= set(here)
    here.clear()
    beside = p.build(builder, fresh=True)
    # Checked in the worker (whose calls this process does not see), stopped with the build.
    assert here == [] and multiprocessing.active_children() == []
    assert get_findings(beside.app.env) == get_findings(at_once.app.env)
    assert fact_warnings(beside) == fact_warnings(at_once)
    assert beside.status == at_once.status == 1
    written = sorted(
        path.relative_to(beside.outdir)
        for path in beside.outdir.rglob("*")
        if path.suffix in {".html", ".tex", ".json", ".txt"}
    )
    assert written
    for name in written:
        assert (beside.outdir / name).read_bytes() == (at_once.outdir / name).read_bytes(), name
    # The doctrees Sphinx keeps hold the marks too, for a later build that reads them.
    kept = [
        pickle.loads((folder / "doctrees" / "seizures.doctree").read_bytes())
        for folder in (p.path / "_build", p.path / "_at_once")
    ]
    assert kept[0].pformat() == kept[1].pformat()
    marks = [[t.claims for t in tree.findall(ClaimText)] for tree in kept]
    assert marks[0] == marks[1] and marks[0]
    assert claim_anchors(kept[0]) == claim_anchors(kept[1])
    # The workers stored what they found: the next build, checking each page as it
    # reads it, checks none again and reports the same.
    again = p.build(builder, fresh=True, factcheck_background=False)
    assert here == []
    assert get_findings(again.app.env) == get_findings(at_once.app.env)
    assert fact_warnings(again) == fact_warnings(at_once)


def test_no_worker_is_started_for_one_page_or_a_parallel_build(project, monkeypatch):
    from sphinxcontrib.factcheck import background

    started: list[int] = []
    start = background.BackgroundCheck.__init__

    def spied(self, *args):
        started.append(1)
        start(self, *args)

    monkeypatch.setattr(background.BackgroundCheck, "__init__", spied)
    p = project("incremental")
    p.build()
    assert started == [1]  # a serial build reading every page
    started.clear()
    p.replace("seizures.md", "4,200 pounds", "4,300 pounds")
    assert p.build().read_documents == {"seizures"}
    run_sphinx(p.srcdir, p.path / "_parallel", "html", fresh=True, parallel=2)
    assert started == []


def test_a_worker_collects_garbage_as_a_process_of_its_own_and_the_build_as_before(
    monkeypatch,
):
    """A worker, the check's own process, never visits what it inherited and visits
    the young objects of a page's check less often; the build's process keeps
    Python's collector as it was."""
    import gc

    from sphinxcontrib.factcheck import background, document
    from sphinxcontrib.factcheck.corpus import Corpus

    def collector(*args):  # run in the worker, which inherits this replacement
        return gc.get_threshold(), gc.get_freeze_count() > 0, gc.isenabled()

    monkeypatch.setattr(document, "check_page", collector)
    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    check = background.BackgroundCheck(Corpus.of([]), {}, 1)
    try:
        in_worker = check.check("page", [], "").result()
    finally:
        check.close()
    assert in_worker == (background.WORKER_GC_THRESHOLDS, True, True)
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before


def test_a_check_that_fails_in_the_worker_stops_the_build_and_the_worker(project, monkeypatch):
    import multiprocessing

    from sphinx.errors import ExtensionError

    from sphinxcontrib.factcheck import document

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(document, "check_sentence", broken)
    p = project("incremental")
    with pytest.raises(ExtensionError, match="a bug in a rule"):
        p.build(fresh=True)
    assert multiprocessing.active_children() == []


def test_a_failure_that_raises_stops_the_build_at_its_line_and_the_workers(project):
    """``--exception-on-warning``: the first failure, reported when the pages checked
    in the workers are finished, stops the build; the workers stop too."""
    import multiprocessing

    from sphinx.errors import SphinxError
    from sphinx.testing.util import SphinxTestApp

    p = project("incremental")
    p.replace("seizures.md", "4,200 pounds", "4,300 pounds")
    app = SphinxTestApp(
        "html", srcdir=p.srcdir, builddir=p.path / "_strict", freshenv=True,
        exception_on_warning=True,
    )  # fmt: skip
    try:
        with pytest.raises(SphinxError, match=r"seizures\W+3\W+\[unsupported\] figure .4,300."):
            app.build()
    finally:
        app.cleanup()
    assert multiprocessing.active_children() == []


def test_own_figure_is_listed_with_its_reason_and_shown_with_a_dagger(project):
    p = project("myst")
    p.write(
        "own.md",
        "# Own\n\nThis report draws on {own-figure}`one <counted from refs.bib>` source.\n",
    )
    p.replace("index.md", "# Seizures\n", "# Seizures\n\n```{toctree}\nown\n```\n")
    result = p.build()
    own = [f for f in get_findings(result.app.env) if f.docname == "own"]
    assert [(f.status, f.text) for f in own] == [(Status.OWN_FIGURE, "one†")]
    assert "counted from refs.bib" in own[0].message
    page = (result.outdir / "own.html").read_text()
    assert '<abbr title="not from a source: counted from refs.bib">one</abbr>' in page


def test_own_figure_without_a_reason_is_an_error(project):
    p = project("myst")
    p.replace("index.md", "seized 4,200", "seized {own-figure}`4,200`")
    result = p.build()
    assert any("own-figure needs a reason" in line for line in result.warning_lines)


CHART = """
```{{verified-chart}} Seizures
:alt: Bar chart of seizures.
Nogales, 2023 | {value} | Officers at the Nogales port seized 4,200 pounds of fentanyl last year | Smith2024seizures
```
"""


def test_a_verified_chart_is_drawn_and_an_unverified_one_is_not(project):
    p = project("myst")
    text = p.file("index.md").read_text()
    p.write("index.md", text + CHART.format(value="4200"))
    drawn = p.build()
    assert drawn.warning_lines == []
    assert re.search(
        r'<svg[^>]* role="img" aria-label="Bar chart of seizures\. Nogales, 2023: 4,200\."',
        (drawn.outdir / "index.html").read_text(),
    )
    p.write("index.md", text + CHART.format(value="4300"))
    refused = p.build(fresh=True)
    assert any(
        "bar 'Nogales, 2023': the value 4,300 is not a verified figure" in line
        for line in refused.warning_lines
    ), refused.warning_lines
    assert 'role="img"' not in (refused.outdir / "index.html").read_text()


def test_a_charts_check_is_stored_until_its_claim_or_source_changes(project, monkeypatch):
    p = project("myst")
    p.write("index.md", p.file("index.md").read_text() + CHART.format(value="4200"))
    assert p.build().warning_lines == []
    checked = calls_by_page(monkeypatch, charts, "check_sentence")
    again = p.build(fresh=True)
    assert checked == [] and again.warning_lines == []
    p.replace("refs.bib", "date         = {2024-03-15}", "date         = {2025-03-15}")
    p.build()
    assert checked == ["index"], "a changed source entry checks the chart again"


def test_pages_matching_a_skip_pattern_are_not_checked(project):
    p = project("myst")
    p.write("notes/history.md", "# History\n\nVersion 2 came out in 2031.\n")
    p.replace("index.md", "# Seizures\n", "# Seizures\n\n```{toctree}\nnotes/history\n```\n")
    assert any("[uncited]" in line for line in p.build().warning_lines)
    skipped = p.build(fresh=True, factcheck_skip_pages=["notes/*"])
    assert skipped.warning_lines == [] and skipped.status == 0


def test_an_older_copy_of_the_extensions_static_files_is_replaced_without_a_warning(project):
    p = project("myst")
    first = p.build()
    script = first.outdir / "_static" / "factcheck.js"
    packaged = (STATIC / "factcheck.js").read_text(encoding="utf-8")
    assert script.read_text(encoding="utf-8") == packaged
    script.write_text("// left by an older version of the extension\n", encoding="utf-8")
    again = p.build()
    assert again.warning_lines == [] and again.status == 0
    assert script.read_text(encoding="utf-8") == packaged


MEANING_MISTAKES = [
    # (what the page says instead, the warning expected, its line): each caught
    # only by a rule of meaning, the figures and quotations still verifying.
    # A given name the source gives, beside a surname it does not go with.
    (
        "Antony Blinken met",
        "Alejandro Blinken met",
        r"\[misnamed\] name 'State Alejandro Blinken': no source gives it",
        3,
    ),
    # A definite period ("the first day") is compared even where the sentence
    # also names the passage's period loosely ("which week").
    (
        "In the first week",
        "In the first day",
        r"\[contradicted\] the sentence says 'day' where the passage says 'week'",
        4,
    ),
    # A negation after a reporting word, before a noun that is one ("the state").
    (
        "none of the drug is made",
        "none of the drug is not made",
        r"\[contradicted\] the sentence negates 'made'; the passage does not",
        5,
    ),
    # A name the source names nearby, where the passage gives another beside
    # the same words.
    (
        "nurses to Oaxaca",
        "nurses to Chiapas",
        r"\[misnamed\] name 'Chiapas': the passage gives 'Oaxaca' in its place",
        8,
    ),
    # A given name alone, where the source writes it only before the surname.
    (
        "Alejandro Mayorkas visited",
        "Alejandro visited",
        r"\[misnamed\] name 'Alejandro': the sources write it only as part of a longer "
        r"name \('Alejandro Mayorkas'\)",
        9,
    ),
    # A name word after another than the one the source always writes before it.
    (
        "President Andrés Manuel",
        "Affairs Manuel",
        r"\[misnamed\] name 'Affairs Manuel': the sources write 'Manuel' only after another "
        r"word \('Andrés Manuel'\)",
        10,
    ),
    # A negation inside a clause a verb of denial introduces negates it twice over.
    (
        "deny that they have agreed",
        "deny that they have not agreed",
        r"\[contradicted\] the sentence negates 'agreed'; the passage does not",
        11,
    ),
    # The second clause of a sentence is read against its own passage.
    (
        "the ministry is pressing",
        "the ministry is not pressing",
        r"\[contradicted\] the sentence negates 'pressing'; the passage does not",
        6,
    ),
]


def test_a_page_that_keeps_its_sources_meaning_passes(project):
    result = project("meaning").build()
    assert fact_warnings(result) == [] and result.status == 0


def test_a_statement_reported_as_another_persons_fails_at_its_line(project):
    # Without quotation marks, the statement is still López Obrador's in the source.
    p = project("meaning")
    p.replace("index.md", "AMLO said the commission", "Mayorkas said the commission")
    result = p.build()
    expected = (
        r"index\.md:7: WARNING: .*\[misattributed\] the sentence credits what it reports "
        r"to Mayorkas; Ruiz2024talks gives it to López Obrador"
    )
    assert any(re.search(expected, line) for line in fact_warnings(result))
    assert result.status == 1


@pytest.mark.parametrize(("old", "new", "expected", "line"), MEANING_MISTAKES)
def test_each_change_of_meaning_fails_at_its_line(project, old, new, expected, line):
    p = project("meaning")
    p.replace("index.md", old, new)
    result = p.build()
    lines = fact_warnings(result)
    assert len(lines) == 1 and re.search(expected, lines[0]), lines
    assert re.search(rf"index\.md:{line}: WARNING", lines[0])
    assert result.status == 1
