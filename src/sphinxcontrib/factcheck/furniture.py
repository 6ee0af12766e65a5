"""Page furniture in a captured article: never evidence.

A capture holds more than the article: photo captions and credits, bylines,
related-article headlines, navigation lines, sidebar dates. None of it is the
report a claim rests on, and a figure or passage found only there must not
verify anything (a caption's "Nearly 110,000 ... in the United
States.Credit…Shannon Stapleton/Reuters" is not the body's sentence). A line
of the capture is furniture if it carries a credit or caption marker, or if it
is short and ends without the punctuation that ends a sentence (a headline, a
byline, a date, a link's text). Quotations are still found anywhere in the
text: quoting a headline is quoting it.

>>> furniture_lines("Body sentence here.\\nPills on a table. Photo: Pixabay.\\nRead More\\n")
[1, 2]
"""

from __future__ import annotations

import re

#: Marks of a caption, a credit or a site's own notice, each by the words every
#: one of its matches holds (looked for first, which is quicker than the pattern).
_CREDIT_MARKS = {
    "Credit": r"Credit[…:.]",
    "Photo": r"\bPhoto:|\bPhotograph:",
    "Getty Images": r"Getty Images",
    "/ ": r"/ (?:The )?(?:Washington Post|Reuters|AP)\b",
    "Leer en español": r"Leer en español",
    "is not supported": r"is not supported\. For an optimal experience",
}
_CREDIT = re.compile("|".join(_CREDIT_MARKS.values()))
#: What ends a sentence, perhaps inside closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’)\]]*$")
#: A line without a sentence's end is a headline or a link when it is this short.
HEADLINE_WORDS = 16


def furniture_lines(text: str) -> list[int]:
    """The indexes (from 0) of the lines of ``text`` that are page furniture."""
    found = []
    for number, line in enumerate(text.split("\n")):
        line = line.strip()
        if not line:
            continue
        if _credited(line) or (
            not _SENTENCE_END.search(line) and len(line.split()) <= HEADLINE_WORDS
        ):
            found.append(number)
    return found


def _credited(line: str) -> bool:
    """Whether a line carries a credit or caption mark.

    >>> _credited("Pills on a table. Photo: Pixabay."), _credited("A photo: of pills")
    (True, False)
    """
    return any(words in line for words in _CREDIT_MARKS) and _CREDIT.search(line) is not None


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the furniture lines of ``text``."""
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    lines = text.split("\n")
    return [(starts[n], starts[n] + len(lines[n])) for n in furniture_lines(text)]
