"""Time the handbook's builds: clean HTML, incremental HTML and PDF.

Each is run ``--runs`` times and the median printed:

- clean HTML: ``sphinx-build -b html -E`` into an empty folder, with an empty
  fact-check cache folder (every page checked);
- clean HTML, findings stored: the same again, with the cache folder the first
  left (as a second ``make html`` or one after ``make check``);
- incremental HTML: one chapter touched, then the same command without ``-E``
  into the folder of a previous build;
- PDF: ``sphinx-build -M latexpdf`` into an empty folder, cache folder empty
  (Sphinx, then XeLaTeX through latexmk).

    python scripts/benchmark_builds.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ["-W", "--keep-going", "-n", "-q"]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def sphinx(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "sphinx", *arguments, *STRICT]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chapter = ROOT / "docs" / "chapters" / "supply-chain.md"
    clean, stored, incremental, pdf = [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as out:
            cache = ("-D", f"factcheck_cache_dir={Path(out, 'cache')}")
            clean.append(timed(sphinx("-b", "html", "-E", *cache, "docs", out)))
            stored.append(timed(sphinx("-b", "html", "-E", *cache, "docs", out)))
            os.utime(chapter)
            incremental.append(timed(sphinx("-b", "html", *cache, "docs", out)))
        with tempfile.TemporaryDirectory() as out:
            cache = ("-D", f"factcheck_cache_dir={Path(out, 'cache')}")
            pdf.append(timed(sphinx("-M", "latexpdf", "docs", out, *cache)))
            shutil.rmtree(out, ignore_errors=True)
    for name, times in (
        ("clean HTML", clean),
        ("clean HTML, findings stored", stored),
        ("incremental HTML (one chapter touched)", incremental),
        ("PDF", pdf),
    ):
        print(
            f"{name}: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)"
        )


if __name__ == "__main__":
    main()
