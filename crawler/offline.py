"""The crawl's article path without a crawl: read a page's bytes, then run every item pipeline but storage.

``crawler.reparse`` (stored pages) and ``crawler.extract`` (saved files) use it, so a page gives
the same article there as in a crawl: the same parser, the same generic fallback, the same cleaning,
dates and validation, in the order ``ITEM_PIPELINES`` gives.
"""

from __future__ import annotations

from datetime import datetime

from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from crawler.article import read_article
from crawler.dates import as_shanghai
from crawler.items import ArticleItem
from crawler.pages import ParsedPage, decode_html, parse_html
from crawler.portals.contract import ArticleParser, Portal
from crawler.runs import Tally


def project_settings(overrides: dict | None = None) -> Settings:
    """The project's settings (crawler.settings), whatever the current directory, with overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def item_pipelines(settings: Settings) -> list[type]:
    """The configured item pipeline classes, in their order."""
    ordered = sorted((order, path) for path, order in settings.getwithbase("ITEM_PIPELINES").items() if order is not None)
    return [load_object(path) for _, path in ordered]


class Reextractor:
    """Re-reads pages for one portal (None: pages of no known portal, read by the generic extractor)."""

    def __init__(self, portal: Portal | None = None, settings: dict | Settings | None = None):
        self.settings = settings if isinstance(settings, Settings) else project_settings(settings)
        self.portal = portal
        self.stats = Tally()
        self.max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        self.generic_fallback = self.settings.getbool("GENERIC_FALLBACK", True)
        self.pipelines = [cls(portal, self.stats, self.settings) for cls in item_pipelines(self.settings)
                          if not getattr(cls, "stores_items", False)]

    def extract(self, url: str, body: bytes, fetched_at: datetime, encoding: str | None = None,
                feed_published: str | None = None, post_id: int | None = None,
                parser: ArticleParser | None = None, stored: bool = True) -> tuple[ArticleItem | None, str | None]:
        """(item, None) for a storable article, (item or None, reason) for a page that is not one.

        The parser defaults to the portal's version valid when the page was fetched. ``stored=False``
        reads a page that will not be stored (a saved file): it needs no article id then."""
        if self.max_size and len(body) > self.max_size:
            return None, f"page of {len(body)} bytes is larger than DOWNLOAD_MAXSIZE ({self.max_size})"
        return self.extract_parsed(url, parse_html(_decode(body, encoding)), fetched_at, feed_published, post_id,
                                   parser, stored)

    def extract_parsed(self, url: str, page: ParsedPage, fetched_at: datetime, feed_published: str | None = None,
                       post_id: int | None = None, parser: ArticleParser | None = None,
                       stored: bool = True) -> tuple[ArticleItem | None, str | None]:
        """``extract`` for a page already parsed."""
        fetched_at = as_shanghai(fetched_at)
        if self.portal is not None:
            parser = parser or self.portal.parsers.at(fetched_at)
            post_id = post_id if post_id is not None else self.portal.post_id(url)
        item = read_article(page, url, post_id, fetched_at,
                            portal_name=self.portal.name if self.portal and stored else None, parser=parser,
                            generic_fallback=self.generic_fallback)
        item["feed_published"] = feed_published
        if item.get("reject_reason"):
            return item, item["reject_reason"]
        self.stats.inc_value(f"parknews/extraction/{item['extraction_method']}")
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item)
        except DropItem as dropped:
            return item, str(dropped)
        return item, None


def _decode(body: bytes, encoding: str | None) -> str:
    if encoding:
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_html(body)
