"""A cursor over a query's tokens that notes, at each token, every alternative the grammar
tried there, so that when none fits it can say what was expected."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.query.syntax.lexer import FUNCTIONS, KINDS, Stop, Token, tokens

_ABSOLUTE = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:")


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
