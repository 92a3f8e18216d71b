"""The parse-and-clean path under random damage: an item or a recorded reason, quickly, never an exception,
and whatever comes out is safe (allow-listed body_html, http(s) URLs) and consistent (text and HTML agree)."""

import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.dates import SHANGHAI
from crawler.offline import Reextractor
from crawler.portals import get_portal
from tests.replica.site import standard_site
from tests.test_html_safety import allow_listed

SITE = standard_site("http://www.zhongnangaoke.com.cn")
ARTICLES = [SITE.articles[i] for i in (9821, 26002, 26003, 26007)]
PAGES = [SITE.article_page(article).encode("utf-8") for article in ARTICLES]
FETCHED = datetime(2026, 11, 26, 12, 0, tzinfo=SHANGHAI)
TIME_LIMIT = 2.0


@pytest.fixture(scope="module")
def reextractor(tmp_path_factory):
    return Reextractor(get_portal(None), settings={"SQLITE_PATH": str(tmp_path_factory.mktemp("fuzz") / "news.db")})


# libxml2 keeps at most about 2048 levels of nesting (with huge_tree); deeper pages lose their body.
WHOLE_TREE_DEPTH = 1000   # <div><span> pairs that stay within it


def mangle(page: bytes, data) -> tuple[bytes, str]:
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
        depth = data.draw(st.integers(100, WHOLE_TREE_DEPTH) | st.integers(WHOLE_TREE_DEPTH + 1, 5000))
        page = page[:at] + b"<div><span>" * depth + "深".encode() + b"</span></div>" * depth + page[at:]
        if depth <= WHOLE_TREE_DEPTH:
            kind = "deep_nesting_parsed"
    return page, kind


def assert_safe_and_consistent(item) -> None:
    """What any page gives, however damaged: an allow-listed body_html that reads as body_text."""
    out = allow_listed(item["body_html"])
    assert "".join(out.text_content().split()) == "".join(item["body_text"].split())
    assert list(dict.fromkeys(img.get("src") for img in out.iter("img"))) == item["images"]
    assert all(url.startswith(("http://", "https://")) for url in item["images"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mangled_pages_give_an_item_or_a_reason(reextractor, data):
    index = data.draw(st.integers(0, len(PAGES) - 1))
    page, kind = mangle(PAGES[index], data)
    started = time.perf_counter()
    item, reason = reextractor.extract("http://www.zhongnangaoke.com.cn/index.php/post/9821.html", page, FETCHED)
    assert time.perf_counter() - started < TIME_LIMIT
    if reason is None:
        assert item["title"] and (item["body_text"] or item["images"])
        assert item["published_at"] is None or item["published_at"] <= FETCHED.isoformat()
        assert_safe_and_consistent(item)
        if kind == "deep_nesting_parsed":   # the damage sits at a tag boundary: the article itself is whole
            body = ARTICLES[index].body
            assert item["body_text"].split("\n") == ["深", *body.content]
            assert item["images"] == [url.format(host=SITE.host) for url in body.images]
            for unwanted in body.absent:
                assert unwanted not in item["body_text"] and unwanted not in item["body_html"]
    else:
        assert isinstance(reason, str) and reason


def test_an_intact_page_gives_its_article(reextractor):
    item, reason = reextractor.extract("http://www.zhongnangaoke.com.cn/index.php/post/9821.html", PAGES[0], FETCHED)
    assert reason is None
    assert item["body_text"] == "\n".join(ARTICLES[0].body.content)
    assert_safe_and_consistent(item)


def test_a_failure_inside_cleaning_becomes_a_recorded_reason(reextractor, monkeypatch):
    import pipelines.clean

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipelines.clean, "clean_body", broken)
    item, reason = reextractor.extract("http://www.zhongnangaoke.com.cn/index.php/post/9821.html", PAGES[0], FETCHED)
    assert reason.startswith("cleaning failed") and "boom" in reason
