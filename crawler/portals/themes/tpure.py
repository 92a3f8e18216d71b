"""The tpure theme (拓源纯净主题, by TOYEAN) for Z-BlogPHP: article pages, listing items and the pagebar.

See docs/portal.md §1 in the shared material: ``div.post`` holds h1, the meta line (``div.info``:
user, date, category, views) and ``div.single``, the body; listings are ``div.post.item``; the pagebar
marks the next page with ``span.next-page``.
"""

from __future__ import annotations


from lxml.cssselect import CSSSelector
from parsel import Selector

from crawler.cleaning import collapse
from crawler.dates import DAY
from crawler.portals.contract import ArticleFields, ListingEntry
from crawler.portals.themes import PostContainerArticle
from crawler.urls import link_url

# tpure_TimeAgo rounds elapsed time in these units; "N年前" and "N个月前"/"N周前" come with
# " (Y-m-d)" / " (m-d)" in span.datetime, which the date parser prefers to the words.
DATE_UNITS = {"年": 360 * DAY, "个月": 30 * DAY, "周": 7 * DAY, "天": DAY, "小时": 3600, "分钟": 60, "秒": 1}


def _text(elements) -> str | None:
    return collapse(" ".join(e.text_content() for e in elements)) or None


class TpureArticle(PostContainerArticle):
    """Article pages of tpure 5.x (and 6.x, whose wrapper div.maincon changes nothing here).

    Everything outside ``div.single`` (copy notice, share box, tags bar, prev/next, related posts,
    sidebar) is never read as body. ``category_id`` maps a category link to its id (the site's URLs).
    """

    name = "tpure-5"
    # the post and its body
    _post = CSSSelector("div.content div.post")
    _body = CSSSelector("div.single")
    _listing_item = CSSSelector("div.content div.post.item")   # a front or category page's articles
    _title = CSSSelector("h1")
    # the meta line: user, date, category, views
    _author = CSSSelector("div.info span.user")
    _date = CSSSelector("div.info span.date")
    _views = CSSSelector("div.info span.view")
    _category = CSSSelector("div.info span.cate a")
    # around the post: the breadcrumb (parent categories first) and the tags bar
    _crumbs = CSSSelector("div.sitemap a")
    _tags = CSSSelector("div.tags a")

    def __init__(self, category_id):
        self.category_id = category_id

    def parse(self, root, url: str) -> ArticleFields:
        post = self._post_of(root)
        if post is None:
            return ArticleFields()
        links = [a for a in self._crumbs(root) if self._id_of(a, url) is not None]
        category = _text(self._category(post)) or (_text(links[-1:]) if links else None)
        ids = [self._id_of(a, url) for a in links + self._category(post)]
        return ArticleFields(
            title=_text(self._title(post)),
            author=_text(self._author(post)),
            category=category,
            category_ids=tuple(dict.fromkeys(i for i in ids if i is not None)),
            tags=[t for t in (collapse(a.text_content()) for a in self._tags(post)) if t],
            views_text=_text(self._views(post)),
            published_raw=collapse("".join(e.text_content() for e in self._date(post))) or None,
            body=self._body(post)[0],
        )

    def _id_of(self, link, url: str) -> int | None:
        return self.category_id(link_url(url, link.get("href")))


def listing_entries(page: Selector, url: str) -> list[ListingEntry] | None:
    """The listing's items in page order, or None when the page has none of tpure's items."""
    items = page.css(TpureArticle._listing_item.css)
    if not items:
        return None
    return [
        ListingEntry(
            url=link_url(url, item.css("h2 a::attr(href)").get()),
            views_text=collapse(" ".join(item.css("div.info span.view::text").getall())),
            date_text=collapse("".join(item.css("div.info span.date ::text").getall())),
            sticky=bool(item.css("h2 em.istop")),
        )
        for item in items
    ]


def next_listing_page(page: Selector, url: str) -> str | None:
    """The pagebar's next page: ``span.next-page a``, or the 下页 link."""
    href = page.css("div.pagebar span.next-page a::attr(href)").get()
    if not href:
        href = page.xpath('//a[normalize-space(.)="下页" or normalize-space(.)="下一页"]/@href').get()
    return link_url(url, href) or None
