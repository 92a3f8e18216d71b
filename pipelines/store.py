"""Store items in SQLite: articles and their pages in batches, view observations, deletions, and rejects.

A batch that fails is never lost: when the database itself is the problem (locked past the busy
timeout, full, read-only) the batch stays in memory and is written at the next flush; when one
article is the problem (a value SQLite refuses), the batch is written article by article and only
that article goes to ``rejects``, with the reason and its page.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter

import lxml.html
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler import storage
from crawler.facts.store import write_articles
from crawler.items import ArticleGone, ArticleItem, ListingObservation

logger = logging.getLogger(__name__)
# Articles kept in memory while the database refuses writes; past this the crawl stops (storage_failed).
MAX_PENDING_BATCHES = 50
# Attempts of the last flush before giving up (each waits up to the busy timeout).
FINAL_ATTEMPTS = 3
# A generic read of an article its theme read shares at least this much of its text with the stored one.
SAME_ARTICLE_SHARE = 0.5


class SQLiteStorePipeline:
    stores_items = True  # re-extraction runs every pipeline but this one (crawler.reparse)

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = crawler.settings.get("SQLITE_PATH")
        self.timeout = crawler.settings.getfloat("SQLITE_TIMEOUT", storage.BUSY_TIMEOUT_SECONDS)
        self.batch_size = max(1, crawler.settings.getint("SQLITE_BATCH_SIZE", 20))
        self.retention = crawler.settings.get("PAGES_RETENTION", "latest")
        self.db = None
        self.pending: list[tuple[dict | None, dict | None]] = []   # (article row item, its page)
        self.observations: list[dict] = []
        self.rejects: list[dict] = []
        self.closing = False
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.db = storage.open_for_writing(self.path, timeout=self.timeout, min_free_bytes=0)

    def close_spider(self):
        for _ in range(FINAL_ATTEMPTS):
            if self.flush():
                break
        unsaved = [article["url"] for article, _ in self.pending if article]
        if unsaved or self.rejects:
            self.stats.set_value("parknews/articles/unsaved", len(unsaved))
            logger.error("Could not store %d articles and %d rejects: the database refused every write; they are "
                         "not in the database and the next run fetches them again: %s",
                         len(unsaved), len(self.rejects), ", ".join(unsaved[:20]))
        self.db.conn.close()

    def process_item(self, item):
        if isinstance(item, ArticleItem):
            self._refuse_a_stranger(item)
            article = {k: v for k, v in item.items() if k not in ("body", "page")}  # not the parsed tree
            self.pending.append((article, item.get("page")))
        elif isinstance(item, ListingObservation):
            self.observations.append(dict(item))
        elif isinstance(item, ArticleGone):
            self.flush()
            try:
                if storage.mark_gone(self.db, item["portal"], item["post_id"], item.get("observed_at")):
                    self.stats.inc_value("parknews/articles/deleted")
            except Exception as error:
                logger.error("Could not mark article %s as deleted: %r", item["post_id"], error)
            return item
        if sum(1 for a, _ in self.pending if a) >= self.batch_size or len(self.observations) >= self.batch_size * 10:
            self.flush()
        return item

    def _refuse_a_stranger(self, item: ArticleItem) -> None:
        """A page the theme no longer reads, read generically, replaces an article its theme read only when it
        is still that article: a page whose text shares little with the stored one (a login wall, a placeholder,
        an error page in words nobody listed) is dropped, and the stored article kept."""
        if item.get("extraction_method") != "generic" or not item.get("body_text"):
            return
        try:
            stored = self.db.execute("SELECT body_text, extraction_method FROM articles WHERE portal IS ? AND post_id = ?",
                                     [item.get("portal"), item.get("post_id")]).fetchone()
        except sqlite3.Error:   # a database that cannot be read now: the write will say so, the item is kept
            return
        if not stored or stored[1] != "theme" or not stored[0]:
            return
        share = shared_text(item["body_text"], stored[0])
        if share < SAME_ARTICLE_SHARE:
            item["reject_kind"] = "parse"
            raise DropItem(f"read generically, the page shares {share:.0%} of its text with the stored article: "
                           "kept the stored one")

    def flush(self) -> bool:
        """Write what is pending; True when nothing is left pending."""
        done = self._write_rejects() and self._write_articles() and self._write_observations()
        if not done and len(self.pending) > self.batch_size * MAX_PENDING_BATCHES and not self.closing:
            self.closing = True
            logger.error("The database has refused writes for %d articles; stopping the crawl", len(self.pending))
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="storage_failed"))
        return done

    def _write_articles(self) -> bool:
        if not self.pending:
            return True
        try:
            self._count(self._write(self.pending))
            self.pending = []
            return True
        except Exception as error:
            if storage.is_database_failure(error):
                return self._database_refused(error)
        # One article is the problem: write them one at a time, reject only what fails alone.
        while self.pending:
            entry = self.pending[0]
            try:
                self._count(self._write([entry]))
            except Exception as error:
                if storage.is_database_failure(error):
                    return self._database_refused(error)
                if not self._reject_unstorable(entry, error):
                    return False
            self.pending.pop(0)
        return True

    def _write(self, entries) -> Counter:
        articles = [article for article, _ in entries if article]
        with storage.write_transaction(self.db):  # an article, its page and its facts land together
            outcome = write_articles(self.db, articles)
            stored = storage.store_pages(self.db, [page for _, page in entries if page], self.retention)
        self.stats.inc_value("parknews/pages_stored", stored)
        return outcome

    def _count(self, outcome: Counter) -> None:
        for name, count in outcome.items():
            self.stats.inc_value(f"parknews/articles/{name}", count)

    def _database_refused(self, error: Exception) -> bool:
        self.stats.inc_value("parknews/storage_retries")
        logger.warning("The database refused a write (%s); %d articles kept to write at the next flush",
                       error, sum(1 for a, _ in self.pending if a))
        return False

    def _reject_unstorable(self, entry, error: Exception) -> bool:
        article, page = entry
        logger.error("Could not store %s: %r", article["url"] if article else page["url"], error)
        try:
            with storage.write_transaction(self.db):
                storage.record_reject(self.db, (article or page)["url"], f"storage failed: {error!r}"[:500],
                                      self.stats.get_value("parknews/run_id"), portal=(article or page).get("portal"),
                                      post_id=(article or page).get("post_id"), kind="storage")
                if page:
                    storage.store_pages(self.db, [{**page, "rejected": True}], self.retention)
        except Exception as failure:
            if storage.is_database_failure(failure):
                return self._database_refused(failure)
            raise
        self.stats.inc_value("parknews/rejected")
        return True

    def _write_observations(self) -> bool:
        if not self.observations:
            return True
        try:
            self.stats.inc_value("parknews/views_observed", storage.record_views(self.db, self.observations))
        except Exception as error:
            if storage.is_database_failure(error):
                return self._database_refused(error)
            logger.warning("Dropped %d view observations: %r", len(self.observations), error)
        self.observations = []
        return True

    def _write_rejects(self) -> bool:
        while self.rejects:
            try:
                storage.record_reject(self.db, **self.rejects[0])
            except Exception as error:
                if storage.is_database_failure(error):
                    return self._database_refused(error)
                raise
            self.rejects.pop(0)
        return True

    def item_dropped(self, item, response, exception, spider=None):
        if self.db is None:
            return
        if isinstance(item, ArticleItem):
            self.rejects.append({
                "url": item.get("url"), "reason": str(exception), "run_id": self.stats.get_value("parknews/run_id"),
                "excerpt": reject_excerpt(item), "portal": item.get("portal"), "post_id": item.get("post_id"),
                "kind": item.get("reject_kind") or ("parse" if str(exception).startswith("cleaning") else "invalid"),
            })
            if item.get("page"):
                self.pending.append((None, {**item["page"], "rejected": True}))  # kept: a fixed rule can rescue it
            self.stats.inc_value("parknews/rejected")
        self._write_rejects()


def shared_text(text: str, stored: str) -> float:
    """The share of ``text``'s character pairs (spaces aside) that ``stored`` holds too."""
    def pairs(value: str) -> set[str]:
        flat = "".join(value.split())
        return {flat[i:i + 2] for i in range(len(flat) - 1)}

    mine = pairs(text)
    return len(mine & pairs(stored)) / len(mine) if mine else 1.0


def reject_excerpt(item: ArticleItem, limit: int = 2000) -> str | None:
    """What a reject keeps to read: the body container's HTML as the page has it, else the start of the page
    (also for a generic body, which is a trimmed copy, not the page's markup). Serialised here, for the rare
    dropped item, not for every article on the crawl's hot path."""
    if item.get("body") is not None and item.get("extraction_method") != "generic":
        return lxml.html.tostring(item["body"], encoding="unicode")[:limit]
    page = item.get("page")
    if page:
        return page["body"][: limit * 4].decode(page.get("encoding") or "utf-8", "replace")[:limit]
    return None
