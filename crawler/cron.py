"""``python -m crawler.cron [scrapy crawl options]``: one crawl for cron, never two at once, failure visible.

It checks that the database can be written before starting (exit 73 with one line if not), keeps
tldextract offline, writes the crawl's log to logs/, then judges the run from its crawl_runs row
with the same rule as ``crawler.health`` and exits 1 when it failed (finish reason not 'finished',
errors above --max-errors, no listing page read), so cron mail or a monitor sees it. A crawl of the
same portal already running makes it exit 75. It prints nothing when the run succeeds (unless
--verbose), so cron mails only failures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from crawler import locks, runs, storage
from crawler.extensions import EXIT_STORAGE
from crawler.portals import get_portal

ROOT = Path(__file__).resolve().parent.parent
# what a crawl that died before its log began printed, shown under the FAILED line
STDERR_LINES = 15


def prune_logs(log_dir: Path, keep: int) -> None:
    logs = sorted(log_dir.glob("crawl-*.log"))
    for old in logs[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="data/news.db", help="SQLite file (passed to the crawl as SQLITE_PATH)")
    parser.add_argument("--portal", default=None,
                        help="the portal to crawl: its spider's name, or zblog:<host> for a Z-BlogPHP site (default: the first)")
    parser.add_argument("--log-dir", default="logs")
    parser.add_argument("--keep-logs", type=int, default=30)
    parser.add_argument("--max-errors", type=int, default=0)
    parser.add_argument("--verbose", action="store_true", help="also print a line when the run succeeds")
    args, crawl_args = parser.parse_known_args(argv)
    try:
        portal = get_portal(args.portal)
    except KeyError as error:
        parser.error(str(error.args[0]))

    db_path = Path(args.db).resolve()
    try:
        db = storage.open_for_writing(db_path)
    except storage.StorageError as error:
        print(f"parknews: cannot use the database: {error}", file=sys.stderr)
        return EXIT_STORAGE
    before = (storage.latest_run(db, portal.name) or {}).get("id", 0)
    db.conn.close()
    log_dir = Path(args.log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"crawl-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"  # two runs in one second differ
    env = dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="", TLDEXTRACT_DEFAULT_FETCH_TIMEOUT="2")
    # a family of sites (zblog:<site>) is crawled by its kind's spider, at the site's address
    spider = getattr(portal, "kind", portal.name)
    site = [] if spider == portal.name or any(a.startswith("base_url=") for a in crawl_args) else \
        ["-a", f"base_url={portal.default_base_url}"]
    command = [sys.executable, "-m", "scrapy", "crawl", spider, *site, "-s", f"SQLITE_PATH={db_path}",
               "-s", f"LOG_FILE={log_file.resolve()}", *crawl_args]
    done = subprocess.run(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    prune_logs(log_dir, args.keep_logs)
    if done.returncode == locks.EXIT_LOCKED:
        print(f"parknews: a {portal.name} crawl is already running on this database; this start was refused",
              file=sys.stderr)
        return locks.EXIT_LOCKED
    if done.returncode in (2, EXIT_STORAGE):  # bad arguments or an unusable database: the crawl's own line
        print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"parknews: crawl exited {done.returncode}",
              file=sys.stderr)
        return done.returncode

    try:
        db = storage.open_for_reading(db_path)
        run = storage.latest_run(db, portal.name)
        db.conn.close()
    except storage.StorageError:
        run = None      # the crawl never reached its database: what it printed says why
    run = run if run and run["id"] > before else None
    problems = runs.judge(run, args.max_errors)
    if done.returncode not in (0, 1):
        problems.insert(0, f"scrapy exited {done.returncode}")
    if problems:
        print(f"parknews: crawl FAILED ({'; '.join(problems)}); log: {log_file}", file=sys.stderr)
        if run is None and done.stderr.strip():   # it died before its log began: what it printed is all there is
            print("\n".join(done.stderr.strip().splitlines()[-STDERR_LINES:]), file=sys.stderr)
        return 1
    if args.verbose:  # silent otherwise, so that cron mails only failures
        print(f"parknews: {runs.summary_line(run)}, {run['pages_fetched']} pages; log: {log_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
