"""Read one article page into an item: the portal's parser first, the generic extractor for what it misses.

The crawl, re-extraction and ``crawler.extract`` all read pages here, so a page gives the same item
whichever of them reads it; cleaning, dates and validation follow in the item pipelines.
"""

from __future__ import annotations

import re
from datetime import datetime

from crawler import generic
from crawler.cleaning import collapse
from crawler.counts import parse_count
from crawler.items import ArticleItem
from crawler.pages import ParsedPage
from crawler.portals.contract import ArticleFields, ArticleParser

# A theme body with less text than this is taken as a selector that no longer fits the page.
MIN_BODY_CHARS = 20
# What error pages say in their titles; an article this short titled so is such a page.
NOT_FOUND = re.compile(r"页面(?:不存在|未找到|找不到)|找不到(?:该|此|您要的)?(?:页面|文章|内容)|(?:文章|内容|信息|页面)"
                       r"(?:不存在|已被?删除)|^\s*404\b|\b404\s*(?:!|！|错误|error|not found|页面)|page not found",
                       re.I)
NOT_FOUND_MAX_CHARS = 300


def read_article(page: ParsedPage, url: str, post_id: int | None, fetched_at: datetime, *,
                 portal_name: str | None, parser: ArticleParser | None, generic_fallback: bool = True) -> ArticleItem:
    """The item for one page. ``parser`` None reads it with the generic extractor alone.

    A page that cannot be read becomes an item with ``reject_reason`` set, never an exception.
    """
    item = ArticleItem(portal=portal_name, url=url, post_id=post_id, fetched_at=fetched_at)
    if page.truncated:
        item["reject_reason"] = page.truncated
        return item
    try:
        fields = parser.parse(page.root, url) if parser is not None and parser.recognises(page.root) else ArticleFields()
        method = "theme"
        if parser is None or (generic_fallback and theme_failed(fields)):
            method = fill_generically(fields, page.root) if parser is not None else _generic_only(fields, page.root)
    except Exception as error:  # a page that cannot be parsed is recorded, never lost silently
        item["reject_reason"] = f"parse error: {error!r}"
        return item
    item.update(title=fields.title, author=fields.author, category=fields.category, tags=fields.tags,
                views=parse_count(fields.views_text), published_raw=fields.published_raw, body=fields.body,
                category_ids=fields.category_ids, extraction_method=method)
    if fields.body is None:
        item["reject_reason"] = "no article body found"
    elif method == "generic" and not_found_page(page.root, fields):
        item["reject_reason"] = "the site's not-found page, served as if it were the article"
    return item


def not_found_page(root, fields: ArticleFields) -> bool:
    """A page that says it is not there (页面不存在, 404!) in its title, with little text: a site that answers
    a missing article with its error page and status 200. Read generically, it would pass for an article."""
    if text_chars(fields.body) > NOT_FOUND_MAX_CHARS:
        return False
    titles = (fields.title or "", collapse(root.findtext(".//title") or ""))
    return any(NOT_FOUND.search(title) for title in titles)


def theme_failed(fields: ArticleFields) -> bool:
    """The theme's selectors found no title, no date, or no (or implausibly little) body."""
    return not fields.title or not fields.published_raw or text_chars(fields.body) < MIN_BODY_CHARS


def fill_generically(fields: ArticleFields, root) -> str:
    """Fill what the theme's selectors missed from the generic extractor; 'generic' if it helped."""
    article = generic.extract(root)
    used = False
    if not fields.title and article.title:
        fields.title, used = article.title, True
    if not fields.published_raw and article.date_text:
        fields.published_raw, used = article.date_text, True
    if not fields.author and article.author:
        fields.author = article.author
    theme_chars = text_chars(fields.body)
    if theme_chars < MIN_BODY_CHARS and article.body is not None and text_chars(article.body) > theme_chars:
        fields.body, used = article.body, True
    return "generic" if used else "theme"


def _generic_only(fields: ArticleFields, root) -> str:
    fill_generically(fields, root)
    return "generic"


def text_chars(body) -> int:
    """Characters of text in a body element (0 for none)."""
    return len(collapse(" ".join(body.itertext()))) if body is not None else 0
