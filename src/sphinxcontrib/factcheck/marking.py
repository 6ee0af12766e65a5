"""Marking verified claims in the page: each becomes a :class:`~.nodes.Claim`.

While a document is read, each verified figure or quotation is wrapped in a
Claim node carrying its evidence (source key, passage, offsets), with an
anchor of its own so that a memo can link to the very figure. Builders that
know Claim nodes (HTML, :mod:`.html`) show the evidence; others print the
text as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from docutils import nodes

from .bibliography import Entry, short_citation
from .collect import Sentence
from .nodes import Claim
from .records import Finding, Status


def evidence_id(key: str, passage_start: int) -> str:
    """The stable anchor of a source passage in the evidence appendix.

    >>> evidence_id("NYTimes2023ties", 3566)
    'ev-nytimes2023ties-3566'
    """
    return f"ev-{key.lower()}-{passage_start}"


def claim_id(text: str, used: set[str]) -> str:
    """A stable, readable anchor for a claim, unique within its page.

    >>> used = set()
    >>> claim_id("Nearly 110,000", used), claim_id("nearly 110,000", used)
    ('claim-nearly-110000', 'claim-nearly-110000-2')
    >>> claim_id("“Here, we do not produce fentanyl, and we do not have consumption”", used)
    'claim-here-we-do-not-produce-fentanyl'
    """
    words = re.findall(r"[a-z0-9]+", text.lower().replace(",", ""))[:6]
    base = "claim-" + ("-".join(words) or "figure")
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    used.add(candidate)
    return candidate


def mark_claims(
    sentence: Sentence,
    findings: list[Finding],
    entries: Mapping[str, Entry],
    blocks: dict[int, list[tuple[int, nodes.Text]]],
    used_ids: set[str],
    date_field: str = "date",
) -> list[Finding]:
    """Wrap each verified claim of ``sentence`` in a :class:`~.nodes.Claim` node.

    Returns the findings, each marked one with the anchor it got in the page.
    """
    text_nodes = blocks.setdefault(id(sentence.text_nodes), list(sentence.text_nodes))
    marked = list(findings)
    order = sorted(
        (
            i
            for i, f in enumerate(findings)
            if f.status is Status.VERIFIED and f.evidence is not None and f.span
        ),
        key=lambda i: findings[i].span[0],
        reverse=True,
    )
    for index in order:
        finding = findings[index]
        evidence = finding.evidence
        assert evidence is not None and finding.span is not None
        anchor = claim_id(finding.text, used_ids)
        node = Claim(
            "",
            classes=["fc-claim"],
            claim_id=anchor,
            evidence=evidence_id(evidence.key, evidence.passage_start),
            key=evidence.key,
            passage=evidence.passage,
            highlight=(
                evidence.start - evidence.passage_start,
                evidence.end - evidence.passage_start,
            ),
            source=short_citation(evidence.key, entries.get(evidence.key), date_field),
        )
        if _wrap(text_nodes, *finding.span, node):
            marked[index] = finding._replace(anchor=anchor)
    return marked


def _wrap(
    text_nodes: list[tuple[int, nodes.Text]], start: int, end: int, node: nodes.Element
) -> bool:
    """Wrap the text between two block offsets in ``node``, if one text node holds it."""
    for index, (offset, text_node) in enumerate(text_nodes):
        text = str(text_node)
        if not (offset <= start and end <= offset + len(text)) or text_node.parent is None:
            continue
        before, inside, after = (
            text[: start - offset],
            text[start - offset : end - offset],
            text[end - offset :],
        )
        inner = nodes.Text(inside)
        node += inner
        replacement: list[nodes.Node] = []
        entries: list[tuple[int, nodes.Text]] = []
        if before:
            replacement.append(nodes.Text(before))
            entries.append((offset, replacement[-1]))
        replacement.append(node)
        entries.append((start, inner))
        if after:
            replacement.append(nodes.Text(after))
            entries.append((end, replacement[-1]))
        text_node.parent.replace(text_node, replacement)
        text_nodes[index : index + 1] = entries
        return True
    return False
