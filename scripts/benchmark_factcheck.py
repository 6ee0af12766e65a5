"""Benchmark the fact check: throughput on synthetic corpora, incremental builds
as the corpus grows, and its share of a real HTML build.

Part 1 builds synthetic corpora (``--sources`` sources of about thirty
sentences each, ``--sentences`` chapter sentences each citing one or two
sources and restating a passage of one of them), then times indexing the
sources and checking the sentences at several sizes. If the check scales
linearly, time per sentence stays flat as the corpus grows; if it scaled with
sentences x sources it would grow with the corpus. The clean check of the
largest size, indexing included, is the figure to watch (goal: 3 s or less):
the median of ``--runs`` runs, each size timed in a fresh process. The
largest is then checked as a serial Sphinx build checks it: its sentences in
twenty pages, read from their text as a page's are (their figures and
quotations found, which the figures above leave out), each page checked in a
worker process, one per core, that indexes each source it meets
(:mod:`.background`).

Part 2 builds a synthetic Sphinx project whose pages cite five sources, with
five sources in its archive and then ``--sources``, and times a one-page
incremental HTML build of each, the page edited so that it is checked again
(median of ``--runs``): with the source index kept between builds, the larger
archive should cost about the same (goal: a ratio of 1.5 or less). The same
builds without the check, taking turns with them, give what the larger archive
costs Sphinx and sphinxcontrib-bibtex alone.

Part 3 times ``sphinx-build -b html -E`` on the real handbook with the check
off (``factcheck_enabled``) and on, median of ``--runs`` runs, the builds
taking turns, and prints the ratio (goal: 1.05 or less): on with an empty
cache folder (every page checked), each page as it is read and in workers
beside the reading (``factcheck_background``), and on with the findings an
earlier build stored (no page checked again, as in a second ``make html`` or
``make check``). It then counts the function calls of the builds without the
check and with stored findings, a ratio that does not move with the machine's
load as the times do.

Part 1 also says where the largest check's time goes: it checks the largest
corpus again in a fresh process and prints the time of each rule.

Part 4 says where the check's share goes: it checks the real handbook's
sentences again in a fresh process (every cache cold, as in a clean build)
and prints the time of each rule.

The run ends with each goal, its figure and whether the figure meets it:
the synthetic corpora's at the default sizes only, the real handbook's always.

    python scripts/benchmark_factcheck.py [--sources 1000] [--sentences 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import collections
import functools
import hashlib
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinxcontrib.factcheck.background import BackgroundCheck, worker_count
from sphinxcontrib.factcheck.cache import IndexCache
from sphinxcontrib.factcheck.collect import BlockText, Sentence
from sphinxcontrib.factcheck.corpus import Corpus, Sources, SourceText
from sphinxcontrib.factcheck.dates import PublicationDate
from sphinxcontrib.factcheck.extract import extract_figures
from sphinxcontrib.factcheck.index import Source
from sphinxcontrib.factcheck.passages import PASSAGE_SENTENCES
from sphinxcontrib.factcheck.quotations import find_quotations
from sphinxcontrib.factcheck.verify import check_sentences

ROOT = Path(__file__).resolve().parent.parent

WORDS = (
    "fentanyl seizures border cartel precursor officials agency port entry trafficking "
    "weapons tracing homicide migrants lawmakers treasury sanctions report statement "
    "administration government policy cooperation smuggling pounds people"
).split()
#: The sizes the goals for the check's throughput are set at: a clean check of
#: 10,000 sentences against 1,000 sources, indexing included, and a one-page
#: incremental build with 1,000 sources against one with five.
GOAL_SOURCES, GOAL_SENTENCES = 1000, 10000
#: The goals: the clean check's seconds, the incremental builds' ratio, and the
#: ratio of the real handbook's HTML build with the check to one without it.
CHECK_GOAL_SECONDS, INCREMENTAL_GOAL_RATIO, HTML_GOAL_RATIO = 3, 1.5, 1.05
QUALIFIERS = ("", "", "nearly ", "more than ", "roughly ")


def synthetic_text(rng: random.Random) -> str:
    sentences = []
    for _ in range(30):
        words = rng.sample(WORDS, 8)
        number = (
            f"{rng.randint(1, 999):,}" if rng.random() < 0.5 else f"{rng.randint(1000, 99999):,}"
        )
        year = rng.randint(2015, 2023)
        words.insert(3, f"{rng.choice(QUALIFIERS)}{number}")
        words.insert(6, f"in {year}")
        sentences.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(sentences) + "\n"


def synthetic_source(rng: random.Random, index: int, text: str | None = None) -> Source:
    """Synthetic source ``index``, indexed from ``text`` or a new synthetic text."""
    return Source(
        f"Synthetic{index}",
        Path(f"synthetic-{index}.txt"),
        synthetic_text(rng) if text is None else text,
        PublicationDate(2023, 6, 1),
    )


def synthetic_sentences(rng: random.Random, sources: list[Source], count: int) -> list[Sentence]:
    sentences = []
    for line in range(count):
        cited = rng.sample(sources, 2 if rng.random() < 0.3 and len(sources) > 1 else 1)
        source = cited[0]
        start, end = rng.choice(source.sentences)
        text = source.text[start:end]
        if rng.random() < 0.3:
            words = text.split()
            text = f"The report said “{' '.join(words[1:6])}” and more"
        quotations = find_quotations(text)
        figures = [
            f
            for f in extract_figures(text)
            if not any(q.start <= f.start < q.end for q in quotations)
        ]
        sentences.append(
            Sentence(
                line + 1, text, tuple(s.key for s in cited), tuple(figures), tuple(quotations), ()
            )
        )
    return sentences


def time_check(n_sources: int, n_sentences: int, seed: int = 1) -> tuple[float, float, int]:
    rng = random.Random(seed)
    texts = [synthetic_text(rng) for _ in range(n_sources)]  # written before the clock starts
    started = time.perf_counter()
    sources = [synthetic_source(rng, i, text) for i, text in enumerate(texts)]
    indexed = time.perf_counter() - started
    sentences = synthetic_sentences(rng, sources, n_sentences)
    corpus = Corpus.of(sources)
    known = {s.key: None for s in sources}
    started = time.perf_counter()
    findings = check_sentences("bench", sentences, corpus, known)
    checked = time.perf_counter() - started
    failed = sum(1 for f in findings if f.status.failed)
    assert failed == 0, f"{failed} synthetic claims failed"
    return indexed, checked, len(findings)


def apart(option: str, *numbers: int) -> Any:
    """What this script prints as JSON when run with ``option`` and ``numbers``, in a
    process of its own: every cache cold, as in a clean build."""
    out = subprocess.run(
        [sys.executable, __file__, option, *map(str, numbers)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def time_check_apart(n_sources: int, n_sentences: int) -> tuple[float, float, int]:
    """:func:`time_check` in a process of its own, every cache cold."""
    indexed, checked, claims = apart("--time-check", n_sources, n_sentences)
    return indexed, checked, claims


def synthetic_pages(
    rng: random.Random, texts: list[str], count: int, pages: int
) -> dict[str, list[BlockText]]:
    """``count`` sentences, as :func:`synthetic_sentences` makes them but from the
    texts alone (nothing indexed), in ``pages`` pages of one-sentence blocks."""
    found: dict[str, list[BlockText]] = {f"page{n}": [] for n in range(pages)}
    for line in range(count):
        keys = rng.sample(range(len(texts)), 2 if rng.random() < 0.3 and len(texts) > 1 else 1)
        text = rng.choice(texts[keys[0]].split("\n\n")).strip()
        if rng.random() < 0.3:
            text = f"The report said “{' '.join(text.split()[1:6])}” and more."
        cited = ((len(text) - 1, tuple(f"Synthetic{key}" for key in keys)),)
        found[f"page{line % pages}"].append(BlockText(text, line + 1, True, cited, (), (), ()))
    return found


def time_build_check(n_sources: int, n_sentences: int, seed: int = 1) -> tuple[float, int]:
    """The clean check as a serial Sphinx build runs it (:mod:`.background`): the
    sentences in twenty pages, read from their text as a page's are, each page
    checked in a worker process (one per core) forked with the sources unindexed,
    which indexes each source it meets (or loads it, if the other worker stored it
    first, in the cache folder, empty at the start as in a clean build) and stores
    the page's findings, and every page's findings back in this process. The time,
    indexing included, and the number of claims."""
    rng = random.Random(seed)
    texts = [synthetic_text(rng) for _ in range(n_sources)]
    pages = synthetic_pages(rng, texts, n_sentences, 20)
    published = PublicationDate(2023, 6, 1)
    found = {
        f"Synthetic{index}": SourceText(Path(f"synthetic-{index}.txt"), text, str(index), published)
        for index, text in enumerate(texts)
    }
    with tempfile.TemporaryDirectory() as folder:
        cache = IndexCache(Path(folder))
        corpus = Corpus(Sources(found, cache, "en", PASSAGE_SENTENCES), [], {}, cache=cache)
        started = time.perf_counter()
        check = BackgroundCheck(corpus, dict.fromkeys(found), worker_count())
        try:
            futures = [check.check(page, blocks, "") for page, blocks in pages.items()]
            findings = [f for future in futures for one in future.result().findings for f in one]
        finally:
            check.close()
        checked = time.perf_counter() - started
    failed = sum(1 for f in findings if f.status.failed)
    assert failed == 0, f"{failed} synthetic claims failed"
    return checked, len(findings)


def time_build_check_apart(n_sources: int, n_sentences: int) -> tuple[float, int]:
    """:func:`time_build_check` in a process of its own, every cache cold."""
    checked, claims = apart("--time-build-check", n_sources, n_sentences)
    return checked, claims


def synthetic_project(folder: Path, n_sources: int, pages: int = 20, seed: int = 1) -> Path:
    """A Sphinx project whose pages cite the first five of ``n_sources`` archived sources."""
    rng = random.Random(seed)
    (folder / "sources").mkdir(parents=True)
    manifest, entries, texts = [], [], []
    for index in range(n_sources):
        text = synthetic_text(rng)
        texts.append(text)
        name = f"synthetic-{index}.txt"
        (folder / "sources" / name).write_text(text, encoding="utf-8")
        manifest.append(f"{hashlib.sha256(text.encode()).hexdigest()}  {name}\n")
        entries.append(
            f"@misc{{Synthetic{index},\n  title = {{Synthetic source {index}}},\n"
            f"  organization = {{The Synthetic Times}},\n  year = {{2023}},\n"
            f"  date = {{2023-06-01}},\n  file = {{sources/{name}}},\n}}\n"
        )
    (folder / "sources" / "SHA256SUMS").write_text("".join(manifest), encoding="utf-8")
    (folder / "refs.bib").write_text("\n".join(entries), encoding="utf-8")
    (folder / "conf.py").write_text(
        'extensions = ["sphinxcontrib.factcheck"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'factcheck_manifest = "sources/SHA256SUMS"\n',
        encoding="utf-8",
    )
    toctree = "\n".join(f"   page{n}" for n in range(pages))
    (folder / "index.rst").write_text(
        f"Synthetic\n=========\n\n.. toctree::\n\n{toctree}\n\n.. bibliography::\n",
        encoding="utf-8",
    )
    for page in range(pages):
        lines = [f"Page {page}", "=" * (5 + len(str(page))), ""]
        for _ in range(10):
            key = rng.randrange(min(5, n_sources))
            sentence = rng.choice(texts[key].split("\n\n")).strip()
            lines += [f"{sentence[:-1]} :cite:p:`Synthetic{key}`.", ""]
        (folder / f"page{page}.rst").write_text("\n".join(lines), encoding="utf-8")
    return folder


def time_incremental(n_sources: int, runs: int) -> dict[bool, float]:
    """Median time of a one-page incremental HTML build of a synthetic project, with
    the check (True) and without it (False, ``factcheck_enabled = 0``): what the
    sources cost Sphinx and sphinxcontrib-bibtex alone. The two take turns, run
    after run, each with its own copy of the project and output folder."""
    times: dict[bool, list[float]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as tmp:
        commands = {}
        for check in times:
            project = synthetic_project(Path(tmp, f"project-{check}"), n_sources)
            command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going"]
            command += ["-D", f"factcheck_enabled={int(check)}"]
            commands[check] = project, [*command, str(project), str(Path(tmp, f"out-{check}"))]
            subprocess.run(commands[check][1], check=True)
        for _ in range(runs):
            for check, (project, command) in commands.items():
                # An edit the check must see (its last two sentences change places), so
                # the page is checked again, not given the findings stored for it.
                page = project / "page0.rst"
                *head, one, other, end = page.read_text(encoding="utf-8").split("\n\n")
                page.write_text("\n\n".join([*head, other, one, end]), encoding="utf-8")
                later = page.stat().st_mtime_ns + 2 * 10**9
                os.utime(page, ns=(later, later))
                started = time.perf_counter()
                subprocess.run(command, check=True)
                times[check].append(time.perf_counter() - started)
    return {check: statistics.median(found) for check, found in times.items()}


#: Part 3's build that checks each page as it is read: the fallback where workers
#: are not used, not the default.
AS_READ = "each page checked as it is read"
#: Part 3's builds of the real handbook: name -> the ``-D`` settings of its runs.
HTML_BUILDS = {
    "without the check": {"factcheck_enabled": "0"},
    AS_READ: {"factcheck_background": "0"},
    "checked beside the reading": {"factcheck_background": "1"},
    "findings stored by an earlier build": {"factcheck_background": "1"},
}
STORED = "findings stored by an earlier build"


def time_html(runs: int) -> dict[str, float]:
    """Median time of ``sphinx-build -b html -E`` of the real handbook, for each build
    of :data:`HTML_BUILDS`.

    Every run starts from an empty output folder and a fresh environment, with an
    empty cache folder (``factcheck_cache_dir``), except the builds of
    :data:`STORED`, which find the source indexes and findings a first build left
    there, as ``make html`` does after ``make check`` or an earlier ``make html``.
    The builds take turns, run after run, so that a machine growing slower or
    faster over the minutes this takes shifts every build alike.
    """
    times: dict[str, list[float]] = {name: [] for name in HTML_BUILDS}
    with tempfile.TemporaryDirectory() as tmp:
        stored = Path(tmp, "stored")

        def build(settings: dict[str, str], cache: Path) -> float:
            with tempfile.TemporaryDirectory() as out:
                command = [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", "-W"]
                command += ["--keep-going", "-D", f"factcheck_cache_dir={cache}"]
                for name, value in settings.items():
                    command += ["-D", f"{name}={value}"]
                started = time.perf_counter()
                subprocess.run([*command, "docs", out], cwd=ROOT, check=True)
                return time.perf_counter() - started

        build(HTML_BUILDS[STORED], stored)  # the earlier build
        for run in range(runs):
            for name, settings in HTML_BUILDS.items():
                cache = stored if name == STORED else Path(tmp, f"empty-{run}-{len(times[name])}")
                times[name].append(build(settings, cache))
    return {name: statistics.median(found) for name, found in times.items()}


#: Run as ``python -c``: Sphinx's command line, counting every Python and C function
#: call of the build's process into the file named by ``$COUNT_CALLS_TO``.
COUNT_CALLS = """
import os, runpy, sys
calls = 0
def count(frame, event, arg):
    global calls
    if event == "call" or event == "c_call":
        calls += 1
