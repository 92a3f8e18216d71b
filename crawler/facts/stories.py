"""Near-duplicate articles grouped into stories: MinHash (datasketch) over character 5-grams of the
clean body, LSH band keys kept in an indexed SQLite table so that a crawl adds articles to existing
stories without rebuilding anything."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash

from crawler.facts.text import fold

SHINGLE = 5            # characters per shingle
NUM_PERM = 128         # MinHash permutations: the signature is 128 × 4 bytes
SEED = 1               # fixed, with the scheme: signatures stored in the database must stay comparable
SCHEME = "affine32"    # datasketch 2's 32-bit hashing (values fit 4 bytes)
# Estimated Jaccard similarity at or above which two bodies are one story (measured: docs/facts.md).
THRESHOLD = 0.5
MIN_SHINGLES = 20      # shorter bodies say too little to be matched: each is its own story
# Only letters and digits count: republished copies differ in punctuation, spaces and line breaks.
_NOT_CONTENT = re.compile(r"[^\w]|_", re.UNICODE)


@dataclass(frozen=True)
class Signature:
    values: np.ndarray      # NUM_PERM uint32 values

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, raw: bytes) -> "Signature":
        return cls(np.frombuffer(raw, dtype="<u4"))

    def similarity(self, other: "Signature") -> float:
        """MinHash estimate of the Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)


def content(text: str) -> str:
    """The body as compared: NFKC-folded, letters and digits only."""
    return _NOT_CONTENT.sub("", fold(text or ""))


def shingles(text: str) -> set[str]:
    flat = content(text)
    return {flat[i:i + SHINGLE] for i in range(len(flat) - SHINGLE + 1)}


@cache
def _permutations():
    # One MinHash's random permutations, reused: building them is most of a MinHash's construction cost.
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> Signature | None:
    """The MinHash signature of a body, or None when the body is too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch([gram.encode("utf-8") for gram in grams])
    return Signature(minhash.hashvalues.astype(np.uint32))


@cache
def band_shape(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) for ``num_perm`` that minimise the summed probability of missing a pair above
    ``threshold`` and of proposing a pair below it (each band a candidate test: P = 1-(1-s^r)^b)."""
    def area(probability, low, high, steps=200):
        width = (high - low) / steps
        return sum(probability(low + (i + 0.5) * width) for i in range(steps)) * width

    best = None
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        candidate = lambda s, r=rows, b=bands: 1 - (1 - s ** r) ** b  # noqa: E731
        false_positive = area(candidate, 0.0, threshold)
        false_negative = area(lambda s: 1 - candidate(s), threshold, 1.0)
        error = false_positive + false_negative
        if best is None or error < best[0]:
            best = (error, bands, rows)
    return best[1], best[2]


def band_keys(sig: Signature, threshold: float = THRESHOLD) -> list[int]:
    """One signed 64-bit key per band (SQLite integers), the band's number mixed in."""
    bands, rows = band_shape(threshold)
    raw = sig.values.astype("<u4").tobytes()
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(raw[band * rows * 4:(band + 1) * rows * 4], digest_size=8,
                                 person=band.to_bytes(2, "big")).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys
