"""Story clusters: republished copies of an article share a story, different news does not, stories
grow incrementally, and the analysts' views count a story once."""

from __future__ import annotations

import json
from pathlib import Path

import zlib

import pytest

from crawler import storage
from crawler.facts import extract
from crawler.facts import stories
from crawler.facts.store import assign_stories, create_fact_tables, replace_facts

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
SEED_TITLE, SEED_BODY = (FIXTURES / "article_9821.txt").read_text(encoding="utf-8").split("\n\n", 1)
OTHERS = json.loads((FIXTURES / "stories.json").read_text(encoding="utf-8"))


def republished(body: str) -> str:
    """The article as another site carries it: its header and footer, full-width punctuation,
    the last paragraph trimmed."""
    paragraphs = body.splitlines()
    text = "\n".join(paragraphs[:-1]).replace(",", "，").replace(":", "：").replace("(", "（").replace(")", "）")
    return "来源：搜狐网\n原标题：" + SEED_TITLE + "\n" + text + "\n返回搜狐，查看更多\n责任编辑：王某"


@pytest.fixture
def db(tmp_path):
    database = storage.connect(tmp_path / "news.db")
    create_fact_tables(database)
    yield database
    database.conn.close()


def add(db, articles: dict[str, tuple[str, str, str]], threshold: float = stories.THRESHOLD) -> dict[str, int]:
    """Store articles (url → title, body, published_at), their facts and their stories, as a crawl would."""
    storage.upsert_articles(db, [{"url": url, "portal": "test", "post_id": zlib.crc32(url.encode()) + 1,
                                  "title": title, "body_text": body, "published_at": published}
                                 for url, (title, body, published) in articles.items()])
    with storage.write_transaction(db) as conn:
        for url, (title, body, _) in articles.items():
            replace_facts(conn, url, extract(title, body))
        return assign_stories(conn, list(articles), threshold=threshold)


def test_similarity_of_a_copy_and_of_different_news():
    original = stories.signature(SEED_BODY)
    assert original.similarity(stories.signature(republished(SEED_BODY))) >= stories.THRESHOLD
    for other in OTHERS.values():
        assert original.similarity(stories.signature(other["body"])) < 0.1
    assert stories.signature("太短的正文") is None


def test_republished_copies_share_a_story_and_different_news_does_not(db):
    assigned = add(db, {
        "https://portal.test/post/1.html": (SEED_TITLE, SEED_BODY, "2022-07-05T10:00:00+08:00"),
        "https://portal.test/post/2.html": (SEED_TITLE, republished(SEED_BODY), "2022-07-06T09:00:00+08:00"),
        "https://portal.test/post/3.html": (OTHERS["changzhi"]["title"], OTHERS["changzhi"]["body"],
                                            "2022-07-06T10:00:00+08:00"),
        "https://portal.test/post/4.html": (OTHERS["yulin"]["title"], OTHERS["yulin"]["body"],
                                            "2022-07-07T10:00:00+08:00"),
    })
    assert assigned["https://portal.test/post/1.html"] == assigned["https://portal.test/post/2.html"]
    assert len(set(assigned.values())) == 3


def test_a_later_crawl_adds_a_copy_to_the_existing_story_without_reassigning_the_others(db):
    first = add(db, {"https://portal.test/post/1.html": (SEED_TITLE, SEED_BODY, "2022-07-05T10:00:00+08:00"),
                     "https://portal.test/post/3.html": (OTHERS["changzhi"]["title"], OTHERS["changzhi"]["body"],
                                                         "2022-07-06T10:00:00+08:00")})
    before = db.execute("SELECT url, id, story_id, assigned_at FROM story_members ORDER BY url").fetchall()
    later = add(db, {"https://portal.test/post/9.html": (SEED_TITLE, republished(SEED_BODY),
                                                         "2022-07-09T10:00:00+08:00")})
    assert later["https://portal.test/post/9.html"] == first["https://portal.test/post/1.html"]
    after = db.execute("SELECT url, id, story_id, assigned_at FROM story_members ORDER BY url").fetchall()
    assert [row for row in after if row[0] != "https://portal.test/post/9.html"] == before  # left as they were
    bands, _ = stories.band_shape()
    assert db.execute("SELECT count(*) FROM story_bands").fetchone()[0] == 3 * bands


def test_an_article_bridging_two_stories_merges_them_into_the_older(db):
    # a and c share nothing; b shares a third of the seed with a and its last third with c
    # (MinHash estimates 0.28 and 0.52, so a threshold of 0.15, two rows per band, joins b to both).
    paragraphs = SEED_BODY.splitlines()
    third = len(paragraphs) // 3
    head, middle, tail = (paragraphs[:third], paragraphs[third:2 * third], paragraphs[2 * third:])
    a = add(db, {"a": ("", "\n".join(head + middle), "2022-07-05T10:00:00+08:00")}, threshold=0.15)["a"]
    c = add(db, {"c": ("", "\n".join(tail + [OTHERS["yulin"]["body"]]), "2022-07-06T10:00:00+08:00")},
            threshold=0.15)["c"]
    assert a < c
    add(db, {"b": ("", "\n".join(middle + tail), "2022-07-07T10:00:00+08:00")}, threshold=0.15)
    assert dict(db.execute("SELECT url, story_id FROM story_members").fetchall()) == {"a": a, "b": a, "c": a}


