"""Entity resolution helpers: normalised names, "did you mean", likely duplicates."""

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations, permutations
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
    # Why: similar names, or the same words joined or in another order, the website of one
    # naming the other, one name the acronym of the other.
    reason: str = "similar names"

    def __str__(self) -> str:
        return (
            f"{self.a} ({self.name_a!r}) ~ {self.b} ({self.name_b!r}): {self.score:.0f}% "
            f"({self.reason})"
        )


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
    _same_keys(names, actors, found)
    return sorted(found.values(), key=lambda d: (-d.score, d.a, d.b))


def _joined(key: str) -> set[str]:
    """A name's words joined, in any order (up to four words): 'ohio polymer' ->
    {'ohiopolymer', 'polymerohio'}; longer names only as written."""
    words = key.split()
    if 1 < len(words) <= 4:
        return {"".join(p) for p in permutations(words)}
    return {"".join(words)}


def _acronym(key: str) -> str | None:
    words = [w for w in key.split() if w not in _SMALL_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 3 else None


_SMALL_WORDS = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "et"}


def _website_key(url: str | None) -> str | None:
    """'www.polymerohio.org' -> 'polymerohio'."""
    if not url:
        return None
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    parts = [p for p in host.split(".") if p not in {"www", "org", "com", "net", "eu"}]
    return parts[-1] if parts else None


def _same_keys(
    names: list[tuple[str, str, str]],
    actors: dict[str, dict[str, Any]],
    found: dict[tuple[str, str], Duplicate],
) -> None:
    """Exact signals fuzzy ratios miss: joined or reordered words, a website, an acronym.
    Linear: every name is looked up by its keys, never compared pairwise."""
    index: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for ident, display, key in names:
        for joined in _joined(key):
            # a short one-word name ('SEDC') can still be another's acronym
            if len(joined) >= 6 or (len(joined) >= 3 and " " not in key):
                index[joined].append((ident, display, "joined or reordered words"))
    for ident, row in actors.items():
        site = _website_key(row.get("website"))
        if site and len(site) >= 4:
            index[site].append((ident, row.get("website") or "", "website"))
    for ident, display, key in names:
        acronym = _acronym(key)
        if acronym and len(acronym) >= 3:
            index[acronym].append((ident, display, "acronym"))
    for entries in index.values():
        if len(entries) < 2 or len(entries) > BLOCK_CAP:
            continue
        for (ia, na, ra), (ib, nb, rb) in combinations(entries, 2):
            if ia == ib or ra == rb == "acronym":
                continue
            (ia, na), (ib, nb) = sorted([(ia, na), (ib, nb)])
            reason = ra if ra != "joined or reordered words" else rb
            if (ia, ib) not in found:
                found[(ia, ib)] = Duplicate(ia, ib, na, nb, 100.0, reason)


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
