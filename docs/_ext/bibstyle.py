"""Bibliography styles for a handbook whose sources are news reports.

Many news captures print no author. Citations then name the outlet, as a
reader expects ("NBC News, 2023"), instead of the sphinxcontrib-bibtex default
of falling back on the full title; the bibliography lists such entries under
the outlet too, sorted by the name shown in the citation.

The outlet is in the field its entry type gives it in ``references.bib``:
``journal`` for a signed newspaper article (``article``), ``howpublished``
for an unsigned one (``misc``), ``institution`` for a report
(``techreport``). An entry shows it once: as its lead where no author is
printed, after the title otherwise. The bibliography's archival notes
(``note``: what kind of piece, whether the date is printed) stay out of the
entries; the Sources page describes each source, and an inferred date is
marked as such beside the date.

Registered as pybtex plugins under the names used in ``conf.py``:

- ``bibtex_reference_style = "author_year_outlet"`` (citations in the text),
- ``bibtex_default_style = "handbook"`` (entries in the bibliography).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

import pybtex.backends.plaintext
import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import (
    field,
    first_of,
    join,
    optional,
    sentence,
    tag,
    words,
)
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import names, node

#: Where an entry names its outlet, by entry type (see ``references.bib``);
#: ``organization`` last, for bibliographies written before the types were.
OUTLET_FIELDS = ("journal", "howpublished", "institution", "organization")
#: How a note says a date is not printed in the source but inferred.
INFERRED_DATE = re.compile(r"\bdate inferred\b", re.IGNORECASE)
#: An ISO 8601 date as precise as is known: YYYY, YYYY-MM or YYYY-MM-DD.
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def unbraced(text: str) -> str:
    """A field without its BibTeX braces.

    >>> unbraced("{The Arizona Republic}")
    'The Arizona Republic'
    """
    return text.replace("{", "").replace("}", "")


def outlet(fields: Any) -> str:
    """The outlet (newspaper, institution) an entry names, without braces.

    >>> outlet({"howpublished": "{NBC News}", "key": "NBC News"})
    'NBC News'
    >>> outlet({"journal": "{The Arizona Republic}"})
    'The Arizona Republic'
    """
    return next((unbraced(fields[name]) for name in OUTLET_FIELDS if fields.get(name)), "")


def display_name(entry: Any) -> str:
    """The name a citation shows: the authors' last names, else the outlet.

    >>> from pybtex.database import Entry, Person
    >>> display_name(Entry("misc", fields={"howpublished": "{NBC News}"}))
    'NBC News'
    >>> display_name(Entry("article", persons={"author": [Person("Carranza, Rafael")]}))
    'Carranza'
    """
    authors = entry.persons.get("author")
    if authors:
        return " and ".join(" ".join(person.last_names) for person in authors)
    return outlet(entry.fields)


def date_parts(date: str) -> list[int]:
    """An ISO 8601 date as CSL date parts, year first; [] if it is not one.

    >>> date_parts("2023-04-14"), date_parts("2023-10"), date_parts("2023")
    ([2023, 4, 14], [2023, 10], [2023])
    >>> date_parts("spring 2023")
    []
    """
    match = ISO_DATE.fullmatch(date.strip())
    return [int(part) for part in match.groups() if part] if match else []


def reader_date(date: str) -> str:
    """An ISO 8601 date as a U.S. reader writes it, no more precise than it is.

    >>> reader_date("2023-04-14"), reader_date("2023-10"), reader_date("2023")
    ('April 14, 2023', 'October 2023', '2023')
    """
    parts = date_parts(date)
    if len(parts) == 3:
        day = datetime.date(*parts)
        return f"{day:%B} {day.day}, {day.year}"
    if len(parts) == 2:
        return f"{datetime.date(parts[0], parts[1], 1):%B %Y}"
    return str(parts[0]) if parts else date


def date_is_inferred(fields: Any) -> bool:
    """Whether the entry's note says its date is inferred rather than printed.

    >>> date_is_inferred({"note": "News report. Date inferred, not printed: a Friday"})
    True
    >>> date_is_inferred({"note": "News report. Date printed."}), date_is_inferred({})
    (False, False)
    """
    return bool(INFERRED_DATE.search(fields.get("note", "")))


def _reader_date(text: Any) -> Any:
    """Template helper: the ``date`` field's rich text, as :func:`reader_date` writes it."""
    return type(text)(reader_date(str(text)))


