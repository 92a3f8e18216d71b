"""Helpers shared by the benchmark scripts: import paths, the body F1 measure, machine facts."""

from __future__ import annotations

import os
import platform
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def bigrams(text: str) -> Counter:
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    return Counter(flat[i:i + 2] for i in range(len(flat) - 1))


def f1(predicted: str, expected: str) -> float:
    """Body F1 over character bigrams after NFKC and whitespace removal."""
    p, e = bigrams(predicted), bigrams(expected)
    overlap = sum((p & e).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def machine() -> str:
    return (f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
            f"{os.cpu_count()} cores, {platform.system()} {platform.release()}")


def measure_peers(measure, corpus, with_trafilatura, with_gne) -> list[dict]:
    """Run ``measure`` for trafilatura and gne on ``corpus``, skipping a peer that is not installed."""
    results = []
    try:
        results.append(measure("trafilatura", corpus, with_trafilatura, None))
    except ImportError as error:
        print(f"trafilatura not installed ({error}); pip install -e '.[bench]'")
    try:
        from gne import GeneralNewsExtractor  # GPL-3.0: a peer in benchmarks only, never imported by the product

        results.append(measure("gne", corpus, with_gne, GeneralNewsExtractor()))
    except ImportError as error:
        print(f"gne not installed ({error}); pip install -e '.[bench]'")
    return results
