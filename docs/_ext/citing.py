"""Cite this page: every HTML page ends with its citation, in an author–date
form and in BibTeX, each with a copy button.

The citation names the handbook's editors, the page title, the handbook's
title and version, the year of the last commit (``SOURCE_DATE_EPOCH``, which
the Makefile sets from git, so identical commits give identical pages) and
the page's permanent address under ``html_baseurl``.
"""

from __future__ import annotations

import datetime
import html
import os
import re
from typing import Any

from sphinx.application import Sphinx


def citation_year() -> int:
    """The year of the last commit, or of the Unix epoch if none is known."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return datetime.datetime.fromtimestamp(epoch, datetime.UTC).year


def bibtex_key(pagename: str, year: int) -> str:
    """A BibTeX key for a page, AuthorYYYYword style.

    >>> bibtex_key("chapters/supply-chain", 2026)
    'Handbook2026supplychain'
    """
    word = re.sub(r"[^a-z0-9]", "", pagename.rsplit("/", 1)[-1].lower()) or "index"
    return f"Handbook{year}{word}"


def page_citation(app: Sphinx, pagename: str, title: str) -> tuple[str, str]:
    """The plain author–date citation and the BibTeX entry of one page."""
    config = app.config
    year = citation_year()
    url = (
        config.html_baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
        if config.html_baseurl
        else app.builder.get_target_uri(pagename)
    )
    plain = (
        f"{config.author} ({year}). “{title}.” In {config.html_title}, "
        f"version {config.version}. {url}"
    )
    bibtex = (
        f"@misc{{{bibtex_key(pagename, year)},\n"
        f"  author       = {{{{{config.author}}}}},\n"
        f"  title        = {{{title}}},\n"
        f"  booktitle    = {{{config.html_title}}},\n"
        f"  year         = {{{year}}},\n"
        f"  version      = {{{config.version}}},\n"
        f"  url          = {{{url}}},\n"
        f"}}"
    )
    return plain, bibtex


def add_citation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or "body" not in context:
        return
    title = re.sub(r"<[^>]+>", "", context.get("title", "")) or app.config.project
    plain, bibtex = page_citation(app, pagename, html.unescape(title))
    slug = re.sub(r"[^a-z0-9]+", "-", pagename.lower())
    context["body"] += f"""
<aside class="cite-this-page" aria-labelledby="cite-{slug}">
<p class="cite-this-page-title" id="cite-{slug}"><strong>Cite this page</strong></p>
<p><span id="cite-{slug}-plain">{html.escape(plain)}</span>
<button type="button" class="copy-citation" data-copy="cite-{slug}-plain">Copy citation</button></p>
<pre id="cite-{slug}-bibtex">{html.escape(bibtex)}</pre>
<button type="button" class="copy-citation" data-copy="cite-{slug}-bibtex">Copy BibTeX</button>
</aside>
"""


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", add_citation)
    app.add_js_file("handbook.js")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
