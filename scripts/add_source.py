"""Add a source to the handbook: archive its text, record its hash, write its entry.

A source enters in one way: its text archived byte for byte in ``sources/``,
its SHA-256 appended to ``sources/SHA256SUMS``, and its entry appended to
``references.bib``. This command does all three, or nothing: it refuses a
duplicate key, URL, file name or text, a key not of the form AuthorYYYYword
or OutletYYYYword, a text that is not UTF-8 and a date that is not ISO 8601,
with one line on standard error.

    python scripts/add_source.py --file article.txt --key Smith2024border \\
        --title "Title as printed" --outlet "The Outlet" --date 2024-02-01 \\
        [--author "Smith, Jane"] [--url URL] [--note "News report."] [--name FILE.txt]
        [--attribution "Smith; the Outlet"]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent
KEY = re.compile(r"[A-Z][A-Za-z]+\d{4}[a-z]+")
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


class Refused(Exception):
    """The source cannot be added, for the reason given."""


def slug(text: str) -> str:
    """A file-name slug.

    >>> slug("The Arizona Republic: Rising tensions!")
    'the-arizona-republic-rising-tensions'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def bibtex_value(text: str) -> str:
    """A field value safe in BibTeX: braces balanced, a bare % escaped.

    >>> bibtex_value("rose 500% in {FY} 2022")
    'rose 500\\\\% in {FY} 2022'
    """
    if text.count("{") != text.count("}"):
        raise Refused(f"unbalanced braces in {text!r}")
    return re.sub(r"(?<!\\\\)%", r"\\%", text)


def entry_text(args: argparse.Namespace, file_name: str) -> str:
    """The BibTeX entry, in the style of the existing ones."""
    year, month, _ = DATE.fullmatch(args.date).groups()
    fields = [("title", bibtex_value(args.title))]
    if args.author:
        fields.append(("author", bibtex_value(args.author)))
    fields += [
        ("organization", "{" + bibtex_value(args.outlet) + "}"),
        ("howpublished", "{" + bibtex_value(args.outlet) + "}"),
        ("year", year),
    ]
    lines = [f"@misc{{{args.key},"]
    for name, value in fields:
        lines.append(f"  {name:<12} = {{{value}}},")
    if month:
        lines.append(f"  {'month':<12} = {MONTHS[int(month) - 1]},")
    lines.append(f"  {'date':<12} = {{{args.date}}},")
    if args.url:
        lines.append(f"  {'url':<12} = {{{args.url}}},")
    if args.note:
        lines.append(f"  {'note':<12} = {{{bibtex_value(args.note)}}},")
    if args.attribution:
        lines.append(f"  {'attribution':<12} = {{{bibtex_value(args.attribution)}}},")
    lines.append(f"  {'file':<12} = {{sources/{file_name}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def add_source(args: argparse.Namespace, root: Path = ROOT) -> Path:
    """Archive, hash and cite one source; return the archived path."""
    sources, bibfile = root / "sources", root / "references.bib"
    manifest = sources / "SHA256SUMS"
    if not KEY.fullmatch(args.key):
        raise Refused(f"key {args.key!r} is not of the form AuthorYYYYword or OutletYYYYword")
    match = DATE.fullmatch(args.date)
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        raise Refused(f"date {args.date!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
    data = Path(args.file).read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(f"{args.file} is not UTF-8 (byte {error.start})") from None
    bibliography = parse_file(str(bibfile))
    if args.key in bibliography.entries:
        raise Refused(f"key {args.key} is already in references.bib")
    urls = {entry.fields.get("url") for entry in bibliography.entries.values()}
    if args.url and args.url in urls:
        raise Refused(f"URL {args.url} is already in references.bib")
    digest = hashlib.sha256(data).hexdigest()
    manifest_text = manifest.read_text(encoding="utf-8")
    if digest in manifest_text:
        raise Refused(f"{args.file} is already archived (same SHA-256)")
    name = args.name or f"{slug(args.outlet)}-{args.date}-{slug(args.title)[:40].strip('-')}.txt"
    target = sources / name
    if target.exists() or f"  {name}\n" in manifest_text:
        raise Refused(f"sources/{name} already exists")
    entry = entry_text(args, name)
    target.write_bytes(data)
    with open(manifest, "a", encoding="utf-8") as out:
        out.write(f"{digest}  {name}\n")
    with open(bibfile, "a", encoding="utf-8") as out:
        out.write("\n" + entry)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", required=True, help="the text to archive, UTF-8")
    parser.add_argument("--key", required=True, help="AuthorYYYYword or OutletYYYYword")
    parser.add_argument("--title", required=True)
    parser.add_argument("--outlet", required=True)
    parser.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--author", help='"Last, First", only if printed')
    parser.add_argument("--url")
    parser.add_argument("--note", help="what kind of piece; whether the date is inferred")
    parser.add_argument("--name", help="file name in sources/ (default: outlet-date-title.txt)")
    parser.add_argument(
        "--attribution",
        help='names a sentence attributes it by, ";"-separated: "Smith; the Outlet"',
    )
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        path = add_source(args, args.root)
    except (Refused, OSError) as error:
        print(f"add_source: {error}", file=sys.stderr)
        return 1
    print(f"archived {path.relative_to(args.root)}, recorded its SHA-256, cited as {args.key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
