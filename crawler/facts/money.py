"""Investment amounts normalised to 亿元: 总投资247.98亿元, 签约资金125.5亿元, 5000万元 = 0.5, 1.8万亿元 = 18000."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from crawler.facts.knowledge import grouped
from crawler.facts.model import Fact
from crawler.facts.numerals import NUMBER_PATTERN, NUMBER_TOKEN, parse_number
from crawler.facts.text import alternation, dictionary_pattern, respective_lists, start_after

CLAUSE_MARKS = "。!?;\n,:"   # the enumeration comma 、 does not end an amount's clause
KEYWORD_REACH = 14           # a keyword further back than this stays out of the span
CNY = "CNY"


@cache
def _rules():
    table = grouped("money.tsv")
    scales = {word: Decimal(factor) for word, factor in table["scale"]}
    currencies = {word: code for word, code in table["currency"]}
    amount = re.compile(
        rf"(?P<number>{NUMBER_TOKEN})(?P<approx>余|多)?(?:个)?\s?(?P<scale>{alternation(scales)})"
        rf"(?P<currency>{alternation(currencies)})?")
    ranges = alternation(w for (w,) in table["range"])
    keywords = {word: "investment" for (word,) in table["investment"]}
    keywords.update({word: "not" for (word,) in table["not"]})
    return {
        "scales": scales, "currencies": currencies, "amount_re": amount,
        "keywords": keywords, "keyword_re": dictionary_pattern(keywords),
        "after_re": re.compile(rf"(?:{alternation(w for (w,) in table['investment_after'])})"),
        "other_unit_re": re.compile(rf"(?:{alternation(w for (w,) in table['other_unit'])})"),
        "before": {word: flag for word, flag in table["before"]},
        "before_re": re.compile(rf"(?:{alternation(w for w, _ in table['before'])})$"),
        "after_flags": {word: flag for word, flag in table["after"]},
        "after_flag_re": re.compile(rf"(?:{alternation(w for w, _ in table['after'])})"),
        "threshold_re": re.compile(rf"(?:{alternation(w for (w,) in table['threshold'])})"
                                   rf"(?:{alternation(w for (w,) in table['class'])})"),
        "range_before_re": re.compile(rf"{NUMBER_PATTERN}(?:{alternation(scales)})?(?:{alternation(currencies)})?"
                                      rf"\s?(?:{ranges})\s?$"),
        "range_after_re": re.compile(rf"(?:{ranges})\s?{NUMBER_PATTERN}"),
    }


def extract_money(text: str, folded: str, field: str) -> list[Fact]:
    rules = _rules()
    given, silent = _respective_heads(rules, folded)
    facts = []
    for match in rules["amount_re"].finditer(folded):
        start, end = match.span()
        currency = match.group("currency")
        if currency is None and _unit_follows(folded, end):
            continue  # 14.71亿千瓦时, 10万吨: a number of something else
        number = parse_number(match.group("number"))
        if number is None or any(begin <= start < finish for begin, finish in silent):
            continue  # 分别增长15亿元: a change, no amount
        clause_start = start_after(folded, start, CLAUSE_MARKS)
        keyword = _nearest_keyword(rules, folded, clause_start, start)
        after = rules["after_re"].match(folded, end)
        head = given.get(start)
        if head is not None:
            # 项目总投资和年产值分别为50亿元和120亿元: the value's own head decides, not the nearest keyword
            keyword, after = head, None
        if keyword is None and after is None or keyword is not None and keyword[2] == "not":
            continue
        flags = []
        code = rules["currencies"].get(currency, CNY) if currency else CNY
        if code != CNY:
            flags.append("foreign_currency")
        before = rules["before_re"].search(folded, max(clause_start, start - 3), start)
        if before and keyword and keyword[1] > before.start():
            before = None  # the 约 of 签约 belongs to the keyword
        if before:
            flags.append(rules["before"][before.group()])
        if match.group("approx"):
            flags.append("approximate")
        trailing = rules["after_flag_re"].match(folded, end)
        if rules["threshold_re"].match(folded, end):
            flags.append("threshold")
        elif trailing:
            flags.append(rules["after_flags"][trailing.group()])
            end = trailing.end()
        if (rules["range_before_re"].search(folded, max(0, start - 12), start)
                or rules["range_after_re"].match(folded, end)):
            flags.append("range")
        span_start = keyword[0] if keyword and (head or start - keyword[0] <= KEYWORD_REACH) else start
        if after and keyword is None:
            end = after.end()
        value = float(round(number * rules["scales"][match.group("scale")], 6))
        unit = "亿元" if code == CNY else "亿" + currency
        facts.append(Fact("investment", value, unit, field, span_start, end, text[span_start:end],
                          flags=tuple(dict.fromkeys(flags))))
    return facts


def _respective_heads(rules, folded: str) -> tuple[dict, list]:
    """For each amount given respectively whose head holds a keyword, that keyword (as _nearest_keyword gives
    it, its start moved to where the list begins, so that the span runs from the heads to the amount); a head
    without one takes the last head's (一期和二期投资分别为5亿元和3亿元), and with none at all the amount is read
    as any other. Also the ranges after 分别 that hold shares or changes."""
    given, silent = {}, []
    for listed in respective_lists(folded):
        if listed.silent:
            silent.append((listed.start, listed.end))
            continue
        last = _nearest_keyword(rules, folded, *listed.heads[-1])
        for (head_start, head_end), (number_start, *_) in zip(listed.heads, listed.values):
            keyword = _nearest_keyword(rules, folded, head_start, head_end) or last
            if keyword is not None:
                given[number_start] = (listed.start, keyword[1], keyword[2])
    return given, silent


def _unit_follows(folded: str, end: int) -> bool:
    """After a bare 亿/万: a unit of something other than money (千瓦时, 吨, 平方米; data/money.tsv other_unit).
    Any other word after it (一期投资3亿元, 用于…) leaves the amount an amount."""
    return bool(_rules()["other_unit_re"].match(folded, end))


def _nearest_keyword(rules, folded: str, clause_start: int, start: int):
    """The keyword nearest before the amount in its clause, as (start, end, 'investment' or 'not')."""
    found = None
    for match in rules["keyword_re"].finditer(folded, clause_start, start):
        found = (match.start(), match.end(), rules["keywords"][match.group()])
    return found
