"""The item pipelines' decisions, in process: what is stored when, what is refused and why, what a failing
database keeps. The crawl tests check the same through ``scrapy crawl``; these reach every branch quickly."""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import datetime
from types import SimpleNamespace

import lxml.html
import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.signalmanager import SignalManager
from scrapy.statscollectors import MemoryStatsCollector

from crawler.dates import SHANGHAI
from crawler.items import ArticleGone, ArticleItem, ListingObservation
from crawler.portals import get_portal
from crawler.urls import link_url, split_url
from pipelines.clean import CleanBodyPipeline
from pipelines.dates import PublishedDatePipeline
from pipelines.facts import FactsPipeline
from pipelines.store import SAME_ARTICLE_SHARE, SQLiteStorePipeline, reject_excerpt, shared_text
from pipelines.validate import ValidatePipeline, reads_as_prose
from tests.conftest import rows

PORTAL = "zhongnangaoke"
FETCHED = datetime(2024, 7, 5, 10, 0, tzinfo=SHANGHAI)
TEXT = "太原市今年签约项目321个，总投资247.98亿元，其中开工项目302个。园区将持续优化营商环境。"


class Engine:
    """Stands for the crawl's engine: records why the pipeline asked it to stop."""

    def __init__(self):
        self.closed: list[str] = []

    def close_spider_async(self, reason: str) -> None:   # the real one is a coroutine; its start is what counts
        self.closed.append(reason)


def a_crawler(db_path, **settings):
    crawler = SimpleNamespace(settings=Settings({"SQLITE_PATH": str(db_path), "SQLITE_TIMEOUT": 0.1, **settings}),
                              signals=SignalManager(), engine=Engine())
    crawler.stats = MemoryStatsCollector(crawler)
    return crawler


def page(post_id: int, body: bytes = b"<html><body><p>page</p></body></html>") -> dict:
    return {"url": f"http://site.test/post/{post_id}.html", "portal": PORTAL, "post_id": post_id,
            "fetched_at": FETCHED.isoformat(), "status": 200, "encoding": "utf-8", "body": body}


def article(post_id: int, /, text: str = TEXT, method: str = "theme", **fields) -> ArticleItem:
    item = ArticleItem(portal=PORTAL, url=f"http://site.test/post/{post_id}.html", post_id=post_id,
                       title=f"标题{post_id}", body_text=text, body_html=f"<p>{text}</p>", images=[], tags=[],
                       fetched_at=FETCHED, extraction_method=method, published_at="2024-07-05T00:00:00+08:00",
                       published_precision="day", facts=[], page=page(post_id))
    item.update(fields)
    return item


@pytest.fixture
def store(db_path):
    crawler = a_crawler(db_path, SQLITE_BATCH_SIZE=2)
    pipeline = SQLiteStorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    yield pipeline
    pipeline.db.conn.close()   # a second close (after close_spider) does nothing


def stored_ids(db_path) -> list[int]:
    return [row["post_id"] for row in rows(db_path, "SELECT post_id FROM articles ORDER BY post_id")]


# --- the store: batches, updates, observations, deletions ----------------------------------------------------


def test_articles_are_written_a_batch_at_a_time_and_the_rest_when_the_crawl_closes(store, db_path):
    store.process_item(article(1))
    assert stored_ids(db_path) == []             # one article is not a batch of two
    store.process_item(article(2))
    assert stored_ids(db_path) == [1, 2]         # written, and readable by another connection
    store.process_item(article(3))
    assert stored_ids(db_path) == [1, 2]
    store.close_spider()
    assert stored_ids(db_path) == [1, 2, 3]
    assert [row["post_id"] for row in rows(db_path, "SELECT post_id FROM pages ORDER BY post_id")] == [1, 2, 3]
    stats = store.stats.get_stats()
    assert stats["parknews/articles/new"] == 3 and stats["parknews/pages_stored"] == 3
    assert "parknews/articles/unsaved" not in stats


def test_a_recrawl_counts_unchanged_and_updated_articles(store, db_path):
    for item in (article(1), article(2)):
        store.process_item(item)
    store.process_item(article(1))
    store.process_item(article(2, text=TEXT + "新增一句。"))
    store.close_spider()
    stats = store.stats.get_stats()
    assert (stats["parknews/articles/new"], stats["parknews/articles/unchanged"], stats["parknews/articles/updated"]) \
        == (2, 1, 1)
    assert rows(db_path, "SELECT body_text FROM articles WHERE post_id = 2")[0][0].endswith("新增一句。")


def test_the_facts_of_an_article_are_stored_with_it(store, db_path):
    store.process_item(FactsPipeline(None, store.stats, Settings()).process_item(article(1)))
    store.close_spider()
    kinds = {row["kind"] for row in rows(db_path, "SELECT kind FROM facts")}
    assert {"project_count", "investment"} <= kinds


