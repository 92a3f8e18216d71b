"""Fact extraction: the classes of phrasing that count or must not count, spans, the commands and the pipeline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crawler import storage
from crawler.facts import EXTRACTOR_VERSION, extract, to_schema
from crawler.facts.numerals import parse_number
from crawler.facts.store import create_fact_tables, replace_facts, stored_facts
from crawler.items import ArticleItem
from crawler.runs import Tally
from pipelines.facts import FactsPipeline
from tests.conftest import ROOT, offline_env
from tests.replica import article_9821

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
SEED_TITLE, SEED_BODY = (FIXTURES / "article_9821.txt").read_text(encoding="utf-8").split("\n\n", 1)
FULL_WIDTH_BODY = "\n".join(article_9821.PARAGRAPHS)


def spaced(text: str) -> str:
    """As sites that space out numbers print it: 签约 321 个, 总投资 247.98　亿元 (ideographic spaces too)."""
    text = re.sub(r"(?<=\d)(?=[\u4e00-\u9fff])", " ", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])(?=\d)", "\u3000", text)


def schema(text: str, title: str = "") -> dict:
    return to_schema(extract(title, text))


def counts(text: str) -> set[tuple[str, int]]:
    return {(item["stage"], item["count"]) for item in schema(text)["project_counts"]}


def amounts(text: str) -> set[float]:
    return {item["amount_yi_yuan"] for item in schema(text)["investments"]}


# --- article 9821, as captured (ASCII punctuation) and as the portal serves it (full-width)


@pytest.mark.parametrize("title, body", [(SEED_TITLE, SEED_BODY), (article_9821.TITLE, FULL_WIDTH_BODY),
                                         (spaced(SEED_TITLE), spaced(SEED_BODY))], ids=["ascii", "full-width", "spaced"])
def test_article_9821(title, body):
    facts = extract(title, body)
    shaped = to_schema(facts)
    found = {(item["stage"], item["count"]) for item in shaped["project_counts"]}
    assert {("签约", 321), ("开工", 302), ("投产", 189), ("签约", 34), ("开工", 37), ("投产", 14)} <= found
    assert {247.98, 123.52, 92.19, 32.27, 10.0} <= {item["amount_yi_yuan"] for item in shaped["investments"]}
    assert "山西省" in shaped["provinces"] and "太原市" in shaped["cities"]
    codes = {fact.value: fact.code for fact in facts if fact.kind in ("province", "city")}
    assert codes["山西省"] == "140000" and codes["太原市"] == "140100"
    assert {"山西综改示范区", "清徐经济开发区"} <= set(shaped["zones"])
    part = next(fact for fact in facts if fact.kind == "zone" and fact.value == "山西综改示范区")
    assert part.qualifier == "晋中片区"
    # 太原市85个项目集中签约开工投产: one verb for three stages is no count of any one of them
    assert ("签约", 85) not in found and ("投产", 85) not in found
    assert not any(item["count"] == 3 for item in shaped["project_counts"])  # “三个一批”


@pytest.mark.parametrize("title, body", [(SEED_TITLE, SEED_BODY), (article_9821.TITLE, FULL_WIDTH_BODY),
                                         (spaced(SEED_TITLE), spaced(SEED_BODY))], ids=["ascii", "full-width", "spaced"])
def test_every_span_is_the_text_at_its_offsets(title, body):
    facts = extract(title, body)
    assert {fact.kind for fact in facts} == {"project_count", "investment", "province", "city", "zone", "industry"}
    for fact in facts:
        text = title if fact.field == "title" else body
        assert text[fact.start:fact.end] == fact.span, fact


def test_full_width_digits_are_read_and_spans_keep_the_original_characters():
    text = "全市共签约项目３２１个，总投资１２３．５２亿元。"
    facts = extract("", text)
    assert {(f.kind, f.value) for f in facts if f.kind in ("project_count", "investment")} == {
        ("project_count", 321), ("investment", 123.52)}
    assert [f.span for f in facts if f.kind == "project_count"] == ["签约项目３２１个"]


# --- project counts


@pytest.mark.parametrize("text, expected", [
    ("签约321个、开工302个、投产189个!", {("签约", 321), ("开工", 302), ("投产", 189)}),
    ("总投资达71.73亿元的48个重点建设项目集中开工。", {("开工", 48)}),
    ("仪式上,共签约项目32个,签约资金125.5亿元。", {("签约", 32)}),
    ("本次签约项目数达到33个,总投资635亿元。", {("签约", 33)}),
    ("五个项目成功签约,投融资总额78.2亿元。", {("签约", 5)}),
    ("各县区共新开工项目56个。", {("开工", 56)}),
    ("16个项目进行了集中签约。", {("签约", 16)}),
    ("截至目前,新增签约项目共14个。", {("签约", 14)}),
    ("当天的开工项目有标准厂房、商业广场等11个,总投资25.7亿元。", {("开工", 11)}),
    ("其中续建项目34个,总投资413亿元。", {("续建", 34)}),
    ("在678个签约项目中,亿元以上项目607个。", {("签约", 678), ("签约", 607)}),
    # stages listed, then their numbers in the same order
    ("签约、开工和投产的重大项目分别达到321个、302个和189个。", {("签约", 321), ("开工", 302), ("投产", 189)}),
    ("签约、开工项目分别为32、20个。", {("签约", 32), ("开工", 20)}),
    ("签约、开工项目分别为32个。", set()),                        # one number for two stages: whose?
    ("签约、开工项目分别为32、20。", set()),                      # no classifier: no count of anything
    ("签约、开工项目分别为1个、2个。", {("签约", 1), ("开工", 2)}),
    ("签约、开工项目分别为0个、20个。", set()),                   # zero projects: not a count, and not half a list
    ("签约、开工项目分别为1.5个、2个。", set()),
    ("签约、开工、投产项目分别增长12%、20%和15%。", set()),
])
def test_project_counts_by_stage(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text", [
    "我省第八期“三个一批”项目建设活动启动。",           # an idiom, not three projects
    "持续推进三个一批项目建设。",                         # the same idiom without quotes
    "这是今年第3个签约项目。",                            # an ordinal
    "共设1个主会场和19个分会场。",                       # venues
    "签约超80个项目,200余个项目开工,数十个项目加快推进。",  # bounds and estimates
    "集中开工项目中近80%为产业类项目。",                  # a percentage
    "聚焦六大产业集群,推动13个优势产业延链补链。",         # not projects
    "这是一个大规模的农业观光项目。",                     # 一个项目: "a project"
    "项目签约3个月后开工,首期开工4个标段。",              # months and sections
])
def test_what_is_no_count(text):
    assert counts(text) == set()


def test_a_breakdown_without_a_stage_is_other_and_other_combined_verbs_too():
    shaped = schema("其中,基础设施类项目71个,总投资422亿元。太原市85个项目集中签约开工投产。")
    assert {(item["stage"], item["count"]) for item in shaped["project_counts"]} == {("其他", 71), ("其他", 85)}


# --- investments


@pytest.mark.parametrize("text, expected", [
    ("项目总投资5000万元。", {0.5}),
    ("此次集中开工的重大项目总投资1.8万亿元。", {18000.0}),
    ("计划总投资一百零五点六亿元。", {105.6}),
    ("投资额高达3922亿元。", {3922.0}),
    ("共集中签约项目678个、投资总额6178亿元。", {6178.0}),
    ("正式合同额达264.53亿元,到位资金73.18亿元。", {264.53, 73.18}),
    ("聊城开发区78.2亿总额招商项目签约", {78.2}),
    ("计划投资1,200万元。", {0.12}),
    ("这个项目投资10个亿。", {10.0}),
])
def test_investment_amounts_in_yi_yuan(text, expected):
    assert amounts(text) == expected


@pytest.mark.parametrize("text", [
    "建成后可实现年产值15亿元,上缴利税11亿元以上。",   # output and tax
    "从项目规模看,10亿元以上项目196个。",              # a class of projects
    "每个5亿元项目都由一位市级领导包保。",              # no investment word
    "每年消纳风电14.71亿千瓦时。",                      # not money
])
def test_what_is_no_investment(text):
    assert amounts(text) == set()


def test_thresholds_ranges_and_foreign_money_are_kept_flagged_never_counted():
    facts = extract("", "单体总投资10亿元以上的项目17个。总投资3至5亿元。雄狮项目总投资10亿美元。")
    flagged = {(f.value, f.unit, f.flags) for f in facts if f.kind == "investment"}
    assert (10.0, "亿元", ("bound", "threshold")) in flagged or (10.0, "亿元", ("threshold",)) in {
        (v, u, tuple(x for x in fl if x != "bound")) for v, u, fl in flagged}
    assert any(value == 5.0 and "range" in flags for value, _, flags in flagged)
    assert (10.0, "亿美元", ("foreign_currency",)) in flagged
    assert to_schema(facts)["investments"] == []


def test_approximate_amounts_are_flagged():
    shaped = schema("总投资约50亿元,签约额超264亿元。")
    assert [(item["amount_yi_yuan"], item["flags"]) for item in shaped["investments"]] == [
        (50.0, ["approximate"]), (264.0, ["bound"])]


def test_chinese_numerals_convert_only_the_numeral():
    assert float(parse_number("一百零五点六")) == pytest.approx(105.6)
    assert parse_number("两千三百") == 2300 and parse_number("十二") == 12 and parse_number("五") == 5
    assert parse_number("三五") is None and parse_number("百") is None
    assert parse_number("10,20") is None


# --- places


def test_jilin_city_and_province():
    assert schema("吉林市举行秋季重点项目集中开工活动,主会场设在吉林经开区。")["provinces"] == []
    assert schema("吉林市举行秋季重点项目集中开工活动")["cities"] == ["吉林市"]
    shaped = schema("吉林经开区新签约项目5个")
    assert shaped["cities"] == ["吉林市"] and shaped["provinces"] == []
    shaped = schema("吉林省长春市举行签约仪式,吉林一汽参加。")
    assert shaped["provinces"] == ["吉林省"] and shaped["cities"] == ["长春市"]


@pytest.mark.parametrize("text", [
    "加快京津冀协同发展,推动川渝合作,湘商回归。",    # abbreviations and their compounds
    "大力培育朝阳产业,北京市朝阳区",                   # 朝阳 the word, 朝阳区 a district (北京 still counts)
    "隆重庆祝建党100周年,长江西岸,太行山东麓。",       # words holding a place name
    "长沙县、通州区、仁怀市举行签约仪式",              # county-level units
    "与阿里巴巴合作,各位来宾,白银价格上涨",
    "大理市、和田市举行签约仪式",                       # county-level cities named after their prefecture
])
def test_words_that_are_no_provinces_or_cities(text):
    shaped = schema(text)
    assert shaped["cities"] == []
    assert shaped["provinces"] in ([], ["北京市"])


def test_places_inside_names_and_short_names():
    shaped = schema("四川日报讯 晋中、忻州两地与中国香港客商签约,河南天桥建设有限公司、内蒙企业投资。")
    assert set(shaped["provinces"]) == {"四川省", "香港特别行政区", "河南省", "内蒙古自治区"}
    assert shaped["cities"] == ["晋中市", "忻州市"]
    assert {p["name"]: p["code"] for p in shaped["places"]}["晋中市"] == "140700"


# --- zones


@pytest.mark.parametrize("text", ["山西综改示范区(晋中片区)主会场", "山西综改示范区（晋中片区）主会场"])
def test_zone_with_a_bracketed_part(text):
    zone = next(f for f in extract("", text) if f.kind == "zone")
    assert (zone.value, zone.qualifier, zone.span) == ("山西综改示范区", "晋中片区", text[:len(zone.span)])
    assert zone.span.endswith("片区)") or zone.span.endswith("片区）")


def test_zones_named_and_not():
    shaped = schema("集中开工仪式在榆横工业区举行。中北高新区战略性基础材料产业园二期、山西新能汇通双碳产业园、"
                    "清凉湾温泉康养小镇等项目开工。全省开发区要发挥作用,推动开发区高质量发展。"
                    "第二批14个特色产业园区和3个民营企业总部集聚区发布。25日上午聊城经济技术开发区签约。")
    assert shaped["zones"] == ["榆横工业区", "中北高新区", "聊城经济技术开发区"]


# --- industries


def test_industries_by_longest_keyword():
    facts = [f for f in extract("", "速豹新能源重卡项目和光伏项目,以及集成电路产业园") if f.kind == "industry"]
    assert {(f.value, f.span) for f in facts} == {
        ("新能源汽车产业", "新能源重卡"), ("新能源产业", "光伏"), ("新一代信息技术产业", "集成电路")}
    assert {f.qualifier for f in facts} == {"战略性新兴产业"}


# --- the text command


def run_module(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.facts", *args], cwd=ROOT, env=offline_env(),
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_text_command_prints_one_json_line_per_input_and_reports_bad_lines():
    lines = [json.dumps({"id": "a", "title": SEED_TITLE, "text": SEED_BODY}, ensure_ascii=False),
             "{not json",
             r'{"id": "\ud800", "text": "签约项目32个"}',      # valid JSON, but no UTF-8 can carry a lone surrogate
             json.dumps({"id": 7, "title": "", "text": "共签约项目32个,签约资金125.5亿元。长治市"}, ensure_ascii=False)]
    done = run_module("text", stdin="\n".join(lines) + "\n")
    assert done.returncode == 1  # bad lines
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [record["id"] for record in out] == ["a", None, "\ud800", 7]
    assert "line 3" in out[2]["error"] and "surrogates not allowed" in out[2]["error"]
    out.pop(2)
    assert {"project_counts", "investments", "provinces", "cities", "zones"} <= set(out[0]["facts"])
    assert "line 2" in out[1]["error"] and "line 2" in done.stderr
    assert out[2]["facts"]["project_counts"] == [{"stage": "签约", "count": 32, "span": "签约项目32个"}]
    assert out[2]["facts"]["investments"] == [{"amount_yi_yuan": 125.5, "span": "签约资金125.5亿元"}]
    assert out[2]["facts"]["cities"] == ["长治市"]


# --- storage and the --db command


def store_articles(db, articles: dict[str, tuple[str, str]]) -> None:
    storage.upsert_articles(db, [{"url": url, "title": title, "body_text": body, "post_id": index,
                                  "published_at": "2022-07-05T10:00:00+08:00"}
                                 for index, (url, (title, body)) in enumerate(articles.items())])


def test_replace_facts_replaces_an_articles_facts_as_a_whole(tmp_path):
    db = storage.connect(tmp_path / "news.db")
    create_fact_tables(db)
    store_articles(db, {"u1": (SEED_TITLE, SEED_BODY)})
    facts = extract(SEED_TITLE, SEED_BODY)
    with storage.write_transaction(db) as conn:
        replace_facts(conn, "u1", facts)
        replace_facts(conn, "u1", facts)
    stored = stored_facts(db.conn, "u1")
    assert stored == [fact.as_dict() for fact in facts]
    assert {row[0] for row in db.execute("SELECT extractor_version FROM facts")} == {EXTRACTOR_VERSION}
    with storage.write_transaction(db) as conn:
        replace_facts(conn, "u1", [])
    assert db.execute("SELECT count(*) FROM facts").fetchone()[0] == 0
    assert db.execute("SELECT facts FROM fact_extractions WHERE url = 'u1'").fetchone()[0] == 0


def test_db_command_dry_run_writes_nothing_then_recomputes_and_records_a_run(tmp_path):
    path = tmp_path / "news.db"
    db = storage.connect(path)
    store_articles(db, {"u1": (SEED_TITLE, SEED_BODY), "u2": ("长治市", "共签约项目32个,签约资金125.5亿元。")})
    db.conn.close()
    before = path.read_bytes(), (tmp_path / "news.db-wal").read_bytes() if (tmp_path / "news.db-wal").exists() else b""

    expected_counts = sum(f.kind == "project_count" for f in extract(SEED_TITLE, SEED_BODY)) + 1
    dry = run_module("--db", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run" in dry.stdout and f"project_count: added {expected_counts}," in dry.stdout
    after = path.read_bytes(), (tmp_path / "news.db-wal").read_bytes() if (tmp_path / "news.db-wal").exists() else b""
    assert after == before
    db = storage.connect(path)
    assert db.execute("SELECT count(*) FROM facts").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 0
    db.conn.close()

    done = run_module("--db", str(path))
    assert done.returncode == 0, done.stderr
    assert "2 with changed facts" in done.stdout
    db = storage.connect(path)
    assert db.execute("SELECT count(*) FROM facts WHERE url = 'u2' AND kind = 'project_count'").fetchone()[0] == 1
    run = db.execute("SELECT mode, finish_reason, articles_updated, stats FROM crawl_runs").fetchone()
    assert run[:3] == ("facts", "finished", 2)
    assert json.loads(run[3])["facts"]["investment"]["added"] == 6
    db.execute("UPDATE articles SET body_text = '共签约项目33个。' WHERE url = 'u2'")
    db.conn.close()

    again = run_module("--db", str(path), "--dry-run", "--since", "2022-07-01")
    assert "1 with changed facts" in again.stdout
    assert "project_count: added 0, removed 0, changed 1" in again.stdout
    assert "investment: added 0, removed 1, changed 0" in again.stdout
    assert "'签约项目33个' → 33 个 签约 (was 32 个 签约)" in again.stdout


# --- the item pipeline


def test_pipeline_sets_fact_dicts_and_lets_rejects_through():
    stats = Tally()
    pipeline = FactsPipeline(None, stats, None)
    item = ArticleItem(url="u", title=SEED_TITLE, body_text=SEED_BODY)
    pipeline.process_item(item)
    assert item["facts"] == [fact.as_dict() for fact in extract(SEED_TITLE, SEED_BODY)]
    assert stats.get_value("parknews/facts/project_count") >= 7
    rejected = ArticleItem(url="r", title="x", body_text=SEED_BODY, reject_reason="no body")
    assert "facts" not in pipeline.process_item(rejected)


def test_an_extraction_failure_leaves_the_article_with_no_facts_never_lost_or_stale(monkeypatch):
    import pipelines.facts

    def broken(title, body):
        raise ArithmeticError("an amount no rule expected")

    monkeypatch.setattr(pipelines.facts, "extract", broken)
    stats = Tally()
    item = FactsPipeline(None, stats, None).process_item(ArticleItem(url="u", title=SEED_TITLE, body_text=SEED_BODY))
    assert item["facts"] == [] and stats.get_value("parknews/facts_failed") == 1


def test_fact_tables_are_created_inside_the_callers_transaction(tmp_path):
    """A schema migration runs create_fact_tables in its own transaction: a failure after it rolls it back."""
    db = storage.connect(tmp_path / "news.db", migrate_schema=False)
    storage.migrate(db, target=5)
    with pytest.raises(RuntimeError):
        with storage.write_transaction(db):
            create_fact_tables(db)
            raise RuntimeError("a later migration step failed")
    assert not db["facts"].exists() and "top_zones" not in db.view_names()
    create_fact_tables(db)
    create_fact_tables(db)  # idempotent
    assert db.execute("SELECT name FROM divisions WHERE code = '140100'").fetchone()[0] == "太原市"


def test_no_body_changes_between_a_recompute_reading_it_and_writing_its_facts(tmp_path, monkeypatch):
    """A crawl writing meanwhile waits for the batch: stored facts always come from the stored body."""
    import sqlite3

    from crawler.facts import recompute as recompute_module

    path = tmp_path / "news.db"
    db = storage.connect(path)
    store_articles(db, {"u1": (SEED_TITLE, SEED_BODY)})
    db.conn.close()
    writes = []

    def extract_while_a_crawl_writes(title, body):
        other = sqlite3.connect(path, timeout=0)
        try:
            other.execute("UPDATE articles SET body_text = '共签约项目33个。' WHERE url = 'u1'")
            other.commit()
            writes.append("committed")
        except sqlite3.OperationalError as error:
            writes.append(str(error))
        finally:
            other.close()
        return extract(title, body)

    monkeypatch.setattr(recompute_module, "extract", extract_while_a_crawl_writes)
    recompute_module.recompute(path)
    assert writes == ["database is locked"]
    db = storage.connect(path)
    (body,) = db.execute("SELECT body_text FROM articles WHERE url = 'u1'").fetchone()
    spans = db.execute("SELECT span, substr(body_text, span_start + 1, span_end - span_start) FROM facts"
                       " JOIN articles USING (url) WHERE field = 'body_text'").fetchall()
    assert body == SEED_BODY and spans and all(span == text for span, text in spans)
