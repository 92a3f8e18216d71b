"""Re-extraction from stored pages: improved rules reach stored articles without touching the site."""

import re
import sqlite3
import unicodedata
from datetime import timedelta

import pytest

from crawler import reparse, storage
from crawler.cleaning import LineRule
from crawler.facts.store import body_hash
from crawler.portals.zhongnangaoke import Zhongnangaoke
from tests.conftest import rows, run_crawl

TARGET = 26008   # an ordinary article


@pytest.fixture
def crawled(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    replica.clear_log()
    return replica, db_path


def url_of(replica, post_id):
    return f"{replica.url}/index.php/post/{post_id}.html"


def test_every_fetched_article_page_is_kept_compressed_once(crawled):
    replica, db_path = crawled
    pages = rows(db_path, "SELECT * FROM pages")
    assert len(pages) == len(replica.site.articles)
    assert all(p["status"] == 200 and p["encoding"] == "utf-8" and "text/html" in p["content_type"] for p in pages)
    (sizes,) = rows(db_path, "SELECT sum(length(body)) AS packed, sum(size) AS raw FROM page_bodies")
    assert sizes["packed"] * 2 < sizes["raw"]


def test_a_changed_rule_reaches_stored_articles_through_reparse(crawled, monkeypatch, capsys):
    replica, db_path = crawled
    sentence = replica.site.articles[TARGET].body.content[1]
    before = rows(db_path, "SELECT * FROM articles WHERE post_id = ?", (TARGET,))[0]
    new_rule = LineRule("test_rule", re.compile("^" + re.escape(unicodedata.normalize("NFKC", sentence)) + "$"))
    monkeypatch.setattr(Zhongnangaoke, "rules", Zhongnangaoke.rules + (new_rule,))

    assert reparse.main(["--db", str(db_path), "--url", url_of(replica, TARGET)]) == 0
    after = rows(db_path, "SELECT * FROM articles WHERE post_id = ?", (TARGET,))[0]
    assert sentence not in after["body_text"] and sentence in before["body_text"]
    (version,) = rows(db_path, "SELECT * FROM article_versions")
    assert version["body_text"] == before["body_text"]
    assert after["views"] == before["views"] and after["last_crawled_at"] == before["last_crawled_at"]
    assert rows(db_path, "SELECT mode FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]["mode"] == "reparse"
    assert replica.requests == []          # the site was not asked for anything


def test_reparse_rewrites_an_articles_facts_and_story_from_its_new_body(crawled, monkeypatch):
    """Facts and stories follow the stored body: a rule that removes a paragraph takes its facts away."""
    replica, db_path = crawled
    paragraph = replica.site.articles[9821].body.content[1]
    url = url_of(replica, 9821)
    before = {r["span"] for r in rows(db_path, "SELECT span FROM facts WHERE url = ? AND field = 'body_text'", (url,))}
    rule = LineRule("test_rule", re.compile("^" + re.escape(unicodedata.normalize("NFKC", paragraph)) + "$"))
    monkeypatch.setattr(Zhongnangaoke, "rules", Zhongnangaoke.rules + (rule,))

    assert reparse.main(["--db", str(db_path), "--url", url]) == 0
    (article,) = rows(db_path, "SELECT body_text FROM articles WHERE url = ?", (url,))
    assert paragraph not in article["body_text"]
    facts = rows(db_path, "SELECT f.span, substr(a.body_text, f.span_start + 1, f.span_end - f.span_start) AS text "
                          "FROM facts f JOIN articles a ON a.url = f.url WHERE f.url = ? AND f.field = 'body_text'", (url,))
    assert facts and all(f["text"] == f["span"] for f in facts)
    only_there = {span for span in before if span in paragraph
                  and span not in article["body_text"]}
    assert only_there and only_there.isdisjoint(f["span"] for f in facts)
    (member,) = rows(db_path, "SELECT body_hash FROM story_members WHERE url = ?", (url,))
    assert member["body_hash"] == body_hash(article["body_text"])


def test_a_later_rejected_fetch_leaves_the_good_page_to_reparse(crawled, monkeypatch):
    replica, db_path = crawled
    replica.site.page_faults[TARGET] = "hollow"            # the site now serves an empty skeleton for it
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    assert rows(db_path, "SELECT reason FROM rejects WHERE post_id = ?", (TARGET,))[0]["reason"] == "empty body"
    assert sorted(r["rejected"] for r in rows(db_path, "SELECT rejected FROM pages WHERE post_id = ?", (TARGET,))) == [0, 1]
    sentence = replica.site.articles[TARGET].body.content[1]
    rule = LineRule("test_rule", re.compile("^" + re.escape(unicodedata.normalize("NFKC", sentence)) + "$"))
    monkeypatch.setattr(Zhongnangaoke, "rules", Zhongnangaoke.rules + (rule,))

    assert reparse.main(["--db", str(db_path), "--url", url_of(replica, TARGET)]) == 0
    (after,) = rows(db_path, "SELECT body_text FROM articles WHERE post_id = ?", (TARGET,))
    assert sentence not in after["body_text"] and replica.site.articles[TARGET].body.content[0] in after["body_text"]


def test_dry_run_reports_per_field_and_writes_nothing(crawled, monkeypatch, capsys):
    replica, db_path = crawled
    sentence = replica.site.articles[TARGET].body.content[1]
    monkeypatch.setattr(Zhongnangaoke, "rules",
                        Zhongnangaoke.rules + (LineRule("test_rule", re.compile(re.escape(unicodedata.normalize("NFKC", sentence)))),))
    snapshot = rows(db_path, "SELECT * FROM articles ORDER BY url")
    runs = rows(db_path, "SELECT count(*) AS n FROM crawl_runs")[0]["n"]
    assert reparse.main(["--db", str(db_path), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "body_text: 1 articles would change" in printed and "body_html: 1 articles would change" in printed
    assert "before:" in printed and "after:" in printed
    assert [tuple(r) for r in rows(db_path, "SELECT * FROM articles ORDER BY url")] == [tuple(r) for r in snapshot]
    assert rows(db_path, "SELECT count(*) AS n FROM crawl_runs")[0]["n"] == runs


def test_unchanged_rules_change_nothing(crawled):
    replica, db_path = crawled
    snapshot = rows(db_path, "SELECT url, content_hash, published_at FROM articles ORDER BY url")
    assert reparse.main(["--db", str(db_path)]) == 0
    assert [tuple(r) for r in rows(db_path, "SELECT url, content_hash, published_at FROM articles ORDER BY url")] == \
        [tuple(r) for r in snapshot]
    assert rows(db_path, "SELECT count(*) AS n FROM article_versions")[0]["n"] == 0


def test_relative_dates_resolve_against_the_pages_fetch_time(crawled):
    replica, db_path = crawled
    # an article whose page prints a relative date ("5天前") and that the feed did not date exactly
    article = rows(db_path, "SELECT * FROM articles WHERE published_precision = 'approximate' ORDER BY url")[0]
    # as if the page had been fetched 90 days ago and the date were re-read now
    fetched = storage.parse_iso(rows(db_path, "SELECT fetched_at FROM pages WHERE url = ?", (article["url"],))[0][0])
    earlier = (fetched - timedelta(days=90)).isoformat(timespec="seconds")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE pages SET fetched_at = ? WHERE url = ?", (earlier, article["url"]))
    conn.execute("UPDATE articles SET published_at = NULL, published_precision = NULL WHERE url = ?", (article["url"],))
    conn.commit()
    conn.close()
    assert reparse.main(["--db", str(db_path), "--url", article["url"]]) == 0
    (again,) = rows(db_path, "SELECT * FROM articles WHERE url = ?", (article["url"],))
    expected = storage.parse_iso(article["published_at"]) - timedelta(days=90)
    assert storage.parse_iso(again["published_at"]) == expected


@pytest.mark.parametrize("retention, expected", [("latest", 1), ("all", 2)])
def test_page_retention(replica, db_path, retention, expected):
    settings = ("-s", f"PAGES_RETENTION={retention}")
    assert run_crawl(replica.url, db_path, "mode=full", settings=settings).returncode == 0
    assert run_crawl(replica.url, db_path, "mode=full", settings=settings).returncode == 0
    counts = {r["url"].rsplit("/", 1)[-1]: r["n"] for r in rows(db_path, "SELECT url, count(*) AS n FROM pages GROUP BY url")}
    assert counts["26008.html"] == expected     # its view count changed between the fetches: a new version
    assert counts["26010.html"] == 1            # prints "1.2万" both times: the same bytes, kept once
    orphans = rows(db_path, "SELECT count(*) AS n FROM page_bodies WHERE sha256 NOT IN (SELECT sha256 FROM pages)")
    assert orphans[0]["n"] == 0


def test_identical_bodies_are_stored_once(tmp_path):
    db = storage.connect(tmp_path / "p.db")
    page = {"url": "http://x/index.php/post/1.html", "fetched_at": "2026-11-26T10:00:00+08:00", "body": b"<html>same</html>"}
    storage.store_pages(db, [page, {**page, "url": "http://x/index.php/post/2.html"}], retention="all")
    storage.store_pages(db, [{**page, "fetched_at": "2026-11-27T10:00:00+08:00"}], retention="all")
    assert db["page_bodies"].count == 1 and db["pages"].count == 2


def test_reparse_reports_exactly_the_date_changes_it_applies(replica, db_path, capsys):
    replica.site.page_faults[26024] = "bad_date"          # its page prints no readable date
    assert run_crawl(replica.url, db_path).returncode == 0
    conn = sqlite3.connect(db_path)   # as if an earlier crawl had read the date to the day
    conn.execute("UPDATE articles SET published_at = '2024-01-01T00:00:00+08:00', published_precision = 'day'"
                 " WHERE post_id = 26024")
    conn.commit()
    conn.close()
    url = url_of(replica, 26024)
    assert reparse.main(["--db", str(db_path), "--url", url, "--dry-run"]) == 0
    assert "published_at" not in capsys.readouterr().out
    assert reparse.main(["--db", str(db_path), "--url", url]) == 0
    (row,) = rows(db_path, "SELECT published_at, published_precision FROM articles WHERE post_id = 26024")
    assert tuple(row) == ("2024-01-01T00:00:00+08:00", "day")


def test_reparse_refuses_a_stored_page_larger_than_the_crawl_would_download(crawled, capsys):
    replica, db_path = crawled
    db = storage.connect(db_path)
    storage.store_pages(db, [{"url": url_of(replica, 26999), "portal": "zhongnangaoke", "post_id": 26999,
                              "fetched_at": "2026-11-26T10:00:00+08:00", "body": b"<p>" * (4 * 2**20)}])
    db.conn.close()
    assert reparse.main(["--db", str(db_path), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith(
        f"Would re-extract {len(replica.site.articles) + 1} pages: 0 rescued from rejects, 1 still rejected")
    assert not rows(db_path, "SELECT 1 FROM articles WHERE post_id = 26999")


def test_reparse_never_brings_a_deleted_article_back(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    replica.site.gone.add(TARGET)
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    (gone,) = rows(db_path, "SELECT deleted_at FROM articles WHERE post_id = ?", (TARGET,))
    assert gone["deleted_at"] is not None
    assert reparse.main(["--db", str(db_path)]) == 0
    assert rows(db_path, "SELECT deleted_at FROM articles WHERE post_id = ?", (TARGET,))[0]["deleted_at"] == \
        gone["deleted_at"]
