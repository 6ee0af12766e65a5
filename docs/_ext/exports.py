"""Downloads built with the HTML: the key figures and the bibliography.

Written into ``downloads/`` of the HTML output when the build finishes:

- ``key-figures.csv`` and ``key-figures.json``: one record per row of the
  key-figures table (figure, what it measures, date, the source passage, source
  key, full citation, source URL, handbook permalink), taken from the fact
  check's verified findings, so no unverified figure can be exported;
- ``references.bib`` (the bibliography as it is) and ``references.json``
  (CSL-JSON, for Zotero and other reference managers).

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
from pathlib import Path
from typing import Any

from docutils import nodes
from pybtex.plugin import find_plugin
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib.factcheck import get_findings


def bibliography_entries(env: Any) -> dict[str, Any]:
    """The bibliography's pybtex entries by key, as sphinxcontrib-bibtex parsed them."""
    return dict(env.get_domain("cite").bibdata.data.entries)


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
    "passage",
    "source_key",
    "citation",
    "source_url",
    "permalink",
)


def plain(text: str) -> str:
    """BibTeX braces and TeX quotes removed.

    >>> plain("{U.S.} and {Mexico} ``Chapitos''")
    'U.S. and Mexico “Chapitos”'
    """
    return re.sub(r"[{}]", "", text).replace("``", "“").replace("''", "”")


@functools.cache
def _style() -> Any:
    return find_plugin("pybtex.style.formatting", "handbook")()  # slow to make: made once


def full_citation(entry: Any) -> str:
    """The bibliography's own rendering of an entry, as plain text."""
    return _style().format_entry("", entry).text.render_as("text")


def csl_json(key: str, entry: Any) -> dict[str, Any]:
    """One bibliography entry as CSL-JSON."""
    fields = entry.fields
    record: dict[str, Any] = {
        "id": key,
        "type": "article-newspaper"
        if "News" in fields.get("organization", "")
        or "Times" in fields.get("organization", "")
        or "Republic" in fields.get("organization", "")
        else "webpage",
        "title": plain(fields.get("title", "")),
        "container-title": plain(fields.get("organization", "")),
        "note": plain(fields.get("note", "")),
    }
    authors = entry.persons.get("author", [])
    if authors:
        record["author"] = [
            {"family": " ".join(p.last_names), "given": " ".join(p.first_names + p.middle_names)}
            for p in authors
        ]
    date = fields.get("date", fields.get("year", ""))
    if date:
        record["issued"] = {"date-parts": [[int(part) for part in date.split("-")]]}
    if fields.get("url"):
        record["URL"] = fields["url"]
    return record


def key_figure_rows(app: Sphinx) -> list[dict[str, str]]:
    """The rows of the key-figures page, from the fact check's verified findings."""
    findings = get_findings(app.env, app.config.exports_key_figures_page)
    entries = bibliography_entries(app.env)
    base = app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else ""
    page = app.builder.get_target_uri(app.config.exports_key_figures_page)
    rows: dict[tuple[int, str], dict[str, str]] = {}
    citations: dict[str, str] = {}  # formatting an entry is slow: once per source
    for finding in findings:
        if (
            str(finding.status) != "verified"
            or finding.evidence is None
            or finding.kind != "figure"
        ):
            continue
        row = (finding.line, finding.sentence)
        if row in rows:
            continue
        cells = [cell.strip() for cell in finding.sentence.split(" | ")]
        key = finding.evidence.key
        entry = entries.get(key)
        if key not in citations:
            citations[key] = full_citation(entry) if entry is not None else key
        rows[row] = {
            "figure": cells[0],
            "measures": cells[1] if len(cells) > 2 else "",
            "date": cells[2] if len(cells) > 3 else "",
            "passage": " ".join(finding.evidence.passage.split()),
            "source_key": key,
            "citation": citations[key],
            "source_url": entry.fields.get("url", "") if entry is not None else "",
            "permalink": f"{base}{page}#{finding.anchor}" if finding.anchor else f"{base}{page}",
        }
    return list(rows.values())


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
