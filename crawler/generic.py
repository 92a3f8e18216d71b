"""A generic article extractor for Chinese (and other) news pages, for when a site's selectors find nothing.

No site knowledge: the body is the element holding the most prose (text with sentence
punctuation) and the least link text; title, author and date come from meta tags, JSON-LD and
the markers Chinese news pages print (发布时间 / 来源 / 作者 / 责任编辑). The same block cleaning and
boilerplate rules as the portal pipeline apply to the body; dates go through crawler.dates.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

import lxml.html

from crawler.cleaning import DROP_TAGS, collapse

# Class/id words of page furniture. Matched as whole words of the attribute, so "header" does not
# catch "article-header-image" by accident only when it really is one of its words.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|footer|foot|header|sidebar|side|aside|comment|comments|share|sharebox|related|"
    r"relate|recommend|breadcrumb|crumbs|sitemap|copyright|banner|advert|ads?|login|search|toolbar|pagebar|"
    r"pagination|pages|tags|friendlink|links)(?:$|[\s_-]|\d)",
    re.I,
)
# Never read for prose. Unlike the body cleaner, forms are walked: ASP.NET pages wrap the whole page
# in one, and a small form (a search box) is muted as furniture anyway.
_SKIP = DROP_TAGS - {"form"}
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "select", "button", "textarea", "label"})
_CONTAINERS = frozenset({"div", "td", "article", "section", "main", "body", "center", "font", "span", "p", "dd",
                         "li", "blockquote", "tbody", "table", "tr"})
# Containers (not paragraphs) that a body can be narrowed down to, and the share of the prose
# score a child must hold for that.
_WRAPPERS = frozenset({"div", "td", "tr", "tbody", "table", "article", "section", "main", "center", "font", "dd"})
_DOMINANT = 0.6
_PUNCTUATION = set("，。！？；：、“”‘’（）《》,.!?;:")
_SENTENCE_END = set("。！？!?；;")

_META_DATE_KEYS = ("article:published_time", "og:article:published_time", "published_time", "pubdate", "publishdate",
                   "publish_date", "publication_date", "datepublished", "date", "dc.date", "dc.date.issued",
                   "citation_date", "citation_publication_date", "weibo:article:create_at", "og:release_date",
                   "sailthru.date", "article.published", "created")
_META_AUTHOR_KEYS = ("author", "article:author", "og:article:author", "citation_author", "citation_authors",
                     "dc.creator", "byl", "sailthru.author")
_META_TITLE_KEYS = ("og:title", "twitter:title", "citation_title", "headline")

_DATE_TEXT = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2})?)?"
)
_LABELLED_DATE = re.compile(
    r"(?:发布时间|发布日期|发表时间|发表日期|发稿时间|出版日期|刊发时间|更新时间|时间|日期|发布于|Published|Posted)\s*[:：]?\s*"
    r"(" + _DATE_TEXT.pattern + r")", re.I)
_NAME = r"[\u4e00-\u9fa5·]{2,5}"
_AUTHOR_TEXT = re.compile(
    r"(?:作者|作\s*者|记者|撰稿|撰文|文\s*/|文／|原创|通讯员|本报记者|编辑|责任编辑|责编)\s*[:：/]?\s*"
    r"(" + _NAME + r"(?:\s*[、，,\s]\s*" + _NAME + r"){0,3})")
_NOT_NAMES = {"本报", "本网", "来源", "编辑", "记者", "作者", "通讯员", "责任编辑", "新华社", "网友", "发布", "时间",
              "日期", "图片", "摄影", "实习生", "联合", "报道", "综合", "整理", "字号", "打印", "关闭", "评论",
              "首页", "我要", "收藏", "分享", "阅读", "点击", "浏览", "访问"}
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|-{1,2}|—{1,2}|–|::|·)\s*")
_ENCODING_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_-]+)""", re.I)


