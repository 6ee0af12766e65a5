"""Collecting what is to be checked from a chapter's doctree.

Each block of running text (a paragraph, a list item's paragraph, a table
row, a caption; admonitions and cards hold paragraphs) becomes text with its
citations marked. Paragraphs and captions are split into sentences; a table
row is one unit and carries its own citation. Each :class:`Sentence` holds
the figures and quotations it states and the keys it cites.

Text that is not the project's claim is masked: the text of
cross-references and inline code, bare URLs, and figures the project marks
as its own with the own-figure role (recorded with their reason).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from docutils import nodes

from .extract import extract_figures
from .figures import Figure
from .language import Vocabulary
from .nodes import OwnFigure, OwnStatement
from .quotations import Quotation, UnterminatedQuotation, find_quotations
from .sentences import CITE_MARK, TEXTUAL_CITE_MARK, split_sentences
from .words import CONTEXT_WORDS, Words

#: sphinxcontrib-bibtex roles that read as a parenthesis, "(Wayne, 2023)";
#: the others ("Wayne (2023)") start the sentence that they belong to.
PARENTHETICAL_ROLES = frozenset({"p", "ps", "year", "yearpar", "label", "labelpar"})

#: Nodes whose text is not running text to be checked.
SKIPPED = (
    nodes.literal_block,
    nodes.doctest_block,
    nodes.comment,
    nodes.raw,
    nodes.footnote,
    nodes.citation,
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.term,
    nodes.field_name,
    nodes.substitution_definition,
    nodes.target,
    nodes.system_message,
    nodes.line_block,
)


# What a block's walk does with a node, by the node's class (:func:`_walk_kind`).
_TEXT, _SKIP, _XREF, _LITERAL, _FOOTNOTE_REF, _REFERENCE, _OWN_STATEMENT, _OWN_FIGURE, _DESCEND = (
    range(9)
)
_WALK_KINDS: dict[type, int] = {}


def _walk_kind(cls: type) -> int:
    """What :meth:`_Block.walk` does with a node of class ``cls``: the first of its
    tests that the class passes, found once per class."""
    if issubclass(cls, nodes.Text):
        return _TEXT
    if issubclass(cls, SKIPPED):
        return _SKIP
    if (getattr(cls, "tagname", None) or cls.__name__) == "pending_xref":
        return _XREF
    if issubclass(cls, nodes.literal):
        return _LITERAL
    if issubclass(cls, nodes.footnote_reference):
        return _FOOTNOTE_REF
    if issubclass(cls, nodes.reference):
        return _REFERENCE
    if issubclass(cls, OwnStatement):
        return _OWN_STATEMENT
    if issubclass(cls, OwnFigure):
        return _OWN_FIGURE
    return _DESCEND


# What :func:`blocks` does with a node, by its class: whether it is a table row, a
# block outside rows (paragraph, caption), and never entered (a text, :data:`SKIPPED`).
_BLOCK_KINDS: dict[type, tuple[bool, bool, bool]] = {}


def _block_kind(cls: type) -> tuple[bool, bool, bool]:
    if not issubclass(cls, nodes.Element):
        return False, False, True  # a text: neither a block nor entered
    return (
        issubclass(cls, nodes.row),
        issubclass(cls, (nodes.paragraph, nodes.caption)),
        issubclass(cls, SKIPPED),
    )


class Exemption(NamedTuple):
    """A figure the project states as its own, with the reason it gives."""

    text: str
    reason: str
    line: int


class Sentence(NamedTuple):
    """One sentence (or table row) to be checked."""

    line: int
    text: str
    keys: tuple[str, ...]
    figures: tuple[Figure, ...]
    quotations: tuple[Quotation, ...]
    exemptions: tuple[Exemption, ...]
    #: Offset of an unterminated quotation mark, if any.
    unterminated: int | None = None
    #: The block's text nodes with their offsets, shared by its sentences, so
    #: that a verified claim can be marked in the page.
    text_nodes: tuple[tuple[int, nodes.Text], ...] = ()
    #: True for a table row, which is checked whole.
    row: bool = False
    #: The reason, if the sentence is marked as the project's own statement.
    statement: str = ""
    #: The sentence's citation nodes with the keys each cites, in order, so that
    #: the passage it is aligned to can be shown behind its citation.
    citations: tuple[tuple[nodes.Element, tuple[str, ...]], ...] = ()
    #: Which block of its page it stands in (in the order of :func:`read_blocks`),
    #: and where in that block's text: what its doctree nodes are found again by.
    block: int = 0
    span: tuple[int, int] = (0, 0)


class BlockText(NamedTuple):
    """What the check reads of one block of text, without its doctree nodes: the
    sentences it holds are a function of this alone (:func:`block_sentences`), so a
    page's blocks are what its findings are stored under, and what a worker checks."""

    text: str
    line: int
    #: Whether it is split into sentences (a table row is not).
    split: bool
    #: Where each citation stands, with the keys it cites.
    citations: tuple[tuple[int, tuple[str, ...]], ...]
    #: The spans of text that are not the project's claim (code, references, URLs).
    masked: tuple[tuple[int, int], ...]
    #: The project's own figures: (offset, text, reason).
    exemptions: tuple[tuple[int, str, str], ...]
    #: The project's own statements: (offset, reason).
    statements: tuple[tuple[int, str], ...]


