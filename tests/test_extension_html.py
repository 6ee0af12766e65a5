"""What the fact check writes into a reader's page, on a test root of its own.

``tests/roots/test-html`` is a one-page project whose source has a passage
with quotation marks inside it, the same figure stated three times, a table
and a chart. The tests build it in-process and read what it writes: Text
Fragments checked against the archive, claim anchors that edits elsewhere
leave alone, the evidence appendix's "Used in" grouped, its condensed form
for other builders, the tooltip kept out of the page's text, and charts
drawn in the page's colours.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
from docutils import nodes

import sphinxcontrib.factcheck.appendix as appendix
import sphinxcontrib.factcheck.html as html_writer
import sphinxcontrib.factcheck.marking as marking
from sphinxcontrib.factcheck import get_findings
from sphinxcontrib.factcheck.fragments import find_text_fragment
from sphinxcontrib.factcheck.nodes import EvidencePassage
from tests.conftest import BuildResult, RootProject

SOURCE = "sources/gazette-2024-03-15.txt"


@pytest.fixture
def root(project: Callable[..., RootProject]) -> RootProject:
    return project("html")


def built(root: RootProject, builder: str = "html") -> BuildResult:
    result = root.build(builder, fresh=True)
    assert result.warning_lines == [], result.warnings
    return result


def evidence_links(page: str) -> dict[int, str]:
    """The original's link of each evidence entry, by the passage's offset in its source."""
    links = {}
    for box in re.findall(
        r'<div class="fc-passage docutils container" id="ev-[^"]+-\d+">.*?</div>', page, re.S
    ):
        offset = int(re.search(r'id="ev-[^"]+-(\d+)"', box).group(1))
        found = re.search(r'<a class="reference external" href="([^"]+)">Open the original', box)
        links[offset] = html.unescape(found.group(1)) if found else ""
    return links


# -- Text Fragments ------------------------------------------------------------


def test_every_text_fragment_leads_to_its_passage_in_the_archived_source(root):
    result = built(root)
    text = root.file(SOURCE).read_text(encoding="utf-8")
    links = evidence_links((result.outdir / "evidence.html").read_text(encoding="utf-8"))
    assert len(links) == 3
    for offset, link in links.items():
        url, _, fragment = link.partition("#")
        assert url == "https://gazette.example.org/2024/03/15/port-seizures"
        assert fragment.startswith(":~:text="), link
        found = find_text_fragment(text, "#" + fragment)
        assert found is not None and found[0] == offset, (link, found)
        line_end = text.index("\n", offset)
        assert found[1] == line_end  # the whole passage, to its last character
    # The passage's quotation marks are in the fragment, as in the source.
    quoted = links[text.index("His strategy")]
    assert '"hugs,' in urllib.parse.unquote(quoted), quoted


def _stripping_fragment(text: str, start: int, end: int) -> str:
    """How fragments were built before: quotation marks stripped from the words."""
    words = [w.strip("\"“”'‘’()") for w in text[start:end].split()]
    words = [w for w in words if w]
    return (
        "#:~:text="
        + urllib.parse.quote(" ".join(words[:4]), safe="")
        + ","
        + (urllib.parse.quote(" ".join(words[-5:]), safe=""))
    )


def test_a_fragment_that_misses_its_passage_is_a_warning_at_the_appendix(root, monkeypatch):
    # Where every fragment is made: with the findings, and by the appendix for a
    # passage it finds none recorded for (marking.passage_fragment, both).
    monkeypatch.setattr(marking, "text_fragment", _stripping_fragment)
    result = root.build("html", fresh=True)
    misses = [line for line in result.warning_lines if "Text Fragment" in line]
    assert len(misses) == 1, result.warning_lines  # `dubbed hugs,` is not in `dubbed "hugs,`
    assert "evidence.md:3:" in misses[0] and "Smith2024seizures" in misses[0]
    page = (result.outdir / "evidence.html").read_text(encoding="utf-8")
    # The reader gets the original's address, without a fragment that finds nothing.
    assert ">Open the original</a>" in page
    assert "dubbed%20hugs" not in page


def test_the_appendix_links_with_the_fragments_found_with_the_findings(root, monkeypatch):
    def unsearched(*args):
        raise AssertionError("the appendix searched for a fragment again")

    monkeypatch.setattr(appendix, "passage_fragment", unsearched)
    result = root.build("html", fresh=True)
    assert result.status == 0, result.warning_lines
    assert "#:~:text=" in (result.outdir / "evidence.html").read_text(encoding="utf-8")


# -- Claim anchors -------------------------------------------------------------


def claim_ids(result: BuildResult) -> list[str]:
    page = (result.outdir / "index.html").read_text(encoding="utf-8")
    return re.findall(r'class="fc-claim" id="(claim-[^"]+)"', page)


def claims_by_anchor(result: BuildResult) -> dict[str, tuple[str, str]]:
    """Each anchor of the page, with the claim and the sentence it marks."""
    assert claim_ids(result)  # the anchors are in the page, as recorded
    return {
        f.anchor: (f.text, " ".join(f.sentence.split()))
        for f in get_findings(result.app.env, "index")
        if f.anchor.startswith("claim-")
    }


ROW = "| Fentanyl seized at Nogales | 4,200 pounds in 2023 {cite:p}`Smith2024seizures` |\n"


def test_claim_anchors_stay_when_rows_and_paragraphs_are_added_above(root):
    before = claims_by_anchor(built(root))
    assert len(before) == 9
    # A row and a paragraph inserted above the others, stating the same figures.
    root.replace(
        "index.md", ROW, "| Arrests | Nearly 1,500 in 2023 {cite:p}`Smith2024seizures` |\n" + ROW
    )
    root.replace(
        "index.md",
        "His strategy",
        "Nearly 1,500 people were arrested in 2023 {cite:p}`Smith2024seizures`.\n\nHis strategy",
    )
    after = claims_by_anchor(built(root))
    assert len(after) == 13
    # Every anchor that was there still marks the same claim of the same sentence.
    assert {anchor: after.get(anchor) for anchor in before} == before


def test_editing_a_sentence_renames_only_its_own_claims(root):
    before = claims_by_anchor(built(root))
    root.replace(
        "index.md", "| People arrested | Nearly 1,500 in 2023", "| Arrested | Nearly 1,500 in 2023"
    )
    after = claims_by_anchor(built(root))
    gone = {anchor: claim for anchor, claim in before.items() if anchor not in after}
    assert sorted(text for text, _ in gone.values()) == ["2023", "Nearly 1,500"]
    assert all("People arrested" in sentence for _, sentence in gone.values())
    assert {a: c for a, c in before.items() if a not in gone} == {
        a: c for a, c in after.items() if a in before
    }


# -- The evidence appendix -----------------------------------------------------


def test_used_in_names_each_page_and_claim_once_with_all_its_places(root):
    page = (built(root).outdir / "evidence.html").read_text(encoding="utf-8")
    uses = re.findall(r'<p class="fc-passage-meta">Used in: (.*?)</p>', page, re.S)
    seizures = next(u for u in uses if "4,200" in u)
    labels = re.findall(r">(Seizures: [^<]+)</a>", seizures)
    assert sorted(labels) == ["Seizures: “2023”", "Seizures: “4,200”"]
    assert "(3 places:" in seizures and "(2 places:" in seizures
    places = re.findall(r'href="index.html#(claim-4200-[^"]+)">\d</a>', seizures)
    assert len(places) == len(set(places)) == 3


def test_other_builders_get_a_condensed_appendix(root):
    text = (built(root, "text").outdir / "evidence.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    # One paragraph per passage, its "Used in" grouped with counts.
    assert "Officers at the Nogales port seized **4,200** pounds" in flat
    assert "*Used in:* “2023”: Seizures (2 places); “4,200”: Seizures (3 places)." in flat
    # No link text for the screen; the source's address once, without a fragment.
    assert "Open the original" not in text
    assert flat.count("https://gazette.example.org/2024/03/15/port-seizures") == 1
    assert ":~:text=" not in text
    paragraphs = [p for p in text.split("\n\n") if "Used in:" in " ".join(p.split())]
    assert len(paragraphs) == 3


def test_the_html_appendix_keeps_its_boxes_links_and_copy_buttons(root):
    page = (built(root).outdir / "evidence.html").read_text(encoding="utf-8")
    assert page.count('class="fc-passage docutils container"') == 3
    assert page.count(">Open the original at this passage</a>") == 3
    assert page.count('<button type="button" class="fc-copy">Copy with citation</button>') == 3
    memo = re.search(
        r'<template class="fc-memo" data-fc-anchor="(ev-[^"]+)">(.*?)</template>', page, re.S
    )
    assert memo is not None
    assert f"https://handbook.example.org/en/latest/evidence.html#{memo.group(1)}" in memo.group(2)


def _as_docutils_nodes(box: EvidencePassage) -> nodes.container:
    """A passage of the appendix as the docutils nodes it was once made of: the
    reference that :func:`visit_evidence_passage_html` must write as the writer would."""
    container = nodes.container("", classes=["fc-passage"], ids=list(box["ids"]))
    passage = nodes.paragraph("", "", classes=["fc-passage-text"])
    for piece, claim in box["pieces"]:
        passage += (
            nodes.inline(piece, piece, classes=["fc-highlight"]) if claim else nodes.Text(piece)
        )
    meta = nodes.paragraph("", "Used in: ", classes=["fc-passage-meta"])
    for number, (label, first, places) in enumerate(box["uses"]):
        if number:
            meta += nodes.Text("; ")
        if not first:
            meta += nodes.Text(label)
            continue
        meta += nodes.reference(label, label, refuri=first, internal=True)
        if places:
            meta += nodes.Text(f" ({len(places)} places: ")
            for index, place in enumerate(places, start=1):
                if index > 1:
                    meta += nodes.Text(", ")
                meta += nodes.reference(str(index), str(index), refuri=place, internal=True)
            meta += nodes.Text(")")
    if box["original"] is not None:
        meta += nodes.Text(". ")
        meta += nodes.reference("", box["original"][0], refuri=box["original"][1])
    copy = f'<p><button type="button" class="fc-copy">Copy with citation</button>{box["memo"]}</p>'
    container += [passage, meta, nodes.raw("", copy, format="html", classes=["no-search"])]
    return container


def test_each_appendix_passage_is_written_and_searched_as_its_nodes_would_be(root):
    from sphinx.search import WordCollector
    from sphinx.search.en import SearchEnglish
    from sphinx.util.docutils import new_document

    result = built(root)
    app = result.app
    app.builder.current_docname = "evidence"
    doctree = app.env.get_and_resolve_doctree("evidence", app.builder, tags=app.builder.tags)
    boxes = list(doctree.findall(EvidencePassage))
    assert len(boxes) == 3 and any(places for box in boxes for _, _, places in box["uses"])

    def written(node: nodes.Node) -> str:
        document = new_document("evidence", app.builder.docsettings)
        document += node
        translator = app.builder.create_translator(document, app.builder)
        node.walkabout(translator)
        return "".join(translator.body)

    def searched(node: nodes.Node) -> set[str]:
        document = new_document("evidence", doctree.settings)
        document += node
        collector = WordCollector(document, SearchEnglish({}))
        document.walk(collector)
        return set(collector.found_words)

    for box in boxes:
        reference = _as_docutils_nodes(box)
        assert written(box.deepcopy()) == written(reference)
        assert searched(box.deepcopy()) == searched(reference)


# -- Tooltips and what the copy button copies ----------------------------------


def test_a_tooltip_is_no_part_of_the_page_text(root):
    page = (built(root).outdir / "index.html").read_text(encoding="utf-8")
    main = re.search(r'<div class="body" role="main">(.*?)<div class="sphinxsidebar"', page, re.S)
    body = main.group(1) if main else page
    outside = re.sub(r"<template\b.*?</template>", "", body, flags=re.S)
    outside = re.sub(r"<template\b.*?</template>", "", outside, flags=re.S)  # nested memo
    assert "Smith (2024-03-15)" not in re.sub(r"<[^>]+>", "", outside)
    assert body.count('<template class="fc-tip-content" data-fc-claim="claim-') == 9
    # And one behind the citation of each cited sentence with a passage.
    assert body.count('<template class="fc-tip-content" data-fc-claim="passage-') == 5


SHOUTING_TRANSLATOR = """
from sphinx.writers.html5 import HTML5Translator


