"""Shared fixtures: the replica portal on 127.0.0.1 and a real ``scrapy crawl`` against it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.replica.server import ReplicaServer

ROOT = Path(__file__).resolve().parent.parent
# Politeness off for the replica; everything else as in production.
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "LOG_LEVEL=INFO")


def offline_env() -> dict:
    env = dict(os.environ)
    env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@dataclass
class CrawlResult:
    returncode: int
    log: str


def run_crawl(base_url: str, db_path: Path, *args: str, settings: tuple[str, ...] = (),
              spider: str = "zhongnangaoke") -> CrawlResult:
    """``python -m scrapy crawl zhongnangaoke`` (or another spider) from the repository root, as a user runs it."""
    command = scrapy_crawl(base_url, db_path, *args, settings=settings, spider=spider)
    done = subprocess.run(command, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=300)
    return CrawlResult(done.returncode, done.stderr + done.stdout)


def rows(db_path: Path, sql: str, params=()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def replica():
    with ReplicaServer() as server:
        yield server


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "news.db"


def make_read_only(path: Path):
    """Make a file or folder unwritable for this process, also when it runs as root (the immutable
    attribute); returns the function that undoes it. Skips the test where neither is possible."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        return lambda: path.chmod(mode)
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make {path} read-only for root here: {done.stderr.strip()}")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def scrapy_crawl(base_url: str, db_path: Path, *args: str, settings: tuple[str, ...] = (),
                 spider: str = "zhongnangaoke") -> list[str]:
    """The command line of a crawl as ``run_crawl`` runs it (for tests that drive the process themselves)."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"base_url={base_url}",
               "-s", f"SQLITE_PATH={db_path}", *FAST, *settings]
    for arg in args:
        command += ["-a", arg]
    return command
