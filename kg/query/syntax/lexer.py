"""The SPARQL lexer: a query's tokens, the words of the language the grammar checks
(built-in functions and their arities, update operations), and Stop, where reading ends."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
      (?P<space>\s+|\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'{1,2}(?!'))*'''|\"\"\"(?:[^"\\]|\\.|"{1,2}(?!"))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<open>['"])
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<blank>_:[\w-]+(?:\.+[\w-]+)*)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<pname>(?:[^\W\d_](?:[\w.-]*[\w-])?)?:
        (?:(?:[\w:%-]|\\\S)(?:(?:[\w.:%-]|\\\S)*(?:[\w:%-]|\\\S))?)?)
    | (?P<number>\d+\.\d*[eE][+-]?\d+|\.?\d+[eE][+-]?\d+|\d*\.\d+|\d+)
    | (?P<word>[^\W\d]\w*)
    | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*+\-/|^!?=<>])
    """,
    re.VERBOSE | re.DOTALL,
)

# What a kind of token is called in an expectation, in the order expectations are listed.
KINDS = {
    "var": "a variable",
    "iri": "an IRI",
    "iriref": "an IRI in <…>",
    "string": "a literal",
    "blank": "a blank node",
    "lang": "a language tag",
    "function": "a function",
    "integer": "a whole number",
    "prefix": "a prefix name like ex:",
    "end": "the end of the query",
}

AGGREGATES = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"})
MANY = 1 << 16
# The built-in functions (SPARQL 1.1, and 1.2's that pyoxigraph knows) by how many arguments
# each takes, at least and at most.
ARITY: dict[str, tuple[int, int]] = {
    **dict.fromkeys(
        """STR LANG DATATYPE BOUND IRI URI ABS CEIL FLOOR ROUND STRLEN UCASE LCASE ENCODE_FOR_URI
        YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ MD5 SHA1 SHA256 SHA384 SHA512 ISIRI ISURI
        ISBLANK ISLITERAL ISNUMERIC LANGDIR HASLANG HASLANGDIR ISTRIPLE SUBJECT PREDICATE OBJECT
        COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT""".split(),
        (1, 1),
    ),
    **dict.fromkeys(
        "LANGMATCHES CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER STRLANG STRDT SAMETERM".split(),
        (2, 2),
    ),
    **dict.fromkeys("IF STRLANGDIR TRIPLE".split(), (3, 3)),
    **dict.fromkeys("RAND NOW UUID STRUUID".split(), (0, 0)),
    "BNODE": (0, 1),
    "SUBSTR": (2, 3),
    "REGEX": (2, 3),
    "REPLACE": (3, 4),
    "CONCAT": (0, MANY),
    "COALESCE": (0, MANY),
}
FUNCTIONS = frozenset(ARITY) | {"EXISTS", "NOT"}
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # a key of _TOKEN's groups, "end", or "word" for keywords and names
    text: str
    start: int  # offset in the query

    def word(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


class Stop(Exception):
    """Where the query stops parsing and why; ``prefix`` when the reason is an undeclared one."""

    def __init__(self, at: int, why: str, *, prefix: str | None = None) -> None:
        super().__init__(why)
        self.at = at
        self.why = why
        self.prefix = prefix


def tokens(text: str) -> list[Token]:
    """The query's tokens; Stop at a character no token starts with, or an open string."""
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise Stop(pos, f"unexpected character {text[pos]!r}")
        kind = m.lastgroup or ""
        if kind == "open":
            raise Stop(pos, f"a string opened with {m.group()} is not closed on its line")
        if kind != "space":
            out.append(Token(kind, m.group(), pos))
        pos = m.end()
    out.append(Token("end", "", len(text)))
    return out
