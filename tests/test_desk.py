"""The analyst's desk: Datasette on a database crawled from the replica, in-process and in headless Chromium."""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import markupsafe
import pytest

pytest.importorskip("datasette", reason="the desk extra is not installed: pip install -e '.[desk]'")

from crawler import desk  # noqa: E402
from tests.conftest import ROOT, offline_env, run_crawl  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402
from tests.replica.site import standard_site  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHORT_COLUMNS = ["url", "published_at", "portal", "category", "title", "views", "source"]
CHARTS = ["articles_per_month", "top_articles_views", "crawl_runs", "rejects_by_reason", "projects_signed_per_month",
          "investment_per_month"]


@pytest.fixture(scope="module")
def replica_server():
    with ReplicaServer() as server:
        yield server


@pytest.fixture(scope="module")
def crawled_db(replica_server, tmp_path_factory) -> Path:
    db_path = tmp_path_factory.mktemp("desk") / "crawl.db"
    result = run_crawl(replica_server.url, db_path)
    assert result.returncode == 0, result.log[-2000:]
    return db_path


@pytest.fixture
def scratch_db(crawled_db, tmp_path) -> Path:
    """A copy of the crawled database that a test may write to."""
    copy_path = tmp_path / "scratch.db"
    source, target = sqlite3.connect(crawled_db), sqlite3.connect(copy_path)
    source.backup(target)
    source.close(), target.close()
    return copy_path


def fetch(db_path: Path, *paths: str):
    """Responses of the desk (built in-process) to GET requests, in order."""

    async def run():
        datasette = desk.build(db_path)
        return [await datasette.client.get(path) for path in paths]

    return asyncio.run(run())


