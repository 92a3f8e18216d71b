"""Advert and contact blocks leave the body in any wording, with their QR images; content that looks like them stays."""

import json

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from parsel import Selector

from crawler.adverts import AdvertBlockRule
from crawler.boilerplate import REPUBLISHING_RULES
from crawler.cleaning import clean_body, collapse
from crawler.portals.zhongnangaoke import Zhongnangaoke
from tests.advert_variants import advert_bodies, lookalike_bodies
from tests.conftest import rows, run_crawl
from tests.replica.advert_site import ARTICLES, SHAPES, advert_site
from tests.replica.bodies import img, p
from tests.replica.server import ReplicaServer
from tests.replica.site import standard_site

HOST = "http://www.zhongnangaoke.com.cn"
SITE = standard_site(HOST)
ARTICLE = "园区今年新建标准厂房12万平方米，吸引了一批先进制造业企业入驻，产业集聚效应初步显现。"
NEXT = "下一步，园区将加快推进重点项目建设，确保早投产、早见效。"


def clean(html: str, rules=Zhongnangaoke.rules):
    """Clean a body as the theme serves it (lazy-load and fancybox rewrites applied)."""
    themed = SITE.themed_body(type("B", (), {"html": html})())
    root = Selector(text=f'<div class="single">{themed}</div>').css("div.single")[0].root
    return clean_body(root, f"{HOST}/index.php/post/1.html", rules)


def html_view(body_html: str) -> tuple[list[str], list[str]]:
    """(text lines, image URLs) that a reader of body_html sees, read back from the markup."""
    lines, images = [], []
    if not body_html:
        return lines, images
    for element in lxml.html.fragments_fromstring(body_html):
        if element.tag == "table":
            lines += ["\t".join(collapse(cell.text_content()) for cell in row) for row in element.iter("tr")]
        elif element.tag in ("ul", "ol"):
            lines += [collapse(item.text_content()) for item in element]
        else:
            images += [image.get("src") for image in element.iter("img")]
            if collapse(element.text_content()):
                lines.append(collapse(element.text_content()))
    return lines, images


def assert_clean(cleaned, body, host=HOST):
    expected_images = [url.format(host=host) for url in body.images]
    assert cleaned.text == "\n".join(body.content)        # every line of the article, exactly, and nothing else
    assert cleaned.images == expected_images
    assert html_view(cleaned.html) == (list(body.content), expected_images)
    assert cleaned.fields.get("source") == body.source


# Property tests over composed variants ----------------------------------------------------------

@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(advert_bodies())
def test_every_advert_variant_is_removed_and_the_article_around_it_kept(body):
    assert_clean(clean(body.html), body)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lookalike_bodies())
def test_content_that_looks_like_an_advert_is_kept(body):
    assert_clean(clean(body.html), body)


# The parts, one by one -------------------------------------------------------------------------

@pytest.mark.parametrize("number", [
    "13912345678", "139 1234 5678", "139-1234-5678", "139.1234.5678", "+86 139 1234 5678", "0086-13912345678",
    "(+86)139-1234-5678", "１３９１２３４５６７８", "0351-7654321", "(0351)7654321", "（0351）765-4321",
    "010-8888-6666", "0351 7654321", "+86-351-7654321", "400-123-4567", "400 0123 021", "4001234567",
    "800-820-8820", "400.123.4567",
])
def test_an_agents_card_is_removed_whatever_the_numbers_written_form(number):
    cleaned = clean(p(ARTICLE) + p("<strong>园区招商顾问 刘经理</strong>") + p(f"电话：{number}"))
    assert cleaned.text == ARTICLE


@pytest.mark.parametrize("line", [
    "微信同号：13912345678", "13912345678（微信同号）", "电话（同微信）：139 1234 5678", "V信：zngk_8888", "加V：13912345678",
    "vx：yq20245", "VX：139-1234-5678", "QQ：123456789", "微信号：park2024", "手机/微信：13912345678",
    "或微信/手机：1352467851X",
])
def test_wechat_and_qq_wordings_are_removed(line):
    assert clean(p(ARTICLE) + p(line)).text == ARTICLE


@pytest.mark.parametrize("lines", [
    ["招商热线：0351-1234567"],
    ["产业招商/厂房土地租售：400 0123 021"],
    ["工业用地、标准厂房、仓储物流选址咨询热线：0351-7654321"],
    ["园区招商中心", "王先生 139 1234 5678"],
    ["招商经理：张伟 13912345678"],
    ["招商顾问：张伟 13912345678"],
    ["园区置业顾问：139 1234 5678"],
    ["联系人：李女士（置业顾问）", "手机：13912345678"],
])
def test_cards_that_name_a_role_or_service_with_a_number_are_removed(lines):
    assert clean(p(ARTICLE) + "".join(p(line) for line in lines)).text == ARTICLE


