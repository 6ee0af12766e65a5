"""Charts drawn at build time from verified figures only.

A ``{verified-chart}`` states each bar with the claim that supports it, in
the form ``label | value | claim | key``::

    :::{verified-chart} Homicide rate per 100,000 people
    :alt: Bar chart of homicide rates per 100,000 people.
    Mexico, 2022 | 25 | There were 32,223 killings in Mexico in 2022, a homicide rate of 25 per 100,000 people | NYTimes2023ties
    United States | 7.8 | a U.S. homicide rate of about 7.8 per 100,000 | NYTimes2023ties
    :::

Each claim is checked against its source exactly as a sentence of the page
would be, and the value must be one of the claim's verified figures. If any
bar fails, the build warns at the directive's line and draws no chart, so a
chart cannot show a number the check has not verified. What the check found
is stored with the pages' findings (``factcheck_cache_dir``), under a digest
of the claim, its source and the extension, so a bar is checked again only
when one of them changes. The chart is drawn
with matplotlib, with the alt text given plus every value it shows:

- for HTML, as SVG written into the page (``role="img"``), its text real
  text in the page's own colour (``currentColor``) on no background, so it
  reads in a light and a dark theme alike, and drawn at about a phone's
  width, so its labels keep their size on a phone (:data:`CHART_WIDTH`);
- for LaTeX, as PDF (vector, labels as text); for other builders, as PNG.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .cache import digest_of
from .collect import Sentence, figures_of
from .config import get_config
from .corpus import Corpus
from .domain import FactCheckDomain
from .language import get_vocabulary
from .quotations import find_quotations
from .records import ClaimKind, Status
from .verify import check_sentence

logger = logging.getLogger(__name__)

#: Where charts are drawn, inside the source folder (ignored by git and Sphinx).
CHART_FOLDER = "_generated/charts"
#: The width a chart is drawn at, in inches (72 SVG units each): about a
#: phone's text column (360 px), so a label drawn at :data:`CHART_FONT_SIZE`
#: points shows at about that many pixels there; wider screens scale it up
#: to the stylesheet's maximum (factcheck.css).
CHART_WIDTH = 5.0
#: The size of every label, in points: readable on a phone (11 px or more).
CHART_FONT_SIZE = 11
#: The bars' colour: 3:1 or more against both a white and a near-black page
#: (WCAG 1.4.11, non-text contrast).
BAR_COLOUR = "#3d7cc9"
#: A colour no chart uses otherwise, drawn for the text and axes of the SVG
#: and then replaced by ``currentColor``: the page's text colour.
_INK = "#010203"


class Bar:
    """One bar: its label, value and the claim that supports it."""

    def __init__(self, line: str) -> None:
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 4 or not all(parts):
            raise ValueError("expected 'label | value | claim | key'")
        self.label, value, self.claim, self.key = parts
        self.value = Decimal(value.replace(",", ""))


class VerifiedChartDirective(SphinxDirective):
    """``{verified-chart} Title``: a bar chart of verified figures."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"alt": directives.unchanged_required, "unit": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0]
        location = (self.env.docname, self.lineno)
        try:
            bars = [Bar(line) for line in self.content if line.strip()]
        except ValueError as error:
            logger.warning(
                "verified-chart: %s", error, location=location, type="factcheck", subtype="chart"
            )
            return []
        domain = self.env.get_domain(FactCheckDomain.name)
        assert isinstance(domain, FactCheckDomain)
        corpus = domain.corpus
        if corpus is None:
            return []
        # The chart rests on its bars' sources: a change to one redraws it.
        domain.note_cited(self.env.docname, (bar.key for bar in bars))
        for number, bar in enumerate(bars):
            # Stored like a page's findings: checked again only when the bar's claim,
            # its source or the extension changes.
            name = f"{self.env.docname}\0chart\0{self.lineno}\0{number}"
            key = digest_of(domain.inputs_digest, bar.claim, bar.key, str(bar.value))
            problem = corpus.cache.stored_findings(name, key)
            if not isinstance(problem, str):
                problem = self._unverified(bar, corpus, domain.entries)
                corpus.cache.store_findings(name, key, problem)
            if problem:
                logger.warning(
                    "[unsupported] chart %r, bar %r: %s",
                    title,
                    bar.label,
                    problem,
                    location=location,
                    type="factcheck",
                    subtype="chart",
                )
                return []
        name = self._draw(title, bars)
        if not name:
            return []
        values = "; ".join(f"{bar.label}: {_plain(bar.value)}" for bar in bars)
        alt = f"{self.options.get('alt', title)} {values}."
        figure = nodes.figure("", classes=["verified-chart"], ids=[nodes.make_id(f"chart {title}")])
        svg = Path(self.env.srcdir, CHART_FOLDER, f"{name}.svg").read_text(encoding="utf-8")
        # HTML shows the SVG itself, in the page's colours; other builders the image.
        figure += addnodes.only(
            "",
            nodes.raw("", inline_svg(svg, alt), format="html", classes=["fc-chart"]),
            expr="format_html",
        )
        figure += addnodes.only(
            "", nodes.image(uri=f"/{CHART_FOLDER}/{name}.*", alt=alt), expr="not format_html"
        )
        figure += nodes.caption(title, title)
        # The source goes in the legend: a citation link inside a LaTeX caption breaks.
        keys = ",".join(dict.fromkeys(bar.key for bar in bars))
        citation, messages = self.parse_inline(f"Source: {{cite:p}}`{keys}`", lineno=self.lineno)
        figure += nodes.legend("", nodes.paragraph("", "", *citation))
        figure.extend(messages)
        self.set_source_info(figure)
        return [figure]

    def _unverified(self, bar: Bar, corpus: Corpus, entries: Mapping[str, object]) -> str:
        vocabulary = get_vocabulary(get_config(self.env).language)
        sentence = Sentence(
            line=self.lineno,
            text=bar.claim,
            keys=(bar.key,),
            figures=tuple(figures_of(bar.claim, vocabulary=vocabulary)),
            quotations=tuple(find_quotations(bar.claim)),
            exemptions=(),
        )
        findings = check_sentence(self.env.docname, sentence, corpus, entries)
        failed = [f.message for f in findings if f.status.failed]
        if failed:
            return failed[0]
        figure_findings = [f for f in findings if f.kind is ClaimKind.FIGURE]
        verified = [
            figure
            for figure, finding in zip(sentence.figures, figure_findings, strict=True)
            if finding.status is Status.VERIFIED
        ]
        if not any(figure.value == bar.value for figure in verified):
            return f"the value {_plain(bar.value)} is not a verified figure of its claim"
        return ""

    def _draw(self, title: str, bars: list[Bar]) -> str:
        unit = self.options.get("unit", "")
        digest = hashlib.sha256(
            repr((title, [(b.label, str(b.value)) for b in bars], unit, _STYLE)).encode()
        ).hexdigest()[:12]
        name = f"chart-{digest}"
        folder = Path(self.env.srcdir, CHART_FOLDER)
        folder.mkdir(parents=True, exist_ok=True)
        if all((folder / f"{name}.{suffix}").exists() for suffix in ("svg", "pdf", "png")):
            return name
        # Imported only when a chart must be drawn (it is slow to load); a bare
        # Figure draws without pyplot, so no process-wide backend is chosen.
        try:
            import matplotlib
            from matplotlib.figure import Figure
        except ImportError:
            logger.warning(
                "verified-chart %r needs matplotlib: pip install 'sphinxcontrib-factcheck[charts]'",
                title,
                location=(self.env.docname, self.lineno),
                type="factcheck",
                subtype="chart",
            )
            return ""

        def draw(ink: str) -> Figure:
            # Each bar's label stands above it, not beside it, so the bars take
            # the chart's whole width, even on a phone.
            figure = Figure(figsize=(CHART_WIDTH, 0.5 + 0.55 * len(bars)), dpi=150)
            axes = figure.subplots()
            rows = range(len(bars))
            values = [float(bar.value) for bar in bars]
            drawn = axes.barh(rows, values, height=0.42, color=BAR_COLOUR)
            axes.bar_label(drawn, labels=[_plain(bar.value) for bar in bars], padding=3, color=ink)
            for row, bar in zip(rows, bars, strict=True):
                axes.text(0, row - 0.27, bar.label, color=ink, va="bottom")
            axes.set_yticks([])
            axes.set_ylim(len(bars) - 0.6, -0.85)
            axes.set_xlabel(unit, color=ink)
            axes.tick_params(colors=ink)
            axes.spines["bottom"].set_color(ink)
            axes.spines[["top", "right", "left"]].set_visible(False)
            axes.set_xlim(0, max(values) * 1.15)
            axes.set_facecolor("none")
            figure.patch.set_alpha(0)
            figure.tight_layout(pad=0.3)
            return figure

        # No dates, versions or random ids in the files: identical charts are identical bytes.
        with matplotlib.rc_context(_STYLE):
            draw(_INK).savefig(
                folder / f"{name}.svg", transparent=True, metadata={"Date": None, "Creator": None}
            )
            printed = draw("black")
            printed.patch.set_alpha(1)
            printed.savefig(folder / f"{name}.png", facecolor="white", metadata={"Software": None})
            printed.savefig(
                folder / f"{name}.pdf",
                metadata={"CreationDate": None, "Creator": None, "Producer": None},
            )
        return name


