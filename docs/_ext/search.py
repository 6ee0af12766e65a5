"""Search that ignores accents: "Guzman" finds "Guzmán", "Lopez Obrador" finds "López Obrador".

Readers type names without their accents; the handbook prints them with.
Sphinx's search index is built, word by word, by the ``SearchLanguage`` of
the project's language, and the same language ships the JavaScript that
splits and stems a reader's query. This extension registers an English
search language (``app.add_search_language``, which replaces Sphinx's own
for ``en``) that folds accents on both sides:

- in Python, every word is folded before it is stemmed and indexed
  (:meth:`AccentFoldingEnglish.split`), so the index holds ``guzman``;
- in the browser, the query is folded the same way before it is stemmed
  (``js_splitter_code``, Sphinx's hook for splitting a query).

Folding is Unicode decomposition without the combining marks (NFD), which
is what JavaScript's ``normalize("NFD")`` gives too, so both sides agree.
The search summaries never show a tooltip's text: the tooltips are written
in ``<template>`` elements (sphinxcontrib-factcheck), whose content is not
part of the page's text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish


def fold_accents(text: str) -> str:
    """Text without its accents, as both the index and the query see it.

    >>> fold_accents("Andrés Manuel López Obrador, Joaquín Guzmán, Ñuñoa")
    'Andres Manuel Lopez Obrador, Joaquin Guzman, Nunoa'
    >>> fold_accents("“Lo\u0301pez” – decomposed"), fold_accents("plain ASCII")
    ('“Lopez” – decomposed', 'plain ASCII')
    """
    if text.isascii():  # most of a page's text: nothing to fold
        return text
    decomposed = unicodedata.normalize("NFD", text)
    # Only a character outside ASCII can be a combining mark: the others are kept unread.
    return unicodedata.normalize("NFC", _NOT_ASCII.sub(_without_mark, decomposed))


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _without_mark(match: re.Match[str]) -> str:
    """A character outside ASCII, or nothing if it is a combining mark."""
    character = match.group()
    return "" if unicodedata.combining(character) else character


#: The query splitter of Sphinx's searchtools.js (``splitQuery``), after
#: folding the query's accents exactly as :func:`fold_accents` does.
JS_SPLITTER = """
function splitQuery(query) {
  return query
    .normalize("NFD")
    .replace(/\\p{Mark}/gu, "")
    .normalize("NFC")
    .split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
}
"""


class AccentFoldingEnglish(SearchEnglish):
    """Sphinx's English search, with accents folded in the index and in queries."""

    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:
        """The words of a text, accents folded.

        >>> AccentFoldingEnglish({}).split("Guzmán’s sons, the Chapitos")
        ['Guzman', 's', 'sons', 'the', 'Chapitos']
        """
        return super().split(fold_accents(input))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(AccentFoldingEnglish)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
