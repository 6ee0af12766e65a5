"""Compare the fact check's claims of a git revision with the working tree.

Exports revision BASE (with ``git archive``) into a temporary folder, runs the
``factcheck`` builder there and on the working tree (both at once, into
temporary output folders, with this environment's Sphinx), and prints, in
Markdown, every figure and quotation added, removed or changed, with its page
and line, its status and its sources. A figure changed inside the same
sentence is shown as changed, old and new side by side; so is a claim whose
status or sources changed. A change to an archived source, the source manifest
or ``references.bib`` is called out first, since it changes what every claim
rests on. If BASE has no ``docs/conf.py``, or its build writes no report, BASE
is taken to have no claims, and the report says so.

Usage::

    factcheck-diff-claims --base origin/main    # the handbook: make diff-claims BASE=origin/main

Run it in the repository; ``--docs`` names the Sphinx source folder (default
``docs``) and ``--watch`` the paths whose changes are called out first
(default ``sources references.bib``).

Exits 0 whatever the claims say; 1 only if BASE is not a revision.
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
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from ..records import Status

#: What every claim rests on: the archived texts, their hashes, the bibliography.
SOURCE_PATHS = ["sources", "references.bib"]
#: The statuses that do not fail the check.
PASSING = tuple(status.value for status in Status if not status.failed)

Claim = dict[str, Any]
Identity = tuple[str, str, str]


class Build(NamedTuple):
    """The claims one revision's fact check reported, or why there are none."""

    claims: list[Claim]
    note: str = ""


def git(*args: str, root: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git in the repository; raise :class:`subprocess.CalledProcessError` on failure."""
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True)


def repository() -> Path:
    """The top folder of the git repository holding the current folder."""
    return Path(git("rev-parse", "--show-toplevel").stdout.decode().strip())


def sphinx_build() -> list[str]:
    """This environment's ``sphinx-build`` (the one next to this Python)."""
    script = Path(sys.executable).with_name("sphinx-build")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sphinx"]


def claims_of(project: Path, workdir: Path, docs: str = "docs") -> Build:
    """Run the fact check on a project folder and read its JSON Lines report."""
    if not (project / docs / "conf.py").exists():
        return Build([], f"has no {docs}/conf.py")
    outdir = workdir / "factcheck"
    command = [*sphinx_build(), "-b", "factcheck", "-E", "-q"]
    command += ["-d", str(workdir / "doctrees"), docs, str(outdir)]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True)
    report = outdir / "output.json"
    if not report.exists():
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        reason = next(
            (
                line
                for line in reversed(lines)
                if re.search(r"Error|ERROR|WARNING|not registered", line)
            ),
            f"sphinx-build exited {result.returncode}",
        )
        return Build([], f"could not be fact-checked ({reason})")
    lines = report.read_text(encoding="utf-8").splitlines()
    return Build([json.loads(line) for line in lines if line.strip()])


def export(revision: str, target: Path, root: Path | None = None) -> None:
    """Write the tree of a revision into ``target``."""
    archive = git("archive", "--format=tar", revision, root=root).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def masked(sentence: str, texts: Iterable[str] = ()) -> str:
    """A sentence with its figures and quotations masked: what stays when they change.

    ``texts`` are the figures and quotations the fact check found in it (number
    words included); any other digits and quoted text are masked too.

    >>> masked('Nearly 110,000 died in 2022, "he said".')
    'Nearly # died in #, “…”.'
    >>> masked("Eleven of the 51 consulates.", ["Eleven", "51"]) == masked("Twelve of the 52 consulates.", ["Twelve", "52"])
    True
    """
    for text in sorted(set(texts), key=len, reverse=True):
        if text.strip():
            sentence = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", "#", sentence)
    sentence = re.sub(r"[\"“][^\"”]*[\"”]", "“…”", sentence)
    sentence = re.sub(r"\d(?:[\d,.]*\d)?", "#", sentence)
    return " ".join(sentence.split())


def identities(claims: list[Claim]) -> list[Identity]:
    """Each claim's identity: page, kind and sentence with every figure and
    quotation of it masked (a sentence's, name's or wording's record is about the
    same sentence, so it is masked alike).

    >>> claims = [{"docname": "a", "kind": "figure", "text": t, "sentence": "Two of 51 died."}
    ...           for t in ("Two", "51")]
    >>> identities(claims)
    [('a', 'figure', '# of # died.'), ('a', 'figure', '# of # died.')]
    """
    texts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for claim in claims:
        if claim["kind"] in ("figure", "quotation"):
            texts[claim["docname"], claim["sentence"]].add(claim["text"])
    return [
        (c["docname"], c["kind"], masked(c["sentence"], texts[c["docname"], c["sentence"]]))
        for c in claims
    ]


