"""Sphinx configuration for the handbook.

Every exception to a strict build is written down here with its reason.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pybtex.database
from pybtex.exceptions import PybtexError
from sphinx.util import texescape
from sphinx.util.i18n import format_date

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# The handbook's own Sphinx extensions (bibliography style, downloads, page
# citations, accessibility fixes) live in docs/_ext. The fact check is the
# package sphinxcontrib-factcheck (src/), installed into .venv by the Makefile.
sys.path.insert(0, str(DOCS / "_ext"))

from citing import read_metadata  # noqa: E402  (docs/_ext is on the path from here)

# -- Project -----------------------------------------------------------------
# One title, one author and one version for the HTML, the PDF, the page
# citations and the downloads: the handbook's metadata, CITATION.cff at the
# root of the repository (which GitHub and reference managers read too). An
# unreadable file is one error at its file and line, and fails the build.
citing_metadata_file = str(ROOT / "CITATION.cff")
HANDBOOK = read_metadata(citing_metadata_file)
project, author, release = HANDBOOK.title, HANDBOOK.author, HANDBOOK.version
version = release
copyright = "2026, the handbook's editors (text CC BY 4.0)"
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
# myst-parser logs its whole configuration ("myst v5.2.0: MdParserConfig(...)")
# at INFO level on every build (myst_parser.sphinx_ext.main.create_myst_config);
# it is shown only with -v (see setup() at the end), like Sphinx's own details.
MYST_LOGGER = "sphinx.myst_parser.sphinx_ext.main"

# -- Bibliography (sphinxcontrib-bibtex) -------------------------------------
bibtex_bibfiles = ["../references.bib"]
bibtex_default_style = "handbook"
bibtex_reference_style = "author_year_outlet"
bibtex_encoding = "utf-8"

# -- Fact check (sphinxcontrib-factcheck) ------------------------------------
# The archive of source texts and its manifest of SHA-256 hashes; the paths in
# the bibliography's `file` fields are relative to the bibliography.
factcheck_manifest = "../sources/SHA256SUMS"
# A figure that is the handbook's own is marked {handbook-own}`figure <reason>`; a
# sentence in which the handbook speaks for itself about its sources ("The sources do
# not say ...") carries {handbook-statement}`reason`.
factcheck_own_role = "handbook-own"
factcheck_own_statement_role = "handbook-statement"
# The appendix that lists every source passage a verified claim relies on;
# in HTML every verified figure and quotation links to its passage there.
factcheck_evidence_page = "evidence"
# Source indexes and each page's findings, kept between builds in one folder that
# `make html`, `make pdf` and `make check` share: a page none of whose inputs
# changed is not checked again by the next of them (`make clean` removes it).
factcheck_cache_dir = "_build/factcheck-cache"
# Pages the fact check skips (patterns of document names), each with its reason:
factcheck_skip_pages = [
    "changelog",  # the handbook's own history: versions and dates, no claim about the world
    "factcheck",  # the extension's reference: its defaults and examples, no claim about the world
]

# -- HTML --------------------------------------------------------------------
html_theme = "furo"
html_title = project
# Where the handbook is published (the Read the Docs project); permalinks,
# page citations and exported figures use it. Read the Docs sets its own.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://fentanyl-firearms-handbook.readthedocs.io/en/latest/"
)
html_static_path = ["_static"]
# Sphinx writes the default priority (800) of a project's style sheet into this
# very list while building (StandaloneHTMLBuilder.init_css_files), so the copy
# pickled with the environment differed from conf.py's and every incremental
# build said "The configuration has changed ('html_css_files')"; stating the
# default here leaves nothing to write.
html_css_files = [("handbook.css", {"priority": 800})]
html_favicon = "_static/favicon.svg"
# Each page's date is that of the last commit touching it (and what it includes),
# never the build time: identical commits give identical pages.
html_last_updated_fmt = "%Y-%m-%d"
git_last_updated_timezone = "UTC"
html_show_sphinx = False

# -- Link check (make linkcheck) ---------------------------------------------
# The downloads (key figures, bibliography) are written into the HTML output by
# the exports extension; there is no such file among the sources to check.
linkcheck_ignore = [r"^downloads/"]
# Offline or behind a firewall, a link fails in seconds rather than minutes.
linkcheck_timeout = 10

# -- LaTeX / PDF -------------------------------------------------------------
# The PDF is a report to print and file: a title page that says what it is, how
# current it is and where it lives online; "Contents"; the chapters, then the
# reference pages as appendices (a raw `\appendix` in index.md, which the HTML
# ignores); print wording where a page speaks of the screen ({only} latex).


def sources_period(dates: list[str]) -> str:
    """The period that the sources' ISO 8601 dates span, as a title page gives it.

    Each date counts at the precision it has: a date known only to its year
    widens the period only if that year lies outside it. A date that is not
    ISO 8601 is left to the fact check, which reports it with its line.

    >>> sources_period(["2023-03-28", "2023-10", "2023", "2023-04"])
    'March–October 2023'
    >>> sources_period(["2023-10-02", "2024-02"])
    'October 2023 – February 2024'
    >>> sources_period(["2023-04", "2023-04-14"])
    'April 2023'
    >>> sources_period(["2023-05", "2021"])
    '2021 – May 2023'
    >>> sources_period(["2023", "2021"]), sources_period(["2023"]), sources_period(["n.d."])
    ('2021–2023', '2023', '')
    """
    parsed = [re.match(r"(\d{4})(?:-(\d{2}))?", date) for date in dates]
    known = [(int(m[1]), int(m[2]) if m[2] else None) for m in parsed if m]
    if not known:
        return ""
    years = [year for year, _ in known]
    months = sorted((year, month) for year, month in known if month)
    start = months[0] if months and months[0][0] == min(years) else (min(years), None)
    end = months[-1] if months and months[-1][0] == max(years) else (max(years), None)

    def name(year: int, month: int | None, with_year: bool = True) -> str:
        if month is None:
            return str(year)
        month_name = format_date("%B", date=datetime(year, month, 1), language=language)
        return f"{month_name} {year}" if with_year else month_name

    if start == end:
        return name(*start)
    if start[0] == end[0] and start[1] and end[1]:  # March–October 2023
        return f"{name(*start, with_year=False)}–{name(*end)}"
    if start[1] is None and end[1] is None:  # 2021–2023
        return f"{start[0]}–{end[0]}"
    return f"{name(*start)} – {name(*end)}"  # October 2023 – February 2024


def source_dates(bibfiles: list[str]) -> list[str]:
    """The `date` field of every entry of the bibliography, read with pybtex as
    sphinxcontrib-bibtex reads it; nothing from a file pybtex cannot read (the
    fact check reports what is wrong with it, at its line)."""
    dates = []
    for name in bibfiles:
        try:
            bibliography = pybtex.database.parse_file(DOCS / name, encoding=bibtex_encoding)
        except (PybtexError, OSError, UnicodeError):
            continue
        dates += [e.fields["date"] for e in bibliography.entries.values() if "date" in e.fields]
    return dates


def last_change() -> datetime | None:
    """When the handbook last changed: its last commit, which the Makefile and
    the tests export as SOURCE_DATE_EPOCH; asked of git where no one did (Read
    the Docs runs sphinx-build itself); None outside a repository."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        try:
            git = ["git", "log", "-1", "--format=%ct"]
            epoch = subprocess.run(git, cwd=ROOT, capture_output=True, text=True).stdout.strip()
        except OSError:  # no git
            pass
    return datetime.fromtimestamp(float(epoch), tz=UTC) if epoch else None


