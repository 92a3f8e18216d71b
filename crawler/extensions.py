"""Extensions: the guard that checks the database before anything is fetched, the run record, and
progress lines on long crawls."""

from __future__ import annotations

import logging
import sys

from scrapy import exceptions as scrapy_errors
from scrapy import signals
from scrapy.extensions.logstats import LogStats
from scrapy.utils.asyncio import create_looping_call
from twisted.internet import error as net_errors

from crawler import locks, runs, storage
from crawler.progress import on_terminal

logger = logging.getLogger(__name__)
EXIT_STORAGE = 73  # EX_CANTCREAT: the database cannot be written


def fail(message: str, code: int) -> None:
    """One line on stderr (cron mails it) and the exit status, before any request is made."""
    print(f"parknews: {message}", file=sys.stderr)
    sys.exit(code)


class CrawlGuard:
    """Before the first request: hold this portal's lock on the database (a second run of the same
    portal exits 75), and make sure the database can be written — a read-only file or folder, a full
    disk, a file that is not a database or has a newer schema stop the crawl here, exit 73."""

    def __init__(self, crawler):
        path = crawler.settings.get("SQLITE_PATH")
        portal = crawler.spider.portal.name
        try:
            self.lock = locks.acquire(path, portal)
        except locks.LockedError as error:
            fail(f"{error}; not starting a second {portal} crawl", locks.EXIT_LOCKED)
        except OSError as error:
            fail(f"cannot write next to the database {path}: {error.strerror} ({error.filename})", EXIT_STORAGE)
        try:
            storage.open_for_writing(path, timeout=crawler.settings.getfloat("SQLITE_TIMEOUT"),
                                     min_free_bytes=int(crawler.settings.getfloat("SQLITE_MIN_FREE_MB") * 2**20)
                                     ).conn.close()
        except storage.StorageError as error:
            fail(f"cannot use the database: {error}", EXIT_STORAGE)

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


class RunRecord:
    """Every crawl gets a crawl_runs row when it opens, completed from its stats when it closes,
    and ends its log with one summary line (and why, when no listing page could be read)."""

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
        db = storage.open_for_writing(self.path, min_free_bytes=0)
        try:
            self.run_id = storage.open_run(db, spider.mode, spider.run_arguments, spider.portal.name)
        finally:
            db.conn.close()
        self.crawler.stats.set_value("parknews/run_id", self.run_id)

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats
        stats.set_value("parknews/peak_memory_bytes", peak_memory_bytes())
        if stats.get_value("parknews/articles/unsaved"):
            reason = "storage_failed"
        # a portal that reads unknown themes generically by design is never judged for template drift
        drift_share = self.drift_share if spider.portal.expects_theme else 1.0
        fields = runs.run_fields(stats.get_stats(), reason, drift_share)
        run = {"id": self.run_id, "mode": spider.mode, "portal": spider.portal.name, **fields}
        if self.run_id is not None:
            try:
                db = storage.open_for_writing(self.path, min_free_bytes=0)
                try:
                    storage.close_run(db, self.run_id, fields)
                finally:
                    db.conn.close()
            except Exception as error:
                logger.error("Could not record the end of run %s: %s", self.run_id, error)
        logger.info("parknews: %s", runs.summary_line(run))
        if not fields["listing_pages"] and reason == "finished":
            logger.error("parknews: no listing page could be read: %s",
                         fields["failure"] or "the site answered nothing the portal recognises as a listing")


