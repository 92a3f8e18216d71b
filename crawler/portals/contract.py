"""The portal contract: what a portal module provides to the crawl, the pipelines and re-extraction.

A portal is one site (or one kind of site) described as data and small methods: its identity, how its
URLs map to article and category ids, how its listings, pagination and feed are read, its article
parsers (one per period of the site's markup, each valid until a date), the date units its theme
prints, and its boilerplate rules. The machinery (spiders, pipelines, storage, reparse) calls only
what ``Portal`` declares. docs/architecture.md has the checklist for adding one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable, Mapping, Protocol, Sequence, runtime_checkable

from parsel import Selector

from crawler.cleaning import Rule


@dataclass(frozen=True)
class ListingEntry:
    """One article as a listing page shows it, as printed (parsed by the crawl, one entry at a time)."""

    url: str                  # absolute article URL
    views_text: str = ""      # the count as printed, e.g. "909" or "1.2万"
    date_text: str = ""       # the date as printed, e.g. "2年前 (2022-07-05)"
    sticky: bool = False      # pinned to the top of every first page, whatever its date


@dataclass(frozen=True)
class FeedEntry:
    url: str
    pub_date: str             # RFC 822, as the feed prints it


@dataclass
class ArticleFields:
    """What an article parser reads from a page. ``body`` is the lxml element of the article body."""

    title: str | None = None
    author: str | None = None
    category: str | None = None                 # the article's own (leaf) category name
    category_ids: tuple[int, ...] = ()          # its category and the parents the page names
    tags: list[str] = field(default_factory=list)
    views_text: str | None = None
    published_raw: str | None = None
    body: object | None = None


@runtime_checkable
class ArticleParser(Protocol):
    """One period of a site's article markup."""

    name: str                 # e.g. "tpure-5"; its test fixture is tests/fixtures/parsers/<portal>/<name>.html

    def recognises(self, root) -> bool:
        """Whether ``root`` (an lxml document) is an article page of this markup."""

    def parse(self, root, url: str) -> ArticleFields:
        """The article's fields; a missing field is None (or empty), never an exception."""

    def lists_articles(self, root) -> bool:
        """Whether ``root`` is one of this markup's listing pages (front, category, tag page) and not an
        article page: served at an article's URL, it is never read as that article."""


@dataclass(frozen=True)
class ParserVersion:
    parser: ArticleParser
    valid_until: date | None = None   # the last day pages had this markup; None for the current one


class ParserVersions:
    """A portal's article parsers in time order, as Fundus keeps them: the crawl uses the current one,
    re-extraction of a stored page the one valid on the day it was fetched."""

    def __init__(self, *versions: ParserVersion):
        if not versions or versions[-1].valid_until is not None:
            raise ValueError("the last parser version is the current one (valid_until=None)")
        bounds = [v.valid_until for v in versions[:-1]]
        if any(b is None for b in bounds) or bounds != sorted(bounds):
            raise ValueError("parser versions must be in date order, each with its valid_until")
        self.versions = tuple(versions)

    @property
    def current(self) -> ArticleParser:
        return self.versions[-1].parser

    def at(self, moment: datetime | date) -> ArticleParser:
        day = moment.date() if isinstance(moment, datetime) else moment
        for version in self.versions:
            if version.valid_until is None or day <= version.valid_until:
                return version.parser
        return self.current

    def __iter__(self):
        return iter(v.parser for v in self.versions)


@runtime_checkable
class Portal(Protocol):
    """What every portal provides. URLs passed in are absolute; ``base_url`` has no trailing slash."""

    name: str                          # the spider's name and the ``portal`` column of every row
    default_base_url: str
    parsers: ParserVersions
    date_units: Mapping[str, int]      # seconds per relative unit the theme prints (N年前 …)
    rules: Sequence[Rule]              # boilerplate rules for article bodies, in order
    expects_theme: bool                # pages its parsers miss mean a redesign (template drift is judged)

    # URLs and ids
    def home_url(self, base_url: str) -> str: ...
    def feed_url(self, base_url: str) -> str: ...
    def article_url(self, base_url: str, post_id: int) -> str: ...
    def category_url(self, base_url: str, category_id: int) -> str: ...
    def post_id(self, url: str) -> int | None:
        """The article id in ``url``, or None when it is not an article URL (or the id is out of range)."""
    def category_id(self, url: str) -> int | None: ...
    def learn(self, links: Iterable[str]) -> None:
        """Adapt to the site's own links (a portal whose URL forms vary by site learns them; others ignore it)."""

    # Listing pages, given as a parsel Selector and the page's URL
    def category_ids(self, page: Selector, url: str) -> list[int]: ...
    def listing_entries(self, page: Selector, url: str) -> list[ListingEntry]: ...
    def next_listing_page(self, page: Selector, url: str) -> str | None: ...
    def feed_entries(self, xml: str) -> list[FeedEntry]: ...


# SQLite's largest integer: an id beyond it cannot be stored, so it is not an id.
MAX_ID = 2**63 - 1


def parse_id(digits: str | None) -> int | None:
    """A positive id from its digits, or None when it is empty, zero or beyond SQLite's integer range."""
    if not digits or len(digits) > 19 or not digits.isdigit():
        return None
    value = int(digits)
    return value if 1 <= value <= MAX_ID else None
