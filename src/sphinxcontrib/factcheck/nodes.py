"""The doctree nodes the fact check adds.

- :class:`OwnFigure`: a figure the project states as its own, with its reason
  (the own-figure role, :mod:`.roles`);
- :class:`OwnStatement`: a sentence the project says for itself, about its
  sources (the own-statement role);
- :class:`ClaimText`: a text stating verified figures or quotations, each a
  :class:`ClaimMark` naming its finding (:mod:`.marking` marks claims,
  :mod:`.html` writes them with their evidence);
- :class:`CitedPassage`: a sentence's citation, naming the finding that holds
  the passage of the source the sentence is aligned to (:mod:`.marking`, :mod:`.html`);
- :class:`EvidenceIndex`: where the evidence appendix goes, and
  :class:`EvidencePassage`: one of its passages in HTML (:mod:`.appendix`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from docutils import nodes


class OwnFigure(nodes.inline):
    """A figure the project states as its own; ``reason`` says why."""


class OwnStatement(nodes.inline):
    """Marks the sentence it stands in as the project's own statement; ``reason`` says why."""


class ClaimMark(NamedTuple):
    """A verified figure or quotation in a :class:`ClaimText`: where it stands, and the
    anchor by which its finding, and so its evidence, is found among its page's
    (:func:`~sphinxcontrib.factcheck.get_findings`)."""

    #: Where the claim stands in the text (offsets into ``str(node)``).
    start: int
    end: int
    #: The claim's anchor in the page, and the page whose finding it is.
    claim_id: str
    docname: str


class ClaimText(nodes.Text):
    """A text that states verified claims: one :class:`ClaimMark` in ``claims`` for
    each, in reading order.

    The claims stay inside the text node that holds them rather than each in an
    element of its own, so a page's tree gains no node for its claims, and every
    transform, writer and search that walks it walks no more than before. HTML
    writes each claim as a link with its tooltip (:mod:`.html`); every other
    builder writes the text as it is (Sphinx's translators look for a node's
    handler by its classes in turn, and find the text's; XML is given
    :func:`visit_as_text`).
    """

    claims: tuple[ClaimMark, ...] = ()

    def copy(self) -> ClaimText:
        copied = super().copy()
        copied.claims = self.claims
        return copied


def visit_as_text(translator: Any, node: ClaimText) -> None:
    """Write a :class:`ClaimText` as the text it is, for a translator that would not
    look for a text's handler by its class (docutils' XML writer)."""
    translator.visit_Text(node)


def depart_as_text(translator: Any, node: ClaimText) -> None:
    translator.depart_Text(node)


class CitedPassage(nodes.inline):
    """A sentence's citation, wrapped: ``claim_id`` is the anchor of the sentence's
    aligned finding on page ``docname`` (which holds the passage), ``original`` the
    address of the original at that passage."""


class EvidencePassage(nodes.General, nodes.Element):
    """One passage of the evidence appendix in HTML, written at once by :mod:`.html`:
    its ``pieces`` (text, and whether it is a claim), its ``uses`` (a label, the
    address of the claim's first place or "", and those of all its places where it has
    more than one), the ``original`` (a link's text and address, or None) and the
    ``memo`` of its copy button. Its one child is the box's text, for the search."""


class EvidenceIndex(nodes.General, nodes.Element):
    """Placeholder for the evidence appendix, filled in when all documents are read."""
