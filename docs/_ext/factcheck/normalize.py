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


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and map each output character to its input offset.

    White space of any kind (spaces, no-break spaces, line breaks, tabs) is
    folded into one space; leading and trailing white space is dropped.

    >>> normalize_with_offsets("a\\u00a0\\n b…")
    ('a b...', [0, 1, 4, 5, 5, 5])
    """
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
