"""Cite this page: every HTML page ends with its citation, in an author–date
form and in BibTeX, each with a copy button, and carries in its ``<head>``
the metadata reference managers read from a web page.

The citation names the handbook's editors, the page title, the handbook's
title and version (from ``CITATION.cff``, through ``conf.py``), the date of
the last commit (``SOURCE_DATE_EPOCH``, which the Makefile sets from git, so
identical commits give identical pages) and the page's permanent address
under ``html_baseurl``.

The BibTeX entry is an ``incollection``: a part of a book, with the fields
BibTeX's standard styles, biblatex (biber) and pybtex all require of one, so
each renders it whole, the handbook's name included (a ``misc`` has no
``booktitle``, and renderers drop it); the home page's is the ``book``. The
handbook's editors are its authors, its editors and its publisher. Its values are TeX-escaped and its
titles brace-protected, so they print as written.

The metadata are Highwire Press ``citation_*`` tags (as Google Scholar and
Zotero read them): the page as a chapter (``citation_inbook_title``) of the
handbook, the home page as the handbook itself.

The author–date form is written here rather than by a CSL style: the
handbook's citation style (see ``exports.py``) has no place for a version.

The handbook's title, authors and version are read here, for ``conf.py``,
from ``CITATION.cff`` (:func:`read_metadata`): one place for them all.
"""

from __future__ import annotations

import datetime
import html
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: BibTeX's month macros, January first.
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
#: Characters TeX reads as commands, and how a field writes them to print them.
TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


class Metadata(NamedTuple):
    """The handbook's identity as ``CITATION.cff`` gives it, or what is wrong with it."""

    title: str
    author: str
    version: str
    #: ``(line, message)`` if the file cannot be read; the other fields are then stand-ins.
    problem: tuple[int, str] | None = None


def read_metadata(path: str | Path) -> Metadata:
    """The title, the authors and the version of a ``CITATION.cff``.

    >>> import tempfile, pathlib
    >>> cff = pathlib.Path(tempfile.mkdtemp()) / "CITATION.cff"
    >>> _ = cff.write_text('title: "A Handbook"\\nauthors:\\n  - name: The editors\\n'
    ...     '  - given-names: Jane\\n    family-names: Smith\\nversion: "1.2.0"\\n')
    >>> read_metadata(cff)
    Metadata(title='A Handbook', author='The editors, Jane Smith', version='1.2.0', problem=None)
    >>> _ = cff.write_text('title: [unclosed\\n')
    >>> read_metadata(cff).problem
    (2, "cannot read the handbook's title, authors and version: expected ',' or ']', but got '<stream end>'")
    """
    stand_in = Metadata("Untitled handbook", "Unknown", "0")
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        return Metadata(
            str(data["title"]),
            ", ".join(
                person.get("name") or f"{person['given-names']} {person['family-names']}"
                for person in data["authors"]
            ),
            str(data["version"]),
        )
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        reason = error.problem or str(error)
    except OSError as error:
        line, reason = 1, error.strerror or str(error)
    except (KeyError, TypeError, AttributeError) as error:
        line, reason = 1, f"no {error} field" if isinstance(error, KeyError) else "not a mapping"
    return stand_in._replace(
        problem=(line, f"cannot read the handbook's title, authors and version: {reason}")
    )


def report_metadata(app: Sphinx, config: Any) -> None:
    """``config-inited``: an unreadable ``CITATION.cff`` is one error at its line."""
    path = config.citing_metadata_file
    problem = read_metadata(path).problem if path else None
    if problem is not None:
        line, message = problem
        logger.error(message, location=f"{path}:{line}", type="citing", subtype="metadata")
        app.connect("build-finished", _fail)


def _fail(app: Sphinx, exception: Exception | None) -> None:
    app.statuscode = 1  # -W or not: a build without the handbook's identity is no pass


