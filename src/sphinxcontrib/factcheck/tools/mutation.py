"""Mutation test of the fact check over a project's own pages.

For every figure and quotation the pages state, make the mistakes an
author could make and prove that the check catches each one:

- a digit changed (the last digit, and the first), a year moved by one;
- a number word changed ("two" to "three");
- a qualifier turned round ("nearly" to "more than", a bare figure made "nearly");
- a word dropped from a quotation;
- the citation swapped for each other source, or removed;
- and, for every cited sentence, the mistakes of meaning that keep every
  digit right (:mod:`.meaning_mutants`): a speaker or a name swapped, a
  negation dropped or added, a direction reversed, a period or a unit changed, a relative
  date misresolved.

A mutant is *killed* when checking the mutated sentence gives any failure.
The unchanged sentences are checked the same way first: any failure there is
a false alarm. Run ``factcheck-mutate docs`` for the score and the list of
survivors (exit status 1 if any false alarm is raised, or if the score is
below ``--fail-under``, 100 by default).
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
from ..names import scope
from ..quotations import find_quotations
from ..verify import check_sentence, meaning_passages
from . import meaning_mutants
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
    killed_by: Counter[str] = Counter()

    @property
    def score(self) -> float:
        return self.killed / self.mutants if self.mutants else 1.0

    def score_of(self, operator: str) -> float:
        """The share of one operator's mutants the check catches."""
        made = self.by_operator[operator]
        return self.killed_by[operator] / made if made else 1.0


#: The classes of mutant of meaning, each held to its own score.
MEANING_OPERATORS = (
    "speaker swapped",
    "name swapped: in no source",
    "name swapped: elsewhere in the source",
    "negation dropped",
    "negation added",
    "direction reversed",
    "period changed",
    "unit changed",
    "weekday misresolved",
    "relative year misresolved",
)


def run(project: Project) -> Score:
    source_keys = sorted(project.corpus.sources)
    survivors: list[Mutant] = []
    false_alarms = []
    total = killed = checked = 0
    by_operator: Counter[str] = Counter()
    killed_by: Counter[str] = Counter()
    corpus = project.corpus

    def findings_of(text: str, keys: tuple[str, ...], line: int, docname: str, row: bool) -> list:
        return check_sentence(docname, rebuild(text, keys, line, row), corpus, project.entries)

    def fails(
        text: str, keys: tuple[str, ...], line: int, docname: str, row: bool = False
    ) -> list[str]:
        return [f.message for f in findings_of(text, keys, line, docname, row) if f.status.failed]

    def judge(mutant: Mutant) -> None:
        nonlocal total, killed
        total += 1
        by_operator[mutant.operator] += 1
        if fails(mutant.mutated, mutant.keys, mutant.line, mutant.docname, mutant.row):
            killed += 1
            killed_by[mutant.operator] += 1
        else:
            survivors.append(mutant)

    for docname, sentence in project.sentences:
        claims = bool(sentence.figures or sentence.quotations)
        if sentence.exemptions or sentence.statement or not (claims or sentence.keys):
            continue
        checked += 1
        base = findings_of(sentence.text, sentence.keys, sentence.line, docname, sentence.row)
        alarms = [f.message for f in base if f.status.failed]
        if alarms:
            false_alarms.append((docname, sentence, alarms))
            continue
        if claims:
            for mutant in mutants_of(docname, sentence, source_keys):
                judge(mutant)
        if sentence.keys:
            rebuilt = rebuild(sentence.text, sentence.keys, sentence.line, sentence.row)
            for operator, original, mutated in _meaning(rebuilt, base, corpus):
                judge(
                    Mutant(
                        docname,
                        sentence.line,
                        operator,
                        original,
                        mutated,
                        sentence.keys,
                        sentence.row,
                    )
                )
    return Score(total, killed, survivors, false_alarms, checked, by_operator, killed_by)


def _meaning(sentence: Sentence, base: list, corpus) -> Iterator[tuple[str, str, str]]:
    """The mutants of meaning of one cited sentence."""
    sources = [corpus.sources[key] for key in sentence.keys if key in corpus.sources]
    vocabulary = get_vocabulary(corpus.language)
    passages = meaning_passages(sentence, sources, base, vocabulary)
    # What the sentence's names may stand in: its passages and their neighbours,
    # the introductions of the people it names. A name swapped in from
    # beyond is "elsewhere in the source".
    near = scope(passages, sentence.text, vocabulary)
    held = "\n".join(source.passage_text(first, last) for source, first, last in passages)
    yield from meaning_mutants.speaker_mutants(sentence, base, corpus)
    yield from meaning_mutants.name_mutants(sentence, corpus, near)
    yield from meaning_mutants.negation_mutants(sentence, held)
    yield from meaning_mutants.direction_mutants(sentence)
    yield from meaning_mutants.period_mutants(sentence, held)
    yield from meaning_mutants.unit_mutants(sentence, base)
    yield from meaning_mutants.relative_date_mutants(sentence, base, corpus)


def main(argv: list[str] | None = None) -> int:
    """Print the mutation score of a project; 0 if no false alarm is raised and
    the score reaches ``--fail-under`` (every mutant caught, by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", default="docs", help="the Sphinx source folder")
    parser.add_argument(
        "--fail-under",
        type=float,
        default=100.0,
        metavar="PERCENT",
        help="the score below which to exit with status 1 (default: 100)",
    )
    args = parser.parse_args(argv)
    score = run(load_project(Path(args.docs).resolve()))
    print(f"sentences checked (cited, or stating a figure or quotation): {score.sentences}")
    print(
        "mutants by operator: "
        + ", ".join(f"{k} {v}" for k, v in sorted(score.by_operator.items()))
    )
    print(f"mutation score: {score.killed}/{score.mutants} killed ({score.score:.1%})")
    for operator in sorted(score.by_operator):
        print(
            f"  {operator}: {score.killed_by[operator]}/{score.by_operator[operator]} "
            f"({score.score_of(operator):.1%})"
        )
    print(f"false alarms on the unchanged pages: {len(score.false_alarms)}")
    for docname, sentence, alarms in score.false_alarms:
        print(f"  FALSE ALARM {docname}:{sentence.line}: {alarms[0]}")
    for mutant in score.survivors:
        print(
            f"  SURVIVOR {mutant.docname}:{mutant.line} [{mutant.operator}] "
            f"{mutant.original!r} -> keys {mutant.keys}: {mutant.mutated}"
        )
    return 0 if score.score * 100 >= args.fail_under and not score.false_alarms else 1


if __name__ == "__main__":
    sys.exit(main())
