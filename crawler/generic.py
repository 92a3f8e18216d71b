"""A generic article extractor for Chinese (and other) news pages, for when a site's selectors find nothing.

No site knowledge: the body is the element holding the most visible prose (text with sentence
punctuation) and the least link text, with the lead paragraph printed just above it, without the
lists of other articles at its edges, only the first post where it is a run of dated posts, and
the article rather than the readers' comments under it;
title, author and date come from meta tags, JSON-LD and the markers Chinese news pages print
(发布时间 / 来源 / 作者 / 记者 / 责任编辑 / 发文机关). Bylines are read near the article only (above
it to the title, just below it), never from link lists or readers' comments; a meta author counts
only when it names a person. The same block cleaning and boilerplate rules as the portal pipeline
apply to the body; dates go through crawler.dates.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from crawler.cleaning import BLOCK_TAGS, DROP_TAGS, collapse
from crawler.dates import SHANGHAI
from crawler.facts.places import division_names
from crawler.names import DOUBLE_SURNAMES, SIMPLIFY, SURNAMES

# Class/id words of page furniture. Matched as whole words of the attribute, so "header" does not
# catch "article-header-image" by accident only when it really is one of its words. "pages" names a
# pager, but as the first word of pages_content (the government sites' TRS template) it names the
# page's own content.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|footer|foot|header|sidebar|side|aside|comment|comments|share|sharebox|related|"
    r"relate|recommend|breadcrumb|crumbs|sitemap|copyright|banner|advert|ads?|login|search|toolbar|pagebar|"
    r"pagination|pages(?![_-](?:content|article|text|body|detail))|tags|friendlink|links|promo|newsletter|"
    r"subscribe|sponsor|popup|gutter|linenos|lineno|line-numbers)(?:$|[\s_-]|\d)",
    re.I,
)
# Never read for prose. Unlike the body cleaner, forms are walked: ASP.NET pages wrap the whole page
# in one, and a small form (a search box) is muted as furniture anyway.
_SKIP = DROP_TAGS - {"form"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NOT_DISPLAYED = re.compile(r"display\s*:\s*none", re.I)
_CODE_TAGS = frozenset({"pre", "code"})
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "select", "button", "textarea", "label"})
_CONTAINERS = frozenset({"div", "td", "article", "section", "main", "body", "center", "font", "span", "p", "dd",
                         "li", "blockquote", "tbody", "table", "tr"})
# Containers (not paragraphs) that a body can be narrowed down to, and the share of the prose
# score a child must hold for that.
_WRAPPERS = frozenset({"div", "td", "tr", "tbody", "table", "article", "section", "main", "center", "font", "dd"})
_DOMINANT = 0.6
_LOOSE = 0.2   # share of the prose in loose paragraphs beside the dominant child that keeps them together
_DIV_RUN = 3   # divs of inline content side by side that are paragraphs, not a notice beside the article
_ENTRY_MIN = 100  # prose score of a post in a run of posts: a few sentences
_POSTS_MIN = 3    # dated stamps that make a block a run of posts or comments
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_LEAD_MIN = 40   # prose score a lead paragraph above the body needs at least
# Blocks inside a body that can be a list of links to other pages.
_LIST_BLOCKS = frozenset({"div", "table", "tbody", "tr", "td", "ul", "ol", "dl", "section", "aside", "p", "center",
                          "font", "span", "dd", "li"})
_EDGE = 0.1   # share of the body's prose that may lie beyond a link list at its top or bottom
_FILE_LINK = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|wps|zip|rar|7z|txt|csv)(?:$|[?#])", re.I)
_LIST_LINK_CHARS = 30   # a list of other articles: a few headlines, not three linked words
_PUNCTUATION = set("，。！？；：、“”‘’（）《》,.!?;:")
_NO_PUNCTUATION = str.maketrans("", "", "".join(_PUNCTUATION))
_SENTENCE_END = set("。！？!?；;")
_ADDRESS = re.compile(r"(?:https?:)?//\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+")

_META_DATE_KEYS = ("article:published_time", "og:article:published_time", "published_time", "pubdate", "publishdate",
                   "publish_date", "publication_date", "datepublished", "date", "dc.date", "dc.date.issued",
                   "citation_date", "citation_publication_date", "weibo:article:create_at", "og:release_date",
                   "sailthru.date", "article.published", "created", "firstpublishedtime")
# A page that declares only when it was last changed (Baidu's baijiahao: itemprop="dateUpdate"): its
# publication date when the page prints no full date at all, an edit seldom coming later.
_META_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dateupdate", "lastmodifiedtime",
                       "last-modified", "dc.date.modified")
_META_AUTHOR_KEYS = ("author", "article:author", "og:article:author", "citation_author", "citation_authors",
                     "dc.creator", "byl", "sailthru.author")
# A meta author naming the site's software or its makers, not the article's writer.
_WEB_ADDRESS = re.compile(r"\.(?:com|cn|net|org|gov|edu|io|info|cc|tv|me|co|hk|tw)\b|^www\.", re.I)   # not Mr.xiong
_SOFTWARE_CREDIT = re.compile(r"!|\b(?:team|studio|inc|ltd|llc|corp|cms|powered)\b|^(?:john|jane) doe$", re.I)
# (John Doe is the author a blog generator's default configuration declares)
_META_TITLE_KEYS = ("og:title", "twitter:title", "citation_title", "headline")

# A full date with one separator throughout (2005-06-14, 2005/6/14, 2005.6.14, 2005年6月14日), in Chinese
# numerals (二〇〇五年六月十四日), in the US order ASP.NET pages print (9/17/2004 5:54:13 AM) or with an English
# month as blog themes print it (December 21, 2024; 21 Dec 2024), with an optional time.
# (Chinese month names in the English order too: WordPress in Chinese prints "八月 26, 2016, 2:43 下午")
_MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
               r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|(?:十[一二]?|[一二三四五六七八九])月)\.?")
_DATE_TEXT = re.compile(
    r"(?:\d{4}(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}/\d{1,2}/\d{4}"
    r"|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
    rf"|{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH_NAME},?\s+\d{{4}}\b"
    # C's ctime, as bulletin boards print it: Mon Apr  2 07:24:47 2007
    rf"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+{_MONTH_NAME}\s+\d{{1,2}}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+\d{{4}}\b)"
    r"(?:,?\s*T?\s*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2})?(?:\s*[AaPp][Mm]|\s*[上下]午)?)?"
)
_TIME = re.compile(r"\d\s*[:：时]\s*\d")
_DATE_ABOVE = 2000        # characters of page text above the article's start where its date is printed
_DATE_BELOW_START = 300   # ... and into its first lines
# A date labelled as the publication's, or as another moment of the text's life (更新时间, a government
# document's 成文日期): the latter give way to the former; many sites stamp their articles 更新时间 only.
_LABELLED_DATE = re.compile(
    r"(?:(?P<other>(?:更新|修改|成文|印发|生效|实施)(?:时间|日期)|Updated|Modified)"
    r"|发布时间|发布日期|发表时间|发表日期|发稿时间|出版日期|刊发时间|时间|日期|发布于|发表于|Published|Posted)"
    r"(?:\s+on)?\s*[:：]?\s*(?P<date>" + _DATE_TEXT.pattern + r")", re.I)
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|-{1,2}|—{1,2}|–|::|·)\s*")


@dataclass
class GenericArticle:
    title: str | None = None
    author: str | None = None
    date_text: str | None = None
    body: object | None = None          # lxml element holding the article body


# ---------------------------------------------------------------------------------------------
# Body


def _is_furniture(element) -> bool:
    if element.tag in _FURNITURE_TAGS:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    # a code block's tokens are named by what they are (hljs-comment, token comment), not furniture
    return (bool(names.strip()) and bool(_FURNITURE.search(names))
            and not any(ancestor.tag in _CODE_TAGS for ancestor in element.iterancestors()))


def _text_score(text: str | None, in_link: bool) -> float:
    """Prose score of one text run: its characters, more for sentence punctuation, negative for
    link text and for short runs without punctuation (labels, menu items, dates)."""
    if not text:
        return 0.0
    stripped = "".join(text.split())
    length = len(stripped)
    if not length:
        return 0.0
    if in_link:
        return -0.6 * length
    if "//" in text or "www." in text or "@" in text:
        # web and mail addresses are full of dots and colons, not sentences
        stripped = "".join(_ADDRESS.sub(" ", text).split())
        length = len(stripped)
    punctuation = length - len(stripped.translate(_NO_PUNCTUATION))
    if punctuation == 0 and length < 20:
        return -0.2 * length
    return length + 8.0 * punctuation


def _walk(root, reveal: bool = False) -> list[tuple]:
    """Every visible element under ``root`` (itself whatever its style) in pre-order, with whether it
    sits inside a link; with ``reveal``, elements hidden by visibility:hidden too."""
    order, stack = [], [(root, False)]
    while stack:
        element, in_link = stack.pop()
        if not isinstance(element.tag, str) or element.tag in _SKIP or element is not root and _hidden(element, reveal):
            continue
        in_link = in_link or element.tag == "a"
        order.append((element, in_link))
        for child in reversed(element):
            stack.append((child, in_link))
    return order


def _hidden(element, reveal: bool = False) -> bool:
    """Hidden by its own markup (display:none, visibility:hidden, the hidden attribute): no reader sees
    it, and the body cleaning leaves it out too. ``reveal`` counts visibility:hidden as shown."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style") or ""
    return bool(_NOT_DISPLAYED.search(style) if reveal else _HIDDEN_STYLE.search(style))


