"""Date rules at their edges: the relative units of a site that declares none, and when a date read again
replaces the stored one."""

import time
from datetime import datetime, timedelta, timezone

import pytest

from crawler.dates import DAY, SHANGHAI, DateParser, keeps_stored_date, precision_rank, shanghai_now
from crawler.portals.zhongnangaoke import Zhongnangaoke

NOW = datetime(2026, 11, 26, 18, 0, 0, tzinfo=SHANGHAI)
PARSER = DateParser(Zhongnangaoke.date_units)


@pytest.mark.parametrize("raw, seconds", [
    ("2年前", 2 * 365 * DAY),
    ("3个月前", 3 * 30 * DAY),
    ("3月前", 3 * 30 * DAY),
    ("2周前", 2 * 7 * DAY),
    ("2星期前", 2 * 7 * DAY),
    ("5天前", 5 * DAY),
    ("5日前", 5 * DAY),
    ("3小时前", 3 * 3600),
    ("3个小时前", 3 * 3600),
    ("10分钟前", 10 * 60),
    ("10分前", 10 * 60),
    ("30秒前", 30),
])
def test_a_site_without_its_own_units_reads_each_relative_unit_by_the_calendar(raw, seconds):
    """Any Z-BlogPHP site (crawler.portals.zblog) is read with the default units: a year of 365 days."""
    parsed = DateParser().parse(raw, NOW)
    assert (parsed.at, parsed.precision) == (NOW - timedelta(seconds=seconds), "approximate")


def test_precisions_rank_from_second_down_to_no_date():
    ranks = [precision_rank(p) for p in ("second", "minute", "day", "approximate", None)]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == 5 and ranks[-1] == 0


DAY_DATE = "2022-07-05T00:00:00+08:00"
OTHER = "2022-07-06T10:21:00+08:00"


@pytest.mark.parametrize("stored_precision, new_precision, kept", [
    ("day", "approximate", True),      # "3天前" read again months later
    ("day", "day", True),              # as precise, not more: the first reading stays
    ("approximate", "approximate", True),
    ("second", "second", True),
    ("day", "minute", False),          # strictly more precise: replaces
    ("minute", "second", False),
    ("approximate", "day", False),
])
def test_a_stored_date_gives_way_only_to_a_strictly_more_precise_one(stored_precision, new_precision, kept):
    assert keeps_stored_date(DAY_DATE, stored_precision, OTHER, new_precision) is kept


def test_no_stored_date_takes_whatever_is_read_and_nothing_read_keeps_the_stored_one():
    assert keeps_stored_date(None, None, OTHER, "approximate") is False
    assert keeps_stored_date(DAY_DATE, "approximate", None, "second") is True   # a precision without a date


def test_the_crawl_clock_is_shanghai_time_now():
    now = shanghai_now()
    assert now.utcoffset() == timedelta(hours=8) and abs(now.timestamp() - time.time()) < 60


@pytest.mark.parametrize("now", [datetime(2026, 11, 26, 18, 0, 0),                       # naive: Shanghai time
                                 datetime(2026, 11, 26, 10, 0, 0, tzinfo=timezone.utc)])   # aware: converted
def test_a_fetch_time_without_a_zone_is_shanghai_time_and_one_with_a_zone_is_converted(now):
    parsed = DateParser().parse("3天前", now)
    assert parsed.at == NOW - timedelta(days=3) and parsed.at.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("raw, days", [("十天前", 10), ("十二天前", 12), ("二十天前", 20), ("二十三天前", 23),
                                       ("二〇天前", 20)])      # digit by digit
def test_chinese_numerals_in_relative_dates(raw, days):
    assert DateParser().parse(raw, NOW).at == NOW - timedelta(days=days)


@pytest.mark.parametrize("raw, expected", [
    ("二〇二四年七月三日", "2024-07-03"),           # as official documents sign off
    ("二○二四年十二月二十六日", "2024-12-26"),      # ○ for 〇, tens and units
    ("二零一九年十月三十一日", "2019-10-31"),
    ("发布日期： 二〇二四年 七月 三日", "2024-07-03"),
    ("一八九九年十二月三十一日", None),             # before 1900
    ("二〇二四年十三月三日", None),                 # no thirteenth month
    ("二〇二四年二月三十日", None),
    ("二〇二四年七月三十二日", None),
])
def test_dates_in_chinese_numerals(raw, expected):
    parsed = DateParser().parse(raw, NOW)
    assert (parsed.at.date().isoformat() if parsed.at else None) == expected
    assert parsed.precision == ("day" if expected else None)


