"""The bibliography, as sphinxcontrib-bibtex parsed it: entries, their files, their lines.

The fact check reads no BibTeX itself: sphinxcontrib-bibtex parses the files
named in ``bibtex_bibfiles`` (one or several) and the check reads its parsed
data. From each entry it needs three fields, whose names are configurable
(``factcheck_file_field``, ``factcheck_date_field``,
``factcheck_attribution_field``): the archived text (a path relative to the
bibliography file that holds the entry), the publication date (ISO 8601) and,
optionally, the names a sentence attributes the source by.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_ENTRY_START = re.compile(r"^[ \t]*@\w+\s*\{\s*(?P<key>[^,\s]+)\s*,", re.MULTILINE)


class Entry(NamedTuple):
    """One bibliography entry: its fields and people, and where it is written."""

    key: str
    fields: Mapping[str, str]
    persons: Mapping[str, Any]
    #: The bibliography file that holds it, and the line its entry starts on.
    bibfile: Path
    line: int

    @property
    def location(self) -> str:
        return f"{self.bibfile}:{self.line}"


def bibliography_files(app: Sphinx) -> list[Path]:
    """The bibliography files of ``bibtex_bibfiles``, as absolute paths."""
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or ()]


def read_entries(env: BuildEnvironment) -> dict[str, Entry]:
    """Every entry of every bibliography file, by key, as sphinxcontrib-bibtex parsed them."""
    bibdata = env.get_domain("cite").bibdata
    owner: dict[str, Path] = {}
    for bibfile, info in bibdata.bibfiles.items():
        for key in info.keys:
            owner.setdefault(key, Path(bibfile))
    lines = {path: entry_lines(path) for path in set(owner.values())}
    entries: dict[str, Entry] = {}
    for key, entry in bibdata.data.entries.items():
        bibfile = owner.get(key) or next(iter(bibdata.bibfiles), Path(env.srcdir))
        entries[key] = Entry(
            key,
            dict(entry.fields),
            {role: list(people) for role, people in entry.persons.items()},
            Path(bibfile),
            lines.get(Path(bibfile), {}).get(key, 1),
        )
    return entries


def entry_lines(bibfile: Path) -> dict[str, int]:
    """The line on which each entry of a BibTeX file starts, by key.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "refs.bib"
    >>> _ = path.write_text("% comment\\n@misc{A2023x,\\n  title = {A}}\\n\\n@book{B2020y,}\\n")
    >>> entry_lines(path)
    {'A2023x': 2, 'B2020y': 5}
    """
    try:
        text = bibfile.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, int] = {}
    line, counted = 1, 0  # lines counted once, not from the top for every entry
    for match in _ENTRY_START.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found[match["key"]] = line
    return found


def plain(text: str) -> str:
    """A BibTeX field as a reader sees it: braces and TeX quotes removed.

    >>> plain("{U.S.} and {Mexico} ``Chapitos''")
    'U.S. and Mexico “Chapitos”'
    """
    return re.sub(r"[{}]", "", text).replace("``", "“").replace("''", "”")


def display_name(entry: Entry) -> str:
    """The name a citation shows: the authors' last names, else the publisher of the piece.

    >>> from pybtex.database import Person
    >>> e = Entry("K", {"organization": "{NBC News}"}, {}, Path("refs.bib"), 1)
    >>> display_name(e)
    'NBC News'
    >>> display_name(e._replace(persons={"author": [Person("Carranza, Rafael")]}))
    'Carranza'
    >>> display_name(e._replace(fields={"howpublished": "{NBC News}"}))  # a BibTeX misc
    'NBC News'
    """
    authors = entry.persons.get("author")
    if authors:
        return " and ".join(" ".join(person.last_names) for person in authors)
    for field in (
        "organization",
        "journaltitle",
        "journal",
        "publisher",
        "institution",
        "howpublished",
    ):
        if entry.fields.get(field):
            return plain(entry.fields[field])
    return ""


def entry_url(entry: Entry | None) -> str:
    """The address a bibliography entry gives for its source, or "" where it gives none."""
    return entry.fields.get("url", "").strip() if entry is not None else ""


def short_citation(key: str, entry: Entry | None, date_field: str = "date") -> str:
    """The source as a tooltip or the evidence appendix names it: who, when, what.

    >>> e = Entry("K", {"organization": "{NBC News}", "date": "2023-04-14", "title": "A {plan}"}, {}, Path("r.bib"), 1)
    >>> short_citation("K", e)
    'NBC News (2023-04-14), “A plan”'
    """
    if entry is None:
        return key
    title = plain(entry.fields.get("title", key))
    date = entry.fields.get(date_field) or entry.fields.get("year", "")
    name = display_name(entry) or key
    return f"{name} ({date}), “{title}”" if date else f"{name}, “{title}”"