class BlockNodes(NamedTuple):
    """The doctree nodes of one block, by where they stand in its text."""

    text_nodes: tuple[tuple[int, nodes.Text], ...]
    citation_nodes: tuple[tuple[int, nodes.Element, tuple[str, ...]], ...]


class _Block:
    """The text of one block with its citations and masked spans."""

    def __init__(self, footcite_key: Callable[[str], str | None]) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.citations: list[tuple[int, tuple[str, ...]]] = []
        self.citation_nodes: list[tuple[int, nodes.Element, tuple[str, ...]]] = []
        self.masked: list[tuple[int, int]] = []
        self.text_nodes: list[tuple[int, nodes.Text]] = []
        self.exemptions: list[tuple[int, str, str]] = []
        self.statements: list[tuple[int, str]] = []
        #: The source lines of the cross-references in the block (a table row's line).
        self.xref_lines: list[int] = []
        self.footcite_key = footcite_key

    def append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def append_masked(self, text: str) -> None:
        self.masked.append((self.length, self.length + len(text)))
        self.append(text)

    def walk(self, node: nodes.Node) -> None:
        cls = type(node)
        kind = _WALK_KINDS.get(cls)
        if kind is None:
            kind = _WALK_KINDS[cls] = _walk_kind(cls)
        if kind == _TEXT:
            self.text_nodes.append((self.length, node))
            self.parts.append(node)
            self.length += len(node)
        elif kind == _DESCEND:
            for child in node.children:
                self.walk(child)
        elif kind == _SKIP:
            self.xref_lines += [n.line for n in node.findall(nodes.Element) if _is_xref(n)]
        elif kind == _XREF and node.tagname == "pending_xref":
            if node.line:
                self.xref_lines.append(node.line)
            if node.get("refdomain") != "cite":
                self.append_masked(node.astext())
                return
            keys = tuple(k.strip() for k in node["reftarget"].split(",") if k.strip())
            self.citations.append((self.length, keys))
            self.citation_nodes.append((self.length, node, keys))
            parenthetical = node.get("reftype", "p") in PARENTHETICAL_ROLES
            self.append(CITE_MARK if parenthetical else TEXTUAL_CITE_MARK)
        elif kind == _LITERAL:
            self.append_masked(node.astext())
        elif kind == _FOOTNOTE_REF and node.get("refid", "").startswith("footcite-"):
            key = self.footcite_key(node["refid"])
            if key:
                self.citations.append((self.length, (key,)))
                self.citation_nodes.append((self.length, node, (key,)))
                self.append(CITE_MARK)
        elif kind == _REFERENCE and node.astext().startswith(("http:", "https:")):
            self.append_masked(node.astext())
        elif kind == _OWN_STATEMENT:
            self.statements.append((self.length, node.get("reason", "")))
            self.append_masked(node.astext())
        elif kind == _OWN_FIGURE:
            text = node.astext()
            self.exemptions.append((self.length, text, node.get("reason", "")))
            self.append_masked(text)
        elif isinstance(node, nodes.Element):
            # A pending_xref by class whose tagname is another's, a footnote reference
            # or reference that is not a citation or an address: read as any element.
            for child in node.children:
                self.walk(child)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def read(self, line: int, split: bool) -> tuple[BlockText, BlockNodes]:
        data = BlockText(
            self.text,
            line,
            split,
            tuple(self.citations),
            tuple(self.masked),
            tuple(self.exemptions),
            tuple(self.statements),
        )
        return data, BlockNodes(tuple(self.text_nodes), tuple(self.citation_nodes))


