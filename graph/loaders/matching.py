"""Entity resolution helpers: normalised names, "did you mean", likely duplicates."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from graph.schema.names import normalise

__all__ = ["Duplicate", "find_duplicates", "normalise", "suggest"]

DUPLICATE_THRESHOLD = 90.0
EXHAUSTIVE_NAMES = 3000
BLOCK_CAP = 400


@dataclass
class Duplicate:
    a: str
    b: str
    name_a: str
    name_b: str
    score: float

    def __str__(self) -> str:
        return f"{self.a} ({self.name_a!r}) ~ {self.b} ({self.name_b!r}): {self.score:.0f}%"


def suggest(value: str, pool: set[str]) -> str:
    best = process.extractOne(value, pool, scorer=fuzz.WRatio) if pool else None
    return f"; did you mean {best[0]!r}?" if best and best[1] >= 80 else ""


def find_duplicates(
    actors: dict[str, dict[str, Any]], known_actors: dict[str, list[str]]
) -> list[Duplicate]:
    """Likely duplicates: different ids whose names or aliases (nearly) coincide.

    Up to `EXHAUSTIVE_NAMES` names every pair is compared. Above that, the all-pairs matrix is
    quadratic in time and memory (200,000 names would need 160 GB), so only names in a common
    block are compared: names sharing a word, the first four letters of a word, or the first
    eight letters of the whole name, where that block holds at most `BLOCK_CAP` names.
    """
    names: list[tuple[str, str, str]] = []  # (id, display name, key)
    for ident, row in actors.items():
        names += [(ident, n, normalise(n)) for n in [row["name"], *row["aliases"]]]
    for ident, all_names in known_actors.items():
        if ident not in actors:
            names += [(ident, n, normalise(n)) for n in all_names]
    keys = [k for _, _, k in names]
    if not keys:
        return []
    found: dict[tuple[str, str], Duplicate] = {}
    groups = [list(range(len(keys)))] if len(keys) <= EXHAUSTIVE_NAMES else _blocks(keys)
    for group in groups:
        _compare(names, group, found)
    return sorted(found.values(), key=lambda d: (-d.score, d.a, d.b))


def _blocks(keys: list[str]) -> list[list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        tokens = key.split()
        wanted = {f"w:{t}" for t in tokens} | {f"p:{t[:4]}" for t in tokens if len(t) > 4}
        wanted.add(f"k:{key.replace(' ', '')[:8]}")
        for block in wanted:
            blocks[block].append(i)
    return [members for members in blocks.values() if 1 < len(members) <= BLOCK_CAP]


def _compare(
    names: list[tuple[str, str, str]], group: list[int], found: dict[tuple[str, str], Duplicate]
) -> None:
    keys = [names[i][2] for i in group]
    scores = process.cdist(
        keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=DUPLICATE_THRESHOLD, workers=-1
    )
    for i, j in zip(*scores.nonzero(), strict=True):
        (ia, na, ka), (ib, nb, kb) = names[group[i]], names[group[j]]
        if ia >= ib or min(len(ka), len(kb)) < 4:
            continue
        score = float(scores[i, j])
        if (ia, ib) not in found or found[(ia, ib)].score < score:
            found[(ia, ib)] = Duplicate(ia, ib, na, nb, score)
