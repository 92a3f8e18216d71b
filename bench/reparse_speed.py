"""Re-extraction speed: python -m crawler.reparse's work on stored pages, against extraction alone.

    python bench/reparse_speed.py [--pages 1000]

Stores generated portal pages (93 KB each) in a fresh database as a crawl would, then times a
reparse of all of them (read, decompress, extract, compare, upsert) and, on the same bytes in the
same run, the extraction alone (the crawl's parse-and-clean path). Prints pages per second and the ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from common import machine

from crawler import reparse, storage
from crawler.dates import SHANGHAI
from crawler.offline import Reextractor
from crawler.portals import get_portal
from tests.replica.site import bench_site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    site = bench_site("http://www.zhongnangaoke.com.cn", args.pages)
    fetched = datetime.now(SHANGHAI)
    portal = get_portal(None)
    pages = [{"url": site.article_url(a.post_id), "portal": portal.name, "post_id": a.post_id,
              "fetched_at": fetched.isoformat(timespec="seconds"), "status": 200,
              "encoding": "utf-8", "body": site.article_page(a).encode("utf-8")} for a in site.articles.values()]
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / "news.db"
        db = storage.connect(db_path)
        storage.store_pages(db, pages)
        reextractor = Reextractor(portal, settings={"SQLITE_PATH": str(db_path)})
        started = time.perf_counter()
        for page in pages:
            reextractor.extract(page["url"], page["body"], fetched)
        extraction = time.perf_counter() - started
        started = time.perf_counter()
        report = reparse.reparse(db, reextractor, reparse.select_pages(db, portal.name), dry_run=False)
        whole = time.perf_counter() - started
        db.conn.close()
    n = len(pages)
    print(f"{n} stored pages; {machine()}")
    print(f"extraction alone   {n / extraction:>8.1f} pages/s")
    print(f"reparse (stored)   {n / whole:>8.1f} pages/s  ({report.get('rescued', 0)} articles written)")
    print(f"reparse runs at {extraction / whole:.2f} of the extraction speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
