"""Ingest, side by side on the same rows and the same (fresh) Neo4j:

1. our loader (`clustergraph load`: parse, validate, resolve, batched UNWIND MERGE in one
   transaction), run as a child process so its peak RSS is measured;
2. Neo4j's own `LOAD CSV ... CALL { } IN TRANSACTIONS` of the same rows (bench/data/*/import);
3. the naive anti-pattern, one transaction per row with the loader's own MERGE statements, on a
   sample, extrapolated to rows per second.
Rows = nodes + relationships created. Each starts on a fresh server from the same prepared state
(schema, reference countries and sectors, source documents; untimed).
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from neo4j import Driver

from clustergraph import embedded
from clustergraph.settings import Settings
from graph.loaders.pipeline import REFERENCE_DIR, load, parse_files, validate
from graph.loaders.resolve import build_plan
from graph.loaders.writer import ACTORS_QUERY, AGREEMENTS_QUERY, write_plan
from graph.schema import apply_schema

PER_ROW_SAMPLE = 1000
_TX = "CALL (row) {{ {body} }} IN TRANSACTIONS OF 5000 ROWS"
_LOAD = "LOAD CSV WITH HEADERS FROM 'file:///{file}' AS row "
_MENTION = """WITH n, row MATCH (d:Document {{id: {doc}}})
MERGE (n)-[m:MENTIONED_IN]->(d) SET m.locators = [row.source]"""
_SECTORS = """WITH n, row UNWIND CASE WHEN row.sectors IS NULL THEN [] ELSE split(row.sectors, ';')
END AS sid MATCH (s:Sector {id: sid}) MERGE (n)-[:ACTIVE_IN]->(s)"""
_COUNTRY = """WITH n, row MATCH (c:Country {code: row.country}) MERGE (n)-[:LOCATED_IN]->(c)"""
# (file, per-row Cypher); the same nodes, relationships and main properties as the loader writes.
LOAD_CSV_STEPS = [
    ("actors.csv", """MERGE (n:Actor {id: row.id})
SET n.name = row.name, n.kind = row.kind, n.country = row.country, n.sources = [row.source],
    n.aliases = CASE WHEN row.aliases IS NULL THEN [] ELSE split(row.aliases, ';') END,
    n.alias_text = coalesce(row.aliases, ''), n.name_key = toLower(row.name)
