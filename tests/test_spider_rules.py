"""The crawl's own rules, without a crawl: which -a arguments it accepts, the domain it stays on, which
articles a bounded or incremental run wants, what it says when a request fails, what it keeps of a page."""

from datetime import date, datetime, timedelta

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net_errors
from twisted.python.failure import Failure

from crawler.dates import SHANGHAI, shanghai_now
from spiders.zblog import ArgumentError, CrawlArguments, ZBlogSpider, describe_failure, registered_domain, stored_page
from spiders.zhongnangaoke import ZhongnangaokeSpider

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
