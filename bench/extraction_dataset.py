"""Generic extraction on real Chinese pages (shared/datasets/zh-news-dev): parknews against trafilatura and gne.

    python bench/extraction_dataset.py [--data PATH] [--half A|B] [--per-page] [--no-peers] [--repeat N]
                                       [--save FILE] [--against FILE] [--variants]

Prints, for each extractor in the same run: body F1 over character bigrams after NFKC and
whitespace removal (mean and median over pages), dates right to the day (pages whose answer is
a full date), authors right (pages with a known author: every answer name appears), and time
per page (CPU time, the best of ``--repeat`` runs). gne is GPL-3.0: it is only a peer here, never
imported by the product.

Cross-half protocol: the page ids sorted as strings are split by position, even positions
(0, 2, 4 …) into half A and odd positions into half B (18 and 17 pages). Rules are developed
looking at one half only (``--half A --per-page`` measures that half alone and prints its pages'
answers) and measured on the other; a full run prints every figure for half A, half B and the
whole set.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

import lxml.html
from common import ROOT, f1, machine, measure_peers

from crawler.dates import SHANGHAI  # noqa: E402
from crawler.extract import extract_page  # noqa: E402
from crawler.pages import decode_html, parse_html  # noqa: E402

# shared/ sits beside the checkout, or further up for a checkout kept in a subfolder.
DEFAULT_DATA = next((p / "shared" / "datasets" / "zh-news-dev" for p in ROOT.parents
                     if (p / "shared" / "datasets" / "zh-news-dev").is_dir()),
                    ROOT.parent / "shared" / "datasets" / "zh-news-dev")
NOW = datetime(2026, 11, 26, tzinfo=SHANGHAI)
FULL_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
UNKNOWN = ("UNKNOWN", "UNKNWON", "")
HALVES = ("A", "B")


def _rewritten(change):
    """A page's bytes parsed, changed in place by ``change(root)``, and written out again as UTF-8."""
    def rewrite(data: bytes) -> bytes:
        root = parse_html(decode_html(data)).root
        change(root)
        return lxml.html.tostring(root, encoding="unicode").encode("utf-8")
    return rewrite


def _p_as_div(root) -> None:
    for element in root.iter("p"):
        element.tag = "div"


def _p_as_br(root) -> None:
    for element in list(root.iter("p")):
        element.tag = "span"
        element.append(lxml.html.Element("br"))
        element.append(lxml.html.Element("br"))


def _no_class_or_id(root) -> None:
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("class", None)
            element.attrib.pop("id", None)


VARIANTS = {"as served": lambda data: data, "every p a div (one div per paragraph)": _rewritten(_p_as_div),
            "every p a span closed by two br": _rewritten(_p_as_br), "no class or id attribute": _rewritten(_no_class_or_id)}


def load(data: Path) -> list[dict]:
    pages = []
    for position, original in enumerate(sorted((data / "original").glob("*.html"), key=lambda p: p.stem)):
        page_id = original.stem
        pages.append({
            "id": page_id,
            "half": HALVES[position % 2],
            "bytes": original.read_bytes(),
            "text": (data / "cleaned" / f"{page_id}.txt").read_text(encoding="utf-8"),
            "date": (data / "date" / f"{page_id}.txt").read_text(encoding="utf-8").strip(),
            "author": (data / "author" / f"{page_id}.txt").read_text(encoding="utf-8").strip(),
        })
    return pages


def ours(page, _):
    result = extract_page(page["bytes"], fetched_at=NOW)
    return result["body_text"], (result["published_at"] or "")[:10], result["author"] or ""


def with_trafilatura(page, _):
    import trafilatura

    html = decode_html(page["bytes"])
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    doc = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
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


def measure(name, pages, run, context, repeat: int = 1):
    """One row per page: body F1, date and author right (None where the answer is unknown), and the
    best of ``repeat`` timings. Times are this process's CPU time, after one warm-up page (first
    calls load language data), so that other work on a shared machine does not count."""
    run(pages[0], context)
    rows = []
    for page in pages:
        elapsed = float("inf")
        for _ in range(repeat):
            started = time.process_time()
            body, date, author = run(page, context)
            elapsed = min(elapsed, time.process_time() - started)
        rows.append({"page": page, "f1": f1(body, page["text"]), "ms": 1000 * elapsed,
                     "date": date_right(date, page["date"]) if FULL_DATE.match(page["date"]) else None,
                     "author": author_right(author, page["author"]) if page["author"] not in UNKNOWN else None,
                     "found": (date, author)})
    return {"name": name, "rows": rows}


def summary(rows) -> dict:
    dates = [r["date"] for r in rows if r["date"] is not None]
    authors = [r["author"] for r in rows if r["author"] is not None]
    return {"pages": len(rows), "mean_f1": statistics.mean(r["f1"] for r in rows),
            "median_f1": statistics.median(r["f1"] for r in rows), "dates": (sum(dates), len(dates)),
            "authors": (sum(authors), len(authors)), "ms_per_page": statistics.mean(r["ms"] for r in rows)}