def fetch_json(db_path: Path, path: str):
    (response,) = fetch(db_path, path)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def db_rows(db_path: Path, sql: str, params=()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def articles_containing(db_path: Path, term: str) -> set[str]:
    """URLs of live articles whose title or body holds ``term`` literally (ASCII case aside)."""
    term = term.strip().lower()
    return {row["url"] for row in db_rows(db_path, "SELECT url, title, body_text FROM articles WHERE deleted_at IS NULL")
            if term in (row["title"] or "").lower() or term in (row["body_text"] or "").lower()}


def search_urls(db_path: Path, term: str) -> list[str]:
    rows = fetch_json(db_path, f"/news/search.json?term={quote(term)}&_shape=array")
    return [row["url"] for row in rows]


# --- canned queries ------------------------------------------------------------------------------

@pytest.mark.parametrize("term", ["太原", "氢能", "氢能产业园", "项目建设", "%", "_", "5%", "e_c", "98.5%", 'a"b', " 太原 "])
def test_search_finds_every_article_holding_the_term_and_no_other(crawled_db, term):
    expected = articles_containing(crawled_db, term)
    found = search_urls(crawled_db, term)
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_search_terms_with_wildcard_characters_match_them_literally(crawled_db):
    total = len(db_rows(crawled_db, "SELECT url FROM articles"))
    for term in ["%", "_", "5%", "e_c"]:
        # The replica holds each of these somewhere, but not everywhere: a wildcard would match all.
        assert 0 < len(search_urls(crawled_db, term)) < total, term


def test_search_uses_the_full_text_index_from_three_characters(crawled_db):
    sql = desk.load_metadata()["databases"]["news"]["queries"]["search"]["sql"]
    conn = sqlite3.connect(crawled_db)
    plan = " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, {"term": "氢能产业园"}))
    conn.close()
    assert re.search(r"SCAN articles_fts VIRTUAL TABLE INDEX \d+:M", plan), plan
    long_term = fetch_json(crawled_db, f"/news/search.json?term={quote('氢能产业园')}&_shape=array")
    short_term = fetch_json(crawled_db, f"/news/search.json?term={quote('太原')}&_shape=array")
    # snippet() marks the match only when FTS5 MATCH found the row; the scan's excerpt is plain text.
    assert long_term and all("[" in row["excerpt"] and "]" in row["excerpt"] for row in long_term)
    assert short_term and all("太原" in row["excerpt"] or "太原" in row["title"] for row in short_term)


def test_search_of_nothing_returns_nothing(crawled_db):
    assert search_urls(crawled_db, "") == []
    assert search_urls(crawled_db, "   ") == []


def test_a_short_search_on_the_articles_page_goes_to_the_search_query(crawled_db):
    (response,) = fetch(crawled_db, f"/news/articles?_search={quote('太原')}")
    assert response.status_code == 302
    assert response.headers["location"] == f"/news/search?term={quote('太原')}"
    (response,) = fetch(crawled_db, f"/news/articles.json?_search={quote('氢能产业园')}&_shape=array")
    assert response.status_code == 200
    assert {row["url"] for row in response.json()} == articles_containing(crawled_db, "氢能产业园")


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def test_rising_counts_views_gained_within_the_window(scratch_db):
    newest = datetime.fromisoformat(db_rows(scratch_db, "SELECT max(observed_at) AS at FROM article_stats")[0]["at"])
    newest = newest.replace(tzinfo=None)
    a, b = [row["url"] for row in db_rows(scratch_db, "SELECT url FROM articles ORDER BY url LIMIT 2")]
    views = {row["url"]: row["views"] for row in db_rows(scratch_db, "SELECT url, views FROM articles")}
    later = newest + timedelta(days=1)
    conn = sqlite3.connect(scratch_db)
    conn.executemany("INSERT INTO article_stats (url, observed_at, views) VALUES (?, ?, ?)", [
        (a, _stamp(later), views[a] + 50),
        (b, _stamp(later - timedelta(days=40)), 1),
        (b, _stamp(later - timedelta(days=10)), 700),
        (b, _stamp(later), 1010),
    ])
    conn.commit()
    conn.close()

    def top_two(days: str):
        rows = fetch_json(scratch_db, f"/news/rising.json?days={days}&_shape=array")
        return [(row["url"], row["views_gained"]) for row in rows[:2]]

    # 7 days back from the newest observation: b from the observation 10 days before (700), a from
    # its first observation inside the window (the crawl's).
    first_seen_a = min(row["views"] for row in db_rows(scratch_db, "SELECT views FROM article_stats WHERE url = ? "
                                                                   "AND observed_at <= ?", (a, _stamp(newest))))
    assert top_two("") == [(b, 310), (a, views[a] + 50 - first_seen_a)]
    assert top_two("7") == top_two("")
    # 30 days: b from the observation 40 days before (1).
    assert top_two("30")[0] == (b, 1009)


def test_runs_query_says_what_is_wrong_with_a_run(scratch_db):
    conn = sqlite3.connect(scratch_db)
    conn.executemany(
        "INSERT INTO crawl_runs (id, started_at, finished_at, mode, finish_reason, listing_pages, errors, template_drift)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            (100, "2030-01-01T00:00:00+08:00", "2030-01-01T00:10:00+08:00", "incremental", "shutdown", 3, 2, 0),
            (101, "2030-01-02T00:00:00+08:00", "2030-01-02T00:10:00+08:00", "reparse", "finished", 0, 0, 0),
            (102, "2030-01-03T00:00:00+08:00", "2030-01-03T00:10:00+08:00", "full", "finished", 0, 0, 1),
            (103, "2030-01-04T00:00:00+08:00", None, "incremental", None, 1, 0, 0),
        ])
    conn.commit()
    conn.close()
    health = {row["id"]: row["health"] for row in fetch_json(scratch_db, "/news/runs.json?_shape=array")}
    assert health[1] == "ok"
    assert health[100] == "finish reason shutdown; 2 errors"
    assert health[101] == "ok"
    assert health[102] == "no listing page read; template drift"
    assert health[103] == "not finished"


def test_rejects_queries_give_each_reason(scratch_db):
    conn = sqlite3.connect(scratch_db)
    conn.executemany("INSERT INTO rejects (url, reason, run_id, rejected_at) VALUES (?, ?, 1, ?)", [
        ("http://x/1", "missing title", "2030-01-01T00:00:00+08:00"),
        ("http://x/2", "download failed: TimeoutError", "2030-01-02T00:00:00+08:00"),
        ("http://x/3", "download failed: ConnectionRefused", "2030-01-03T00:00:00+08:00"),
    ])
    conn.commit()
    conn.close()
    rejects = fetch_json(scratch_db, "/news/rejects.json?_shape=array")
    assert [row["reason"] for row in rejects] == ["download failed: ConnectionRefused",
                                                  "download failed: TimeoutError", "missing title"]
    reasons = fetch_json(scratch_db, "/news/reject_reasons.json?_shape=array")
    assert [(row["reason"], row["pages"]) for row in reasons] == [("download failed", 2), ("missing title", 1)]


