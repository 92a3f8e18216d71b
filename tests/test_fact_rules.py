"""Fact rules at their edges: facts in the title, Chinese numerals with units and decimals, an amount
at the very end of a text or followed by the unit of something else, counts and amounts given respectively
(分别) and counts listed under a heading."""

import time
from decimal import Decimal

import pytest

from crawler.facts import extract, to_schema
from crawler.facts.money import extract_money
from crawler.facts.numerals import parse_number
from crawler.facts.text import Squeezed, fold


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


# --- project counts: the words around the number


def counts(text: str, title: str = "") -> set[tuple[str, int]]:
    return {(item["stage"], item["count"]) for item in to_schema(extract(title, text))["project_counts"]}


def count_spans(text: str) -> list[str]:
    return [f.span for f in extract("", text) if f.kind == "project_count"]


@pytest.mark.parametrize("text, expected", [
    ("今年已有12个项目竣工投用。", {("竣工", 12)}),      # a stage, then a verb of no stage: the stage stays
    ("新增签约项目5个。", {("签约", 5)}),                # a verb of no stage gives way to the stage after it
    ("签约开工项目20个。", {("其他", 20)}),              # two stages side by side: one combined verb
    ("全市56个年度重点新开工项目总投资326亿元。", {("开工", 56)}),  # a stage inside the words naming the projects
])
def test_stage_words_side_by_side_and_inside_the_descriptor(text, expected):
    assert counts(text) == expected


def test_of_two_stage_words_apart_in_a_clause_the_one_nearest_the_number_gives_the_stage():
    text = "本次集中开工活动现场还签约项目12个,总投资30亿元。"
    assert counts(text) == {("签约", 12)} and count_spans(text) == ["签约项目12个"]


def test_a_count_closing_a_list_of_projects_with_deng_takes_the_lists_stage_and_deng_in_its_span():
    text = "当天的开工项目有标准厂房、商业广场等11个,总投资25.7亿元。"
    assert counts(text) == {("开工", 11)} and count_spans(text) == ["等11个"]


def test_a_descriptor_of_up_to_16_characters_ties_the_count_to_its_projects():
    assert counts("48个重点工业和基础设施及民生建设项目集中开工。") == {("开工", 48)}        # 14 characters
    assert counts("48个重点工业和基础设施及社会民生建设项目集中开工。") == {("开工", 48)}    # 16
    assert counts("48个重点工业和基础设施及社会民生类建设项目集中开工。") == set()          # 17: too far


def test_numbers_at_the_edges_of_a_text():
    # a count that opens the text is read, whatever closes the text (a quote mark is no ordinal there)
    assert counts("", title='12个项目集中签约 打响"开门红"') == {("签约", 12)}
    assert counts("", title="第3个签约项目落户高新区") == set()   # an ordinal, at the very start too


@pytest.mark.parametrize("text, expected", [
    ("其中,签约项目1个。", {("签约", 1)}),
    ("其中,续建项目0个。", set()),        # nothing counted
    ("每年引进三五个项目。", set()),        # three or five: an estimate, not a number
])
def test_counts_of_one_zero_and_estimates(text, expected):
    assert counts(text) == expected


def test_project_opening_a_clause_ties_the_count_after_it():
    assert counts("截至目前,项目共计907个,总投资1200亿元。") == {("其他", 907)}
    assert counts("", title="项目总数达到33个") == {("其他", 33)}


def test_a_breakdown_after_qizhong_has_no_stage_of_its_own_and_its_span_starts_after_qizhong():
    text = "今年以来新签约项目120个,其中工业项目80个、服务业项目40个。"
    assert counts(text) == {("签约", 120), ("其他", 80), ("其他", 40)}
    assert count_spans(text) == ["新签约项目120个", "工业项目80个", "服务业项目40个"]   # 新签 is a stage word
    # a breakdown by size with no 其中 keeps the stage named before it in its sentence
    assert counts("在678个签约项目中,亿元以上项目607个。") == {("签约", 678), ("签约", 607)}


