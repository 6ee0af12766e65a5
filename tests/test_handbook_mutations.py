"""Mutation test over the real handbook: every mistake an author could make in
a figure, a quotation or a citation is caught, and the unchanged handbook
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


def test_every_mutant_is_caught(score):
    survivors = "\n".join(
        f"{m.docname}:{m.line} [{m.operator}] {m.mutated}" for m in score.survivors
    )
    assert score.survivors == [], f"mutation score {score.score:.1%}; survivors:\n{survivors}"


@pytest.mark.parametrize(
    "operator", ["first digit", "qualifier", "word dropped", "citation removed"]
)
def test_every_mutant_of_these_kinds_is_caught(score, operator):
    assert [m for m in score.survivors if m.operator == operator] == []


def test_a_mutated_chapter_fails_the_real_build(build):
    """End to end: one mutant written into a page fails the Sphinx build."""
    result = build(
        "# C\n\nNearly 110,000 people died of drug overdoses in 2021 {cite:p}`NYTimes2023ties`.\n"
    )
    assert result.status == 1
    assert any("[unsupported] figure '2021'" in line for line in result.warning_lines)
