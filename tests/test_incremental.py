"""Incremental crawls, backfills, and what re-crawls do to stored rows, against a replica that changes."""

import json
import sqlite3
from datetime import datetime, timedelta

from tests.conftest import rows, run_crawl
from tests.replica.bodies import plain_body
from tests.replica.site import NEWS, SHANGHAI, Article


def test_second_run_on_an_unchanged_site_fetches_no_article_page(replica, db_path):
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    replica.clear_log()
    assert run_crawl(replica.url, db_path).returncode == 0
    assert replica.paths("/index.php/post/") == []
    # newest first, and paging stops after 10 known in a row: 新闻中心 has 3 pages, the third is never read
    assert f"/index.php/category-{NEWS}_3.html" not in replica.paths()
    (run,) = rows(db_path, "SELECT * FROM crawl_runs WHERE id = 2")
    assert (run["mode"], run["articles_new"], run["finish_reason"]) == ("incremental", 0, "finished")


def test_new_article_is_picked_up_by_the_next_incremental_run(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    replica.site.add(Article(27000, "新项目签约落地", NEWS, datetime.now(SHANGHAI) - timedelta(minutes=3), plain_body(99)))
    replica.clear_log()
    assert run_crawl(replica.url, db_path).returncode == 0
    assert replica.paths("/index.php/post/") == ["/index.php/post/27000.html"]
    (row,) = rows(db_path, "SELECT * FROM articles WHERE post_id = 27000")
    assert row["published_precision"] == "second"   # from the feed


def test_view_counts_refresh_from_listings_without_refetching(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    replica.site.articles[26008].views = 5000
    replica.clear_log()
    assert run_crawl(replica.url, db_path).returncode == 0
    assert replica.paths("/index.php/post/") == []
    assert rows(db_path, "SELECT views FROM articles WHERE post_id = 26008")[0]["views"] == 5000
    history = [r["views"] for r in rows(db_path, "SELECT views FROM article_stats WHERE url LIKE '%/26008.html'"
                                                 " ORDER BY observed_at, rowid")]
    assert len(history) >= 3 and history[-1] == 5000


def test_edited_article_keeps_its_previous_version(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    first_seen = "2020-01-01T00:00:00+08:00"    # as if first stored long ago
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE articles SET first_seen_at = ? WHERE post_id = 26009", (first_seen,))
    conn.commit()
    conn.close()
    old = rows(db_path, "SELECT body_text, content_hash FROM articles WHERE post_id = 26009")[0]
    replica.site.articles[26009].body = plain_body(500)
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    (row,) = rows(db_path, "SELECT * FROM articles WHERE post_id = 26009")
    assert row["body_text"] == "\n".join(plain_body(500).content)
    assert row["first_seen_at"] == first_seen and row["last_crawled_at"] > first_seen
    (version,) = rows(db_path, "SELECT * FROM article_versions")
    assert (version["body_text"], version["content_hash"]) == (old["body_text"], old["content_hash"])
    # views changed on every fetch, and related posts are random: neither makes a version
    assert rows(db_path, "SELECT count(*) AS n FROM article_versions")[0]["n"] == 1


def test_deleted_article_gets_deleted_at_and_stays(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    replica.site.gone.add(26020)
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    (row,) = rows(db_path, "SELECT * FROM articles WHERE post_id = 26020")
    assert row["deleted_at"] is not None and row["body_text"]
    assert rows(db_path, "SELECT articles_deleted FROM crawl_runs WHERE id = 2")[0]["articles_deleted"] == 1
    assert not rows(db_path, "SELECT 1 FROM articles_live WHERE post_id = 26020")


def test_since_until_and_categories_bound_a_backfill(replica, db_path):
    today = datetime.now(SHANGHAI).date()
    since = (today - timedelta(days=60)).isoformat()
    until = (today - timedelta(days=10)).isoformat()
    assert run_crawl(replica.url, db_path, "mode=full", f"since={since}", f"until={until}",
                     f"categories={NEWS}").returncode == 0
    stored = rows(db_path, "SELECT category, published_at FROM articles")
    assert stored, "the window holds articles"
    assert {r["category"] for r in stored} == {"新闻中心"}
    assert all(since <= r["published_at"][:10] <= until for r in stored)
    expected = {a.post_id for a in replica.site.live() if a.category_id == NEWS
                and since <= a.posted.date().isoformat() <= until}
    assert {r["post_id"] for r in rows(db_path, "SELECT post_id FROM articles")} == expected
    assert f"/index.php/category-{NEWS}_3.html" not in replica.paths()   # paging stopped once past since


def test_interrupted_backfill_resumes_without_refetching(replica, db_path):
    since = "2020-01-01"
    assert run_crawl(replica.url, db_path, f"since={since}", settings=("-s", "CLOSESPIDER_ITEMCOUNT=5")).returncode == 0
    first = {r["url"] for r in rows(db_path, "SELECT url FROM articles")}
    assert 0 < len(first) < len(replica.site.articles)
    replica.clear_log()
    assert run_crawl(replica.url, db_path, f"since={since}").returncode == 0
    refetched = {replica.url + p for p in replica.paths("/index.php/post/")}
    assert not refetched & first
    assert rows(db_path, "SELECT count(*) AS n FROM articles")[0]["n"] == len(replica.site.articles)


def test_crawl_runs_record_arguments_and_counts(replica, db_path):
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    (run,) = rows(db_path, "SELECT * FROM crawl_runs")
    assert json.loads(run["arguments"])["mode"] == "full"
    assert run["started_at"] <= run["finished_at"]
    assert run["pages_fetched"] > len(replica.site.articles)


def test_a_category_filter_holds_for_articles_the_feed_announces(replica, db_path):
    from tests.replica.site import LAND

    fed = {a.post_id for a in replica.site.live()[: replica.site.rss_count]}
    assert {replica.site.articles[p].category_id for p in fed} - {LAND}, "the feed announces other categories"
    assert run_crawl(replica.url, db_path, f"categories={LAND}").returncode == 0
    expected = {a.post_id for a in replica.site.live() if a.category_id == LAND}
    assert {r["post_id"] for r in rows(db_path, "SELECT post_id FROM articles")} == expected


def test_a_relative_date_read_again_no_more_precisely_keeps_the_first_reading(replica, db_path):
    site = replica.site
    clock = datetime.now(SHANGHAI)
    site.now = lambda: clock
    article = site.add(Article(27010, "三天前发布的文章", NEWS, clock - timedelta(days=3, hours=1), plain_body(70)))
    site.rss_count = 0                                 # no exact date from the feed
    assert run_crawl(replica.url, db_path).returncode == 0
    first = rows(db_path, "SELECT published_at, published_raw, published_precision FROM articles WHERE post_id = 27010")[0]
    assert (first["published_raw"], first["published_precision"]) == ("3天前", "approximate")
    site.now = lambda: clock + timedelta(days=2)      # two days on, the page prints 5天前
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    again = rows(db_path, "SELECT published_at, published_precision FROM articles WHERE post_id = 27010")[0]
    assert tuple(again) == (first["published_at"], "approximate")
    assert article.post_id in {r["post_id"] for r in rows(db_path, "SELECT post_id FROM articles")}


def test_an_incremental_run_pages_on_past_new_articles_among_known_ones(replica, db_path):
    """The run of known articles restarts at each new one: back-dated posts deeper in a category are found."""
    site = replica.site
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0

    def insert_at(position: int, post_id: int) -> None:   # a back-dated post at this place of the category's listing
        listed = site.in_category(NEWS)
        before, after = listed[position - 1], listed[position]
        site.add(Article(post_id, f"补发的旧文章{post_id}", NEWS, after.posted + (before.posted - after.posted) / 2,
                         plain_body(post_id % 97)))
        assert site.in_category(NEWS)[position].post_id == post_id

    insert_at(11, 27020)        # page 2, second item: 10 known before it (the sticky post does not count)
    insert_at(20, 27021)        # page 3, first item: after 8 more known
    replica.clear_log()
    assert run_crawl(replica.url, db_path, settings=("-s", "INCREMENTAL_STOP_AFTER_KNOWN=12")).returncode == 0
    assert sorted(replica.paths("/index.php/post/")) == ["/index.php/post/27020.html", "/index.php/post/27021.html"]
