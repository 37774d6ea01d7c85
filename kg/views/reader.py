"""A built graph as people look at it: entities and events, the facts between them with the
statements behind each, every mention, and the articles and sentences they come from.

This is the one place that knows how kg's RDF encodes those (ontology/kg.ttl, the contract
in docs/architecture.md); the networkx view, `kg viz` and `kg show` all read a graph through
it, once, with rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS
from rdflib.term import Node

from kg.graph.namespaces import KG, KGR, SCHEMA
from kg.ontology import classes_under, top_classes

EVENT = "Event"
EVENT_ROLES = ("agent", "target", "place")
_KG = str(KG)


def first(values: Iterable[Node]) -> Node | None:
    """The smallest of several values, so a graph that breaks the contract still reads stably."""
    vals = sorted(values, key=str)
    return vals[0] if vals else None


def local(iri: Node) -> str:
    """The last part of an IRI: its fragment, else its last path segment."""
    s = str(iri)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


def ref(iri: Node) -> str:
    """person/vladimir-putin for a kg resource, the IRI itself otherwise."""
    s = str(iri)
    return s[len(str(KGR)) :] if s.startswith(str(KGR)) else s


def term(iri: Node) -> str:
    """kg:locatedIn for kg's terms, the IRI otherwise."""
    s = str(iri)
    return "kg:" + s[len(_KG) :] if s.startswith(_KG) else s


def py(value: Node | None) -> Any:
    """A literal as plain JSON-able Python: numbers as numbers, dates and the rest as strings."""
    if value is None:
        return None
    if isinstance(value, Literal):
        v = value.toPython()
        if isinstance(v, bool | int):
            return v
        if isinstance(v, Decimal | float):
            return float(v)
    return str(value)


def number(v: Node | None) -> float | None:
    if not isinstance(v, Literal):
        return None
    p = v.toPython()
    return float(p) if isinstance(p, int | float | Decimal) and not isinstance(p, bool) else None


def text_of(v: Node | None) -> str | None:
    return None if v is None else str(v)


def _is_class_of(cls: str, top: str) -> bool:
    """Whether a kg type is a class of a node with this top class: for an entity, one of the
    classes under its top in the ontology (kg:Participant only marks an unnamed one); for an
    event, its event type."""
    return cls in classes_under(top) if top != EVENT else cls != "Participant"


@dataclass(slots=True)
class MentionRef:
    """A kg:Mention of a node: where it is (any part may be missing in a broken graph)."""

    iri: Node
    article: Node | None
    start: int | None
    end: int | None
    sentence: Node | None  # its kg:Sentence

    @property
    def placed(self) -> bool:
        return self.article is not None and self.start is not None and self.end is not None