def test_view_counts_from_listings_are_written_every_ten_batches_and_at_close(store, db_path):
    store.process_item(article(1))
    store.process_item(article(2))
    observation = {"portal": PORTAL, "post_id": 1, "url": "http://site.test/post/1.html", "views": 50,
                   "observed_at": "2024-07-06T00:00:00+08:00"}
    for views in range(19):
        store.process_item(ListingObservation(**{**observation, "views": 100 + views}))
    assert rows(db_path, "SELECT count(*) FROM article_stats WHERE views >= 100")[0][0] == 0   # 19 < 2 × 10
    store.process_item(ListingObservation(**{**observation, "views": 119}))
    assert rows(db_path, "SELECT count(*) FROM article_stats WHERE views >= 100")[0][0] == 20
    store.process_item(ListingObservation(**{**observation, "views": 500}))
    store.close_spider()
    assert rows(db_path, "SELECT views FROM articles WHERE post_id = 1")[0][0] == 500
    assert store.stats.get_value("parknews/views_observed") == 21


def test_a_deleted_article_is_marked_after_the_pending_batch_is_written(store, db_path):
    store.process_item(article(1))              # pending, not yet a batch
    gone = ArticleGone(portal=PORTAL, post_id=1, observed_at="2024-07-06T00:00:00+08:00")
    assert store.process_item(gone) is gone
    assert rows(db_path, "SELECT deleted_at FROM articles WHERE post_id = 1")[0][0] == "2024-07-06T00:00:00+08:00"
    assert store.stats.get_value("parknews/articles/deleted") == 1
    store.process_item(ArticleGone(portal=PORTAL, post_id=99))   # never stored: nothing to mark
    assert store.stats.get_value("parknews/articles/deleted") == 1
    store.close_spider()


# --- the store: refused items and failing writes ----------------------------------------------------------------


def drop(crawler, item, reason: str) -> None:
    crawler.signals.send_catch_log(signals.item_dropped, item=item, response=None, exception=DropItem(reason),
                                   spider=None)


def test_a_dropped_article_is_recorded_in_rejects_with_its_reason_kind_and_page(store, db_path):
    crawler = store.crawler
    crawler.stats.set_value("parknews/run_id", 7)
    drop(crawler, article(1, reject_kind="download"), "HTTP 500")
    drop(crawler, article(2), "cleaning failed: ValueError()")
    drop(crawler, article(3, page=None), "missing title")
    store.close_spider()
    rejects = rows(db_path, "SELECT post_id, kind, reason, run_id, portal FROM rejects ORDER BY post_id")
    assert [tuple(row) for row in rejects] == [(1, "download", "HTTP 500", 7, PORTAL),
                                              (2, "parse", "cleaning failed: ValueError()", 7, PORTAL),
                                              (3, "invalid", "missing title", 7, PORTAL)]
    assert [tuple(row) for row in rows(db_path, "SELECT post_id, rejected FROM pages ORDER BY post_id")] == \
        [(1, 1), (2, 1)]
    assert stored_ids(db_path) == []
    assert store.stats.get_value("parknews/rejected") == 3


def test_a_dropped_item_that_is_no_article_is_not_a_reject(store, db_path):
    drop(store.crawler, ListingObservation(portal=PORTAL, post_id=1, url="u", views=1, observed_at="x"), "bad")
    store.close_spider()
    assert rows(db_path, "SELECT count(*) FROM rejects")[0][0] == 0
    assert store.stats.get_value("parknews/rejected") is None


def test_one_article_sqlite_cannot_store_is_rejected_and_the_rest_of_its_batch_written(store, db_path):
    store.process_item(article(1))
    store.process_item(article(2, views=2**64))     # SQLite integers stop at 2^63 - 1
    store.process_item(article(3))
    store.close_spider()
    assert stored_ids(db_path) == [1, 3]
    reject = rows(db_path, "SELECT post_id, kind, reason FROM rejects")
    assert [(row["post_id"], row["kind"]) for row in reject] == [(2, "storage")]
    assert reject[0]["reason"].startswith("storage failed: OverflowError")
    assert [tuple(row) for row in rows(db_path, "SELECT post_id, rejected FROM pages ORDER BY post_id")] == \
        [(1, 0), (2, 1), (3, 0)]
    assert store.stats.get_value("parknews/rejected") == 1


def hold_write_lock(db_path) -> sqlite3.Connection:
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_locked_database_keeps_the_batch_in_memory_and_writes_it_when_free(store, db_path):
    other = hold_write_lock(db_path)
    store.process_item(article(1))
    store.process_item(article(2))
    assert len(store.pending) == 2 and store.stats.get_value("parknews/storage_retries") == 1
    drop(store.crawler, article(3), "missing title")        # a reject waits too
    assert store.rejects
    other.execute("ROLLBACK")
    other.close()
    store.close_spider()
    assert stored_ids(db_path) == [1, 2]
    assert [row["post_id"] for row in rows(db_path, "SELECT post_id FROM rejects")] == [3]
    assert store.stats.get_value("parknews/rejected") == 1


def test_a_database_that_refuses_every_write_stops_the_crawl_once_and_names_what_was_not_saved(db_path, caplog):
    crawler = a_crawler(db_path, SQLITE_BATCH_SIZE=1, SQLITE_TIMEOUT=0.001)
    store = SQLiteStorePipeline.from_crawler(crawler)
    store.open_spider()
    other = hold_write_lock(db_path)
    for post_id in range(1, 51):
        store.process_item(article(post_id))
    assert crawler.engine.closed == []               # 50 pending: not past 50 batches of one
    store.process_item(article(51))
    assert crawler.engine.closed == ["storage_failed"]
    store.process_item(article(52))
    assert crawler.engine.closed == ["storage_failed"]   # asked once
    with caplog.at_level(logging.ERROR):
        store.close_spider()
    other.close()
    assert crawler.stats.get_value("parknews/articles/unsaved") == 52
    assert "Could not store 52 articles and 0 rejects" in caplog.text
    assert "http://site.test/post/1.html" in caplog.text and "http://site.test/post/21.html" not in caplog.text
    assert stored_ids(db_path) == []


