"""A fact found in an article: what it is, its normalised value, and the exact span it came from."""

from __future__ import annotations

from dataclasses import dataclass, fields

KINDS = ("project_count", "investment", "province", "city", "zone", "industry")
FIELDS = ("title", "body_text")


@dataclass(slots=True)
class Fact:
    kind: str                   # one of KINDS
    value: int | float | str    # count, 亿 of the currency, official full name, zone name, industry area
    unit: str | None            # '个', '亿元', '亿美元' … for money in another currency; None for names
    field: str                  # 'title' or 'body_text'
    start: int                  # character offsets into that field: span == text[start:end]
    end: int
    span: str
    stage: str | None = None    # project counts: 签约, 开工, … or 其他
    code: str | None = None     # places: 6-digit administrative code
    qualifier: str | None = None  # zones: the bracketed part (晋中片区); industries: the area's group
    flags: tuple[str, ...] = ()   # approximate, bound, threshold, range, foreign_currency

    def as_dict(self) -> dict:
        # every field is a plain value: no need for dataclasses.asdict's deep copy (a tenth of extraction)
        row = {name: getattr(self, name) for name in _FIELD_NAMES}
        row["flags"] = list(self.flags)
        return row


_FIELD_NAMES = tuple(field.name for field in fields(Fact))
