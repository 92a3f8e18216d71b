"""Dates: every form the theme prints, the long tail, and a property test against the theme's own renderer."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.dates import SHANGHAI, DateParser, parse_rfc822
from crawler.portals.zhongnangaoke import Zhongnangaoke
from tests.replica.site import strip_tags, time_ago

NOW = datetime(2026, 11, 26, 18, 0, 0, tzinfo=SHANGHAI)
PARSER = DateParser(Zhongnangaoke.date_units)


@pytest.mark.parametrize("raw, expected, precision", [
    ("2年前 (2022-07-05)", "2022-07-05T00:00:00+08:00", "day"),
    ("4年前 (2022-07-05)", "2022-07-05T00:00:00+08:00", "day"),
    ("3个月前 (07-05)", "2026-07-05T00:00:00+08:00", "day"),
    ("12个月前 (12-01)", "2025-12-01T00:00:00+08:00", "day"),
    ("2周前 (11-12)", "2026-11-12T00:00:00+08:00", "day"),
    ("4周前 (12-30)", "2025-12-30T00:00:00+08:00", "day"),
    ("3天前", "2026-11-23T18:00:00+08:00", "approximate"),
    ("5小时前", "2026-11-26T13:00:00+08:00", "approximate"),
    ("10分钟前", "2026-11-26T17:50:00+08:00", "approximate"),
    ("30秒前", "2026-11-26T17:59:30+08:00", "approximate"),
    ("刚刚", "2026-11-26T18:00:00+08:00", "approximate"),
    ("2022-07-05", "2022-07-05T00:00:00+08:00", "day"),
    ("2022-07-05 10:21", "2022-07-05T10:21:00+08:00", "minute"),
    ("2022-07-05 10:21:33", "2022-07-05T10:21:33+08:00", "second"),
    ("2022年07月05日", "2022-07-05T00:00:00+08:00", "day"),
    ("2022年07月05日 10:21", "2022-07-05T10:21:00+08:00", "minute"),
    ("2022年07月05日 10:21:33", "2022-07-05T10:21:33+08:00", "second"),
    ("2022年07月05日 10：21", "2022-07-05T10:21:00+08:00", "minute"),   # full-width colon
    ("July 5, 2022", "2022-07-05T00:00:00+08:00", "day"),               # tpure 6.x "F j, Y"
    ("05 Jul 2022", "2022-07-05T00:00:00+08:00", "day"),                # tpure 6.x "d M Y"
    ("三天前", "2026-11-23T18:00:00+08:00", "approximate"),
    ("昨天 10:20", "2026-11-25T10:20:00+08:00", "minute"),
    ("发布时间：2021-1-29 13:18 来源：新华网", "2021-01-29T13:18:00+08:00", "minute"),
])
def test_printed_forms(raw, expected, precision):
    parsed = PARSER.parse(raw, NOW)
    assert (parsed.iso, parsed.precision, parsed.raw) == (expected, precision, raw)


@pytest.mark.parametrize("raw", ["", "garbage", "未知", "2030-01-01", "13-45", "2026-11-26 23:59"])
def test_unreadable_or_future_dates_are_none_not_guesses(raw):
    parsed = PARSER.parse(raw, NOW)
    assert parsed.at is None and parsed.precision is None and parsed.raw == raw


def test_month_day_on_the_crawl_day_but_later_is_last_year():
    assert PARSER.parse("11-26 19:00", NOW).iso == "2025-11-26T19:00:00+08:00"


def test_leap_day_without_year_goes_to_the_last_leap_year():
    assert PARSER.parse("3个月前 (02-29)", NOW).iso == "2024-02-29T00:00:00+08:00"


def test_feed_pubdate():
    assert parse_rfc822("Tue, 05 Jul 2022 10:21:33 +0800").isoformat() == "2022-07-05T10:21:33+08:00"
    assert parse_rfc822("Tue, 05 Jul 2022 02:21:33 GMT").isoformat() == "2022-07-05T10:21:33+08:00"
    assert parse_rfc822("not a date") is None


HALF_UNIT = {"天": 43200, "小时": 1800, "分钟": 30, "秒": 1}


@settings(max_examples=400, deadline=None)
@given(
    posted=st.datetimes(min_value=datetime(2016, 12, 1), max_value=datetime(2026, 11, 26)),
    elapsed=st.one_of(
        st.integers(min_value=0, max_value=120),
        st.integers(min_value=0, max_value=7 * 86400),
        st.integers(min_value=0, max_value=10 * 365 * 86400),
    ),
)
def test_any_rendered_date_parses_back_to_the_right_day(posted, elapsed):
    posted = posted.replace(microsecond=0, tzinfo=SHANGHAI)
    now = posted + timedelta(seconds=elapsed)
    printed = strip_tags(time_ago(posted, now))
    parsed = PARSER.parse(printed, now)
    assert parsed.at is not None, printed
    assert parsed.at <= now
    if "(" in printed:  # an absolute date: the calendar day, and the year, exactly
        assert parsed.at.date() == posted.date(), printed
    elif printed == "刚刚":
        assert parsed.at == now
    else:  # N天前 … N秒前: right within half a unit, as the theme rounds
        unit = next(u for u in HALF_UNIT if printed.endswith(u + "前"))
        assert abs((parsed.at - posted).total_seconds()) <= HALF_UNIT[unit], printed


ABSURD = ("99999999999999999999天前", "9999999999年前", "1" * 5000 + "秒前", "Fri, 31 Dec 9999 23:59:59 -1200",
          "9999-12-31 23:59:59", "0000-00-00", "十万八千年前", "\x00\ud800", "2022-02-30", "13/45/2022")


@pytest.mark.parametrize("raw", ABSURD)
def test_absurd_dates_are_unparsed_never_an_exception(raw):
    parsed = DateParser(Zhongnangaoke.date_units).parse(raw, NOW)
    assert parsed.at is None and parsed.precision is None and parsed.raw == raw.strip()
    assert parse_rfc822(raw) is None


@settings(max_examples=300, deadline=None)
@given(raw=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("0123456789年月日天前周:- ()"), max_size=40),
       now=st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(9998, 1, 1)))
def test_the_date_parser_never_raises(raw, now):
    parsed = DateParser().parse(raw, now.replace(tzinfo=SHANGHAI))
    assert parsed.at is None or parsed.at <= now.replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize("raw, expected, precision", [
    ("7/5/2022", "2022-07-05T00:00:00+08:00", "day"),                       # month first: 5 July, not 7 May
    ("12/31/2021 11:05:09 PM", "2021-12-31T23:05:09+08:00", "second"),
    ("1/2/2020 12:30 AM", "2020-01-02T00:30:00+08:00", "minute"),
    ("13/1/2020", None, None),                                               # no 13th month
])
def test_us_dates_read_month_first(raw, expected, precision):
    parsed = PARSER.parse(raw, NOW)
    assert (parsed.iso, parsed.precision) == (expected, precision)


@pytest.mark.parametrize("raw, expected", [
    ("2022-02-06T12:48:06+00:00", "2022-02-06T20:48:06+08:00"),     # UTC noon is evening in Shanghai
    ("2022-02-06T20:30:00Z", "2022-02-07T04:30:00+08:00"),          # past midnight here: the next day
    ("2022-02-06T12:48:06+0800", "2022-02-06T12:48:06+08:00"),
    ("2022-02-06T12:48-05:00", "2022-02-07T01:48:00+08:00"),
])
def test_iso_dates_with_an_offset_are_converted_not_read_as_local_time(raw, expected):
    assert PARSER.parse(raw, NOW).iso == expected
