"""Unit tests of the matcher's pieces, each on its own: the grammar and its fast
scan, the vocabulary interface, calendar arithmetic, words, typography, the
quotation search, figure matching, the source index and its cache, and the
incremental dependency rule."""

from __future__ import annotations

import dataclasses
import html
import os
import pickle
import random
import subprocess
import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pytest
from docutils import nodes as docutils_nodes
from docutils.core import publish_doctree
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib.factcheck.cache import IndexCache, index_key
from sphinxcontrib.factcheck.collect import SKIPPED, blocks
from sphinxcontrib.factcheck.corpus import Corpus, FieldNames, Sources, SourceText
from sphinxcontrib.factcheck.dates import (
    PublicationDate,
    months_of_recent_days,
    months_of_week,
    weekday_before,
    year_of_month,
    year_of_season,
)
from sphinxcontrib.factcheck.domain import DocumentRecord
from sphinxcontrib.factcheck.extract import extract_figures, get_grammar
from sphinxcontrib.factcheck.figure_match import best_window
from sphinxcontrib.factcheck.figures import Kind, Qualifier
from sphinxcontrib.factcheck.folding import fold
from sphinxcontrib.factcheck.furniture import _CREDIT, _credited
from sphinxcontrib.factcheck.html import escape_all
from sphinxcontrib.factcheck.incremental import _affected
from sphinxcontrib.factcheck.index import Source
from sphinxcontrib.factcheck.language import Vocabulary, get_vocabulary
from sphinxcontrib.factcheck.marking import _mark, claim_anchors
from sphinxcontrib.factcheck.names import _Said
from sphinxcontrib.factcheck.nodes import ClaimMark, ClaimText
from sphinxcontrib.factcheck.normalize import _normalize_each_character, normalize_with_offsets
from sphinxcontrib.factcheck.passages import Passages
from sphinxcontrib.factcheck.records import ClaimKind, Finding, PageFindings, Status
from sphinxcontrib.factcheck.words import Words, unit_word, word_stems

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "sources").glob("*.txt"))]
ENGLISH = get_vocabulary("en")
GAZETTE = (Path(__file__).parent / "roots/test-myst/sources/gazette-2024-03-15.txt").read_text()


# -- The grammar -------------------------------------------------------------


#: Every kind of figure, starting with a digit and with a word where it can.
EVERY_KIND = (
    "On 2023-04-13, in 2023-04, on May 4 and 4 May 2023, in March 2023, in FY2019-22 "
    "and 2019-22, from 2019 to 2021, in FY 2021, $5 million, 12 dollars and twelve "
    "dollars, 5 percent and five percent, 5%, two in three and 2 in 3, a dozen and 3 "
    "dozen, 4,200 pounds, half of them, two-thirds, twenty people."
)


def test_the_fast_scan_finds_what_the_full_pattern_finds_in_every_source():
    grammar = get_grammar(ENGLISH)
    kinds = {m.lastgroup for m in grammar.figure.finditer(EVERY_KIND)}
    assert len(kinds) == 18, kinds  # every kind of the grammar is in the text
    for text in [*SOURCES, EVERY_KIND]:
        # Where each figure stands and which kind it is: the scan tries only the
        # kinds that can start where it stands, in the full pattern's order.
        assert [(m.span(), m.lastgroup) for m in grammar.figures_in(text)] == [
            (m.span(), m.lastgroup) for m in grammar.figure.finditer(text)
        ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "a an two 12 4,200 $3 FY 2019-22 fiscal year 2023 May 14 half third dozen "
            "percent % nearly over in of out . , ( ) “ ” Sept. March twenty-five - "
            "between and from to $ one-third ten million dollars 2023-04-13 2023-04".split()
        ),
        max_size=14,
    ),
    st.sampled_from([" ", "", "\n"]),
)
def test_the_fast_scan_agrees_on_any_mix_of_figure_words(words, separator):
    text = separator.join(words)
    grammar = get_grammar(ENGLISH)
    assert [(m.span(), m.lastgroup) for m in grammar.figures_in(text)] == [
        (m.span(), m.lastgroup) for m in grammar.figure.finditer(text)
    ]


