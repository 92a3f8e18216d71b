"""园区产业招商 (www.zhongnangaoke.com.cn): a Z-BlogPHP site with the tpure theme.

Everything the crawler knows about this portal is here: URL patterns (STACentre's
"index.php式仿伪静态" preset), the theme's selectors for listings, pagination, the feed and
article pages, the date forms ``tpure_TimeAgo`` prints, and the site's own boilerplate.
See docs/portal.md in the shared material for the evidence behind each choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawler.boilerplate import REPUBLISHING_RULES
from crawler.adverts import AdvertBlockRule
from crawler.cleaning import LineRule, collapse
from crawler.counts import parse_count
from crawler.dates import DAY


@dataclass(frozen=True)
class ListingEntry:
    url: str
    title: str
    views: int | None
    date_text: str
    sticky: bool


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    pub_date: str


class Zhongnangaoke:
    name = "zhongnangaoke"
    default_base_url = "http://www.zhongnangaoke.com.cn"

    # URL patterns ------------------------------------------------------------------------
    article_path = re.compile(r"^/index\.php/post/(\d+)\.html$")
    category_path = re.compile(r"^/index\.php/category-(\d+)(?:_(\d+))?\.html$")

    def home_url(self, base_url: str) -> str:
        return base_url + "/"

    def feed_url(self, base_url: str) -> str:
        return base_url + "/feed.php"

    def article_url(self, base_url: str, post_id: int) -> str:
        return f"{base_url}/index.php/post/{post_id}.html"

    def category_url(self, base_url: str, category_id: int, page: int = 1) -> str:
        suffix = "" if page == 1 else f"_{page}"
        return f"{base_url}/index.php/category-{category_id}{suffix}.html"

    def post_id(self, url: str) -> int | None:
        match = self.article_path.match(urlsplit(url).path)
        return int(match.group(1)) if match else None

    def category_id(self, url: str) -> int | None:
        match = self.category_path.match(urlsplit(url).path)
        return int(match.group(1)) if match else None

    # Discovery ---------------------------------------------------------------------------
    # Categories are linked from the navigation menu and from the sidebar's 网站分类 module (a
    # subcategory may appear in only one of them); any link of the category pattern counts, so a
    # redesigned menu or sidebar does not hide them.
    def category_ids(self, response) -> list[int]:
        found = []
        # filtered in XPath: heavy pages carry hundreds of other links
        for href in response.xpath('//a/@href[contains(., "category-")]').getall():
            category = self.category_id(urljoin(response.url, href))
            if category is not None and category not in found:
                found.append(category)
        return found

    def listing_entries(self, response) -> list[ListingEntry]:
        """The listing's articles in page order; if the theme's items are gone (a redesign), every
        article link on the page, so that discovery goes on while extraction falls back."""
        entries = []
        items = response.css("div.content div.post.item")
        if not items:
            seen = set()
            for href in response.css("a::attr(href)").getall():
                url = urljoin(response.url, href)
                if self.post_id(url) is not None and url not in seen:
                    seen.add(url)
                    entries.append(ListingEntry(url=url, title="", views=None, date_text="", sticky=False))
            return entries
        for item in items:
            href = item.css("h2 a::attr(href)").get()
            post_id = self.post_id(urljoin(response.url, href or ""))
            if post_id is None:
                continue
            entries.append(ListingEntry(
                url=urljoin(response.url, href),
                title=collapse(" ".join(item.css("h2 a::text").getall())),
                views=parse_count(item.css("div.info span.view::text").get()),
                date_text=collapse("".join(item.css("div.info span.date ::text").getall())),
                sticky=bool(item.css("h2 em.istop")),
            ))
        return entries

    def next_listing_page(self, response) -> str | None:
        """The pagebar's next page: ``span.next-page a``, or the 下页 link."""
        href = response.css("div.pagebar span.next-page a::attr(href)").get()
        if not href:
            href = response.xpath('//a[normalize-space(.)="下页" or normalize-space(.)="下一页"]/@href').get()
        return urljoin(response.url, href) if href else None

    def feed_entries(self, response) -> list[FeedEntry]:
        selector = Selector(text=response.text, type="xml")
        return [
            FeedEntry(
                url=(item.xpath("link/text()").get() or "").strip(),
                title=(item.xpath("title/text()").get() or "").strip(),
                pub_date=(item.xpath("pubDate/text()").get() or "").strip(),
            )
            for item in selector.xpath("//channel/item")
        ]

    # Article page ------------------------------------------------------------------------
    _post = "div.content div.post"
    _body = "div.single"

    def canonical_url(self, response) -> str:
        href = response.css('link[rel="canonical"]::attr(href)').get()
        candidate = urljoin(response.url, href) if href else response.url
        if self.post_id(candidate) is None:
            candidate = response.url
        scheme, netloc, path, _, _ = urlsplit(candidate)
        return urlunsplit((scheme, netloc, path, "", ""))

    def article_fields(self, response) -> dict:
        """The raw fields of an article page; the body is handed on as a parsel Selector."""
        post = response.css(self._post)
        info = post.css("div.info")
        category = collapse(" ".join(info.css("span.cate a::text").getall()))
        if not category:  # the breadcrumb's last category link is the article's own (leaf) category
            crumbs = response.css("div.sitemap a::text").getall()
            category = collapse(crumbs[-1]) if len(crumbs) > 1 else ""
        body = post.css(self._body)
        url = self.canonical_url(response)
        return {
            "url": url,
            "post_id": self.post_id(url),
            "title": collapse(" ".join(post.css("h1 ::text").getall())),
            "author": collapse(" ".join(info.css("span.user ::text").getall())) or None,
            "category": category or None,
            "tags": [collapse(t) for t in post.css("div.tags a::text").getall() if collapse(t)],
            "views": parse_count(info.css("span.view::text").get()),
            "published_raw": collapse("".join(info.css("span.date ::text").getall())) or None,
            "body": body[0] if body else None,
        }

    def article_from_tree(self, root) -> dict | None:
        """The theme's fields from an lxml document, or None when the page is not this theme's article."""
        bodies = root.cssselect("div.post div.single")
        if not bodies:
            return None
        post = bodies[0].getparent()

        def text_of(css: str) -> str | None:
            found = post.cssselect(css)
            return collapse(found[0].text_content()) if found else None

        return {"title": text_of("h1"), "author": text_of("div.info span.user"),
                "published_raw": text_of("div.info span.date"), "body": bodies[0]}

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
    contact_block = AdvertBlockRule(
        "site_contact_block",
        services=re.compile(r"招商|厂房|土地|租售|租赁|出租|出售|选址|仓库|仓储|写字楼|办公室|落地|入驻|对接资源"),
    )
    copy_notice = (
        LineRule("site_copy_notice", re.compile(r"扫描二维码推送至手机访问"), max_len=30),
        LineRule("site_copy_notice", re.compile(r"^版权声明:本文由.{0,40}发布"), max_len=200),
        LineRule("site_copy_notice", re.compile(r"^本文链接:"), max_len=300),
    )
    rules = (*REPUBLISHING_RULES, *copy_notice, contact_block)
