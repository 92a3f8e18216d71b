"""Z-BlogPHP's bundled default theme (默认主题, zb_users/theme/default, 1.7.x): article pages, listings, pagebar.

See docs/zblog-default-theme.md: the article is ``#divMain > div.post.single`` with the title in
``h2.post-title`` (its ``span.post-date`` prints Y-m-d H:i:s), the body in ``div.post-body``, tags in
``p.post-tags`` and author, category and views as plain text in ``p.post-footer``. The page's only h1 is
the site's name. Recognised by its stylesheet, since other bundled themes reuse these class names.
"""

from __future__ import annotations

import re

from lxml.cssselect import CSSSelector
from parsel import Selector

from crawler.cleaning import collapse
from crawler.portals.contract import ArticleFields, ListingEntry
from crawler.portals.themes import PostContainerArticle
from crawler.urls import link_url

_FOOTER_FIELD = re.compile(r"(作者|分类|浏览)\s*[:：]\s*([^|｜]+?)\s*(?=[|｜]|$)")


class DefaultThemeArticle(PostContainerArticle):
    name = "zblog-default"
    # the theme's own stylesheet: other bundled themes reuse its class names
    _stylesheet = CSSSelector('link[href*="zb_users/theme/default/style/"]')
    # the post: title (with the date in it) and body
    _post = CSSSelector("#divMain > div.post.single")
    _title = CSSSelector("h2.post-title")
    _date = CSSSelector("h2.post-title > span.post-date")
    _body = CSSSelector("div.post-body")
    _listing_item = CSSSelector("#divMain > div.post.istop-post, #divMain > div.post.multi")
    # under it: author, category and views as plain text, then the tags
    _footer = CSSSelector("p.post-footer")
    _tags = CSSSelector("p.post-tags a")

    def _is_theme_page(self, root) -> bool:
        return bool(self._stylesheet(root))

    def parse(self, root, url: str) -> ArticleFields:
        post = self._post_of(root)
        if post is None:
            return ArticleFields()
        titles = self._title(post)
        footer = dict(_FOOTER_FIELD.findall(collapse(" ".join(e.text_content() for e in self._footer(post)))))
        return ArticleFields(
            title=collapse("".join(titles[0].xpath("text()"))) if titles else None,   # not the date span
            author=footer.get("作者"),
            category=footer.get("分类"),
            tags=[t for t in (collapse(a.text_content()) for a in self._tags(post)) if t],
            views_text=footer.get("浏览"),
            published_raw=collapse(" ".join(e.text_content() for e in self._date(post))) or None,
            body=self._body(post)[0],
        )


def listing_entries(page: Selector, url: str) -> list[ListingEntry] | None:
    """Top (置顶) and ordinary items of a list page, or None when the page has none of this theme's items."""
    items = page.css(DefaultThemeArticle._listing_item.css)
    if not items:
        return None
    entries = []
    for item in items:
        footer = dict(_FOOTER_FIELD.findall(collapse(" ".join(item.css("p.post-footer ::text").getall()))))
        entries.append(ListingEntry(
            url=link_url(url, item.css("h2.post-title a::attr(href)").get()),
            views_text=footer.get("浏览", ""),
            date_text=collapse(" ".join(item.css("h2.post-title span.post-date::text").getall())),
            sticky="istop-post" in (item.attrib.get("class") or ""),
        ))
    return entries


def next_listing_page(page: Selector, url: str) -> str | None:
    href = page.css('#divMain > div.pagebar a[title=">"]::attr(href)').get()
    return link_url(url, href) or None
