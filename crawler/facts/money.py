"""Investment amounts normalised to 亿元: 总投资247.98亿元, 签约资金125.5亿元, 5000万元 = 0.5, 1.8万亿元 = 18000."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from crawler.facts.knowledge import grouped
from crawler.facts.model import Fact
from crawler.facts.numerals import CHINESE_NUMERAL_CHARS, NUMBER_PATTERN, NUMBER_TOKEN, parse_number
from crawler.facts.text import MAX_REACH, SENTENCE_END, alternation, dictionary_pattern, respective_lists, start_after

CLAUSE_MARKS = "。!?;\n,:"   # the enumeration comma 、 does not end an amount's clause
PHRASE_MARKS = CLAUSE_MARKS + "、"
BREAKDOWN = "其中"
KEYWORD_REACH = 14           # a keyword further back than this stays out of the span
CNY = "CNY"
FOREIGN = "FOREIGN"
# What may stand before a currency_family ending in a currency's name: up to four characters, none of them
# a numeral or the 多/余 of 5亿多元 (打造千亿元, 5亿多元 are 人民币).
CURRENCY_NAME = rf"(?:(?![{CHINESE_NUMERAL_CHARS}万亿多余])[\u4e00-\u9fff]){{1,4}}?"


@cache
def _rules():
    table = grouped("money.tsv")
    scales = {word: Decimal(factor) for word, factor in table["scale"]}
    currencies = {word: code for word, code in table["currency"]}
    family = alternation(w for (w,) in table["currency_family"])
    amount = re.compile(
        rf"(?P<number>{NUMBER_TOKEN})(?P<approx>余|多)?(?:个)?\s?(?P<scale>{alternation(scales)})"
        rf"(?:\s?(?P<currency>{alternation(currencies)}|{CURRENCY_NAME}(?:{family})))?")
    ranges = alternation(w for (w,) in table["range"])
    keywords = {word: "investment" for (word,) in table["investment"]}
    keywords.update({word: "not" for (word,) in table["not"]})
    keywords.update({word: "amount" for (word,) in table["amount"]})
    breaks: dict[str, list[str]] = {}
    for word, follower in table["loose_break"]:
        breaks.setdefault(word, []).append(follower)
    before_figure = alternation(w for w, _ in table["before"])
    owners = [w for (w,) in table["amount_owner"]]
    return {
        "scales": scales, "currencies": currencies, "amount_re": amount,
        "keywords": keywords, "keyword_re": dictionary_pattern(keywords),
        "loose_break_res": {word: re.compile(alternation(followers)) for word, followers in breaks.items()},
        "owner_re": re.compile(rf"(?:{alternation(owners)})$"), "owner_reach": max(map(len, owners)),
        "context_re": re.compile(alternation(w for (w,) in table["amount_context"])),
        "colon_link_re": re.compile(rf"(?:{alternation(w for (w,) in table['colon_link'])})$"),
        "colon_gap_re": re.compile(rf"\s*(?:{before_figure})?\s*"),
        "after_re": re.compile(rf"(?:{alternation(w for (w,) in table['investment_after'])})"),
        "other_unit_re": re.compile(rf"\s*(?:余|多)?\s*(?:{_other_units(table['other_unit'])})"),
        "qualifier_re": re.compile(alternation(w for (w,) in table["qualifier"])),
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
        if "个" in folded[match.end("number"):match.start("scale")] and rules["threshold_re"].match(folded, end):
            continue  # 3个亿元以上项目: a count of projects of that size (read as one), no amount
        clause_start = start_after(folded, start, CLAUSE_MARKS)
        keyword = _nearest_keyword(rules, folded, clause_start, start)
        if keyword is None:
            keyword = _label_before_colon(rules, folded, clause_start, start)
        if keyword is None:
            keyword = _breakdown_of(rules, folded, clause_start, start)
        after = _investment_after(rules, folded, end)
        head = given.get(start)
        if head is not None:
            # 项目总投资和年产值分别为50亿元和120亿元: the value's own head decides, not the nearest keyword
            keyword, after = head, None
        if keyword is None and after is None or keyword is not None and keyword[2] == "not":
            continue
        if rules["qualifier_re"].search(folded, clause_start, keyword[0] if keyword else start):
            continue  # 平均单个项目投资规模21.2亿元, 预期目标实现…计划投资额1000亿元: an average or a target
        flags = []
        code = rules["currencies"].get(currency, FOREIGN) if currency else CNY
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


def _other_units(rows: list[list[str]]) -> str:
    """An alternation of the other units, longest first, each unit whose next character makes another word
    (部分, 双方) followed by a lookahead that refuses it."""
    rows = sorted(rows, key=lambda row: len(row[0]), reverse=True)
    return "|".join(re.escape(row[0]) + (f"(?![{re.escape(row[1])}])" if len(row) > 1 else "") for row in rows)


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


def _investment_after(rules, folded: str, end: int):
    """投资 or 的投资 right after the amount (10亿元投资, 带来156亿元的投资), unless the words it begins are
    something else (5亿元投资收益)."""
    after = rules["after_re"].match(folded, end)
    if after is not None:
        word = rules["keyword_re"].match(folded, after.end())
        if word is not None and rules["keywords"][word.group()] == "not":
            return None
    return after


def _nearest_keyword(rules, folded: str, clause_start: int, start: int, amount_words: bool = True):
    """The keyword nearest before the amount in its clause, as (start, end, 'investment' or 'not'); without
    ``amount_words``, 金额 and 总额 are passed over."""
    last = previous = plain = None
    search, kinds, breaks = rules["keyword_re"].search, rules["keywords"], rules["loose_break_res"]
    at = clause_start
    while (match := search(folded, at, start)) is not None:
        word = match.group()
        if word in breaks and breaks[word].match(folded, match.end() - 1):
            at = match.start() + 1  # 园区内资产: 内 ends 园区内 and 资 starts 资产
            continue
        at = match.end()
        kind = kinds[word]
        if kind == "amount" and not amount_words:
            continue
        previous, last = last, (match.start(), at, kind)
        if kind != "amount":
            plain = last
    if last is None or last[2] != "amount":
        return last
    # 金额 or 总额: only the last one is resolved, so that a clause full of them is read in linear time
    if (previous is not None and previous[2] != "amount"
            and not folded[previous[1]:last[0]].replace("的", "").strip()):
        return previous[0], last[1], previous[2]  # 投资金额, 贷款总额: the keyword before says whose
    return last[0], last[1], _amount_word_kind(rules, folded, clause_start, last[0], plain)


def _amount_word_kind(rules, folded: str, clause_start: int, word_start: int, plain) -> str:
    """Whose amount 金额 or 总额 says when no keyword stands right before it (data/money.tsv, amount);
    ``plain`` is the clause's last keyword before it that is no amount word."""
    phrase_end = word_start
    while phrase_end > clause_start and folded[phrase_end - 1].isspace():
        phrase_end -= 1
    if phrase_end > clause_start and folded[phrase_end - 1] not in PHRASE_MARKS:
        if rules["owner_re"].search(folded, max(clause_start, phrase_end - rules["owner_reach"]), phrase_end):
            return "investment"
        # 签约活动总金额: a keyword of its own phrase says whose; with none, 采购金额 is something else's
        in_phrase = plain is not None and plain[0] >= start_after(folded, phrase_end, PHRASE_MARKS)
        return plain[2] if in_phrase else "not"
    # opening its phrase: the nearest keyword before it in the sentence, this clause's or an earlier one's
    # (within the reach any clause is looked for in)
    sentence_start = max(start_after(folded, clause_start, SENTENCE_END), word_start - MAX_REACH)
    earlier = plain
    if earlier is None and sentence_start < clause_start:
        earlier = _nearest_keyword(rules, folded, sentence_start, clause_start, amount_words=False)
    if earlier is not None:
        return earlier[2]
    return "investment" if rules["context_re"].search(folded, sentence_start, phrase_end) else "not"