def test_a_stored_article_read_generically_as_another_page_is_refused_and_kept(store, db_path):
    store.process_item(article(1))
    store.process_item(article(2))
    wall = "请登录后查看全文。本站内容仅对会员开放，注册会员即可阅读。"
    with pytest.raises(DropItem, match="shares 0% of its text"):
        store.process_item(article(1, text=wall, method="generic"))
    edited = article(2, text=TEXT.replace("321", "322") + "记者 王明", method="generic")
    assert store.process_item(edited) is edited          # the same article, edited: it replaces the stored one
    assert store.process_item(article(3, text=wall, method="generic"))   # a new article: nothing to compare
    store.close_spider()
    assert rows(db_path, "SELECT body_text FROM articles WHERE post_id = 1")[0][0] == TEXT
    assert "322" in rows(db_path, "SELECT body_text FROM articles WHERE post_id = 2")[0][0]


def test_only_an_article_its_theme_read_is_guarded_from_a_generic_read(store, db_path):
    store.process_item(article(1, method="generic"))
    store.process_item(article(2))
    store.flush()
    other = article(1, text="完全不同的另一篇文章的内容。", method="generic")
    assert store.process_item(other) is other            # the stored one was generic too
    theme = article(2, text="完全不同的另一篇文章的内容。")
    assert store.process_item(theme) is theme            # a theme read is the site's own word
    assert store.process_item(article(2, text="", method="generic", images=["http://site.test/a.jpg"]))
    store.close_spider()


def test_the_shared_text_threshold_is_half_the_character_pairs():
    assert SAME_ARTICLE_SHARE == 0.5
    assert shared_text("甲乙丙丁", "甲乙丙") == pytest.approx(2 / 3)
    assert shared_text("甲乙 丙丁", "戊己丙丁") == pytest.approx(1 / 3)    # spaces aside: 甲乙 乙丙 丙丁
    assert shared_text("甲乙丙丁戊", "丙丁戊") == 0.5
    assert shared_text("", "甲乙") == 1.0 and shared_text("甲", "乙") == 1.0
    assert shared_text("甲乙丙", "") == 0.0


def test_a_page_exactly_half_the_stored_text_still_replaces_it(store, db_path):
    store.process_item(article(1, text="甲乙丙丁戊己庚辛。"))
    store.flush()
    half = article(1, text="甲乙丙丁戊子丑寅卯", method="generic")   # 4 of 8 pairs shared
    assert shared_text(half["body_text"], "甲乙丙丁戊己庚辛。") == 0.5
    assert store.process_item(half) is half
    store.close_spider()


def test_a_reject_keeps_the_theme_body_markup_or_else_the_start_of_the_page():
    body = lxml.html.fragment_fromstring("<div class='entry'><p>正文</p></div>")
    assert reject_excerpt(ArticleItem(body=body, extraction_method="theme")) == '<div class="entry"><p>正文</p></div>'
    raw = "<html><body>页面内容</body></html>".encode("gbk")
    item = ArticleItem(body=body, extraction_method="generic", page={**page(1, raw), "encoding": "gbk"})
    assert reject_excerpt(item) == "<html><body>页面内容</body></html>"
    assert reject_excerpt(ArticleItem(page=page(1, b"x" * 50)), limit=10) == "x" * 10
    assert reject_excerpt(ArticleItem(page={**page(1, "页".encode()), "encoding": None})) == "页"
    assert reject_excerpt(ArticleItem()) is None


# --- validation ------------------------------------------------------------------------------------------------


def validate(item):
    return ValidatePipeline(get_portal(PORTAL), MemoryStatsCollector(SimpleNamespace(settings=Settings())),
                            Settings()).process_item(item)


@pytest.mark.parametrize("fields, reason", [
    ({"reject_reason": "HTTP 404"}, "HTTP 404"),
    ({"post_id": 0}, "post id '0' is not an article id (1 to 2^63-1)"),
    ({"post_id": 2**63}, "is not an article id"),
    ({"post_id": "12"}, "post id '12' is not an article id"),
    ({"post_id": None}, "post id 'None'"),
    ({"title": ""}, "missing title"),
    ({"title": None}, "missing title"),
    ({"body_text": ""}, "empty body"),
    ({"body_text": "admin2个月前 (09-27)新闻中心941", "extraction_method": "generic"}, "empty body"),
])
def test_what_cannot_be_stored_is_dropped_with_its_reason(fields, reason):
    with pytest.raises(DropItem, match=re.escape(reason)):
        validate(article(5, **fields))


@pytest.mark.parametrize("fields", [
    {"post_id": 1}, {"post_id": 2**63 - 1},
    {"portal": None, "post_id": None},                                  # a saved page, never stored
    {"body_text": "", "images": ["http://site.test/a.jpg"]},           # a photo story
    {"body_text": "没有标点的一行短文字", "extraction_method": "theme"},     # the theme's word is trusted
    {"body_text": "没有标点的一行短文字", "extraction_method": "generic", "images": ["http://site.test/a.jpg"]},
    {"body_text": "一行短文字但有句号。", "extraction_method": "generic"},
    {"body_text": "字" * 200, "extraction_method": "generic"},
])
def test_storable_articles_pass_validation(fields):
    item = article(5, **fields)
    assert validate(item) is item


