"""``python -m crawler.reparse``: re-extract stored articles from their stored pages, without the network.

It runs the spider's own ``parse_article`` and every item pipeline except the store, exactly as a
crawl does, on a parsel response built from the page bytes kept in ``pages``; relative dates
resolve against the page's own ``fetched_at``. Results go through the normal store path
(``article_versions`` and ``content_hash`` behave as in a crawl); views and deletion marks stay.

    python -m crawler.reparse --dry-run            # what would change, per field, with examples
    python -m crawler.reparse                      # apply, recorded in crawl_runs with mode 'reparse'
    python -m crawler.reparse --url URL --since 2024-01-01 --category 新闻中心
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, Request
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.project import get_project_settings

from crawler import storage
from crawler.dates import as_shanghai
from crawler.items import ArticleItem

# Columns a reparse compares and may change; views, first_seen_at, last_crawled_at and deleted_at stay.
FIELDS = ("title", "original_title", "author", "category", "tags", "published_at", "published_precision",
          "source", "body_text", "body_html", "images", "extraction_method")
KEEP = ("views", "deleted_at", "last_crawled_at")
BATCH = 100  # articles per write transaction


class Reextractor:
    """The crawl's parse-and-clean path, callable on stored bytes."""

    def __init__(self, spider_name: str = "zhongnangaoke", settings: dict | None = None):
        project = get_project_settings()
        # No downloads happen here, so no Twisted reactor is needed.
        project.setdict({"LOG_ENABLED": False, "TWISTED_REACTOR_ENABLED": False, **(settings or {})}, priority="cmdline")
        spidercls = SpiderLoader.from_settings(project).load(spider_name)
        self.crawler = Crawler(spidercls, project)
        self.crawler._apply_settings()  # noqa: SLF001 — builds stats, extensions (the crawl lock) as a crawl does
        self.crawler.spider = self.crawler._create_spider(mode="full")  # noqa: SLF001
        self.spider = self.crawler.spider
        ordered = sorted(project.getwithbase("ITEM_PIPELINES").items(), key=lambda pair: pair[1])
        self.pipelines = []
        for path, order in ordered:
            if order is None:
                continue
            pipeline = build_from_crawler(load_object(path), self.crawler)
            if getattr(pipeline, "stores_items", False):
                continue
            if hasattr(pipeline, "open_spider"):
                pipeline.open_spider()
            self.pipelines.append(pipeline)

    @property
    def stats(self):
        return self.crawler.stats

    def extract(self, url: str, body: bytes, fetched_at: datetime, encoding: str | None = None,
                feed_published: str | None = None) -> tuple[ArticleItem | None, str | None]:
        """(item, None) for a storable article, (item or None, reason) for a reject."""
        request = Request(url, meta={"fetched_at": as_shanghai(fetched_at)})
        response = HtmlResponse(url=url, body=body, encoding=encoding, request=request)
        produced = list(self.spider.parse_article(response, feed_published=feed_published))
        item = next((p for p in produced if isinstance(p, ArticleItem)), None)
        if item is None:
            return None, f"not an article page (status {response.status})"
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item)
        except DropItem as dropped:
            return item, str(dropped)
        return item, None


def select_pages(db, urls=(), since=None, category=None) -> list[dict]:
    """The latest stored page of each article (and of each rejected URL), filtered."""
    where, params = [], []
    if urls:
        where.append(f"p.url IN ({', '.join('?' for _ in urls)})")
        params.extend(urls)
    if since:
        where.append("p.url IN (SELECT url FROM articles WHERE published_at >= ?)")
        params.append(since)
    if category:
        where.append("p.url IN (SELECT url FROM articles WHERE category = ?)")
        params.append(category)
    sql = ("SELECT p.* FROM pages p WHERE p.id IN (SELECT max(id) FROM pages GROUP BY url)"
           + "".join(f" AND {clause}" for clause in where) + " ORDER BY p.id")
    return list(db.query(sql, params))


def _comparable(item: dict) -> dict:
    row = storage.article_row(item, "")
    return {field: row.get(field) for field in FIELDS}


