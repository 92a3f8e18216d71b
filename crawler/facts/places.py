"""Provinces and prefecture-level cities named in a text, by official full name and 6-digit code."""

from __future__ import annotations

import re
from functools import cache

from crawler.facts.knowledge import data_lines, grouped, words
from crawler.facts.model import Fact
from crawler.facts.text import dictionary_pattern

NOT_A_PLACE = None
# a short name that is mostly an ordinary word: a place only before a zone's suffix (海东工业园区)
ZONE_ONLY = "zone only"
HAN = re.compile(r"[\u4e00-\u9fff]")


@cache
def divisions() -> dict[str, tuple[str, str]]:
    """Official name → (code, level) for every province-level unit and prefecture-level division."""
    return {name: (code, level) for code, name, level, _ in data_lines("divisions.tsv")}


@cache
def division_names() -> frozenset[str]:
    """Every official and short name of those divisions (晋中市, 晋中)."""
    return frozenset(name for _, official, _, shorts in data_lines("divisions.tsv")
                     for name in (official, *filter(None, shorts.split(","))))


@cache
def _rules():
    needs_suffix = set(words("place_words.tsv", "needs_suffix"))
    names: dict[str, tuple | None] = {}
    for code, name, level, shorts in data_lines("divisions.tsv"):
        names[name] = (name, code, level, False)
        for short in filter(None, shorts.split(",")):
            if short in needs_suffix:
                names.setdefault(short, (name, code, level, ZONE_ONLY))
                continue
            if level == "city" and not name.endswith("市") and not short.endswith("州"):
                names.setdefault(short + "市", NOT_A_PLACE)  # 大理市, 和田市: the county-level city, not the prefecture
            # the first unit to claim a short name keeps it: provinces come first (吉林, 海南 are provinces)
            names.setdefault(short, (name, code, level, True))
    for alias, official in grouped("place_words.tsv").get("alias", []):
        code, level = divisions()[official]
        names[alias] = (official, code, level, True)
    for word in words("place_words.tsv", "not_place"):
        names.setdefault(word, NOT_A_PLACE)
    words_before = [word for word in words("place_words.tsv", "word_before") if word not in names]
    ambiguous = {}
    for short in words("place_words.tsv", "city_when_ambiguous"):
        city = next(name for name, (code, level) in divisions().items() if level == "city" and name[:-1] == short)
        ambiguous[short] = (city, divisions()[city][0], "city")
    terrain_end, direction = set(words("place_words.tsv", "terrain_end")), set(words("place_words.tsv", "direction"))
    return {
        "names": names,
        "sides": {short for short, entry in names.items() if entry is not NOT_A_PLACE and entry[3]
                  and len(short) == 2 and short[0] in terrain_end and short[1] in direction},
        "side_words": tuple(words("place_words.tsv", "side")),
        "pattern": dictionary_pattern(names),
        # Words before a name are looked for only where a name is found: in the pattern, their many common first
        # characters (投资, 集中, 招商) would have it try a match at every other character of a text.
        "words_before": frozenset(words_before),
        "word_length": max(map(len, words_before)),
        "names_and_words": dictionary_pattern([*names, *words_before]),
        "not_after": tuple(words("place_words.tsv", "not_after")),
        "still_place_after": tuple(words("place_words.tsv", "still_place_after")),
        "ambiguous": ambiguous,
    }


def extract_places(text: str, folded: str, field: str, zone_suffixes: tuple[str, ...] = ()) -> list[Fact]:
    rules = _rules()
    facts = []
    position = 0
    while (match := rules["pattern"].search(folded, position)) is not None:
        read_from, position = position, match.end()
        entry = rules["names"][match.group()]
        if entry is NOT_A_PLACE:
            continue
        word_end = _word_before(rules, folded, read_from, match.start())
        if word_end is not None:
            position = word_end  # 美丽|江西: the word takes 丽江's first character; 江西 is read after it
            continue
        name, code, level, is_short = entry
        if (is_short is ZONE_ONLY and not folded.startswith(zone_suffixes, match.end())
                and not _enumerated(rules, folded, match.start(), match.end())):
            position = match.start() + 1
            continue  # 白银, 来宾, 海东 are words; before a zone's suffix (海东工业园区, 白银高新区) or in a list
            # of places (济南、泰安、日照、德州) the city
        if is_short:
            if folded.startswith(rules["not_after"], match.end()) and not folded.startswith(
                    rules["still_place_after"], match.end()):
                continue  # 朝阳区, 长沙县, 南京路: a place of another level or a street of that name
            if match.group() in rules["sides"] and _is_side(rules, folded, match.start(), match.end()):
                continue  # 贺兰山东麓, 渭河南岸: the side of a mountain or river, no province
            if match.group() in rules["ambiguous"] and folded.startswith(zone_suffixes, match.end()):
                name, code, level = rules["ambiguous"][match.group()]
        facts.append(Fact(level, name, None, field, match.start(), match.end(), text[match.start():match.end()],
                          code=code))
    return facts


def _enumerated(rules, folded: str, start: int, end: int) -> bool:
    """Is the name at ``start:end`` an item of a list of places, a place's name on either side across a 、
    (济南、泰安、日照), or across a figure and a comma (铁岭88个,朝阳115个,盘锦85个)?"""
    after = LIST_SEPARATOR.match(folded, end)
    if after and _a_place(rules, rules["pattern"].match(folded, after.end())):
        return True
    before = LIST_SEPARATOR_BEFORE.search(folded, max(0, start - 12), start)
    if before is None:
        return False
    return any(_a_place(rules, rules["pattern"].fullmatch(folded, before.start() - length, before.start()))
               for length in range(2, 6) if before.start() - length >= 0)


# between two items of a list of places: a 、, or a figure and a 、 or a comma
_ITEM_FIGURE = r"\d+(?:\.\d+)?[个项家亿万元]*"
LIST_SEPARATOR = re.compile(rf"(?:{_ITEM_FIGURE})?、|{_ITEM_FIGURE},")
LIST_SEPARATOR_BEFORE = re.compile(rf"(?:(?:{_ITEM_FIGURE})?、|{_ITEM_FIGURE},)$")


def _a_place(rules, match) -> bool:
    """A match of the names' pattern that is a place's name whatever follows (not a word, not 海东)."""
    entry = rules["names"][match.group()] if match else NOT_A_PLACE
    return entry is not NOT_A_PLACE and entry[3] is not ZONE_ONLY


def _is_side(rules, folded: str, start: int, end: int) -> bool:
    """A feature's last character and a direction, after the rest of its name and before a side word."""
    return (start > 0 and HAN.match(folded, start - 1) is not None and folded.startswith(rules["side_words"], end)
            and not folded.startswith(rules["still_place_after"], end))


def _word_before(rules, folded: str, read_from: int, start: int) -> int | None:
    """The end of a common word that begins before the name at ``start`` and takes its first character
    (形成|都市圈, 郑重|庆祝), read leftmost-longest among names and words from ``read_from`` on, as if the words
    were in the pattern: a word ending where that word begins keeps the name (在建|成都). None when there is none."""
    reach = rules["word_length"] - 1
    begins = range(max(read_from, start - reach), start)
    if not any(folded[begin:start + 1] in rules["words_before"] for begin in begins):
        return None
    # read up to the name's first character only: what reaches it is a word that takes it
    for match in rules["names_and_words"].finditer(folded, max(read_from, start - 2 * reach), start + 1):
        if match.end() > start:
            return match.end()
    return None