def reworded(old: Claim, new: Claim) -> bool:
    """Whether two claims are the same figure or quotation, on the same page, in
    sentences that differ in more than figures."""
    return (old["docname"], old["kind"], old["text"]) == (
        new["docname"],
        new["kind"],
        new["text"],
    ) and (old["sentence"] != new["sentence"])


def compare(
    old: list[Claim], new: list[Claim]
) -> tuple[list[Claim], list[Claim], list[tuple[Claim, Claim]]]:
    """Added, removed and changed claims, matched by :func:`identities` and order.

    Within one identity, a claim with the same figure or quotation, status and
    sources on both sides is unchanged; the same figure with another status or
    other sources is changed; the rest are paired in order (changed), and what
    is left over is added or removed, except that the same figure or quotation
    in a reworded sentence of the same page is changed too.

    >>> def claim(text, status="verified", sentence="There were # killings."):
    ...     return {"docname": "a", "kind": "figure", "line": 3, "text": text, "keys": ["K"],
    ...             "status": status, "sentence": sentence.replace("#", text)}
    >>> added, removed, changed = compare([claim("32,223")], [claim("32,224", "unsupported")])
    >>> [(o["text"], n["text"], n["status"]) for o, n in changed], added, removed
    ([('32,223', '32,224', 'unsupported')], [], [])
    >>> added, removed, changed = compare([claim("7")], [claim("7"), claim("8", sentence="# died.")])
    >>> [c["text"] for c in added], removed, changed
    (['8'], [], [])
    >>> added, removed, changed = compare([claim("7")], [claim("7", sentence="In all, # killings.")])
    >>> added, removed, [n["sentence"] for o, n in changed]
    ([], [], ['In all, 7 killings.'])
    """
    before: dict[Identity, list[Claim]] = defaultdict(list)
    after: dict[Identity, list[Claim]] = defaultdict(list)
    for key, claim in zip(identities(old), old, strict=True):
        before[key].append(claim)
    for key, claim in zip(identities(new), new, strict=True):
        after[key].append(claim)

    def same(a: Claim, b: Claim) -> bool:
        return (a["text"], a["status"], list(a["keys"])) == (
            b["text"],
            b["status"],
            list(b["keys"]),
        )

    added: list[Claim] = []
    removed: list[Claim] = []
    changed: list[tuple[Claim, Claim]] = []
    for key in sorted(set(before) | set(after)):
        olds, news = list(before.get(key, [])), list(after.get(key, []))
        for match in (same, lambda a, b: a["text"] == b["text"]):
            for claim in list(news):
                partner = next((o for o in olds if match(o, claim)), None)
                if partner is not None:
                    olds.remove(partner)
                    news.remove(claim)
                    if not same(partner, claim):
                        changed.append((partner, claim))
        changed += zip(olds, news, strict=False)
        removed += olds[len(news) :]
        added += news[len(olds) :]
    # The same figure or quotation on the same page, in a reworded sentence.
    for claim in list(added):
        partner = next((o for o in removed if reworded(o, claim)), None)
        if partner is not None:
            removed.remove(partner)
            added.remove(claim)
            changed.append((partner, claim))

    def order(claim: Claim) -> tuple[str, int, str]:
        return claim["docname"], claim["line"], claim["text"]

    added.sort(key=order)
    removed.sort(key=order)
    changed.sort(key=lambda pair: order(pair[1]))
    return added, removed, changed


