"""Downloader middlewares: mislabelled encodings, and redirects that leave the site."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse

from crawler.pages import charset_of


class MislabelledEncodingMiddleware:
    """Re-decode pages whose header says UTF-8 but whose bytes are GBK (Scrapy would store mojibake).

    GB2312 and GBK are decoded as GB18030, their superset.
    """

    def process_response(self, request, response, spider=None):
        if not isinstance(response, TextResponse) or response.encoding.lower().replace("-", "") != "utf8":
            return response
        charset = charset_of(response.body)
        return response if charset == "utf-8" else response.replace(encoding=charset)


class RedirectedOffSite(IgnoreRequest):
    """A page answered with a redirect to another site."""


class OffSiteRedirectMiddleware:
    """Stop at a redirect that leaves the crawl's domain, and say where it pointed.

    Scrapy's offsite check would drop the redirected request without a trace (and without calling
    the request's errback), so the article would be asked for again on every run. Raising here calls
    the errback, which records the page in ``rejects`` with the target. Runs before RedirectMiddleware
    sees the response (a higher priority number).
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
        target = urljoin(response.url, location.decode("latin-1").strip())
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        host = (urlsplit(target).hostname or "").lower()
        if domains and not any(host == domain or host.endswith("." + domain) for domain in domains):
            self.crawler.stats.inc_value("parknews/redirected_off_site")
            raise RedirectedOffSite(f"redirected off the site to {target[:500]}")
        return response
