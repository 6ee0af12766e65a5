"""The evidence appendix: every source passage the project relies on, in one place.

The ``{evidence-index}`` directive marks where it goes. Once every document
has been read, the placeholder is replaced by the passages that verify a
claim, grouped by source, each with the claims highlighted and the places
the project uses it. Everything shown comes from the findings, so the
appendix can never show a figure that was not verified; the page is
rewritten whenever what it shows changes (:mod:`.incremental`).

"Used in" names each page and claim once, with all its places (a figure a
page states three times is one entry with three links, :func:`used_in`).

Two layouts:

- HTML: each passage in a box, the places as links back into the pages, a
  link to the original article at that passage (a Text Fragment,
  :mod:`.fragments`, built from the archived text and checked against it:
  a fragment that would not lead there is a warning at the directive's
  line, and is not printed) and a "Copy with citation" button;
- any other builder (LaTeX, text): condensed, one paragraph per passage
  (the passage, its claims in bold, then each claim once with the pages that
  make it, :func:`printed_uses`), and each source's address once, under its
  heading, without the fragment: short enough for a footnote.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .bibliography import entry_url, short_citation
from .config import get_config
from .domain import FactCheckDomain, get_corpus, get_findings
from .html import memo_template, page_address, permalink
from .marking import evidence_id, passage_fragment
from .nodes import EvidenceIndex, EvidencePassage
from .records import Finding, Status

logger = logging.getLogger(__name__)

#: In print, a claim of more words than this (a long quotation) is named by
#: its first words: the passage printed with it shows it whole, in bold.
PRINTED_CLAIM_WORDS = 6


class EvidenceIndexDirective(SphinxDirective):
    """``{evidence-index}``: every source passage the project relies on."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        domain = self.env.get_domain(FactCheckDomain.name)
        assert isinstance(domain, FactCheckDomain)
        domain.note_appendix(self.env.docname)
        placeholder = EvidenceIndex()
        self.set_source_info(placeholder)
        return [placeholder]


class Use(NamedTuple):
    """One page's claim, with every place the page makes it (anchors, in page order)."""

    docname: str
    text: str
    anchors: tuple[str, ...]
    count: int


def used_in(findings: Iterable[Finding]) -> list[Use]:
    """The uses of a passage, one per page and claim (its case ignored), in page order.

    >>> from .records import ClaimKind
    >>> def f(doc, line, text, anchor):
    ...     return Finding(doc, line, ClaimKind.FIGURE, text, (), Status.VERIFIED, "", "", anchor=anchor)
    >>> used_in([f("b", 9, "two", "claim-two-1"), f("a", 3, "Two", "claim-two-2"), f("b", 2, "Two", "")])
    [Use(docname='a', text='Two', anchors=('claim-two-2',), count=1), Use(docname='b', text='Two', anchors=('claim-two-1',), count=2)]
    """
    grouped: dict[tuple[str, str], list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.docname, f.line)):
        grouped.setdefault((finding.docname, finding.text.casefold()), []).append(finding)
    return [
        Use(docname, group[0].text, tuple(f.anchor for f in group if f.anchor), len(group))
        for (docname, _), group in grouped.items()
    ]


