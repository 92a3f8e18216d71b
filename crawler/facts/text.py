"""Text helpers for fact extraction: a length-preserving NFKC fold, clause and sentence bounds,
and a leftmost-longest dictionary matcher compiled to one regular expression."""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cache
from typing import Iterable


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
