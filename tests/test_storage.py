"""Storage: migrations in place, search for short and long terms, view ordering, readers during writes."""

import sqlite3
from datetime import datetime

from crawler import storage
from crawler.dates import SHANGHAI
from crawler.search import search
from tests.conftest import rows, run_crawl


def article(url="http://x/index.php/post/1.html", **fields):
    base = {"url": url, "portal": "test", "post_id": 1, "title": "太原氢能产业园开工", "body_text": "山西太原中北高新区氢能产业园开工建设。",
            "body_html": "<p>山西太原中北高新区氢能产业园开工建设。</p>", "views": 10,
            "published_at": "2022-07-05T00:00:00+08:00", "published_precision": "day",
            "fetched_at": datetime(2026, 11, 26, 10, 0, 0, tzinfo=SHANGHAI)}
    base.update(fields)
    return base


def test_a_database_of_the_first_schema_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.db"
    db = storage.connect(path, migrate_schema=False)
    storage.migrate(db, target=1)
    db["articles"].insert({"url": "u", "post_id": 1, "title": "旧文章", "body_text": "旧的正文内容", "first_seen_at": "x",
                           "last_crawled_at": "x", "content_hash": "h"})
    db.conn.close()

    db = storage.connect(path)
    assert storage.schema_version(db) == storage.SCHEMA_VERSION
    assert [r["version"] for r in db.query("SELECT version FROM schema_migrations ORDER BY version")] == \
        [v for v, _, _ in storage.MIGRATIONS]
    (row,) = db.query("SELECT * FROM articles")
    assert row["title"] == "旧文章" and row["deleted_at"] is None and row["extraction_method"] == "theme"
    assert [r["title"] for r in search(db, "旧的正文")] == ["旧文章"]   # existing rows are indexed


def test_migrating_twice_changes_nothing(tmp_path):
    db = storage.connect(tmp_path / "a.db")
    assert storage.migrate(db) == storage.SCHEMA_VERSION
    assert db["schema_migrations"].count == len(storage.MIGRATIONS)


def test_search_finds_two_character_and_longer_terms(tmp_path):
    db = storage.connect(tmp_path / "a.db")
    storage.upsert_articles(db, [article(), article("http://x/index.php/post/2.html", post_id=2, title="晋中园区",
                                                    body_text="晋中开发区新签约项目", body_html="")])
    assert [r["title"] for r in search(db, "太原")] == ["太原氢能产业园开工"]
    assert [r["title"] for r in search(db, "氢能")] == ["太原氢能产业园开工"]
    assert [r["title"] for r in search(db, "中北高新区")] == ["太原氢能产业园开工"]
    assert sorted(r["title"] for r in search(db, "园")) == sorted(["太原氢能产业园开工", "晋中园区"])
    assert search(db, "上海") == [] and search(db, "100%") == []


def test_search_matches_percent_underscore_and_backslash_as_plain_characters(tmp_path):
    db = storage.connect(tmp_path / "a.db")
    storage.upsert_articles(db, [article(), article("http://x/index.php/post/2.html", post_id=2, title="产值增长5%",
                                                    body_text="园区代码A_1，路径C:\\园区", body_html="")])
    for term in ["%", "5%", "_", "A_", "\\"]:
        assert [r["title"] for r in search(db, term)] == ["产值增长5%"], term
    assert search(db, "a%") == [] and search(db, "B_") == []


def test_search_index_follows_updates(tmp_path):
    db = storage.connect(tmp_path / "a.db")
    storage.upsert_articles(db, [article()])
    storage.upsert_articles(db, [article(body_text="大同市煤化工项目投产", title="大同项目")])
    assert search(db, "氢能") == []
    assert [r["title"] for r in search(db, "煤化工")] == ["大同项目"]


def test_older_listing_count_does_not_replace_the_article_pages_count(tmp_path):
    db = storage.connect(tmp_path / "a.db")
    storage.upsert_articles(db, [article(views=909)])
    seen = {"portal": "test", "post_id": 1, "url": article()["url"]}
    storage.record_views(db, [{**seen, "views": 908, "observed_at": "2026-11-26T09:59:59+08:00"}])
    assert rows(tmp_path / "a.db", "SELECT views FROM articles")[0]["views"] == 909
    storage.record_views(db, [{**seen, "views": 950, "observed_at": "2026-11-27T09:00:00+08:00"}])
    assert rows(tmp_path / "a.db", "SELECT views FROM articles")[0]["views"] == 950
    assert rows(tmp_path / "a.db", "SELECT count(*) AS n FROM article_stats")[0]["n"] == 3


def test_less_precise_date_never_replaces_a_precise_one(tmp_path):
    db = storage.connect(tmp_path / "a.db")
    storage.upsert_articles(db, [article(published_at="2022-07-05T10:21:33+08:00", published_precision="second")])
    storage.upsert_articles(db, [article(published_at="2022-07-06T01:00:00+08:00", published_precision="approximate")])
    (row,) = rows(tmp_path / "a.db", "SELECT published_at, published_precision FROM articles")
    assert tuple(row) == ("2022-07-05T10:21:33+08:00", "second")


def test_a_reader_holding_a_transaction_through_a_whole_crawl(replica, db_path):
    storage.connect(db_path).conn.close()
    reader = sqlite3.connect(db_path, timeout=1)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    result = run_crawl(replica.url, db_path)
    # the reader still sees its snapshot, without error, while the crawl has committed everything
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    reader.execute("COMMIT")
    assert result.returncode == 0 and "database is locked" not in result.log
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == len(replica.site.articles)
    assert rows(db_path, "SELECT finish_reason FROM crawl_runs")[0]["finish_reason"] == "finished"