def cell(text: object) -> str:
    """Text safe in a Markdown table cell: one line, pipes and markup escaped.

    >>> cell("a | *b*\\n <c>")
    'a \\\\| \\\\*b\\\\* &lt;c&gt;'
    """
    text = " ".join(str(text).split())
    text = re.sub(r"([\\|*_`\[\]])", r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def count(number: int, noun: str) -> str:
    """
    >>> count(1, "claim"), count(2, "claim")
    ('1 claim', '2 claims')
    """
    return f"{number} {noun}{'' if number == 1 else 's'}"


def where(claim: Claim) -> str:
    """The claim's page and line, ``docs/chapters/x.md:12``."""
    return f"{claim.get('file') or claim['docname']}:{claim['line']}"


def keys(claim: Claim) -> str:
    return ", ".join(claim["keys"]) or "(none)"


def source_changes(
    base: str, paths: list[str] = SOURCE_PATHS, root: Path | None = None
) -> list[str]:
    """The archive and bibliography files that differ between ``base`` and the working tree,
    each with how (``sources/x.txt (modified)``), untracked files included."""
    words = {"A": "added", "D": "deleted", "M": "modified", "R": "renamed", "C": "copied",
             "T": "type changed"}  # fmt: skip
    fields = git("diff", "--name-status", "-z", base, "--", *paths, root=root).stdout.decode()
    fields = fields.split("\0")
    changes = []
    while len(fields) > 1:
        status, path = fields[0], fields[1]
        fields = fields[2:]
        if status[:1] in "RC" and fields:
            path, fields = f"{path} → {fields[0]}", fields[1:]
        changes.append(f"`{path}` ({words.get(status[:1], status)})")
    status = git("status", "--porcelain", "-z", "--untracked-files=all", "--", *paths, root=root)
    for line in status.stdout.decode().split("\0"):
        if line.startswith("?? "):
            changes.append(f"`{line[3:]}` (added, not yet committed)")
    return sorted(set(changes))


def table(claims: list[Claim]) -> list[str]:
    if not claims:
        return ["None."]
    out = ["| page | kind | figure or quotation | status | sources |", "|---|---|---|---|---|"]
    out += [
        f"| {where(c)} | {c['kind']} | {cell(c['text'])} | {c['status']} | {keys(c)} |"
        for c in claims
    ]
    return out


def changed_table(pairs: list[tuple[Claim, Claim]]) -> list[str]:
    if not pairs:
        return ["None."]
    out = ["| page | kind | before | after | status | sources |", "|---|---|---|---|---|---|"]
    for old, new in pairs:
        if new["text"] != old["text"]:
            after = f"**{cell(new['text'])}**"
        elif new["sentence"] != old["sentence"]:
            after = "(the same, in a reworded sentence)"
        else:
            after = "(the same)"
        status = (
            new["status"]
            if new["status"] == old["status"]
            else f"{old['status']} → {new['status']}"
        )
        sources = keys(new) if new["keys"] == old["keys"] else f"{keys(old)} → {keys(new)}"
        out.append(
            f"| {where(new)} | {new['kind']} | {cell(old['text'])} | {after} | {status} | {sources} |"
        )
    return out


def report(base: str, old: Build, new: Build, sources: list[str], label: str = "") -> str:
    """The claims diff in Markdown."""
    added, removed, changed = compare(old.claims, new.claims)
    out = [f"# Claims diff: `{base}`{label} → working tree", ""]
    if sources:
        out += [
            "> [!WARNING]",
            "> **The sources changed.** This change touches the archive or the bibliography, "
            "which changes what every claim rests on. Check each file below:",
            ">",
        ]
        out += [f"> - {change}" for change in sources]
        out.append("")
    if old.note:
        out += [f"Revision `{base}` {old.note}: it is taken to have no claims.", ""]
    if new.note:
        out += [f"The working tree {new.note}.", ""]
    out.append(
        f"{len(added)} added, {len(removed)} removed, {len(changed)} changed "
        f"({count(len(old.claims), 'claim')} before, {len(new.claims)} after)."
    )
    failing = [c for c in new.claims if c["status"] not in PASSING]
    if failing:
        out.append(
            f"**Failing the fact check in the working tree: {count(len(failing), 'claim')}.**"
        )
    out.append("")
    for title, lines in (
        ("Added", table(added)),
        ("Removed", table(removed)),
        ("Changed", changed_table(changed)),
    ):
        out += [f"## {title}", "", *lines, ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Print the claims diff between ``--base`` and the working tree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base", default="HEAD", help="git revision to compare with (default HEAD)"
    )
    parser.add_argument("--docs", default="docs", help="the Sphinx source folder (default docs)")
    parser.add_argument(
        "--watch",
        nargs="+",
        default=SOURCE_PATHS,
        help="paths whose changes are called out first (default: sources references.bib)",
    )
    args = parser.parse_args(argv)
    try:
        root = repository()
        commit = git("rev-parse", "--verify", "--quiet", f"{args.base}^{{commit}}", root=root)
    except subprocess.CalledProcessError:
        print(f"diff_claims: {args.base!r} is not a revision of this repository", file=sys.stderr)
        return 1
    commit_id = commit.stdout
    label = (
        f" ({commit_id.decode().strip()[:12]})" if commit_id.decode().strip() != args.base else ""
    )
    with tempfile.TemporaryDirectory(prefix="diff-claims-") as tmp:
        base_tree = Path(tmp, "base")
        export(args.base, base_tree, root)
        with ThreadPoolExecutor(max_workers=2) as pool:
            old = pool.submit(claims_of, base_tree, Path(tmp, "base-build"), args.docs)
            new = pool.submit(claims_of, root, Path(tmp, "new-build"), args.docs)
            builds = old.result(), new.result()
    changes = source_changes(args.base, args.watch, root)
    print(report(args.base, *builds, changes, label), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
