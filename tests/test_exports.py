"""The export commands docs/desk.md gives (sqlite-utils CSV and JSON lines), run as written on a crawled database."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.replica.site import standard_site
from tests.conftest import ROOT, offline_env, run_crawl
from tests.replica.server import ReplicaServer

GUIDE = ROOT / "docs" / "desk.md"


def export_commands() -> dict[str, str]:
    """The ``sqlite-utils query`` lines of the guide's Exports section, by output format."""
    section = GUIDE.read_text(encoding="utf-8").split("## Exports", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in section.splitlines() if line.startswith("sqlite-utils query data/news.db ")]
    return {("csv" if " --csv" in command else "nl" if " --nl" in command else "other"): command
            for command in commands}


def run_as_written(command: str, db_path: Path, cwd: Path) -> None:
    # The guide's command with this test's database, and sqlite-utils from this Python's environment.
    command = command.replace("data/news.db", str(db_path), 1)
    command = command.replace("sqlite-utils ", f"{sys.executable} -m sqlite_utils ", 1)
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=offline_env(), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


def query_of(command: str) -> str:
    return re.search(r'query data/news\.db "([^"]+)"', command).group(1)


@pytest.fixture(scope="module")
def crawled_db(tmp_path_factory) -> Path:
    db_path = tmp_path_factory.mktemp("exports") / "news.db"
    with ReplicaServer() as server:
        result = run_crawl(server.url, db_path)
    assert result.returncode == 0, result.log[-2000:]
    return db_path


def db_rows(db_path: Path, sql: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_guide_gives_a_csv_and_a_json_lines_command():
    assert set(export_commands()) == {"csv", "nl"}


def test_csv_export_holds_every_row_of_the_query(crawled_db, tmp_path):
    command = export_commands()["csv"]
    run_as_written(command, crawled_db, tmp_path)
    output = re.search(r"> (\S+)$", command).group(1)
    with open(tmp_path / output, newline="", encoding="utf-8") as handle:
        exported = list(csv.reader(handle))
    expected = db_rows(crawled_db, query_of(command))
    assert len(expected) == len(standard_site("http://x").articles)
    assert exported[0] == list(expected[0].keys())
    assert exported[1:] == [["" if value is None else str(value) for value in row] for row in expected]


def test_json_lines_export_holds_every_row_with_lists_as_lists(crawled_db, tmp_path):
    command = export_commands()["nl"]
    run_as_written(command, crawled_db, tmp_path)
    output = re.search(r"> (\S+)$", command).group(1)
    lines = (tmp_path / output).read_text(encoding="utf-8").splitlines()
    exported = [json.loads(line) for line in lines]
    expected = db_rows(crawled_db, query_of(command))
    assert len(exported) == len(expected) == len(standard_site("http://x").articles)
    for record, row in zip(exported, expected):
        assert list(record) == list(row.keys())
        assert record["url"] == row["url"] and record["body_text"] == row["body_text"]
        assert record["tags"] == json.loads(row["tags"]) and record["images"] == json.loads(row["images"])
    assert any(record["images"] for record in exported)
