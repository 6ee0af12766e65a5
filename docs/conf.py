"""Sphinx configuration for the handbook.

Every exception to a strict build is written down here with its reason.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# The handbook's own Sphinx extensions (bibliography style, downloads, page
# citations, accessibility fixes) live in docs/_ext. The fact check is the
# package sphinxcontrib-factcheck (src/), installed into .venv by the Makefile.
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project -----------------------------------------------------------------
project = "US–Mexico Cooperation Against Fentanyl and Firearms Trafficking"
author = "The handbook's editors"
copyright = "2026, the handbook's editors (text CC BY 4.0)"
release = version = "0.1"
language = "en"

# -- Extensions --------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "bibstyle",  # before sphinxcontrib.bibtex, which looks its styles up
    "sphinxcontrib.bibtex",
    "sphinx.ext.doctest",
    "sphinxcontrib.factcheck",
    "exports",  # downloads: key figures (CSV, JSON), bibliography (BibTeX, CSL-JSON)
    "citing",  # "Cite this page" on every HTML page
    "accessible_html",  # toctree captions and bibliographies that pass axe-core
    "search",  # search that ignores accents (Guzman finds Guzmán)
    "sphinx_last_updated_by_git",  # "Last updated" on each page, from its last commit
]

# Strict: unresolved references are errors (Makefile passes -W --keep-going -n).
nitpicky = True
# _generated holds the charts drawn at build time from verified figures.
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]
root_doc = "index"

# -- MyST --------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline", "attrs_block"]
# Stable, human-readable anchors for every heading down to level 3, so a memo
# can link to a section (#the-supply-chain).
myst_heading_anchors = 3

# -- Bibliography (sphinxcontrib-bibtex) -------------------------------------
bibtex_bibfiles = ["../references.bib"]
bibtex_default_style = "handbook"
bibtex_reference_style = "author_year_outlet"
bibtex_encoding = "utf-8"

# -- Fact check (sphinxcontrib-factcheck) ------------------------------------
# The archive of source texts and its manifest of SHA-256 hashes; the paths in
# the bibliography's `file` fields are relative to the bibliography.
factcheck_manifest = "../sources/SHA256SUMS"
# A figure that is the handbook's own is marked {handbook-own}`figure <reason>`.
factcheck_own_role = "handbook-own"
# The appendix that lists every source passage a verified claim relies on;
# in HTML every verified figure and quotation links to its passage there.
factcheck_evidence_page = "evidence"
# Pages the fact check skips (patterns of document names), each with its reason:
factcheck_skip_pages = [
    "changelog",  # the handbook's own history: versions and dates, no claim about the world
]

# -- HTML --------------------------------------------------------------------
html_theme = "furo"
html_title = "Fentanyl and Firearms: A US–Mexico Handbook"
# Where the handbook is published (the Read the Docs project); permalinks,
# page citations and exported figures use it. Read the Docs sets its own.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://fentanyl-firearms-handbook.readthedocs.io/en/latest/"
)
html_static_path = ["_static"]
html_css_files = ["handbook.css"]
html_favicon = "_static/favicon.svg"
# Each page's date is that of the last commit touching it (and what it includes),
# never the build time: identical commits give identical pages.
html_last_updated_fmt = "%Y-%m-%d"
git_last_updated_timezone = "UTC"
html_show_sphinx = False

# -- LaTeX / PDF -------------------------------------------------------------
latex_engine = "xelatex"
latex_use_xindy = False  # xindy is not among the Debian packages we install
latex_documents = [
    (root_doc, "handbook.tex", project, author, "manual"),
]
latex_elements = {
    "papersize": "letterpaper",
    "pointsize": "11pt",
    # FreeFont (fonts-freefont-otf) covers the accented names (López Obrador).
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
""",
    # Long URLs in the bibliography wrap instead of running off the page.
    # sphinx-design cards reach LaTeX as plain containers; Sphinx's
    # sphinxuseclass hook gives each card some space and a bold title.
    "preamble": r"""
\usepackage{xurl}
\setlength{\headheight}{14pt}
\newenvironment{sphinxclasssd-card}{\par\medskip}{\par\medskip}
\newenvironment{sphinxclasssd-card-title}{\par\noindent\bfseries\ignorespaces}{\par}
""",
}
latex_show_urls = "footnote"
