"""How name words are compared: folded (no case, dots or possessive), cleaned of
the punctuation around them, and outside what a sentence quotes."""

from __future__ import annotations

import functools
import re

#: A quotation, in straight or curly marks: its words (its names among them) are
#: the speaker's, not the sentence's. Every rule that reads outside quotations uses it.
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A name word compared: lower case, no dots, no possessive (accents are kept).

    >>> fold("Mexico’s"), fold("U.S."), fold("López"), fold("DEA’s")
    ('mexico', 'us', 'lópez', 'dea')
    """
    word = re.sub(r"[’']s?$", "", word)
    return word.replace(".", "").lower()


@functools.lru_cache(maxsize=65536)  # the same words, sentence after sentence
def clean_token(token: str) -> str:
    """A token without the punctuation around it; an abbreviation keeps its dots.

    >>> clean_token("Mexico."), clean_token("U.S."), clean_token("Biden’")
    ('Mexico', 'U.S.', 'Biden')
    """
    if "." in token.rstrip("."):
        return token  # U.S., D.C.
    return token.rstrip(".-’'")