@pytest.mark.parametrize("raw, expected", [
    ("1900-01-01", "1900-01-01"),
    ("1899-12-31", None),                      # before 1900: not a publication year
    ("July 5, 1970", "1970-07-05"),            # the long tail: from 1970 on
    ("December 31, 1969", None),
])
def test_the_earliest_years_read(raw, expected):
    parsed = DateParser().parse(raw, NOW)
    assert (parsed.at.date().isoformat() if parsed.at else None) == expected


def test_the_latest_year_read_is_2200():
    far = datetime(2300, 1, 1, tzinfo=SHANGHAI)
    assert DateParser().parse("2200-12-31", far).iso == "2200-12-31T00:00:00+08:00"
    assert DateParser().parse("2201-01-01", far).at is None


def test_a_us_date_with_a_24_hour_time():
    assert DateParser().parse("7/5/2022 13:05", NOW).iso == "2022-07-05T13:05:00+08:00"


@pytest.mark.parametrize("raw, expected", [("发表时间：7/5/2005 9:23:57 PM", "2005-07-05T21:23:57+08:00"),
                                           ("7/5/2005 12:10 AM | 阅读 12", "2005-07-05T00:10:00+08:00"),
                                           ("Posted 7/5/2005 12:10 PM by 茉莉", "2005-07-05T12:10:00+08:00")])
def test_a_us_date_with_a_12_hour_time(raw, expected):
    """ASP.NET pages print 7/5/2005 9:23:57 PM."""
    assert DateParser().parse(raw, NOW).iso == expected


def test_a_date_printed_at_the_very_minute_of_the_fetch_is_that_day():
    assert PARSER.parse("11-26 18:00", NOW).iso == "2026-11-26T18:00:00+08:00"
    today = PARSER.parse("今天 18:00", NOW)
    assert (today.iso, today.precision) == ("2026-11-26T18:00:00+08:00", "minute")
    assert PARSER.parse("今天 18:01", NOW).at is None          # later today: in the future


@pytest.mark.parametrize("raw, expected", [("昨天", "2026-11-25T00:00:00+08:00"), ("前天", "2026-11-24T00:00:00+08:00"),
                                           ("今天", "2026-11-26T00:00:00+08:00")])
def test_a_named_day_without_a_time_is_that_day(raw, expected):
    parsed = PARSER.parse(raw, NOW)
    assert (parsed.iso, parsed.precision) == (expected, "day")


def test_a_relative_unit_the_portal_lacks_is_read_by_the_long_tail():
    """The tpure units have no 星期: dateparser reads 2星期前 instead of our relative rule."""
    parsed = PARSER.parse("2星期前", NOW)
    assert (parsed.at, parsed.precision) == (NOW - timedelta(days=14), "approximate")


@pytest.mark.parametrize("raw", ["2星期前", "今天 25:61", "第3期"])
def test_words_the_portals_units_lack_bad_times_and_numbered_words_never_raise(raw):
    """The tpure units have no 星期, a named day may carry an impossible time, a title may hold a number:
    each is read by the long tail or left unread, never an exception."""
    parsed = PARSER.parse(raw, NOW)
    assert parsed.at is None or parsed.at <= NOW


def test_the_long_tail_is_tried_on_up_to_80_characters():
    assert PARSER.parse("July 5, 2022" + "." * 68, NOW).iso == "2022-07-05T00:00:00+08:00"    # 80 characters
    assert PARSER.parse("July 5, 2022" + "." * 69, NOW).at is None                          # 81


def test_the_last_day_of_a_month_without_its_year():
    parsed = PARSER.parse("3个月前 (08-31)", NOW)
    assert (parsed.iso, parsed.precision) == ("2026-08-31T00:00:00+08:00", "day")


@pytest.mark.parametrize("raw, expected, precision", [
    ("2022-07-05 10:30 +0200", "2022-07-05T16:30:00+08:00", "minute"),     # an explicit offset is converted
    ("2022-07-05 10:30:00 GMT+0800", "2022-07-05T10:30:00+08:00", "second"),
    ("July 5, 2022 10:30", "2022-07-05T10:30:00+08:00", "minute"),         # the long tail: a time is not a day
    ("今天 25:61", None, None),                                              # no such time: unread, not "today"
])
def test_long_tail_dates_keep_their_offset_and_their_time(raw, expected, precision):
    parsed = DateParser().parse(raw, datetime(2026, 11, 26, 18, tzinfo=SHANGHAI))
    assert (parsed.iso, parsed.precision) == (expected, precision)
