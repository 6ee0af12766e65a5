"""Downloads built with the HTML: the key figures and the bibliography.

Written into ``downloads/`` of the HTML output when the build finishes:

- ``key-figures.csv`` and ``key-figures.json``: one record per row of the
  key-figures tables, read from the table's cells (figure, what it measures,
  date as shown and as ISO 8601), with the fact check's finding for the
  figure (its status, the source passage it was verified against, the source
  key, the source's full citation and URL, the handbook permalink). A row the
  export cannot read (cells missing, no source cited) fails the build with a
  warning naming its line; a row is never dropped silently;
- ``references.bib`` (the bibliography as it is) and ``references.json``
  (CSL-JSON, for Zotero and other reference managers), with each entry's type
  taken from its BibTeX type, and an inferred date marked ``circa``.

The full citations are rendered from that CSL-JSON by citeproc-py, a CSL
processor, with a style of the official CSL repository vendored in
``csl/``: never a hand-written format, and never the bibliography's archival
notes.

The ``{downloads}`` directive lists them, with links that work from any page
(and, in the PDF, point at the published handbook).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import posixpath
import re
import shutil
import warnings
from pathlib import Path
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib.factcheck import claim_anchors, get_findings

try:  # conf.py puts docs/_ext on the path
    from bibstyle import date_is_inferred, date_parts, outlet, unbraced
except ImportError:  # pytest collects the doctests as docs._ext.exports
    from .bibstyle import date_is_inferred, date_parts, outlet, unbraced

logger = logging.getLogger(__name__)

FOLDER = "downloads"
FILES = (
    ("key-figures.csv", "Key figures (CSV)"),
    ("key-figures.json", "Key figures (JSON)"),
    ("references.bib", "Bibliography (BibTeX)"),
    ("references.json", "Bibliography (CSL-JSON)"),
)
KEY_FIGURE_FIELDS = (
    "figure",
    "measures",
    "date",
    "date_iso",
    "status",
    "passage",
    "source_key",
    "citation",
    "source_url",
    "permalink",
)
#: The columns of a key-figures table: figure, what it measures, date or period, source.
KEY_FIGURE_COLUMNS = 4
#: The status of a row whose figure the fact check found nothing to check in
#: (a number word such as "Millions"): exported, and said so.
NOT_CHECKED = "not checked"

#: The style of the citation strings: IEEE, from the official CSL repository
#: (see the comment atop the file for its source and licence). Chosen because
#: citeproc-py 0.11.1 renders every entry of the bibliography right with it:
#: with Chicago author-date, APA 7 or MLA 9 it prints the outlet (or the
#: title) twice for an article without author, since it does not suppress a
#: variable substituted through a macro (CSL 1.0.2, "Substitution"), and with
#: Chicago 18 a stray "Edition." too. The number IEEE puts first ("[1]")
#: labels a list, not a citation string, and is left out.
CSL_STYLE = Path(__file__).resolve().parent / "csl" / "ieee.csl"
#: BibTeX entry types as CSL types; an ``entrysubtype`` of ``newspaper``
#: (biblatex) makes an article or a misc a newspaper article.
CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "manual": "report",
    "misc": "document",
    "online": "webpage",
    "report": "report",
    "techreport": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
}
#: The months as the key-figures page writes them ("March 2023").
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
#: Where each CSL type keeps the outlet: the newspaper, or the institution.
CSL_OUTLET = {"report": "publisher", "book": "publisher", "thesis": "publisher"}


def bibliography_entries(env: Any) -> dict[str, Any]:
    """The bibliography's pybtex entries by key, as sphinxcontrib-bibtex parsed them."""
    return dict(env.get_domain("cite").bibdata.data.entries)


def plain(text: str) -> str:
    """BibTeX braces and TeX quotes removed.

    >>> plain("{U.S.} and {Mexico} ``Chapitos''")
    'U.S. and Mexico “Chapitos”'
    """
    return unbraced(text).replace("``", "“").replace("''", "”").replace("\\%", "%")


def csl_type(entry: Any) -> str:
    """The CSL type of a BibTeX entry, from its type (and biblatex's entrysubtype).

    >>> from pybtex.database import Entry
    >>> csl_type(Entry("misc", fields={"entrysubtype": "newspaper"}))
    'article-newspaper'
    >>> csl_type(Entry("techreport")), csl_type(Entry("misc")), csl_type(Entry("unheardof"))
    ('report', 'document', 'document')
    """
    if entry.fields.get("entrysubtype") == "newspaper" and entry.type in ("article", "misc"):
        return "article-newspaper"
    return CSL_TYPES.get(entry.type, "document")


