"""The capacity model's figures: CPU per page and per run, memory per crawl process, polite pages per second.

    python bench/capacity.py [--sizes 100 1000] [--repeats 3] [--polite-pages 60] [--no-polite]

For the main portal's replica (tpure, ~93 KB pages) and a Z-BlogPHP default-theme replica, each at two
sizes: a full crawl with politeness off into a fresh database, then an incremental run over it that walks
every listing page and fetches no article (all known), each repeated and the least CPU kept. The CPU
time of each crawl process (user + system, from getrusage of the finished child) is split by least
squares into a fixed cost per run, a cost per listing page and a cost per article page. Peak memory is the crawl's own ``parknews/peak_memory_bytes``.
A polite crawl (the project's defaults: one request at a time, DOWNLOAD_DELAY=1, AutoThrottle) measures
pages per second per portal, and an idle Scrapyd its own memory. Prints the figures, then how many polite
crawls one machine runs at once, bound by CPU and by memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from common import ROOT, machine

from tests.replica.server import ReplicaServer
from tests.replica.site import bench_site
from tests.replica_zblog.bodies import plain_body
from tests.replica_zblog.site import Article
from tests.replica_zblog.standard import NEWEST, standard_site

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "LOG_LEVEL=WARNING"]
WALK_LISTINGS = ["-a", "mode=incremental", "-s", f"INCREMENTAL_STOP_AFTER_KNOWN={10**9}"]
CPU_SHARE = 0.7      # of all cores, for crawls: the rest for the system, Scrapyd, analysts' queries
MEMORY_SHARE = 0.8   # of physical memory, for crawl processes


@dataclass
class Run:
    cpu: float            # seconds of CPU, user + system
    wall: float
    listing: int
    article: int
    responses: int
    peak_memory: int      # bytes (VmHWM)
    elapsed: float        # Scrapy's own elapsed_time_seconds
    db_bytes: int         # the database file after the run, its log checkpointed


def crawl(spider: str, base_url: str, db: Path, *args: str) -> Run:
    """One ``scrapy crawl`` in a subprocess, its CPU time measured from the outside."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"base_url={base_url}", "-s",
               f"SQLITE_PATH={db}", *args]
    env = dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return Run(cpu=(after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall=wall,
               listing=stats.get("parknews/listing_pages", 0), article=stats.get("parknews/article_pages", 0),
               responses=stats.get("response_received_count", 0), peak_memory=stats["parknews/peak_memory_bytes"],
               elapsed=stats["elapsed_time_seconds"], db_bytes=db.stat().st_size)


def zblog_bench_site(host: str, articles: int):
    """The default-theme replica grown to ``articles`` articles (plain bodies, one every nine hours back)."""
    site = standard_site(host, now=None)
    site.articles.clear()
    categories = list(site.categories)
    for index in range(articles):
        site.add(Article(100 + articles - index, f"园区重点项目建设动态第{articles - index}期",
                         categories[index % len(categories)], NEWEST - timedelta(hours=9 * index),
                         plain_body(index, count=4, image=index % 5 == 0), views=10 + index))
    return site


MAIN = "main portal (tpure)"
PORTALS = {  # name: (spider, site factory for a size)
    MAIN: ("zhongnangaoke", lambda n: lambda host: bench_site(host, n)),
    "Z-BlogPHP default theme": ("zblog", lambda n: lambda host: zblog_bench_site(host, n)),
}


def per_page_costs(spider: str, factory, sizes: list[int], repeats: int, scratch: Path) -> dict:
    """A full crawl and a listing walk at each size, each the least CPU of ``repeats`` (other work on the
    machine only ever adds time); least squares on cpu = fixed + listing pages·l + article pages·a."""
    runs = []
    for size in sizes:
        with ReplicaServer(site_factory=factory(size)) as server:
            tries = []
            for attempt in range(repeats):
                db = scratch / f"{spider}-{size}-{attempt}.db"
                tries.append((crawl(spider, server.url, db, "-a", "mode=full", *FAST),
                              crawl(spider, server.url, db, *WALK_LISTINGS, *FAST)))
        runs += [min((t[0] for t in tries), key=lambda r: r.cpu), min((t[1] for t in tries), key=lambda r: r.cpu)]
    fixed, listing, article = least_squares([(1.0, r.listing, r.article) for r in runs], [r.cpu for r in runs])
    return {"fixed_s": fixed, "listing_ms": listing * 1000, "article_ms": article * 1000,
            "peak_mb": max(r.peak_memory for r in runs) / 2**20, "runs": runs}


def least_squares(rows: list[tuple[float, ...]], values: list[float]) -> list[float]:
    """Solve the normal equations (few unknowns, well-conditioned: listing and article counts vary apart)."""
    n = len(rows[0])
    a = [[sum(r[i] * r[j] for r in rows) for j in range(n)] + [sum(r[i] * v for r, v in zip(rows, values))]
         for i in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda k: abs(a[k][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for k in range(n):
            if k != col:
                factor = a[k][col] / a[col][col]
                a[k] = [x - factor * y for x, y in zip(a[k], a[col])]
    return [a[i][n] / a[i][i] for i in range(n)]


def polite_rate(pages: int, scratch: Path) -> Run:
    """A crawl with the project's polite defaults, stopped after ``pages`` responses."""
    with ReplicaServer(site_factory=lambda host: bench_site(host, pages * 2)) as server:
        return crawl("zhongnangaoke", server.url, scratch / "polite.db", "-s", f"CLOSESPIDER_PAGECOUNT={pages}",
                     "-s", "LOG_LEVEL=WARNING")


def scrapyd_memory(scratch: Path) -> int | None:
    """Resident memory of an idle Scrapyd (bytes), or None when the scrapyd extra is not installed."""
    try:
        import scrapyd  # noqa: F401
    except ImportError:
        return None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = scratch / "scrapyd"
    folder.mkdir()
    (folder / "scrapyd.conf").write_text(f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\n"
                                         f"eggs_dir = {folder}/eggs\nlogs_dir = {folder}/logs\ndbs_dir = {folder}/dbs\n")
    process = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=dict(os.environ, HOME=str(folder)))
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/daemonstatus.json", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        with open(f"/proc/{process.pid}/status", encoding="ascii") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
    finally:
        process.terminate()
        process.wait(20)


def memory_total() -> int:
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        return next(int(line.split()[1]) * 1024 for line in meminfo if line.startswith("MemTotal:"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100, 1000], help="articles in the replicas")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each crawl; the least CPU counts")
    parser.add_argument("--polite-pages", type=int, default=60, help="pages of the polite crawl (about 1 s each)")
    parser.add_argument("--no-polite", action="store_true", help="skip the polite crawl")
    args = parser.parse_args()
    cores, memory = os.cpu_count() or 1, memory_total()
    print(f"{date.today()}; {machine()}; {memory / 2**30:.1f} GiB memory; "
          f"load average at start {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        costs = {}
        for name, (spider, factory) in PORTALS.items():
            costs[name] = cost = per_page_costs(spider, factory, args.sizes, args.repeats, scratch)
            print(f"\n{name} (spider {spider}):")
            for run, label in zip(cost["runs"], [f"{kind} {size}" for size in args.sizes
                                                  for kind in ("full crawl", "listing walk")]):
                print(f"  {label:<18} {run.listing:>5} listing + {run.article:>5} article pages: "
                      f"{run.cpu:6.2f} s CPU, {run.wall:6.2f} s wall, peak {run.peak_memory / 2**20:.0f} MB")
            full = cost["runs"][-2]
            print(f"  per run {cost['fixed_s']:.2f} s CPU (start, robots.txt, home, feed, stop); "
                  f"per listing page {cost['listing_ms']:.1f} ms; per article page {cost['article_ms']:.1f} ms; "
                  f"peak memory {cost['peak_mb']:.0f} MB; database {full.db_bytes / 2**20 / full.article * 1000:.1f} "
                  "MiB per 1,000 articles", flush=True)
        polite = None if args.no_polite else polite_rate(args.polite_pages, scratch)
        daemon = scrapyd_memory(scratch)
    print()
    page_ms = max(max(c["listing_ms"], c["article_ms"]) for c in costs.values())
    peak_mb = max(c["peak_mb"] for c in costs.values())
    rate, cpu_per_second = 1.0, page_ms / 1000   # without a polite crawl: 1 page/s at the dearest page's cost
    if polite:
        fixed = costs[MAIN]["fixed_s"]   # the polite crawl reads the main portal's replica
        rate, cpu_per_second = polite.responses / polite.elapsed, (polite.cpu - fixed) / polite.elapsed
        peak_mb = max(peak_mb, polite.peak_memory / 2**20)
        print(f"polite crawl: {polite.responses} pages in {polite.elapsed:.1f} s = {rate:.2f} pages/s per portal; "
              f"{polite.cpu:.2f} s CPU in all, {cpu_per_second * 1000:.0f} ms CPU per second of crawling beyond the "
              f"run's fixed cost; peak {polite.peak_memory / 2**20:.0f} MB")
    if daemon:
        print(f"idle Scrapyd: {daemon / 2**20:.0f} MB resident")
    by_cpu = cores * CPU_SHARE / cpu_per_second
    by_memory = (memory * MEMORY_SHARE - (daemon or 0)) / (peak_mb * 2**20)
    print(f"polite crawls at once on this machine: {by_cpu:.0f} by CPU ({cores} cores × {CPU_SHARE} / "
          f"{cpu_per_second * 1000:.0f} ms per second), {by_memory:.0f} by memory ({MEMORY_SHARE} × "
          f"{memory / 2**30:.1f} GiB / {peak_mb:.0f} MB): {min(by_cpu, by_memory):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
