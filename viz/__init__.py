"""Network maps: NetworkMap (nodes + edges) -> a self-contained, offline HTML page.

viz knows nothing of Neo4j; `queries/maps/` builds the NetworkMap models from the graph.
"""

from viz.models import MapEdge, MapNode, NetworkMap
from viz.render import render_map, write_map

__all__ = ["MapEdge", "MapNode", "NetworkMap", "render_map", "write_map"]
