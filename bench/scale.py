"""Does the per-article cost stay flat as the database grows? 1k, 10k and 100k generated articles.

    python bench/scale.py [--sizes 1000 10000 100000]

For each size, in a fresh database: loading the known-URL set for an incremental run (per stored
article) and checking listing URLs against it (per check), an upsert batch of 200 new and 200
changed articles (per article), a full-text query for a term held by ten articles, and the health
check. Prints each cost and its growth from the smallest to the largest size.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import machine

from crawler import storage
from crawler.dates import SHANGHAI
from crawler.health import check
from crawler.search import search

WORDS = ("园区", "招商", "项目", "签约", "开工", "投产", "产业", "厂房", "土地", "新能源", "新材料", "装备", "制造",
         "数字", "经济", "企业", "投资", "建设", "发展", "服务", "政策", "改革", "创新", "平台", "集群")
RARE = "氦三储能示范"
PORTAL = "zhongnangaoke"


def article(index: int, rng: random.Random, rare: bool = False) -> dict:
    body = "，".join("".join(rng.choice(WORDS) for _ in range(4)) for _ in range(12)) + "。"
    if rare:
        body += RARE + "项目落地。"
    posted = datetime(2020, 1, 1, tzinfo=SHANGHAI) + timedelta(hours=index)
    return {"url": f"http://www.zhongnangaoke.com.cn/index.php/post/{index}.html", "portal": PORTAL, "post_id": index,
            "title": f"{rng.choice(WORDS)}{rng.choice(WORDS)}第{index}期", "body_text": body,
            "body_html": f"<p>{body}</p>", "category": rng.choice(("新闻中心", "招商政策", "园区动态")), "views": index % 997,
            "published_at": posted.isoformat(), "published_precision": "day", "fetched_at": posted + timedelta(days=1)}


def populate(db, size: int, rng: random.Random) -> None:
    rare = set(rng.sample(range(size), 10))
    for start in range(0, size, 5000):
        rows = [storage.article_row(article(i, rng, i in rare), "2026-11-26T00:00:00+08:00")
                for i in range(start, min(size, start + 5000))]
        for row in rows:
            row["first_seen_at"] = row["last_crawled_at"]
        with storage.write_transaction(db):
            db["articles"].insert_all(rows, batch_size=1000)
    for _ in range(max(10, size // 100)):
        run_id = storage.open_run(db, "incremental", {}, PORTAL)
        storage.close_run(db, run_id, {"finish_reason": "finished", "listing_pages": 5, "errors": 0,
                                       "articles_new": 3, "articles_updated": 0, "items_rejected": 0})


def timed(function, repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - started) / repeat


def measure(size: int, scratch: Path) -> dict:
    rng = random.Random(size)
    db = storage.connect(scratch / f"scale-{size}.db")
    populate(db, size, rng)
    known = storage.known_post_ids(db, PORTAL)
    load = timed(lambda: storage.known_post_ids(db, PORTAL), 3)
    listing = [rng.randrange(size * 2) for _ in range(10_000)]
    membership = timed(lambda: sum(post_id in known for post_id in listing), 5) / len(listing)
    query = timed(lambda: search(db, RARE), 50)
    assert len(search(db, RARE)) == 10
    health = timed(lambda: check(db, timedelta(days=36500), 0), 50)
    batch = [article(size + i, rng) for i in range(200)]
    batch += [{**article(i, rng), "body_text": "改写后的正文。" * 20} for i in rng.sample(range(size), 200)]
    upsert = timed(lambda: storage.upsert_articles(db, batch)) / len(batch)
    db.conn.close()
    return {"size": size, "known-set load, per stored article": load / size, "known check, per listing entry": membership,
            "upsert (200 new + 200 changed), per article": upsert, f"FTS query ({RARE!r}, 10 hits)": query,
            "health check": health}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        results = []
        for size in args.sizes:
            print(f"building and measuring {size} articles …", flush=True)
            results.append(measure(size, Path(scratch)))
    print(machine())
    keys = [k for k in results[0] if k != "size"]
    print(f"{'cost (µs)':<46}" + "".join(f"{r['size']:>12,}" for r in results) + f"{'growth':>9}")
    for key in keys:
        values = [r[key] * 1e6 for r in results]
        print(f"{key:<46}" + "".join(f"{v:>12.2f}" for v in values) + f"{values[-1] / values[0]:>8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
