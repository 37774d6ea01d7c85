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

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.errors import QueryError

WINDOW = 76  # characters of a long query line shown around the caret
_ABSOLUTE = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:")
_CLASS = re.compile(r"\[[^\]]*\]")
_ENGINE_AT = re.compile(r"error at (\d+):(\d+): ?")

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


def _found(t: Token) -> str:
    if t.kind == "end":
        return KINDS["end"]
    return f"'{t.text}'" if len(t.text) <= 30 else f"'{t.text[:29]}…'"


def _words(expected: Iterable[str]) -> str:
    """Expectations as a phrase: token kinds, punctuation, keywords, then the end."""
    expected = list(expected)
    kinds = [KINDS[k] for k in KINDS if k in expected and k != "end"]
    puncts = [f"'{e}'" for e in expected if e not in KINDS and (e == "a" or not e[0].isalpha())]
    words = [e for e in expected if e not in KINDS and e != "a" and e[0].isalpha()]
    if len(words) > 4:
        words = [f"a keyword ({', '.join(words)})"]
    items = kinds + puncts + words + ([KINDS["end"]] if "end" in expected else [])
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _is(t: Token, sym: str) -> bool:
    """Whether a token is a punctuation mark or (case-insensitively, but for 'a') a keyword."""
    if sym == "a":
        return t.kind == "word" and t.text == "a"
    return t.word() == sym if sym[0].isalpha() else t.kind == "punct" and t.text == sym


_KIND_TEST = {
    "var": lambda t: t.kind == "var",
    "iri": lambda t: t.kind in ("iri", "pname"),
    "iriref": lambda t: t.kind == "iri",
    "string": lambda t: t.kind in ("string", "number") or t.word() in ("TRUE", "FALSE"),
    "blank": lambda t: t.kind == "blank",
    "lang": lambda t: t.kind == "lang",
    "function": lambda t: t.word() in FUNCTIONS,
    "integer": lambda t: t.kind == "number" and t.text.isdigit(),
    "prefix": lambda t: t.kind == "pname" and t.text.find(":") == len(t.text) - 1,
    "end": lambda t: t.kind == "end",
}


class _Reader:
    """A cursor over the tokens that notes, at the current token, every alternative it tried:
    when none fits, those are what was expected there."""

    def __init__(self, text: str, prefixes: Iterable[str]) -> None:
        self.toks = tokens(text)
        self.i = 0
        self.known = set(prefixes)
        self.expected: dict[str, None] = {}  # an ordered set
        self.expected_at = 0
        self.base = False

    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def _note(self, label: str) -> None:
        if self.expected_at != self.i:
            self.expected, self.expected_at = {}, self.i
        self.expected[label] = None

    def at(self, *symbols: str) -> bool:
        for sym in symbols:
            self._note(sym)
        return any(_is(self.tok, sym) for sym in symbols)

    def at_kind(self, kind: str) -> bool:
        self._note(kind)
        return _KIND_TEST[kind](self.tok)

    def take(self) -> Token:
        t = self.tok
        self.i = min(self.i + 1, len(self.toks) - 1)
        return t

    def accept(self, *symbols: str) -> bool:
        return self.at(*symbols) and bool(self.take())

    def skip(self, *symbols: str) -> bool:
        """Like accept, but the symbols are not listed as expected: rare alternatives
        (path and expression operators) would only make every message longer."""
        return any(_is(self.tok, s) for s in symbols) and bool(self.take())

    def need(self, *symbols: str) -> None:
        if not self.accept(*symbols):
            self.fail()

    def need_kind(self, kind: str) -> Token:
        if not self.at_kind(kind):
            self.fail()
        return self.take()

    def fail(self) -> None:
        expected = self.expected if self.expected_at == self.i else {}
        found = _found(self.tok)
        raise Stop(
            self.tok.start,
            f"expected {_words(expected)}, found {found}" if expected else f"unexpected {found}",
        )

    def iri(self) -> None:
        t = self.need_kind("iri")
        prefix = t.text.partition(":")[0]
        if t.kind == "pname" and prefix not in self.known:
            raise Stop(t.start, f"unknown prefix {prefix}:", prefix=prefix)
        if t.kind == "iri" and not self.base and not _ABSOLUTE.match(t.text):
            raise Stop(t.start, f"{t.text} is a relative IRI: write it in full, or declare a BASE")