def test_a_merge_later_in_the_same_batch_is_what_the_batch_returns(db):
    paragraphs = SEED_BODY.splitlines()
    third = len(paragraphs) // 3
    head, middle, tail = (paragraphs[:third], paragraphs[third:2 * third], paragraphs[2 * third:])
    assigned = add(db, {"a": ("", "\n".join(head + middle), "2022-07-05T10:00:00+08:00"),
                        "c": ("", "\n".join(tail + [OTHERS["yulin"]["body"]]), "2022-07-06T10:00:00+08:00"),
                        "b": ("", "\n".join(middle + tail), "2022-07-07T10:00:00+08:00")}, threshold=0.15)
    assert assigned == dict(db.execute("SELECT url, story_id FROM story_members").fetchall())
    assert len(set(assigned.values())) == 1


def test_a_deleted_copy_leaves_its_story_s_size(db):
    add(db, {"https://portal.test/post/1.html": (SEED_TITLE, SEED_BODY, "2022-07-05T10:00:00+08:00"),
             "https://portal.test/post/2.html": (SEED_TITLE, republished(SEED_BODY), "2022-07-06T09:00:00+08:00")})

    def sizes():
        return dict(db.execute("SELECT url, story_size FROM article_stories").fetchall())

    assert set(sizes().values()) == {2}
    assert storage.mark_gone(db, "test", zlib.crc32(b"https://portal.test/post/2.html") + 1)
    assert sizes() == {"https://portal.test/post/1.html": 1}
    assert db.execute("SELECT url, story_size FROM story_representatives").fetchall() == [
        ("https://portal.test/post/1.html", 1)]


def test_a_schema_7_database_gets_the_live_story_size_when_migrated(tmp_path):
    """Schema 7 counted deleted copies in story_size; migration 8 recreates the views."""
    db = storage.connect(tmp_path / "old.db", migrate_schema=False)
    storage.migrate(db, target=7)
    db.execute("DROP VIEW article_stories")
    db.execute("CREATE VIEW article_stories AS SELECT a.url, COALESCE(s.story_id, -a.rowid) AS story_id,"
               " a.published_at, a.title, (SELECT count(*) FROM story_members m WHERE m.story_id = s.story_id)"
               " AS story_size FROM articles a LEFT JOIN story_members s ON s.url = a.url WHERE a.deleted_at IS NULL")
    add(db, {"x": (SEED_TITLE, SEED_BODY, "2022-07-05T10:00:00+08:00"),
             "y": (SEED_TITLE, republished(SEED_BODY), "2022-07-06T09:00:00+08:00")})
    assert storage.mark_gone(db, "test", zlib.crc32(b"y") + 1)
    assert db.execute("SELECT story_size FROM article_stories").fetchall() == [(2,)]
    assert storage.migrate(db) == storage.SCHEMA_VERSION
    assert db.execute("SELECT story_size FROM article_stories").fetchall() == [(1,)]
    db.conn.close()


def test_a_changed_body_is_assigned_again(db):
    add(db, {"x": (SEED_TITLE, SEED_BODY, "2022-07-05T10:00:00+08:00"),
             "y": (OTHERS["changzhi"]["title"], OTHERS["changzhi"]["body"], "2022-07-06T10:00:00+08:00")})
    story_of_x = db.execute("SELECT story_id FROM story_members WHERE url = 'x'").fetchone()[0]
    moved = add(db, {"y": (SEED_TITLE, republished(SEED_BODY), "2022-07-06T10:00:00+08:00")})
    assert moved["y"] == story_of_x


def test_views_count_a_republished_story_once(db):
    add(db, {
        "https://portal.test/post/1.html": (SEED_TITLE, SEED_BODY, "2022-07-05T10:00:00+08:00"),
        "https://portal.test/post/2.html": (SEED_TITLE, republished(SEED_BODY), "2022-07-06T09:00:00+08:00"),
        "https://portal.test/post/3.html": (OTHERS["changzhi"]["title"], OTHERS["changzhi"]["body"],
                                            "2022-07-06T10:00:00+08:00"),
    })
    rows = {(r[0], r[1], r[2]): r[3] for r in db.execute(
        "SELECT month, province, stage, projects FROM projects_per_stage_month_province")}
    assert rows[("2022-07", "山西省", "签约")] == 321 + 32  # 9821 once (its largest 签约 count), 长治 once
    assert rows[("2022-07", "山西省", "开工")] == 302 + 48
    investment = db.execute("SELECT sum(amount_yi_yuan), sum(stories) FROM investment_per_month_province_industry"
                            " WHERE industry = '新能源产业'").fetchone()
    assert investment == (247.98, 1)
    zones = {r[0]: (r[1], r[2]) for r in db.execute("SELECT zone, stories, articles FROM top_zones")}
    assert zones["山西综改示范区"] == (1, 2)
    linked = db.execute("SELECT span, url, story_representative FROM facts_in_articles"
                        " WHERE kind = 'project_count' AND value = 321 ORDER BY url").fetchall()
    assert [row[1:] for row in linked] == [("https://portal.test/post/1.html", 1),
                                           ("https://portal.test/post/2.html", 0)]
    regions = dict(db.execute("SELECT url, city FROM article_regions"))
    assert regions["https://portal.test/post/3.html"] == "长治市"