def _breakdown_of(rules, folded: str, clause_start: int, start: int):
    """For an amount in a breakdown with no keyword of its own (总投资72亿元,其中,线上项目3000万元), the kind of
    the sentence's keyword before it, spanning the breakdown's item (线上项目3000万元); or None."""
    sentence_start = max(start_after(folded, clause_start, SENTENCE_END), start - MAX_REACH)
    opening = folded.rfind(BREAKDOWN, max(sentence_start, clause_start - len(BREAKDOWN) - 1), start)
    if opening < 0:
        return None
    keyword = _nearest_keyword(rules, folded, sentence_start, opening, amount_words=False)
    if keyword is None:
        return None
    item = opening + len(BREAKDOWN)
    while item < start and folded[item] in CLAUSE_MARKS + " ":
        item += 1
    return item, item, keyword[2]


def _label_before_colon(rules, folded: str, clause_start: int, start: int):
    """For an amount right after a colon (总投资：156.3亿元, 签约金额: 约5亿元), the keyword that ends the
    label before the colon, or None."""
    colon = clause_start - 1
    if colon < 0 or folded[colon] != ":" or not rules["colon_gap_re"].fullmatch(folded, clause_start, start):
        return None
    label_end = colon
    while label_end > 0 and folded[label_end - 1].isspace():
        label_end -= 1
    link = rules["colon_link_re"].search(folded, max(0, label_end - 2), label_end)
    if link is not None:
        label_end = link.start()
    label = _nearest_keyword(rules, folded, start_after(folded, label_end, CLAUSE_MARKS), label_end)
    return label if label is not None and label[1] == label_end else None
