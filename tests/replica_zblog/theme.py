"""The markup Z-BlogPHP 1.7 prints with its bundled default theme (zb_users/theme/default, v1.24).

Written from reading the theme's templates and the core's renderers, not copied from them; the element
names, classes, texts and whitespace habits follow the output. Where each piece comes from:
index.php / single.php (page frame), header.php, footer.php, post-multi.php, post-istop.php,
post-single.php, post-page.php, comments.php, comment.php, commentpost.php, 404.php and include.php
(pagebar labels) of the theme; pagebar.php, module.php, module-*.php and commentpost-verify.php of
zb_system/defend/default/; lib/pagebar.php, lib/modulebuilder.php and lib/rss2.php of zb_system/function/.
docs/zblog-default-theme.md lists them element by element.
"""

from __future__ import annotations

import calendar
import hashlib
import math
import re
from email.utils import format_datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.replica_zblog.site import Article, Comment, Listing, Page, Site

THEME_MODIFIED = "2023-05-26"            # theme.xml <modified>, the stylesheet's cache buster
EXCERPT_MAX = 250                         # ZC_ARTICLE_EXCERPT_MAX: length of the automatic intro
# The theme's include.php renames the pagebar's first/previous/next/last buttons to these entities.
FIRST, PREVIOUS, NEXT, LAST = "&lt;&lt;", "&lt;", "&gt;", "&gt;&gt;"
WEEKDAYS = (("星期一", "一"), ("星期二", "二"), ("星期三", "三"), ("星期四", "四"), ("星期五", "五"), ("星期六", "六"),
            ("星期日", "日"))
_VOID = ("meta", "img", "br", "hr", "input")


def esc(text: str) -> str:
    """PHP htmlspecialchars with PHP 8.1's default flags (the CMS escapes titles and names when saving)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#039;"))


def time_text(moment) -> str:
    """Post::Time() with its default format, Y-m-d H:i:s, in the site's time zone."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# page frame ----------------------------------------------------------------------------------------
def head(site: Site, title: str) -> str:
    root, build = site.root, site.build
    return f"""
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="ie=edge" />
<meta name="generator" content="Z-BlogPHP {site.version}" />
<meta name="renderer" content="webkit">
<title>{esc(site.name)}-{esc(title)}</title>
<link rel="stylesheet" rev="stylesheet" href="{root}zb_users/theme/default/style/default.css?{THEME_MODIFIED}" type="text/css" media="all" />
<script src="{root}zb_system/script/jquery-latest.min.js?v={build}"></script>
<script src="{root}zb_system/script/zblogphp.js?v={build}"></script>
<script src="{root}zb_system/script/c_html_js_add.php?hash=&v={build}"></script>
<script src="{root}zb_users/theme/default/script/custom.js"></script>
"""


def document(site: Site, title: str, body_class: str, main: str, single: bool) -> str:
    """index.php (lists) or single.php (articles, pages): the same frame, the subtitle an h2 or an h3."""
    subtitle_tag = "h3" if single else "h2"
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">

<head>
  {head(site, title)}
</head>

<body class="{body_class}">
  <div id="divAll">
    <div id="divPage">
      <div id="divMiddle">
        <div id="divTop">
          <h1 id="BlogTitle"><a href="{site.root}">{esc(site.name)}</a></h1>
          <{subtitle_tag} id="BlogSubTitle">{esc(site.subtitle)}</{subtitle_tag}>
        </div>
        <div id="divNavBar">
          <ul>
            {navbar(site)}
          </ul>
        </div>
        <div id="divMain">
          {main}
        </div>
        <div id="divSidebar">
          {sidebar(site)}
        </div>
        {footer(site)}
      </div>
      <div class="clear"></div>
    </div>
    <div class="clear"></div>
  </div>
</body>

