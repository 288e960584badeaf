"""Backups: the whole graph as portable JSON lines, and restoring such a file in one transaction.

Line 1 is a header (`{"format": "clustergraph/export-v1", ...}`), then one node per line
(`{"node": label, "key": value, "properties": {...}}`), then one relationship per line
(`{"rel": type, "from": {...}, "to": {...}, "properties": {...}}`). Dates are tagged
(`{"$date": "2020-05-01"}`). Restoring gives back the identical graph (see `graph.snapshot`),
provenance (`sources`, `notes`, `MENTIONED_IN` locators) included.
"""

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from neo4j import Driver, ManagedTransaction
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clustergraph.errors import LoadValidationError, Problem
from clustergraph.settings import Settings
from graph.schema import apply_schema
from graph.schema.apply import RESET_QUERY, migrate
from graph.schema.derived import SUMMARY_INVALIDATE_QUERY
from graph.schema.model import Label, Rel
from graph.snapshot import KEYS, decode, dump

FORMAT = "clustergraph/export-v1"
_LABELS = tuple(label.value for label in Label if label is not Label.SCHEMA_INFO)
_RELS = tuple(rel.value for rel in Rel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Header(_Strict):
    format: Literal["clustergraph/export-v1"]
    exported_at: str
    nodes: int
    relationships: int


class NodeLine(_Strict):
    node: Literal[_LABELS]  # type: ignore[valid-type]
    key: str
    properties: dict[str, Any]


class EndRef(_Strict):
    label: Literal[_LABELS]  # type: ignore[valid-type]
    key: str
    value: str


class RelLine(_Strict):
    rel: Literal[_RELS]  # type: ignore[valid-type]
    from_: EndRef = Field(alias="from")
    to: EndRef
    properties: dict[str, Any]


def export_lines(driver: Driver, database: str) -> Iterator[str]:
    """The graph as JSON lines (SchemaInfo left out: a load records the schema itself)."""
    snapshot = dump(driver, database)
    nodes = [n for n in snapshot["nodes"] if Label.SCHEMA_INFO.value not in n["labels"]]
    rels = snapshot["relationships"]
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    header = {
        "format": FORMAT,
        "exported_at": stamp,
        "nodes": len(nodes),
        "relationships": len(rels),
    }
    yield json.dumps(header)
    for n in nodes:
        label = n["labels"][0]
        line = {"node": label, "key": n["properties"][KEYS[label]], "properties": n["properties"]}
        yield json.dumps(line, ensure_ascii=False)
    for r in rels:
        line = {"rel": r["type"], "from": r["from"], "to": r["to"], "properties": r["properties"]}
        yield json.dumps(line, ensure_ascii=False)


def is_backup(path: Path) -> bool:
    return path.suffix.lower() == ".jsonl"


def read_backup(path: Path) -> tuple[list[NodeLine], list[RelLine]]:
    """Parse and check every line; raise `LoadValidationError` naming the line and field."""
    problems: list[Problem] = []
    nodes: list[NodeLine] = []
    rels: list[RelLine] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise LoadValidationError(
            [Problem(str(path), f"cannot be read as UTF-8 text ({e})")]
        ) from e
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
            if number == 1:
                Header.model_validate(raw)
            elif isinstance(raw, dict) and "node" in raw:
                nodes.append(_checked_node(NodeLine.model_validate(raw)))
            else:
                rels.append(RelLine.model_validate(raw))
        except json.JSONDecodeError as e:
            problems.append(Problem(str(path), f"is not JSON ({e.msg})", line=number))
        except ValidationError as e:
            for err in e.errors():
                fld = ".".join(str(p) for p in err["loc"]) or None
                problems.append(
                    Problem(str(path), err["msg"], record=f"line {number}", field=fld, line=number)
                )
        except ValueError as e:
            problems.append(Problem(str(path), str(e), record=f"line {number}", line=number))
    if not lines:
        problems.append(Problem(str(path), "is empty: expected a clustergraph export"))
    if problems:
        raise LoadValidationError(problems)
    return nodes, rels


def _checked_node(node: NodeLine) -> NodeLine:
    if node.properties.get(KEYS[node.node]) != node.key:
        raise ValueError(f"properties.{KEYS[node.node]} must equal key {node.key!r}")
    return node


def _decoded(properties: dict[str, Any]) -> dict[str, Any]:
    return {name: decode(value) for name, value in properties.items()}


def _node_query(label: str) -> str:
    # Label and key come from the allow-list in graph/schema/model.py, never from the file.
    return (
        f"UNWIND $rows AS row MERGE (n:{label} {{{KEYS[label]}: row.key}}) SET n = row.properties"
    )


def _rel_query(rel: str, a: str, b: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{a} {{{KEYS[a]}: row.a}}) "
        f"MATCH (b:{b} {{{KEYS[b]}: row.b}}) MERGE (a)-[r:{rel}]->(b) SET r = row.properties"
    )


def restore(
    tx: ManagedTransaction, nodes: list[NodeLine], rels: list[RelLine], batch_size: int
) -> tuple[int, int]:
    """Write the backup's nodes, then its relationships (the caller's transaction)."""
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in nodes:
        by_label[n.node].append({"key": n.key, "properties": _decoded(n.properties)})
    by_rel: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rels:
        row = {"a": r.from_.value, "b": r.to.value, "properties": _decoded(r.properties)}
        by_rel[(r.rel, r.from_.label, r.to.label)].append(row)
    created = [0, 0]
    for label, rows in by_label.items():
        for start in range(0, len(rows), batch_size):
            counters = tx.run(_node_query(label), rows=rows[start : start + batch_size]).consume()
            created[0] += counters.counters.nodes_created
    for (rel, a, b), rows in by_rel.items():
        for start in range(0, len(rows), batch_size):
            summary = tx.run(_rel_query(rel, a, b), rows=rows[start : start + batch_size]).consume()
            created[1] += summary.counters.relationships_created
    return created[0], created[1]


def restore_files(
    driver: Driver, settings: Settings, paths: list[Path], *, reset: bool = False
) -> tuple[int, int]:
    """Check every backup file, then write all of them in one managed (retried) transaction."""
    parsed = [read_backup(p) for p in paths]

    def work(tx: ManagedTransaction) -> tuple[int, int]:
        if reset:
            tx.run(RESET_QUERY).consume()
        tx.run(SUMMARY_INVALIDATE_QUERY).consume()  # the maps by country count afresh
        totals = [0, 0]
        for nodes, rels in parsed:
            made = restore(tx, nodes, rels, settings.load_batch_size)
            totals = [totals[0] + made[0], totals[1] + made[1]]
        return totals[0], totals[1]

    with driver.session(database=settings.neo4j_database) as session:
        apply_schema(session)
        made = session.execute_write(work)
        # A backup carries no schema version: what it holds is upgraded like a version 1 graph.
        migrate(session, stored=1)
        return made
