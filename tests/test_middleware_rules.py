"""The downloader middlewares' decisions, in process: which responses are re-decoded, which redirects stop
the request and with what reason. The fault crawls check the same through ``scrapy crawl``."""

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.middlewares import MislabelledEncodingMiddleware, RedirectAwayMiddleware, RedirectedAway
from crawler.portals import get_portal

SITE = "http://www.site.test"
ARTICLE = SITE + "/index.php/post/{}.html"
TEXT = "<html><head><title>园区</title></head><body><p>园区签约项目321个。</p></body></html>"


def test_a_gbk_page_labelled_utf8_is_read_as_gbk_and_a_utf8_one_is_left_alone():
    middleware = MislabelledEncodingMiddleware()
    mislabelled = HtmlResponse(SITE, body=TEXT.encode("gbk"), headers={"Content-Type": "text/html; charset=utf-8"})
    fixed = middleware.process_response(Request(SITE), mislabelled)
    assert fixed.encoding == "gb18030" and "园区签约项目321个" in fixed.text
    utf8 = HtmlResponse(SITE, body=TEXT.encode("utf-8"), headers={"Content-Type": "text/html; charset=UTF-8"})
    assert middleware.process_response(Request(SITE), utf8) is utf8
    declared = HtmlResponse(SITE, body=TEXT.encode("gbk"), headers={"Content-Type": "text/html; charset=gbk"})
    assert middleware.process_response(Request(SITE), declared) is declared
    binary = Response(SITE + "/a.jpg", body=b"\xff\xd8\xff")
    assert middleware.process_response(Request(SITE), binary) is binary


def a_middleware():
    crawler = SimpleNamespace(settings=Settings())
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = SimpleNamespace(allowed_domains=["site.test"], portal=get_portal("zhongnangaoke"))
    return RedirectAwayMiddleware.from_crawler(crawler), crawler.stats


def redirect(url: str, location: str | None, status: int = 302) -> Response:
    return Response(url, status=status, headers={"Location": location} if location is not None else {})


def article_request(post_id: int) -> Request:
    return Request(ARTICLE.format(post_id), meta={"parknews_post_id": post_id})


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_off_the_site_stops_the_request_and_says_where_it_pointed(status):
    middleware, stats = a_middleware()
    with pytest.raises(RedirectedAway, match=r"^redirected off the site to http://evil\.example/post/1\.html$"):
        middleware.process_response(article_request(1), redirect(ARTICLE.format(1), "http://evil.example/post/1.html",
                                                                 status))
    assert stats.get_value("parknews/redirected_away") == 1


def test_a_host_that_only_ends_like_the_site_is_another_site():
    middleware, _ = a_middleware()
    with pytest.raises(RedirectedAway, match="off the site"):
        middleware.process_response(Request(SITE + "/"), redirect(SITE + "/", "http://notsite.test/"))


def test_an_article_redirected_to_another_article_is_stopped_and_to_itself_followed():
    middleware, stats = a_middleware()
    with pytest.raises(RedirectedAway, match=r"^redirected to http://www\.site\.test/index\.php/post/2\.html, not this"):
        middleware.process_response(article_request(1), redirect(ARTICLE.format(1), "/index.php/post/2.html"))
    moved = redirect(ARTICLE.format(1), "https://site.test/index.php/post/1.html")      # https, bare domain
    assert middleware.process_response(article_request(1), moved) is moved
    assert stats.get_value("parknews/redirected_away") == 1


def test_a_listing_redirected_within_the_site_is_followed():
    middleware, stats = a_middleware()
    moved = redirect(SITE + "/index.php/category-2.html", "/index.php/category-2_1.html")
    assert middleware.process_response(Request(SITE + "/index.php/category-2.html"), moved) is moved
    assert stats.get_value("parknews/redirected_away") is None


def test_a_location_that_is_no_url_stops_the_request():
    middleware, stats = a_middleware()
    with pytest.raises(RedirectedAway, match=r"^redirected to 'http://\[oops', which is not a URL$"):
        middleware.process_response(article_request(1), redirect(ARTICLE.format(1), "http://[oops"))
    assert stats.get_value("parknews/redirected_away") == 1


def test_answers_that_are_no_redirect_pass_untouched():
    middleware, stats = a_middleware()
    for response in (Response(ARTICLE.format(1), status=200, headers={"Location": "http://evil.example/"}),
                     redirect(ARTICLE.format(1), None), Response(ARTICLE.format(1), status=404),
                     redirect(ARTICLE.format(1), "http://evil.example/", status=304)):
        assert middleware.process_response(article_request(1), response) is response
    assert stats.get_value("parknews/redirected_away") is None


def test_a_spider_without_allowed_domains_follows_redirects_anywhere_but_still_guards_articles():
    middleware, _ = a_middleware()
    middleware.crawler.spider.allowed_domains = []
    away = redirect(SITE + "/", "http://elsewhere.test/")
    assert middleware.process_response(Request(SITE + "/"), away) is away
    with pytest.raises(RedirectedAway, match="not this article"):
        middleware.process_response(article_request(1), redirect(ARTICLE.format(1), "http://elsewhere.test/index.php/post/3.html"))