def test_prose_is_a_sentence_or_two_hundred_characters():
    assert reads_as_prose("一句话。") and reads_as_prose("Is it?") and reads_as_prose("甲；乙")
    assert reads_as_prose("字" * 200) and not reads_as_prose("字" * 199)
    assert not reads_as_prose("首页 > 新闻中心 > 园区动态")


@pytest.mark.parametrize("views, kept", [(0, 0), (941, 941), (10**12, 10**12), (10**12 + 1, None), (-1, None),
                                         ("941", None), (None, None)])
def test_an_impossible_view_count_is_stored_as_unknown(views, kept):
    assert validate(article(5, views=views))["views"] == kept


def test_validation_passes_items_that_are_not_articles():
    observation = ListingObservation(post_id=1)
    assert validate(observation) is observation


# --- dates -----------------------------------------------------------------------------------------------------


def date_pipeline():
    stats = MemoryStatsCollector(SimpleNamespace(settings=Settings()))
    return PublishedDatePipeline(get_portal(PORTAL), stats, Settings()), stats


def test_the_feed_date_wins_over_the_printed_one_when_it_is_not_after_the_fetch():
    pipeline, stats = date_pipeline()
    item = pipeline.process_item(ArticleItem(fetched_at=FETCHED, feed_published="Thu, 04 Jul 2024 02:21:09 +0000",
                                             published_raw="2年前 (2022-07-05)"))
    assert (item["published_at"], item["published_precision"]) == ("2024-07-04T10:21:09+08:00", "second")
    assert item["published_raw"] == "2年前 (2022-07-05)"
    item = pipeline.process_item(ArticleItem(fetched_at=FETCHED, feed_published="Thu, 04 Jul 2024 02:21:09 +0000"))
    assert item["published_raw"] is None
    assert stats.get_value("parknews/dates/from_feed") == 2


def test_a_feed_date_after_the_fetch_gives_way_to_the_printed_date():
    pipeline, stats = date_pipeline()
    item = pipeline.process_item(ArticleItem(fetched_at=FETCHED, feed_published="Fri, 05 Jul 2024 02:00:01 +0000",
                                             published_raw="2年前 (2022-07-05)"))
    assert (item["published_at"], item["published_precision"]) == ("2022-07-05T00:00:00+08:00", "day")
    assert stats.get_value("parknews/dates/day") == 1 and stats.get_value("parknews/dates/from_feed") is None
    exact = pipeline.process_item(ArticleItem(fetched_at=FETCHED, feed_published="Fri, 05 Jul 2024 02:00:00 +0000"))
    assert exact["published_at"] == "2024-07-05T10:00:00+08:00"     # the very second of the fetch is not after it


def test_an_unreadable_date_is_stored_as_unknown_and_counted():
    pipeline, stats = date_pipeline()
    item = pipeline.process_item(ArticleItem(fetched_at=FETCHED, feed_published="garbage", published_raw="很久以前"))
    assert (item["published_at"], item["published_precision"]) == (None, None)
    assert stats.get_value("parknews/dates/unparsed") == 1


def test_a_page_of_no_portal_is_dated_with_the_common_units():
    pipeline = PublishedDatePipeline(None, MemoryStatsCollector(SimpleNamespace(settings=Settings())), Settings())
    assert pipeline.process_item(ArticleItem(fetched_at=FETCHED, published_raw="3天前"))["published_at"] \
        == "2024-07-02T10:00:00+08:00"


def test_date_cleaning_and_facts_pipelines_leave_rejected_items_alone():
    stats = MemoryStatsCollector(SimpleNamespace(settings=Settings()))
    portal = get_portal(PORTAL)
    for pipeline in (PublishedDatePipeline(portal, stats, Settings()), CleanBodyPipeline(portal, stats, Settings()),
                     FactsPipeline(portal, stats, Settings())):
        rejected = ArticleItem(reject_reason="HTTP 500", fetched_at=FETCHED, body_text=TEXT, url="u",
                               body=lxml.html.fragment_fromstring("<div><p>x</p></div>"))
        assert dict(pipeline.process_item(rejected)) == dict(rejected)
        observation = ListingObservation(post_id=1)
        assert pipeline.process_item(observation) is observation
    assert stats.get_stats() == {}


# --- cleaning --------------------------------------------------------------------------------------------------


def clean(item, portal=PORTAL):
    stats = MemoryStatsCollector(SimpleNamespace(settings=Settings()))
    return CleanBodyPipeline(get_portal(portal) if portal else None, stats, Settings()).process_item(item), stats


def body(html: str):
    return lxml.html.fragment_fromstring(html)


def test_cleaning_fills_the_clean_fields_and_counts_what_each_rule_removed():
    item, stats = clean(ArticleItem(url="http://site.test/post/1.html", extraction_method="theme", body=body(
        "<div><p>来源：山西日报</p><p>正文第一段。</p><p><img src='/a.jpg' alt='现场'></p>"
        "<p>本文来自园区产业招商，转载请注明出处。</p></div>")))
    assert item["body_text"] == "正文第一段。"
    assert item["source"] == "山西日报" and item["original_title"] is None
    assert item["images"] == ["http://site.test/a.jpg"]
    assert "<p>正文第一段。</p>" in item["body_html"]
    assert stats.get_value("parknews/clean/source") == 1
    assert sum(v for k, v in stats.get_stats().items() if k.startswith("parknews/clean/")) >= 2


