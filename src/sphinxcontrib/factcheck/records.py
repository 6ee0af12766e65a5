"""The fact check's records: what was checked, and what was found.

Like Sphinx's linkcheck builder, the check collects claims first, checks them
next and reports last; each step hands the next small immutable records.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .collect import Sentence


class Status(enum.StrEnum):
    """The outcome of checking one figure or quotation."""

    VERIFIED = "verified"  # found in a cited source
    UNSUPPORTED = "unsupported"  # a figure the cited sources do not give
    MISQUOTED = "misquoted"  # a quotation not found verbatim in a cited source
    UNCITED = "uncited"  # a figure or quotation in a sentence that cites nothing
    BAD_CITATION = "bad-citation"  # a cited key that is unknown or has no usable source
    MISATTRIBUTED = "misattributed"  # a source it names but does not cite, or a wrong speaker
    UNTERMINATED = "unterminated"  # a quotation mark that never closes
    OWN_FIGURE = "own-figure"  # the project's own figure, marked with a reason
    ALIGNED = "aligned"  # a cited sentence, aligned to the passage that supports it best
    MISNAMED = "misnamed"  # a name the passage the sentence rests on does not hold
    OWN_STATEMENT = "own-statement"  # the project's own statement, marked with a reason
    CONTRADICTED = "contradicted"  # a negation, direction, period or day turned round

    @property
    def failed(self) -> bool:
        return self not in (
            Status.VERIFIED,
            Status.OWN_FIGURE,
            Status.OWN_STATEMENT,
            Status.ALIGNED,
        )


class ClaimKind(enum.StrEnum):
    """What a finding is about."""

    FIGURE = "figure"
    QUOTATION = "quotation"
    CITATION = "citation"
    SENTENCE = "sentence"  # a whole cited sentence and the passage it is aligned to
    NAME = "name"  # a proper name the sentence uses outside quotation marks
    WORDING = "wording"  # a negation or a word of direction


class Evidence(NamedTuple):
    """Where in a source a claim was verified (offsets into the archived text)."""

    key: str
    #: The passage: the source sentences that hold the claim.
    passage_start: int
    passage_end: int
    passage: str
    #: The figure or quotation itself, inside the passage.
    start: int
    end: int


class Finding(NamedTuple):
    """One checked figure or quotation, and what the check found."""

    docname: str
    line: int
    kind: ClaimKind
    text: str
    keys: tuple[str, ...]
    status: Status
    message: str
    sentence: str
    evidence: Evidence | None = None
    #: What the figure means ("number 110000, below"); empty for a quotation.
    detail: str = ""
    #: Where the claim stands in its block of text, for marking it in the page.
    span: tuple[int, int] | None = None
    #: The anchor of the marked claim in its HTML page (a permalink), if marked.
    anchor: str = ""
    #: For a sentence: the share of its words the aligned passage holds, and the
    #: words it does not hold.
    support: float | None = None
    missing: tuple[str, ...] = ()

    def as_json(self, source_file: str = "") -> dict[str, Any]:
        """The finding as one JSON Lines record of ``output.json``."""
        record: dict[str, Any] = {
            "file": source_file,
            "docname": self.docname,
            "line": self.line,
            "kind": str(self.kind),
            "text": self.text,
            "detail": self.detail,
            "keys": list(self.keys),
            "status": str(self.status),
            "message": self.message,
            "sentence": self.sentence,
            "anchor": self.anchor,
        }
        if self.kind == ClaimKind.SENTENCE:
            record["support"] = self.support
            record["missing"] = list(self.missing)
        if self.evidence is not None:
            record["evidence"] = {
                "key": self.evidence.key,
                "passage_start": self.evidence.passage_start,
                "passage_end": self.evidence.passage_end,
                "start": self.evidence.start,
                "end": self.evidence.end,
                "passage": self.evidence.passage,
            }
        return record


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in report order: by page, line, kind and text."""
    return sorted(findings, key=_REPORT_ORDER)


_REPORT_ORDER = operator.attrgetter("docname", "line", "kind", "text")


class PageFindings(NamedTuple):
    """What checking one page gives: as stored between builds (:mod:`.cache`) and as
    the worker of :mod:`.background` returns it."""

    #: The page's sentences, without their doctree nodes (:func:`.collect.page_sentences`).
    sentences: list[Sentence]
    #: Each sentence's findings, in the order of the page's sentences.
    findings: list[list[Finding]]
    #: The Text Fragment of each passage a sentence is aligned to or a verified claim
    #: rests on, by (key, passage start, passage end); None where none leads to it (:func:`.marking.passage_fragments`).
    fragments: dict[tuple[str, int, int], str | None]
    #: For each sentence that could follow a source it does not cite, its word stems;
    #: None for the others (:func:`.document.follower_stems`, of the findings as made).
    followers: tuple[frozenset[str] | None, ...] = ()
