"""Drawing a reproducible random sample (pure: no database, no clock).

Each candidate is ranked by SHA-256 of "<seed>:<incident number>" and the first ⌈population × percent / 100⌉
are taken. The same seed over the same candidates always gives the same sample, whatever the order the
database returns them in, so anyone can re-draw a sheet and check it was not hand-picked; a different seed
gives an independent sample. The seed is stored with the sampling and in its `inspection.sampled` event.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable


def sample_size(population: int, percent: int) -> int:
    """⌈population × percent / 100⌉: a non-empty population always gives at least one item."""
    if not 1 <= percent <= 100:
        raise ValueError("percent must be between 1 and 100")
    return math.ceil(population * percent / 100)


def _rank(seed: str, number: str) -> str:
    return hashlib.sha256(f"{seed}:{number}".encode()).hexdigest()


def draw_sample(candidates: Iterable[str], *, percent: int, seed: str) -> list[str]:
    """The incident numbers drawn from `candidates`, in drawing order."""
    unique = sorted(set(candidates))
    ranked = sorted(unique, key=lambda number: (_rank(seed, number), number))
    return ranked[: sample_size(len(unique), percent)]
