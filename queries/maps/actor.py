"""An actor's cooperation neighbourhood: the actors within `depth` hops and the evidence
(agreements, partnerships, events) between them; one hop is actor -> evidence -> actor."""

from collections.abc import Sequence

from neo4j import AsyncSession

from clustergraph.errors import InvalidRequestError, NotFoundError
from queries.agreements import as_of_params, evidence_in_force
from queries.common import read
from queries.links import parse_via, rel_pattern
from queries.maps.acting import add_acting_partnerships
from queries.maps.build import MapBuilder, proj, rel
from queries.maps.support import add_support
from viz.models import NetworkMap

MAX_DEPTH = 3


def in_force_words(as_of: str | None) -> str:
    """What a map's description says of an `as_of` date."""
    return f" (agreements in force as of {as_of} only)" if as_of else ""


MAX_MAP_NODES = 300  # a neighbourhood stops growing past this (the map says how much was left)

ACTOR_QUERY = "MATCH (a:Actor {id: $id}) RETURN " + proj("a") + " AS a"

# One ring of the neighbourhood: the evidence nodes the frontier actors are linked to, with
# every actor linked to each of them. Relationship types come from COOPERATION_LINKS only.
# Placeholders (unnamed parties) are left out unless asked for (a frontier actor always stays).
RING_QUERY = """
MATCH (a:Actor)-[:{rels}]-(e) WHERE a.id IN $frontier AND NOT elementId(e) IN $done
  AND ($placeholders OR e.certainty IS NULL OR e.certainty <> 'placeholder')
  AND {in_force}
WITH DISTINCT e LIMIT $max_evidence
MATCH (e)-[r:{rels}]-(b:Actor)
WHERE $placeholders OR b.id IN $frontier OR b.certainty IS NULL OR b.certainty <> 'placeholder'
RETURN elementId(e) AS key, {e} AS e,
       collect({r}) AS links
ORDER BY size(links) DESC, key
"""


async def ring(
    session: AsyncSession,
    out: MapBuilder,
    frontier: list[str],
    *,
    kinds: Sequence[str],
    done: list[str],
    seen: set[str],
    cap: int,
    placeholders: bool = False,
    as_of: str | None = None,
) -> tuple[list[str], int]:
    """Add one ring around `frontier` to `out`; the next frontier and the nodes left out.
    With `as_of` (YYYY[-MM[-DD]]) agreements not in force then are left out."""
    query = RING_QUERY.format(
        in_force=evidence_in_force("e"),
        rels=rel_pattern(kinds),
        e=proj("e"),
        r=rel("r", actor=proj("b"), actor_first="startNode(r) = b"),
    )
    rows = await read(
        session,
        query,
        frontier=frontier,
        done=done,
        max_evidence=cap,
        placeholders=placeholders,
        **as_of_params(as_of),
    )
    nxt: list[str] = []
    left_out: set[str] = set()
    for row in rows:
        actors = [link["actor"] for link in row["links"]]
        new = {f"actor:{a['id']}" for a in actors} | {f"{row['e']['type']}:{row['e']['id']}"}
        new -= out.nodes.keys()
        if len(out.nodes) + len(new) > cap:
            left_out |= new
            continue
        done.append(row["key"])
        for link in row["links"]:
            actor = link["actor"]
            pair = (actor, row["e"]) if link["actor_first"] else (row["e"], actor)
            out.link(*pair, link)
            if actor["id"] not in seen:
                seen.add(actor["id"])
                nxt.append(actor["id"])
    return nxt, len(left_out - out.nodes.keys())


async def actor_map(
    session: AsyncSession,
    actor_id: str,
    *,
    depth: int = 1,
    via: str | Sequence[str] | None = None,
    include_placeholders: bool = False,
    as_of: str | None = None,
) -> NetworkMap:
    """The actors reachable in `depth` cooperation hops, with the evidence nodes between them;
    placeholders (unnamed parties) only with `include_placeholders`; with `as_of`, only
    agreements in force then."""
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidRequestError(f"depth must be between 1 and {MAX_DEPTH}.")
    as_of_params(as_of)  # a bad date is an error before anything is read
    kinds = parse_via(via)
    rows = await read(session, ACTOR_QUERY, id=actor_id)
    if not rows:
        raise NotFoundError("actor", actor_id)
    out, centre = MapBuilder(), rows[0]["a"]
    out.node(centre, focus=True)
    frontier, seen, omitted = [actor_id], {actor_id}, 0
    done: list[str] = []
    for _ in range(depth):
        if not frontier:
            break
        frontier, omitted = await ring(
            session,
            out,
            frontier,
            kinds=kinds,
            done=done,
            seen=seen,
            cap=MAX_MAP_NODES,
            placeholders=include_placeholders,
            as_of=as_of,
        )
        if omitted:
            break
    await add_acting_partnerships(session, out, as_of=as_of)
    supported = await add_support(session, out)
    description = (
        f"Cooperation neighbourhood of {centre['name']} within {depth} hop(s) through "
        f"{', '.join(kinds)} links{in_force_words(as_of)}: {out.counts()}."
        + (f" {supported} funding or support link(s)." if supported else "")
        + (
            f" {omitted} more node(s) of the last ring were left out (cap {MAX_MAP_NODES}); "
            "ask for a smaller depth or fewer kinds of link."
            if omitted
            else ""
        )
    )
    return out.build(
        f"{centre['name']}: cooperation neighbourhood",
        description,
        omitted=omitted,
        cap=MAX_MAP_NODES,
    )
