"""The graph's terms, made once: node IRIs derived from what a node is (a label, an article
id and offsets, a hash of a fact), the literals that repeat, and the triples as a plain set.

No blank nodes: every node has an IRI derived from what it is, so the Turtle is
byte-identical for the same inputs.
"""

from __future__ import annotations

import re
from datetime import date as _date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS, XSD
from rdflib.term import Node

from kg.gazetteer.names import slug
from kg.graph.namespaces import KG, KGR, TOP_SEGMENT, bind
from kg.link.events import Event

ARTICLE_ID_CHARS = 16


@lru_cache(maxsize=65536)
def article_iri(article_id: str) -> URIRef:
    return KGR[f"article/{article_id[:ARTICLE_ID_CHARS]}"]


@lru_cache(maxsize=65536)
def entity_iri(ref: str) -> URIRef:
    top, key = ref.split("/", 1)
    return KGR[f"{TOP_SEGMENT[top]}/{key}"]


def event_iri(ev: Event) -> URIRef:
    return KGR[f"event/{slug(ev.type)}/{ev.key}"]


def quote_iri(article_id: str, start: int, end: int) -> URIRef:
    return KGR[f"quote/{article_id[:ARTICLE_ID_CHARS]}/{start}-{end}"]


def mention_iri(article_id: str, start: int, end: int, kind: str = "") -> URIRef:
    return URIRef(f"{KGR}mention/{article_id[:ARTICLE_ID_CHARS]}/{start}-{end}{kind}")


@lru_cache(maxsize=65536)
def _text(value: str) -> Literal:
    """A plain string literal; names and reasons repeat across thousands of mentions."""
    return Literal(value)


@lru_cache(maxsize=4096)
def _dec(x: float) -> Literal:
    return Literal(Decimal(str(round(x, 3))), datatype=XSD.decimal)


@lru_cache(maxsize=65536)
def _int(x: int) -> Literal:
    return Literal(str(x), datatype=XSD.integer)


def _date_literal(value: str) -> Literal:
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    if re.fullmatch(r"\d{4}-\d\d", value):
        return Literal(value, datatype=XSD.gYearMonth)
    try:
        return Literal(_date.fromisoformat(value[:10]).isoformat(), datatype=XSD.date)
    except ValueError:
        return Literal(value)


Triple = tuple[Node, Node, Node]


class _Terms:
    """A namespace whose terms are made once: rdflib builds (and validates) a new URIRef
    on every ``_KG.x``, which at corpus scale costs more than the graph itself."""

    def __init__(self, ns: Any) -> None:
        self._ns = ns
        self._made: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        term = self[name]
        setattr(self, name, term)  # later lookups find it without calling __getattr__
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._made.get(name)
        if term is None:
            term = self._made[name] = URIRef(self._ns[name])
        return term


_KG, _RDF, _SKOS, _PROV, _OWL, _DCTERMS, _XSD = (
    _Terms(ns) for ns in (KG, RDF, SKOS, PROV, OWL, DCTERMS, XSD)
)


class Triples(set[Triple]):
    """The assembled graph as a plain set: rdflib's Graph.add costs several times more
    than building the terms themselves, and the build only needs to count and write."""

    def to_graph(self) -> Graph:
        g = Graph()
        bind(g)
        for t in self:
            g.add(t)
        return g