def citation_date() -> datetime.date:
    """The date of the last commit, or of the Unix epoch if none is known."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return datetime.datetime.fromtimestamp(epoch, datetime.UTC).date()


def bibtex_key(pagename: str, year: int) -> str:
    """A BibTeX key for a page, AuthorYYYYword style.

    >>> bibtex_key("chapters/supply-chain", 2026)
    'Handbook2026supplychain'
    """
    word = re.sub(r"[^a-z0-9]", "", pagename.rsplit("/", 1)[-1].lower()) or "index"
    return f"Handbook{year}{word}"


def tex_escape(text: str) -> str:
    """Text as a BibTeX field value that prints as written.

    >>> print(tex_escape("Guns & 50% of {it} #1, C:\\\\ ~me_"))
    Guns \\& 50\\% of \\{it\\} \\#1, C:\\textbackslash{} \\textasciitilde{}me\\_
    """
    return "".join(TEX_SPECIALS.get(char, char) for char in text)


def protected(text: str) -> str:
    """A field value braced whole inside its delimiting braces, so that no
    style changes its case or splits it into names.

    >>> print(protected("Mexico's view"))
    {{Mexico's view}}
    """
    return "{{" + tex_escape(text) + "}}"


def page_url(app: Sphinx, pagename: str) -> str:
    """The page's permanent address under ``html_baseurl``."""
    target = app.builder.get_target_uri(pagename)
    base = app.config.html_baseurl
    return base.rstrip("/") + "/" + target if base else target


def page_citation(app: Sphinx, pagename: str, title: str) -> tuple[str, str]:
    """The plain author–date citation and the BibTeX entry of one page; of the
    home page, those of the handbook (a ``book``)."""
    config = app.config
    date = citation_date()
    url = page_url(app, pagename)
    whole = pagename == config.root_doc
    if whole:
        plain = f"{config.author} ({date.year}). {config.project}, version {config.version}. {url}"
        kind, part = "book", [("title", protected(config.project))]
    else:
        plain = (
            f"{config.author} ({date.year}). “{title}.” In {config.project}, "
            f"version {config.version}. {url}"
        )
        kind = "incollection"
        part = [
            ("editor", protected(config.author)),
            ("title", protected(title)),
            ("booktitle", protected(config.project)),
        ]
    fields = [
        ("author", protected(config.author)),
        *part,
        ("publisher", protected(config.author)),
        ("year", f"{{{date.year}}}"),
        ("month", MONTHS[date.month - 1]),
        ("date", f"{{{date.isoformat()}}}"),
        ("note", f"{{Version {tex_escape(config.version)}}}"),
        ("url", f"{{{url}}}"),
    ]
    lines = [f"@{kind}{{{bibtex_key(pagename, date.year)},"]
    lines += [f"  {name:<12} = {value}," for name, value in fields]
    return plain, "\n".join([*lines, "}"])


def highwire_tags(app: Sphinx, pagename: str, title: str) -> str:
    """The ``citation_*`` meta tags of one page (the home page: of the handbook)."""
    config = app.config
    date = citation_date()
    tags = [("citation_title", title)]
    tags += [("citation_author", name.strip()) for name in config.author.split(",")]
    tags += [
        ("citation_publication_date", f"{date:%Y/%m/%d}"),
        ("citation_publisher", config.author),
        ("citation_public_url", page_url(app, pagename)),
        ("citation_language", config.language or "en"),
    ]
    if pagename != config.root_doc:
        tags.append(("citation_inbook_title", config.project))
    return "".join(
        f'\n    <meta name="{name}" content="{html.escape(value, quote=True)}" />'
        for name, value in tags
    )


def add_citation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or "body" not in context:
        return
    title = re.sub(r"<[^>]+>", "", context.get("title", "")) or app.config.project
    title = app.config.project if pagename == app.config.root_doc else html.unescape(title)
    plain, bibtex = page_citation(app, pagename, title)
    context["metatags"] = context.get("metatags", "") + highwire_tags(app, pagename, title)
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
    # The handbook's metadata file (conf.py reads its identity with read_metadata).
    app.add_config_value("citing_metadata_file", "", "env", types=frozenset({str}))
    app.connect("config-inited", report_metadata)
    app.connect("html-page-context", add_citation)
    app.add_js_file("handbook.js")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