def test_another_vocabulary_changes_what_is_read_without_touching_the_matcher():
    spanish_months = dataclasses.replace(
        ENGLISH, code="es-test", months={**ENGLISH.months, "marzo": 3}
    )
    assert extract_figures("en marzo 2024", vocabulary=ENGLISH) == [
        f for f in extract_figures("en marzo 2024", vocabulary=ENGLISH) if f.kind is Kind.YEAR
    ]
    found = extract_figures("en marzo 2024", vocabulary=spanish_months)
    assert [(f.kind, f.value) for f in found] == [(Kind.MONTH, (2024, 3))]
    assert isinstance(spanish_months, Vocabulary)


def test_qualifiers_and_scales_come_from_the_vocabulary():
    (figure,) = extract_figures("upwards of 3 million")
    assert (figure.qualifier, figure.value) == (Qualifier.ABOVE, Decimal(3_000_000))


# -- Calendar arithmetic -----------------------------------------------------


@pytest.mark.parametrize(
    ("published", "weekday", "expected"),
    [
        (PublicationDate(2023, 4, 14), 3, (2023, 4, 13)),  # Thursday before a Friday
        (PublicationDate(2023, 4, 14), 4, (2023, 4, 14)),  # the Friday itself
        (PublicationDate(2023, 3, 1), 6, (2023, 2, 26)),  # across a month
        (PublicationDate(2024, 1, 1), 4, (2023, 12, 29)),  # across a year
    ],
)
def test_a_weekday_is_the_last_such_day_on_or_before_the_source_date(published, weekday, expected):
    assert weekday_before(published, weekday).timetuple()[:3] == expected


def test_relative_months_weeks_and_seasons():
    assert year_of_month(12, PublicationDate(2023, 3, None)) == 2022
    assert year_of_season(6, PublicationDate(2023, 3, 28)) == 2022
    assert months_of_week(PublicationDate(2023, 4, 3), -1) == [(2023, 3), (2023, 4)]
    assert months_of_recent_days(PublicationDate(2023, 3, 28), 14) == [(2023, 3)]
    assert months_of_recent_days(PublicationDate(2023, 3, None), 14) == []


def test_next_year_and_a_year_ago_from_the_source_date():
    described = [
        f.describe()
        for f in extract_figures("next year, a year ago", PublicationDate(2023, 6, None))
    ]
    assert described == [
        "next year (year 2024, from the source date)",
        "a year ago (year 2022, from the source date)",
    ]


# -- Words, typography, quotations -------------------------------------------


def test_words_place_a_figure_and_say_what_it_counts():
    words = Words("Officers seized 4,200 pounds of fentanyl last year.")
    assert words.around(16, 21, 2) == {"offi", "seiz", "poun"}
    assert unit_word("seized 4,200 pounds of fentanyl", 12) == "pounds"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab \n\t\u00a0\u00ad…“”—x", max_size=30))
def test_the_fast_normalisation_equals_the_reference_one(text):
    assert normalize_with_offsets(text) == _normalize_each_character(text)


def test_the_fast_normalisation_equals_the_reference_on_every_source():
    for text in SOURCES:
        assert normalize_with_offsets(text) == _normalize_each_character(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab U.S. López,;\n“”—-'0", max_size=40))
def test_the_stems_of_a_text_are_those_its_words_give(text):
    assert word_stems(text) == Words(text).all()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="a<>&\"'\0é", max_size=6), max_size=5))
def test_values_escaped_together_are_escaped_each_as_alone(values):
    assert escape_all(values) == [html.escape(value) for value in values]


def _initials_by_every_stretch(said, name):
    """The reference ``_Said.initials_with``: every stretch of a run, each tested."""
    found = set()
    for run in said.runs:
        positions = [i for i, word in enumerate(run) if fold(word) == fold(name)]
        letters = [word[0].lower() for word in run]
        for first in range(len(run)):
            for last in range(first + 2, len(run) + 1):
                if any(first <= p < last for p in positions):
                    found.add("".join(letters[first:last]))
    return frozenset(found)


_NAME_WORDS = ["Drug", "Enforcement", "Agency", "of", "the", "A", "U.S.", "López", "Lopez", "DEA"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_WORDS), max_size=10), st.sampled_from(_NAME_WORDS))
def test_a_names_initials_are_those_of_every_stretch_that_holds_it(words, name):
    said = _Said(" ".join(words))
    assert said.initials_with(name) == _initials_by_every_stretch(said, name)
    assert said.initials_with(name) == _initials_by_every_stretch(said, name)  # kept


