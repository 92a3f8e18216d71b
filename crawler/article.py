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
# What error pages say in their titles (not found, forbidden, a challenge to prove one is human, down for
# maintenance); an article this short titled so is such a page.
ERROR_PAGE = re.compile(
    r"页面(?:不存在|未找到|找不到)|找不到(?:该|此|您要的)?页面|(?:文章|内容|信息)不存在|(?:文章|内容|信息|页面)已被?删除"
    r"|^\s*40[034]\b|\b40[034]\s*(?:!|！|错误|error|not found|forbidden|页面)|page not found"
    r"|^\s*(?:not found|forbidden|access denied)\s*$"
    r"|访问(?:被拒绝|受限|过于频繁|太频繁)|禁止访问|无权访问|无访问权限|安全验证|人机验证|请输入验证码|请完成验证"
    r"|just a moment|attention required|(?:网站|站点)(?:正在)?维护|系统(?:正在)?维护中|service unavailable"
    r"|too many requests", re.I)
ERROR_PAGE_MAX_CHARS = 300


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
        recognised = parser is not None and parser.recognises(page.root)
        if parser is not None and not recognised and parser.lists_articles(page.root):
            # the site's front or a category page at the article's URL: read generically, its first
            # item would pass for the article and replace the stored one with an excerpt
            item["reject_reason"] = "a listing page, served as if it were the article"
            return item
        fields = parser.parse(page.root, url) if recognised else ArticleFields()
        method = "theme"
        if parser is None or (generic_fallback and theme_failed(fields)):
            method = (fill_generically(fields, page.root, url) if parser is not None
                      else _generic_only(fields, page.root, url))
    except Exception as error:  # a page that cannot be parsed is recorded, never lost silently
        item["reject_reason"] = f"parse error: {error!r}"
        return item
    item.update(title=fields.title, author=fields.author, category=fields.category, tags=fields.tags,
                views=parse_count(fields.views_text), published_raw=fields.published_raw, body=fields.body,
                category_ids=fields.category_ids, extraction_method=method)
    if fields.body is None:
        item["reject_reason"] = "no article body found"
    elif method == "generic" and (title := error_page_title(page.root, fields)):
        item["reject_reason"] = f"an error page ({title[:80]}), served as if it were the article"
    return item


def error_page_title(root, fields: ArticleFields) -> str | None:
    """The title of a page that says it is an error (页面不存在, 404!, 访问过于频繁, 安全验证) and holds little text:
    a site answering with its error or challenge page and status 200. Read generically, it would pass for
    an article, and replace the stored one."""
    if text_chars(fields.body) > ERROR_PAGE_MAX_CHARS:
        return None
    for title in (collapse(root.findtext(".//title") or ""), fields.title or ""):
        if ERROR_PAGE.search(title):
            return title
    return None


def theme_failed(fields: ArticleFields) -> bool:
    """The theme's selectors found no title, no date, or no (or implausibly little) body."""
    return not fields.title or not fields.published_raw or text_chars(fields.body) < MIN_BODY_CHARS


def fill_generically(fields: ArticleFields, root, url: str = "") -> str:
    """Fill what the theme's selectors missed from the generic extractor; 'generic' if it helped."""
    article = generic.extract(root, url)
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


def _generic_only(fields: ArticleFields, root, url: str) -> str:
    fill_generically(fields, root, url)
    return "generic"


def text_chars(body) -> int:
    """Characters of text in a body element (0 for none)."""
    return len(collapse(" ".join(body.itertext()))) if body is not None else 0
