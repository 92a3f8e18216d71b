"""Storage rules the crawl, reparse, cron and the read-only commands rely on, each on the storage API the
pipelines call: when a database may be opened and how, what an upsert keeps, moves and archives, which
articles count as known, deleted or redirected away, pages kept once, runs recorded and found again."""

import json
import shutil
import sqlite3
from collections import namedtuple
from datetime import datetime, timedelta

import pytest

from crawler import storage
from crawler.dates import SHANGHAI, shanghai_now
from tests.conftest import make_read_only, rows

URL = "http://www.example.com/index.php/post/1.html"
MiB = 2**20


def article(url=URL, **fields) -> dict:
    base = {"url": url, "portal": "test", "post_id": 1, "title": "太原氢能产业园开工", "body_text": "氢能产业园开工建设。",
            "body_html": "<p>氢能产业园开工建设。</p>", "tags": ["招商", "签约"], "images": ["http://x/upload/厂房.jpg"],
            "published_at": "2022-07-05T00:00:00+08:00", "published_precision": "day",
            "fetched_at": datetime(2026, 11, 26, 10, 0, 0, tzinfo=SHANGHAI)}
    base.update(fields)
    return base


@pytest.fixture
def db(tmp_path):
    database = storage.connect(tmp_path / "news.db")
    yield database
    database.conn.close()


# Opening ------------------------------------------------------------------------------------------

def test_a_new_database_is_created_with_its_folders_migrated_and_in_wal_mode(tmp_path):
    path = tmp_path / "a" / "b" / "news.db"
    db = storage.open_for_writing(path)
    assert storage.schema_version(db) == storage.SCHEMA_VERSION and db["articles"].exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"          # readers never wait for a crawl
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == storage.BUSY_TIMEOUT_SECONDS * 1000
    db.conn.close()
    again = storage.open_for_writing(path)                                    # the next crawl opens it as it is
    assert storage.schema_version(again) == storage.SCHEMA_VERSION
    again.conn.close()


def test_fifty_mebibytes_free_are_needed_to_write(tmp_path, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**12, 0, 50 * MiB - 1))
    with pytest.raises(storage.StorageError, match=r"only 49 MiB free next to .* \(at least 50 MiB needed\)"):
        storage.open_for_writing(tmp_path / "news.db")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**12, 0, 50 * MiB))
    storage.open_for_writing(tmp_path / "news.db").conn.close()