def _shows_prose(element) -> bool:
    """Does ``element`` show a reader at least two sentences (its hidden parts aside)?"""
    texts = [t for e, _ in _walk(element) for t in (e.text, *(c.tail for c in e))]
    return sum(t.count(c) for t in texts if t for c in _SENTENCE_END) >= 2


def _own_scores(order) -> dict:
    """Prose score of each element's own text: its text and the tails of its children."""
    own = {}
    for element, in_link in order:
        following = element[0] if len(element) else element.getnext()
        score = 0.0 if _teaser(element.text, following) else _text_score(element.text, in_link)
        for child in element:
            score += 0.0 if _teaser(child.tail, child.getnext()) else _text_score(child.tail, in_link)
        own[element] = score
    return own


def _teaser(text: str | None, following) -> bool:
    """A text cut short by an ellipsis before a link ("…23年一手帶大20名寄養孩...更多"): another article's
    summary leading to it, no prose of this page's."""
    return (following is not None and following.tag == "a" and text is not None
            and text.rstrip().endswith(("...", "…")))


def _subtree_scores(order, own: dict, muted=frozenset()) -> dict:
    """Prose score of every subtree, children before parents; a muted subtree counts as negative."""
    scores: dict = {}
    for element, _ in reversed(order):
        score = own[element]
        for child in element:
            score += scores.get(child, 0.0)
        scores[element] = min(score, 0.0) - 1.0 if element in muted else score
    return scores


def body_parts(root) -> list:
    """The body element, after the lead paragraphs that some pages print just above it, outside it."""
    found = _scored_body(root)
    if found is None or not _shows_prose(found[0]):
        # a page that keeps its article invisible until a script shows it (WeChat's visibility:hidden)
        found = _scored_body(root, reveal=True) or found
    if not found:
        return []
    best, scores, excluded = found
    leads = []
    for sibling in best.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str) or sibling.tag in _SKIP:
            continue
        text = collapse(sibling.text_content())
        if not text:
            continue  # an image or an empty spacer between the lead and the body
        if (sibling in excluded or _is_furniture(sibling) or _alike(sibling, best)
                or not _is_lead(text, scores.get(sibling, 0.0))):
            break  # a sibling built like the body is another post or section, not its lead
        leads.append(sibling)
    return [*reversed(leads), best]


def _alike(element, other) -> bool:
    return element.tag == other.tag and element.get("class") == other.get("class")


def _is_lead(text: str, score: float) -> bool:
    """A paragraph of sentences with little or no link text (links score below their length)."""
    length = len(text.replace(" ", ""))
    return score >= max(length, _LEAD_MIN) and any(c in _SENTENCE_END for c in text)


def _scored_body(root, reveal: bool = False):
    """(body element, prose score of every element, elements inside furniture), or None.

    Scores are summed bottom-up, so containers that add menus or link lists score lower than the
    article alone. An element named like furniture counts against its parent only when it holds
    less than half of the page's prose, link text aside (pages put "nav" or "header" in their
    body's class).
    """
    order = _walk(root, reveal)
    own = _own_scores(order)
    # Prose before link text counts against it: on a page full of menus the net scores are small,
    # and a footer must not pass for "most of the prose" against them.
    prose = _subtree_scores(order, {element: max(score, 0.0) for element, score in own.items()})
    total = max(prose.get(root, 0.0), 1.0)
    muted = frozenset(e for e, _ in order if e.tag not in ("html", "body") and _is_furniture(e)
                      and prose[e] < 0.5 * total)
    scores = _subtree_scores(order, own, muted)
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
    best = _first_entry(_tightened(best, scores, own, inside_muted), scores)
    titled = _under_the_title(root, best, order, own, scores, inside_muted)
    if titled is not None:
        best = _tightened(titled, scores, own, inside_muted)
    return best, scores, inside_muted


def _tightened(best, scores, own, muted):
    """Old table layouts wrap the article in a container that also holds other prose (summaries of
    other articles, comments): a container child holding most of the prose is the tighter body."""
    while True:
        children = [c for c in best if isinstance(c.tag, str) and c.tag in _WRAPPERS and c not in muted]
        top = max(children, key=lambda c: scores.get(c, 0.0), default=None)
        if (top is None or scores.get(top, 0.0) < _DOMINANT * scores[best]
                or _loose_prose(best, scores, own, top) >= _LOOSE * scores[best]):
            return best
        article = _article_before_posts(top, scores)
        best = top if article is None else article


def _title_heading(root):
    """The heading (h1, else h2) that prints the page's title as its <title> or og:title gives it, or None."""
    titles = [t for t in (collapse(root.findtext(".//title") or ""), _meta(root, _META_TITLE_KEYS) or "") if t]
    for tag in ("h1", "h2"):
        for heading in root.iter(tag):
            text = collapse(heading.text_content())
            if 4 <= len(text) <= 80 and any(text in title or title.startswith(text[:10]) for title in titles):
                return heading
    return None


def _under_the_title(root, best, order, own, scores, excluded):
    """The article printed under the page's title when the most prose lies elsewhere: a short story
    beside a longer feed of other stories, a longer story loaded after it, or readers' comments. ``best``
    is elsewhere when the heading its text follows is another story's headline (a heading of the title's
    rank, or a linked headline inside it) or when it sits in the comments; the article is then the
    container with the most prose between the title and the next heading, if it holds a sentence or
    more. None when ``best`` is the title's own text or nothing else qualifies."""
    title = _title_heading(root)
    if title is None or any(e is best for e in title.iterancestors()):
        return None
    position = {element: index for index, (element, _) in enumerate(order)}
    if title not in position:
        return None
    headings = [index for index, (element, _) in enumerate(order) if element.tag in _HEADINGS]
    first_text = next((position[e] for e in best.iter() if own.get(e, 0.0) > 0), None)
    if first_text is None:
        return None
    above = max((i for i in headings if i < first_text), default=None)
    if not _in_comments(best):
        if above is None or order[above][0] is title:
            return None
        heading = order[above][0]
        if any(e is best for e in heading.iterancestors()):
            if next(heading.iter("a"), None) is None:
                return None   # a section heading of the article itself, not a linked headline of a feed
        elif heading.tag != title.tag:
            return None       # a label of the page (相关文章), not another story's headline
    start = position[title]
    end = min((i for i in headings if i > start), default=len(order))
    found = None
    # what follows the title up to the next heading, or holds the title with it (paragraphs beside an h1)
    for element in [*title.iterancestors(), *(order[index][0] for index in range(start + 1, end))]:
        index = position.get(element)
        if (index is None or element.tag not in _CONTAINERS or element in excluded
                or scores.get(element, 0.0) < _LEAD_MIN):
            continue
        inner = list(element.iter())
        last = max(position.get(e, index) for e in inner)
        if (last < end and (found is None or scores[element] > scores[found])
                and best not in inner and not _in_comments(element)):
            found = element
    if found is None or not any(c in _SENTENCE_END for c in found.text_content()):
        return None
    return found


