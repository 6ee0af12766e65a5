"""Loading the sources when a build starts, and reporting every problem with them.

On ``builder-inited`` (after sphinxcontrib-bibtex has parsed the
bibliography) the archive is verified and every entry matched to its text
(:func:`~.corpus.load_corpus`); each problem is a warning at the file and
line that causes it (a manifest line, a bibliography entry), so ``-W`` fails
the build and nothing is silently skipped. The corpus is kept on the domain
for the build; source indexes come from the cache (:mod:`.cache`).
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .bibliography import read_entries
from .cache import IndexCache, digest_of
from .config import get_config
from .corpus import load_corpus
from .domain import FactCheckDomain

logger = logging.getLogger(__name__)


def relative(path: str | Path) -> str:
    """A path as an author types it: relative to the working folder if inside it."""
    shown = os.path.relpath(path)
    return str(path) if shown.startswith("..") else shown


def located(location: str) -> str:
    """A problem's ``file[:line]`` with the file relative to the working folder."""
    path, colon, line = location.rpartition(":")
    if colon and line.isdigit():
        return f"{relative(path)}:{line}"
    return relative(location)


def load_sources(app: Sphinx) -> None:
    """Verify the archive, match the bibliography to it, and report every problem."""
    config = get_config(app)
    cache_dir = (
        Path(app.confdir, config.cache_dir)
        if config.cache_dir
        else Path(app.doctreedir, "factcheck")
    )
    entries = read_entries(app.env)
    corpus = load_corpus(
        config.manifest_path(app.confdir),
        entries,
        config.fields,
        IndexCache(cache_dir),
        config.language,
        config.passage_sentences,
    )
    for problem in corpus.problems:
        logger.warning(
            problem.message, location=located(problem.location), type="factcheck", subtype="source"
        )
    domain = app.env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    domain.corpus = corpus
    domain.entries = entries
    domain.inputs_digest = digest_of(corpus.fingerprint, entries)
    domain.input_problems += len(corpus.problems)
