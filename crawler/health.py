"""``python -m crawler.health``: one line and an exit code saying whether the last crawl is recent and healthy.

Exit 0: healthy. Exit 1: the last run failed, is too old, read no listing page, had errors, or
was flagged as template drift. Exit 2: no finished run at all (or no database).
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from crawler import storage
from crawler.dates import shanghai_now


def check(db, max_age: timedelta, max_errors: int) -> tuple[int, str]:
    """(exit code, one line) for the latest finished run."""
    rows = list(db.query("SELECT * FROM crawl_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1"))
    if not rows:
        return 2, "FAIL no finished crawl run recorded"
    run = rows[0]
    age = shanghai_now() - storage.parse_iso(run["finished_at"])
    hours = age.total_seconds() / 3600
    summary = (f"run {run['id']} ({run['mode']}) finished {hours:.1f}h ago: {run['finish_reason']}, "
               f"{run['articles_new']} new, {run['articles_updated']} updated, {run['listing_pages']} listing pages, "
               f"{run['items_rejected']} rejected, {run['errors']} errors")
    problems = []
    if run["finish_reason"] != "finished":
        problems.append(f"finish reason {run['finish_reason']!r}")
    if age > max_age:
        problems.append(f"older than {max_age.total_seconds() / 3600:g}h")
    if not run["listing_pages"]:
        problems.append("no listing page read")
    if (run["errors"] or 0) > max_errors:
        problems.append(f"{run['errors']} errors")
    if run["template_drift"]:
        problems.append(f"template drift ({run['generic_extractions']} generic extractions)")
    if problems:
        return 1, f"FAIL {summary} — " + "; ".join(problems)
    return 0, f"OK {summary}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="data/news.db")
    parser.add_argument("--max-age-hours", type=float, default=26.0)
    parser.add_argument("--max-errors", type=int, default=0)
    args = parser.parse_args(argv)
    if not Path(args.db).exists():
        print(f"FAIL no database at {args.db}")
        return 2
    db = storage.connect(args.db)
    code, line = check(db, timedelta(hours=args.max_age_hours), args.max_errors)
    print(line)
    return code


if __name__ == "__main__":
    sys.exit(main())
