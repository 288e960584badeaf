"""Reading input files (YAML, CSV) into validated `DataFile`s, with line numbers for errors."""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from clustergraph.errors import LoadValidationError, Problem
from graph.loaders.models import DataFile

_CERTAINTY_COLUMNS = {"certainty", "basis", "confidence"}
# Columns holding what YAML nests in a record (issue 13): `measures` ("members=147; budget=2.5
# MEUR"), `funded_by` / `supported_by` (actors by id or name), an agreement's `history`
# ("signed 2007; renewed 2013"); each takes the row's `source`.
_FACT_COLUMNS = {"measures", "funded_by", "supported_by"}
# A target's score: `score` (the value) with `metric`, `scale_min`, `scale_max`, `rank` and
# `criteria` ("fit for programme=7; size=10").
_SCORE_COLUMNS = {"score", "metric", "scale_min", "scale_max", "rank", "criteria"}
CSV_TABLES: dict[str, tuple[set[str], set[str]]] = {
    # table: (required columns, optional columns)
    "actors": (
        {"id", "name", "kind", "country"},
        {"aliases", "region", "city", "website", "sectors", "description", "source", "note"}
        | _CERTAINTY_COLUMNS
        | _FACT_COLUMNS,
    ),
    "memberships": ({"partnership", "actor", "role"}, {"source", "note"} | _CERTAINTY_COLUMNS),
    "agreements": (
        {"id", "kind", "parties"},
        {
            "status",
            "title",
            "signatories",
            "partnership",
            "date",
            "valid_until",
            "history",
            "sectors",
            "description",
            "source",
            "note",
        }
        | _CERTAINTY_COLUMNS,
    ),
    "partnerships": (
        {"id", "name", "kind"},
        {
            "aliases",
            "programme",
            "strand",
            "start",
            "end",
            "website",
            "sectors",
            "description",
            "source",
            "note",
        }
        | _CERTAINTY_COLUMNS
        | _FACT_COLUMNS,
    ),
    "events": (
        {"id", "name", "kind", "status"},
        {
            "date",
            "end_date",
            "city",
            "country",
            "region",
            "organisers",
            "participants",
            "partnership",
            "sectors",
            "description",
            "source",
            "note",
        }
        | _CERTAINTY_COLUMNS
        | _FACT_COLUMNS,
    ),
    "partnership_links": (
        {"partnership", "relation", "other"},
        {"source", "note"} | _CERTAINTY_COLUMNS,
    ),
    "target_countries": (
        {"partnership", "country", "status"},
        {"region", "source", "note"} | _SCORE_COLUMNS | _CERTAINTY_COLUMNS,
    ),
    "targets": (
        {"partnership", "actor", "status"},
        {"source", "note"} | _SCORE_COLUMNS | _CERTAINTY_COLUMNS,
    ),
    "regions": ({"id", "name", "kind", "countries"}, {"aliases", "source", "note"}),
    # Who funds or supports a record: type (actor, partnership, agreement, event), record (its
    # id, or an actor's or partnership's name), relation (funded_by, supported_by), actor.
    "support": (
        {"type", "record", "relation", "actor"},
        {"from", "to", "source", "note"} | _CERTAINTY_COLUMNS,
    ),
}
_LIST_COLUMNS = {
    "aliases",
    "sectors",
    "parties",
    "signatories",
    "organisers",
    "participants",
    "countries",
    "measures",
    "funded_by",
    "supported_by",
    "history",
    "criteria",
}
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(eq=False)
class ParsedFile:
    path: Path
    data: DataFile
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def record_name(self, loc: tuple[Any, ...]) -> str | None:
        if len(loc) < 2 or not isinstance(loc[1], int):
            return None
        section, index = loc[0], loc[1]
        try:
            record = getattr(self.data, section)[index]
            ident = getattr(record, "id", None)
        except (AttributeError, IndexError, TypeError):
            ident = None
        return f"{section}[{index}]" + (f" (id {ident})" if ident else "")


