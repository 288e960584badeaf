"""Labels, relationship types, constraints and indexes: the graph's schema in one place."""

from graph.schema.apply import FULLTEXT_INDEX, SCHEMA_VERSION, apply_schema
from graph.schema.model import (
    COOPERATION_LINKS,
    DEFAULT_LINKS,
    ENTITY_KEYS,
    LABEL_TYPES,
    TYPE_LABELS,
    Label,
    Rel,
)

__all__ = [
    "COOPERATION_LINKS",
    "DEFAULT_LINKS",
    "ENTITY_KEYS",
    "FULLTEXT_INDEX",
    "LABEL_TYPES",
    "SCHEMA_VERSION",
    "TYPE_LABELS",
    "Label",
    "Rel",
    "apply_schema",
]
