"""An article is its portal and post id: a site that moves to https and to its bare domain keeps one row
per article, and databases from before the portal column are merged into that rule."""

import sqlite3

from crawler import storage
from tests.conftest import rows, run_crawl
from tests.replica.server import ReplicaServer
from tests.replica.site import standard_site

RESOLVE = ("-s", "DNS_RESOLVER=tests.loopback_resolver.LoopbackResolver")


def test_a_site_moving_to_https_and_its_bare_domain_keeps_one_row_per_article(tmp_path):
    db_path = tmp_path / "news.db"
    shared = {}

    def one_site(url):  # both servers serve the same site, under the host the crawl asks for
        return shared.setdefault("site", standard_site(url))

    with ReplicaServer(site_factory=one_site) as plain, ReplicaServer(site_factory=one_site, tls=True) as secure:
        site = shared["site"]
        site.host = "http://www.example.com:" + plain.url.rsplit(":", 1)[1]
        assert run_crawl(site.host, db_path, settings=RESOLVE).returncode == 0
        first = {r["post_id"]: dict(r) for r in rows(db_path, "SELECT * FROM articles")}

        site.host = "https://example.com:" + secure.url.rsplit(":", 1)[1]
        assert run_crawl(site.host, db_path, settings=RESOLVE).returncode == 0
        assert secure.paths("/index.php/post/") == []     # every article recognised as stored
        assert run_crawl(site.host, db_path, "mode=full", settings=RESOLVE).returncode == 0

    moved = {r["post_id"]: dict(r) for r in rows(db_path, "SELECT * FROM articles")}
    assert set(moved) == set(first) == set(site.articles)
    for post_id, row in moved.items():
        assert row["url"] == f"{site.host}/index.php/post/{post_id}.html"
        assert (row["first_seen_at"], row["body_text"]) == (first[post_id]["first_seen_at"], first[post_id]["body_text"])
    # links and images in the bodies now name the new host: a new version of those, under the new URL
    assert {r["url"] for r in rows(db_path, "SELECT url FROM article_versions")} <= {r["url"] for r in moved.values()}
    # the view history follows the article to its new URL
    history = rows(db_path, "SELECT DISTINCT url FROM article_stats WHERE url LIKE '%/9821.html'")
    assert [r["url"] for r in history] == [f"{site.host}/index.php/post/9821.html"]


def test_a_database_of_schema_4_gets_portals_and_loses_its_duplicate_rows(tmp_path):
    path = tmp_path / "old.db"
    db = storage.connect(path, migrate_schema=False)
    storage.migrate(db, target=4)
    for url, crawled, body in (("http://www.zhongnangaoke.com.cn/index.php/post/7.html", "2025-01-01", "旧正文"),
                               ("https://www.zhongnangaoke.com.cn/index.php/post/7.html", "2025-02-01", "新正文"),
                               ("http://www.zhongnangaoke.com.cn/index.php/post/8.html", "2025-01-01", "另一篇")):
        db["articles"].insert({"url": url, "post_id": int(url.rsplit("/", 1)[1][:-5]), "title": "标题", "body_text": body,
                               "first_seen_at": crawled, "last_crawled_at": crawled, "content_hash": body})
    db["pages"].insert({"url": "http://www.zhongnangaoke.com.cn/index.php/post/8.html", "fetched_at": "2025-01-01"})
    old_url = "http://www.zhongnangaoke.com.cn/index.php/post/7.html"
    db["article_stats"].insert({"url": old_url, "observed_at": "2025-01-01", "views": 5})
    db["article_versions"].insert({"url": old_url, "archived_at": "2024-12-01", "title": "标题", "body_text": "最早的正文",
                                   "content_hash": "h0"})
    db.conn.close()

    db = storage.connect(path)
    articles = rows(path, "SELECT url, portal, post_id, body_text FROM articles ORDER BY post_id")
    assert [tuple(r) for r in articles] == [
        ("https://www.zhongnangaoke.com.cn/index.php/post/7.html", "zhongnangaoke", 7, "新正文"),
        ("http://www.zhongnangaoke.com.cn/index.php/post/8.html", "zhongnangaoke", 8, "另一篇")]
    kept = "https://www.zhongnangaoke.com.cn/index.php/post/7.html"
    archived = rows(path, "SELECT url, body_text FROM article_versions ORDER BY archived_at")
    assert [tuple(r) for r in archived] == [(kept, "最早的正文"), (kept, "旧正文")]   # the dropped row's history too
    assert [tuple(r) for r in rows(path, "SELECT url, views FROM article_stats")] == [(kept, 5)]
    assert rows(path, "SELECT first_seen_at FROM articles WHERE url = ?", (kept,))[0]["first_seen_at"] == "2025-01-01"
    assert tuple(rows(path, "SELECT portal, post_id FROM pages")[0]) == ("zhongnangaoke", 8)
    try:
        db.execute("INSERT INTO articles (url, portal, post_id, title, first_seen_at, last_crawled_at, content_hash)"
                   " VALUES ('x', 'zhongnangaoke', 8, 't', 'a', 'a', 'h')")
        raise AssertionError("a second row for (portal, post_id) was accepted")
    except sqlite3.IntegrityError:
        pass
