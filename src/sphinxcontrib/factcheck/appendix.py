"""The evidence appendix: every source passage the project relies on, in one place.

The ``{evidence-index}`` directive marks where it goes. Once every document
has been read, the placeholder is replaced by the passages that verify a
claim, grouped by source, each with the claims highlighted, links back to
every place the project uses it, and a link to the original article at that
passage (a Text Fragment, :mod:`.fragments`). Everything shown comes from the
findings, so the appendix can never show a figure that was not verified; the
page is rewritten whenever what it shows changes (:mod:`.incremental`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .bibliography import short_citation
from .config import get_config
from .domain import FactCheckDomain, get_corpus, get_findings
from .fragments import text_fragment
from .marking import evidence_id
from .nodes import EvidenceIndex
from .records import Finding, Status


class EvidenceIndexDirective(SphinxDirective):
    """``{evidence-index}``: every source passage the project relies on."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        domain = self.env.get_domain(FactCheckDomain.name)
        assert isinstance(domain, FactCheckDomain)
        domain.note_appendix(self.env.docname)
        return [EvidenceIndex()]


def fill_evidence_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace the placeholder with the passages, grouped by source."""
    placeholders = list(doctree.findall(EvidenceIndex))
    if not placeholders:
        return
    env = app.env
    corpus = get_corpus(env)
    domain = env.get_domain(FactCheckDomain.name)
    assert isinstance(domain, FactCheckDomain)
    entries = domain.entries
    date_field = get_config(app).date_field
    html_links = app.builder.format == "html"
    by_passage: dict[str, dict[tuple[int, int], list[Finding]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for finding in get_findings(env):
        if finding.status is Status.VERIFIED and finding.evidence is not None:
            ev = finding.evidence
            by_passage[ev.key][(ev.passage_start, ev.passage_end)].append(finding)
    content: list[nodes.Node] = []

    def citation(key: str) -> str:
        return short_citation(key, entries.get(key), date_field)

    for key in sorted(by_passage, key=lambda k: citation(k).lower()):
        fields = entries[key].fields if key in entries else {}
        label = citation(key)
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
