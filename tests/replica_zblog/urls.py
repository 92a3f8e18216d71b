"""Z-BlogPHP's URL rules in the three modes the replica serves: made as the CMS prints them, and parsed back.

The rule strings are the CMS's own presets (``ZC_*_REGEX`` in zb_system/defend/option.php for the dynamic
mode, the STACentre plugin's "index.php式仿伪静态" and "伪静态" presets for the other two), with
``{%host%}`` written ``{host}`` and so on. ``make`` follows UrlRule::Make (zb_system/function/lib/urlrule.php):
on page 1 the page part is dropped, and an empty query parameter is removed with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class UrlRules:
    article: str
    page: str        # a 独立页面 (Z-BlogPHP "page" post type), e.g. the guestbook
    index: str
    category: str
    tags: str
    date: str
    author: str


MODES = {
    # ZC_STATIC_MODE=ACTIVE, the install default
    "dynamic": UrlRules(
        article="{host}?id={id}", page="{host}?id={id}", index="{host}?page={page}",
        category="{host}?cate={id}&page={page}", tags="{host}?tags={id}&page={page}",
        date="{host}?date={date}&page={page}", author="{host}?auth={id}&page={page}"),
    # ZC_STATIC_MODE=REWRITE with the rules under index.php (PATH_INFO, no server rewrite needed)
    "index_php": UrlRules(
        article="{host}index.php/post/{id}.html", page="{host}index.php/{id}.html",
        index="{host}index.php/page_{page}.html", category="{host}index.php/category-{id}_{page}.html",
        tags="{host}index.php/tags-{id}_{page}.html", date="{host}index.php/date-{date}_{page}.html",
        author="{host}index.php/author-{id}_{page}.html"),
    # ZC_STATIC_MODE=REWRITE, the first real-rewrite preset
    "rewrite": UrlRules(
        article="{host}post/{id}.html", page="{host}{id}.html", index="{host}page_{page}.html",
        category="{host}category-{id}_{page}.html", tags="{host}tags-{id}_{page}.html",
        date="{host}date-{date}_{page}.html", author="{host}author-{id}_{page}.html"),
}


def make(rule: str, root: str, page: int = 1, abbreviate: bool = False, **values: object) -> str:
    """The URL for ``rule``, unescaped (the pages print it with ``&`` as ``&amp;``).

    ``root`` is the site root with its trailing slash. ``abbreviate`` is the home page's rule: on page 1
    everything from the last ``}``, ``/`` or ``&`` before the page number on is dropped, so the home page
    is the bare root (``/index.php/`` in the index.php mode).
    """
    url = rule
    if page > 1:
        url = url.replace("{page}", str(page))
    else:
        for joint in ("_{page}", "/{page}", "-{page}"):
            if joint in url:
                url = url.replace(joint, "{page}")
                break
        if abbreviate:
            head = url[: url.index("{page}")]
            url = head[: max(head.rfind("}"), head.rfind("/"), head.rfind("&")) + 1]
        url = url.replace("{page}", "")
    url = url.replace("{host}", root)
    for name, value in values.items():
        url = url.replace("{" + name + "}", str(value))
    if "?" in url:  # a parameter left empty (page=) goes, with its '&'
        url += "&"
        while re.search(r"&[^=&]+=&", url):
            url = re.sub(r"&[^=&]+=&", "&", url)
        url = url.rstrip("&").rstrip("?")
    return url


@dataclass(frozen=True)
class Route:
    kind: str                 # post (article or page), index, category, tags, date, author
    key: str = ""             # the id, or the date text
    page: int = 1


DATE_TEXT = r"\d{4}-\d{1,2}(?:-\d{1,2})?"
_QUERY_KINDS = (("cate", "category"), ("auth", "author"), ("date", "date"), ("tags", "tags"))


def route(mode: str, path: str, query: dict[str, str]) -> Route | None:
    """What a request path asks for in ``mode``, as the CMS's routes read it; None when nothing matches.

    The dynamic routes (``/?id=``, ``/?cate=`` …, on ``/`` or ``/index.php``) answer in every mode, as in
    Z-BlogPHP; the rewritten forms only in their own mode.
    """
    if path in ("/", "/index.php"):
        return _dynamic_route(query)
    if mode == "dynamic":
        return None
    rules = MODES[mode]
    if path == "/index.php/" and mode == "index_php":
        return Route("index")
    for kind, rule in (("post", rules.article), ("post", rules.page), ("index", rules.index),
                       ("category", rules.category), ("tags", rules.tags), ("date", rules.date),
                       ("author", rules.author)):
        match = re.fullmatch(_rule_pattern(rule), path)
        if match:
            page = int(match.group("page") or 1) if "page" in match.groupdict() else 1
            return Route(kind, match.groupdict().get("key") or "", page)
    return None


def _dynamic_route(query: dict[str, str]) -> Route:
    page = _page_number(query.get("page"))
    if "id" in query and not any(name in query for name, _ in _QUERY_KINDS):
        return Route("post", query["id"])
    for name, kind in _QUERY_KINDS:
        if name in query:
            return Route(kind, query[name], page)
    return Route("index", "", page)


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and int(text) > 0 else 1


def _rule_pattern(rule: str) -> str:
    """A regular expression for the path part of a rewritten rule; page 1 is the form without the page."""
    pattern = re.escape(rule.replace("{host}", "/"))
    pattern = pattern.replace(r"\{id\}", r"(?P<key>\d+)").replace(r"\{date\}", f"(?P<key>{DATE_TEXT})")
    return pattern.replace(r"_\{page\}", r"(?:_(?P<page>\d+))?").replace(r"\{page\}", r"(?P<page>\d+)")
