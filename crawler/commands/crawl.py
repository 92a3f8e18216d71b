"""``scrapy crawl``, as Scrapy runs it, with an exit status that says whether the run failed.

Scrapy's own command exits 0 whenever the crawl could start. This one exits 1 when the run did not
finish (storage failed, cancelled) or read no listing page (the site was unreachable), so that a
hand-started crawl fails visibly too; logged errors alone are left to the cron wrapper's judgement.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader

from crawler import runs

EXIT_USAGE = 2


class Command(ScrapyCrawl):
    def process_options(self, args, opts):
        """Check the spider's -a arguments before Scrapy starts: a mistake is one line and exit 2."""
        super().process_options(args, opts)
        if len(args) != 1:
            return
        try:
            spidercls = get_spider_loader(self.settings).load(args[0])
        except KeyError:
            return  # Scrapy says so itself
        check = getattr(spidercls, "parse_arguments", None)
        if check is not None:
            try:
                check(**opts.spargs)
            except ValueError as error:
                print(f"parknews: {error}", file=sys.stderr)
                sys.exit(EXIT_USAGE)

    def run(self, args, opts):
        if len(args) != 1:
            raise UsageError("give exactly one spider name")
        crawler = self.crawler_process.create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        run = run_of(crawler)
        # Limits the user set (CLOSESPIDER_ITEMCOUNT, _TIMEOUT …) end a run early on purpose: not a failure.
        if not str(run["finish_reason"]).startswith("closespider_") and runs.judge(run, max_errors=None):
            self.exitcode = 1


def run_of(crawler) -> dict:
    """The fields ``runs.judge`` reads, from a finished crawler's stats."""
    stats = crawler.stats.get_stats()
    return {"mode": getattr(crawler.spider, "mode", None),
            "finish_reason": "storage_failed" if stats.get("parknews/articles/unsaved") else stats.get("finish_reason"),
            "listing_pages": stats.get("parknews/listing_pages", 0)}
