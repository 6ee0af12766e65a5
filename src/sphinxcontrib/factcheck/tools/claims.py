"""Load a project's checkable sentences and its verified sources, for the tools.

Shared by the mutation test and the benchmarks: one in-process ``factcheck``
build of a Sphinx source folder (into a temporary folder), after which every
document's doctree is read back and its sentences collected exactly as the
build did.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import docutils_namespace, patch_docutils

from ..bibliography import Entry
from ..cache import IndexCache
from ..collect import Sentence
from ..config import get_config
from ..corpus import Corpus
from ..document import sentences_of, skipped
from ..domain import FactCheckDomain
from ..language import get_vocabulary


class Project(NamedTuple):
    """A project's checkable sentences, by document, with its corpus and bibliography."""

    sentences: list[tuple[str, Sentence]]
    corpus: Corpus
    entries: Mapping[str, Entry]
    warnings: str


def load_project(docs: Path) -> Project:
    """Build ``docs`` with the factcheck builder and collect its sentences."""
    # As ``sphinx-build`` does: docutils' node and directive registries are
    # restored afterwards, so a later build in the same process starts clean.
    with (
        tempfile.TemporaryDirectory() as tmp,
        patch_docutils(docs),
        docutils_namespace(),
    ):
        warnings = io.StringIO()
        app = Sphinx(
            str(docs),
            str(docs),
            f"{tmp}/out",
            f"{tmp}/doctrees",
            "factcheck",
            status=None,
            warning=warnings,
            freshenv=True,
        )
        app.build()
        domain = app.env.get_domain(FactCheckDomain.name)
        if not isinstance(domain, FactCheckDomain) or domain.corpus is None:
            msg = f"{docs}: the project does not load sphinxcontrib.factcheck"
            raise ExtensionError(msg)
        config = get_config(app)
        vocabulary = get_vocabulary(config.language)
        sentences = []
        for docname in sorted(app.env.found_docs):
            if skipped(docname, config.skip_pages):
                continue
            doctree = app.env.get_doctree(docname)
            found = sentences_of(doctree, domain.entries, vocabulary)
            sentences.extend((docname, sentence) for sentence in found)
        # Every source indexed now, while the cache folder still exists; then
        # the corpus keeps nothing on disk.
        corpus = domain.corpus
        indexed = [corpus.sources[key] for key in corpus.sources]
        assert len(indexed) == len(corpus.sources) and corpus.distinctive_words is not None
        corpus.cache = IndexCache(None)
    return Project(sentences, corpus, domain.entries, warnings.getvalue())
