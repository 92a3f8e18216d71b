"""Provinces, cities and zones where the characters of a name stand in other words: the side of a
mountain or river spelling a province, a short city name read across a word boundary, a banner named
after its league, and zone names that begin or hold a word which otherwise ends or opens no name."""

import pytest

from crawler.facts import extract, to_schema


def places(text: str) -> tuple[list[str], list[str]]:
    shaped = to_schema(extract("", text))
    return shaped["provinces"], shaped["cities"]


def zones(text: str) -> list[str]:
    return to_schema(extract("", text))["zones"]


# --- the side of a mountain, river or lake is no province


@pytest.mark.parametrize("text", [
    "葡萄酒庄集中分布在贺兰山东麓一带。",
    "新城区规划建在渭河南岸。",
    "产业园沿沂河北岸布局。",
    "物流基地选址巢湖北岸。",
    "文旅项目落在洪泽湖南畔。",
    "光伏电站建在六盘山西坡。",
    "码头位于漓江西岸。",
    "生态廊道贯穿滹沱河北侧。",
])
def test_a_side_of_a_named_feature_is_no_province(text):
    assert places(text) == ([], [])


@pytest.mark.parametrize("text, province", [
    ("山东岸线资源丰富。", "山东省"),                 # no feature's name before it: the province
    ("企业加快布局河南,项目遍及河北各地。", "河北省"),   # after a Han character, no side word
    ("其中湖北侧重发展光电子产业。", "湖北省"),       # 侧重 is a verb, no side
])
def test_a_province_before_a_side_word_is_still_read_when_no_feature_is_named(text, province):
    assert province in places(text)[0]


# --- a short city name read across a word boundary


@pytest.mark.parametrize("text", [
    "加快形成都市圈一体化发展新格局。",
    "项目建成都将成为区域龙头。",
    "全体干部职工郑重庆祝建区二十周年。",
    "着力打通化工产业链堵点。",
    "园区开通化学品运输专线。",
    "企业锁定西部市场持续发力。",
    "合同约定西侧地块由企业自建。",
    "园区定点医院纳入医保定点医院名单。",
    "引进年产30万吨复合肥项目。",
    "聚焦作风建设提升服务效能。",
    "其中卫生健康项目3个。",
    "巩固原有产业优势。",
    "向广大同志致以节日问候。",
    "扩大连锁经营规模。",
    "各方要各自贡献力量。",
])
def test_a_short_city_name_across_a_word_boundary_is_no_city(text):
    assert places(text) == ([], [])


@pytest.mark.parametrize("text, province, city", [
    ("奋力谱写美丽江西建设新篇章。", ["江西省"], []),          # 美丽|江西: the province after the word
    ("其中山东、河南各签约3个项目。", ["山东省", "河南省"], []),  # 其中|山东, no 中山
    ("外地客商纷纷投资阳泉。", [], ["阳泉市"]),                 # 投资|阳泉, no 资阳
    ("中国电信阳泉分公司参与建设。", [], ["阳泉市"]),
    ("在建成都至自贡铁路进展顺利。", [], ["成都市", "自贡市"]),   # 在建|成都: the building verb ends first
    ("这里的环境比重庆时期好得多。", ["重庆市"], []),           # 比 is a preposition: 比|重庆
    ("客商从中山出发。", [], ["中山市"]),
])
def test_a_name_right_after_such_a_word_is_read(text, province, city):
    assert places(text) == (province, city)


def test_a_river_source_is_no_city():
    assert places("保护渭河源头生态。") == ([], [])


# --- a banner is county level


@pytest.mark.parametrize("text, cities", [
    ("阿拉善左旗招商推介会在银川举行。", ["银川市"]),
    ("阿拉善右旗新开工项目3个。", []),
])
def test_a_banner_named_after_its_league_is_no_league(text, cities):
    assert places(text)[1] == cities


# --- zones: a name needs a proper name, not only qualifiers


