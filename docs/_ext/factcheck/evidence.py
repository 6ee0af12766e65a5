"""Evidence one click away: verified claims marked in the page, and the
Evidence appendix that lists every source passage the handbook relies on.

- While a document is read, each verified figure or quotation is wrapped in
  a :class:`Claim` node carrying its evidence (source key, passage, offsets).
- In HTML a claim is a subtle link to its passage in the appendix, with a
  tooltip that shows the passage, the figure highlighted, on hover or focus.
  Other builders (the PDF) print it as plain text.
- The ``{evidence-index}`` directive is replaced, once every document has
  been read, by the passages grouped by source, each with a link to the
  original article at that passage (a Text Fragment, ``#:~:text=``) and links
  back to every place the handbook uses it.

Everything shown comes from the fact check's findings, so the appendix can
never show a figure that was not verified.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .collect import Sentence
from .records import Finding, Status

#: How much of a passage a tooltip shows around the figure.
TOOLTIP_CHARACTERS = 360


class Claim(nodes.inline):
    """A verified figure or quotation, carrying its evidence."""


class EvidenceIndex(nodes.General, nodes.Element):
    """Placeholder for the Evidence appendix, filled in when all documents are read."""


def evidence_id(key: str, passage_start: int) -> str:
    """The stable anchor of a source passage in the Evidence appendix.

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


def text_fragment(sentence: str) -> str:
    """A Text Fragment (``#:~:text=``) that finds a source sentence in the original.

    >>> text_fragment("Nearly 110,000 people died last year of drug overdoses.")
    '#:~:text=Nearly%20110%2C000%20people%20died,last%20year%20of%20drug%20overdoses'
    """
    words = [w.strip("\"“”'‘’()") for w in sentence.split()]
    words = [w for w in words if w]
    words[-1] = words[-1].rstrip(".,;:!?") if words else ""

    def encode(part: list[str]) -> str:
        return urllib.parse.quote(" ".join(part), safe="").replace("-", "%2D")

    if len(words) <= 8:
        return "#:~:text=" + encode(words)
    return f"#:~:text={encode(words[:4])},{encode(words[-5:])}"


def mark_claims(
    sentence: Sentence,
    findings: list[Finding],
    entries: Mapping[str, Any],
    blocks: dict[int, list[tuple[int, nodes.Text]]],
    used_ids: set[str],
) -> list[Finding]:
    """Wrap each verified claim of ``sentence`` in a :class:`Claim` node.

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
            source=short_citation(evidence.key, entries.get(evidence.key)),
        )
        if _wrap(text_nodes, *finding.span, node):
            marked[index] = finding._replace(anchor=anchor)
    return marked


def short_citation(key: str, entry: Any) -> str:
    """The source as a tooltip or the appendix names it: author or outlet, date, title."""
    from bibstyle import display_name  # the handbook's bibliography style

    if entry is None:
        return key
    title = re.sub(r"[{}]", "", entry.fields.get("title", key))
    date = entry.fields.get("date", entry.fields.get("year", ""))
    return f"{display_name(entry) or key} ({date}), “{title}”"


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


# -- HTML ----------------------------------------------------------------------


def visit_claim_html(translator: Any, node: Claim) -> None:
    builder = translator.builder
    page = builder.config.factcheck_evidence_page
    cid = node["claim_id"]
    if page and page in builder.env.all_docs:
        href = builder.get_relative_uri(builder.current_docname, page) + "#" + node["evidence"]
        translator.body.append(
            f'<span class="fc-claim-wrap"><a class="fc-claim" id="{cid}" href="{href}" '
            f'aria-describedby="{cid}-tip">'
        )
    else:
        translator.body.append(
            f'<span class="fc-claim-wrap"><span class="fc-claim" id="{cid}" tabindex="0" '
            f'aria-describedby="{cid}-tip">'
        )


def depart_claim_html(translator: Any, node: Claim) -> None:
    builder = translator.builder
    page = builder.config.factcheck_evidence_page
    closing = "</a>" if page and page in builder.env.all_docs else "</span>"
    passage, (start, end) = node["passage"], node["highlight"]
    first = max(0, start - TOOLTIP_CHARACTERS // 2)
    last = min(len(passage), end + TOOLTIP_CHARACTERS // 2)
    shown = (
        ("…" if first else "")
        + html.escape(passage[first:start])
        + "<mark>"
        + html.escape(passage[start:end])
        + "</mark>"
        + html.escape(passage[end:last])
        + ("…" if last < len(passage) else "")
    )
    translator.body.append(
        f'{closing}<span class="fc-tip" role="tooltip" id="{node["claim_id"]}-tip">'
        f'<span class="fc-tip-passage">{shown}</span>'
        f'<span class="fc-tip-source">{html.escape(node["source"])}</span></span></span>'
    )


# -- The Evidence appendix -----------------------------------------------------


class EvidenceIndexDirective(SphinxDirective):
    """``{evidence-index}``: every source passage the handbook relies on."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [EvidenceIndex()]


