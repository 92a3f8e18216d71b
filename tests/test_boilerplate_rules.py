"""Boilerplate rules at their edges: a Sohu note glued to a paragraph, the page title repeated at the top of
a generic body, link-only lines, and a post's footer under the text."""

import pytest

from crawler.boilerplate import PAGE_FURNITURE_RULES, LeadingTitleRule
from crawler.cleaning import clean_body
from crawler.portals import get_portal

URL = "http://www.zhongnangaoke.com.cn/index.php/post/1.html"
PROSE = ("今年以来，开发区坚持把招商引资作为“一号工程”，新签约项目46个，总投资312.6亿元，同比增长两成以上。",
         "其中，新材料项目11个，高端装备制造项目9个，涉及新能源汽车零部件、碳基新材料等多个领域。",
         "下一步，开发区将围绕主导产业开展精准招商，力争全年新签约项目100个以上，持续优化营商环境。",
         "开发区还将新建标准厂房20万平方米，为落地项目提供拎包入驻条件。")


def paragraphs(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def portal_clean(html: str):
    """A body as the portal's theme path cleans it."""
    return clean_body(html, URL, get_portal(None).rules)


def generic_clean(html: str, title: str):
    """A body the generic extractor found, cleaned as the crawl cleans it: the portal's rules, page furniture,
    and the page title where the body repeats it."""
    return clean_body(html, URL, (*get_portal(None).rules, *PAGE_FURNITURE_RULES, LeadingTitleRule(title)))


def test_a_sohu_medal_note_glued_to_a_paragraph_goes_and_the_paragraph_stays():
    note = "由内容质量、互动评论、分享传播等多维度分值决定，勋章级别越高（ ），代表其在平台内的综合表现越好。"
    cleaned = portal_clean(paragraphs(PROSE[0] + note, PROSE[1]))
    assert cleaned.text.split("\n") == [PROSE[0], PROSE[1]]
    assert "勋章" not in cleaned.html


def test_a_title_of_four_characters_repeated_at_the_top_is_dropped():
    cleaned = generic_clean(paragraphs("园区简介", *PROSE), title="园区简介")
    assert cleaned.text.split("\n") == list(PROSE)


def test_a_title_under_four_characters_removes_no_line_that_holds_it():
    """A title that short is a common word: the opening sentence that uses it is the article's."""
    opening = "招商会于3月5日在太原开幕。"
    cleaned = generic_clean(paragraphs(opening, *PROSE), title="招商会")
    assert cleaned.text.split("\n") == [opening, *PROSE]


TITLE = "开发区新签约项目46个"


def test_the_title_with_up_to_twelve_characters_around_it_is_the_title_line():
    line = f"{TITLE}（2024-03-05）"
    assert len("".join(line.split())) - len(TITLE) == 12
    cleaned = generic_clean(paragraphs(line, *PROSE), title=TITLE)
    assert cleaned.text.split("\n") == list(PROSE)


def test_a_sentence_that_opens_with_the_title_and_goes_on_is_content():
    line = f"{TITLE}，总投资达312.6亿元。"
    assert len("".join(line.split())) - len(TITLE) == 13
    cleaned = generic_clean(paragraphs(line, *PROSE), title=TITLE)
    assert cleaned.text.split("\n") == [line, *PROSE]


def test_the_title_is_found_below_lines_other_rules_removed():
    """Breadcrumb, date and 来源 lines above the repeated title are removed first; the title is then the
    body's first line and goes too."""
    top = paragraphs("首页 > 新闻中心 > 正文", "2024-03-05 09:30", "来源：园区管委会")
    cleaned = generic_clean(top + paragraphs(TITLE, *PROSE), title=TITLE)
    assert cleaned.text.split("\n") == list(PROSE)
    assert cleaned.fields["source"] == "园区管委会"
    assert cleaned.removed["page_title"] == 1


def test_a_line_of_links_is_furniture_but_a_linked_sentence_is_prose():
    menu = '<p><a href="/a.html">园区概况</a> <a href="/b.html">招商政策</a> <a href="/c.html">新闻中心</a></p>'
    sentence = '<p><a href="/notice/2.html">详见《园区2024年招商引资优惠政策》。</a></p>'
    cleaned = generic_clean(paragraphs(*PROSE[:2]) + menu + sentence + paragraphs(*PROSE[2:]), title=TITLE)
    assert cleaned.text.split("\n") == [*PROSE[:2], "详见《园区2024年招商引资优惠政策》。", *PROSE[2:]]


def test_a_footer_byline_is_found_among_the_last_lines_left_by_other_rules():
    footer = paragraphs("作者：流泉 2005年08月30日 13:22", "责任编辑：王敏", "来源：园区管委会", "（本文已被阅读178次）")
    cleaned = generic_clean(paragraphs(*PROSE) + footer, title=TITLE)
    assert cleaned.text.split("\n") == list(PROSE)


def footer_of(length: int) -> str:
    head, tail = "发布时间：2024-03-05 09:30 | 分类：园区动态 | 作者：园区管委会办公室 | 标签：", " | 评论(0)"
    tags = "、".join(["招商引资", "项目建设", "产业园区", "营商环境"] * 10)
    line = head + tags[: length - len(head) - len(tail)] + tail
    assert len(line) == length
    return line


@pytest.mark.parametrize("length, dropped", [(120, True), (121, False)])
def test_a_footer_byline_of_up_to_120_characters_is_dropped(length, dropped):
    line = footer_of(length)
    cleaned = generic_clean(paragraphs(*PROSE, line), title=TITLE)
    assert cleaned.text.split("\n") == list(PROSE) + ([] if dropped else [line])


@pytest.mark.parametrize("credit", ["本报记者 王燕平 方云凤", "本报记者王燕平", "文/王敏", "文 王敏", "图/新华社", "摄影 张三",
                                    "作者：李明", "（记者 欧阳明）"])
def test_a_reporters_credit_line_goes(credit):
    cleaned = generic_clean(paragraphs(*PROSE[:2], credit, *PROSE[2:]), title=TITLE)
    assert cleaned.text.split("\n") == list(PROSE)


@pytest.mark.parametrize("credit", ["编辑｜刘洋", "审核丨陈静", "编辑｜刘洋　审核｜陈静", "文字编辑：王敏", "值班编辑 | 赵六",
                                    "发布人：王建国"])
def test_an_editor_s_line_whose_label_ends_in_a_bar_goes_as_one_with_a_colon_does(credit):
    """WeChat accounts part a credit's label from its names with a bar; the portal republishes them."""
    cleaned = portal_clean(paragraphs(*PROSE, credit))
    assert cleaned.text.split("\n") == list(PROSE)


@pytest.mark.parametrize("credit", ["文｜王敏", "作者丨李明", "本报记者｜王燕平"])
def test_a_writer_s_credit_with_a_bar_leaves_a_generic_body(credit):
    cleaned = generic_clean(paragraphs(*PROSE[:2], credit, *PROSE[2:]), title=TITLE)
    assert cleaned.text.split("\n") == list(PROSE)


def test_a_source_line_with_a_bar_gives_the_source_and_leaves_the_body():
    cleaned = portal_clean(paragraphs(*PROSE, "来源｜经济日报"))
    assert cleaned.text.split("\n") == list(PROSE)
    assert cleaned.fields["source"] == "经济日报"


@pytest.mark.parametrize("line", ["编辑部设在开发区管委会三楼，负责园区新闻的采编。", "审核通过的项目将于下月集中签约。",
                                  "发布人员名单详见附件。"])
def test_sentences_opening_with_a_credit_word_stay(line):
    cleaned = portal_clean(paragraphs(*PROSE, line))
    assert cleaned.text.split("\n") == [*PROSE, line]


@pytest.mark.parametrize("heading", ["<h3>文化产业</h3>", "<h3>文旅融合</h3>", "<p>图书馆</p>", "<p>文物保护</p>",
                                     "<h3>摄影大赛</h3>", "<p>记者招待会</p>"])
def test_a_short_heading_that_opens_with_a_credit_word_stays(heading):
    """文, 图 and 摄 open many words; only with a separator or a space do they credit someone."""
    text = heading.split(">")[1].split("<")[0]
    cleaned = generic_clean(paragraphs(*PROSE[:2]) + heading + paragraphs(*PROSE[2:]), title=TITLE)
    assert cleaned.text.split("\n") == [*PROSE[:2], text, *PROSE[2:]]


@pytest.mark.parametrize("line", [
    "免责声明：本文转自网络，版权归原作者所有。",
    "【免责声明】本文仅代表作者个人观点，与本站无关。",
    "声明：本文仅代表作者观点，不代表本站立场。",
    "版权声明：本文为园区网原创，欢迎分享。",
    "文章来源于网络，版权归原作者所有，如有侵权请联系我们。",
    "图片来自网络，如有侵权，请联系删除。",
    "本文观点仅代表作者本人，不代表本平台立场。",
    "转载请注明出处：园区招商网",
    "未经授权，不得转载。",
    "版权所有 © 2024 园区产业招商",
    "（版权属于原作者，仅作分享之用）",
])
def test_a_republisher_s_disclaimer_in_any_common_wording_leaves_the_body(line):
    cleaned = portal_clean(paragraphs(PROSE[0], PROSE[1], line))
    assert cleaned.text.split("\n") == [PROSE[0], PROSE[1]]


@pytest.mark.parametrize("line", [
    "会上，市版权局介绍了软件著作权登记的办理流程，企业可在线申请，审核通过后即可获得登记证书。",
    "园区将为入驻企业提供知识产权保护服务，版权、商标、专利纠纷均可在园区调解中心一站式办理。",
    "签约仪式上，双方就项目落地后的运营模式、利润分配和品牌授权等事项达成一致，并声明将共同推动项目建设。",
])
def test_sentences_of_the_article_about_copyright_or_statements_stay(line):
    cleaned = portal_clean(paragraphs(PROSE[0], line, PROSE[1]))
    assert cleaned.text.split("\n") == [PROSE[0], line, PROSE[1]]


@pytest.mark.parametrize("line", ["上一篇：园区召开招商大会", "下一篇: 开发区举办项目推介会", "【上一条】园区动态", "上一篇：没有了"])
def test_links_to_the_neighbouring_articles_are_page_furniture(line):
    cleaned = generic_clean(paragraphs(*PROSE, line), title="开发区招商")
    assert cleaned.text.split("\n") == list(PROSE)
    kept = portal_clean(paragraphs(*PROSE[:3], "下一步工作：开发区将新建标准厂房20万平方米。"))
    assert kept.text.split("\n")[-1] == "下一步工作：开发区将新建标准厂房20万平方米。"


@pytest.mark.parametrize("caption", [
    "日本索尼已向美国申请继续为华为提供设备。 圖／騰訊科技",
    "財政部今天下午將公佈中獎清冊，本期千萬中獎張數為18張。（資料照）",
    "王婉諭直言，發言應該更自律。（取自王婉諭臉書）",
    "图为开发区项目集中签约仪式现场。（新华社记者 王五 摄）",
    "图为开发区项目集中签约仪式现场。(图/新华社)",
    "图1 信用袋登录页面",
])
def test_a_photo_s_caption_printed_as_a_paragraph_leaves_a_generic_body(caption):
    cleaned = generic_clean(paragraphs(PROSE[0], caption, *PROSE[1:]), title=TITLE)
    assert cleaned.text.split("\n") == list(PROSE)


@pytest.mark.parametrize("line", [
    "图书馆新馆今年建成，园区企业职工可以免费借阅。",            # 图 opens a word
    "园区的规划图已经公布，详见管委会网站。",
    "项目总投资312.6亿元（其中外资占三成）。",                  # a bracket that credits no photo
    "开发区摄影协会举办了园区风采摄影大赛。",
])
def test_sentences_that_look_like_captions_stay(line):
    cleaned = generic_clean(paragraphs(*PROSE, line), title=TITLE)
    assert cleaned.text.split("\n") == [*PROSE, line]
