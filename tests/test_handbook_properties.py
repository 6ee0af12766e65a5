"""Property tests of the matching rules, drawn from the real sources."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sphinxcontrib.factcheck.collect import Sentence
from sphinxcontrib.factcheck.corpus import Corpus
from sphinxcontrib.factcheck.dates import PublicationDate
from sphinxcontrib.factcheck.extract import extract_figures
from sphinxcontrib.factcheck.index import Source
from sphinxcontrib.factcheck.passages import PASSAGE_SENTENCES, Passages, quotation_pattern
from sphinxcontrib.factcheck.sentences import split_sentences
from sphinxcontrib.factcheck.verify import check_sentence
from tests.conftest import ROOT

DATES = {
    "nbcnews-2023-04-14-biden-plan-mexico.txt": "2023-04-14",
    "aldianews-2023-04-two-cartels-targeted.txt": "2023-04",
    "wilsoncenter-2023-wayne-get-tougher.txt": "2023",
    "nytimes-2023-10-mexico-us-ties.txt": "2023-10",
    "azcentral-2023-03-28-rising-tensions.txt": "2023-03-28",
}
SOURCES = {
    name: Source(
        name,
        ROOT / "sources" / name,
        (ROOT / "sources" / name).read_text(),
        PublicationDate.parse(date),
    )
    for name, date in DATES.items()
}
CORPUS = Corpus(SOURCES, [], {})
# The sentences of the articles themselves (page furniture is never evidence).
SENTENCES = [
    (name, source.text[start:end])
    for name, source in SOURCES.items()
    for index, (start, end) in enumerate(split_sentences(source.text, hard_breaks=True))
    if len(source.text[start:end].split()) >= 4 and index not in source.furniture
]
QUOTABLE = [(n, s) for n, s in SENTENCES if not re.search(r"[\"“”]", s)]
WITH_DIGITS = [
    (n, s)
    for n, s in SENTENCES
    if any(
        f.kind in ("number", "percent", "money") and re.search(r"\d", f.text)
        for f in extract_figures(s)
    )
    and not re.search(r"[\"“”]", s)
]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(QUOTABLE), st.data())
def test_any_extract_of_a_source_sentence_quoted_verifies(picked, data):
    name, sentence = picked
    words = sentence.split()
    start = data.draw(st.integers(0, len(words) - 3))
    end = data.draw(st.integers(start + 3, len(words)))
    extract = " ".join(words[start:end])
    assert Passages(SOURCES[name].text).find(extract) is not None, extract


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(WITH_DIGITS), st.data())
def test_any_changed_digit_in_a_verified_figure_fails(picked, data):
    name, sentence = picked
    source = SOURCES[name]
    figures = [
        f
        for f in extract_figures(sentence)
        if f.kind in ("number", "percent", "money") and re.search(r"\d", f.text)
    ]
    figure = data.draw(st.sampled_from(figures))
    digits = [i for i, c in enumerate(figure.text) if c.isdigit()]
    index = data.draw(st.sampled_from(digits))
    new_digit = data.draw(st.sampled_from([d for d in "0123456789" if d != figure.text[index]]))
    changed = figure.text[:index] + new_digit + figure.text[index + 1 :]
    mutated_figures = extract_figures(changed)
    assume(mutated_figures and mutated_figures[0].kind == figure.kind)
    # A changed value that the source states elsewhere is a different, true figure.
    assume(all(m.key not in source.figures for m in mutated_figures))
    text = sentence[: figure.start] + changed + sentence[figure.end :]
    claim = Sentence(1, text, (name,), tuple(extract_figures(text)), (), ())
    statuses = {f.status for f in check_sentence("t", claim, CORPUS, {name: None})}
    assert "unsupported" in statuses, text


def test_every_source_sentence_verifies_as_it_stands():
    for name, sentence in SENTENCES:
        claim = Sentence(1, sentence, (name,), tuple(extract_figures(sentence)), (), ())
        failed = [
            f.message for f in check_sentence("t", claim, CORPUS, {name: None}) if f.status.failed
        ]
        assert failed == [], (name, sentence)


def test_sources_exist():
    assert all(Path(s.path).is_file() for s in SOURCES.values())


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SENTENCES), st.data())
def test_the_verbatim_search_agrees_with_the_quotation_pattern(picked, data):
    """A quotation with no cut or insertion is found by a plain search; it must
    find exactly what the general pattern finds, case of the first letter and
    whole words included. The punctuation closing a quotation is the writer's,
    so neither search asks the source for it."""
    name, sentence = picked
    passages = Passages(SOURCES[name].text)
    start = data.draw(st.integers(0, len(sentence) - 2))
    end = data.draw(st.integers(start + 2, len(sentence)))
    extract = sentence[start:end].strip()
    if data.draw(st.booleans()) and extract:
        extract = extract[0].swapcase() + extract[1:]
    assume(re.search(r"\w", extract) and "..." not in extract and "[" not in extract)
    assume(not re.search(r"[\"“”]", extract))
    extract = re.sub(r"(?<!\.)[.,;:!?]+\s*$", "", extract) or extract
    assume(re.search(r"\w", extract))
    pattern = quotation_pattern(extract)
    assert pattern is not None
    expected = None
    for found in pattern.finditer(passages.normalized):
        first, last = passages.sentence_at(found.start()), passages.sentence_at(found.end() - 1)
        if last - first < PASSAGE_SENTENCES:
            expected = (passages.offsets[found.start()], passages.offsets[found.end() - 1] + 1)
            break
    found = passages.find(extract)
    assert (found is None) == (expected is None), extract
    if found is not None:
        # Both are a valid place: the earliest whole-word occurrence.
        assert (found.start, found.end) == expected, extract
