"""The second replica: a Z-BlogPHP 1.7 site on the CMS's bundled default theme, in a chosen URL mode.

``Site`` holds members, categories, tags, articles, one 独立页面 and comments, answers any path the real
site answers (home and its pages, category / tag / date / author listings with the core's pagebar, article
and page views, feed.php, robots.txt, the theme's 404), and says for each article what a scraper must find
(``expected``). The markup itself is written by ``theme.py``; the URL rules live in ``urls.py``.
``tests.replica.server.ReplicaServer(site_factory=...)`` serves it.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Callable
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from tests.replica.bodies import Body
from tests.replica_zblog import theme, urls
from tests.replica_zblog.bodies import HOST_TOKEN

SHANGHAI = ZoneInfo("Asia/Shanghai")

# What differs between the 1.7 builds for this theme: the build number (generator meta, ?v= on scripts,
# the footer link's title), the footer link's rel, and the defaults of two comment options
# (1.7.4 turned comments off and the comment captcha on: ZC_COMMENT_TURNOFF, ZC_COMMENT_VERIFY_ENABLE).
VERSIONS = {
    "1.7.3": {"build": "173230", "rel": "noopener norefferrer", "comments": True, "captcha": False},
    "1.7.4": {"build": "173430", "rel": "noopener noreferrer", "comments": False, "captcha": True},
    "1.7.5": {"build": "173540", "rel": "noopener noreferrer", "comments": False, "captcha": True},
}


@dataclass(frozen=True)
class Category:
    id: int
    name: str
    parent: int | None = None
    in_navbar: bool = False


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    alias: str = ""

    @property
    def static_name(self) -> str:
        """The name the CMS prints for a member (Member::StaticName): the alias when set."""
        return self.alias or self.name


@dataclass(frozen=True)
class Tag:
    id: int
    name: str


@dataclass(frozen=True)
class Comment:
    id: int
    name: str
    content: str
    posted: datetime
    homepage: str = ""


@dataclass
class Article:
    post_id: int
    title: str
    category_id: int
    posted: datetime                       # aware, Asia/Shanghai
    body: Body
    author_id: int = 1
    tag_ids: tuple[int, ...] = ()          # in the order the editor entered them
    views: int = 0
    top: bool = False                      # 置顶, "global": first on every index and category listing page
    comments: tuple[Comment, ...] = ()


@dataclass
class Page:
    """A 独立页面 (post type 1): same ID space and dynamic URL form as articles, not an article."""

    post_id: int
    title: str
    html: str
    posted: datetime
    comments: tuple[Comment, ...] = ()


@dataclass(frozen=True)
class Expected:
    """What a scraper must store for one article."""

    url: str
    title: str
    published: datetime
    category: str
    author: str
    tags: tuple[str, ...]
    body_text: tuple[str, ...]             # lines, in order
    absent: tuple[str, ...]                # must not reach body_text or body_html
    images: tuple[str, ...]
    source: str | None
    original_title: str | None


@dataclass
class Listing:
    """One page of a list view, as ViewList builds it."""

    kind: str                              # index, category, tags, date, author
    title: str                             # the $title part of <title>
    articles: list[Article]                # as shown: 置顶 first
    page: int
    pages: int                             # 0 when the list is empty (no pagebar buttons at all)
    url_of_page: Callable[[int], str]      # page number -> URL


@dataclass
class Site:
    host: str                               # e.g. http://127.0.0.1:8123 (no trailing slash)
    mode: str = "dynamic"                   # dynamic, index_php or rewrite (see urls.MODES)
    now: datetime | None = None             # fixed clock; None reads the real one
    version: str = "1.7.3"
    comments_open: bool | None = None       # None: the version's default (ZC_COMMENT_TURNOFF)
    name: str = "滨湖产业园招商网"
    subtitle: str = "园区动态 · 招商政策 · 企业服务"
    copyright: str = ""
    members: dict[int, Member] = field(default_factory=dict)
    categories: dict[int, Category] = field(default_factory=dict)   # in the site's category order
    tags: dict[int, Tag] = field(default_factory=dict)
    articles: dict[int, Article] = field(default_factory=dict)
    pages: dict[int, Page] = field(default_factory=dict)
    friend_links: tuple[tuple[str, str], ...] = ()                    # (title, href) in 友情链接
    gone: set[int] = field(default_factory=set)                      # deleted: answer 404
    display_count: int = 10                 # ZC_DISPLAY_COUNT
    pagebar_count: int = 10                 # ZC_PAGEBAR_COUNT
    rss_count: int = 10                     # ZC_RSS2_COUNT
    views_on_fetch: bool = True             # ViewPost adds one to ViewNums before printing it
    robots_disallow: tuple[str, ...] = ("/zb_system/", "/zb_users/plugin/", "/search.php")
    faults: dict[str, list[str]] = field(default_factory=dict)       # path -> faults, one per request (server.py)
    slow_seconds: float = 3.0                                        # how long the "slow" fault waits

    def __post_init__(self) -> None:
        if self.mode not in urls.MODES:
            raise ValueError(f"unknown URL mode {self.mode!r}; one of {sorted(urls.MODES)}")
        if self.version not in VERSIONS:
            raise ValueError(f"unknown Z-BlogPHP version {self.version!r}; one of {sorted(VERSIONS)}")

    # settings ----------------------------------------------------------------------------------
    @property
    def root(self) -> str:
        return self.host + "/"

    @property
    def build(self) -> str:
        return VERSIONS[self.version]["build"]

    @property
    def powered_by_rel(self) -> str:
        return VERSIONS[self.version]["rel"]

    @property
    def comments_enabled(self) -> bool:
        return VERSIONS[self.version]["comments"] if self.comments_open is None else self.comments_open

    @property
    def comment_captcha(self) -> bool:
        return VERSIONS[self.version]["captcha"]

    def clock(self) -> datetime:
        return self.now or datetime.now(SHANGHAI)

    def take_fault(self, path: str) -> str | None:
        queue = self.faults.get(path)
        return queue.pop(0) if queue else None

    # URLs, unescaped (the pages print them with & as &amp;) -----------------------------------
    @property
    def rules(self) -> urls.UrlRules:
        return urls.MODES[self.mode]

    def article_url(self, post_id: int) -> str:
        return urls.make(self.rules.article, self.root, id=post_id)

    def page_url(self, post_id: int) -> str:
        return urls.make(self.rules.page, self.root, id=post_id)

    def home_url(self, page: int = 1) -> str:
        return urls.make(self.rules.index, self.root, page, abbreviate=True)

    def category_url(self, category_id: int, page: int = 1) -> str:
        return urls.make(self.rules.category, self.root, page, id=category_id)

    def tag_url(self, tag_id: int, page: int = 1) -> str:
        return urls.make(self.rules.tags, self.root, page, id=tag_id)

    def author_url(self, member_id: int, page: int = 1) -> str:
        return urls.make(self.rules.author, self.root, page, id=member_id)

    def date_url(self, date_text: str, page: int = 1) -> str:
        """``date_text`` as the CMS writes it: ``2024-5`` (Y-n) or ``2024-5-3`` (Y-n-j)."""
        return urls.make(self.rules.date, self.root, page, date=date_text)

    @property
    def feed_url(self) -> str:
        return self.root + "feed.php"

    # content -----------------------------------------------------------------------------------
    def add(self, article: Article) -> Article:
        self.articles[article.post_id] = article
        return article

    def live(self) -> list[Article]:
        """Published articles, newest first (ZC_DISPLAY_ORDER log_PostTime; ties by ID)."""
        return sorted((a for a in self.articles.values() if a.post_id not in self.gone),
                      key=lambda a: (a.posted, a.post_id), reverse=True)

    def descendants(self, category_id: int) -> set[int]:
        found = {category_id}
        for category in self.categories.values():
            if category.parent in found and category.id not in found:
                found |= self.descendants(category.id)
        return found

    def category_tree(self) -> list[Category]:
        """Categories in the CMS's order: each one followed by its subcategories."""
        ordered: list[Category] = []

        def visit(parent: int | None) -> None:
            for category in self.categories.values():
                if category.parent == parent:
                    ordered.append(category)
                    visit(category.id)
        visit(None)
        return ordered

    def article_tags(self, article: Article) -> list[Tag]:
        return [self.tags[t] for t in article.tag_ids]

    def expected(self, post_id: int) -> Expected:
        article = self.articles[post_id]
        body = article.body
        return Expected(
            url=self.article_url(post_id), title=article.title, published=article.posted,
            category=self.categories[article.category_id].name,
            author=self.members[article.author_id].static_name,
            tags=tuple(t.name for t in self.article_tags(article)), body_text=body.content,
            absent=body.absent + body.extra_html_absent, images=tuple(u.format(host=self.host) for u in body.images),
            source=body.source, original_title=body.original_title)

    def stored_html(self, html: str) -> str:
        """Post HTML as the CMS prints it: the host token replaced by the site root."""
        return html.replace(HOST_TOKEN, self.root)

    # list views (ViewList) -----------------------------------------------------------------------
    def listing(self, kind: str, key: str, page: int) -> Listing | None:
        live = self.live()
        tops = [a for a in live if a.top]
        if kind == "index":
            listed = [a for a in live if not a.top]
            title = self.subtitle if page == 1 else f"第{page}页"
            url_of_page = self.home_url
        elif kind == "category":
            category = self.categories.get(int(key)) if key.isdigit() else None
            if category is None:
                return None
            ids = self.descendants(category.id)   # ZC_DISPLAY_SUBCATEGORYS: subcategories listed too
            listed = [a for a in live if not a.top and a.category_id in ids]
            title = category.name
            url_of_page = partial(self.category_url, category.id)
        elif kind == "tags":
            tag = self.tags.get(int(key)) if key.isdigit() else None
            if tag is None:
                return None
            listed = [a for a in live if tag.id in a.tag_ids]
            title = tag.name
            url_of_page = partial(self.tag_url, tag.id)
        elif kind == "author":
            member = self.members.get(int(key)) if key.isdigit() else None
            if member is None:
                return None
            listed = [a for a in live if a.author_id == member.id]
            title = member.static_name
            url_of_page = partial(self.author_url, member.id)
        else:
            span = parse_date(key)
            if span is None:
                return None
            year, month, day = span
            listed = [a for a in live if (a.posted.year, a.posted.month) == (year, month)
                      and (day is None or a.posted.day == day)]
            title = f"{year}年{month}月" + (f"{day}日" if day else "")
            text = f"{year}-{month}" + (f"-{day}" if day else "")
            url_of_page = partial(self.date_url, text)
        chunk = listed[(page - 1) * self.display_count: page * self.display_count]
        if page > 1 and not chunk:
            return None
        if page > 1:
            title = f"{title} 第{page}页" if kind != "index" else title
        shown = tops + [a for a in chunk if a not in tops]
        return Listing(kind, title, shown, page, math.ceil(len(listed) / self.display_count), url_of_page)

    # requests ------------------------------------------------------------------------------------
    def render(self, target: str) -> tuple[int, str, bytes]:
        """Answer a request target (path with its query string) as the site would."""
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if parts.path == "/robots.txt":
            lines = ["User-agent: *", *[f"Disallow: {d}" for d in self.robots_disallow]]
            return 200, "text/plain; charset=utf-8", ("\n".join(lines) + "\n").encode()
        if parts.path == "/feed.php":
            return 200, "text/xml; charset=utf-8", theme.feed(self, self.feed_articles(query)).encode()
        found = urls.route(self.mode, parts.path, query)
        if found is None:
            return self.not_found()
        if found.kind == "post":
            return self.view_post(found.key)
        listing = self.listing(found.kind, found.key, found.page)
        return self._html(theme.list_page(self, listing)) if listing else self.not_found()

    def view_post(self, key: str) -> tuple[int, str, bytes]:
        post_id = int(key) if key.isdigit() else None
        if post_id in self.articles and post_id not in self.gone:
            article = self.articles[post_id]
            if self.views_on_fetch:
                article.views += 1
            return self._html(theme.article_page(self, article))
        if post_id in self.pages:
            return self._html(theme.page_page(self, self.pages[post_id]))
        return self.not_found()

    def feed_articles(self, query: dict[str, str]) -> list[Article]:
        """ViewFeed: the newest ZC_RSS2_COUNT articles, optionally of one category (not its children),
        author, tag or date."""
        chosen = self.live()
        if query.get("cate"):
            chosen = [a for a in chosen if str(a.category_id) == query["cate"]]
        elif query.get("auth"):
            chosen = [a for a in chosen if str(a.author_id) == query["auth"]]
        elif query.get("date"):
            span = parse_date(query["date"])
            chosen = [a for a in chosen if span and (a.posted.year, a.posted.month) == span[:2]
                      and span[2] in (None, a.posted.day)]
        elif query.get("tags"):
            chosen = [a for a in chosen if query["tags"].isdigit() and int(query["tags"]) in a.tag_ids]
        return chosen[: self.rss_count]

    def not_found(self) -> tuple[int, str, bytes]:
        return 404, "text/html; charset=utf-8", theme.not_found_page(self).encode("utf-8")

    @staticmethod
    def _html(text: str) -> tuple[int, str, bytes]:
        return 200, "text/html; charset=utf-8", text.encode("utf-8")


def parse_date(text: str) -> tuple[int, int, int | None] | None:
    """``2024-5`` or ``2024-5-3`` (leading zeros accepted) as (year, month, day); None when not a date."""
    match = re.fullmatch(urls.DATE_TEXT, text or "")
    if not match:
        return None
    numbers = [int(n) for n in text.split("-")]
    year, month = numbers[0], numbers[1]
    day = numbers[2] if len(numbers) == 3 else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return year, month, day