@pytest.mark.parametrize("text", [
    "园区正全力争创国家级高新技术产业开发区。",
    "我市将积极申建综合保税区。",
    "力争年内晋升国家级经济技术开发区。",
    "全面对标沿海开发区的招商做法。",
    "省内开发区亩均税收排名公布。",
    "山西省内开发区亩均税收排名公布。",
    "县域开发区要突出主导产业。",
    "全省市县开发区主要负责人参加培训。",
    "学习借鉴沿海开发区招商经验。",
    "支持企业在境外产业园布局。",
])
def test_aspired_or_scoped_zones_name_no_zone(text):
    assert zones(text) == []


# --- zones: a name that begins with or holds a word that otherwise opens or ends no name


@pytest.mark.parametrize("text, zone", [
    ("新乡经济技术开发区举行重点项目集中签约。", "新乡经济技术开发区"),
    ("项目落户新余高新区。", "新余高新区"),
    ("本溪高新区新签约生物医药项目5个。", "本溪高新区"),
    ("和田经济开发区招商推介会在乌鲁木齐举行。", "和田经济开发区"),
    ("项目落户新郑综合保税区。", "新郑综合保税区"),
    ("从化经济开发区集中开工项目8个。", "从化经济开发区"),
    ("客商走进将乐经济开发区。", "将乐经济开发区"),
    ("新都高新区与企业签约。", "新都高新区"),
    ("呼和浩特经济技术开发区集中签约12个项目。", "呼和浩特经济技术开发区"),
    ("和林格尔新区新开工项目6个。", "和林格尔新区"),
    ("无为经济开发区新签约项目9个。", "无为经济开发区"),
    ("项目落户周至经济开发区。", "周至经济开发区"),
])
def test_a_zone_named_after_a_place_that_begins_with_or_holds_such_a_word(text, zone):
    assert zones(text) == [zone]


def test_a_conjunction_before_a_place_still_parts_two_zones():
    assert zones("漳州经开区和龙岩经开区签约。") == ["漳州经开区", "龙岩经开区"]


@pytest.mark.parametrize("text, zone", [
    ("深圳前海深港现代服务业合作区今年新增企业3000家。", "深圳前海深港现代服务业合作区"),
    ("项目落户许昌市现代服务业集聚区。", "许昌市现代服务业集聚区"),
    ("南京服务外包产业园签约项目5个。", "南京服务外包产业园"),
])
def test_a_zone_named_for_services(text, zone):
    assert zones(text) == [zone]


def test_a_verb_of_service_still_parts_a_name():
    assert zones("全力服务高新区企业发展。") == []


@pytest.mark.parametrize("text, found", [
    ("预计阳澄湖高新区新老项目可实现年税收6亿元。", ["阳澄湖高新区"]),          # an estimate
    ("商会协助引荐湖南金荣集团产业园落户。", ["湖南金荣集团产业园"]),           # an introduction
    ("繁忙的建设场景在实创股份所属科技园区中处处可见。", []),                   # what a firm owns: no name left
    ("产业园位于本市津南区八里台工业区。", ["津南区八里台工业区"]),              # this city
    ("据贵阳国家高新区介绍，项目进展顺利。", ["贵阳国家高新区"]),                # according to
    ("重点就湘商产业园进行招商。", ["湘商产业园"]),                            # as for
    ("市场创新产业园一期项目工业物流园开工。", []),                            # a project's part: no name left
])
def test_a_verb_or_preposition_before_a_zone_opens_no_name(text, found):
    assert zones(text) == found


@pytest.mark.parametrize("text, zone", [
    ("中关村大数据产业园今天开园。", "中关村大数据产业园"),                   # 据 inside 数据
    ("返乡就业创业园揭牌。", "返乡就业创业园"),                              # 就 inside 就业
])
def test_a_noun_holding_such_a_preposition_stays_in_the_name(text, zone):
    assert zones(text) == [zone]


@pytest.mark.parametrize("text, zone", [
    ("宝庆工业集中区签约项目5个。", "宝庆工业集中区"),
    ("项目落户宁夏先行区。", "宁夏先行区"),
])
def test_industrial_concentration_areas_and_pilot_zones_are_zones(text, zone):
    assert zones(text) == [zone]