def _blocks_by_their_ancestors(doctree):
    """The reference :func:`.collect.blocks`: every element, with its ancestors read."""

    def inside(node, kinds):
        parent = node.parent
        while parent is not None:
            if isinstance(parent, kinds):
                return True
            parent = parent.parent
        return False

    for node in doctree.findall(docutils_nodes.Element):
        if isinstance(node, docutils_nodes.row):
            if not inside(node, SKIPPED):
                yield node, False
        elif isinstance(node, (docutils_nodes.paragraph, docutils_nodes.caption)):
            if not inside(node, (docutils_nodes.row, *SKIPPED)):
                yield node, True


def test_the_blocks_of_a_page_are_its_rows_and_the_paragraphs_outside_them():
    doctree = publish_doctree(
        "Para one [#f]_.\n\n"
        ".. note::\n\n   Inside a note.\n\n"
        "::\n\n   literal, never read\n\n"
        "+-------------+------+\n| Cell *one*  | two  |\n|             |      |\n"
        "| Para in it. |      |\n+-------------+------+\n\n"
        ".. figure:: x.png\n\n   A caption.\n\n"
        "- a listed paragraph\n\n"
        ".. [#f] A footnote, never read.\n",
        settings_overrides={"report_level": 5},
    )
    found = blocks(doctree)
    assert found == list(_blocks_by_their_ancestors(doctree))
    assert [(node.tagname, split) for node, split in found] == [
        ("paragraph", True),
        ("paragraph", True),
        ("row", False),
        ("caption", True),
        ("paragraph", True),
    ]


def test_claims_are_marked_in_the_text_node_that_holds_them():
    text = "Officers seized 4,200 pounds in 2023, the agency said."
    paragraph = docutils_nodes.paragraph("", "", docutils_nodes.Text("See: "))
    paragraph += docutils_nodes.Text(text)
    document = publish_doctree("", settings_overrides={"report_level": 5})
    document += paragraph
    text_nodes = [(0, paragraph[0]), (5, paragraph[1])]
    # Marked from the end, as marking goes: both claims stay in one text node.
    assert _mark(text_nodes, 37, 41, "claim-2023", "seizures")
    assert _mark(text_nodes, 21, 26, "claim-4200", "seizures")
    marked = paragraph[1]
    assert isinstance(marked, ClaimText) and str(marked) == text and len(paragraph) == 2
    assert marked.claims == (
        ClaimMark(16, 21, "claim-4200", "seizures"),
        ClaimMark(32, 36, "claim-2023", "seizures"),
    )
    assert text_nodes[1] == (5, marked)
    # A claim overlapping one marked, or held by no single text node, is not marked.
    assert not _mark(text_nodes, 24, 30, "claim-x", "seizures")
    assert not _mark(text_nodes, 3, 9, "claim-y", "seizures")
    assert claim_anchors(paragraph) == ["claim-4200", "claim-2023"]
    # The marks stay through what Sphinx does to a doctree: copies and pickles.
    for kept in (paragraph.deepcopy(), pickle.loads(pickle.dumps(paragraph))):
        assert isinstance(kept[1], ClaimText) and kept[1].claims == marked.claims
        assert kept.astext() == paragraph.astext()


def test_a_claims_text_is_written_as_text_by_every_other_builder(project):
    root = project("html")
    for builder in ("text", "xml", "man", "texinfo", "latex"):
        result = root.build(builder, fresh=True)
        assert result.warning_lines == [], (builder, result.warnings)
        written = "".join(
            path.read_text(encoding="utf-8")
            for path in result.outdir.rglob("*")
            if path.suffix in {".txt", ".xml", ".1", ".texi", ".tex"}
        )
        assert "4,200 pounds" in written and "fc-claim" not in written, builder


def test_a_quotation_is_found_across_typography_with_cuts_and_insertions():
    passages = Passages(GAZETTE)
    assert passages.find('"We will not stop until the flow ends"') is None  # marks are not words
    assert passages.find("We will not stop until the flow ends") is not None
    assert passages.find("[W]e will not stop ... the flow ends") is not None
    assert passages.find("We will stop until the flow ends") is None