</html>"""


def navbar(site: Site) -> str:
    """The 导航栏 module as installed (首页, 留言本) plus the categories the admin added to it."""
    items = [f'<li id="navbar-item-index"><a href="{site.root}">首页</a></li>']
    items += [f'<li id="navbar-page-{page.post_id}"><a href="{esc(site.page_url(page.post_id))}">{esc(page.title)}</a></li>'
              for page in site.pages.values()]
    items += [f'<li id="navbar-category-{c.id}"><a href="{esc(site.category_url(c.id))}">{esc(c.name)}</a></li>'
              for c in site.categories.values() if c.in_navbar]
    return "".join(items)


def footer(site: Site) -> str:
    return f"""<div id="divBottom">
  <p id="BlogPowerBy">Powered By <a href="https://www.zblogcn.com/" title="Z-BlogPHP {site.version} Build {site.build}" target="_blank" rel="{site.powered_by_rel}">Z-BlogPHP {site.version}</a></p>
  <p id="BlogCopyRight">{site.copyright}</p>
</div>
<div class="clear"></div>

"""


# lists -----------------------------------------------------------------------------------------------
def list_page(site: Site, listing: Listing) -> str:
    items = "\n\n".join(top_item(site, a) if a.top else list_item(site, a) for a in listing.articles)
    main = f"""{items}
          <div class="pagebar">{pagebar(listing.page, listing.pages, listing.url_of_page, site.pagebar_count)}</div>"""
    return document(site, listing.title, f"multi {listing.kind if listing.kind != 'tags' else 'tag'}", main,
                    single=False)


def list_item(site: Site, article: Article) -> str:
    return f"""<div class="post multi">
	<h2 class="post-title"><a href="{esc(site.article_url(article.post_id))}">{esc(article.title)}</a><span class="post-date">{time_text(article.posted)}</span></h2>
	<div class="post-body">{site.stored_html(intro(article.body.html))}</div>
	<p class="post-footer">
		{post_footer(site, article)}
	</p>
</div>"""


def top_item(site: Site, article: Article) -> str:
    """A 置顶 article on a list: the title alone."""
    return f"""<div class="post istop-post">
	<h2 class="post-title"><!--[置顶]--><a href="{esc(site.article_url(article.post_id))}">{esc(article.title)}</a></h2>
</div>"""


def post_footer(site: Site, article: Article) -> str:
    author = site.members[article.author_id].static_name
    category = site.categories[article.category_id].name
    return (f"作者:{esc(author)} <small>|</small> 分类:{esc(category)} <small>|</small> 浏览:{article.views} "
            f"<small>|</small> 评论:{len(article.comments)}")


def intro(html: str) -> str:
    """The intro the admin saves when the editor leaves 摘要 empty (PostArticle): the content before
    <!--more-->, or its first 250 characters carried on to the next '>', with open tags closed."""
    if "<!--more-->" in html:
        return close_tags(html.split("<!--more-->")[0])
    if len(html) > EXCERPT_MAX:
        end = html.find(">", EXCERPT_MAX)
        html = html[: end + 1] if end >= 0 else html
    return close_tags(html) + "<!--autointro-->"


def close_tags(html: str) -> str:
    opened = [t.lower() for t in re.findall(r"<([a-zA-Z]+)(?:\s[^>]*)?(?<!/)>", html) if t.lower() not in _VOID]
    for closed in re.findall(r"</([a-zA-Z]+)>", html):
        if closed.lower() in opened:
            opened.reverse()
            opened.remove(closed.lower())
            opened.reverse()
    return html + "".join(f"</{t}>" for t in reversed(opened))


def pagebar(page: int, pages: int, url_of_page, window: int) -> str:
    """The core's PageBar buttons (lib/pagebar.php) through the system pagebar.php template."""
    if pages == 0:
        return ""
    buttons = [(FIRST, url_of_page(1))]
    if page != 1:
        buttons.append((PREVIOUS, url_of_page(max(1, page - 1))))
    end_bound = pages + 1
    start = page - math.ceil(window / 2) + 1 if page > math.ceil(window / 2) else 1
    if end_bound > window and end_bound - start < window:
        start = end_bound - window
    buttons += [(str(n), url_of_page(n)) for n in range(start, min(start + window, end_bound))]
    if page != min(pages, page + 1):
        buttons.append((NEXT, url_of_page(page + 1)))
    buttons.append((LAST, url_of_page(pages)))
    lines = []
    for label, url in buttons:
        if label == str(page):
            lines.append(f'\t<span class="page now-page">{label}</span>')
        else:
            lines.append(f'\t<a title="{label}" href="{esc(url)}"><span class="page">{label}</span></a>')
    return "\n" + "\n".join(lines) + "\n"


