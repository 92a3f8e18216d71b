"""The crawl's own rules, without a crawl: which -a arguments it accepts, the domain it stays on, which
articles a bounded or incremental run wants, what it says when a request fails, what it keeps of a page."""

import re
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, ResponseDataLossError
from scrapy.http import HtmlResponse, Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet import error as net_errors
from twisted.python.failure import Failure

from crawler import storage
from crawler.dates import SHANGHAI, shanghai_now
from crawler.items import ArticleItem
from spiders.zblog import (ArgumentError, CrawlArguments, ZBlogSpider, _text_of, describe_failure, registered_domain,
                           stored_page)
from spiders.zhongnangaoke import ZhongnangaokeSpider
from tests.replica.site import NEWS, standard_site

DEFAULT = "http://www.zhongnangaoke.com.cn"


def test_arguments_default_to_an_incremental_run_of_the_portal():
    args = CrawlArguments.parse(DEFAULT)
    assert (args.base_url, args.mode, args.since, args.until, args.categories) == (DEFAULT, "incremental", None, None,
                                                                                   None)


def test_arguments_are_read_and_tidied():
    args = CrawlArguments.parse(DEFAULT, base_url=" https://example.com:8443/ ", mode="full", since="2024-01-01",
                                until="2024-01-01", categories="3, 5,", _job="scrapyd-job-id")
    assert (args.base_url, args.mode, args.since, args.until, args.categories) == (
        "https://example.com:8443", "full", date(2024, 1, 1), date(2024, 1, 1), frozenset({3, 5}))


@pytest.mark.parametrize("arguments, says", [
    ({"mode": "fast"}, "-a mode='fast'"),
    ({"base_url": "ftp://example.com"}, "http(s) URL"),
    ({"base_url": "http://"}, "with a host"),
    ({"base_url": "http://example.com:port"}, "not a URL"),
    ({"base_url": "http://user:secret@example.com"}, "no credentials"),
    ({"base_url": "http://example.com/?page=2"}, "no credentials, query or fragment"),
    ({"since": "2024-02-30"}, "-a since='2024-02-30'"),
    ({"until": "soon"}, "-a until='soon'"),
    ({"since": "2024-01-02", "until": "2024-01-01"}, "is after"),
    ({"categories": "3,x"}, "category ids"),
    ({"categories": ","}, "category ids"),
    ({"sincee": "2024-01-01"}, "unknown argument -a sincee"),
])
def test_bad_arguments_say_what_is_wrong(arguments, says):
    with pytest.raises(ArgumentError) as raised:
        CrawlArguments.parse(DEFAULT, **arguments)
    assert says in str(raised.value)


def test_the_zblog_spider_needs_a_base_url_and_a_portal_spider_does_not():
    with pytest.raises(ArgumentError, match="base_url=URL is required"):
        ZBlogSpider.parse_arguments()
    assert ZhongnangaokeSpider.parse_arguments().base_url == DEFAULT


@pytest.mark.parametrize("url, domain", [
    ("http://www.zhongnangaoke.com.cn/index.php/post/1.html", "zhongnangaoke.com.cn"),
    ("https://news.example.co.uk:8443/", "example.co.uk"),
    ("http://127.0.0.1:8123/", "127.0.0.1"),
    ("http://localhost/", "localhost"),
])
def test_a_crawl_stays_on_the_registered_domain(url, domain):
    assert registered_domain(url) == domain


def spider(**arguments) -> ZhongnangaokeSpider:
    return ZhongnangaokeSpider(base_url="http://127.0.0.1:1", **arguments)


def test_a_bounded_run_wants_only_articles_in_its_window_and_those_without_a_date():
    bounded = spider(mode="full", since="2024-01-10", until="2024-01-20")
    days = [datetime(2024, 1, d, 12, tzinfo=SHANGHAI) for d in (9, 10, 20, 21)]
    assert [bounded._wanted(1, day) for day in days] == [False, True, True, False]
    assert bounded._wanted(1, None) and not bounded.walks_everything
    assert spider(mode="full").walks_everything and not spider(mode="full", categories="3").walks_everything


def test_an_incremental_run_does_not_want_what_it_knows_and_a_full_run_wants_everything():
    incremental, full = spider(), spider(mode="full")
    incremental.known = full.known = {7}
    assert not incremental._wanted(7, None) and incremental._wanted(8, None)
    assert full._wanted(7, None)


def test_backfill_progress_is_the_share_of_the_date_range_each_category_has_walked():
    now = shanghai_now()
    backfill = spider(since=(now - timedelta(days=100)).date().isoformat())
    assert backfill.backfill_progress() == 0.0                    # no listing read yet
    backfill.reached = {3: now - timedelta(days=50, hours=1), 5: None, 7: now - timedelta(days=400)}
    assert backfill.backfill_progress() == pytest.approx((0.5 + 1.0 + 1.0) / 3)
    assert spider().backfill_progress() is None                   # not a backfill: no share to show