def test_a_generic_body_also_loses_page_furniture_and_its_leading_title():
    html = ("<div><p>园区签约十个项目</p><p>首页 > 新闻中心 > 园区动态</p><p>园区今年签约项目十个，总投资五十亿元。</p>"
            "<p>上一篇：园区召开大会</p></div>")
    generic, _ = clean(ArticleItem(url="http://site.test/a.html", extraction_method="generic", title="园区签约十个项目",
                                   body=body(html)))
    assert generic["body_text"] == "园区今年签约项目十个，总投资五十亿元。"
    theme, _ = clean(ArticleItem(url="http://site.test/a.html", extraction_method="theme", title="园区签约十个项目",
                                 body=body(html)))
    assert theme["body_text"].startswith("园区签约十个项目")


def test_a_page_of_no_portal_is_cleaned_of_republishing_artefacts_and_adverts():
    html = ("<div><p>正文第一段。</p><p>招商热线：张经理 138-0013-8000</p><p>微信同号</p>"
            "<p>免责声明：本文转自网络，版权归原作者所有。</p></div>")
    item, _ = clean(ArticleItem(url="http://other.test/a.html", extraction_method="generic", title="t", body=body(html)),
                    portal=None)
    assert item["body_text"] == "正文第一段。"


def test_a_body_the_cleaner_cannot_handle_is_dropped_with_the_error(monkeypatch):
    import pipelines.clean

    def broken(*args):
        raise ValueError("bad markup")

    monkeypatch.setattr(pipelines.clean, "clean_body", broken)
    with pytest.raises(DropItem, match=r"cleaning failed: ValueError\('bad markup'\)"):
        clean(ArticleItem(url="u", extraction_method="theme", body=body("<div><p>x</p></div>")))


def test_an_item_with_no_body_is_left_to_validation():
    item, _ = clean(ArticleItem(url="u", extraction_method="theme", body=None, title="t"))
    assert "body_text" not in item


# --- facts -----------------------------------------------------------------------------------------------------


def test_facts_are_extracted_from_title_and_text_and_counted_by_kind():
    stats = MemoryStatsCollector(SimpleNamespace(settings=Settings()))
    item = FactsPipeline(None, stats, Settings()).process_item(article(1, title="山西签约项目"))
    kinds = [fact["kind"] for fact in item["facts"]]
    assert kinds.count("project_count") == 2 and "investment" in kinds
    assert {fact["field"] for fact in item["facts"]} == {"title", "body_text"}
    assert stats.get_value("parknews/facts/project_count") == 2
    assert stats.get_value("parknews/facts/investment") == kinds.count("investment")


def test_an_article_whose_fact_extraction_fails_is_stored_with_no_facts(monkeypatch, caplog):
    import pipelines.facts

    def broken(title, text):
        raise RuntimeError("rule error")

    monkeypatch.setattr(pipelines.facts, "extract", broken)
    stats = MemoryStatsCollector(SimpleNamespace(settings=Settings()))
    with caplog.at_level(logging.ERROR):
        item = FactsPipeline(None, stats, Settings()).process_item(article(1, facts=[{"kind": "old"}]))
    assert item["facts"] == [] and stats.get_value("parknews/facts_failed") == 1
    assert "http://site.test/post/1.html" in caplog.text


def test_an_item_without_a_clean_body_gets_no_facts():
    item = ArticleItem(url="u", title="签约项目5个")
    assert "facts" not in FactsPipeline(None, MemoryStatsCollector(SimpleNamespace(settings=Settings())),
                                        Settings()).process_item(item)


# --- links -----------------------------------------------------------------------------------------------------


def test_links_resolve_against_their_page_and_a_malformed_one_is_no_link():
    assert link_url("http://site.test/a/b.html", " ../post/1.html ") == "http://site.test/post/1.html"
    assert link_url("http://site.test/a/", None) == "" and link_url("http://site.test/", "") == ""
    assert link_url("http://site.test/", "http://[oops") == ""
    assert split_url("http://site.test/post/1.html?x=1").path == "/post/1.html"
    broken = split_url("http://[oops")
    assert (broken.netloc, broken.path, broken.query) == ("", "", "")


# --- extensions: the guard, the run record, network errors ------------------------------------------------------


def a_spider(mode="full", expects_theme=True):
    return SimpleNamespace(mode=mode, run_arguments={"mode": mode}, portal=SimpleNamespace(name=PORTAL,
                                                                                            expects_theme=expects_theme))