# articles and pages -----------------------------------------------------------------------------------
def article_page(site: Site, article: Article) -> str:
    main = f"""<div class="post single">
	<h2 class="post-title">{esc(article.title)}<span class="post-date">{time_text(article.posted)}</span></h2>
	<div class="post-body">{site.stored_html(article.body.html)}</div>
	<p class="post-tags">
                {tag_line(site, article)}
	</p>
	<p class="post-footer">
		{post_footer(site, article)}
	</p>
</div>

{comments_block(site, article.post_id, article.comments)}"""
    return document(site, article.title, "single article", main, single=True)


def tag_line(site: Site, article: Article) -> str:
    tags = site.article_tags(article)
    if not tags:
        return ""
    # The template prints the comma when count(tags) > the loop key, and the key is the tag's ID.
    return "标签:" + "".join(
        f"&nbsp;<a href='{esc(site.tag_url(t.id))}' title='{esc(t.name)}'>{esc(t.name)}</a>&nbsp;"
        + ("<small>,</small>" if len(tags) > t.id else "") for t in tags)


def page_page(site: Site, page: Page) -> str:
    main = f"""<div class="post page">
	<h2 class="post-title">{esc(page.title)}</h2>
	<div class="post-body">{site.stored_html(page.html)}</div>
</div>

{comments_block(site, page.post_id, page.comments)}"""
    return document(site, page.title, "single page", main, single=True)


def comments_block(site: Site, post_id: int, comments: tuple[Comment, ...]) -> str:
    """comments.php, printed only when comments are on (ZC_COMMENT_TURNOFF locks every post otherwise)."""
    if not site.comments_enabled:
        return ""
    head_list = '<ul class="msg msghead">\n\t<li class="tbname">评论列表</li>\n</ul>' if comments else ""
    return f"""{head_list}

<label id="AjaxCommentBegin"></label>
<!--评论输出-->
{"".join(comment_item(site, c) for c in comments)}

<!--评论翻页条输出-->
<div class="pagebar commentpagebar">
</div>
<label id="AjaxCommentEnd"></label>

<!--评论框-->
{comment_form(site, post_id)}
"""


def comment_item(site: Site, comment: Comment) -> str:
    return f"""<ul class="msg" id="cmt{comment.id}">
	<li class="msgname"><img class="avatar" src="{site.root}zb_users/avatar/0.png" alt="" width="32"/>&nbsp;<span class="commentname"><a href="{esc(comment.homepage)}" rel="nofollow" target="_blank">{esc(comment.name)}</a></span><br/><small>&nbsp;发布于&nbsp;{time_text(comment.posted)}&nbsp;&nbsp;<span class="revertcomment"><a href="#comment" onclick="zbp.comment.reply('{comment.id}')">回复该评论</a></span></small></li>
	<li class="msgarticle">{esc(comment.content)}<label id="AjaxComment{comment.id}"></label>

	</li>
</ul>
"""


def comment_form(site: Site, post_id: int) -> str:
    key = hashlib.md5(f"{site.name}{post_id}".encode()).hexdigest()
    captcha_url = f"{site.root}zb_system/script/c_validcode.php?id=cmt"
    captcha = (f'\n<p><input type="text" name="inpVerify" id="inpVerify" class="text" value="" size="28" tabindex="4" />'
               f' <label for="inpVerify">验证码(*)</label><img style="width:90px;height:30px;cursor:pointer;" '
               f'src="{captcha_url}" alt="" title="" onclick="javascript:this.src=\'{captcha_url}&amp;tm=\'+'
               f'Math.random();"/></p>\n' if site.comment_captcha else "\n")
    return f"""<div class="post" id="divCommentPost">
	<p class="posttop"><a name="comment">发表评论:</a><a rel="nofollow" id="cancel-reply" href="#divCommentPost" style="display:none;"><small>取消回复</small></a></p>
	<form id="frmSumbit" target="_self" method="post" action="{site.root}zb_system/cmd.php?act=cmt&amp;postid={post_id}&amp;key={key}" >
	<input type="hidden" name="inpId" id="inpId" value="{post_id}" />
	<input type="hidden" name="inpRevID" id="inpRevID" value="0" />
	<p><input type="text" name="inpName" id="inpName" class="text" value="" size="28" tabindex="1" /> <label for="inpName">名称(*)</label></p>
	<p><input type="text" name="inpEmail" id="inpEmail" class="text" value="" size="28" tabindex="2" /> <label for="inpEmail">邮箱</label></p>
	<p><input type="text" name="inpHomePage" id="inpHomePage" class="text" value="" size="28" tabindex="3" /> <label for="inpHomePage">主页</label></p>
	{captcha}
	<p style="display:none;"><label for="txaArticle">正文(*)</label></p>
	<p><textarea name="txaArticle" id="txaArticle" class="text" cols="50" rows="4" tabindex="5" ></textarea></p>
	<p><input name="sumbit" type="submit" tabindex="6" value="提交" onclick="return zbp.comment.post()" class="button" /></p>
	</form>
	<p class="postbottom">◎欢迎参与讨论，请在这里发表您的看法、交流您的观点。</p>
</div>"""


