"""Faults from a server we do not control: retried, recorded, never a crash, nothing lost or doubled.

One crawl runs through a replica that injects every fault below; each test checks one outcome.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import FAST, ROOT, offline_env, rows, run_crawl
from tests.replica.server import ReplicaServer
from tests.replica.site import Category

POST = "/index.php/post/{}.html"
FAULT_SETTINGS = ("-s", "RETRY_TIMES=2", "-s", "DOWNLOAD_TIMEOUT=1", "-s", "DOWNLOAD_MAXSIZE=1000000",
                  "-s", "REDIRECT_MAX_TIMES=3")
FAULTS = {
    26008: ["500", "503"],
    26009: ["reset"],
    26011: ["slow"],
    26013: ["truncate"],
    26014: ["truncate"] * 5,
    26015: ["huge"] * 5,
    26016: ["gbk_as_utf8"],
    26017: ["gbk_undeclared"],
}
PAGE_FAULTS = {26022: "empty", 26023: "no_title", 26024: "bad_date", 26025: "bad_views", 26026: "huge_views",
               26027: "malformed", 26028: "hollow"}
FORBIDDEN = 11


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("faults") / "news.db"
    with ReplicaServer(host="127.0.0.2") as offsite, ReplicaServer() as replica:
        site = replica.site
        site.slow_seconds = 2.5
        for post_id, faults in FAULTS.items():
            site.faults[POST.format(post_id)] = list(faults)
        site.faults["/index.php/category-3_2.html"] = ["503"]
        site.faults[POST.format(26019)] = [f"redirect:{POST.format(26019)}?from=old"]
        for hop in range(10):
            here = POST.format(26021) + (f"?loop={hop}" if hop else "")
            site.faults[here] = [f"redirect:{POST.format(26021)}?loop={hop + 1}"]
        site.page_faults.update(PAGE_FAULTS)
        site.categories[FORBIDDEN] = Category(FORBIDDEN, "内部资料", in_nav=True, in_sidebar=False)
        site.robots_disallow += (f"/index.php/category-{FORBIDDEN}",)
        site.extra_links = (f"{offsite.url}/index.php/category-3.html", f"{offsite.url}{POST.format(26008)}",
                            "javascript:void(0)", "mailto:zhaoshang@example.com", f"{replica.url}/zb_system/login.php")
        result = run_crawl(replica.url, db_path, settings=FAULT_SETTINGS)
        yield replica, offsite, db_path, result


def stored(db_path, post_id):
    found = rows(db_path, "SELECT * FROM articles WHERE post_id = ?", (post_id,))
    return found[0] if found else None


def expected_text(replica, post_id):
    return "\n".join(replica.site.articles[post_id].body.content)


def test_the_crawl_finishes(faulty):
    replica, _, db_path, result = faulty
    assert result.returncode == 0
    (run,) = rows(db_path, "SELECT * FROM crawl_runs")
    assert run["finish_reason"] == "finished"
    statuses = json.loads(run["status_counts"])
    assert statuses.get("500") == 1 and statuses.get("503") == 2


@pytest.mark.parametrize("post_id", [26008, 26009, 26011, 26013])
def test_transient_errors_resets_timeouts_and_truncation_are_retried_and_stored_whole(faulty, post_id):
    replica, _, db_path, _ = faulty
    row = stored(db_path, post_id)
    assert row is not None
    assert row["body_text"] == expected_text(replica, post_id)


def test_a_listing_page_that_failed_once_is_read_on_retry(faulty):
    replica, _, db_path, _ = faulty
    assert replica.paths("/index.php/category-3_2.html").count("/index.php/category-3_2.html") == 2
    listed = replica.site.in_category(3)[10:20]
    healthy = [a.post_id for a in listed if a.post_id not in FAULTS and a.post_id not in PAGE_FAULTS and a.post_id != 26021]
    assert healthy and all(stored(db_path, post_id) for post_id in healthy)


@pytest.mark.parametrize("post_id", [26014, 26015, 26021])
def test_what_never_arrives_whole_is_recorded_not_stored(faulty, post_id):
    _, _, db_path, _ = faulty
    assert stored(db_path, post_id) is None
    (reject,) = rows(db_path, "SELECT * FROM rejects WHERE url LIKE ?", (f"%/{post_id}.html%",))
    assert reject["reason"].startswith("download failed") and reject["run_id"] == 1


@pytest.mark.parametrize("post_id", [26016, 26017])
def test_gbk_pages_are_stored_without_mojibake(faulty, post_id):
    replica, _, db_path, _ = faulty
    row = stored(db_path, post_id)
    assert row["body_text"] == expected_text(replica, post_id)
    assert row["title"] == replica.site.articles[post_id].title
    for value in dict(row).values():
        assert "\ufffd" not in str(value)


def test_a_redirect_is_followed_to_one_row_under_the_canonical_url(faulty):
    replica, _, db_path, _ = faulty
    found = rows(db_path, "SELECT url FROM articles WHERE post_id = 26019")
    assert [r["url"] for r in found] == [replica.url + POST.format(26019)]


def test_broken_pages_never_crash_and_are_stored_or_recorded(faulty):
    replica, _, db_path, _ = faulty
    reasons = {r["url"].rsplit("/", 1)[-1]: r["reason"] for r in rows(db_path, "SELECT url, reason FROM rejects")}
    assert reasons["26022.html"] == "no article body found"
    assert reasons["26028.html"] == "empty body"
    no_title = stored(db_path, 26023)   # the generic extractor found the title the theme's selector missed
    assert no_title["title"] == replica.site.articles[26023].title
    assert no_title["extraction_method"] == "generic"
    assert no_title["body_text"] == expected_text(replica, 26023)
    bad_date = stored(db_path, 26024)
    assert bad_date["published_at"] is None and bad_date["published_raw"] == "某年某月"
    assert bad_date["body_text"] == expected_text(replica, 26024)
    for post_id in (26025, 26026):   # 很多 and a 400-digit count (past float's range) on the page: never stored as a count
        observed = [r["views"] for r in rows(db_path, "SELECT views FROM article_stats WHERE url = ?",
                                             (stored(db_path, post_id)["url"],))]
        assert observed and all(isinstance(v, int) and 0 <= v < 10**12 for v in observed), observed
        assert stored(db_path, post_id)["views"] in (None, *observed)   # the listings' counts, or none
    malformed = stored(db_path, 26027)
    assert malformed["title"] == replica.site.articles[26027].title
    assert malformed["body_text"].startswith(replica.site.articles[26027].body.content[0])
    stats = json.loads(rows(db_path, "SELECT stats FROM crawl_runs")[0]["stats"])
    assert stats["parknews/dates/unparsed"] == 1


def test_rejected_pages_keep_an_excerpt_and_the_page_itself(faulty):
    replica, _, db_path, _ = faulty
    (reject,) = rows(db_path, "SELECT excerpt FROM rejects WHERE url LIKE '%/26028.html'")
    served = replica.site.damage(26028, replica.site.article_page(replica.site.articles[26028]))
    assert reject["excerpt"] and reject["excerpt"] in served
    assert rows(db_path, "SELECT count(*) AS n FROM pages WHERE url LIKE '%/26028.html'")[0]["n"] == 1


def test_off_site_links_other_schemes_and_robots_disallowed_paths_are_never_requested(faulty):
    replica, offsite, _, _ = faulty
    assert offsite.requests == []
    paths = replica.paths()
    assert not [p for p in paths if p.startswith(("/zb_system/", f"/index.php/category-{FORBIDDEN}"))]
    assert not [p for p in paths if "mailto" in p or "javascript" in p]


def test_nothing_is_stored_twice(faulty):
    _, _, db_path, _ = faulty
    assert rows(db_path, "SELECT count(*) AS n FROM articles")[0]["n"] == \
        rows(db_path, "SELECT count(DISTINCT post_id) AS n FROM articles")[0]["n"]


def test_killed_crawl_leaves_a_consistent_database_and_the_next_run_completes(replica, db_path):
    replica.hold_after = 24   # article responses after the 24th hang until released: the crawl is mid-run
    command = [sys.executable, "-m", "scrapy", "crawl", "zhongnangaoke", "-a", f"base_url={replica.url}",
               "-s", f"SQLITE_PATH={db_path}", "-s", "SQLITE_BATCH_SIZE=5", *FAST]
    crawl = subprocess.Popen(command, cwd=ROOT, env=offline_env(), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert replica.holding.wait(60)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _count(db_path) < 5:   # until batches are committed
            time.sleep(0.05)
        assert _count(db_path) >= 5
    finally:
        os.killpg(crawl.pid, signal.SIGKILL)
        crawl.wait()
    replica.release.set()
    replica.hold_after = None
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

    assert run_crawl(replica.url, db_path).returncode == 0
    assert rows(db_path, "SELECT count(*) AS n FROM articles")[0]["n"] == len(replica.site.articles)
    assert rows(db_path, "SELECT count(DISTINCT url) AS n FROM articles")[0]["n"] == len(replica.site.articles)
    assert [r["finish_reason"] for r in rows(db_path, "SELECT finish_reason FROM crawl_runs ORDER BY id")] == \
        ["interrupted", "finished"]


def _count(db_path):
    try:
        return rows(db_path, "SELECT count(*) AS n FROM articles")[0]["n"]
    except sqlite3.OperationalError:   # not created yet
        return 0