def failure_of(error: Exception, url: str = "http://www.example.com/index.php/post/1.html") -> Failure:
    failure = Failure(error)
    failure.request = Request(url)
    return failure


@pytest.mark.parametrize("error, says", [
    (HttpError(HtmlResponse("http://x/", status=503), "Ignoring non-200 response"), "HTTP 503"),
    (net_errors.DNSLookupError("no such host"), "DNS lookup failed for www.example.com"),
    (net_errors.ConnectionRefusedError(), "connection refused"),
    (net_errors.TCPTimedOutError(), "timed out"),
    (ResponseDataLossError(), "the response was cut short"),
    (IgnoreRequest("Forbidden by robots.txt"), "Forbidden by robots.txt"),
    (IgnoreRequest(), "request dropped"),
    (ValueError("odd"), "ValueError: odd"),
    (ValueError(), "ValueError"),
])
def test_a_failed_request_is_told_in_a_few_words(error, says):
    assert describe_failure(failure_of(error)) == says


def test_what_is_kept_of_an_article_page():
    fetched = datetime(2026, 11, 26, 10, 0, 5, 123, tzinfo=SHANGHAI)
    response = HtmlResponse("http://x/index.php/post/7.html", body="<p>正文</p>".encode("utf-8"), encoding="utf-8",
                            headers={"Content-Type": "text/html; charset=utf-8", "ETag": '"abc"'})
    kept = stored_page(response, fetched, "zhongnangaoke", 7)
    assert kept == {"url": "http://x/index.php/post/7.html", "portal": "zhongnangaoke", "post_id": 7,
                    "fetched_at": "2026-11-26T10:00:05+08:00", "status": 200,
                    "content_type": "text/html; charset=utf-8", "encoding": "utf-8", "last_modified": None,
                    "etag": '"abc"', "body": "<p>正文</p>".encode("utf-8")}


def test_a_page_served_without_a_text_type_is_decoded_all_the_same():
    body = '<html><head><meta charset="gbk"></head><body><p>园区招商</p></body></html>'.encode("gbk")
    assert "园区招商" in _text_of(Response("http://x/index.php/post/1.html", body=body))


# The walk itself, on the replica's pages, without a crawl ------------------------------------------

HOST = "http://www.example.com"
SITE_NOW = datetime(2026, 11, 26, 18, 0, tzinfo=SHANGHAI)


@pytest.fixture
def site():
    return standard_site(HOST, now=SITE_NOW)


def walking(settings=None, **arguments) -> ZhongnangaokeSpider:
    crawler = get_crawler(ZhongnangaokeSpider, {"INCREMENTAL_STOP_AFTER_KNOWN": 10, **(settings or {})})
    walker = ZhongnangaokeSpider.from_crawler(crawler, base_url=HOST, **arguments)
    walker.listed_categories = {3, 5, 7, 9}        # categories already followed: only this listing's own output
    return walker


def response_for(site, url, request=None, markup=None):
    status, _, body = site.render(urlsplit(url).path)
    body = markup.encode("utf-8") if markup is not None else body
    return HtmlResponse(url, status=status, body=body, encoding="utf-8", request=request or Request(url))


def walk_listing(walker, site, page, known_in_a_row=0, markup=None):
    """What the spider does with one page of 新闻中心: (the next page's request or None, articles requested)."""
    url = site.category_url(NEWS, page)
    output = list(walker.parse_listing(response_for(site, url, markup=markup), known_in_a_row=known_in_a_row,
                                       category=NEWS))
    requests = [r for r in output if isinstance(r, Request)]
    pages = [r for r in requests if r.callback == walker.parse_listing]
    assert len(pages) <= 1
    return (pages[0] if pages else None), [r.meta["parknews_post_id"] for r in requests
                                           if r.callback == walker.parse_article]


def test_an_incremental_run_stops_paging_after_enough_known_articles_in_a_row(site):
    walker = walking()
    walker.known = {a.post_id for a in site.articles.values()}
    first, requested = walk_listing(walker, site, 1)
    assert requested == []
    # the sticky post heads every first page and is not counted: 9 of the 10 count
    assert first.url == site.category_url(NEWS, 2) and first.cb_kwargs["known_in_a_row"] == 9
    second, _ = walk_listing(walker, site, 2, known_in_a_row=9)
    assert second is None and walker.crawler.stats.get_value("parknews/listing_stopped_known") == 1
    exactly = walking({"INCREMENTAL_STOP_AFTER_KNOWN": 9})
    exactly.known = walker.known
    assert walk_listing(exactly, site, 1)[0] is None                 # 9 known in a row reach a limit of 9


def test_a_new_article_restarts_the_count_of_known_ones(site):
    walker = walking()
    listed = [a.post_id for a in site.in_category(NEWS)[:10]]
    walker.known = {a.post_id for a in site.articles.values()} - {listed[4]}
    following, requested = walk_listing(walker, site, 1)
    assert requested == [listed[4]] and following.cb_kwargs["known_in_a_row"] == 5


