"""Text helpers for fact extraction: a length-preserving NFKC fold, clause and sentence bounds,
and a leftmost-longest dictionary matcher compiled to one regular expression."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable


class _FoldTable(dict):
    """str.translate table: each character to its NFKC form when that is one character, else itself.

    Keeping one character for one character means offsets found in the folded text index the
    original text unchanged (full-width ，：（）１２ fold to ASCII; ㎡, ① and … stay as they are).
    """

    def __missing__(self, codepoint: int) -> int:
        folded = unicodedata.normalize("NFKC", chr(codepoint))
        value = ord(folded) if len(folded) == 1 else codepoint
        self[codepoint] = value
        return value


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """NFKC per character, same length as ``text``; also maps the ideographic space to a space."""
    if text.isascii():
        return text
    return text.translate(_FOLD)


# After folding, full-width punctuation is ASCII. Sentences end at 。!? ; and line breaks;
# clauses also at , : and the enumeration comma 、.
SENTENCE_END = "。!?;\n"
CLAUSE_END = SENTENCE_END + ",:、"
_SENTENCE_END_RE = re.compile(r"[。!?;\n]")


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """[start, end) of the sentence holding ``position`` in folded text."""
    start = max(text.rfind(mark, 0, position) for mark in SENTENCE_END) + 1
    match = _SENTENCE_END_RE.search(text, position)
    return start, (match.start() if match else len(text))


def dictionary_pattern(words: Iterable[str], prefix: str = "", suffix: str = "") -> re.Pattern:
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
    return re.compile(prefix + "(?:" + _trie_regex(trie) + ")" + suffix)


def _trie_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if ends_here else body