def not_found_page(site: Site) -> str:
    """The theme's 404.php: a standalone page (no site frame) that loads Tencent's 公益404 script."""
    return f"""<!DOCTYPE HTML>
<html lang="zh-cn">
<head>
    <meta charset="UTF-8"/>
    <title>{site.name}-公益404</title>
    <style type="text/css">
        body{{margin:0;padding:0;font:400 14px/1.333 Tahoma,"microsoft yahei";color:#333;}}
        a{{color:#2F93CE;text-decoration:none;}}
    </style>
</head>
<body>
<script type="text/javascript" src="//qzonestyle.gtimg.cn/qzone/hybrid/app/404/search_children.js" homePageName="返回{site.name}" homePageUrl="{site.root}"></script>
</body>
</html>"""


# sidebar (sidebar1 on every page: the default theme has one sidebar template) ---------------------------
def sidebar(site: Site) -> str:
    return "\n".join([
        module("divCalendar", "日历", calendar_table(site), kind="div", hide_title=True),
        module("divCatalog", "网站分类", "".join(
            f'\n<li><a title="{esc(c.name)}" href="{esc(site.category_url(c.id))}">{esc(c.name)}</a></li>\n'
            for c in site.category_tree())),
        module("divSearchPanel", "搜索", f'<form name="search" method="post" action="{site.root}zb_system/cmd.php?act=search">'
               '<label><span style="position:absolute;color:transparent;z-index:-9999;">Search</span>'
               '<input type="text" name="q" size="11" /></label> <input type="submit" value="搜索" /></form>', kind="div"),
        module("divPrevious", "最近发表", "".join(
            f'\n<li><a title="{esc(a.title)}" href="{esc(site.article_url(a.post_id))}">{esc(a.title)}</a></li>\n'
            for a in site.live()[:10])),
        module("divComments", "最新留言", latest_comments(site)),
        module("divArchives", "文章归档", archives(site)),
        module("divTags", "标签列表", tag_list(site)),
        module("divAuthors", "作者列表", authors(site)),
        module("divLinkage", "友情链接", "".join(
            f'<li><a href="{href}" target="_blank" title="{esc(title)}">{esc(title)}</a></li>'
            for title, href in site.friend_links)),
    ])


def module(html_id: str, name: str, content: str, kind: str = "ul", hide_title: bool = False) -> str:
    title = '<dt style="display:none;"></dt>' if hide_title else f'<dt class="function_t">{name}</dt>'
    inner = f"<div>{content}</div>" if kind == "div" else f"<ul>{content}</ul>"
    return f'<dl class="function" id="{html_id}">\n{title}\n<dd class="function_c">\n\n\n{inner}\n\n\n</dd>\n</dl>'