def test_a_park_built_as_a_project_is_no_zone():
    assert zones("长沙市商会引荐湖南金荣集团产业园建设项目。") == []
    assert zones("加快湘商产业园建设。") == ["湘商产业园"]


@pytest.mark.parametrize("text, city", [
    ("海东工业园区意向签约160亿元。", "海东市"),
    ("白银高新区签约项目5个。", "白银市"),
    ("日照经济技术开发区集中开工。", "日照市"),
])
def test_a_short_name_that_is_mostly_a_word_names_its_city_before_a_zone_s_suffix(text, city):
    assert to_schema(extract("", text))["cities"] == [city]


@pytest.mark.parametrize("text", ["来宾参观了展会。", "中国白银行业协会成立。", "日照充足，适宜发展光伏。", "朝阳区新签约项目5个。"])
def test_such_a_name_elsewhere_is_no_place(text):
    assert to_schema(extract("", text))["cities"] == []


@pytest.mark.parametrize("text", ["沂河北岸建有产业园。", "全市拥有省级以上开发区12个。", "园区设有创业园。"])
def test_what_a_place_has_names_no_zone(text):
    assert zones(text) == []


# --- new towns built as zones, and the words that hold 新城 without naming one


@pytest.mark.parametrize("text, zone", [
    ("中联重科拟在江阴临港新城建立华东基地。", "江阴临港新城"),
    ("开工仪式在海口美安科技新城内举行。", "海口美安科技新城"),
])
def test_a_new_town_is_a_zone(text, zone):
    assert zones(text) == [zone]


@pytest.mark.parametrize("text", [
    "项目位于西安市新城区。",              # a district
    "承包厂房拆迁的杭州新城建筑工程队没有资质。",  # a company's name
    "吾悦广场由新城控股开发。",
    "全市规划建设五个新城。",              # a class of towns, no name
])
def test_words_holding_new_town_name_no_zone(text):
    assert zones(text) == []


def test_a_zone_s_governing_body_and_officers_end_the_next_name():
    # the officer's name and the verb he leads with do not run into the second mention (once per article)
    assert zones("市委常委、临港新城管委会主任薛良率临港新城管委会前往洽谈。") == ["临港新城"]


@pytest.mark.parametrize("text, zone", [
    ("密切对接新能源示范区建设。", "新能源示范区"),
    ("建设新材料产业园。", "新材料产业园"),
])
def test_a_noun_opening_with_a_generic_word_keeps_it(text, zone):
    assert zones(text) == [zone]


@pytest.mark.parametrize("text", ["西安铁路枢纽西安站改扩建工程新城段开工。", "地铁新城站建成。"])
def test_a_section_or_a_station_named_new_town_is_no_zone(text):
    assert zones(text) == []


@pytest.mark.parametrize("text, found", [
    ("当天12个项目集中开工,其中经开区本部6个。", []),         # 其中 opens no name: no name is left
    ("引发赣江新区新一轮发展热潮。", ["赣江新区"]),
    ("借助滨海新区的政策优势。", ["滨海新区"]),
    ("赣江新区·南昌经开区举办签约活动。", ["赣江新区", "南昌经开区"]),   # a separator opens no name
])
def test_a_breakdown_word_a_verb_or_a_separator_opens_no_zone_s_name(text, found):
    assert zones(text) == found


@pytest.mark.parametrize("text, cities", [
    ("沈阳、大连、锦州、朝阳、盘锦等市签约。", ["沈阳市", "大连市", "锦州市", "朝阳市", "盘锦市"]),
    ("铁岭88个,朝阳115个,盘锦85个。", ["铁岭市", "朝阳市", "盘锦市"]),
    ("济南、泰安、日照、德州负责同志外出招商。", ["济南市", "泰安市", "日照市", "德州市"]),
    ("签约5个,朝阳产业蓬勃发展。", []),                     # a figure and a comma, but no place beside it
    ("朝阳、积极、向上的精神。", []),
])
def test_a_name_that_is_mostly_a_word_is_its_city_in_a_list_of_places(text, cities):
    assert to_schema(extract("", text))["cities"] == cities
