"""The replica portal: a Z-BlogPHP + tpure 5.0.2 site rendered as docs/portal.md describes it.

``Site`` holds categories and articles and renders any path the real site answers (home,
category listings with their pagebar, article pages, feed.php, robots.txt, 404). Tests change
it between crawls (add, edit, delete articles); the server in ``server.py`` serves it.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Callable
from zoneinfo import ZoneInfo

from tests.replica import article_9821
from tests.replica.bodies import ARTICLE_9821, LAZY, VARIANTS, Body, plain_body

# Article 9821 republished twice more on the portal: the same news, counted once per story by the fact views.
COPIES_OF_9821 = (26050, 26051)

SHANGHAI = ZoneInfo("Asia/Shanghai")
SITE_NAME = "园区产业招商"
SUBTITLE = "园区招商 厂房土地 产业服务"


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    parent: int | None = None
    in_nav: bool = False
    in_sidebar: bool = True


@dataclass
class Article:
    post_id: int
    title: str
    category_id: int
    posted: datetime
    body: Body
    views: int = 100
    author: str = "admin"
    tags: tuple[str, ...] = ()
    sticky: bool = False
    views_label: str | None = None   # how the theme prints the count, when not as digits (6.x: "1.2万")
    canonical: str | None = None     # what its page's <link rel="canonical"> says, when not its own URL


def time_ago(posted: datetime, now: datetime) -> str:
    """tpure_TimeAgo with PostTIMESTYLE=0, as HTML (portal.md section 3.1)."""
    elapsed = (now - posted).total_seconds()
    units = ((360 * 86400, "年"), (30 * 86400, "个月"), (7 * 86400, "周"), (86400, "天"), (3600, "小时"),
             (60, "分钟"), (1, "秒"))
    for seconds, word in units:
        if elapsed / seconds >= 1:
            count = math.floor(elapsed / seconds + 0.5)  # PHP round(): half away from zero
            if word == "年":
                return f'{count}{word}前<span class="datetime"> ({posted:%Y-%m-%d})</span>'
            if word in ("个月", "周"):
                return f'{count}{word}前<span class="datetime"> ({posted:%m-%d})</span>'
            return f"{count}{word}前"
    return "刚刚"


def strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


@dataclass
class Site:
    host: str                                   # e.g. http://127.0.0.1:8123
    now: Callable[[], datetime] = field(default=lambda: datetime.now(SHANGHAI))
    categories: dict[int, Category] = field(default_factory=dict)
    articles: dict[int, Article] = field(default_factory=dict)
    gone: set[int] = field(default_factory=set)          # answer 404
    display_count: int = 10                              # ZC_DISPLAY_COUNT
    rss_count: int = 5                                   # ZC_RSS2_COUNT (the admin lowered it)
    views_on_fetch: bool = True                          # span.view counts every article view
    robots_disallow: tuple[str, ...] = ("/zb_system/", "/search.php", "/index.php/tags-")
    # Fault injection. ``faults`` maps a path to faults served one per request, in order:
    # "404", "500", "503", "reset", "slow", "truncate", "huge", "gbk_as_utf8", "gbk_undeclared", "redirect:<url>".
    # ``page_faults`` maps a post id to a lasting defect of its page:
    # "empty", "hollow", "soft_404", "stranger", "listing" (the front page served in its place), "no_title", "bad_date", "bad_views", "huge_views", "malformed",
    # "deep" (the body nested deeper than any HTML parser reads).
    faults: dict[str, list[str]] = field(default_factory=dict)
    page_faults: dict[int, str] = field(default_factory=dict)
    # Categories whose pagebar never ends: past the last page, "repeat" serves the last page's articles again
    # and "empty" none, each with a link to the next page.
    endless: dict[int, str] = field(default_factory=dict)
    slow_seconds: float = 3.0
    extra_links: tuple[str, ...] = ()                     # hrefs added to every sidebar (off-site, mailto: …)
    # Hostile entries: raw listing items put first on page 1 of a category, raw <item>s first in the feed.
    listing_junk: dict[int, list[str]] = field(default_factory=dict)
    feed_junk: list[str] = field(default_factory=list)
    # "redesign": the same site after a template change: containers renamed and rewrapped, dates
    # printed as 发布时间：Y-m-d H:i, no pagebar classes. The theme's selectors find nothing in it.
    # "tpure6": the theme's 6.x markup (portal.md §1.10): the page wrapped in div.maincon, the post's
    # abstract in blockquote.abstract at the top of div.single, an empty share box that JS fills.
    variant: str = "tpure"
    # "heavy" pages carry what real portal pages do around the article: long sidebar widgets, a tag
    # cloud, an archive, statistics scripts. They weigh 50–100 KB, like the live site's.
    heavy: bool = False

    def take_fault(self, path: str) -> str | None:
        queue = self.faults.get(path)
        return queue.pop(0) if queue else None

    # content -----------------------------------------------------------------------------
    def add(self, article: Article) -> Article:
        self.articles[article.post_id] = article
        return article

    def live(self) -> list[Article]:
        return sorted((a for a in self.articles.values() if a.post_id not in self.gone),
                      key=lambda a: (a.posted, a.post_id), reverse=True)

    def in_category(self, category_id: int) -> list[Article]:
        ids = {category_id} | {c.id for c in self.categories.values() if c.parent == category_id}
        listed = [a for a in self.live() if a.category_id in ids]
        return [a for a in listed if a.sticky] + [a for a in listed if not a.sticky]

    # URLs --------------------------------------------------------------------------------
    def article_url(self, post_id: int) -> str:
        return f"{self.host}/index.php/post/{post_id}.html"

    def category_url(self, category_id: int, page: int = 1) -> str:
        return f"{self.host}/index.php/category-{category_id}{'' if page == 1 else f'_{page}'}.html"

    # routing -----------------------------------------------------------------------------
    def render(self, path: str) -> tuple[int, str, bytes]:
        path = path.split("?")[0]
        if path == "/robots.txt":
            lines = ["User-agent: *", *[f"Disallow: {d}" for d in self.robots_disallow]]
            return 200, "text/plain; charset=utf-8", ("\n".join(lines) + "\n").encode()
        if path == "/feed.php":
            return 200, "application/xml; charset=utf-8", self.feed().encode()
        if path in ("/", "/index.php/", "/index.php"):
            return self._page(self.home())
        match = re.fullmatch(r"/index\.php/category-(\d+)(?:_(\d+))?\.html", path)
        if match and int(match.group(1)) in self.categories:
            page = int(match.group(2) or 1)
            rendered = self.listing(int(match.group(1)), page)
            return self._page(rendered) if rendered else self._not_found()
        match = re.fullmatch(r"/index\.php/post/(\d+)\.html", path)
        if match:
            post_id = int(match.group(1))
            if post_id in self.articles and post_id not in self.gone:
                article = self.articles[post_id]
                if self.views_on_fetch:
                    article.views += 1
                return self._page(self.damage(post_id, self.article_page(article)))
        return self._not_found()

    def damage(self, post_id: int, page: str) -> str:
        """Apply the page's lasting defect, if it has one."""
        defect = self.page_faults.get(post_id)
        if defect == "empty":
            return ""
        if defect == "no_title":
            return re.sub(r"<h1>.*?</h1>", "", page, count=1)
        if defect == "bad_date":
            return re.sub(r'<span class="date">.*?</span>(</span>)?', '<span class="date">某年某月</span>', page, count=1)
        if defect in ("bad_views", "huge_views"):
            label = "很多" if defect == "bad_views" else "9" * 400   # past float's range
            return re.sub(r'<span class="view">[^<]*</span>', f'<span class="view">{label}</span>', page, count=1)
        if defect == "stranger":  # another page in the article's place: a members' wall, worded like no error page
            wall = ("本文为园区会员专享内容。园区会员可免费阅读全部招商政策解读、项目对接信息和产业研究报告，"
                    "并第一时间获得重点项目签约动态、标准厂房租售信息和各类申报通知。") * 3
            return self.shell("会员专区", "member", f'<div class="memberwall"><h2>会员专区</h2><p>{wall}</p>'
                              f'<p>{wall}</p></div>', canonical=None)
        if defect == "listing":  # the front page in the article's place, as sites that send unknown URLs home do
            return self.home()
        if defect == "soft_404":  # the site's "not found" page, served with status 200
            return self._not_found()[2].decode("utf-8")
        if defect == "hollow":  # the theme's skeleton with nothing in the body
            return re.sub(r'(<div class="single viewall">).*?(</div>\s*<div class="copynotice">)', r"\1\2", page,
                          count=1, flags=re.S)
        if defect == "deep":  # a body nested deeper than libxml2's limit, with the article text inside
            start = page.index('<div class="single viewall">') + len('<div class="single viewall">')
            return page[:start] + "<div>" * 3000 + "<p>深处的正文段落。</p>" + "</div>" * 3000 + page[start:]
        if defect == "malformed":  # closing tags lost, stray ones added, the document cut short
            start = page.index('<div class="single')
            body = page[start:].replace("</p>", "").replace("</div>", "</span></table>", 3)
            return page[:start] + body[: int(len(body) * 0.9)]
        return page

    def _page(self, text: str) -> tuple[int, str, bytes]:
        if self.variant == "redesign":
            text = redesign(text)
        return 200, "text/html; charset=utf-8", text.encode("utf-8")

    def _not_found(self) -> tuple[int, str, bytes]:
        body = self.shell("您访问的页面不存在或已删除", "error", '<div class="errorpage"><h3>404!</h3>'
                          '<h4>对不起，页面未找到</h4><p>找不到内容？尝试下站内搜索吧!</p></div>', canonical=None)
        return 404, "text/html; charset=utf-8", body.encode("utf-8")

    # page parts --------------------------------------------------------------------------
    def shell(self, title: str, body_class: str, main: str, canonical: str | None) -> str:
        nav = "".join(
            f'<li id="navbar-category-{c.id}"><a href="{self.category_url(c.id)}">{c.name}</a></li>'
            for c in self.categories.values() if c.in_nav)
        head_canonical = f'<link rel="canonical" href="{canonical}" />' if canonical else ""
        if self.variant == "tpure6":
            main = f'<div class="maincon">{main}</div>'
        return f"""<!DOCTYPE html>
<html xml:lang="zh-Hans" lang="zh-Hans">
<head>
    <meta charset="utf-8">
    <meta name="theme" content="拓源主题,toyean.com">
    <title>{title}</title>
    <meta name="generator" content="Z-BlogPHP 1.7.3">
    <link rel="stylesheet" href="{self.host}/zb_users/theme/tpure/style/style.css?v=5.0.2" type="text/css" media="all" />
    <script src="{self.host}/zb_system/script/jquery-latest.min.js"></script>
    <script src="{self.host}/zb_users/theme/tpure/script/common.js?v=5.0.2"></script>
    <script>window.tpure={{linkblank:true,qr:true,ajaxpager:true,lazyload:true,version:'5.0.2'}}</script>
    {head_canonical}
</head>
<body class="{body_class}">
<div class="wrapper">
  <div class="header fixed"><div class="wrap">
    <div class="logo on"><a href="{self.host}/"><img src="{self.host}/zb_users/theme/tpure/style/images/logo.svg" alt="{SUBTITLE}"></a></div>
    <div class="head">
      <div class="account"><div class="sign"><span><a href="{self.host}/zb_system/login.php">登录/注册</a></span></div></div>
      <div class="menuico"><span></span><span></span><span></span></div>
      <div class="menu"><ul>
        <li id="navbar-item-index"><a href="{self.host}/">首页</a></li>{nav}
        <li id="navbar-tag-15"><a href="{self.host}/index.php/tags-15.html">招商</a></li>
      </ul>
      <div class="schico statefixed"><a href="javascript:;"></a><div class="schfixed"><form method="post" name="search" action="{self.host}/zb_system/cmd.php?act=search"><input type="text" name="q" placeholder="搜索..." class="schinput"><button type="submit" class="btn"></button></form></div></div>
      </div>
    </div>
  </div></div>
  <div class="main fixed">
    <div class="mask"></div>
    <div class="wrap">{main}</div>
  </div>
</div>
<div class="footer"><div class="fademask"></div><div class="wrap">
  <h3>Copyright © {SITE_NAME} 晋ICP备00000000号</h3>
  <h4>Powered By <a href="https://www.zblogcn.com/" target="_blank">Z-BlogPHP</a>. Theme by <a href="https://www.toyean.com/" target="_blank">TOYEAN</a>.</h4>
</div></div>
<div class="edgebar"><a href="javascript:$.translatePage();" target="_self" id="zh_language" class="lang"></a><a href="javascript:;" target="_self" class="setnight"></a></div>
<script>var _hmt = _hmt || [];</script>
</body>
</html>"""

    def sidebar(self) -> str:
        catalog = "".join(
            f'<li><a title="{c.name}" href="{self.category_url(c.id)}">{c.name}</a></li>'
            for c in self.categories.values() if c.in_sidebar)
        newest = "".join(
            f'<li class="sideitem"><a href="{self.article_url(a.post_id)}" target="_blank" title="{html.escape(a.title)}"'
            f' class="itemtitle">{html.escape(a.title)}</a><p class="sideinfo"><em class="view">3天前</em></p></li>'
            for a in self.live()[:5])
        return (f'<div class="sidebar fixed"><dl id="divCatalog" class="sidebox"><dt class="sidetitle">网站分类</dt>'
                f'<dd><ul>{catalog}</ul></dd></dl><dl id="tpure_NewArticle" class="sidebox"><dt class="sidetitle">'
                f'最新文章</dt><dd><ul>{newest}</ul></dd></dl>'
                f'<dl id="divTags" class="sidebox"><dt class="sidetitle">标签列表</dt><dd><ul>'
                f'<li><a href="{self.host}/index.php/tags-15.html">招商<span class="tag-count"> (12)</span></a></li>'
                f'</ul></dd></dl>{self._heavy_widgets()}{self._extra_links()}</div>')

    def _heavy_widgets(self) -> str:
        if not self.heavy:
            return ""
        articles = self.live()[:60]
        hot = "".join(
            f'<li class="sideitem"><div class="sideimg"><a href="{self.article_url(a.post_id)}"><img src="{self.host}'
            f'/zb_users/upload/thumb/{a.post_id}.jpg" alt="{html.escape(a.title)}"></a></div><div class="hasimg">'
            f'<a href="{self.article_url(a.post_id)}" title="{html.escape(a.title)}" class="itemtitle">{html.escape(a.title)}'
            f'</a></div><p class="sideinfo"><span class="view">{a.views} 浏览</span>新闻中心</p></li>' for a in articles)
        tags = "".join(f'<li><a href="{self.host}/index.php/tags-{i}.html">产业标签{i}<span class="tag-count"> ({i % 40})'
                       f'</span></a></li>' for i in range(200))
        archive = "".join(f'<li><a href="{self.host}/index.php/date-{y}-{m}.html">{y}年{m}月 ({(y * m) % 90})</a></li>'
                          for y in range(2016, 2027) for m in range(1, 13))
        return (f'<dl id="tpure_HotViewArticle" class="sidebox"><dt class="sidetitle">热门阅读</dt><dd><ul>{hot}</ul></dd>'
                f'</dl><dl id="divTags" class="sidebox"><dt class="sidetitle">标签云</dt><dd><ul>{tags}</ul></dd></dl>'
                f'<dl id="divArchives" class="sidebox"><dt class="sidetitle">文章归档</dt><dd><ul>{archive}</ul></dd></dl>'
                f"<script>var _hmt=_hmt||[];{_STATISTICS_SCRIPT * 150}</script>")

    def _extra_links(self) -> str:
        if not self.extra_links:
            return ""
        items = "".join(f'<li><a href="{href}">链接</a></li>' for href in self.extra_links)
        return f'<dl id="divLinkage" class="sidebox"><dt class="sidetitle">友情链接</dt><dd><ul>{items}</ul></dd></dl>'

    def printed_date(self, posted: datetime, now: datetime) -> str:
        if self.variant == "redesign":
            return f"发布时间：{posted:%Y-%m-%d %H:%M}"
        return time_ago(posted, now)

    def views_label(self, article: Article) -> str:
        return article.views_label or str(article.views)

    def list_items(self, articles: list[Article], now: datetime) -> str:
        items = []
        for a in articles:
            sticky = '<em class="istop">置顶</em>' if a.sticky else ""
            intro = html.escape(strip_tags(a.body.html)[:150]) + "..."
            items.append(
                f'<div class="post item"><h2><a href="{self.article_url(a.post_id)}" target="_blank">'
                f'{html.escape(a.title)}</a>{sticky}</h2>'
                f'<div class="info"><span class="user"><a href="{self.host}/index.php/author-1.html" rel="nofollow">'
                f'{a.author}</a></span><span class="date">{self.printed_date(a.posted, now)}</span>'
                f'<span class="view">{self.views_label(a)}</span></div>'
                f'<div class="intro">{intro}</div></div>')
        return "\n".join(items)

    def pagebar(self, category_id: int, page: int, pages: int) -> str:
        if pages <= 1:
            return ""
        window = 10
        start = max(1, page - 5 + 1)
        start = max(1, min(start, pages - window + 1))
        parts = [f'<a href="{self.category_url(category_id)}" class="m">首页</a>']
        if page > 1:
            parts.append(f'<a href="{self.category_url(category_id, page - 1)}" class="m">上页</a>')
        for n in range(start, min(pages, start + window - 1) + 1):
            if n == page:
                parts.append(f'<span class="now-page">{n}</span>')
            elif n == page + 1:
                parts.append(f'<span class="next-page"><a href="{self.category_url(category_id, n)}">{n}</a></span>')
            else:
                parts.append(f'<a href="{self.category_url(category_id, n)}">{n}</a>')
        if page < pages:
            parts.append(f'<a href="{self.category_url(category_id, page + 1)}" class="m">下页</a>')
        parts.append(f'<a href="{self.category_url(category_id, pages)}" class="m">尾页</a>')
        return '<div class="pagebar">\n            ' + "\n            ".join(parts) + "\n          </div>"

    def home(self) -> str:
        now = self.now()
        items = self.list_items(self.live()[: self.display_count], now)
        main = (f'<div id="sticky"><div class="content listcon"><div class="block custom">{items}</div></div>'
                f'{self.sidebar()}</div>')
        return self.shell(f"{SITE_NAME} - {SUBTITLE}", "index", main, canonical=None)

    def listing(self, category_id: int, page: int) -> str | None:
        category = self.categories[category_id]
        articles = self.in_category(category_id)
        pages = max(1, math.ceil(len(articles) / self.display_count))
        last = pages
        if category_id in self.endless:
            pages = page + 1          # the pagebar never ends
        elif page > pages:
            return None
        now = self.now()
        chunk = articles[(page - 1) * self.display_count: page * self.display_count]
        if page > last:   # past the end: the last page again, or nothing
            chunk = articles[(last - 1) * self.display_count:] if self.endless[category_id] == "repeat" else []
        junk = "".join(self.listing_junk.get(category_id, [])) if page == 1 else ""
        crumbs = "".join(
            f' &gt; <a href="{self.category_url(c.id)}" title="查看{c.name}中的全部文章">{c.name}</a>'
            for c in self._lineage(category))
        title = category.name if page == 1 else f"{category.name} 第{page}页"
        main = f"""<div class="sitemap">当前位置：<a href="{self.host}/">首页</a>{crumbs}
      </div>
      <div id="sticky">
        <div class="content listcon">
          <div class="block custom">
            <div class="filternav"><form id="filternav"><h1>{category.name}</h1>
              <ul class="filter"><li class="active" data-type="newlist">最新<i class="down"></i></li><li data-type="viewlist">浏览<i class="down"></i></li></ul>
              <input type="hidden" name="order" value=""><input type="hidden" name="sort" value="0"></form></div>
            {junk}{self.list_items(chunk, now)}
          </div>
          {self.pagebar(category_id, page, pages)}
        </div>
        {self.sidebar()}
      </div>"""
        return self.shell(f"{title} - {SITE_NAME}", "category", main, canonical=None)

    def _lineage(self, category: Category) -> list[Category]:
        chain = [category]
        while chain[0].parent:
            chain.insert(0, self.categories[chain[0].parent])
        return chain

    def themed_body(self, body: Body) -> str:
        """The stored body as tpure prints it: lazy-load and fancybox rewrites of every image."""
        def rewrite(match: re.Match) -> str:
            tag = match.group(0)
            src = re.search(r'\ssrc="([^"]*)"', tag)
            if not src:
                return tag
            real = src.group(1)
            before_src, after_src = tag[4:src.start()], tag[src.end():]
            lazy = f'src="{self.host}{LAZY}" data-original="{real}" class="lazyload"{after_src}'
            if re.search(r"\.(jpe?g|png|gif)$", real, re.I):
                # fancybox: wrap in a link; attributes before src are dropped, as the theme does
                return f'<a href="{real}" data-fancybox="images"><img class="ue-image" {lazy}</a>'
            return f"<img{before_src} {lazy}"
        return re.sub(r"<img\b[^>]*>", rewrite, body.html)

    def article_page(self, article: Article) -> str:
        now = self.now()
        category = self.categories[article.category_id]
        crumbs = "".join(f' &gt; <a href="{self.category_url(c.id)}">{c.name}</a>' for c in self._lineage(category))
        url = self.article_url(article.post_id)
        tags = ("<div class=\"tags\">标签:" + "".join(
            f'<a href="{self.host}/index.php/tags-15.html" title="{t}">{t}</a>' for t in article.tags) + "</div>"
            if article.tags else "")
        related = [a for a in self.in_category(article.category_id) if a.post_id != article.post_id][:5]
        related_html = "".join(
            f'<div class="relate"><div class="relateinfo"><h3><a href="{self.article_url(a.post_id)}" '
            f'title="{html.escape(a.title)}">{html.escape(a.title)}</a></h3><p>'
            f'{html.escape(strip_tags(a.body.html)[:150])}...</p></div></div>' for a in related)
        main = f"""<div class="sitemap">当前位置：<a href="{self.host}/">首页</a>{crumbs} &gt; 正文内容
      </div>
      <div id="sticky">
        <div class="content">
          <div data-cateurl="{self.category_url(category.parent or category.id)}" class="block">
            <div class="post">
              <h1>{html.escape(article.title)}</h1>
              <div class="info">
                <span class="user"><a href="{self.host}/index.php/author-1.html" rel="nofollow">{article.author}</a></span><span class="date">{self.printed_date(article.posted, now)}</span><span class="cate"><a href="{self.category_url(category.id)}">{category.name}</a></span><span class="view">{self.views_label(article)}</span>
                <div class="ctrl"><a href="javascript:;" title="增加字号"></a><a href="javascript:;" title="减小字号"></a><a href="javascript:;" title="还原字号" class="hide"></a></div>
              </div>
              <div class="single viewall">
                {self._abstract(article)}{self.themed_body(article.body)}
                </div>
                <div class="copynotice">
                    <div data-qrurl="{url}" class="tpureqr"></div>
                    <div class="copynoticetxt">
                    <p>扫描二维码推送至手机访问。</p><p>版权声明：本文由<strong>公众号:园区产业招商</strong>发布，如需转载请注明出处。部份内容收集于网络，如有不妥之处请联系我们删除 13391219793 仅微信</p>
                    <p>本文链接：<a href="{url}">{url}</a></p>
                    </div>
                </div>
                {tags}
        <div class="sharebox"><div class="label">分享给朋友：</div><div class="sharebtn">{self._share_links()}</div></div>
            </div>
          </div>
          <div class="block"><div class="posttitle"><h4>相关文章</h4></div><div class="relatecon">{related_html}</div></div>
        </div>
        {self.sidebar()}
      </div>"""
        return self.shell(f"{html.escape(article.title)} - {SITE_NAME}", "article", main,
                          canonical=html.escape(article.canonical) if article.canonical else url)

    def _abstract(self, article: Article) -> str:
        if self.variant != "tpure6":
            return ""
        summary = html.unescape(strip_tags(article.body.html)).replace("\xa0", " ").strip()[:60]
        return f'<blockquote class="abstract">{html.escape(summary)}</blockquote>'

    def _share_links(self) -> str:
        if self.variant == "tpure6":  # filled by JavaScript in the browser
            return '<div data-sites="weibo,wechat,qq,douban" class="sharing"></div>'
        return ('<div class="sharing" data-initialized="true">\n<a href="#" class="share-icon icon-weibo">微博</a>'
                '<a href="#" class="share-icon icon-qq">QQ</a><a href="#" class="share-icon icon-wechat">微信</a>\n</div>')

    def feed(self) -> str:
        items = "".join(
            f"<item><title>{html.escape(a.title)}</title><link>{self.article_url(a.post_id)}</link>"
            f"<description>{html.escape(a.body.html[:300])}</description>"
            f"<pubDate>{format_datetime(a.posted)}</pubDate></item>"
            for a in self.live()[: self.rss_count])
        items = "".join(self.feed_junk) + items
        return (f'<?xml version="1.0" encoding="utf-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">'
                f"<channel><title>{SITE_NAME}</title><link>{self.host}/</link><description>{SUBTITLE}</description>"
                f"{items}</channel></rss>")


