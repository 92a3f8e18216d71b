"""Project counts in the phrasings news prints around them: what a number next to a stage verb counts, where
one count's words end and the next begin, joined stage verbs, and the glue, colons, brackets, long descriptions
and far stage verbs between a number and its projects."""

import pytest

from crawler.facts import extract, to_schema


def counts(text: str, title: str = "") -> set[tuple[str, int]]:
    return {(item["stage"], item["count"]) for item in to_schema(extract(title, text))["project_counts"]}


def count_spans(text: str) -> list[str]:
    return [fact.span for fact in extract("", text) if fact.kind == "project_count"]


# --- a stage verb before a number that counts something else


@pytest.mark.parametrize("text, expected", [
    ("签约仪式上,双方现场签署5个合作协议,签约项目31个。", {("签约", 31)}),
    ("大会签订9项战略合作框架协议。", set()),
    ("活动现场集中签约7个高层次人才团队。", set()),
    ("此次会上又正式发布第二批14个特色产业园区。", set()),
    ("签订6项投资合同涉及项目总投资50亿元。", set()),           # 合同, not the projects after them
    ("共签约了涉及9个行业的重点项目42个。", {("签约", 42)}),      # 9 counts industries
])
def test_a_stage_verb_before_a_number_counts_projects_only_when_the_number_names_no_other_thing(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("今年共签约31个,总投资120亿元。", {("签约", 31)}),             # the count ends its clause
    ("集中开工23个、竣工8个。", {("开工", 23), ("竣工", 8)}),
    ("共签约18个已签订投资协议的项目。", {("签约", 18)}),           # 协议 inside the words before 的
    ("集中开工12个重点工业和基础设施及社会民生类建设项目。", {("开工", 12)}),  # 项目 far on in the clause
    ("签约18个工业和11个服务业项目。", {("签约", 18), ("签约", 11)}),       # both count the projects after them
])
def test_a_stage_verb_before_a_number_still_counts_projects(text, expected):
    assert counts(text) == expected


def test_a_stage_verb_and_a_count_ending_a_title_before_a_space():
    assert counts("", title="晋中集中签约23个 总投资156亿元") == {("签约", 23)}


# --- two counts joined by 和, 及, 与 in one clause


@pytest.mark.parametrize("text, expected", [
    ("全县新建项目31个及续建项目17个。", {("新建", 31), ("续建", 17)}),
    ("今年落地项目9个与投产项目6个。", {("落地", 9), ("投产", 6)}),
    ("一季度签约18个项目和开工11个项目。", {("签约", 18), ("开工", 11)}),
    ("签约项目18个和11个开工项目。", {("签约", 18), ("开工", 11)}),
    ("全年签约23个和开工15个。", {("签约", 23), ("开工", 15)}),
])
def test_two_counts_joined_by_a_conjunction_keep_their_own_stages(text, expected):
    assert counts(text) == expected


def test_a_count_joined_to_the_next_spans_only_its_own_words():
    assert count_spans("全县新建项目31个及续建项目17个。") == ["新建项目31个", "续建项目17个"]


# --- two stage verbs joined by 并, 和, 及, 暨


@pytest.mark.parametrize("text, expected", [
    ("已签约并落地项目14个。", {("其他", 14)}),
    ("竣工及投产项目8个。", {("其他", 8)}),
    ("12个项目集中签约暨开工。", {("其他", 12)}),
    ("开工并投产的项目有6个。", {("其他", 6)}),
    ("今年新开工和续建项目共计57个。", {("其他", 57)}),
])
def test_two_stage_verbs_joined_by_a_conjunction_are_one_combined_verb(text, expected):
    assert counts(text) == expected


# --- words between 项目 and the number


@pytest.mark.parametrize("text, expected", [
    ("全市在建项目数量为126个。", {("在建", 126)}),
    ("储备项目总量达85个。", {("储备", 85)}),
    ("今年新开工项目计47个。", {("开工", 47)}),
    ("入驻项目增至62个。", {("入驻", 62)}),
    ("签约项目数量已达三十一个。", {("签约", 31)}),
])
def test_glue_words_between_the_projects_and_their_number(text, expected):
    assert counts(text) == expected


def test_an_increase_is_no_count():
    assert counts("签约项目增加5个。") == set()


