"""Verified claims in HTML: a link to the evidence, with the passage in a tooltip.

A claim is a subtle link to its passage in the evidence appendix (or, with no
appendix, a focusable span), described by a tooltip that shows the source
passage with the claim highlighted, on hover or keyboard focus
(``static/factcheck.css``).
"""

from __future__ import annotations

import html
from typing import Any

from .config import get_config
from .nodes import Claim

#: How much of a passage a tooltip shows around the claim.
TOOLTIP_CHARACTERS = 360


def _evidence_page(translator: Any) -> str:
    page = get_config(translator.builder.config).evidence_page
    return page if page and page in translator.builder.env.all_docs else ""


def visit_claim_html(translator: Any, node: Claim) -> None:
    builder = translator.builder
    page = _evidence_page(translator)
    cid = node["claim_id"]
    if page:
        href = builder.get_relative_uri(builder.current_docname, page) + "#" + node["evidence"]
        translator.body.append(
            f'<span class="fc-claim-wrap"><a class="fc-claim" id="{cid}" href="{href}" '
            f'aria-describedby="{cid}-tip">'
        )
    else:
        translator.body.append(
            f'<span class="fc-claim-wrap"><span class="fc-claim" id="{cid}" tabindex="0" '
            f'aria-describedby="{cid}-tip">'
        )


def depart_claim_html(translator: Any, node: Claim) -> None:
    closing = "</a>" if _evidence_page(translator) else "</span>"
    passage, (start, end) = node["passage"], node["highlight"]
    first = max(0, start - TOOLTIP_CHARACTERS // 2)
    last = min(len(passage), end + TOOLTIP_CHARACTERS // 2)
    shown = (
        ("…" if first else "")
        + html.escape(passage[first:start])
        + "<mark>"
        + html.escape(passage[start:end])
        + "</mark>"
        + html.escape(passage[end:last])
        + ("…" if last < len(passage) else "")
    )
    translator.body.append(
        f'{closing}<span class="fc-tip" role="tooltip" id="{node["claim_id"]}-tip">'
        f'<span class="fc-tip-passage">{shown}</span>'
        f'<span class="fc-tip-source">{html.escape(node["source"])}</span></span></span>'
    )
