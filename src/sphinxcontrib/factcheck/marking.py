"""Marking verified claims in the page: each is a :class:`~.nodes.ClaimMark` of
the :class:`~.nodes.ClaimText` that states it, and each cited sentence's citation a
:class:`~.nodes.CitedPassage`.

While a document is read, each verified figure or quotation is marked in the
text node that holds it, with an anchor of its own (:func:`claim_id`) so that a
memo can link to the very figure; the anchor names its finding, which holds its
evidence. The citation of every cited sentence is wrapped too, naming the
finding that holds the passage the sentence is aligned to (:func:`mark_citation`),
so that a sentence without a figure is as close to its source. Builders that know these nodes (HTML, :mod:`.html`)
show the evidence; others print the text as it is.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import re
from collections.abc import Callable, Iterable, Mapping

from docutils import nodes

from .bibliography import Entry, entry_url
from .collect import Sentence
from .fragments import find_text_fragment, text_fragment
from .nodes import CitedPassage, ClaimMark, ClaimText
from .records import ClaimKind, Finding, Status
from .sentences import CITE_MARK, TEXTUAL_CITE_MARK

#: How many of a claim's words its anchor shows: enough to recognise it.
CLAIM_ID_WORDS = 6
#: Hex digits of the sentence digest in an anchor: six tell apart the
#: sentences of a page that share a claim's first words (16 million values),
#: and a collision only costs a ``-2``.
CLAIM_ID_DIGEST = 6


def evidence_id(key: str, passage_start: int) -> str:
    """The stable anchor of a source passage in the evidence appendix.

    >>> evidence_id("NYTimes2023ties", 3566)
    'ev-nytimes2023ties-3566'
    """
    return f"ev-{key.lower()}-{passage_start}"


def claim_id(text: str, sentence: str, used: set[str], prefix: str = "claim") -> str:
    """A readable anchor for a claim that edits elsewhere on its page leave alone.

    The anchor is made of the claim's first words and a short digest of the
    sentence (or table row) that states it, as a reader sees it (citation
    marks left out, white space collapsed, :func:`sentence_text`). Rows and
    paragraphs inserted, removed or edited around it, or the sentence moved
    to another section, leave it unchanged; so the anchors are safe to paste
    into a memo. Editing the sentence itself gives its claims new anchors.
    The same claim twice in one sentence, or in identical sentences of a page,
    is numbered in page order (``-2``, ``-3``).

    >>> used = set()
    >>> claim_id("Nearly 110,000", "Nearly 110,000 people died.", used)
    'claim-nearly-110000-3e361d'
    >>> claim_id("nearly 110,000", "Nearly 110,000 people died.", used)
    'claim-nearly-110000-3e361d-2'
    >>> claim_id("Nearly 110,000", "Nearly 110,000 Americans died.", used)
    'claim-nearly-110000-099497'
    >>> claim_id("“Here, we do not produce fentanyl, and we do not have consumption”", "…", used)
    'claim-here-we-do-not-produce-fentanyl-b49358'
    """
    words = _WORD.findall(text.lower().replace(",", ""))[:CLAIM_ID_WORDS]
    base = f"{prefix}-" + ("-".join(words) or "figure") + "-" + _sentence_digest(sentence)
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    used.add(candidate)
    return candidate


_WORD = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=1024)
def _sentence_digest(sentence: str) -> str:
    """The part of a claim's anchor that tells its sentence (the sentence's claims
    and citation share it, so it is made once)."""
    return hashlib.sha256(sentence_text(sentence).encode()).hexdigest()[:CLAIM_ID_DIGEST]


def sentence_text(sentence: str) -> str:
    """A sentence as a reader sees it: no citation marks, white space collapsed.

    >>> sentence_text("Officers  seized 4,200 pounds\ue000.")
    'Officers seized 4,200 pounds.'
    """
    return " ".join(sentence.replace(CITE_MARK, "").replace(TEXTUAL_CITE_MARK, "").split())


def mark_claims(
    sentence: Sentence,
    findings: list[Finding],
    blocks: dict[int, list[tuple[int, nodes.Text]]],
    used_ids: set[str],
    docname: str,
) -> list[Finding]:
    """Mark each verified claim of ``sentence`` (on page ``docname``) in the text node
    that holds it (:class:`~.nodes.ClaimText`).

    Returns the findings, each marked one with the anchor it got in the page: the
    mark holds only where the claim stands and that anchor, and the writer finds
    its evidence among the page's findings by it (:mod:`.html`).
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
    )
    # Anchors in reading order; claims marked from the end, as they were once
    # wrapped in nodes of their own (a claim holding one marked already is not marked).
    anchors = {i: claim_id(findings[i].text, sentence.text, used_ids) for i in order}
    for index in reversed(order):
        finding = findings[index]
        assert finding.span is not None
        anchor = anchors[index]
        start, end = finding.span
        if _mark(text_nodes, start, end, anchor, docname):
            marked[index] = finding._replace(anchor=anchor)
    return marked


