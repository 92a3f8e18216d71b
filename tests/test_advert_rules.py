"""The advert rule at its edges: the lengths that part an agent's card from prose, the title above a name,
and which images beside an advert go with it (their group, their captions, the body's ends)."""

import re

import pytest

from crawler.adverts import AdvertBlockRule
from crawler.cleaning import clean_body

URL = "http://www.zhongnangaoke.com.cn/index.php/post/1.html"
HOST = "http://www.zhongnangaoke.com.cn"
ARTICLE = "园区今年新建标准厂房12万平方米，吸引了一批先进制造业企业入驻，产业集聚效应初步显现。"
NEXT = "下一步，园区将加快推进重点项目建设，确保早投产、早见效。"
GENERIC = AdvertBlockRule()
SITE = AdvertBlockRule("site_contact_block", services=re.compile(r"招商|厂房|土地|租售|租赁|出租|出售|选址|仓库|仓储|写字楼"))
NUMBER = "电话：139 1234 5678"


def p(text: str) -> str:
    return f"<p>{text}</p>"


def img(name: str, alt: str = "") -> str:
    return f'<p><img src="/zb_users/upload/2024/03/{name}" alt="{alt}"></p>'


def image(name: str) -> str:
    return f"{HOST}/zb_users/upload/2024/03/{name}"


def clean(*parts: str, rule=GENERIC):
    return clean_body("".join(parts), URL, (rule,))


def lines(cleaned) -> list[str]:
    return cleaned.text.split("\n") if cleaned.text else []


# Lengths -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("length, advert", [(80, True), (81, False)])
def test_a_call_to_the_reader_of_up_to_80_characters_is_an_advert_a_longer_line_is_prose(length, advert):
    head = "扫码添加招商顾问微信，免费获取园区最新招商政策、厂房土地租售信息"
    line = head + "和项目落地全流程服务指南，" * 5
    line = line[:length - 1] + "。"
    assert len(line) == length
    cleaned = clean(p(ARTICLE), p(line), p(NEXT))
    assert lines(cleaned) == [ARTICLE] + ([] if advert else [line]) + [NEXT]


@pytest.mark.parametrize("length, advert", [(30, True), (31, False)])
def test_a_card_head_naming_role_and_agent_is_at_most_30_characters(length, advert):
    head = ("园区招商顾问 刘经理 工业用地、标准厂房、仓储物流、写字楼" + "租售")[:length]
    assert len(head) == length
    cleaned = clean(p(ARTICLE), p(head), p(NUMBER), p(NEXT))
    assert lines(cleaned) == [ARTICLE] + ([] if advert else [head, NUMBER]) + [NEXT]


def test_a_card_head_that_ends_as_a_sentence_is_prose():
    head = "园区招商顾问刘经理带队赴长三角考察。"
    cleaned = clean(p(ARTICLE), p(head), p(NUMBER), p(NEXT))
    assert lines(cleaned) == [ARTICLE, head, NUMBER, NEXT]


@pytest.mark.parametrize("length, advert", [(20, True), (21, False)])
def test_a_name_on_its_own_line_under_a_card_title_is_at_most_20_characters(length, advert):
    name = ("王先生（周一至周五上午九点至下午五点在岗" + "值")[:length]
    assert len(name) == length
    cleaned = clean(p(ARTICLE), p("厂房租售"), p(name), p(NUMBER), p(NEXT), rule=SITE)
    assert lines(cleaned) == [ARTICLE] + ([] if advert else ["厂房租售", name, NUMBER]) + [NEXT]


@pytest.mark.parametrize("length, advert", [(20, True), (21, False)])
def test_a_card_title_is_at_most_20_characters(length, advert):
    title = ("园区标准厂房和工业用地租售服务中心太原办事处" + "处")[:length]
    assert len(title) == length
    cleaned = clean(p(ARTICLE), p(title), p("王先生"), p(NUMBER), p(NEXT), rule=SITE)
    assert lines(cleaned) == [ARTICLE] + ([] if advert else [title, "王先生", NUMBER]) + [NEXT]


