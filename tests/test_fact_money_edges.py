"""Investment amounts at the edges of their rules: 金额/总额 after spaces, 、 or a clause of their own,
labels before a colon, and how far 分别增长 silences the numbers after it."""

from __future__ import annotations

import pytest

from crawler.facts import extract, to_schema
from crawler.facts.text import MAX_REACH


def amounts(text: str) -> set[float]:
    return {item["amount_yi_yuan"] for item in to_schema(extract("", text))["investments"]}


# A line of table cells flattened without punctuation: no mark ends its clause.
CELLS = "新材料 生物医药 智能制造 " * 60


def cells(length: int) -> str:
    return CELLS[:length]


# --- 金额/总额 opening their phrase take the keyword of the sentence before them


@pytest.mark.parametrize("text, expected", [
    ("今年新开工项目26个, 总金额143亿元。", {143.0}),            # a space after the comma
    ("今年新开工项目26个，　总金额143亿元。", {143.0}),           # an ideographic space too
    ("共签约项目12个、总金额86亿元。", {86.0}),                  # after 、 as after a comma
    ("现场集中签约18家企业,总金额86亿元。", {86.0}),              # 签约 before, no 项目 needed
    ("本次大会上,签约活动总金额156亿元。", {156.0}),             # its phrase's own keyword
    ("今年园区营业收入突破300亿元,新签约企业12家、总金额86亿元。", {86.0}),  # 签约, not 营业收入
    ("现场签约企业8家,设备采购金额2亿元,总金额达16亿元。", {16.0}),  # not 采购金额's
])
def test_an_amount_word_opening_its_phrase_takes_the_keyword_before_it(text, expected):
    assert amounts(text) == expected


def test_an_amount_word_opening_a_clause_cut_at_the_reach_looks_back_into_the_sentence():
    # 总金额 stands where a clause with no mark in reach begins; 签约 before it still says whose.
    lead = "签约项目5个"
    text = lead + " " * 100 + "总金额" + " " * 450 + "为20亿元。"
    assert text.index("20亿元") - MAX_REACH in range(len(lead), len(lead) + 100)
    assert amounts(text) == {20.0}


# --- a keyword ending the label before a colon, and no other


@pytest.mark.parametrize("text, expected", [
    ("计划总投资 ：30亿元。", {30.0}),          # spaces between the label and its colon
    ("总投资  :12.5亿元;建设周期:2年。", {12.5}),
    ("土地出让金:1.2亿元。", set()),           # a label holding no keyword
    ("备注:约5亿元。", set()),
    ("全区上下全力抓投资,全年为企业减负2.3亿元。", set()),  # a keyword before a comma labels nothing
    ("园区坚持扩大有效投资;全年为企业降本3000万元。", set()),
])
def test_only_a_keyword_right_before_a_colon_labels_the_amount(text, expected):
    assert amounts(text) == expected


# --- 分别增长 silences the numbers of its clause, as far as a clause reaches


def test_a_change_given_respectively_silences_its_clause_up_to_the_reach():
    head = "两园区营业收入分别增长12%和9%"
    lead = "项目总投资"
    reach_end = head.index("分别增长") + len("分别增长") + MAX_REACH
    beyond = head + cells(reach_end - len(head) - len(lead)) + lead + "5亿元。"
    within = head + cells(reach_end - len(head) - len(lead) - 1) + lead + "5亿元。"
    assert beyond.index("5亿元") == reach_end
    assert amounts(beyond) == {5.0}
    assert amounts(within) == set()
