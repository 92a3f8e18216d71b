"""Reading one page into an item, in process: the theme's parser first, the generic extractor for exactly
what it misses, and the pages that are no article (an error page, a page cut short, a parser that fails)."""

import re
from datetime import datetime

import pytest

from crawler.article import ERROR_PAGE_MAX_CHARS, MIN_BODY_CHARS, read_article
from crawler.pages import ParsedPage, parse_html
from crawler.portals.zhongnangaoke import Zhongnangaoke
from tests.replica import site as replica

HOST = "http://www.example.com"
NOW = datetime(2026, 11, 26, 18, 0, tzinfo=replica.SHANGHAI)
PARSER = Zhongnangaoke().parsers.current
SITE = replica.standard_site(HOST, now=NOW)
ARTICLE = SITE.live()[0]
URL = SITE.article_url(ARTICLE.post_id)
PAGE = SITE.article_page(ARTICLE)
TITLE = "园区产业动态第1期：项目建设跑出加速度"
BODY = re.compile(r'(<div class="single viewall">).*?(</div>\s*<div class="copynotice">)', re.S)


def read(html: str, **kwargs):
    kwargs.setdefault("parser", PARSER)
    return read_article(parse_html(html), URL, ARTICLE.post_id, NOW, portal_name="zhongnangaoke", **kwargs)


def with_body(text: str, html: str = PAGE) -> str:
    return BODY.sub(lambda m: f"{m.group(1)}<p>{text}</p>{m.group(2)}", html, count=1)


def without(pattern: str, html: str = PAGE) -> str:
    changed = re.sub(pattern, "", html, count=1, flags=re.S)
    assert changed != html, pattern
    return changed


def test_a_page_its_theme_reads_whole_is_read_by_the_theme_alone():
    item = read(PAGE)
    assert item["extraction_method"] == "theme" and not item.get("reject_reason")
    assert (item["title"], item["author"], item["published_raw"], item["category"]) == (TITLE, "admin", "7分钟前",
                                                                                     "新闻中心")


def test_a_missing_title_is_taken_from_the_page_and_the_item_marked_generic():
    item = read(without(r"<h1>.*?</h1>"))
    assert item["title"] == TITLE and item["extraction_method"] == "generic"
    assert item["published_raw"] == "7分钟前" and item["author"] == "admin"     # what the theme read stays


def test_a_missing_date_is_taken_from_the_page_and_the_theme_s_title_and_author_stay():
    html = without(r'<span class="date">.*?</span>')
    html = html.replace("<head>", '<head><meta property="og:title" content="另一个网站给的标题">'
                                  '<meta property="article:published_time" content="2026-11-20T08:30:00+08:00">', 1)
    html = with_body("记者 王明远 报道。园区坚持项目为王，围绕主导产业开展精准招商，今年以来累计签约落地亿元以上项目23个，"
                     "总投资186亿元，标准化厂房建设进展顺利。", html)
    item = read(html)
    assert item["published_raw"] == "2026-11-20T08:30:00+08:00" and item["extraction_method"] == "generic"
    assert (item["title"], item["author"]) == (TITLE, "admin")


def test_a_theme_body_under_the_minimum_is_replaced_by_the_generic_one():
    short = "记者报道。" * 3
    assert len(short) < MIN_BODY_CHARS
    html = with_body(short).replace("</body>", '<div class="article-text"><p>' + "园区今年签约项目二十三个，总投资一百八十六亿元。" * 6
                                    + "</p></div></body>", 1)
    item = read(html)
    assert item["extraction_method"] == "generic" and "一百八十六亿元" in item["body"].text_content()


def test_a_theme_body_of_exactly_the_minimum_is_the_theme_s():
    exact = "园区今年签约项目二十三个，总投资一百八亿"
    assert len(exact) == MIN_BODY_CHARS
    item = read(with_body(exact))
    assert item["extraction_method"] == "theme" and item["body"].text_content().strip() == exact
    # the date missing too: the generic fill keeps a theme body of the minimum length
    item = read(with_body(exact, without(r'<span class="date">.*?</span>')))
    assert item["body"].text_content().strip() == exact
    one_less = read(with_body(exact[:-1]))
    assert one_less["extraction_method"] == "generic"