def test_a_database_of_someone_elses_newer_schema_is_never_written(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text)")
    conn.execute(f"PRAGMA user_version = {storage.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(storage.StorageError, match="newer than this parknews knows"):
        storage.open_for_writing(path)
    with pytest.raises(storage.StorageError, match="upgrade parknews"):
        storage.open_for_reading(path)
    assert [r["name"] for r in rows(path, "SELECT name FROM sqlite_master")] == ["notes"]


def test_reading_opens_a_current_database_read_only(db, tmp_path):
    storage.upsert_articles(db, [article()])
    reader = storage.open_for_reading(tmp_path / "news.db")
    assert [r["title"] for r in reader.query("SELECT title FROM articles")] == ["太原氢能产业园开工"]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.execute("DELETE FROM articles")
    reader.conn.close()


@pytest.mark.parametrize("case, says", [("missing", "no database at"), ("folder", "is a directory"),
                                        ("old", "a crawl or reparse migrates it")])
def test_reading_refuses_what_is_not_a_current_database(tmp_path, case, says):
    path = tmp_path / "news.db"
    if case == "folder":
        path.mkdir()
    elif case == "old":
        old = storage.connect(path, migrate_schema=False)
        storage.migrate(old, target=3)
        old.conn.close()
    with pytest.raises(storage.StorageError, match=says):
        storage.open_for_reading(path)
    assert path.exists() == (case != "missing")


def test_reading_works_in_a_folder_this_process_may_not_write(tmp_path):
    folder = tmp_path / "ro"
    db = storage.connect(folder / "news.db")
    storage.upsert_articles(db, [article()])
    db.conn.close()
    undo = make_read_only(folder)
    try:
        reader = storage.open_for_reading(folder / "news.db")
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        reader.conn.close()
    finally:
        undo()


def test_a_file_sqlite_cannot_open_at_all_is_refused_with_a_reason(tmp_path, monkeypatch):
    """As for a file this user may not read: every way of opening fails; one StorageError, no traceback."""
    db = storage.connect(tmp_path / "news.db")
    db.conn.close()

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(storage, "_open", refuse)
    with pytest.raises(storage.StorageError, match="unable to open database file"):
        storage.open_for_reading(tmp_path / "news.db")


def binding_error() -> sqlite3.Error:
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("SELECT ?", (["a list"],))
    except sqlite3.Error as error:
        return error
    finally:
        conn.close()
    raise AssertionError("SQLite bound a list")


def test_a_row_sqlite_cannot_bind_is_the_rows_fault_a_locked_or_closed_database_is_not():
    """The row's fault: rejected on its own. The database's: kept pending and retried."""
    assert not storage.is_database_failure(binding_error())
    assert not storage.is_database_failure(sqlite3.IntegrityError("UNIQUE constraint failed"))
    assert not storage.is_database_failure(OverflowError("Python int too large to convert to SQLite INTEGER"))
    assert storage.is_database_failure(sqlite3.OperationalError("database is locked"))
    assert storage.is_database_failure(sqlite3.ProgrammingError("Cannot operate on a closed database."))
    assert storage.is_database_failure(sqlite3.DatabaseError("database disk image is malformed"))


def test_migrating_an_old_database_says_the_version_it_reached(tmp_path):
    db = storage.connect(tmp_path / "news.db", migrate_schema=False)
    assert storage.migrate(db, target=2) == 2
    assert storage.migrate(db) == storage.SCHEMA_VERSION
    db.conn.close()


@pytest.mark.parametrize("error, retried", [
    (sqlite3.OperationalError("database is locked"), True),
    (sqlite3.DatabaseError("database disk image is malformed"), True),
    (sqlite3.IntegrityError("NOT NULL constraint failed: articles.title"), False),
    (sqlite3.DataError("string or blob too big"), False),
    (ValueError("not a database error"), False),
])
def test_a_failed_write_is_retried_only_when_the_database_is_at_fault(error, retried):
    assert storage.is_database_failure(error) is retried


# Articles ---------------------------------------------------------------------------------------

def test_lists_are_stored_as_readable_json_and_the_crawl_time_is_the_fetch_time(db, tmp_path):
    assert storage.upsert_articles(db, [article()]) == {"new": 1}
    (row,) = rows(tmp_path / "news.db", "SELECT tags, images, first_seen_at, last_crawled_at FROM articles")
    assert tuple(row) == ('["招商", "签约"]', '["http://x/upload/厂房.jpg"]', "2026-11-26T10:00:00+08:00",
                          "2026-11-26T10:00:00+08:00")


def test_without_a_fetch_time_an_article_is_stamped_now(db, tmp_path):
    storage.upsert_articles(db, [article(fetched_at=None)])
    (row,) = rows(tmp_path / "news.db", "SELECT last_crawled_at FROM articles")
    stamped = storage.parse_iso(row["last_crawled_at"])
    assert stamped.utcoffset() == timedelta(hours=8) and abs(stamped - shanghai_now()) < timedelta(minutes=1)


@pytest.mark.parametrize("field", ["title", "body_text", "body_html"])
def test_an_edit_to_any_part_of_the_content_is_kept_as_a_version_and_nothing_else_is(db, tmp_path, field):
    storage.upsert_articles(db, [article()])
    assert storage.upsert_articles(db, [article(views=99)]) == {"unchanged": 1}
    assert storage.upsert_articles(db, [article(**{field: "改过的内容"})]) == {"updated": 1}
    (version,) = rows(tmp_path / "news.db", f"SELECT {field} FROM article_versions")
    assert version[0] == article()[field]
    assert storage.content_hash("a", None, None) == storage.content_hash("a", "", "")


def test_an_article_stored_again_under_its_new_url_moves_with_its_history(db, tmp_path):
    storage.upsert_articles(db, [article(views=5)])
    moved = URL.replace("http://www.", "https://")
    assert storage.upsert_articles(db, [article(url=moved, views=6)]) == {"unchanged": 1}
    assert [tuple(r) for r in rows(tmp_path / "news.db", "SELECT url FROM articles")] == [(moved,)]
    assert {r["url"] for r in rows(tmp_path / "news.db", "SELECT url FROM article_stats")} == {moved}


def test_view_counts_from_listings_are_counted_and_only_observations_with_a_count(db):
    storage.upsert_articles(db, [article()])
    assert storage.record_views(db, [{"portal": "test", "post_id": 1, "url": URL, "views": None,
                                      "observed_at": "2026-11-27T00:00:00+08:00"}]) == 0
    assert storage.record_views(db, [{"portal": "test", "post_id": 1, "url": URL, "views": 7,
                                      "observed_at": "2026-11-27T00:00:00+08:00"}] * 2) == 2


def test_a_gone_article_is_marked_once_and_now_when_no_time_is_given(db, tmp_path):
    storage.upsert_articles(db, [article()])
    assert storage.mark_gone(db, "test", 1) is True
    assert storage.mark_gone(db, "test", 1) is False          # already marked: the first time stays
    assert storage.mark_gone(db, "test", 2) is False          # not stored
    deleted = storage.parse_iso(rows(tmp_path / "news.db", "SELECT deleted_at FROM articles")[0][0])
    assert abs(deleted - shanghai_now()) < timedelta(minutes=1)


def test_known_articles_include_deleted_ones_unless_only_live_ones_are_asked_for(db):
    storage.upsert_articles(db, [article(), article(URL.replace("1.html", "2.html"), post_id=2)])
    storage.mark_gone(db, "test", 2, "2026-11-27T00:00:00+08:00")
    assert storage.known_post_ids(db, "test") == {1, 2}
    assert storage.known_post_ids(db, "test", live_only=True) == {1}
    assert storage.known_post_ids(db, "other") == set()


def test_an_article_last_redirected_away_and_not_stored_is_not_asked_for_again(db):
    storage.upsert_articles(db, [article()])
    for post_id, kind in ((1, "redirect"), (3, "redirect"), (4, "redirect"), (4, "download"), (5, "parse")):
        storage.record_reject(db, f"http://x/{post_id}", "why", None, portal="test", post_id=post_id, kind=kind)
    assert storage.redirected_post_ids(db, "test") == {3}


def test_a_reject_keeps_its_excerpt_up_to_2000_characters(db, tmp_path):
    storage.record_reject(db, URL, "too short", None, "正文" * 1500, portal="test", post_id=1, kind="invalid")
    (row,) = rows(tmp_path / "news.db", "SELECT excerpt FROM rejects")
    assert row["excerpt"] == ("正文" * 1500)[:2000]


# Pages and runs ---------------------------------------------------------------------------------

def page(body: bytes, day: int) -> dict:
    return {"url": URL, "portal": "test", "post_id": 1, "fetched_at": f"2026-11-{day:02d}T10:00:00+08:00", "body": body}


def test_latest_retention_keeps_one_page_per_article_and_no_orphan_body(db):
    assert storage.store_pages(db, [page(b"<p>one</p>", 1)]) == 1
    assert storage.store_pages(db, [page(b"<p>two</p>", 2)]) == 1
    (kept,) = db.query("SELECT sha256, fetched_at FROM pages")
    assert kept["fetched_at"] == "2026-11-02T10:00:00+08:00"
    assert storage.page_body(db, kept["sha256"]) == b"<p>two</p>" and db["page_bodies"].count == 1


def test_a_rejected_fetch_never_replaces_the_page_the_article_came_from(db):
    storage.store_pages(db, [page(b"<p>good</p>", 1)])
    storage.store_pages(db, [{**page(b"<p>error skeleton</p>", 2), "rejected": True}])
    storage.store_pages(db, [{**page(b"<p>error again</p>", 3), "rejected": True}])
    kept = {storage.page_body(db, r["sha256"]): r["rejected"] for r in db.query("SELECT * FROM pages")}
    assert kept == {b"<p>good</p>": 0, b"<p>error again</p>": 1}    # the newest reject replaced the older one
    assert db["page_bodies"].count == 2
    storage.store_pages(db, [page(b"<p>good again</p>", 4)])      # a page that gave the article: the only one
    assert [storage.page_body(db, r["sha256"]) for r in db.query("SELECT sha256 FROM pages")] == [b"<p>good again</p>"]
    assert db["page_bodies"].count == 1


def test_all_retention_keeps_every_distinct_version(db):
    written = storage.store_pages(db, [page(b"<p>one</p>", 1), page(b"<p>two</p>", 2), page(b"<p>two</p>", 3)],
                                  retention="all")
    assert written == 2 and db["pages"].count == 2 and db["page_bodies"].count == 2


def test_runs_are_recorded_with_readable_sorted_arguments_and_found_again(db):
    first = storage.open_run(db, "full", {"since": "2026-01-01", "categories": "新闻中心"}, portal="test")
    storage.close_run(db, first, {"finish_reason": "finished"})
    second = storage.open_run(db, "reparse", {}, portal="test")
    other = storage.open_run(db, "incremental", {}, portal="other")
    assert (first, second, other) == (1, 2, 3)
    assert db["crawl_runs"].get(first)["arguments"] == '{"categories": "新闻中心", "since": "2026-01-01"}'
    assert storage.latest_run(db)["id"] == other
    assert storage.latest_run(db, portal="test")["id"] == second
    assert storage.latest_run(db, portal="test", finished=True)["id"] == first
    assert storage.latest_run(db, portal="test", modes=("full", "incremental"))["id"] == first
    assert storage.latest_run(db, portal="nobody") is None


def test_stored_times_read_back_as_aware_datetimes():
    assert storage.parse_iso("2026-11-26T10:00:00+08:00") == datetime(2026, 11, 26, 10, tzinfo=SHANGHAI)
