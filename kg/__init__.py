"""kg: offline, deterministic knowledge graphs from news articles.

The public API is these five names; everything else is internal.
"""

from kg.build import BuildResult, build
from kg.network import to_networkx
from kg.query import load, query

__all__ = ["BuildResult", "build", "load", "query", "to_networkx"]
__version__ = "0.1.0"
