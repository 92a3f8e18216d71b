"""园区产业招商 (www.zhongnangaoke.com.cn): a Z-BlogPHP site with the tpure theme.

Everything the crawler knows about this portal is here: URL patterns (STACentre's
"index.php式仿伪静态" preset), the theme's selectors for listings, pagination, the feed and
article pages, the date forms ``tpure_TimeAgo`` prints, and the site's own boilerplate.
See docs/portal.md in the shared material for the evidence behind each choice.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin, urlsplit

from lxml.cssselect import CSSSelector
from parsel import Selector

from crawler.boilerplate import REPUBLISHING_RULES
from crawler.cleaning import ContactBlockRule, LineRule, collapse
from crawler.dates import DAY
from crawler.portals.contract import ArticleFields, FeedEntry, ListingEntry, ParserVersion, ParserVersions, parse_id

ARTICLE_PATH = re.compile(r"^/index\.php/post/(\d+)\.html$")
CATEGORY_PATH = re.compile(r"^/index\.php/category-(\d+)(?:_\d+)?\.html$")


def _text(elements) -> str | None:
    return collapse(" ".join(e.text_content() for e in elements)) or None


class TpureArticle:
    """Article pages of tpure 5.x (portal.md §1.4): ``div.post`` holds h1, the meta line and ``div.single``.

    Everything outside ``div.single`` (copy notice, share box, tags bar, prev/next, related posts,
    sidebar) is never read as body.
    """

    name = "tpure-5"
    _post = CSSSelector("div.content div.post")
    _body = CSSSelector("div.single")
    _title = CSSSelector("h1")
    _author = CSSSelector("div.info span.user")
    _date = CSSSelector("div.info span.date")
    _views = CSSSelector("div.info span.view")
    _category = CSSSelector("div.info span.cate a")
    _crumbs = CSSSelector("div.sitemap a")
    _tags = CSSSelector("div.tags a")

    def _post_of(self, root):
        for post in self._post(root):
            if self._body(post):
                return post
        return None

    def recognises(self, root) -> bool:
        return self._post_of(root) is not None

    def parse(self, root, url: str) -> ArticleFields:
        post = self._post_of(root)
        if post is None:
            return ArticleFields()
        crumbs = self._crumbs(root)
        category_links = [a for a in crumbs if _category_id(urljoin(url, a.get("href") or "")) is not None]
        category = _text(self._category(post)) or (_text(category_links[-1:]) if category_links else None)
        category_ids = [_category_id(urljoin(url, a.get("href") or "")) for a in category_links + self._category(post)]
        return ArticleFields(
            title=_text(self._title(post)),
            author=_text(self._author(post)),
            category=category,
            category_ids=tuple(dict.fromkeys(i for i in category_ids if i is not None)),
            tags=[t for t in (collapse(a.text_content()) for a in self._tags(post)) if t],
            views_text=_text(self._views(post)),
            published_raw=collapse("".join(e.text_content() for e in self._date(post))) or None,
            body=self._body(post)[0],
        )


def _category_id(url: str) -> int | None:
    match = CATEGORY_PATH.match(urlsplit(url).path)
    return parse_id(match.group(1)) if match else None


class Zhongnangaoke:
    name = "zhongnangaoke"
    default_base_url = "http://www.zhongnangaoke.com.cn"
    parsers = ParserVersions(ParserVersion(TpureArticle()))

    # URL patterns ------------------------------------------------------------------------
    def home_url(self, base_url: str) -> str:
        return base_url + "/"

    def feed_url(self, base_url: str) -> str:
        return base_url + "/feed.php"

    def article_url(self, base_url: str, post_id: int) -> str:
        return f"{base_url}/index.php/post/{post_id}.html"

    def category_url(self, base_url: str, category_id: int) -> str:
        return f"{base_url}/index.php/category-{category_id}.html"

    def post_id(self, url: str) -> int | None:
        match = ARTICLE_PATH.match(urlsplit(url).path)
        return parse_id(match.group(1)) if match else None

    def category_id(self, url: str) -> int | None:
        return _category_id(url)

    # Discovery ---------------------------------------------------------------------------
    # Categories are linked from the navigation menu and from the sidebar's 网站分类 module (a
    # subcategory may appear in only one of them); any link of the category pattern counts, so a
    # redesigned menu or sidebar does not hide them.
    def category_ids(self, page: Selector, url: str) -> list[int]:
        found: dict[int, None] = {}
        # filtered in XPath: heavy pages carry hundreds of other links
        for href in page.xpath('//a/@href[contains(., "category-")]').getall():
            category = self.category_id(urljoin(url, href))
            if category is not None:
                found[category] = None
        return list(found)

    def listing_entries(self, page: Selector, url: str) -> list[ListingEntry]:
        """The listing's articles in page order; if the theme's items are gone (a redesign), every
        article link on the page, so that discovery goes on while extraction falls back."""
        items = page.css("div.content div.post.item")
        if not items:
            links = dict.fromkeys(urljoin(url, href) for href in page.css("a::attr(href)").getall())
            return [ListingEntry(url=link) for link in links if self.post_id(link) is not None]
        return [
            ListingEntry(
                url=urljoin(url, item.css("h2 a::attr(href)").get() or ""),
                views_text=collapse(" ".join(item.css("div.info span.view::text").getall())),
                date_text=collapse("".join(item.css("div.info span.date ::text").getall())),
                sticky=bool(item.css("h2 em.istop")),
            )
            for item in items
        ]

    def next_listing_page(self, page: Selector, url: str) -> str | None:
        """The pagebar's next page: ``span.next-page a``, or the 下页 link."""
        href = page.css("div.pagebar span.next-page a::attr(href)").get()
        if not href:
            href = page.xpath('//a[normalize-space(.)="下页" or normalize-space(.)="下一页"]/@href').get()
        return urljoin(url, href) if href else None

    def feed_entries(self, xml: str) -> list[FeedEntry]:
        selector = Selector(text=xml, type="xml")
        return [
            FeedEntry(url=(item.xpath("link/text()").get() or "").strip(),
                      pub_date=(item.xpath("pubDate/text()").get() or "").strip())
            for item in selector.xpath("//channel/item")
        ]

    # Dates -------------------------------------------------------------------------------
    # tpure_TimeAgo rounds elapsed time in these units; "N年前" and "N个月前"/"N周前" come with
    # " (Y-m-d)" / " (m-d)" in span.datetime, which the date parser prefers to the words.
    date_units = {
        "年": 360 * DAY,
        "个月": 30 * DAY,
        "周": 7 * DAY,
        "天": DAY,
        "小时": 3600,
        "分钟": 60,
        "秒": 1,
    }

    # Boilerplate -------------------------------------------------------------------------
    # The site appends its own advert (agents' WeChat QR codes, an investment hotline, a call
    # to state your needs) to article bodies, and its copy notice may leak into the body.
    contact_block = ContactBlockRule(
        "site_contact_block",
        contact=re.compile(r"1[3-9]\d{9}|(?<!\d)400[- ]?\d{3,4}[- ]?\d{3,4}(?!\d)|\d{3,4}[- ]\d{7,8}|微信号|微信\s*/\s*手机|手机|热线|电话|VX|vx"),
        call=re.compile(r"扫一扫|扫码|长按|识别二维码|加.{0,10}微信|添加.{0,6}微信|说明您的需求|对接资源|关注公众号|来电咨询|欢迎咨询"),
        service=re.compile(r"招商|厂房|土地|租售|选址|园区|投资|落地|仓库|写字楼|办公"),
    )
    copy_notice = (
        LineRule("site_copy_notice", re.compile(r"扫描二维码推送至手机访问"), max_len=30),
        LineRule("site_copy_notice", re.compile(r"^版权声明:本文由.{0,40}发布"), max_len=200),
        LineRule("site_copy_notice", re.compile(r"^本文链接:"), max_len=300),
    )
    rules = (*REPUBLISHING_RULES, contact_block, *copy_notice)
