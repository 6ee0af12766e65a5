"""Incremental builds report exactly what a clean build reports.

For each edit a contributor makes to what the check rests on (a source's date,
attribution or file, a page gaining or losing a claim, the manifest, an
archived text, a new source), the project is built, edited and built again in
place, and compared with a clean build of the edited project: the same
findings, the same warnings, the same written pages. The edits that concern
one source re-read only the pages that rest on it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinxcontrib.factcheck import get_findings
from tests.conftest import BuildResult, RootProject, calls_by_page

HERALD = (
    "Officials from both governments, meeting in Nogales at the border crossing, "
    "signed the accord on March 3, 2024.\n"
)


def rehash(project: RootProject) -> None:
    """Write the manifest anew from the archived texts."""
    folder = project.file("sources")
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n"
        for path in sorted(folder.glob("*.txt"))
    ]
    project.write("sources/SHA256SUMS", "".join(lines))


def change_date(p: RootProject) -> None:
    p.replace("refs.bib", "date         = {2024-03-15}", "date         = {2024-03-22}")


def change_attribution(p: RootProject) -> None:
    p.replace("refs.bib", "{the Gazette; Smith}", "{the Gazette; Smith; the Courier}")


def change_file(p: RootProject) -> None:
    p.replace("refs.bib", "{sources/gazette-2024-03-15.txt}", "{sources/courier-2024-05-trade.txt}")


def gain_claim(p: RootProject) -> None:
    text = p.file("seizures.md").read_text()
    p.write(
        "seizures.md",
        text + "\nNearly 1,500 people were arrested in 2023 {cite:p}`Smith2024seizures`.\n",
    )


def lose_claim(p: RootProject) -> None:
    text = p.file("seizures.md").read_text()
    p.write("seizures.md", "\n".join(line for line in text.splitlines() if "flow ends" not in line))


def break_manifest(p: RootProject) -> None:
    text = p.file("sources/SHA256SUMS").read_text()
    p.write(
        "sources/SHA256SUMS",
        re.sub(r"^\w", "0", text.splitlines()[1]) + "\n" + text.splitlines()[0] + "\n",
    )


def replace_text(p: RootProject) -> None:
    p.replace("sources/courier-2024-05-trade.txt", "$2 billion", "$3 billion")
    rehash(p)


def uncited_source_gains_words(p: RootProject) -> None:
    # The Courier now says what a seizures sentence cited to Smith says, far better.
    text = p.file("sources/courier-2024-05-trade.txt").read_text()
    p.write(
        "sources/courier-2024-05-trade.txt",
        text + "The mayor and officials discussed the inspection of northbound cargo trucks.\n",
    )
    rehash(p)


def add_source(p: RootProject) -> None:
    p.write("sources/herald-2024-03-04.txt", HERALD)
    rehash(p)
    text = p.file("refs.bib").read_text()
    p.write(
        "refs.bib",
        text
        + "\n@misc{Herald2024accord,\n  title = {Accord signed},\n  organization = {{The Herald}},"
        + "\n  year = {2024},\n  date = {2024-03-04},\n  file = {sources/herald-2024-03-04.txt},\n}\n",
    )


#: The page that holds the bibliography: sphinxcontrib-bibtex re-reads it
#: whenever the .bib file changes.
BIBLIOGRAPHY = "index"

EDITS: dict[str, tuple[Callable[[RootProject], None], set[str]]] = {
    # edit: (what it does, the pages it must re-read)
    "a source's date": (change_date, {BIBLIOGRAPHY, "seizures"}),
    "a source's attribution": (change_attribution, {BIBLIOGRAPHY, "seizures", "trade"}),
    # the accord page's dated sentence could now follow the source's new text
    "a source's file": (change_file, {BIBLIOGRAPHY, "seizures", "accord"}),
    "a page gaining a claim": (gain_claim, {"seizures"}),
    "a page losing a claim": (lose_claim, {"seizures"}),
    "the manifest": (break_manifest, {"trade", "accord"}),
    "an archived text": (replace_text, {"trade", "accord"}),
    "a new source": (add_source, {BIBLIOGRAPHY, "accord"}),
    # the seizures page's poorly supported sentence could now follow the Courier
    "an uncited source gaining a page's words": (
        uncited_source_gains_words,
        {"trade", "accord", "seizures"},
    ),
}


def normalized(result: BuildResult, root: Path) -> list[str]:
    return sorted(line.replace(str(root), "<root>") for line in result.warning_lines)


def pages(outdir: Path, root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8").replace(str(root), "<root>")
        for path in sorted(outdir.rglob("*.html"))
    }


@pytest.mark.parametrize("edit", EDITS)
def test_an_incremental_build_equals_a_clean_one(edit: str, project: Callable[..., RootProject]):
    change, expected = EDITS[edit]
    incremental = project("incremental", target="incremental")
    first = incremental.build()
    assert first.warning_lines == [] and first.status == 0
    change(incremental)
    again = incremental.build()

    clean = project("incremental", target="clean")
    change(clean)
    fresh = clean.build(fresh=True)

    assert get_findings(again.app.env) == get_findings(fresh.app.env)
    assert normalized(again, incremental.path) == normalized(fresh, clean.path)
    assert pages(again.outdir, incremental.path) == pages(fresh.outdir, clean.path)
    assert again.status == fresh.status
    # The pages that rest on what changed were read again, and no others.
    assert again.read_documents == expected, again.read_documents


def test_every_edit_changes_what_the_check_reports(project: Callable[..., RootProject]):
    """The edits above are not idle: each changes the findings or the pages."""
    base = project("incremental", target="base")
    before = base.build()
    for edit, (change, _) in EDITS.items():
        edited = project("incremental", target=re.sub(r"\W+", "-", edit))
        change(edited)
        after = edited.build()
        assert (get_findings(after.app.env), pages(after.outdir, edited.path)) != (
            get_findings(before.app.env),
            pages(before.outdir, base.path),
        ), edit


def test_a_failure_is_reported_by_every_build_not_only_the_first(project):
    p = project("myst")
    p.replace("index.md", "4,200 pounds", "4,300 pounds")
    first = p.build()
    second = p.build()
    failures = [line for line in first.warning_lines if "[unsupported]" in line]
    again = [line for line in second.warning_lines if "[unsupported]" in line]
    assert failures and again == failures
    assert first.status == second.status == 1


def test_the_evidence_page_follows_a_new_claim(project):
    p = project("incremental")
    p.build()
    gain_claim(p)
    result = p.build()
    assert result.read_documents == {"seizures"}
    assert "Nearly 1,500" in (result.outdir / "evidence.html").read_text()


@pytest.mark.parametrize("edit", EDITS)
def test_a_clean_build_with_stored_findings_equals_one_without(
    edit: str, project: Callable[..., RootProject]
):
    """After each edit, a clean build (``-E``) that finds the findings stored by the
    build before the edit reports exactly what one with an empty cache reports."""
    change, _ = EDITS[edit]
    stored = project("incremental", target="stored")
    stored.build()
    change(stored)
    warm = stored.build(fresh=True)

    empty = project("incremental", target="empty")
    change(empty)
    cold = empty.build(fresh=True, factcheck_cache_dir=str(empty.path / "no-cache-yet"))

    assert get_findings(warm.app.env) == get_findings(cold.app.env)
    assert normalized(warm, stored.path) == normalized(cold, empty.path)
    assert pages(warm.outdir, stored.path) == pages(cold.outdir, empty.path)
    assert warm.status == cold.status


def test_a_page_whose_inputs_are_unchanged_is_not_checked_again(project, monkeypatch):
    from sphinxcontrib.factcheck import document

    checked = calls_by_page(monkeypatch, document, "check_sentence")
    # Every page checked in this process, where the calls can be counted.
    here = {"factcheck_background": False}
    p = project("incremental")
    first = p.build(**here)
    assert {"seizures", "trade", "accord"} <= set(checked)
    checked.clear()
    again = p.build(fresh=True, **here)
    assert checked == []  # every page read again, none checked again
    assert get_findings(again.app.env) == get_findings(first.app.env)
    assert pages(again.outdir, p.path) == pages(first.outdir, p.path)
    # A page's findings are stored under its inputs: one edited page is checked again.
    gain_claim(p)
    p.build(fresh=True, **here)
    assert set(checked) == {"seizures"}
    # Another cache folder holds nothing yet: every page is checked.
    checked.clear()
    p.build(fresh=True, factcheck_cache_dir=str(p.path / "elsewhere"), **here)
    assert {"seizures", "trade", "accord"} <= set(checked)