def _article_before_posts(top, scores):
    """The article printed before ``top`` when ``top`` is a run of dated posts (readers' comments,
    a thread's replies) that outweighs it: the sibling before ``top`` with the most prose, when it
    holds a few sentences and more than two posts' worth (a blog's profile box before its posts
    does not)."""
    stamps = _stamps(top)
    if stamps < _POSTS_MIN:
        return None
    before = [c for c in top.itersiblings(preceding=True) if isinstance(c.tag, str) and c.tag in _CONTAINERS]
    article = max(before, key=lambda c: scores.get(c, 0.0), default=None)
    if article is None:
        return None
    score = scores.get(article, 0.0)
    return article if score >= _ENTRY_MIN and score >= 2 * scores.get(top, 0.0) / stamps else None


def _stamps(element) -> int:
    """How many dates with a time of day ``element`` prints (a post's or a comment's stamp)."""
    return sum(1 for m in _DATE_TEXT.finditer(element.text_content()) if _TIME.search(m.group(0)))


def _loose_prose(element, scores, own, top) -> float:
    """Prose directly in ``element`` or in its paragraphs rather than in its containers: the
    article's own paragraphs beside ``top``, the container that holds the rest of it. In a text printed
    one div per paragraph, divs of inline content are its paragraphs: when ``top`` is one, or when
    there are a few of them beside it (one such div beside a container is a notice or a caption)."""
    loose = max(own.get(element, 0.0), 0.0)
    divided = _paragraph(top) or sum(1 for child in element if child is not top and _paragraph(child)) >= _DIV_RUN
    for child in element:
        if (child is not top and isinstance(child.tag, str)
                and (child.tag not in _WRAPPERS or (divided and _paragraph(child)))):
            loose += max(scores.get(child, 0.0), 0.0)
    return loose


def _paragraph(element) -> bool:
    """A block holding text and inline elements only: no block inside it."""
    return element.tag == "div" and not any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS for child in element)


def _first_entry(best, scores):
    """The first post where ``best`` is a run of dated posts (a blog's front page, a forum thread).

    Such a run is two or more children built alike (same tag, a class in common: a thread marks its
    opening post "atl-item host-item" beside its replies' "atl-item"), each with a few sentences and its
    own date and time, together holding most of the prose, the first of them before any other child
    with prose. The opening post may leave its stamp to the thread's header above it when two or more
    replies follow. An article split into sections is no such run: its sections do not each carry a time.
    """
    substantial = [c for c in best if isinstance(c.tag, str) and scores.get(c, 0.0) >= _ENTRY_MIN]
    if len(substantial) < 2:
        return best
    first = substantial[0]
    alike = [c for c in substantial if _kin(c, first)]
    if first.tag not in _WRAPPERS or len(alike) < 2 or sum(scores[c] for c in alike) < _DOMINANT * scores[best]:
        return best
    stamped = _has_date_and_time(first) or len(alike) >= 3
    return first if stamped and all(_has_date_and_time(c) for c in alike[1:]) else best


def _kin(element, other) -> bool:
    """Same tag and a class in common (or no class at all on either)."""
    classes = set((element.get("class") or "").split())
    other_classes = set((other.get("class") or "").split())
    return element.tag == other.tag and bool(classes & other_classes or not classes and not other_classes)


def _has_date_and_time(element) -> bool:
    return any(_TIME.search(m.group(0)) for m in _DATE_TEXT.finditer(element.text_content()))


def _has_sentences(element) -> bool:
    """Does ``element`` hold a few sentences of prose (not a search box's labels and buttons)?"""
    text = "".join(element.itertext())
    return sum(text.count(c) for c in _SENTENCE_END) >= 2


def _link_lists(body) -> list:
    """The outermost blocks at the top or the bottom of ``body`` that are mostly link text: lists of
    other articles, slide shows, "today's picks". Three links or more, more characters in links than
    outside them, and next to no prose on one side of the block (a linked table between paragraphs
    is the article's own)."""
    if next(itertools.islice(body.iter("a"), 2, None), None) is None:
        return []   # fewer than three links
    order = _walk(body)
    index = {element: i for i, (element, _) in enumerate(order)}
    end = [0] * len(order)        # one past the last descendant, in ``order``
    counts = [(0, 0, 0)] * len(order)   # characters, characters in links, links
    depth = [0] * len(order)
    for i, (element, _) in enumerate(order):
        for child in element:
            if child in index:
                depth[index[child]] = depth[i] + 1
    # (position in order, prose score) of every text run. A tail follows its element's last descendant, and
    # the tails that follow the same descendant come deepest first (inside a block before after it).
    prose: list[tuple[float, float]] = []
    for i in range(len(order) - 1, -1, -1):
        element, in_link = order[i]
        own = _visible_chars(element.text)
        chars, link_chars, links = own, own if in_link else 0, int(element.tag == "a")
        prose.append((i, max(_text_score(element.text, in_link), 0.0)))
        last = i + 1
        for child in element:
            tail = _visible_chars(child.tail)
            chars, link_chars = chars + tail, link_chars + (tail if in_link else 0)
            j = index.get(child)
            if j is not None:
                child_chars, child_link_chars, child_links = counts[j]
                chars, link_chars, links = chars + child_chars, link_chars + child_link_chars, links + child_links
                last = end[j]
            prose.append((_tail_position(last, depth[i] + 1), max(_text_score(child.tail, in_link), 0.0)))
        end[i], counts[i] = last, (chars, link_chars, links)
    prose.sort()
    positions = [at for at, _ in prose]
    cumulative = list(itertools.accumulate((score for _, score in prose), initial=0.0))
    total = cumulative[-1]
    found = []
    i = 1
    while i < len(order):
        element, in_link = order[i]
        chars, link_chars, links = counts[i]
        if (not in_link and element.tag in _LIST_BLOCKS and links >= 3 and link_chars >= _LIST_LINK_CHARS
                and link_chars > chars - link_chars):
            before = cumulative[bisect.bisect_left(positions, i)]
            after = total - cumulative[bisect.bisect_right(positions, _tail_position(end[i], depth[i] + 1))]
            if min(before, after) <= _EDGE * total and not _attachments(element, links):
                found.append(element)
                i = end[i]
                continue
        i += 1
    return found


def _tail_position(end: int, depth: int) -> float:
    """Where the tail of an element at ``depth`` ending before ``end`` in ``order`` lies: after that
    element's descendants, before the next element, and before the tails of the elements around it."""
    return end - 1 + 1 / (depth + 2)


def _attachments(element, links: int) -> bool:
    """Do most of the links in ``element`` point to files (a notice's attachments, which are content)?"""
    return 2 * sum(1 for a in element.iter("a") if _FILE_LINK.search(a.get("href") or "")) >= links


def _visible_chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def without_furniture(body, leads=()):
    """A copy of the chosen body (after copies of its lead paragraphs) without the furniture inside
    it (share boxes, related links …). A copy, so that the page's own tree, which a theme selector
    may still point into, is untouched."""
    shown = copy.deepcopy(body)
    if _hidden(shown):   # chosen although hidden: the page shows it by script (WeChat's js_content)
        shown.set("style", _HIDDEN_STYLE.sub("", shown.get("style") or ""))
    if leads:
        parts = [*(copy.deepcopy(part) for part in leads), shown]
        body = lxml.html.Element("div")
        for part in parts:
            part.tail = None
            body.append(part)
    else:
        body = shown
    for form in list(body.iter("form")):
        if _has_sentences(form):
            form.tag = "div"   # a form around the article (ASP.NET pages, CMS templates) is no search box
    # As when the body was chosen: an element named like furniture that holds half of the prose or more is
    # the article's own wrapper (gov.cn's "pages_content"), not furniture.
    order = _walk(body)
    prose = _subtree_scores(order, {element: max(score, 0.0) for element, score in _own_scores(order).items()})
    total = max(prose.get(body, 0.0), 1.0)
    for element in list(body.iter()):
        if (element is not body and isinstance(element.tag, str) and _is_furniture(element)
                and prose.get(element, 0.0) < 0.5 * total):
            element.drop_tree()  # keeps the element's tail text
    for element in _link_lists(body):
        element.drop_tree()
    return body


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
        except (ValueError, RecursionError):   # malformed, or nested past the parser's recursion limit
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


