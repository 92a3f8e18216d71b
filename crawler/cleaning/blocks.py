"""HTML to blocks: every piece of text in the body lands in exactly one block (a paragraph, heading,
list item, table row, image or br-separated line), wherever it sat in the markup."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin

import lxml.html

from crawler.cleaning.text import collapse, nfkc, squash

# Elements whose content is never article text.
DROP_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "frame", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "svg", "canvas", "template", "link", "meta", "head", "title",
    "video", "audio", "source", "map", "area",
})
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "center",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
    "figure", "figcaption", "pre", "hr", "address", "body", "html", "table", "caption",
})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Inline tags kept in body_html; any other inline tag is unwrapped (its text kept).
KEPT_INLINE = frozenset({"a", "strong", "b", "em", "i", "u", "sup", "sub", "mark", "code", "small", "s"})
IMAGE_SOURCE_ATTRIBUTES = ("data-original", "data-src", "data-actualsrc", "data-lazy-src", "data-url", "src")
LAZY_PLACEHOLDER = re.compile(r"(lazyload|loading|blank|placeholder|grey|pixel|spacer)\.(png|gif|svg|jpe?g)$", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass
class Block:
    kind: str                    # p, h, li, row, img, pre, quote
    text: str                    # collapsed text as printed ('' for images)
    html: str = ""               # sanitised inline HTML (escaped text for rows)
    tag: str = "p"               # source tag: h2, li's list tag (ul/ol), …
    src: str | None = None       # image URL
    alt: str = ""
    cells: list[str] = field(default_factory=list)
    hidden: bool = False         # inside display:none: never output, but rules may read it
    links_only: bool = False     # all its text is link text
    dropped_by: str | None = None

    @cached_property
    def norm(self) -> str:
        """The NFKC form that rules match against, computed once (``set_text`` refreshes it)."""
        return nfkc(self.text)

    def set_text(self, text: str) -> None:
        self.text, self.html = text, html.escape(text, quote=False)
        self.__dict__.pop("norm", None)

    @property
    def kept(self) -> bool:
        return self.dropped_by is None and not self.hidden


def image_url(element, base_url: str) -> str | None:
    """The real image URL: lazy-load attributes before src; never a placeholder or a data: URI."""
    for attribute in IMAGE_SOURCE_ATTRIBUTES:
        value = (element.get(attribute) or "").strip()
        if not value or value.startswith("data:") or value.startswith("javascript:"):
            continue
        absolute = urljoin(base_url, value)
        if LAZY_PLACEHOLDER.search(absolute.split("?")[0]):
            continue
        if absolute.startswith(("http://", "https://")):
            return absolute
    return None


def safe_href(value: str | None, base_url: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("#"):
        return None
    absolute = urljoin(base_url, value)
    return absolute if absolute.startswith(("http://", "https://")) else None


def _is_hidden(element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


class _BlockBuilder:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._html: list[str] = []
        self._link_chars = 0
        self._kind = "p"
        self._tag = "p"
        self._open: list[tuple[str, str]] = []   # inline tags open across a flush: (opening markup, name)
        self._hidden_inline: list[tuple] = []     # hidden elements met inside the current run

    # inline run -----------------------------------------------------------------------
    def add_text(self, text: str | None, kind: str, tag: str, in_link: bool = False) -> None:
        if not text:
            return
        if not self._text:
            self._kind, self._tag = kind, tag
        self._text.append(text)
        self._html.append(html.escape(squash(text), quote=False))
        if in_link:
            self._link_chars += len(collapse(text))

    def open_inline(self, markup: str, name: str) -> None:
        self._open.append((markup, name))
        self._html.append(markup)

    def close_inline(self) -> None:
        self._html.append(f"</{self._open.pop()[1]}>")

    def flush(self, hidden: bool = False) -> None:
        text = collapse("".join(self._text))
        if text:
            # a line break inside <strong> ends the block: close what is open, reopen it after
            closing = "".join(f"</{name}>" for _, name in reversed(self._open))
            markup = ("".join(self._html) + closing).strip()
            self.blocks.append(Block(
                kind=self._kind, text=text, html=markup, tag=self._tag, hidden=hidden,
                links_only=self._link_chars >= len(text.replace(" ", "")) > 0,
            ))
        self._text, self._link_chars = [], 0
        self._html = [opening for opening, _ in self._open]
        deferred, self._hidden_inline = self._hidden_inline, []
        for element, kind, tag, in_link in deferred:   # after the run they sat in, as hidden blocks
            inner = _BlockBuilder(self.base_url)
            inner.visit(element, kind, tag, True)
            inner.flush(True)
            self.blocks.extend(inner.blocks)

    # traversal ------------------------------------------------------------------------
    # Iterative, with an explicit stack: bodies nested thousands of levels deep are real input.
    def visit(self, root, kind: str, tag: str, hidden: bool) -> None:
        stack: list[tuple] = [("enter", root, kind, tag, hidden, False)]
        while stack:
            action = stack.pop()
            if action[0] == "text":
                self.add_text(*action[1:])
            elif action[0] == "flush":
                self.flush(action[1])
            elif action[0] == "close":
                self.close_inline()
            else:
                self._enter(stack, *action[1:])

    def _enter(self, stack, element, kind: str, tag: str, hidden: bool, in_link: bool) -> None:
        name = element.tag.lower() if isinstance(element.tag, str) else None
        if name is None or name in DROP_TAGS:  # comments, processing instructions, scripts …
            return
        if _is_hidden(element) and not hidden and name not in BLOCK_TAGS and name not in LAYOUT_TABLE_TAGS \
                and name != "table":
            # hidden inside a run of text (a watermark span, a tracking pixel): the visible run goes on
            # around it, as the browser shows it; its own content becomes hidden blocks after the run
            self._hidden_inline.append((element, kind, tag, in_link))
            return
        if _is_hidden(element) and not hidden:
            self.flush()
            stack.append(("flush", True))
            self._push_children(stack, element, kind, tag, True, in_link)
            return
        if name == "br":
            self.flush(hidden)
            return
        if name == "img":
            src = image_url(element, self.base_url)
            if src:
                self.flush(hidden)
                self.blocks.append(Block(kind="img", text="", src=src, alt=collapse(element.get("alt") or ""),
                                         tag="img", hidden=hidden))
            return
        if name == "table" and _is_data_table(element):
            self.flush(hidden)
            self._table(element, hidden)
            return
        if name in BLOCK_TAGS or name in LAYOUT_TABLE_TAGS:
            self.flush(hidden)
            if name in HEADINGS:
                kind, tag = "h", name
            elif name == "li":
                parent = element.getparent()
                kind, tag = "li", (parent.tag if parent is not None and parent.tag in ("ul", "ol") else "ul")
            elif name == "pre":
                kind, tag = "pre", "pre"
            elif name == "blockquote":
                kind, tag = "quote", "blockquote"
            elif kind != "quote":
                kind, tag = "p", "p"
            stack.append(("flush", hidden))
            self._push_children(stack, element, kind, tag, hidden, in_link)
            return
        # inline element
        markup_tag = name if name in KEPT_INLINE else None
        if name == "a":
            href = safe_href(element.get("href"), self.base_url)
            markup_tag = "a" if href else None
            if href:
                self.open_inline(f'<a href="{html.escape(href)}">', "a")
            in_link = True
        elif markup_tag:
            self.open_inline(f"<{markup_tag}>", markup_tag)
        if markup_tag:
            stack.append(("close",))
        self._push_children(stack, element, kind, tag, hidden, in_link)

    @staticmethod
    def _push_children(stack, element, kind, tag, hidden, in_link) -> None:
        """Queue the element's text, then each child followed by its tail (a tail is outside the child)."""
        for child in reversed(element):
            stack.append(("text", child.tail, kind, tag, in_link))
            stack.append(("enter", child, kind, tag, hidden, in_link))
        stack.append(("text", element.text, kind, tag, in_link))

    def _table(self, table, hidden: bool) -> None:
        for caption in table.iterchildren("caption"):
            text = collapse(_content_text(caption))
            if text:
                self.blocks.append(Block(kind="p", text=text, html=html.escape(text, quote=False),
                                         hidden=hidden or _is_hidden(caption)))
        for row in table.iter("tr"):
            row_hidden = hidden or _hidden_below(row, table)   # hidden itself or by its tbody/thead
            cells = []
            for cell in row:
                if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th") and not _is_hidden(cell):
                    cells.append(collapse(_content_text(cell)))
            for image in row.iter("img"):
                src = image_url(image, self.base_url)
                if src:
                    self.blocks.append(Block(kind="img", text="", src=src, alt=collapse(image.get("alt") or ""),
                                             tag="img", hidden=row_hidden or _hidden_below(image, row)))
            if any(cells):
                self.blocks.append(Block(kind="row", text="\t".join(cells), tag="tr", cells=cells, hidden=row_hidden))


