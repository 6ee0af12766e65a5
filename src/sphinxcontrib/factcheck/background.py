"""Pages checked in worker processes while Sphinx reads the next ones.

A serial build reads one page after another, on one core. When a page's
findings are not stored (:meth:`.cache.IndexCache.stored_findings`), its
blocks of text go to a worker process (one per core, :func:`worker_count`),
forked once the sources are loaded, which checks them with
:func:`.document.check_page`, as a page checked at once is checked, and
stores its findings, while Sphinx goes on reading. When every page has been
read (``env-updated``), each page that was waiting gets its findings and is
marked, recorded and reported, in the order the pages were read, exactly as
:func:`.document.check_document` does at once, and its doctree is written
again with its marks. Only the time differs.

Workers are used only where they help and are safe: a serial build (a parallel
one, ``-j``, already spreads the pages over processes), more than one page to
read, more than one core, and a system whose processes fork (a worker inherits
the loaded sources instead of loading them again; macOS, where forking is
unsafe, and Windows, where it does not exist, check each page as it is read).
``factcheck_background = False`` turns them off. The workers are stopped when
the build finishes, however it finishes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

from docutils import nodes

from .bibliography import Entry
from .collect import BlockNodes, BlockText
from .corpus import Corpus
from .records import PageFindings

#: A worker's garbage-collector thresholds (:func:`gc.set_threshold`; Python's own
#: are 700, 10 and 10): checking a page makes many small objects that live until
#: its findings are sent, and almost no reference cycles.
WORKER_GC_THRESHOLDS = (50_000, 20, 20)

#: What the worker checks with: the corpus and the bibliography it was forked with.
_worker_inputs: tuple[Corpus, Mapping[str, Entry]] | None = None


def _start_worker(corpus: Corpus, entries: Mapping[str, Entry]) -> None:
    global _worker_inputs  # the worker process's own, set once when it starts
    _worker_inputs = corpus, entries
    # A worker is the fact check's own process, forked to check pages and nothing
    # else, and what it inherited (Sphinx, the loaded sources) lives as long as it
    # does: its garbage collector is told never to visit that again, and to visit
    # the young objects of a page's check less often (the build's process is left
    # as it is).
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def _check_page(docname: str, texts: list[BlockText], key: str) -> PageFindings:
    """In the worker: the page checked with the sources the worker was forked with,
    and its findings stored under ``key`` (here, beside the reading, not in the
    build's process after it)."""
    from .document import check_page  # the module that sends pages here, imported already

    assert _worker_inputs is not None, "the worker was not started with the sources"
    corpus, entries = _worker_inputs
    found = check_page(docname, texts, corpus, entries)
    corpus.cache.store_findings(docname, key, found)
    return found


#: The most workers a build starts, however many cores it may use.
MOST_WORKERS = 4


def can_fork() -> bool:
    """Whether this system forks processes safely (Linux and the other Unixes but macOS)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def worker_count() -> int:
    """How many workers to check pages in: one per core this process may use, at most
    :data:`MOST_WORKERS`; none with a single core, where a worker would only take
    turns with the reading. (When Sphinx has read the last page, it waits for the
    workers, so as many workers as cores finish soonest.)"""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(cores, MOST_WORKERS)


class Waiting(NamedTuple):
    """A page read but not yet marked: what marking it needs, and its findings to come."""

    docname: str
    doctree: nodes.document
    #: Its blocks' text and doctree nodes (:func:`.collect.read_blocks`).
    read: list[tuple[BlockText, BlockNodes]]
    findings: Future[PageFindings]


class BackgroundCheck:
    """Worker processes checking the pages the build has read; results in the order read."""

    def __init__(self, corpus: Corpus, entries: Mapping[str, Entry], workers: int = 1) -> None:
        # Forked: each worker has the sources already loaded; nothing is pickled to it.
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
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
        key: str,
    ) -> None:
        """Send the text of a page's blocks (without their doctree nodes) to be checked,
        its findings to be stored under ``key`` (:func:`.cache.digest_of` its inputs)."""
        future = self.check(docname, [text for text, _ in read], key)
        self.waiting.append(Waiting(docname, doctree, read, future))

    def check(self, docname: str, texts: list[BlockText], key: str) -> Future[PageFindings]:
        """A page's findings to come, from its blocks' ``texts`` (:func:`.document.check_page`),
        stored under ``key``: what :meth:`submit` waits for, without a doctree to mark."""
        return self._executor.submit(_check_page, docname, texts, key)

    def results(self) -> Iterator[tuple[Waiting, PageFindings]]:
        """Each waiting page with its findings, in the order the pages were read."""
        for page in self.waiting:
            yield page, page.findings.result()

    def close(self) -> None:
        """Stop the workers, dropping any page not yet checked (a build that failed)."""
        self.waiting = []
        self._executor.shutdown(wait=True, cancel_futures=True)
