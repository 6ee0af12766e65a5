"""Verified claims in HTML: a link to the evidence, with the passage in a tooltip;
and behind every cited sentence's citation, the passage it is aligned to.

A claim is a subtle link to its passage in the evidence appendix (or, with no
appendix, a focusable span). Its tooltip (the passage with the claim
highlighted, the source, and a button that copies the claim with its
citation for a memo) is written into a ``<template>`` beside it, which
``static/factcheck.js`` turns into a popover shown on hover or keyboard
focus. Kept in a template, the tooltip's text is not part of the page's
text: Sphinx's search summaries, which read the page's text, never run a
passage of a source into the handbook's prose.

What the copy button copies is written at build time, each part in its own
element, so the script only joins them: the sentence that states the claim,
the source's citation and address, the verified passage, and the claim's
permalink under ``html_baseurl`` (or, without one, the page's address as the
browser knows it). Nothing is written twice in a page: a tooltip's memo
holds only its sentence, and the passage where the tooltip shows part of it
(else the script copies the tooltip's, and a citation's link to the original
at its passage), each written in the first memo that holds it and named by
the later ones (the sentence of a claim and of its citation, say); the script
gives the memo its tooltip's anchor and source. So is a passage that several
tooltips show (the figures of one sentence): a later tooltip names the first
and where its own claim is highlighted, and the script writes it from there.
What the memos and tooltips of a page share is written once in the page, in a
template of the page (the work, the page's title and its address) and one of
each source (its citation, which the script writes into each tooltip that
names the source by key, and its address).

A cited sentence's citation (:class:`~.nodes.CitedPassage`) gets the same
tooltip, shown when the citation is hovered or its link focused: the passage
the sentence is aligned to, the source, and a link to the original at that
passage (a Text Fragment, checked against the archived text), so a sentence
without a figure is one click from its source too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from .bibliography import entry_url, short_citation
from .config import get_config
from .marking import evidence_id, sentence_text
from .nodes import CitedPassage, ClaimText, EvidencePassage
from .records import Evidence, Finding

logger = logging.getLogger(__name__)

#: How much of a passage a tooltip shows around the claim.
TOOLTIP_CHARACTERS = 360
#: The label of the copy button, in the tooltip and in the evidence appendix.
COPY_LABEL = "Copy with citation"


class _PageFacts(NamedTuple):
    """What every tooltip of a page shares, read once per page."""

    #: The evidence appendix's docname, or "" where there is none, and its address
    #: from this page.
    evidence_page: str
    evidence_uri: str
    #: The work and the page a memo names.
    work: str
    title: str
    #: The page's address under ``html_baseurl``, or "" where that is not set.
    address: str
    #: The findings that the page's marks name, and their sources' citations.
    recorded: _Recorded
    #: The templates of what the page's memos share written so far: "" (the page's),
    #: and the keys of the sources (:func:`_shared_templates`).
    written: set[str]
    #: The parts of the page's tooltip memos written so far, (name, escaped value),
    #: each with the anchor of the tooltip whose memo holds it (:func:`_tip_memo`).
    memo_parts: dict[tuple[str, str], str]
    #: The passages the page's tooltips show, as text, each with the anchor of the
    #: first tooltip that shows it (:func:`_tip_passage`).
    tip_passages: dict[str, str]


class _Recorded:
    """The findings of the pages a translator writes, by page and anchor (a page's
    marks name its findings, which hold their evidence), and each source's short
    citation and address, each found once."""

    def __init__(self, env: Any) -> None:
        domain = env.get_domain("factcheck")
        self._documents = domain.documents
        self._entries = domain.entries
        self._date_field = get_config(env.config).date_field
        self._by_anchor: dict[str, dict[str, Finding]] = {}
        self._sources: dict[str, tuple[str, str]] = {}

    def finding(self, docname: str, anchor: str) -> Finding | None:
        """The finding of page ``docname`` marked with ``anchor``, or None."""
        found = self._by_anchor.get(docname)
        if found is None:
            record = self._documents.get(docname)
            findings = record.findings if record is not None else ()
            found = self._by_anchor[docname] = {f.anchor: f for f in findings if f.anchor}
        return found.get(anchor)

    def source(self, key: str) -> tuple[str, str]:
        """A source's :func:`.short_citation` and its address ("" where it has none)."""
        found = self._sources.get(key)
        if found is None:
            entry = self._entries.get(key)
            found = self._sources[key] = (
                short_citation(key, entry, self._date_field),
                entry_url(entry),
            )
        return found


