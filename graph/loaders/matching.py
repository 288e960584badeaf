"""Entity resolution helpers: normalised names, "did you mean", likely duplicates."""

import unicodedata
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

DUPLICATE_THRESHOLD = 90.0


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Aéro Montréal' -> 'aero montreal'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = "".join(c if c.isalnum() else " " for c in stripped.casefold())
    return " ".join(cleaned.split())


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
    """Likely duplicates: different ids whose names or aliases (nearly) coincide."""
    names: list[tuple[str, str, str]] = []  # (id, display name, key)
    for ident, row in actors.items():
        names += [(ident, n, normalise(n)) for n in [row["name"], *row["aliases"]]]
    for ident, all_names in known_actors.items():
        if ident not in actors:
            names += [(ident, n, normalise(n)) for n in all_names]
    keys = [k for _, _, k in names]
    if not keys:
        return []
    scores = process.cdist(
        keys, keys, scorer=fuzz.token_sort_ratio, score_cutoff=DUPLICATE_THRESHOLD, workers=1
    )
    found: dict[tuple[str, str], Duplicate] = {}
    for i, j in zip(*scores.nonzero(), strict=True):
        (ia, na, _), (ib, nb, _) = names[i], names[j]
        if ia >= ib or min(len(keys[i]), len(keys[j])) < 4:
            continue
        score = float(scores[i, j])
        if (ia, ib) not in found or found[(ia, ib)].score < score:
            found[(ia, ib)] = Duplicate(ia, ib, na, nb, score)
    return sorted(found.values(), key=lambda d: (-d.score, d.a, d.b))
