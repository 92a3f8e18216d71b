"""Generic extraction on real Chinese pages (shared/datasets/zh-news-dev): parknews against trafilatura and gne.

    python bench/extraction_dataset.py [--data ../shared/datasets/zh-news-dev]

Prints, for each extractor in the same run: body F1 over character bigrams after NFKC and
whitespace removal (mean and median over pages), dates right to the day (pages whose answer is
a full date), authors right (pages with a known author: every answer name appears), and time
per page. gne is GPL-3.0: it is only a peer here, never imported by the product.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

from common import f1, machine, measure_peers

from crawler.dates import SHANGHAI, DateParser  # noqa: E402
from crawler.extract import extract_page  # noqa: E402
from crawler.generic import decode_html  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "zh-news-dev"
NOW = datetime(2026, 11, 26, tzinfo=SHANGHAI)
FULL_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def load(data: Path) -> list[dict]:
    pages = []
    for original in sorted((data / "original").glob("*.html")):
        page_id = original.stem
        pages.append({
            "id": page_id,
            "bytes": original.read_bytes(),
            "text": (data / "cleaned" / f"{page_id}.txt").read_text(encoding="utf-8"),
            "date": (data / "date" / f"{page_id}.txt").read_text(encoding="utf-8").strip(),
            "author": (data / "author" / f"{page_id}.txt").read_text(encoding="utf-8").strip(),
        })
    return pages


def ours(page, parser):
    result = extract_page(page["bytes"], fetched_at=NOW, parser=parser)
    return result["body_text"], (result["published_at"] or "")[:10], result["author"] or ""


def with_trafilatura(page, _):
    import trafilatura

    html = decode_html(page["bytes"])
    doc = trafilatura.bare_extraction(html, with_metadata=True, as_dict=True) or {}
    return doc.get("text") or "", (doc.get("date") or "")[:10], doc.get("author") or ""


def with_gne(page, extractor):
    html = decode_html(page["bytes"])
    try:
        doc = extractor.extract(html)
    except Exception:  # gne raises on some pages; that page scores zero
        return "", "", ""
    return doc.get("content") or "", str(doc.get("publish_time") or ""), doc.get("author") or ""


def date_right(predicted: str, expected: str) -> bool:
    answer = FULL_DATE.match(expected)
    if not answer:
        return False
    found = re.search(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})", predicted or "")
    return bool(found) and tuple(int(x) for x in found.groups()) == tuple(int(x) for x in answer.groups())


def author_right(predicted: str, expected: str) -> bool:
    flat = re.sub(r"\s+", "", predicted or "")
    names = [re.sub(r"\s+", "", n) for n in expected.split() if n]
    return bool(flat) and all(n in flat for n in names)


def measure(name, pages, run, context):
    scores, dates, authors, elapsed = [], [], [], 0.0
    for page in pages:
        started = time.perf_counter()
        body, date, author = run(page, context)
        elapsed += time.perf_counter() - started
        scores.append(f1(body, page["text"]))
        if FULL_DATE.match(page["date"]):
            dates.append(date_right(date, page["date"]))
        if page["author"] not in ("UNKNOWN", "UNKNWON", ""):
            authors.append(author_right(author, page["author"]))
    return {"name": name, "mean_f1": statistics.mean(scores), "median_f1": statistics.median(scores),
            "dates": (sum(dates), len(dates)), "authors": (sum(authors), len(authors)),
            "ms_per_page": 1000 * elapsed / len(pages), "scores": scores}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-page", action="store_true", help="print each page's body F1")
    args = parser.parse_args()
    pages = load(args.data)
    results = [measure("parknews", pages, ours, DateParser())]
    results += measure_peers(measure, pages, with_trafilatura, with_gne)
    print(f"{len(pages)} pages from {args.data}; {machine()}")
    print(f"{'extractor':<12} {'mean F1':>8} {'median F1':>10} {'dates right':>12} {'authors right':>14} {'ms/page':>8}")
    for r in results:
        d, a = r["dates"], r["authors"]
        print(f"{r['name']:<12} {r['mean_f1']:>8.3f} {r['median_f1']:>10.3f} {f'{d[0]}/{d[1]} {d[0] / d[1]:.0%}':>12} "
              f"{f'{a[0]}/{a[1]} {a[0] / a[1]:.0%}':>14} {r['ms_per_page']:>8.1f}")
    base = results[0]["ms_per_page"]
    for r in results[1:]:
        print(f"parknews is {r['ms_per_page'] / base:.1f}x as fast as {r['name']}")
    if args.per_page:
        for page, *scores in zip(pages, *[r["scores"] for r in results]):
            print(page["id"][:8], " ".join(f"{s:.2f}" for s in scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