def test_every_dashboard_chart_query_runs_with_and_without_filters(crawled_db):
    from datasette_dashboards import replace_opts_in_query

    dashboard = desk.load_metadata()["plugins"]["datasette-dashboards"]["overview"]
    assert list(dashboard["charts"]) == CHARTS
    category = db_rows(crawled_db, "SELECT category FROM articles GROUP BY category ORDER BY count(*) DESC")[0][0]
    for options in ({}, {"category": category, "since": "2024-01-01"}):
        for name, chart in dashboard["charts"].items():
            sql = replace_opts_in_query(chart["query"], options)
            used = {key: value for key, value in options.items() if f":{key}" in sql}
            query = "&".join([f"sql={quote(sql)}", "_shape=objects"] + [f"{k}={quote(v)}" for k, v in used.items()])
            data = fetch_json(crawled_db, f"/news.json?{query}")
            if name != "rejects_by_reason":  # the replica's crawl rejects nothing
                assert data["rows"], (name, options)


# --- pages -----------------------------------------------------------------------------------------

def _header_columns(page: str) -> list[str]:
    return re.findall(r'<th [^>]*data-column="([^"]+)"', page)


def test_articles_page_shows_short_columns_with_titles_linked_to_the_source(crawled_db):
    short, chosen = fetch(crawled_db, "/news/articles", "/news/articles?_col=title&_col=body_text")
    assert _header_columns(short.text) == SHORT_COLUMNS
    table = short.text.split('<table class="rows-and-columns">', 1)[1].split("</table>", 1)[0]
    assert "col-body_html" not in table and "col-body_text" not in table
    titles = re.findall(r'<a class="source-link" href="([^"]+)">', short.text)
    assert len(titles) == len(standard_site("http://x").articles) and set(map(html.unescape, titles)) == {r["url"] for r in db_rows(crawled_db, "SELECT url FROM articles")}
    assert _header_columns(chosen.text) == ["url", "title", "body_text"]
    all_columns_link = html.unescape(re.search(r'<a href="([^"]+)">Show all columns</a>', short.text).group(1))
    (every,) = fetch(crawled_db, all_columns_link)
    assert {"body_text", "body_html", "tags", "images", "content_hash"} <= set(_header_columns(every.text))


def test_configured_facets_include_the_year(crawled_db):
    data = fetch_json(crawled_db, "/news/articles.json?_size=0")
    facets = data["facet_results"]
    assert {"category", "published_at", "source", "extraction_method"} <= set(facets)
    years = {item["value"]: item["count"] for item in facets["published_at"]["results"]}
    expected = {row[0]: row[1] for row in db_rows(
        crawled_db, "SELECT substr(published_at, 1, 4), count(*) FROM articles GROUP BY 1")}
    assert years == expected
    year = min(years)
    filtered = fetch_json(crawled_db, f"/news/articles.json?published_at__startswith={year}&_size=0")
    assert filtered["filtered_table_rows_count"] == expected[year]


def _row_path(url: str) -> str:
    from datasette.utils import tilde_encode

    return "/news/articles/" + tilde_encode(url)


def test_row_page_shows_the_whole_article_with_html_rendered_and_lists(crawled_db):
    article = db_rows(crawled_db, "SELECT * FROM articles WHERE images != '[]' AND body_html LIKE '%<table>%'")[0]
    (page,) = fetch(crawled_db, _row_path(article["url"]))
    assert page.status_code == 200
    assert '<div class="article-body">' + article["body_html"] + "</div>" in page.text
    assert str(markupsafe.escape(article["body_text"])) in page.text
    for image in json.loads(article["images"]):
        assert f'<li><a href="{markupsafe.escape(image)}">' in page.text


@pytest.mark.parametrize("hostile", [
    '<p onclick="alert(1)">x</p><script>alert(2)</script><img src="javascript:alert(3)">',
    '<p>x</p><img src=x onerror=alert(1)//',      # unterminated: the cell's closing markup would end the tag
    '<p>x</p><!--',
])
def test_row_page_shows_markup_outside_the_allow_list_as_text(scratch_db, hostile):
    url = db_rows(scratch_db, "SELECT url FROM articles LIMIT 1")[0]["url"]
    conn = sqlite3.connect(scratch_db)
    conn.execute("UPDATE articles SET body_html = ? WHERE url = ?", (hostile, url))
    conn.commit()
    conn.close()
    (page,) = fetch(scratch_db, _row_path(url))
    assert "<script>alert(2)" not in page.text and 'onclick="alert' not in page.text
    assert "<img src=x" not in page.text and '<div class="article-body-unsafe">' in page.text
    assert str(markupsafe.escape(hostile)) in page.text