def _node_line(node: nodes.Element) -> int:
    """The source line of a block, or of its first descendant that knows it."""
    if node.line:
        return node.line
    for child in node.findall(nodes.Element):
        if child.line:
            return child.line
    parent = node.parent
    while parent is not None:
        if parent.line:
            return parent.line
        parent = parent.parent
    return 0


def _is_xref(node: nodes.Element) -> bool:
    return node.tagname == "pending_xref" and bool(node.line)


def _row_line(row: nodes.row, xref_lines: list[int]) -> int:
    """The line of a table row (docutils gives every row the table's line): that of
    its first cross-reference (``xref_lines``, as the row's block read them), else
    counted from the table's."""
    if xref_lines:
        return min(xref_lines)
    table = row.parent.parent.parent if row.parent is not None else None
    line = _node_line(row)
    if isinstance(table, nodes.table) and table.line == line or not line:
        rows = list(table.findall(nodes.row)) if isinstance(table, nodes.table) else [row]
        index = rows.index(row)
        header = len([r for r in rows if isinstance(r.parent, nodes.thead)])
        return (table.line or 0) + index + (1 if index >= header and header else 0)
    return line


def blocks(doctree: nodes.document) -> list[tuple[nodes.Element, bool]]:
    """The blocks of running text, in document order, each with whether it is split
    into sentences: every table row, and every paragraph or caption outside a row;
    none inside a :data:`SKIPPED` node (whose content is not read at all)."""
    found: list[tuple[nodes.Element, bool]] = []

    kinds = _BLOCK_KINDS

    def descend(node: nodes.Element, in_row: bool) -> None:
        for child in node.children:
            cls = type(child)
            kind = kinds.get(cls)
            if kind is None:
                kind = kinds[cls] = _block_kind(cls)
            row, block, skipped = kind
            if row:
                found.append((child, False))
                descend(child, True)
                continue
            if block and not in_row:
                found.append((child, True))
            if not skipped:
                descend(child, in_row)

    descend(doctree, False)
    return found


def collect_sentences(
    doctree: nodes.document,
    footcite_key: Callable[[str], str | None] = lambda _: None,
    vocabulary: Vocabulary | None = None,
) -> list[Sentence]:
    """Every sentence of ``doctree`` that cites a source or states a figure or a quotation."""
    read = read_blocks(doctree, footcite_key)
    return with_nodes(page_sentences([text for text, _ in read], vocabulary), read)


def read_blocks(
    doctree: nodes.document, footcite_key: Callable[[str], str | None] = lambda _: None
) -> list[tuple[BlockText, BlockNodes]]:
    """Every block of running text of ``doctree``, in order: its text and its nodes."""
    found: list[tuple[BlockText, BlockNodes]] = []
    for node, split in blocks(doctree):
        block = _Block(footcite_key)
        if isinstance(node, nodes.row):
            for index, cell in enumerate(node.children):
                if index:
                    block.append(CELL_SEPARATOR)
                block.walk(cell)
            line = _row_line(node, block.xref_lines)
        else:
            block.walk(node)
            line = _node_line(node)
        found.append(block.read(line, split))
    return found


def page_sentences(texts: list[BlockText], vocabulary: Vocabulary | None = None) -> list[Sentence]:
    """The sentences of a page's blocks, without their doctree nodes (see :func:`with_nodes`)."""
    return [
        sentence
        for index, text in enumerate(texts)
        for sentence in block_sentences(text, index, vocabulary)
    ]


def with_nodes(
    sentences: list[Sentence], read: list[tuple[BlockText, BlockNodes]]
) -> list[Sentence]:
    """The sentences with the doctree nodes of the blocks they stand in (:func:`read_blocks`)."""
    placed = []
    for sentence in sentences:
        block = read[sentence.block][1]
        start, end = sentence.span
        placed.append(
            sentence._replace(
                text_nodes=block.text_nodes,
                citations=tuple(
                    (node, cited)
                    for offset, node, cited in block.citation_nodes
                    if start <= offset < end
                ),
            )
        )
    return placed


