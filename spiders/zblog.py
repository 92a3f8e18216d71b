"""The crawl of a Z-BlogPHP portal: the feed, the home page, every category and its pagebar, each article once.

This is how any Z-BlogPHP site is walked (integer post and category ids, a feed with exact dates,
category listings paged newest first, sticky posts on every first page); a portal module from
crawler.portals says where those are on its site. Incremental by default: paging stops after a run
of known articles and only unknown articles are fetched; ``-a mode=full`` walks everything.
Every entry of a feed or listing is read on its own: a bad one is skipped with a warning, never its
neighbours. An article is stored under the URL built from ``base_url`` and the id that was requested.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import scrapy
import tldextract
from scrapy import signals
from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net_errors

from crawler import storage
from crawler.article import read_article
from crawler.counts import parse_count
from crawler.dates import DateParser, parse_rfc822, shanghai_now
from crawler.items import ArticleGone, ArticleItem, ListingObservation
from crawler.middlewares import RedirectedAway
from crawler.pages import decode_html, parse_html
from crawler.portals.contract import parse_id
from crawler.portals.zblog import ZBlogSite
from crawler.urls import link_url, split_url

MODES = ("incremental", "full")
EXIT_USAGE = 2  # bad -a arguments, as argparse exits
# Offline: never download the public suffix list, use the snapshot bundled with tldextract.
_offline_tldextract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registered_domain(url: str) -> str:
    """The domain a crawl must stay on: example.com for www.example.com, or the IP address."""
    host = urlsplit(url).hostname or ""
    parts = _offline_tldextract(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


class ArgumentError(ValueError):
    """A bad ``-a`` argument; the message is the one line the user sees."""


@dataclass(frozen=True)
class CrawlArguments:
    base_url: str
    mode: str
    since: date | None
    until: date | None
    categories: frozenset[int] | None

    @classmethod
    def parse(cls, default_base_url: str, base_url=None, mode="incremental", since=None, until=None,
              categories=None, **unknown) -> "CrawlArguments":
        unknown = sorted(name for name in unknown if not name.startswith("_"))  # Scrapyd adds _job
        if unknown:
            raise ArgumentError(f"unknown argument -a {unknown[0]}; known: base_url, mode, since, until, categories")
        base = (base_url or default_base_url).strip().rstrip("/")
        try:
            parts = urlsplit(base)
            parts.port  # noqa: B018 — raises ValueError on a port that is not a number
        except ValueError:
            raise ArgumentError(f"-a base_url={base_url!r}: not a URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ArgumentError(f"-a base_url={base_url!r}: expected an http(s) URL with a host, "
                                "such as http://www.example.com")
        if parts.username or parts.password or parts.query or parts.fragment:
            raise ArgumentError(f"-a base_url={base_url!r}: no credentials, query or fragment, please")
        if mode not in MODES:
            raise ArgumentError(f"-a mode={mode!r}: expected one of {', '.join(MODES)}")
        since_day, until_day = _day(since, "since"), _day(until, "until")
        if since_day and until_day and since_day > until_day:
            raise ArgumentError(f"-a since={since} is after -a until={until}")
        wanted = None
        if categories is not None:
            ids = [parse_id(c.strip()) for c in str(categories).split(",") if c.strip()]
            if not ids or None in ids:
                raise ArgumentError(f"-a categories={categories!r}: expected category ids such as 3,5")
            wanted = frozenset(ids)
        return cls(base, mode, since_day, until_day, wanted)


def _day(value, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ArgumentError(f"-a {name}={value!r}: expected a date as YYYY-MM-DD") from None


def describe_failure(failure) -> str:
    """Why a request failed, in a few words (no traceback)."""
    value = failure.value
    if isinstance(value, HttpError):
        return f"HTTP {value.response.status}"
    if isinstance(value, (scrapy_errors.CannotResolveHostError, net_errors.DNSLookupError)):
        return f"DNS lookup failed for {urlsplit(failure.request.url).hostname}"
    if isinstance(value, (scrapy_errors.DownloadConnectionRefusedError, net_errors.ConnectionRefusedError)):
        return "connection refused"
    if isinstance(value, (scrapy_errors.DownloadTimeoutError, net_errors.TimeoutError, net_errors.TCPTimedOutError)):
        return "timed out"
    if isinstance(value, scrapy_errors.ResponseDataLossError):
        return "the response was cut short"
    if isinstance(value, IgnoreRequest):
        return str(value) or "request dropped"
    return f"{type(value).__name__}: {value}".rstrip(": ")


class ZBlogSpider(scrapy.Spider):
    """``scrapy crawl zblog -a base_url=URL``: any Z-BlogPHP site (crawler.portals.zblog). A subclass
    binds one registered portal instead (``name`` and ``portal``)."""

    name = "zblog"
    portal = None

    @classmethod
    def parse_arguments(cls, **kwargs) -> CrawlArguments:
        """The ``-a`` arguments, checked; ArgumentError says what is wrong in one line."""
        if cls.portal is None and not kwargs.get("base_url"):
            raise ArgumentError(f"-a base_url=URL is required: the {cls.name} spider crawls any Z-BlogPHP site")
        return CrawlArguments.parse(cls.portal.default_base_url if cls.portal else "", **kwargs)

    @classmethod
    def portal_for(cls, base_url: str):
        """The portal this crawl reads: the bound one, or the Z-BlogPHP site at ``base_url``."""
        return cls.portal if cls.portal is not None else ZBlogSite.for_base_url(base_url)

    def __init__(self, *args, **kwargs):
        try:
            arguments = self.parse_arguments(**kwargs)
        except ArgumentError as error:
            print(f"parknews: {error}", file=sys.stderr)
            raise SystemExit(EXIT_USAGE) from None
        super().__init__(*args, **{k: v for k, v in kwargs.items() if k.startswith("_")})
        self.base_url = arguments.base_url
        self.portal = self.portal_for(self.base_url)
        self.mode = arguments.mode
        self.since, self.until, self.category_filter = arguments.since, arguments.until, arguments.categories
        self.allowed_domains = [registered_domain(self.base_url)]
        self.run_arguments = {k: kwargs.get(k) for k in ("base_url", "mode", "since", "until", "categories")}
        self.run_arguments.update(base_url=self.base_url, mode=self.mode)
        self.known: set[int] = set()       # stored (or redirected away): not fetched again in incremental mode
        self.stored_live: set[int] = set() # stored, not deleted: a full run checks those it did not see listed
        self.seen: set[int] = set()        # post ids listed or fed during this run
        self._checked_unlisted = False
        self.feed_dates: dict[int, str] = {}
        self.listed_categories: set[int] = set()
        self.paged: dict[int | None, set[int]] = {}   # listing (category, None: home) → post ids its pages showed
        self.reached: dict[int, object] = {}   # category → the oldest publication date its listings reached
        self.dates = DateParser(self.portal.date_units)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.stop_after_known = crawler.settings.getint("INCREMENTAL_STOP_AFTER_KNOWN", 10)
        spider.generic_fallback = crawler.settings.getbool("GENERIC_FALLBACK", True)
        crawler.signals.connect(spider.check_unlisted, signal=signals.spider_idle)
        return spider

    @property
    def walks_everything(self) -> bool:
        return self.mode == "full" and not (self.since or self.until or self.category_filter)

    def article_url(self, post_id: int) -> str:
        return self.portal.article_url(self.base_url, post_id)

    def _load_stored(self) -> None:
        db = storage.open_for_reading(self.settings.get("SQLITE_PATH"))
        try:
            if self.mode == "incremental":
                self.known = (storage.known_post_ids(db, self.portal.name)
                              | storage.redirected_post_ids(db, self.portal.name))
            elif self.walks_everything:
                self.stored_live = storage.known_post_ids(db, self.portal.name, live_only=True)
        finally:
            db.conn.close()

    def check_unlisted(self):
        """At the end of a full walk, fetch stored articles no listing showed: deleted ones answer 404/410."""
        if self._checked_unlisted or not self.walks_everything:
            return
        self._checked_unlisted = True
        unlisted = sorted(self.stored_live - self.seen)
        for post_id in unlisted:
            self.crawler.engine.crawl(self._article_request(post_id))
        if unlisted:
            self.logger.info("Checking %d stored articles that no listing showed", len(unlisted))
            raise DontCloseSpider

    # Start: the feed first, so that its exact publication times are known for every article.
    async def start(self):
        self._load_stored()
        yield scrapy.Request(self.portal.feed_url(self.base_url), callback=self.parse_feed,
                             errback=self.feed_failed, dont_filter=True)

    def feed_failed(self, failure):
        self.logger.warning("Feed unavailable (%s); crawling listings without it", describe_failure(failure))
        yield self._home_request()

    def _home_request(self):
        return scrapy.Request(self.portal.home_url(self.base_url), callback=self.parse_home,
                              errback=self.listing_failed)

    def listing_failed(self, failure):
        """A listing page (or the home page) could not be read: one line, and the reason kept for the run."""
        reason = f"{describe_failure(failure)} ({failure.request.url})"
        self.crawler.stats.inc_value("parknews/listing_failures")
        self.crawler.stats.set_value("parknews/listing_failure", reason)
        self.logger.warning("Listing page unavailable: %s", reason)

    def parse_feed(self, response):
        self.crawler.stats.inc_value("parknews/feed_pages")
        try:
            entries = self.portal.feed_entries(_text_of(response))
            self.portal.learn(entry.url for entry in entries)   # URLs are built the way the site writes them
        except Exception as error:  # an unreadable feed costs its dates, not the crawl
            self._skip("feed", response.url, error)
            entries = []
        yield self._home_request()
        for entry in entries:
            try:
                post_id = self.portal.post_id(entry.url)
                published = parse_rfc822(entry.pub_date)
            except Exception as error:
                self._skip("feed entry", entry.url, error)
                continue
            if post_id is None:
                continue
            if published is not None:
                self.feed_dates[post_id] = entry.pub_date
            # Categories are not in the feed: with -a categories, the listings of those categories find them.
            if self.category_filter is None and self._wanted(post_id, published):
                yield self._article_request(post_id)

    def parse_home(self, response):
        self.portal.learn(link_url(response.url, href) for href in response.css("a::attr(href)").getall())
        yield from self._follow_categories(response)

    def _follow_categories(self, response):
        try:
            categories = self.portal.category_ids(response.selector, response.url)
        except Exception as error:
            self._skip("category links", response.url, error)
            return
        for category in categories:
            if category in self.listed_categories:
                continue
            if self.category_filter is not None and category not in self.category_filter:
                continue
            self.listed_categories.add(category)
            yield scrapy.Request(self.portal.category_url(self.base_url, category), callback=self.parse_listing,
                                 errback=self.listing_failed, cb_kwargs={"known_in_a_row": 0, "category": category})

    def parse_listing(self, response, known_in_a_row, category=None):
        stats = self.crawler.stats
        stats.inc_value("parknews/listing_pages")
        observed_at = storage.now_iso()
        fetched_at = shanghai_now()
        past_since = False
        try:
            entries = self.portal.listing_entries(response.selector, response.url)
        except Exception as error:
            self._skip("listing", response.url, error)
            entries = []
        shown = self.paged.setdefault(category, set())
        new_here = 0       # articles this listing's earlier pages did not show
        for entry in entries:
            try:
                post_id = self.portal.post_id(entry.url)
                if post_id is None:
                    raise ValueError("no article id in its link")
                views = parse_count(entry.views_text)
                published = self.dates.parse(entry.date_text, fetched_at).at
            except Exception as error:
                self._skip("listing entry", entry.url, error)
                continue
            if post_id not in shown:
                shown.add(post_id)
                new_here += 1
            if published is not None and category is not None:
                self.reached[category] = min(published, self.reached.get(category, published))
            if views is not None:
                yield ListingObservation(portal=self.portal.name, post_id=post_id, url=self.article_url(post_id),
                                         views=views, observed_at=observed_at)
            if self.since and published and published.date() < self.since and not entry.sticky:
                past_since = True
                continue
            self.seen.add(post_id)
            if post_id in self.known:
                if not entry.sticky:
                    known_in_a_row += 1
                continue
            known_in_a_row = 0
            if self._wanted(post_id, published):
                yield self._article_request(post_id, listing_category=category)
        yield from self._follow_categories(response)
        if past_since:
            self.reached[category] = None   # done: walked past the bound
            return
        # A bounded backfill (since=…) pages on to its bound, skipping what is stored, so it resumes.
        if self.mode == "incremental" and not self.since and self.known and known_in_a_row >= self.stop_after_known:
            stats.inc_value("parknews/listing_stopped_known")
            return
        if not new_here:
            # Past the end: a pagebar that never ends serves nothing, or the same articles again.
            stats.inc_value("parknews/listing_pagination_ended")
            self.logger.info("Stopped paging at %s: it shows no article its earlier pages did not", response.url)
            if category is not None:
                self.reached[category] = None
            return
        try:
            next_page = self.portal.next_listing_page(response.selector, response.url)
        except Exception as error:
            self._skip("pagebar", response.url, error)
            return
        if next_page:
            yield scrapy.Request(next_page, callback=self.parse_listing, errback=self.listing_failed,
                                 cb_kwargs={"known_in_a_row": known_in_a_row, "category": category})
        elif category is not None:
            self.reached[category] = None   # done: its last page

    def backfill_progress(self) -> float | None:
        """For a since= backfill, the share of the date range the category listings have walked (0 to 1)."""
        if not self.since or not self.reached:
            return 0.0 if self.since else None
        now = shanghai_now()
        span = (now.date() - self.since).days or 1
        shares = [1.0 if oldest is None else min(1.0, (now - oldest).days / span) for oldest in self.reached.values()]
        return sum(shares) / len(shares)

    def _skip(self, what: str, url: str, error: Exception) -> None:
        self.crawler.stats.inc_value("parknews/entries_skipped")
        self.logger.warning("Skipped a %s on %s: %s", what, url[:200], str(error)[:200] or type(error).__name__)

    def _in_window(self, day: date) -> bool:
        return not (self.until and day > self.until) and not (self.since and day < self.since)

    def _wanted(self, post_id: int, published) -> bool:
        if self.mode == "incremental" and post_id in self.known:
            return False
        return published is None or self._in_window(published.date())

    def _article_request(self, post_id: int, listing_category: int | None = None):
        self.seen.add(post_id)
        return scrapy.Request(self.article_url(post_id), callback=self.parse_article, errback=self.article_failed,
                              meta={"handle_httpstatus_list": [404, 410], "parknews_post_id": post_id,
                                    "parknews_listing_category": listing_category},
                              cb_kwargs={"feed_published": self.feed_dates.get(post_id)})

    def parse_article(self, response, feed_published=None):
        post_id = response.meta["parknews_post_id"]
        if response.status in (404, 410):
            yield ArticleGone(portal=self.portal.name, post_id=post_id, observed_at=storage.now_iso())
            return
        self.crawler.stats.inc_value("parknews/article_pages")
        fetched_at = shanghai_now()
        url = self.article_url(post_id)
        page = stored_page(response, fetched_at, self.portal.name, post_id)
        try:
            item = self._read(response, url, post_id, fetched_at)
        except Exception as error:  # whatever happens, the page is recorded with the reason
            item = ArticleItem(portal=self.portal.name, url=url, post_id=post_id, reject_kind="parse",
                               reject_reason=f"parse error: {error!r}")
        item.update(fetched_at=fetched_at, feed_published=feed_published, page=page)
        if item.get("reject_reason"):
            item.setdefault("reject_kind", "parse")
        elif not self._passes_filters(item, response.meta):
            self.crawler.stats.inc_value("parknews/filtered")
            return
        else:
            self.crawler.stats.inc_value(f"parknews/extraction/{item['extraction_method']}")
        yield item

    def _read(self, response, url: str, post_id: int, fetched_at) -> ArticleItem:
        landed = self.portal.post_id(response.url)
        if landed != post_id:
            return ArticleItem(portal=self.portal.name, url=url, post_id=post_id, reject_kind="redirect",
                               reject_reason=f"redirected to {response.url[:500]}, not this article")
        parsed = parse_html(_text_of(response))
        self._check_canonical(parsed.root, response.url, post_id)
        return read_article(parsed, url, post_id, fetched_at, portal_name=self.portal.name,
                            parser=self.portal.parsers.current, generic_fallback=self.generic_fallback)

    def _check_canonical(self, root, page_url: str, post_id: int) -> None:
        """The page's rel=canonical is never used: the site, not the page, says which article this is.
        One that names another article, host or scheme is logged and counted."""
        hrefs = root.xpath('//head/link[@rel="canonical"]/@href')
        if not hrefs:
            return
        canonical = link_url(page_url, hrefs[0])
        parts = split_url(canonical)
        agrees = (parts.scheme in ("http", "https") and not parts.username and not parts.password
                  and registered_domain(canonical) == self.allowed_domains[0]
                  and self.portal.post_id(canonical) == post_id)
        if not agrees:
            self.crawler.stats.inc_value("parknews/canonical_ignored")
            self.logger.warning("Ignored the canonical link of article %s: it names %s", post_id, canonical[:200])

    def _passes_filters(self, item: ArticleItem, meta: dict) -> bool:
        """-a categories/since/until hold for every article, however it was found."""
        if self.category_filter is not None and meta.get("parknews_listing_category") is None:
            if not set(item.get("category_ids") or ()) & self.category_filter:
                return False
        if self.since or self.until:
            published = (parse_rfc822(item.get("feed_published") or "")
                         or self.dates.parse(item.get("published_raw"), item["fetched_at"]).at)
            if published is not None and not self._in_window(published.date()):
                return False
        return True

    def article_failed(self, failure):
        post_id = failure.request.meta.get("parknews_post_id")
        if isinstance(failure.value, RedirectedAway):
            reason, kind = str(failure.value), "redirect"
            self.logger.warning("Article %s %s", post_id, reason)
        else:
            reason, kind = f"download failed: {describe_failure(failure)}", "download"
            self.logger.error("Article download failed: %s (%s)", failure.request.url, describe_failure(failure))
        yield ArticleItem(portal=self.portal.name, url=self.article_url(post_id), post_id=post_id,
                          reject_reason=reason, reject_kind=kind)


def _text_of(response) -> str:
    if isinstance(response, TextResponse):
        return response.text
    return decode_html(response.body)


def stored_page(response, fetched_at, portal: str, post_id: int) -> dict:
    """What the pages table keeps of an article response, so it can be re-extracted later."""
    headers = response.headers
    return {
        "url": response.url,
        "portal": portal,
        "post_id": post_id,
        "fetched_at": fetched_at.isoformat(timespec="seconds"),
        "status": response.status,
        "content_type": (headers.get(b"Content-Type") or b"").decode("latin-1") or None,
        "encoding": getattr(response, "encoding", None),
        "last_modified": (headers.get(b"Last-Modified") or b"").decode("latin-1") or None,
        "etag": (headers.get(b"ETag") or b"").decode("latin-1") or None,
        "body": response.body,
    }
