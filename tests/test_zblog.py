"""``scrapy crawl zblog -a base_url=URL``: a Z-BlogPHP site the crawler has never seen, in each URL mode,
on the CMS's default theme; the main portal's tpure pages through the same spider; several portals in
one database."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, offline_env, rows, run_crawl, scrapy_crawl
from tests.replica.server import ReplicaServer
from tests.replica_zblog.standard import site_factory


@pytest.mark.parametrize("mode", ["dynamic", "index_php", "rewrite"])
def test_every_article_of_a_zblog_site_is_stored_right_in_each_url_mode(tmp_path, mode):
    db_path = tmp_path / "news.db"
    with ReplicaServer(site_factory=site_factory(mode)) as server:
        result = run_crawl(server.url, db_path, spider="zblog")
        site = server.site
    assert result.returncode == 0, result.log[-2000:]
    stored = {r["post_id"]: r for r in rows(db_path, "SELECT * FROM articles")}
    live = {a.post_id for a in site.live()}
    assert set(stored) == live
    portal = f"zblog:{server.url.split('//', 1)[1]}"
    for post_id in live:
        row, expected = stored[post_id], site.expected(post_id)
        assert row["portal"] == portal and row["url"] == expected.url, post_id
        assert row["title"] == expected.title and row["extraction_method"] == "theme"
        assert row["published_at"] == expected.published.isoformat(timespec="seconds")
        assert (row["author"], row["category"]) == (expected.author, expected.category)
        assert json.loads(row["tags"]) == list(expected.tags)
        assert row["body_text"] == "\n".join(expected.body_text), post_id
        for unwanted in expected.absent:
            assert unwanted not in row["body_text"] and unwanted not in row["body_html"], (post_id, unwanted)
        assert json.loads(row["images"]) == list(expected.images)
        assert (row["source"], row["original_title"]) == (expected.source, expected.original_title)
    (run,) = rows(db_path, "SELECT * FROM crawl_runs")
    assert (run["portal"], run["finish_reason"], run["template_drift"]) == (portal, "finished", 0)


def test_the_zblog_spider_reads_tpure_pages_with_the_tpure_parser(replica, db_path):
    assert run_crawl(replica.url, db_path, spider="zblog").returncode == 0
    stored = {r["post_id"]: r for r in rows(db_path, "SELECT * FROM articles")}
    assert set(stored) == set(replica.site.articles)
    assert {r["extraction_method"] for r in stored.values()} == {"theme"}
    for post_id, article in replica.site.articles.items():
        assert stored[post_id]["title"] == article.title
        assert stored[post_id]["body_text"].startswith(article.body.content[0][:10]), post_id


def test_a_site_of_an_unknown_theme_is_read_generically_and_not_flagged_as_drift(replica, db_path):
    replica.site.variant = "redesign"
    assert run_crawl(replica.url, db_path, spider="zblog").returncode == 0
    stored = rows(db_path, "SELECT title, extraction_method FROM articles")
    assert len(stored) == len(replica.site.articles)
    assert {r["extraction_method"] for r in stored} == {"generic"}
    assert rows(db_path, "SELECT template_drift FROM crawl_runs")[0]["template_drift"] == 0


def test_the_zblog_spider_needs_a_base_url(db_path):
    done = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "zblog", "-s", f"SQLITE_PATH={db_path}"],
                          cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.strip().startswith("parknews: -a base_url=URL is required")


def test_two_portals_crawl_one_database_at_the_same_time_and_health_reports_each(replica, tmp_path):
    db_path = tmp_path / "news.db"
    replica.hold_after = 5          # the main portal's crawl stays mid-run while the other one runs whole
    main = subprocess.Popen(scrapy_crawl(replica.url, db_path), cwd=ROOT, env=offline_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert replica.holding.wait(60)
        with ReplicaServer(site_factory=site_factory("rewrite")) as other:
            result = run_crawl(other.url, db_path, spider="zblog")
            other_portal, other_count = f"zblog:{other.url.split('//', 1)[1]}", len(other.site.live())
        assert result.returncode == 0, result.log[-2000:]
        assert main.poll() is None                    # the first crawl was running all along
    finally:
        replica.release.set()
        replica.hold_after = None
    assert main.wait(120) == 0
    counts = {r["portal"]: r["n"] for r in rows(db_path, "SELECT portal, count(*) AS n FROM articles GROUP BY portal")}
    assert counts == {"zhongnangaoke": len(replica.site.articles), other_portal: other_count}
    checked = subprocess.run([sys.executable, "-m", "crawler.health", "--db", str(db_path)], cwd=ROOT,
                             env=offline_env(), capture_output=True, text=True, timeout=60)
    lines = checked.stdout.strip().splitlines()
    assert checked.returncode == 0 and len(lines) == 2 and all(line.startswith("OK run ") for line in lines)
    assert {line.split("(", 1)[1].split(")")[0].split(", ")[1] for line in lines} == {"zhongnangaoke", other_portal}


def test_an_incremental_rerun_of_a_zblog_site_fetches_only_what_is_new(tmp_path):
    db_path = tmp_path / "news.db"
    with ReplicaServer(site_factory=site_factory("index_php")) as server:
        assert run_crawl(server.url, db_path, spider="zblog").returncode == 0
        server.clear_log()
        assert run_crawl(server.url, db_path, spider="zblog").returncode == 0
        assert server.paths("/index.php/post/") == []
    runs = rows(db_path, "SELECT mode, articles_new, finish_reason FROM crawl_runs ORDER BY id")
    assert [tuple(r) for r in runs][1] == ("incremental", 0, "finished")


def test_cron_crawls_a_zblog_site_by_its_portal_name(tmp_path):
    with ReplicaServer(site_factory=site_factory("dynamic")) as server:
        portal = f"zblog:{server.url.split('//', 1)[1]}"
        done = subprocess.run([sys.executable, "-m", "crawler.cron", "--db", str(tmp_path / "news.db"), "--portal", portal,
                               "--log-dir", str(tmp_path / "logs"), "--verbose", "-s", "DOWNLOAD_DELAY=0",
                               "-s", "AUTOTHROTTLE_ENABLED=False"],
                              cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=300)
        live = len(server.site.live())
    assert done.returncode == 0, done.stderr
    assert f"({'incremental'}, {portal}): finished, {live} new" in done.stdout