@pytest.mark.parametrize("line", [
    "扫码添加顾问微信，免费获取园区政策与优惠", "扫一扫加葛毅明的微信号", "长按识别二维码，立即咨询", "添加微信请备注“选址”",
    "扫描下方二维码，了解更多园区资讯", "加招商顾问微信，一对一对接园区资源", "扫一扫关注公众号",
])
def test_a_qr_code_goes_with_the_caption_that_asks_to_scan_it_or_add_someone(line):
    qr = img("/zb_users/upload/2024/03/83920174.png")   # no alt text, an innocent file name
    for markup in (qr + p(line), p(line) + qr):
        cleaned = clean(p(ARTICLE) + markup + p("电话：139 1234 5678") + p(NEXT))
        assert cleaned.text == f"{ARTICLE}\n{NEXT}" and cleaned.images == []


@pytest.mark.parametrize("line", ["免费获取最新招商政策", "欢迎垂询", "来电咨询，免费评估项目落地方案", "添加好友请备注“厂房”"])
def test_other_calls_to_action_are_removed_with_the_images_after_them(line):
    cleaned = clean(p(ARTICLE) + p(line) + p("电话：139 1234 5678") + img("/zb_users/upload/2024/03/83920174.png"))
    assert cleaned.text == ARTICLE and cleaned.images == []


def test_a_qr_image_without_alt_inside_or_after_the_block_leaves_images_and_html():
    qr1, qr2 = "/zb_users/upload/2024/03/20240311.png", "/zb_users/upload/2024/03/20240312.jpg"
    html = (p(ARTICLE) + p("<strong>园区招商顾问 刘经理</strong>") + img(qr1) + p("微信同号：13912345678") + img(qr2)
            + p("来源：园区管委会"))
    cleaned = clean(html)
    assert cleaned.images == [] and "<img" not in cleaned.html
    assert cleaned.text == ARTICLE and cleaned.fields["source"] == "园区管委会"


def test_a_qr_image_after_the_source_line_and_before_the_block_goes_with_it():
    html = p(ARTICLE) + p("来源：园区管委会") + img("/zb_users/upload/2024/03/55512.png") + p("微信同号：13912345678")
    assert clean(html).images == []


def test_an_article_photo_next_to_article_text_is_kept():
    photo = "/zb_users/upload/2024/07/site.jpg"
    html = p(ARTICLE) + img(photo) + p("▲园区标准厂房项目建设现场") + p(NEXT) + p("招商热线：0351-1234567")
    cleaned = clean(html)
    assert cleaned.images == [HOST + photo]
    assert cleaned.text == "\n".join([ARTICLE, "▲园区标准厂房项目建设现场", NEXT])


def test_an_uncaptioned_photo_between_article_text_and_the_block_is_kept():
    """Nothing on the page tells this image from a QR code (no alt, innocent name, no scan caption):
    it stays, as an article's last photo does."""
    photo = "/zb_users/upload/2024/07/9921.jpg"
    cleaned = clean(p(ARTICLE) + img(photo) + p("<strong>园区招商顾问 刘经理</strong>") + p("电话：139 1234 5678"))
    assert cleaned.images == [HOST + photo] and cleaned.text == ARTICLE


def test_a_notices_own_contact_lines_stay_when_the_advert_follows_them():
    notice = ["申报材料请于6月30日前报送至园区经济发展局。", "联系人：王女士", "联系电话：0351-5678901", "邮箱：jfj@example.gov.cn"]
    advert = [p("电话：139 1234 5678"), p("扫码添加顾问微信"), img("/zb_users/upload/2024/03/1.png")]
    cleaned = clean("".join(p(line) for line in notice) + "".join(advert))
    assert cleaned.text == "\n".join(notice) and cleaned.images == []


@pytest.mark.parametrize("line", [
    "市民可拨打12345热线反映问题。",
    "市民可拨打0351-1234567热线反映问题，也可通过“i太原”微信小程序在线提交诉求。",
    "投资者可拨打园区招商热线0351-1234567了解详情。",
    "同时，园区开通24小时企业服务热线400-123-4567，对企业诉求实行“接诉即办”，上线一个月已受理诉求326件。",
    "园区招商顾问刘经理介绍，今年已接待考察企业120余家。",
    "企业可扫码登录“园区通”平台在线办理。",
    "备注：以上数据为初步统计。",
])
def test_news_sentences_that_quote_hotlines_or_agents_are_kept(line):
    assert clean(p(ARTICLE) + p(line)).text == f"{ARTICLE}\n{line}"


QR = "/zb_users/upload/2024/03/83920174.png"
PHOTO = "/zb_users/upload/2024/07/site.jpg"


