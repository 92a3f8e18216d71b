"""``python -m crawler.health``: one line per portal and an exit code saying whether its last crawl is recent and healthy.

Exit 0: healthy. Exit 1: a portal's last crawl failed, is too old, read no listing page, had errors,
or was flagged as template drift. Exit 2: no finished crawl at all, or no usable database.
Re-extraction and fact runs are not crawls: they neither refresh nor spoil a portal's health.
The database is opened read-only.
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from crawler import runs, storage
from crawler.dates import shanghai_now


def check(db, max_age: timedelta, max_errors: int, portal: str | None = None) -> tuple[int, list[str]]:
    """(exit code, one line per portal) for each portal's latest finished crawl."""
    portals = [portal] if portal else [r[0] for r in db.execute(
        "SELECT DISTINCT portal FROM crawl_runs WHERE mode IN (?, ?) ORDER BY portal", runs.CRAWL_MODES)]
    lines, code = [], 0
    for name in portals:
        run = storage.latest_run(db, name, modes=runs.CRAWL_MODES, finished=True)
        if run is None:
            lines.append(f"FAIL {name}: no finished crawl run recorded")
            code = max(code, 2)
            continue
        age = shanghai_now() - storage.parse_iso(run["finished_at"])
        summary = f"{runs.summary_line(run)}, {run['listing_pages']} listing pages, finished {age.total_seconds() / 3600:.1f}h ago"
        problems = runs.judge(run, max_errors, max_age, age)
        lines.append(f"FAIL {summary} — " + "; ".join(problems) if problems else f"OK {summary}")
        code = max(code, 1 if problems else 0)
    if not lines:
        return 2, ["FAIL no finished crawl run recorded"]
    return code, lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="data/news.db")
    parser.add_argument("--portal", help="only this portal (default: every portal with a crawl)")
    parser.add_argument("--max-age-hours", type=float, default=26.0)
    parser.add_argument("--max-errors", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        db = storage.open_for_reading(args.db)
    except storage.StorageError as error:
        print(f"FAIL {error}")
        return 2
    code, lines = check(db, timedelta(hours=args.max_age_hours), args.max_errors, args.portal)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
