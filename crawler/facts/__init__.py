"""Facts in 招商 news: project counts by stage, investment amounts, provinces and cities, development
zones and industries, each with the exact span it came from (``extract``), and the data set's shape
of them (``to_schema``)."""

from __future__ import annotations

from crawler.facts.counts import extract_counts
from crawler.facts.money import extract_money
from crawler.facts.places import extract_places
from crawler.facts.zones import extract_zones, zone_suffixes
from crawler.facts.industries import extract_industries
from crawler.facts.model import FIELDS, KINDS, Fact
from crawler.facts.schema import to_schema
from crawler.facts.text import Squeezed, fold

# Bump when a rule or a data file changes what is extracted: stored facts record it, and
# ``python -m crawler.facts --db`` recomputes them.
EXTRACTOR_VERSION = "7"

EXTRACTORS = (extract_counts, extract_money, extract_zones, extract_industries)

__all__ = ["EXTRACTOR_VERSION", "FIELDS", "KINDS", "Fact", "extract", "to_schema"]


def extract(title: str, body_text: str) -> list[Fact]:
    """Every fact in the title and the body, in text order, each value once per article and kind."""
    facts: list[Fact] = []
    for field, text in (("title", title or ""), ("body_text", body_text or "")):
        folded = fold(text)
        squeezed = Squeezed.of(text, folded)
        if squeezed is not None:
            text, folded = squeezed.text, squeezed.folded
        found: list[Fact] = []
        for extractor in EXTRACTORS:
            found.extend(extractor(text, folded, field))
        found.extend(extract_places(text, folded, field, zone_suffixes()))
        if squeezed is not None:
            for fact in found:
                fact.start, fact.end = squeezed.restore(fact.start, fact.end)
                fact.span = squeezed.original[fact.start:fact.end]
        facts.extend(found)
    return _first_of_each(facts)


def _first_of_each(facts: list[Fact]) -> list[Fact]:
    seen: set = set()
    kept = []
    for fact in facts:
        key = (fact.kind, fact.value, fact.unit, fact.stage, fact.flags)
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept
