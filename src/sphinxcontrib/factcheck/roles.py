"""The own-figure role: a figure the project states of its own, with its reason.

The fact check proves figures against sources; a figure that is the project's
own (its count of sources, say) cannot be. Such a figure must say so, visibly
and with a reason, and the fact check lists it in its report. The role's name
is ``factcheck_own_role`` (``own-figure`` unless configured)::

    The handbook draws on {own-figure}`five <counted from references.bib>` sources.

The figure renders as an abbreviation whose explanation is the reason (a
tooltip in HTML, the reason in parentheses in the PDF), followed by a dagger.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from .nodes import OwnFigure, OwnStatement


class OwnFigureRole(SphinxRole):
    """``{own-figure}`figure <reason>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_reason, text, reason = split_explicit_title(self.text)
        if not has_reason or not reason.strip():
            message = self.inliner.reporter.error(
                f"{self.name} needs a reason: {{{self.name}}}`figure <reason>`", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        reason = reason.strip()
        node = OwnFigure("", "", classes=["fc-own"], reason=reason)
        node += nodes.abbreviation(text, text, explanation=f"not from a source: {reason}")
        node += nodes.superscript("†", "†", classes=["fc-own-mark"])
        return [node], []


class OwnStatementRole(SphinxRole):
    """``{own-statement}`reason```: the sentence it stands in is the project's own.

    Where the project speaks for itself about its sources ("The sources do not
    say who chairs the panel"), its sentence states nothing a source says, so
    its names and wording are not checked against a passage (its figures and
    quotations still are). The marker is visible (a double dagger whose
    explanation is the reason), greppable, and listed in the report::

        The sources do not say who chairs the panel {own-statement}`a gap the handbook notes`.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        reason = self.text.strip()
        if not reason:
            message = self.inliner.reporter.error(
                f"{self.name} needs a reason: {{{self.name}}}`reason`", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        node = OwnStatement("", "", classes=["fc-own-statement"], reason=reason)
        node += nodes.abbreviation("‡", "‡", explanation=f"not from a source: {reason}")
        return [node], []
