"""The extractors' knowledge, read once from the data files under ``crawler/facts/data``."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources


def data_lines(name: str) -> list[list[str]]:
    """The tab-separated rows of ``data/<name>``, without comments and blank lines."""
    text = resources.files("crawler.facts").joinpath("data", name).read_text(encoding="utf-8")
    return [line.rstrip("\n").split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def grouped(name: str) -> dict[str, list[list[str]]]:
    """Rows of a data file grouped by their first column (the row's kind)."""
    groups: dict[str, list[list[str]]] = defaultdict(list)
    for row in data_lines(name):
        groups[row[0]].append(row[1:])
    return dict(groups)


def words(name: str, kind: str) -> list[str]:
    return [row[0] for row in grouped(name).get(kind, [])]