class Shouting(HTML5Translator):
    def visit_Text(self, node):
        self.body.append(self.encode(node.astext().upper()))


def setup(app):
    app.set_translator("html", Shouting)
"""


def test_a_claim_is_written_as_a_translator_of_the_project_writes_a_text(root):
    root.write("conf.py", root.file("conf.py").read_text() + SHOUTING_TRANSLATOR)
    page = (built(root).outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a class="fc-claim" id="claim-nearly-1500-[^"]+" href="[^"]+">NEARLY 1,500</a>', page
    )
    assert "PEOPLE ARRESTED" in page


STRAY_MARK = """
from docutils import nodes
from sphinxcontrib.factcheck.nodes import ClaimMark, ClaimText


def stray(app, doctree, docname):
    if docname == "index":
        text = ClaimText("A stray mark.")
        text.claims = (ClaimMark(2, 7, "claim-stray", "index"),)
        doctree.children[0] += nodes.paragraph("", "", text)


def setup(app):
    app.connect("doctree-resolved", stray)
"""


def test_a_mark_whose_finding_the_build_lacks_is_a_located_warning_and_plain_text(root):
    root.write("conf.py", root.file("conf.py").read_text() + STRAY_MARK)
    result = root.build("html", fresh=True)
    assert any(
        "claim claim-stray is marked in the page but not among the findings of index" in line
        for line in result.warning_lines
    ), result.warnings
    page = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert "<p>A stray mark.</p>" in page


def _parts(markup: str) -> dict[str, str]:
    return dict(re.findall(r'<span data-fc-part="([a-z-]+)">(.*?)</span>', markup))


def _claim_tip(page: str, text: str) -> tuple[str, str]:
    """The anchor of the claim ``text`` and its tooltip's markup."""
    claim = re.search(
        r'<a class="fc-claim" id="([^"]+)" href="evidence.html#ev-[^"]+">'
        + re.escape(text)
        + r'</a><template class="fc-tip-content" data-fc-claim="\1">(.*?)</template></template>',
        page,
        re.S,
    )
    assert claim is not None
    return claim.group(1), claim.group(2)


