"""Facts and stories as stored, and their recomputation: what the report and the recorded run say, the
flags kept on fact rows, where story similarity and shingle counts draw their lines, and the LSH bands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from crawler import storage
from crawler.facts import EXTRACTOR_VERSION, extract
from crawler.facts import stories
from crawler.facts.recompute import EXAMPLES, Changes, recompute
from crawler.facts.store import assign_stories, replace_facts, stored_facts, write_articles

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
SEED_TITLE, SEED_BODY = (FIXTURES / "article_9821.txt").read_text(encoding="utf-8").split("\n\n", 1)
PARAGRAPHS = SEED_BODY.splitlines()

FIVE_STAGES = "签约项目5个、开工项目6个、投产项目7个、竣工项目8个、落地项目9个。"
APPROXIMATE = "总投资约10亿元的项目。"
DISTINCT = "".join(chr(0x4E00 + k) for k in range(40))  # 40 different ideographs: n of them give n - 4 shingles


def article(url: str, title: str, body: str, post_id: int) -> dict:
    return {"url": url, "portal": "test", "post_id": post_id, "title": title, "body_text": body,
            "published_at": "2022-07-05T10:00:00+08:00"}


@pytest.fixture
def path(tmp_path):
    return tmp_path / "news.db"


def store(path, articles: dict[str, tuple[str, str]]) -> None:
    """Articles (url → title, body) stored as an older crawl left them: no facts, no stories yet."""
    db = storage.connect(path)
    storage.upsert_articles(db, [article(url, title, body, index + 1)
                                 for index, (url, (title, body)) in enumerate(articles.items())])
    db.conn.close()


def set_body(path, url: str, body: str) -> None:
    db = storage.connect(path)
    db.execute("UPDATE articles SET body_text = ? WHERE url = ?", (body, url))
    db.conn.commit()
    db.conn.close()


# --- recomputation: what changed, the report, the recorded run


def test_a_recompute_counts_the_articles_it_changed_and_a_second_run_finds_nothing_to_do(path):
    store(path, {"u1": ("长治市签约项目3个", FIVE_STAGES), "u2": (SEED_TITLE, SEED_BODY)})

    first = recompute(path)
    assert (first.articles, first.articles_changed, first.stories_reassigned) == (2, 2, 2)

    again = recompute(path)
    assert (again.articles, again.articles_changed, again.stories_reassigned) == (2, 0, 0)
    assert "2 articles, 0 with changed facts; 0 articles (re)assigned to stories" in again.report()

    set_body(path, "u2", "共签约项目33个。")
    changed = recompute(path)
    assert (changed.articles_changed, changed.stories_reassigned) == (1, 1)


def test_a_recompute_stores_the_facts_of_the_title_too(path):
    store(path, {"u1": ("长治市签约项目3个", FIVE_STAGES)})
    recompute(path)
    db = storage.connect(path)
    in_title = db.execute("SELECT kind, value, span FROM facts WHERE url = 'u1' AND field = 'title'"
                          " ORDER BY span_start").fetchall()
    db.conn.close()
    assert in_title == [("city", "长治市", "长治市"), ("project_count", 3, "签约项目3个")]


def test_the_report_shows_the_first_EXAMPLES_changes_per_kind_in_text_order(path):
    store(path, {"u1": ("", FIVE_STAGES)})
    changes = recompute(path, dry_run=True)
    assert changes.counts["project_count"]["added"] == 5 > EXAMPLES
    shown = [line for line in changes.report().splitlines() if line.startswith("    added: u1 body_text[")]
    assert shown == ["    added: u1 body_text[0:6] '签约项目5个' → 5 个 签约",
                     "    added: u1 body_text[7:13] '开工项目6个' → 6 个 开工",
                     "    added: u1 body_text[14:20] '投产项目7个' → 7 个 投产"][:EXAMPLES]


def test_a_change_of_flags_alone_is_reported_with_the_flags_and_what_was_stored(path):
    store(path, {"u1": ("", APPROXIMATE)})
    db = storage.connect(path)
    (fact,) = [fact.as_dict() for fact in extract("", APPROXIMATE)]
    assert fact["flags"] == ["approximate"]
    with storage.write_transaction(db) as conn:
        replace_facts(conn, "u1", [dict(fact, flags=[])])   # as an extractor that did not flag it stored it
    db.conn.close()

    changes = recompute(path, dry_run=True)
    assert changes.articles_changed == 1
    assert dict(changes.counts["investment"]) == {"changed": 1}
    assert ("    changed: u1 body_text[0:8] '总投资约10亿元' → 10.0 亿元 flags=approximate (was 10.0 亿元)"
            in changes.report().splitlines())


def test_adding_an_articles_facts_to_the_changes_says_whether_they_differ():
    facts = [fact.as_dict() for fact in extract("", FIVE_STAGES)]
    changes = Changes()
    assert changes.add("u1", facts, facts) is False
    assert changes.add("u2", facts, facts[:-1]) is True
    assert (changes.articles, changes.articles_changed) == (2, 1)


def test_the_recorded_run_holds_the_summary_as_json(path):
    store(path, {"u1": ("长治市签约项目3个", FIVE_STAGES), "u2": ("", APPROXIMATE)})
    changes = recompute(path)
    db = storage.connect(path)
    mode, reason, updated, stats = db.execute(
        "SELECT mode, finish_reason, articles_updated, stats FROM crawl_runs").fetchone()
    db.conn.close()
    assert (mode, reason, updated) == ("facts", "finished", 2)
    assert json.loads(stats) == changes.summary() == {
        "articles": 2, "articles_changed": 2, "stories_reassigned": 2, "extractor_version": EXTRACTOR_VERSION,
        "facts": {"project_count": {"added": 6}, "investment": {"added": 1}, "city": {"added": 1}}}


# --- fact rows


def test_flags_are_stored_on_fact_rows_and_read_back(path):
    text = "单体总投资10亿元以上的项目17个。总投资约3至5亿元。雄狮项目总投资10亿美元。"
    store(path, {"u1": ("", text)})
    facts = extract("", text)
    db = storage.connect(path)
    with storage.write_transaction(db) as conn:
        assert replace_facts(conn, "u1", facts) == len(facts)
    flags = {row[0] for row in db.execute("SELECT flags FROM facts WHERE kind = 'investment'")}
    assert "foreign_currency" in flags and any("threshold" in value for value in flags)
    assert stored_facts(db.conn, "u1") == [fact.as_dict() for fact in facts]
    db.conn.close()


def test_writing_articles_returns_what_the_upsert_did(path):
    db = storage.connect(path)
    items = [dict(article("u1", "", FIVE_STAGES, 1), facts=extract("", FIVE_STAGES)),
             dict(article("u2", "", APPROXIMATE, 2), facts=extract("", APPROXIMATE))]
    assert write_articles(db, items) == {"new": 2}
    items[1] = dict(article("u2", "", "共签约项目33个。", 2), facts=extract("", "共签约项目33个。"))
    assert write_articles(db, items) == {"unchanged": 1, "updated": 1}
    db.conn.close()


# --- story similarity


@pytest.fixture
def db(path):
    database = storage.connect(path)
    yield database
    database.conn.close()


def assign(db, bodies: dict[str, str], threshold: float = stories.THRESHOLD) -> dict[str, int]:
    storage.upsert_articles(db, [article(url, "", body, index + 1) for index, (url, body) in enumerate(bodies.items())])
    with storage.write_transaction(db) as conn:
        return assign_stories(conn, list(bodies), threshold=threshold)


def shared_bands(first: str, second: str, threshold: float) -> set[int]:
    return (set(stories.band_keys(stories.signature(first), threshold))
            & set(stories.band_keys(stories.signature(second), threshold)))


def test_an_article_exactly_as_similar_as_the_threshold_joins_the_story(db):
    copy = "\n".join(PARAGRAPHS[6:])   # the seed without its first paragraphs: 96 of 128 MinHash values agree
    assert stories.signature(SEED_BODY).similarity(stories.signature(copy)) == 0.75
    assert shared_bands(SEED_BODY, copy, 0.75)   # a candidate: the similarity decides
    assigned = assign(db, {"a": SEED_BODY, "b": copy}, threshold=0.75)
    assert assigned["a"] == assigned["b"]


def test_a_candidate_sharing_a_band_but_below_the_threshold_is_a_story_of_its_own(db):
    shorter = "\n".join(PARAGRAPHS[:-8])   # the seed's first ten paragraphs: 0.45 similar
    assert stories.signature(SEED_BODY).similarity(stories.signature(shorter)) < stories.THRESHOLD
    assert shared_bands(SEED_BODY, shorter, stories.THRESHOLD)
    assigned = assign(db, {"a": SEED_BODY, "b": shorter})
    assert assigned["a"] != assigned["b"]


# --- shingles and signatures


def test_shingles_are_every_five_letters_of_the_content_to_the_last():
    assert stories.shingles("一二三四五，六七") == {"一二三四五", "二三四五六", "三四五六七"}
    assert stories.shingles("一二三四") == set()


def test_a_body_of_exactly_the_minimum_shingles_is_compared_and_one_shorter_is_not(db):
    at_minimum = DISTINCT[:stories.MIN_SHINGLES + stories.SHINGLE - 1]
    assert len(stories.shingles(at_minimum)) == stories.MIN_SHINGLES
    assert stories.signature(at_minimum) is not None
    assert stories.signature(at_minimum[:-1]) is None
    assigned = assign(db, {"a": at_minimum, "b": at_minimum + "。", "c": at_minimum[:-1], "d": at_minimum[:-1] + "。"})
    assert assigned["a"] == assigned["b"]
    assert assigned["c"] != assigned["d"]   # too short to compare: each its own story


# --- LSH bands


def exact_errors(threshold: float, num_perm: int = stories.NUM_PERM, steps: int = 20000) -> dict[tuple, float]:
    """Each (bands, rows)'s summed probability of missing a pair above the threshold and of proposing one
    below it, integrated far more finely than band_shape needs to."""
    s = (np.arange(steps) + 0.5) / steps
    rows = np.arange(1, num_perm + 1)[:, None]
    bands = num_perm // rows
    below, above = s * threshold, threshold + s * (1 - threshold)
    false_positive = (1 - (1 - below ** rows) ** bands).mean(axis=1) * threshold
    false_negative = ((1 - above ** rows) ** bands).mean(axis=1) * (1 - threshold)
    return {(int(b), int(r)): float(e) for b, r, e in zip(bands[:, 0], rows[:, 0], false_positive + false_negative)}


@pytest.mark.parametrize("threshold", [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97, 0.99])
def test_the_band_shape_has_the_least_error_of_all_shapes(threshold):
    errors = exact_errors(threshold)
    shape = stories.band_shape(threshold)
    assert shape in errors
    assert errors[shape] <= min(errors.values()) * 1.001


def test_each_band_key_hashes_its_own_band_of_the_signature():
    bands, rows = stories.band_shape()
    values = np.arange(stories.NUM_PERM, dtype=np.uint32) * 7919
    changed = values.copy()
    changed[3 * rows:4 * rows] += 1   # the fourth band only
    keys = stories.band_keys(stories.Signature(values))
    other = stories.band_keys(stories.Signature(changed))
    assert len(keys) == len(set(keys)) == bands
    assert [index for index, (key, changed_key) in enumerate(zip(keys, other)) if key != changed_key] == [3]