def fill_evidence_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholder with the passages, grouped by source."""
    placeholders = list(doctree.findall(EvidenceIndex))
    if not placeholders:
        return
    from . import _bibliography, _findings, corpus_of  # the extension's shared state

    env = app.env
    corpus = corpus_of(env)
    _, entries = _bibliography(env)
    html_links = app.builder.format == "html"
    by_passage: dict[str, dict[tuple[int, int], list[Finding]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for findings in _findings(env).values():
        for finding in findings:
            if finding.status is Status.VERIFIED and finding.evidence is not None:
                ev = finding.evidence
                by_passage[ev.key][(ev.passage_start, ev.passage_end)].append(finding)
    content: list[nodes.Node] = []
    for key in sorted(by_passage, key=lambda k: short_citation(k, entries.get(k)).lower()):
        fields = entries[key].fields
        label = short_citation(key, entries.get(key))
        content.append(nodes.rubric(label, label, ids=[f"ev-{key.lower()}"]))
        url = fields.get("url", "")
        source_text = corpus.sources[key].text if corpus and key in corpus.sources else ""
        for (start, end), findings in sorted(by_passage[key].items()):
            box = nodes.container("", classes=["fc-passage"], ids=[evidence_id(key, start)])
            text = nodes.paragraph("", "", classes=["fc-passage-text"])
            position = start
            for hl_start, hl_end in _merged((f.evidence.start, f.evidence.end) for f in findings):
                text += nodes.Text(source_text[position:hl_start] if source_text else "")
                text += nodes.inline(
                    source_text[hl_start:hl_end],
                    source_text[hl_start:hl_end],
                    classes=["fc-highlight"],
                )
                position = hl_end
            text += nodes.Text(
                source_text[position:end] if source_text else findings[0].evidence.passage
            )
            box += text
            meta = nodes.paragraph("", "Used in: ", classes=["fc-passage-meta"])
            for number, finding in enumerate(sorted(findings, key=lambda f: (f.docname, f.line))):
                if number:
                    meta += nodes.Text("; ")
                title = (
                    env.titles[finding.docname].astext()
                    if finding.docname in env.titles
                    else finding.docname
                )
                label = f"{title}: “{finding.text}”"
                if html_links and finding.anchor:
                    uri = (
                        app.builder.get_relative_uri(docname, finding.docname)
                        + "#"
                        + finding.anchor
                    )
                    meta += nodes.reference(label, label, refuri=uri, internal=True)
                else:
                    meta += nodes.Text(label)
            if url and corpus and key in corpus.sources:
                source = corpus.sources[key]
                first = next(f.evidence for f in findings if f.evidence)
                start_of, end_of = source.sentences[source.sentence_at(first.start)]
                meta += nodes.Text(". ")
                link = url + text_fragment(source.text[start_of:end_of])
                meta += nodes.reference("", "Open the original at this passage", refuri=link)
            box += meta
            content.append(box)
    for placeholder in placeholders:
        placeholder.replace_self(content or [nodes.paragraph("", "No verified claims yet.")])


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