@dataclass
class GenericArticle:
    title: str | None = None
    author: str | None = None
    date_text: str | None = None
    body: object | None = None          # lxml element holding the article body
    fields: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Decoding


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes: UTF-8 when the bytes are valid UTF-8, else the declared or GB charset.

    GB2312 and GBK are decoded as GB18030 (their superset); a declared charset that the bytes
    contradict is ignored, since pages often declare the wrong one.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _ENCODING_DECLARED.search(data[:4096])
    candidates = [declared, match.group(1).decode("ascii", "ignore") if match else None, "gb18030", "big5"]
    for name in candidates:
        if not name:
            continue
        name = name.lower()
        if name.replace("-", "").replace("_", "") in ("gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euccn"):
            name = "gb18030"
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("gb18030", errors="replace")


def parse_html(text: str):
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    return lxml.html.document_fromstring(text or "<html></html>")


# ---------------------------------------------------------------------------------------------
# Body


def _is_furniture(element) -> bool:
    if element.tag in _FURNITURE_TAGS:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(names.strip()) and bool(_FURNITURE.search(names))


def _text_value(text: str | None, in_link: bool) -> tuple[float, int, int]:
    """(score, characters, punctuation) of one text run."""
    if not text:
        return 0.0, 0, 0
    stripped = re.sub(r"\s+", "", text)
    length = len(stripped)
    if not length:
        return 0.0, 0, 0
    punctuation = sum(1 for c in stripped if c in _PUNCTUATION)
    if in_link:
        return -0.6 * length, length, 0
    if punctuation == 0 and length < 20:
        return -0.2 * length, length, 0   # labels, menu items, dates: not prose
    return length + 8.0 * punctuation, length, punctuation


def _walk(root) -> list[tuple]:
    """Every element in pre-order, with whether it sits inside a link."""
    order, stack = [], [(root, False)]
    while stack:
        element, in_link = stack.pop()
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        in_link = in_link or element.tag == "a"
        order.append((element, in_link))
        for child in reversed(element):
            stack.append((child, in_link))
    return order


def _subtree_scores(order, muted=frozenset()) -> dict:
    """Prose score of every subtree, children before parents; a muted subtree counts as negative."""
    scores: dict = {}
    for element, in_link in reversed(order):
        own, _, _ = _text_value(element.text, in_link)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                own += scores.get(child, 0.0)
            own += _text_value(child.tail, in_link)[0]
        scores[element] = min(own, 0.0) - 1.0 if element in muted else own
    return scores


def best_body(root):
    """The element holding the most prose and the least link text and furniture (share, related, nav …).

    Scores are summed bottom-up, so containers that add menus or link lists score lower than the
    article alone. An element named like furniture counts against its parent only when it does
    not hold most of the page's prose (pages put "nav" or "header" in their body's class).
    """
    order = _walk(root)
    raw = _subtree_scores(order)
    total = max(raw.get(root, 0.0), 1.0)
    muted = frozenset(e for e, _ in order if e.tag not in ("html", "body") and _is_furniture(e)
                      and raw[e] < 0.5 * total)
    scores = _subtree_scores(order, muted)
    inside_muted = set()
    for element, _ in order:
        parent = element.getparent()
        if element in muted or (parent is not None and parent in inside_muted):
            inside_muted.add(element)
    candidates = [(score, element) for element, score in scores.items()
                  if element.tag in _CONTAINERS and score > 0 and element not in inside_muted]
    if not candidates:
        return None
    best_score, best = max(candidates, key=lambda pair: pair[0])
    # Old table layouts wrap the article in a container that also holds other prose (summaries of
    # other articles, comments): a container child holding most of the prose is the tighter body.
    while True:
        children = [c for c in best if isinstance(c.tag, str) and c.tag in _WRAPPERS and c not in inside_muted]
        top = max(children, key=lambda c: scores.get(c, 0.0), default=None)
        if top is None or scores.get(top, 0.0) < _DOMINANT * scores[best]:
            return best
        best = top


