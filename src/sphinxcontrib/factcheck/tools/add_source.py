"""Add a source to a project: archive its text, record its hash, write its entry.

A source enters in one way: its text archived byte for byte in ``sources/``,
its SHA-256 appended to ``sources/SHA256SUMS`` (in ``sha256sum`` format), and
its entry appended to ``references.bib``. This command does all three, or
nothing: it refuses a duplicate key, URL, file name or text, a key
not of the form AuthorYYYYword or OutletYYYYword, a text that is not UTF-8
and a date that is not ISO 8601, with one line on standard error and exit
status 1.

Usage::

    factcheck-add-source --file article.txt --key Smith2024border \\
        --title "Title as printed" --outlet "The Outlet" --date 2024-02-01 \\
        [--author "Smith, Jane"] [--url URL] [--note "News report."] \\
        [--attribution "Smith; the Outlet"] [--name FILE.txt] [--root DIR]

Without ``--name`` the archived file is named ``outlet-date-title.txt``
(``the-outlet-2024-02-01-title-as-printed.txt``). ``--root`` is the folder
that holds ``sources/`` and ``references.bib`` (default: the current folder).

The entry is a newspaper article, typed as BibTeX, biblatex and pybtex all
read one without a warning: with an author, an ``article`` whose ``journal``
is the outlet; without, a ``misc`` whose ``howpublished`` and ``key`` are
(BibTeX's and biblatex's ``article`` requires an author); both with
``entrysubtype = {newspaper}``, which the CSL-JSON download reads. A source
of another kind (a report) has its entry type changed by hand.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import re
import sys
import unicodedata
from pathlib import Path

from pybtex.database import BibliographyData, parse_file, parse_string
from pybtex.exceptions import PybtexError

KEY = re.compile(r"[A-Z][A-Za-z]+\d{4}[a-z]+")
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.txt")
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
#: Field names are padded to this width, as in the existing entries.
WIDTH = 12


class Refused(Exception):
    """The source cannot be added, for the reason given."""


def slug(text: str, limit: int = 0) -> str:
    """A file-name slug, cut at a word boundary to at most ``limit`` characters.

    >>> slug("The Arizona Republic: Rising tensions!")
    'the-arizona-republic-rising-tensions'
    >>> slug("López Obrador’s “hugs, not bullets”")
    'lopez-obrador-s-hugs-not-bullets'
    >>> slug("Rising tensions over fentanyl smuggling expose rifts", 40)
    'rising-tensions-over-fentanyl-smuggling'
    """
    folded = unicodedata.normalize("NFKD", text.lower())
    words = re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)))
    if limit:
        kept: list[str] = []
        for word in words:
            if kept and len("-".join([*kept, word])) > limit:
                break
            kept.append(word)
        words = kept
    return "-".join(words)


def check_date(date: str) -> tuple[str, str | None]:
    """The year and the month macro (``apr``) of an ISO 8601 date, or :class:`Refused`.

    >>> check_date("2023-04-14")
    ('2023', 'apr')
    >>> check_date("2023")
    ('2023', None)
    >>> check_date("2023-02-30")
    Traceback (most recent call last):
    ...
    sphinxcontrib.factcheck.tools.add_source.Refused: date '2023-02-30' is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)
    """
    match = DATE.fullmatch(date)
    try:
        if not match:
            raise ValueError(date)
        year, month, day = match.groups()
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise Refused(f"date {date!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return year, MONTHS[int(month) - 1] if month else None


def bibtex_value(text: str) -> str:
    """A field value safe in BibTeX: braces balanced, a bare % escaped.

    >>> print(bibtex_value("rose 500% in {FY} 2022, not 5\\\\%"))
    rose 500\\% in {FY} 2022, not 5\\%
    >>> bibtex_value("a {b")
    Traceback (most recent call last):
    ...
    sphinxcontrib.factcheck.tools.add_source.Refused: unbalanced braces in 'a {b'
    """
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise Refused(f"unbalanced braces in {text!r}")
    if "\n" in text or "\r" in text:
        raise Refused(f"a line break in {text!r}")
    return re.sub(r"(?<!\\)%", r"\\%", text)


def normalized_url(url: str) -> str:
    """A URL compared for duplicates: scheme and host in lower case, http as https,
    no trailing slash or fragment.

    >>> normalized_url("HTTP://www.Example.org/a/b/#top")
    'https://www.example.org/a/b'
    >>> normalized_url("https://example.org/a\\\\%20b")  # as written in references.bib
    'https://example.org/a%20b'
    """
    url = url.strip().replace("\\%", "%").split("#", 1)[0].rstrip("/")
    match = re.match(r"(?i)(https?)://([^/]*)(.*)", url)
    if not match:
        return url
    return f"https://{match.group(2).lower()}{match.group(3)}"


def entry_text(args: argparse.Namespace, file_name: str) -> str:
    """The BibTeX entry, typed and laid out as the existing ones.

    >>> args = argparse.Namespace(key="Outlet2024rise", title="A 5% {rise}", author=None,
    ...     outlet="The Outlet", date="2024-02", url=None, note=None, attribution=None)
    >>> print(entry_text(args, "the-outlet-2024-02-a-5-rise.txt"))
    @misc{Outlet2024rise,
      title        = {A 5\\% {rise}},
      howpublished = {{The Outlet}},
      key          = {The Outlet},
      entrysubtype = {newspaper},
      year         = {2024},
      month        = feb,
      date         = {2024-02},
      file         = {sources/the-outlet-2024-02-a-5-rise.txt},
    }
    <BLANKLINE>
    >>> args.key, args.author = "Smith2024rise", "Smith, Jane"
    >>> print(entry_text(args, "the-outlet-2024-02-a-5-rise.txt"))
    @article{Smith2024rise,
      author       = {Smith, Jane},
      title        = {A 5\\% {rise}},
      journal      = {{The Outlet}},
      entrysubtype = {newspaper},
      year         = {2024},
      month        = feb,
      date         = {2024-02},
      file         = {sources/the-outlet-2024-02-a-5-rise.txt},
    }
    <BLANKLINE>
    """
    year, month = check_date(args.date)
    outlet = bibtex_value(args.outlet)
    signed = bool(args.author)
    fields: list[tuple[str, str | None]] = [
        ("author", args.author and bibtex_value(args.author)),
        ("title", bibtex_value(args.title)),
        *(
            [("journal", "{" + outlet + "}")]
            if signed
            else [("howpublished", "{" + outlet + "}"), ("key", outlet)]
        ),
        ("entrysubtype", "newspaper"),
        ("year", year),
    ]
    lines = [f"@{'article' if signed else 'misc'}{{{args.key},"]
    lines += [f"  {name:<{WIDTH}} = {{{value}}}," for name, value in fields if value]
    if month:
        lines.append(f"  {'month':<{WIDTH}} = {month},")
    fields = [
        ("date", args.date),
        ("url", args.url and bibtex_value(args.url)),
        ("note", args.note and bibtex_value(args.note)),
        ("attribution", args.attribution and bibtex_value(args.attribution)),
        ("file", f"sources/{file_name}"),
    ]
    lines += [f"  {name:<{WIDTH}} = {{{value}}}," for name, value in fields if value]
    lines.append("}")
    return "\n".join(lines) + "\n"


def read_manifest(manifest: Path) -> dict[str, str]:
    """``sources/SHA256SUMS`` as a map from file name to SHA-256."""
    if not manifest.exists():
        return {}
    hashes = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            hashes[name.lstrip("*")] = digest.lower()
    return hashes


def read_bibliography(bibfile: Path) -> BibliographyData:
    try:
        return parse_file(str(bibfile), bib_format="bibtex")
    except (PybtexError, OSError) as error:
        raise Refused(f"cannot read {bibfile.name}: {error}") from None


def file_name(args: argparse.Namespace) -> str:
    """The archived file's name: ``--name``, or outlet, date and title."""
    name = args.name or f"{slug(args.outlet)}-{args.date}-{slug(args.title, 40)}.txt"
    if not NAME.fullmatch(name):
        raise Refused(f"file name {name!r} is not a plain lower-case name ending in .txt")
    return name


