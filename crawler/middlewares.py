"""Downloader middlewares: mislabelled encodings, and redirects that leave the site."""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse

from crawler.pages import charset_of
from crawler.urls import link_url


class MislabelledEncodingMiddleware:
    """Re-decode pages whose header says UTF-8 but whose bytes are GBK (Scrapy would store mojibake).

    GB2312 and GBK are decoded as GB18030, their superset.
    """

    def process_response(self, request, response, spider=None):
        if not isinstance(response, TextResponse) or response.encoding.lower().replace("-", "") != "utf8":
            return response
        charset = charset_of(response.body)
        return response if charset == "utf-8" else response.replace(encoding=charset)


class RedirectedAway(IgnoreRequest):
    """A page answered with a redirect to another site, or (an article) to another article."""


class RedirectAwayMiddleware:
    """Stop at a redirect that leaves the crawl's domain, or that sends an article request to another
    article, and say where it pointed.

    Scrapy would drop such a redirected request without a trace and without calling the request's
    errback: the offsite check filters another site, the duplicate filter an article already asked
    for. The article would then be asked for again on every run. Raising here calls the errback,
    which records the page in ``rejects`` with the target. Runs before RedirectMiddleware sees the
    response (a higher priority number).
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        location = response.headers.get(b"Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = link_url(response.url, location.decode("latin-1"))
        if not target:
            self.crawler.stats.inc_value("parknews/redirected_away")
            raise RedirectedAway(f"redirected to {location.decode('latin-1')[:500]!r}, which is not a URL")
        spider = self.crawler.spider
        domains = getattr(spider, "allowed_domains", None) or []
        host = (urlsplit(target).hostname or "").lower()
        if domains and not any(host == domain or host.endswith("." + domain) for domain in domains):
            self.crawler.stats.inc_value("parknews/redirected_away")
            raise RedirectedAway(f"redirected off the site to {target[:500]}")
        post_id = request.meta.get("parknews_post_id")
        if post_id is not None and spider.portal.post_id(target) != post_id:
            self.crawler.stats.inc_value("parknews/redirected_away")
            raise RedirectedAway(f"redirected to {target[:500]}, not this article")
        return response
