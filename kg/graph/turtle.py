r"""Deterministic Turtle, written atomically.

kg writes Turtle itself instead of calling rdflib's serializer, which is slow and grows
faster than linearly with the graph (rdflib issue 2135). The output depends only on the
set of triples and the prefix map: not on insertion order, the store or PYTHONHASHSEED.

Order (total, so the bytes are stable):

- terms of one position are ordered by kind, IRIs < blank nodes < literals; IRIs by their
  IRI string and blank nodes by their label, compared by code point; literals by lexical
  form, then language tag (lower-cased; none sorts first), then datatype IRI (none first);
- subjects in that order, each once, followed by its predicates: rdf:type first (written
  ``a``), then the others by IRI; the objects of a predicate in that order, joined by ``,``;
- ``@prefix`` lines first, sorted by prefix name, only for prefixes the body uses.

Terms:

- an IRI is a prefixed name when a bound namespace leaves a local part that is a Turtle
  PN_LOCAL needing no backslash escape (``person:Ruslan_Gabbasov``, ``region:Zürich``,
  ``statement:3f2a``; not ``a.``, ``-a``, ``a/b``, ``a~b``); the longest such namespace wins,
  then the smallest prefix name. Otherwise ``<IRI>``, with the characters IRIREF forbids
  (controls, space, ``<>"{}|^`\``) and DEL/C1 controls as ``\uXXXX``. IRIs are expected to
  be absolute: there is no ``@base``.
- xsd:integer, xsd:decimal and xsd:boolean literals are bare tokens (``3``, ``0.9``,
  ``true``) only in their canonical lexical form, which every parser keeps as it is (a
  decimal also only where Python's Decimal prints it the same, as rdflib reads it so);
  ``"01"^^xsd:integer`` and every other typed literal are quoted with their datatype.
  Language tags are written in lower case (RDF compares them case-insensitively).
- a string with a line break is a triple-quoted long string, others short strings. Both
  escape backslash, CR, tab and the other C0, DEL and C1 controls (``\u0000``); a short
  string escapes every quote, a long one only the quotes that would close it.
- blank nodes keep their labels (``_:b1``) when all are valid Turtle labels; otherwise every
  label is re-encoded one-to-one as ``x`` + the hex of its UTF-8 bytes.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

__all__ = [
    "Rendered",
    "join_rendered",
    "render_subjects",
    "to_turtle",
    "write_turtle",
]

# The Turtle 1.1 grammar's character classes (https://www.w3.org/TR/turtle/#grammar-production-PN_CHARS_BASE).
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PERCENT = "%[0-9A-Fa-f]{2}"
# PN_LOCAL without PN_LOCAL_ESC: a local part that would need a backslash is written as <IRI>.
_PN_LOCAL = re.compile(
    f"(?:[{_PN_CHARS_U}:0-9]|{_PERCENT})(?:(?:[{_PN_CHARS}.:]|{_PERCENT})*(?:[{_PN_CHARS}:]|{_PERCENT}))?"
)
_PN_PREFIX = re.compile(f"(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?")
_BNODE_LABEL = re.compile(f"[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?")
_ABSOLUTE = re.compile("[A-Za-z][A-Za-z0-9+.-]*:")  # a namespace needs a scheme (no @base)
_LANGTAG = re.compile("[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")

# Characters IRIREF does not allow (controls, space and <>"{}|^`\), and DEL and C1 controls.
_IRI_BAD = re.compile('[\x00-\x20\x7f-\x9f<>"{}|^`\\\\]')
# Characters a string escapes: controls (C0, DEL, C1), backslash, and the quote in short strings.
_STR_ESC = {c: f"\\u{c:04X}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_STR_ESC.update({ord("\\"): "\\\\", ord("\t"): "\\t", ord("\r"): "\\r", ord("\n"): "\\n"})
_SHORT_ESC = {**_STR_ESC, ord('"'): '\\"'}
_LONG_ESC = {k: v for k, v in _STR_ESC.items() if k != ord("\n")}
_SHORT_BAD = re.compile('[\x00-\x1f\x7f-\x9f"\\\\]')
_LONG_BAD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\\\\]")
# In a """long string""" a quote is escaped where three would meet, and at the very end.
_LONG_QUOTE = re.compile(r'"(?="")|"\Z')

# Canonical lexical forms, which every parser keeps unchanged when written bare.
_BARE = {
    str(XSD.integer): re.compile("0|-?[1-9][0-9]*"),
    str(XSD.decimal): re.compile(r"(?!-0\.0$)-?(?:0|[1-9][0-9]*)\.(?:0|[0-9]*[1-9])"),
    str(XSD.boolean): re.compile("true|false"),
}

_DECIMAL = str(XSD.decimal)
_RDF_TYPE = str(RDF.type)


def to_turtle(graph: Graph) -> bytes:
    """``graph`` as Turtle (UTF-8), with its bound namespaces as prefixes; see the module doc."""
    prefixes = {str(p): str(ns) for p, ns in graph.namespaces()}
    with _no_gc():
        index = _memory_index(graph)
        if index is not None:
            return _serialize(index, prefixes)
        return write_turtle(graph, prefixes)


def write_turtle(triples: Iterable[tuple[Node, Node, Node]], prefixes: Mapping[str, str]) -> bytes:
    """Triples of rdflib terms as Turtle (UTF-8), for callers without an rdflib Graph.

    ``prefixes`` maps prefix names to namespace IRIs; only those the output uses are
    declared. Duplicate triples are written once. See the module doc for the order.
    """
    with _no_gc():
        return _serialize(_group(triples), {str(p): str(ns) for p, ns in prefixes.items()})


def _group(triples: Iterable[tuple[Node, Node, Node]]) -> dict[object, dict[object, list[Node]]]:
    """subject → predicate → objects; IRIs are keyed by their plain string (rdflib compares
    its terms in Python code)."""
    grouped: dict[object, dict[object, list[Node]]] = {}
    for s, p, o in triples:
        sk = str(s) if type(s) is URIRef or isinstance(s, URIRef) else s
        pk = str(p) if type(p) is URIRef or isinstance(p, URIRef) else p
        preds = grouped.get(sk)
        if preds is None:
            grouped[sk] = {pk: [o]}
            continue
        objs = preds.get(pk)
        if objs is None:
            preds[pk] = [o]
        else:
            objs.append(o)
    return grouped


def _memory_index(graph: Graph) -> dict[Node, dict[Node, dict[Node, int]]] | None:
    """The subject → predicate → objects index of a plain in-memory Graph, if it has one.

    Walking rdflib's own index (a private attribute of its Memory store) skips the
    generators rdflib runs per triple, which cost more than writing the Turtle. Used only
    when the store holds this graph and nothing else and the index counts exactly
    ``len(graph)`` triples; any other graph or store takes the public API.
    """
    store = graph.store
    if type(graph) is not Graph or type(store) is not Memory:
        return None
    index = getattr(store, "_Memory__spo", None)
    contexts = getattr(store, "_Memory__all_contexts", None)
    if not isinstance(index, dict) or not isinstance(contexts, set):
        return None
    if any(getattr(c, "identifier", None) != graph.identifier for c in contexts):
        return None
    if sum(len(objs) for po in index.values() for objs in po.values()) != len(graph):
        return None
    return index


class _InvalidLabel(Exception):
    """A blank node label Turtle cannot write as it is: relabel every blank node."""


class _Renderer:
    """Turtle text of terms, each computed once; records the prefixes it uses.

    Caches are keyed by plain strings: rdflib terms compare equal in Python code, which
    costs more than copying the string when the same IRI arrives as many objects.
    """

    def __init__(self, prefixes: Mapping[str, str], relabel: bool) -> None:
        # Namespaces keyed by what precedes their last "/" or "#": a local part never holds
        # either, so only namespaces with the IRI's key can abbreviate it.
        by_key: dict[str, list[tuple[str, str]]] = {}
        for prefix, ns in sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            if _PN_PREFIX.fullmatch(prefix) and _ABSOLUTE.match(ns):
                by_key.setdefault(_head(ns), []).append((prefix, ns))
        self._by_key = by_key
        self._ns = dict(prefixes)
        self._relabel = relabel
        self.used: set[str] = set()
        # term → (its text, the prefix it uses or ""): a cached text still marks its prefix
        # as used, so ``used`` is right for whatever was rendered since it was last reset
        self._iris: dict[str, tuple[str, str]] = {}
        self._literals: dict[tuple[str, str | None, str | None], tuple[str, str]] = {}

    def iri(self, iri: str) -> str:
        text, prefix = self._iri(str(iri))
        if prefix:
            self.used.add(prefix)
        return text

    def _iri(self, key: str) -> tuple[str, str]:
        found = self._iris.get(key)
        if found is None:
            found = self._iris[key] = self._render_iri(key)
        return found

    def _render_iri(self, iri: str) -> tuple[str, str]:
        for prefix, ns in self._by_key.get(_head(iri), ()):
            if iri.startswith(ns):
                local = iri[len(ns) :]
                if not local or _PN_LOCAL.fullmatch(local):
                    return f"{prefix}:{local}", prefix
        return _iriref(iri), ""

    def term(self, term: Node) -> str:
        """Any object or subject; IRIs take the faster ``iri`` where the caller knows."""
        kind = type(term)
        if kind is URIRef:
            return self.iri(term)
        if kind is Literal or isinstance(term, Literal):
            return self.literal(cast(Literal, term))
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, BNode):
            return self.bnode(term)
        raise ValueError(f"cannot write {type(term).__name__} {term!r} as Turtle")

    def bnode(self, node: BNode) -> str:
        label = str(node)
        if self._relabel:
            return "_:x" + label.encode("utf-8").hex()
        if not _BNODE_LABEL.fullmatch(label):
            raise _InvalidLabel(label)
        return f"_:{label}"

    def literal(self, lit: Literal) -> str:
        lang = lit.language
        dt = lit.datatype
        key = (str(lit), lang, None if dt is None else str(dt))
        found = self._literals.get(key)
        if found is None:
            found = self._literals[key] = self._render_literal(*key)
        if found[1]:
            self.used.add(found[1])
        return found[0]

    def _render_literal(self, lex: str, lang: str | None, dt: str | None) -> tuple[str, str]:
        if lang:
            if not _LANGTAG.fullmatch(lang):
                raise ValueError(f"not a language tag: {lang!r}")
            return f"{_string(lex)}@{lang.lower()}", ""
        if dt is None:
            return _string(lex), ""
        bare = _BARE.get(dt)
        if bare is not None and bare.fullmatch(lex):
            # rdflib reads a bare decimal through Decimal: keep "1E-7" from replacing 0.0000001
            if dt != _DECIMAL or str(Decimal(lex)) == lex:
                return lex, ""
        text, prefix = self._iri(dt)
        return f"{_string(lex)}^^{text}", prefix

    def header(self) -> str:
        return _header(self.used, self._ns)


def _header(used: Iterable[str], namespaces: Mapping[str, str]) -> str:
    return "".join(f"@prefix {p}: {_iriref(namespaces[p])} .\n" for p in sorted(used))


def _head(iri: str) -> str:
    return iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]


def _iriref(iri: str) -> str:
    if _IRI_BAD.search(iri):
        iri = _IRI_BAD.sub(lambda m: f"\\u{ord(m.group()):04X}", iri)
    return f"<{iri}>"


def _string(lex: str) -> str:
    if "\n" in lex:
        if _LONG_BAD.search(lex):
            lex = lex.translate(_LONG_ESC)
        if '"' in lex:
            lex = _LONG_QUOTE.sub('\\\\"', lex)
        return f'"""{lex}"""'
    if _SHORT_BAD.search(lex):
        lex = lex.translate(_SHORT_ESC)
    return f'"{lex}"'


def _order(term: Node) -> tuple[int, str, str, str]:
    """The sort key of a term: see the module doc."""
    kind = type(term)
    if kind is URIRef:
        return (0, str(term), "", "")
    if kind is Literal or isinstance(term, Literal):
        lit = cast(Literal, term)
        lang, dt = lit.language, lit.datatype
        return (2, str(term), lang.lower() if lang else "", "" if dt is None else str(dt))
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, BNode):
        return (1, str(term), "", "")
    raise ValueError(f"cannot write {type(term).__name__} {term!r} as Turtle")


def _subject_order(item: tuple[object, object]) -> tuple[int, str, str, str]:
    s = item[0]
    if type(s) is URIRef or type(s) is str:
        return (0, str(s), "", "")
    if isinstance(s, (URIRef, BNode)):
        return _order(s)
    raise ValueError(f"a subject must be an IRI or a blank node, not {s!r}")


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: the writer makes no cycles, and on a large graph
    each full collection it would trigger rescans every live rdflib term (seconds)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _serialize(
    grouped: Mapping[Any, Mapping[Any, Collection[Node]]], prefixes: Mapping[str, str]
) -> bytes:
    """Turtle of a subject → predicate → objects index (objects as any collection).

    Subjects and predicates are rdflib terms, or plain strings standing for IRIs.
    """
    try:
        return _write(grouped, _Renderer(prefixes, relabel=False))
    except _InvalidLabel:
        return _write(grouped, _Renderer(prefixes, relabel=True))


def _write(grouped: Mapping[Any, Mapping[Any, Collection[Node]]], r: _Renderer) -> bytes:
    return _join([text for _, text in _subject_texts(grouped, r)], r.header())


def _subject_texts(
    grouped: Mapping[Any, Mapping[Any, Collection[Node]]], r: _Renderer
) -> Iterator[tuple[Any, str]]:
    """Each subject's statements as Turtle ("s p o ; p o, o .\n\n"), in subject order."""
    # Per predicate IRI: (not rdf:type, IRI, text), so sorting puts rdf:type first.
    pinfo: dict[str, tuple[bool, str, str]] = {}
    iri, term = r.iri, r.term
    for s, po in sorted(grouped.items(), key=_subject_order):
        entries = []
        for p, objs in po.items():
            if not objs:
                continue
            if type(p) is not str and not isinstance(p, URIRef):
                raise ValueError(f"a predicate must be an IRI, not {p!r}")
            key = str(p)
            info = pinfo.get(key)
            if info is None:
                info = pinfo[key] = (key != _RDF_TYPE, key, "a" if key == _RDF_TYPE else iri(key))
            if len(objs) == 1:
                for o in objs:
                    text = iri(o) if type(o) is URIRef else term(o)
            else:
                text = ", ".join(dict.fromkeys(term(o) for o in sorted(objs, key=_order)))
            entries.append((info, text))
        if not entries:
            continue
        entries.sort()
        head = iri(s) if type(s) is URIRef or type(s) is str else term(s)
        yield s, f"{head} " + " ;\n    ".join(f"{i[2]} {t}" for i, t in entries) + " .\n\n"