sys.argv = ["sphinx", *sys.argv[1:]]
sys.setprofile(count)
try:
    runpy.run_module("sphinx", run_name="__main__")
finally:
    sys.setprofile(None)
    with open(os.environ["COUNT_CALLS_TO"], "w") as out:
        out.write(str(calls))
"""


def count_html_calls() -> tuple[int, int]:
    """Function calls of ``sphinx-build -b html -E`` of the real handbook, without the
    check and with the findings an earlier build stored. With the hash seed fixed, the
    same code gives the same counts, to within a few calls (the temporary folders'
    names), on every run, where wall times on a shared machine scatter by a third."""
    counts = []
    with tempfile.TemporaryDirectory() as tmp:
        stored = Path(tmp, "stored")
        command = ["-b", "html", "-E", "-q", "-W", "--keep-going"]
        command += ["-D", f"factcheck_cache_dir={stored}"]
        subprocess.run(
            [sys.executable, "-m", "sphinx", *command, "docs", Path(tmp, "first")],
            cwd=ROOT,
            check=True,
        )
        for settings in (["-D", "factcheck_enabled=0"], []):
            counted = Path(tmp, "calls")
            env = {**os.environ, "PYTHONHASHSEED": "0", "COUNT_CALLS_TO": str(counted)}
            out = Path(tmp, f"out-{len(counts)}")
            subprocess.run(
                [sys.executable, "-c", COUNT_CALLS, *command, *settings, "docs", str(out)],
                cwd=ROOT,
                check=True,
                env=env,
            )
            counts.append(int(counted.read_text()))
    return counts[0], counts[1]


#: The rules of :func:`~sphinxcontrib.factcheck.verify.check_sentence` timed by part 4.
PHASES = (
    "check_quotation",
    "check_speaker",
    "check_figures",
    "misdated",
    "followed_source",
    "check_alignment",
    "check_reported_speakers",
    "rested_passages",
    "cited_passages",
    "check_names",
    "contradictions",
)


def save_project(path: Path) -> None:
    """Build the handbook once and store its sentences and corpus for part 4."""
    from sphinxcontrib.factcheck.tools.claims import load_project

    path.write_bytes(pickle.dumps(load_project(ROOT / "docs")))


def time_rules(
    sentences: list[tuple[str, Sentence]], corpus: Corpus, known: Mapping[str, object]
) -> dict[str, float]:
    """Check ``sentences`` once and give each rule's time (the rules put back after)."""
    from sphinxcontrib.factcheck import verify

    totals: collections.Counter[str] = collections.Counter()

    def timed(name: str):
        rule = getattr(verify, name)

        @functools.wraps(rule)
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return rule(*args, **kwargs)
            finally:
                totals[name] += time.perf_counter() - started

        return run

    rules = {name: getattr(verify, name) for name in PHASES}
    for name in PHASES:
        setattr(verify, name, timed(name))
    try:
        started = time.perf_counter()
        for docname, sentence in sentences:
            verify.check_sentence(docname, sentence, corpus, known)
        totals["total"] = time.perf_counter() - started
    finally:
        for name, rule in rules.items():
            setattr(verify, name, rule)
    totals["sentences"] = len(sentences)
    return dict(totals)


