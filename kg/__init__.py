"""kg: offline, deterministic knowledge graphs from news articles.

The public API is these five names; everything else is internal.
"""

from kg.builder.build import build
from kg.builder.result import BuildResult
from kg.query import load, query
from kg.views.network import to_networkx

__all__ = ["BuildResult", "build", "load", "query", "to_networkx"]
__version__ = "0.1.0"