def find_title(root, body=None) -> str | None:
    """The heading that the <title> holds, else og:title and the like, else a heading opening the
    body (a blog post's, under a <title> naming the blog), else the longest part of the <title>."""
    page_title = collapse(root.findtext(".//title") or "")
    parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p]
    longest = max(parts, key=len) if parts else page_title
    headings = [collapse(h.text_content()) for tag in ("h1", "h2") for h in root.iter(tag)]
    headings = [h for h in headings if 4 <= len(h) <= 80]
    for heading in headings:  # the heading that the <title> starts with or contains is the title
        if heading and page_title and (heading in page_title or page_title.startswith(heading[:10])):
            return heading
    meta = _meta(root, _META_TITLE_KEYS)
    if meta:
        return meta
    opening = _opening_heading(body) if body is not None else None
    if opening:
        # a heading with a badge before the headline ("原创…") that the <title> prints alone
        return longest if len(longest) >= 4 and longest in opening else opening
    return longest or (headings[0] if headings else None)


def _opening_heading(body) -> str | None:
    """The text of a heading (h1–h4) that comes before any other text of ``body``."""
    walk = lxml.etree.iterwalk(body, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            if event == "start":
                walk.skip_subtree()
            elif collapse(element.tail or ""):   # text after a script, a control or a comment
                return None
            continue
        if event == "start" and element.tag in _HEADINGS:
            text = collapse(element.text_content())
            return text if 4 <= len(text) <= 80 else None
        text_before = element.text if event == "start" else (element.tail if element is not body else None)
        if collapse(text_before or ""):
            return None
    return None


@dataclass(frozen=True)
class PageText:
    """The page's visible text, gathered once for the date and author finders."""

    nodes: list           # (text, holding element), in document order
    joined: str           # the texts joined by spaces, so that a label and its value in two elements meet
    offsets: list[int]    # where each node starts in ``joined``
    linked: list[bool]    # whether each node is link text
    body_start: int | None  # index of the first node inside the chosen body (its first lead paragraph)
    body_end: int | None    # index of the last node inside it
    read: str             # ``joined`` with Traditional characters simplified one for one, where labels are read

    @classmethod
    def of(cls, root, first=None, body=None) -> "PageText":
        nodes = _text_nodes(root)
        joined, offsets = "", []
        for text, _ in nodes:
            offsets.append(len(joined))
            joined += text + " "
        in_links = {e for a in root.iter("a") for e in a.iter()}
        linked = [holder in in_links for _, holder in nodes]
        body = first if body is None else body
        start = end = None
        if first is not None:
            inside_first, inside_body = set(first.iter()), set(body.iter())
            start = next((i for i, (_, holder) in enumerate(nodes) if holder in inside_first), None)
            end = next((i for i in range(len(nodes) - 1, -1, -1) if nodes[i][1] in inside_body), None)
        return cls(nodes, joined, offsets, linked, start, end, joined.translate(SIMPLIFY))

    def node_at(self, offset: int) -> int:
        """Index of the node that holds character ``offset`` of ``joined``."""
        return bisect.bisect_right(self.offsets, offset) - 1

    def ends_node(self, offset: int) -> bool:
        """Does ``offset`` (one past a character of ``joined``) end the text of a node?"""
        index = self.node_at(offset - 1)
        return offset == self.offsets[index] + len(self.nodes[index][0])

    def all_linked(self, start: int, end: int) -> bool:
        """Is the text from ``start`` to ``end`` in ``joined`` link text from its first character to its last?"""
        while start < end and self.joined[start] == " ":
            start += 1
        return start < end and self.linked[self.node_at(start)] and self.linked[self.node_at(end - 1)]

    def article_span(self) -> tuple[int, int]:
        """Where in ``joined`` bylines are looked for: from a little above the body (the title, the
        line under it) to a little after it (the credits under the text); the whole page when no
        body was found."""
        if self.body_start is None:
            return 0, len(self.joined)
        end = self.offsets[self.body_end] + len(self.nodes[self.body_end][0])
        return max(0, self.offsets[self.body_start] - _BYLINE_ABOVE), end + _BYLINE_BELOW


def find_date(root, page: PageText, url: str = "") -> str | None:
    """The publication date as printed: meta tags and JSON-LD first (or the same day printed with
    its time by the title), then the date printed by the title (a labelled one, then one with a
    time, then any), or a labelled one just under the text; the date the page's script writes in
    where none is printed (a saved WeChat article); the day the URL names where no label says which
    date is the publication's and the printed one is another day; then the first date on the page,
    then the date the page declares it was last modified."""
    declared = _meta(root, _META_DATE_KEYS)
    if declared and declared in _generated_at(root):
        declared = None   # the moment a CMS built the page (Hanweb: PubDate = 页面生成时间), not the publication's
    if not (declared and re.search(r"\d{4}", declared)):
        declared = _ld_value(_json_ld(root), "datePublished")
    printed, vouched = _printed_date(page)
    if declared:
        if printed and not _TIME.search(declared) and _TIME.search(printed) and _day(printed) == _day(declared):
            return printed
        return declared
    in_url = url_day(url)
    if printed and vouched == _SIGNED and (scripted := _script_date(root)):
        return scripted   # a repost of a signed statement: the script's moment is the post's, the signature the text's
    if printed and (vouched or in_url is None or _day(printed) == in_url):
        return printed
    scripted = _script_date(root)
    if scripted:
        return scripted
    if in_url:
        return "-".join(in_url)
    modified = _meta(root, _META_MODIFIED_KEYS) or _ld_value(_json_ld(root), "dateModified")
    modified = modified if modified and re.search(r"\d{4}", modified) else None
    stamp = _short_stamp(page)
    if stamp:
        # 发布时间：09-30 22:46 beside a declared change on 2019-09-30: the declared date gives the year
        month_day = re.match(r"(\d{1,2})\D{1,2}(\d{1,2})", stamp)
        changed = _day(modified) if modified else None
        same_day = month_day and changed and tuple(str(int(part)) for part in month_day.groups()) == changed[1:]
        return modified if same_day else stamp
    labelled, other, plain = _dates_on(page.read)
    for found in (labelled, plain, other):
        if found:
            return found[0][1]
    return modified


# The publication moment a page's script writes into it after loading (WeChat: var ct = "1659274471"; also
# publish_time = "2022-07-31", createTime: '2022-07-31 21:34'): a saved copy prints nothing where it goes.
_SCRIPT_DATE = re.compile(
    r"""(?<![\w.$])(?P<name>ct|publish_?time|pub_?time|create_?time|publish_?date)["']?\s*[:=]\s*["']"""
    r"(?:(?P<epoch>1\d{9})|(?P<text>" + _DATE_TEXT.pattern + r"""))["']""", re.I)


def _script_date(root) -> str | None:
    """The publication date a page's inline script declares, as an ISO date in Asia/Shanghai for a
    Unix time, or None."""
    for script in root.iter("script"):
        if script.get("src") or not script.text:
            continue
        found = _SCRIPT_DATE.search(script.text)
        if found is None:
            continue
        if found.group("text"):
            return found.group("text")
        return datetime.fromtimestamp(int(found.group("epoch")), SHANGHAI).isoformat()
    return None


_SIGNED = "signed"
_GENERATED = re.compile(r"生成时间\s*:?\s*(" + _DATE_TEXT.pattern + ")")


def _generated_at(root) -> set[str]:
    """The moments a page's meta tags say it was generated (页面生成时间 2022-04-24 10:00:43)."""
    return {found.group(1) for content in root.xpath("//meta/@content") if "生成时间" in content
            for found in [_GENERATED.search(collapse(content))] if found}


def _printed_date(page: PageText) -> tuple[str | None, bool | str]:
    """The date printed where a page prints its publication date: near the title and the start of
    the text, or labelled just under the text (a notice's 发布日期 after its last line), and whether
    a label (True) or a signature (_SIGNED) vouches for it. Dates in the running text are what the
    article is about, so only the first lines' count."""
    if page.body_start is None:
        return None, False
    text = page.read
    start = page.offsets[page.body_start]
    end = page.offsets[page.body_end] + len(page.nodes[page.body_end][0])
    labelled, other, plain = _dates_on(text)

    def near(found):
        return [f for f in found if start - _DATE_ABOVE <= f[0] <= start + _DATE_BELOW_START]

    def under(found):
        return [f for f in found if end <= f[0] <= end + _BYLINE_BELOW]

    first_lines = [f for f in near(plain) if f[0] >= start]
    # a date on a short line before the text's first sentence (新頭殼newtalk2014.10.24 金名/高雄報導) stamps it
    # like one printed above it, not as a date the sentences are about
    stamps = [f for f in first_lines
              if all(_stamp_line(page.nodes[i][0]) for i in range(page.body_start, page.node_at(f[0]) + 1))]
    tiers = ((near(labelled), True), ([f for f in near(other) if f[0] < end], True), (under(labelled), True),
             ([f for f in near(plain) if _TIME.search(f[1])], False),
             ([f for f in near(plain) if f[0] < start] + stamps, False),
             (_signed(page), _SIGNED), (first_lines, False), (under(other), True))
    for candidates, said in tiers:
        if candidates:
            return min(candidates, key=lambda f: abs(f[0] - start))[1], said
    return None, False


def _stamp_line(text: str) -> bool:
    """A short line that ends no sentence: a stamp or a byline, not the text's prose."""
    return len(text) <= _HEADING_MAX and not any(c in _SENTENCE_END for c in text)


# A stamp without its year on a line of its own by the title, as news apps print one: 07-03 10:21,
# 7月3日 10:21, 3天前, 昨天 10:21 (read against the fetch time).
_SHORT_STAMP = re.compile(
    r"(?:(?:发布时间|发布于|发表于|时间)\s*:?\s*)?"
    r"((?:\d{1,2}[-/]\d{1,2}|\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}|[0-9一二三四五六七八九十两]+\s*(?:分钟|小时|天)前"
    r"|(?:今天|昨天|前天)\s*\d{1,2}:\d{2}|刚刚)")
_STAMP_LINES = 6   # lines above the text where a stamp is looked for


def _short_stamp(page: PageText) -> str | None:
    """The yearless stamp printed on a line of its own just above the text, or None."""
    if page.body_start is None:
        return None
    for index in range(page.body_start - 1, max(page.body_start - 1 - _STAMP_LINES, -1), -1):
        found = _SHORT_STAMP.fullmatch(page.nodes[index][0].strip())
        if found:
            return found.group(1)
    return None


def _signed(page: PageText) -> list[tuple[int, str]]:
    """The date a notice signs off with: a line of the text's last three that is only a date (under the
    issuing body's name), which beats the dates its first sentences are about."""
    found = []
    for index in range(max(page.body_start, page.body_end - 2), page.body_end + 1):
        line = page.nodes[index][0].strip(" ()[]【】")
        if _DATE_TEXT.fullmatch(line):
            found.append((page.offsets[index], line))
    return found


# The publication day content systems write into article URLs: /2024/07/03/, /art/2024/7/3/,
# /2024-07-03/, /20240703/, /t20240703_123.html, /202407/03/, /2024/0703/.
_URL_DAYS = (
    re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-])"),
    re.compile(r"(?:/t?|_)((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.])"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})/(\d{2})(?=/)"),
    re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})(?=/)"),
)


