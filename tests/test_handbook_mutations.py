"""Mutation test over the real handbook: every mistake an author could make in
a figure, a quotation or a citation is caught; each class of mistake of meaning
(a name, a speaker, a negation, a direction, a period, a unit, a relative date)
is caught at least as often as its recorded floor; and the unchanged handbook
raises no false alarm (see sphinxcontrib.factcheck.tools.mutation for the operators)."""

from __future__ import annotations

import pytest

from sphinxcontrib.factcheck.tools import mutation
from sphinxcontrib.factcheck.tools.claims import load_project
from tests.conftest import DOCS

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def score() -> mutation.Score:
    return mutation.run(load_project(DOCS))


def test_handbook_has_claims_to_mutate(score):
    assert score.sentences > 0
    assert {"last digit", "qualifier", "citation swapped", "citation removed"} <= set(
        score.by_operator
    )


def test_no_false_alarm_on_the_unchanged_handbook(score):
    assert score.false_alarms == []


#: The operators whose every mutant must be caught: a figure's digits, words and
#: qualifier, a quotation's words, the citation, a quotation's speaker, a name no
#: source gives, a figure's unit.
EVERY_MUTANT = (
    "first digit",
    "last digit",
    "number word",
    "qualifier",
    "word dropped",
    "citation swapped",
    "citation removed",
    "speaker swapped",
    "name swapped: in no source",
    "unit changed",
)
#: The least share of each class of mistake of meaning caught on the handbook: the
#: scores as measured, rounded down, so a change that catches fewer fails here.
#: ``factcheck-mutate docs`` lists what survives (a name the passage holds in
#: another role, a period named only far from the words around it, a negation
#: another sentence of the source vouches for).
MEANING_FLOORS = {
    "name swapped: elsewhere in the source": 0.99,
    "negation added": 0.99,
    "negation dropped": 0.96,
    "direction reversed": 0.99,
    "period changed": 0.97,
    "weekday misresolved": 0.97,
    "relative year misresolved": 0.96,
}


def survivors_of(score: mutation.Score, operator: str) -> str:
    return "\n".join(
        f"{m.docname}:{m.line} {m.mutated}" for m in score.survivors if m.operator == operator
    )


@pytest.mark.parametrize("operator", EVERY_MUTANT)
def test_every_mutant_of_these_kinds_is_caught(score, operator):
    assert score.by_operator[operator] > 0
    assert score.score_of(operator) == 1.0, survivors_of(score, operator)


@pytest.mark.parametrize("operator", sorted(MEANING_FLOORS))
def test_mistakes_of_meaning_are_caught_at_least_as_often_as_recorded(score, operator):
    assert score.by_operator[operator] > 0
    assert score.score_of(operator) >= MEANING_FLOORS[operator], survivors_of(score, operator)


def test_every_class_of_meaning_is_held_to_a_floor_or_to_all():
    assert set(mutation.MEANING_OPERATORS) <= set(MEANING_FLOORS) | set(EVERY_MUTANT)


def test_a_mutated_chapter_fails_the_real_build(build):
    """End to end: one mutant written into a page fails the Sphinx build."""
    result = build(
        "# C\n\nNearly 110,000 people died of drug overdoses in 2021 {cite:p}`NYTimes2023ties`.\n"
    )
    assert result.status == 1
    assert any("[unsupported] figure '2021'" in line for line in result.warning_lines)
