"""The crawl itself, for any portal module: feed, categories, listing pages, article pages.

Incremental by default: listing pages are read newest first, paging stops after a run of known
articles, and only unknown articles are fetched. ``-a mode=full`` walks everything.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import scrapy
import tldextract
from scrapy import signals
from scrapy.exceptions import DontCloseSpider

from parsel import Selector

from crawler import generic, storage
from crawler.cleaning import collapse
from crawler.dates import DateParser, parse_rfc822, shanghai_now
from crawler.items import ArticleGone, ArticleItem, ListingObservation

MODES = ("incremental", "full")
# A theme body with less text than this is taken as a selector that no longer fits the page.
MIN_BODY_CHARS = 20
# Offline: never download the public suffix list, use the snapshot bundled with tldextract.
_offline_tldextract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registered_domain(url: str) -> str:
    """The domain a crawl must stay on: zhongnangaoke.com.cn for www.zhongnangaoke.com.cn, or the IP."""
    host = urlsplit(url).hostname or ""
    parts = _offline_tldextract(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return host


def _parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"-a {name}={value!r}: expected YYYY-MM-DD") from None


class PortalSpider(scrapy.Spider):
    portal = None  # a portal module's class instance, set by each concrete spider

    def __init__(self, base_url=None, mode="incremental", since=None, until=None, categories=None, **kwargs):
        super().__init__(**kwargs)
        if mode not in MODES:
            raise ValueError(f"-a mode={mode!r}: expected one of {', '.join(MODES)}")
        self.base_url = (base_url or self.portal.default_base_url).rstrip("/")
        if urlsplit(self.base_url).scheme not in ("http", "https"):
            raise ValueError(f"-a base_url={base_url!r}: expected an http(s) URL")
        self.mode = mode
        self.since = _parse_day(since, "since")
        self.until = _parse_day(until, "until")
        try:
            self.category_filter = {int(c) for c in categories.split(",") if c.strip()} if categories else None
        except ValueError:
            raise ValueError(f"-a categories={categories!r}: expected ids such as 3,5") from None
        self.allowed_domains = [registered_domain(self.base_url)]
        self.run_arguments = {"base_url": self.base_url, "mode": mode, "since": since, "until": until,
                              "categories": categories}
        self.known: set[str] = set()       # stored articles: not fetched again in incremental mode
        self.stored_live: set[str] = set() # stored, not deleted: a full run checks those it did not see listed
        self.seen: set[str] = set()        # article URLs listed or fed during this run
        self._checked_unlisted = False
        self.feed_dates: dict[int, str] = {}
        self.listed_categories: set[int] = set()
        self.dates = DateParser(self.portal.date_units)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.stop_after_known = crawler.settings.getint("INCREMENTAL_STOP_AFTER_KNOWN", 10)
        spider.generic_fallback = crawler.settings.getbool("GENERIC_FALLBACK", True)
        db = storage.connect(crawler.settings.get("SQLITE_PATH"))
        try:
            if spider.mode == "incremental":
                spider.known = storage.known_urls(db)
            elif spider.walks_everything:
                spider.stored_live = storage.known_urls(db, live_only=True)
        finally:
            db.conn.close()
        crawler.signals.connect(spider.check_unlisted, signal=signals.spider_idle)
        return spider

    @property
    def walks_everything(self) -> bool:
        return self.mode == "full" and not (self.since or self.until or self.category_filter)

    def check_unlisted(self):
        """At the end of a full walk, fetch stored articles no listing showed: deleted ones answer 404/410."""
        if self._checked_unlisted or not self.walks_everything:
            return
        self._checked_unlisted = True
        unlisted = sorted(self.stored_live - self.seen)
        for url in unlisted:
            self.crawler.engine.crawl(self._article_request(url, self.portal.post_id(url)))
        if unlisted:
            self.logger.info("Checking %d stored articles that no listing showed", len(unlisted))
            raise DontCloseSpider

    # Start: the feed first, so that its exact publication times are known for every article.
    async def start(self):
        yield scrapy.Request(self.portal.feed_url(self.base_url), callback=self.parse_feed,
                             errback=self.feed_failed, dont_filter=True)

    def feed_failed(self, failure):
        self.logger.warning("Feed unavailable (%s); crawling listings without it", failure.value)
        yield self._home_request()

    def _home_request(self):
        return scrapy.Request(self.portal.home_url(self.base_url), callback=self.parse_home)

    def parse_feed(self, response):
        self.crawler.stats.inc_value("parknews/feed_pages")
        fresh = []
        for entry in self.portal.feed_entries(response):
            post_id = self.portal.post_id(entry.url)
            if post_id is None:
                continue
            self.feed_dates[post_id] = entry.pub_date
            fresh.append(post_id)
        yield self._home_request()
        for post_id in fresh:
            url = self.portal.article_url(self.base_url, post_id)
            if self._wanted(url, parse_rfc822(self.feed_dates[post_id])):
                yield self._article_request(url, post_id)

    def parse_home(self, response):
        yield from self._follow_categories(response)

    def _follow_categories(self, response):
        for category in self.portal.category_ids(response):
            if category in self.listed_categories:
                continue
            if self.category_filter is not None and category not in self.category_filter:
                continue
            self.listed_categories.add(category)
            yield scrapy.Request(self.portal.category_url(self.base_url, category), callback=self.parse_listing,
                                 cb_kwargs={"known_in_a_row": 0})

    def parse_listing(self, response, known_in_a_row):
        stats = self.crawler.stats
        stats.inc_value("parknews/listing_pages")
        observed_at = storage.now_iso()
        fetched_at = response_time()
        past_since = False
        for entry in self.portal.listing_entries(response):
            if entry.views is not None:
                yield ListingObservation(url=self._canonical(entry.url), views=entry.views, observed_at=observed_at)
            published = self.dates.parse(entry.date_text, fetched_at).at
            if self.since and published and published.date() < self.since and not entry.sticky:
                past_since = True
                continue
            url = self._canonical(entry.url)
            self.seen.add(url)
            if url in self.known:
                if not entry.sticky:
                    known_in_a_row += 1
                continue
            known_in_a_row = 0
            if self._wanted(url, published):
                yield self._article_request(url, self.portal.post_id(url))
        yield from self._follow_categories(response)
        if past_since:
            return
        # A bounded backfill (since=…) pages on to its bound, skipping what is stored, so it resumes.
        if self.mode == "incremental" and not self.since and self.known and known_in_a_row >= self.stop_after_known:
            stats.inc_value("parknews/listing_stopped_known")
            return
        next_page = self.portal.next_listing_page(response)
        if next_page:
            yield scrapy.Request(next_page, callback=self.parse_listing, cb_kwargs={"known_in_a_row": known_in_a_row})

    def _canonical(self, url: str) -> str:
        post_id = self.portal.post_id(url)
        return self.portal.article_url(self.base_url, post_id) if post_id is not None else url

    def _wanted(self, url: str, published) -> bool:
        if self.mode == "incremental" and url in self.known:
            return False
        if published is not None:
            if self.until and published.date() > self.until:
                return False
            if self.since and published.date() < self.since:
                return False
        return True

    def _article_request(self, url: str, post_id: int):
        self.seen.add(url)
        return scrapy.Request(url, callback=self.parse_article, errback=self.article_failed,
                              meta={"handle_httpstatus_list": [404, 410]},
                              cb_kwargs={"feed_published": self.feed_dates.get(post_id)})

    def parse_article(self, response, feed_published=None):
        if response.status in (404, 410):
            yield ArticleGone(url=self._canonical(response.url), status=response.status, observed_at=storage.now_iso())
            return
        self.crawler.stats.inc_value("parknews/article_pages")
        # Relative dates resolve against the fetch time; a reparse passes the stored page's own.
        fetched_at = response.meta.get("fetched_at") or response_time()
        page = stored_page(response, fetched_at)
        try:
            fields = self.portal.article_fields(response)
        except Exception as error:  # a page that cannot be parsed is recorded, never lost silently
            self.logger.warning("Could not parse %s: %r", response.url, error)
            yield ArticleItem(url=self._canonical(response.url), reject_reason=f"parse error: {error!r}", page=page)
            return
        method = "theme"
        if self.generic_fallback and self._theme_failed(fields):
            method = self._fill_generically(fields, response)
        body = fields.pop("body")
        item = ArticleItem(**fields, body=body, fetched_at=fetched_at, feed_published=feed_published,
                           extraction_method=method, page=page)
        if body is None:
            item["reject_reason"] = "no article body found"
        self.crawler.stats.inc_value(f"parknews/extraction/{method}")
        yield item

    @staticmethod
    def _theme_failed(fields: dict) -> bool:
        """The theme's selectors found no title, no date, or no (or implausibly little) body."""
        return not fields["title"] or not fields["published_raw"] or text_chars(fields["body"]) < MIN_BODY_CHARS

    def _fill_generically(self, fields: dict, response) -> str:
        """Fill what the theme's selectors missed from the generic extractor; 'generic' if it helped."""
        article = generic.extract(response.selector.root)
        used = False
        if not fields["title"] and article.title:
            fields["title"], used = article.title, True
        if not fields["published_raw"] and article.date_text:
            fields["published_raw"], used = article.date_text, True
        if not fields["author"] and article.author:
            fields["author"] = article.author
        theme_chars = text_chars(fields["body"])
        if theme_chars < MIN_BODY_CHARS and article.body is not None:
            generic_body = Selector(root=article.body)
            if text_chars(generic_body) > theme_chars:
                fields["body"], used = generic_body, True
        return "generic" if used else "theme"

    def article_failed(self, failure):
        request = failure.request
        self.logger.error("Article download failed: %s (%s)", request.url, failure.value)
        yield ArticleItem(url=request.url, reject_reason=f"download failed: {failure.value!r}")


def response_time():
    return shanghai_now()


def text_chars(body) -> int:
    """Characters of text in a body Selector (0 for none)."""
    return len(collapse(" ".join(body.root.itertext()))) if body is not None else 0


def stored_page(response, fetched_at) -> dict:
    """What the pages table keeps of an article response, so it can be re-extracted later."""
    headers = response.headers
    return {
        "url": response.url,
        "fetched_at": fetched_at.isoformat(timespec="seconds"),
        "status": response.status,
        "content_type": (headers.get(b"Content-Type") or b"").decode("latin-1") or None,
        "encoding": getattr(response, "encoding", None),
        "last_modified": (headers.get(b"Last-Modified") or b"").decode("latin-1") or None,
        "etag": (headers.get(b"ETag") or b"").decode("latin-1") or None,
        "body": response.body,
    }
