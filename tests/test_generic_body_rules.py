"""The generic extractor's body rules at their edges: which block is the body, which leads stay above it,
and which furniture, link lists and forms leave it."""

import lxml.html
import pytest

from crawler.generic import _text_score, extract
from crawler.pages import parse_html
from crawler.extract import extract_page
from tests.test_generic import LONG, NOW, PROSE, extracted, page, paragraphs


def body_lines(body: str) -> list[str]:
    return extracted(body)["body_text"].split("\n")


def generic_body(body: str):
    return extract(parse_html(f"<html><head><title>通知</title></head><body>{body}</body></html>").root).body


def generic_text(body: str) -> str:
    """The generic body's visible characters, before the crawl's own cleaning (which has link rules of its own)."""
    return "".join("".join(generic_body(body).itertext()).split())


def variant(line: str, n: int) -> str:
    """The same sentence with other figures: the same prose score, another text."""
    return line.replace("11", str(11 + n)).replace("46", str(46 + n))


HEADLINES = ("另一个园区的项目集中开工仪式隆重举行", "又一批重点项目在开发区签约落地", "省领导调研开发区产业项目建设情况")


def link_items(headlines=HEADLINES) -> str:
    return "".join(f'<li><a href="/n/{i}.html">{h}</a></li>' for i, h in enumerate(headlines))


# ---------------------------------------------------------------------------------------------
# Scoring text


def test_a_short_run_without_punctuation_is_a_label_up_to_nineteen_characters():
    label = "开发区管委会招商服务中心联系电话号码一"
    assert len(label) == 19 and _text_score(label, False) < 0
    assert _text_score(label + "二", False) == 20          # twenty characters: text, however bare
    assert _text_score("签约了。", False) == 4 + 8          # one punctuation mark makes a short run prose


def test_labels_and_link_text_count_against_a_block_by_their_length():
    assert _text_score("首页新闻", False) == 2 * _text_score("首页", False) < 0
    assert _text_score("开发区新签约项目", True) == 2 * _text_score("开发区新", True) < 0


# ---------------------------------------------------------------------------------------------
# Which block is the body


@pytest.mark.parametrize("hidden", ["style='display:none'", "style='visibility: hidden'", "hidden"])
def test_text_hidden_by_its_own_markup_never_becomes_the_body(hidden):
    other = "".join(f"<p>{variant(line, 5)}</p>" for line in (*PROSE, LONG))
    assert generic_text(f"<div {hidden}>{other}</div><div class='text'>{paragraphs(*PROSE)}</div>") == "".join(PROSE)


def test_a_page_of_furniture_only_has_no_body():
    """Header, sidebar and footer each hold a third of the page's prose: none of them is the article."""
    assert generic_body("<div class='top'><div class='header'><p>欢迎访问开发区门户网站，今天是星期二。</p></div></div>"
                        "<div class='mid'><div class='sidebar'><p>热线电话：12345，服务时间：工作日。</p></div></div>"
                        "<div class='bottom'><div class='footer'><p>版权所有：开发区管委会，备案号：晋ICP备123号。</p></div></div>"
                        ) is None


def test_a_notice_whose_sentence_outweighs_its_link_by_a_point_has_a_body():
    """详见附件。 scores 13, its twenty linked characters 12: the page still has more prose than link text."""
    link = "关于申报二零二四年度开发区专项资金的通知"
    assert len(link) == 20
    body = generic_body(f"<div class='text'><p>详见附件。<a href='/n/1.html'>{link}</a></p></div>")
    assert body is not None and "".join(body.itertext()) == f"详见附件。{link}"
    assert generic_body(f"<div class='text'><p>详见附件。<a href='/n/1.html'>{link}全文</a></p></div>") is None


def test_a_closing_paragraph_div_beside_one_long_paragraph_stays():
    assert body_lines(f"<div class='text'><p>{LONG}</p><div>{PROSE[1]}</div></div>") == [LONG, PROSE[1]]


def test_a_container_holding_exactly_three_fifths_of_the_prose_is_the_tighter_body():
    article = [variant(PROSE[1], n) for n in range(3)]
    other = [variant(PROSE[1], n) for n in range(3, 5)]   # another story's text, the same score a line
    result = body_lines(f"<div class='main'><div class='text'>{paragraphs(*article)}</div>"
                        f"<div class='brief'>{paragraphs(*other)}</div></div>")
    assert result == article