def test_without_the_generic_fallback_what_the_theme_misses_stays_missing():
    html = without(r"<h1>.*?</h1>")
    item = read(html, generic_fallback=False)
    assert item["title"] is None and item["extraction_method"] == "theme"
    assert read_article(parse_html(html), URL, 1, NOW, portal_name="p", parser=PARSER)["title"] == TITLE   # the default


def test_a_page_of_no_portal_is_read_generically():
    item = read(PAGE, parser=None)
    assert item["extraction_method"] == "generic" and item["title"] == TITLE


def test_a_page_cut_short_or_that_its_parser_cannot_read_is_an_item_with_the_reason():
    cut = ParsedPage(parse_html(PAGE).root, truncated="page cut short at 1000 bytes")
    item = read_article(cut, URL, 1, NOW, portal_name="p", parser=PARSER)
    assert item["reject_reason"] == "page cut short at 1000 bytes" and item["url"] == URL

    class Broken:
        name = "broken"

        def recognises(self, root):
            return True

        def lists_articles(self, root):
            return False

        def parse(self, root, url):
            raise ValueError("selector exploded")

    item = read(PAGE, parser=Broken())
    assert item["reject_reason"] == "parse error: ValueError('selector exploded')" and item["post_id"] == ARTICLE.post_id


def error_page(title: str, heading: str, chars: int) -> str:
    sentence = "抱歉，您访问的内容暂时无法显示，请稍后再试或返回首页浏览其他内容。"
    text = (sentence * (chars // len(sentence) + 1))[:chars]
    return (f"<html><head><title>{title}</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            f"<div class='main'><h1>{heading}</h1><p>{text}</p></div></body></html>")


@pytest.mark.parametrize("chars, refused", [(ERROR_PAGE_MAX_CHARS, True), (ERROR_PAGE_MAX_CHARS + 1, False)])
def test_an_error_page_is_at_most_so_many_characters_long(chars, refused):
    item = read(error_page("页面不存在 - 园区网", "提示", chars), parser=None)
    assert bool(item.get("reject_reason")) is refused
    if refused:
        assert item["reject_reason"] == "an error page (页面不存在 - 园区网), served as if it were the article"


def test_an_error_page_is_known_by_its_heading_when_its_title_is_the_site_s_name():
    item = read(error_page("园区网", "对不起，页面不存在", 60), parser=None)
    assert item["title"] == "对不起，页面不存在"
    assert item["reject_reason"] == "an error page (对不起，页面不存在), served as if it were the article"


def test_the_theme_s_title_and_date_are_never_replaced_by_the_generic_extractor_s():
    own_title = PAGE.replace(f"<h1>{TITLE}</h1>", "<h1>园区专题：项目建设</h1>", 1)   # the page's <title> says otherwise
    item = read(without(r'<span class="date">.*?</span>', own_title).replace(
        "<head>", '<head><meta property="article:published_time" content="2026-11-20T08:30:00+08:00">', 1))
    assert (item["title"], item["published_raw"]) == ("园区专题：项目建设", "2026-11-20T08:30:00+08:00")
    item = read(without(r"<h1>.*?</h1>").replace(
        "<head>", '<head><meta property="article:published_time" content="2026-11-20T08:30:00+08:00">', 1))
    assert (item["title"], item["published_raw"]) == (TITLE, "7分钟前")


def test_a_page_the_generic_extractor_adds_nothing_to_stays_a_theme_read():
    """The share of generic reads is what flags a redesign: one that filled nothing is not one."""
    item = read(without(r'<span class="date">.*?</span>'))      # no date anywhere else on the page either
    assert item["published_raw"] is None and item["extraction_method"] == "theme"
