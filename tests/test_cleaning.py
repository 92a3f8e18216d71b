"""Cleaning: every kind of body keeps all of its content, in order, and loses all of its boilerplate."""

import pytest
from parsel import Selector

from crawler.cleaning import clean_body, collapse
from crawler.portals.zhongnangaoke import Zhongnangaoke
from tests.replica.bodies import VARIANTS, plain_body
from tests.replica.site import standard_site
from tests.test_html_safety import allow_listed

HOST = "http://www.zhongnangaoke.com.cn"
RULES = Zhongnangaoke.rules
SITE = standard_site(HOST)


def clean(html: str):
    """Clean a body as the theme serves it (lazy-load and fancybox rewrites applied)."""
    themed = SITE.themed_body(type("B", (), {"html": html})())
    root = Selector(text=f'<div class="single">{themed}</div>').css("div.single")[0].root
    return clean_body(root, f"{HOST}/index.php/post/1.html", RULES)


@pytest.mark.parametrize("kind", sorted(VARIANTS))
def test_body_keeps_every_content_line_in_order_and_nothing_else(kind):
    body = VARIANTS[kind]
    cleaned = clean(body.html)
    assert cleaned.text == "\n".join(body.content)


@pytest.mark.parametrize("kind", sorted(VARIANTS))
def test_boilerplate_reaches_neither_text_nor_html(kind):
    body = VARIANTS[kind]
    cleaned = clean(body.html)
    for unwanted in body.absent:
        assert unwanted not in cleaned.text, unwanted
        assert unwanted not in cleaned.html, unwanted
    for unwanted in body.extra_html_absent:
        assert unwanted not in cleaned.html, unwanted


@pytest.mark.parametrize("kind", sorted(VARIANTS))
def test_images_are_the_articles_own_in_order(kind):
    body = VARIANTS[kind]
    expected = [url.format(host=HOST) for url in body.images]
    assert clean(body.html).images == expected


@pytest.mark.parametrize("kind", sorted(VARIANTS))
def test_source_and_original_title_are_lifted_out(kind):
    body = VARIANTS[kind]
    cleaned = clean(body.html)
    assert cleaned.fields.get("source") == body.source
    assert cleaned.fields.get("original_title") == body.original_title


def test_original_title_keeps_full_width_punctuation():
    cleaned = clean(VARIANTS["sohu"].html)
    assert "！" in cleaned.fields["original_title"]


def test_whitespace_is_normalised_without_touching_the_text():
    body = plain_body(3)
    cleaned = clean(body.html)
    assert cleaned.text == "\n".join(body.content)
    assert "\u3000" not in cleaned.text and "\xa0" not in cleaned.text
    assert "<p></p>" not in cleaned.html


def test_html_is_sanitised():
    """Every element and attribute of the output is on the allow-list, and it reads as the content, exactly."""
    body = VARIANTS["sanitise"]
    cleaned = clean(body.html)
    out = allow_listed(cleaned.html)
    (link,) = [a for a in out.iter("a")]
    assert dict(link.attrib) == {"href": "http://www.zhongnangaoke.com.cn/zb_users/upload/2024/06/fj.pdf"}
    assert [collapse(block.text_content()) for block in out if block.tag == "p"] == [
        body.content[0], body.content[1], body.content[2], body.content[5]]
    assert ["\t".join(cell.text_content() for cell in row) for row in out.iter("tr")] == list(body.content[3:5])


def test_table_cells_and_list_items_reach_the_text():
    cleaned = clean(VARIANTS["structure"].html)
    assert "入驻企业（家）\t36\t52" in cleaned.text.split("\n")
    assert "<table><tbody><tr><td>指标</td>" in cleaned.html
    assert "<ol><li>第一阶段：完成土地平整和基础设施配套。</li>" in cleaned.html


def test_contact_block_in_new_wording_is_removed_but_a_notices_own_contact_is_kept():
    cleaned = clean(VARIANTS["notice_contact"].html)
    assert "联系电话：0351-5678901" in cleaned.text
    assert "刘经理" not in cleaned.text and "13912345678" not in cleaned.text


@pytest.mark.parametrize("line", [
    "招商热线：0351-1234567，欢迎来电咨询园区厂房租售事宜",
    "扫码添加招商经理微信：13800001111，获取最新土地政策",
    "厂房出租请联系：王先生 13800001111 （微信同号）长按识别二维码添加",
])
def test_contact_adverts_in_other_wordings_are_removed(line):
    html = "<p>园区今年新建标准厂房12万平方米，吸引了一批先进制造业企业入驻，产业集聚效应初步显现。</p>" + f"<p>{line}</p>"
    cleaned = clean(html)
    assert cleaned.text == "园区今年新建标准厂房12万平方米，吸引了一批先进制造业企业入驻，产业集聚效应初步显现。"


@pytest.mark.parametrize("line", [
    "市民可拨打12345政务服务热线反映问题，也可通过“i太原”微信小程序在线提交诉求。",
    "联系电话：0351-7777777",
    "报名咨询：园区管委会招商局，电话0351-8888888。",
])
def test_contact_details_that_are_content_are_kept(line):
    html = "<p>园区举办2024年产业招商推介会，来自全国的120余家企业参加。</p>" + f"<p>{line}</p>"
    assert clean(html).text.endswith(line)


def test_full_width_and_ascii_punctuation_match_alike():
    for colon in ("：", ":"):
        cleaned = clean(f"<p>正文内容第一段，园区发展态势良好。</p><p>来源{colon}山西日报</p>")
        assert cleaned.text == "正文内容第一段，园区发展态势良好。"
        assert cleaned.fields["source"] == "山西日报"


def test_empty_and_garbage_bodies_do_not_raise():
    assert clean("").text == ""
    assert clean("<p><p><div></span>").text == ""
    assert collapse("\u3000 a\xa0\n b ") == "a b"


def test_an_articles_last_photo_before_the_advert_is_kept():
    html = ("<p>园区二期标准厂房主体结构全面封顶，预计明年三月交付使用。</p>"
            '<p><img src="/zb_users/upload/2024/07/site.jpg" alt="施工现场"/></p>'
            "<p>来源：园区管委会</p>" + VARIANTS["sohu"].html[VARIANTS["sohu"].html.index('<p style="text-align: center;"><img src="/zb_users/upload/2021'):])
    cleaned = clean(html)
    assert cleaned.images == [f"{HOST}/zb_users/upload/2024/07/site.jpg"]
    assert cleaned.text == "园区二期标准厂房主体结构全面封顶，预计明年三月交付使用。"


@pytest.mark.parametrize("first", ["<p>来源：山西日报</p>", "<p>转载自：中国开发区网</p>", "<p>（转载）</p><p>来源：新华网</p>",
                                   "<p>作者：王敏</p><p>来源：山西日报</p><p>文章来源：黄河新闻网</p>"])
def test_the_original_title_is_found_below_provenance_lines_at_the_top(first):
    html = first + "<p>原标题：晋中开发区上半年新签约项目46个</p><p>今年以来，晋中开发区上半年新签约项目46个，总投资312.6亿元。</p>"
    cleaned = clean(html)
    assert cleaned.fields["original_title"] == "晋中开发区上半年新签约项目46个"
    assert "原标题" not in cleaned.text and "原标题" not in cleaned.html