@pytest.mark.parametrize("tail, advert", [("（节假日也值班）", True), ("（节假日也可值班）", False)])
def test_an_agents_number_may_be_followed_by_up_to_six_han_characters(tail, advert):
    line = f"招商顾问：张伟 13912345678{tail}"
    cleaned = clean(p(ARTICLE), p(line), p(NEXT))
    assert lines(cleaned) == [ARTICLE] + ([] if advert else [line]) + [NEXT]


@pytest.mark.parametrize("words, advert", [("园区综合服务中心值班全天", True), ("园区综合服务中心值班室全天", False)])
def test_a_bare_contact_line_under_a_call_holds_at_most_twelve_han_characters(words, advert):
    line = f"{words} 0351-7654321"
    cleaned = clean(p(ARTICLE), p("扫码添加顾问微信，免费获取园区政策"), p(line), p(NEXT))
    assert lines(cleaned) == [ARTICLE] + ([] if advert else [line]) + [NEXT]


# The title above a name ------------------------------------------------------------------------

def test_a_card_at_the_top_of_the_body_is_removed():
    cleaned = clean(p("厂房租售"), p("王先生"), p(NUMBER), p(ARTICLE), p(NEXT), rule=SITE)
    assert lines(cleaned) == [ARTICLE, NEXT]


def test_a_name_and_number_opening_a_notice_are_no_card_whatever_line_ends_the_body():
    cleaned = clean(p("王先生"), p(NUMBER), p(ARTICLE), p("厂房租售"), rule=SITE)
    assert lines(cleaned) == ["王先生", NUMBER, ARTICLE, "厂房租售"]


# Images beside an advert ------------------------------------------------------------------------------

def test_an_image_whose_file_name_says_wechat_goes_with_the_advert_beside_it():
    cleaned = clean(p(ARTICLE), img("wx-liu.png"), p("微信同号：13912345678"), p(NEXT))
    assert cleaned.images == [] and lines(cleaned) == [ARTICLE, NEXT]


def test_a_plain_image_in_one_group_with_a_qr_code_goes_whichever_side_of_it_it_stands():
    for group in (img("83920174.png") + img("qrcode-liu.png"), img("qrcode-liu.png") + img("83920174.png")):
        before = clean(p(ARTICLE), group, p("微信同号：13912345678"), p(NEXT))
        after = clean(p(ARTICLE), p("微信同号：13912345678"), group, p(NEXT))
        for cleaned in (before, after):
            assert cleaned.images == [] and lines(cleaned) == [ARTICLE, NEXT]


def test_a_photo_after_the_advert_next_to_article_text_stays_though_a_qr_code_stands_elsewhere():
    cleaned = clean(p(ARTICLE), img("qrcode.png"), p(NEXT), p("微信同号：13912345678"), img("site.jpg"), p(NEXT))
    assert cleaned.images == [image("qrcode.png"), image("site.jpg")]
    assert lines(cleaned) == [ARTICLE, NEXT, NEXT]


def test_an_advert_opening_the_body_takes_the_qr_code_under_its_caption():
    cleaned = clean(p("扫码添加顾问微信，免费获取园区政策"), img("83920174.png"), p(ARTICLE), p(NEXT))
    assert cleaned.images == [] and lines(cleaned) == [ARTICLE, NEXT]


def test_images_opening_the_body_right_above_an_advert_go_with_it():
    cleaned = clean(img("83920174.png"), img("83920175.png"), p("微信同号：13912345678"), p(ARTICLE), p(NEXT))
    assert cleaned.images == [] and lines(cleaned) == [ARTICLE, NEXT]


def test_qr_codes_closing_the_body_go_with_the_advert_above_them():
    cleaned = clean(p(ARTICLE), p(NEXT), p("微信同号：13912345678"), img("83920174.png"), img("83920175.png"))
    assert cleaned.images == [] and lines(cleaned) == [ARTICLE, NEXT]


def test_a_qr_code_whose_alt_text_asks_to_scan_takes_the_plain_image_beside_it():
    cleaned = clean(img("83920174.png", "扫码添加顾问微信"), img("83920175.png"), p(ARTICLE), p(NEXT))
    assert cleaned.images == [] and lines(cleaned) == [ARTICLE, NEXT]


