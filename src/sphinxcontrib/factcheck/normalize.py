"""Normalising typography, so that a quotation is compared by its words.

Sources and chapters differ in typography only: curly or straight quotation
marks and apostrophes, dashes, no-break spaces, line breaks, an ellipsis
written as one character or three. :func:`normalize` folds all of these, and
:func:`normalize_with_offsets` also remembers, for every character it returns,
where that character came from, so evidence can point into the original text.

>>> normalize("“Here,\\u00a0we do not produce fentanyl…” — he said")
'"Here, we do not produce fentanyl..." - he said'
"""

from __future__ import annotations

import re

#: Characters replaced one for one (or, for the ellipsis, by three full stops).
_FOLD: dict[str, str] = {
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "«": '"',
    "»": '"',
    "″": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "`": "'",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "−": "-",
    "―": "-",
    "…": "...",
    "\u00ad": "",  # soft hyphen: invisible
}


#: What must change: white space other than one plain space, or a character
#: :data:`_FOLD` replaces. A single space between words is kept as it is.
_SPECIAL = re.compile(r"\s{2,}|[^\S ]|[" + re.escape("".join(_FOLD)) + "]")


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map each output character to its input offset.

    White space of any kind (spaces, no-break spaces, line breaks, tabs) is
    folded into one space; leading and trailing white space is dropped. Runs
    of text that need no change are copied whole, so a long source is
    normalised at about the speed of a regular-expression scan.

    >>> normalize_with_offsets("a\\u00a0\\n b…")
    ('a b...', [0, 1, 4, 5, 5, 5])
    >>> normalize_with_offsets("  a\\u00ad b ")
    ('a b', [2, 4, 5])
    """
    if "\u00ad" in text:
        return _normalize_each_character(text)
    start = len(text) - len(text.lstrip())
    stop = len(text.rstrip())
    pieces: list[str] = []
    offsets: list[int] = []
    position = start
    for match in _SPECIAL.finditer(text, start, stop):
        first, last = match.span()
        if first > position:
            pieces.append(text[position:first])
            offsets.extend(range(position, first))
        special = match.group()
        folded = " " if special[0].isspace() else _FOLD[special]
        pieces.append(folded)
        offsets.extend([first] * len(folded))
        position = last
    if position < stop:
        pieces.append(text[position:stop])
        offsets.extend(range(position, stop))
    return "".join(pieces), offsets


def _normalize_each_character(text: str) -> tuple[str, list[int]]:
    """:func:`normalize_with_offsets`, one character at a time: the reference
    implementation, used for text holding a character that folds into nothing
    (a soft hyphen between two spaces must leave one space)."""
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for index, char in enumerate(text):
        if char.isspace():
            if chars and pending_space < 0:
                pending_space = index
            continue
        folded = _FOLD.get(char, char)
        if not folded:
            continue
        if pending_space >= 0:
            chars.append(" ")
            offsets.append(pending_space)
            pending_space = -1
        for piece in folded:
            chars.append(piece)
            offsets.append(index)
    return "".join(chars), offsets


def normalize(text: str) -> str:
    """Normalise ``text`` for comparison (see the module's rules).

    >>> normalize("The  Sinaloa\\nCartel – and ‘others’")
    "The Sinaloa Cartel - and 'others'"
    """
    return normalize_with_offsets(text)[0]
