"""Speed of fact extraction and of story assignment at scale.

    python bench/facts_speed.py [--articles 100000] [--batch 1000] [--skip-stories]

Extraction: articles per second on one core over the data set's texts and over article 9821 (a
full-length portal article). Stories: a fresh database filled in crawl-sized batches with 1,200-character bodies
drawn from the characters of real texts (a tenth of them republished copies); the time per batch must not grow
with the size of the store.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, machine

from crawler import storage
from crawler.facts import extract
from crawler.facts import stories
from crawler.facts.store import assign_stories, create_fact_tables

SHARED = Path(__import__("os").environ.get("PARKNEWS_SHARED", ROOT.parent / "shared"))


def rate(function, items, seconds: float = 3.0) -> float:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for item in items:
            function(*item)
        done += len(items)
    return done / (time.perf_counter() - started)


def extraction(dataset: Path) -> None:
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((dataset / "articles").glob("*.json"))]
    texts = [(a["title"], a["text"]) for a in articles]
    seed = ROOT / "tests" / "fixtures" / "facts" / "article_9821.txt"
    title, body = seed.read_text(encoding="utf-8").split("\n\n", 1)
    for name, items in (("data set texts", texts), ("article 9821", [(title, body)])):
        characters = sum(len(t) + len(b) for t, b in items) / len(items)
        best = max(rate(extract, items) for _ in range(3))
        print(f"extraction, {name} ({characters:.0f} characters): {best:.0f} articles/s on one core")
    started = time.perf_counter()
    for _ in range(20):
        stories.signature(body)
    print(f"story signature of article 9821: {(time.perf_counter() - started) / 20 * 1000:.1f} ms")


def character_pool() -> str:
    """The characters of real texts, with their frequencies: bodies drawn from it read like none in particular
    but share no more 5-grams by chance than distinct news articles do."""
    text = "".join(path.read_text(encoding="utf-8", errors="replace")
                   for path in (SHARED / "datasets" / "zh-news-dev" / "cleaned").glob("*.txt"))
    return "".join(char for char in text if "\u4e00" <= char <= "\u9fff")


def story_scale(total: int, batch: int) -> None:
    rng = random.Random(100)
    pool = character_pool()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "scale.db"
        db = storage.connect(path)
        with storage.write_transaction(db):
            create_fact_tables(db)
        bodies: list[str] = []
        timings = []
        for start in range(0, total, batch):
            rows = []
            for number in range(start, min(total, start + batch)):
                if bodies and rng.random() < 0.1:
                    body = rng.choice(bodies[-5000:]) + "\n（来源：搜狐）"  # a republished copy
                else:
                    body = "".join(rng.choices(pool, k=1200))
                    bodies.append(body)
                rows.append((f"https://example.test/{number}", f"t{number}", body, "2024-01-01T00:00:00+08:00",
                             "2024-01-01T00:00:00+08:00", str(number)))
            with storage.write_transaction(db) as conn:
                conn.executemany("INSERT INTO articles (url, title, body_text, first_seen_at, last_crawled_at,"
                                 " content_hash) VALUES (?, ?, ?, ?, ?, ?)", rows)
            started = time.perf_counter()
            with storage.write_transaction(db) as conn:
                assign_stories(conn, [row[0] for row in rows])
            timings.append(time.perf_counter() - started)
            if len(timings) == 1 or start + batch >= total or len(timings) % 20 == 0:
                print(f"  {start + len(rows):7} articles stored: this batch of {len(rows)} assigned in "
                      f"{timings[-1]:.2f} s ({len(rows) / timings[-1]:.0f} articles/s)")
        stories_count = db.execute("SELECT count(DISTINCT story_id) FROM story_members").fetchone()[0]
        bands = db.execute("SELECT count(*) FROM story_bands").fetchone()[0]
        story_bytes = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name IN ('story_members', 'story_bands',"
                                 " 'story_members_story', 'story_bands_member', 'sqlite_autoindex_story_members_1')"
                                 ).fetchone()[0]
        db.conn.close()
        size = path.stat().st_size / 1e6
        print(f"stories: {total} articles in {stories_count} stories, {bands} band rows; story tables and indexes "
              f"{story_bytes / 1e6:.0f} MB ({story_bytes / total:.0f} bytes per article) of a {size:.0f} MB database "
              f"(articles and their full-text index are the rest); first batch {timings[0]:.2f} s, "
              f"last batch {timings[-1]:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=SHARED / "datasets" / "zh-investment-facts-dev")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--skip-stories", action="store_true")
    args = parser.parse_args(argv)
    print(machine())
    extraction(args.dataset)
    if not args.skip_stories:
        story_scale(args.articles, args.batch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