def _join(texts: list[str], header: str) -> bytes:
    if not texts:
        return b""
    texts[-1] = texts[-1][:-1]
    texts.insert(0, header + "\n")
    return "".join(texts).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Rendered:
    """The Turtle of some subjects, each with all its statements, ready to be merged with
    other such parts into one document (``join_rendered``): an article's part of the graph
    is rendered once and reused by later builds (kg/graph/blocks.py)."""

    subjects: tuple[str, ...]  # subject IRIs, in order
    texts: tuple[str, ...]  # each subject's statements
    prefixes: frozenset[str]  # the prefix names the texts use


class Renderer:
    """Renders sets of triples one at a time, sharing the text of terms between them."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self._r = _Renderer({str(p): str(ns) for p, ns in prefixes.items()}, relabel=False)

    def render(self, triples: Iterable[tuple[Node, Node, Node]]) -> Rendered:
        """``triples`` as a Rendered part; every subject must be an IRI."""
        grouped = _group(triples)
        for s in grouped:
            if type(s) is not str:
                raise ValueError(f"a part's subjects must be IRIs, not {s!r}")
        r = self._r
        r.used = set()
        with _no_gc():
            pairs = list(_subject_texts(grouped, r))
        return Rendered(tuple(s for s, _ in pairs), tuple(t for _, t in pairs), frozenset(r.used))


def render_subjects(
    triples: Iterable[tuple[Node, Node, Node]], prefixes: Mapping[str, str]
) -> Rendered:
    """``triples`` (IRI subjects only) as a Rendered part."""
    return Renderer(prefixes).render(triples)


def join_rendered(parts: Iterable[Rendered], prefixes: Mapping[str, str]) -> bytes:
    """One Turtle document of parts that share no subject: exactly what ``write_turtle``
    writes for all their triples together."""
    subjects: list[str] = []
    texts: list[str] = []
    used: set[str] = set()
    for part in parts:
        subjects += part.subjects
        texts += part.texts
        used |= part.prefixes
    order = sorted(range(len(subjects)), key=subjects.__getitem__)
    for a, b in zip(order, order[1:], strict=False):
        if subjects[a] == subjects[b]:
            raise ValueError(f"subject {subjects[a]} is in two parts of the graph")
    namespaces = {str(p): str(ns) for p, ns in prefixes.items()}
    return _join([texts[i] for i in order], _header(used, namespaces))
