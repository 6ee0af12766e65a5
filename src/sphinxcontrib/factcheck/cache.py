"""Source indexes kept between builds, so a build pays only for what changed.

Indexing a source (:class:`~.index.Source`) reads every sentence; loading a
stored index costs a small fraction of that. Each index is stored in its own
file, named by a digest of everything it was built from: the archived text's
SHA-256, the bibliography key and date, the language, the passage size and
the fact check's own code. A changed text, date or extension version
therefore never reuses an old index, and nothing needs invalidating by hand.

Files are written whole and renamed into place, so parallel readers (``-j``)
and an interrupted build never see half a file; an unreadable file is
treated as missing and rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from .dates import PublicationDate
from .index import Source


@functools.cache
def code_digest() -> str:
    """A digest of the fact check's own code: it changes whenever the code does."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.relative_to(Path(__file__).parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def index_key(
    key: str, digest: str, published: PublicationDate, language: str, passage_sentences: int
) -> str:
    """The name of a source's stored index: a digest of what the index is built from."""
    parts = [key, digest, repr(tuple(published)), language, str(passage_sentences), code_digest()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class IndexCache:
    """Stored source indexes in ``folder`` (None: keep nothing between builds)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, name: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{name}.pickle"

    def load(self, name: str) -> Any:
        path = self._path(name)
        if path is None:
            return None
        try:
            with open(path, "rb") as stream:
                return pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def store(self, name: str, value: object) -> None:
        path = self._path(name)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(stream.name, path)
        except OSError:
            return  # a cache that cannot be written only costs time

    def source(
        self,
        key: str,
        path: Path,
        text: str,
        digest: str,
        published: PublicationDate,
        language: str,
        passage_sentences: int,
    ) -> Source:
        """The index of one source: stored if it is, built (and stored) if not."""
        name = index_key(key, digest, published, language, passage_sentences)
        stored = self.load(name)
        if isinstance(stored, Source) and stored.text == text:
            stored.path = path
            return stored
        source = Source(key, path, text, published, language, passage_sentences)
        self.store(name, source)
        return source
