"""Text utilities for cleaning: whitespace collapsed, NFKC folding, and matching on folded text while
keeping the page's own characters."""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE = re.compile(r"[\s\u3000\xa0]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def collapse(text: str) -> str:
    """Whitespace of any width (full-width spaces, nbsp, newlines) to single spaces; the rest unchanged."""
    return _WHITESPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """Whitespace runs to single spaces and invisible characters out, ends kept (``collapse`` trims them)."""
    return _WHITESPACE.sub(" ", _INVISIBLE.sub("", text))


def fold_with_origin(text: str) -> tuple[str, list[int]]:
    """NFKC of ``text`` char by char, with the index in ``text`` of every folded character."""
    folded, origin = [], []
    for index, char in enumerate(text):
        piece = nfkc(char)
        folded.append(piece)
        origin.extend([index] * len(piece))
    return "".join(folded), origin


def original_span(text: str, origin: list[int], start: int, end: int) -> str:
    """The part of ``text`` behind folded positions [start, end)."""
    return text[origin[start]: origin[end - 1] + 1] if end > start else ""


def strip_normalised(text: str, pattern: re.Pattern) -> str:
    """Remove what ``pattern`` matches in the NFKC form of ``text`` from ``text`` itself."""
    folded, origin = fold_with_origin(text)
    keep = [True] * len(text)
    for match in pattern.finditer(folded):
        if match.end() > match.start():
            for index in range(origin[match.start()], origin[match.end() - 1] + 1):
                keep[index] = False
    return collapse("".join(c for c, k in zip(text, keep) if k))
