"""Load the real handbook's checkable sentences and its verified sources.

Shared by the mutation test and the benchmark: one in-process ``factcheck``
build of ``docs/`` (into a temporary folder), after which every document's
doctree is read back and its sentences collected exactly as the build did.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

from sphinx.application import Sphinx

import factcheck
from factcheck.collect import Sentence, collect_sentences
from factcheck.sources import Corpus


class Handbook(NamedTuple):
    sentences: list[tuple[str, Sentence]]
    corpus: Corpus
    entries: dict[str, Any]
    warnings: str


def load_handbook(docs: Path = DOCS) -> Handbook:
    """Build ``docs`` with the factcheck builder and collect its sentences."""
    with tempfile.TemporaryDirectory() as tmp:
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
        corpus = factcheck.corpus_of(app.env)
        entries = factcheck.bibliography_entries(app.env)
        lowercase = {key.lower(): key for key in entries}
        sentences = []
        skipped = set(app.config.factcheck_skip_pages)
        for docname in sorted(app.env.found_docs - skipped):
            doctree = app.env.get_doctree(docname)
            found = collect_sentences(
                doctree, lambda refid: lowercase.get(refid.removeprefix("footcite-").lower())
            )
            sentences.extend((docname, sentence) for sentence in found)
    return Handbook(sentences, corpus, entries, warnings.getvalue())
