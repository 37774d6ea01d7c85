"""The readable error: where a query stops parsing (this grammar's reading, else the
engine's own position), as a line and column with the query's line and a caret."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.errors import QueryError
from kg.query.syntax.grammar import _Query
from kg.query.syntax.lexer import Stop

WINDOW = 76  # characters of a long query line shown around the caret
_CLASS = re.compile(r"\[[^\]]*\]")
_ENGINE_AT = re.compile(r"error at (\d+):(\d+): ?")


def explain(sparql: str, prefixes: Iterable[str], *, update: bool = False) -> Stop | None:
    """Where and why ``sparql`` does not parse, or None if this parser finds nothing wrong."""
    try:
        _Query(sparql, prefixes).unit(update)
    except Stop as stop:
        return stop
    return None


def locate(text: str, at: int) -> tuple[int, int]:
    """Line and column (both from 1) of offset ``at``."""
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def pointer(text: str, at: int) -> str:
    """The line holding offset ``at`` and a caret under it, both indented; a long line is cut
    to a window around the caret."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : len(text) if end < 0 else end].rstrip("\r")
    line = "".join(c if c.isprintable() else " " for c in line)  # a tab is one column
    col = at - start
    if len(line) > WINDOW:
        lo = max(0, min(col - WINDOW // 2, len(line) - WINDOW))
        cut = line[lo : lo + WINDOW]
        cut = ("…" + cut[1:]) if lo > 0 else cut
        line = (cut[:-1] + "…") if lo + WINDOW < len(line) else cut
        col -= lo
    return f"  {line}\n  {' ' * col}^"


def message(sparql: str, stop: Stop, predeclared: Iterable[str]) -> str:
    """The readable error: what and where on one line, then the line with a caret."""
    line, col = locate(sparql, stop.at)
    if stop.prefix is not None:
        known = ", ".join(f"{p}:" for p in predeclared)
        head = (
            f"SPARQL: unknown prefix {stop.prefix}: at line {line}, column {col}; kg "
            f"predeclares {known} (declare another with PREFIX {stop.prefix}: <IRI>)"
        )
    else:
        head = f"SPARQL syntax error at line {line}, column {col}: {stop.why}"
    return f"{head}\n{pointer(sparql, stop.at)}"


def syntax_error(
    sparql: str, error: BaseException, predeclared: Iterable[str], *, update: bool = False
) -> QueryError:
    """The QueryError for a query an engine (pyoxigraph or rdflib) would not parse: this
    module's reading of it, else the engine's own position and words."""
    stop = explain(sparql, predeclared, update=update) or _engine_stop(sparql, error)
    if stop is None:
        return QueryError(f"SPARQL error: {error}")
    return QueryError(message(sparql, stop, predeclared))


def _engine_stop(sparql: str, error: BaseException) -> Stop | None:
    """Where the engine said the query failed (it was given the query stripped)."""
    text = str(error)
    if isinstance(error, SyntaxError) and (m := _ENGINE_AT.search(text)):
        line, col, detail = int(m[1]), int(m[2]), text[m.end() :]
    elif hasattr(error, "lineno") and hasattr(error, "col"):  # pyparsing's exceptions
        line, col, detail = error.lineno, error.col, getattr(error, "msg", text)
    else:
        return None
    lead = len(sparql) - len(sparql.lstrip())
    stripped = sparql[lead:]
    at = sum(len(x) + 1 for x in stripped.split("\n")[: line - 1]) + col - 1
    return Stop(min(lead + at, len(sparql)), _engine_words(detail))


def _engine_words(detail: str) -> str:
    """An engine's reason, without pyoxigraph's character classes ("['A' ..= 'Z' | …]");
    its own sentences ("Duplicated variable name in SELECT") as they are."""
    items = [x.strip() for x in _CLASS.sub("", detail).split(",") if x.strip()]
    items[:1] = [re.sub(r"^expected (one of )?", "", items[0])] if items else []
    sentences = [x for x in items if " " in x]
    if sentences:
        return "; ".join(sentences)
    why = "the query does not parse here"
    return f"{why} (expected {' or '.join(items)})" if items else why
