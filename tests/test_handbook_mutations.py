"""Mutation test over the real handbook: every mistake an author could make in
a figure, a quotation or a citation, and every mistake of meaning (a name, a
speaker, a negation, a direction, a period, a unit, a relative date), is caught;
and the unchanged handbook raises no false alarm (see sphinxcontrib.factcheck.tools.mutation for the operators)."""

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


#: The operators whose every mutant must be caught: all of them, a figure's
#: digits, words and qualifier, a quotation's words, the citation, and every
#: class of mistake of meaning (a speaker, a name, a negation, a direction, a
#: period, a unit, a relative date). ``factcheck-mutate docs`` lists what survives.
EVERY_MUTANT = (
    "first digit",
    "last digit",
    "number word",
    "qualifier",
    "word dropped",
    "citation swapped",
    "citation removed",
    *mutation.MEANING_OPERATORS,
)


def survivors_of(score: mutation.Score, operator: str) -> str:
    return "\n".join(
        f"{m.docname}:{m.line} {m.mutated}" for m in score.survivors if m.operator == operator
    )


@pytest.mark.parametrize("operator", EVERY_MUTANT)
def test_every_mutant_of_each_kind_is_caught(score, operator):
    assert score.by_operator[operator] > 0
    assert score.score_of(operator) == 1.0, survivors_of(score, operator)


def test_every_operator_is_held_to_all(score):
    assert set(score.by_operator) == set(EVERY_MUTANT)
    assert score.killed == score.mutants, "\n".join(
        f"{m.docname}:{m.line}" for m in score.survivors
    )


def test_a_mutated_chapter_fails_the_real_build(build):
    """End to end: one mutant written into a page fails the Sphinx build."""
    result = build(
        "# C\n\nNearly 110,000 people died of drug overdoses in 2021 {cite:p}`NYTimes2023ties`.\n"
    )
    assert result.status == 1
    assert any("[unsupported] figure '2021'" in line for line in result.warning_lines)