def test_paragraphs_holding_exactly_a_fifth_of_the_prose_beside_the_container_stay_with_it():
    rest = [variant(PROSE[1], n) for n in range(4)]
    result = body_lines(f"<article><div class='more'>{paragraphs(*rest)}</div>{paragraphs(variant(PROSE[1], 4))}</article>")
    assert result == [*rest, variant(PROSE[1], 4)]


def test_a_block_named_like_furniture_holding_half_of_the_prose_is_not_dropped():
    """It holds as much of the text as the rest: not furniture by its name alone (a column named "side")."""
    left, right = [variant(PROSE[1], n) for n in range(2)], [variant(PROSE[1], n) for n in range(2, 4)]
    result = body_lines(f"<div class='columns'><div class='col'>{paragraphs(*left)}</div>"
                        f"<div class='col side'>{paragraphs(*right)}</div></div>")
    assert result == [*left, *right]


def comments(count: int, text: str) -> str:
    return "".join(f"<tr><td>网友{i} 2005-06-1{i} 12:0{i}</td></tr><tr><td>{text}</td></tr>" for i in range(count))


MENU = "<div class='menu'>" + "".join(f"<a href='/c/{i}'>栏目{i}</a>" for i in range(40)) + "</div>"
COMMENT = "这篇文章写得很好，园区的发展让人看到了希望，期待更多的项目落地，也希望继续优化营商环境。"


def test_three_readers_comments_outweighing_the_article_under_it_are_not_the_body():
    result = body_lines(f"{MENU}<h1>开发区新签约项目46个</h1><table><tr><td>{paragraphs(*PROSE)}</td></tr></table>"
                        f"<table>{comments(3, COMMENT)}</table>")
    assert result == list(PROSE)


def test_an_article_of_a_prose_score_of_one_hundred_above_many_comments_is_the_body():
    article = (PROSE[2], "签约仪式在园区会展中心举行。")   # 78 + 22
    assert sum(_text_score(line, False) for line in article) == 100
    result = body_lines(f"{MENU}<h1>开发区新签约项目46个</h1><table><tr><td>{paragraphs(*article)}</td></tr></table>"
                        f"<table>{comments(9, '支持园区发展！')}</table>")
    assert result == list(article)


def test_an_article_worth_exactly_two_comments_is_the_body():
    """Four comments of 140 (a stamp of 26, a text of 114) under an article of 280."""
    text = COMMENT + "希望园区再接再厉，早日建成国家级经济开发区。"
    assert _text_score(text, False) + _text_score("网友0 2005-06-10 12:00", False) == 140
    assert sum(_text_score(line, False) for line in PROSE) == 280
    result = body_lines(f"{MENU}<h1>开发区新签约项目46个</h1><table><tr><td>{paragraphs(*PROSE)}</td></tr></table>"
                        f"<table>{comments(4, text)}</table>")
    assert result == list(PROSE)


def test_summaries_of_other_stories_between_the_article_and_its_comments_are_not_the_article():
    """The list holds a little more prose than the article (290 to 280) but is no container of an article."""
    digest = "".join(f'<li><a href="/n/{i}.html">{h}</a><p>{summary}</p></li>'
                     for i, (h, summary) in enumerate(zip(HEADLINES, (variant(PROSE[0], 7), variant(PROSE[0], 8), variant(PROSE[1], 7)))))
    result = body_lines(f"{MENU}<h1>开发区新签约项目46个</h1><table><tr><td>{paragraphs(*PROSE)}</td></tr></table>"
                        f"<ul class='digest'>{digest}</ul><table>{comments(9, COMMENT + '支持园区发展！')}</table>")
    assert result == list(PROSE)


def test_one_notice_div_beside_the_article_is_left_out_whatever_else_the_wrapper_holds():
    notice = ("反侵权公告：根据著作权法等法律法规，未经书面许可，擅自转载本报社作品的，将涉嫌侵犯著作权人合法权益。"
              "任何单位或个人使用本报社的原创内容，必须事先取得书面授权；对于各类非法转载行为，欢迎读者提供侵权线索。")
    article = paragraphs(*PROSE, LONG)
    result = body_lines(f"<div class='main'><h1>开发区新签约项目46个</h1><div class='essay'>{article}</div>"
                        f"<div class='used'>{notice}</div><p class='source'>来源：光明日报，编辑：王某</p></div>")
    assert result == [*PROSE, LONG]


