"""Edge cases of places, zones and lists given respectively: names at a text's first characters, words chained before a city, a zone named with its designation's word, and respective lists too short, too long, parted by commas or sharing a unit."""

import pytest

from crawler.facts import extract, to_schema


def places(text: str) -> tuple[list[str], list[str]]:
    shaped = to_schema(extract("", text))
    return shaped["provinces"], shaped["cities"]


def zones(text: str) -> list[str]:
    return to_schema(extract("", text))["zones"]


def counts(text: str) -> set[tuple[str, int]]:
    return {(item["stage"], item["count"]) for item in to_schema(extract("", text))["project_counts"]}


def amounts(text: str) -> set[float]:
    return {item["amount_yi_yuan"] for item in to_schema(extract("", text))["investments"]}


# --- the side of a feature against a province


@pytest.mark.parametrize("text", [
    "沂河北岸地块已完成征收。",      # a feature of one character opening the text: 沂|河北|岸
    "渭河南岸地块已完成征收。",
])
def test_the_side_of_a_feature_named_at_the_texts_start_is_no_province(text):
    assert places(text) == ([], [])


def test_a_province_after_punctuation_and_before_a_side_word_is_read():
    assert places("近年来,山东岸线资源开发加快。") == (["山东省"], [])


# --- a chain of words before a short city name


@pytest.mark.parametrize("text, city", [
    ("公司新建成长沙研发中心。", "长沙市"),          # 新建|成|长沙: 建成 ends where 长沙 begins, 成长 is never read
    ("项目拟建成长春最大的物流枢纽。", "长春市"),
    ("公司新建成都研发中心。", "成都市"),
])
def test_a_city_after_a_building_verb_and_its_result_is_read(text, city):
    assert places(text) == ([], [city])


# --- a designation's word right before its suffix, with no other stop word in the name


@pytest.mark.parametrize("text, zone", [
    ("国家城乡融合发展试验区建设推进会召开。", "城乡融合发展试验区"),
    ("长三角生态绿色一体化发展示范区执委会成立。", "长三角生态绿色一体化发展示范区"),
])
def test_a_zone_whose_name_holds_only_its_designation_word_is_read_whole(text, zone):
    assert zones(text) == [zone]


# --- lists given respectively (分别)


def test_one_head_before_respectively_makes_no_list_and_its_count_is_read_as_any_other():
    assert counts("两个园区分别有5个项目签约。") == {("签约", 5)}


def test_more_heads_than_any_list_holds_are_no_list_and_the_places_among_them_are_read():
    text = "济南、青岛、淄博、枣庄、东营、烟台、潍坊、济宁、泰安、威海、临沂、德州、聊城、滨州签约项目分别为12个、9个。"
    assert places(text) == ([], ["济南市", "青岛市", "淄博市", "枣庄市", "东营市", "烟台市", "潍坊市", "济宁市",
                                 "泰安市", "威海市", "临沂市", "德州市", "聊城市", "滨州市"])


def test_values_parted_by_a_comma_from_the_first_pair_with_their_heads():
    text = "签约项目数和总投资分别为25个,300亿元。"
    assert counts(text) == {("签约", 25)}
    assert amounts(text) == {300.0}


def test_more_values_than_heads_give_no_count():
    assert counts("签约、开工项目分别为32个、20个、15个。") == set()


def test_values_printed_without_a_unit_take_the_unit_of_the_last():
    assert counts("签约、开工、投产项目分别为32、20、15个。") == {("签约", 32), ("开工", 20), ("投产", 15)}