def url_day(url: str) -> tuple[str, str, str] | None:
    """(year, month, day) of the publication day an article's URL names, or None."""
    path = urlsplit(url).path
    for pattern in _URL_DAYS:
        for match in pattern.finditer(path):
            year, month, day = (int(part) for part in match.groups())
            try:
                date(year, month, day)
            except ValueError:
                continue
            return str(year), str(month), str(day)
    return None


def _dates_on(text: str) -> tuple[list, list, list]:
    """(position, date text) of the dates in ``text``: labelled as the publication's, labelled as
    another moment (更新时间), and unlabelled, each in page order."""
    labelled, other = [], []
    for match in _LABELLED_DATE.finditer(text):
        (other if match.group("other") else labelled).append((match.start("date"), match.group("date")))
    taken = {at for at, _ in other}
    plain = [(m.start(), m.group(0)) for m in _DATE_TEXT.finditer(text) if m.start() not in taken]
    return labelled, other, plain


def _day(date_text: str) -> tuple[str, ...] | None:
    found = re.search(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})", date_text)
    return tuple(str(int(part)) for part in found.groups()) if found else None


_NOT_NAMES = {"本报", "本网", "来源", "编辑", "记者", "作者", "通讯员", "责任编辑", "责任", "新华社", "网友", "发布", "时间",
              "日期", "图片", "摄影", "实习生", "联合", "报道", "报导", "综合", "整理", "字号", "打印", "关闭", "评论", "首页",
              "我要", "收藏", "分享", "阅读", "点击", "浏览", "访问", "相关", "文章", "专栏", "简介", "更多", "返回", "原创", "转载",
              "正文", "全文", "摘要", "提要", "导读", "导语", "前言", "序言", "按语", "内容", "附件", "目录", "声明",
              "本文", "此文", "原文", "要闻", "头条", "热点", "国内", "国际", "财经", "社会", "体育", "娱乐", "科技", "教育", "时评", "视频",
              # a section's label above the headline (焦點 on a Yahoo page)
              "焦点", "独家", "快讯", "专题", "精选", "最新", "热门", "滚动", "直播",
              # what sites print where the writer is not known
              "未知", "佚名", "匿名", "不详", "网络", "本站", "管理员", "系统",
              # buttons and labels beside a byline
              "关注", "订阅", "微信", "微博", "登录", "注册", "举报", "点赞", "转发", "赞赏", "打赏",
              # when a post was made, as some pages print it beside the byline
              "今天", "昨天", "前天", "刚刚"}
# Last characters of organisations' names (新华社, 某某网, 人民政府); a two-character name may end in any.
_ORG_SUFFIX = (*"网报社台局部会院厅站刊室府委办厂司馆所处科队团", "中心")
# A name ends where Chinese text ends, or where a credit word follows it ("王燕平报道", Traditional 報導).
_CN_NAME = (r"(?:[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,8}|(?:" + "|".join(DOUBLE_SURNAMES) + r")?[\u4e00-\u9fa5·]{2,3}(?<!摄))"
            r"(?=$|[^\u4e00-\u9fa5·A-Za-z&]|报[道导]|摄|采写|整理|编辑|记者|实习生|通讯员)")
# Names in a row; a word followed by a colon is the next label ("责任编辑:张申 关键字:"), not a name.
_TRANSLITERATED = re.compile(r"[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,8}")
_NAME_LIST = _CN_NAME + r"(?:[ 、,]+" + _CN_NAME + r"(?!\s*:)){0,5}"


def _names_into_place(ending: str) -> str:
    """Writers' names run into the place reported from, then ``ending`` (台北12日电, 台北报导): the names as the
    group; a name is three characters unless the place needs the third (王豪台北, 陈伟台东县)."""
    han = r"[\u4e00-\u9fa5]"
    return (rf"((?:{han}{{2,3}}、)*(?:{han}{{2}}(?={han}{{2}}[县市]{ending})|{han}{{2,3}}(?={han}{{2,4}}{ending})))"
            rf"{han}{{2,4}}{ending}")


