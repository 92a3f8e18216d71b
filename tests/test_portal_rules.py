"""Discovery rules of each portal on the replicas' own pages, without a crawl: the categories a page links,
a listing's articles in page order (sticky ones marked), the next page of a category, the feed; and how a
Z-BlogPHP site's URLs are read and written in each of its URL modes."""

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from parsel import Selector

from crawler.dates import DAY, DateParser, parse_rfc822
from crawler.pages import parse_html
from crawler.portals import get_portal
from crawler.portals.contract import ArticleFields
from crawler.portals.themes import tpure, zblog_default
from crawler.portals.zblog import ZBlogSite, article_id, category_id, site_key, url_mode_of
from crawler.portals.zhongnangaoke import Zhongnangaoke
from tests.replica import site as replica
from tests.replica_zblog import standard as zblog_replica

HOST = "http://www.example.com"
NOW = datetime(2026, 11, 26, 18, 0, tzinfo=replica.SHANGHAI)


def page(site, url: str) -> Selector:
    parts = urlsplit(url)
    status, _, body = site.render(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert status == 200, url
    return Selector(text=body.decode("utf-8"))


@pytest.fixture
def portal_site():
    return replica.standard_site(HOST, now=NOW)


@pytest.fixture(params=[Zhongnangaoke(), ZBlogSite.for_base_url(HOST)], ids=["zhongnangaoke", "zblog"])
def tpure_reader(request):
    """The portal module, and any Z-BlogPHP site's, read the same tpure pages alike."""
    return request.param


# 园区产业招商 (tpure) ---------------------------------------------------------------------------

def test_every_category_is_found_from_the_menu_and_the_sidebar(portal_site, tpure_reader):
    found = tpure_reader.category_ids(page(portal_site, HOST + "/"), HOST + "/")
    assert sorted(found) == sorted(portal_site.categories) and len(found) == len(set(found))


def test_a_listing_gives_its_articles_in_page_order_with_the_sticky_one_marked(portal_site, tpure_reader):
    url = portal_site.category_url(replica.NEWS)
    entries = tpure_reader.listing_entries(page(portal_site, url), url)
    listed = portal_site.in_category(replica.NEWS)[: portal_site.display_count]
    assert [tpure_reader.post_id(e.url) for e in entries] == [a.post_id for a in listed]
    assert [e.sticky for e in entries] == [a.sticky for a in listed] and any(e.sticky for e in entries)
    assert [e.views_text for e in entries] == [portal_site.views_label(a) for a in listed]
    assert [e.date_text for e in entries] == [replica.strip_tags(replica.time_ago(a.posted, NOW)) for a in listed]


def test_the_next_page_of_a_category_until_its_last(portal_site, tpure_reader):
    first, last = portal_site.category_url(replica.NEWS), portal_site.category_url(replica.NEWS, 3)
    assert tpure_reader.next_listing_page(page(portal_site, first), first) == portal_site.category_url(replica.NEWS, 2)
    assert tpure.next_listing_page(page(portal_site, first), first) == portal_site.category_url(replica.NEWS, 2)
    assert tpure_reader.next_listing_page(page(portal_site, last), last) is None


def test_a_redesigned_listing_still_yields_its_article_links_and_its_next_page(portal_site):
    portal_site.variant = "redesign"          # no tpure listing items, no span.next-page: the 下页 link
    portal = Zhongnangaoke()
    url = portal_site.category_url(replica.NEWS)
    listing = page(portal_site, url)
    ids = [portal.post_id(e.url) for e in portal.listing_entries(listing, url)]
    listed = [a.post_id for a in portal_site.in_category(replica.NEWS)[: portal_site.display_count]]
    assert ids[: len(listed)] == listed and None not in ids and len(ids) == len(set(ids))
    assert portal.next_listing_page(listing, url) == portal_site.category_url(replica.NEWS, 2)


def test_the_feed_gives_the_newest_articles_with_their_exact_times(portal_site):
    portal = Zhongnangaoke()
    entries = portal.feed_entries(portal_site.feed())
    newest = portal_site.live()[: portal_site.rss_count]
    assert [portal.post_id(e.url) for e in entries] == [a.post_id for a in newest]
    assert [parse_rfc822(e.pub_date) for e in entries] == [a.posted for a in newest]


def test_the_portals_own_urls():
    portal = Zhongnangaoke()
    assert (portal.home_url(HOST), portal.feed_url(HOST)) == (HOST + "/", HOST + "/feed.php")
    assert portal.category_id(HOST + "/index.php/category-3_2.html") == 3
    assert portal.post_id(HOST + "/index.php/category-3.html") is None
    assert portal.category_id(HOST + "/index.php/post/3.html") is None


@pytest.mark.parametrize("raw, seconds", [("2年前", 2 * 360 * DAY), ("3个月前", 3 * 30 * DAY), ("2周前", 2 * 7 * DAY),
                                          ("5天前", 5 * DAY), ("3小时前", 3 * 3600), ("10分钟前", 600), ("30秒前", 30)])
def test_the_portal_counts_relative_dates_as_its_theme_does(raw, seconds):
    """tpure_TimeAgo counts a year as 360 days and a month as 30."""
    parsed = DateParser(Zhongnangaoke.date_units).parse(raw, NOW)
    assert (parsed.at, parsed.precision) == (NOW - timedelta(seconds=seconds), "approximate")


def test_the_breadcrumb_names_the_category_when_the_meta_line_does_not(portal_site):
    article = portal_site.articles[26008]
    url = portal_site.article_url(article.post_id)
    markup = re.sub(r'<span class="cate">.*?</span>', "", portal_site.article_page(article), count=1, flags=re.S)
    fields = Zhongnangaoke.parsers.current.parse(parse_html(markup).root, url)
    assert (fields.category, fields.category_ids) == ("新闻中心", (replica.NEWS,))


def test_a_theme_parser_gives_empty_fields_for_a_page_not_its_own():
    other = parse_html("<html><body><div class='entry'><p>正文</p></div></body></html>").root
    for parser in (Zhongnangaoke.parsers.current, zblog_default.DefaultThemeArticle()):
        assert not parser.recognises(other) and parser.parse(other, HOST + "/") == ArticleFields()


def test_the_portal_expects_its_theme_and_a_zblog_site_does_not():
    """Pages the tpure parser misses on the portal mean a redesign (template drift is judged); on an
    arbitrary Z-BlogPHP site they mean a theme parknews does not know."""
    assert Zhongnangaoke().expects_theme is True and ZBlogSite.for_base_url(HOST).expects_theme is False


# Any Z-BlogPHP site: URL modes and the default theme ---------------------------------------------

@pytest.mark.parametrize("url, mode, post", [
    (HOST + "/?id=12", "dynamic", 12),
    (HOST + "/index.php?id=12", "dynamic", 12),
    (HOST + "/index.php/post/12.html", "index_php", 12),
    (HOST + "/post/12.html", "rewrite", 12),
    (HOST + "/blog/post/12.html", "rewrite", 12),
    (HOST + "/?id=12&id=13", "dynamic", None),          # two ids: none of them
    (HOST + "/search.php?id=12", None, None),           # not the site root
    (HOST + "/?cate=12", None, None),
    (HOST + "/category-12.html", None, None),
])
def test_article_urls_of_every_mode(url, mode, post):
    assert (url_mode_of(url), article_id(url)) == (mode if post or mode == "dynamic" else None, post)


@pytest.mark.parametrize("url, category", [
    (HOST + "/?cate=4", 4), (HOST + "/?cate=4&page=2", 4), (HOST + "/index.php/category-4_2.html", 4),
    (HOST + "/category-4.html", 4), (HOST + "/?id=4", None), (HOST + "/post/4.html", None),
])
def test_category_urls_of_every_mode(url, category):
    assert category_id(url) == category


@pytest.mark.parametrize("base, key", [
    ("https://www.Example.com/", "example.com"),
    ("http://example.com:80", "example.com"),
    ("https://example.com:443/blog/", "example.com/blog"),
    ("http://www.example.com:8080", "example.com:8080"),
    ("https://example.com:80", "example.com:80"),
])
def test_a_site_is_named_alike_whatever_its_scheme_www_or_default_port(base, key):
    assert site_key(base) == key


def test_a_site_named_in_the_registry_is_made_on_demand():
    site = get_portal("zblog:example.com:8080")
    assert (site.name, site.default_base_url, site.mode) == ("zblog:example.com:8080", "http://example.com:8080",
                                                              "dynamic")
    assert ZBlogSite.for_base_url("https://www.example.com/").default_base_url == "https://www.example.com"


@pytest.mark.parametrize("written", ["zblog:www.Example.com/", "zblog:example.com", "zblog:https://www.example.com",
                                     "zblog:EXAMPLE.com:80/"])
def test_a_site_is_found_under_the_name_its_crawl_writes_however_the_user_writes_it(written):
    """cron, health and reparse name a portal as typed; its rows carry the crawl's name for its base URL."""
    site = get_portal(written)
    assert site.name == ZBlogSite.for_base_url(site.default_base_url).name == "zblog:example.com"


@pytest.mark.parametrize("written", ["zblog:http://[oops", "zblog:example.com:99999", "zblog: "])
def test_a_name_that_is_no_site_is_an_unknown_portal(written):
    with pytest.raises(KeyError, match="not a site"):
        get_portal(written)


MALFORMED = "http://[oops"      # urljoin and urlsplit raise on it


def test_one_malformed_link_costs_only_itself_on_any_zblog_page():
    site = ZBlogSite.for_base_url(HOST)
    site.learn([MALFORMED, HOST + "/post/1.html"])
    assert site.mode == "rewrite" and site.post_id(MALFORMED) is None and site.category_id(MALFORMED) is None
    page = Selector(text=f'<a href="{MALFORMED}/category-3.html">x</a><a href="/category-2.html">分类</a>'
                         f'<a href="{MALFORMED}/post/4.html">x</a><a href="/post/5.html">文章</a>'
                         f'<div class="pagebar"><a href="{MALFORMED}">下一页</a></div>')
    assert site.category_ids(page, HOST + "/") == [2]
    assert [e.url for e in site.listing_entries(page, HOST + "/")] == [HOST + "/post/5.html"]
    assert site.next_listing_page(page, HOST + "/") is None
    tpure_page = Selector(text=f'<div class="content"><div class="post item"><h2><a href="{MALFORMED}">x</a></h2></div>'
                               '<div class="post item"><h2><a href="/post/6.html">y</a></h2></div></div>')
    assert [site.post_id(e.url) for e in site.listing_entries(tpure_page, HOST + "/")] == [None, 6]


def test_urls_are_written_in_the_mode_most_of_the_sites_links_use():
    site = ZBlogSite.for_base_url(HOST)
    assert site.article_url(HOST, 7) == HOST + "/?id=7"          # the install default until links say otherwise
    site.learn([HOST + "/post/1.html", HOST + "/post/2.html", HOST + "/index.php/post/3.html", HOST + "/about.html"])
    assert (site.article_url(HOST, 7), site.category_url(HOST, 2)) == (HOST + "/post/7.html", HOST + "/category-2.html")
    site.learn([HOST + "/about.html"])                           # no article link: nothing learnt
    assert site.mode == "rewrite"
    site.learn([HOST + "/index.php/post/1.html"])
    assert site.category_url(HOST, 2) == HOST + "/index.php/category-2.html"


@pytest.mark.parametrize("mode", ["dynamic", "index_php", "rewrite"])
def test_a_zblog_site_reads_back_the_urls_it_writes_and_its_feed(mode):
    site = zblog_replica.standard_site(HOST, mode=mode)
    reader = ZBlogSite.for_base_url(HOST)
    reader.mode = mode
    assert reader.post_id(reader.article_url(HOST, 9821)) == 9821
    assert reader.category_id(reader.category_url(HOST, 3)) == 3 and reader.category_id(HOST + "/") is None
    assert (reader.home_url(HOST), reader.feed_url(HOST)) == (HOST + "/", HOST + "/feed.php")
    status, _, feed = site.render("/feed.php")
    entries = reader.feed_entries(feed.decode("utf-8"))
    assert entries and [reader.post_id(e.url) for e in entries] == [a.post_id for a in site.live()[: len(entries)]]
    assert all(parse_rfc822(e.pub_date) == site.articles[reader.post_id(e.url)].posted for e in entries)


@pytest.mark.parametrize("mode", ["dynamic", "index_php", "rewrite"])
def test_default_theme_listings_pages_and_articles_in_each_mode(mode):
    site = zblog_replica.standard_site(HOST, mode=mode)
    reader = ZBlogSite.for_base_url(HOST)
    home = page(site, site.home_url())
    reader.learn(home.css("a::attr(href)").getall())
    assert reader.mode == mode
    assert sorted(reader.category_ids(home, site.home_url())) == sorted(site.categories)
    url = site.category_url(zblog_replica.NEWS)
    listing = page(site, url)
    entries = reader.listing_entries(listing, url)
    shown = site.listing("category", str(zblog_replica.NEWS), 1)
    expected = shown.articles
    assert [reader.post_id(e.url) for e in entries] == [a.post_id for a in expected]
    assert [e.sticky for e in entries] == [a.top for a in expected] and any(e.sticky for e in entries)
    ordinary = [(e, a) for e, a in zip(entries, expected) if not a.top]
    assert [e.date_text for e, _ in ordinary] == [f"{a.posted:%Y-%m-%d %H:%M:%S}" for _, a in ordinary]
    assert all(e.views_text.isdigit() for e, _ in ordinary)
    assert reader.next_listing_page(listing, url) == site.category_url(zblog_replica.NEWS, 2)
    assert zblog_default.next_listing_page(listing, url) == site.category_url(zblog_replica.NEWS, 2)   # its own pagebar
    last = site.category_url(zblog_replica.NEWS, shown.pages)
    assert reader.next_listing_page(page(site, last), last) is None
    article = site.live()[0]
    fields = reader.parsers.current.parse(parse_html(page(site, site.article_url(article.post_id)).get()).root,
                                          site.article_url(article.post_id))
    want = site.expected(article.post_id)
    assert (fields.title, fields.author, fields.category) == (want.title, want.author, want.category)
    assert fields.published_raw == f"{article.posted:%Y-%m-%d %H:%M:%S}"


PLAIN_LISTING = """<html><body><ul>
<li><a href="/post/5.html">五</a></li><li><a href="/post/4.html">四</a></li><li><a href="/post/5.html">五</a></li>
<li><a href="/about.html">关于</a></li></ul>
<div class="pagebar"><a href="/category-1.html">1</a><a href="/category-1_2.html"> 后页 </a></div></body></html>"""


def test_a_site_of_an_unknown_theme_is_walked_by_its_plain_links():
    reader, url = ZBlogSite.for_base_url(HOST), HOST + "/category-1.html"
    listing = Selector(text=PLAIN_LISTING)
    assert [reader.post_id(e.url) for e in reader.listing_entries(listing, url)] == [5, 4]
    assert reader.next_listing_page(listing, url) == HOST + "/category-1_2.html"
    assert reader.next_listing_page(Selector(text='<a rel="next" href="?cate=1&page=3">»</a>'), HOST + "/?cate=1") == \
        HOST + "/?cate=1&page=3"
    assert reader.next_listing_page(Selector(text=PLAIN_LISTING.replace("后页", "2")), url) is None
    unknown = parse_html("<html><body><div class='post'><div class='single'>正文</div></div></body></html>").root
    assert not reader.parsers.current.recognises(unknown) and reader.parsers.current.parse(unknown, url).body is None


def test_a_listing_page_at_an_article_s_url_is_refused_and_an_article_page_is_read():
    """The front page or a category page served where an article should be (a site sending unknown URLs
    home) is no article, for either theme; the article pages themselves are not listings."""
    from crawler.article import read_article

    tpure_site, zblog_site = replica.standard_site(HOST, now=NOW), zblog_replica.standard_site(HOST, mode="index_php")
    cases = [(Zhongnangaoke(), tpure_site, [HOST + "/", tpure_site.category_url(replica.NEWS)]),
             (ZBlogSite.for_base_url(HOST), tpure_site, [HOST + "/"]),
             (ZBlogSite.for_base_url(HOST), zblog_site, [zblog_site.home_url(), zblog_site.category_url(zblog_replica.NEWS)])]
    for reader, site, listings in cases:
        article_url = site.article_url(site.live()[0].post_id)
        for url in listings:
            root = parse_html(page(site, url).get())
            assert reader.parsers.current.lists_articles(root.root), url
            item = read_article(root, article_url, 1, NOW, portal_name="p", parser=reader.parsers.current)
            assert item["reject_reason"] == "a listing page, served as if it were the article"
        article = parse_html(page(site, article_url).get())
        assert not reader.parsers.current.lists_articles(article.root)
        assert not read_article(article, article_url, 1, NOW, portal_name="p",
                                parser=reader.parsers.current).get("reject_reason")