def test_a_credit_is_found_by_its_words_as_by_its_pattern():
    """The words looked for before the pattern are in every match of it: a line with a
    credit or caption mark is furniture whether or not the words come first."""
    marked = [
        "Pills on a table. Credit: Reuters",
        "Credit…Shannon Stapleton/Reuters",
        "A seizure. Photo: Pixabay.",
        "Agents at the port. Photograph: CBP.",
        "John Moore/Getty Images",
        "Migrants at the wall / The Washington Post",
        "Officers at the line / AP",
        "/ Reuters",
        "Leer en español",
        "Your browser is not supported. For an optimal experience, update it.",
    ]
    unmarked = ["The credit went to the agency.", "A photo: of pills", "and/or / APs"]
    lines = [line for text in SOURCES for line in text.splitlines()] + marked + unmarked
    assert [_credited(line) for line in lines] == [bool(_CREDIT.search(line)) for line in lines]
    assert all(map(_credited, marked)) and not any(map(_credited, unmarked))


# -- Figure matching and the source index -------------------------------------


def source(text: str = GAZETTE, passage: int = 3) -> Source:
    return Source(
        "Smith2024seizures", Path("gazette.txt"), text, PublicationDate(2024, 3, 15), "en", passage
    )


def test_a_sentences_figures_are_found_together_in_one_passage():
    figures = extract_figures("seized 4,200 pounds of fentanyl in 2023", context=None)
    found = best_window(figures, source())
    assert sorted(found) == [0, 1]
    assert {o.sentence for o in found.values()} == {2}


def test_the_wrong_year_of_a_right_number_is_not_found_with_it():
    figures = extract_figures("seized 4,200 pounds of fentanyl in 2022", context=None)
    assert sorted(best_window(figures, source())) == [0]


def test_an_index_survives_its_cache(tmp_path):
    cache = IndexCache(tmp_path)
    first = cache.source("K", Path("a.txt"), GAZETTE, "d1", PublicationDate(2024, 3, 15), "en", 3)
    again = cache.source("K", Path("b.txt"), GAZETTE, "d1", PublicationDate(2024, 3, 15), "en", 3)
    assert again is not first and again.figures == first.figures and again.path == Path("b.txt")
    assert pickle.loads(pickle.dumps(first)).sentences == first.sentences
    # Another date is another index: relative time resolves differently.
    name = index_key("K", "d1", PublicationDate(2024, 3, 22), "en", 3)
    assert name != index_key("K", "d1", PublicationDate(2024, 3, 15), "en", 3)
    assert not (tmp_path / f"{name}.pickle").exists()


def test_sources_are_indexed_only_when_looked_up(tmp_path):
    texts = {
        f"S{n}": SourceText(Path(f"s{n}.txt"), GAZETTE, f"digest{n}", PublicationDate(2024, 3, 15))
        for n in range(8)
    }
    sources = Sources(texts, IndexCache(tmp_path), "en", 3)
    corpus = Corpus(sources, [], {}, {})
    assert len(sources) == 8 and "S7" in sources
    assert corpus.distinctive_words  # the words of every source, without their indexes
    assert sources._indexed == {}
    assert sources["S7"].key == "S7" and list(sources._indexed) == ["S7"]


def test_what_is_read_from_every_source_is_stored_between_builds(tmp_path, monkeypatch):
    from sphinxcontrib.factcheck import names

    def corpus(text: str) -> Corpus:
        texts = {
            f"S{n}": SourceText(Path(f"s{n}.txt"), text, f"{text}{n}", PublicationDate(2024, 3, 15))
            for n in range(3)
        }
        cache = IndexCache(tmp_path)
        return Corpus(Sources(texts, cache, "en", 3), [], {}, {}, cache)

    first = corpus(GAZETTE)
    tables = (first.known_names, first.lower_words, first.distinctive_words)
    assert "nogales" in tables[0] and "the" in tables[1]

    def unread(text):
        raise AssertionError("a source's text read again")

    monkeypatch.setattr(names, "source_names", unread)
    monkeypatch.setattr(names, "lower_words", unread)
    again = corpus(GAZETTE)
    assert (again.known_names, again.lower_words, again.distinctive_words) == tables
    # Another text (another digest) is read again.
    with pytest.raises(AssertionError, match="read again"):
        assert corpus(GAZETTE.replace("Nogales", "Tijuana")).known_names


