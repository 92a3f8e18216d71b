"""Any Z-BlogPHP site: its URL mode learnt from its own links, its theme recognised page by page.

Z-BlogPHP prints its URLs in one of three modes (docs/zblog-default-theme.md §3): dynamic
(``/?id=N``, ``/?cate=N&page=2``, the install default), the ``index.php/…`` mode
(``/index.php/post/N.html``) and the rewrite presets (``/post/N.html``, ``/category-N_2.html``). Ids
are read from URLs of any mode; URLs are built in the mode the site's links show. Article pages,
listings and pagebars are read with a known theme's reader (tpure, the default theme) when the page
is that theme's, and with the generic extractor and plain links otherwise. The feed is the CMS's own
RSS 2.0 (``feed.php``), whatever the theme.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import parse_qs, urlsplit

from parsel import Selector

from crawler.adverts import AdvertBlockRule
from crawler.boilerplate import REPUBLISHING_RULES
from crawler.dates import DEFAULT_UNITS
from crawler.portals.contract import ArticleFields, FeedEntry, ListingEntry, ParserVersion, ParserVersions, parse_id
from crawler.portals.themes import tpure, zblog_default
from crawler.urls import link_url, split_url

_ARTICLE = {
    "index_php": re.compile(r"/index\.php/post/(\d+)\.html$"),
    "rewrite": re.compile(r"(?<!/index\.php)/post/(\d+)\.html$"),
}
_CATEGORY = re.compile(r"/(?:index\.php/)?category-(\d+)(?:_\d+)?\.html$")
_DYNAMIC_PATH = re.compile(r"(?:^|/)(?:index\.php)?$")
_NEXT_WORDS = ("下一页", "下页", "下一頁", "后页", "Next", "next", "»", ">")


@dataclass(frozen=True)
class UrlMode:
    article: str
    category: str


URL_MODES = {
    "dynamic": UrlMode("{base}/?id={id}", "{base}/?cate={id}"),
    "index_php": UrlMode("{base}/index.php/post/{id}.html", "{base}/index.php/category-{id}.html"),
    "rewrite": UrlMode("{base}/post/{id}.html", "{base}/category-{id}.html"),
}


def url_mode_of(url: str) -> str | None:
    """The URL mode an article URL is written in, or None when it is not an article URL."""
    parts = split_url(url)
    for mode, pattern in _ARTICLE.items():
        if pattern.search(parts.path):
            return mode
    if _DYNAMIC_PATH.search(parts.path) and parse_qs(parts.query).get("id"):
        return "dynamic"
    return None


def _id_in(url: str, patterns, query_key: str) -> int | None:
    """The id a URL carries: in its path (any of ``patterns``), or as ``?<query_key>=N`` on the site root."""
    parts = split_url(url)
    for pattern in patterns:
        match = pattern.search(parts.path)
        if match:
            return parse_id(match.group(1))
    if _DYNAMIC_PATH.search(parts.path):
        ids = parse_qs(parts.query).get(query_key)
        return parse_id(ids[0]) if ids and len(ids) == 1 else None
    return None


def article_id(url: str) -> int | None:
    return _id_in(url, _ARTICLE.values(), "id")


def category_id(url: str) -> int | None:
    return _id_in(url, (_CATEGORY,), "cate")


def feed_entries(xml: str) -> list[FeedEntry]:
    """The items of a Z-BlogPHP feed.php (RSS 2.0, every theme): link and pubDate."""
    selector = Selector(text=xml, type="xml")
    return [FeedEntry(url=(item.xpath("link/text()").get() or "").strip(),
                      pub_date=(item.xpath("pubDate/text()").get() or "").strip())
            for item in selector.xpath("//channel/item")]


class KnownThemes:
    """The article reader for a site of unknown theme: the first known theme that recognises the page."""

    name = "zblog-themes"

    def __init__(self, *parsers):
        self.parsers = parsers

    def recognises(self, root) -> bool:
        return any(parser.recognises(root) for parser in self.parsers)

    def lists_articles(self, root) -> bool:
        return any(parser.lists_articles(root) for parser in self.parsers)

    def parse(self, root, url: str) -> ArticleFields:
        for parser in self.parsers:
            if parser.recognises(root):
                return parser.parse(root, url)
        return ArticleFields()


def site_key(base_url: str) -> str:
    """What names a site whatever its scheme or www.: host (without www.), a non-default port, a path."""
    parts = urlsplit(base_url)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    port = f":{parts.port}" if parts.port and parts.port != {"http": 80, "https": 443}.get(parts.scheme) else ""
    return host + port + parts.path.rstrip("/")


class ZBlogSite:
    """One Z-BlogPHP site, named ``zblog:<site key>`` (the ``portal`` of its rows)."""

    kind = "zblog"
    parsers = ParserVersions(ParserVersion(KnownThemes(tpure.TpureArticle(category_id),
                                                        zblog_default.DefaultThemeArticle())))
    date_units = DEFAULT_UNITS
    rules = (*REPUBLISHING_RULES, AdvertBlockRule("site_advert_block"))   # adverts of any site, by their structure
    # A theme it does not know is read generically by design: not a sign that the site was redesigned.
    expects_theme = False

    def __init__(self, key: str, base_url: str | None = None):
        self.name = f"{self.kind}:{key}"
        self.default_base_url = (base_url or f"http://{key}").rstrip("/")
        self.mode = "dynamic"   # the install default, until the site's links say otherwise

    @classmethod
    def for_base_url(cls, base_url: str) -> "ZBlogSite":
        return cls(site_key(base_url), base_url)

    @classmethod
    def named(cls, name: str) -> "ZBlogSite":
        """The site of ``zblog:<site>``, where the site is written as a user would (``www.`` or not, a
        scheme or not): named as its crawl names its rows, fetched at the address given."""
        site = name.split(":", 1)[1].strip()
        base_url = site if "://" in site else f"http://{site}"
        try:
            key = site_key(base_url)
        except ValueError as error:
            raise KeyError(f"not a site: {site!r} ({error})") from None
        if not key:
            raise KeyError(f"not a site: {site!r}")
        return cls(key, base_url)

    # URLs and ids -------------------------------------------------------------------------
    def home_url(self, base_url: str) -> str:
        return base_url + "/"     # the home page in every mode

    def feed_url(self, base_url: str) -> str:
        return base_url + "/feed.php"

    def article_url(self, base_url: str, post_id: int) -> str:
        return URL_MODES[self.mode].article.format(base=base_url, id=post_id)

    def category_url(self, base_url: str, category_id: int) -> str:
        return URL_MODES[self.mode].category.format(base=base_url, id=category_id)

    def post_id(self, url: str) -> int | None:
        return article_id(url)

    def category_id(self, url: str) -> int | None:
        return category_id(url)

    def learn(self, links: Iterable[str]) -> None:
        """Take the URL mode most of the site's article links are written in."""
        modes = Counter(mode for mode in map(url_mode_of, links) if mode)
        if modes:
            self.mode = modes.most_common(1)[0][0]

    # Listings ------------------------------------------------------------------------------
    def category_ids(self, page: Selector, url: str) -> list[int]:
        found: dict[int, None] = {}
        for href in page.xpath('//a/@href[contains(., "cate")]').getall():
            category = category_id(link_url(url, href))
            if category is not None:
                found[category] = None
        return list(found)

    def listing_entries(self, page: Selector, url: str) -> list[ListingEntry]:
        for theme in (tpure, zblog_default):
            entries = theme.listing_entries(page, url)
            if entries is not None:
                return entries
        links = dict.fromkeys(link_url(url, href) for href in page.css("a::attr(href)").getall())
        return [ListingEntry(url=link) for link in links if article_id(link) is not None]

    def next_listing_page(self, page: Selector, url: str) -> str | None:
        for theme in (tpure, zblog_default):
            found = theme.next_listing_page(page, url)
            if found:
                return found
        href = page.css('a[rel~="next"]::attr(href)').get()
        if not href:
            for link in page.css("div.pagebar a, .pagination a, .pages a, .page a"):
                if "".join(link.css("::text").getall()).strip() in _NEXT_WORDS:
                    href = link.attrib.get("href")
                    break
        return link_url(url, href) or None

    def feed_entries(self, xml: str) -> list[FeedEntry]:
        return feed_entries(xml)
