"""Generated input for load, fault and concurrency runs: CSV actors and agreements by index.

Actor `i` and agreement `i` are the same in every dataset that contains them (same name, kind,
country, parties), so datasets over overlapping index ranges describe one consistent graph and
can be loaded in any order or at the same time.
"""

import csv
import random
import string
from pathlib import Path

_KINDS = ("cluster", "network", "agency", "association", "research_centre", "company")
_COUNTRIES = ("FR", "DE", "PL", "ES", "IT", "BE", "CA", "JP", "BR", "IN", "SE", "NL")
_AGREEMENT_KINDS = ("mou", "cooperation", "partnership", "business")


def _name(i: int) -> str:
    # Random letters: names far apart, so the likely-duplicate check finds nothing to report.
    rnd = random.Random(i)
    return " ".join("".join(rnd.choices(string.ascii_lowercase, k=8)).title() for _ in range(2))


def actor_row(i: int) -> dict[str, str]:
    return {
        "id": f"gen-actor-{i}",
        "name": _name(i),
        "kind": _KINDS[i % len(_KINDS)],
        "country": _COUNTRIES[i % len(_COUNTRIES)],
    }


def agreement_row(i: int) -> dict[str, str]:
    # Parties are i and its pair partner i ^ 1: both inside any even-aligned index range.
    return {
        "id": f"gen-mou-{i}",
        "kind": _AGREEMENT_KINDS[i % len(_AGREEMENT_KINDS)],
        "parties": f"gen-actor-{i};gen-actor-{i ^ 1}",
        "status": "signed",
        "date": f"{2000 + i % 25}-{1 + i % 12:02d}",
    }


def write_dataset(
    folder: Path, name: str, start: int, stop: int, *, reverse: bool = False
) -> list[Path]:
    """Actors and agreements `start..stop-1` (even bounds) as two CSV files in `folder/name/`."""
    assert start % 2 == 0 and stop % 2 == 0, "even bounds keep every agreement's parties inside"
    out = folder / name
    out.mkdir(parents=True, exist_ok=True)
    order = range(stop - 1, start - 1, -1) if reverse else range(start, stop)
    files = []
    for table, make in (("actors", actor_row), ("agreements", agreement_row)):
        path = out / f"{name}-{table}.csv"
        rows = [make(i) for i in order]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        files.append(path)
    return files