def test_field_names_default_to_the_documented_ones():
    assert FieldNames() == ("file", "date", "attribution")


# -- What an incremental build re-reads ----------------------------------------


def record(**changes: object) -> DocumentRecord:
    base = DocumentRecord(
        findings=(), cited=frozenset({"A"}), words=frozenset({"the", "courier"}), followers=()
    )
    return base._replace(**changes)


def failed() -> Finding:
    return Finding(
        docname="d",
        line=1,
        kind=ClaimKind.FIGURE,
        text="1",
        keys=(),
        status=Status.UNCITED,
        message="",
        sentence="",
    )


@pytest.mark.parametrize(
    ("document", "changed", "names", "stems", "everything", "expected"),
    [
        (record(), {"A"}, [], [], False, True),  # it cites a changed key
        (record(), {"B"}, [], [], False, False),  # it does not
        (record(), {"B"}, [frozenset({"the", "courier"})], [], False, True),  # it names B
        (record(), {"B"}, [frozenset({"the", "herald"})], [], False, False),
        (record(findings=(failed(),)), set(), [], [], False, True),  # failures: always
        (
            record(followers=(frozenset({"sign", "acco"}),)),
            {"B"},
            [],
            [frozenset({"sign"})],
            False,
            True,
        ),
        (
            record(followers=(frozenset({"sign", "acco", "talk"}),)),
            {"B"},
            [],
            [frozenset({"sign"})],
            False,
            False,
        ),
        (record(followers=(frozenset({"sign"}),)), set(), [], [], True, True),
    ],
)
def test_a_page_is_re_read_when_what_it_rests_on_changed(
    document, changed, names, stems, everything, expected
):
    assert _affected(document, changed, names, stems, everything) is expected


def test_random_sources_index_without_error():
    rng = random.Random(3)
    words = "fentanyl 4,200 pounds 2023 last year nearly in March 14 Thursday this week the".split()
    for _ in range(50):
        text = "\n".join(" ".join(rng.choices(words, k=12)) + "." for _ in range(5))
        indexed = source(text)
        assert indexed.sentences and all(isinstance(k, tuple) for k in indexed.figures)


