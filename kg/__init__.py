"""kg: offline, deterministic knowledge graphs from news articles.

The public API is these four names; everything else is internal.
"""

from kg.build import BuildResult, build
from kg.query import load, query

__all__ = ["BuildResult", "build", "load", "query"]
__version__ = "0.1.0"