def time_phases_of(path: Path) -> None:
    """Check the stored sentences once, caches cold, and print each rule's time as JSON."""
    project = pickle.loads(path.read_bytes())
    print(json.dumps(time_rules(project.sentences, project.corpus, project.entries)))


def time_rules_of_synthetic(n_sources: int, n_sentences: int) -> None:
    """Part 1's largest corpus checked once, and each rule's time printed as JSON."""
    rng = random.Random(1)
    sources = [synthetic_source(rng, i) for i in range(n_sources)]
    sentences = synthetic_sentences(rng, sources, n_sentences)
    corpus = Corpus.of(sources)
    known = {s.key: None for s in sources}
    print(json.dumps(time_rules([("bench", s) for s in sentences], corpus, known)))


def time_synthetic_rules(n_sources: int, n_sentences: int) -> dict[str, float]:
    """:func:`time_rules_of_synthetic` in a fresh process."""
    return apart("--rules-of", n_sources, n_sentences)


def goal_line(what: str, figure: float, goal: float, unit: str = "", digits: int = 2) -> str:
    """One of the benchmark's goals, as its summary prints it: the figure, the goal and
    whether the figure meets it.

    >>> goal_line("clean check", 14.9, 3, " s")
    '  clean check: 14.90 s (goal: 3 s or less): not met'
    """
    verdict = "met" if figure <= goal else "not met"
    return f"  {what}: {figure:.{digits}f}{unit} (goal: {goal:g}{unit} or less): {verdict}"