# --- zones: where a name starts


def zones(text: str) -> list[str]:
    return [f.value for f in extract("", text) if f.kind == "zone"]


@pytest.mark.parametrize("text, expected", [
    ("今年以来宁波高新区新签约项目5个。", ["宁波高新区"]),        # the longer stop word (以来, not 以)
    ("国家级哈尔滨新区集中签约12个项目。", ["哈尔滨新区"]),      # the longer generic word (国家级, not 国家)
    ("5月8日,大连高新区新签约项目12个。", ["大连高新区"]),       # 大 opens a name, not a class (三大园区)
    ("5月8日,日照经济技术开发区签约项目12个。", ["日照经济技术开发区"]),  # 日 opens a name unless after a number
    ("二十五日聊城经济技术开发区集中签约。", ["聊城经济技术开发区"]),    # a date in Chinese numerals
    ("近日,中国(山东)自由贸易试验区济南片区签约项目12个。", ["中国(山东)自由贸易试验区"]),  # a bracket inside
    ("(本报讯)宝鸡高新区一季度重点项目集中开工。", ["宝鸡高新区"]),  # a bracket before the name opens none
])
def test_where_a_zone_name_starts(text, expected):
    assert zones(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("项目落户长三角生态绿色一体化发展示范区。", ["长三角生态绿色一体化发展示范区"]),  # 发展 inside a designation's name
    ("获批城乡融合发展试验区。", ["城乡融合发展试验区"]),               # four characters before it: a name
    ("大力发展示范区。", []),                                           # two: a verb's object, no name
    ("各地要大力发展示范区。", []),                                     # adverbs and 要 are no name either
    ("长江经济带在江北发展示范区。", []),                               # counted from the stop word before it
    ("集团拟建设开发区。", []),                                         # only designations take it in
    ("签约落户郑州航空港经济综合实验区。", ["郑州航空港经济综合实验区"]),
    ("项目位于临港新片区。", ["临港新片区"]),
    ("项目落户中关村软件园、深圳湾创业园和武汉光谷生物城。", ["中关村软件园", "深圳湾创业园", "武汉光谷生物城"]),
    ("落户张江科学城。", ["张江科学城"]),
])
def test_designations_and_parks_by_their_official_suffixes(text, expected):
    assert zones(text) == expected


def test_a_zone_name_at_the_start_of_a_text_ending_in_a_number():
    assert zones("大连高新区举行项目集中签约活动。2022-05-08") == ["大连高新区"]


@pytest.mark.parametrize("text", [
    "3个民营企业总部集聚区发布。",           # at the very start of a text
    "5家省级开发区获批。",
    "打造五大产业园区。",                      # Chinese numerals are name characters: still a class
    "全省三个开发区获评先进。",
    "今年成立十个产业园。",
    "两个国家级开发区获批。",
])
def test_a_number_and_a_classifier_before_a_suffix_name_a_class_of_zones(text):
    assert zones(text) == []


@pytest.mark.parametrize("name", ["五家渠经济技术开发区", "十堰经济开发区", "三门峡经济开发区", "六盘水高新区"])
def test_names_that_begin_with_a_numeral_stay_names(name):
    assert zones(f"{name}举行项目集中签约活动。") == [name]


@pytest.mark.parametrize("text", ["全省开发区要发挥作用。", "项目落户市高新区。"])
def test_a_name_shorter_than_two_characters_is_no_zone(text):
    assert zones(text) == []


# --- places


def test_a_short_name_shared_by_a_province_and_a_city_means_the_province():
    shaped = to_schema(extract("", "海南自贸港建设提速,吉林一汽新项目开工。"))
    assert shaped["provinces"] == ["海南省", "吉林省"] and shaped["cities"] == []


def test_an_alias_reads_like_a_short_name():
    assert to_schema(extract("", "内蒙企业投资。"))["provinces"] == ["内蒙古自治区"]
    assert to_schema(extract("", "沿四川路、内蒙路新建项目。"))["provinces"] == []   # streets named after them


