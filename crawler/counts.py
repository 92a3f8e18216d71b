"""Counts as Chinese pages print them: 909, 12,345, 1.2万, 3.5w, 2亿."""

import re
import unicodedata

_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|w|W|亿|k|K)?")
_MULTIPLIERS = {None: 1, "万": 10_000, "w": 10_000, "W": 10_000, "亿": 100_000_000, "k": 1_000, "K": 1_000}
# Larger values are taken as garbage rather than stored (SQLite integers are 64-bit).
MAX_COUNT = 10**12


def parse_count(text: str | None) -> int | None:
    if not text:
        return None
    match = _COUNT.search(unicodedata.normalize("NFKC", text).replace(",", ""))
    if not match:
        return None
    number, unit = match.groups()
    if len(number.split(".")[0]) > len(str(MAX_COUNT)):   # garbage, and past float's range it cannot be rounded
        return None
    value = round(float(number) * _MULTIPLIERS[unit])
    return value if value <= MAX_COUNT else None