def block_sentences(
    block: BlockText, index: int = 0, vocabulary: Vocabulary | None = None
) -> Iterator[Sentence]:
    """The sentences of one block (``index``: which block of its page it is)."""
    text, line, split = block.text, block.line, block.split
    unterminated: int | None = None
    try:
        quotations = find_quotations(text)
    except UnterminatedQuotation as error:
        quotations, unterminated = find_quotations(text[: error.offset]), error.offset
    protected = [(q.start, q.end) for q in quotations]
    spans = split_sentences(text, protected, vocabulary=vocabulary) if split else [(0, len(text))]
    for start, end in spans:
        keys: list[str] = []
        for offset, cited in block.citations:
            if start <= offset < end:
                keys.extend(k for k in cited if k not in keys)
        in_sentence = [q for q in quotations if start <= q.start < end]
        hidden = [*block.masked, *((q.start, q.end) for q in in_sentence)]
        figures = [
            figure._replace(start=figure.start + start, end=figure.end + start)
            for figure in figures_of(text[start:end], row=not split, vocabulary=vocabulary)
            if not any(s <= figure.start + start < e for s, e in hidden)
        ]
        exemptions = [
            Exemption(t, reason, line + text.count("\n", 0, offset))
            for offset, t, reason in block.exemptions
            if start <= offset < end
        ]
        bad_mark = (
            unterminated if unterminated is not None and start <= unterminated < end else None
        )
        statement = next((r for offset, r in block.statements if start <= offset < end), "")
        if not (keys or figures or in_sentence or exemptions or statement or bad_mark is not None):
            continue  # neither cited nor stating a claim: nothing to check
        yield Sentence(
            line=line + text.count("\n", 0, start),
            text=_clean(text[start:end]),
            keys=tuple(keys),
            figures=tuple(figures),
            quotations=tuple(in_sentence),
            exemptions=tuple(exemptions),
            unterminated=bad_mark,
            row=not split,
            statement=statement,
            block=index,
            span=(start, end),
        )


#: A row's figure whose own cell has fewer distinctive words than this is
#: placed by the cells beside it too.
ROW_CELL_WORDS = 3

#: What separates the cells of a table row in its collected text.
CELL_SEPARATOR = " | "


def figures_of(text: str, row: bool = False, vocabulary: Vocabulary | None = None) -> list[Figure]:
    """The figures of a sentence or table row, with the words that place them.

    A sentence's figure is placed by the words around it. A table row's
    figure is placed by the words around it in its cell or, where its cell holds
    little but the figure, by the cells on either side ("five | Sons of Joaquín
    Guzmán charged | April 14, 2023").

    >>> [sorted(f.near) for f in figures_of("four | Sons charged | x | three | Federal courts", row=True)]
    [['char', 'sons'], ['cour', 'fede']]
    """
    figures = extract_figures(text, context=None, vocabulary=vocabulary)
    if not row:
        return figures
    bounds = [0]
    for match in re.finditer(re.escape(CELL_SEPARATOR), text):
        bounds.extend([match.start(), match.end()])
    bounds.append(len(text))
    cells = list(zip(bounds[::2], bounds[1::2], strict=True))
    placed = []
    words: dict[tuple[int, int], Words] = {}  # each cell's words, read once

    def around(start: int, end: int, figure: Figure, window: int | None) -> frozenset[str]:
        if (start, end) not in words:
            words[start, end] = Words(text[start:end], vocabulary)
        return words[start, end].around(figure.start - start, figure.end - start, window)

    for figure in figures:
        index = next((i for i, (s, e) in enumerate(cells) if s <= figure.start < e), 0)
        near = around(*cells[index], figure, CONTEXT_WORDS)
        if len(near) < ROW_CELL_WORDS:  # a cell holding little but the figure
            start, end = cells[max(index - 1, 0)][0], cells[min(index + 1, len(cells) - 1)][1]
            near = around(start, end, figure, None)
        placed.append(figure._replace(near=near))
    return placed


def _clean(text: str) -> str:
    """The sentence as a reader sees it, without citation marks or line breaks."""
    text = text.replace(CITE_MARK, "").replace(TEXTUAL_CITE_MARK, "")
    # "... in 2022 {cite:p}`X`." reads "... in 2022." without the citation
    return re.sub(r"\s+(?=[.,;:!?](?:\s|$))", "", " ".join(text.split()))