#: matplotlib's settings for every chart: labels as text (not paths) in the
#: SVG, fixed ids, one font size.
_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "sphinxcontrib-factcheck",
    "font.size": CHART_FONT_SIZE,
}


def inline_svg(svg: str, alt: str) -> str:
    """A chart's SVG file as an image in the page: its text and axes in the page's colour.

    >>> drawn = (
    ...     '<?xml version="1.0"?>\\n<svg width="360pt" height="100pt" viewBox="0 0 360 100">'
    ...     '<metadata>m</metadata><g style="fill: #010203"/></svg>\\n'
    ... )
    >>> print(inline_svg(drawn, 'A "chart".').replace("><", ">\\n<"))
    <svg viewBox="0 0 360 100" role="img" aria-label="A &quot;chart&quot;.">
    <title>A &quot;chart&quot;.</title>
    <g style="fill: currentColor"/>
    </svg>
    """
    svg = svg[svg.index("<svg") :].strip()
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    opening = re.match(r"<svg[^>]*>", svg)
    assert opening is not None
    attributes = re.sub(r'\s(?:width|height)="[^"]*"', "", opening.group(0)[4:-1])
    label = html.escape(alt)
    svg = (
        f'<svg{attributes} role="img" aria-label="{label}"><title>{label}</title>'
        + svg[opening.end() :]
    )
    return svg.replace(_INK, "currentColor")


def _plain(value: Decimal) -> str:
    """A value as it is printed: thousands separated, no trailing zeros.

    >>> _plain(Decimal("14100")), _plain(Decimal("7.8"))
    ('14,100', '7.8')
    """
    return f"{value.normalize():,f}" if value != value.to_integral() else f"{int(value):,}"