def test_full_and_short_names_before_words_that_begin_like_a_district():
    shaped = to_schema(extract("", "太原市区内新开工项目12个。积极开拓山东市场。"))
    assert shaped["cities"] == ["太原市"]      # 太原市区: the city's urban area, still the city
    assert shaped["provinces"] == ["山东省"]   # 山东市场: no city named 山东市 hides the province


# --- investment amounts: the words around the amount


def amounts_with_flags(text: str) -> list[tuple[float, str, tuple]]:
    return [(f.value, f.span, f.flags) for f in extract("", text) if f.kind == "investment"]


def test_the_yue_of_qianyue_is_no_bound_but_a_yue_after_the_keyword_is():
    assert amounts_with_flags("西博会新疆代表团签约182.57亿元。") == [(182.57, "签约182.57亿元", ())]
    assert amounts_with_flags("项目总投资达到约50亿元。") == [(50.0, "总投资达到约50亿元", ("approximate",))]


def test_a_keyword_up_to_14_characters_back_opens_the_span():
    assert amounts_with_flags("拟投资建设新能源汽车整车生产线10亿元。") == [
        (10.0, "投资建设新能源汽车整车生产线10亿元", ())]          # 14 characters from 投 to the amount
    assert amounts_with_flags("拟投资建设新能源汽车整车及生产线10亿元。") == [(10.0, "10亿元", ())]   # 15


def test_the_span_ends_at_the_amount_and_its_longest_currency():
    assert money("现场集中签约10亿元投资项目3个") == [(10.0, "签约10亿元")]   # 投资 after it is not taken in
    assert money("总投资10亿元人民币。") == [(10.0, "总投资10亿元人民币")]
    assert money("此次集中开工的重大项目总投资1.8万亿元。") == [(18000.0, "总投资1.8万亿元")]


@pytest.mark.parametrize("text, expected", [
    ("今年全市32个省级重点项目集中开工。", {("开工", 32)}),   # a level describes the projects
    ("15个市级重大项目集中签约。", {("签约", 15)}),
    ("全省11个市县的20个项目集中签约。", {("签约", 20)}),     # 11个市县 are places, not projects
    ("项目签约3个月后开工。", set()),                         # months
])
def test_a_level_after_the_classifier_describes_the_projects_a_place_word_counts_places(text, expected):
    assert counts(text) == expected


# --- garbage and hostile texts


def test_numerals_too_long_to_be_counts_or_amounts_give_no_fact_and_no_error():
    assert extract("", "总投资" + "9" * 23 + "亿元") == []
    assert extract("", "签约项目100000000000000000000个") == []
    assert [f.value for f in extract("", "签约项目999999999999999个")] == [999999999999999]
    assert parse_number("999999999999999") == 10**15 - 1 and parse_number("1000000000000000") is None
    assert parse_number("1" * 200_000) is None and parse_number("一" + "千" * 1000) is None


@pytest.mark.parametrize("unit", ["1", "签约项目3个", "3个", "总投资1亿元", "太原高新区和", "签约项目3个总投资1亿元太原高新区山西",
                                  "分别为1个、", "签约、开工项目分别为1个和", "新开工情况:红花岗区2个", ":"])
