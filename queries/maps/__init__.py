"""Graph -> NetworkMap (viz input), one module per kind of map: an actor's neighbourhood, a
partnership, a country, paths between two entities, the filtered overview."""

from queries.maps.actor import MAX_DEPTH, MAX_MAP_NODES, actor_map
from queries.maps.build import cite, map_edge, map_node
from queries.maps.country import MAX_COUNTRY_NODES, country_map
from queries.maps.overview import DEFAULT_OVERVIEW_NODES, MAX_OVERVIEW_NODES, overview_map
from queries.maps.partnership import partnership_map
from queries.maps.path import MAX_HOPS, MAX_PATH_NODES, MAX_PATHS, path_map

paths_map = path_map  # the name before the path map showed its surroundings

__all__ = [
    "DEFAULT_OVERVIEW_NODES",
    "MAX_COUNTRY_NODES",
    "MAX_DEPTH",
    "MAX_HOPS",
    "MAX_MAP_NODES",
    "MAX_OVERVIEW_NODES",
    "MAX_PATHS",
    "MAX_PATH_NODES",
    "actor_map",
    "cite",
    "country_map",
    "map_edge",
    "map_node",
    "overview_map",
    "partnership_map",
    "path_map",
    "paths_map",
]
