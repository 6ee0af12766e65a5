"""What the check keeps between builds, so a build pays only for what changed.

Indexing a source (:class:`~.index.Source`) reads every sentence; loading a
stored index costs a small fraction of that. Each index is stored in its own
file, named by a digest of everything it was built from: the archived text's
SHA-256, the bibliography key and date, the language, the passage size and
the fact check's own code. A changed text, date or extension version
therefore never reuses an old index, and nothing needs invalidating by hand.

Each page's findings are kept the same way (:meth:`IndexCache.stored_findings`):
stored under a digest of everything the check of the page reads (its
sentences with their lines, figures and quotations; every source and
bibliography entry; the check's code), so a build that reads an unchanged
page again (``-E``, another builder sharing the folder) reports what checking
it would, without checking it. One file per page holds its latest findings,
so the folder does not grow with every edit.

Files are written whole and renamed into place, so parallel readers (``-j``)
and an interrupted build never see half a file; a file that cannot be read
(damaged, or written by another version of the extension) is treated as
missing and made again.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Mapping
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


def canonical(value: object) -> object:
    """``value`` as plain JSON data that is the same in every process.

    Sets are sorted (their order changes with the hash seed), named tuples and
    dataclasses become their fields, enumerations their values; anything else
    is its ``repr``.

    >>> canonical({"b": frozenset({"y", "x"}), "a": (1, 2.5, None)})
    [['a', [1, 2.5, None]], ['b', ['x', 'y']]]
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return [type(value).__name__, *(canonical(item) for item in value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return [type(value).__name__, *(canonical(getattr(value, f.name)) for f in fields)]
    if isinstance(value, Mapping):
        # A mapping's keys differ from each other, so they alone decide the order.
        items = [[canonical(k), canonical(v)] for k, v in value.items()]
        return sorted(items, key=lambda item: json.dumps(item[0]))
    if isinstance(value, set | frozenset):
        members = [canonical(item) for item in value]
        if all(isinstance(member, str) for member in members):
            return sorted(members)
        return sorted(members, key=json.dumps)
    if isinstance(value, tuple | list):
        return [canonical(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return repr(value)


def digest_of(*parts: object) -> str:
    """One SHA-256 of ``parts`` (see :func:`canonical`), with the check's own code.

    >>> digest_of("a", {1, 2}) == digest_of("a", {2, 1}) != digest_of("b", {1, 2})
    True
    """
    data = json.dumps([code_digest(), *(canonical(part) for part in parts)])
    return hashlib.sha256(data.encode()).hexdigest()


def _findings_name(docname: str) -> str:
    return "findings-" + hashlib.sha256(docname.encode()).hexdigest()[:32]


class IndexCache:
    """What the check keeps in ``folder``: source indexes, the tables read from every
    source, each page's findings (None: keep nothing between builds)."""

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
        except Exception:  # unreadable, or written by another version: made again
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

    def stored_findings(self, docname: str, key: str) -> Any:
        """A page's findings as stored under ``key`` (the :func:`digest_of` its
        inputs), or None: stored under another key, or not at all."""
        stored = self.load(_findings_name(docname))
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
            return stored[1]
        return None

    def store_findings(self, docname: str, key: str, findings: object) -> None:
        """Store a page's findings under ``key``, in its one file, in place of any older."""
        self.store(_findings_name(docname), (key, findings))

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