# A short article under the page's title, and more prose elsewhere on the page
SHORT = ("园区首批5个项目今天集中签约，总投资12亿元，涉及新材料和高端装备制造。", "管委会表示，将全力做好项目服务保障。")
TITLED = "<title>园区首批5个项目集中签约_新闻中心</title>"


def other_stories(n: int = 4) -> str:
    return "".join(f"<p>{variant(line, i)}</p>" for i in range(n) for line in (*PROSE, LONG))


def titled_lines(body: str) -> list[str]:
    return extract_page(page(body, TITLED), fetched_at=NOW)["body_text"].split("\n")


FEED = "".join(f'<h4><a href="/n/{i}.html">{h}</a></h4><p>{variant(LONG, i)}</p>{paragraphs(*PROSE)}'
               for i, h in enumerate(HEADLINES))
LOGO = "<h1 class='logo'>园区招商网</h1>"   # a site's name in an h1 is not the article's title


def test_a_short_article_under_the_title_beats_a_longer_feed_of_linked_stories_after_it():
    body = (f"{LOGO}<article><h1>园区首批5个项目集中签约</h1><div class='body'>{paragraphs(*SHORT)}</div></article>"
            f"<div class='stream'><h2>你可能还想看</h2>{FEED}</div>")
    assert titled_lines(body) == list(SHORT)


def test_paragraphs_printed_beside_the_title_are_the_article_and_the_title_is_not_in_it():
    body = f"{LOGO}<div class='main'><h1>园区首批5个项目集中签约</h1>{paragraphs(*SHORT)}</div><div class='stream'>{FEED}</div>"
    assert titled_lines(body) == list(SHORT)


def test_the_article_under_the_title_is_its_text_without_the_tools_and_notes_around_it():
    body = (f"<div class='wrap'><h1>园区首批5个项目集中签约</h1><div class='tools'>播报文章 开发区发布</div>"
            f"<div class='body'>{paragraphs(*SHORT)}</div><div class='statement'>以上内容为用户上传，本平台仅提供信息存储服务。</div></div>"
            f"<div class='stream'><h2>你可能还想看</h2>{FEED}</div>")
    assert titled_lines(body) == list(SHORT)


def test_a_block_without_a_sentence_under_the_title_is_no_article():
    """Keywords between the title and a 正文 heading are no article: the text under the heading stays the body."""
    keywords = "园区 招商引资 新材料 高端装备 新能源汽车 零部件 碳基材料 产业集群 营商环境 项目建设 重点项目"
    body = (f"<h1>园区首批5个项目集中签约</h1><div class='keywords'>{keywords}</div>"
            f"<h2>正文</h2><div class='text'>{paragraphs(*PROSE)}</div>")
    assert titled_lines(body) == list(PROSE)


def test_what_follows_the_next_heading_is_not_part_of_the_article_under_the_title():
    body = (f"<div class='wrap'><h1>园区首批5个项目集中签约</h1><div class='body'>{paragraphs(*SHORT)}</div>"
            f"<div class='more'><h3>延伸阅读</h3>{paragraphs(variant(PROSE[0], 3))}</div></div>"
            f"<div class='stream'><h2>你可能还想看</h2>{FEED}</div>")
    assert titled_lines(body) == list(SHORT)


def test_a_short_article_under_the_title_beats_a_longer_story_loaded_after_it_under_its_own_headline():
    body = (f"<div><h1>园区首批5个项目集中签约</h1><div class='body'>{paragraphs(*SHORT)}</div></div>"
            f"<div class='next'><h1>另一个园区的项目集中开工仪式隆重举行</h1><div class='body'>{other_stories()}</div></div>")
    assert titled_lines(body) == list(SHORT)


def test_a_short_article_under_the_title_beats_longer_readers_comments():
    body = (f"<div><h1>园区首批5个项目集中签约</h1><div class='body'>{paragraphs(*SHORT)}</div>"
            f"<div id='comments'><div class='rule'>{other_stories()}</div></div></div>")
    assert titled_lines(body) == list(SHORT)