def _shown_text(page: str, tip: str) -> str:
    """The text of the passage a tooltip shows, its highlight left out: written in
    the tooltip, or in the earlier one of the page that it names."""
    named = re.search(r'<span class="fc-tip-passage" data-fc-as="([^"]+)"', tip)
    if named is not None:
        tip = re.search(
            rf'<template class="fc-tip-content" data-fc-claim="{named.group(1)}">(.*?)</template>',
            page,
            re.S,
        ).group(1)
    shown = re.search(r'<span class="fc-tip-passage">(.*?)</span>', tip, re.S).group(1)
    return html.unescape(re.sub("</?mark>", "", shown))


def _memo(tip: str) -> tuple[str, dict[str, str]]:
    """The key of the source a tooltip names, and the parts of its memo, which holds
    no more (the script gives it its tooltip's anchor and source)."""
    assert tip.count('<template class="fc-memo">') == 1
    source = re.search(r'<span class="fc-tip-source" data-fc-source="([^"]+)">', tip)
    memo = re.search(r'<template class="fc-memo">(.*)', tip, re.S)
    assert source is not None and memo is not None
    return source.group(1), _parts(memo.group(1))


def test_each_claim_carries_what_a_memo_needs(root):
    page = (built(root).outdir / "index.html").read_text(encoding="utf-8")
    _, tip = _claim_tip(page, "Nearly 1,500")
    key, parts = _memo(tip)
    # The memo holds what is its own: the sentence. Its tooltip shows the whole
    # passage, which the script copies from there (the words as the memo's were).
    assert parts.keys() == {"sentence"}
    assert parts["sentence"].startswith("People arrested")  # a table row is its sentence
    shown = re.search(r'<span class="fc-tip-passage">(.*?)</span>', tip, re.S).group(1)
    assert "…" not in shown
    assert html.unescape(re.sub("</?mark>", "", shown)).startswith(
        "Nearly 1,500 people were arrested in 2023"
    )
    # The tooltip names its source by key; the script writes the source's citation.
    assert f'<span class="fc-tip-source" data-fc-source="{key}"></span>' in tip
    # What the page's memos share is in the page once, outside every tooltip: the
    # page's work, title and address, and the citation and address of each source.
    outside = re.sub(
        r'<template class="fc-tip-content".*?</template></template>', "", page, flags=re.S
    )
    pages = re.findall(r'<template class="fc-memo-page">(.*?)</template>', page, re.S)
    assert len(pages) == 1 and pages == re.findall(
        r'<template class="fc-memo-page">(.*?)</template>', outside, re.S
    )
    shared = _parts(pages[0])
    assert shared["work"].startswith("Project name not set")  # the html_title Sphinx gives
    assert shared["page"] == "Seizures"
    assert shared["address"] == "https://handbook.example.org/en/latest/index.html"
    sources = re.findall(
        r'<template class="fc-memo-source" data-fc-source="([^"]+)">(.*?)</template>', outside, re.S
    )
    assert [key for key, _ in sources] == [key] == ["Smith2024seizures"]
    assert _parts(sources[0][1]) == {
        "source": "Smith (2024-03-15), “Port seizures rise as officials meet”",
        "source-url": "https://gazette.example.org/2024/03/15/port-seizures",
    }