def append(path: Path, text: str, blank_line: bool) -> None:
    """Append ``text`` to ``path`` on a line of its own (after a blank line if asked)."""
    before = path.read_bytes() if path.exists() else b""
    separator = "\n" if before and not before.endswith(b"\n") else ""
    if blank_line and before:
        separator += "\n"
    with open(path, "a", encoding="utf-8", newline="\n") as out:
        out.write(separator + text)


def add_source(args: argparse.Namespace, root: Path) -> Path:
    """Archive, hash and cite one source; return the archived path.

    Every check runs before anything is written; if a write fails, what was
    written is undone.
    """
    sources, bibfile = root / "sources", root / "references.bib"
    manifest = sources / "SHA256SUMS"
    if not KEY.fullmatch(args.key):
        raise Refused(f"key {args.key!r} is not of the form AuthorYYYYword or OutletYYYYword")
    check_date(args.date)
    data = Path(args.file).read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(f"{args.file} is not UTF-8 (byte {error.start})") from None
    if not data.strip():
        raise Refused(f"{args.file} is empty")

    bibliography = read_bibliography(bibfile)
    if args.key in bibliography.entries:  # pybtex compares keys case-insensitively
        raise Refused(f"key {args.key} is already in references.bib")
    if args.url:
        for key, entry in bibliography.entries.items():
            url = entry.fields.get("url")
            if url and normalized_url(url) == normalized_url(args.url):
                raise Refused(f"URL {args.url} is already in references.bib (as {key})")

    digest = hashlib.sha256(data).hexdigest()
    hashes = read_manifest(manifest)
    archived = sorted(p for p in sources.iterdir() if p.is_file()) if sources.is_dir() else []
    known = list(hashes.items())
    known += [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in archived]
    for name, known_digest in known:
        if known_digest == digest:
            raise Refused(f"{args.file} is already archived as sources/{name} (same SHA-256)")

    name = file_name(args)
    cited = {
        str(e.fields.get("file", "")).removeprefix("sources/")
        for e in bibliography.entries.values()
    }
    if name in {p.name for p in archived} | set(hashes) | cited:
        raise Refused(f"sources/{name} already exists")

    entry = entry_text(args, name)
    try:
        parse_string(entry, "bibtex").entries[args.key]
    except (PybtexError, KeyError) as error:
        raise Refused(f"the new entry does not parse: {error}") from None

    target = sources / name
    originals = {path: path.read_bytes() if path.exists() else None for path in (manifest, bibfile)}
    created = False
    try:
        with open(target, "xb") as out:
            created = True
            out.write(data)
        append(manifest, f"{digest}  {name}\n", blank_line=False)
        append(bibfile, entry, blank_line=True)
    except BaseException:
        for path, content in originals.items():
            if content is not None:
                path.write_bytes(content)
            else:
                path.unlink(missing_ok=True)
        if created:
            target.unlink()
        raise
    return target