def _hidden_below(element, top) -> bool:
    """``element`` or one of its ancestors below ``top`` is hidden."""
    while element is not None and element is not top:
        if _is_hidden(element):
            return True
        element = element.getparent()
    return False


def _content_text(element) -> str:
    """The element's visible text, leaving out scripts, styles, form controls … (DROP_TAGS) and hidden
    elements (their tails, outside them, stay); block elements inside it are set apart by a space."""
    pieces, stack = [], [(element, False)]
    while stack:
        node, is_tail = stack.pop()
        if is_tail:
            pieces.append(node)
            continue
        if not isinstance(node.tag, str) or node.tag.lower() in DROP_TAGS or (node is not element and _is_hidden(node)):
            continue
        block = node.tag.lower() in BLOCK_TAGS
        pieces.append(" " + (node.text or "") if block else node.text or "")
        if block:
            stack.append((" ", True))
        for child in reversed(node):
            if child.tail:
                stack.append((child.tail, True))
            stack.append((child, False))
    return "".join(pieces)


LAYOUT_TABLE_TAGS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})
_BLOCKS_IN_CELLS = ".//table|.//td//p|.//td//div|.//td//ul|.//td//ol|.//td//h1|.//td//h2|.//td//h3|.//td//h4|.//td//br"


# Text a browser shows although it stands outside every cell (it is drawn above the table).
_TEXT_OUTSIDE_CELLS = ("text()[normalize-space()]|*[self::thead or self::tbody or self::tfoot]/text()[normalize-space()]"
                       "|.//tr/text()[normalize-space()]")


def _is_data_table(table) -> bool:
    """A table of data (one row per line, cells tab-separated), not a page layout of nested blocks, nor
    one with text outside its cells (read as a layout, block by block, so that the text stays)."""
    return not table.xpath(_BLOCKS_IN_CELLS) and not table.xpath(_TEXT_OUTSIDE_CELLS)


def parse_fragment(markup: str | bytes):
    """An lxml element for an HTML fragment (the body container's outer HTML)."""
    if isinstance(markup, bytes):
        markup = markup.decode("utf-8", "replace")
    if not markup.strip():
        return lxml.html.fragment_fromstring("<div></div>")
    return lxml.html.fragment_fromstring(markup, create_parent="div")


def html_to_blocks(root, base_url: str) -> list[Block]:
    """Flatten ``root`` (an lxml element, e.g. parsel's ``selector.root``) into blocks, in reading order."""
    builder = _BlockBuilder(base_url)
    builder.visit(root, "p", "p", False)
    builder.flush()
    return builder.blocks