class _Query(_Reader):
    """The SPARQL 1.1 query and update grammar, one method per production (or a few)."""

    def unit(self, update: bool) -> None:
        self.prologue()
        if update:
            self.update()
        elif self.accept("SELECT"):
            self.select_rest()
        elif self.accept("CONSTRUCT"):
            self.construct_rest()
        elif self.accept("DESCRIBE"):
            self.describe_rest()
        elif self.accept("ASK"):
            self.datasets()
            self.where()
            self.modifiers()
        else:
            self.fail()
        if not update:
            self.values_clause()
        self.need_kind("end")

    def prologue(self) -> None:
        while True:
            if self.accept("BASE"):
                self.need_kind("iriref")
                self.base = True
            elif self.accept("PREFIX"):
                self.known.add(self.need_kind("prefix").text[:-1])
                self.need_kind("iriref")
            else:
                return

    # ---- updates

    def update(self) -> None:
        while True:
            self.update_one()
            if not self.accept(";"):
                return
            self.prologue()
            if self.at_kind("end"):
                return

    def update_one(self) -> None:
        word = self.tok.word()
        if not self.at(*UPDATE_WORDS, "WITH"):
            self.fail()
        self.take()
        if word == "LOAD":
            self.accept("SILENT")
            self.iri()
            if self.accept("INTO"):
                self.need("GRAPH")
                self.iri()
        elif word in ("CLEAR", "DROP"):
            self.accept("SILENT")
            if self.accept("GRAPH"):
                self.iri()
            else:
                self.need("DEFAULT", "NAMED", "ALL")
        elif word == "CREATE":
            self.accept("SILENT")
            self.need("GRAPH")
            self.iri()
        elif word in ("ADD", "MOVE", "COPY"):
            self.accept("SILENT")
            self.graph_or_default()
            self.need("TO")
            self.graph_or_default()
        elif word in ("INSERT", "DELETE") and self.accept("DATA"):
            self.quads()
        elif word == "DELETE" and self.accept("WHERE"):
            self.quads()
        else:
            self.modify(word)

    def modify(self, word: str) -> None:
        if word == "WITH":
            self.iri()
            if not self.at("DELETE", "INSERT"):
                self.fail()
            word = self.take().word()
        self.quads()
        if word == "DELETE" and self.accept("INSERT"):
            self.quads()
        while self.accept("USING"):
            self.accept("NAMED")
            self.iri()
        self.need("WHERE")
        self.group()

    def graph_or_default(self) -> None:
        if not self.accept("DEFAULT"):
            self.accept("GRAPH")
            self.iri()

    def quads(self) -> None:
        self.need("{")
        while True:
            while self.triples() and self.accept("."):
                pass
            if not self.accept("GRAPH"):
                break
            self.var_or_iri()
            self.template()
            self.accept(".")
        self.need("}")

    # ---- queries

    def select_rest(self, sub: bool = False) -> None:
        self.accept("DISTINCT", "REDUCED")
        if not self.accept("*"):
            n = 0
            while True:
                if self.at_kind("var"):
                    self.take()
                elif self.accept("("):
                    self.expression()
                    self.need("AS")
                    self.need_kind("var")
                    self.need(")")
                else:
                    break
                n += 1
            if n == 0:
                self.fail()
        if not sub:
            self.datasets()
        self.where()
        self.modifiers()

    def construct_rest(self) -> None:
        if self.at("{"):
            self.template()
            self.datasets()
            self.where()
        else:
            self.datasets()
            self.need("WHERE")
            self.template()
        self.modifiers()

    def template(self) -> None:
        self.need("{")
        while self.triples() and self.accept("."):
            pass
        self.need("}")

    def describe_rest(self) -> None:
        if not self.accept("*"):
            self.var_or_iri()
            while self.at_kind("var") or self.at_kind("iri"):
                self.var_or_iri()
        self.datasets()
        if self.at("WHERE", "{"):
            self.where()
        self.modifiers()

    def datasets(self) -> None:
        while self.accept("FROM"):
            self.accept("NAMED")
            self.iri()

    def where(self) -> None:
        self.accept("WHERE")
        self.group()

    def modifiers(self) -> None:
        if self.accept("GROUP"):
            self.need("BY")
            self.repeat(self.group_condition)
        if self.accept("HAVING"):
            self.repeat(self.constraint)
        if self.accept("ORDER"):
            self.need("BY")
            self.repeat(self.order_condition)
        for first, then in (("LIMIT", "OFFSET"), ("OFFSET", "LIMIT")):
            if self.accept(first):
                self.need_kind("integer")
                if self.accept(then):
                    self.need_kind("integer")
                return

    def repeat(self, item: Callable[[], bool]) -> None:
        """One or more of ``item``, a method that says whether it found one."""
        if not item():
            self.fail()
        while item():
            pass

    def group_condition(self) -> bool:
        if self.accept("("):
            self.expression()
            if self.accept("AS"):
                self.need_kind("var")
            self.need(")")
            return True
        return self.call() or self.var()

    def order_condition(self) -> bool:
        if self.accept("ASC", "DESC"):
            self.need("(")
            self.expression()
            self.need(")")
            return True
        return self.constraint() or self.var()

    def values_clause(self) -> None:
        if self.accept("VALUES"):
            self.data_block()

    def data_block(self) -> None:
        if self.var():
            self.need("{")
            while self.data_value():
                pass
            self.need("}")
            return
        self.need("(")
        while self.var():
            pass
        self.need(")")
        self.need("{")
        while self.accept("("):
            while self.data_value():
                pass
            self.need(")")
        self.need("}")

    def data_value(self) -> bool:
        if self.at_kind("iri"):
            self.iri()
            return True
        return self.literal() or self.accept("UNDEF")

    # ---- graph patterns

    def group(self) -> None:
        self.need("{")
        if self.accept("SELECT"):
            self.select_rest(sub=True)
            self.values_clause()
        else:
            self.group_body()
        self.need("}")

    def group_body(self) -> None:
        """Triples and other patterns; two triples need a '.' between them."""
        apart = True
        while True:
            if apart and self.triples():
                apart = self.accept(".")
            elif self.pattern():
                self.accept(".")
                apart = True
            else:
                return

    def pattern(self) -> bool:
        if self.at("{"):
            self.group()
            while self.accept("UNION"):
                self.group()
        elif self.accept("OPTIONAL", "MINUS") or self.skip("LATERAL"):
            self.group()
        elif self.accept("GRAPH"):
            self.var_or_iri()
            self.group()
        elif self.accept("SERVICE"):
            self.accept("SILENT")
            self.var_or_iri()
            self.group()
        elif self.accept("FILTER"):
            if not self.constraint():
                self.fail()
        elif self.accept("BIND"):
            self.need("(")
            self.expression()
            self.need("AS")
            self.need_kind("var")
            self.need(")")
        elif self.accept("VALUES"):
            self.data_block()
        else:
            return False
        return True

    def triples(self) -> bool:
        """A subject and its properties; a bare '[ … ]' or '( … )' needs none."""
        node = self.node()
        if node is None:
            return False
        if self.verb():
            self.properties()
        elif node == "term":
            self.fail()
        return True

    def properties(self) -> None:
        """The objects of the verb just read, then more verbs and objects after ';'."""
        self.objects()
        while self.accept(";"):
            if self.verb():
                self.objects()

    def node(self) -> str | None:
        """A term ("term"), a collection or a blank node with properties ("node"), or None."""
        if self.var() or self.term():
            return "term"
        if self.skip("("):
            if self.skip(")"):
                return "term"
            while self.node() is not None:
                pass
            self.need(")")
            return "node"
        if self.skip("["):
            if self.skip("]"):
                return "term"
            if not self.verb():
                self.fail()
            self.properties()
            self.need("]")
            return "node"
        return None

    def objects(self) -> None:
        if self.node() is None:
            self.fail()
        while self.accept(","):
            if self.node() is None:
                self.fail()

    def verb(self) -> bool:
        if self.var():
            return True
        if not (self.at_kind("iri") or self.at("a") or self.tok.text in ("^", "!", "(")):
            return False
        self.path()
        return True

    def path(self) -> None:
        self.path_step()
        while self.skip("/", "|"):
            self.path_step()

    def path_step(self) -> None:
        self.skip("^")
        if self.at_kind("iri"):
            self.iri()
        elif self.accept("a"):
            pass
        elif self.skip("!"):
            if self.skip("("):
                if not self.skip(")"):
                    self.path()
                    self.need(")")
            else:
                self.path_step()
        elif self.skip("("):
            self.path()
            self.need(")")
        else:
            self.fail()
        self.skip("?", "*", "+")

    # ---- terms

    def var(self) -> bool:
        return self.at_kind("var") and bool(self.take())

    def var_or_iri(self) -> None:
        if not self.var():
            self.iri()

    def term(self) -> bool:
        if self.at_kind("iri"):
            self.iri()
            return True
        return self.literal() or (self.at_kind("blank") and bool(self.take()))

    def literal(self) -> bool:
        t, after = self.tok, self.toks[min(self.i + 1, len(self.toks) - 1)]
        if t.kind == "punct" and t.text in "+-" and after.kind == "number":
            self.take()
        if not self.at_kind("string"):
            return False
        if self.take().kind == "string":
            if self.accept("^^"):
                self.iri()
            elif self.at_kind("lang"):
                self.take()
        return True

    # ---- expressions

    def constraint(self) -> bool:
        if self.accept("("):
            self.expression()
            self.need(")")
            return True
        return self.call()

    def call(self) -> bool:
        """A built-in function or an IRI's, with its arguments."""
        if self.at_kind("function"):
            self.builtin(self.take().word())
            return True
        if not self.at_kind("iri"):
            return False
        self.iri()
        self.arguments()
        return True

    def builtin(self, name: str) -> None:
        at = self.toks[self.i - 1].start
        if name == "NOT":
            self.need("EXISTS")
        if name in ("NOT", "EXISTS"):
            self.group()
            return
        self.need("(")
        if name in AGGREGATES:
            self.accept("DISTINCT")
            if name == "COUNT" and self.accept("*"):
                self.need(")")
                return
        n = 0 if self.accept(")") else self.builtin_arguments(name)
        least, most = ARITY[name]
        if not least <= n <= most:
            takes = f"{least} to {most}" if most < MANY and most > least else f"at least {least}"
            takes = str(least) if least == most else takes
            noun = "argument" if most == 1 else "arguments"
            raise Stop(at, f"{name} takes {takes} {noun}, not {n}")

    def builtin_arguments(self, name: str) -> int:
        """The arguments after '(' to the closing ')'; how many."""
        n = 1
        self.expression()
        while True:
            if self.accept(","):
                self.expression()
                n += 1
            elif name == "GROUP_CONCAT" and self.accept(";"):
                self.need("SEPARATOR")
                self.need("=")
                self.need_kind("string")
            else:
                break
        self.need(")")
        return n

    def arguments(self) -> None:
        self.need("(")
        if self.accept(")"):
            return
        self.accept("DISTINCT")
        self.expression()
        while self.accept(","):
            self.expression()
        self.need(")")

    def expression(self) -> None:
        """Operators are read, not listed as expected: after an operand, the message names
        what closes the expression (')', ',', AS), which is what a user most often missed."""
        self.operand()
        while True:
            if self.skip("||", "&&", "=", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/"):
                self.operand()
            elif self.skip("IN") or (self.skip("NOT") and self.skip("IN")):
                self.need("(")
                if not self.accept(")"):
                    self.expression()
                    while self.accept(","):
                        self.expression()
                    self.need(")")
            else:
                return

    def operand(self) -> None:
        while self.skip("!", "+", "-"):
            pass
        if self.accept("("):
            self.expression()
            self.need(")")
        elif self.at_kind("iri"):
            self.iri()
            if self.tok.text == "(":
                self.arguments()
        elif not (self.call() or self.literal() or self.var()):
            self.fail()


# ---- messages -----------------------------------------------------------------------------------


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
