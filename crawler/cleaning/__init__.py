"""Article body cleaning: HTML to a flat list of blocks, boilerplate rules over them, text and safe HTML out.

Every piece of text in the body lands in exactly one block (a paragraph, heading, list item,
table row, image or br-separated line), wherever it sat in the markup. Rules then mark blocks
as boilerplate; ``body_text`` and ``body_html`` are both rendered from the blocks that remain,
so they always agree, and ``body_html`` is sanitised by construction: it is written from an
allow-list of tags and attributes, never copied from the page.
"""

from crawler.cleaning.blocks import (BLOCK_TAGS, DROP_TAGS, HEADINGS, KEPT_INLINE, Block, html_to_blocks, image_url,
                                     parse_fragment, safe_href)
from crawler.cleaning.render import render_html
from crawler.cleaning.rules import CleanedBody, ImageRule, LineRule, LinkListRule, Rule, clean_blocks, clean_body
from crawler.cleaning.text import collapse, nfkc

__all__ = ["BLOCK_TAGS", "DROP_TAGS", "HEADINGS", "KEPT_INLINE", "Block", "CleanedBody", "ImageRule", "LineRule",
           "LinkListRule", "Rule", "clean_blocks", "clean_body", "collapse", "html_to_blocks", "image_url", "nfkc",
           "parse_fragment", "render_html", "safe_href"]
