"""Fact rules at their edges: facts in the title, Chinese numerals with units and decimals, and an amount
at the very end of a text or followed by the unit of something else."""

from decimal import Decimal

import pytest

from crawler.facts import extract, to_schema
from crawler.facts.money import extract_money
from crawler.facts.numerals import parse_number
from crawler.facts.text import fold


def test_facts_in_the_title_are_found_with_their_spans_in_the_title():
    title = "签约项目12个 总投资30亿元"
    facts = extract(title, "")
    assert [(f.kind, f.value, f.field, f.span) for f in facts] == [
        ("project_count", 12, "title", "签约项目12个"), ("investment", 30.0, "title", "总投资30亿元")]
    assert all(title[f.start:f.end] == f.span for f in facts)


@pytest.mark.parametrize("numeral, value", [
    ("两千三", "2300"),            # a digit after a unit above ten counts in the next unit down
    ("两千三点五", "2300.5"),
    ("三百二", "320"),
    ("一千零三", "1003"),          # after 零 it is ones
    ("一百一十", "110"),
    ("二十三", "23"),
    ("十二", "12"),
])
def test_chinese_numerals_with_units(numeral, value):
    assert parse_number(numeral) == Decimal(value)


@pytest.mark.parametrize("numeral", ["二十二十", "三百四百", "十百"])
def test_units_that_repeat_or_grow_are_no_numeral(numeral):
    assert parse_number(numeral) is None


def money(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.span) for f in extract_money(text, fold(text), "body_text")]


def test_an_amount_at_the_very_end_of_a_text_counts():
    assert money("项目总投资10亿") == [(10.0, "总投资10亿")]


def test_a_bare_wan_or_yi_followed_by_another_unit_is_no_money():
    assert money("投资建设年产10万吨生产线") == []
    assert money("投资建设年发电14.71亿千瓦时的电站") == []


def test_folding_keeps_every_offset():
    """Full-width forms and the ideographic space fold to one character each; what folds to more (㎡, …)
    stays, so that a span found in the folded text is the same span of the original."""
    text = "签约项目１２个，\u3000总面积100㎡…"
    assert fold(text) == "签约项目12个, 总面积100㎡…" and len(fold(text)) == len(text)


def test_an_amount_in_bare_yi_followed_by_more_text_is_kept():
    amounts = {item["amount_yi_yuan"] for item in to_schema(extract("", "总投资10亿一期投资3亿元。年发电量14.71亿千瓦时。"))["investments"]}
    assert amounts == {10.0, 3.0}      # 14.71亿千瓦时 is energy, not money