def test_the_desk_cannot_write_and_a_writer_is_never_blocked(scratch_db):
    async def run():
        datasette = desk.build(scratch_db)
        await datasette.client.get("/news/articles")  # connections open, as while an analyst browses
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await datasette.get_database("news").execute_write("CREATE TABLE desk_was_here (x)")
        writer = sqlite3.connect(scratch_db, timeout=0)  # no waiting: any lock held by the desk fails here
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO crawl_runs (id, mode) VALUES (999, 'written meanwhile')")
        writer.execute("COMMIT")
        writer.close()
        response = await datasette.client.get("/news/crawl_runs/999.json?_shape=array")
        return response.json()

    assert asyncio.run(run())[0]["mode"] == "written meanwhile"
    assert not db_rows(scratch_db, "SELECT name FROM sqlite_master WHERE name = 'desk_was_here'")


def test_metadata_leaves_out_what_the_database_cannot_answer_yet():
    metadata = {
        "databases": {"news": {
            "queries": {"projects": {"sql": "SELECT 1", "requires": ["projects"]}, "plain": {"sql": "SELECT 2"}},
            "tables": {"articles": {"facets": ["category", "portal", {"year": "published_at"}]}},
        }},
        "plugins": {"datasette-dashboards": {"overview": {"charts": {
            "projects_per_month": {"query": "SELECT 1", "requires": ["projects"]},
            "articles_per_month": {"query": "SELECT 2"},
        }}}},
    }
    before = {"articles": {"category", "published_at"}}
    fitted = desk.fit_metadata(metadata, before)
    assert list(fitted["databases"]["news"]["queries"]) == ["plain"]
    assert list(fitted["plugins"]["datasette-dashboards"]["overview"]["charts"]) == ["articles_per_month"]
    assert fitted["databases"]["news"]["tables"]["articles"]["facets"] == ["category", {"year": "published_at"}]
    after = {"articles": {"category", "published_at", "portal"}, "projects": {"id"}}
    fitted = desk.fit_metadata(metadata, after)
    assert fitted["databases"]["news"]["queries"]["projects"] == {"sql": "SELECT 1"}
    assert "projects_per_month" in fitted["plugins"]["datasette-dashboards"]["overview"]["charts"]
    assert "portal" in fitted["databases"]["news"]["tables"]["articles"]["facets"]
    assert metadata["databases"]["news"]["queries"]["projects"]["requires"] == ["projects"]  # input untouched


def test_the_command_refuses_a_missing_database(tmp_path, capsys):
    assert desk.main(["--db", str(tmp_path / "none.db")]) == 2
    assert "no database" in capsys.readouterr().err


# --- the desk as a user runs it, in Chromium -------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, timeout: float = 5.0) -> bytes:
    with urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback only)
        return response.read()


def _wait_until_serving(process: subprocess.Popen, url: str, deadline_seconds: float = 30.0) -> None:
    deadline = time.monotonic() + deadline_seconds
    while True:
        if process.poll() is not None:
            raise AssertionError(f"the desk exited with {process.returncode}: {process.stderr.read()}")
        try:
            _get(url, timeout=1.0)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"the desk did not answer {url} within {deadline_seconds} s") from None
            time.sleep(0.05)  # polling interval while the server starts, not a synchronisation guess


class Served:
    def __init__(self, url: str, db_path: Path, second_crawl):
        self.url, self.db_path, self.second_crawl = url, db_path, second_crawl
        self.requests_during_crawl = 0


@pytest.fixture(scope="module")
def served(replica_server, crawled_db, tmp_path_factory):
    """``python -m crawler.desk`` on the crawled database, with a second crawl run while it serves."""
    db_path = tmp_path_factory.mktemp("served") / "news.db"
    source, target = sqlite3.connect(crawled_db), sqlite3.connect(db_path)
    source.backup(target)
    source.close(), target.close()
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "crawler.desk", "--db", str(db_path), "--port", str(port)],
                               cwd=ROOT, env=offline_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(process, url + "/news/articles.json?_size=1")
        outcome = {}
        crawl = threading.Thread(target=lambda: outcome.update(result=run_crawl(replica_server.url, db_path)))
        crawl.start()
        served = Served(url, db_path, None)
        while crawl.is_alive():  # read through the desk for as long as the crawl writes
            _get(url + "/news/crawl_runs.json?_shape=array")
            served.requests_during_crawl += 1
            crawl.join(timeout=0.05)
        served.second_crawl = outcome["result"]
        yield served
    finally:
        process.terminate()
        process.wait(10)