def ratio(right: tuple[int, int]) -> str:
    return f"{right[0]}/{right[1]} {right[0] / right[1]:.0%}" if right[1] else "-"


def report(results, subset: str) -> None:
    chosen = [[r for r in result["rows"] if subset == "all" or r["page"]["half"] == subset] for result in results]
    sums = [summary(rows) for rows in chosen]
    label = "whole set" if subset == "all" else f"half {subset}"
    print(f"\n{label} ({sums[0]['pages']} pages)")
    print(f"{'extractor':<12} {'mean F1':>8} {'median F1':>10} {'dates right':>12} {'authors right':>14} {'ms/page':>8}")
    for result, s in zip(results, sums):
        print(f"{result['name']:<12} {s['mean_f1']:>8.3f} {s['median_f1']:>10.3f} {ratio(s['dates']):>12} "
              f"{ratio(s['authors']):>14} {s['ms_per_page']:>8.1f}")
    for result, s in zip(results[1:], sums[1:]):
        print(f"parknews is {s['ms_per_page'] / sums[0]['ms_per_page']:.1f}x as fast as {result['name']}")


def saved(rows) -> dict:
    return {r["page"]["id"]: {"f1": r["f1"], "date": r["date"], "author": r["author"], "found": r["found"]} for r in rows}


def compare(rows, before: dict) -> None:
    """Print the pages that changed since ``before`` (a ``--save`` file), with the count per half."""
    moved = {half: [] for half in HALVES}
    for row in rows:
        page, old = row["page"], before.get(row["page"]["id"])
        if old is None:
            continue
        changes = []
        if abs(row["f1"] - old["f1"]) > 0.005:
            changes.append(f"F1 {old['f1']:.3f} -> {row['f1']:.3f}")
        for field, index in (("date", 0), ("author", 1)):
            if row[field] != old[field] or (row[field] is None and row["found"][index] != old["found"][index]):
                changes.append(f"{field} {old['found'][index] or '-'} ({_mark(old[field])}) -> "
                               f"{row['found'][index] or '-'} ({_mark(row[field])})")
        if changes:
            moved[page["half"]].append(f"  {page['half']} {page['id'][:8]} " + "; ".join(changes))
    print(f"\nagainst the saved run: {', '.join(f'half {h} {len(moved[h])} pages moved' for h in HALVES)}")
    for half in HALVES:
        for line in moved[half]:
            print(line)


def _mark(right) -> str:
    return "unscored" if right is None else ("right" if right else "wrong")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-page", action="store_true", help="print each page's body F1, date and author")
    parser.add_argument("--half", choices=HALVES, help="measure and print this half only (for development)")
    parser.add_argument("--no-peers", action="store_true", help="measure parknews alone")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page; the best time counts (default 3)")
    parser.add_argument("--save", type=Path, help="write parknews' per-page answers to this JSON file")
    parser.add_argument("--against", type=Path, help="list the pages that moved since this --save file")
    parser.add_argument("--variants", action="store_true",
                        help="also measure parknews on the pages rewritten in other markup (p as div, p as br, "
                             "no class or id)")
    args = parser.parse_args()
    pages = [page for page in load(args.data) if args.half in (None, page["half"])]
    if not pages:
        print(f"no pages under {args.data}/original", file=sys.stderr)
        return 2
    timed = functools.partial(measure, repeat=args.repeat)
    results = [timed("parknews", pages, ours, None)]
    if not args.no_peers:
        results += measure_peers(timed, pages, with_trafilatura, with_gne)
    print(f"{len(pages)} pages from {args.data}; {machine()}")
    for subset in ((args.half,) if args.half else (*HALVES, "all")):
        report(results, subset)
    if args.save:
        args.save.write_text(json.dumps(saved(results[0]["rows"]), ensure_ascii=False, indent=1), encoding="utf-8")
    if args.against:
        compare(results[0]["rows"], json.loads(args.against.read_text(encoding="utf-8")))
    if args.variants:
        print("\nparknews on the same pages in other markup (mean body F1; pages below 0.85):")
        for name, rewrite in VARIANTS.items():
            scores = [f1(ours({**page, "bytes": rewrite(page["bytes"])}, None)[0], page["text"]) for page in pages]
            low = " ".join(f"{page['id'][:8]} {score:.2f}" for page, score in zip(pages, scores) if score < 0.85)
            print(f"  {name:38} {statistics.mean(scores):.3f}  {low}")
    if args.per_page:
        print()
        for index, page in enumerate(pages):
            row = results[0]["rows"][index]
            peers = " ".join(f"{r['rows'][index]['f1']:.2f}" for r in results[1:])
            print(f"{page['half']} {page['id'][:8]} {row['ms']:4.0f} ms F1 {row['f1']:.2f} [{peers}] "
                  f"date {row['found'][0] or '-'} ({page['date']}) author {row['found'][1] or '-'} ({page['author']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
