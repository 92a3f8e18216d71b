"""Store items in SQLite: articles in batches, view observations, deletions, and rejects."""

from scrapy import signals

from crawler import storage
from crawler.items import ArticleGone, ArticleItem, ListingObservation


class SQLiteStorePipeline:
    stores_items = True  # a reparse runs every pipeline but this one (crawler.reparse)

    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("SQLITE_PATH")
        self.batch_size = max(1, crawler.settings.getint("SQLITE_BATCH_SIZE", 20))
        self.retention = crawler.settings.get("PAGES_RETENTION", "latest")
        self.db = None
        self.articles: list[dict] = []
        self.pages: list[dict] = []
        self.observations: list[dict] = []
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.db = storage.connect(self.path)

    def close_spider(self):
        self.flush()
        self.db.conn.close()

    def process_item(self, item):
        if isinstance(item, ArticleItem):
            self.articles.append({k: v for k, v in item.items() if k != "body"})  # not the parsed tree
            if item.get("page"):
                self.pages.append(item["page"])
        elif isinstance(item, ListingObservation):
            self.observations.append(dict(item))
        elif isinstance(item, ArticleGone):
            self.flush()
            if storage.mark_gone(self.db, item["url"], item.get("observed_at")):
                self.crawler.stats.inc_value("parknews/articles/deleted")
            return item
        if len(self.articles) >= self.batch_size or len(self.observations) >= self.batch_size * 10:
            self.flush()
        return item

    def flush(self):
        stats = self.crawler.stats
        if self.articles or self.pages:
            batch, self.articles = self.articles, []
            pages, self.pages = self.pages, []
            with storage.write_transaction(self.db):  # an article and its page land together
                outcome = storage.upsert_articles(self.db, batch)
                stats.inc_value("parknews/pages_stored", storage.store_pages(self.db, pages, self.retention))
            for name, count in outcome.items():
                stats.inc_value(f"parknews/articles/{name}", count)
        if self.observations:
            batch, self.observations = self.observations, []
            stats.inc_value("parknews/views_observed", storage.record_views(self.db, batch))

    def item_dropped(self, item, response, exception, spider=None):
        if self.db is None:
            return
        excerpt = reject_excerpt(item) if isinstance(item, ArticleItem) else None
        storage.record_reject(self.db, item.get("url"), str(exception),
                              self.crawler.stats.get_value("parknews/run_id"), excerpt)
        if isinstance(item, ArticleItem) and item.get("page"):
            self.pages.append(item["page"])  # kept, so that a fixed rule can rescue it
        self.crawler.stats.inc_value("parknews/rejected")


def reject_excerpt(item: ArticleItem, limit: int = 2000) -> str | None:
    """What a reject keeps to read: the body container's HTML, else the start of the page.
    Serialised here, for the rare dropped item, not for every article on the crawl's hot path."""
    if item.get("body") is not None:
        return item["body"].get()[:limit]
    page = item.get("page")
    if page:
        return page["body"][: limit * 4].decode(page.get("encoding") or "utf-8", "replace")[:limit]
    return None