def test_a_title_and_a_name_above_a_line_another_rule_removed_are_no_card_without_a_number():
    from crawler.boilerplate import SOURCE_LINE
    cleaned = clean_body("".join([p(ARTICLE), p("厂房租售"), p("王先生"), p("来源：园区管委会"), p(NEXT)]), URL,
                         (SOURCE_LINE, SITE))
    assert lines(cleaned) == [ARTICLE, "厂房租售", "王先生", NEXT]
    assert cleaned.fields == {"source": "园区管委会"}


def test_a_photo_under_a_long_paragraph_stays_though_an_advert_follows_it():
    long = ARTICLE + "园区还配套建设了人才公寓、职工食堂和综合服务中心，企业入驻后可享受“拎包入驻”的便利条件，项目从签约到开工平均用时缩短至45天。"
    assert len(long) > 80
    cleaned = clean(p(long), img("site.jpg"), p("微信同号：13912345678"), p(NEXT))
    assert cleaned.images == [image("site.jpg")] and lines(cleaned) == [long, NEXT]


# Words news shares with adverts --------------------------------------------------------------------

@pytest.mark.parametrize("line", ["园区为入驻企业免费提供办公场地和人才公寓。", "对新落户项目，开发区免费提供标准厂房三年。",
                                  "该公司通过私信方式与客户沟通，三天内完成签约。", "园区还为参展企业免费送检产品样品。"])
@pytest.mark.parametrize("rule", [GENERIC, SITE], ids=["generic", "site"])
def test_an_offer_or_a_private_message_in_a_news_sentence_is_the_articles(line, rule):
    assert lines(clean(p(ARTICLE), p(line), p(NEXT), rule=rule)) == [ARTICLE, line, NEXT]


@pytest.mark.parametrize("line", ["私信小编，免费提供厂房选址方案", "免费提供园区招商政策解读，欢迎来电咨询"])
def test_the_same_words_beside_an_agents_number_are_an_advert(line):
    assert lines(clean(p(ARTICLE), p(line), p("微信同号：139 1234 5678"), p(NEXT), rule=SITE)) == [ARTICLE, NEXT]


# Wordings that hold their own evidence ---------------------------------------------------------------

@pytest.mark.parametrize("advert", [
    ["项目对接：张经理 186-0351-1234"],                                # an agent's name and number, any label
    ["如需了解更多厂房出租/出售信息，欢迎来电咨询：0351-5550123"],      # a polite call ending with the number
    ["想了解园区政策？点击下方名片或拨打 400-123-4567"],                # 拨打 right before it
    ["厂房出租 仓库出租 土地出售，详询 17712345678 李先生"],            # 详询 right before it
    ["欢迎各地企业家来园区考察洽谈！咨询电话：0354-3016888"],
    ["商务合作：微信 yqzs888 / 电话 18612345678"],                     # a WeChat id after a space
    ["【园区招商】", "联系人：刘女士", "手机：139-1234-5678"],           # a service's title, then whom to contact
    ["厂房租售", "联系人：王先生 13912345678"],
])
def test_a_line_that_calls_or_names_an_agent_with_a_number_is_an_advert(advert):
    assert lines(clean(p(ARTICLE), p(NEXT), *map(p, advert), rule=SITE)) == [ARTICLE, NEXT]


@pytest.mark.parametrize("content", [
    ["如有疑问，请拨打0351-1234567。"],                                 # a notice's sentence, not a card
    ["园区招商服务中心", "联系人：王女士", "联系电话：0351-5678901"],     # an issuer signs its own contact lines
    ["联系人：张经理", "联系电话：139 1234 5678"],                       # a notice's own contact fields
    ["政策咨询：0351-1234567"],                                        # a field labelled 咨询 is no call to dial
    ["我们的微信 WeChat 服务号已经上线"],                                # a word after 微信 is no id without a digit
])
def test_a_notice_s_own_contact_and_sentences_stay(content):
    assert lines(clean(p(ARTICLE), *map(p, content), rule=SITE)) == [ARTICLE, *content]


def test_a_name_under_a_call_naming_a_service_heads_a_card_with_the_number_below():
    """欢迎咨询厂房租售 / 王先生 / 电话：… : the name alone on its line, its number on the next."""
    advert = ["欢迎咨询厂房租售", "王先生", "电话：0351-7654321"]
    assert lines(clean(p(ARTICLE), p(NEXT), *map(p, advert), rule=SITE)) == [ARTICLE, NEXT]
