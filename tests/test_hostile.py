"""Hostile input: pages that lie about who they are, absurd feed and listing entries, redirects away,
documents nested past the parser's limit. One crawl serves all of it at once, over a database that
already holds the site: everything storable is stored, everything else is recorded with its reason,
and every other row stays as it was."""

import json
from datetime import datetime, timedelta

import pytest

from tests.conftest import rows, run_crawl
from tests.replica.bodies import plain_body
from tests.replica.server import ReplicaServer
from tests.replica.site import NEWS, SHANGHAI, Article

POST = "/index.php/post/{}.html"
HUGE_ID = "9" * 5000
# A canonical link naming: another article, another host, a script, a local file, credentials.
CANONICALS = {26008: "{host}/index.php/post/9821.html", 26009: "http://evil.example.net/index.php/post/26009.html",
              26011: "javascript:alert(1)", 26013: "file:///etc/passwd",
              26014: "http://user:secret@{hostname}/index.php/post/26014.html", 26010: "http://[oops/"}
MALFORMED = "http://[oops"   # no URL at all: urljoin and urlsplit raise on it
OFF_SITE = 27001    # a new article whose URL redirects to another site
DEEP, TO_OTHER_ARTICLE, LANDING, TO_NOWHERE = 26017, 26018, 26019, 26016
SOFT_404, NEW_SOFT_404 = 26022, 27002   # the site's not-found page with status 200: a stored article, a new one
STRANGER = 26023      # a stored article whose page is now another page the theme does not read (a members' wall)
LISTED, NEW_LISTED = 26024, 27003   # the front page served at an article's URL: a stored article, a new one
LISTING_JUNK = [
    f'<div class="post item"><h2><a href="/index.php/post/{HUGE_ID}.html">id of 5,000 digits</a></h2></div>',
    '<div class="post item"><h2><a href="/index.php/post/99999999999999999999.html">id past 2^63</a></h2></div>',
    '<div class="post item"><h2><a href="/index.php/post/26020.html">x</a></h2><div class="info">'
    '<span class="date">99999999999999999999天前</span><span class="view">' + "9" * 40 + '</span></div></div>',
    '<div class="post item"><h2>no link at all</h2></div>',
    f'<div class="post item"><h2><a href="{MALFORMED}/index.php/post/1.html">malformed link</a></h2></div>',
]
FEED_JUNK = [
    "<item><title>far future</title><link>{host}/index.php/post/26015.html</link>"
    "<pubDate>Fri, 31 Dec 9999 23:59:59 -1200</pubDate></item>",
    f"<item><title>huge id</title><link>{{host}}/index.php/post/{HUGE_ID}.html</link><pubDate>x</pubDate></item>",
    "<item><title>no date</title><link>{host}/index.php/post/26012.html</link><pubDate>星期八</pubDate></item>",
    f"<item><title>malformed link</title><link>{MALFORMED}/index.php/post/1.html</link><pubDate>x</pubDate></item>",
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("hostile") / "news.db"
    with ReplicaServer(host="127.0.0.2") as offsite, ReplicaServer() as replica:
        site = replica.site
        assert run_crawl(replica.url, db_path).returncode == 0
        before = {r["post_id"]: dict(r) for r in rows(db_path, "SELECT * FROM articles")}
        hostname = replica.url.split("//", 1)[1]
        for post_id, canonical in CANONICALS.items():
            site.articles[post_id].canonical = canonical.format(host=replica.url, hostname=hostname)
        site.add(Article(OFF_SITE, "新文章跳转到别的网站", NEWS, datetime.now(SHANGHAI) - timedelta(minutes=5), plain_body(7)))
        site.faults[POST.format(OFF_SITE)] = [f"redirect:{offsite.url}{POST.format(OFF_SITE)}"] * 10
        site.faults[POST.format(TO_OTHER_ARTICLE)] = [f"redirect:{POST.format(LANDING)}"] * 10
        site.faults[POST.format(TO_NOWHERE)] = [f"redirect:{MALFORMED}"] * 10
        site.page_faults[DEEP] = "deep"
        site.add(Article(NEW_SOFT_404, "新文章只剩错误页", NEWS, datetime.now(SHANGHAI) - timedelta(minutes=6), plain_body(8)))
        site.page_faults[SOFT_404] = site.page_faults[NEW_SOFT_404] = "soft_404"
        site.page_faults[STRANGER] = "stranger"
        site.add(Article(NEW_LISTED, "新文章地址返回首页", NEWS, datetime.now(SHANGHAI) - timedelta(minutes=7), plain_body(9)))
        site.page_faults[LISTED] = site.page_faults[NEW_LISTED] = "listing"
        site.extra_links = (f"{MALFORMED}/index.php/category-2.html",)    # in the sidebar of every page
        site.listing_junk[NEWS] = LISTING_JUNK
        site.feed_junk = [item.format(host=replica.url) for item in FEED_JUNK]
        replica.clear_log()
        result = run_crawl(replica.url, db_path, "mode=full")
        after = {r["post_id"]: dict(r) for r in rows(db_path, "SELECT * FROM articles")}
        replica.clear_log()
        again = run_crawl(replica.url, db_path)     # incremental, the day after
        yield replica, db_path, result, before, after, again


def test_the_hostile_crawl_finishes_and_says_what_it_skipped(hostile):
    _, db_path, result, _, _, _ = hostile
    assert result.returncode == 0, result.log[-2000:]
    (run,) = rows(db_path, "SELECT * FROM crawl_runs WHERE id = 2")
    assert run["finish_reason"] == "finished"
    stats = json.loads(run["stats"])
    assert stats["parknews/canonical_ignored"] == len(CANONICALS)
    # every listing page was read despite a malformed link on each, as in the first, clean crawl
    first = json.loads(rows(db_path, "SELECT stats FROM crawl_runs WHERE id = 1")[0]["stats"])
    assert stats["parknews/listing_pages"] == first["parknews/listing_pages"]
    assert stats["parknews/entries_skipped"] >= 3    # the listing entries without a usable id, one by one
    assert "Skipped a listing entry" in result.log


def test_every_storable_article_is_stored_and_every_other_row_is_unchanged(hostile):
    replica, db_path, _, before, after, _ = hostile
    refused = {OFF_SITE, DEEP, TO_OTHER_ARTICLE, TO_NOWHERE, SOFT_404, NEW_SOFT_404, STRANGER, LISTED, NEW_LISTED}
    # refused ones keep the row they had
    assert set(after) == set(replica.site.articles) - {OFF_SITE, NEW_SOFT_404, NEW_LISTED}
    for post_id, row in after.items():
        assert row["url"] == f"{replica.url}{POST.format(post_id)}"
        assert row["content_hash"] == before[post_id]["content_hash"], post_id
        assert (row["title"], row["body_text"]) == (before[post_id]["title"], before[post_id]["body_text"])
    assert rows(db_path, "SELECT count(*) AS n FROM article_versions")[0]["n"] == 0
    assert {r["post_id"] for r in rows(db_path, "SELECT post_id FROM rejects")} == refused


def test_a_canonical_link_never_names_the_row(hostile):
    replica, db_path, _, before, after, _ = hostile
    assert after[9821]["content_hash"] == before[9821]["content_hash"]   # 26008's canonical named it
    urls = [r["url"] for r in rows(db_path, "SELECT url FROM articles")]
    assert all(u.startswith(replica.url + "/index.php/post/") for u in urls)
    assert not [u for u in urls if "evil" in u or "@" in u or u.startswith(("javascript", "file"))]


def test_redirects_away_are_recorded_with_where_they_pointed_and_not_asked_again(hostile):
    replica, db_path, _, _, _, again = hostile
    reasons = {r["post_id"]: r for r in rows(db_path, "SELECT * FROM rejects")}
    assert reasons[OFF_SITE]["kind"] == "redirect"
    assert reasons[OFF_SITE]["reason"].startswith("redirected off the site to http://127.0.0.2:")
    assert reasons[OFF_SITE]["reason"].endswith(POST.format(OFF_SITE))
    assert reasons[TO_OTHER_ARTICLE]["kind"] == "redirect"
    assert f"redirected to {replica.url}{POST.format(LANDING)}" in reasons[TO_OTHER_ARTICLE]["reason"]
    assert reasons[TO_NOWHERE]["kind"] == "redirect" and "which is not a URL" in reasons[TO_NOWHERE]["reason"]
    assert again.returncode == 0
    assert POST.format(OFF_SITE) not in replica.paths()      # the next incremental run does not ask again


def test_a_document_nested_past_the_parsers_limit_is_rejected_and_kept(hostile):
    _, db_path, _, _, _, _ = hostile
    (reject,) = rows(db_path, "SELECT * FROM rejects WHERE post_id = ?", (DEEP,))
    assert "deeper than 2048 levels" in reject["reason"] and reject["kind"] == "parse"
    # the page kept for a later fix, beside (never instead of) the page its stored article came from
    pages = rows(db_path, "SELECT rejected, fetched_at FROM pages WHERE post_id = ? ORDER BY fetched_at", (DEEP,))
    assert [page["rejected"] for page in pages] == [0, 1]


def test_the_sites_not_found_page_served_with_status_200_never_replaces_or_becomes_an_article(hostile):
    _, db_path, _, _, _, _ = hostile
    reasons = {r["post_id"]: r["reason"] for r in rows(db_path, "SELECT * FROM rejects")}
    assert reasons[SOFT_404] == reasons[NEW_SOFT_404] == \
        "an error page (您访问的页面不存在或已删除), served as if it were the article"
    (kept,) = rows(db_path, "SELECT title, deleted_at FROM articles WHERE post_id = ?", (SOFT_404,))
    assert kept["title"] != "404!" and kept["deleted_at"] is None


def test_another_page_in_a_stored_articles_place_read_generically_never_replaces_it(hostile):
    _, db_path, _, _, _, _ = hostile
    (reject,) = rows(db_path, "SELECT * FROM rejects WHERE post_id = ?", (STRANGER,))
    assert reject["kind"] == "parse"
    assert reject["reason"].startswith("read generically, the page shares ") and "kept the stored one" in reject["reason"]
    assert [page["rejected"] for page in rows(db_path, "SELECT rejected FROM pages WHERE post_id = ? ORDER BY fetched_at",
                                              (STRANGER,))] == [0, 1]


def test_the_front_page_served_at_an_article_s_url_never_replaces_or_becomes_an_article(hostile):
    _, db_path, _, before, after, _ = hostile
    reasons = {r["post_id"]: (r["kind"], r["reason"]) for r in rows(db_path, "SELECT * FROM rejects")}
    assert reasons[LISTED] == reasons[NEW_LISTED] == ("parse", "a listing page, served as if it were the article")
    assert after[LISTED]["body_text"] == before[LISTED]["body_text"]
    assert [page["rejected"] for page in rows(db_path, "SELECT rejected FROM pages WHERE post_id = ? ORDER BY fetched_at",
                                              (LISTED,))] == [0, 1]
