"""Development zones and parks named in a text (宝鸡高新区, 山西综改示范区(晋中片区)), as written."""

from __future__ import annotations

import re
from functools import cache

from crawler.facts.knowledge import grouped, words
from crawler.facts.model import Fact
from crawler.facts.numerals import CHINESE_NUMERAL_CHARS
from crawler.facts.places import division_names
from crawler.facts.text import MAX_REACH, alternation, dictionary_pattern

MAX_NAME = 14       # characters of a name before its suffix
MAX_PART = 10       # characters inside a bracketed part
MIN_NAME_BEFORE_STOP = 4   # name characters before a stop word that ends a name (城乡融合|发展|试验区)
NAME_CHARS = re.compile(r"[\u4e00-\u9fff·\-]")
CHINESE_NUMERAL_LEAD = re.compile(rf"[{CHINESE_NUMERAL_CHARS}]+")
INNER_BRACKET = re.compile(r"\([\u4e00-\u9fff]{2,4}\)$")
PROJECT_AFTER = re.compile(r"(?:建设)?(?:[一二三四五六七八九]期|项目)")
ENUMERATION_END = re.compile(r"等[^,;:。!?\n]{0,10}项目")
CLAUSE_MARK = re.compile(r"[,;:。!?\n]")    # the enumeration comma 、 does not end the clause of a list


@cache
def _rules():
    table = grouped("zones.tsv")
    suffixes = {suffix: kind for suffix, kind in table["suffix"]}
    stops = words("zones.tsv", "stop")
    places = division_names() | set(words("zones.tsv", "place_name"))
    return {
        "suffixes": suffixes,
        "suffix_re": dictionary_pattern(suffixes),
        # a noun holding a stop word is read first and cuts nothing (现代服务业集聚区)
        "stop_re": re.compile(f"(?P<noun>{alternation(words('zones.tsv', 'noun'))})|(?:{alternation(stops)})"),
        "noun_re": re.compile(alternation(words("zones.tsv", "noun"))),
        "place_re": dictionary_pattern(places),
        "in_names": frozenset(words("zones.tsv", "in_name")),
        "designations": tuple(words("zones.tsv", "designation")),
        "classifiers": "".join(words("zones.tsv", "classifier")),
        "offices": tuple(words("zones.tsv", "office")),
        "generic_re": re.compile(f"(?:{alternation(words('zones.tsv', 'generic'))})+"),
        "one_generic_re": re.compile(f"(?:{alternation(words('zones.tsv', 'generic'))})"),
        "part_re": re.compile(rf"\(([\u4e00-\u9fff]{{1,{MAX_PART}}}(?:{'|'.join(words('zones.tsv', 'part'))}))\)"),
    }


@cache
def zone_suffixes() -> tuple[str, ...]:
    return tuple(_rules()["suffixes"])


def extract_zones(text: str, folded: str, field: str) -> list[Fact]:
    rules = _rules()
    facts = []
    previous_end = 0
    for match in rules["suffix_re"].finditer(folded):
        suffix_start, end = match.span()
        start = _name_start(rules, folded, max(previous_end, suffix_start - MAX_NAME), suffix_start)
        kind = rules["suffixes"][match.group()]
        if start is None or kind == "none":
            continue
        if kind == "park" and _is_project(folded, end):
            continue
        if folded.startswith(rules["offices"], end):
            continue
        value = text[start:end]
        qualifier = None
        part = rules["part_re"].match(folded, end)
        if part:
            qualifier, end = text[part.start(1):part.end(1)], part.end()
        facts.append(Fact("zone", value, None, field, start, end, text[start:end], qualifier=qualifier))
        previous_end = end
    return facts


def _name_start(rules, folded: str, limit: int, suffix_start: int) -> int | None:
    """Start of the name before a suffix: back over name characters, after the last stop word,
    past leading generic words; None when no name is left (全省开发区, 3个集聚区, 开发区)."""
    start = suffix_start
    while start > limit:
        if NAME_CHARS.match(folded, start - 1):
            start -= 1
        elif (bracket := INNER_BRACKET.search(folded, max(limit, start - 6), start)) is not None:
            start = bracket.start()  # 中国(山东)自由贸易试验区: a bracketed place inside the name
        else:
            break
    stops = [stop for stop in rules["stop_re"].finditer(folded, start, suffix_start)
             if not stop.group("noun") and not _in_place_name(rules, folded, start, suffix_start, stop)]
    if (stops and stops[-1].end() == suffix_start and folded[stops[-1].start():suffix_start] in rules["in_names"]
            and folded.startswith(rules["designations"], suffix_start)):
        # a word of designations' names right before the suffix, after a name of its own, is part of it
        # (长三角生态绿色一体化发展示范区, 城乡融合发展试验区); after a verb or nothing, it is not (大力发展高新区)
        before = stops[-2].end() if len(stops) > 1 else start
        if stops[-1].start() - before >= MIN_NAME_BEFORE_STOP:
            stops.pop()
    if stops:
        start = stops[-1].end()
    # A number before the name: digits end the walk back (3个集聚区), Chinese numerals are name characters
    # and lead it (五大产业园区).
    after_digits = start > 0 and folded[start - 1].isdigit()
    lead = CHINESE_NUMERAL_LEAD.match(folded, start, suffix_start)
    if after_digits or lead:
        after = lead.end() if lead else start
        if folded[after] in rules["classifiers"] and (after_digits or _only_generic(rules, folded, after + 1,
                                                                                  suffix_start)):
            return None  # 3个民营企业总部集聚区, 五大产业园区: a class of zones, no name (五家渠 is a name)
        if folded[after] in "年月日号":
            start = after + 1  # 25日聊城经济技术开发区
    # generic words open no name, one after another, unless a place's name or a noun begins there (新乡高新区,
    # 本溪高新区, 新能源示范区)
    while ((generic := rules["one_generic_re"].match(folded, start, suffix_start))
           and not rules["place_re"].match(folded, start, suffix_start)
           and not rules["noun_re"].match(folded, start, suffix_start)):
        start = generic.end()
    if folded.startswith("(", start):
        start = folded.index(")", start) + 1  # a bracket opens no name
    while start < suffix_start and folded[start] in "·-":
        start += 1   # nor does a separator after another zone (赣江新区·南昌经开区)
    if suffix_start - start < 2:
        return None
    return start


def _in_place_name(rules, folded: str, start: int, end: int, stop: re.Match) -> bool:
    """A stop word that begins or lies inside a place's name (和田, 从化, 将乐, 呼和浩特, 无为) ends no zone's name,
    unless another place's name begins right after it (漳州经开区和龙岩经开区: 和 is the conjunction)."""
    if rules["place_re"].match(folded, stop.end(), end):
        return False
    return any(place.start() <= stop.start() and stop.end() <= place.end()
               for place in rules["place_re"].finditer(folded, start, end))


def _only_generic(rules, folded: str, start: int, end: int) -> bool:
    return start == end or rules["generic_re"].fullmatch(folded, start, end) is not None


def _is_project(folded: str, end: int) -> bool:
    """A park named as a project: 产业园项目, 产业园建设项目, 产业园二期, or listed in …产业园、…等项目."""
    if PROJECT_AFTER.match(folded, end):
        return True
    limit = min(len(folded), end + MAX_REACH)
    clause_end = CLAUSE_MARK.search(folded, end, limit)
    return bool(ENUMERATION_END.search(folded, end, clause_end.start() if clause_end else limit))
