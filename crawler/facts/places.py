"""Provinces and prefecture-level cities named in a text, by official full name and 6-digit code."""

from __future__ import annotations

import re
from functools import cache

from crawler.facts.knowledge import data_lines, grouped, words
from crawler.facts.model import Fact
from crawler.facts.text import dictionary_pattern

NOT_A_PLACE = None
HAN = re.compile(r"[\u4e00-\u9fff]")


@cache
def divisions() -> dict[str, tuple[str, str]]:
    """Official name → (code, level) for every province-level unit and prefecture-level division."""
    return {name: (code, level) for code, name, level, _ in data_lines("divisions.tsv")}


@cache
def _rules():
    needs_suffix = set(words("place_words.tsv", "needs_suffix"))
    names: dict[str, tuple | None] = {}
    for code, name, level, shorts in data_lines("divisions.tsv"):
        names[name] = (name, code, level, False)
        for short in filter(None, shorts.split(",")):
            if short in needs_suffix:
                continue
            if level == "city" and not name.endswith("市") and not short.endswith("州"):
                names.setdefault(short + "市", NOT_A_PLACE)  # 大理市, 和田市: the county-level city, not the prefecture
            # the first unit to claim a short name keeps it: provinces come first (吉林, 海南 are provinces)
            names.setdefault(short, (name, code, level, True))
    for alias, official in grouped("place_words.tsv").get("alias", []):
        code, level = divisions()[official]
        names[alias] = (official, code, level, True)
    for word in words("place_words.tsv", "not_place") + words("place_words.tsv", "word_before"):
        names.setdefault(word, NOT_A_PLACE)
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
        "not_after": tuple(words("place_words.tsv", "not_after")),
        "still_place_after": tuple(words("place_words.tsv", "still_place_after")),
        "ambiguous": ambiguous,
    }


def extract_places(text: str, folded: str, field: str, zone_suffixes: tuple[str, ...] = ()) -> list[Fact]:
    rules = _rules()
    facts = []
    for match in rules["pattern"].finditer(folded):
        entry = rules["names"][match.group()]
        if entry is NOT_A_PLACE:
            continue
        name, code, level, is_short = entry
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


def _is_side(rules, folded: str, start: int, end: int) -> bool:
    """A feature's last character and a direction, after the rest of its name and before a side word."""
    return (start > 0 and HAN.match(folded, start - 1) is not None and folded.startswith(rules["side_words"], end)
            and not folded.startswith(rules["still_place_after"], end))
