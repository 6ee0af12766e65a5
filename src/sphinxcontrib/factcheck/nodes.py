"""The doctree nodes the fact check adds.

- :class:`OwnFigure`: a figure the project states as its own, with its reason
  (the own-figure role, :mod:`.roles`);
- :class:`OwnStatement`: a sentence the project says for itself, about its
  sources (the own-statement role);
- :class:`Claim`: a verified figure or quotation, carrying its evidence
  (:mod:`.marking` wraps claims, :mod:`.html` writes them);
- :class:`CitedPassage`: a sentence's citation, carrying the passage of the
  source the sentence is aligned to (:mod:`.marking`, :mod:`.html`);
- :class:`EvidenceIndex`: where the evidence appendix goes (:mod:`.appendix`).
"""

from __future__ import annotations

from docutils import nodes


class OwnFigure(nodes.inline):
    """A figure the project states as its own; ``reason`` says why."""


class OwnStatement(nodes.inline):
    """Marks the sentence it stands in as the project's own statement; ``reason`` says why."""


class Claim(nodes.inline):
    """A verified figure or quotation, carrying its evidence."""


class CitedPassage(nodes.inline):
    """A sentence's citation, carrying the passage the sentence is aligned to."""


class EvidenceIndex(nodes.General, nodes.Element):
    """Placeholder for the evidence appendix, filled in when all documents are read."""