def _page_facts(translator: Any) -> _PageFacts:
    """The :class:`_PageFacts` of the page ``translator`` writes (kept on it)."""
    facts = getattr(translator, "_factcheck_page_facts", None)
    if facts is None:
        builder = translator.builder
        configured = get_config(builder.config).evidence_page
        titles = builder.env.titles
        docname = builder.current_docname
        page = configured if configured and configured in builder.env.all_docs else ""
        facts = _PageFacts(
            evidence_page=page,
            evidence_uri=builder.get_relative_uri(docname, page) if page else "",
            work=builder.config.html_title or builder.config.project,
            title=titles[docname].astext() if docname in titles else "",
            address=page_address(builder, docname),
            recorded=_Recorded(builder.env),
            written=set(),
            memo_parts={},
            tip_passages={},
        )
        translator._factcheck_page_facts = facts
    return facts


def page_address(builder: Any, docname: str) -> str:
    """The address of a page under ``html_baseurl``, or "" where that is not set."""
    base = builder.config.html_baseurl
    return base.rstrip("/") + "/" + builder.get_target_uri(docname) if base else ""


def permalink(address: str, anchor: str) -> str:
    """The address of an anchor of the page at ``address`` (:func:`page_address`), or
    "" where the page has none.

    >>> permalink("https://example.org/a.html", "claim-x"), permalink("", "claim-x")
    ('https://example.org/a.html#claim-x', '')
    """
    return address + "#" + anchor if address else ""


def escape_all(values: list[str]) -> list[str]:
    """Each of ``values`` escaped for HTML, all in one pass: joined by NULs (if none
    holds one), escaped as one text, and parted again.

    >>> escape_all(["<b>", "Tom & Jerry", ""])
    ['&lt;b&gt;', 'Tom &amp; Jerry', '']
    """
    escaped = html.escape("\0".join(values)).split("\0")
    return escaped if len(escaped) == len(values) else [html.escape(v) for v in values]


def memo_template(anchor: str, parts: dict[str, str]) -> str:
    """What a copy button copies: a ``<template>`` of parts that the script joins.

    ``anchor`` is the element the permalink points to, for the script to
    make one from the page's address when there is no ``html_baseurl``.

    >>> print(memo_template("claim-x", {"sentence": "Nearly 110,000 died.", "link": "#x"}).replace("><", ">\\n<"))
    <template class="fc-memo" data-fc-anchor="claim-x">
    <span data-fc-part="sentence">Nearly 110,000 died.</span>
    <span data-fc-part="link">#x</span>
    </template>
    """
    values = escape_all([anchor, *parts.values()])
    return _memo_markup(values[0], parts, values[1:])


def _memo_markup(anchor: str, names: Iterable[str], values: Iterable[str]) -> str:
    """:func:`memo_template` of values escaped already."""
    spans = _part_spans(names, values)
    return f'<template class="fc-memo" data-fc-anchor="{anchor}">{spans}</template>'


def _tip_memo(anchor: str, names: Iterable[str], values: Iterable[str], facts: _PageFacts) -> str:
    """The memo of the tooltip of claim ``anchor``: its parts (escaped already) alone.
    The script gives it its tooltip's anchor and the key of its tooltip's source,
    whose template of the page (:func:`_shared_templates`) gives the memo's source
    and its address.

    Each part is written once in the page: a sentence with several claims, or a
    passage that several claims rest on, is written in the first of their memos,
    and a later memo names the tooltip whose memo holds it (``data-fc-as``), where
    the script reads it.

    >>> facts = _PageFacts("", "", "Work", "Page", "", None, set(), {}, {})
    >>> _tip_memo("claim-a", ["sentence"], ["Seizures rose in 2023 at every port."], facts)
    '<template class="fc-memo"><span data-fc-part="sentence">Seizures rose in 2023 at every port.</span></template>'
    >>> _tip_memo("claim-b", ["sentence"], ["Seizures rose in 2023 at every port."], facts)
    '<template class="fc-memo"><span data-fc-part="sentence" data-fc-as="claim-a"></span></template>'
    """
    spans = []
    for name, value in zip(names, values, strict=True):
        earlier = facts.memo_parts.setdefault((name, value), anchor)
        if earlier != anchor and len(value) > len(earlier) + len(' data-fc-as=""'):
            spans.append(f'<span data-fc-part="{name}" data-fc-as="{earlier}"></span>')
        else:
            spans.append(f'<span data-fc-part="{name}">{value}</span>')
    return f'<template class="fc-memo">{"".join(spans)}</template>'


def _part_spans(names: Iterable[str], values: Iterable[str]) -> str:
    return "".join(
        [
            f'<span data-fc-part="{name}">{value}</span>'
            for name, value in zip(names, values, strict=True)
        ]
    )