def strip_furniture(body) -> None:
    """Remove furniture inside the chosen body (share boxes, related links …), keeping the element's tail text."""
    for element in list(body.iter()):
        if element is body or not isinstance(element.tag, str):
            continue
        if _is_furniture(element):
            parent = element.getparent()
            if parent is not None:
                element.drop_tree()


# ---------------------------------------------------------------------------------------------
# Metadata


def _meta(root, keys) -> str | None:
    wanted = {k.lower() for k in keys}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in wanted and (meta.get("content") or "").strip():
            return collapse(meta.get("content"))
    return None


def _json_ld(root) -> list[dict]:
    found = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for entry in data if isinstance(data, list) else [data]:
            if isinstance(entry, dict):
                found.extend(entry.get("@graph", [entry]) if isinstance(entry.get("@graph"), list) else [entry])
    return found


def _ld_value(entries, key):
    for entry in entries:
        value = entry.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, list) and value:
            value = value[0].get("name") if isinstance(value[0], dict) else value[0]
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def find_title(root) -> str | None:
    page_title = collapse(root.findtext(".//title") or "")
    headings = [collapse(h.text_content()) for tag in ("h1", "h2") for h in root.iter(tag)]
    headings = [h for h in headings if 4 <= len(h) <= 80]
    for heading in headings:  # the heading that the <title> starts with or contains is the title
        if heading and page_title and (heading in page_title or page_title.startswith(heading[:10])):
            return heading
    meta = _meta(root, _META_TITLE_KEYS)
    if meta:
        return meta
    if page_title:
        parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p]
        return max(parts, key=len) if parts else page_title
    return headings[0] if headings else None


def _visible_text(root) -> str:
    pieces = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in DROP_TAGS:
            continue
        if element.text:
            pieces.append(element.text)
        for child in element:
            if child.tail:
                pieces.append(child.tail)
    return unicodedata.normalize("NFKC", " ".join(pieces))


def find_date(root, body, title: str | None) -> str | None:
    meta = _meta(root, _META_DATE_KEYS)
    if meta and re.search(r"\d{4}", meta):
        return meta
    ld = _ld_value(_json_ld(root), "datePublished")
    if ld:
        return ld
    text = _visible_text(root)
    start = text.find(title[:12]) if title else -1
    window = text[start:] if start >= 0 else text
    for source in (window, text):
        labelled = _LABELLED_DATE.search(source)
        if labelled:
            return labelled.group(1)
    for source in (window, text):
        plain = _DATE_TEXT.search(source)
        if plain:
            return plain.group(0)
    return None


def _clean_names(raw: str) -> str | None:
    names = [n for n in re.split(r"[\s、，,]+", raw) if n and n not in _NOT_NAMES and not any(w in n for w in _NOT_NAMES)]
    return " ".join(dict.fromkeys(names)) or None


def find_author(root, body, title: str | None) -> str | None:
    meta = _meta(root, _META_AUTHOR_KEYS)
    if meta and not re.search(r"https?://|\.com|\.cn", meta):
        names = _clean_names(meta.replace(";", " "))
        if names:
            return names
    ld = _ld_value(_json_ld(root), "author")
    if ld:
        return ld
    text = _visible_text(root)
    start = text.find(title[:12]) if title else -1
    for source in ((text[start:start + 3000] if start >= 0 else ""), text):
        for match in _AUTHOR_TEXT.finditer(source):
            names = _clean_names(match.group(1))
            if names:
                return names
    return None


def extract(root) -> GenericArticle:
    """Title, author, date text and body element of the page rooted at ``root`` (an lxml document)."""
    title = find_title(root)
    body = best_body(root)
    if body is not None:
        strip_furniture(body)
    return GenericArticle(title=title, author=find_author(root, body, title), date_text=find_date(root, body, title),
                          body=body)