_STATISTICS_SCRIPT = "(function(){var hm=document.createElement('script');hm.src='//hm.example/x.js';})();"
_REDESIGN = (
    ('<div class="menu">', '<nav class="site-nav">'), ('<div class="sidebar fixed">', '<aside class="widgets">'),
    ('<div class="post item">', '<article class="card">'), ('<div class="pagebar">', '<div class="paging">'),
    ('<span class="next-page">', '<span>'), ('<div class="post">', '<div class="entry"><section class="entry-main">'),
    ('<div class="single viewall">', '<div class="article-content">'), ('<div class="info">', '<div class="entry-meta">'),
    ('<div class="content">', '<div class="main-column">'), ('<div class="content listcon">', '<div class="main-column">'),
)


def redesign(page: str) -> str:
    """The same page after a template change: every container the theme's selectors use is renamed."""
    for old, new in _REDESIGN:
        page = page.replace(old, new)
    page = re.sub(r"<h1>(.*?)</h1>", r'<h2 class="entry-title">\1</h2>', page, flags=re.S)
    return page.replace('<div class="copynotice">', '</section><div class="copynotice">')


# ---------------------------------------------------------------------------------------------
# The standard replica: 9821, the body variants, and enough ordinary articles for pagination.

NEWS, POLICY, PARKS, LAND = 3, 5, 7, 9
CATEGORIES = (
    Category(NEWS, "新闻中心", in_nav=True, in_sidebar=True),
    Category(POLICY, "招商政策", in_nav=True, in_sidebar=False),         # only in the menu
    Category(PARKS, "园区动态", parent=POLICY, in_sidebar=True),          # subcategory, only in the sidebar
    Category(LAND, "厂房土地", in_sidebar=True),                          # only in the sidebar
)
# Ages that exercise every form tpure prints: N年前 (Y-m-d), N个月前 (m-d), N周前 (m-d), N天前, N小时前, N分钟前.
AGES = (timedelta(minutes=7), timedelta(hours=5), timedelta(days=2, hours=3), timedelta(days=5), timedelta(days=16),
        timedelta(days=45), timedelta(days=200), timedelta(days=400), timedelta(days=800))


