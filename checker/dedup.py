"""Near-duplicate articles: the same article re-posted, in Simplified on one site and
Traditional on another, with glosses or boilerplate added, is one source, not two.

Articles are compared on character 5-shingles of their normalised body text (glosses
stripped, folded to Simplified, punctuation and spaces dropped), by MinHash. Locality
sensitive hashing (BANDS bands of ROWS rows) finds candidates through an index, so an
article is compared with a handful of others, not with the whole desk's archive.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

SHINGLE = 5
BANDS, ROWS = 16, 4
NUM_HASHES = BANDS * ROWS
#: Estimated Jaccard similarity above which two articles are one source.
THRESHOLD = 0.5
#: At most this many candidates are compared with a new article (a band shared by thousands of
#: articles, say a boilerplate-only page, must not make one ingest read them all).
MAX_CANDIDATES = 200
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20261123)
_A = _rng.integers(1, _PRIME, NUM_HASHES, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, NUM_HASHES, dtype=np.uint64)
_DROP = re.compile(r"[\s\W_]+")


def shingles(text: str) -> set[int]:
    """CRC32 of every 5-character shingle of the text with spaces and punctuation removed."""
    t = _DROP.sub("", text)
    return {zlib.crc32(t[i:i + SHINGLE].encode("utf-8")) for i in range(max(1, len(t) - SHINGLE + 1))}


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_HASHES uint32 values) of a normalised text."""
    sh = np.fromiter(shingles(text), dtype=np.uint64)
    if sh.size == 0:
        return np.zeros(NUM_HASHES, dtype=np.uint32)
    # (a*x + b) mod p, taken in 32 bits: a universal-ish family good enough for MinHash
    hashed = (np.outer(_A & 0xFFFFFFFF, sh) + (_B & 0xFFFFFFFF)[:, None]) % np.uint64(4294967311)
    return hashed.min(axis=1).astype(np.uint32)


def bands(sig: np.ndarray) -> list[str]:
    """One key per band: band number and the hash of its rows."""
    return [f"{b}:{zlib.crc32(sig[b * ROWS:(b + 1) * ROWS].tobytes()):08x}" for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")