def reparse(db, reextractor: Reextractor, pages: list[dict], dry_run: bool, examples: int = 3) -> dict:
    """Re-extract ``pages``; apply unless ``dry_run``. Returns a report of what changed."""
    changes, samples, outcome = Counter(), [], Counter()
    items = []
    for page in pages:
        item, reason = reextractor.extract(page["url"], storage.page_body(db, page["sha256"]),
                                           storage.parse_iso(page["fetched_at"]), page["encoding"])
        if reason:
            outcome["rejected"] += 1
            continue
        stored = list(db.query("SELECT * FROM articles WHERE url = ?", [item["url"]]))
        if not stored:
            outcome["rescued"] += 1
        else:
            before, after = {f: stored[0].get(f) for f in FIELDS}, _comparable(item)
            if after["published_at"] and storage.PRECISION_RANK[after["published_precision"]] <= \
                    storage.PRECISION_RANK[before["published_precision"]]:
                after["published_at"], after["published_precision"] = before["published_at"], before["published_precision"]
            for field in FIELDS:
                if before[field] != after[field]:
                    changes[field] += 1
                    if len([s for s in samples if s["field"] == field]) < examples:
                        samples.append({"url": item["url"], "field": field, "before": _short(before[field]),
                                        "after": _short(after[field])})
        item.pop("views", None)
        item.pop("body", None)  # the parsed tree is not needed any more: keep memory flat
        items.append(dict(item))
        if len(items) >= BATCH:
            _write(db, items, dry_run, outcome)
    _write(db, items, dry_run, outcome)
    return {"pages": len(pages), "changes": dict(changes), "examples": samples, **outcome}


def _write(db, items: list[dict], dry_run: bool, outcome: Counter) -> None:
    if items and not dry_run:
        for name, count in storage.upsert_articles(db, items, keep=KEEP).items():
            outcome[name] += count
    items.clear()


def _short(value, width: int = 80) -> str:
    text = "" if value is None else str(value).replace("\n", "⏎")
    return text if len(text) <= width else text[:width] + "…"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="SQLite file (default: the SQLITE_PATH setting)")
    parser.add_argument("--spider", default="zhongnangaoke")
    parser.add_argument("--url", action="append", default=[], help="only this article URL (repeatable)")
    parser.add_argument("--since", help="only articles published on or after YYYY-MM-DD")
    parser.add_argument("--category", help="only articles of this category name")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args(argv)

    settings = {"SQLITE_PATH": args.db} if args.db else {}
    reextractor = Reextractor(args.spider, settings)
    db = storage.connect(reextractor.crawler.settings.get("SQLITE_PATH"))
    pages = select_pages(db, args.url, args.since, args.category)
    run_id = None if args.dry_run else storage.open_run(db, "reparse", {k: v for k, v in vars(args).items()})
    report = reparse(db, reextractor, pages, args.dry_run, args.examples)
    if run_id is not None:
        storage.close_run(db, run_id, {
            "finish_reason": "finished", "pages_fetched": 0, "listing_pages": 0,
            "articles_new": report.get("new", 0), "articles_updated": report.get("updated", 0),
            "articles_unchanged": report.get("unchanged", 0), "articles_deleted": 0,
            "items_rejected": report.get("rejected", 0), "errors": 0, "status_counts": "{}",
            "stats": json.dumps(report, ensure_ascii=False),
        })
    print(f"{'Would re-extract' if args.dry_run else 'Re-extracted'} {report['pages']} pages: "
          f"{report.get('rescued', 0)} rescued from rejects, {report.get('rejected', 0)} still rejected"
          + ("" if args.dry_run else f", {report.get('updated', 0)} updated, {report.get('unchanged', 0)} unchanged"))
    for field, count in sorted(report["changes"].items()):
        print(f"  {field}: {count} articles would change" if args.dry_run else f"  {field}: {count} articles changed")
    for sample in report["examples"]:
        print(f"    {sample['url']} [{sample['field']}]\n      before: {sample['before']}\n      after:  {sample['after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
