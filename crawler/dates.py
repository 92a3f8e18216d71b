"""Publication dates: Chinese absolute and relative forms to aware datetimes in Asia/Shanghai.

The forms that Chinese news pages print are parsed here by hand, because dateparser gets them
wrong (it reads "2年前 (2022-07-05)" as two years before the crawl and "07-05" as 2007-05).
dateparser only handles the long tail. A result is never later than the crawl time and never a
silent guess: what cannot be read gives ``at=None`` and keeps the raw text.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from crawler.cleaning import nfkc

SHANGHAI = ZoneInfo("Asia/Shanghai")

DAY = 86400
# Seconds per relative unit. Sites differ on what a "year" or a "month" is (some themes count 360 and
# 30 days), so a portal module may pass its own table.
DEFAULT_UNITS = {
    "年": 365 * DAY,
    "个月": 30 * DAY,
    "月": 30 * DAY,
    "周": 7 * DAY,
    "星期": 7 * DAY,
    "天": DAY,
    "日": DAY,
    "小时": 3600,
    "个小时": 3600,
    "分钟": 60,
    "分": 60,
    "秒": 1,
}

# From the most to the least precise; a stored date is replaced only by a strictly more precise one.
PRECISIONS = ("second", "minute", "day", "approximate")
_RANK = {precision: len(PRECISIONS) - index for index, precision in enumerate(PRECISIONS)}


def precision_rank(precision: str | None) -> int:
    """Higher for more precise dates; 0 for no date."""
    return _RANK.get(precision, 0)


def keeps_stored_date(stored_at: str | None, stored_precision: str | None,
                      new_at: str | None, new_precision: str | None) -> bool:
    """Whether a stored publication date stays when a page is read again: unless the new reading is
    strictly more precise (a relative "3天前" re-read months later must not replace the day it gave)."""
    return bool(stored_at) and precision_rank(new_precision if new_at else None) <= precision_rank(stored_precision)


@dataclass(frozen=True)
class PublishedDate:
    at: datetime | None          # aware, Asia/Shanghai
    precision: str | None        # one of PRECISIONS, None when unparsed
    raw: str

    @property
    def iso(self) -> str | None:
        return self.at.isoformat(timespec="seconds") if self.at else None


_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}

# ISO 8601 with a UTC offset (meta tags, JSON-LD): 2022-02-06T12:48:06+00:00, …Z. Converted, not read as local time.
_ISO_WITH_OFFSET = re.compile(
    r"(?<!\d)(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|(?:GMT|UTC)?[+-]\d{2}:?\d{2})(?![\d:])")
_FULL_DATE = re.compile(
    r"(?<!\d)(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?)?"
)
# A date in Chinese numerals, as official documents sign off: 二〇二四年七月三日 (○ and 零 stand for 〇 too).
_CN_YEAR_DIGITS = "〇○零一二三四五六七八九"
_CHINESE_DATE = re.compile(
    rf"(?<![{_CN_YEAR_DIGITS}十])([{_CN_YEAR_DIGITS}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月"
    rf"\s*([一二三四五六七八九十]{{1,3}})\s*日")
# Month/day/year, as en-US pages print it (ASP.NET's default): 9/17/2004 5:54:13 AM.
_US_DATE = re.compile(
    r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
_MONTH_DAY = re.compile(
    r"(?<![\d.:/-])(\d{1,2})\s*(?:[-/]|月)\s*(\d{1,2})(?![\d:/-])\s*日?"
    r"(?:\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?)?"
)
_RELATIVE = re.compile(r"([0-9零〇一二两三四五六七八九十百]+)\s*(个小时|小时|个月|分钟|星期|年|月|周|天|日|分|秒)\s*(?:之)?前")
_NAMED_DAY = re.compile(r"(今天|昨天|前天)\s*(?:(\d{1,2})\s*[:：]\s*(\d{2}))?")
_JUST_NOW = re.compile(r"^(刚刚|刚才)$")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(:\d{2})?(?!\d)")


def shanghai_now() -> datetime:
    return datetime.now(SHANGHAI)


def as_shanghai(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=SHANGHAI)
    return moment.astimezone(SHANGHAI)


def _cn_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if "百" in token:
        return None
    if token == "十":
        return 10
    if "十" in token:
        tens, _, ones = token.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for ch in token:
        if ch not in _CN_DIGITS:
            return None
        value = value * 10 + _CN_DIGITS[ch]
    return value


def _build(year: int, month: int, day: int, hour=None, minute=None, second=None) -> tuple[datetime, str] | None:
    try:
        if hour is None:
            return datetime(year, month, day, tzinfo=SHANGHAI), "day"
        if second is None:
            return datetime(year, month, day, int(hour), int(minute), tzinfo=SHANGHAI), "minute"
        return datetime(year, month, day, int(hour), int(minute), int(second), tzinfo=SHANGHAI), "second"
    except ValueError:
        return None


def parse_iso_with_offset(text: str) -> tuple[datetime, str] | None:
    """An ISO 8601 moment with its offset, in Asia/Shanghai (12:48 at +00:00 is 20:48 here)."""
    match = _ISO_WITH_OFFSET.search(text)
    if not match:
        return None
    day, time, offset = match.groups()
    offset = offset.removeprefix("GMT").removeprefix("UTC")
    offset = "+00:00" if offset == "Z" else (offset if ":" in offset else f"{offset[:3]}:{offset[3:]}")
    try:
        moment = datetime.fromisoformat(f"{day}T{time}{offset}")
    except ValueError:
        return None
    return as_shanghai(moment), "second" if time.count(":") == 2 else "minute"


def parse_full_date(text: str) -> tuple[datetime, str] | None:
    """A date with its year, e.g. 2022-07-05, 2022年07月05日 10:21, 2022/7/5 10:21:33."""
    match = _FULL_DATE.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    if not 1900 <= int(year) <= 2200:
        return None
    return _build(int(year), int(month), int(day), hour, minute, second)


def parse_chinese_date(text: str) -> tuple[datetime, str] | None:
    """A date written in Chinese numerals, 二〇二四年七月三日 or 二○二四年十二月二十六日."""
    match = _CHINESE_DATE.search(text)
    if not match:
        return None
    year, month, day = (_cn_number(part) for part in match.groups())
    if year is None or month is None or day is None or not 1900 <= year <= 2200:
        return None
    return _build(year, month, day)


def parse_us_date(text: str) -> tuple[datetime, str] | None:
    match = _US_DATE.search(text)
    if not match:
        return None
    month, day, year, hour, minute, second, meridiem = match.groups()
    if hour is not None and meridiem:
        hour = int(hour) % 12 + (12 if meridiem.lower() == "pm" else 0)
    return _build(int(year), int(month), int(day), hour, minute, second)


def parse_month_day(text: str, now: datetime) -> tuple[datetime, str] | None:
    """A date printed without its year, e.g. (07-05) or 7月5日: the latest such moment not after now."""
    match = _MONTH_DAY.search(text)
    if not match:
        return None
    month, day, hour, minute, second = match.groups()
    month, day = int(month), int(day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    for year in range(now.year, now.year - 9, -1):  # nine years reach past any 02-29 gap
        built = _build(year, month, day, hour, minute, second)
        if built and built[0] <= now:
            return built
    return None


def parse_relative(text: str, now: datetime, units: dict[str, int] = DEFAULT_UNITS) -> tuple[datetime, str] | None:
    """N年前 / N个月前 / N周前 / N天前 / N小时前 / N分钟前 / N秒前 / 刚刚 / 昨天 10:20."""
    if _JUST_NOW.match(text):
        return now, "approximate"
    match = _RELATIVE.search(text)
    if match:
        count = _cn_number(match.group(1))
        unit = units.get(match.group(2))
        if count is None or unit is None:
            return None
        return now - timedelta(seconds=count * unit), "approximate"
    match = _NAMED_DAY.search(text)
    if match:
        back = {"今天": 0, "昨天": 1, "前天": 2}[match.group(1)]
        day = (now - timedelta(days=back)).date()
        if match.group(2):
            return _build(day.year, day.month, day.day, match.group(2), match.group(3))  # later today: refused by parse
        return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI), "day"
    return None


def parse_rfc822(text: str) -> datetime | None:
    """An RSS pubDate such as 'Tue, 05 Jul 2022 10:21:33 +0800', in Asia/Shanghai."""
    try:
        parsed = email.utils.parsedate_to_datetime(text.strip())
        return as_shanghai(parsed) if parsed is not None else None
    except (TypeError, ValueError, IndexError, OverflowError):  # year 9999 at an odd offset overflows
        return None


class DateParser:
    """Parses printed publication dates; build one per crawl (dateparser's parser is costly to make)."""

    def __init__(self, units: dict[str, int] | None = None):
        self.units = units or DEFAULT_UNITS
        self._long_tail = None

    def parse(self, raw: str | None, now: datetime) -> PublishedDate:
        """Parse ``raw`` as printed at ``now`` (the page's fetch time). Absolute forms beat relative words.
        Never raises: text that cannot be read (or gives a date out of range) is unparsed."""
        raw = (raw or "").strip() if isinstance(raw, str) else ""
        if not raw:
            return PublishedDate(None, None, raw)
        try:
            now = as_shanghai(now)
            text = nfkc(raw)
            for attempt in (parse_iso_with_offset(text), parse_full_date(text), parse_chinese_date(text),
                            parse_us_date(text),
                            parse_month_day(text, now),
                            parse_relative(text, now, self.units)):
                if attempt:
                    return self._not_after(attempt, now, raw)
            return self._not_after(self._dateparser(text, now), now, raw)
        except Exception:  # "99999999999年前", dates past year 9999 …: whatever the text, unparsed, never a crash
            return PublishedDate(None, None, raw)

    @staticmethod
    def _not_after(found, now: datetime, raw: str) -> PublishedDate:
        if not found or found[0] > now:
            return PublishedDate(None, None, raw)
        return PublishedDate(found[0], found[1], raw)

    def _dateparser(self, text: str, now: datetime):
        # Purely numeric text is either one of the forms above or garbage ("13-45" is not 1945-11-13);
        # 今天/昨天/前天 with a time are ours: when their time is impossible (25:61) they stay unread.
        if len(text) > 80 or not re.search(r"\d", text) or re.fullmatch(r"[\d\s:/.\-]+", text) or _NAMED_DAY.search(text):
            return None
        if self._long_tail is None:
            from dateparser.date import DateDataParser

            self._long_tail = DateDataParser(
                languages=["zh", "en"],
                settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False},
            )
        # dateparser shifts results by the offset of an aware base, so the base is naive Shanghai time.
        self._long_tail._settings.RELATIVE_BASE = now.replace(tzinfo=None)  # noqa: SLF001
        try:
            data = self._long_tail.get_date_data(text)
        except Exception:  # dateparser raises assorted errors on odd input
            return None
        if not data or not data.date_obj or data.date_obj.year < 1970:
            return None
        precision = {"time": "minute", "day": "day"}.get(data.period, "approximate")
        if precision == "day" and _CLOCK.search(text):   # a printed time: as precise as the time is
            precision = "second" if _CLOCK.search(text).group(1) else "minute"
        return data.date_obj.replace(tzinfo=SHANGHAI), precision
