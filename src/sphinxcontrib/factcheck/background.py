"""Pages checked in a worker process while Sphinx reads the next ones.

A serial build reads one page after another, on one core. When a page's
findings are not stored (:meth:`.cache.IndexCache.stored_findings`), its
blocks of text go to one worker process, forked once the sources are loaded, which
checks them (with :func:`.document.check_page`, as the page is checked when it
is checked at once) while Sphinx goes on reading. When every page has been read
(``env-updated``), each page that was waiting gets its findings and is marked,
recorded and reported exactly as :func:`.document.check_document` does at once,
and its doctree is written again with its marks. Only the time differs.

The worker is used only where it helps and is safe: a serial build (a parallel
one, ``-j``, already spreads the pages over processes), more than one page to
read, and a system whose processes fork (the worker inherits the loaded
sources instead of loading them again; macOS, where forking is unsafe, and
Windows, where it does not exist, check each page as it is read).
``factcheck_background = False`` turns it off. The worker is stopped when the
build finishes, however it finishes.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

from docutils import nodes

from .bibliography import Entry
from .collect import BlockNodes, BlockText
from .corpus import Corpus
from .records import PageFindings

#: What the worker checks with: the corpus and the bibliography it was forked with.
_worker_inputs: tuple[Corpus, Mapping[str, Entry]] | None = None


def _start_worker(corpus: Corpus, entries: Mapping[str, Entry]) -> None:
    global _worker_inputs  # the worker process's own, set once when it starts
    _worker_inputs = corpus, entries


def _check_page(docname: str, texts: list[BlockText]) -> PageFindings:
    """In the worker: the page checked with the sources the worker was forked with."""
    from .document import check_page  # the module that sends pages here, imported already

    assert _worker_inputs is not None, "the worker was not started with the sources"
    corpus, entries = _worker_inputs
    return check_page(docname, texts, corpus, entries)


def can_fork() -> bool:
    """Whether this system forks processes safely (Linux and the other Unixes but macOS)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


class Waiting(NamedTuple):
    """A page read but not yet marked: what marking it needs, and its findings to come."""

    docname: str
    doctree: nodes.document
    #: Its blocks' text and doctree nodes (:func:`.collect.read_blocks`).
    read: list[tuple[BlockText, BlockNodes]]
    #: The digest its findings are stored under (:func:`.cache.digest_of`).
    key: str
    findings: Future[PageFindings]


class BackgroundCheck:
    """One worker process checking the pages the build has read, in the order read."""

    def __init__(self, corpus: Corpus, entries: Mapping[str, Entry]) -> None:
        # Forked: the worker has the sources already loaded, nothing is pickled to it.
        self._executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(corpus, entries),
        )
        self.waiting: list[Waiting] = []

    def submit(
        self,
        docname: str,
        doctree: nodes.document,
        read: list[tuple[BlockText, BlockNodes]],
        texts: list[BlockText],
        key: str,
    ) -> None:
        """Send a page's blocks' ``texts`` (without their doctree nodes) to be checked."""
        future = self._executor.submit(_check_page, docname, texts)
        self.waiting.append(Waiting(docname, doctree, read, key, future))

    def results(self) -> Iterator[tuple[Waiting, PageFindings]]:
        """Each waiting page with its findings, in the order the pages were read."""
        for page in self.waiting:
            yield page, page.findings.result()

    def close(self) -> None:
        """Stop the worker, dropping any page not yet checked (a build that failed)."""
        self.waiting = []
        self._executor.shutdown(wait=True, cancel_futures=True)
