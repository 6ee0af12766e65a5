"""Bibliography styles for a handbook whose sources are news reports.

Many news captures print no author. Citations then name the outlet, as a
reader expects ("NBC News, 2023"), instead of the sphinxcontrib-bibtex default
of falling back on the full title; the bibliography lists such entries under
the outlet too, sorted by the name shown in the citation.

Registered as pybtex plugins under the names used in ``conf.py``:

- ``bibtex_reference_style = "author_year_outlet"`` (citations in the text),
- ``bibtex_default_style = "handbook"`` (entries in the bibliography).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import date, toplevel
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, first_of, optional, optional_field, sentence, tag
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import names, node


def display_name(entry: Any) -> str:
    """The name a citation shows: the authors' last names, else the outlet.

    >>> from pybtex.database import Entry, Person
    >>> display_name(Entry("misc", fields={"organization": "{NBC News}"}))
    'NBC News'
    >>> display_name(Entry("misc", persons={"author": [Person("Carranza, Rafael")]}))
    'Carranza'
    """
    authors = entry.persons.get("author")
    if authors:
        return " and ".join(" ".join(person.last_names) for person in authors)
    return entry.fields.get("organization", "").replace("{", "").replace("}", "")


@node
def author_or_organization(children: list, data: dict, **kwargs: Any) -> Any:
    """Template node: the authors, else the organization (outlet), else the title."""
    assert not children
    return first_of[
        optional[names("author", **kwargs)],
        optional[field("organization")],
        tag("em")[field("title")],
    ].format_data(data)


@dataclasses.dataclass
class OutletPersonStyle(PersonStyle):
    """Person style that falls back on the outlet where no author is printed."""

    def author_or_editor_or_title(self, full: bool) -> Any:
        return author_or_organization(
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
    """Bibliography entries led by the author or, failing that, the outlet."""

    default_label_style = DisplayNameLabelStyle
    default_sorting_style = DisplayNameSortingStyle

    def get_misc_template(self, e: Any) -> Any:
        lead = (
            sentence[self.format_names("author")]
            if e.persons.get("author")
            else sentence[field("organization")]
        )
        return toplevel[
            lead,
            sentence[field("title")],  # titles as printed, not re-cased
            sentence[optional[field("howpublished")], optional[date]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


def register() -> None:
    """Register the styles with pybtex (idempotent)."""
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing",
        "author_year_outlet",
        AuthorYearOutletReferenceStyle,
        force=True,
    )
    pybtex.plugin.register_plugin("pybtex.style.formatting", "handbook", HandbookStyle, force=True)


def setup(app: Sphinx) -> dict[str, Any]:
    register()
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
