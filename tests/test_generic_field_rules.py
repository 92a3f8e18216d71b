"""The generic extractor's fields at their edges: which heading is the title, which printed date is the
publication date, whose name is the author, at the limits the extractor's constants set; and the
decoding and parsing of the page they are read from."""

import pytest

from crawler import generic
from crawler.generic import PageText, body_parts, extract, person_name
from crawler.pages import MAX_DEPTH, charset_of, decode_html, parse_html

PROSE = ("今年以来，开发区坚持把招商引资作为“一号工程”，新签约项目46个，总投资312.6亿元，同比增长两成以上。",
         "其中，新材料项目11个，高端装备制造项目9个，涉及新能源汽车零部件、碳基新材料等多个领域。",
         "下一步，开发区将围绕主导产业开展精准招商，力争全年新签约项目100个以上，持续优化营商环境。")
LONG = ("2018年，自治区出台若干措施，对民营企业实行减税降费，三年累计减轻企业负担一百二十亿元，"
        "惠及各类市场主体三十余万户，有力支持了民营经济发展，稳定了市场预期，增强了企业信心，带动新增就业岗位十余万个，"
        "全区民营经济增加值占比稳步提高，民间投资增速连续三年高于全部投资增速，园区承载能力和服务水平明显提升。")
SITE = "<title>某某开发区网站</title>"