def printed_under_hash_seeds(program: str, seeds: Iterable[int]) -> set[str]:
    """What ``program`` prints, run in a fresh Python under each hash seed."""
    return {
        subprocess.run(
            [sys.executable, "-c", program],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in seeds
    }


def test_a_tie_between_passages_goes_to_the_earlier_whatever_the_hash_seed():
    """Two clean builds print the same passage: the choice among equally good
    passages reads no set's order, which Python varies with its hash seed."""
    program = """if True:
        from pathlib import Path
        from sphinxcontrib.factcheck.align import aligned_passages
        from sphinxcontrib.factcheck.dates import PublicationDate
        from sphinxcontrib.factcheck.index import Source
        text = "Tax rises hurt farms. Tax rises hurt firms. Tax rises hurt towns. Tax rises hurt homes."
        source = Source("K", Path("k.txt"), text, PublicationDate(2024, 3, 15), "en", 1)
        sentence = "Tax rises hurt farms, firms, towns and homes."
        print([a.first for a in aligned_passages(sentence, [source], count=4)])
    """
    printed = printed_under_hash_seeds(program, range(1, 7))
    # The last sentence holds the most words as written; the others tie.
    assert printed == {"[3, 0, 1, 2]\n"}


def test_a_sources_figures_with_the_same_words_share_one_set_of_them_stored_too():
    """A sentence's figures hold one set object for the same words (here, each one's
    context is the whole sentence's words), in the index and in the stored index:
    fewer objects to keep and to load, and the same values."""
    text = "Seizures rose to 4,200 pounds in 2023, officials said.\n\nThey met in May.\n"
    source = Source("K", Path("k.txt"), text, PublicationDate(2024, 3, 15))
    for indexed in (source, pickle.loads(pickle.dumps(source))):
        pounds, year = indexed.sentence_figures[0]
        assert (pounds.text, year.text) == ("4,200", "2023")
        assert pounds.context == year.context == {"seiz", "rose", "poun", "offi"}
        assert pounds.context is year.context


def test_a_sentences_passages_are_looked_for_once_in_each_source(monkeypatch):
    """Aligning the same words again in a source (a sentence's alignment, the
    passages it rests on, each cited source alone) while a sentence is checked
    reuses the first search, and gives what the search gives."""
    from sphinxcontrib.factcheck import align

    text = "Tax rises hurt farms. Officials met in May. Tax rises hurt firms."
    source = Source("K", Path("k.txt"), text, PublicationDate(2024, 3, 15), "en", 1)
    other = Source(
        "L",
        Path("l.txt"),
        "Rain fell. Farms and firms hurt.",
        PublicationDate(2024, 3, 15),
        "en",
        1,
    )
    searched = []
    search = align._candidates
    monkeypatch.setattr(
        align, "_candidates", lambda bits, s: searched.append(s.key) or search(bits, s)
    )
    sentence = "Tax rises hurt farms and firms."
    with align.searches_kept():  # as while a sentence is checked
        first = align.aligned_passages(sentence, [source, other], count=2)
        assert [(a.key, a.first) for a in first] == [("K", 2), ("K", 0)]
        assert align.align(sentence, [other]).first == 1
        assert align.align(sentence, [source]) == first[0]
        assert align.aligned_passages(sentence, [source, other], count=2) == first
        assert searched == ["K", "L"]  # each source searched once for the sentence's words
        assert align.align("Officials met.", [source]).first == 1 and searched[-1] == "K"


def test_a_search_for_more_passages_goes_on_from_where_the_last_one_stopped(monkeypatch):
    """A sentence's alignment (its best passage), then the two passages it rests
    on: while its checks run, the second question goes on with the first one's
    ranking instead of ranking the passages again, and both get what a search of
    their own would."""
    from sphinxcontrib.factcheck import align

    text = "Tax rises hurt farms. Officials met in May. Tax rises hurt firms. Rain fell."
    source = Source("K", Path("k.txt"), text, PublicationDate(2024, 3, 15), "en", 1)
    sentence = "Tax rises hurt farms and firms."
    fresh = align._alignments(sentence, (source,), None)
    expected = [next(fresh), next(fresh)]
    ranked = []
    extract = align.process.extract
    monkeypatch.setattr(
        align.process, "extract", lambda *a, **k: ranked.append(a[1]) or extract(*a, **k)
    )
    with align.searches_kept():
        assert align.align(sentence, [source]) == expected[0]
        assert align.aligned_passages(sentence, [source], count=2) == expected
        assert align.aligned_passages(sentence, [source], count=1) == expected[:1]
        assert align.aligned_passages(sentence, [source], count=2) == expected
    # The two best passages hold as many of the words: one ranking chose both.
    assert ranked == [["Tax rises hurt farms.", "Tax rises hurt firms."]]
    # Outside, nothing is kept: each question is a search of its own.
    assert align.aligned_passages(sentence, [source], count=2) == expected
    assert len(ranked) == 2 and align._KEPT.get() is None


def test_a_persons_introduction_is_where_the_source_names_them_and_goes_on_about_them():
    """The names of a sentence may come from the sentence that introduces a
    person it names (and the ones after it that go on about them), not from
    whatever follows the person's first mention, nor from a place's."""
    from sphinxcontrib.factcheck.names import scope

    text = (
        "Officials from Mexico met. Todd Robinson, a diplomat, spoke. He is an envoy of "
        "the State Department. China was not present. Trucks waited. Rain fell. Prices "
        "rose. Robinson said the talks went well."
    )
    indexed = Source("K", Path("k.txt"), text, PublicationDate(2024, 3, 15), "en", 1)
    last = len(indexed.sentences) - 1
    said = "Robinson said the talks in Mexico went well."
    found = scope([(indexed, last, last)], said, get_vocabulary("en"))
    assert "Todd Robinson, a diplomat" in found and "an envoy of the State Department" in found
    assert "China" not in found and "Officials from Mexico" not in found


@pytest.mark.parametrize(
    ("sentence", "passage", "expected"),
    [
        # Another name beside the same words, the sentence's given elsewhere.
        (
            "Raw materials are sent from Guatemala.",
            "Raw materials are sent from China. Sanctions hit people in Guatemala.",
            [("Guatemala", "China")],
        ),
        ("Sanctions hit Mexico’s firms.", "Sanctions hit Mexico’s firms.", []),
        # A pronoun, an abbreviation, a name a source gives a person, a country's
        # adjective before a noun, and accents are not other names.
        ("Felbab-Brown said so.", "She said so.", []),
        ("CBP officers seized pills.", "Customs and Border Protection officers seized pills.", []),
        ("AMLO denied it flatly.", "López Obrador denied it flatly.", []),
        ("Crossing into Tamaulipas.", "Crossing into the Mexican state of Tamaulipas.", []),
        ("López Obrador denied it flatly.", "Mr. Lopez Obrador denied it flatly.", []),
        (
            "He spoke of the Sinaloa cartel.",
            "He spoke of the Jalisco cartel.",
            [("Sinaloa", "Jalisco")],
        ),
        # Words of no content ("some of the") say nothing of a name's role; up to
        # three are read, to a content word ("saw some of the"), not past a comma.
        (
            "Police saw some of the Sinaloa cartel.",
            "They saw some of the Jalisco cartel.",
            [("Sinaloa", "Jalisco")],
        ),
        (
            "Police saw, we hear, some of the Sinaloa cartel.",
            "They saw some of the Jalisco cartel.",
            [],
        ),
        # Names listed together share their role.
        (
            "He was an ambassador to Mexico.",
            "Former Ambassador to Afghanistan, Argentina, and Mexico.",
            [],
        ),
        # After a name, two words only: a third reaches into what it did.
        (
            "Sanctioned by the Treasury Department for their alleged roles.",
            "Two firms in Guatemala for their alleged roles were sanctioned.",
            [],
        ),
        # A cell's first word, capitalized, is read as the word it is.
        ("Killings in Andrés", "There were 32,223 killings in Mexico.", [("Andrés", "Mexico")]),
    ],
)
def test_a_name_where_the_passage_gives_another_beside_the_same_words(sentence, passage, expected):
    from sphinxcontrib.factcheck.name_roles import swapped_names
    from sphinxcontrib.factcheck.names import name_words

    vocabulary = get_vocabulary("en")
    words = name_words(sentence, frozenset(), vocabulary)
    found = swapped_names(sentence, [passage], words, vocabulary, {"amlo": "obrador"}, {"killings"})
    assert found == expected


# -- Who gives a figure, and what a date dates ------------------------------


def _source(key: str, text: str) -> Source:
    """A source of one paragraph, dated 2024-03-15."""
    return Source(key, Path(f"{key.lower()}.txt"), text, PublicationDate(2024, 3, 15))


def _findings(
    sentence: str, sources: list[Source], attributions=None, cited: tuple[str, ...] | None = None
) -> list[Finding]:
    """The findings of a sentence citing ``cited`` (by default every source) among ``sources``."""
    from sphinxcontrib.factcheck.tools.mutation import rebuild
    from sphinxcontrib.factcheck.verify import check_sentence

    corpus = Corpus.of(sources, attributions)
    keys = tuple(source.key for source in sources)
    return check_sentence("page", rebuild(sentence, cited or keys, 1), corpus, dict.fromkeys(keys))


def _failed(findings: list[Finding]) -> list[str]:
    return [f"{f.status} {f.message}" for f in findings if f.status.failed]


POST = _source(
    "Post",
    "Officials met to sign the river accord with Mexico on Monday. On Tuesday, officials "
    "announced that the river accord with Mexico takes effect in May. The mayor opened the "
    "new bridge on Tuesday after long delays.\n",
)
LEDGER = _source("Ledger", "The mayor opened the new bridge on Wednesday after long delays.\n")


def test_a_date_is_the_day_of_what_its_clause_says():
    # The Post gives both days; the meeting was on Monday (March 11), not Tuesday.
    right = "Officials met to sign the river accord with Mexico on March 11, 2024."
    assert _failed(_findings(right, [POST])) == []
    failed = _failed(_findings(right.replace("11", "12"), [POST]))
    assert failed == [
        "contradicted date 'March 12, 2024' is not the day of what its clause says: the passage "
        "it rests on in Post gives 'Monday' (date 2024-03-11, from the source date)"
    ]


def test_a_figure_in_a_clause_naming_a_source_must_be_that_sources():
    names = {"Post": ("the Post",), "Ledger": ("the Ledger",)}
    right = "The Ledger reports that the mayor opened the new bridge on March 13, 2024."
    assert _failed(_findings(right, [POST, LEDGER], names)) == []
    # March 12 is the Post's date, not the Ledger's.
    failed = _failed(_findings(right.replace("13", "12"), [POST, LEDGER], names))
    assert (
        "misattributed figure 'March 12, 2024' stands in a clause that names 'The Ledger', but "
        "Ledger does not give it; Post does"
    ) in failed


def test_a_statement_reported_without_quotation_marks_is_its_speakers():
    text = "Ana Ruiz met Tom Lee in the capital. Lee said the border crossing would reopen to trucks.\n"
    source = _source("Wire", text)
    assert (
        _failed(_findings("Lee said the border crossing would reopen to trucks.", [source])) == []
    )
    assert _failed(
        _findings("Ruiz said the border crossing would reopen to trucks.", [source])
    ) == ["misattributed the sentence credits what it reports to Ruiz; Wire gives it to Lee"]


def test_a_sentence_whose_words_another_source_holds_far_better_must_cite_it():
    alpha = _source(
        "Alpha",
        "Cattle prices rose sharply across the northern ranches this spring. Rain was scarce.\n",
    )
    beta = _source(
        "Beta", "The port reopened to container traffic after the storm over the ranches passed.\n"
    )
    text = "Cattle prices rose sharply across the northern ranches this spring."

    def failed(key: str) -> list[str]:
        found = _findings(text, [alpha, beta], cited=(key,))
        return [f.message for f in found if f.status.failed]

    assert failed("Alpha") == []
    assert failed("Beta") == [
        "the sentence follows Alpha, whose passage holds 100% of its words, but cites Beta, "
        "whose passage holds 12%: cite Alpha"
    ]


def test_a_pages_findings_are_kept_under_their_inputs(tmp_path):
    cache = IndexCache(tmp_path)
    assert cache.stored_findings("page", "inputs-1") is None
    cache.store_findings("page", "inputs-1", ["first"])
    assert cache.stored_findings("page", "inputs-1") == ["first"]
    cache.store_findings("other", "inputs-1", ["other"])
    assert cache.stored_findings("other", "inputs-1") == ["other"]
    assert cache.stored_findings("page", "inputs-1") == ["first"]
    # Other inputs: not stored yet; then stored in the page's one file in place of the old.
    assert cache.stored_findings("page", "inputs-2") is None
    cache.store_findings("page", "inputs-2", ["second"])
    assert cache.stored_findings("page", "inputs-2") == ["second"]
    assert cache.stored_findings("page", "inputs-1") is None
    assert len(list(tmp_path.glob("findings-*.pickle"))) == 2
    # No folder: nothing kept.
    IndexCache(None).store_findings("page", "inputs-1", ["none"])
    assert IndexCache(None).stored_findings("page", "inputs-1") is None


@pytest.mark.parametrize(("cores", "workers"), [(1, 0), (2, 2), (3, 3), (16, 4)])
def test_pages_are_checked_beside_the_reading_by_one_worker_per_core(monkeypatch, cores, workers):
    from sphinxcontrib.factcheck import background

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert background.worker_count() == workers


class _OlderRecord:
    """Unpickles as another version's record would: into a class that no longer fits."""

    def __reduce__(self):
        return (PageFindings, ("only one field",))


def test_a_stored_file_another_version_wrote_is_treated_as_missing(tmp_path):
    cache = IndexCache(tmp_path)
    cache.store_findings("page", "inputs-1", _OlderRecord())
    assert cache.stored_findings("page", "inputs-1") is None
    cache.store_findings("page", "inputs-1", ["checked again"])
    assert cache.stored_findings("page", "inputs-1") == ["checked again"]


def test_the_digest_of_a_pages_inputs_is_the_same_in_every_process():
    code = (
        "from sphinxcontrib.factcheck.cache import digest_of\n"
        "from sphinxcontrib.factcheck.extract import extract_figures\n"
        "print(digest_of(extract_figures('seized 4,200 pounds of fentanyl in 2022', context=None),"
        " {'b', 'a', 'c'}))"
    )
    digests = printed_under_hash_seeds(code, (1, 2, 3))
    assert len(digests) == 1
