"""Normalise the publication date: the feed's pubDate when there is one, else the printed date."""

from crawler.dates import DateParser, as_shanghai, parse_rfc822
from crawler.items import ArticleItem


class PublishedDatePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.parser = None  # one per crawl, built when the spider (and its portal's date units) is known

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.parser = DateParser(self.crawler.spider.portal.date_units)

    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.get("reject_reason"):
            return item
        fetched_at = as_shanghai(item["fetched_at"])
        stats = self.crawler.stats
        from_feed = parse_rfc822(item.get("feed_published") or "")
        if from_feed and from_feed <= fetched_at:
            item["published_at"] = from_feed.isoformat(timespec="seconds")
            item["published_precision"] = "second"
            item.setdefault("published_raw", None)
            stats.inc_value("parknews/dates/from_feed")
            return item
        try:
            parsed = self.parser.parse(item.get("published_raw"), fetched_at)
        except Exception:  # an unreadable date is a missing date, not a lost article
            parsed = self.parser.parse("", fetched_at)
        item["published_at"] = parsed.iso
        item["published_precision"] = parsed.precision
        stats.inc_value(f"parknews/dates/{parsed.precision or 'unparsed'}")
        return item