def mark_citation(
    sentence: Sentence,
    findings: list[Finding],
    entries: Mapping[str, Entry],
    texts: Mapping[str, str],
    used_ids: set[str],
    docname: str,
    fragments: Mapping[tuple[str, int, int], str | None] | None = None,
) -> list[Finding]:
    """Wrap the citation of the source ``sentence`` is aligned to in a
    :class:`~.nodes.CitedPassage` naming its finding and, where a Text Fragment
    leads to the passage, the original's address at the passage (``texts``: each source's
    archived text, by key; ``fragments``: the Text Fragments :func:`passage_fragments`
    found, else each is found here). The wrapper holds only the anchor, the page and
    the original's address; the writer finds the passage among the page's findings.
    Returns the findings, the aligned one with its anchor.

    The anchor is made like a claim's (:func:`claim_id`), from the sentence's
    first words: ``passage-...``.
    """
    fragments = fragments or {}
    index = next((i for i, f in enumerate(findings) if _aligned(f)), None)
    if index is None:
        return findings
    aligned = findings[index]
    evidence = aligned.evidence
    assert evidence is not None
    citation = next(
        (
            node
            for node, keys in sentence.citations
            if evidence.key in keys
            and node.parent is not None
            and not isinstance(node.parent, CitedPassage)
        ),
        None,
    )
    if citation is None:
        return findings
    entry = entries.get(evidence.key)
    url = entry_url(entry)
    original = url
    text = texts.get(evidence.key)
    if url and text is not None:
        where = (evidence.key, evidence.passage_start, evidence.passage_end)
        fragment = (
            fragments[where]
            if where in fragments
            else passage_fragment(text, evidence.passage_start, evidence.passage_end)
        )
        if fragment:
            original = url + fragment
    shown = sentence_text(sentence.text)
    anchor = claim_id(shown, sentence.text, used_ids, prefix="passage")
    wrapper = CitedPassage()
    wrapper.attributes.update(
        classes=["fc-cite"], claim_id=anchor, docname=docname, original=original
    )
    # The citation, found in its parent at once (an element is only ever equal to
    # itself), is put inside the wrapper; its ids stay its own.
    parent = _holding_document(citation.parent)
    parent[parent.children.index(citation)] = wrapper
    wrapper.append(citation)
    marked = list(findings)
    marked[index] = aligned._replace(anchor=anchor)
    return marked


def claim_anchors(node: nodes.Node) -> list[str]:
    """The anchors of the verified claims (``claim-...``) and cited passages
    (``passage-...``) marked in ``node`` and below it, in reading order: what another
    extension reads to link a table row or a paragraph to its claims.

    >>> from docutils import nodes
    >>> from sphinxcontrib.factcheck.nodes import ClaimMark, ClaimText
    >>> text = ClaimText("Officers seized 4,200 pounds.")
    >>> text.claims = (ClaimMark(16, 21, "claim-4200-9f1326", "index"),)
    >>> cited = CitedPassage("", claim_id="passage-officers-seized-9f1326")
    >>> claim_anchors(nodes.paragraph("", "", text, cited))
    ['claim-4200-9f1326', 'passage-officers-seized-9f1326']
    """
    anchors: list[str] = []
    for found in node.findall():
        if isinstance(found, ClaimText):
            anchors += [claim.claim_id for claim in found.claims]
        elif isinstance(found, CitedPassage):
            anchors.append(found["claim_id"])
    return anchors


def _aligned(finding: Finding) -> bool:
    return (
        finding.kind is ClaimKind.SENTENCE
        and finding.status is Status.ALIGNED
        and finding.evidence is not None
    )


def passage_fragment(text: str, start: int, end: int) -> str | None:
    """The Text Fragment (``#:~:text=...``) that leads to the passage between ``start``
    and ``end`` of a source's archived ``text``, checked to find that passage and no
    other; or None."""
    fragment = text_fragment(text, start, end)
    found = find_text_fragment(text, fragment) if fragment else None
    if fragment and found and text[found[0] : found[1]] == text[start:end].strip():
        return fragment
    return None


def passage_fragments(
    found: Iterable[Iterable[Finding]], texts: Callable[[str], str | None]
) -> dict[tuple[str, int, int], str | None]:
    """The Text Fragment of every passage a sentence of ``found`` is aligned to or a
    verified claim rests on, by (key, passage start, passage end), as
    :func:`mark_citation` and the evidence appendix read them; ``texts`` gives each
    source's archived text (None: no original to link to). Found with the findings
    (in a worker of :mod:`.background`, and stored with them), so marking a page
    and writing the appendix need not search."""
    fragments: dict[tuple[str, int, int], str | None] = {}
    for findings in found:
        for finding in findings:
            evidence = finding.evidence
            if evidence is None or not (_aligned(finding) or finding.status is Status.VERIFIED):
                continue
            where = (evidence.key, evidence.passage_start, evidence.passage_end)
            text = texts(evidence.key) if where not in fragments else None
            if text is not None:
                fragments[where] = passage_fragment(
                    text, evidence.passage_start, evidence.passage_end
                )
    return fragments


def _mark(
    text_nodes: list[tuple[int, nodes.Text]], start: int, end: int, anchor: str, docname: str
) -> bool:
    """Mark the claim between two block offsets in the text node that holds it, if one
    does and no claim marked in it overlaps it."""
    for index, (offset, text_node) in enumerate(text_nodes):
        if not (offset <= start and end <= offset + len(text_node)) or text_node.parent is None:
            continue
        first, last = start - offset, end - offset
        claims = text_node.claims if isinstance(text_node, ClaimText) else ()
        if any(first < claim.end and claim.start < last for claim in claims):
            return False
        if not claims:
            marked = ClaimText(str(text_node))
            parent = _holding_document(text_node.parent)
            # Found by identity: a text node is equal to any other of the same text.
            parent[next(i for i, n in enumerate(parent.children) if n is text_node)] = marked
            text_nodes[index] = (offset, marked)
        else:
            marked = text_node
        mark = ClaimMark(first, last, anchor, docname)
        marked.claims = tuple(sorted((*claims, mark), key=_START))
        return True
    return False


_START = operator.itemgetter(0)


def _holding_document(node: nodes.Element) -> nodes.Element:
    """``node``, made to hold the document it stands in, so that each child added to
    it finds the document at once (docutils otherwise looks for it up the tree, for
    each child, several times)."""
    node.document = node.document
    return node