def parser() -> argparse.ArgumentParser:
    """The command line."""
    cli = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Refuses, writing nothing, a duplicate key, URL, file name or text, a bad key, "
        "a text that is not UTF-8 and a date that is not ISO 8601.",
    )
    cli.add_argument(
        "--file", required=True, help="the text to archive, UTF-8, copied byte for byte"
    )
    cli.add_argument("--key", required=True, help="AuthorYYYYword or OutletYYYYword")
    cli.add_argument("--title", required=True, help="the title as printed")
    cli.add_argument(
        "--outlet",
        required=True,
        help="the newspaper: journal of a signed article, howpublished and key of an unsigned one",
    )
    cli.add_argument("--date", required=True, help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    cli.add_argument("--author", help='"Last, First"; only if the piece prints one')
    cli.add_argument("--url", help="where the piece was published")
    cli.add_argument("--note", help="what kind of piece; whether the date is inferred")
    cli.add_argument(
        "--attribution",
        help='names a sentence attributes it by, ";"-separated: "Smith; the Outlet"',
    )
    cli.add_argument("--name", help="file name in sources/ (default: outlet-date-title.txt)")
    cli.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="folder holding sources/ and references.bib (default: the current folder)",
    )
    return cli


def main(argv: list[str] | None = None) -> int:
    """Run the command; 0 if the source was added, 1 if it was refused."""
    args = parser().parse_args(argv)
    try:
        path = add_source(args, args.root)
    except (Refused, OSError) as error:
        print("add_source: " + " ".join(str(error).split()), file=sys.stderr)
        return 1
    print(f"archived {path.relative_to(args.root)}, recorded its SHA-256, cited as {args.key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
