"""The fact check in fixture projects: each deliberate mistake fails the build
with a warning at file:line, and a correct chapter passes."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import BuildResult


def failures(result: BuildResult) -> list[str]:
    return [line for line in result.warning_lines if "[factcheck" in line or "factcheck" in line]


def test_correct_chapter_passes_and_reports_evidence(build):
    result = build("""\
        # Deaths

        Nearly 110,000 people died of drug overdoses in the United States in 2022 {cite:p}`NYTimes2023ties`.
        López Obrador said that it is up to American lawmakers to address the “problem of social decay” {cite:p}`NYTimes2023ties`.
        """)
    assert result.warning_lines == []
    assert result.status == 0
    records = [
        json.loads(line) for line in (result.outdir / "output.json").read_text().splitlines()
    ]
    assert {r["status"] for r in records} == {"verified", "aligned"}
    assert {r["kind"] for r in records} == {"figure", "quotation", "sentence"}
    figure = next(r for r in records if r["text"] == "Nearly 110,000")
    assert figure["line"] == 3 and figure["keys"] == ["NYTimes2023ties"]
    source = (
        result.app.srcdir.parent / "sources" / "nytimes-2023-10-mexico-us-ties.txt"
    ).read_text()
    evidence = figure["evidence"]
    assert source[evidence["start"] : evidence["end"]] == "Nearly 110,000"
    assert evidence["passage"] == source[evidence["passage_start"] : evidence["passage_end"]]
    text = (result.outdir / "output.txt").read_text()
    assert "index.md:3: [verified] figure “Nearly 110,000”" in text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a wrong number
        (
            "Nearly 110,001 people died of overdoses in 2022 {cite:p}`NYTimes2023ties`.",
            r"\[unsupported\] figure 'Nearly 110,001'",
        ),
        # a right number with a wrong year
        (
            "Nearly 110,000 people died of overdoses in 2021 {cite:p}`NYTimes2023ties`.",
            r"\[unsupported\] figure '2021'",
        ),
        # a qualifier turned round
        (
            "More than 110,000 people died of overdoses in 2022 {cite:p}`NYTimes2023ties`.",
            r"\[unsupported\] figure 'More than 110,000'",
        ),
        # a number word changed
        (
            "Synthetic drugs account for three in four overdose deaths {cite:p}`Carranza2023tensions`.",
            r"\[unsupported\] figure 'three in four'",
        ),
        # percentages and money
        (
            "Seizures rose over 600% between FY 2019-22 {cite:p}`Wayne2023tougher`.",
            r"\[unsupported\] figure 'over 600%'",
        ),
        (
            "Mexico sought to revive a $12 billion lawsuit {cite:p}`NYTimes2023ties`.",
            r"\[unsupported\] figure '\$12 billion'",
        ),
        # the right figure, the wrong source
        (
            "There were 32,223 killings in Mexico in 2022 {cite:p}`Wayne2023tougher`.",
            r"\[unsupported\] figure '32,223'",
        ),
        # a date the source does not give
        (
            "Operation Blue Lotus was announced on March 24, 2023 {cite:p}`Carranza2023tensions`.",
            r"\[unsupported\] figure 'March 24, 2023'",
        ),
        # a word dropped from a quotation
        (
            "Graham said “we're going to take action” {cite:p}`Carranza2023tensions`.",
            r"\[misquoted\] quotation “we.re going to take action” is not verbatim.*closest passage.*we.re going to take different action",
        ),
        # no citation at all
        ("There were 32,223 killings in Mexico in 2022.", r"\[uncited\] uncited figure '32,223'"),
        ("He called it a “step backward.”", r"\[uncited\] uncited quotation"),
        # a figure attributed to one source but cited to another
        (
            "According to the Arizona Republic, there were 32,223 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.",
            r"\[misattributed\] the sentence attributes its claim to 'Arizona Republic' but does not cite Carranza2023tensions",
        ),
        # a number the source gives, but counting something else nearby
        (
            "Seven senators and five representatives made the trip {cite:p}`Carranza2023tensions`.",
            r"\[unsupported\] figure 'five'",
        ),
        (
            "Sinema visited Mexico City with 11 other U.S. lawmakers {cite:p}`Carranza2023tensions`.",
            r"\[unsupported\] figure '11'",
        ),
        # a count dated from a neighbouring sentence, when its own gives its date
        (
            "The 14,100 pounds of fentanyl were seized in 2023 {cite:p}`Carranza2023tensions`.",
            r"\[unsupported\] figure '2023'",
        ),
        # a dated statement cited to a source other than the one it follows
        (
            "López Obrador said in a speech in March 2023 that fentanyl is America's problem and "
            "that none of the drug is produced in his country {cite:p}`Carranza2023tensions`.",
            r"\[misattributed\] the sentence follows NBCNews2023plan.*cite NBCNews2023plan",
        ),
        # a figure only page furniture gives (a photo caption, a related headline)
        (
            "Migrants swam the Rio Grande in May 2023 {cite:p}`NYTimes2023ties`.",
            r"\[unsupported\] figure 'May 2023'",
        ),
        (
            "Officers seized 1 million suspected fentanyl pills in Arizona {cite:p}`Carranza2023tensions`.",
            r"\[unsupported\] figure '1 million'",
        ),
        # an unterminated quotation
        (
            "He called it a “step backward {cite:p}`NYTimes2023ties`.",
            r"\[unterminated\] quotation mark opens a quotation that never closes",
        ),
    ],
)
def test_mistake_fails_with_a_located_warning(build, sentence, expected):
    result = build(f"# Chapter\n\nSome context.\n{sentence}\n")
    assert result.status == 1
    lines = failures(result)
    assert any(re.search(expected, line) for line in lines), lines
    assert all(re.search(r"index\.md:4: WARNING", line) for line in lines), lines


def test_warning_shows_the_closest_passage(build):
    result = build(
        "# C\n\nThere were 32,224 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.\n"
    )
    (line,) = failures(result)
    assert "closest passage in NYTimes2023ties" in line
    assert "There were 32,223 killings in Mexico in 2022" in line


def test_relative_time_is_resolved_against_the_source_date(build):
    result = build("""\
        # C

        The White House said a delegation met on April 13, 2023 {cite:p}`NBCNews2023plan`.
        The U.S. Border Patrol apprehended roughly 200,000 migrants in September 2023 {cite:p}`NYTimes2023ties`.
        Fentanyl seizures rose over 500% between FY 2019 and FY 2022 {cite:p}`Wayne2023tougher`.
        Officers were on track to surpass the 14,100 pounds seized in 2022 {cite:p}`Carranza2023tensions`.
        Graham spoke on March 22 {cite:p}`Carranza2023tensions`.
        The Biden administration waived 26 federal laws in October 2023 {cite:p}`NYTimes2023ties`.
        Mexico urged an appeals court in the summer of 2023 to revive its lawsuit {cite:p}`NYTimes2023ties`.
        Felbab-Brown said the relationship hit a new level of crisis in March 2023 {cite:p}`Carranza2023tensions`.
        """)
    assert result.warning_lines == []


def test_relative_time_does_not_stretch_to_other_dates(build):
    result = build("""\
        # C

        The Biden administration waived 26 federal laws in November 2023 {cite:p}`NYTimes2023ties`.
        Mexico urged an appeals court in the summer of 2022 to revive its lawsuit {cite:p}`NYTimes2023ties`.
        """)
    assert len([line for line in failures(result) if "[unsupported]" in line]) == 2


def test_table_rows_and_list_items_carry_their_own_citation(build):
    result = build("""\
        # C

        | Figure | Source |
        |---|---|
        | 32,223 killings in Mexico in 2022 | {cite:p}`NYTimes2023ties` |
        | 51 consulates | |

        - 900 pounds of fentanyl {cite:p}`Carranza2023tensions`
        - 95% of the fentanyl
        """)
    lines = failures(result)
    assert len(lines) == 2, lines
    assert any("index.md:6:" in line and "'51'" in line for line in lines)
    assert any("index.md:9:" in line and "'95%'" in line for line in lines)


def test_admonitions_cards_and_captions_are_checked(build):
    result = build("""\
        # C

        :::{admonition} Key points
        - 33,000 killings {cite:p}`NYTimes2023ties`.
        :::

        ::::{grid} 1
        :::{grid-item-card} Seizures
        Eleven lawmakers visited Mexico City {cite:p}`Carranza2023tensions`.
        Twelve lawmakers visited Mexico City {cite:p}`Carranza2023tensions`.
        :::
        ::::
        """)
    lines = failures(result)
    assert len(lines) == 2, lines
    assert any("'33,000'" in line for line in lines)
    assert any("'Twelve'" in line for line in lines)


def test_handbook_own_figure_is_exempt_visible_and_reported(build):
    result = build(
        "# C\n\nThe handbook draws on {handbook-own}`five <counted from references.bib>` sources.\n"
    )
    assert result.warning_lines == []
    records = [
        json.loads(line) for line in (result.outdir / "output.json").read_text().splitlines()
    ]
    assert [(r["status"], r["text"]) for r in records] == [("own-figure", "five†")]
    assert "counted from references.bib" in records[0]["message"]


def test_handbook_own_figure_renders_its_reason(build):
    result = build(
        "# C\n\nIt draws on {handbook-own}`five <counted from references.bib>` sources.\n",
        builder="html",
    )
    page = (result.outdir / "index.html").read_text()
    snippet = page[page.find("fc-own") - 100 : page.find("fc-own") + 400]
    assert '<abbr title="not from a source: counted from references.bib">five</abbr>' in page, (
        snippet
    )
    assert "†" in page


def test_handbook_own_without_reason_is_an_error(build):
    result = build("# C\n\nIt draws on {handbook-own}`five` sources.\n")
    assert any("handbook-own needs a reason" in line for line in result.warning_lines)


def test_unknown_citation_key_is_named(build):
    result = build("# C\n\nThere were 32,223 killings in 2022 {cite:p}`Nobody2023missing`.\n")
    assert any(
        "index.md:3" in line and "Nobody2023missing" in line for line in result.warning_lines
    )
    assert result.status == 1


def test_footcite_is_a_citation(build):
    result = build("""\
        # C

        There were 32,223 killings in Mexico in 2022 {footcite:p}`NYTimes2023ties`.

        ```{footbibliography}
        ```
        """)
    assert failures(result) == []


CHART = """\
    # C

    :::{{verified-chart}} Homicide rates
    :alt: Bar chart of homicide rates.
    Mexico, 2022 | {value} | There were 32,223 killings in Mexico in 2022, a homicide rate of 25 per 100,000 people | NYTimes2023ties
    :::
    """


def test_verified_chart_is_drawn_with_alt_text(build):
    result = build(CHART.format(value="25"), builder="html")
    assert result.warning_lines == []
    page = (result.outdir / "index.html").read_text()
    assert re.search(
        r'<svg [^>]*role="img" aria-label="Bar chart of homicide rates\. Mexico, 2022: 25\."', page
    )


def test_chart_with_an_unverified_value_is_not_drawn(build):
    result = build(CHART.format(value="26"), builder="html")
    assert any(
        "chart 'Homicide rates', bar 'Mexico, 2022': the value 26 is not a verified figure" in line
        and "index.md:3" in line
        for line in result.warning_lines
    ), result.warning_lines
    assert "verified-chart" not in (result.outdir / "index.html").read_text()


def test_html_build_fails_on_a_wrong_figure_too(build):
    result = build(
        "# C\n\nThere were 32,224 killings in Mexico in 2022 {cite:p}`NYTimes2023ties`.\n",
        builder="html",
    )
    assert any(
        "index.md:3" in line and "[unsupported] figure '32,224'" in line
        for line in result.warning_lines
    )


def test_non_utf8_chapter_is_named_not_a_traceback(handbook_project):
    docs = handbook_project / "docs"
    (docs / "index.md").write_text("# C\n\n```{toctree}\nother\n```\n")
    (docs / "other.md").write_bytes("# Other\n\nLópez\n".encode("latin-1"))
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "docs", "docs/_build"],
        cwd=handbook_project,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert re.search(r"other\.md:3: ERROR: page is not UTF-8 \(byte 0xf3", result.stderr), (
        result.stderr
    )
