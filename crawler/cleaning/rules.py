"""Rules over blocks: the cleaned body they work on, the rule types (lines, link lists, images), and the
cleaning step that applies them in order."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Protocol

from crawler.cleaning.blocks import Block, html_to_blocks, parse_fragment
from crawler.cleaning.render import render_html
from crawler.cleaning.text import collapse, fold_with_origin, nfkc, original_span, strip_normalised


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
                    folded, origin = fold_with_origin(block.text)
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