@pytest.mark.parametrize("text, expected", [
    ("新开工项目：45个；竣工项目：12个。", {("开工", 45), ("竣工", 12)}),
    ("在建项目总数:108个。", {("在建", 108)}),
    ("竣工项目个数:26个,总投资85亿元。", {("竣工", 26)}),
    ("集中开工现场:45个。", set()),                     # the heading names no projects
    ("新开工项目:其中工业项目45个。", {("其他", 45)}),     # a breakdown after the colon keeps no stage
])
def test_a_colon_between_the_projects_and_their_number(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("此次集中开工项目（31个）总投资达96亿元。", {("开工", 31)}),
    ("签约项目(共18个),协议投资60亿元。", {("签约", 18)}),
])
def test_a_count_in_brackets_after_the_projects(text, expected):
    assert counts(text) == expected


def test_a_count_in_brackets_spans_both_brackets():
    assert count_spans("此次集中开工项目（31个）总投资达96亿元。") == ["开工项目（31个）"]


@pytest.mark.parametrize("text, expected", [
    ("签约项目 十八 个。", {("签约", 18)}),
    ("新开工项目 二十六个。", {("开工", 26)}),
])
def test_a_space_next_to_a_chinese_numeral(text, expected):
    assert counts(text) == expected


# --- words between the number and 项目


@pytest.mark.parametrize("text, expected", [
    ("27个涵盖高端装备、新一代信息技术、现代物流等产业的重大项目集中签约。", {("签约", 27)}),
    ("19个计划总投资超过80亿元的工业和基础设施项目集中开工。", {("开工", 19)}),
    ("16个新能源、新材料项目集中签约。", {("签约", 16)}),
])
def test_long_words_and_enumerations_describing_the_projects(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("引进企业5个、签约项目12个。", {("签约", 12)}),      # 、 right after the classifier ends the count's words
    ("完成5个,另有签约项目12个。", {("签约", 12)}),
    # longer than 16 characters with no 的 ending the description: no tie
    ("48个重点工业和基础设施及社会民生类建设项目集中开工。", set()),
    # 的 closes the description, but more than 16 characters before 项目
    ("12个符合条件的先进制造业和现代服务业及社会民生类建设项目集中开工。", set()),
])
def test_what_long_descriptions_do_not_tie(text, expected):
    assert counts(text) == expected


# --- a stage verb far after 项目


@pytest.mark.parametrize("text, expected", [
    ("31个项目在高新区智能制造产业园一期现场举行集中开工仪式。", {("开工", 31)}),
    ("18个项目于4月12日在市民服务中心一楼大厅集中签约。", {("签约", 18)}),
])
def test_a_stage_verb_ending_its_clause_far_after_the_projects(text, expected):
    assert counts(text) == expected


def test_a_far_stage_verb_ending_a_title_before_a_space():
    assert counts("", title="9个项目在市民服务中心广场东侧会议室集中签约 总投资38亿元") == {("签约", 9)}


@pytest.mark.parametrize("text, expected", [
    ("有21个项目因环评和用地手续等原因至今尚未开工。", {("其他", 21)}),         # negated
    ("18个项目尚未开工。", {("其他", 18)}),                                # negated, near too
    ("15个项目的前期手续已在市行政审批局办理完毕并具备开工条件。", {("其他", 15)}),  # 开工 ends no clause
    ("12个项目由8家企业投资建设并于今年年底前开工。", {("其他", 12)}),         # another figure between
    ("12个项目在市民服务中心广场东侧会议室旁的开工现场举行签约仪式。", {("其他", 12)}),   # two stage verbs
])
def test_what_a_far_stage_verb_does_not_give(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    # every item of a list after 其中 splits the set by another criterion, not only the first
    ("今年新开工项目15项，其中产业化项目12项，加速器项目3项。", {("开工", 15), ("其他", 12), ("其他", 3)}),
    ("成功签约35个重大项目，签约额1184亿元，其中，合同项目24个，合同金额408亿元。", {("签约", 35), ("其他", 24)}),
])
def test_every_item_of_a_breakdown_after_qizhong_has_no_stage(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("其中58个新建续建项目年内将全部开工。", {("其他", 58)}),   # 新建续建: one combined verb, whatever follows
    ("今年有23个已签约项目。", {("签约", 23)}),
    ("签约项目6个已落地。", {("落地", 6)}),                     # a verb after the count settles its stage
])
def test_the_words_before_projects_give_their_stage_and_a_verb_after_the_count_gives_it_otherwise(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("海高会已经牵线落地3个亿元以上工业项目。", {("落地", 3)}),
    ("共签约5个亿元级项目。", {("签约", 5)}),
    ("今年新开工3个亿元及以上项目。", {("开工", 3)}),
])
def test_a_count_of_projects_of_a_size_is_a_count(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("三个园区新签约项目12个。", {("签约", 12)}),              # 12 projects in three parks
    ("两个开发区集中开工项目20个。", {("开工", 20)}),
])
def test_a_number_of_parks_is_no_count_of_projects(text, expected):
    assert counts(text) == expected


