"""Facts in the shape of the zh-investment-facts data set's SCHEMA.md (plus a few extra keys)."""

from __future__ import annotations

from crawler.facts.model import Fact

# Flags that make a candidate no fact of the data set's kind (a class of projects, a range, money
# in another currency, or a number that is only a bound).
NOT_COUNTED = {"project_count": {"approximate"}, "investment": {"threshold", "range", "foreign_currency"}}


def to_schema(facts: list[Fact]) -> dict:
    """project_counts, investments, provinces, cities and zones as SCHEMA.md has them; extra keys:
    places (with codes), zone_parts, industries and flagged (candidates kept but not counted)."""
    shaped: dict = {"project_counts": [], "investments": [], "provinces": [], "cities": [], "zones": [],
                    "places": [], "industries": [], "flagged": []}
    seen: set = set()
    for fact in facts:
        if set(fact.flags) & NOT_COUNTED.get(fact.kind, set()):
            shaped["flagged"].append({"kind": fact.kind, "value": fact.value, "unit": fact.unit,
                                      "span": fact.span, "flags": list(fact.flags)})
            continue
        if fact.kind == "project_count":
            key = ("count", fact.stage, fact.value)
            entry = {"stage": fact.stage, "count": fact.value, "span": fact.span}
            target = "project_counts"
        elif fact.kind == "investment":
            key = ("investment", round(fact.value, 4))
            entry = {"amount_yi_yuan": fact.value, "span": fact.span}
            if fact.flags:
                entry["flags"] = list(fact.flags)
            target = "investments"
        elif fact.kind in ("province", "city"):
            key = (fact.kind, fact.value)
            if key not in seen:
                shaped["places"].append({"name": fact.value, "code": fact.code, "level": fact.kind})
            entry, target = fact.value, ("provinces" if fact.kind == "province" else "cities")
        elif fact.kind == "zone":
            key = ("zone", fact.value)
            entry, target = fact.value, "zones"
        else:
            key = ("industry", fact.value, fact.span)
            entry, target = {"area": fact.value, "keyword": fact.span, "group": fact.qualifier}, "industries"
        if key in seen:
            continue
        seen.add(key)
        shaped[target].append(entry)
    return shaped
