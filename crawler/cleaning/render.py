"""Safe HTML from the kept blocks: written from an allow-list of tags and attributes, never copied from the page."""

from __future__ import annotations

import html

from crawler.cleaning.blocks import HEADINGS, Block


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