def paragraphs(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def html(body: str, head: str = SITE) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def article(body: str, head: str = SITE) -> generic.GenericArticle:
    return extract(parse_html(html(body, head)).root)


def page_text(body: str, head: str = SITE) -> PageText:
    root = parse_html(html(body, head)).root
    parts = body_parts(root)
    return PageText.of(root, parts[0], parts[-1])


def from_text_end(body: str, needle: str, head: str = SITE) -> int:
    """How many characters of page text after the article's last character ``needle`` starts."""
    page = page_text(body, head)
    return page.joined.index(needle) - (page.offsets[page.body_end] + len(page.nodes[page.body_end][0]))


def from_text_start(body: str, needle: str, head: str = SITE) -> int:
    """How many characters of page text after the article's first character ``needle`` starts."""
    page = page_text(body, head)
    return page.joined.index(needle) - page.offsets[page.body_start]


def links(length: int) -> str:
    """A list of links to other articles: ``length`` characters of page text (each link's text and a space)."""
    sizes, left = [], length
    while left > 0:
        size = min(left, 20)
        if left - size == 1:     # no link of a single character's room at the end
            size -= 1
        sizes.append(size)
        left -= size
    headline = "园区项目建设取得新进展签约仪式隆重举行"
    return "<ul class='related'>" + "".join(f"<li><a href='/news/{i}.html'>{headline[:size - 1]}</a></li>"
                                            for i, size in enumerate(sizes)) + "</ul>"


# ---------------------------------------------------------------------------------------------
# The title


def test_a_short_headline_the_title_starts_with_is_the_title_not_the_longer_site_name():
    result = article(f"<h1>园区新闻</h1><div class='text'>{paragraphs(*PROSE)}</div>",
                     head="<title>园区新闻_某某开发区网站</title>")
    assert result.title == "园区新闻"


def test_a_site_logo_heading_of_three_characters_is_not_the_title():
    result = article(f"<h1>园区网</h1><div class='text'>{paragraphs(*PROSE)}</div>",
                     head="<title>园区网_开发区新签约项目46个</title>")
    assert result.title == "开发区新签约项目46个"


HEADLINE_80 = ("聚焦高质量发展——" + "开发区新签约项目四十六个总投资三百一十二亿元" * 4)[:80]


def test_a_headline_of_eighty_characters_is_the_title_whole():
    assert len(HEADLINE_80) == 80
    result = article(f"<h1>{HEADLINE_80}</h1><div class='text'>{paragraphs(*PROSE)}</div>",
                     head=f"<title>{HEADLINE_80}_新闻中心</title>")
    assert result.title == HEADLINE_80


def test_a_heading_longer_than_eighty_characters_is_passed_over_for_the_next_heading():
    slogan = ("坚持新发展理念，推动高质量发展，" * 6)[:81]
    result = article(f"<h1>{slogan}</h1><h2>开发区新签约项目46个</h2><div class='text'>{paragraphs(*PROSE)}</div>",
                     head="")
    assert result.title == "开发区新签约项目46个"


def test_the_heading_a_title_holds_after_the_site_name_is_the_title():
    result = article(f"<h1>聚焦两会·开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div>",
                     head="<title>新闻中心_聚焦两会·开发区新签约项目46个</title>")
    assert result.title == "聚焦两会·开发区新签约项目46个"


def test_og_title_names_the_article_when_the_title_names_only_the_site():
    result = article(f"<div class='text'>{paragraphs(*PROSE)}</div>",
                     head=f"{SITE}<meta property='og:title' content='开发区新签约项目46个'>")
    assert result.title == "开发区新签约项目46个"


def test_a_badge_before_a_four_character_headline_is_dropped_but_a_three_character_site_name_is_no_headline():
    badge = article(f"<div class='box'><h3>【原创】园区新闻</h3>{paragraphs(*PROSE)}</div>", head="<title>园区新闻</title>")
    assert badge.title == "园区新闻"
    site = article(f"<div class='box'><h3>园区网发布开发区新签约项目46个</h3>{paragraphs(*PROSE)}</div>",
                   head="<title>园区网</title>")
    assert site.title == "园区网发布开发区新签约项目46个"


@pytest.mark.parametrize("before", ["<script>var pageId = 9821;</script>",
                                    "<select name='size'><option>字号：大</option><option>中</option></select>"],
                         ids=["script", "select"])
def test_a_script_or_a_control_before_the_body_s_heading_does_not_hide_it(before):
    result = article(f"<div class='box'>{before}<h3>开发区新签约项目46个</h3>{paragraphs(*PROSE)}</div>")
    assert result.title == "开发区新签约项目46个"


@pytest.mark.parametrize("heading, title", [
    ("签约落地", "签约落地"),                            # four characters: a headline
    ("园区讯", "某某开发区网站"),                          # three: a column label, not the title
    (HEADLINE_80, HEADLINE_80),                         # eighty: a headline
    (HEADLINE_80 + "。", "某某开发区网站"),               # eighty-one: a sentence set as a heading
], ids=["4", "3", "80", "81"])
def test_a_heading_opening_the_body_is_the_title_within_four_to_eighty_characters(heading, title):
    result = article(f"<div class='box'><h3>{heading}</h3>{paragraphs(*PROSE)}</div>")
    assert result.title == title


def test_a_sub_heading_after_the_first_lines_of_text_is_not_the_title():
    result = article(f"<div class='text'>{PROSE[0]}<h3>一、签约项目情况</h3>{paragraphs(*PROSE[1:])}</div>",
                     head="<title>开发区新签约项目46个_某某网</title>")
    assert result.title == "开发区新签约项目46个"


# ---------------------------------------------------------------------------------------------
# The date

FIRST = "2019年2月27日下午，顺德区大良街道调研组一行到众创金融街开展调研工作，了解金融街发展情况。"   # a date the text is about


def test_a_data_script_that_is_not_json_ld_declares_no_date_and_an_empty_json_ld_script_breaks_nothing():
    data = '<script type="application/json">{"datePublished": "2019-01-01T08:00:00+08:00"}</script>'
    empty = '<script type="application/ld+json"></script>'
    result = article(f"<h1>开发区新签约项目46个</h1><p>发布时间：2024-03-05 09:30</p><div class='text'>{paragraphs(*PROSE)}</div>",
                     head=f"{SITE}{data}{empty}")
    assert result.date_text == "2024-03-05 09:30"


def test_a_notice_dated_on_its_last_line_inside_the_text_is_dated_by_it():
    body = f"<div class='text'>{paragraphs(*PROSE * 3, '发布日期：2019-03-06')}</div>"
    assert from_text_start(body, "2019-03-06") > generic._DATE_BELOW_START
    assert article(body).date_text == "2019-03-06"


@pytest.mark.parametrize("signed", ["二〇一九年三月六日", "二○一九年三月六日", "2019年3月6日"])
def test_a_notice_signed_off_with_its_date_in_any_numerals_is_dated_by_it(signed):
    body = f"<div class='text'>{paragraphs(*PROSE, '开发区管委会')}<p style='text-align:right'>{signed}</p></div>"
    assert article(body).date_text == signed


@pytest.mark.parametrize("distance, date", [(generic._BYLINE_BELOW, "2019-03-06"),
                                            (generic._BYLINE_BELOW + 1, "2019年2月27日")])
def test_a_date_labelled_under_the_text_counts_up_to_its_limit_below_the_last_line(distance, date):
    def body(pad: int) -> str:
        return f"<div class='text'>{paragraphs(FIRST, *PROSE, LONG)}</div>{links(pad)}<p>发布日期：2019-03-06</p>"
    pad = distance - from_text_end(body(100), "2019-03-06") + 100
    assert from_text_end(body(pad), "2019-03-06") == distance
    assert article(body(pad)).date_text == date


@pytest.mark.parametrize("distance, date", [(generic._DATE_ABOVE, "2019-03-06"),
                                            (generic._DATE_ABOVE + 1, "2019年2月27日")])
def test_a_date_labelled_above_the_text_counts_up_to_its_limit_above_the_first_line(distance, date):
    def body(pad: int) -> str:
        return f"<p>发布时间：2019-03-06</p>{links(pad)}<div class='text'>{paragraphs(FIRST, *PROSE)}</div>"
    pad = 100 + distance + from_text_start(body(100), "2019-03-06")
    assert -from_text_start(body(pad), "2019-03-06") == distance
    assert article(body(pad)).date_text == date


@pytest.mark.parametrize("distance, date", [(generic._DATE_BELOW_START, "2019-03-06"),
                                            (generic._DATE_BELOW_START + 1, "2019年2月27日")])
def test_a_date_labelled_in_the_first_lines_counts_up_to_its_limit_into_the_text(distance, date):
    def body(length: int) -> str:
        return f"<div class='text'>{paragraphs(FIRST, (LONG * 2)[:length], '发布时间：2019-03-06', *PROSE)}</div>"
    length = distance - from_text_start(body(100), "2019-03-06") + 100
    assert from_text_start(body(length), "2019-03-06") == distance
    assert article(body(length)).date_text == date


@pytest.mark.parametrize("first_line, date", [
    ("<p>开发区新闻网2014.10.24 金名/高雄报导</p>", "2014.10.24"),      # a stamp line opening the text
    ("<p>2014年10月24日，开发区举行集中签约仪式，现场签约项目12个。</p>", "2014年12月13日"),   # a date it is about
    ("<p>2014年10月24日开发区举行集中签约仪式现场签约项目12个总投资312亿元涉及新材料和高端装备</p>",
     "2014年12月13日"),                                                    # a line longer than a stamp
])
def test_a_date_on_a_short_line_opening_the_text_stamps_it_but_one_in_its_first_sentence_does_not(first_line, date):
    body = (f"<div class='top'>今天是2014年12月13日 星期六</div>{links(600)}<h1>开发区新签约项目46个</h1>"
            f"<div class='text'>{first_line}{paragraphs(*PROSE)}</div>")
    assert article(body).date_text == date


@pytest.mark.parametrize("stamp, date", [
    ("Posted on 2018-08-29 | Edited on 2018-09-28", "2018-08-29"),      # the posting, labelled, beats the edit
    ("December 21, 2024", "December 21, 2024"),                        # a blog theme's English month
    ("Saturday, September 10th, 2005 10:56 am", "September 10th, 2005 10:56 am"),
    ("21 Dec 2024", "21 Dec 2024"),
    ("Mayor 12 2024", None),                                           # no month
])
def test_a_blog_s_english_stamp_above_the_text_dates_it(stamp, date):
    assert article(f"<h1>开发区新签约项目46个</h1><p>{stamp}</p><div class='text'>{paragraphs(*PROSE)}</div>").date_text == date


def test_of_the_dates_labelled_above_the_text_the_nearest_to_it_wins_over_the_site_header_s():
    result = article(f"<div class='top'>日期：2024-03-04 星期一</div>{links(1000)}<h1>开发区新签约项目46个</h1>"
                     f"<p>发布时间：2019-03-06 10:00</p><div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.date_text == "2019-03-06 10:00"


@pytest.mark.parametrize("line, date", [
    ("发布时间：2024-07-03 10:21　更新时间：2024-07-05 09:00", "2024-07-03 10:21"),
    ("更新时间：2024-07-05 09:00　发布时间：2024-07-03 10:21", "2024-07-03 10:21"),
    ("成文日期：2024-06-28　发布日期：2024-07-03", "2024-07-03"),     # a government document's two dates
    ("更新时间：2024-07-05 09:00", "2024-07-05 09:00"),             # the only label by the title still dates it
])
def test_a_date_labelled_as_the_publication_s_beats_one_labelled_as_another_moment(line, date):
    result = article(f"<h1>开发区新签约项目46个</h1><p>{line}</p><div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.date_text == date


def test_an_update_time_by_the_title_beats_an_unlabelled_date_in_the_first_lines():
    """Many sites stamp their articles 更新时间 only; a date in the text is what the text is about."""
    result = article(f"<h1>开发区新签约项目46个</h1><p>更新时间 2024年7月5日</p><div class='text'>{paragraphs(FIRST, *PROSE)}</div>")
    assert result.date_text == "2024年7月5日"


def test_a_site_s_update_time_under_the_text_does_not_date_the_article():
    result = article(f"<h1>开发区新签约项目46个</h1><p>2024-07-03 10:21</p><div class='text'>{paragraphs(*PROSE)}</div>"
                     "<p>本站更新时间：2026-11-25</p>")
    assert result.date_text == "2024-07-03 10:21"


def test_an_update_time_on_a_page_with_no_date_by_the_text_comes_after_any_other_date():
    far = links(2500)   # puts the article's start beyond the reach of dates printed above it
    result = article(f"<p>更新时间：2024-07-05</p><p>2024-07-01</p>{far}<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.date_text == "2024-07-01"
    alone = article(f"<p>更新时间：2024-07-05</p>{far}<div class='text'>{paragraphs(*PROSE)}</div>")
    assert alone.date_text == "2024-07-05"


@pytest.mark.parametrize("signed", ["2024年7月3日", "二〇二四年七月三日", "（2024-07-03）"])
def test_a_notice_s_signing_date_beats_the_dates_its_first_sentences_are_about(signed):
    body = f"<h1>关于开发区招商引资的通知</h1><div class='text'>{paragraphs(FIRST, *PROSE, '某某市发展和改革委员会', signed)}</div>"
    assert article(body).date_text == signed.strip("（）")


def test_a_date_line_above_the_last_three_lines_signs_nothing():
    body = f"<h1>关于开发区招商引资的通知</h1><div class='text'>{paragraphs(FIRST, '2024年7月3日', *PROSE)}</div>"
    assert article(body).date_text == "2019年2月27日"


def test_a_date_printed_above_the_text_beats_a_signing_date():
    body = (f"<h1>关于开发区招商引资的通知</h1><p>2024-07-01</p>"
            f"<div class='text'>{paragraphs(*PROSE, '某某市发展和改革委员会', '2024年7月3日')}</div>")
    assert article(body).date_text == "2024-07-01"


@pytest.mark.parametrize("url, day", [
    ("http://www.example.gov.cn/art/2024/7/3/art_1229_5812.html", ("2024", "7", "3")),
    ("http://www.example.com/2024/07/03/kfq.html", ("2024", "7", "3")),
    ("http://www.example.com/news/2024-07-03/doc-inaa123.shtml", ("2024", "7", "3")),
    ("http://www.example.com/20240703/a8f3.html", ("2024", "7", "3")),
    ("http://www.example.gov.cn/xxgk/202407/t20240703_4567.html", ("2024", "7", "3")),
    ("http://www.example.com/n1/2024/0703/c1004-4012.html", ("2024", "7", "3")),
    ("http://www.example.com/202407/03/c_1130.html", ("2024", "7", "3")),
    ("http://www.zhongnangaoke.com.cn/index.php/post/9821.html", None),
    ("http://www.example.com/2024/02/30/kfq.html", None),             # no such day
    ("http://www.example.com/a/2024070312345.html", None),            # an id that opens like a day
    ("http://www.example.com/s?d=2024/07/03/", None),                 # the query is no path
    ("", None),
])
def test_the_day_an_article_s_url_names(url, day):
    assert generic.url_day(url) == day


GOV_URL = "http://www.example.gov.cn/art/2024/7/3/art_1229_5812.html"


def dated(body: str, url: str = GOV_URL) -> str | None:
    return extract(parse_html(html(body)).root, url).date_text


def test_the_url_s_day_beats_an_unlabelled_date_of_another_day_in_the_first_lines():
    assert dated(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(FIRST, *PROSE)}</div>") == "2024-7-3"
    assert dated(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(FIRST, *PROSE)}</div>", "") == "2019年2月27日"


def test_a_date_printed_by_the_title_on_the_url_s_day_keeps_its_time():
    assert dated(f"<h1>开发区新签约项目46个</h1><p>2024-07-03 10:21</p><div class='text'>{paragraphs(*PROSE)}</div>") \
        == "2024-07-03 10:21"


def test_a_labelled_publication_date_beats_the_url_s_day():
    assert dated(f"<h1>开发区新签约项目46个</h1><p>发布日期：2024-07-05</p><div class='text'>{paragraphs(*PROSE)}</div>") \
        == "2024-07-05"


@pytest.mark.parametrize("page, date", [
    ("<h1>开发区新签约项目46个</h1><p>更新时间：2024-07-05</p><div class='text'>{text}</div>", "2024-07-05"),
    ("<h1>开发区新签约项目46个</h1><div class='text'>{text}{text}{text}</div><p>发布日期：2024-07-05</p>", "2024-07-05"),
    ("<h1>开发区新签约项目46个</h1><div class='text'>{text}</div><p>本站更新时间：2024-07-05</p>", "2024-07-05"),
    ("<h1>开发区新签约项目46个</h1><div class='text'>{text}<p>某某市发展和改革委员会</p><p>2024年7月5日</p></div>",
     "2024年7月5日"),
    ("<h1>开发区新签约项目46个</h1><p>2024-07-05 10:21</p><div class='text'>{text}</div>", "2024-7-3"),
    ("<h1>开发区新签约项目46个</h1><p>2024-07-05</p><div class='text'>{text}</div>", "2024-7-3"),
])
def test_a_date_a_label_or_a_signature_vouches_for_beats_the_url_s_day_and_an_unlabelled_one_does_not(page, date):
    assert dated(page.format(text=paragraphs(*PROSE))) == date


def test_the_url_s_day_beats_a_date_far_from_the_article():
    assert dated(f"<p>2026-11-26 星期四</p>{links(2500)}<div class='text'>{paragraphs(*PROSE)}</div>") == "2024-7-3"


# ---------------------------------------------------------------------------------------------
# The author


@pytest.mark.parametrize("byline, author", [("记者王建国 通讯员李明", "王建国 李明"),
                                            ("作者：王建国（某某大学经济学院教授）", "王建国"),
                                            ("作者：放飞&心情", "放飞&心情"),
                                            # a desk before the writer
                                            ("上報快訊／范姜佳鈺", "范姜佳鈺"), ("综合报道/王建国", "王建国")])
def test_an_element_marked_as_the_byline_gives_each_name_once_without_roles_desks_or_affiliations(byline, author):
    result = article(f"<h1>开发区新签约项目46个</h1><div class='meta'><span class='author'>{byline}</span> "
                     f"<span>2024-07-03</span></div><div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author == author


def test_a_writer_labelled_with_a_vertical_bar_form_is_the_author():
    result = article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}<p>作者︱春春</p></div>")
    assert result.author == "春春"


def test_a_reporter_credited_for_a_copied_photo_is_no_writer():
    caption = "1860年的紫禁城照片。中新网记者 宋宇晟 翻摄"
    result = article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(PROSE[0], caption, *PROSE[1:])}"
                     "<p>作者：上官云 宋宇晟</p></div>")
    assert result.author == "上官云 宋宇晟"


EDITOR_IN_META = '<title>开发区新签约项目46个</title><meta name="author" content="杨煜">'


def test_an_author_tag_naming_the_editor_the_page_prints_gives_way_to_a_writer():
    body = f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE[:2])}<p>{PROSE[2]}（钟才文）</p></div>"
    assert article(body + "<p>[ 责编：杨煜 ]</p>", head=EDITOR_IN_META).author == "钟才文"
    assert article(body, head=EDITOR_IN_META).author == "杨煜"      # named nowhere as the editor: the writer