def test_a_crawl_writes_while_the_desk_serves(served):
    assert served.second_crawl.returncode == 0, served.second_crawl.log[-2000:]
    assert "locked" not in served.second_crawl.log
    assert served.requests_during_crawl > 0
    runs = json.loads(_get(served.url + "/news/crawl_runs.json?_shape=array&_sort=id"))
    assert [run["finish_reason"] for run in runs] == ["finished", "finished"]


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("the browser test needs Debian's chromium and chromium-driver: "
                    "apt-get install -y chromium chromium-driver (.ci/run does it)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("the browser test needs Selenium: pip install selenium (.ci/run does it)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="desk-chromium-")
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={profile}", "--window-size=1280,1300",
                     # Nothing but loopback resolves: a page reaching for a CDN fails, and says so in the log.
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    """Where page screenshots go: PARKNEWS_SCREENSHOTS_DIR (docs/img to refresh the docs), else a temporary folder."""
    chosen = os.environ.get("PARKNEWS_SCREENSHOTS_DIR")
    folder = (ROOT / chosen) if chosen and not Path(chosen).is_absolute() else Path(chosen or tmp_path_factory.mktemp("img"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _wait(driver, condition, seconds: float = 15.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(condition)


def _texts(driver, css: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [element.text.strip() for element in driver.find_elements(By.CSS_SELECTOR, css)]


def test_browser_articles_page_lists_the_articles_in_short_columns(served, browser, screenshots):
    browser.get(served.url + "/news/articles")
    _wait(browser, lambda d: d.find_elements("css selector", "table.rows-and-columns td.col-title"))
    headers = [name for name in _texts(browser, "table.rows-and-columns th")]
    assert [re.sub(r"\W+$", "", h).strip() for h in headers] == SHORT_COLUMNS
    titles = _texts(browser, "td.col-title a.source-link")
    assert sorted(titles) == sorted(row["title"] for row in db_rows(served.db_path, "SELECT title FROM articles"))
    browser.save_screenshot(str(screenshots / "desk-articles.png"))


@pytest.mark.parametrize("term", ["太原", "氢能产业园"])
def test_browser_search_finds_two_and_five_character_terms(served, browser, screenshots, term):
    from selenium.webdriver.common.by import By

    browser.get(served.url + "/news/search")
    field = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "input[name=term]"))
    field.clear()
    field.send_keys(term)
    field.submit()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "td.col-title"))
    expected = {row["title"] for row in db_rows(served.db_path, "SELECT title, url FROM articles")
                if row["url"] in articles_containing(served.db_path, term)}
    assert expected and set(_texts(browser, "td.col-title")) == expected
    if len(term) == 2:
        browser.save_screenshot(str(screenshots / "desk-search.png"))


def test_browser_row_page_shows_the_clean_body_and_its_html(served, browser, screenshots):
    from selenium.webdriver.common.by import By

    article = db_rows(served.db_path, "SELECT * FROM articles WHERE body_html LIKE '%<table>%' AND body_html LIKE '%<h2>%'")[0]
    browser.get(served.url + "/news/articles")
    link = _wait(browser, lambda d: [a for a in d.find_elements(By.CSS_SELECTOR, "td.col-url a")
                                     if a.get_attribute("textContent") == article["url"]])
    link[0].click()
    body = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "dd.col-body_text"))
    assert body.text.split() == article["body_text"].split()
    rendered = browser.find_element(By.CSS_SELECTOR, "dd.col-body_html .article-body")
    assert rendered.find_elements(By.CSS_SELECTOR, "h2") and rendered.find_elements(By.CSS_SELECTOR, "table td")
    assert not rendered.find_elements(By.CSS_SELECTOR, "script, iframe, [onclick], [onerror]")
    assert rendered.text.split()[:5] == article["body_text"].split()[:5]
    browser.save_screenshot(str(screenshots / "desk-article.png"))


def test_browser_dashboard_draws_every_chart_offline_without_errors(served, browser, screenshots):
    browser.get(served.url + "/news")
    browser.get_log("browser")  # start the dashboard's log empty
    browser.get(served.url + "/-/dashboards/overview")

    def drawn(driver):
        sizes = driver.execute_script(
            "return arguments[0].map(s => { const c = document.querySelector('#chart-' + s + ' canvas, #chart-' + s + ' svg');"
            " return c ? c.getBoundingClientRect().width * c.getBoundingClientRect().height : 0; })", CHARTS)
        return all(size > 0 for size in sizes)

    _wait(browser, drawn)
    problems = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert problems == []
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources and all(name.startswith(served.url) for name in resources), resources
    browser.save_screenshot(str(screenshots / "desk-dashboard.png"))