def test_a_second_crawl_of_the_same_portal_exits_75_and_an_unusable_database_exits_73(db_path, tmp_path, capsys):
    from crawler.extensions import EXIT_STORAGE, CrawlGuard
    from crawler.locks import EXIT_LOCKED

    crawler = a_crawler(db_path, SQLITE_MIN_FREE_MB=0)
    crawler.spider = a_spider()
    first = CrawlGuard.from_crawler(crawler)
    with pytest.raises(SystemExit) as exited:
        CrawlGuard.from_crawler(crawler)
    assert exited.value.code == EXIT_LOCKED == 75
    assert "not starting a second zhongnangaoke crawl" in capsys.readouterr().err
    first.lock.close()
    CrawlGuard.from_crawler(crawler).lock.close()          # free again: the guard passes

    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is no database" * 100)
    crawler = a_crawler(garbage, SQLITE_MIN_FREE_MB=0)
    crawler.spider = a_spider()
    with pytest.raises(SystemExit) as exited:
        CrawlGuard.from_crawler(crawler)
    assert exited.value.code == EXIT_STORAGE == 73
    assert capsys.readouterr().err.startswith("parknews: cannot use the database: ")

    crawler = a_crawler(garbage / "news.db", SQLITE_MIN_FREE_MB=0)      # a file where the folder should be
    crawler.spider = a_spider()
    with pytest.raises(SystemExit) as exited:
        CrawlGuard.from_crawler(crawler)
    assert exited.value.code == 73 and "cannot write next to the database" in capsys.readouterr().err


def run_record(db_path, **stats):
    from crawler.extensions import RunRecord

    crawler = a_crawler(db_path, TEMPLATE_DRIFT_SHARE=0.2)
    record = RunRecord.from_crawler(crawler)
    spider = a_spider()
    crawler.signals.send_catch_log(signals.spider_opened, spider=spider)
    for key, value in stats.items():
        crawler.stats.set_value(key.replace("__", "/"), value)
    return crawler, record, spider


def test_a_run_is_recorded_when_it_opens_and_completed_from_its_stats_when_it_closes(db_path, caplog):
    crawler, record, spider = run_record(db_path, parknews__listing_pages=3, parknews__articles__new=4)
    run = rows(db_path, "SELECT * FROM crawl_runs")[0]
    assert (run["mode"], run["portal"], run["finished_at"]) == ("full", PORTAL, None)
    assert crawler.stats.get_value("parknews/run_id") == run["id"] == record.run_id
    with caplog.at_level(logging.INFO):
        crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    run = rows(db_path, "SELECT * FROM crawl_runs")[0]
    assert (run["finish_reason"], run["listing_pages"], run["articles_new"]) == ("finished", 3, 4)
    assert run["finished_at"] is not None
    assert f"parknews: run {run['id']} (full, zhongnangaoke): finished, 4 new" in caplog.text
    assert "no listing page could be read" not in caplog.text
    assert crawler.stats.get_value("parknews/peak_memory_bytes") > 10 * 2**20


def test_a_run_with_articles_left_unsaved_is_recorded_as_a_storage_failure(db_path):
    crawler, record, spider = run_record(db_path, parknews__listing_pages=1, parknews__articles__unsaved=5)
    crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    assert rows(db_path, "SELECT finish_reason FROM crawl_runs")[0][0] == "storage_failed"


def test_a_finished_run_that_read_no_listing_says_why_in_its_log(db_path, caplog):
    crawler, record, spider = run_record(db_path, parknews__listing_failure="HTTP 503 on the front page")
    with caplog.at_level(logging.ERROR):
        crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    assert "parknews: no listing page could be read: HTTP 503 on the front page" in caplog.text
    caplog.clear()
    crawler, record, spider = run_record(db_path)
    with caplog.at_level(logging.ERROR):
        crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    assert "the site answered nothing the portal recognises as a listing" in caplog.text
    caplog.clear()
    crawler, record, spider = run_record(db_path)
    with caplog.at_level(logging.ERROR):
        crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="shutdown")
    assert "no listing page" not in caplog.text       # a run stopped by hand says so by its reason


@pytest.mark.parametrize("expects_theme, drift", [(True, 1), (False, 0)])
def test_template_drift_is_judged_only_for_a_portal_that_expects_its_theme(db_path, expects_theme, drift):
    crawler, record, spider = run_record(db_path, parknews__listing_pages=1, parknews__articles__new=10,
                                         parknews__extraction__generic=3)
    spider.portal.expects_theme = expects_theme
    crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    assert rows(db_path, "SELECT template_drift FROM crawl_runs")[0][0] == drift


