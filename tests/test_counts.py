"""View counts as pages print them, and garbage of any length refused rather than stored or raised on."""

import pytest

from crawler.counts import MAX_COUNT, parse_count


@pytest.mark.parametrize("text, count", [
    ("909", 909), ("12,345", 12345), ("1.2万", 12000), ("3.5w", 35000), ("2亿", 200_000_000), ("1.5k", 1500),
    ("浏览 ８８", 88), (str(MAX_COUNT), MAX_COUNT),
])
def test_counts_in_every_printed_form(text, count):
    assert parse_count(text) == count


@pytest.mark.parametrize("text", [None, "", "很多", str(MAX_COUNT + 1), "9" * 30, "9" * 400, "9" * 400 + "万",
                                  "1" + "0" * 13, "20000亿"])
def test_what_is_not_a_believable_count_is_none_never_an_error(text):
    assert parse_count(text) is None
