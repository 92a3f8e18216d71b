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


def run_crawl(base_url: str, db_path: Path, *args: str, settings: tuple[str, ...] = ()) -> CrawlResult:
    """``python -m scrapy crawl zhongnangaoke`` from the repository root, as a user runs it."""
    command = [sys.executable, "-m", "scrapy", "crawl", "zhongnangaoke", "-a", f"base_url={base_url}",
               "-s", f"SQLITE_PATH={db_path}", *FAST, *settings]
    for arg in args:
        command += ["-a", arg]
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
