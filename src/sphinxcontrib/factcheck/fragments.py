"""Text Fragments: links that open the original article at a passage.

A Text Fragment (``#:~:text=start,end``) makes a browser scroll to a passage
of a web page and highlight it. The evidence appendix links every verified
passage to its original article this way.
"""

from __future__ import annotations

import urllib.parse


def text_fragment(sentence: str) -> str:
    """A Text Fragment (``#:~:text=``) that finds a source sentence in the original.

    >>> text_fragment("Nearly 110,000 people died last year of drug overdoses.")
    '#:~:text=Nearly%20110%2C000%20people%20died,last%20year%20of%20drug%20overdoses'
    """
    words = [w.strip("\"“”'‘’()") for w in sentence.split()]
    words = [w for w in words if w]
    words[-1] = words[-1].rstrip(".,;:!?") if words else ""

    def encode(part: list[str]) -> str:
        return urllib.parse.quote(" ".join(part), safe="").replace("-", "%2D")

    if len(words) <= 8:
        return "#:~:text=" + encode(words)
    return f"#:~:text={encode(words[:4])},{encode(words[-5:])}"
