"""The ``handbook-own`` role: a figure the handbook states of its own.

The fact check proves figures against sources; a figure that is the
handbook's own (its count of sources, say) cannot be. Such a figure must say
so, visibly and with a reason, and the fact check lists it in its report::

    The handbook draws on {handbook-own}`five <counted from references.bib>` sources.

The figure renders as an abbreviation whose explanation is the reason (a
tooltip in HTML, the reason in parentheses in the PDF), followed by a dagger.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title


class HandbookOwnRole(SphinxRole):
    """``{handbook-own}`figure <reason>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_reason, text, reason = split_explicit_title(self.text)
        if not has_reason or not reason.strip():
            message = self.inliner.reporter.error(
                "handbook-own needs a reason: {handbook-own}`figure <reason>`", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        explanation = f"the handbook's own figure: {reason.strip()}"
        node = nodes.inline("", "", classes=["handbook-own"], reason=reason.strip())
        node += nodes.abbreviation(text, text, explanation=explanation)
        node += nodes.superscript("†", "†", classes=["handbook-own-mark"])
        return [node], []
