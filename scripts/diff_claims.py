"""Compare the fact check's claims of a git revision with the working tree.

Runs the ``factcheck`` builder on revision BASE (exported with ``git
archive``) and on the working tree, and prints, in Markdown, every figure and
quotation added, removed or changed, with its page, line, status and sources.
A changed figure is shown as old and new side by side. A change to an
archived source, the source manifest or ``references.bib`` is called out
first, since it changes what every claim rests on.

    python scripts/diff_claims.py --base origin/main     # or: make diff-claims BASE=...
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCE_PATHS = ["sources", "references.bib"]

Claim = dict[str, Any]


def claims_of(project: Path, workdir: Path) -> tuple[list[Claim], str]:
    """The fact check's records for a project folder, and a note if it could not run."""
    if not (project / "docs" / "conf.py").exists():
        return [], "has no docs/conf.py"
    outdir = workdir / "factcheck"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "factcheck",
            "-E",
            "-q",
            "-d",
            str(workdir / "doctrees"),
            "docs",
            str(outdir),
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    report = outdir / "output.json"
    if not report.exists():
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        reason = next(
            (line for line in lines if re.search(r"[Bb]uilder name|ERROR|WARNING", line)),
            f"sphinx-build exited {result.returncode}",
        )
        return [], f"could not be fact-checked ({reason})"
    lines = report.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()], ""


def export(revision: str, target: Path) -> None:
    """Write the tree of a revision into ``target``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def identity(claim: Claim) -> tuple[str, str, str]:
    """What stays the same when a claim's figure or quotation changes.

    >>> identity({"docname": "a", "kind": "figure", "sentence": 'Nearly 110,000 died in 2022, "he said".'})
    ('a', 'figure', 'Nearly # died in #, “…”.')
    """
    sentence = re.sub(r"[\"“][^\"”]*[\"”]", "“…”", claim["sentence"])
    sentence = re.sub(r"\d(?:[\d,.]*\d)?", "#", sentence)
    return claim["docname"], claim["kind"], " ".join(sentence.split())


def compare(
    old: list[Claim], new: list[Claim]
) -> tuple[list[Claim], list[Claim], list[tuple[Claim, Claim]]]:
    """Added, removed and changed claims, matched by :func:`identity` and order."""
    before: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    after: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in old:
        before[identity(claim)].append(claim)
    for claim in new:
        after[identity(claim)].append(claim)
    added, removed, changed = [], [], []
    for key in sorted(set(before) | set(after)):
        olds, news = before.get(key, []), after.get(key, [])
        unchanged = [c for c in news if any(o["text"] == c["text"] for o in olds)]
        olds = [o for o in olds if not any(o["text"] == c["text"] for c in unchanged)]
        news = [c for c in news if c not in unchanged]
        for old_claim, new_claim in zip(olds, news, strict=False):  # the rest: added or removed
            changed.append((old_claim, new_claim))
        removed.extend(olds[len(news) :])
        added.extend(news[len(olds) :])

    def order(claim: Claim) -> tuple[str, int, str]:
        return claim["docname"], claim["line"], claim["text"]

    added.sort(key=order)
    removed.sort(key=order)
    changed.sort(key=lambda pair: order(pair[1]))
    return added, removed, changed


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def where(claim: Claim) -> str:
    return f"{claim.get('file') or claim['docname']}:{claim['line']}"


def source_changes(base: str) -> list[str]:
    changed = subprocess.run(
        ["git", "diff", "--name-only", base, "--", *SOURCE_PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    untracked = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", *SOURCE_PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    changed += [line[3:] for line in untracked.splitlines() if line.startswith("??")]
    return sorted(set(changed))


def report(
    base: str, old: list[Claim], new: list[Claim], notes: list[str], sources: list[str]
) -> str:
    added, removed, changed = compare(old, new)
    out = [f"# Claims diff: `{base}` → working tree", ""]
    if sources:
        out += [
            "> [!WARNING]",
            "> **The sources changed.** This change touches the archive or the bibliography, "
            "which changes what every claim rests on:",
            ">",
        ]
        out += [f"> - `{path}`" for path in sources]
        out.append("")
    out += notes
    out.append(
        f"{len(added)} added, {len(removed)} removed, {len(changed)} changed "
        f"({len(old)} claims before, {len(new)} after)."
    )
    out.append("")
    header = "| page | kind | claim | status | sources |\n|---|---|---|---|---|"
    for title, claims in (("Added", added), ("Removed", removed)):
        out += [f"## {title}", ""]
        if claims:
            out.append(header)
            out += [
                f"| {where(c)} | {c['kind']} | {cell(c['text'])} | {c['status']} | "
                f"{', '.join(c['keys'])} |"
                for c in claims
            ]
        else:
            out.append("None.")
        out.append("")
    out += ["## Changed", ""]
    if changed:
        out.append("| page | kind | before | after | status | sources |\n|---|---|---|---|---|---|")
        out += [
            f"| {where(n)} | {n['kind']} | {cell(o['text'])} | **{cell(n['text'])}** | "
            f"{o['status']} → {n['status']} | {', '.join(n['keys'])} |"
            for o, n in changed
        ]
    else:
        out.append("None.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="git revision to compare with")
    args = parser.parse_args(argv)
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        base_tree, base_work, new_work = (Path(tmp, name) for name in ("base", "bw", "nw"))
        try:
            export(args.base, base_tree)
        except subprocess.CalledProcessError as error:
            print(
                f"diff_claims: cannot read revision {args.base!r}: {error.stderr.decode().strip()}",
                file=sys.stderr,
            )
            return 1
        old, note = claims_of(base_tree, base_work)
        if note:
            notes += [f"Revision `{args.base}` {note}: it is taken to have no claims.", ""]
        new, note = claims_of(ROOT, new_work)
        if note:
            notes += [f"The working tree {note}.", ""]
    print(report(args.base, old, new, notes, source_changes(args.base)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