def test_an_author_tag_naming_the_editor_still_names_the_author_when_no_writer_is_printed():
    body = f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div><p>责任编辑：杨煜</p>"
    assert article(body, head=EDITOR_IN_META).author == "杨煜"


def test_an_empty_writer_label_before_the_editor_s_names_no_writer():
    body = f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div><p>作者： 责任编辑：肖春芳</p>"
    assert article(body).author == "肖春芳"


def test_a_value_printed_after_its_label_under_the_title_is_no_byline():
    result = article("<h1>开发区新签约项目46个</h1><div class='info'><span>2024-05-13 06:15</span>"
                     f"<span>发布于：</span><span>北京市</span></div><div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author is None


def test_a_label_s_value_on_the_page_s_second_line_is_no_byline_but_a_name_on_its_first_line_is():
    label_first = f"<div><span>发布于：</span><span>北京市</span></div><div class='text'>{paragraphs(*PROSE)}</div>"
    assert article(label_first).author is None
    name_first = f"<p>王建国</p><div class='text'>{paragraphs(*PROSE)}</div><p>联系我们：</p>"
    assert article(name_first).author == "王建国"


def test_an_editorial_s_headline_names_no_writer_but_a_commentator_with_a_surname_is_one():
    headline = "<h1>经济日报评论员：再驳“产能过剩论”</h1>"
    assert article(f"{headline}<div class='text'>{paragraphs(*PROSE)}</div>").author is None
    signed = f"{headline}<p>本报评论员 王建国</p><div class='text'>{paragraphs(*PROSE)}</div>"
    assert article(signed).author == "王建国"


@pytest.mark.parametrize("credit, author", [
    ("新华社北京5月19日电（刘艺、杨吉）", "刘艺 杨吉"),       # an agency's dateline names its writers
    ("本报讯（记者戴小河、印朋）", "戴小河 印朋"),           # a 、 enumerates names of any surname
    # an agency's dateline that runs the writers into the place reported from
    ("（中央社記者盧太城台東縣12日電）", "盧太城"),
    ("（中央社記者林長順台北12日電）", "林長順"),
    ("（中央社記者王豪台北12日電）", "王豪"),                 # a two-character name before a two-character place
    ("（中央社記者陳偉台東縣12日電）", "陳偉"),               # ... before a county
    ("（中央社記者王揚宇、曾智怡台北12日電）", "王揚宇 曾智怡"),
    ("（中央社記者林育立柏林11日專電）", "林育立"),
])
def test_the_writers_a_dateline_or_a_credit_names_each_with_any_surname(credit, author):
    result = article(f"<h1>开发区新签约项目46个</h1><div class='text'><p>{credit}{PROSE[0]}</p>"
                     f"{paragraphs(*PROSE[1:])}</div>")
    assert result.author == author


def test_words_after_a_name_in_a_list_without_an_enumeration_comma_need_a_surname():
    result = article(f"<h1>开发区新签约项目46个</h1><div class='meta'>记者 王建宏 土豆</div>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author == "王建宏"


@pytest.mark.parametrize("byline, author", [
    ("記者林悅／南市報導", "林悅"),                          # Traditional labels; the name kept as printed
    ("文／陳國華", "陳國華"),
    ("本報記者王五報導", "王五"),                            # 報導 ends a name
    ("報導", None),                                          # and is none
    ("新頭殼newtalk2014.10.24 金名/高雄報導", "金名"),       # a writer and the place reported from
    ("記者賴淑敏 蔣龍祥 台北報導", "賴淑敏 蔣龍祥"),
])
def test_a_traditional_chinese_byline_under_the_title_names_its_writer_as_printed(byline, author):
    result = article(f"<h1>開發區新簽約項目46個</h1><p>{byline}</p><p>2017-12-09 00:26</p>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author == author


def test_a_traditional_chinese_date_label_far_above_the_text_beats_an_unlabelled_date_before_it():
    result = article(f"<p>2016-01-01</p><p>發佈時間：2017-12-09 00:26</p>{links(2500)}"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.date_text == "2017-12-09 00:26"


def test_an_author_tag_naming_the_editor_a_traditional_page_prints_gives_way_to_its_writer():
    head = SITE + '<meta name="author" content="張倩">'
    result = article(f"<h1>開發區新簽約項目46個</h1><p>記者：李明</p><div class='text'>{paragraphs(*PROSE)}</div>"
                     "<p>責任編輯：張倩</p>", head)
    assert result.author == "李明"


@pytest.mark.parametrize("byline, author", [("記者：放飛&心情", "放飛&心情"), ("編輯", None), ("審核 張三", None),
                                            ("記者王建國 通訊員李明", "王建國 李明")])
def test_an_element_marked_as_a_traditional_byline_is_read_with_its_label(byline, author):
    result = article(f"<h1>開發區新簽約項目46個</h1><div class='meta'><span class='author'>{byline}</span></div>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author == author


def test_a_link_to_a_traditional_desk_s_page_names_no_writer():
    result = article(f"<h1>開發區新簽約項目46個</h1><p><a rel='author' href='/u/1'>編輯小王</a></p>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author is None


@pytest.mark.parametrize("credit, author", [("（王煌忠／台中報導）", "王煌忠"), ("（陳國華／台中報導）", "陳國華"),
                                            ("", None), ("（评论员 罗博 萧海川）", "罗博 萧海川"),
                                            ("（特约记者 赖淑敏）", "赖淑敏"),
                                            # an outlet, the writers run into the place reported from
                                            ("（民視新聞陳韻平、郭文海台北報導）", "陳韻平 郭文海"),
                                            ("（華視新聞記者林佩君台中報導）", "林佩君"),
                                            ("（民視新聞王豪台東縣報導）", "王豪")])
def test_a_traditional_closing_credit_names_the_writer_its_surname_makes_a_name(credit, author):
    closing = PROSE[2] + credit
    result = article(f"<h1>開發區新簽約項目46個</h1><div class='text'>{paragraphs(*PROSE[:2], closing)}</div>")
    assert result.author == author


def test_a_traditional_photo_credit_names_no_writer():
    result = article(f"<h1>開發區新簽約項目46個</h1><div class='text'>{paragraphs(*PROSE)}<p>記者：王五攝</p>"
                     "<p>作者：李明</p></div>")
    assert result.author == "李明"


def test_a_traditional_chinese_date_label_dates_the_page():
    result = article(f"<h1>開發區新簽約項目46個</h1><p>更新時間：2017-12-10 08:00 發佈時間：2017-12-09 00:26</p>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.date_text == "2017-12-09 00:26"


def test_a_page_wrapped_whole_in_a_form_prints_its_date_and_byline_inside_it():
    """ASP.NET pages wrap the whole page in one form: its text is the page's, not a form's controls."""
    result = article(f"<form id='aspnetForm'><h1>开发区新签约项目46个</h1><div class='date'>发稿时间：2014/12/12 12:13</div>"
                     f"<p>记者：王建国</p><div class='text'>{paragraphs(*PROSE)}</div></form>")
    assert (result.date_text, result.author) == ("2014/12/12 12:13", "王建国")


def test_a_person_named_as_the_source_is_the_author_when_no_writer_is_named():
    result = article(f"<h1>开发区新签约项目46个</h1><p>来源：王建国</p><div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author == "王建国"


def test_a_reporter_credited_in_brackets_at_the_end_of_a_paragraph_is_the_author():
    result = article(f"<div class='text'><p>{PROSE[0]}（姚峰 上海报道）</p>{paragraphs(*PROSE[1:])}</div>")
    assert result.author == "姚峰"


def test_linked_posting_lines_of_other_posts_under_the_text_name_no_author():
    others = "".join(f"<li><a href='/p/{i}.html'>{name} 发表于 2005-06-1{i} 15:00</a></li>"
                     for i, name in enumerate(("海风", "放飞心情", "湘江")))
    assert article(f"<div class='text'>{paragraphs(*PROSE)}</div><ul class='recent'>{others}</ul>").author is None


def test_an_editor_credited_under_a_long_last_paragraph_is_the_author():
    result = article(f"<div class='text'>{paragraphs(*PROSE, LONG)}</div><div class='editor'>责任编辑：张迪</div>")
    assert result.author == "张迪"


@pytest.mark.parametrize("candidate, expected", [
    ("王燕平", True), ("李楠", True),
    ("欧阳明", True), ("欧阳明华", True),        # a double surname and one or two characters of given name
    ("欧阳", False), ("欧阳明华东", False),       # a double surname alone, or too long for a name
    ("王", False), ("高新园区", False),          # one character; four after a single surname is a word
    ("李编辑", False), ("金融网", False),         # a label, an organisation (a website)
])
def test_person_name_takes_a_common_surname_and_two_to_four_characters(candidate, expected):
    assert bool(person_name(candidate)) is expected


def test_names_without_a_label_need_a_common_surname_and_stop_at_the_first_word_that_is_no_name():
    assert generic._names("王建宏 张文攀 土豆网友") == "王建宏 张文攀"
    assert generic._names("茉莉 王五") is None
    assert generic._names("茉莉 王五", labelled=True) == "茉莉 王五"


def test_a_word_opening_the_page_above_the_text_is_no_byline():
    result = article(f"<p>招商热线</p><div class='text'>{paragraphs(*PROSE)}</div><p>版权所有 某某开发区</p>")
    assert result.author is None


def test_a_word_closing_a_one_paragraph_page_is_no_byline():
    assert article(f"<div class='text'><p>{LONG}</p></div><div class='foot'>招商热线</div>").author is None


def test_a_word_ending_the_date_line_under_the_title_is_no_byline():
    result = article(f"<h1>开发区新签约项目46个</h1><p><span>2024-03-05</span> 园区快讯</p>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author is None


TITLE_40 = ("开发区新签约项目四十六个总投资三百一十二亿元" * 2)[:40]


@pytest.mark.parametrize("title, first, author", [
    (TITLE_40, PROSE[0], "茉莉"),                     # a title line of forty characters
    ("图为签约仪式现场。", PROSE[0], None),            # a caption (a sentence) is no title line
    (TITLE_40, "2024-03-05", None),                  # a date line is no text
    (TITLE_40, "园区今年签约项目四十六个，总投资三百亿。", "茉莉"),   # twenty characters with punctuation: the text
    (TITLE_40, "园区今年签约项目四十六个，总投资三百亿", None),     # nineteen
], ids=["title-40", "after-a-sentence", "before-a-date", "text-20", "text-19"])
def test_a_name_on_its_own_line_is_the_author_only_between_a_title_line_and_the_text(title, first, author):
    result = article(f"<div class='text'><p>{title}</p><p>茉莉</p>{paragraphs(first, *PROSE)}</div>")
    assert result.author == author


def test_a_latin_meta_author_counts_without_a_title_but_not_when_it_is_the_site_s_name():
    text = f"<div class='text'>{paragraphs(*PROSE)}</div>"
    assert article(text, head="<meta name='author' content='kingname'>").author == "kingname"
    site = article(text, head="<title>开发区新签约项目46个 - Example News</title><meta name='author' content='Example News'>")
    assert site.author is None


@pytest.mark.parametrize("distance, author", [(generic._BYLINE_BELOW - 1, "放飞心情"), (generic._BYLINE_BELOW, None)])
def test_a_byline_element_counts_up_to_its_limit_below_the_text(distance, author):
    def body(pad: int) -> str:
        return f"<div class='text'>{paragraphs(*PROSE)}</div>{links(pad)}<div class='author'>放飞心情</div>"
    pad = distance - from_text_end(body(100), "放飞心情") + 100
    assert from_text_end(body(pad), "放飞心情") == distance
    assert article(body(pad)).author == author


def test_a_bare_account_name_in_a_byline_element_gives_way_to_the_reporter_the_text_credits():
    result = article(f"<div class='author-name'>园区观察</div><div class='text'><p>记者 王燕平</p>{paragraphs(*PROSE)}</div>")
    assert result.author == "王燕平"


@pytest.mark.parametrize("name, author", [
    ("阿飞", "阿飞"),                                    # two characters: a pen name
    ("the_quiet_park_watch", "the_quiet_park_watch"),   # twenty: a user name
    ("the-quiet-park-walker", None),                    # twenty-one: too long for one
    ("1楼", None),                                      # a floor number: one letter
], ids=["2", "20", "21", "floor"])
def test_a_byline_element_names_a_writer_two_to_twenty_characters_long_with_two_letters_at_least(name, author):
    assert article(f"<div class='text'>{paragraphs(*PROSE)}</div><div class='author'>{name}</div>").author == author


def test_an_interview_opening_with_the_speaker_s_name_keeps_the_byline_under_the_title():
    result = article(f"<h1>开发区新签约项目46个</h1><p>王燕平</p>"
                     f"<div class='text'><p><strong>李清芬</strong>：{PROSE[0]}</p>{paragraphs(*PROSE[1:])}</div>")
    assert result.author == "王燕平"


@pytest.mark.parametrize("distance, author", [(60, "王燕平 李清芬"), (61, "王燕平")])
def test_writers_credited_alike_within_sixty_characters_are_all_named(distance, author):
    def body(length: int) -> str:
        return (f"<h1>开发区新签约项目46个</h1><p>记者 王燕平</p><p>{(LONG * 2)[:length]}</p><p>通讯员 李清芬</p>"
                f"<div class='text'>{paragraphs(*PROSE)}</div>")
    page = page_text(body(30), SITE)
    length = distance - (page.joined.index("通讯员") - page.joined.index("记者")) + 30
    page = page_text(body(length), SITE)
    assert page.joined.index("通讯员") - page.joined.index("记者") == distance
    assert article(body(length)).author == author


# ---------------------------------------------------------------------------------------------
# The page they are read from


@pytest.mark.parametrize("label", ["big5", "Big5-HKSCS", "cp950"])
def test_a_page_labelled_big5_with_hong_kong_characters_decodes_as_big5_hkscs(label):
    data = (f'<html><head><meta charset="{label}"><title>港聞</title></head>'
            "<body><p>佢哋嘅旅遊業</p></body></html>").encode("big5hkscs")
    assert charset_of(data) == "big5hkscs"
    assert "佢哋嘅旅遊業" in decode_html(data)


def test_a_page_labelled_big5_with_microsoft_s_own_characters_decodes_as_cp950():
    data = '<html><head><meta charset="big5"></head><body><p>價格€5</p></body></html>'.encode("cp950")
    assert charset_of(data) == "cp950" and "價格€5" in decode_html(data)


def test_a_gbk_page_with_a_corrupt_byte_no_charset_decodes_strictly_still_reads_as_chinese():
    data = "<html><head><title>园区新闻</title></head><body><p>开发区新签约项目46个</p></body></html>".encode("gbk")
    data = data.replace("新签约".encode("gbk"), "新签".encode("gbk") + b"\xff" + "约".encode("gbk"))
    assert charset_of(data) == "gb18030"
    assert "开发区新签\ufffd约项目46个" in decode_html(data)


def test_a_page_nested_a_few_hundred_levels_deep_is_read_whole():
    nested = "<div>" * 300 + paragraphs(PROSE[0]) + "</div>" * 300
    parsed = parse_html(html(f"{nested}<div class='text'>{paragraphs(*PROSE[1:])}</div>"))
    assert parsed.truncated is None
    assert PROSE[2] in "".join(parsed.root.itertext())
    deeper = parse_html(html("<div>" * (MAX_DEPTH + 50) + paragraphs(*PROSE) + "</div>" * (MAX_DEPTH + 50)))
    assert deeper.truncated and str(MAX_DEPTH) in deeper.truncated


def test_text_after_an_early_closing_html_tag_joins_the_body_s_own_text():
    root = parse_html("<html><head><title>园区新闻</title></head><body>页头</body></html><!--x-->正文开头<p>第二段</p></html>").root
    assert "".join(root.find("body").itertext()) == "页头正文开头第二段"


@pytest.mark.parametrize("before", ["<!-- 正文 -->", "<script>var a = 1;</script>"])
def test_text_after_a_comment_or_a_script_opening_the_body_comes_before_a_later_heading(before):
    """A sub-heading further down is no title: the text before it was hidden from the walk by what opened it."""
    paragraph = "今年以来，开发区坚持把招商引资作为一号工程，新签约项目46个，总投资312.6亿元，同比增长两成以上。"
    page = (f"<html><head><title>某某开发区网站</title></head><body><div class='text'>{before}{paragraph}"
            f"<h3>一、签约项目情况</h3><p>{paragraph}</p><p>{paragraph}</p></div></body></html>")
    assert generic.extract(parse_html(page).root).title == "某某开发区网站"


def test_a_place_printed_beside_the_date_is_no_writer():
    # WeChat prints the writer's IP location after the date, as a bare name would stand
    result = article("<h1>开发区新签约项目46个</h1><div><em>2024年12月18日 18:08</em> <em><span id='js_ip_wording'>"
                     f"江苏</span></em></div><div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author is None
    assert not person_name("张家口") and person_name("张家明")


def test_a_form_label_marked_author_is_no_byline():
    form = "<form><label id='author_name' for='email'>想追蹤<span></span>的最新消息?</label><input id='email'></form>"
    assert article(f"<h1>開發區新簽約項目46個</h1><div class='text'>{paragraphs(*PROSE)}</div>{form}").author is None


@pytest.mark.parametrize("declared, author", [("John Doe", None), ("Jane Doe", None), ("John Smith", "John Smith")])
def test_a_blog_generator_s_placeholder_author_names_no_writer(declared, author):
    head = SITE + f'<meta name="author" content="{declared}">'
    assert article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div>", head).author == author


@pytest.mark.parametrize("declared, notice, author", [
    ("chinanews", "www.chinanews.com,版权所有", None),          # the site's address
    ("chinanews", "chinanews.com", None),
    ("007havegone", "007havegone", "007havegone"),              # a blog's owner: the writer
    ("huangyi", "www.chinanews.com,版权所有", "huangyi"),
])
def test_an_author_tag_naming_the_site_in_its_copyright_notice_names_no_writer(declared, notice, author):
    head = SITE + f'<meta name="author" content="{declared}"><meta name="copyright" content="{notice}">'
    assert article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div>", head).author == author


def test_a_section_label_above_the_title_is_no_byline():
    result = article(f"<div><span class='label'>焦點</span></div><h1>開發區新簽約項目46個</h1>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author is None


def test_a_blog_theme_s_links_of_the_author_name_no_writer():
    sidebar = ("<div class='site-author'><p class='site-author-name'>周波</p></div><div class='links-of-author'>"
               "<span class='links-of-author-item'><a href='https://github.com/00mu/'>GitHub</a></span></div>")
    result = article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div>{sidebar}")
    assert result.author == "周波"


@pytest.mark.parametrize("credit, author", [("文：《中国新闻周刊》新媒体主笔 城南君", "城南君"),
                                            ("作者：《半月谈》记者 王建国", "王建国"),
                                            ("文：《中国新闻周刊》", None)])
def test_a_closing_credit_naming_the_writer_s_publication_and_post_names_the_writer(credit, author):
    result = article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE, credit)}</div>")
    assert result.author == author


@pytest.mark.parametrize("poster, author", [("来自: miss.S</span> <span>2015-10-27 20:26:11", "miss.S"),
                                            ("来自 天涯社区客户端</span> <span>", None)])
def test_a_group_topic_s_poster_before_the_time_posted_is_the_writer(poster, author):
    result = article(f"<h1>开发区新签约项目46个</h1><div class='topic'><h3><span>{poster}</span></h3>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div></div>")
    assert result.author == author


@pytest.mark.parametrize("head, author", [
    ("<title>图片压缩以加快网站访问速度 | 0031的个人空间</title>", "0031"),
    ("<title>图片压缩</title><meta property='og:site_name' content='殉境的博客'>", "殉境"),
    ("<title>周末学会了 10个超级实用 Javascript 技巧!_前端小智-CSDN博客</title>", "前端小智"),
    ("<title>开发区新签约项目46个_新闻中心</title>", None),
    ("<title>图片压缩 | 个人空间</title>", None),
])
def test_a_blog_named_after_its_owner_names_the_writer_when_the_page_prints_no_byline(head, author):
    assert article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div>", head).author == author


def test_a_byline_beats_the_blog_s_owner():
    head = "<title>图片压缩 | 0031的个人空间</title>"
    result = article(f"<h1>开发区新签约项目46个</h1><p>作者：王建国</p><div class='text'>{paragraphs(*PROSE)}</div>", head)
    assert result.author == "王建国"


def test_a_signed_statement_reposted_is_dated_by_the_post_s_script_not_its_signature():
    body = (f"<div class='text'>{paragraphs(*PROSE, '开发区管委会')}<p style='text-align:right'>二〇一九年一月八日</p></div>"
            "<em id='publish_time'></em><script>var ct = \"1563438309\";</script>")
    assert article(body).date_text == "2019-07-18T16:25:09+08:00"
    unscripted = f"<div class='text'>{paragraphs(*PROSE, '开发区管委会')}<p>二〇一九年一月八日</p></div>"
    assert article(unscripted).date_text == "二〇一九年一月八日"


@pytest.mark.parametrize("generated, date", [("页面生成时间 2022-04-24 10:00:43", "2017-05-15 10:49:00"),
                                             ("页面生成时间 2022-04-25 08:00:00", "2022-04-24 10:00:43")])
def test_a_declared_date_that_is_the_moment_the_page_was_generated_gives_way_to_the_printed_one(generated, date):
    head = SITE + f'<meta name="PubDate" content="2022-04-24 10:00:43"><meta name="others" content="{generated}">'
    body = f"<h1>开发区新签约项目46个</h1><p>发布日期：2017-05-15 10:49:00</p><div class='text'>{paragraphs(*PROSE)}</div>"
    assert article(body, head).date_text == date


def test_a_reward_button_marked_as_the_author_s_names_nobody():
    button = "<p><a class='reward_button' id='js_preview_reward_author_link' href='##'><span>赞赏</span></a></p>"
    assert article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div>{button}").author is None


@pytest.mark.parametrize("declared, author", [("Mr.xiong", "Mr.xiong"), ("www.example", None), ("example.com", None),
                                              ("news.sina.com.cn", None)])
def test_a_declared_name_with_a_dot_is_refused_only_as_a_web_address(declared, author):
    head = SITE + f'<meta property="article:author" content="{declared}">'
    assert article(f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div>", head).author == author


@pytest.mark.parametrize("stamp, date", [
    ("This entry was posted on 八月 26, 2016, 2:43 下午 and is filed under 社会", "八月 26, 2016, 2:43 下午"),
    ("時間 Mon Apr  2 07:24:47 2007", "Mon Apr 2 07:24:47 2007"),     # C's ctime, as bulletin boards print it
])
def test_a_blog_s_chinese_month_in_english_order_and_a_board_s_ctime_date_the_page(stamp, date):
    assert article(f"<h1>开发区新签约项目46个</h1><p>{stamp}</p><div class='text'>{paragraphs(*PROSE)}</div>").date_text == date


def test_a_bulletin_board_s_poster_with_a_nickname_is_the_writer():
    meta = "<div><span>作者</span><span>a9051338 (冰雨)</span></div><div><span>看板</span><span>FITNESS</span></div>"
    assert article(f"{meta}<div class='text'>{paragraphs(*PROSE)}</div>").author == "a9051338"


@pytest.mark.parametrize("title, byline, author", [
    ("<h2>权威的合法性从哪里来？</h2>", "<h5>同人于野</h5>", "同人于野"),     # a question for a headline
    ("<h2>开发区新签约项目46个</h2>", "<h3>同人于野</h3>", None),            # a larger heading is a heading
])
def test_a_name_alone_under_a_question_for_a_title_is_the_byline_but_not_in_a_heading(title, byline, author):
    assert article(f"{title}{byline}<div class='text'>{paragraphs(*PROSE)}</div>").author == author


@pytest.mark.parametrize("byline, author", [
    # the writers as links to their pages among the outlet and the places, as printed
    ("英国《金融时报》 <a href='/search/迪米/relative_byline'>迪米</a> 华盛顿，"
     "<a href='/search/戴维/relative_byline'>戴维•邦德</a> 慕尼黑报道", "迪米 戴维•邦德"),
    ("本报记者 <a href='/people/1'>王建国</a> 北京报道", "王建国"),
    ("本站原创 <a href='/m/'>手机版</a>", None),                 # a link that names no writer
])
def test_a_byline_element_naming_its_writers_in_links_among_other_words_names_them(byline, author):
    result = article(f"<h1>开发区新签约项目46个</h1><div class='story-author'>{byline}</div>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert result.author == author