def calendar_table(site: Site) -> str:
    """The 日历 module for the current month, days with articles linked to their day archive."""
    now = site.clock()
    year, month = now.year, now.month
    before = (year - 1, 12) if month == 1 else (year, month - 1)
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    counts: dict[int, int] = {}
    for article in site.live():
        if (article.posted.year, article.posted.month) == (year, month):
            counts[article.posted.day] = counts.get(article.posted.day, 0) + 1
    first_weekday, days = calendar.monthrange(year, month)
    cells = [0] * first_weekday + list(range(1, days + 1))
    weeks = [cells[i:i + 7] for i in range(0, len(cells), 7)]
    rows = []
    for index, week in enumerate(weeks):
        tds = "".join(
            f'<td><a href="{esc(site.date_url(f"{year}-{month}-{day}"))}" title="{year}-{month}-{day} ({counts[day]})" '
            f'target="_blank">{day}</a></td>' if day in counts else f"<td>{day or ''}</td>" for day in week)
        if index == len(weeks) - 1 and len(week) < 7:
            tds += "<td></td>" * (7 - len(week))
        rows.append(f"<tr>{tds}</tr>")
    head_cells = "".join(f'<th title="{full}" scope="col"><small>{short}</small></th>' for full, short in WEEKDAYS)
    return f"""<table id="tbCalendar">
    <caption><a title="上个月" href="{esc(site.date_url(f"{before[0]}-{before[1]}"))}">«</a>&nbsp;&nbsp;&nbsp;<a href="{esc(site.date_url(f"{year}-{month}"))}">
    {year}年{month}月
    </a>&nbsp;&nbsp;&nbsp;<a title="下个月" href="{esc(site.date_url(f"{after[0]}-{after[1]}"))}">»</a></caption>
    <thead><tr>{head_cells}</tr></thead>
    <tbody>
    {chr(10).join(rows)}
	</tbody>
</table>"""


def latest_comments(site: Site) -> str:
    found = [(c, a) for a in site.live() for c in a.comments]
    found.sort(key=lambda pair: pair[0].id, reverse=True)
    return "".join(
        f'\n<li><a href="{esc(site.article_url(a.post_id))}#cmt{c.id}" '
        f'title="{esc(c.name + " @ " + time_text(c.posted))}">{esc(c.content)}</a></li>\n' for c, a in found[:10])


def archives(site: Site) -> str:
    months: dict[tuple[int, int], int] = {}
    for article in site.live():
        key = (article.posted.year, article.posted.month)
        months[key] = months.get(key, 0) + 1
    return "".join(
        f'\n<li><a title="{y}年{m}月" href="{esc(site.date_url(f"{y}-{m}"))}">{y}年{m}月 ({n})</a></li>\n'
        for (y, m), n in sorted(months.items(), reverse=True))


def tag_list(site: Site) -> str:
    counts = {t: sum(t in a.tag_ids for a in site.live()) for t in site.tags}
    chosen = sorted(sorted(counts, key=lambda t: -counts[t])[:25])   # the 25 most used, in ID order
    return "".join(
        f'\n<li><a title="{esc(site.tags[t].name)}" href="{esc(site.tag_url(t))}">{esc(site.tags[t].name)}'
        f'<span class="tag-count"> ({counts[t]})</span></a></li>\n' for t in chosen)


def authors(site: Site) -> str:
    def shown(member) -> str:  # 1.7.3 and 1.7.4 printed the login name here, 1.7.5 the static name
        return member.name if site.version in ("1.7.3", "1.7.4") else member.static_name
    return "".join(
        f'\n<li><a title="{esc(shown(m))}" href="{esc(site.author_url(m.id))}">{esc(shown(m))}<span class="article-nums">'
        f' ({sum(a.author_id == m.id for a in site.live())})</span></a></li>\n' for m in site.members.values())


# feed.php -----------------------------------------------------------------------------------------------
def feed(site: Site, articles: list[Article]) -> str:
    """RSS 2.0 on one line (lib/rss2.php): every value through htmlspecialchars, the full content as
    description (ZC_RSS_EXPORT_WHOLE), pubDate as PHP's DATE_RSS in the site's zone. Titles and URLs are
    stored escaped already, so they come out escaped twice (a title's & reads &amp; after XML parsing)."""
    def element(name: str, value: str) -> str:
        return f"<{name}>{esc(value)}</{name}>"
    items = "".join(
        "<item>" + element("title", esc(a.title)) + element("link", esc(site.article_url(a.post_id)))
        + element("description", site.stored_html(a.body.html)) + element("pubDate", format_datetime(a.posted))
        + "</item>" for a in articles)
    return ('<?xml version="1.0" encoding="utf-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">'
            "<channel>" + element("title", site.name) + element("link", site.root)
            + element("description", site.subtitle) + items + "</channel></rss>")