@dataclass(slots=True)
class NodeInfo:
    """An entity or an event."""

    iri: URIRef
    label: str
    top: str  # Person, Region, Group or Event
    cls: str  # the most specific kg class (the first in name order), else the top
    classes: list[str]  # every specific kg class, sorted
    mention_count: int | None  # kg:mentionCount as stated (entities)
    alt: list[str]
    arts: set[Node] = field(default_factory=set)  # articles its placed mentions come from
    mentions: list[MentionRef] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How often it is mentioned: kg:mentionCount, else its placed mentions (events)."""
        placed = sum(1 for m in self.mentions if m.placed)
        if self.top == EVENT or not self.mention_count:
            return max(self.mention_count or 0, placed)
        return self.mention_count


@dataclass(slots=True)
class Fact:
    """A kg: predicate between two nodes: its truthy triple (asserted) and the Statements
    behind it (a fact found inside a quote has statements only)."""

    s: URIRef
    p: URIRef
    o: URIRef
    asserted: bool = False
    statements: list[Node] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StatementInfo:
    iri: Node
    article: Node | None
    start: int | None
    end: int | None
    sentence: Node | None  # its kg:Sentence
    sentence_index: int | None
    confidence: float | None
    extractor: str | None
    claimed_by: Node | None
    evidence: str | None


class GraphReader:
    """The parts of a kg graph the views show, read once."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.nodes = self._nodes()
        self._read_mentions()
        self.facts = self._facts()
        self._texts: dict[Node, str] = {}

    # ---- nodes, mentions, facts

    def _nodes(self) -> dict[URIRef, NodeInfo]:
        g = self.g
        tops = {KG[t]: t for t in (*top_classes(), EVENT)}
        out: dict[URIRef, NodeInfo] = {}
        for top_iri, top in tops.items():
            for n in g.subjects(RDF.type, top_iri):
                if not isinstance(n, URIRef) or n in out:
                    continue  # a node typed with two top classes keeps the first
                specific = sorted(
                    local(t)
                    for t in g.objects(n, RDF.type)
                    if str(t).startswith(_KG) and t not in tops and _is_class_of(local(t), top)
                )
                label = first(g.objects(n, SKOS.prefLabel))
                count = self.integer(n, KG.mentionCount)
                out[n] = NodeInfo(
                    iri=n,
                    label=str(label) if label is not None else local(n),
                    top=top,
                    cls=specific[0] if specific else top,
                    classes=specific,
                    mention_count=count,
                    alt=sorted({str(a) for a in g.objects(n, SKOS.altLabel)}),
                )
                if top == EVENT:
                    out[n].arts.update(g.objects(n, PROV.wasDerivedFrom))
        return out

    def _read_mentions(self) -> None:
        g = self.g
        for m in g.subjects(RDF.type, KG.Mention):
            target = first(g.objects(m, KG.refersTo))
            node = self.nodes.get(target) if isinstance(target, URIRef) else None
            if node is None:
                continue
            mention = MentionRef(
                iri=m,
                article=first(g.objects(m, PROV.wasDerivedFrom)),
                start=self.integer(m, KG.charStart),
                end=self.integer(m, KG.charEnd),
                sentence=first(g.objects(m, KG.inSentence)),
            )
            node.mentions.append(mention)
            if mention.placed:
                node.arts.add(mention.article)  # type: ignore[arg-type]

    def _facts(self) -> dict[tuple[URIRef, URIRef, URIRef], Fact]:
        g, nodes = self.g, self.nodes
        facts: dict[tuple[URIRef, URIRef, URIRef], Fact] = {}
        for st in g.subjects(RDF.type, KG.Statement):
            s, p, o = (first(g.objects(st, x)) for x in (KG.subject, KG.predicate, KG.object))
            if s in nodes and o in nodes and isinstance(p, URIRef):
                key = (s, p, o)
                facts.setdefault(key, Fact(*key)).statements.append(st)  # type: ignore[arg-type]
        for s in nodes:
            for p, o in g.predicate_objects(s):
                if o in nodes and str(p).startswith(_KG) and isinstance(p, URIRef):
                    key = (s, p, o)  # type: ignore[assignment]
                    facts.setdefault(key, Fact(*key)).asserted = True  # type: ignore[arg-type]
        return facts

    def entities(self) -> list[URIRef]:
        return sorted((n for n, i in self.nodes.items() if i.top != EVENT), key=str)

    def is_entity(self, node: Node) -> bool:
        info = self.nodes.get(node)  # type: ignore[call-overload]
        return info is not None and info.top != EVENT

    def label(self, node: Node) -> str:
        info = self.nodes.get(node)  # type: ignore[call-overload]
        if info is not None:
            return info.label
        lab = first(self.g.objects(node, SKOS.prefLabel))
        return str(lab) if lab is not None else ref(node)

    def facts_of(self, node: URIRef) -> list[Fact]:
        """The facts with ``node`` at either end, in (subject, predicate, object) order."""
        return sorted(
            (f for f in self.facts.values() if node in (f.s, f.o)),
            key=lambda f: (str(f.s), str(f.p), str(f.o)),
        )

    @cached_property
    def network(self) -> Any:
        """Entities and events as an undirected networkx Graph (an edge per pair of nodes
        some fact joins), for neighbourhoods."""
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(self.nodes)
        g.add_edges_from((f.s, f.o) for f in self.facts.values() if f.s != f.o)
        return g

    def within(self, centre: URIRef, hops: int) -> set[URIRef]:
        """The nodes at most ``hops`` facts from ``centre``, whichever way the facts point."""
        import networkx as nx

        return set(nx.ego_graph(self.network, centre, radius=hops))

    # ---- literals, articles, sentences, statements, events

    def integer(self, node: Node, prop: URIRef) -> int | None:
        v = first(self.g.objects(node, prop))
        return int(v.toPython()) if isinstance(v, Literal) else None

    def value(self, node: Node, prop: URIRef) -> Node | None:
        return first(self.g.objects(node, prop))

    def text(self, art: Node | None) -> str:
        if art is None:
            return ""
        if art not in self._texts:
            t = first(self.g.objects(art, KG.text))
            self._texts[art] = str(t) if t is not None else ""
        return self._texts[art]

    def sentence_span(self, sent: Node | None) -> tuple[Node, int, int] | None:
        """A kg:Sentence as (article, start, end), when its offsets fit its article's text."""
        if sent is None:
            return None
        art = first(self.g.objects(sent, PROV.wasDerivedFrom))
        s, e = self.integer(sent, KG.charStart), self.integer(sent, KG.charEnd)
        if art is None or s is None or e is None or not 0 <= s <= e <= len(self.text(art)):
            return None
        return art, s, e

    def article(self, art: Node) -> dict[str, Any]:
        """An article's title (or its first line), date, publisher and web link."""
        g = self.g
        title = first(g.objects(art, DCTERMS.title))
        url = text_of(first(g.objects(art, SCHEMA.url)))
        d: dict[str, Any] = {
            "id": local(art)[:12],
            "iri": str(art),
            "title": " ".join(str(title).split()) if title is not None else None,
            "untitled": title is None or not str(title).strip(),
            "date": text_of(first(g.objects(art, DCTERMS.date))),
            "publisher": text_of(first(g.objects(art, DCTERMS.publisher))),
            # only web links: a javascript: or data: URL in an article never becomes a link
            "url": url if url and url.lower().startswith(("http://", "https://")) else None,
        }
        if d["untitled"]:
            line = next((ln.strip() for ln in self.text(art).splitlines() if ln.strip()), "")
            d["title"] = line if len(line) <= 80 else line[:79].rstrip() + "…"
            d["title"] = d["title"] or f"article {d['id']}"
        return d

    def statement(self, st: Node) -> StatementInfo:
        return StatementInfo(
            iri=st,
            article=self.value(st, PROV.wasDerivedFrom),
            start=self.integer(st, KG.charStart),
            end=self.integer(st, KG.charEnd),
            sentence=self.value(st, KG.inSentence),
            sentence_index=self.integer(st, KG.sentence),
            confidence=number(self.value(st, KG.confidence)),
            extractor=text_of(self.value(st, KG.extractor)),
            claimed_by=self.value(st, KG.claimedBy),
            evidence=text_of(self.value(st, KG.evidence)),
        )

    def event_types(self, ev: Node) -> list[str]:
        return sorted(
            local(t)
            for t in self.g.objects(ev, RDF.type)
            if str(t).startswith(_KG) and t != KG.Event
        )

    def times(self, ev: Node) -> list[str]:
        """Every time an event states (kg:time and kg:timeStart), sorted."""
        return sorted(str(t) for p in (KG.time, KG.timeStart) for t in self.g.objects(ev, p))
