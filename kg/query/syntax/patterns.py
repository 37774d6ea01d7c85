"""The SPARQL grammar's graph patterns: groups, triples and property paths, inline data
(VALUES), terms and expressions."""

from __future__ import annotations

from kg.query.syntax.lexer import AGGREGATES, ARITY, MANY, Stop
from kg.query.syntax.reader import _Reader


class _Patterns(_Reader):
    """Graph patterns down to terms and expressions, one method per production (or a few)."""

    def select_rest(self, sub: bool = False) -> None:
        """A SELECT after its keyword: a group may hold a sub-query (grammar.py reads it)."""
        raise NotImplementedError

    # ---- inline data

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