def fill_evidence_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholder with the passages, grouped by source."""
    env = app.env
    domain = env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    if not domain.appendix:  # no page holds a placeholder (one may be inside an
        return  # assembled document, as in LaTeX: each doctree is searched)
    placeholders = list(doctree.findall(EvidenceIndex))
    if not placeholders:
        return
    corpus = get_corpus(env)
    entries = domain.entries
    date_field = get_config(app).date_field
    html = app.builder.format == "html"
    by_passage: dict[str, dict[tuple[int, int], list[Finding]]] = defaultdict(
        lambda: defaultdict(list)
    )
    # The Text Fragments found when the pages were checked (none for a page checked
    # by an older build: those are found here).
    fragments = {
        where: fragment
        for record in domain.documents.values()
        for where, fragment in record.fragments
    }
    for finding in get_findings(env):
        if finding.status is Status.VERIFIED and finding.evidence is not None:
            ev = finding.evidence
            by_passage[ev.key][(ev.passage_start, ev.passage_end)].append(finding)
    content: list[nodes.Node] = []

    def citation(key: str) -> str:
        return short_citation(key, entries.get(key), date_field)

    @functools.cache  # a page's address and title are read for each of its uses
    def page_uri(doc: str) -> str:
        return app.builder.get_relative_uri(docname, doc)

    @functools.cache
    def title(doc: str) -> str:
        return env.titles[doc].astext() if doc in env.titles else doc

    address = page_address(app.builder, docname)  # the appendix's, for its permalinks

    for key in sorted(by_passage, key=lambda k: citation(k).lower()):
        label = citation(key)
        content.append(nodes.rubric(label, label, ids=[f"ev-{key.lower()}"]))
        url = entry_url(entries.get(key))
        # The archived text alone: the appendix needs no source's index.
        text = corpus.text_of(key) if corpus and key in corpus.sources else None
        if url and not html:
            content.append(nodes.paragraph("", "", nodes.reference(url, url, refuri=url)))
        for (start, end), findings in sorted(by_passage[key].items()):
            uses = used_in(findings)
            pieces = _passage_pieces(text or "", start, end, findings)
            if not html:
                passage = _printed_passage(pieces)
                passage += nodes.Text(" ")
                passage += nodes.emphasis("Used in:", "Used in:")
                passage += nodes.Text(" " + printed_uses(uses, title) + ".")
                content.append(passage)
                continue
            content.append(
                _html_entry(
                    app,
                    docname,
                    evidence_id(key, start),
                    pieces,
                    uses,
                    page_uri,
                    title,
                    address,
                    original=_original_at(url, text, start, end, key, placeholders[0], fragments)
                    if url and text is not None
                    else "",
                    url=url,
                    label=label,
                    text=" ".join(findings[0].evidence.passage.split()),
                )
            )
    for placeholder in placeholders:
        placeholder.replace_self(content or [nodes.paragraph("", "No verified claims yet.")])


def _html_entry(
    app: Sphinx,
    docname: str,
    anchor: str,
    pieces: list[tuple[str, bool]],
    uses: list[Use],
    page_uri: Callable[[str], str],
    title: Callable[[str], str],
    address: str,
    original: str,
    url: str,
    label: str,
    text: str,
) -> EvidencePassage:
    """One passage in HTML: its box, its uses as links, the original, a copy button
    (an :class:`~.nodes.EvidencePassage`, which :mod:`.html` writes at once)."""
    links = tuple(_use_links(use, page_uri, title) for use in uses)
    link_text = "Open the original at this passage" if original else "Open the original"
    memo = memo_template(
        anchor,
        {
            "source": label,
            "source-url": url,
            "passage": text,
            "original": original,
            "work": app.config.html_title or app.config.project,
            "page": title(docname),
            "link": permalink(address, anchor),
        },
    )
    # What the search reads of the box, as it would read the box's texts one by one:
    # not the button's label nor the memo, which are not the page's text.
    searchable = [piece for piece, _ in pieces]
    searchable.append("Used in:")
    for use_label, _, places in links:
        searchable.append(use_label)
        if places:
            searchable += [f"({len(places)} places:", *map(str, range(1, len(places) + 1))]
    if url:
        searchable.append(link_text)
    box = EvidencePassage(
        "",
        nodes.Text(" ".join(searchable)),
        classes=["fc-passage"],
        ids=[anchor],
    )
    box.attributes.update(
        pieces=tuple(pieces),
        uses=links,
        original=(link_text, original or url) if url else None,
        memo=memo,
    )
    return box


def _passage_pieces(
    source_text: str, start: int, end: int, findings: list[Finding]
) -> list[tuple[str, bool]]:
    """The passage in pieces, each with whether it is a claim (highlighted in HTML,
    in bold in print)."""
    if not source_text:
        return [(findings[0].evidence.passage, False)]
    pieces = []
    position = start
    for hl_start, hl_end in _merged((f.evidence.start, f.evidence.end) for f in findings):
        pieces.append((source_text[position:hl_start], False))
        pieces.append((source_text[hl_start:hl_end], True))
        position = hl_end
    pieces.append((source_text[position:end], False))
    return pieces


def _printed_passage(pieces: list[tuple[str, bool]]) -> nodes.paragraph:
    """The passage for other builders than HTML, its claims in bold."""
    text = nodes.paragraph("", "", classes=["fc-passage-text"])
    for piece, claim in pieces:
        text += nodes.strong(piece, piece) if claim else nodes.Text(piece)
    return text


def _use_links(
    use: Use, page_uri: Callable[[str], str], title: Callable[[str], str]
) -> tuple[str, str, tuple[str, ...]]:
    """A use as links: its label (the page's title and the claim), the address of the
    claim's first place ("" where it has none), and the address of every place where
    it has more than one."""
    label = f"{title(use.docname)}: “{use.text}”"
    if not use.anchors:
        return label, "", ()
    page = page_uri(use.docname)
    places = tuple(f"{page}#{anchor}" for anchor in use.anchors)
    return label, places[0], places if len(places) > 1 else ()


def printed_uses(uses: Iterable[Use], title: Callable[[str], str]) -> str:
    """The uses of a passage in print: each claim once, with the pages that make it.

    The passage itself is printed just before, its claims in bold, so a long
    quotation is named by its first words (:data:`PRINTED_CLAIM_WORDS`).

    >>> uses = [Use("a", "two in three", ("x",), 4), Use("b", "Two in three", (), 1),
    ...         Use("b", "We have seen a record number of seizures", (), 2)]
    >>> printed_uses(uses, str.upper)
    '“two in three”: A (4 places), B; “We have seen a record number …”: B (2 places)'
    """
    by_claim: dict[str, list[Use]] = {}
    for use in uses:
        by_claim.setdefault(use.text.casefold(), []).append(use)
    printed = []
    for claim_uses in by_claim.values():
        words = claim_uses[0].text.split()
        claim = " ".join(words[:PRINTED_CLAIM_WORDS]) + (
            " …" if len(words) > PRINTED_CLAIM_WORDS else ""
        )
        pages = ", ".join(
            title(use.docname) + (f" ({use.count} places)" if use.count > 1 else "")
            for use in claim_uses
        )
        printed.append(f"“{claim}”: {pages}")
    return "; ".join(printed)


def _original_at(
    url: str,
    source_text: str,
    start: int,
    end: int,
    key: str,
    where: nodes.Node,
    fragments: Mapping[tuple[str, int, int], str | None],
) -> str:
    """The original's address at a passage, checked against the archived text; or ''.

    ``fragments``: the Text Fragments found when the pages were checked; one not
    among them is found and checked here, in the same way (:func:`.marking.passage_fragment`)."""
    wanted = source_text[start:end].strip()
    if (key, start, end) in fragments:
        fragment = fragments[key, start, end]
    else:
        fragment = passage_fragment(source_text, start, end)
    if fragment is None:
        logger.warning(
            "%s: no Text Fragment leads to the passage at offset %d of its archived source "
            "(%r...); the appendix links to the top of the original",
            key,
            start,
            wanted[:40],
            location=where,
            type="factcheck",
            subtype="fragment",
        )
        return ""
    return url + fragment


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