def test_an_article_whose_text_opens_with_a_section_heading_keeps_it_whole_beside_its_lead():
    """The article's own section headings (no link in them) are no other story's: the body stays the text,
    not the lead paragraph between the title and its first section."""
    body = (f"<h1>园区首批5个项目集中签约</h1><p class='lead'>{SHORT[0]}{SHORT[1]}</p>"
            f"<div class='text'><h3>一、总体情况</h3>{paragraphs(*PROSE, LONG)}<h3>二、下一步</h3>{paragraphs(LONG)}</div>")
    lines = titled_lines(body)
    assert set(PROSE) <= set(lines) and LONG in lines


def test_a_lead_between_the_title_and_the_text_stays_a_lead_above_the_whole_text():
    body = (f"<h1>园区首批5个项目集中签约</h1><p class='lead'>{SHORT[0]}{SHORT[1]}</p>"
            f"<div class='text'>{paragraphs(*PROSE, LONG)}</div>")
    assert titled_lines(body) == [SHORT[0] + SHORT[1], *PROSE, LONG]


def test_a_subtitle_under_the_title_leaves_the_article_under_it_the_body():
    body = (f"<h1>园区首批5个项目集中签约</h1><h2>总投资12亿元 涉及新材料和高端装备</h2>"
            f"<div class='text'>{paragraphs(*PROSE)}</div>")
    assert titled_lines(body) == list(PROSE)


# ---------------------------------------------------------------------------------------------
# Runs of dated posts


def post(title: str, stamp: str, *text: str) -> str:
    return f'<div class="post"><h3>{title}</h3><p class="time">{stamp}</p>{paragraphs(*text)}</div>'


def test_a_blog_page_of_two_dated_posts_under_a_heading_yields_its_first_post():
    other = ("第二篇日志的第一段，写的是去年冬天回国探亲的事情，路上的风景和见到的亲人。",
             "第二篇日志的第二段，说到了小时候在乡下看露天电影，和表哥表姐一起玩耍的往事。")
    result = body_lines(f"<div class='posts'><h2>最新日志</h2>{post('湘菜粤菜兵分两路：吃在墨尔本', '2005-06-14 03:25:55', *PROSE[1:])}"
                        f"{post('回忆童年：小时候的夏天', '2005-06-13 15:00:14', *other)}</div>")
    assert result[-2:] == list(PROSE[1:]) and not set(other) & set(result)


def test_a_post_scoring_exactly_one_hundred_counts_in_a_run_of_posts():
    text = "小时候在乡下看电影，和表哥表姐一起玩，真快乐。"
    # title 19, stamp 34, text 47: a few sentences' worth, exactly
    assert sum(_text_score(run, False) for run in ("回忆童年：小时候的夏天", "2005-06-13 15:00:14", text)) == 100
    result = body_lines(f"<div class='posts'>{post('湘菜粤菜兵分两路：吃在墨尔本', '2005-06-14 03:25:55', PROSE[1])}"
                        f"{post('回忆童年：小时候的夏天', '2005-06-13 15:00:14', text)}</div>")
    assert result[-1] == PROSE[1] and text not in result


def test_dated_posts_holding_exactly_three_fifths_of_the_prose_are_a_run():
    """Two posts of 134 and 100 beside two paragraphs of 78: 234 of 390."""
    text = "小时候在乡下看电影，和表哥表姐一起玩，真快乐。"
    notes = [variant(PROSE[2], n).replace("100", str(200 + n)) for n in range(2)]
    result = body_lines(f"<div class='posts'>{post('湘菜粤菜兵分两路：吃在墨尔本', '2005-06-14 03:25:55', PROSE[2])}"
                        f"{post('回忆童年：小时候的夏天', '2005-06-13 15:00:14', text)}{paragraphs(*notes)}</div>")
    assert result[-1] == PROSE[2] and text not in result and not set(notes) & set(result)


def thread(replies: int, opening_class: str = "item host-item") -> str:
    """A forum thread: the opening post marked apart, its stamp in the thread's header above, then timed replies."""
    opening = f"<div class='{opening_class}'>{paragraphs(*PROSE)}</div>"
    others = "".join(f"<div class='item'><p>作者：网友{n} 时间：2017-03-24 2{n}:35:54</p><p>{variant(LONG, n)}</p></div>"
                     for n in range(replies))
    return f"<div class='head'>楼主：cdylng 时间：2017-03-24 20:29:00</div><div class='main'>{opening}{others}</div>"


