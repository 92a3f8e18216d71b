"""Numbers as Chinese news prints them: 321, 1,200, 1.8, 五, 十二, 一百零五点六, 两千三百, 5千, 1.5千, 3千5百."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_UNITS)
# A regex fragment for one number: Arabic (thousands commas, decimals) or Chinese (with 点 decimals).
NUMBER_PATTERN = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
                  rf"|[{CHINESE_NUMERAL_CHARS}]+(?:点[{''.join(CHINESE_DIGITS)}]+)?)")
# The same numbers, loosely, led by one character class: a regex that starts with a class lets
# Python's engine skip quickly to where a number can start. parse_number() rejects what is malformed.
# It starts where a run of digits starts: retried inside a long run that no unit follows, it would
# make every search quadratic in the run's length.
NUMBER_TOKEN = (rf"(?<![0-9{CHINESE_NUMERAL_CHARS}])[0-9{CHINESE_NUMERAL_CHARS}](?:[0-9{CHINESE_NUMERAL_CHARS}]"
                rf"|[.,](?=\d)|点(?=[{''.join(CHINESE_DIGITS)}]))*")


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
# Arabic figures with Chinese units, as in 总投资5千万元 and 8百万元: one figure and one unit (1.5千), or single
# digits each before its unit (3千5百) that read as the Chinese numeral they stand for.
_ARABIC_TIMES_UNIT = re.compile(rf"(?P<figure>\d+(?:\.\d+)?)(?P<unit>[{''.join(CHINESE_UNITS)}])")
_DIGIT_PER_UNIT = re.compile(rf"(?:\d[{''.join(CHINESE_UNITS)}])+\d?")
_AS_CHINESE = str.maketrans("0123456789", "零一二三四五六七八九")


# No count or amount anyone prints comes near this: a longer numeral is garbage (and past SQLite's
# integers, or Decimal's default precision once scaled to 亿元).
MAX_VALUE = Decimal(10) ** 15


def parse_number(text: str) -> Decimal | None:
    """The value of one captured numeral, or None when it is not a well-formed number or past MAX_VALUE.

    Only the numeral itself is converted, never the text around it (so 三个一批 stays an idiom).
    """
    value = _parse_number(text)
    return value if value is not None and value < MAX_VALUE else None


def _parse_number(text: str) -> Decimal | None:
    if "," in text:
        if not _THOUSANDS.fullmatch(text):
            return None  # 10,20 is two numbers
        text = text.replace(",", "")
    if not text:
        return None
    if text[0].isdigit():
        if _ARABIC.fullmatch(text):
            try:
                return Decimal(text)
            except InvalidOperation:
                return None
        mixed = _ARABIC_TIMES_UNIT.fullmatch(text)
        if mixed:
            return Decimal(mixed.group("figure")) * CHINESE_UNITS[mixed.group("unit")]
        if _DIGIT_PER_UNIT.fullmatch(text):
            return _parse_number(text.translate(_AS_CHINESE))
        return None
    whole, _, fraction = text.partition("点")
    value = _chinese_integer(whole)
    if value is None:
        return None
    if fraction:
        digits = [CHINESE_DIGITS.get(char) for char in fraction]
        if None in digits:
            return None
        return Decimal(f"{value}.{''.join(map(str, digits))}")
    return Decimal(value)


def _chinese_integer(text: str) -> int | None:
    """一百零五 → 105, 十二 → 12, 两千三 → 2300; None for what is not one numeral (百 alone, 三五)."""
    if all(char in CHINESE_DIGITS for char in text):
        if len(text) > 1 and text[0] in "一二两三四五六七八九" and "〇" not in text and "零" not in text:
            return None  # 三五 (three or five) is an estimate, not a number
        return int("".join(str(CHINESE_DIGITS[char]) for char in text))  # 二〇二二, a lone digit
    total, digit, last_unit, zero_seen = 0, None, None, False
    for char in text:
        if char in CHINESE_DIGITS:
            if digit is not None:
                return None
            if CHINESE_DIGITS[char] == 0:
                zero_seen = True
            else:
                digit = CHINESE_DIGITS[char]
            continue
        unit = CHINESE_UNITS[char]
        if last_unit is not None and unit >= last_unit:
            return None
        if digit is None:
            if unit != 10 or last_unit is not None:
                return None
            digit = 1  # 十二 = 12
        total += digit * unit
        digit, last_unit, zero_seen = None, unit, False
    if digit is not None:
        # 两千三 = 2300: a digit right after a unit above ten counts in the next unit down
        total += digit * (last_unit // 10 if last_unit and last_unit > 10 and not zero_seen else 1)
    return total