WITH n, row CALL (n, row) { """ + _COUNTRY + " } CALL (n, row) { " + _SECTORS + " } "
     + _MENTION.format(doc="'bench-actors'")),
    ("partnerships.csv", """MERGE (n:Partnership {id: row.id})
SET n.name = row.name, n.kind = row.kind, n.programme = row.programme, n.start_text = row.start,
    n.sources = [row.source]
WITH n, row CALL (n, row) { """ + _SECTORS + " } " + _MENTION.format(doc="'bench-partnerships'")),
    ("members.csv", """MATCH (a:Actor {id: row.actor}), (p:Partnership {id: row.partnership})
MERGE (a)-[r:MEMBER_OF]->(p) SET r.role = row.role, r.sources = [row.source]"""),
    ("target_countries.csv", """MATCH (p:Partnership {id: row.partnership}),
      (c:Country {code: row.country})
MERGE (p)-[r:TARGETS_COUNTRY]->(c) SET r.status = row.status, r.sources = [row.source]"""),
    ("agreements.csv", """MERGE (n:Agreement {id: row.id})
SET n.kind = row.kind, n.status = row.status, n.date_text = row.date, n.sources = [row.source]
WITH n, row CALL (n, row) { UNWIND split(row.parties, ';') AS pid MATCH (a:Actor {id: pid})
  MERGE (a)-[r:PARTY_TO]->(n) SET r.sources = [row.source] }
CALL (n, row) { WITH n, row WHERE row.partnership IS NOT NULL
  MATCH (p:Partnership {id: row.partnership}) MERGE (n)-[:ON_BEHALF_OF]->(p) }
""" + _MENTION.format(doc="'bench-agreements'")),
    ("events.csv", """MERGE (n:Event {id: row.id})
SET n.name = row.name, n.kind = row.kind, n.date_text = row.date, n.country = row.country,
    n.sources = [row.source]
WITH n, row CALL (n, row) { """ + _COUNTRY + """ }
CALL (n, row) { WITH n, row WHERE row.partnership IS NOT NULL
  MATCH (p:Partnership {id: row.partnership}) MERGE (n)-[:PART_OF]->(p) }
""" + _MENTION.format(doc="row.doc")),
    ("event_links.csv", """MATCH (a:Actor {id: row.actor}), (e:Event {id: row.event})
FOREACH (_ IN CASE WHEN row.rel = 'ORGANISED' THEN [1] ELSE [] END |
  MERGE (a)-[:ORGANISED]->(e))
FOREACH (_ IN CASE WHEN row.rel = 'PARTICIPATED_IN' THEN [1] ELSE [] END |
  MERGE (a)-[:PARTICIPATED_IN]->(e))"""),
]  # fmt: skip


def _prepare(driver: Driver, settings: Settings, documents: list[str]) -> None:
    """Untimed: schema, reference countries and sectors, and the source documents."""
    plan = build_plan(parse_files(sorted(REFERENCE_DIR.glob("*.yaml"))))
    with driver.session(database=settings.neo4j_database) as session:
        apply_schema(session)
        session.execute_write(lambda tx: write_plan(tx, plan.rows, batch_size=500))
        session.run(
            "UNWIND $ids AS id MERGE (d:Document {id: id}) SET d.title = id", ids=documents
        ).consume()


def _documents(data: Path) -> list[str]:
    return sorted(p.stem for p in (data / "input").iterdir())


def load_csv(driver: Driver, settings: Settings, data: Path) -> dict:
    _prepare(driver, settings, _documents(data))
    target = embedded.import_dir(settings) / data.name
    shutil.copytree(data / "import", target, dirs_exist_ok=True)
    nodes = rels = 0
    start = time.perf_counter()
    with driver.session(database=settings.neo4j_database) as session:
        for file, body in LOAD_CSV_STEPS:
            query = _LOAD.format(file=f"{data.name}/{file}") + _TX.format(body=body)
            counters = session.run(query).consume().counters
            nodes += counters.nodes_created
            rels += counters.relationships_created
    elapsed = time.perf_counter() - start
    return _rates(nodes, rels, elapsed)


def per_row(driver: Driver, settings: Settings, data: Path) -> dict:
    """One auto-commit transaction per row, with the loader's own statements (batch of one)."""
    _prepare(driver, settings, _documents(data))
    plan = validate(_sample_files(data, settings.embedded_home / "per-row"))
    actors, agreements = plan.rows["actors"], plan.rows["agreements"]
    nodes = rels = 0
    start = time.perf_counter()
    with driver.session(database=settings.neo4j_database) as session:
        for query, rows in ((ACTORS_QUERY, actors), (AGREEMENTS_QUERY, agreements)):
            for row in rows:
                counters = session.execute_write(
                    lambda tx, q=query, r=row: tx.run(q, rows=[r]).consume().counters
                )
                nodes += counters.nodes_created
                rels += counters.relationships_created
    elapsed = time.perf_counter() - start
    return {**_rates(nodes, rels, elapsed), "sample_rows": len(actors) + len(agreements)}


def loader(settings: Settings, env: dict[str, str], data: Path) -> dict:
    """Our loader in a child process (`python -m bench.ingest DIR`): rates and peak RSS.

    It starts from the state the references start from: schema, reference countries and sectors
    and the source documents are in place (untimed), as `load_csv` and `per_row` get them.
    """
    from clustergraph.db import create_driver

    driver = create_driver(settings)
    try:
        _prepare(driver, settings, _documents(data))
    finally:
        driver.close()
    cmd = [sys.executable, "-m", "bench.ingest", str(data / "input")]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE)
    start = time.perf_counter()
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"the loader failed (exit {proc.returncode})")
    child = json.loads(out)
    return {
        **_rates(child["nodes"], child["rels"], elapsed),
        "phases_s": child["timings"],
        "duplicates": child["duplicates"],
        "commits": child["commits"],
        "rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def _sample_files(data: Path, folder: Path) -> list[Path]:
    """The first PER_ROW_SAMPLE actors, and up to as many agreements among them, as CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    ids: set[str] = set()
    for name, keep in (("bench-actors.csv", None), ("bench-agreements.csv", "parties")):
        with (data / "input" / name).open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = []
            for row in reader:
                if keep and not set(row[keep].split(";")) <= ids:
                    continue
                if keep:  # the sample holds no partnerships
                    row["partnership"] = ""
                rows.append(row)
                if len(rows) == PER_ROW_SAMPLE:
                    break
        if keep is None:
            ids = {row["id"] for row in rows}
        files.append(folder / name)
        with files[-1].open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, reader.fieldnames, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return files


def _rates(nodes: int, rels: int, elapsed: float) -> dict:
    return {
        "seconds": round(elapsed, 2),
        "nodes": nodes,
        "relationships": rels,
        "rows_per_s": round((nodes + rels) / elapsed),
    }


def _child(path: Path) -> None:
    from clustergraph.db import create_driver
    from clustergraph.settings import get_settings

    settings = get_settings()
    driver = create_driver(settings)
    try:
        report = load(driver, settings, [path], quiet=True)
    finally:
        driver.close()
    print(
        json.dumps(
            {
                "nodes": report.stats.nodes_created,
                "rels": report.stats.relationships_created,
                "timings": {k: round(v, 2) for k, v in report.timings.items()},
                "duplicates": len(report.duplicates),
                "commits": report.commits,
            }
        )
    )


if __name__ == "__main__":
    _child(Path(sys.argv[1]))
