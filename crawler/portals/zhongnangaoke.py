"""园区产业招商 (www.zhongnangaoke.com.cn): a Z-BlogPHP site with the tpure theme.

Everything the crawler knows about this portal is here: its URL patterns (STACentre's
"index.php式仿伪静态" preset), its parser versions (the tpure theme's, crawler/portals/themes/tpure.py),
the date units tpure prints, and the site's own boilerplate. See docs/portal.md in the shared
material for the evidence behind each choice.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.boilerplate import REPUBLISHING_RULES
from crawler.adverts import AdvertBlockRule
from crawler.cleaning import LineRule
from crawler.portals.contract import FeedEntry, ListingEntry, ParserVersion, ParserVersions, parse_id
from crawler.portals.themes import tpure
from crawler.portals.zblog import feed_entries
from crawler.urls import link_url, split_url

ARTICLE_PATH = re.compile(r"^/index\.php/post/(\d+)\.html$")
CATEGORY_PATH = re.compile(r"^/index\.php/category-(\d+)(?:_\d+)?\.html$")


def _category_id(url: str) -> int | None:
    match = CATEGORY_PATH.match(split_url(url).path)
    return parse_id(match.group(1)) if match else None


class Zhongnangaoke:
    name = "zhongnangaoke"
    default_base_url = "http://www.zhongnangaoke.com.cn"
    parsers = ParserVersions(ParserVersion(tpure.TpureArticle(_category_id)))
    date_units = tpure.DATE_UNITS
    expects_theme = True

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
        match = ARTICLE_PATH.match(split_url(url).path)
        return parse_id(match.group(1)) if match else None

    def category_id(self, url: str) -> int | None:
        return _category_id(url)

    def learn(self, links) -> None:
        """Its URL forms are fixed: nothing to learn from the site's links."""

    # Discovery ---------------------------------------------------------------------------
    # Categories are linked from the navigation menu and from the sidebar's 网站分类 module (a
    # subcategory may appear in only one of them); any link of the category pattern counts, so a
    # redesigned menu or sidebar does not hide them.
    def category_ids(self, page: Selector, url: str) -> list[int]:
        found: dict[int, None] = {}
        # filtered in XPath: heavy pages carry hundreds of other links
        for href in page.xpath('//a/@href[contains(., "category-")]').getall():
            category = self.category_id(link_url(url, href))
            if category is not None:
                found[category] = None
        return list(found)

    def listing_entries(self, page: Selector, url: str) -> list[ListingEntry]:
        """The listing's articles in page order; if the theme's items are gone (a redesign), every
        article link on the page, so that discovery goes on while extraction falls back."""
        entries = tpure.listing_entries(page, url)
        if entries is None:
            links = dict.fromkeys(link_url(url, href) for href in page.css("a::attr(href)").getall())
            return [ListingEntry(url=link) for link in links if self.post_id(link) is not None]
        return entries

    def next_listing_page(self, page: Selector, url: str) -> str | None:
        return tpure.next_listing_page(page, url)

    def feed_entries(self, xml: str) -> list[FeedEntry]:
        return feed_entries(xml)

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