def test_a_memo_part_is_written_once_in_a_page_and_named_by_the_later_memos(root):
    page = (built(root).outdir / "index.html").read_text(encoding="utf-8")
    tips = dict(
        re.findall(
            r'<template class="fc-tip-content" data-fc-claim="([^"]+)">(.*?)</template></template>',
            page,
            re.S,
        )
    )
    spans = {
        anchor: re.findall(r'<span data-fc-part="([a-z-]+)"(?: data-fc-as="([^"]+)")?>(.*?)</span>', tip)
        for anchor, tip in tips.items()
    }  # fmt: skip
    # Every part is written once: a later memo holding the same names the tooltip of
    # the first, whose memo holds it written out; unless naming it takes more room.
    first: dict[tuple[str, str], str] = {}
    for anchor, found in spans.items():
        for name, same, value in found:
            if not same and first.setdefault((name, value), anchor) != anchor:
                assert len(value) <= len(f' data-fc-as="{first[name, value]}"'), value
    sentences = {}
    for anchor, found in spans.items():
        for name, same, value in found:
            if same:
                assert value == "" and same != anchor
                earlier = {n: v for n, s, v in spans[same] if not s}
                value = earlier[name]  # the first memo holds it written out
            if name == "sentence":
                sentences[anchor] = html.unescape(value)
    # A sentence with two figures and a citation: three memos, the sentence written once.
    officers = [a for a, t in sentences.items() if t.startswith("Officers at the Nogales port")]
    assert len(officers) == 3
    assert sum(1 for a in officers if not spans[a][0][1]) == 1


