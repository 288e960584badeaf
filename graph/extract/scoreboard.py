"""`make extract-eval`: extract every seed report and the own test documents, score the drafts
against their curated files, print the table (Markdown).

Seed reports are scored with the OTHER three curated files as the known entities, so that
"already in the graph" and "new" actors both occur; own documents with all of data/ known.
"""

import sys
import time
from pathlib import Path

from clustergraph.settings import PROJECT_ROOT
from graph.extract.build import extract
from graph.extract.evaluate import Score, load_yaml, score
from graph.extract.known import from_files

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
DATA_DIR = PROJECT_ROOT / "data"
FIXTURES_DIR = PROJECT_ROOT / "tests" / "fixtures" / "extract"
ROWS = (
    "actors known",
    "actors new",
    "memberships",
    "agreements",
    "events",
    "targets (actors)",
    "targets (countries)",
)
TARGETS = {
    "actors known": ("recall", 0.9),
    "actors new": ("precision", 0.8),
    "memberships": ("recall", 0.7),
    "agreements": ("recall", 0.7),
}


class SeedsMissing(Exception):
    pass


def seed_cases() -> list[tuple[str, Path, Path, list[Path]]]:
    """(name, report, curated file, known files) for each seed report."""
    if not SEEDS_DIR.is_dir():
        raise SeedsMissing(
            f"The seed reports are not at {SEEDS_DIR} (../shared/seeds beside the project): "
            "put the shared folder there to run the evaluation."
        )
    curated = sorted(p for p in DATA_DIR.glob("*.yaml"))
    cases = []
    for path in curated:
        report = SEEDS_DIR / load_yaml(path)["document"]["file"]
        cases.append((path.stem, report, path, [p for p in curated if p != path]))
    return cases


def fixture_cases() -> list[tuple[str, Path, Path, list[Path]]]:
    cases = []
    for expected in sorted(FIXTURES_DIR.glob("*.expected.yaml")):
        stem = expected.name.removesuffix(".expected.yaml")
        report = next(p for p in FIXTURES_DIR.glob(f"{stem}.*") if p != expected)
        cases.append((stem, report, expected, [DATA_DIR]))
    return cases


def run(cases) -> dict[str, dict[str, Score]]:
    results = {}
    for name, report, truth, known_paths in cases:
        known = from_files(known_paths)
        known_ids = {i for (_, i) in known.entities}
        draft = extract(report, known).data
        results[name] = score(draft, load_yaml(truth), known_ids)
    return results


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def table(results: dict[str, dict[str, Score]], title: str) -> str:
    lines = [
        f"**{title}**",
        "",
        "| records | curated | drafted | matched | precision | recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    total = {row: sum((r[row] for r in results.values()), Score()) for row in ROWS}
    for row in ROWS:
        s = total[row]
        goal = TARGETS.get(row)
        mark = ""
        if goal:
            value = getattr(s, goal[0])
            met = "met" if (value or 0) >= goal[1] else "NOT met"
            mark = f" (target {goal[0]} ≥ {goal[1]}: {met})"
        lines.append(
            f"| {row}{mark} | {s.truth} | {s.draft} | {s.matched_truth} | "
            f"{_fmt(s.precision)} | {_fmt(s.recall)} |"
        )
    lines.append("")
    lines.append(
        "Per document (recall of known actors / precision of new actors / recall of "
        "memberships / recall of agreements):"
    )
    lines.append("")
    for name, r in results.items():
        parts = [
            _fmt(r["actors known"].recall),
            _fmt(r["actors new"].precision),
            _fmt(r["memberships"].recall),
            _fmt(r["agreements"].recall),
        ]
        lines.append(f"- {name}: {' / '.join(parts)}")
    return "\n".join(lines)


def main() -> int:
    clock = time.perf_counter()
    try:
        seeds = run(seed_cases())
    except SeedsMissing as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(table(seeds, "Seed reports (known entities: the other three curated files)"))
    print()
    print(table(run(fixture_cases()), "Own test documents (known entities: data/)"))
    print(f"\n({time.perf_counter() - clock:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