def standard_site(host: str, now: datetime | None = None) -> Site:
    """The replica used by the tests and the README's offline demo."""
    fixed_now = now
    site = Site(host=host, now=(lambda: fixed_now) if fixed_now else (lambda: datetime.now(SHANGHAI)))
    for category in CATEGORIES:
        site.categories[category.id] = category
    start = (fixed_now or datetime.now(SHANGHAI)).replace(microsecond=0)
    site.add(Article(9821, article_9821.TITLE, NEWS, datetime(2022, 7, 5, 10, 21, 33, tzinfo=SHANGHAI),
                     ARTICLE_9821, views=908, tags=()))
    site.add(Article(COPIES_OF_9821[0], "山西开发区“三个一批”：签约321个项目、开工302个、投产189个", NEWS,
                     datetime(2022, 7, 6, 8, 30, tzinfo=SHANGHAI), republished_9821("wechat"), views=320))
    site.add(Article(COPIES_OF_9821[1], "全省开发区第二次“三个一批”活动举行 太原85个项目集中签约开工投产", POLICY,
                     datetime(2022, 7, 7, 16, 5, tzinfo=SHANGHAI), republished_9821("paper"), views=150))
    variant_homes = {"sohu_hidden_title": NEWS, "wechat": PARKS, "structure": LAND, "notice_contact": POLICY,
                     "hotline_news": PARKS, "source_first": NEWS, "sanitise": LAND}
    post_id = 26000
    for index, (kind, category_id) in enumerate(variant_homes.items()):
        post_id += 1
        posted = start - AGES[index % len(AGES)] - timedelta(minutes=index)
        site.add(Article(post_id, f"{VARIANTS[kind].content[0][:18]}（{kind}）", category_id, posted, VARIANTS[kind],
                         views=50 + index, tags=("招商",) if index % 2 else ()))
    categories = (NEWS,) * 22 + (POLICY, PARKS, LAND) * 2
    for index, category_id in enumerate(categories):
        post_id += 1
        age = AGES[index % len(AGES)] + timedelta(days=index * 3, minutes=11 * index)
        body = plain_body(index)
        site.add(Article(post_id, f"园区产业动态第{index + 1}期：项目建设跑出加速度", category_id, start - age, body,
                         views=200 + 37 * index))
    # the 6.x count form, and a sticky post at the top of every first listing page
    site.articles[26010].views, site.articles[26010].views_label = 12345, "1.2万"
    site.articles[26012].sticky = True
    return site


