"""Mutation test of the fact check over a project's own pages.

For every figure and quotation the pages state, make the mistakes an
author could make and prove that the check catches each one:

- a digit changed (the last digit, and the first), a year moved by one;
- a number word changed ("two" to "three");
- a qualifier turned round ("nearly" to "more than", a bare figure made "nearly");
- a word dropped from a quotation;
- the citation swapped for each other source, or removed.

A mutant is *killed* when checking the mutated sentence gives any failure.
The unchanged sentences are checked the same way first: any failure there is
a false alarm. Run ``factcheck-mutate docs`` for the score and the list of
survivors (exit status 1 if any mutant survives or any false alarm is raised).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from ..collect import Sentence, figures_of
from ..figures import QUANTITIES, Qualifier
from ..language import get_vocabulary
from ..quotations import find_quotations
from ..verify import check_sentence
from .claims import Project, load_project

_ENGLISH = get_vocabulary("en")
NUMBER_WORDS = [w for w, n in _ENGLISH.units.items() if n != 1] + [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
OPPOSITE = {Qualifier.BELOW: "more than", Qualifier.ABOVE: "nearly", Qualifier.ABOUT: "more than"}
QUALIFIER_WORDS = re.compile(
    r"^(?:nearly|almost|just under|fewer than|less than|up to|more than|over|at least|just over|"
    r"upwards of|above|roughly|about|around|approximately|an estimated|some)\s+",
    re.IGNORECASE,
)


class Mutant(NamedTuple):
    docname: str
    line: int
    operator: str
    original: str
    mutated: str
    keys: tuple[str, ...]
    row: bool = False


def rebuild(text: str, keys: tuple[str, ...], line: int, row: bool = False) -> Sentence:
    """A sentence as the collector would make it from plain ``text``."""
    quotations = find_quotations(text)
    figures = [
        f for f in figures_of(text, row) if not any(q.start <= f.start < q.end for q in quotations)
    ]
    return Sentence(line, text, keys, tuple(figures), tuple(quotations), (), row=row)


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _digit_mutants(figure_text: str) -> Iterator[tuple[str, str]]:
    digits = [i for i, c in enumerate(figure_text) if c.isdigit()]
    if not digits:
        return
    for name, index in (("last digit", digits[-1]), ("first digit", digits[0])):
        digit = int(figure_text[index])
        new = str((digit + 1) % 10) if not (index == digits[0] and digit == 9) else "8"
        if index == digits[0] and new == "0" and len(digits) > 1:
            new = "2"
        yield name, _replace(figure_text, index, index + 1, new)
        if len(digits) == 1:
            return


def mutants_of(docname: str, sentence: Sentence, source_keys: list[str]) -> Iterator[Mutant]:
    text, keys = sentence.text, sentence.keys
    base = rebuild(text, keys, sentence.line, sentence.row)

    def mutant(
        operator: str, original: str, mutated_text: str, new_keys: tuple[str, ...] = keys
    ) -> Mutant:
        return Mutant(
            docname, sentence.line, operator, original, mutated_text, new_keys, sentence.row
        )

    for figure in base.figures:
        span = text[figure.start : figure.end]
        for name, new in _digit_mutants(span):
            yield mutant(name, span, _replace(text, figure.start, figure.end, new))
        words = re.findall(r"[A-Za-z]+", span.lower())
        for word in words:
            if word in NUMBER_WORDS:
                other = NUMBER_WORDS[(NUMBER_WORDS.index(word) + 1) % len(NUMBER_WORDS)]
                new = re.sub(rf"\b{word}\b", other, span, count=1, flags=re.IGNORECASE)
                yield mutant("number word", span, _replace(text, figure.start, figure.end, new))
        if "half" in words:
            new = re.sub(r"\bhalf\b", "a quarter", span, flags=re.IGNORECASE)
            yield mutant("number word", span, _replace(text, figure.start, figure.end, new))
        if figure.kind in QUANTITIES:
            if figure.qualifier is Qualifier.EXACT:
                new = "nearly " + span
            else:
                new = OPPOSITE[figure.qualifier] + " " + QUALIFIER_WORDS.sub("", span)
            yield mutant("qualifier", span, _replace(text, figure.start, figure.end, new))
    for quotation in base.quotations:
        words = quotation.text.split()
        # Words the author wrote, not editorial marks ([sic], …) that a cut could remove.
        droppable = [i for i, w in enumerate(words) if not re.search(r"[\[\]…]|\.\.\.", w)]
        if len(words) >= 3 and droppable:
            middle = min(droppable, key=lambda i: abs(i - len(words) // 2))
            shorter = " ".join(words[:middle] + words[middle + 1 :])
            start = quotation.start + 1
            yield mutant(
                "word dropped",
                quotation.text,
                _replace(text, start, start + len(quotation.text), shorter),
            )
    if base.figures or base.quotations:
        for other in source_keys:
            if other not in keys:
                yield mutant("citation swapped", ",".join(keys), text, (other,))
        yield mutant("citation removed", ",".join(keys), text, ())


class Score(NamedTuple):
    mutants: int
    killed: int
    survivors: list[Mutant]
    false_alarms: list[tuple[str, Sentence, list[str]]]
    sentences: int
    by_operator: Counter[str]

    @property
    def score(self) -> float:
        return self.killed / self.mutants if self.mutants else 1.0


def run(project: Project) -> Score:
    source_keys = sorted(project.corpus.sources)
    survivors: list[Mutant] = []
    false_alarms = []
    total = killed = checked = 0
    by_operator: Counter[str] = Counter()

    def fails(
        text: str, keys: tuple[str, ...], line: int, docname: str, row: bool = False
    ) -> list[str]:
        findings = check_sentence(
            docname, rebuild(text, keys, line, row), project.corpus, project.entries
        )
        return [f.message for f in findings if f.status.failed]

    for docname, sentence in project.sentences:
        if sentence.exemptions or not (sentence.figures or sentence.quotations):
            continue
        checked += 1
        alarms = fails(sentence.text, sentence.keys, sentence.line, docname, sentence.row)
        if alarms:
            false_alarms.append((docname, sentence, alarms))
            continue
        for mutant in mutants_of(docname, sentence, source_keys):
            total += 1
            by_operator[mutant.operator] += 1
            if fails(mutant.mutated, mutant.keys, mutant.line, docname, mutant.row):
                killed += 1
            else:
                survivors.append(mutant)
    return Score(total, killed, survivors, false_alarms, checked, by_operator)


def main(argv: list[str] | None = None) -> int:
    """Print the mutation score of a project; 0 if every mutant is caught, with no false alarm."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", default="docs", help="the Sphinx source folder")
    args = parser.parse_args(argv)
    score = run(load_project(Path(args.docs).resolve()))
    print(f"sentences with figures or quotations: {score.sentences}")
    print(
        "mutants by operator: "
        + ", ".join(f"{k} {v}" for k, v in sorted(score.by_operator.items()))
    )
    print(f"mutation score: {score.killed}/{score.mutants} killed ({score.score:.1%})")
    print(f"false alarms on the unchanged pages: {len(score.false_alarms)}")
    for docname, sentence, alarms in score.false_alarms:
        print(f"  FALSE ALARM {docname}:{sentence.line}: {alarms[0]}")
    for mutant in score.survivors:
        print(
            f"  SURVIVOR {mutant.docname}:{mutant.line} [{mutant.operator}] "
            f"{mutant.original!r} -> keys {mutant.keys}: {mutant.mutated}"
        )
    return 0 if not score.survivors and not score.false_alarms else 1


if __name__ == "__main__":
    sys.exit(main())