#: The parts of a tooltip's memo (a claim's or a cited passage's): what is its own.
_TIP_MEMO = ("sentence", "passage")
#: The parts the memos of a page share: the page's, and each source's.
_PAGE_MEMO = ("work", "page", "address")
_SOURCE_MEMO = ("source", "source-url")


def _shared_templates(facts: _PageFacts, key: str) -> str:
    """What the memos of the page share and the page does not hold yet, for a memo of
    source ``key``: the template of the page (its work, title and address under
    ``html_baseurl``) and the source's (its citation and address), each written once
    in the page, outside any tooltip, where the script finds them.

    >>> class Recorded:
    ...     def source(self, key):
    ...         return f"{key} (2024)", "https://example.org/k"
    >>> facts = _PageFacts("", "", "Work", "Page", "https://example.org/a.html", Recorded(), set(), {}, {})
    >>> print(_shared_templates(facts, "K").replace("><", ">\\n<"))
    <template class="fc-memo-page">
    <span data-fc-part="work">Work</span>
    <span data-fc-part="page">Page</span>
    <span data-fc-part="address">https://example.org/a.html</span>
    </template>
    <template class="fc-memo-source" data-fc-source="K">
    <span data-fc-part="source">K (2024)</span>
    <span data-fc-part="source-url">https://example.org/k</span>
    </template>
    >>> _shared_templates(facts, "K")
    ''
    """
    if key in facts.written and "" in facts.written:
        return ""
    pieces = []
    if "" not in facts.written:
        facts.written.add("")
        parts = _part_spans(_PAGE_MEMO, escape_all([facts.work, facts.title, facts.address]))
        pieces.append(f'<template class="fc-memo-page">{parts}</template>')
    if key not in facts.written:
        facts.written.add(key)
        escaped_key, *values = escape_all([key, *facts.recorded.source(key)])
        parts = _part_spans(_SOURCE_MEMO, values)
        pieces.append(
            f'<template class="fc-memo-source" data-fc-source="{escaped_key}">{parts}</template>'
        )
    return "".join(pieces)


def visit_claim_text_html(translator: Any, node: ClaimText) -> None:
    """Write a text with its claims: each a link to its evidence (with no appendix, a
    focusable span) followed by the ``<template>`` of its tooltip; the text between
    them as the translator writes any text (Sphinx's, for running text outside an
    e-mail address: the text encoded; else through the translator's ``visit_Text``)."""
    facts = _page_facts(translator)
    text = str(node)
    # Sphinx's own way with a text, unless a translator has another.
    plain = type(translator).visit_Text is HTML5Translator.visit_Text and not (
        translator.protect_literal_text or translator.in_mailto
    )
    encode, body = translator.encode, translator.body
    pieces: list[str] = []
    position = 0
    for claim in node.claims:
        finding = facts.recorded.finding(claim.docname, claim.claim_id)
        if finding is None or finding.evidence is None:
            _unrecorded(node, claim.claim_id, claim.docname)
            continue  # its text is written with the text around it
        pieces.append(text[position : claim.start])
        cid = claim.claim_id
        shared = _shared_templates(facts, finding.evidence.key)
        if facts.evidence_page:
            href = (
                facts.evidence_uri
                + "#"
                + evidence_id(finding.evidence.key, finding.evidence.passage_start)
            )
            pieces.append(f'{shared}<a class="fc-claim" id="{cid}" href="{href}">')
        else:
            pieces.append(f'{shared}<span class="fc-claim" id="{cid}" tabindex="0">')
        pieces.append(text[claim.start : claim.end])
        pieces.append(_claim_tip(cid, finding.evidence, finding.sentence, facts))
        position = claim.end
    pieces.append(text[position:])
    # The pieces alternate: text, markup, text, markup, ..., text.
    for index, piece in enumerate(pieces):
        if index % 2:
            body.append(piece)
        elif not piece:
            continue
        elif plain:
            body.append(encode(nodes.unescape(piece) if "\0" in piece else piece))
        else:
            part = nodes.Text(piece)
            part.parent = node.parent
            translator.visit_Text(part)
            translator.depart_Text(part)


def depart_claim_text_html(translator: Any, node: ClaimText) -> None:
    pass


