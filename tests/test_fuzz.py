"""The parse-and-clean path under random damage: an item or a recorded reason, quickly, never an exception."""

import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.dates import SHANGHAI
from crawler.reparse import Reextractor
from tests.replica.site import standard_site

SITE = standard_site("http://www.zhongnangaoke.com.cn")
PAGES = [SITE.article_page(SITE.articles[i]).encode("utf-8") for i in (9821, 26002, 26003, 26007)]
FETCHED = datetime(2026, 11, 26, 12, 0, tzinfo=SHANGHAI)
TIME_LIMIT = 2.0


@pytest.fixture(scope="module")
def reextractor(tmp_path_factory):
    return Reextractor(settings={"SQLITE_PATH": str(tmp_path_factory.mktemp("fuzz") / "news.db")})


def mangle(page: bytes, data) -> bytes:
    kind = data.draw(st.sampled_from(["truncate", "drop_tags", "duplicate_tags", "random_bytes", "huge_text",
                                      "deep_nesting", "mixed"]))
    if kind in ("truncate", "mixed"):
        page = page[: data.draw(st.integers(0, len(page)))]
    if kind in ("drop_tags", "mixed"):
        for tag in data.draw(st.lists(st.sampled_from([b"</div>", b"</p>", b"<h1>", b"</h1>", b'<div class="single',
                                                       b"</span>", b"<html", b"</body>"]), max_size=4)):
            page = page.replace(tag, b"")
    if kind == "duplicate_tags":
        for tag in data.draw(st.lists(st.sampled_from([b"<div>", b"<p>", b"<h1>", b'<div class="single viewall">',
                                                       b"<table><tr><td>"]), min_size=1, max_size=4)):
            at = data.draw(st.integers(0, len(page)))
            page = page[:at] + tag * data.draw(st.integers(1, 50)) + page[at:]
    if kind in ("random_bytes", "mixed"):
        at = data.draw(st.integers(0, len(page)))
        page = page[:at] + data.draw(st.binary(min_size=1, max_size=500)) + page[at:]
    if kind == "huge_text":
        at = page.find(b"<p>") + 3
        page = page[:at] + "园区".encode() * data.draw(st.integers(10_000, 200_000)) + page[at:]
    if kind == "deep_nesting":
        at = page.find(b">", page.find(b'<div class="single')) + 1   # inside the body
        depth = data.draw(st.integers(100, 5000))
        page = page[:at] + b"<div><span>" * depth + "深".encode() + b"</span></div>" * depth + page[at:]
    return page


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mangled_pages_give_an_item_or_a_reason(reextractor, data):
    page = mangle(data.draw(st.sampled_from(PAGES)), data)
    started = time.perf_counter()
    item, reason = reextractor.extract("http://www.zhongnangaoke.com.cn/index.php/post/9821.html", page, FETCHED)
    assert time.perf_counter() - started < TIME_LIMIT
    if reason is None:
        assert item["title"] and (item["body_text"] or item["images"])
        assert item["published_at"] is None or item["published_at"] <= FETCHED.isoformat()
    else:
        assert isinstance(reason, str) and reason


def test_an_intact_page_gives_its_article(reextractor):
    item, reason = reextractor.extract("http://www.zhongnangaoke.com.cn/index.php/post/9821.html", PAGES[0], FETCHED)
    assert reason is None
    assert item["body_text"].startswith("全省开发区2022年第二次“三个一批”活动举行")


def test_a_failure_inside_cleaning_becomes_a_recorded_reason(reextractor, monkeypatch):
    import pipelines.clean

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipelines.clean, "clean_body", broken)
    item, reason = reextractor.extract("http://www.zhongnangaoke.com.cn/index.php/post/9821.html", PAGES[0], FETCHED)
    assert reason.startswith("cleaning failed") and "boom" in reason