def test_a_thread_s_opening_post_marked_apart_and_stamped_above_is_the_body():
    result = body_lines(thread(3))
    assert result[-3:] == list(PROSE) and not any(variant(LONG, n) in result for n in range(3))


@pytest.mark.parametrize("page", [thread(1), thread(3, opening_class="intro")])
def test_an_unstamped_first_block_before_one_reply_or_unlike_the_replies_is_no_opening_post(page):
    # one reply is too little to tell a thread from an article with a timed note; a block of another
    # class is no post of the run
    assert variant(LONG, 0) in body_lines(page)


def test_an_article_with_two_timed_updates_among_its_paragraphs_is_kept_whole():
    updates = [f"<div class='update'><p>2024-03-05 0{n}:30</p><p>{variant(PROSE[1], n)}</p></div>" for n in (8, 9)]
    lines = (PROSE[1], PROSE[2], variant(PROSE[1], 3))
    result = body_lines(f"<div class='text'>{paragraphs(*lines)}{''.join(updates)}</div>")
    assert variant(PROSE[1], 8) in result and variant(PROSE[1], 9) in result and PROSE[1] in result


def test_an_article_container_printing_its_time_keeps_the_paragraph_beside_it():
    inner = paragraphs(*PROSE, variant(PROSE[1], 3), variant(PROSE[2], 3))
    result = body_lines(f"<article><div class='content'><p>发布时间：2024-03-05 09:30</p>{inner}</div><p>{LONG}</p></article>")
    assert result[-1] == LONG and PROSE[0] in result


# ---------------------------------------------------------------------------------------------
# Lead paragraphs above the body

LEAD = "园区今年签约项目46个，总投资312.6亿元，创下历史新高。"


def test_a_lead_paragraph_stays_across_a_template_comment():
    result = body_lines(f"<div class='main'><p>{LEAD}</p><!-- 正文开始 --><div class='content'>{paragraphs(*PROSE)}</div></div>")
    assert result == [LEAD, *PROSE]


def test_a_lead_paragraph_without_a_class_above_a_div_without_one_stays():
    assert body_lines(f"<div class='main'><p>{LEAD}</p><div>{paragraphs(*PROSE)}</div></div>") == [LEAD, *PROSE]


def test_a_lead_needs_a_prose_score_of_forty():
    lead = "园区今年签约项目四十六个总投资三百一十二亿元再次创下历史新高了。"   # 32 characters, one mark: 40
    assert _text_score(lead, False) == 40
    assert body_lines(f"<div class='main'><p>{lead}</p><div class='content'>{paragraphs(*PROSE)}</div></div>") == [
        lead, *PROSE]
    short = lead[1:]   # 39, a sentence still
    assert body_lines(f"<div class='main'><p>{short}</p><div class='content'>{paragraphs(*PROSE)}</div></div>") == list(
        PROSE)


# ---------------------------------------------------------------------------------------------
# Furniture, forms and link lists inside the body


def test_page_furniture_elements_inside_the_body_leave_it_whatever_their_class():
    result = body_lines(f"<div class='text'>{paragraphs(*PROSE)}<aside><p>编辑推荐：园区将举办第三届产业博览会，欢迎企业报名参展。</p></aside></div>")
    assert result == list(PROSE)


def test_a_form_around_an_article_of_two_sentences_is_kept_and_a_search_box_with_one_is_not():
    result = body_lines(f"<table><tr><td><form name='_newscontent_fromname'><p>{PROSE[0]}</p>"
                        f"<div id='vsb_content'><p>{PROSE[1]}</p></div></form></td></tr></table>")
    assert result == list(PROSE[:2])
    search = body_lines(f"<div class='text'>{paragraphs(*PROSE)}<form action='/search'>请输入关键词，按回车键开始查找。"
                        f"<input name='q'></form></div>")
    assert search == list(PROSE)


TEXT = "".join(PROSE)


def test_a_line_of_three_linked_headlines_under_the_text_leaves_it():
    links = " ".join(f'<a href="/n/{i}.html">{h}</a>' for i, h in enumerate(HEADLINES))
    assert generic_text(f"<div class='text'>{paragraphs(*PROSE)}<p>{links}</p></div>") == TEXT


