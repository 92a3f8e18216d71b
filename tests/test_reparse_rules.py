"""Reparse as its user meets it: a page the crawl rejected is stored under its article's URL once a rule is
fixed, the dry run's examples are capped per field and shortened, and a reparse that may not write (too
little disk, a crawl holding the lock) says so in one line with its exit code."""

import re
import shutil
import unicodedata
from collections import namedtuple

import pytest

from crawler import locks, reparse
from crawler.cleaning import LineRule
from crawler.extensions import EXIT_STORAGE
from crawler.portals.zhongnangaoke import Zhongnangaoke
from tests.conftest import rows, run_crawl
from tests.replica.server import ReplicaServer

REJECTED = 26024        # its page has no title: rejected by the crawl, whose generic fallback is off
CHANGED = (26008, 26009)


@pytest.fixture(scope="module")
def crawled_once(tmp_path_factory):
    """One crawl for the whole file; each test works on its own copy of the database."""
    folder = tmp_path_factory.mktemp("crawled")
    with ReplicaServer() as server:
        server.site.page_faults[REJECTED] = "no_title"
        assert run_crawl(server.url, folder / "news.db", settings=("-s", "GENERIC_FALLBACK=False")).returncode == 0
        return server.site, server.url, folder / "news.db"


@pytest.fixture
def crawled(crawled_once, tmp_path):
    site, url, template = crawled_once
    for suffix in ("", "-wal", "-shm"):
        if template.with_name(template.name + suffix).exists():
            shutil.copy(template.with_name(template.name + suffix), tmp_path / f"news.db{suffix}")
    return site, url, tmp_path / "news.db"


def test_a_rejected_page_is_stored_under_its_articles_url_once_reparse_can_read_it(crawled):
    site, base_url, db_path = crawled
    assert rows(db_path, "SELECT count(*) AS n FROM articles WHERE post_id = ?", (REJECTED,))[0]["n"] == 0
    assert reparse.main(["--db", str(db_path)]) == 0          # reparse runs with the generic fallback on
    (row,) = rows(db_path, "SELECT url, title FROM articles WHERE post_id = ?", (REJECTED,))
    assert (row["url"], row["title"]) == (f"{base_url}/index.php/post/{REJECTED}.html", site.articles[REJECTED].title)


def test_dry_run_examples_are_capped_per_field_and_shortened(crawled, monkeypatch, capsys):
    site, _, db_path = crawled
    sentences = [unicodedata.normalize("NFKC", site.articles[p].body.content[1]) for p in CHANGED]
    rule = LineRule("test_rule", re.compile("^(" + "|".join(re.escape(s) for s in sentences) + ")$"))
    monkeypatch.setattr(Zhongnangaoke, "rules", Zhongnangaoke.rules + (rule,))
    assert reparse.main(["--db", str(db_path), "--dry-run", "--examples", "1", "--url", site.article_url(CHANGED[0]),
                         "--url", site.article_url(CHANGED[1])]) == 0
    printed = capsys.readouterr().out
    assert "  body_text: 2 articles would change" in printed and "  body_html: 2 articles would change" in printed
    examples = re.findall(r"^    \S+ \[(\w+)\]$", printed, flags=re.M)
    assert sorted(examples) == ["body_html", "body_text"]              # one per changed field, as asked
    befores = re.findall(r"^      before: (.*)$", printed, flags=re.M)
    assert all(len(text) == 81 and text.endswith("…") and "\n" not in text for text in befores)


def test_long_values_are_cut_to_80_characters_and_lines_marked():
    assert reparse._short("字" * 80) == "字" * 80
    assert reparse._short("字" * 81) == "字" * 80 + "…"
    assert (reparse._short("上\n下"), reparse._short(None)) == ("上⏎下", "")


def test_a_reparse_with_too_little_disk_says_so_and_writes_nothing(crawled, monkeypatch, capsys):
    _, _, db_path = crawled
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**12, 0, 50 * 2**20 - 1))
    assert reparse.main(["--db", str(db_path)]) == EXIT_STORAGE
    assert "only 49 MiB free" in capsys.readouterr().err
    assert rows(db_path, "SELECT count(*) AS n FROM crawl_runs WHERE mode = 'reparse'")[0]["n"] == 0


def test_a_reparse_while_a_crawl_holds_the_lock_waits_for_another_time(crawled, capsys):
    _, _, db_path = crawled
    held = locks.acquire(db_path, "zhongnangaoke")
    try:
        assert reparse.main(["--db", str(db_path)]) == locks.EXIT_LOCKED
    finally:
        held.close()
    assert "try again when it has finished" in capsys.readouterr().err
