"""Article body cleaning: HTML to a flat list of blocks, boilerplate rules over them, text and safe HTML out.

Every piece of text in the body lands in exactly one block (a paragraph, heading, list item,
table row, image or br-separated line), wherever it sat in the markup. Rules then mark blocks
as boilerplate; ``body_text`` and ``body_html`` are both rendered from the blocks that remain,
so they always agree, and ``body_html`` is sanitised by construction: it is written from an
allow-list of tags and attributes, never copied from the page.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Protocol
from urllib.parse import urljoin

import lxml.html

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
_WHITESPACE = re.compile(r"[\s\u3000\xa0]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def collapse(text: str) -> str:
    """Whitespace of any width (full-width spaces, nbsp, newlines) to single spaces; the rest unchanged."""
    return _WHITESPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


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


@dataclass
class CleanedBody:
    blocks: list[Block]
    fields: dict[str, str] = field(default_factory=dict)   # original_title, source …
    removed: Counter = field(default_factory=Counter)      # rule name -> blocks removed

    @property
    def kept(self) -> list[Block]:
        return [b for b in self.blocks if b.kept]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.kept if b.kind != "img")

    @property
    def images(self) -> list[str]:
        seen, out = set(), []
        for b in self.kept:
            if b.kind == "img" and b.src not in seen:
                seen.add(b.src)
                out.append(b.src)
        return out

    @property
    def html(self) -> str:
        return render_html(self.kept)


class Rule(Protocol):
    name: str

    def apply(self, body: CleanedBody) -> None: ...


# ---------------------------------------------------------------------------------------------
# HTML -> blocks


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

    # inline run -----------------------------------------------------------------------
    def add_text(self, text: str | None, kind: str, tag: str, in_link: bool = False) -> None:
        if not text:
            return
        if not self._text:
            self._kind, self._tag = kind, tag
        self._text.append(text)
        self._html.append(html.escape(_WHITESPACE.sub(" ", _INVISIBLE.sub("", text)), quote=False))
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


def _is_data_table(table) -> bool:
    """A table of data (one row per line, cells tab-separated), not a page layout of nested blocks."""
    return not table.xpath(_BLOCKS_IN_CELLS)


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


# ---------------------------------------------------------------------------------------------
# Rules


def _fold_with_origin(text: str) -> tuple[str, list[int]]:
    """NFKC of ``text`` char by char, with the index in ``text`` of every folded character."""
    folded, origin = [], []
    for index, char in enumerate(text):
        piece = nfkc(char)
        folded.append(piece)
        origin.extend([index] * len(piece))
    return "".join(folded), origin


def original_span(text: str, origin: list[int], start: int, end: int) -> str:
    """The part of ``text`` behind folded positions [start, end)."""
    return text[origin[start]: origin[end - 1] + 1] if end > start else ""


def strip_normalised(text: str, pattern: re.Pattern) -> str:
    """Remove what ``pattern`` matches in the NFKC form of ``text`` from ``text`` itself."""
    folded, origin = _fold_with_origin(text)
    keep = [True] * len(text)
    for match in pattern.finditer(folded):
        if match.end() > match.start():
            for index in range(origin[match.start()], origin[match.end() - 1] + 1):
                keep[index] = False
    return collapse("".join(c for c, k in zip(text, keep) if k))


@dataclass(frozen=True)
class LineRule:
    """Drop a block whose NFKC text matches ``pattern`` (searched), if it is at most ``max_len`` long.

    With ``field``, the pattern's first group is kept as that field (first match wins).
    With ``strip=True`` only the matched text is removed and the rest of the block stays.
    """

    name: str
    pattern: re.Pattern
    max_len: int | None = None
    field: str | None = None
    strip: bool = False
    first_blocks: int | None = None   # only look at the first N blocks
    include_hidden: bool = True

    def apply(self, body: CleanedBody) -> None:
        candidates = [b for b in body.blocks if b.dropped_by is None and b.kind != "img"
                      and (self.include_hidden or not b.hidden)]
        if self.first_blocks is not None:
            candidates = candidates[: self.first_blocks]
        for block in candidates:
            norm = block.norm
            if self.max_len is not None and len(norm) > self.max_len:
                continue
            match = self.pattern.search(norm)
            if not match:
                continue
            if self.field and match.groups():
                if norm == block.text:
                    value = collapse(match.group(1))
                else:  # the field keeps the page's own characters, not the folded ones
                    folded, origin = _fold_with_origin(block.text)
                    value = collapse(original_span(block.text, origin, *match.span(1)))
                if value and self.field not in body.fields:
                    body.fields[self.field] = value
            if self.strip:
                remaining = strip_normalised(block.text, self.pattern)
                if remaining == block.text:
                    continue
                body.removed[self.name] += 1
                if remaining:
                    block.set_text(remaining)
                    continue
            block.dropped_by = self.name
            body.removed[self.name] += 1


@dataclass(frozen=True)
class LinkListRule:
    """Drop a heading such as 往期推荐 and the run of link-only blocks that follows it."""

    name: str
    heading: re.Pattern
    max_len: int = 20

    def apply(self, body: CleanedBody) -> None:
        blocks = body.blocks
        for index, block in enumerate(blocks):
            if block.dropped_by or block.kind == "img" or len(block.norm) > self.max_len:
                continue
            if not self.heading.search(block.norm):
                continue
            block.dropped_by = self.name
            body.removed[self.name] += 1
            for following in blocks[index + 1:]:
                if following.kind == "img" or following.links_only or following.kind == "li" and len(following.norm) <= 60:
                    following.dropped_by = self.name
                    body.removed[self.name] += 1
                else:
                    break


@dataclass(frozen=True)
class ImageRule:
    """Drop images whose URL or alt text marks them as QR codes or adverts."""

    name: str
    pattern: re.Pattern

    def apply(self, body: CleanedBody) -> None:
        for block in body.blocks:
            if block.kind == "img" and block.dropped_by is None and self.pattern.search(f"{block.src} {nfkc(block.alt)}"):
                block.dropped_by = self.name
                body.removed[self.name] += 1


def clean_blocks(blocks: list[Block], rules: Iterable[Rule]) -> CleanedBody:
    body = CleanedBody(blocks=blocks)
    for rule in rules:
        rule.apply(body)
    return body


def clean_body(root, base_url: str, rules: Iterable[Rule]) -> CleanedBody:
    """The whole cleaning step for one body container (lxml element or HTML string)."""
    if isinstance(root, (str, bytes)):
        root = parse_fragment(root)
    return clean_blocks(html_to_blocks(root, base_url), rules)


# ---------------------------------------------------------------------------------------------
# Rendering


def render_html(blocks: list[Block]) -> str:
    """Safe HTML from blocks: only p, h2–h6, ul/ol/li, table rows, blockquote, pre, img and inline a/strong/em…"""
    out: list[str] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind in ("li", "row"):
            group = [block]
            while index + 1 < len(blocks) and blocks[index + 1].kind == block.kind and blocks[index + 1].tag == block.tag:
                index += 1
                group.append(blocks[index])
            if block.kind == "li":
                items = "".join(f"<li>{b.html}</li>" for b in group)
                out.append(f"<{block.tag}>{items}</{block.tag}>")
            else:
                rows = "".join("<tr>" + "".join(f"<td>{html.escape(c, quote=False)}</td>" for c in b.cells) + "</tr>"
                               for b in group)
                out.append(f"<table><tbody>{rows}</tbody></table>")
        elif block.kind == "img":
            out.append(f'<p><img src="{html.escape(block.src)}" alt="{html.escape(block.alt)}"></p>')
        elif block.kind == "h":
            level = block.tag if block.tag in HEADINGS and block.tag != "h1" else "h2"
            out.append(f"<{level}>{block.html}</{level}>")
        elif block.kind == "pre":
            out.append(f"<pre>{html.escape(block.text, quote=False)}</pre>")
        elif block.kind == "quote":
            out.append(f"<blockquote><p>{block.html}</p></blockquote>")
        else:
            out.append(f"<p>{block.html}</p>")
        index += 1
    return "\n".join(out)
