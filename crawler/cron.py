"""``python -m crawler.cron [scrapy crawl options]``: one crawl for cron, never two at once, failure visible.

The crawl holds an exclusive lock on the database (a second start exits 75 with a message, see
crawler.extensions.CrawlLock); this wrapper keeps tldextract offline, writes the crawl's log to
logs/, then judges the run from its crawl_runs row
and exits non-zero when it failed (finish reason not 'finished', errors above --max-errors, no
listing page read), so cron mail or a monitor sees it. Scrapy's own exit code cannot tell.
It prints nothing when the run succeeds (unless --verbose), so cron mails only failures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from crawler import storage

from crawler.extensions import EXIT_LOCKED

ROOT = Path(__file__).resolve().parent.parent


def judge(run: dict | None, max_errors: int) -> list[str]:
    if run is None:
        return ["the crawl recorded no run (it did not start)"]
    problems = []
    if run["finish_reason"] != "finished":
        problems.append(f"finish reason {run['finish_reason']!r}")
    if (run["errors"] or 0) > max_errors:
        problems.append(f"{run['errors']} errors logged")
    if not run["listing_pages"]:
        problems.append("no listing page read")
    return problems


def prune_logs(log_dir: Path, keep: int) -> None:
    logs = sorted(log_dir.glob("crawl-*.log"))
    for old in logs[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="data/news.db", help="SQLite file (passed to the crawl as SQLITE_PATH)")
    parser.add_argument("--spider", default="zhongnangaoke")
    parser.add_argument("--log-dir", default="logs")
    parser.add_argument("--keep-logs", type=int, default=30)
    parser.add_argument("--max-errors", type=int, default=0)
    parser.add_argument("--verbose", action="store_true", help="also print a line when the run succeeds")
    args, crawl_args = parser.parse_known_args(argv)

    db_path = Path(args.db).resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = storage.connect(db_path)
    before = (storage.latest_run(db) or {}).get("id", 0)
    log_dir = Path(args.log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"crawl-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"  # two runs in one second differ
    env = dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="", TLDEXTRACT_DEFAULT_FETCH_TIMEOUT="2")
    command = [sys.executable, "-m", "scrapy", "crawl", args.spider, "-s", f"SQLITE_PATH={db_path}",
               "-s", f"LOG_FILE={log_file.resolve()}", *crawl_args]
    returncode = subprocess.run(command, cwd=ROOT, env=env).returncode
    prune_logs(log_dir, args.keep_logs)
    if returncode == EXIT_LOCKED:
        print("parknews: a crawl is already running on this database; this start was refused", file=sys.stderr)
        return EXIT_LOCKED

    run = storage.latest_run(db)
    run = run if run and run["id"] > before else None
    problems = judge(run, args.max_errors)
    if returncode != 0:
        problems.insert(0, f"scrapy exited {returncode}")
    if problems:
        print(f"parknews: crawl FAILED ({'; '.join(problems)}); log: {log_file}", file=sys.stderr)
        return 1
    if args.verbose:  # silent otherwise, so that cron mails only failures
        print(f"parknews: run {run['id']} ok: {run['articles_new']} new, {run['articles_updated']} updated, "
              f"{run['pages_fetched']} pages; log: {log_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