def test_a_run_record_that_cannot_be_completed_is_logged_not_raised(db_path, caplog, monkeypatch):
    import crawler.extensions

    crawler_, record, spider = run_record(db_path, parknews__listing_pages=1)

    def refused(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(crawler.extensions.storage, "close_run", refused)
    with caplog.at_level(logging.INFO):
        record.spider_closed(spider, "finished")
    assert f"Could not record the end of run {record.run_id}: disk I/O error" in caplog.text
    assert "parknews: run" in caplog.text          # the summary line is still written


def test_network_failures_are_logged_in_one_line_and_other_errors_keep_their_traceback():
    from twisted.internet.error import ConnectionRefusedError as Refused
    from twisted.internet.error import DNSLookupError

    from crawler.extensions import NetworkErrorsInOneLine

    def record(error):
        try:
            raise error
        except Exception:
            import sys
            return logging.LogRecord("scrapy.core.scraper", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())

    one_line = NetworkErrorsInOneLine()
    dns = record(DNSLookupError("no such host"))
    assert one_line.filter(dns) and dns.exc_info is None and dns.exc_text is None
    wrapped = RuntimeError("download failed")
    wrapped.__cause__ = Refused()
    chained = record(wrapped)
    assert one_line.filter(chained) and chained.exc_info is None
    bug = record(KeyError("title"))
    assert one_line.filter(bug) and bug.exc_info is not None
    plain = logging.LogRecord("x", logging.INFO, __file__, 1, "msg", None, None)
    assert one_line.filter(plain)


def test_each_portal_has_its_own_lock_beside_the_database_naming_its_holder(db_path, tmp_path):
    import os

    from crawler import locks

    first = locks.acquire(db_path, "zhongnangaoke")
    other = locks.acquire(db_path, "zblog:example.com:8080/blog")        # another portal: its own lock
    assert locks.lock_path(db_path, "zblog:example.com:8080/blog").name == "news.db.zblog_example.com_8080_blog.lock"
    assert locks.lock_path(db_path, "zhongnangaoke").read_text() == str(os.getpid())
    with pytest.raises(locks.LockedError) as held:
        locks.acquire(db_path, "zhongnangaoke")
    assert held.value.holder == str(os.getpid()) and f"another run (pid {os.getpid()}) is writing" in str(held.value)
    first.close()
    other.close()
    locks.acquire(db_path, "zhongnangaoke").close()                    # released with its file

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    locks.lock_path(tmp_path / "other.db", "zhongnangaoke").symlink_to(victim)
    with pytest.raises(OSError):
        locks.acquire(tmp_path / "other.db", "zhongnangaoke")
    assert victim.read_text() == "keep me"


def test_a_database_in_folders_that_do_not_exist_yet_gets_them(tmp_path):
    from crawler import locks, storage

    locks.acquire(tmp_path / "a" / "b" / "news.db", "zhongnangaoke").close()
    assert (tmp_path / "a" / "b").is_dir()
    storage.open_for_writing(tmp_path / "c" / "d" / "news.db", min_free_bytes=0).conn.close()
    assert (tmp_path / "c" / "d" / "news.db").is_file()


# --- flush: what it writes together and what it reports ------------------------------------------------------------


def observation(views: int) -> ListingObservation:
    return ListingObservation(portal=PORTAL, post_id=1, url="http://site.test/post/1.html", views=views,
                              observed_at="2024-07-06T00:00:00+08:00")


def test_a_flush_writes_articles_and_view_counts_together_and_says_nothing_is_left(store, db_path):
    assert store.flush() is True                       # nothing pending
    store.process_item(observation(70))
    store.process_item(article(1))
    store.process_item(article(2))                     # a batch: articles and the waiting count go together
    assert stored_ids(db_path) == [1, 2]
    assert rows(db_path, "SELECT views FROM article_stats WHERE views = 70")
    store.process_item(article(3, views=2**64))        # one that SQLite refuses, written alone and rejected
    store.process_item(observation(80))
    assert store.flush() is True and store.pending == [] and store.observations == []
    assert rows(db_path, "SELECT views FROM article_stats WHERE views = 80")
    store.close_spider()


def test_a_flush_the_database_refuses_says_so_and_keeps_everything(store, db_path):
    other = hold_write_lock(db_path)
    store.rejects.append({"url": "u", "reason": "r", "run_id": None})
    assert store.flush() is False                      # the rejects wait
    store.rejects.clear()
    store.pending.append((dict(article(1)), page(1)))
    assert store.flush() is False and len(store.pending) == 1
    store.pending.clear()
    store.observations.append(dict(observation(90)))
    assert store.flush() is False and store.observations
    other.execute("ROLLBACK")
    other.close()
    assert store.flush() is True
    store.close_spider()


def test_a_database_that_locks_while_articles_are_written_one_by_one_loses_none(store, db_path, monkeypatch):
    real_write, calls = store._write, []

    def write(entries):
        calls.append(len(entries))
        if len(calls) == 1:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")   # one article's fault …
        raise sqlite3.OperationalError("database is locked")                           # … then the database's

    monkeypatch.setattr(store, "_write", write)
    store.pending.extend([(dict(article(1)), page(1)), (dict(article(2)), page(2))])
    assert store.flush() is False
    assert calls == [2, 1] and len(store.pending) == 2 and store.stats.get_value("parknews/storage_retries") == 1
    monkeypatch.setattr(store, "_write", real_write)
    assert store.flush() is True
    store.close_spider()
    assert stored_ids(db_path) == [1, 2]


def test_a_reject_the_database_refuses_to_record_keeps_its_article_pending(store, db_path, monkeypatch):
    from crawler import storage

    real = storage.record_reject

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    store.pending.append((dict(article(1, views=2**64)), {**page(1), "url": "https://site.test/post/1.html"}))
    monkeypatch.setattr(storage, "record_reject", locked)
    assert store.flush() is False and len(store.pending) == 1
    assert rows(db_path, "SELECT count(*) FROM rejects")[0][0] == 0
    monkeypatch.setattr(storage, "record_reject", real)
    assert store.flush() is True
    store.close_spider()
    # recorded once, under the article's own URL (the page is where the fetch landed)
    assert [tuple(r) for r in rows(db_path, "SELECT url, kind FROM rejects")] == [("http://site.test/post/1.html", "storage")]


# --- how the pipelines are built -----------------------------------------------------------------------------------


def test_re_extraction_runs_every_pipeline_but_the_store_in_the_crawl_s_order():
    from crawler.offline import Reextractor

    assert [type(p) for p in Reextractor(get_portal(PORTAL)).pipelines] == \
        [CleanBodyPipeline, PublishedDatePipeline, ValidatePipeline, FactsPipeline]


def test_a_pipeline_built_for_a_crawl_takes_the_spider_s_portal_and_the_crawl_s_stats_and_settings(db_path):
    crawler = a_crawler(db_path)
    crawler.spider = SimpleNamespace(portal=get_portal(PORTAL))
    pipeline = CleanBodyPipeline.from_crawler(crawler)
    assert (pipeline.portal, pipeline.stats, pipeline.settings) == (crawler.spider.portal, crawler.stats,
                                                                    crawler.settings)


# --- the guard's free-space check and the progress line ---------------------------------------------------------


def test_the_guard_refuses_a_disk_with_less_free_space_than_configured(db_path, capsys):
    import shutil

    from crawler.extensions import CrawlGuard

    free_mb = shutil.disk_usage(db_path.parent).free / 2**20
    crawler = a_crawler(db_path, SQLITE_MIN_FREE_MB=2 * free_mb)
    crawler.spider = a_spider()
    with pytest.raises(SystemExit) as exited:
        CrawlGuard.from_crawler(crawler)
    assert exited.value.code == 73 and "MiB free next to" in capsys.readouterr().err
    crawler = a_crawler(db_path.with_name("roomy.db"), SQLITE_MIN_FREE_MB=free_mb / 4)
    crawler.spider = a_spider()
    CrawlGuard.from_crawler(crawler).lock.close()


class Loop:
    """Stands for Twisted's looping call: started and stopped, never run by a reactor."""

    def __init__(self, func, *args):
        self.running = False

    def start(self, interval, now=True):
        self.running = True

    def stop(self):
        self.running = False


@pytest.mark.parametrize("interval, expected", [(0, 60.0), (30, 30.0)])
def test_the_progress_line_comes_every_minute_unless_configured(db_path, interval, expected):
    from crawler.extensions import ProgressLog

    crawler = a_crawler(db_path, LOGSTATS_INTERVAL=interval)
    assert ProgressLog.from_crawler(crawler).interval == expected


def progress_log(db_path, monkeypatch, terminal: bool, **settings):
    import crawler.extensions
    import scrapy.extensions.logstats

    monkeypatch.setattr(crawler.extensions, "on_terminal", lambda: terminal)
    monkeypatch.setattr(crawler.extensions, "create_looping_call", Loop)
    monkeypatch.setattr(scrapy.extensions.logstats, "create_looping_call", Loop)
    return crawler.extensions.ProgressLog.from_crawler(a_crawler(db_path, **settings))


def test_a_bar_is_drawn_only_on_a_terminal_without_a_log_file(db_path, monkeypatch):
    spider = SimpleNamespace(since=None)
    log = progress_log(db_path, monkeypatch, terminal=False)
    log.spider_opened(spider)
    assert log.bar is None
    log = progress_log(db_path, monkeypatch, terminal=True, LOG_FILE="crawl.log")
    log.spider_opened(spider)
    assert log.bar is None
    log = progress_log(db_path, monkeypatch, terminal=True)
    log.spider_opened(spider)
    assert log.bar is not None
    log.spider_closed(spider, "finished")


def test_a_backfill_s_bar_shows_the_share_of_the_range_walked_and_is_full_when_it_finishes(db_path, monkeypatch,
                                                                                         capsys):
    spider = SimpleNamespace(since="2024-01-01", backfill_progress=lambda: 0.426)
    log = progress_log(db_path, monkeypatch, terminal=True)
    log.stats.set_value("parknews/articles/new", 5)
    log.spider_opened(spider)
    capsys.readouterr()
    log.refresh(spider)
    assert (log.bar.total, log.bar.n) == (100, 43)
    drawn = capsys.readouterr().err                      # the bar is drawn again with what changed
    assert "43%" in drawn and "5 new" in drawn
    log.spider_closed(spider, "finished")
    assert log.bar.n == 100
    stopped = progress_log(db_path, monkeypatch, terminal=True)
    stopped.spider_opened(spider)
    stopped.spider_closed(spider, "shutdown")
    assert stopped.bar.n == 43                           # stopped by hand: the walk is not complete


def test_an_ordinary_crawl_s_bar_counts_the_articles_stored(db_path, monkeypatch):
    spider = SimpleNamespace(since=None)
    log = progress_log(db_path, monkeypatch, terminal=True)
    for kind, count in (("new", 2), ("updated", 3), ("unchanged", 4)):
        log.stats.set_value(f"parknews/articles/{kind}", count)
    log.spider_opened(spider)
    log.refresh(spider)
    assert (log.bar.total, log.bar.n) == (None, 9)
    log.spider_closed(spider, "finished")
    assert log.bar.n == 9


def test_network_errors_are_quieted_on_the_loggers_of_scrapy_s_download_components():
    import logging as logging_

    from crawler.extensions import NetworkErrorsInOneLine, QuietNetworkErrors

    quiet = QuietNetworkErrors.from_crawler(SimpleNamespace(settings=Settings()))
    try:
        for name in QuietNetworkErrors.LOGGERS:
            assert quiet.filter in logging_.getLogger(name).filters
        assert isinstance(quiet.filter, NetworkErrorsInOneLine)
    finally:
        for name in QuietNetworkErrors.LOGGERS:
            logging_.getLogger(name).removeFilter(quiet.filter)
