"""The fact check against sentences a reader labelled: 184 sentences about the
handbook's sources, each written as an editor might (correct paraphrases, dates
resolved, number words) or with one mistake of a named class (a name, a speaker,
a negation, a direction, a unit, a citation), each with the source's words that
decide it (tests/data/labelled-sentences.jsonl).

The check must flag almost every wrong sentence and almost no correct one; the
figures are printed (``pytest -s``) and held to floors just under the measured
ones, class by class where every sentence of a class is caught."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from sphinxcontrib.factcheck.tools.claims import load_project
from sphinxcontrib.factcheck.tools.mutation import rebuild
from sphinxcontrib.factcheck.verify import check_sentence
from tests.conftest import DOCS, ROOT

pytestmark = pytest.mark.build

LABELLED = ROOT / "tests" / "data" / "labelled-sentences.jsonl"
#: Measured 0.978 and 0.926; a change that does worse fails here.
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.99
#: The classes of mistake caught in every labelled sentence.
ALWAYS_CAUGHT = ("date", "figure", "name-absent", "negation", "quotation", "speaker")


class Judged(NamedTuple):
    text: str
    wrong: bool
    flagged: bool
    kind: str
    note: str


def read_labelled(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        assert row["label"] in ("correct", "wrong"), row
    return rows


@pytest.fixture(scope="module")
def judged() -> list[Judged]:
    project = load_project(DOCS)
    results = []
    for row in read_labelled(LABELLED):
        sentence = rebuild(row["text"], tuple(row["keys"]), 1)
        findings = check_sentence("labelled", sentence, project.corpus, project.entries)
        flagged = any(f.status.failed for f in findings)
        results.append(
            Judged(row["text"], row["label"] == "wrong", flagged, row["class"], row["note"])
        )
    return results


def test_the_labelled_set_has_both_labels_in_every_class(judged):
    assert len(judged) >= 150
    kinds = Counter(j.kind for j in judged)
    assert all(count >= 5 for count in kinds.values()), kinds
    assert {j.wrong for j in judged} == {True, False}


def test_precision_and_recall_reach_their_floors(judged):
    caught = sum(j.wrong and j.flagged for j in judged)
    false_alarms = [j for j in judged if j.flagged and not j.wrong]
    missed = [j for j in judged if j.wrong and not j.flagged]
    precision = caught / (caught + len(false_alarms))
    recall = caught / (caught + len(missed))
    print(f"\nlabelled sentences: {len(judged)}; precision {precision:.3f}, recall {recall:.3f}")
    for j in missed:
        print(f"  missed [{j.kind}] {j.text}")
    for j in false_alarms:
        print(f"  false alarm [{j.kind}] {j.text}")
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


@pytest.mark.parametrize("kind", ALWAYS_CAUGHT)
def test_these_mistakes_are_always_caught(judged, kind):
    wrong = [j for j in judged if j.kind == kind and j.wrong]
    assert wrong and all(j.flagged for j in wrong), [j.text for j in wrong if not j.flagged]