class ProgressLog(LogStats):
    """Scrapy's per-minute LogStats line, with what the run has stored so far; on a terminal (no
    LOG_FILE, stderr a TTY) also a progress bar with the counts, and for a ``since=`` backfill the share
    of the date range walked and an ETA. Under cron or with output redirected: the lines only."""

    def __init__(self, crawler, interval: float):
        super().__init__(crawler.stats, interval)
        self.crawler = crawler
        self.bar = None

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler, crawler.settings.getfloat("LOGSTATS_INTERVAL") or 60.0)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        super().spider_opened(spider)
        if self.crawler.settings.get("LOG_FILE") or not on_terminal():
            return
        from tqdm import tqdm

        backfill = getattr(spider, "since", None) is not None
        self.bar = tqdm(total=100 if backfill else None, desc="Backfill" if backfill else "Crawl",
                        unit="%" if backfill else " articles", dynamic_ncols=True,
                        bar_format=("{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining} {postfix}" if backfill
                                    else "{desc}: {n} articles [{elapsed}, {rate_fmt}] {postfix}"))
        self._streams = above_the_bar(self.bar)
        self._refresh_task = create_looping_call(self.refresh, spider)
        self._refresh_task.start(1.0)

    def refresh(self, spider) -> None:
        value = self.stats.get_value
        stored = sum(value(f"parknews/articles/{k}", 0) for k in ("new", "updated", "unchanged"))
        share = spider.backfill_progress() if self.bar.total else None
        self.bar.n = round(100 * share) if share is not None else stored
        self.bar.set_postfix_str(f"{value('parknews/listing_pages', 0)} listing pages, "
                                 f"{value('parknews/articles/new', 0)} new, {value('parknews/articles/updated', 0)} "
                                 f"updated, {value('parknews/rejected', 0)} rejected", refresh=True)

    def spider_closed(self, spider, reason: str) -> None:
        super().spider_closed(spider, reason)
        if self.bar is not None:
            if self._refresh_task.running:
                self._refresh_task.stop()
            self.refresh(spider)
            if reason == "finished" and self.bar.total:
                self.bar.n = self.bar.total    # the walk is complete, whatever the estimate said
            self.bar.close()
            for handler, stream in self._streams:
                handler.stream = stream

    def log(self, spider) -> None:
        self.calculate_stats()
        value = self.stats.get_value
        logger.info("Progress: %d pages (%d/min), %d new, %d updated, %d unchanged, %d rejected",
                    self.pages, self.prate, value("parknews/articles/new", 0), value("parknews/articles/updated", 0),
                    value("parknews/articles/unchanged", 0), value("parknews/rejected", 0), extra={"spider": spider})


class _AboveTheBar:
    """A log stream that prints each record above a progress bar instead of through it."""

    def __init__(self, bar, stream):
        self.bar, self.stream = bar, stream

    def write(self, text: str) -> None:
        self.bar.write(text.rstrip("\n"), file=self.stream)

    def flush(self) -> None:
        self.stream.flush()


def above_the_bar(bar) -> list:
    """Route the root logger's terminal handlers (Scrapy's, with their levels and format) above ``bar``;
    returns (handler, original stream) pairs to restore."""
    routed = []
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler) and handler.stream in (sys.stderr, sys.stdout):
            routed.append((handler, handler.stream))
            handler.stream = _AboveTheBar(bar, handler.stream)
    return routed


# Failures of the network, not of the code: their message says all, a traceback adds pages of noise.
NETWORK_ERRORS = (net_errors.ConnectError, net_errors.DNSLookupError, net_errors.TimeoutError,
                  scrapy_errors.DownloadConnectionRefusedError, scrapy_errors.CannotResolveHostError,
                  scrapy_errors.DownloadTimeoutError, scrapy_errors.DownloadFailedError,
                  scrapy_errors.ResponseDataLossError)


class NetworkErrorsInOneLine(logging.Filter):
    """Drop the traceback from log records about a network failure (robots.txt of an unreachable site
    logs one per request otherwise); the line itself, with the error's text, stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        while error is not None and not isinstance(error, NETWORK_ERRORS):
            error = error.__cause__
        if error is not None:
            record.exc_info, record.exc_text = None, None
        return True


class QuietNetworkErrors:
    """Installs NetworkErrorsInOneLine on the loggers of Scrapy's components that log download failures."""

    LOGGERS = ("scrapy.downloadermiddlewares.robotstxt", "scrapy.core.scraper", "scrapy.core.engine")

    def __init__(self):
        self.filter = NetworkErrorsInOneLine()
        for name in self.LOGGERS:
            logging.getLogger(name).addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler):
        return cls()
