"""The entities a report's names are resolved against: from the graph (read-only) or from files."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from clustergraph.errors import ClusterGraphError
from graph.extract.readers import ExtractInputError

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class KnownEntity:
    id: str
    type: str  # actor | partnership
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    country: str | None = None


@dataclass
class KnownEntities:
    entities: dict[tuple[str, str], KnownEntity] = field(default_factory=dict)
    origin: str = "nothing"

    def add(self, entity: KnownEntity) -> None:
        key = (entity.type, entity.id)
        if key in self.entities:
            old = self.entities[key]
            old.aliases = list(dict.fromkeys([*old.aliases, entity.name, *entity.aliases]))
        else:
            self.entities[key] = entity

    def of_type(self, type_: str) -> list[KnownEntity]:
        return [e for (t, _), e in self.entities.items() if t == type_]

    def get(self, type_: str, ident: str) -> KnownEntity | None:
        return self.entities.get((type_, ident))


def from_files(paths: list[Path]) -> KnownEntities:
    """Actors and partnerships of curated YAML files or folders (e.g. `data/`)."""
    known = KnownEntities(origin=", ".join(str(p) for p in paths))
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*.y*ml") if "reference" not in f.parts)
        elif p.is_file():
            files.append(p)
        else:
            raise ExtractInputError(f"{p}: no such file or folder of known entities.")
    for f in files:
        try:
            data = yaml.load(f.read_text(encoding="utf-8"), Loader=LOADER) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise ExtractInputError(f"{f} is not a readable YAML file of known entities.") from e
        for row in data.get("actors") or []:
            known.add(
                KnownEntity(
                    row["id"],
                    "actor",
                    row["name"],
                    list(row.get("aliases") or []),
                    row.get("kind"),
                    row.get("country"),
                )
            )
        for row in data.get("partnerships") or []:
            known.add(
                KnownEntity(
                    row["id"],
                    "partnership",
                    row["name"],
                    list(row.get("aliases") or []),
                    row.get("kind"),
                )
            )
    return known


KNOWN_ACTORS_QUERY = """
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, coalesce(a.aliases, []) AS aliases, a.kind AS kind,
       a.country AS country
"""
KNOWN_PARTNERSHIPS_QUERY = """
MATCH (p:Partnership)
RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases, p.kind AS kind
"""


def from_graph(settings) -> KnownEntities:
    """Actors and partnerships in the graph, read in a read transaction (nothing is written)."""
    from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

    from clustergraph.db import create_driver

    known = KnownEntities(origin=f"the graph at {settings.neo4j_uri}")
    try:
        driver = create_driver(settings)
    except (ClusterGraphError, ServiceUnavailable, SessionExpired, OSError) as e:
        raise ExtractInputError(
            f"Neo4j is not reachable at {settings.neo4j_uri}: start it, or give the known "
            "entities as files with --known data/."
        ) from e
    try:
        with driver.session(database=settings.neo4j_database) as session:
            actors = session.execute_read(lambda tx: tx.run(KNOWN_ACTORS_QUERY).data())
            partnerships = session.execute_read(lambda tx: tx.run(KNOWN_PARTNERSHIPS_QUERY).data())
    except (Neo4jError, ServiceUnavailable, SessionExpired) as e:
        raise ExtractInputError(f"Reading known entities from the graph failed: {e}") from e
    finally:
        driver.close()
    for r in actors:
        known.add(KnownEntity(r["id"], "actor", r["name"], r["aliases"], r["kind"], r["country"]))
    for r in partnerships:
        known.add(KnownEntity(r["id"], "partnership", r["name"], r["aliases"], r["kind"]))
    return known