def csl_json(key: str, entry: Any) -> dict[str, Any]:
    """One bibliography entry as CSL-JSON, its type and its date's precision kept.

    >>> from pybtex.database import Entry
    >>> record = csl_json("K2023x", Entry("misc", fields={
    ...     "title": "A {plan}", "howpublished": "{NBC News}", "entrysubtype": "newspaper",
    ...     "date": "2023-04-14", "note": "Date inferred, not printed: a Friday"}))
    >>> record["type"], record["container-title"], record["issued"]
    ('article-newspaper', 'NBC News', {'date-parts': [[2023, 4, 14]], 'circa': True})
    """
    fields = entry.fields
    kind = csl_type(entry)
    record: dict[str, Any] = {"id": key, "type": kind, "title": plain(fields.get("title", ""))}
    if outlet(fields):
        record[CSL_OUTLET.get(kind, "container-title")] = plain(outlet(fields))
    if kind == "report" and fields.get("type"):
        record["genre"] = plain(fields["type"])
    authors = entry.persons.get("author", [])
    if authors:
        record["author"] = [
            {
                "family": plain(" ".join(p.prelast_names + p.last_names)),
                "given": plain(" ".join(p.first_names + p.middle_names)),
            }
            for p in authors
        ]
    parts = date_parts(fields.get("date", fields.get("year", "")))
    if parts:
        record["issued"] = {"date-parts": [parts]}
        if date_is_inferred(fields):
            record["issued"]["circa"] = True
    if fields.get("url"):
        record["URL"] = fields["url"]
    if fields.get("note"):
        # The archival note stays in the data; the style does not print it.
        record["note"] = plain(fields["note"])
    return record


@functools.cache
def _citation_style() -> CitationStylesStyle:
    return CitationStylesStyle(str(CSL_STYLE), validate=False)  # slow to parse: once


def citation_strings(records: list[dict[str, Any]]) -> dict[str, str]:
    """The full citation of each CSL-JSON record, as citeproc-py renders it, by id."""
    strings = {}
    with warnings.catch_warnings():
        # citeproc-py warns of every CSL-JSON variable it does not use ("note").
        warnings.simplefilter("ignore", UserWarning)
        for record in records:
            bibliography = CitationStylesBibliography(
                _citation_style(), CiteProcJSON([record]), citeproc_formatter.plain
            )
            bibliography.register(Citation([CitationItem(record["id"])]))
            (text,) = bibliography.bibliography()
            strings[record["id"]] = re.sub(r"^\[1\]\s*", "", str(text))
    return strings


def iso_date(cell: str) -> str:
    """The date a key-figures date cell gives, in ISO 8601, or "" for a period.

    What is in brackets (the source's own words) and a leading "Given as" are
    left aside; what remains must be a date and nothing more.

    >>> iso_date("2022 (“last year” in the Times)"), iso_date("March 2023")
    ('2022', '2023-03')
    >>> iso_date("2023-04-14 (“On Friday”)"), iso_date("April 14, 2023")
    ('2023-04-14', '2023-04-14')
    >>> iso_date("Given as October 2020"), iso_date("Given as March 16")
    ('2020-10', '')
    >>> iso_date("Since 2019"), iso_date("FY 2019-22"), iso_date("Not given")
    ('', '', '')
    >>> iso_date("First week of the operation (the rollout was announced on 2023-03-22)")
    ''
    """
    text = re.sub(r"\s*\([^)]*\)", "", cell).strip().removeprefix("Given as ")
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return text
    month, day, year = r"(?P<month>[A-Z][a-z]+)", r"(?P<day>\d{1,2})", r"(?P<year>\d{4})"
    for pattern in (rf"{month} {year}", rf"{month} {day}, {year}"):
        match = re.fullmatch(pattern, text)
        if match and match["month"] in MONTHS:
            number = MONTHS.index(match["month"]) + 1
            day_part = f"-{int(match['day']):02d}" if "day" in match.groupdict() else ""
            return f"{match['year']}-{number:02d}{day_part}"
    return ""


def _cited_keys(node: nodes.Node) -> list[str]:
    """The bibliography keys a cell cites, in order."""
    keys = []
    for ref in node.findall(nodes.Element):
        if ref.get("refdomain") == "cite":
            keys += [key.strip() for key in ref.get("reftarget", "").split(",") if key.strip()]
    return keys


