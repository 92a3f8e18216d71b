"""Project counts at the edges of their phrasings: chains of joined stage verbs, respective lists that count
no projects, colons at the ends of a text, long descriptions and long lists."""

import pytest

from crawler.facts import extract, to_schema


def counts(text: str) -> set[tuple[str, int]]:
    return {(item["stage"], item["count"]) for item in to_schema(extract("", text))["project_counts"]}


def count_spans(text: str) -> list[str]:
    return [fact.span for fact in extract("", text) if fact.kind == "project_count"]


@pytest.mark.parametrize("text", [
    "已签约并开工投产项目15个。",
    "集中签约暨开工投产项目15个。",
])
def test_a_verb_after_two_joined_stage_verbs_keeps_the_combined_verb(text):
    assert counts(text) == {("其他", 15)}


@pytest.mark.parametrize("text", [
    "签约项目和开工项目总投资分别为120亿元和85亿元。",   # heads naming projects, values in 亿元
    "今年园区新签约、新入驻企业分别为12个和8个。",         # a sentence about companies, not projects
])
def test_a_respective_list_counts_no_projects_without_a_measure_word_or_in_a_sentence_about_other_things(text):
    assert counts(text) == set()


def test_a_value_printed_without_its_measure_word_spans_only_its_number():
    assert count_spans("签约、开工项目分别为32、20个。") == ["签约、开工项目分别为32", "签约、开工项目分别为32、20个"]


def test_shares_given_respectively_silence_only_their_own_clause():
    assert counts("两项指标分别增长12%和15%。签约项目23个。") == {("签约", 23)}


@pytest.mark.parametrize("text, expected", [
    ("：签约项目分布：工业类5个、服务业类3个。", {("签约", 5), ("签约", 3)}),   # a label cut off before the colon
    ("签约项目分布：工业类5个、服务业类3个", {("签约", 5), ("签约", 3)}),      # no full stop closes the list
    ("今年签约项目23个，主要签约项目如下：", {("签约", 23)}),                  # a heading ending the text
])
def test_colons_at_the_start_or_the_end_of_a_text(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text", [
    # 16 characters from 的 to 项目
    "今年全市有23个涉及新能源、新材料等领域的先进制造业和现代服务业类重点产业项目集中开工。",
    # 15 characters from 的 to 项目
    "今年全市有23个涉及新能源、新材料等领域的先进制造业和现代服务业重点产业项目集中开工。",
    # 40 characters from 个 to 项目
    "今年全市有23个涉及新一代信息技术、高端装备制造业、新能源和新材料等战略性新兴产业领域的重大产业项目集中开工。",
])
def test_a_long_description_closed_by_de_still_ties_the_count_to_its_projects(text):
    assert counts(text) == {("开工", 23)}


def test_a_stage_verb_right_after_the_projects_gives_their_stage_when_the_clause_goes_on():
    assert counts("本次活动中，16个项目完成签约并进入实质性推进阶段。") == {("签约", 16)}


COUNTIES = [  # (name, field): one item each of a long list with an amount and a field per county
    ("红花岗区", "装备制造"), ("汇川区", "食品加工"), ("播州区", "新材料"), ("桐梓县", "大数据"),
    ("绥阳县", "文化旅游"), ("正安县", "现代物流"), ("道真自治县", "白酒"), ("务川自治县", "茶产业"),
    ("凤冈县", "新能源汽车"), ("湄潭县", "医药健康"), ("余庆县", "装备制造"), ("习水县", "食品加工"),
    ("赤水市", "新材料"), ("仁怀市", "大数据"), ("新蒲新区", "文化旅游"), ("综保区", "现代物流"),
    ("南部新区", "白酒"), ("高新区", "茶产业"), ("经开区", "新能源汽车"), ("苟江区", "医药健康"),
    ("乌江区", "白酒"), ("娄山关区", "茶产业"),
]


@pytest.mark.parametrize("more", ["", "和食品加工"])   # a list of 515 characters, and of 625
def test_every_item_of_a_long_list_under_a_heading_is_read(more):
    items = [f"{name}{index + 1}个，总投资{10 + index}亿元，主要涉及{field}{more}"
             for index, (name, field) in enumerate(COUNTIES)]
    text = "各区县新开工项目情况：" + "；".join(items) + "。"
    assert counts(text) == {("开工", index + 1) for index in range(len(COUNTIES))}