def tex_url(url: str) -> str:
    r"""``url`` for ``\url{}`` inside a macro, where ``%`` and ``#`` need a backslash."""
    return url.replace("%", r"\%").replace("#", r"\#")


def tex(text: str) -> str:
    """``text`` escaped for LaTeX, as Sphinx escapes titles."""
    texescape.init()  # idempotent; Sphinx's LaTeX builder calls it too, later
    return texescape.escape(text, latex_engine)


latex_engine = "xelatex"
latex_use_xindy = False  # xindy is not among the Debian packages we install
latex_documents = [
    (root_doc, "handbook.tex", project, author, "manual"),
]
_changed, _period = last_change(), sources_period(source_dates(bibtex_bibfiles))
# What the title page states under the title, a line each.
_title_page_facts = [
    f"Version {release}",
    f"Last changed {format_date('%B %-d, %Y', date=_changed, language=language)}"
    if _changed
    else "",
    f"Sources dated {_period}" if _period else "",
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
    # The running header says "Version 0.1", as the title page does.
    "releasename": "Version",
    # The title page (\handbooktitlepage, below); index.md's opening paragraph
    # follows on its back, then \handbookcontents, placed there by index.md.
    "maketitle": r"\handbooktitlepage",
    "tableofcontents": "",
    "preamble": r"""
% Long URLs in the bibliography wrap instead of running off the page.
\usepackage{xurl}
\setlength{\headheight}{14pt}
% sphinx-design cards reach LaTeX as plain containers; Sphinx's sphinxuseclass
% hook gives each card some space and a bold title.
\newenvironment{sphinxclasssd-card}{\par\medskip}{\par\medskip}
\newenvironment{sphinxclasssd-card-title}{\par\noindent\bfseries\ignorespaces}{\par}
% The evidence appendix (the fact check's {evidence-index}): each passage a
% compact block in a smaller type, its verified figures and quotations in bold
% (the HTML highlights them), the places that use it straight below it.
\newenvironment{sphinxclassfc-passage}
  {\par\addvspace{4pt}\footnotesize\setlength{\parskip}{0pt}}
  {\par\addvspace{4pt}}
\expandafter\def\csname DUrolefc-highlight\endcsname#1{\textbf{#1}}
\makeatletter
% Where the handbook is online, on the title page and at the foot of every page,
% so that a page copied on its own still says where it comes from.
\newcommand{\handbookurl}{\url{"""
    + tex_url(html_baseurl)
    + r"""}}
\newcommand{\handbooktitlepage}{%
  \pagenumbering{roman}%
  \hypersetup{pageanchor=false, pdftitle={\@title}, pdfauthor={\@author}}%
  \begin{titlepage}%
    \noindent\rule{\textwidth}{1pt}\par\bigskip
    \begin{flushleft}%
      {\py@HeaderFamily\Huge\bfseries \@title\par}%
      \vspace{3\baselineskip}%
      {\sffamily\Large
"""
    + "".join(rf"       {tex(fact)}\par\smallskip" + "\n" for fact in _title_page_facts if fact)
    + r"""      }%
      \vfill
      {\large Online, with the source passage behind every figure and quotation:\par
       \handbookurl\par}%
    \end{flushleft}%
  \end{titlepage}%
  \hypersetup{pageanchor=true}%
}
% The back of the title page (index.md's opening paragraph, then this), then
% the contents, headed "Contents" rather than Sphinx's choice, the first
% toctree caption ("Start here").
\newcommand{\handbookcontents}{%
  \par\vfill
  {\small\noindent """
    + tex(f"© {copyright}.")
    + r""" This is the printed edition; the
   online edition links every figure and quotation to the passage of its source.\par}%
  \thispagestyle{empty}%
  \cleardoublepage
  \begingroup
    \parskip\z@skip
    \renewcommand{\contentsname}{Contents}%
    \sphinxtableofcontentshook
    \tableofcontents
  \endgroup
  \cleardoublepage
  \pagenumbering{arabic}%
}
% Sphinx's page styles (sphinxlatexstylepage.sty), with the online address
% under the page number and the chapter's name.
\newcommand{\handbookfooter}{\mbox{}\\[1pt]{\footnotesize\handbookurl}}
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyfoot[RO,LE]{{\py@HeaderFamily\thepage}}%
  \fancyfoot[LO]{{\py@HeaderFamily\nouppercase{\rightmark}}}%
  \fancyfoot[RE]{{\py@HeaderFamily\nouppercase{\leftmark}}}%
  \fancyfoot[C]{\handbookfooter}%
  \fancyhead[RO,LE]{{\py@HeaderFamily \@title\sphinxheadercomma\py@release}}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0.4pt}%
}
\fancypagestyle{plain}{%
  \fancyhf{}%
  \fancyfoot[RO,LE]{{\py@HeaderFamily\thepage}}%
  \fancyfoot[C]{\handbookfooter}%
  \renewcommand{\headrulewidth}{0pt}%
  \renewcommand{\footrulewidth}{0.4pt}%
}
\makeatother
""",
}
latex_show_urls = "footnote"


def setup(app):
    """Quiet at the default verbosity: see MYST_LOGGER."""
    if app.verbosity == 0:
        logging.getLogger(MYST_LOGGER).setLevel(logging.WARNING)
