"""The second replica renders what Z-BlogPHP 1.7 with its default theme would, in each URL mode, over HTTP."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from parsel import Selector

from tests.replica.server import ReplicaServer
from tests.replica_zblog.site import SHANGHAI
from tests.replica_zblog.standard import FIXED_NOW, NEWS, PROJECTS, site_factory, standard_site

MODES = ("dynamic", "index_php", "rewrite")
# Every same-site link a page may carry, per mode: (kind, pattern of the URL after the site root).
LINK_FORMS = {
    "dynamic": (("article or page", r"\?id=\d+"), ("home", r""), ("home page", r"\?page=\d+"),
                ("category", r"\?cate=\d+(&page=\d+)?"), ("tag", r"\?tags=\d+(&page=\d+)?"),
                ("date", r"\?date=\d{4}-\d{1,2}(-\d{1,2})?(&page=\d+)?"), ("author", r"\?auth=\d+(&page=\d+)?")),
    "index_php": (("article", r"index\.php/post/\d+\.html"), ("page", r"index\.php/\d+\.html"), ("home", r"(index\.php/)?"),
                  ("home page", r"index\.php/page_\d+\.html"), ("category", r"index\.php/category-\d+(_\d+)?\.html"),
                  ("tag", r"index\.php/tags-\d+(_\d+)?\.html"),
                  ("date", r"index\.php/date-\d{4}-\d{1,2}(-\d{1,2})?(_\d+)?\.html"),
                  ("author", r"index\.php/author-\d+(_\d+)?\.html")),
    "rewrite": (("article", r"post/\d+\.html"), ("page", r"\d+\.html"), ("home", r""), ("home page", r"page_\d+\.html"),
                ("category", r"category-\d+(_\d+)?\.html"), ("tag", r"tags-\d+(_\d+)?\.html"),
                ("date", r"date-\d{4}-\d{1,2}(-\d{1,2})?(_\d+)?\.html"), ("author", r"author-\d+(_\d+)?\.html")),
}
# Links to the CMS's own machinery, the same in every mode.
SYSTEM_LINK = re.compile(r"(zb_system/|zb_users/|feed\.php)")


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


@pytest.fixture(params=MODES)
def served(request):
    with ReplicaServer(site_factory=site_factory(request.param)) as server:
        yield server


def pagebar(page: Selector) -> list[tuple[str, str | None]]:
    """(label, href) of each pagebar button, href None for the current page."""
    buttons = []
    for node in page.css("#divMain > div.pagebar > *"):
        label = node.css("span.page::text").get() or node.css("::text").get()
        buttons.append((label, None if node.root.tag == "span" else node.attrib["href"]))
    return buttons


def same_site_links(site, page: Selector) -> list[str]:
    hrefs = page.css("a::attr(href), link::attr(href), script::attr(src)").getall()
    return [h for h in hrefs if h.startswith(site.root)]


# URL forms ------------------------------------------------------------------------------------------

def test_each_mode_prints_the_cms_url_forms():
    root = "http://h/"
    expected = {
        "dynamic": [root, root + "?page=2", root + "?id=7", root + "?id=2", root + "?cate=4", root + "?cate=4&page=3",
                    root + "?tags=5", root + "?tags=5&page=2", root + "?date=2024-5", root + "?date=2024-5-6&page=2",
                    root + "?auth=2", root + "?auth=2&page=2"],
        "index_php": [root + "index.php/", root + "index.php/page_2.html", root + "index.php/post/7.html",
                      root + "index.php/2.html", root + "index.php/category-4.html",
                      root + "index.php/category-4_3.html", root + "index.php/tags-5.html",
                      root + "index.php/tags-5_2.html", root + "index.php/date-2024-5.html",
                      root + "index.php/date-2024-5-6_2.html", root + "index.php/author-2.html",
                      root + "index.php/author-2_2.html"],
        "rewrite": [root, root + "page_2.html", root + "post/7.html", root + "2.html", root + "category-4.html",
                    root + "category-4_3.html", root + "tags-5.html", root + "tags-5_2.html", root + "date-2024-5.html",
                    root + "date-2024-5-6_2.html", root + "author-2.html", root + "author-2_2.html"],
    }
    for mode, urls in expected.items():
        site = standard_site("http://h", mode=mode)
        made = [site.home_url(), site.home_url(2), site.article_url(7), site.page_url(2), site.category_url(4),
                site.category_url(4, 3), site.tag_url(5), site.tag_url(5, 2), site.date_url("2024-5"),
                site.date_url("2024-5-6", 2), site.author_url(2), site.author_url(2, 2)]
        assert made == urls, mode


def test_each_mode_answers_its_own_forms_and_the_dynamic_ones_only():
    paths = {"dynamic": "/?id=3", "index_php": "/index.php/post/3.html", "rewrite": "/post/3.html"}
    for mode in MODES:
        site = standard_site("http://h", mode=mode)
        for other, path in paths.items():
            status = site.render(path)[0]
            assert status == (200 if other in (mode, "dynamic") else 404), (mode, path)
        assert site.render("/index.php?cate=1&page=2")[0] == 200      # the dynamic routes answer on /index.php too
        assert site.render("/feed.php")[0] == 200


# pages over HTTP, in every mode ---------------------------------------------------------------------

def test_home_lists_the_newest_articles_with_the_top_article_first(served):
    site = served.site
    status, content_type, text = fetch(site.home_url())
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    page = Selector(text)
    assert page.css("body::attr(class)").get() == "multi index"
    assert page.css("title::text").get() == "滨湖产业园招商网-园区动态 · 招商政策 · 企业服务"
    top = [a for a in site.live() if a.top]
    newest = [a for a in site.live() if not a.top][:10]
    assert page.css("#divMain > div.post.istop-post h2.post-title a::attr(href)").getall() == [
        site.article_url(a.post_id) for a in top]
    items = page.css("#divMain > div.post.multi")
    assert [i.css("h2.post-title > a::attr(href)").get() for i in items] == [site.article_url(a.post_id) for a in newest]
    assert [i.css("h2.post-title > a::text").get() for i in items] == [a.title for a in newest]
    assert [i.css("span.post-date::text").get() for i in items] == [f"{a.posted:%Y-%m-%d %H:%M:%S}" for a in newest]
    assert pagebar(page) == [("<<", site.home_url()), ("1", None), ("2", site.home_url(2)), ("3", site.home_url(3)),
                             (">", site.home_url(2)), (">>", site.home_url(3))]


def test_every_same_site_link_uses_the_modes_url_forms(served):
    site = served.site
    forms = [re.compile(re.escape(site.root) + pattern) for _, pattern in LINK_FORMS[served.site.mode]]
    checked = 0
    for url in (site.home_url(), site.category_url(NEWS, 2), site.article_url(site.live()[0].post_id),
                site.date_url("2024-5")):
        status, _, text = fetch(url)
        assert status == 200, url
        for href in same_site_links(site, Selector(text)):
            checked += 1
            if not SYSTEM_LINK.match(href[len(site.root):]):
                assert any(form.fullmatch(href.split("#")[0]) for form in forms), (site.mode, href)
    assert checked > 100


def test_category_pages_walk_to_every_article_of_the_category_and_its_subcategory(served):
    site = served.site
    wanted = [a for a in site.live() if a.category_id in (NEWS, PROJECTS) and not a.top]
    assert len(wanted) == 22            # 3 pages at ZC_DISPLAY_COUNT 10
    url, seen, pagebars = site.category_url(NEWS), [], []
    while url:
        status, _, text = fetch(url)
        assert status == 200, url
        page = Selector(text)
        assert page.css("body::attr(class)").get() == "multi category"
        seen += page.css("#divMain > div.post.multi h2.post-title > a::attr(href)").getall()
        pagebars.append(pagebar(page))
        url = dict(pagebars[-1]).get(">")
    assert seen == [site.article_url(a.post_id) for a in wanted]
    first, second, third = (site.category_url(NEWS, n) for n in (1, 2, 3))
    assert pagebars == [
        [("<<", first), ("1", None), ("2", second), ("3", third), (">", second), (">>", third)],
        [("<<", first), ("<", first), ("1", first), ("2", None), ("3", third), (">", third), (">>", third)],
        [("<<", first), ("<", second), ("1", first), ("2", second), ("3", None), (">>", third)],
    ]
    status, _, text = fetch(site.category_url(NEWS, 4))
    assert status == 404 and "公益404" in text


def test_the_pagebar_window_follows_the_current_page_as_the_core_computes_it():
    site = standard_site("http://h", mode="index_php")
    site.display_count = 1                                  # 22 pages for 园区动态
    def numbers(page: int) -> list[str]:
        text = site.render(f"/index.php/category-{NEWS}_{page}.html")[2].decode()
        return [label for label, _ in pagebar(Selector(text)) if label.isdigit()]
    assert numbers(1) == [str(n) for n in range(1, 11)]
    assert numbers(5) == [str(n) for n in range(1, 11)]
    assert numbers(8) == [str(n) for n in range(4, 14)]      # the current page sits sixth
    assert numbers(20) == [str(n) for n in range(13, 23)]    # near the end the window stops at the last page
    assert numbers(22) == [str(n) for n in range(13, 23)]


def test_a_one_page_category_still_has_its_pagebar(served):
    site = served.site
    status, _, text = fetch(site.category_url(PROJECTS))
    page = Selector(text)
    assert status == 200
    assert page.css("title::text").get() == "滨湖产业园招商网-项目建设"
    assert len(page.css("#divMain > div.post.multi")) == 6
    assert pagebar(page) == [("<<", site.category_url(PROJECTS)), ("1", None), (">>", site.category_url(PROJECTS))]


def test_article_pages_print_title_date_meta_tags_and_the_stored_body(served):
    site = served.site
    for article in site.live():
        expected = site.expected(article.post_id)
        status, _, text = fetch(expected.url)
        assert status == 200, expected.url
        page = Selector(text)
        post = page.css("#divMain > div.post.single")
        assert page.css("body::attr(class)").get() == "single article"
        assert page.css("title::text").get() == f"滨湖产业园招商网-{expected.title}"
        assert post.css("h2.post-title::text").get() == expected.title
        assert post.css("h2.post-title > span.post-date::text").get() == f"{expected.published:%Y-%m-%d %H:%M:%S}"
        meta = " ".join(post.css("p.post-footer ::text").getall()).split()
        assert meta[:3] == [f"作者:{expected.author}", "|", f"分类:{expected.category}"]
        assert tuple(post.css("p.post-tags a::text").getall()) == expected.tags
        body = post.css("div.post-body")
        body_text = "".join(body.css("::text").getall())
        for line in expected.body_text:
            assert all(part in body_text for part in line.split("\t")), (article.post_id, line)
        body_images = [html.unescape(src) for src in body.css("img::attr(src)").getall()]
        for image in expected.images:
            assert image in [src if "://" in src else site.host + src for src in body_images], image
        # the boilerplate the cleaner must remove is really there, inside the body
        assert all(text_ in body.get() for text_ in expected.absent if not text_.startswith("<")), article.post_id


def test_the_feed_lists_the_newest_articles_as_the_cms_writes_them(served):
    site = served.site
    status, content_type, text = fetch(site.feed_url)
    assert (status, content_type) == (200, "text/xml; charset=utf-8")
    assert "\n" not in text
    channel = ET.fromstring(text).find("channel")
    assert channel.findtext("title") == site.name and channel.findtext("link") == site.root
    newest = site.live()[: site.rss_count]
    items = channel.findall("item")
    assert [i.findtext("link") for i in items] == [site.article_url(a.post_id) for a in newest]
    assert [parsedate_to_datetime(i.findtext("pubDate")) for i in items] == [a.posted for a in newest]
    assert all(i.findtext("pubDate").endswith(" +0800") for i in items)
    # titles are stored escaped and escaped again for the feed: one html.unescape after XML parsing
    assert [html.unescape(i.findtext("title")) for i in items] == [a.title for a in newest]
    assert '园区举办&quot;智造未来&quot;R&amp;D创新论坛' in [i.findtext("title") for i in items]
    assert [i.findtext("description") for i in items] == [site.stored_html(a.body.html) for a in newest]


def test_unknown_and_deleted_pages_answer_the_themes_404(served):
    site = served.site
    for url in (site.article_url(9), site.article_url(999), site.category_url(99), site.category_url(NEWS, 4),
                site.home_url(4), site.tag_url(99), site.date_url("2024-13"), site.author_url(7), site.root + "nope.html"):
        status, content_type, text = fetch(url)
        assert (status, content_type) == (404, "text/html; charset=utf-8"), url
        assert Selector(text).css("title::text").get() == "滨湖产业园招商网-公益404"
        assert 'id="divMain"' not in text


def test_tag_date_and_author_listings(served):
    site = served.site
    for url, kind, title, chosen in (
        (site.tag_url(2), "tag", "项目签约", lambda a: 2 in a.tag_ids),
        (site.date_url("2024-5"), "date", "2024年5月", lambda a: (a.posted.year, a.posted.month) == (2024, 5)),
        (site.date_url("2024-5-18"), "date", "2024年5月18日", lambda a: a.posted.date().isoformat() == "2024-05-18"),
        (site.author_url(2), "author", "园区编辑部", lambda a: a.author_id == 2),
    ):
        status, _, text = fetch(url)
        page = Selector(text)
        assert status == 200 and page.css("body::attr(class)").get() == f"multi {kind}", url
        assert page.css("title::text").get() == f"滨湖产业园招商网-{title}"
        listed = page.css("#divMain > div.post h2.post-title a::attr(href)").getall()
        top = [site.article_url(a.post_id) for a in site.live() if a.top]
        wanted = [site.article_url(a.post_id) for a in site.live() if chosen(a) and not a.top][:10]
        assert listed == top + wanted, url


def test_the_guestbook_page_shares_the_article_url_space_but_is_not_an_article(served):
    site = served.site
    status, _, text = fetch(site.page_url(2))
    page = Selector(text)
    assert status == 200
    assert page.css("body::attr(class)").get() == "single page"
    assert page.css("#divMain > div.post.page h2.post-title::text").get() == "留言本"
    assert not page.css("div.post.single") and not page.css("span.post-date")


def test_robots_txt(served):
    status, content_type, text = fetch(served.site.root + "robots.txt")
    assert (status, content_type) == (200, "text/plain; charset=utf-8")
    assert text.splitlines() == ["User-agent: *", "Disallow: /zb_system/", "Disallow: /zb_users/plugin/",
                                 "Disallow: /search.php"]


# markup details ---------------------------------------------------------------------------------------

def test_dynamic_mode_prints_ampersands_escaped():
    site = standard_site("http://h")
    text = site.render("/?cate=1")[2].decode()
    assert 'href="http://h/?cate=1&amp;page=2"' in text
    assert not re.search(r'href="[^"]*&(?!amp;)', text)
    assert Selector(text).css("#divMain > div.pagebar a::attr(href)").getall()[1] == "http://h/?cate=1&page=2"


def test_shell_identifies_the_cms_and_the_default_theme():
    for version, build, rel in (("1.7.3", "173230", "noopener norefferrer"), ("1.7.5", "173540", "noopener noreferrer")):
        site = standard_site("http://h", version=version)
        page = Selector(site.render("/?id=3")[2].decode())
        assert page.css('meta[name="generator"]::attr(content)').get() == f"Z-BlogPHP {version}"
        assert page.css("link[rel=stylesheet]::attr(href)").get() == "http://h/zb_users/theme/default/style/default.css?2023-05-26"
        assert page.css("script::attr(src)").getall()[0] == f"http://h/zb_system/script/jquery-latest.min.js?v={build}"
        assert page.css("#divTop h1#BlogTitle a::text").get() == "滨湖产业园招商网"
        assert page.css("#divTop h3#BlogSubTitle::text").get() == site.subtitle      # h2 on lists, h3 on articles
        assert page.css("#BlogPowerBy a::attr(title)").get() == f"Z-BlogPHP {version} Build {build}"
        assert page.css("#BlogPowerBy a::attr(rel)").get() == rel
        assert not page.css('link[rel="alternate"]')      # no RSS link: ZC_XMLRPC_ENABLE is off by default


def test_sidebar_modules_list_categories_recent_posts_archives_and_tags():
    site = standard_site("http://h", mode="rewrite")
    page = Selector(site.render("/")[2].decode())
    assert page.css("#divSidebar > dl.function::attr(id)").getall() == [
        "divCalendar", "divCatalog", "divSearchPanel", "divPrevious", "divComments", "divArchives", "divTags",
        "divAuthors", "divLinkage"]
    assert page.css("#divCatalog li a::text").getall() == ["园区动态", "项目建设", "招商政策", "企业服务"]
    assert page.css("#divCatalog li a::attr(href)").getall() == [site.category_url(n) for n in (1, 4, 2, 3)]
    assert page.css("#divPrevious li a::attr(href)").getall() == [site.article_url(a.post_id) for a in site.live()[:10]]
    archives = page.css("#divArchives li a::text").getall()
    assert archives[0] == "2024年5月 (3)" and archives[-1] == "2023年9月 (3)"
    assert sum(int(re.search(r"\((\d+)\)", a).group(1)) for a in archives) == len(site.articles)
    assert page.css("#divArchives li a::attr(href)").get() == "http://h/date-2024-5.html"
    assert "".join(page.css("#divTags li:first-child a ::text").getall()) == "招商引资 (6)"
    assert page.css("#divComments li a::attr(href)").get() == site.article_url(site.live()[3].post_id) + "#cmt3"   # newest comment first
    assert page.css("#divLinkage li a::attr(href)").getall() == ["https://github.com/zblogcn", "http://www.bhrc.example/"]


def test_the_fixed_clock_makes_pages_repeatable_and_moves_the_calendar():
    first = standard_site("http://h").render("/")[2]
    assert standard_site("http://h").render("/")[2] == first
    may = Selector(first.decode())
    assert "2024年5月" in "".join(may.css("#tbCalendar caption ::text").getall())
    assert may.css("#tbCalendar td a::text").getall() == ["6", "18", "28"]
    june = Selector(standard_site("http://h", now=FIXED_NOW + timedelta(days=5)).render("/")[2].decode())
    assert "2024年6月" in "".join(june.css("#tbCalendar caption ::text").getall())
    assert june.css("#tbCalendar td a::text").getall() == []
    real = standard_site("http://h", now=None)
    assert abs(real.clock() - datetime.now(SHANGHAI)) < timedelta(minutes=1)


def test_comments_are_printed_only_where_the_version_turns_them_on():
    with_comments = Selector(standard_site("http://h").render("/?id=28")[2].decode())
    texts = with_comments.css("#divMain ul.msg:not(.msghead) li.msgarticle::text").getall()
    assert [t.strip() for t in texts if t.strip()] == [
        "请问园区标准厂房还有空余吗？想了解一下租金。", "“一企一专员”这个服务很实用，点赞！"]
    assert with_comments.css("#divCommentPost") and not with_comments.css("#inpVerify")
    assert with_comments.css("div.pagebar.commentpagebar")
    later = Selector(standard_site("http://h", version="1.7.5").render("/?id=28")[2].decode())
    assert not later.css("#divCommentPost") and not later.css("ul.msg")
    opened = Selector(standard_site("http://h", version="1.7.5", comments_open=True).render("/?id=28")[2].decode())
    assert opened.css("#divCommentPost #inpVerify")


def test_listing_intros_are_the_stored_automatic_excerpt():
    site = standard_site("http://h")
    page = Selector(site.render("/")[2].decode())
    by_url = {i.css("h2 a::attr(href)").get(): i.css("div.post-body").get() for i in page.css("div.post.multi")}
    video = next(a for a in site.live() if a.body.kind == "video_more")
    assert "<iframe" not in by_url[site.article_url(video.post_id)]                 # cut at <!--more-->
    wechat = next(a for a in site.live() if a.body.kind == "wechat")
    assert by_url[site.article_url(wechat.post_id)].endswith("</section><!--autointro--></div>")
    assert "往期推荐" not in by_url[site.article_url(wechat.post_id)]


def test_views_grow_with_each_article_view_and_show_on_the_listing():
    site = standard_site("http://h")
    article = site.live()[3]
    before = article.views
    site.render(f"/?id={article.post_id}")
    text = site.render(f"/?id={article.post_id}")[2].decode()
    assert f"浏览:{before + 2}" in text
    assert f"浏览:{before + 2}" in site.render("/")[2].decode()


def test_tag_commas_follow_the_templates_id_comparison():
    site = standard_site("http://h")
    page = Selector(site.render(f"/?id={site.live()[0].post_id}")[2].decode())   # tags 4 then 2
    assert page.css("p.post-tags").re(r"标签:.*") and page.css("p.post-tags small::text").getall() == []
    first_tag_one = next(a for a in site.live() if a.tag_ids[:1] == (1,) and len(a.tag_ids) == 2)
    page = Selector(site.render(f"/?id={first_tag_one.post_id}")[2].decode())
    assert page.css("p.post-tags small::text").getall() == [","]
