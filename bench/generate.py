"""Deterministic synthetic cooperation graphs in the loaders' own input format.

`python -m bench.generate --scale S` writes, under bench/data/S/ (git-ignored):
- `input/`: what `clustergraph load` reads: `bench-actors.csv`, `bench-agreements.csv` (CSV tables
  of docs/data-format.md) and `bench-partnerships.yaml`, `bench-events-NN.yaml` (YAML, flow style);
- `import/`: the same rows as flat CSV tables for Neo4j's `LOAD CSV` (bench/ingest.py).
Countries and sectors come from data/reference; degrees are heavy-tailed (a few hub clusters join
many partnerships, agreements and events). Same seed and scale, same bytes.
"""

import argparse
import csv
import json
import random
from bisect import bisect
from itertools import accumulate
from pathlib import Path

import yaml

from clustergraph.settings import PROJECT_ROOT

DATA_ROOT = Path(__file__).with_name("data")
REFERENCE = PROJECT_ROOT / "data" / "reference"
# actors, partnerships, agreements, events: S is about ECCP today, L is 100 times S.
SCALES = {
    "XS": (200, 15, 500, 100),
    "S": (2_000, 150, 5_000, 1_000),
    "M": (20_000, 1_500, 50_000, 10_000),
    "L": (200_000, 15_000, 500_000, 100_000),
}
EVENTS_PER_FILE = 10_000
ACTOR_COLUMNS = ["id", "name", "kind", "country", "aliases", "sectors", "source"]
AGREEMENT_COLUMNS = ["id", "kind", "parties", "status", "date", "partnership", "source"]
_SYLLABLES = "ka lo ri ve na to sa mi du be ro la fi ne go ta vi sol mar ten por lin gar bel"
_SYLLABLES = _SYLLABLES.split(" ")
_KINDS = [
    ("cluster", 60),
    ("business_network", 8),
    ("network", 5),
    ("agency", 6),
    ("research_centre", 10),
    ("company", 6),
    ("association", 3),
    ("chamber", 2),
]
_AGREEMENT_KINDS = ["mou", "cooperation", "partnership", "collaboration", "business"]
_EVENT_KINDS = ["workshop", "mission", "delegation_visit", "conference", "matchmaking", "b2b"]


def _reference() -> tuple[list[str], list[str], list[str]]:
    countries = yaml.safe_load((REFERENCE / "countries.yaml").read_text())["countries"]
    sectors = yaml.safe_load((REFERENCE / "sectors.yaml").read_text())["sectors"]
    europe = [c["code"] for c in countries if c["continent"] == "Europe"]
    third = [c["code"] for c in countries if c["continent"] != "Europe"]
    return europe, third, [s["id"] for s in sectors]


class _Picker:
    """Heavy-tailed choice: item i has weight 1 / (i + 1) ** 0.9 (Zipf-like degrees)."""

    def __init__(self, rng: random.Random, items: list[str]):
        self.rng, self.items = rng, items
        self.cum = list(accumulate(1 / (i + 1) ** 0.9 for i in range(len(items))))

    def some(self, n: int) -> list[str]:
        out: dict[str, None] = {}
        while len(out) < min(n, len(self.items)):
            out[self.items[bisect(self.cum, self.rng.random() * self.cum[-1])]] = None
        return list(out)


def _name(rng: random.Random, i: int) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
    return f"{word} {_SYLLABLES[i % 23].capitalize()}{i}"


def _date(rng: random.Random, first: int = 2008, last: int = 2025) -> str:
    year = rng.randint(first, last)
    return [f"{year}", f"{year}-{rng.randint(1, 12):02d}"][rng.random() < 0.7]


