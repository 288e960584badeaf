"""What the reports say about a record beyond its links: measures, scores on their scales and
how certain the record is. Stored compactly (JSON strings, flat relationship properties) by the
loaders; shown here as models."""

import json
from typing import Any

from pydantic import BaseModel

from queries.common import SourcePublic, parse_sources


class MeasurePublic(BaseModel):
    """A figure the source gives (ELCA's KPI targets, SPACE2ID's 176 projects)."""

    metric: str
    value: float
    unit: str | None = None
    period: str | None = None
    note: str | None = None
    sources: list[SourcePublic]


class CriterionPublic(BaseModel):
    name: str
    value: float | str


class ScorePublic(BaseModel):
    """A score on its scale; scores compare only within one `metric`. `text`: "700 / 1000,
    rank 1"."""

    metric: str
    value: float
    scale_min: float | None = None
    scale_max: float | None = None
    rank: int | None = None
    criteria: list[CriterionPublic] = []
    text: str


def measures(values: list[str] | None) -> list[MeasurePublic]:
    """Measures (JSON strings, one per source) merged by metric and period."""
    merged: dict[tuple, dict[str, Any]] = {}
    for value in values or []:
        m = json.loads(value)
        key = (m["metric"], m.get("period"), m["value"], m.get("unit"))
        entry = merged.setdefault(key, {**m, "sources": []})
        entry["sources"].append(m["source"])
    out = [
        MeasurePublic(
            **{k: v for k, v in m.items() if k not in {"source", "sources"}},
            sources=parse_sources(m["sources"]),
        )
        for m in merged.values()
    ]
    return sorted(out, key=lambda m: (m.metric, m.period or ""))


def metric_rank(partnership: str, link: str, rel: str) -> str:
    """Cypher: where target link `link` stands among `partnership`'s scores of the same metric
    (1 = highest, ties share a rank): the order the reports rank by when they give no rank
    ("700 / 1000, rank 1"). `rel` is a relationship type from graph.schema's allow-list."""
    return (
        f"CASE WHEN {link}.score IS NULL THEN null ELSE 1 + COUNT {{ "
        f"({partnership})-[o:{rel}]->() WHERE o.score > {link}.score "
        f"AND coalesce(o.score_metric, '') = coalesce({link}.score_metric, '') }} END"
    )


def _number(value: float) -> str:
    return f"{value:g}"


def score(rel: dict[str, Any]) -> ScorePublic | None:
    """The score of a target link (its flat properties), or None. Its rank is the stated one,
    else `metric_rank` (the order within the partnership's scores of that metric)."""
    if rel.get("score") is None:
        return None
    rank = rel["rank"] if rel.get("rank") is not None else rel.get("metric_rank")
    text = _number(rel["score"])
    if rel.get("scale_max") is not None:
        text += f" / {_number(rel['scale_max'])}"
    if rank is not None:
        text += f", rank {rank}"
    criteria = json.loads(rel["criteria"]) if rel.get("criteria") else []
    return ScorePublic(
        metric=rel.get("score_metric") or "score",
        value=rel["score"],
        scale_min=rel.get("scale_min"),
        scale_max=rel.get("scale_max"),
        rank=rank,
        criteria=[CriterionPublic(**c) for c in criteria],
        text=text,
    )


def score_order(s: ScorePublic | None, rank: int | None, name: str) -> tuple:
    """Within a metric: highest value first, then rank; unscored last."""
    if s is None:
        return (1, "", 0, rank is None, rank or 0, name.casefold())
    return (0, s.metric, -s.value, rank is None, rank or 0, name.casefold())