def _claim_tip(anchor: str, evidence: Evidence, sentence: str, facts: _PageFacts) -> str:
    """The end of a claim's link, and its tooltip: the passage with the claim
    highlighted, the source, and what the copy button copies (every text escaped in
    one pass)."""
    closing = "</a>" if facts.evidence_page else "</span>"
    passage = evidence.passage
    start, end = evidence.start - evidence.passage_start, evidence.end - evidence.passage_start
    first = max(0, start - TOOLTIP_CHARACTERS // 2)
    last = min(len(passage), end + TOOLTIP_CHARACTERS // 2)
    # The memo's own passage, unless the tooltip shows the whole of it (which the
    # script copies then).
    whole = not first and last == len(passage)
    own = [sentence_text(sentence)]
    if not (whole and spaced_alike(passage)):
        own.append(" ".join(passage.split()))
    opening, closing_dots = "…" if first else "", "…" if last < len(passage) else ""
    before, highlighted, after, key, *memo = escape_all(
        [passage[first:start], passage[start:end], passage[end:last], evidence.key, *own]
    )
    shown = f"{opening}{before}<mark>{highlighted}</mark>{after}{closing_dots}"
    text = opening + passage[first:last] + closing_dots
    mark = _utf16_length(opening + passage[first:start])
    highlight = (mark, mark + _utf16_length(passage[start:end]))
    return (
        f'{closing}<template class="fc-tip-content" data-fc-claim="{anchor}">'
        f"{_tip_passage(anchor, text, shown, facts, highlight)}"
        f'<span class="fc-tip-source" data-fc-source="{key}"></span>'
        f"{_tip_memo(anchor, _TIP_MEMO[: len(memo)], memo, facts)}</template>"
    )


def _tip_passage(
    anchor: str,
    text: str,
    shown: str,
    facts: _PageFacts,
    highlight: tuple[int, int] | None = None,
) -> str:
    """The passage the tooltip of ``anchor`` shows: ``text``, written as ``shown``
    (escaped, the claim highlighted). A passage an earlier tooltip of the page shows
    (the other figures of a sentence, the sentence's citation) is written there
    once: this tooltip names that one (``data-fc-as``) and where its own claim is
    highlighted (``data-fc-mark``: from and to, in the UTF-16 code units a script
    counts), and the script writes it from there, unless naming it takes more room
    or the browser would read it otherwise than written (a carriage return, a NUL).

    >>> facts = _PageFacts("", "", "Work", "Page", "", None, set(), {}, {})
    >>> text = "Seizures rose at every port in 2023."
    >>> _tip_passage("claim-a", text, "<mark>Seizures</mark>" + text[8:], facts, (0, 8))
    '<span class="fc-tip-passage"><mark>Seizures</mark> rose at every port in 2023.</span>'
    >>> _tip_passage("claim-b", text, text[:31] + "<mark>2023</mark>.", facts, (31, 35))
    '<span class="fc-tip-passage" data-fc-as="claim-a" data-fc-mark="31 35"></span>'
    """
    earlier = facts.tip_passages.setdefault(text, anchor)
    named = f' data-fc-as="{earlier}"'
    if highlight is not None:
        named += f' data-fc-mark="{highlight[0]} {highlight[1]}"'
    if earlier == anchor or len(shown) <= len(named) or _READ_OTHERWISE.search(text):
        return f'<span class="fc-tip-passage">{shown}</span>'
    return f'<span class="fc-tip-passage"{named}></span>'


#: What a browser reads otherwise than written in a page's text: a carriage return
#: (read as a line feed) and a NUL.
_READ_OTHERWISE = re.compile("[\r\0]")


def _utf16_length(text: str) -> int:
    """How long a text is to a script: in UTF-16 code units.

    >>> _utf16_length("año"), _utf16_length("\U0001f600")
    (3, 2)
    """
    return len(text.encode("utf-16-le")) // 2


#: What the script and Python do not both take for a space, or what a browser
#: reads otherwise than written (a NUL): a passage holding one gives its memo its
#: own words, not its tooltip's.
_SPACED_OTHERWISE = re.compile("[\0\x1c-\x1f\x85\ufeff]")


def spaced_alike(text: str) -> bool:
    r"""Whether the script, joining the words of ``text`` as the browser reads it,
    gets what Python's ``" ".join(text.split())`` gives: true of a text without a
    NUL and without a character that one of them takes for a space and the other
    does not (JavaScript's ``\s`` and Python's ``str.isspace``).

    >>> spaced_alike("Nearly 110,000\u00a0people died."), spaced_alike("a\x1fb")
    (True, False)
    """
    return _SPACED_OTHERWISE.search(text) is None


def _unrecorded(node: Any, anchor: str, docname: str) -> None:
    """Warn of a mark whose finding the build does not hold (its text is written as it
    is, without a tooltip)."""
    logger.warning(
        "claim %s is marked in the page but not among the findings of %s",
        anchor,
        docname,
        location=node.parent if isinstance(node, nodes.Text) else node,
        type="factcheck",
        subtype="mark",
    )


def visit_cited_passage_html(translator: Any, node: CitedPassage) -> None:
    translator.body.append(f'<span class="fc-cite" id="{node["claim_id"]}">')


def depart_cited_passage_html(translator: Any, node: CitedPassage) -> None:
    facts = _page_facts(translator)
    anchor = node["claim_id"]
    finding = facts.recorded.finding(node["docname"], anchor)
    if finding is None or finding.evidence is None:
        _unrecorded(node, anchor, node["docname"])
        translator.body.append("</span>")
        return
    passage = " ".join(finding.evidence.passage.split())
    shown = passage
    if len(shown) > 2 * TOOLTIP_CHARACTERS:
        shown = shown[: 2 * TOOLTIP_CHARACTERS].rsplit(" ", 1)[0] + " …"
    original = node.get("original", "")
    text = shown  # before it is escaped
    # The memo's own passage, unless the tooltip shows the whole of it (which the
    # script copies then, with the tooltip's link to the original where it is not
    # the source's own address).
    own = [sentence_text(finding.sentence)]
    if not (shown == passage and spaced_alike(passage)):
        own.append(passage)
    shown, address, key, *memo = escape_all([shown, original, finding.evidence.key, *own])
    link = (
        f' <a class="fc-tip-original" href="{address}">The passage in the original</a>'
        if original
        else ""
    )
    translator.body.append(
        f"</span>{_shared_templates(facts, finding.evidence.key)}"
        f'<template class="fc-tip-content" data-fc-claim="{anchor}">'
        f'<span class="fc-tip-label">The passage this sentence rests on</span>'
        f"{_tip_passage(anchor, text, shown, facts)}"
        f'<span class="fc-tip-source" data-fc-source="{key}">{link}</span>'
        f"{_tip_memo(anchor, _TIP_MEMO[: len(memo)], memo, facts)}</template>"
    )


def _encode_all(translator: Any, values: list[str]) -> list[str]:
    """Each of ``values`` encoded by the translator (its ``encode``), all in one pass, as
    :func:`escape_all` does."""
    encoded = translator.encode("\0".join(values)).split("\0")
    return encoded if len(encoded) == len(values) else [translator.encode(v) for v in values]


#: What the writer makes a space in an attribute's value (docutils' ``attval``).
_ATTRIBUTE_WHITESPACE = re.compile("[\n\r\t\v\f]")


def visit_evidence_passage_html(translator: Any, node: EvidencePassage) -> None:
    """Write a passage of the evidence appendix: its box, the passage with its claims
    highlighted, its uses as links, the original, and the copy button; the same
    markup as the writer gives the container, paragraphs, spans and references it
    would be made of (texts as it writes a text, addresses as it writes an
    attribute's value), written at once."""
    pieces, uses, original = node["pieces"], node["uses"], node["original"]
    texts = [piece for piece, _ in pieces]
    texts += [label if "\0" not in label else nodes.unescape(label) for label, _, _ in uses]
    addresses = [address for _, first, places in uses if first for address in (first, *places)]
    if original is not None:
        texts.append(original[0])
        addresses.append(original[1])
    encoded = iter(
        _encode_all(translator, texts + [_ATTRIBUTE_WHITESPACE.sub(" ", a) for a in addresses])
    )
    body = [translator.starttag(node, "div", CLASS="docutils container")]
    body.append('<p class="fc-passage-text">')
    for (_, claim), text in zip(pieces, [next(encoded) for _ in pieces], strict=True):
        body.append(f'<span class="fc-highlight">{text}</span>' if claim else text)
    labels = [next(encoded) for _ in uses]
    link_text = next(encoded) if original is not None else ""
    body.append('</p>\n<p class="fc-passage-meta">Used in: ')
    for number, ((_, first, places), label) in enumerate(zip(uses, labels, strict=True)):
        if number:
            body.append("; ")
        if not first:
            body.append(label)
            continue
        body.append(f'<a class="reference internal" href="{next(encoded)}">{label}</a>')
        if places:
            links = ", ".join(
                [
                    f'<a class="reference internal" href="{next(encoded)}">{index}</a>'
                    for index in range(1, len(places) + 1)
                ]
            )
            body.append(f" ({len(places)} places: {links})")
    if original is not None:
        body.append(f'. <a class="reference external" href="{next(encoded)}">{link_text}</a>')
    body.append(
        f'</p>\n<div class="no-search"><p><button type="button" class="fc-copy">{COPY_LABEL}'
        f"</button>{node['memo']}</p></div></div>\n"
    )
    translator.body.extend(body)
    raise nodes.SkipNode