#: The publication date with the precision the bibliography records, the day
#: included; "(date inferred)" where the note says it is not printed.
publication_date = first_of[
    optional[field("date", apply_func=_reader_date)],
    join[optional[field("month"), " "], field("year")],
]


@node
def author_or_outlet(children: list, data: dict, **kwargs: Any) -> Any:
    """Template node: the authors, else the outlet, else the title."""
    assert not children
    return first_of[
        optional[names("author", **kwargs)],
        *(optional[field(name)] for name in OUTLET_FIELDS),
        tag("em")[field("title")],
    ].format_data(data)


@dataclasses.dataclass
class OutletPersonStyle(PersonStyle):
    """Person style that falls back on the outlet where no author is printed."""

    def author_or_editor_or_title(self, full: bool) -> Any:
        return author_or_outlet(
            sep=self.sep,
            sep2=self.sep2,
            last_sep=self.last_sep,
            other=None if full else self.other,
        )


@dataclasses.dataclass
class AuthorYearOutletReferenceStyle(AuthorYearReferenceStyle):
    """Author–year citations, "(Carranza, 2023)" or "(NBC News, 2023)"."""

    person: PersonStyle = dataclasses.field(default_factory=OutletPersonStyle)
    bracket_parenthetical: BracketStyle = dataclasses.field(
        default_factory=lambda: BracketStyle(left="(", right=")")
    )
    bracket_textual: BracketStyle = dataclasses.field(
        default_factory=lambda: BracketStyle(left="(", right=")")
    )


class DisplayNameLabelStyle(BaseLabelStyle):
    """Labels of the form "Carranza 2023", matching the citations."""

    def format_labels(self, sorted_entries: Any) -> Any:
        for entry in sorted_entries:
            yield f"{display_name(entry)} {entry.fields.get('year', 'n.d.')}"


class DisplayNameSortingStyle(BaseSortingStyle):
    """Sort by the name a citation shows, then year, then title."""

    def sorting_key(self, entry: Any) -> tuple[str, str, str]:
        return (
            display_name(entry).lower(),
            entry.fields.get("year", ""),
            entry.fields.get("title", "").lower(),
        )


class HandbookStyle(UnsrtStyle):
    """Bibliography entries led by the author or, failing that, the outlet,
    which then is not repeated: "NBC News. Title. April 14, 2023 (date
    inferred). URL", "Rafael Carranza. Title. The Arizona Republic, March 28,
    2023. URL"."""

    default_label_style = DisplayNameLabelStyle
    default_sorting_style = DisplayNameSortingStyle

    def _entry(self, e: Any, outlet_field: str, kind: Any = None) -> Any:
        """Lead, title as printed (not re-cased), outlet unless it leads, date, URL."""
        signed = bool(e.persons.get("author"))
        newspaper = e.fields.get("entrysubtype") == "newspaper"
        name = tag("em")[field(outlet_field)] if newspaper else field(outlet_field)
        date = (
            words[publication_date, "(date inferred)"]
            if date_is_inferred(e.fields)
            else publication_date
        )
        source = [part for part in (kind, name if signed else None) if part is not None]
        return toplevel[
            sentence[self.format_names("author")] if signed else sentence[name],
            sentence[field("title")],
            sentence[[*source, date]],
            self.format_web_refs(e),
        ]

    def get_article_template(self, e: Any) -> Any:
        return self._entry(e, "journal")

    def get_misc_template(self, e: Any) -> Any:
        return self._entry(e, next((f for f in OUTLET_FIELDS if e.fields.get(f)), "howpublished"))

    def get_techreport_template(self, e: Any) -> Any:
        return self._entry(e, "institution", kind=optional[field("type")])


def register() -> None:
    """Register the styles with pybtex (idempotent)."""
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing",
        "author_year_outlet",
        AuthorYearOutletReferenceStyle,
        force=True,
    )
    pybtex.plugin.register_plugin("pybtex.style.formatting", "handbook", HandbookStyle, force=True)
    # The plain-text backend sphinxcontrib-bibtex looks up for every citation: pybtex
    # finds a registered plugin at once but reads every installed distribution's
    # entry points for one that is not (about 12 ms a citation, 10 s a build here).
    pybtex.plugin.register_plugin(
        "pybtex.backends", "plaintext", pybtex.backends.plaintext.Backend, force=True
    )


def setup(app: Sphinx) -> dict[str, Any]:
    register()
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
