"""The run record: every crawl gets a crawl_runs row when it opens, completed from the stats when it closes."""

import fcntl
import json
import os
import sys
from pathlib import Path

from scrapy import signals

from crawler import storage

EXIT_LOCKED = 75  # EX_TEMPFAIL: another crawl is running; try again later


class CrawlLock:
    """One crawl per database: a second ``scrapy crawl`` on the same SQLite file exits 75 with a message.

    The lock is an flock on ``<database>.lock``; the kernel releases it when the process ends,
    however it ends, so a killed crawl never leaves a stale lock behind.
    """

    def __init__(self, crawler):
        path = Path(crawler.settings.get("SQLITE_PATH")).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path.with_name(path.name + ".lock")
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "unknown"
            print(f"parknews: another crawl (pid {holder}) is writing {path}; not starting a second one",
                  file=sys.stderr)
            sys.exit(EXIT_LOCKED)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)


def peak_memory_bytes() -> int | None:
    """This process's peak resident memory (Linux VmHWM). Scrapy's memusage/max reads ru_maxrss,
    which Linux carries over from a parent across exec, so it can report the launcher's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def run_summary(stats: dict, finish_reason: str, drift_share: float) -> dict:
    """The crawl_runs fields for a finished crawl, from its Scrapy stats."""
    prefix = "downloader/response_status_count/"
    status_counts = {key[len(prefix):]: value for key, value in stats.items() if key.startswith(prefix)}
    articles = sum(stats.get(f"parknews/articles/{k}", 0) for k in ("new", "updated", "unchanged"))
    generic = stats.get("parknews/extraction/generic", 0)
    return {
        "finish_reason": finish_reason,
        "pages_fetched": stats.get("response_received_count", 0),
        "listing_pages": stats.get("parknews/listing_pages", 0),
        "articles_new": stats.get("parknews/articles/new", 0),
        "articles_updated": stats.get("parknews/articles/updated", 0),
        "articles_unchanged": stats.get("parknews/articles/unchanged", 0),
        "articles_deleted": stats.get("parknews/articles/deleted", 0),
        "items_rejected": stats.get("parknews/rejected", 0),
        "errors": stats.get("log_count/ERROR", 0),
        "status_counts": json.dumps(status_counts, sort_keys=True),
        "generic_extractions": generic,
        "template_drift": int(articles > 0 and generic / articles > drift_share),
        "stats": json.dumps(stats, default=str, ensure_ascii=False, sort_keys=True),
    }


class RunRecord:
    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("SQLITE_PATH")
        self.drift_share = crawler.settings.getfloat("TEMPLATE_DRIFT_SHARE", 0.2)
        self.run_id = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        db = storage.connect(self.path)
        try:
            self.run_id = storage.open_run(db, getattr(spider, "mode", "full"), getattr(spider, "run_arguments", {}))
        finally:
            db.conn.close()
        self.crawler.stats.set_value("parknews/run_id", self.run_id)

    def spider_closed(self, spider, reason):
        if self.run_id is None:
            return
        self.crawler.stats.set_value("parknews/peak_memory_bytes", peak_memory_bytes())
        stats = self.crawler.stats.get_stats()
        summary = run_summary(stats, reason, self.drift_share)
        db = storage.connect(self.path)
        try:
            storage.close_run(db, self.run_id, summary)
        finally:
            db.conn.close()
        spider.logger.info("Run %s recorded: %s, %s new, %s updated, %s unchanged, %s rejected, %s errors",
                           self.run_id, reason, summary["articles_new"], summary["articles_updated"],
                           summary["articles_unchanged"], summary["items_rejected"], summary["errors"])
