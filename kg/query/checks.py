"""What kg checks of a request before an engine sees it: which form it is, that it neither
changes the graph nor reaches outside it unless allowed, and whether an argument is query
text or the name of a query file."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kg.errors import QueryError, UsageError

UPDATE_FORMS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
NETWORK_WORDS = frozenset({"SERVICE", "LOAD", "FROM", "USING"})
QUERY_WORDS = UPDATE_FORMS | {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE", "WHERE"}
QUERY_SUFFIXES = (".rq", ".sparql", ".txt")


# What the checks below look at: SPARQL's tokens, with strings, IRIs, comments, variables,
# language tags and prefixed names skipped whole, so that "DELETE" inside a literal or
# <http://x/SERVICE> is never taken for a keyword.
_LEXEME = re.compile(
    r"""
      \#[^\r\n]*
    | '''(?:[^'\\]|\\.|'{1,2}(?!'))*'''
    | \"\"\"(?:[^"\\]|\\.|"{1,2}(?!"))*\"\"\"
    | '(?:[^'\\\r\n]|\\.)*'
    | "(?:[^"\\\r\n]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | [?$]\w+
    | @[A-Za-z]+(?:-[A-Za-z0-9]+)*
    | (?:[^\W\d][\w.-]*)?:(?:[\w.:%-]|\\.)*
    | (?P<word>[^\W\d]\w*)
    | \S
    """,
    re.VERBOSE | re.DOTALL,
)


def read_query(arg: str) -> str:
    """The query an argument gives: its text, or the text of the file it names.

    An argument that reads as a file name (it ends in .rq, .sparql or .txt, or holds a path
    separator and no SPARQL keyword) but names no file is a UsageError, not a query to parse.
    Query text may be longer than a file name may be, or hold a newline or a brace."""
    if "\n" in arg or "{" in arg:
        return arg
    p = Path(arg)
    kind = _kind(p)
    if kind == "file":
        try:
            return p.read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(f"cannot read query file {arg}: {e.strerror or e}") from e
        except UnicodeDecodeError as e:
            raise UsageError(f"query file {arg} is not UTF-8 text") from e
    if _looks_like_a_file(arg):
        if kind is not None:
            raise UsageError(f"not a query file: {arg} is a {kind}")
        raise UsageError(f"no such query file: {arg}")
    return arg


def _kind(p: Path) -> str | None:
    """What is at ``p``: a "file", a "folder", a "special file", or None (nothing, or no path
    at all: a query longer than a file name may be)."""
    try:
        if p.is_file():
            return "file"
        return "folder" if p.is_dir() else "special file" if p.exists() else None
    except (OSError, ValueError):  # "File name too long", a NUL in the name
        return None


def _looks_like_a_file(arg: str) -> bool:
    if arg.lower().endswith(QUERY_SUFFIXES):
        return True
    if "/" not in arg and os.sep not in arg:
        return False
    return not any(m["word"].upper() in QUERY_WORDS for m in _LEXEME.finditer(arg) if m["word"])


def check(sparql: str, *, allow_update: bool = False, allow_service: bool = False) -> str:
    """The form of a request (SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE), refusing what was
    not allowed: an update changes the graph; SERVICE, LOAD, and FROM or USING (which rdflib
    resolves by fetching the IRI) reach outside it.

    The engines' query parsers reject updates on their own; this decides which message the user
    gets and keeps network requests from ever reaching an engine that would send them.
    """
    words = [m["word"].upper() for m in _LEXEME.finditer(sparql) if m["word"]]
    form = next((w for w in words if w not in ("BASE", "PREFIX")), "")
    if form in UPDATE_FORMS and not allow_update:
        raise QueryError(
            f"SPARQL UPDATE ({form}) is refused: queries are read-only unless allowed "
            "(--allow-update, allow_update=True; only the in-memory graph changes)"
        )
    outside = next((w for w in words if w in NETWORK_WORDS), None)
    if outside and not allow_service:
        raise QueryError(
            f"{outside} is refused: kg reads nothing from outside the graph unless allowed "
            "(--allow-service, allow_service=True)"
        )
    return "UPDATE" if form in UPDATE_FORMS else form