def republished_9821(kind: str) -> Body:
    """Article 9821 as another outlet republished it: a WeChat account's copy (its own header and tail,
    the last paragraph left out) or a local paper's (a dateline before the first paragraph)."""
    paragraphs = list(article_9821.PARAGRAPHS)
    if kind == "wechat":
        content = paragraphs[:-1]
        html = ("<p>点击上方蓝字关注我们</p>" + "".join(f"<p>{text}</p>" for text in content)
                + "<p>来源：山西发布</p><p>END</p>")
        return Body(kind="republished_wechat", html=html, content=tuple(content), absent=("蓝字", "END"),
                    source="山西发布")
    content = [f"本报讯 {paragraphs[1]}", *paragraphs[2:]]
    return Body(kind="republished_paper", html="".join(f"<p>{text}</p>" for text in content), content=tuple(content))


def bench_site(host: str, articles: int, heavy: bool = True) -> Site:
    """A large replica for benchmarks: ``articles`` ordinary and variant articles over the four categories."""
    now = datetime.now(SHANGHAI).replace(microsecond=0)
    site = Site(host=host, now=lambda: now, heavy=heavy)
    for category in CATEGORIES:
        site.categories[category.id] = category
    kinds = sorted(VARIANTS)
    for index in range(articles):
        body = VARIANTS[kinds[index % len(kinds)]] if index % 4 == 0 else plain_body(index, count=12)
        site.add(Article(30000 + index, f"园区产业动态第{index + 1}期：重点项目建设跑出加速度", CATEGORIES[index % 4].id,
                         now - timedelta(hours=7 * index + 1), body, views=100 + index))
    return site
