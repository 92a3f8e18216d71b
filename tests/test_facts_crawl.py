"""Facts through a real crawl: article 9821's projects, money, places and zones land in the database with
their spans, and its republished copies form one story that the analysts' views count once."""

from tests.conftest import rows, run_crawl
from tests.replica.site import COPIES_OF_9821


def test_article_9821_facts_through_a_real_crawl(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    url = f"{replica.url}/index.php/post/9821.html"
    facts = rows(db_path, "SELECT f.*, a.title, a.body_text FROM facts f JOIN articles a ON a.url = f.url WHERE f.url = ?",
                 (url,))
    counts = {(f["stage"], f["value"]) for f in facts if f["kind"] == "project_count"}
    assert {("签约", 321), ("开工", 302), ("投产", 189), ("签约", 34), ("开工", 37), ("投产", 14)} <= counts
    assert {247.98, 123.52, 92.19, 32.27, 10.0} <= {f["value"] for f in facts if f["kind"] == "investment"}
    places = {(f["value"], f["code"]) for f in facts if f["kind"] in ("province", "city")}
    assert ("山西省", "140000") in places and ("太原市", "140100") in places
    assert {"山西综改示范区", "清徐经济开发区"} <= {f["value"] for f in facts if f["kind"] == "zone"}
    for fact in facts:     # every fact points at the exact text it came from
        text = fact["title"] if fact["field"] == "title" else fact["body_text"]
        assert text[fact["span_start"]:fact["span_end"]] == fact["span"], fact["span"]


def test_republished_copies_are_one_story_counted_once(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    story = {r["url"].rsplit("/", 1)[1]: r["story_id"] for r in rows(db_path, "SELECT url, story_id FROM story_members")}
    members = {"9821.html", *(f"{p}.html" for p in COPIES_OF_9821)}
    assert len({story[m] for m in members}) == 1
    assert [m for m, s in story.items() if s == story["9821.html"]] and \
        {m for m, s in story.items() if s == story["9821.html"]} == members      # nothing else joined it
    # three articles say 签约321个; the per-story view counts it once
    signed = rows(db_path, "SELECT projects, stories FROM projects_per_stage_month_province"
                           " WHERE month = '2022-07' AND province = '山西省' AND stage = '签约'")
    assert [tuple(r) for r in signed] == [(321, 1)]
