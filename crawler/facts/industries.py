"""Industry areas an article names, by keyword (新能源 → 新能源产业), from a taxonomy data file."""

from __future__ import annotations

from functools import cache

from crawler.facts.knowledge import data_lines
from crawler.facts.model import Fact
from crawler.facts.text import dictionary_pattern


@cache
def _rules():
    keywords = {keyword: (area, group) for area, group, keyword in data_lines("industries.tsv")}
    return keywords, dictionary_pattern(keywords)


def extract_industries(text: str, folded: str, field: str) -> list[Fact]:
    """The first mention of each keyword; the area as value, its group (战略性新兴产业 or 传统产业) as qualifier."""
    keywords, pattern = _rules()
    facts, seen = [], set()
    for match in pattern.finditer(folded):
        keyword = match.group()
        if keyword in seen:
            continue
        seen.add(keyword)
        area, group = keywords[keyword]
        facts.append(Fact("industry", area, None, field, match.start(), match.end(), text[match.start():match.end()],
                          qualifier=group))
    return facts
