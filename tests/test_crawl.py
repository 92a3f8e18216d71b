"""Real ``scrapy crawl`` runs against the replica portal, checked in the SQLite file they write."""

import json
import math
import subprocess
import sys

from tests.conftest import ROOT, offline_env, rows, run_crawl

TITLE_9821 = "签约321个、开工302个、投产189个！山西全省开发区2022年第二次“三个一批”活动举行"


def test_full_crawl_stores_every_live_article_once(replica, db_path):
    result = run_crawl(replica.url, db_path)
    assert result.returncode == 0, result.log
    stored = rows(db_path, "SELECT post_id, count(*) AS n FROM articles GROUP BY post_id")
    assert {r["post_id"] for r in stored} == set(replica.site.articles)
    assert all(r["n"] == 1 for r in stored)
    # every article page was fetched once, whether found in the feed, a parent or a subcategory listing
    article_paths = replica.paths("/index.php/post/")
    assert len(article_paths) == len(set(article_paths)) == len(replica.site.articles)


def test_article_9821_through_a_real_crawl(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    (row,) = rows(db_path, "SELECT * FROM articles WHERE post_id = 9821")
    assert row["url"] == f"{replica.url}/index.php/post/9821.html"
    assert row["title"] == TITLE_9821
    assert row["original_title"] == TITLE_9821
    assert row["author"] == "admin"
    assert row["category"] == "新闻中心"
    assert row["views"] == 909
    assert row["published_at"].startswith("2022-07-05") and row["published_at"].endswith("+08:00")
    assert row["published_raw"].endswith("(2022-07-05)")
    assert row["source"] == "山西广播电视台、太原电视台"
    body = row["body_text"]
    assert body.startswith("全省开发区2022年第二次“三个一批”活动举行")
    assert body.endswith("开发区主要负责同志参加。")
    for unwanted in ("勋章级别越高", "原标题", "返回搜狐", "查看更多", "葛毅明", "400 0123 021", "扫一扫", "扫描二维码",
                     "版权声明", "本文链接", "分享给朋友", "相关文章"):
        assert unwanted not in body, unwanted
        assert unwanted not in row["body_html"], unwanted
    assert json.loads(row["images"]) == [
        "https://p3.itc.cn/q_70/images03/20220705/0123456789abcdef0123456789abcdef.jpeg"]
    assert json.loads(row["tags"]) == []


def test_every_body_variant_is_clean_after_the_crawl(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    for article in replica.site.articles.values():
        (row,) = rows(db_path, "SELECT * FROM articles WHERE post_id = ?", (article.post_id,))
        assert row["body_text"] == "\n".join(article.body.content), article.body.kind
        for unwanted in article.body.absent + article.body.extra_html_absent:
            assert unwanted not in row["body_html"], (article.body.kind, unwanted)
        assert json.loads(row["images"]) == [u.format(host=replica.url) for u in article.body.images]
        assert row["source"] == article.body.source
        assert row["original_title"] == article.body.original_title
    # every kind of boilerplate the variants carry was removed by its own rule in this crawl
    removed = {key.rsplit("/", 1)[1] for key in json.loads(rows(db_path, "SELECT stats FROM crawl_runs")[0]["stats"])
               if key.startswith("parknews/clean/")}
    assert removed >= {"sohu_medal", "original_title", "sohu_back_link", "sohu_disclaimer", "wechat_follow", "wechat_end",
                       "wechat_recommended", "wechat_scan", "wechat_like", "wechat_read_original", "repost_disclaimer",
                       "source", "editor_credit", "qr_image", "site_contact_block"}, removed


def test_categories_tags_and_view_counts(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    by_id = {r["post_id"]: r for r in rows(db_path, "SELECT * FROM articles")}
    for article in replica.site.articles.values():
        assert by_id[article.post_id]["category"] == replica.site.categories[article.category_id].name
        assert json.loads(by_id[article.post_id]["tags"]) == list(article.tags)
    assert by_id[26010]["views"] == 12000   # printed as 1.2万


def test_dates_are_right_for_every_printed_form(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    fed = {a.post_id for a in replica.site.live()[: replica.site.rss_count]}
    for article in replica.site.articles.values():
        (row,) = rows(db_path, "SELECT * FROM articles WHERE post_id = ?", (article.post_id,))
        assert row["published_at"].endswith("+08:00")
        if article.post_id in fed:  # the feed's pubDate: exact to the second
            assert row["published_precision"] == "second"
            assert row["published_at"] == article.posted.isoformat()
        elif row["published_precision"] == "day":
            assert row["published_at"][:10] == article.posted.date().isoformat(), row["published_raw"]
        else:
            assert row["published_precision"] == "approximate"
            from datetime import datetime
            delta = abs((datetime.fromisoformat(row["published_at"]) - article.posted).total_seconds())
            assert delta <= 43200 + 120, row["published_raw"]
    assert rows(db_path, "SELECT count(*) AS n FROM articles WHERE published_precision = 'approximate'")[0]["n"] >= 1


def test_crawling_an_unchanged_site_twice_changes_no_row_count(replica, db_path):
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    before = rows(db_path, "SELECT count(*) AS n FROM articles")[0]["n"]
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    assert rows(db_path, "SELECT count(*) AS n FROM articles")[0]["n"] == before
    assert rows(db_path, "SELECT count(*) AS n FROM article_versions")[0]["n"] == 0


def test_politeness_robots_user_agent_and_domain(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    assert replica.paths("/robots.txt")
    assert not replica.paths("/zb_system/")          # disallowed by robots.txt
    assert not replica.paths("/index.php/tags-")      # disallowed, and not a listing we follow
    agents = {agent for _, agent in replica.requests}
    assert len(agents) == 1
    (agent,) = agents
    assert "parknews" in agent and "Windows" in agent
    assert "linux" not in agent.lower() and "android" not in agent.lower()


def test_the_default_settings_space_requests_to_the_site_by_about_a_second(replica, db_path):
    """Politeness as shipped (no test overrides): one request at a time, a second apart on average and
    never less than half a second (Scrapy randomises the delay between 0.5 and 1.5 times DOWNLOAD_DELAY)."""
    command = [sys.executable, "-m", "scrapy", "crawl", "zhongnangaoke", "-a", f"base_url={replica.url}",
               "-s", f"SQLITE_PATH={db_path}", "-s", "CLOSESPIDER_PAGECOUNT=6"]
    subprocess.run(command, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=120)
    gaps = [later - earlier for earlier, later in zip(replica.arrivals, replica.arrivals[1:])]
    assert len(gaps) >= 5
    assert min(gaps) >= 0.45
    assert sum(gaps) / len(gaps) >= 0.8


def test_a_pagebar_that_never_ends_is_followed_one_page_past_the_end(replica, db_path):
    """A site whose listings link a next page forever (the last page again, or an empty one) would keep a
    full crawl, and the lock cron needs, busy for ever; paging stops at the first page with nothing new."""
    counts = {c: len(replica.site.in_category(c)) for c in replica.site.categories}
    biggest = max(counts, key=counts.get)                          # three pages of articles
    smallest = min(counts, key=counts.get)                         # one page
    replica.site.endless = {biggest: "repeat", smallest: "empty"}
    result = run_crawl(replica.url, db_path, settings=("-s", "CLOSESPIDER_PAGECOUNT=200"))
    assert result.returncode == 0, result.log[-2000:]
    pages = math.ceil(counts[biggest] / replica.site.display_count)
    assert replica.paths(f"/index.php/category-{biggest}_{pages + 2}.html") == []
    assert replica.paths(f"/index.php/category-{smallest}_4.html") == []
    (run,) = rows(db_path, "SELECT finish_reason, articles_new, stats FROM crawl_runs")
    assert run["finish_reason"] == "finished" and run["articles_new"] == len(replica.site.articles)
    assert json.loads(run["stats"])["parknews/listing_pagination_ended"] >= 2


def test_gone_article_is_not_inserted(replica, db_path):
    replica.site.gone.add(26030)
    assert run_crawl(replica.url, db_path).returncode == 0
    assert not rows(db_path, "SELECT 1 FROM articles WHERE post_id = 26030")


def test_crawl_run_is_recorded(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    (run,) = rows(db_path, "SELECT * FROM crawl_runs")
    assert run["finish_reason"] == "finished"
    assert run["articles_new"] == len(replica.site.articles)
    assert run["listing_pages"] >= 6 and run["errors"] == 0
    assert json.loads(run["status_counts"])["200"] == run["pages_fetched"]


def test_without_the_feed_every_article_is_still_found(replica, db_path):
    replica.site.faults["/feed.php"] = ["404"]
    result = run_crawl(replica.url, db_path)
    assert result.returncode == 0 and "Feed unavailable" in result.log
    assert {r["post_id"] for r in rows(db_path, "SELECT post_id FROM articles")} == set(replica.site.articles)
    assert rows(db_path, "SELECT count(*) AS n FROM articles WHERE published_precision = 'second'")[0]["n"] == 0