def test_a_passage_two_tooltips_show_is_written_once_with_each_ones_highlight(root):
    page = (built(root).outdir / "index.html").read_text(encoding="utf-8")
    passages = dict(
        re.findall(
            r'<template class="fc-tip-content" data-fc-claim="([^"]+)">'
            r'(?:<span class="fc-tip-label">[^<]*</span>)?(<span class="fc-tip-passage".*?</span>)',
            page,
        )
    )
    claims = dict(re.findall(r'<a class="fc-claim" id="([^"]+)" href="[^"]+">([^<]+)</a>', page))
    named = {
        anchor: re.fullmatch(r'<span class="fc-tip-passage" data-fc-as="([^"]+)"'
                             r'(?: data-fc-mark="(\d+) (\d+)")?></span>', span)
        for anchor, span in passages.items()
    }  # fmt: skip
    # The second figure of "Officers at the Nogales port seized 4,200 pounds of
    # fentanyl in 2023" shows the passage its first figure's tooltip writes out.
    later = [anchor for anchor, match in named.items() if match and anchor in claims]
    assert later
    for anchor in later:
        earlier, start, end = named[anchor].groups()
        assert named[earlier] is None  # written out there
        shown = re.fullmatch(r'<span class="fc-tip-passage">(.*)</span>', passages[earlier])
        text = html.unescape(re.sub("</?mark>", "", shown.group(1)))
        # Where the script highlights this tooltip's own claim (no character here
        # takes two UTF-16 code units).
        assert text[int(start) : int(end)] == html.unescape(claims[anchor])
    assert any(claims[named[anchor].group(1)] != claims[anchor] for anchor in later)


def test_a_memo_whose_tooltip_shows_part_of_its_passage_holds_the_whole(root, monkeypatch):
    monkeypatch.setattr(html_writer, "TOOLTIP_CHARACTERS", 20)
    page = (built(root).outdir / "index.html").read_text(encoding="utf-8")
    _, tip = _claim_tip(page, "Nearly 1,500")
    shown = re.search(r'<span class="fc-tip-passage">(.*?)</span>', tip, re.S).group(1)
    assert shown.endswith("…")  # the tooltip shows the claim and a few words around it
    _, parts = _memo(tip)
    assert parts.keys() == {"sentence", "passage"}
    assert parts["passage"].startswith("Nearly 1,500 people were arrested in 2023")
    assert len(parts["passage"]) > len(html.unescape(re.sub("</?mark>", "", shown)))


@pytest.mark.parametrize(
    ("text", "alike"),
    [
        ("Nearly 110,000 people died.", True),
        ("tabs\tand\nlines,\u00a0no-break and\u2009thin spaces", True),
        ("a\x1fb", False),  # a space to Python, not to the script
        ("a\x85b", False),
        ("a\ufeffb", False),  # a space to the script, not to Python
        ("a\0b", False),  # a browser reads a NUL as U+FFFD
    ],
)
def test_a_passage_is_spaced_alike_by_the_script_only_without_their_differences(text, alike):
    assert html_writer.spaced_alike(text) is alike
    if alike:  # JavaScript's \s, as the script splits a tooltip's text
        spaces = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
        assert " ".join(text.split()) == " ".join(filter(None, re.split(spaces, text)))


