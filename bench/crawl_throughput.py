"""End-to-end crawl throughput on loopback: ``scrapy crawl zhongnangaoke`` against a bare Scrapy spider.

    python bench/crawl_throughput.py [--articles 5000]

Serves a generated replica (pre-rendered, 50–100 KB pages) on 127.0.0.1, runs a full crawl with
politeness off into a fresh SQLite file, then a bare spider that requests exactly the URLs the
crawl requested and does nothing with them. Prints pages per second for both, the ratio, and the
crawl's peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from common import ROOT, machine

from tests.replica.site import bench_site

SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=16",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=WARNING"]


class StaticReplica:
    """Every page of a replica rendered once, then served from memory, so the server costs little."""

    def __init__(self, articles: int):
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        self.log: list[str] = []
        replica = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                replica.log.append(self.path)
                status, content_type, body = replica.pages.get(self.path, (404, "text/plain", b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        site = bench_site(self.url, articles)
        site.views_on_fetch = False
        live = site.live()
        site.live = lambda: live  # the content does not change: sort once
        paths = ["/robots.txt", "/feed.php", "/"]
        for category in site.categories:
            pages = -(-len(site.in_category(category)) // site.display_count)
            paths += [site.category_url(category, n)[len(self.url):] for n in range(1, pages + 1)]
        paths += [site.article_url(a.post_id)[len(self.url):] for a in site.articles.values()]
        for path in paths:
            self.pages[path] = site.render(path)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def timed(command, cwd) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, env=dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS=""))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    print(f"rendering a replica of {args.articles} articles …", flush=True)
    replica = StaticReplica(args.articles)
    size = sum(len(body) for _, _, body in replica.pages.values()) / len(replica.pages) / 1024
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "news.db"
        ours = timed([sys.executable, "-m", "scrapy", "crawl", "zhongnangaoke", "-a", f"base_url={replica.url}",
                      "-a", "mode=full", "-s", f"SQLITE_PATH={db}", *SETTINGS], ROOT)
        conn = sqlite3.connect(db)
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0])
        conn.close()
        fetched = [p for p in replica.log if p != "/robots.txt"]
        urls = Path(scratch) / "urls.txt"
        urls.write_text("\n".join(replica.url + p for p in fetched), encoding="utf-8")
        bare_stats = Path(scratch) / "bare.json"
        replica.log.clear()
        # run from a folder without scrapy.cfg, so that none of the project's components load
        bare = timed([sys.executable, "-m", "scrapy", "runspider", str(Path(__file__).with_name("bare_spider.py")),
                      "-a", f"urls_file={urls}", "-a", f"stats_file={bare_stats}", "-s", "ROBOTSTXT_OBEY=False",
                      "-s", "TELNETCONSOLE_ENABLED=False", "-s", "REMOTE_CONTROL_ENABLED=False", *SETTINGS], scratch)
        bare_stats = json.loads(bare_stats.read_text())
        bare_count = bare_stats["response_received_count"]
    crawl_rate = stats["response_received_count"] / stats["elapsed_time_seconds"]
    print(f"{machine()}; {len(fetched)} pages of {size:.0f} KB on average, {stored} articles stored")
    print(f"{'crawler':<22} {'pages/s (wall)':>15}")
    print(f"{'parknews crawl':<22} {len(fetched) / ours:>15.1f}")
    print(f"{'bare scrapy spider':<22} {bare_count / bare:>15.1f}")
    print(f"parknews reaches {(len(fetched) / ours) / (bare_count / bare):.2f} of the bare rate "
          f"(inside Scrapy's own clock: {crawl_rate:.1f} pages/s)")
    print(f"peak memory (VmHWM): parknews crawl {stats['parknews/peak_memory_bytes'] / 2**20:.0f} MB, "
          f"bare spider {bare_stats['peak_memory_bytes'] / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