def generate(scale: str, seed: int = 42, root: Path = DATA_ROOT) -> Path:
    n_actors, n_partnerships, n_agreements, n_events = SCALES[scale]
    rng = random.Random(seed)
    europe, third, sectors = _reference()
    kinds = [k for k, w in _KINDS for _ in range(w)]
    actors, country_of = [], {}
    for i in range(n_actors):
        country = rng.choice(europe) if rng.random() < 0.85 else rng.choice(third)
        sector = rng.choice(sectors)
        name = f"{_name(rng, i)} {sector.replace('-', ' ').title()} Cluster"
        ident = f"a{i}-{country.lower()}"
        country_of[ident] = country
        actors.append(
            {
                "id": ident,
                "name": name,
                "kind": rng.choice(kinds),
                "country": country,
                "aliases": name.upper() if rng.random() < 0.1 else "",
                "sectors": ";".join([sector, *rng.sample(sectors, rng.random() < 0.3)]),
                "source": f"line {i + 2}, member list",
            }
        )
    ids = [a["id"] for a in actors]
    rng.shuffle(ids)  # hubs anywhere in the id space
    pick = _Picker(rng, ids)
    partnerships, members, targets = [], [], []
    for i in range(n_partnerships):
        pid = f"p{i}"
        partnerships.append(
            {
                "id": pid,
                "name": f"{_name(rng, i)} Partnership",
                "kind": "escp-4i",
                "programme": "ESCP-4i (COSME)",
                "start": _date(rng, 2014, 2024),
                "sectors": rng.sample(sectors, 2),
                "source": f"line {i + 1}",
            }
        )
        for j, aid in enumerate(pick.some(rng.randint(4, 10))):
            members.append(
                {
                    "partnership": pid,
                    "actor": aid,
                    "role": "coordinator" if j == 0 else "partner",
                    "source": "members",
                }
            )
        for code in rng.sample(third, rng.randint(2, 5)):
            targets.append(
                {"partnership": pid, "country": code, "status": "selected", "source": "targets"}
            )
    agreements = []
    for i in range(n_agreements):
        a, b = pick.some(2)
        while country_of[b] == country_of[a]:
            b = pick.some(1)[0]
        planned = rng.random() < 0.2
        agreements.append(
            {
                "id": f"g{i}",
                "kind": rng.choice(_AGREEMENT_KINDS),
                "parties": f"{a};{b}",
                "status": "planned" if planned else rng.choice(["signed", "renewed"]),
                "date": "" if planned else _date(rng),
                "partnership": f"p{rng.randrange(n_partnerships)}" if rng.random() < 0.1 else "",
                "source": f"line {i + 2}",
            }
        )
    events = []
    for i in range(n_events):
        people = pick.some(1 + min(int(rng.paretovariate(1.5) * 3), 40))
        event = {
            "id": f"e{i}",
            "name": f"{_name(rng, i)} Matchmaking",
            "date": _date(rng),
            "kind": rng.choice(_EVENT_KINDS),
            "country": rng.choice(europe + third),
            "organisers": people[:1],
            "participants": people[1:],
            "source": f"line {i + 1}",
        }
        if rng.random() < 0.3:
            event["partnership"] = f"p{rng.randrange(n_partnerships)}"
        events.append(event)
    out = root / scale
    _write_input(out / "input", actors, partnerships, members, targets, agreements, events)
    _write_import(out / "import", actors, partnerships, members, targets, agreements, events)
    return out


def _csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _yaml(path: Path, doc: str, section: str, records: list[dict]) -> None:
    """Flow-style YAML (every record is a JSON object, which is valid YAML), one per line."""
    head = f'format: clustergraph/v1\ndocument: {{id: {doc}, title: "Synthetic {doc}"}}\n'
    body = "".join(f"  - {json.dumps(r, ensure_ascii=False)}\n" for r in records)
    path.write_text(f"{head}{section}:\n{body}", encoding="utf-8")


def _write_input(out, actors, partnerships, members, targets, agreements, events) -> None:
    _csv(out / "bench-actors.csv", actors, ACTOR_COLUMNS)
    _csv(out / "bench-agreements.csv", agreements, AGREEMENT_COLUMNS)
    by_p: dict[str, dict] = {
        p["id"]: {**p, "members": [], "target_countries": []} for p in partnerships
    }
    for m in members:
        by_p[m["partnership"]]["members"].append({k: m[k] for k in ("actor", "role", "source")})
    for t in targets:
        by_p[t["partnership"]]["target_countries"].append(
            {k: t[k] for k in ("country", "status", "source")}
        )
    _yaml(
        out / "bench-partnerships.yaml", "bench-partnerships", "partnerships", list(by_p.values())
    )
    for n, start in enumerate(range(0, len(events), EVENTS_PER_FILE)):
        doc = f"bench-events-{n:02d}"
        _yaml(out / f"{doc}.yaml", doc, "events", events[start : start + EVENTS_PER_FILE])


def _write_import(out, actors, partnerships, members, targets, agreements, events) -> None:
    _csv(out / "actors.csv", actors, ACTOR_COLUMNS)
    _csv(out / "agreements.csv", agreements, AGREEMENT_COLUMNS)
    rows = [{**p, "sectors": ";".join(p["sectors"])} for p in partnerships]
    _csv(
        out / "partnerships.csv",
        rows,
        ["id", "name", "kind", "programme", "start", "sectors", "source"],
    )
    _csv(out / "members.csv", members, ["partnership", "actor", "role", "source"])
    _csv(out / "target_countries.csv", targets, ["partnership", "country", "status", "source"])
    rows = [
        {
            **e,
            "partnership": e.get("partnership", ""),
            "doc": f"bench-events-{i // EVENTS_PER_FILE:02d}",
        }
        for i, e in enumerate(events)
    ]
    _csv(
        out / "events.csv",
        rows,
        ["id", "name", "kind", "date", "country", "partnership", "doc", "source"],
    )
    links = [
        {"event": e["id"], "actor": a, "rel": rel}
        for e in events
        for rel, key in (("ORGANISED", "organisers"), ("PARTICIPATED_IN", "participants"))
        for a in e[key]
    ]
    _csv(out / "event_links.csv", links, ["event", "actor", "rel"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="S")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    print(generate(args.scale, args.seed))


if __name__ == "__main__":
    main()