# (priority, kind, pattern): lower priority is better; reporters and writers before editors,
# editors before 来源. The kind says what the group holds: names after a label (the first one
# needs no common surname), names in running text (each needs one), names in running text that
# must close their paragraph (a credit in brackets, not a name quoted in a sentence), or a name
# taken as printed (a user name, an issuing body). Writers' names followed by 摄 credit a photo.
_PHOTO = 8   # a photographer: named when no writer or editor is
_EDITOR = 6  # an editor: named when no writer is
_EDITOR_LABEL = r"(?:责任编辑|编辑|责编)\s*[:/|丨]?\s*"
_PHOTO_CREDIT = re.compile(r"\s*/?\s*[翻拍]?摄(?!影)")
_AUTHOR_PATTERNS = (
    # "作者：", "文/", "文 | ", "文丨", "【作者】", "文/图 ", "图文："
    (1, "labelled", re.compile(r"(?:作者|撰文|撰稿|执笔人?|文)\s*[:/|丨】\]—]\s*(" + _NAME_LIST + ")")),  # — is ︱ folded
    (1, "labelled", re.compile(r"(?:文\s*/\s*图|图\s*/\s*文|图文)\s*[:/|丨]?\s*(" + _NAME_LIST + ")")),
    # "文：《中国新闻周刊》新媒体主笔 城南君": the writer's publication and post between the label and the name
    (1, "labelled", re.compile(r"(?:作者|撰文|文)\s*[:/|丨]\s*《[^》]{1,20}》\s*[\u4e00-\u9fa5]{0,6}?"
                               r"(?:主笔|记者|评论员|撰稿人|专栏作者|作者)\s*(" + _NAME_LIST + ")")),
    (1, "names", re.compile(r"(?:作者|撰文|撰稿|(?<![\u4e00-\u9fa5])文)\s+(" + _NAME_LIST + ")")),  # "作者 王五"
    (1, "names", re.compile(r"(" + _CN_NAME + r")\s*(?:/\s*文|文\s*/\s*图)(?![\u4e00-\u9fa5])")),   # "王五/文", "王五 文/图"
    (1, "labelled", re.compile(r"(?:记者|实习生|通讯员|撰稿人)(?:\s*:\s*|\s+)(" + _NAME_LIST + ")")),
    # "本报评论员：…" opens an editorial's headline (the writer is the paper): a 评论员's name needs a surname
    (1, "names", re.compile(r"(?:记者|实习生|通讯员|评论员|撰稿人)(?:\s*:\s*|\s+)?(" + _NAME_LIST + ")")),
    # "金名/高雄報導": a writer and the place reported from
    (1, "names", re.compile(r"(" + _NAME_LIST + r")\s*/\s*[\u4e00-\u9fa5]{2,6}报[道导]")),
    # a news agency's dateline credits its writers: "新华社北京5月19日电(刘艺、杨吉)"
    (1, "names", re.compile(r"\d日电\s*[(]\s*(?:记者\s*)?(" + _NAME_LIST + r")\s*[)]")),
    # an agency's dateline that runs the writers into the place: "(中央社记者卢太城台东县12日电)"
    (1, "names", re.compile(r"记者" + _names_into_place(r"\d{1,2}日专?电"))),
    # a TV or paper's closing credit that runs the writers into the place: "(民视新闻陈韵平、郭文海台北报导)"
    (3, "names", re.compile(r"[(]\s*[\u4e00-\u9fa5]{0,6}?(?:(?:新闻|日报|晚报|电视台|卫视)\s*(?:记者)?|记者)\s*"
                            + _names_into_place(r"报[道导]\s*[)]"))),
    # "(记者 王五)", "(评论员 王五 李四)", "(姚峰 上海报道)", "(王五/台中報導)" after a sentence; "(刘通摄)" credits a photo
    (3, "closing", re.compile(
        r"(?:^|[。!?”])\s*[(]\s*(?:(?:记者|评论员|通讯员|特约记者)\s*)?(" + _NAME_LIST + r")(?<!摄)\s*(?:\S{2,6}报[道导])?\s*[)]")),
    # "来自: miss.S 2015-10-27 20:26:11": the poster of a group's topic, before the time it was posted
    (3, "handle", re.compile(r"来自\s*:\s*([^\s:]{2,20})\s+\d{4}-\d{1,2}-\d{1,2}")),
    # "作者 a9051338 (冰雨)": a bulletin board's poster, a user name and a nickname in brackets
    (3, "handle", re.compile(r"(?:作者|楼主|发信人)\s*:?\s*([A-Za-z][A-Za-z0-9_.-]{2,19})\s*\([^()]{1,16}\)")),
    # "由海姑娘张贴 @ 2005-06-14": the "posted by" of blog and forum software
    (3, "handle", re.compile(r"由\s*([^\s@:,.!?;。、]{2,16}?)\s*(?:张贴|发表于|发帖)")),
    (_PHOTO, "names", re.compile(r"(" + _CN_NAME + r")\s*/\s*摄")),
    # "2004年7月16日08:19 [ 黄宇 ] 来源:": a name in brackets beside the date or the 来源 label
    (5, "names", re.compile(r"(?:\d:\d{2}|\d日)\s*[\[【]\s*(" + _NAME_LIST + r")\s*[\]】]")),
    (5, "names", re.compile(r"[\[【]\s*(" + _NAME_LIST + r")\s*[\]】]\s*(?:来源|稿源|出处)")),
    # a government document's issuing body: "发文机关: 吉林省人民政府"
    (5, "handle", re.compile(r"(?:发文机关|发布机关|发文单位|发布机构|发布单位|发文部门)\s*:\s*([\u4e00-\u9fa5]{2,30})")),
    (_EDITOR, "labelled", re.compile(r"(?:责任编辑|编辑|责编|发布者|发布人)\s*[:/|丨]\s*(" + _NAME_LIST + ")")),
    # "责任编辑 王五", "（编辑 王五）": an editor without a colon, a common surname needed
    (_EDITOR, "names", re.compile(r"(?:责任编辑|责编|(?<=[(\[【])\s*编辑)\s+(" + _NAME_LIST + ")")),
    (9, "names", re.compile(r"来源\s*:\s*(" + _CN_NAME + r")(?![\u4e00-\u9fa5])")),
    # "海姑娘 发表于 2005-06-14 03:25": a user name before the date a post was made
    (10, "handle", re.compile(r"(?:^|\s)([\w\u4e00-\u9fa5.&-]{2,16})\s+发表于\s*:?\s*\d{4}")),
)
_SPACED_NAME = re.compile(r"(?<![\u4e00-\u9fa5])([\u4e00-\u9fa5])[ \u3000]([\u4e00-\u9fa5])(?![\u4e00-\u9fa5])")
_SPACED_OUT = re.compile(r"(?<![\u4e00-\u9fa5])[\u4e00-\u9fa5](?: [\u4e00-\u9fa5])+(?![\u4e00-\u9fa5])")
_BYLINE = 11  # a bare name under the title: the weakest evidence
_CONTROL_TAGS = frozenset({"label", "button", "option", "textarea", "legend"})
# Bylines are read from this many characters of page text above the body (title, date and source
# lines, a paper's abstract) to this many below it (credits and editors under the text); further
# off they belong to other articles (headline lists, sidebars, comments).
_BYLINE_ABOVE = 1500
_BYLINE_BELOW = 300
_HEADING_MAX = 40  # a title line is at most this long
# An element that the page's markup names as its byline ("author-name", "div_author", "byline"):
# the name it holds is the writer's whatever its form (a pen name, a user or account name).
_BYLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:author|byline|writer)(?:$|[\s_-]|name)", re.I)
_WRITER_PAGE = re.compile(r"author|byline|writer|columnist|zuozhe", re.I)   # a link to a writer's page
# ... unless it names the writer's other pages (a blog theme's "links-of-author": GitHub, CodePen)
_WRITER_LINKS = re.compile(r"(?:^|[\s_-])(?:links|social)(?:$|[\s_-])", re.I)
_BYLINE_ELEMENT = 2
# A link to the writer's page (rel="author", WordPress's /author/ and ?author= archives): the
# writer when the page prints no byline and no editor.
_AUTHOR_HREF = re.compile(r"\?author=[^&#]+$|/authors?/[^/?#]+/?$", re.I)
# Readers' comments: the names in them are not the writer's.
_COMMENTS = re.compile(r"(?:^|[\s_-])(?:comments?|reply|replies|discuss|tie|pinglun|gentie)(?:$|[\s_-]|\d)", re.I)
_AUTHOR_LINK = 7
# A blog named after its owner (0031的个人空间), alone as the site's name or ending a title after a separator,
# or a blog platform's title ending (…_前端小智-CSDN博客)
_BLOG_OWNED = r"(?P<owner>[^\s|_\-–—]{2,16}?)\s*的(?:个人)?(?:空间|博客|网志|小站|主页|部落格)"
_BLOG_NAME = re.compile(_BLOG_OWNED)
_BLOG_TITLE_END = re.compile(rf"(?:[|_\-–—]\s*{_BLOG_OWNED}"
                             r"|_(?P<platform_user>[^\s|_\-–—]{2,16}?)-[A-Za-z0-9]{2,8}博客)\s*$")
