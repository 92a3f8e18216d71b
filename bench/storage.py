"""Articles written per second by the store path, against a bare executemany of the same rows.

    python bench/storage.py [--articles 2000]

Ours: crawler.storage.upsert_articles in batches of SQLITE_BATCH_SIZE (20), as the store pipeline
calls it (existence check, insert, view history, full-text triggers), plus the pages of those
articles (compressed). Peer: one executemany INSERT of the same article rows into the same schema
(triggers included) in one transaction. Both into fresh databases in WAL mode.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import machine

from crawler import storage
from crawler.dates import SHANGHAI
from crawler.settings import SQLITE_BATCH_SIZE
from tests.replica.site import bench_site


def items(count: int) -> list[dict]:
    site = bench_site("http://www.zhongnangaoke.com.cn", count)
    fetched = datetime.now(SHANGHAI)
    out = []
    for index, article in enumerate(site.articles.values()):
        text = "\n".join(article.body.content)
        out.append({
            "url": site.article_url(article.post_id), "portal": "zhongnangaoke", "post_id": article.post_id,
            "title": article.title,
            "author": "admin", "category": "新闻中心", "tags": ["招商"], "views": article.views, "body_text": text,
            "body_html": "".join(f"<p>{line}</p>" for line in article.body.content), "images": [],
            "published_at": article.posted.isoformat(), "published_precision": "day",
            "fetched_at": fetched + timedelta(seconds=index),
            "page": {"url": site.article_url(article.post_id), "portal": "zhongnangaoke", "post_id": article.post_id,
                     "fetched_at": fetched.isoformat(), "status": 200,
                     "body": site.article_page(article).encode("utf-8")},
        })
    return out


def ours(path: Path, batch: list[dict], with_pages: bool) -> float:
    db = storage.connect(path)
    started = time.perf_counter()
    for start in range(0, len(batch), SQLITE_BATCH_SIZE):
        chunk = batch[start:start + SQLITE_BATCH_SIZE]
        with storage.write_transaction(db):
            storage.upsert_articles(db, chunk)
            if with_pages:
                storage.store_pages(db, [item["page"] for item in chunk])
    elapsed = time.perf_counter() - started
    db.conn.close()
    return elapsed


def bare(path: Path, batch: list[dict]) -> float:
    db = storage.connect(path)
    rows = []
    for item in batch:
        row = storage.article_row(item, item["fetched_at"].isoformat())
        row["first_seen_at"] = row["last_crawled_at"]
        rows.append(row)
    columns = list(rows[0])
    sql = f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    values = [tuple(row[c] for c in columns) for row in rows]
    started = time.perf_counter()
    with storage.write_transaction(db) as conn:
        conn.executemany(sql, values)
    elapsed = time.perf_counter() - started
    db.conn.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    batch = items(args.articles)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        peer = bare(scratch / "bare.db", batch)
        articles_only = ours(scratch / "ours.db", batch, with_pages=False)
        with_pages = ours(scratch / "pages.db", batch, with_pages=True)
        pages_db = storage.connect(scratch / "pages.db")
        (packed, raw), = pages_db.execute("SELECT sum(length(body)), sum(size) FROM page_bodies").fetchall()
        pages_db.conn.close()
    n = len(batch)
    print(f"{n} articles; {machine()}")
    print(f"{'writer':<44} {'articles/s':>11}")
    print(f"{'bare executemany, one transaction':<44} {n / peer:>11.0f}")
    print(f"{'parknews upsert_articles, batches of ' + str(SQLITE_BATCH_SIZE):<44} {n / articles_only:>11.0f}")
    print(f"{'parknews upsert + store_pages':<44} {n / with_pages:>11.0f}")
    print(f"parknews writes at {peer / articles_only:.2f} of the bare rate ({peer / with_pages:.2f} with pages)")
    print(f"stored pages: {raw / n / 1024:.0f} KB each as served, {packed / n / 1024:.1f} KB compressed "
          f"({raw / packed:.1f}:1); {packed / n * 1000 / 2**20:.1f} MiB per 1,000 pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
