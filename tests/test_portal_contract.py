"""The portal contract: every registered portal provides it, every parser version reads its captured page,
and re-extraction reads each stored page with the version of its day."""

import json
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from lxml.cssselect import CSSSelector

from crawler import portals, reparse
from crawler.cleaning import collapse
from crawler.pages import parse_html
from crawler.portals.contract import ParserVersion, ParserVersions, Portal
from crawler.portals.themes.tpure import TpureArticle
from crawler.portals.zhongnangaoke import Zhongnangaoke
from tests.conftest import rows, run_crawl
from tests.replica.bodies import plain_body
from tests.replica.site import NEWS, SHANGHAI, Article

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parsers"
SWITCH = date(2026, 6, 30)   # the day the replica's site moved to the 6.x markup, in this test


class Tpure6Article(TpureArticle):
    """A parser written for the 6.x markup only (the replica's "tpure6" variant): it knows div.maincon,
    and leaves out blockquote.abstract, the theme's summary printed above the body."""

    name = "tpure-6"
    _maincon = CSSSelector("div.maincon")
    _abstract = CSSSelector("blockquote.abstract")

    def recognises(self, root) -> bool:
        return bool(self._maincon(root)) and super().recognises(root)

    def parse(self, root, url):
        fields = super().parse(root, url)
        for abstract in self._abstract(fields.body) if fields.body is not None else ():
            abstract.drop_tree()
        return fields


class TwoEras(Zhongnangaoke):
    parsers = ParserVersions(ParserVersion(TpureArticle(Zhongnangaoke().category_id), valid_until=SWITCH),
                             ParserVersion(Tpure6Article(Zhongnangaoke().category_id)))


class OnlyTheNewMarkup(Zhongnangaoke):
    parsers = ParserVersions(ParserVersion(Tpure6Article(Zhongnangaoke().category_id)))


def all_versions():
    for portal in (*portals.PORTALS.values(), TwoEras()):
        for parser in portal.parsers:
            yield pytest.param(portal, parser, id=f"{portal.name}/{parser.name}")


def test_every_registered_portal_declares_the_contract():
    assert portals.PORTALS and portals.get_portal(None) is portals.PORTALS[portals.DEFAULT_NAME]
    for name, portal in portals.PORTALS.items():
        assert isinstance(portal, Portal) and portal.name == name
        assert portal.default_base_url.startswith(("http://", "https://")) and not portal.default_base_url.endswith("/")
        assert portal.post_id(portal.article_url(portal.default_base_url, 9821)) == 9821
        assert portal.category_id(portal.category_url(portal.default_base_url, 3)) == 3
        assert portal.post_id(portal.article_url(portal.default_base_url, 2**63)) is None   # past SQLite's range
    with pytest.raises(KeyError, match="known: "):
        portals.get_portal("no-such-portal")


@pytest.mark.parametrize("portal, parser", all_versions())
def test_every_parser_version_reads_its_captured_page(portal, parser):
    page = FIXTURES / portal.name / f"{parser.name}.html"
    assert page.exists(), f"parser version {parser.name} of {portal.name} has no captured page"
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    root = parse_html(page.read_text(encoding="utf-8")).root
    assert parser.recognises(root)
    fields = parser.parse(root, expected["url"])
    assert (fields.title, fields.author, fields.category, list(fields.category_ids), fields.tags, fields.views_text,
            fields.published_raw) == (expected["title"], expected["author"], expected["category"],
                                      expected["category_ids"], expected["tags"], expected["views_text"],
                                      expected["published_raw"])
    body = collapse(" ".join(fields.body.itertext()))
    assert body.startswith(expected["body_starts"]) and body.endswith(expected["body_ends"])


def test_a_version_is_chosen_by_the_day_a_page_was_fetched():
    old, new = TwoEras.parsers.versions
    assert TwoEras.parsers.at(datetime(2025, 1, 1, tzinfo=SHANGHAI)) is old.parser
    assert TwoEras.parsers.at(datetime(2026, 6, 30, 23, 59, tzinfo=SHANGHAI)) is old.parser
    assert TwoEras.parsers.at(datetime(2026, 7, 1, tzinfo=SHANGHAI)) is new.parser
    assert TwoEras.parsers.current is new.parser
    with pytest.raises(ValueError):
        ParserVersions(ParserVersion(new.parser, valid_until=SWITCH))          # no current version
    with pytest.raises(ValueError):
        ParserVersions(ParserVersion(old.parser, valid_until=SWITCH), ParserVersion(old.parser, valid_until=date(2020, 1, 1)),
                       ParserVersion(new.parser))                             # out of order


def test_reparse_reads_pages_of_two_markups_each_with_the_parser_of_its_day(replica, db_path, monkeypatch, capsys):
    assert run_crawl(replica.url, db_path).returncode == 0           # the tpure 5 era
    old_era = {r["post_id"] for r in rows(db_path, "SELECT post_id FROM articles")}
    replica.site.variant = "tpure6"
    for index in range(3):                                            # the 6.x era: new articles
        replica.site.add(Article(27100 + index, f"新版页面文章{index}", NEWS, datetime.now(SHANGHAI), plain_body(40 + index)))
    assert run_crawl(replica.url, db_path).returncode == 0
    conn = sqlite3.connect(db_path)  # the first crawl happened before the switch
    conn.execute("UPDATE pages SET fetched_at = '2026-03-01T10:00:00+08:00' WHERE post_id IN (%s)"
                 % ",".join(map(str, old_era)))
    conn.commit()
    conn.close()
    # the crawl read the new pages with the only parser the portal had: the abstract is in their bodies
    abstract = replica.site._abstract(replica.site.articles[27100]).split(">", 1)[1].split("<", 1)[0]
    assert rows(db_path, "SELECT body_text FROM articles WHERE post_id = 27100")[0]["body_text"].startswith(abstract)

    monkeypatch.setitem(portals.PORTALS, "zhongnangaoke", TwoEras())
    assert reparse.main(["--db", str(db_path)]) == 0
    stored = {r["post_id"]: r for r in rows(db_path, "SELECT * FROM articles")}
    assert {r["extraction_method"] for r in stored.values()} == {"theme"}
    for post_id in range(27100, 27103):                                # the 6.x parser left the abstract out
        assert stored[post_id]["body_text"] == "\n".join(replica.site.articles[post_id].body.content)
    versions = {r["url"].rsplit("/", 1)[1] for r in rows(db_path, "SELECT url FROM article_versions")}
    assert versions == {f"{p}.html" for p in range(27100, 27103)}      # no old-era article changed

    # today's parser alone would have pushed last year's pages to the generic extractor
    monkeypatch.setitem(portals.PORTALS, "zhongnangaoke", OnlyTheNewMarkup())
    capsys.readouterr()
    assert reparse.main(["--db", str(db_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    changed = int(re.search(r"extraction_method: (\d+) articles would change", out).group(1))
    rejected = int(re.search(r"(\d+) still rejected", out).group(1))
    assert changed + rejected == len(old_era)       # every old page fell back or failed; no new one did
