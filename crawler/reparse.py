"""``python -m crawler.reparse``: re-extract stored articles from their stored pages, without the network.

Each page is read with the parser version its portal declares for the day it was fetched (a page of
last year's markup with last year's parser), then cleaned, dated and validated by the crawl's own
item pipelines (crawler.offline); relative dates resolve against the page's own ``fetched_at``.
Results go through the normal store path (``article_versions`` and ``content_hash`` behave as in a
crawl); views, crawl times and deletion marks stay. ``--dry-run`` opens the database read-only.

    python -m crawler.reparse --dry-run            # what would change, per field, with examples
    python -m crawler.reparse                      # apply, recorded in crawl_runs with mode 'reparse'
    python -m crawler.reparse --url URL --since 2024-01-01 --category 新闻中心
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from urllib.parse import urlsplit

from crawler import locks, runs, storage
from crawler.dates import keeps_stored_date
from crawler.extensions import EXIT_STORAGE
from crawler.facts.store import write_articles
from crawler.offline import Reextractor, project_settings
from crawler.portals import get_portal
from crawler.progress import progress

# Columns a reparse compares and may change; views, first_seen_at, last_crawled_at and deleted_at stay.
FIELDS = ("title", "original_title", "author", "category", "tags", "published_at", "published_precision",
          "source", "body_text", "body_html", "images", "extraction_method")
KEEP = ("views", "deleted_at", "last_crawled_at")
BATCH = 100  # articles per write transaction


def select_pages(db, portal: str, urls=(), since=None, category=None) -> list[dict]:
    """Per article of the portal, the latest stored page it was extracted from, else (never stored) its latest
    rejected page; filtered."""
    where, params = ["p.portal IS ?"], [portal]
    if urls:
        marks = ", ".join("?" for _ in urls)
        where.append(f"(p.url IN ({marks}) OR p.post_id IN (SELECT post_id FROM articles WHERE portal IS ? AND url IN"
                     f" ({marks})))")
        params.extend([*urls, portal, *urls])
    if since:
        where.append("p.post_id IN (SELECT post_id FROM articles WHERE portal IS ? AND published_at >= ?)")
        params.extend([portal, since])
    if category:
        where.append("p.post_id IN (SELECT post_id FROM articles WHERE portal IS ? AND category = ?)")
        params.extend([portal, category])
    sql = ("SELECT p.* FROM pages p WHERE p.id IN (SELECT coalesce(max(CASE WHEN rejected = 0 THEN id END), max(id))"
           " FROM pages GROUP BY portal, post_id)"
           + "".join(f" AND {clause}" for clause in where) + " ORDER BY p.id")
    return list(db.query(sql, params))


def _comparable(item: dict) -> dict:
    row = storage.article_row(item, "")
    return {field: row.get(field) for field in FIELDS}


def reparse(db, reextractor: Reextractor, pages: list[dict], dry_run: bool, examples: int = 3) -> dict:
    """Re-extract ``pages``; apply unless ``dry_run``. Returns a report of what changed."""
    portal = reextractor.portal
    changes, samples, outcome = Counter(), [], Counter()
    items, rescued_pages = [], []
    for page in progress(pages, "Re-extracting"):
        post_id = page["post_id"] if page["post_id"] is not None else portal.post_id(page["url"])
        stored = list(db.query("SELECT * FROM articles WHERE portal IS ? AND post_id = ?", [portal.name, post_id]))
        url = stored[0]["url"] if stored else portal.article_url(_origin(page["url"]), post_id)
        item, reason = reextractor.extract(url, storage.page_body(db, page["sha256"]),
                                           storage.parse_iso(page["fetched_at"]), page["encoding"], post_id=post_id)
        if reason:
            outcome["rejected"] += 1
            continue
        if not stored:
            outcome["rescued"] += 1
        else:
            before, after = {f: stored[0].get(f) for f in FIELDS}, _comparable(item)
            if keeps_stored_date(before["published_at"], before["published_precision"],
                                 after["published_at"], after["published_precision"]):
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
        if page["rejected"]:
            rescued_pages.append(page["id"])
        if len(items) >= BATCH:
            _write(db, items, rescued_pages, dry_run, outcome)
    _write(db, items, rescued_pages, dry_run, outcome)
    return {"pages": len(pages), "changes": dict(changes), "examples": samples, **outcome}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _write(db, items: list[dict], rescued_pages: list[int], dry_run: bool, outcome: Counter) -> None:
    """Write a batch; a rejected page that now gave a stored article is that article's page from now on."""
    if items and not dry_run:
        with storage.write_transaction(db) as conn:
            for name, count in write_articles(db, items, keep=KEEP).items():
                outcome[name] += count
            conn.executemany("UPDATE pages SET rejected = 0 WHERE id = ?", [(page_id,) for page_id in rescued_pages])
    items.clear()
    rescued_pages.clear()


def _short(value, width: int = 80) -> str:
    text = "" if value is None else str(value).replace("\n", "⏎")
    return text if len(text) <= width else text[:width] + "…"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="SQLite file (default: the SQLITE_PATH setting)")
    parser.add_argument("--portal", default=None, help="the portal whose pages to re-extract (default: the only one)")
    parser.add_argument("--url", action="append", default=[], help="only this article URL (repeatable)")
    parser.add_argument("--since", help="only articles published on or after YYYY-MM-DD")
    parser.add_argument("--category", help="only articles of this category name")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        portal = get_portal(args.portal)
    except KeyError as error:
        parser.error(str(error.args[0]))
    settings = project_settings({"SQLITE_PATH": args.db} if args.db else {})
    path = settings.get("SQLITE_PATH")
    try:
        lock = None if args.dry_run else locks.acquire(path, portal.name)
        db = (storage.open_for_reading(path) if args.dry_run
              else storage.open_for_writing(path, min_free_bytes=int(settings.getfloat("SQLITE_MIN_FREE_MB") * 2**20)))
    except locks.LockedError as error:
        print(f"parknews: {error}; try again when it has finished", file=sys.stderr)
        return locks.EXIT_LOCKED
    except (storage.StorageError, OSError) as error:
        print(f"parknews: cannot use the database: {error}", file=sys.stderr)
        return EXIT_STORAGE
    reextractor = Reextractor(portal, settings)
    pages = select_pages(db, portal.name, args.url, args.since, args.category)
    run_id = None if args.dry_run else storage.open_run(db, "reparse", vars(args), portal.name)
    report = reparse(db, reextractor, pages, args.dry_run, args.examples)
    if run_id is not None:
        tally = reextractor.stats
        for name in ("updated", "unchanged"):
            tally.set_value(f"parknews/articles/{name}", report.get(name, 0))
        tally.set_value("parknews/articles/new", report.get("new", 0))
        tally.set_value("parknews/rejected", report.get("rejected", 0))
        storage.close_run(db, run_id, runs.run_fields({**tally.get_stats(), "parknews/report": report}, "finished",
                                                      settings.getfloat("TEMPLATE_DRIFT_SHARE")))
    db.conn.close()
    if lock is not None:
        lock.close()
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
