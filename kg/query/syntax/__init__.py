"""Readable SPARQL syntax errors: where a query stops parsing, and what could come there.

pyoxigraph reports the furthest point its PEG parser reached and every alternative it tried
there (raw Unicode ranges, internal rule names); rdflib names its grammar's rules at the start of
the construct that failed. Neither tells a user what to type. So when an engine rejects a query,
`explain` reads it again with this recursive-descent parser of the SPARQL 1.1 query and update
grammar, which knows at each token what may come next, and says so in words: the line and
column, the query's line with a caret under the token, and the expectation ("expected a
variable, an IRI or '}', found 'WHERE'"). An undeclared prefix is named, with the prefixes kg
predeclares. The parser only ever runs on a query an engine rejected, so it is lenient where
the engines are strict (a literal as a subject, a variable bound twice); if it finds nothing
wrong, the engine's own position is shown with its message.
"""

from kg.query.syntax.lexer import Stop
from kg.query.syntax.messages import explain, message, syntax_error

__all__ = ["Stop", "explain", "message", "syntax_error"]