def test_a_list_between_paragraphs_printed_without_paragraph_tags_stays():
    result = generic_text(f"<div class='text'><img src='/upload/1.jpg'>{PROSE[0]}<ul>{link_items()}</ul>{PROSE[1]}</div>")
    assert result == "".join((PROSE[0], *HEADLINES, PROSE[1]))


def test_a_list_whose_last_item_carries_a_note_still_leaves_the_text():
    items = link_items(HEADLINES[:2]) + f'<li><a href="/n/2.html">{HEADLINES[2]}</a><span>（组图，共12张）</span></li>'
    assert generic_text(f"<div class='text'>{paragraphs(*PROSE[:2])}<ul>{items}</ul></div>") == "".join(PROSE[:2])


def test_headline_links_marked_inside_the_link_still_make_a_list():
    items = "".join(f'<li><a href="/n/{i}.html"><em>[图]</em>{h}</a></li>' for i, h in enumerate(HEADLINES))
    assert generic_text(f"<div class='text'>{paragraphs(*PROSE)}<ul>{items}</ul></div>") == TEXT


def test_a_line_of_linked_headlines_ending_in_its_own_remark_leaves_the_text():
    """The remark after the last link belongs to the line: it is no prose beyond the list."""
    links = "、".join(f'<a href="/n/{i}.html">{h}</a>' for i, h in enumerate(HEADLINES))
    remark = "等报道，更多内容请关注本网开发区建设专题报道。"
    assert generic_text(f"<div class='text'>{paragraphs(*PROSE)}<p>相关阅读：{links}{remark}</p></div>") == TEXT


def test_a_list_followed_by_a_sentence_of_a_tenth_of_the_prose_outside_its_block_stays():
    """The same remark after the block, as the block's own tail: prose beyond the list."""
    links = "、".join(f'<a href="/n/{i}.html">{h}</a>' for i, h in enumerate(HEADLINES))
    remark = "更多内容请关注本网开发区建设专题报道，本报将持续跟踪园区项目建设进展。"
    result = generic_text(f"<div class='text'><p>{PROSE[0]}</p><p>{links}</p>{remark}</div>")
    assert result == PROSE[0] + "、".join(HEADLINES) + remark


def test_a_closing_paragraph_citing_three_linked_documents_amid_its_sentences_stays():
    cited = ('本办法依据<a href="/z/1.html">《开发区高质量发展条例》</a>制定，各园区管委会要认真贯彻落实，'
             '结合本地实际抓好组织实施，确保各项政策措施落到实处、取得实效，与<a href="/z/2.html">《招商引资奖励办法》</a>'
             '配套执行，涉及标准厂房的按<a href="/z/3.html">《厂房补贴实施细则》</a>办理。')
    result = generic_text(f"<div class='text'>{paragraphs(*PROSE)}<p>{cited}</p></div>")
    assert result == TEXT + lxml.html.fromstring(f"<p>{cited}</p>").text_content()


def test_three_links_of_thirty_characters_in_all_are_a_list():
    headlines = ("园区项目集中开工仪式隆重举行", "重点项目签约落地", "省领导调研产业园")
    assert sum(map(len, headlines)) == 30
    assert generic_text(f"<div class='text'>{paragraphs(*PROSE)}<ul>{link_items(headlines)}</ul></div>") == TEXT


def test_two_linked_documents_under_the_text_are_no_list():
    docs = ('相关文件：<a href="/z/1.html">《省人民政府关于推进开发区高质量发展的若干意见》</a>'
            '<a href="/z/2.html">《开发区招商引资奖励办法》</a>')
    source = '据<a href="/n/9.html">新华社</a>报道，'   # a third link in the body
    result = generic_text(f"<div class='text'><p>{source}{PROSE[0]}</p>{paragraphs(*PROSE[1:])}<p>{docs}</p></div>")
    assert result == "据新华社报道，" + TEXT + "相关文件：《省人民政府关于推进开发区高质量发展的若干意见》《开发区招商引资奖励办法》"


def test_links_with_as_many_characters_outside_them_are_no_list():
    links = "".join(f'<a href="/n/{i}.html">{h}</a>' for i, h in enumerate(HEADLINES))
    outside = "以上三篇报道均由本报记者采写，集中反映了今年开发区项目建设的新进展和新成效。本报将持续关注后续进展"
    assert sum(map(len, HEADLINES)) == len(outside) == 49
    result = generic_text(f"<div class='text'>{paragraphs(*PROSE)}<p>{outside}{links}</p></div>")
    assert result == TEXT + outside + "".join(HEADLINES)


