"""The fact check's state, kept in a Sphinx domain so every kind of build stays right.

Everything the check records while reading a document lives in
:class:`FactCheckDomain`: the findings, the keys the document cites and what
else its findings depend on (:mod:`.incremental`). Sphinx pickles a domain's
data with the environment, drops a document's part with :meth:`clear_doc`
before re-reading it, and merges the parts read by parallel processes with
:meth:`merge_domaindata`, so incremental and parallel builds keep exactly what
a clean serial build would.

Other code reads the state through the public functions, never through the
domain's data:

- :func:`get_findings` -- every finding, or one document's;
- :func:`get_corpus` -- the verified sources of the running build.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .bibliography import Entry
from .records import Finding, sort_findings

if TYPE_CHECKING:
    from .background import BackgroundCheck
    from .corpus import Corpus


class DocumentRecord(NamedTuple):
    """What the check recorded of one document."""

    findings: tuple[Finding, ...]
    #: The bibliography keys it cites (sentences and charts), known or not.
    cited: frozenset[str]
    #: The lower-case words of its checked sentences outside quotations: a source
    #: whose attribution names all stand here may be named by the document.
    words: frozenset[str]
    #: The word stems of each sentence an uncited source could be the one it
    #: follows (:mod:`.attribution`): one whose only claims are verified dates, or
    #: one its cited passage supports poorly. A source sharing enough of them may be.
    followers: tuple[frozenset[str], ...]
    #: The Text Fragment of each passage its findings rest on, as
    #: ((key, passage start, passage end), fragment or None) pairs, for the
    #: evidence appendix (:func:`.marking.passage_fragments`).
    fragments: tuple[tuple[tuple[str, int, int], str | None], ...] = ()


class FactCheckDomain(Domain):
    """The fact check's findings and dependencies, by document."""

    name = "factcheck"
    label = "Fact check"
    data_version = 1
    initial_data: dict[str, Any] = {
        # docname -> DocumentRecord
        "documents": {},
        # docnames that hold an evidence index (the appendix of all findings)
        "appendix": set(),
        # what each bibliography key's check rested on at the last build
        # (incremental.KeyState by key), and a digest of what the appendix showed
        "keys": {},
        "appendix_digest": "",
        # the errors of the bibliography files as last parsed: (file:line, message)
        "bibliography_problems": [],
    }
    #: The verified sources of the running build (set when the builder starts;
    #: never pickled: sources are reloaded, from their cache, in every build).
    corpus: Corpus | None = None
    #: The bibliography's entries, read once per build (also never pickled).
    entries: Mapping[str, Entry] = {}
    #: A digest of the corpus and the bibliography as this build read them: with a
    #: page's sentences, what its stored findings are looked up by (never pickled).
    inputs_digest: str = ""
    #: How many pages this build reads, and the worker checking them beside the
    #: reading, if it has one (:mod:`.background`; never pickled).
    reading: int = 0
    background: BackgroundCheck | None = None
    #: How many problems with the inputs (a malformed bibliography, a page that is
    #: not UTF-8, an altered source) this build reported: any fails ``-b factcheck``.
    input_problems: int = 0

    @property
    def documents(self) -> dict[str, DocumentRecord]:
        return cast(dict[str, DocumentRecord], self.data["documents"])

    @property
    def appendix(self) -> set[str]:
        return cast(set[str], self.data["appendix"])

    def record(self, docname: str, record: DocumentRecord) -> None:
        self.documents[docname] = record

    def note_cited(self, docname: str, keys: Iterable[str]) -> None:
        """Record keys a document depends on outside its sentences (a chart's bars)."""
        old = self.documents.get(docname, DocumentRecord((), frozenset(), frozenset(), ()))
        self.documents[docname] = old._replace(cited=old.cited | frozenset(keys))

    def note_appendix(self, docname: str) -> None:
        self.appendix.add(docname)

    def clear_doc(self, docname: str) -> None:
        self.documents.pop(docname, None)
        self.appendix.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["documents"]:
                self.documents[docname] = otherdata["documents"][docname]
            if docname in otherdata["appendix"]:
                self.appendix.add(docname)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def _domain(env: BuildEnvironment) -> FactCheckDomain:
    return cast(FactCheckDomain, env.get_domain(FactCheckDomain.name))


def get_findings(env: BuildEnvironment, docname: str | None = None) -> list[Finding]:
    """Every finding of the build (or of one document), sorted by page, line and claim."""
    documents = _domain(env).documents
    if docname is not None:
        record = documents.get(docname)
        return sort_findings(record.findings) if record else []
    return sort_findings(f for record in documents.values() for f in record.findings)


def get_corpus(env: BuildEnvironment) -> Corpus | None:
    """The verified sources of the running build, or None before they are loaded."""
    return _domain(env).corpus