# Words that make a short text a label or a placeholder rather than a user or account name (a
# handle may contain other words of _NOT_NAMES: 体育教科书 is an account).
_NOT_IN_HANDLES = re.compile("作者|编辑|记者|来源|发布|时间|日期|简介|相关|推荐|更多|文章|未知|佚名|匿名|不详|网络|网友|本站|管理员")
_WRITER_LABEL = re.compile(r"^(?:作者|撰文|撰稿|文|记者|楼主|博主|发布者|发帖人|by|author)\s*[:/|丨]?\s*", re.I)
_OTHER_LABEL = re.compile(r"^(?:来源|稿源|出处|责任编辑|编辑|责编|审核|校对|发布|时间|日期|阅读|浏览|点击|评论|更新)")
# A byline element that names several roles (记者王五 通讯员李四) is read by the byline patterns, name by name.
_ROLES_INSIDE = re.compile(r".(?:记者|通讯员|实习生|撰稿|摄影|作者|编辑)")
# A writer's affiliation or title after the name: 王五（某某大学教授）
_AFFILIATION = re.compile(r"(?<=\S)\s*[(（\[【].*$")


def person_name(candidate: str) -> bool:
    """Does ``candidate`` look like a Chinese personal name (common surname, 2–4 characters, not a word)?"""
    candidate = candidate.strip().translate(SIMPLIFY)
    if not re.fullmatch(r"[\u4e00-\u9fa5·]+", candidate):
        return False
    if candidate in _NOT_NAMES or any(word in candidate for word in _NOT_NAMES) or _organisation(candidate):
        return False
    if candidate in division_names():
        return False   # 江苏, 张家口: a place printed beside the date (WeChat's IP location), not a writer
    if candidate.startswith(DOUBLE_SURNAMES):
        return 3 <= len(candidate) <= 4
    return 2 <= len(candidate) <= 3 and candidate[0] in SURNAMES


def _name_shaped(candidate: str) -> bool:
    """2–4 Chinese characters that are not a label or an organisation, or a transliterated name
    (阿卜杜拉·艾买提): a name whatever its surname."""
    if _TRANSLITERATED.fullmatch(candidate):
        return True
    candidate = candidate.translate(SIMPLIFY)
    return (bool(re.fullmatch(r"[\u4e00-\u9fa5·]{2,4}", candidate)) and candidate not in _NOT_NAMES
            and not any(word in candidate for word in _NOT_NAMES) and not _organisation(candidate)
            and candidate not in division_names())


def _organisation(candidate: str) -> bool:
    return len(candidate) >= 3 and candidate.endswith(_ORG_SUFFIX)


def _names(raw: str, handle: bool = False, labelled: bool = False) -> str | None:
    """The names at the start of ``raw``. After a label (作者:, 记者) the first name needs no common
    surname; the list ends where the words stop being names ("王建宏 张文攀 土豆…")."""
    if handle:
        return raw if raw not in _NOT_NAMES else None
    names = []
    for part in re.finditer(r"([ 、,]*)([^ 、,]+)", raw.strip()):
        # after a label the first name, and in a list the 、 enumerates (记者戴小河、印朋) every next one, may
        # have any surname
        free = labelled and not names or names and "、" in part.group(1)
        if not (free and _name_shaped(part.group(2)) or person_name(part.group(2))):
            break
        names.append(part.group(2))
    return " ".join(dict.fromkeys(names)) or None


def _text_nodes(root) -> list[tuple[str, object]]:
    """Visible text pieces in document order (NFKC, whitespace collapsed), with the element holding each:
    an element's text, then its children's, each child's tail after that child."""
    nodes: list = []
    walk = lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        if event == "start":
            if element.tag in _SKIP:   # a form's text is read: ASP.NET pages wrap the whole page in one
                walk.skip_subtree()
            else:
                _add_text(nodes, element.text, element)
        elif element is not root:   # an element's end, a comment, a processing instruction: its tail follows
            _add_text(nodes, element.tail, element.getparent())
    return nodes


def _add_text(nodes: list, text: str | None, holder) -> None:
    text = _normal_text(text)
    if text:
        nodes.append((text, holder))


def _normal_text(text: str | None) -> str:
    """NFKC, whitespace collapsed, and characters spaced out to a column's width joined again
    ("作 者：赵 培" is "作者：赵培")."""
    text = collapse(unicodedata.normalize("NFKC", text or ""))
    return _SPACED_OUT.sub(lambda m: m.group(0).replace(" ", ""), text) if " " in text else text


def _between_title_and_text(nodes, index: int) -> bool:
    """Is node ``index`` a line of its own between a heading-like line and the article's prose, where
    reposted articles print their writer whatever the name ("标题 / 茉莉 / 一九八九年四月，我…")?"""
    if not 0 < index < len(nodes) - 1:
        return False
    text, holder = nodes[index]
    if _normal_text(holder.text_content()) != text:
        return False
    heading, following = nodes[index - 1][0], nodes[index + 1][0]
    # (a headline may end in a question or an exclamation: 权威的合法性从哪里来？)
    return (len(heading) <= _HEADING_MAX and not any(c in _SENTENCE_END for c in heading.rstrip("?!"))
            and len(following) >= 20 and any(c in _PUNCTUATION for c in following))


def find_author(root, page: PageText) -> str | None:
    """The writers' names: meta tags and JSON-LD first, then the bylines and credits the page prints."""
    found = _author(root, page)
    # a two-character name spaced out to the width of three ("赵 培") is one name
    return _SPACED_NAME.sub(r"\1\2", found) if found else None


def _declared_names(declared: str, root) -> str | None:
    """The writers a meta tag or JSON-LD names, when they are people: Chinese personal names, or a
    Latin-script name that is not the site's own (sites put their name, their owner or their
    software in these tags as often as a writer)."""
    declared = _SPACED_NAME.sub(r"\1\2", collapse(unicodedata.normalize("NFKC", declared)))
    parts = [part for part in re.split(r"[;,、\s]+", declared) if part]
    if parts and all(person_name(part) for part in parts):
        return " ".join(parts)
    if (re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.' -]{1,40}", declared) and len(re.findall("[A-Za-z]", declared)) >= 2
            and not _SOFTWARE_CREDIT.search(declared) and not _WEB_ADDRESS.search(declared)
            and not _site_name(declared, root)):
        return declared
    return None


def _site_name(declared: str, root) -> bool:
    """Is ``declared`` the site's own name: in its title, or a part of the web address its copyright notice
    gives (chinanews in "www.chinanews.com,版权所有"; a blog's notice that names its owner names a writer)?"""
    name = declared.lower()
    notice = " ".join(root.xpath("//meta[@name='copyright']/@content")).lower()
    return (name in (root.findtext(".//title") or "").lower()
            or re.search(rf"(?:^|[./]){re.escape(name)}\.[a-z]", notice) is not None)


