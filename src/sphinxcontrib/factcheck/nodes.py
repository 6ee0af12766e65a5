"""The doctree nodes the fact check adds.

- :class:`OwnFigure`: a figure the project states as its own, with its reason
  (the own-figure role, :mod:`.roles`);
- :class:`OwnStatement`: a sentence the project says for itself, about its
  sources (the own-statement role);
- :class:`Claim`: a verified figure or quotation, carrying its evidence
  (:mod:`.marking` wraps claims, :mod:`.html` writes them);
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


class EvidenceIndex(nodes.General, nodes.Element):
    """Placeholder for the evidence appendix, filled in when all documents are read."""