# --- 落户 (settling in a place) is none of SCHEMA.md's stages: another verb


@pytest.mark.parametrize("text, expected", [
    ("落户示范区的项目达到2337个。", {("其他", 2337)}),
    ("落户贵阳国家高新区的27个重大项目集中开工。", {("开工", 27)}),   # the stage is the verb that follows
    ("今年落地项目12个。", {("落地", 12)}),                           # 落地 is a stage
])
def test_settling_in_a_place_is_another_verb_not_a_landing(text, expected):
    assert counts(text) == expected


# --- a stage verb after 项目…N个, some words on, tells the stage as it does after N个项目


@pytest.mark.parametrize("text, expected", [
    ("重点项目5个参加集中签约。", {("签约", 5)}),
    ("甲项目、乙项目、丙项目3项计划参加集中签约专题活动。", {("签约", 3)}),
    ("工业项目9个,总投资将超过26亿元。", {("其他", 9)}),           # no verb in its clause: no stage
    ("重点项目5个尚未开工。", {("其他", 5)}),                      # a negated verb tells none
])
def test_a_stage_verb_after_the_count_of_named_projects(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("签约开竣工项目共15个。", {("其他", 15)}),     # 开竣工 joins two stages: with 签约, a combined verb
    ("开竣工签约项目共15个。", {("其他", 15)}),
    ("开竣工项目15个。", {("其他", 15)}),
    ("新增签约项目15个。", {("签约", 15)}),        # a verb of no stage still gives way to the stage after it
])
def test_a_word_joining_two_stages_is_a_combined_verb_beside_another(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("全区新签“四类500强”企业投资项目62个。", {("签约", 62)}),   # 新签 is signing
    ("今年完工14个项目。", {("其他", 14)}),                       # 完工: not among SCHEMA.md's stage words
])
def test_newly_signed_is_signing_and_work_finished_is_another_verb(text, expected):
    assert counts(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("共实施新建、续建招商引资项目4648个。", {("其他", 4648)}),        # two stages across a 、: combined
    ("签约23个、开工15个。", {("签约", 23), ("开工", 15)}),             # two counts, each its own stage
    ("签约项目23个、开工项目15个。", {("签约", 23), ("开工", 15)}),
    ("80个重点重大项目集中竣工投运、开工启动。", {("其他", 80)}),      # two stages after 项目: combined
    ("80个重点重大项目集中开工启动竣工投运", {("其他", 80)}),
    ("10个项目签约、5个项目开工。", {("签约", 10), ("开工", 5)}),
])
def test_two_stage_verbs_parted_by_an_enumeration_comma_or_a_few_words_are_one_combined_verb(text, expected):
    assert counts(text) == expected


def test_a_list_of_figures_ending_in_percentage_points_counts_nothing():
    assert counts("入园项目的履约率分别超过未入园项目 24个、7 个、14 个和4.8 个百分点。") == set()
    assert counts("入园项目 24个、落地项目 7 个。") == {("入驻", 24), ("落地", 7)}


def test_a_list_item_with_a_verb_of_its_own_takes_no_stage_from_the_item_before():
    text = "共安排正式项目152项,其中包括年内计划新开工项目24项,建成项目11项。"
    assert counts(text) == {("其他", 152), ("开工", 24), ("其他", 11)}


@pytest.mark.parametrize("title, expected", [
    ("上海今年将安排152项重大建设项目 华为上海研发基地等计划开工", {("其他", 152)}),   # the next part's verb
    ("宁夏20个重大项目 集中开工", {("开工", 20)}),                                  # one phrase, spaced
])
def test_a_stage_verb_in_a_title_s_next_part_is_not_the_count_s(title, expected):
    assert counts("", title=title) == expected
