"""Item pipelines, one concern each: clean the body, normalise the date, validate, store.

Every pipeline but the store is built from the portal, the stats and the settings alone
(``ArticlePipeline``), so that re-extraction outside a crawl runs the same ones, in the same order.
"""

from __future__ import annotations


class ArticlePipeline:
    """A pipeline that needs only the portal (None for a page of no known portal), stats and settings."""

    stores_items = False  # re-extraction runs every pipeline but the ones that store

    def __init__(self, portal, stats, settings):
        self.portal = portal
        self.stats = stats
        self.settings = settings

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.spider.portal, crawler.stats, crawler.settings)
