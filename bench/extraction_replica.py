"""Extraction throughput on generated portal pages (50–100 KB): parknews against trafilatura and gne.

    python bench/extraction_replica.py [--pages 1000]

Our side is the crawl's own path (spider.parse_article and the clean, date and validate
pipelines, via crawler.offline.Reextractor) on the same bytes; each extractor runs on one core
in this process. Prints pages per second, the ratio to each peer, and body F1 against the
replica's known content.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime

from common import f1, machine, measure_peers

from crawler.dates import SHANGHAI
from crawler.offline import Reextractor
from crawler.portals import get_portal
from tests.replica.site import bench_site

HOST = "http://www.zhongnangaoke.com.cn"


def pages(count: int) -> list[tuple[str, bytes, str]]:
    site = bench_site(HOST, count)
    return [(site.article_url(a.post_id), site.article_page(a).encode("utf-8"), "\n".join(a.body.content))
            for a in site.articles.values()]


def run_ours(corpus, reextractor):
    fetched = datetime.now(SHANGHAI)
    for url, body, _ in corpus:
        item, reason = reextractor.extract(url, body, fetched)
        yield (item or {}).get("body_text", "") if not reason else ""


def run_trafilatura(corpus, _):
    import trafilatura

    for url, body, _ in corpus:
        doc = trafilatura.bare_extraction(body.decode("utf-8"), url=url, with_metadata=True)
        yield (doc.text if doc else "") or ""


def run_gne(corpus, extractor):
    for _, body, _ in corpus:
        try:
            yield extractor.extract(body.decode("utf-8")).get("content") or ""
        except Exception:
            yield ""


def measure(name, corpus, runner, context):
    started = time.perf_counter()
    texts = list(runner(corpus, context))
    elapsed = time.perf_counter() - started
    scores = [f1(text, expected) for text, (_, _, expected) in zip(texts, corpus)]
    return {"name": name, "pages_per_s": len(corpus) / elapsed, "mean_f1": statistics.mean(scores),
            "exact": sum(text == expected for text, (_, _, expected) in zip(texts, corpus))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    corpus = pages(args.pages)
    size = statistics.mean(len(body) for _, body, _ in corpus) / 1024
    with tempfile.TemporaryDirectory() as scratch:
        results = [measure("parknews", corpus, run_ours, Reextractor(get_portal(None), settings={"SQLITE_PATH": f"{scratch}/b.db"}))]
    results += measure_peers(measure, corpus, run_trafilatura, run_gne)
    print(f"{len(corpus)} replica article pages, {size:.0f} KB on average; {machine()}")
    print(f"{'extractor':<12} {'pages/s':>9} {'body F1':>8} {'exact bodies':>13}")
    for r in results:
        print(f"{r['name']:<12} {r['pages_per_s']:>9.1f} {r['mean_f1']:>8.3f} {r['exact']:>7}/{len(corpus)}")
    for r in results[1:]:
        print(f"parknews extracts {results[0]['pages_per_s'] / r['pages_per_s']:.1f}x as many pages per second as {r['name']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