@pytest.mark.parametrize("kept, advert", [
    # an issuer's signature above the 来源 line is not the title of the agent's card below it
    (["园区招商服务中心"], ["来源：园区管委会", "王经理 139 1234 5678", "扫码添加顾问微信"]),
    # a photo's caption, even one naming a service, above an agent's name
    ([PHOTO, "▲园区招商服务中心揭牌"], ["王经理 139 1234 5678", "扫码添加顾问微信", QR]),
    # … and one without a caption mark, above a call
    ([PHOTO, "园区标准厂房一期"], ["扫码添加顾问微信", QR]),
    # a notice signed by a service centre, with its own contact lines, then the advert
    (["园区招商服务中心", "联系人：王女士", "联系电话：0351-5678901"], ["扫码添加顾问微信", QR]),
    # an article's heading above the advert is the article's
    (["<h3>三、园区招商服务</h3>"], ["王经理 139 1234 5678", "扫码添加顾问微信"]),
])
def test_lines_above_an_advert_that_are_not_its_own_stay(kept, advert):
    def markup(item):
        return img(item) if item.startswith("/") else item if item.startswith("<") else p(item)

    cleaned = clean(p(ARTICLE) + "".join(markup(x) for x in kept + advert))
    lines = [x.removeprefix("<h3>").removesuffix("</h3>") for x in kept if not x.startswith("/")]
    assert cleaned.text.split("\n") == [ARTICLE, *lines]
    assert cleaned.images == [HOST + x for x in kept if x.startswith("/")]


@pytest.mark.parametrize("line", [
    "请扫描下方二维码报名参会。",                                # scanning to use a service is a notice's instruction
    "园区招商局电话：0351-8888888",                              # a government office's number, not an agent's card
    "园区开通招商热线0351-1234567，为入驻企业提供全天候服务。",   # a hotline in a sentence that goes on
    ("据介绍，园区推出“园区通”服务平台，企业扫码添加“园区服务”企业微信后，即可在线咨询政策、预约办事，"
     "平台上线以来已服务企业1200余家，解决各类诉求860余件，企业满意度达98%以上。"),   # prose, however it words things
])
def test_notice_and_news_lines_with_advert_words_stay_beside_contact_fields(line):
    html = p(ARTICLE) + p(line) + p("联系人：王女士") + p("联系电话：0351-5678901")
    assert clean(html).text.split("\n") == [ARTICLE, line, "联系人：王女士", "联系电话：0351-5678901"]


def test_a_project_table_with_phone_columns_is_kept():
    rows_ = [("项目名称", "联系人", "联系电话"), ("智能制造产业园", "张经理", "139 1234 5678"), ("冷链物流中心", "王女士", "400-123-4567")]
    table = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows_) + "</table>"
    cleaned = clean(p(ARTICLE) + table + p("扫码添加顾问微信"))
    assert cleaned.text.split("\n") == [ARTICLE, *("\t".join(r) for r in rows_)]


def test_the_generic_rule_needs_no_site_words():
    """Any portal (or the generic extractor) can use the rule as it is: roles, numbers, messengers and calls."""
    rules = (*REPUBLISHING_RULES, AdvertBlockRule())
    html = (p(ARTICLE) + p("置业顾问 王经理") + p("139-1234-5678（微信同号）") + img("/u/77.png") + p("欢迎来电咨询")
            + p("地址：太原市小店区长治路111号") + p(NEXT))
    cleaned = clean(html, rules)
    assert cleaned.text == f"{ARTICLE}\n{NEXT}" and cleaned.images == []


def test_a_qr_code_whose_caption_another_rule_removed_goes_too():
    html = p(ARTICLE) + img("/zb_users/upload/2024/03/4410.png") + p("长按识别二维码关注我们")
    cleaned = clean(html)
    assert cleaned.text == ARTICLE and cleaned.images == []
    assert cleaned.removed["wechat_scan"] == 1 and cleaned.removed["site_contact_block"] == 1


# A real crawl of a replica whose articles carry the variants ------------------------------------

def test_a_crawl_of_the_advert_replica_stores_no_advert_and_every_content_line(tmp_path):
    db_path = tmp_path / "news.db"
    with ReplicaServer(site_factory=advert_site) as server:
        result = run_crawl(server.url, db_path)
        assert result.returncode == 0, result.log
        articles = server.site.articles
        stored = {row["post_id"]: row for row in rows(db_path, "SELECT * FROM articles")}
    assert set(stored) == set(articles)
    adverts = 0
    for post_id, article in articles.items():
        row, body = stored[post_id], article.body
        images = [url.format(host=server.url) for url in body.images]
        assert row["body_text"] == "\n".join(body.content), body.kind
        assert json.loads(row["images"]) == images, body.kind
        assert html_view(row["body_html"]) == (list(body.content), images), body.kind
        assert row["source"] == body.source
        for unwanted in body.absent:   # the advert's lines and images
            assert unwanted not in row["body_text"].split("\n"), (body.kind, unwanted)
            assert not any(unwanted in src for src in json.loads(row["images"])), (body.kind, unwanted)
        adverts += bool(body.absent)
    assert adverts == ARTICLES // 2 + len(SHAPES)
