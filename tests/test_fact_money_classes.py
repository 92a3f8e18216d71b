"""Investment amounts by class of phrasing: what a project earns or pays is no investment, a 万 of other things
is no money, foreign money keeps its currency, 内资/外资 stop at word boundaries, 金额/总额 and colons label
amounts, and Arabic figures with 千/百 scale them."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from crawler.facts import extract, to_schema
from crawler.facts.numerals import parse_number


def amounts(text: str) -> set[float]:
    return {item["amount_yi_yuan"] for item in to_schema(extract("", text))["investments"]}


def flagged(text: str) -> set[tuple[float, str, tuple]]:
    return {(f.value, f.unit, f.flags) for f in extract("", text) if f.kind == "investment" and f.flags}


# --- what a project is expected to produce, sell, earn or pay in tax is no investment


@pytest.mark.parametrize("text, expected", [
    ("该项目计划总投资8亿元、建成后年产出可达25亿元。", {8.0}),
    ("该项目总投资12亿元、达产后年营业额30亿元。", {12.0}),
    ("基地总投资6亿元、投产后年销售4.5亿元。", {6.0}),
    ("项目总投资3亿元、预计年实现销售5亿元。", {3.0}),
    ("项目投资2亿元、年创税1200万元。", {2.0}),
    ("项目总投资9亿元、每年上缴税费6000万元。", {9.0}),
    ("项目总投资9亿元、年均收益1.5亿元。", {9.0}),
    ("项目总投资9亿元、年净利1.2亿元。", {9.0}),
    ("园区总投资40亿元、全部投产后年创收60亿元。", {40.0}),
    ("项目总投资4亿元、投资回报2亿元。", {4.0}),
])
def test_output_sales_profit_and_tax_after_an_investment_are_no_investment(text, expected):
    assert amounts(text) == expected


def test_an_investment_return_is_no_investment_before_or_after_the_amount():
    assert amounts("该基金年度投资收益3亿元。") == set()
    assert amounts("实现8000万元投资收益。") == set()
    assert amounts("为当地带来20亿元的投资。") == {20.0}   # an amount of investment, named after it


# --- 万 or 亿 followed by a unit of something else is a quantity, not money


@pytest.mark.parametrize("text", [
    "项目总投资6亿元、建设2万个5G基站。",
    "项目总投资6亿元、年产200万部新能源汽车电机。",
    "项目总投资6亿元、年出栏300万羽白羽肉鸡。",
    "项目总投资6亿元、年产5000万枚功率芯片。",
    "项目总投资6亿元、年产20万组储能电池。",
    "项目总投资6亿元、配套建设3万千伏安变电站。",
    "项目总投资6亿元、新建8万㎡研发楼。",
    "项目总投资6亿元、新建厂房8万 平方米。",
    "项目总投资6亿元、新建4万余个停车位。",
    "项目总投资6亿元、年产10万t再生铝。",
])
def test_a_wan_of_other_things_after_an_investment_is_no_amount(text):
    assert amounts(text) == {6.0}


def test_a_word_that_starts_like_a_unit_leaves_the_amount_an_amount():
    assert amounts("该项目总投资5亿部分用于建设研发中心。") == {5.0}       # 部分, not 部
    assert amounts("协议投资3亿双方约定年内开工。") == {3.0}                # 双方, not 双
    assert amounts("项目总投资6亿元、年产300万部手机。") == {6.0}            # 部 as a unit


# --- foreign money is kept with its currency and never counted as 亿元


@pytest.mark.parametrize("text, value, unit", [
    ("该项目总投资120亿卢比。", 120.0, "亿卢比"),
    ("该项目在印度总投资80亿印度卢比。", 80.0, "亿印度卢比"),
    ("合作项目总投资3000万林吉特。", 0.3, "亿林吉特"),
    ("项目总投资500亿坚戈。", 500.0, "亿坚戈"),
    ("工厂总投资2万亿越南盾。", 20000.0, "亿越南盾"),
    ("项目总投资1.2亿新西兰元。", 1.2, "亿新西兰元"),
    ("项目总投资50亿菲律宾比索。", 50.0, "亿菲律宾比索"),
    ("项目总投资6亿迪拉姆。", 6.0, "亿迪拉姆"),
    ("项目总投资4亿雷亚尔。", 4.0, "亿雷亚尔"),
    ("项目总投资10亿南非兰特。", 10.0, "亿南非兰特"),
    ("项目总投资2亿斐济元。", 2.0, "亿斐济元"),          # a name ending in 元 that no list holds
    ("项目总投资2亿 美元。", 2.0, "亿美元"),             # a space before the currency
])
def test_foreign_currencies_are_kept_with_their_currency_and_not_counted(text, value, unit):
    assert amounts(text) == set()
    assert (value, unit, ("foreign_currency",)) in flagged(text)


def test_renminbi_stays_counted_next_to_foreign_money():
    assert amounts("项目总投资3亿多元,外方出资2亿斐济元。") == {3.0}
    assert amounts("项目总投资5000万元人民币,折合800万新西兰元。") == {0.5}
    assert amounts("投资8亿打造千亿元级产业集群,合作方投资5亿卢比。") == {8.0}


# --- 内资/外资 are keywords only as words of their own


@pytest.mark.parametrize("text", [
    "开发区内资产总额达320亿元。",
    "园区内资产规模突破100亿元。",
    "企业境外资产规模达12亿元。",
    "集团境内外资产总额达260亿元。",
])
def test_nei_zi_and_wai_zi_across_a_word_boundary_make_no_amount(text):
    assert amounts(text) == set()


def test_foreign_and_domestic_investment_words_still_count():
    assert amounts("全年实际利用内资156亿元。") == {156.0}
    assert amounts("引进区外资金45亿元。") == {45.0}       # funds from outside: investment either way
    assert amounts("园区内资产总额达156亿元,全年引进内资30亿元。") == {30.0}


# --- 金额 and 总额 say whose amount by the words around them


@pytest.mark.parametrize("text, expected", [
    ("本届投洽会共签约项目31个,总金额212.6亿元。", {212.6}),
    ("现场集中签约项目18个,总额86亿元。", {86.0}),
    ("今年新开工项目26个,总金额143亿元。", {143.0}),     # the sentence's projects
    ("此次签约的12个项目,涉及金额45.6亿元。", {45.6}),
    ("签约项目9个,涉及资金27亿元。", {27.0}),
    ("全年累计引进项目56个,合计金额320亿元。", {320.0}),
    ("该项目总金额12亿元,分两期建设。", {12.0}),
])
def test_amount_words_count_for_projects(text, expected):
    assert amounts(text) == expected


def test_amount_words_of_other_things_are_no_investment():
    assert amounts("企业年度采购金额5亿元。本次签约项目总金额30亿元。") == {30.0}
    assert amounts("园区全年工资总额12亿元,签约项目5个,总额20亿元。") == {20.0}
    assert amounts("全年营业收入增长12%,总额达56亿元;签约项目8个,总额9亿元。") == {9.0}
    assert amounts("全市贷款总额560亿元,签约项目3个,金额7亿元。") == {7.0}


def test_an_amount_word_after_other_words_takes_the_keyword_of_its_own_phrase():
    assert amounts("本次签约活动总金额156亿元。") == {156.0}
    assert amounts("拟投资建设的生产线总金额5亿元。") == {5.0}
    assert amounts("项目总投资50亿元、设备采购金额3亿元。") == {50.0}


def test_an_amount_word_right_after_a_keyword_spans_from_the_keyword():
    facts = [(f.value, f.span) for f in extract("", "项目最低投资金额为500万元。新签约项目4个,总金额8亿元。")
             if f.kind == "investment"]
    assert facts == [(0.05, "投资金额为500万元"), (8.0, "总金额8亿元")]


# --- a keyword ending the label before a colon labels the amount after it


@pytest.mark.parametrize("text, expected", [
    ("项目名称:年产5万吨电池材料项目;总投资:12.5亿元;建设周期:2年。", {12.5}),
    ("项目名称：智能装备产业园；计划总投资：30亿元；建设地点：高新区。", {30.0}),
    ("签约金额: 约8亿元。", {8.0}),
    ("项目投资额为：5.6亿元。", {5.6}),
    ("协议投资： 2千万元。", {0.2}),
])
def test_a_keyword_before_a_colon_labels_the_amount(text, expected):
    assert amounts(text) == expected


def test_a_colon_label_that_is_not_an_investment_gives_nothing():
    text = "预计年产值:30亿元;年税收:2亿元;总投资:10亿元。"
    assert amounts(text) == {10.0}
    assert amounts("投资方:某集团。总额5亿元。总投资(亿元):12.5") == set()


# --- Arabic figures with 千/百 before 万/亿


@pytest.mark.parametrize("text, expected", [
    ("项目总投资3千万元,主要建设生产车间。", {0.3}),
    ("项目协议投资1.5千万元。", {0.15}),
    ("计划总投资8百万元。", {0.08}),
    ("基地规划总投资2千亿元。", {2000.0}),
    ("协议投资3千5百万元。", {0.35}),
])
def test_arabic_figures_with_qian_or_bai_scale_the_amount(text, expected):
    assert amounts(text) == expected


def test_arabic_figures_with_chinese_units_parse():
    assert parse_number("5千") == Decimal(5000) and parse_number("1.5千") == Decimal(1500)
    assert parse_number("3千5百") == Decimal(3500) and parse_number("8百") == Decimal(800)
    assert parse_number("5千5千") is None and parse_number("12百千") is None and parse_number("3千05") is None


def test_pages_full_of_amount_words_are_read_in_linear_time():
    """Each 金额/总额 looks back for whose amount it is within a bounded reach, and only the last one in a clause
    is resolved: a page of 200,000 characters of them takes seconds, not minutes (the bound leaves a wide margin
    for a loaded machine)."""
    started = time.process_time()
    assert amounts("签约项目3个,总额1亿元" * 16_000) == {1.0}
    extract("", "、总额1亿元" * 33_000)
    extract("", "项目总金额:1亿元" * 22_000)
    assert time.process_time() - started < 30


@pytest.mark.parametrize("text", ["海高会已经牵线落地3个亿元以上工业项目。", "共签约5个亿元级项目。"])
def test_a_count_of_projects_of_a_size_is_no_amount_even_flagged(text):
    assert amounts(text) == set() and flagged(text) == set()


def test_a_spoken_amount_in_ge_yi_is_still_an_amount():
    assert amounts("投资10个亿建设新厂。") == {10.0}


@pytest.mark.parametrize("text", ["全部项目总投资达到120亿元、平均投资规模达6亿元。", "单个项目平均投资5亿元。", "户均投资20万元。"])
def test_an_average_over_projects_or_households_is_no_project_s_value(text):
    assert amounts(text) <= {120.0}


@pytest.mark.parametrize("text", ["单体项目平均总投资额达8.32亿元。", "全年签约目标50亿元。"])
def test_an_average_or_a_target_is_no_amount(text):
    assert amounts(text) == set()


@pytest.mark.parametrize("text, expected", [
    ("计划投资72.098亿元(人民币,下同),其中,线上项目3000万元。", {72.098, 0.3}),   # a breakdown takes its kind
    ("总投资50亿元,其中工业项目30亿元。", {50.0, 30.0}),
    ("总产值100亿元,其中工业10亿元。", set()),                                   # ... whatever that kind is
    ("其中工业10亿元。", set()),                                                  # nothing to break down
    ("总投资50亿元。其中工业项目30亿元。", {50.0}),                               # another sentence's keyword
])
def test_an_amount_in_a_breakdown_with_no_keyword_takes_the_kind_of_the_amount_it_breaks_down(text, expected):
    assert amounts(text) == expected


def test_a_breakdown_s_amount_spans_its_item():
    spans = [item["span"] for item in to_schema(extract("", "总投资50亿元,其中,工业项目30亿元。"))["investments"]]
    assert spans == ["总投资50亿元", "工业项目30亿元"]


@pytest.mark.parametrize("text, expected", [
    ("全省375亿元到位资金中,昆明市到位217.2亿元。", {375.0, 217.2}),   # funds received, before or after
    ("资金到位率达到30%,到位资金40亿元。", {40.0}),
])
def test_funds_received_named_after_the_amount_or_by_to_hand_alone(text, expected):
    assert amounts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("一是体量较大,平均单个项目投资规模21.2亿元。", set()),
    ("2024年,预期目标实现年度签约项目计划投资额1000亿元。", set()),
    ("力争全年签约项目总投资100亿元。", set()),
    ("签约项目计划投资额1000亿元。", {1000.0}),
])
def test_an_average_or_a_target_anywhere_before_the_keyword_is_no_amount(text, expected):
    assert amounts(text) == expected
