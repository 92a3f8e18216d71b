"""Text helpers for fact extraction: a length-preserving NFKC fold, clause and sentence bounds,
a leftmost-longest dictionary matcher compiled to one regular expression, and the lists given
respectively (A和B分别为X和Y) that counts and amounts both read."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterable

from crawler.facts.knowledge import words
from crawler.facts.numerals import NUMBER_TOKEN


@cache
def _fold_rules() -> tuple[re.Pattern, dict[str, str]]:
    """Every BMP character whose NFKC form is one other character (full-width ，：（）１２ fold to ASCII,
    the ideographic space to a space); ㎡, ① and … have longer forms and stay as they are, so that
    offsets found in the folded text index the original text unchanged."""
    table = {}
    for codepoint in range(0x80, 0x10000):
        if 0xD800 <= codepoint < 0xE000:
            continue
        char = chr(codepoint)
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) == 1 and folded != char:
            table[char] = folded
    return re.compile("[" + "".join(map(re.escape, table)) + "]"), table


def fold(text: str) -> str:
    """NFKC character by character, the same length as ``text``."""
    if text.isascii():
        return text
    pattern, table = _fold_rules()
    return pattern.sub(lambda match: table[match.group()], text)


# Spaces some sites print between a number and the words around it (共签约项目 32 个, 总投资 247.98 亿元):
# after folding, the ideographic and no-break spaces are ASCII spaces too.
_NUMBER_GAP = re.compile(r"(?<=[0-9])[ \t]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \t]+(?=[0-9])")


class Squeezed:
    """A text with the spaces between numbers and Han characters taken out, and the way back: the rules
    read 共签约项目32个 whatever the spacing, and each span found maps to its place in the text as printed."""

    def __init__(self, text: str, folded: str):
        self.original = text
        kept, at = [], 0
        for gap in _NUMBER_GAP.finditer(folded):
            kept.append((at, gap.start()))
            at = gap.end()
        kept.append((at, len(text)))
        self._kept = kept
        self._starts = []          # where each kept range begins in the squeezed text
        length = 0
        for begin, end in kept:
            self._starts.append(length)
            length += end - begin
        self.text = "".join(text[begin:end] for begin, end in kept)
        self.folded = "".join(folded[begin:end] for begin, end in kept)

    @classmethod
    def of(cls, text: str, folded: str) -> "Squeezed | None":
        """The squeezed text, or None when no space stands between a number and a Han character."""
        return cls(text, folded) if _NUMBER_GAP.search(folded) else None

    def position(self, index: int) -> int:
        """The original offset of the squeezed text's ``index``-th character."""
        part = bisect.bisect_right(self._starts, index) - 1
        return self._kept[part][0] + index - self._starts[part]

    def restore(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the squeezed span [start, end): its spaces included again."""
        return self.position(start), self.position(end - 1) + 1


# After folding, full-width punctuation is ASCII. Sentences end at 。!? ; and line breaks;
# clauses also at , : and the enumeration comma 、.
SENTENCE_END = "。!?;\n"
CLAUSE_END = SENTENCE_END + ",:、"
# How far back from a number its clause or sentence is looked for. A real sentence is far shorter; a
# text with no punctuation at all (a table flattened into spaces, a hostile page) stays linear in time.
MAX_REACH = 500


def start_after(text: str, position: int, marks: str) -> int:
    """Where the clause or sentence holding ``position`` begins: just after the last of ``marks`` before
    it, no further back than MAX_REACH characters."""
    low = max(0, position - MAX_REACH)
    return max(low, max(text.rfind(mark, low, position) for mark in marks) + 1)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped and longest first, so that no word is cut short by
    another word that is its prefix (签约总额 before 签约, 万亿 before 万)."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def dictionary_pattern(words: Iterable[str]) -> re.Pattern:
    """One regex matching any of ``words``, longest first at each position (a trie of alternations).

    Python's ``re`` tries alternatives in order; built from a trie with longer continuations
    before the end of a word, the first match found at a position is the longest.
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return re.compile("(?:" + _trie_regex(trie) + ")")


def _trie_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if ends_here else body


# How much of the words after a value is read with it (个, 亿元, 个基础设施类项目).
MAX_UNIT = 20
# More heads than this in one clause make no list anyone prints (and keep a clause of 、 cheap to read).
MAX_HEADS = 12
# Where the heads of a respective list may begin: never before the clause holding them.
_HEAD_MARKS = SENTENCE_END + ",:"


@dataclass(frozen=True)
class Respective:
    """Heads listed, then 分别 and one value for each head in the same order (签约项目数和总投资分别为25个和300亿元):
    ``heads`` as (start, end); ``values`` as (number start, number end, value end, unit), where a value printed
    without a unit takes the unit of the next (分别为32、20个). ``silent`` when 分别 opens shares or changes
    (分别占30%, 分别增长12个): no heads or values then, and no number from ``start`` to ``end`` is a count or an
    amount."""
    start: int
    end: int
    heads: tuple[tuple[int, int], ...] = ()
    values: tuple[tuple[int, int, int, str], ...] = ()
    silent: bool = False


@cache
def _respective_rules() -> dict:
    separators = words("count_words.tsv", "list_separator")
    verbs = alternation(words("count_words.tsv", "respectively"))
    silent = alternation(words("count_words.tsv", "respectively_not"))
    not_unit = re.escape(CLAUSE_END + ":()的" + "".join(separators))
    return {
        "respectively_re": re.compile(rf"分别\s*(?:(?P<silent>{silent})|(?:{verbs})\s*(?={NUMBER_TOKEN}))"),
        "head_separator_re": re.compile(alternation(separators)),
        "value_separator_re": re.compile(rf"\s*(?:{alternation(separators)}|,)\s*"),
        "value_re": re.compile(rf"(?P<number>{NUMBER_TOKEN})(?P<unit>[^\s0-9{not_unit}]{{0,{MAX_UNIT}}})"),
    }


@lru_cache(maxsize=8)
def respective_lists(folded: str) -> tuple[Respective, ...]:
    """Every list given respectively in ``folded`` (as many heads as values, at least two), and every 分别
    that opens shares or changes. Counts and amounts both read them: the cache parses a text once.

    The heads are the clause right before 分别, split at 、和及与, or the clause before that when 分别 opens
    its own (个数最多、总投资最大,分别达到1050个和8689亿元). Heads and values that differ in number make no
    list: which value is whose cannot be told."""
    if "分别" not in folded:
        return ()
    rules = _respective_rules()
    found = []
    for match in rules["respectively_re"].finditer(folded):
        if match.group("silent"):
            found.append(Respective(match.start(), _clause_end(folded, match.end()), silent=True))
            continue
        heads = _heads(rules, folded, match.start())
        if len(heads) < 2:
            continue
        values = _values(rules, folded, match.end(), len(heads))
        if len(values) == len(heads):
            found.append(Respective(heads[0][0], values[-1][2], tuple(heads), tuple(values)))
    return tuple(found)


def _clause_end(text: str, position: int) -> int:
    """Where the clause holding ``position`` ends (the enumeration comma 、 does not end it)."""
    limit = min(len(text), position + MAX_REACH)
    ends = [at for at in (text.find(mark, position, limit) for mark in CLAUSE_END.replace("、", "")) if at >= 0]
    return min(ends, default=limit)


def _heads(rules: dict, folded: str, position: int) -> list[tuple[int, int]]:
    start, end = start_after(folded, position, _HEAD_MARKS), position
    if not folded[start:end].strip() and start > 0 and folded[start - 1] == ",":
        end = start - 1
        start = start_after(folded, end, _HEAD_MARKS)
    heads, at = [], start
    for separator in rules["head_separator_re"].finditer(folded, start, end):
        if len(heads) == MAX_HEADS:
            return []
        heads.append((at, separator.start()))
        at = separator.end()
    heads.append((at, end))
    return heads if all(folded[begin:finish].strip() for begin, finish in heads) else []


def _values(rules: dict, folded: str, position: int, wanted: int) -> list[tuple[int, int, int, str]]:
    """The values from ``position`` on, up to one more than ``wanted`` (a list longer than its heads). A comma
    parts values only in a list parted by commas from its start, and never after the ``wanted``-th value: in
    分别为25个和300亿元,5个项目已开工 the comma closes the list."""
    values, at, commas = [], position, None
    while len(values) <= wanted:
        if values:
            separator = rules["value_separator_re"].match(folded, at)
            if separator is None:
                break
            comma = "," in separator.group()
            commas = comma if commas is None else commas
            if comma and (not commas or len(values) == wanted):
                break
            at = separator.end()
        value = rules["value_re"].match(folded, at)
        if value is None:
            break
        values.append([value.start("number"), value.end("number"), value.end(), value.group("unit")])
        at = value.end()
    for index in range(len(values) - 2, -1, -1):
        if not values[index][3]:
            values[index][3] = values[index + 1][3]
    return [tuple(value) for value in values]
