"""Cleaning at its edges: the blocks a body becomes (images, links, hidden parts, tables, lists), the rule
types a portal builds its rules from, and the safe HTML written from what is kept."""

import re

import lxml.html
import pytest

from crawler.cleaning import ImageRule, LineRule, LinkListRule, clean_body

URL = "http://www.zhongnangaoke.com.cn/index.php/post/1.html"
HOST = "http://www.zhongnangaoke.com.cn"
PROSE = ("今年以来，开发区坚持把招商引资作为“一号工程”，新签约项目46个，总投资312.6亿元，同比增长两成以上。",
         "其中，新材料项目11个，高端装备制造项目9个，涉及新能源汽车零部件、碳基新材料等多个领域。",
         "下一步，开发区将围绕主导产业开展精准招商，力争全年新签约项目100个以上，持续优化营商环境。")


def paragraphs(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def lines_of(cleaned) -> list[str]:
    return cleaned.text.split("\n") if cleaned.text else []


# Rule types a portal writes its rules with ------------------------------------------------------

def test_a_strip_rule_whose_pattern_can_match_nothing_leaves_other_lines_whole():
    """A portal's strip rule written with optional parts matches the empty string everywhere: only what it
    really matches goes."""
    rule = LineRule("promo_tail", re.compile(r"(?:【推广】)?"), strip=True)
    cleaned = clean_body(paragraphs(PROSE[0], PROSE[1] + "【推广】"), URL, (rule,))
    assert lines_of(cleaned) == [PROSE[0], PROSE[1]]


def test_a_field_rule_whose_group_is_empty_drops_the_line_and_gives_no_field():
    """来源： with nothing after it (full-width colon, so the page's text differs from its folded form)."""
    rule = LineRule("source", re.compile(r"^来源:(.*)$"), field="source")
    cleaned = clean_body(paragraphs(PROSE[0], "来源："), URL, (rule,))
    assert lines_of(cleaned) == [PROSE[0]]
    assert "source" not in cleaned.fields


# Images ------------------------------------------------------------------------------------------

def test_a_plain_image_keeps_its_own_url_and_an_image_without_one_is_left_out():
    """Not every page lazy-loads: an image with src only is the article's; one with an empty or missing
    source (or a data: or javascript: one) is no image at all, never the page's own URL."""
    html = (paragraphs(PROSE[0]) + '<p><img src="/zb_users/upload/2024/06/site.jpg" alt="施工现场"></p>'
            '<p><img src="" alt="空"><img alt="无"><img src="data:image/png;base64,iVBORw0KGgo="></p>'
            + paragraphs(PROSE[1]))
    cleaned = clean_body(html, URL, ())
    assert cleaned.images == [f"{HOST}/zb_users/upload/2024/06/site.jpg"]
    assert URL not in cleaned.html
    assert lines_of(cleaned) == [PROSE[0], PROSE[1]]


# Links -------------------------------------------------------------------------------------------

def test_the_link_list_under_a_recommended_heading_ends_at_the_first_line_that_is_not_links():
    rule = LinkListRule("recommended", re.compile(r"^往期推荐$"))
    html = (paragraphs(PROSE[0], "往期推荐") + '<p><a href="/post/2.html">开发区一季度新签约项目20个</a></p>'
            + paragraphs(PROSE[1]))
    cleaned = clean_body(html, URL, (rule,))
    assert lines_of(cleaned) == [PROSE[0], PROSE[1]]
    assert cleaned.removed["recommended"] == 2


def test_a_line_that_is_one_linked_character_is_a_link_line():
    """A page number or an arrow on its own line, all link text: menus and pagers the generic body caught."""
    from crawler.boilerplate import PAGE_FURNITURE_RULES
    html = paragraphs(PROSE[0]) + '<p><a href="/list_2.html">2</a></p><p><a href="/list_3.html">›</a></p>' + paragraphs(PROSE[1])
    cleaned = clean_body(html, URL, PAGE_FURNITURE_RULES)
    assert lines_of(cleaned) == [PROSE[0], PROSE[1]]


def test_an_empty_body_gives_no_text_no_images_and_no_html():
    for markup in ("", "   ", b"", "\n\t"):
        cleaned = clean_body(markup, URL, ())
        assert (cleaned.text, cleaned.images, cleaned.html) == ("", [], "")


# Hidden parts, quotes, tables --------------------------------------------------------------------

def test_text_hidden_by_its_markup_never_reaches_the_output():
    html = (paragraphs(PROSE[0]) + '<p style="display:none">隐藏的推广段落</p>'
            '<div hidden><p>隐藏的联系方式</p><img src="/zb_users/upload/2024/06/qr.jpg"></div>' + paragraphs(PROSE[1])
            + f'<p>{PROSE[2][:20]}<span style="visibility: hidden">藏字</span>{PROSE[2][20:30]}'
              f'<img src="/zb_users/upload/2024/06/pixel.gif" style="display:none">{PROSE[2][30:]}</p>')
    cleaned = clean_body(html, URL, ())
    # a hidden span inside a paragraph (a watermark) leaves the paragraph whole, as the browser shows it
    assert lines_of(cleaned) == [PROSE[0], PROSE[1], PROSE[2]]
    assert cleaned.html.split("\n")[2] == f"<p>{PROSE[2]}</p>"
    assert cleaned.images == []
    assert "隐藏" not in cleaned.html and "藏字" not in cleaned.html


def test_paragraphs_inside_a_quote_stay_quoted():
    html = paragraphs(PROSE[0]) + "<blockquote><p>园区将继续优化营商环境。</p><p>欢迎各类企业来园区投资兴业。</p></blockquote>"
    cleaned = clean_body(html, URL, ())
    assert cleaned.html.split("\n") == [f"<p>{PROSE[0]}</p>", "<blockquote><p>园区将继续优化营商环境。</p></blockquote>",
                                        "<blockquote><p>欢迎各类企业来园区投资兴业。</p></blockquote>"]


def test_a_data_table_keeps_its_caption_its_cells_inline_text_and_its_images_but_nothing_hidden():
    table = ("<table><caption>表1 园区主要经济指标</caption>"
             "<caption style='display:none'>隐藏的表题</caption>"
             "<tr><th><strong>指标</strong></th><th>2023年</th><th><a href='/note.html'>2024年</a></th></tr>"
             "<tr><td>工业总产值（<span>亿元</span>）</td><td>312.6</td><td><em>356.2</em></td></tr>"
             "<tr><td>厂区照片</td><td><img src='/zb_users/upload/2024/06/plant.jpg' alt='一期厂房'></td></tr>"
             "<tr style='display:none'><td>隐藏行</td><td><img src='/zb_users/upload/2024/06/ad.jpg'></td></tr>"
             "<tr><td>规划图</td><td><span hidden><img src='/zb_users/upload/2024/06/old.jpg'></span>"
             "<img src='/zb_users/upload/2024/06/plan.jpg'></td></tr></table>")
    cleaned = clean_body(paragraphs(PROSE[0]) + table, URL, ())
    assert lines_of(cleaned) == [PROSE[0], "表1 园区主要经济指标", "指标\t2023年\t2024年", "工业总产值（亿元）\t312.6\t356.2",
                                 "厂区照片\t", "规划图\t"]
    assert cleaned.images == [f"{HOST}/zb_users/upload/2024/06/plant.jpg", f"{HOST}/zb_users/upload/2024/06/plan.jpg"]
    assert f'<img src="{HOST}/zb_users/upload/2024/06/plant.jpg" alt="一期厂房">' in cleaned.html
    assert "隐藏" not in cleaned.html


def test_a_table_caption_holding_block_elements_reads_as_one_line():
    table = ("<table><caption><center>表2</center><address>园区管委会</address>编制</caption>"
             "<tr><td>项目</td><td>金额</td></tr></table>")
    cleaned = clean_body(table, URL, ())
    assert lines_of(cleaned) == ["表2 园区管委会 编制", "项目\t金额"]


# Safe HTML ---------------------------------------------------------------------------------------

def test_list_items_and_table_rows_in_a_row_render_as_one_list_or_table_each():
    html = ("<ul><li>一期：土地平整</li><li>二期：厂房建设</li><li>三期：设备安装</li></ul>"
            "<ol><li>签约</li><li>开工</li></ol>"
            "<table><tr><td>指标</td><td>数值</td></tr><tr><td>总投资</td><td>312.6亿元</td></tr></table>"
            + paragraphs(PROSE[0]))
    cleaned = clean_body(html, URL, ())
    assert cleaned.html.split("\n") == [
        "<ul><li>一期：土地平整</li><li>二期：厂房建设</li><li>三期：设备安装</li></ul>",
        "<ol><li>签约</li><li>开工</li></ol>",
        "<table><tbody><tr><td>指标</td><td>数值</td></tr><tr><td>总投资</td><td>312.6亿元</td></tr></tbody></table>",
        f"<p>{PROSE[0]}</p>"]


def test_headings_keep_their_level_below_h1_and_an_h1_becomes_h2():
    cleaned = clean_body("<h1>园区简介</h1><h3>一、区位优势</h3><h4>（一）交通</h4>" + paragraphs(PROSE[0]), URL, ())
    assert cleaned.html.split("\n") == ["<h2>园区简介</h2>", "<h3>一、区位优势</h3>", "<h4>（一）交通</h4>",
                                        f"<p>{PROSE[0]}</p>"]


# Link lists and images marked by rules ---------------------------------------------------------------

def recommended(*lines: str):
    from crawler.boilerplate import WECHAT_RECOMMENDED
    return clean_body("".join(lines), URL, (WECHAT_RECOMMENDED,))


LINK = '<p><a href="/post/2.html">开发区一季度新签约项目20个</a></p>'


@pytest.mark.parametrize("heading, is_heading", [("——————— 往期推荐 ———————", True), ("———————— 往期推荐 ———————", False)])
def test_a_recommended_heading_is_at_most_twenty_characters_with_its_decoration(heading, is_heading):
    assert len(heading) == (20 if is_heading else 21)
    cleaned = recommended(paragraphs(PROSE[0], heading), LINK)
    assert lines_of(cleaned) == [PROSE[0]] + ([] if is_heading else [heading, "开发区一季度新签约项目20个"])


def test_a_sentence_that_mentions_the_heading_words_is_no_heading():
    rule = LinkListRule("related", re.compile(r"相关阅读"))
    sentence = "园区已将政策汇编成册，相关阅读材料可在政务大厅领取。"
    cleaned = clean_body(paragraphs(PROSE[0], sentence) + LINK, URL, (rule,))
    assert lines_of(cleaned) == [PROSE[0], sentence, "开发区一季度新签约项目20个"]


def test_list_items_of_up_to_sixty_characters_under_the_heading_are_its_links():
    short, long = "开" * 60, "园" * 61
    cleaned = recommended(paragraphs(PROSE[0], "往期推荐"), f"<ul><li>{short}</li><li>{long}</li></ul>")
    assert lines_of(cleaned) == [PROSE[0], long]


def test_an_image_rule_drops_the_images_it_names_and_no_text():
    from crawler.boilerplate import QR_IMAGE
    html = (paragraphs(PROSE[0]) + '<p><img src="/zb_users/upload/2024/06/qrcode.png" alt=""></p>'
            '<p><img src="/zb_users/upload/2024/06/site.jpg" alt="施工现场"></p>' + paragraphs("扫描二维码关注公众号了解更多"))
    cleaned = clean_body(html, URL, (QR_IMAGE,))
    assert cleaned.images == [f"{HOST}/zb_users/upload/2024/06/site.jpg"]
    assert lines_of(cleaned) == [PROSE[0], "扫描二维码关注公众号了解更多"]


def test_body_html_writes_quotes_as_the_page_does_and_escapes_only_markup():
    """Text in body_html is the page's own text: only <, > and & are escaped, in every kind of block."""
    quoted = '项目代号"智造谷"，简称\'ZZG\''
    rule = LineRule("promo_tail", re.compile(r"【推广】"), strip=True)
    html = (f"<p>{quoted}</p><p>{quoted}【推广】</p><pre>{quoted}</pre>"
            f"<table><caption>{quoted}</caption><tr><td>{quoted}</td><td>A&amp;B &lt;1&gt;</td></tr></table>")
    cleaned = clean_body(html, URL, (rule,))
    assert cleaned.html.split("\n") == [f"<p>{quoted}</p>", f"<p>{quoted}</p>", f"<pre>{quoted}</pre>", f"<p>{quoted}</p>",
                                        f"<table><tbody><tr><td>{quoted}</td><td>A&amp;B &lt;1&gt;</td></tr></tbody></table>"]


def test_a_line_rule_takes_lines_of_up_to_max_len_characters():
    rule = LineRule("promo", re.compile(r"推广"), max_len=20)
    at_limit, over = "本文为推广信息，请读者注意甄别风险。谢谢", "本文为推广信息，请读者注意甄别其风险。谢谢"
    assert (len(at_limit), len(over)) == (20, 21)
    cleaned = clean_body(paragraphs(PROSE[0], at_limit, over), URL, (rule,))
    assert lines_of(cleaned) == [PROSE[0], over]


def test_a_line_is_removed_by_the_first_rule_that_matches_it_and_counted_once():
    rules = (LineRule("promo", re.compile(r"推广")), LineRule("contact", re.compile(r"联系")))
    cleaned = clean_body(paragraphs(PROSE[0], "推广合作请联系园区办公室"), URL, rules)
    assert lines_of(cleaned) == [PROSE[0]]
    assert dict(cleaned.removed) == {"promo": 1}


def test_a_rule_that_skips_hidden_lines_reads_only_what_the_reader_sees():
    rule = LineRule("source", re.compile(r"^来源:(.+)$"), field="source", include_hidden=False)
    html = '<p style="display:none">来源：某推广平台</p>' + paragraphs(PROSE[0], "来源：山西日报")
    cleaned = clean_body(html, URL, (rule,))
    assert cleaned.fields == {"source": "山西日报"}
    assert lines_of(cleaned) == [PROSE[0]]


def test_the_furniture_rules_of_a_generic_body_keep_its_tables_and_images():
    """Only text blocks can be link lines: a table's rows and caption and the article's images stay."""
    from crawler.boilerplate import PAGE_FURNITURE_RULES
    html = (paragraphs(PROSE[0]) + '<p><img src="/zb_users/upload/2024/06/site.jpg" alt="施工现场"></p>'
            "<table><caption>表1 主要指标</caption><tr><td>总投资</td><td>312.6亿元</td></tr></table>" + paragraphs(PROSE[1]))
    cleaned = clean_body(html, URL, PAGE_FURNITURE_RULES)
    assert lines_of(cleaned) == [PROSE[0], "表1 主要指标", "总投资\t312.6亿元", PROSE[1]]
    assert cleaned.images == [f"{HOST}/zb_users/upload/2024/06/site.jpg"]


@pytest.mark.parametrize("table, kept", [
    ("<table>表前文字<tr><td>甲</td><td>乙</td></tr></table>", "表前文字"),
    ("<table><tr><td>甲</td>孤立文字<td>乙</td></tr></table>", "孤立文字"),
    ("<table><tr><td>甲</td><td>乙</td></tr>表后说明：单位亿元</table>", "表后说明：单位亿元"),
    ("<table><tbody><tr><td>甲</td></tr></tbody>尾注</table>", "尾注"),
])
def test_text_a_table_holds_outside_its_cells_is_kept(table, kept):
    """Browsers show it (above the table): it is the page's text like any other."""
    cleaned = clean_body(paragraphs(PROSE[0]) + table + paragraphs(PROSE[1]), URL, ())
    assert kept in lines_of(cleaned) and "甲" in cleaned.text
    assert lines_of(cleaned)[0] == PROSE[0] and lines_of(cleaned)[-1] == PROSE[1]


def test_text_written_straight_into_the_body_is_visible_around_a_hidden_block():
    """No paragraph markup at all: the runs before a hidden block and at the body's end are the article's."""
    cleaned = clean_body(f'{PROSE[0]}<p style="display:none">隐藏的推广段落</p>{PROSE[1]}', URL, ())
    assert lines_of(cleaned) == [PROSE[0], PROSE[1]]
