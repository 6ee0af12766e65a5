"""Bad input stopped at its file and line before Sphinx would crash on it.

Two inputs make Sphinx or sphinxcontrib-bibtex stop with a traceback rather
than a message:

- a bibliography with a syntax error (pybtex raises, and sphinxcontrib-bibtex
  lets the error escape): :func:`guard_bibliographies` parses each changed
  file first, with a parser that records errors instead of raising them,
  reports each at its file and line, and hands sphinxcontrib-bibtex what could
  be parsed, so the build goes on and fails with located messages only;
- a page that is not UTF-8 (Sphinx raises ``UnicodeDecodeError``):
  :func:`guard_encodings` reports the page at the line of the first bad byte
  and leaves it out of the build (links to it then warn too, at their lines).

Both are logged as errors, which ``-W`` (and the ``factcheck`` builder's exit
status) turn into a failed build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime, is_bibdata_outdated

from .bibliography import bibliography_files
from .domain import FactCheckDomain
from .load import relative

logger = logging.getLogger(__name__)


class _RecordingParser(Parser):
    """pybtex's BibTeX parser, recording syntax errors instead of raising them."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding=encoding)
        self.syntax_errors: list[PybtexSyntaxError] = []

    def handle_error(self, error: Exception) -> None:
        if isinstance(error, PybtexSyntaxError):
            self.syntax_errors.append(error)
        else:
            raise error


def guard_bibliographies(app: Sphinx) -> None:
    """Report every syntax error of a bibliography file at its file and line.

    A file is parsed only when it changed since the last build; the errors of
    an unchanged file are reported again from the last build's record, so an
    incremental build reports what a clean one does.
    """
    cite: Any = app.env.get_domain("cite")
    domain = app.env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    encoding = app.config.bibtex_encoding
    paths = bibliography_files(app)
    if not is_bibdata_outdated(cite.bibdata, paths, encoding):
        problems = list(domain.data.get("bibliography_problems", ()))
    else:
        problems = _parse(cite, paths, encoding)
        domain.data["bibliography_problems"] = problems
    for location, message in problems:
        logger.error(message, location=location, type="factcheck", subtype="bibliography")
    domain.input_problems += len(problems)


def _parse(cite: Any, paths: list[Path], encoding: str) -> list[tuple[str, str]]:
    """Parse the bibliography files; if any has errors, give sphinxcontrib-bibtex
    what could be parsed, and return the errors as ``(file:line, message)``."""
    parser = _RecordingParser(encoding)
    bibfiles: dict[Path, BibFile] = {}
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for path in paths:
        if not path.is_file():
            return []  # sphinxcontrib-bibtex reports a missing file itself
        errors_before = len(parser.syntax_errors)
        try:
            parser.parse_file(path)
        except BibliographyDataError:
            return []  # a duplicate key: sphinxcontrib-bibtex reports it itself
        except UnicodeDecodeError as error:
            line = path.read_bytes().count(b"\n", 0, error.start) + 1
            problems.append(
                (f"{relative(path)}:{line}", f"bibliography is not {encoding} (byte {error.start})")
            )
        for syntax_error in parser.syntax_errors[errors_before:]:
            problems.append(
                (
                    f"{relative(path)}:{syntax_error.lineno}",
                    f"malformed bibliography: {syntax_error}",
                )
            )
        keys = dict.fromkeys(key for key in parser.data.entries if key not in seen)
        seen.update(keys)
        bibfiles[path] = BibFile(mtime=get_mtime(path), keys=keys)
    if problems:
        cite.data["bibdata"] = BibData(encoding=encoding, bibfiles=bibfiles, data=parser.data)
    return problems


def guard_encodings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report every page that is not UTF-8 at its file and line, and leave it out."""
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            logger.error(
                "page is not UTF-8 (byte 0x%02x at offset %d)",
                data[error.start],
                error.start,
                location=f"{relative(path)}:{line}",
                type="factcheck",
                subtype="encoding",
            )
            _count(app, 1)
            docnames.remove(docname)
            env.found_docs.discard(docname)  # nor written: it was never read


def _count(app: Sphinx, problems: int) -> None:
    domain = app.env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    domain.input_problems += problems
