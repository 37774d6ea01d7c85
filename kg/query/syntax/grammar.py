"""The SPARQL 1.1 query and update grammar's top: a query form or updates after the
prologue, with the modifiers of a query (GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET)."""

from __future__ import annotations

from collections.abc import Callable

from kg.query.syntax.lexer import UPDATE_WORDS
from kg.query.syntax.patterns import _Patterns


class _Query(_Patterns):
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
