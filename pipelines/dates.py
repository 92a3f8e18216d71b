"""Normalise the publication date: the feed's pubDate when there is one, else the printed date."""

from crawler.dates import DEFAULT_UNITS, DateParser, as_shanghai, parse_rfc822
from crawler.items import ArticleItem
from pipelines import ArticlePipeline


class PublishedDatePipeline(ArticlePipeline):
    def __init__(self, portal, stats, settings):
        super().__init__(portal, stats, settings)
        self.parser = DateParser(portal.date_units if portal is not None else DEFAULT_UNITS)

    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.get("reject_reason"):
            return item
        fetched_at = as_shanghai(item["fetched_at"])
        from_feed = parse_rfc822(item.get("feed_published") or "")
        if from_feed and from_feed <= fetched_at:
            item["published_at"] = from_feed.isoformat(timespec="seconds")
            item["published_precision"] = "second"
            item.setdefault("published_raw", None)
            self.stats.inc_value("parknews/dates/from_feed")
            return item
        parsed = self.parser.parse(item.get("published_raw"), fetched_at)  # never raises
        item["published_at"] = parsed.iso
        item["published_precision"] = parsed.precision
        self.stats.inc_value(f"parknews/dates/{parsed.precision or 'unparsed'}")
        return item