def test_a_huge_text_without_punctuation_is_read_in_linear_time(unit):
    """Clauses are looked for within a bounded reach: a page of 200,000 characters with no punctuation
    took minutes when every number searched its clause back to the start of the text (now well under a
    second; the bound below leaves a hundredfold margin for a loaded machine)."""
    text = unit * (200_000 // len(unit))
    started = time.process_time()
    extract("", text)
    assert time.process_time() - started < 20


def test_spaces_around_numbers_are_taken_out_and_put_back_into_spans():
    text = "共 32 个　项目，总投资 1.5　亿元"
    squeezed = Squeezed(text, fold(text))
    assert squeezed.text == "共32个　项目，总投资1.5亿元" and squeezed.folded == fold(squeezed.text)
    assert Squeezed.of(text, fold(text)) is not None and Squeezed.of("共32个项目 总投资", "共32个项目 总投资") is None
    for start, end in ((0, 4), (1, 3), (2, 3), (4, 6), (9, 16), (0, len(squeezed.text))):
        begin, finish = squeezed.restore(start, end)
        assert text[begin:finish].replace(" ", "").replace("\u3000", "") == \
            squeezed.text[start:end].replace("\u3000", ""), (start, end)
    assert squeezed.restore(1, 3) == (2, 4)           # "32": after the removed space
    assert squeezed.restore(0, 3) == (0, 4)           # "共32": the space inside the span comes back
    assert squeezed.restore(11, 14) == (14, 17)       # "1.5" after three removed gaps


# --- counts and amounts given respectively (分别) against the heads listed before them


def amounts(text: str) -> set[float]:
    return {item["amount_yi_yuan"] for item in to_schema(extract("", text))["investments"]}


@pytest.mark.parametrize("text, expected_counts, expected_amounts", [
    ("签约项目数和总投资分别为25个和300亿元。", {("签约", 25)}, {300.0}),
    ("今年全市重大项目集中开工,项目个数和投资额分别达到1050个和8689亿元。", {("开工", 1050)}, {8689.0}),
    # the heads end a clause, 分别 opens the next; 个数 alone counts the projects its sentence is about
    ("集中开工项目中近80%为产业类项目,个数最多、总投资最大,分别达到1050个和8689亿元。", {("开工", 1050)}, {8689.0}),
    # the count's stage named in another head
    ("本次活动签约金额与项目数量分别为126.5亿元和18个。", {("签约", 18)}, {126.5}),
    ("新开工和竣工项目分别为30个和12个。", {("开工", 30), ("竣工", 12)}, set()),
    ("签约、开工、投产项目分别为321个项目、302个项目、189个项目。",       # each value read once, with its head
     {("签约", 321), ("开工", 302), ("投产", 189)}, set()),
    ("项目个数和投资额分别为25个和300亿元。", {("其他", 25)}, {300.0}),       # no stage in the sentence
    # a breakdown after 其中 has no stage of its own
    ("今年签约项目120个,其中工业项目个数和投资额分别为80个和300亿元。", {("签约", 120), ("其他", 80)}, {300.0}),
    ("全年签约、开工项目分别为32个、20个,总投资分别为150亿元、90亿元。",
     {("签约", 32), ("开工", 20)}, {150.0, 90.0}),
])
def test_counts_and_amounts_given_respectively_pair_with_their_heads(text, expected_counts, expected_amounts):
    assert counts(text) == expected_counts
    assert amounts(text) == expected_amounts


@pytest.mark.parametrize("text, expected", [
    ("项目总投资和达产后年产值分别为50亿元和120亿元。", {50.0}),     # the nearest keyword alone misses it
    ("达产后年产值和项目总投资分别为120亿元和50亿元。", {50.0}),     # ... and took the output value
    ("营业收入和税收分别为30亿元和2亿元。", set()),
    ("项目个数和年产值分别为25个和300亿元。", set()),
])
def test_an_amount_given_respectively_is_an_investment_only_when_its_head_is(text, expected):
    assert amounts(text) == expected


@pytest.mark.parametrize("text, expected_counts, expected_amounts", [
    ("签约项目25个、总投资300亿元,分别占全市的30%和40%。", {("签约", 25)}, {300.0}),
    ("签约项目数和投资额分别占全省的25%和30%。", set(), set()),
    ("签约项目数和投资额分别占25%和30%。", set(), set()),
    ("签约项目数和总投资分别增长12个和15亿元。", set(), set()),          # changes, not counts or amounts
    ("签约项目数和总投资分别比上年增加5个和30亿元。", set(), set()),
    ("签约、开工项目占比分别为30%、40%。", set(), set()),                # shares, whatever the verb
    ("制造业项目564个、投资总额4823亿元,分别占83.2%、78.1%。", {("其他", 564)}, {4823.0}),
    ("签约企业个数和项目个数分别为10个和20个。", {("签约", 20)}, set()),   # companies are no projects
    ("签约项目和总投资分别为25个。", set(), set()),                      # two heads, one value: whose?
    ("签约项目数、总投资和年产值分别为25个和300亿元。", set(), set()),    # three heads, two values
    ("签约、开工和投产项目分别为10个和8个,5个项目已开工。", {("开工", 5)}, set()),  # the comma closes the list
])
def test_what_a_respective_list_does_not_give(text, expected_counts, expected_amounts):
    assert counts(text) == expected_counts
    assert amounts(text) == expected_amounts


def test_values_that_name_their_own_projects_are_read_as_any_count_not_paired_with_the_heads_before():
    text = "集中开工项目具有覆盖广、支撑强、保障足等特点,分别为47个产业项目、8个基础设施类项目、5个社会民生类项目。"
    assert counts(text) == {("开工", 47), ("开工", 8), ("开工", 5)}


def test_a_count_given_respectively_spans_its_heads_to_its_value():
    text = "个数最多、总投资最大,分别达到1050个和8689亿元。"
    facts = [(f.kind, f.value, f.span) for f in extract("", "集中开工项目中," + text)
             if f.kind in ("project_count", "investment")]
    assert facts == [("project_count", 1050, "个数最多、总投资最大,分别达到1050个"),
                     ("investment", 8689.0, "个数最多、总投资最大,分别达到1050个和8689亿元")]


# --- counts listed per place or category under a heading that names a stage


@pytest.mark.parametrize("text, expected", [
    ("各区市县11月份新开工情况:红花岗区2个,总投资98.22亿元;播州区3个,总投资15.56亿元;桐梓县1个,总投资2.71亿元。",
     {("开工", 2), ("开工", 3), ("开工", 1)}),
    ("签约项目分布:工业类5个、服务业类3个、农业类2个。", {("签约", 5), ("签约", 3), ("签约", 2)}),
    ("一季度全市竣工项目按行业分:装备制造4个,电子信息6个。", {("竣工", 4), ("竣工", 6)}),
    ("各县新开工情况：红花岗区２个；播州区３个。", {("开工", 2), ("开工", 3)}),     # full-width
    ("开工情况:红花岗区2个;签约情况:播州区3个。", {("开工", 2), ("签约", 3)}),     # a second heading
    ("新开工情况:共开工20个,红花岗区2个。", {("开工", 20), ("开工", 2)}),          # a count read already
    ("一季度项目签约开工情况:签约5个,开工3个。", {("签约", 5), ("开工", 3)}),       # ... keeps its own stage
    ("各县区新开工项目情况:1.红花岗区2个;2.播州区3个。", {("开工", 2), ("开工", 3)}),   # numbered items
    ("各县新开工情况:红花岗区一个,播州区三个。", {("开工", 1), ("开工", 3)}),       # 一个 in a list is one
])
def test_counts_listed_under_a_heading_that_names_a_stage(text, expected):
    assert counts(text) == expected


def test_a_count_listed_under_a_heading_spans_its_name_and_number():
    assert count_spans("新开工情况:红花岗区2个,总投资98.22亿元;播州区3个。") == ["红花岗区2个", "播州区3个"]


@pytest.mark.parametrize("text, expected", [
    ("各区市县项目情况:红花岗区2个,播州区3个。", set()),              # no stage in the heading
    ("集中开工现场:红花岗区2个,播州区3个。", set()),                  # neither 项目 nor a heading word
    ("签约企业分布:工业类5个、服务业类3个。", set()),                  # companies
    ("新开工情况:建设周期18个月,涉及5个领域,提高3个百分点,覆盖12个行业。", set()),  # other things counted
    ("新开工情况:红花岗区2个。播州区3个。", {("开工", 2)}),            # the list ends with its sentence
    ("全市新开工项目17个,其中:红花岗区2个,播州区3个。", {("开工", 17)}),  # a breakdown after 其中
])
def test_what_a_heading_list_does_not_give(text, expected):
    assert counts(text) == expected
