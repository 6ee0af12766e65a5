"""HTML that passes an axe-core accessibility check.

Two fixes to what Sphinx and docutils write, both found by the browser tests
(``tests/test_browser.py``):

- a toctree caption has ``role="heading"`` but no ``aria-level``
  (axe: aria-required-attr); it is given level 2;
- a bibliography is wrapped in ``role="list"`` around ``doc-biblioentry``
  items, which axe reports as a list without list items
  (aria-required-children); the roles are dropped, the markup kept.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class AccessibleHTMLTranslator(HTML5Translator):
    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            self.body.append(
                self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **{"aria-level": "2"})
            )
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
        else:
            super().visit_title(node)

    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname]))


def setup(app: Sphinx) -> dict[str, Any]:
    app.set_translator("html", AccessibleHTMLTranslator)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