def key_figure_rows(app: Sphinx) -> list[dict[str, str]]:
    """One record per row of the key-figures page's tables, read from the table nodes."""
    docname = app.config.exports_key_figures_page
    if docname not in app.env.found_docs:
        return []
    findings = {f.anchor: f for f in get_findings(app.env, docname) if f.anchor}
    entries = bibliography_entries(app.env)
    citations = citation_strings([csl_json(k, e) for k, e in entries.items()])
    base = app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else ""
    page = base + app.builder.get_target_uri(docname)
    doctree = app.env.get_doctree(docname)
    records = []
    for table in doctree.findall(nodes.table):
        section = next((n for n in _ancestors(table) if isinstance(n, nodes.section)), None)
        section_anchor = section["ids"][0] if section is not None and section["ids"] else ""
        for index, row in enumerate(table.findall(nodes.row)):
            if isinstance(row.parent, nodes.thead):
                continue
            # A Markdown table has its header, a rule, then one row per line.
            line = (table.line or 0) + 1 + index
            record = key_figure_record(row, findings, entries, citations, page, section_anchor)
            if isinstance(record, str):
                logger.warning(
                    "key figure not exported: %s",
                    record,
                    location=(docname, line),
                    type="exports",
                    subtype="key_figures",
                )
                continue
            records.append(record)
    return records


def _ancestors(node: nodes.Node) -> Any:
    while node.parent is not None:
        node = node.parent
        yield node


def key_figure_record(
    row: nodes.row,
    findings: dict[str, Any],
    entries: dict[str, Any],
    citations: dict[str, str],
    page: str,
    section_anchor: str,
) -> dict[str, str] | str:
    """The record of one table row, or why there can be none."""
    cells = [entry for entry in row.children if isinstance(entry, nodes.entry)]
    texts = [" ".join(cell.astext().split()) for cell in cells]
    if len(cells) != KEY_FIGURE_COLUMNS:
        return (
            f"row {' | '.join(texts)!r} has {len(cells)} cells, not {KEY_FIGURE_COLUMNS} "
            "(figure, what it measures, date or period, source)"
        )
    keys = _cited_keys(cells[3])
    if not keys:
        return f"row {texts[0]!r} cites no source"
    figure_claims = [findings[a] for a in claim_anchors(cells[0]) if a in findings]
    row_claims = figure_claims + [findings[a] for a in claim_anchors(row) if a in findings]
    evidence = next((f.evidence for f in row_claims if f.evidence is not None), None)
    if figure_claims:
        statuses = {str(f.status) for f in figure_claims}
        status = statuses.pop() if len(statuses) == 1 else "; ".join(sorted(statuses))
    else:
        status = NOT_CHECKED
    key = evidence.key if evidence is not None else keys[0]
    entry = entries.get(key)
    anchor = figure_claims[0].anchor if figure_claims else section_anchor
    return {
        "figure": texts[0],
        "measures": texts[1],
        "date": texts[2],
        "date_iso": iso_date(texts[2]),
        "status": status,
        "passage": " ".join(evidence.passage.split()) if evidence is not None else "",
        "source_key": key,
        "citation": citations.get(key, key),
        "source_url": entry.fields.get("url", "") if entry is not None else "",
        "permalink": f"{page}#{anchor}" if anchor else page,
    }


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir, FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    rows = key_figure_rows(app)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=KEY_FIGURE_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "key-figures.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (folder / "key-figures.json").write_text(
        json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    entries = bibliography_entries(app.env)
    bibfile = Path(app.srcdir, app.config.bibtex_bibfiles[0])
    shutil.copyfile(bibfile, folder / "references.bib")
    (folder / "references.json").write_text(
        json.dumps([csl_json(k, e) for k, e in entries.items()], ensure_ascii=False, indent=2)
        + "\n",
        encoding="utf-8",
    )


class DownloadsDirective(SphinxDirective):
    """``{downloads}``: a list of the downloads, linked from this page."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list()
        base = self.config.html_baseurl.rstrip("/") + "/" if self.config.html_baseurl else ""
        for name, label in FILES:
            target = posixpath.relpath(
                f"{FOLDER}/{name}", posixpath.dirname(self.env.docname) or "."
            )
            node = nodes.reference(label, label, refuri=target, classes=["handbook-download"])
            node["online"] = f"{base}{FOLDER}/{name}"
            items += nodes.list_item("", nodes.paragraph("", "", node))
        return [items]


def absolute_download_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the PDF, link the downloads to the published handbook."""
    if app.builder.format == "html":
        return
    for node in doctree.findall(nodes.reference):
        if "handbook-download" in node.get("classes", ()) and node.get("online"):
            node["refuri"] = node["online"]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("exports_key_figures_page", "key-figures", "env", types=frozenset({str}))
    app.add_directive("downloads", DownloadsDirective)
    app.connect("doctree-resolved", absolute_download_links)
    app.connect("build-finished", write_downloads)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
