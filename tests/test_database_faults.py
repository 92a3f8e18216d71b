"""A database that refuses: one article SQLite will not take, another writer holding the lock, a file
that cannot be written at all. Nothing is lost, nothing is fetched in vain, and the user reads one line."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from crawler import locks, storage
from tests.conftest import ROOT, make_read_only, offline_env, rows, run_crawl, scrapy_crawl

REFUSED = 26015   # the article a trigger makes SQLite refuse


def command(*args):
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=offline_env(), capture_output=True,
                          text=True, timeout=300)


def test_one_article_sqlite_refuses_costs_only_itself(replica, db_path):
    db = storage.connect(db_path)
    db.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.post_id = {REFUSED}"
               " BEGIN SELECT RAISE(ABORT, 'refused by a constraint'); END")
    db.conn.close()
    result = run_crawl(replica.url, db_path, settings=("-s", "SQLITE_BATCH_SIZE=20"))
    assert result.returncode == 0
    stored = {r["post_id"] for r in rows(db_path, "SELECT post_id FROM articles")}
    assert stored == set(replica.site.articles) - {REFUSED}      # its batch-mates are all stored
    (reject,) = rows(db_path, "SELECT * FROM rejects")
    assert reject["post_id"] == REFUSED and reject["kind"] == "storage"
    assert "refused by a constraint" in reject["reason"] and reject["run_id"] == 1
    assert rows(db_path, "SELECT count(*) AS n FROM pages WHERE post_id = ?", (REFUSED,))[0]["n"] == 1
    (run,) = rows(db_path, "SELECT * FROM crawl_runs")
    assert (run["finish_reason"], run["items_rejected"], run["articles_new"]) == \
        ("finished", 1, len(replica.site.articles) - 1)


def test_a_write_lock_held_past_the_timeout_loses_no_article(replica, db_path):
    storage.connect(db_path).conn.close()
    replica.hold_after = 10      # the crawl waits for the site while another writer takes the lock
    settings = ("-s", "SQLITE_BATCH_SIZE=5", "-s", "SQLITE_TIMEOUT=0.5")
    crawl = subprocess.Popen(scrapy_crawl(replica.url, db_path, settings=settings), cwd=ROOT, env=offline_env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert replica.holding.wait(60)
        holder.execute("BEGIN IMMEDIATE")
        replica.hold_after = None
        replica.release.set()
        refused = any("refused a write" in line for line in _lines_until(crawl.stderr, "refused a write"))
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
    crawl.communicate(timeout=120)
    assert refused and crawl.returncode == 0
    assert {r["post_id"] for r in rows(db_path, "SELECT post_id FROM articles")} == set(replica.site.articles)
    (run,) = rows(db_path, "SELECT * FROM crawl_runs")
    assert run["finish_reason"] == "finished" and json.loads(run["stats"])["parknews/storage_retries"] >= 1


def _lines_until(stream, marker):
    for line in stream:
        yield line
        if marker in line:
            return


def _directory(path):
    path.mkdir()


def _not_a_database(path):
    path.write_bytes(b"these are not the bytes of a SQLite file\n" * 200)


def _newer_schema(path):
    db = storage.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.conn.close()


def _read_only_file(path):
    storage.connect(path).conn.close()
    return make_read_only(path)


def _read_only_folder(path):
    storage.connect(path).conn.close()
    return make_read_only(path.parent)


UNUSABLE = {
    "a directory": (_directory, "is a directory"),
    "not a database": (_not_a_database, "is not a SQLite database"),
    "a newer schema": (_newer_schema, "newer than this parknews knows"),
    "a read-only file": (_read_only_file, "readonly database"),
    "a read-only folder": (_read_only_folder, "cannot write next to the database"),
}


@pytest.mark.parametrize("case", sorted(UNUSABLE))
def test_an_unusable_database_stops_the_crawl_before_any_request(replica, tmp_path, case):
    db_path = tmp_path / "data" / "news.db"
    db_path.parent.mkdir()
    prepare, says = UNUSABLE[case]
    undo = prepare(db_path)
    try:
        result = run_crawl(replica.url, db_path)
    finally:
        if undo:
            undo()
    assert result.returncode == 73, result.log[-1500:]
    ours = [line for line in result.log.splitlines() if line.startswith("parknews:")]
    assert len(ours) == 1 and ours[0].startswith("parknews: cannot ") and says in ours[0], ours
    assert "Traceback" not in result.log
    assert replica.requests == []                  # not even robots.txt


def test_too_little_free_disk_stops_the_crawl_before_any_request(replica, db_path):
    result = run_crawl(replica.url, db_path, settings=("-s", f"SQLITE_MIN_FREE_MB={10**12}"))
    assert result.returncode == 73
    assert "MiB free next to" in result.log and replica.requests == []


@pytest.mark.parametrize("case", ["not a database", "a newer schema"])
def test_cron_and_reparse_refuse_an_unusable_database_with_one_line(tmp_path, case):
    db_path = tmp_path / "news.db"
    UNUSABLE[case][0](db_path)
    before = db_path.read_bytes()
    by_cron = command("crawler.cron", "--db", str(db_path), "--log-dir", str(tmp_path / "logs"),
                      "-a", "base_url=http://127.0.0.1:9")
    by_reparse = command("crawler.reparse", "--db", str(db_path))
    for done in (by_cron, by_reparse):
        assert done.returncode == 73
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("parknews: cannot use the database")
    assert db_path.read_bytes() == before


def test_read_only_commands_work_in_a_folder_they_may_not_write(replica, tmp_path):
    db_path = tmp_path / "shared" / "news.db"
    assert run_crawl(replica.url, db_path).returncode == 0
    listing = sorted(os.listdir(db_path.parent))
    undo = make_read_only(db_path.parent)
    try:
        found = command("crawler.search", "--db", str(db_path), "太原")
        healthy = command("crawler.health", "--db", str(db_path))
        dry = command("crawler.reparse", "--db", str(db_path), "--dry-run")
    finally:
        undo()
    assert found.returncode == 0 and "/index.php/post/9821.html" in found.stdout
    assert healthy.returncode == 0 and healthy.stdout.startswith("OK ")
    assert dry.returncode == 0 and dry.stdout.startswith(f"Would re-extract {len(replica.site.articles)} pages")
    assert sorted(os.listdir(db_path.parent)) == listing


def test_read_only_commands_refuse_a_database_that_does_not_exist(tmp_path):
    missing = tmp_path / "typo" / "news.db"
    for args in (("crawler.search", "--db", str(missing), "太原"), ("crawler.health", "--db", str(missing)),
                 ("crawler.reparse", "--db", str(missing), "--dry-run")):
        done = command(*args)
        assert done.returncode != 0 and "no database at" in done.stdout + done.stderr, args
    assert not missing.parent.exists()


def test_the_lock_file_is_never_followed_through_a_symlink(replica, db_path, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    db_path.parent.mkdir(exist_ok=True)
    locks.lock_path(db_path, "zhongnangaoke").symlink_to(victim)
    result = run_crawl(replica.url, db_path)
    assert result.returncode == 73 and "cannot write next to the database" in result.log
    assert victim.read_text() == "precious" and replica.requests == []


def _open_at_once(path, barrier, results):
    barrier.wait()
    try:
        storage.open_for_writing(path, min_free_bytes=0).conn.close()
        results.put("ok")
    except Exception as error:  # reported to the test, which shows it
        results.put(repr(error))


def test_processes_creating_one_new_database_at_once_all_succeed(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    path = tmp_path / "new" / "news.db"
    barrier, results = context.Barrier(4), context.Queue()
    workers = [context.Process(target=_open_at_once, args=(path, barrier, results)) for _ in range(4)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(60)
    assert outcomes == ["ok"] * 4
    db = storage.open_for_reading(path)
    assert storage.schema_version(db) == storage.SCHEMA_VERSION