def rules_line(phases: dict[str, float]) -> str:
    """Each rule's time, as part 1 and part 4 print them."""
    return ", ".join(f"{name} {phases.get(name, 0.0):.2f} s" for name in PHASES)


def time_phases() -> dict[str, float]:
    """Each rule's time over the handbook's sentences, in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        stored = Path(tmp, "project.pickle")
        here = [sys.executable, __file__]
        subprocess.run([*here, "--save-project", str(stored)], check=True)
        out = subprocess.run(
            [*here, "--phases-of", str(stored)], check=True, capture_output=True, text=True
        )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=GOAL_SOURCES)
    parser.add_argument("--sentences", type=int, default=GOAL_SENTENCES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-html", action="store_true")
    # Part 4's two steps, each run in a process of its own.
    parser.add_argument("--save-project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--phases-of", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--time-check", type=int, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--rules-of", type=int, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--time-build-check", type=int, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--time-incremental", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_incremental:
        with_check = time_incremental(*args.time_incremental)
        print(json.dumps({"with the check": with_check[True], "without": with_check[False]}))
        return
    if args.time_check:
        print(json.dumps(time_check(*args.time_check)))
        return
    if args.time_build_check:
        print(json.dumps(time_build_check(*args.time_build_check)))
        return
    if args.rules_of:
        time_rules_of_synthetic(*args.rules_of)
        return
    if args.save_project:
        save_project(args.save_project)
        return
    if args.phases_of:
        time_phases_of(args.phases_of)
        return

    print("synthetic corpora: sources, sentences -> index time, check time, per sentence")
    for fraction in (0.1, 0.25, 0.5, 1.0):
        n_sources = max(1, int(args.sources * fraction))
        n_sentences = max(1, int(args.sentences * fraction))
        # The largest, the figure to watch, is the median of --runs runs, each in a
        # fresh process (every cache cold), with their spread: one run on a shared
        # machine may be a third slower than the next.
        repeats = args.runs if fraction == 1.0 else 1
        runs = [time_check_apart(n_sources, n_sentences) for _ in range(repeats)]
        indexed, checked, claims = sorted(runs, key=lambda run: run[0] + run[1])[len(runs) // 2]
        totals = sorted(run[0] + run[1] for run in runs)
        spread = (
            f" (median of {len(runs)}: {totals[0]:.2f}-{totals[-1]:.2f} s)" if len(runs) > 1 else ""
        )
        print(
            f"  {n_sources:5d} sources, {n_sentences:6d} sentences ({claims:6d} claims): "
            f"index {indexed:6.2f} s, check {checked:6.2f} s, total {indexed + checked:6.2f} s"
            f"{spread}, {checked / n_sentences * 1e6:7.1f} µs/sentence, "
            f"{n_sentences / checked:8.0f} sentences/s"
        )
    clean = indexed + checked
    runs = [time_build_check_apart(args.sources, args.sentences) for _ in range(args.runs)]
    in_workers, claims = sorted(runs)[len(runs) // 2]
    print(
        f"  the largest as a serial build checks it (twenty pages, read from their text, "
        f"in {worker_count()} workers that index each source they meet; median of "
        f"{len(runs)}): {in_workers:.2f} s ({claims} claims)"
    )
    phases = time_synthetic_rules(args.sources, args.sentences)
    print(
        f"  the largest, checked again in a fresh process, by rule (nested rules counted "
        f"in each; the check {phases['total']:.2f} s with the timing): {rules_line(phases)}"
    )
    print("fixed sentences, growing corpus (a check that scaled with sources would slow down):")
    for n_sources in (10, 100, args.sources):
        _, checked, _ = time_check(n_sources, args.sentences // 4)
        print(
            f"  {n_sources:5d} sources, {args.sentences // 4:6d} sentences: check {checked:6.2f} s"
        )
    small, large = time_incremental(5, args.runs), time_incremental(args.sources, args.runs)
    print(
        f"one-page incremental HTML build (median of {args.runs}): 5 sources {small[True]:.2f} s, "
        f"{args.sources} sources {large[True]:.2f} s, ratio {large[True] / small[True]:.2f}; "
        f"the same builds without the check (Sphinx and sphinxcontrib-bibtex alone): "
        f"{small[False]:.2f} s and {large[False]:.2f} s, ratio {large[False] / small[False]:.2f}"
    )
    # The goals for the synthetic corpora hold at their default sizes only; at others,
    # only the real handbook's are judged.
    goals = []
    if (args.sources, args.sentences) == (GOAL_SOURCES, GOAL_SENTENCES):
        goals += [
            goal_line("clean check, serial, indexing included", clean, CHECK_GOAL_SECONDS, " s"),
            goal_line(
                "the same, as a serial build checks it in workers",
                in_workers,
                CHECK_GOAL_SECONDS,
                " s",
            ),
            goal_line(
                f"one-page incremental build, {args.sources:,} sources against 5, ratio",
                large[True] / small[True],
                INCREMENTAL_GOAL_RATIO,
            ),
        ]
    if not args.skip_html:
        medians = time_html(args.runs)
        off = medians.pop("without the check")
        ratios = "; ".join(f"{name} {t:.2f} s (ratio {t / off:.3f})" for name, t in medians.items())
        goals += [
            goal_line(
                f"HTML build, {name}, against without the check, ratio",
                t / off,
                HTML_GOAL_RATIO,
                digits=3,
            )
            for name, t in medians.items()
            if name != AS_READ  # the fallback, not the default
        ]
        print(
            f"real handbook, sphinx-build -b html -E (median of {args.runs}, the builds taking "
            f"turns): without the check {off:.2f} s; with it: {ratios}"
        )
        off_calls, stored_calls = count_html_calls()
        print(
            f"real handbook, function calls of the same builds (deterministic): without the "
            f"check {off_calls:,}; with the findings stored {stored_calls:,} "
            f"(ratio {stored_calls / off_calls:.3f})"
        )
        goals.append(
            goal_line(
                "HTML build, function calls with the findings stored, against without the check",
                stored_calls / off_calls,
                HTML_GOAL_RATIO,
                digits=3,
            )
        )
        phases = time_phases()
        total, count = phases.pop("total"), int(phases.pop("sentences"))
        rules = rules_line(phases)
        print(
            f"real handbook, its {count} sentences checked in a fresh process: {total:.2f} s "
            f"({total / count * 1e6:.0f} µs/sentence); by rule (nested rules counted in "
            f"each): {rules}"
        )
    print(
        f"the goals (those of the synthetic corpora judged only at {GOAL_SENTENCES:,} "
        f"sentences and {GOAL_SOURCES:,} sources, the default sizes):"
    )
    print("\n".join(goals) if goals else "  none judged at these sizes")


if __name__ == "__main__":
    main()
