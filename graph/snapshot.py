"""A canonical, complete dump of the graph: every node and relationship with every property.

Two dumps are equal exactly when the graphs are (labels, properties, relationship types,
endpoints and properties), so tests and the reliability runs compare graphs with `==` on dumps,
and `dump_bytes` gives the same graph the same bytes. Backups (`graph.backup`) use the same
value encoding.
"""

import datetime as dt
import json
from typing import Any

import neo4j
from neo4j import Driver, ManagedTransaction

from graph.schema.derived import PAIRS_ID
from graph.schema.model import ENTITY_KEYS, Label

# The property that identifies a node of each label (SchemaInfo included: it is data too).
KEYS: dict[str, str] = {label.value: key for label, key in ENTITY_KEYS.items()}
KEYS[Label.SCHEMA_INFO.value] = "id"

# The country-pair summary (graph/schema/derived.py) is a cache of counts, not data: a write
# removes it, the next load builds it again; two graphs with the same facts dump the same.
NODES_QUERY = f"""
MATCH (n) WHERE NOT (n:SchemaInfo AND n.id = '{PAIRS_ID}')
RETURN labels(n) AS labels, properties(n) AS props
"""
# Endpoints by label and key value (not by element id): a dump taken while another transaction
# commits must not lose track of a node created after the node query ran.
RELATIONSHIPS_QUERY = """
MATCH (a)-[r]->(b)
RETURN labels(a) AS al, {id: a.id, code: a.code} AS ak, type(r) AS type,
       labels(b) AS bl, {id: b.id, code: b.code} AS bk, properties(r) AS props
"""


def encode(value: Any) -> Any:
    """A property value as JSON: temporal values become tagged strings, lists keep their order."""
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    raise TypeError(f"cannot encode a property of type {type(value).__name__}")


def decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, text),) = value.items()
        if tag == "$date":
            return dt.date.fromisoformat(text)
        if tag == "$datetime":
            return dt.datetime.fromisoformat(text)
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def node_ref(labels: list[str], props: dict[str, Any]) -> dict[str, Any]:
    """How a node is named across dumps: its label and the value of its key property."""
    label = next((lb for lb in sorted(labels) if lb in KEYS), None)
    if label is None:
        return {"labels": sorted(labels), "props": {k: encode(v) for k, v in props.items()}}
    return {"label": label, "key": KEYS[label], "value": props.get(KEYS[label])}


def _sort_key(item: dict[str, Any]) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _dump(tx: ManagedTransaction) -> dict[str, list[dict[str, Any]]]:
    nodes = []
    for record in tx.run(NODES_QUERY):
        props = dict(record["props"])
        nodes.append(
            {
                "labels": sorted(record["labels"]),
                "properties": {k: encode(v) for k, v in sorted(props.items())},
            }
        )
    relationships = [
        {
            "type": record["type"],
            "from": node_ref(record["al"], dict(record["ak"])),
            "to": node_ref(record["bl"], dict(record["bk"])),
            "properties": {k: encode(v) for k, v in sorted(dict(record["props"]).items())},
        }
        for record in tx.run(RELATIONSHIPS_QUERY)
    ]
    return {
        "nodes": sorted(nodes, key=_sort_key),
        "relationships": sorted(relationships, key=_sort_key),
    }


def dump(driver: Driver, database: str) -> dict[str, list[dict[str, Any]]]:
    """Every node and relationship, in one read transaction, in canonical order."""
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(_dump)


def dump_bytes(snapshot: dict[str, list[dict[str, Any]]]) -> bytes:
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode("utf-8")


def describe_difference(old: dict[str, list], new: dict[str, list], limit: int = 5) -> str:
    """A short account of how two dumps differ, for assertion messages and reports."""
    lines = []
    for part in ("nodes", "relationships"):
        a = {_sort_key(x) for x in old[part]}
        b = {_sort_key(x) for x in new[part]}
        lines.append(f"{part}: {len(a - b)} gone, {len(b - a)} new")
        lines += [f"  - {x[:300]}" for x in sorted(a - b)[:limit]]
        lines += [f"  + {x[:300]}" for x in sorted(b - a)[:limit]]
    return "\n".join(lines)