@pytest.mark.parametrize("arguments", [{"mode": "full"}, {"since": "2000-01-01"}])
def test_a_full_run_or_a_backfill_pages_on_past_known_articles(site, arguments):
    walker = walking(**arguments)
    walker.known = {a.post_id for a in site.articles.values()}
    assert walk_listing(walker, site, 2, known_in_a_row=9)[0] is not None


def test_a_listing_entry_without_a_readable_date_is_still_followed(site):
    url = site.category_url(NEWS)
    status, _, body = site.render(urlsplit(url).path)
    markup = re.sub(r'<span class="date">[^<]*</span>', '<span class="date">未知</span>', body.decode("utf-8"), count=2)
    walker = walking()
    _, requested = walk_listing(walker, site, 1, markup=markup)
    assert requested == [a.post_id for a in site.in_category(NEWS)[:10]]


def article_response(site, post_id, landed=None, canonical=None):
    article = site.articles[post_id]
    article.canonical = canonical
    request = Request(site.article_url(post_id), meta={"parknews_post_id": post_id})
    return response_for(site, site.article_url(landed or post_id), request=request)


def test_an_article_request_that_lands_on_another_article_is_a_redirect_reject(site):
    (item,) = walking().parse_article(article_response(site, 26008, landed=26009))
    assert (item["post_id"], item["reject_kind"]) == (26008, "redirect")
    assert item["reject_reason"] == f"redirected to {site.article_url(26009)}, not this article"


@pytest.mark.parametrize("canonical, ignored", [
    (None, None),                                                            # its own URL
    ("/index.php/post/26008.html", None),                                    # relative, the same article
    ("https://zhongnangaoke.com.cn/index.php/post/26008.html", 1),           # another site
    ("http://www.example.com/index.php/post/26009.html", 1),                 # another article
    ("http://user:pw@www.example.com/index.php/post/26008.html", 1),
    ("http://www.example.com/index.php/category-3.html", 1),
    ("ftp://www.example.com/index.php/post/26008.html", 1),
])
def test_a_canonical_link_that_names_another_page_is_counted_and_never_followed(site, canonical, ignored):
    walker = walking()
    (item,) = walker.parse_article(article_response(site, 26008, canonical=canonical))
    assert item["url"] == site.article_url(26008) and not item.get("reject_reason")
    assert walker.crawler.stats.get_value("parknews/canonical_ignored") == ignored


def found(category_ids=(), feed=None, printed=None, via_listing=None):
    item = ArticleItem(category_ids=category_ids, feed_published=feed, published_raw=printed,
                       fetched_at=SITE_NOW)
    return item, {"parknews_listing_category": via_listing}


def test_a_category_filter_holds_for_articles_found_through_the_feed():
    walker = walking(categories="3")
    assert walker._passes_filters(*found((3, 7)))
    assert not walker._passes_filters(*found((5,)))
    assert not walker._passes_filters(*found(()))
    assert walker._passes_filters(*found((5,), via_listing=3))          # listed in a wanted category


@pytest.mark.parametrize("arguments", [{"since": "2024-01-10"}, {"until": "2024-01-20"},
                                       {"since": "2024-01-10", "until": "2024-01-20"}])
def test_a_date_window_holds_for_the_feeds_date_or_else_the_printed_one(arguments):
    walker = walking(**arguments)
    inside, before, after = "Mon, 15 Jan 2024 10:00:00 +0800", "Tue, 09 Jan 2024 10:00:00 +0800", \
        "Sun, 21 Jan 2024 10:00:00 +0800"
    assert walker._passes_filters(*found(feed=inside))
    assert walker._passes_filters(*found(feed=before)) == ("since" not in arguments)
    assert walker._passes_filters(*found(feed=after)) == ("until" not in arguments)
    assert walker._passes_filters(*found(printed="2024-01-09")) == ("since" not in arguments)
    assert walker._passes_filters(*found(feed=inside, printed="2024-01-01"))      # the feed's date wins
    assert walker._passes_filters(*found())                                        # no date: kept


def test_what_a_run_knows_before_it_starts(tmp_path):
    db = storage.connect(tmp_path / "news.db")
    for post_id in (1, 2):
        storage.upsert_articles(db, [{"url": f"{HOST}/index.php/post/{post_id}.html", "portal": "zhongnangaoke",
                                      "post_id": post_id, "title": "标题", "body_text": "正文"}])
    storage.mark_gone(db, "zhongnangaoke", 2)
    storage.record_reject(db, f"{HOST}/index.php/post/3.html", "redirected away", None, portal="zhongnangaoke",
                          post_id=3, kind="redirect")
    db.conn.close()
    incremental = walking({"SQLITE_PATH": str(tmp_path / "news.db")})
    incremental._load_stored()
    assert incremental.known == {1, 2, 3} and incremental.stored_live == set()
    full = walking({"SQLITE_PATH": str(tmp_path / "news.db")}, mode="full")
    full._load_stored()
    # a full walk checks stored live articles no listing showed; a deleted one is not asked for again
    assert full.stored_live == {1} and full.known == set()