def _yaml_lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[(*path, key.value)] = key.start_mark.line + 1
            _yaml_lines(value, (*path, key.value), out)
            out[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _yaml_lines(item, (*path, i), out)


def _problems(path: Path, error: ValidationError, lines: dict, raw: Any) -> list[Problem]:
    problems = []
    for err in error.errors():
        loc = tuple(err["loc"])
        line = None
        for end in range(len(loc), -1, -1):
            if loc[:end] in lines:
                line = lines[loc[:end]]
                break
        record = None
        if len(loc) >= 2 and isinstance(loc[1], int):
            try:
                ident = raw[loc[0]][loc[1]].get("id")
            except (KeyError, IndexError, TypeError, AttributeError):
                ident = None
            record = f"{loc[0]}[{loc[1]}]" + (f" (id {ident})" if ident else "")
        fld = (
            ".".join(str(p) for p in loc[2:])
            if len(loc) > 2
            else (str(loc[0]) if len(loc) == 1 else None)
        )
        problems.append(Problem(str(path), err["msg"], record=record, field=fld, line=line))
    return problems


def read_yaml(path: Path) -> ParsedFile:
    try:
        text = path.read_text(encoding="utf-8")
        node, raw = _parse_yaml(text)
    except UnicodeDecodeError as e:
        raise _single(path, f"is not UTF-8 text ({e})") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise _single(
            path,
            f"is not valid YAML: {getattr(e, 'problem', e)}",
            line=mark.line + 1 if mark else None,
        ) from e
    if not isinstance(raw, dict):
        raise _single(path, "must be a YAML mapping with `format: clustergraph/v1` at the top")
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _yaml_lines(node, (), lines)
    try:
        data = DataFile.model_validate(raw)
    except ValidationError as e:
        raise LoadValidationError(_problems(path, e, lines, raw)) from e
    return ParsedFile(path, data, lines)


def _parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """One pass of libyaml (when PyYAML has it, ~10x the pure-Python parser): the node tree
    gives the line numbers for error messages, the same tree gives the data (as `safe_load`)."""
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "csv"


def read_csv(path: Path, document_id: str | None = None) -> ParsedFile:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            try:
                rows = list(reader)
            except csv.Error as e:
                raise _single(path, f"is not a valid CSV file ({e})", line=reader.line_num) from e
            header = set(rows[0].keys()) if rows else set()
    except UnicodeDecodeError as e:
        raise _single(path, f"is not UTF-8 text ({e})") from e
    if not rows:
        raise _single(path, "has no data rows (the first line must be a header)", line=1)
    # The table whose columns the header has, the most specific first (an actors table also
    # has the columns a partnerships table requires).
    fitting = [t for t, (req, opt) in CSV_TABLES.items() if req <= header <= req | opt]
    fitting = fitting or [t for t, (req, _) in CSV_TABLES.items() if req <= header]
    table = max(fitting, key=lambda t: len(CSV_TABLES[t][0]), default=None)
    if table is None:
        wanted = "; ".join(f"{t}: {','.join(sorted(r))}" for t, (r, _) in CSV_TABLES.items())
        raise _single(path, f"header {sorted(header)} matches no known table ({wanted})", line=1)
    required, optional = CSV_TABLES[table]
    unknown = header - required - optional
    if unknown:
        raise _single(path, f"unknown column(s) {sorted(unknown)} for a {table} table", line=1)
    records, lines = [], {}
    for index, row in enumerate(rows):
        record: dict[str, Any] = {}
        for column, value in row.items():
            value = (value or "").strip()
            if not value:
                continue
            record[column] = _split(value) if column in _LIST_COLUMNS else value
        record.setdefault("source", f"line {index + 2}")
        records.append(_nested(record))
        lines[(table, index)] = index + 2
    doc_id = document_id or _slug(path.stem)
    raw = {
        "format": "clustergraph/v1",
        "document": {"id": doc_id, "title": path.name, "file": path.name},
        table: records,
    }
    try:
        data = DataFile.model_validate(raw)
    except ValidationError as e:
        raise LoadValidationError(_problems(path, e, lines, raw)) from e
    return ParsedFile(path, data, lines)


def _pair(text: str) -> tuple[str, str]:
    name, _, value = text.partition("=")
    return name.strip(), value.strip()


def _number_or_text(value: str) -> float | str:
    try:
        return float(value)
    except ValueError:
        return value


def _nested(record: dict[str, Any]) -> dict[str, Any]:
    """A CSV row's flat cells as the nested fields of the YAML record (the model checks them)."""
    source = record["source"]
    # Score columns without a `score` stay as they are: the model names them as unexpected.
    scored = _SCORE_COLUMNS if "score" in record else set()
    out = {k: v for k, v in record.items() if k not in _FACT_COLUMNS | scored}
    out.pop("history", None)
    measures = []
    for item in record.get("measures", []):
        metric, value = _pair(item)
        number, _, unit = value.partition(" ")
        measures.append({"metric": metric, "value": number, "source": source})
        if unit.strip():
            measures[-1]["unit"] = unit.strip()
    if measures:
        out["measures"] = measures
    support = [
        {"actor": who, "relation": relation, "source": source}
        for relation in ("funded_by", "supported_by")
        for who in record.get(relation, [])
    ]
    if support:
        out["support"] = support
    if "history" in record:
        steps = [step.split(None, 1) for step in record["history"]]
        out["history"] = [
            {"event": s[0], **({"date": s[1]} if len(s) > 1 else {}), "source": source}
            for s in steps
        ]
    if "score" in record:
        out["score"] = {
            "metric": record.get("metric", "score"),
            "value": record["score"],
            **{k: record[k] for k in ("scale_min", "scale_max", "rank") if k in record},
            "criteria": [
                {"name": n, "value": _number_or_text(v)}
                for n, v in map(_pair, record.get("criteria", []))
            ],
        }
    return out


def read_file(path: Path, document_id: str | None = None) -> ParsedFile:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise _single(path, "does not exist or is not a file")
    if suffix in {".yaml", ".yml"}:
        return read_yaml(path)
    if suffix == ".csv":
        return read_csv(path, document_id)
    raise _single(path, "has an unknown extension: use .yaml, .yml or .csv")


def _single(path: Path, message: str, line: int | None = None):
    return LoadValidationError([Problem(str(path), message, line=line)])