def test_a_list_followed_only_by_an_editor_s_line_leaves_the_text():
    result = generic_text(f"<div class='text'>{paragraphs(*PROSE)}<ul>{link_items()}</ul><p>编辑：王某</p></div>")
    assert result == TEXT + "编辑：王某"


def test_a_list_with_a_tenth_of_the_prose_beyond_it_leaves_the_text():
    before = [variant(PROSE[1], n) for n in range(9)]
    after = variant(PROSE[1], 9)
    result = generic_text(f"<div class='text'>{paragraphs(*before)}<ul>{link_items()}</ul>{paragraphs(after)}</div>")
    assert result == "".join((*before, after))


def test_attachments_each_linked_with_a_preview_page_stay():
    """Half the links point to files: the list is the notice's attachments, which are content."""
    files = ("2024年度省级专精特新中小企业申报表", "2024年度申报材料清单及填写说明", "申报企业基本情况汇总表")
    items = "".join(f'<li><a href="/upload/{i}.pdf">{name}</a> <a href="/preview/{i}.html">预览</a></li>'
                    for i, name in enumerate(files))
    result = generic_text(f"<div class='text'>{paragraphs(*PROSE)}<ul>{items}</ul></div>")
    assert result == TEXT + "".join(f"{name}预览" for name in files)


# ---------------------------------------------------------------------------------------------
# Teasers: other articles' summaries cut short before a link to them


def teaser_list(count: int = 6) -> str:
    items = "".join(f'<li><a href="/n/{i}.html">另一则新闻标题{i}</a><br><span>{variant(LONG, i)[:70]}...</span>'
                    f'<a href="/n/{i}.html" class="more">更多</a></li>' for i in range(count))
    return f"<div class='side'><ul>{items}</ul></div>"


def test_a_longer_list_of_teasers_beside_a_short_article_is_not_its_body():
    article = f"<span id='h1'>开发区新签约项目46个</span><div class='newsdes'>{paragraphs(*PROSE)}</div>"
    text = generic_text(f"<div class='main'>{article}</div>{teaser_list()}")
    assert text == "".join(PROSE)


@pytest.mark.parametrize("after", ["", "<br><span>（完）</span>"])
def test_a_paragraph_ending_in_an_ellipsis_with_no_link_after_it_is_prose(after):
    trailing = LONG[:-1] + "……"
    body = f"<div class='text'><p>{trailing}</p>{after}</div><div class='side'>{paragraphs(PROSE[0])}</div>"
    assert generic_text(body).startswith(trailing)


# ---------------------------------------------------------------------------------------------
# Code blocks


@pytest.mark.parametrize("token", ['<span class="hljs-comment">// 打印结果</span>',
                                   '<span class="token comment">// 打印结果</span>'])
def test_a_code_block_s_comment_token_is_code_not_a_comments_section(token):
    code = f"<pre><code>console.log(total) {token}</code></pre>"
    text = generic_text(f"<div class='text'>{paragraphs(*PROSE[:2])}{code}{paragraphs(PROSE[2])}</div>")
    assert "console.log(total)//打印结果" in text


def test_a_comments_section_beside_a_code_block_still_goes():
    comments = f"<div class='comment'><p>{variant(PROSE[0], 7)}</p></div>"
    code = "<pre><code>console.log(total)</code></pre>"
    text = generic_text(f"<div class='text'>{paragraphs(*PROSE)}{code}{comments}</div>")
    assert "console.log(total)" in text and "".join(variant(PROSE[0], 7).split()) not in text


def test_a_code_table_s_line_number_gutter_leaves_the_text():
    code = ("<figure class='highlight'><table><tr><td class='gutter'><pre>1<br>2</pre></td>"
            "<td class='code'><pre>int a = 1;<br>int b = 2;</pre></td></tr></table></figure>")
    text = generic_text(f"<div class='text'>{paragraphs(*PROSE[:2])}{code}{paragraphs(PROSE[2])}</div>")
    assert "inta=1;intb=2;" in text and "12inta" not in text