def _marked_bylines(root, page: PageText, span_start: int, span_end: int) -> list[tuple[int, int, str]]:
    """Names held by elements marked as bylines near the article, and the first link to a writer's page."""
    found = []
    # a form's label or button marked "author" (想追蹤…的最新消息?) belongs to a form, not to a byline
    marked = [e for e in root.iter() if isinstance(e.tag, str) and e.tag not in _SKIP and e.tag not in _CONTROL_TAGS
              and _BYLINE_CLASS.search(marks := f"{e.get('class', '')} {e.get('id', '')}")
              and not _WRITER_LINKS.search(marks) and not _in_comments(e)]
    if marked:
        holders = {}
        for element in marked:
            for inner in element.iter():
                holders.setdefault(inner, element)
        seen, labelled = set(), set()
        for index, (text, holder) in enumerate(page.nodes):
            element = holders.get(holder)
            if element is None or element in seen or not span_start <= page.offsets[index] < span_end:
                continue
            linked = _linked_names(element)
            if linked:
                seen.add(element)      # 英国《金融时报》 <a>迪米</a> 华盛顿，<a>戴维•邦德</a> 慕尼黑报道: the linked names
                found.append((1, page.offsets[index], linked))
                continue
            text = text.strip("[]【】()| ")
            read = text.translate(SIMPLIFY)
            if _OTHER_LABEL.match(read):
                seen.add(element)      # an editor's or a date line: the patterns read it
                continue
            label = _WRITER_LABEL.match(read)
            name = _AFFILIATION.sub("", text[label.end():] if label else text)
            desk, _, last = name.rpartition("/")
            if desk and _name_shaped(last.strip()):
                name = last.strip()    # a desk before the writer: 上報快訊/范姜佳鈺
            if _ROLES_INSIDE.search(name.translate(SIMPLIFY)):
                seen.add(element)
                continue
            if not name:
                labelled.add(element)  # "作者：" with the name in the next node
                continue
            seen.add(element)          # the name comes first (after its label) or not at all
            if _handle(name):
                # "作者：放飞&心情" is a writer's byline like any other; a bare name ranks below them
                level = 1 if element in labelled or name != text else _BYLINE_ELEMENT
                found.append((level, page.offsets[index], name))
    for link in root.iter("a"):
        if "author" in (link.get("rel") or "").lower().split() or _AUTHOR_HREF.search(link.get("href") or ""):
            name = collapse(unicodedata.normalize("NFKC", link.text_content()))
            if _handle(name):
                found.append((_AUTHOR_LINK, 0, name))
                break
    return found


def _blog_owner(root) -> str | None:
    """The owner a blog's name gives (0031的个人空间, "…_前端小智-CSDN博客"), when the page prints no byline."""
    for name in (_meta(root, ("og:site_name",)), collapse(root.findtext(".//title") or "")):
        found = name and (_BLOG_NAME.fullmatch(name) or _BLOG_TITLE_END.search(name))
        owner = found and next(group for group in found.groups() if group)
        if owner and (_handle(owner) or owner.isdigit()):   # a user name of digits only names the blog's owner too
            return owner
    return None


def _linked_names(element) -> str | None:
    """The writers a byline element names in links to their pages among other words (the outlet, the places),
    or None: each link a name, of any surname or transliterated (戴维•邦德)."""
    links = [(collapse(unicodedata.normalize("NFKC", link.text_content())), link.get("href") or "")
             for link in element.iter("a")]
    if not links or collapse(element.text_content()) == "".join(text for text, _ in links):
        return None   # nothing but links: read as any byline's text is
    # a name with a common surname, a transliterated one, or any name linked to the writer's page (迪米)
    names = [text for text, href in links
             if person_name(text) or _TRANSLITERATED.fullmatch(text.replace("•", "·"))
             or _name_shaped(text) and _WRITER_PAGE.search(href)]
    return " ".join(names) if names and len(names) == len(links) else None   # names kept as printed


def _in_comments(element) -> bool:
    return any(_COMMENTS.search(f"{e.get('class', '')} {e.get('id', '')}") for e in (element, *element.iterancestors()))


def _handle(text: str) -> bool:
    """A user, account or pen name: short, no sentence, no label, placeholder or organisation."""
    text = text.translate(SIMPLIFY)
    return (2 <= len(text) <= 20 and len(re.findall(r"[A-Za-z\u4e00-\u9fa5]", text)) >= 2
            and not re.search(r"[:。,!?;\d]{2}|[:。!?;]|https?://", text)
            and text not in _NOT_NAMES and not _NOT_IN_HANDLES.search(text) and not _organisation(text))


def _in_heading(element) -> bool:
    """Is ``element`` a heading or inside one (a title, not a byline, whatever it says)?"""
    return element.tag in _HEADINGS or any(a.tag in _HEADINGS for a in element.iterancestors())


def _author(root, page: PageText) -> str | None:
    nodes, joined, read, offsets = page.nodes, page.joined, page.read, page.offsets
    found: list[tuple[int, int, str]] = []
    for declared in (_meta(root, _META_AUTHOR_KEYS), _ld_value(_json_ld(root), "author")):
        names = _declared_names(declared, root) if declared else None
        if names:
            # many sites fill the author tag with the editor's name: where the page prints it as its
            # editor, a writer it prints comes first
            editor = re.search(_EDITOR_LABEL + re.escape(names.split()[0].translate(SIMPLIFY)), read)
            if editor is None:
                return names
            found.append((_EDITOR, editor.start(), names))
            break
    span_start, span_end = page.article_span()
    for priority, kind, pattern in _AUTHOR_PATTERNS:
        position = span_start
        while (match := pattern.search(read, position, span_end)) is not None:
            if page.all_linked(match.start(), match.end()):
                position = match.end()
                continue   # a headline in a list of links, not a byline
            labelled = kind == "labelled" and match.start(1) > 0 and read[match.start(1) - 1] in ": /|丨】]—"
            names = _names(joined[match.start(1):match.end(1)], handle=kind == "handle", labelled=labelled)
            if names and (kind != "closing" or page.ends_node(match.end())
                          and not page.all_linked(match.start(1), match.end(1))):
                photo = priority < _PHOTO and _PHOTO_CREDIT.match(read, match.end(1))
                found.append((_PHOTO if photo else priority, match.start(), names))
            # go on right after the accepted names: the next role word may follow them directly
            position = match.start(1) + (len(names) if names else 0) + 1
    found.extend(_marked_bylines(root, page, span_start, span_end))
    # A byline: a line just before the body (under the title) or opening it that is only a name.
    first = page.body_start
    if first is not None:
        for index in [*range(first - 1, max(first - 7, -1), -1), first, first + 1]:
            if not 0 <= index < len(nodes):
                continue
            text, holder = nodes[index]
            name = text.strip("[]【】()□■ ")   # "□王五": a newspaper's byline
            if (page.linked[index] or _in_heading(holder) or holder.tag in _CONTROL_TAGS
                    or index > 0 and nodes[index - 1][0].rstrip().endswith(":")):
                continue   # a link, a heading, a form's label or button, a label's value (发布于： 北京市)
            if person_name(name) or _name_shaped(name) and _between_title_and_text(nodes, index):
                found.append((_BYLINE, offsets[index], name))
                break
    if not found:
        return _blog_owner(root)
    best = min(priority for priority, _, _ in found)
    first_at = min(at for priority, at, _ in found if priority == best)
    close = [n for priority, at, names in sorted(found, key=lambda f: f[1])
             if priority == best and at - first_at <= 60 for n in names.split()]
    return " ".join(dict.fromkeys(close))


def extract(root, url: str = "") -> GenericArticle:
    """Title, author, date text and body element of the page rooted at ``root`` (an lxml document)
    found at ``url``."""
    parts = body_parts(root)
    page = PageText.of(root, parts[0], parts[-1]) if parts else PageText.of(root)
    return GenericArticle(title=find_title(root, parts[-1] if parts else None), author=find_author(root, page),
                          date_text=find_date(root, page, url),
                          body=without_furniture(parts[-1], parts[:-1]) if parts else None)