# -- Charts --------------------------------------------------------------------


def test_a_chart_is_an_svg_in_the_page_colours_with_no_background(root):
    page = (built(root).outdir / "index.html").read_text(encoding="utf-8")
    svg = re.search(
        r'<div class="fc-chart"><svg[^>]*role="img" aria-label="([^"]+)">(.*?)</svg>', page, re.S
    )
    assert svg is not None
    assert svg.group(1) == "Bar chart of arrests. 2023: 1,500; 2022: 900."
    drawing = svg.group(2)
    assert "currentColor" in drawing
    assert not re.search(r"fill:\s*#(?:fff|ffffff)\b", drawing, re.I)  # no white box
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", drawing)  # real text, not paths
    assert {"2023", "2022", "1,500", "900"} <= {label.strip() for label in labels}


def test_a_chart_is_a_vector_image_for_latex(root):
    result = built(root, "latex")
    tex = next(Path(result.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert re.search(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{chart-\w+\}\.pdf\}", tex), tex[
        -2000:
    ]


# -- The passage behind a citation ---------------------------------------------

PLAIN_SENTENCE = (
    "Officers at the port seized fentanyl, the agency said {cite:p}`Smith2024seizures`."
)


def test_a_sentence_without_a_figure_has_its_passage_behind_its_citation(root):
    text = root.file("index.md").read_text(encoding="utf-8")
    root.write(
        "index.md", text.replace("```{bibliography}", PLAIN_SENTENCE + "\n\n```{bibliography}")
    )
    result = built(root)
    page = (result.outdir / "index.html").read_text(encoding="utf-8")
    (aligned,) = [
        f
        for f in get_findings(result.app.env, "index")
        if f.kind == "sentence" and f.sentence.startswith("Officers at the port seized fentanyl")
    ]
    assert aligned.anchor.startswith("passage-officers-at-the-port-seized-fentanyl-")
    wrapped = re.search(
        rf'<span class="fc-cite" id="{aligned.anchor}">(.*?)</span><template '
        rf'class="fc-tip-content" data-fc-claim="{aligned.anchor}">(.*?)</template>',
        page,
        re.S,
    )
    assert wrapped, "the citation is not wrapped with its passage"
    citation, tip = wrapped.groups()
    assert (
        "Smith" in citation and 'class="reference internal"' in citation
    )  # the citation as it was
    shown = _shown_text(page, tip)
    assert shown == " ".join(aligned.evidence.passage.split())
    assert "Officers at the Nogales port seized 4,200 pounds of fentanyl" in shown
    # The link to the original leads, by its Text Fragment, to exactly that passage.
    href = html.unescape(re.search(r'<a class="fc-tip-original" href="([^"]+)"', tip).group(1))
    address, fragment = href.split("#", 1)
    assert address == "https://gazette.example.org/2024/03/15/port-seizures"
    source = root.file(SOURCE).read_text(encoding="utf-8")
    found = find_text_fragment(source, "#" + fragment)
    assert found and source[found[0] : found[1]] == aligned.evidence.passage.strip()
    # Its copy button copies the sentence with its source and passage: the memo
    # holds the sentence, and its tooltip the passage, the source (by key, its
    # citation written by the script) and the original at the passage.
    key, parts = _memo(tip)
    assert parts == {"sentence": html.escape(marking.sentence_text(aligned.sentence))}
    assert parts["sentence"].startswith("Officers at the port seized fentanyl")
    assert f'<span class="fc-tip-source" data-fc-source="{key}"> <a class="fc-tip-original"' in tip


def test_every_cited_sentence_has_one_passage_behind_a_citation(root):
    result = built(root)
    page = (result.outdir / "index.html").read_text(encoding="utf-8")
    findings = get_findings(result.app.env, "index")
    aligned = [f for f in findings if f.kind == "sentence" and f.evidence is not None]
    assert aligned and all(f.anchor.startswith("passage-") for f in aligned)
    assert sorted(re.findall(r'<span class="fc-cite" id="([^"]+)"', page)) == sorted(
        f.anchor for f in aligned
    )
    text = (built(root, "text").outdir / "index.txt").read_text(encoding="utf-8")
    assert "The passage this sentence rests on" not in text
