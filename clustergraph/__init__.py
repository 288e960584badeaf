"""clustergraph: a graph database of inter-cluster cooperation."""

__version__ = "0.1.0"
