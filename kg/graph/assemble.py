"""Extractions + linking → one rdflib Graph that follows the graph contract.

No blank nodes: every node has an IRI derived from what it is (a label, an
article id and offsets, a hash of a fact), so the Turtle is byte-identical for
the same inputs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as _date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS, XSD
from rdflib.term import Node

from kg.gazetteer.names import slug
from kg.graph.namespaces import KG, KGR, SCHEMA, TOP_SEGMENT, bind
from kg.link.events import Event
from kg.model import Entity, EventMention, Extraction, Link, Linking

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


@dataclass(frozen=True, slots=True)
class Facts:
    """What an article's part of the graph reads about an entity its mentions link to."""

    cls: str
    homeland: str | None = None
    homeland_cls: str | None = None  # the homeland's class, when the build has it


@dataclass(frozen=True, slots=True)
class ArticleInputs:
    """Everything one article's own part of the graph is made from, and nothing else.

    The part (the article's node, its sentences, mentions, quotes and statements) is a
    function of these alone, so a digest of them keys a rendered copy a later build can
    reuse (kg/graph/blocks.py). What depends on the whole build (entities, events, truthy
    facts) is the shared part.
    """

    extraction: Extraction
    links: Mapping[tuple[int, int], Link]  # this article's mentions → their links
    entities: Mapping[str, Facts]  # every entity those links name
    reports: tuple[tuple[EventMention, str], ...]  # this article's event mentions → event IRI
    focus: str | None  # the region the article is about
    unplaced: tuple[tuple[str, EventMention], ...]  # events first reported here, unplaced

    def canonical(self) -> str:
        """The inputs besides the extraction as canonical JSON (event mentions by their
        index in the extraction)."""
        index: dict[EventMention, int] = {}
        for i, em in enumerate(self.extraction.events):
            index.setdefault(em, i)
        return json.dumps(
            [
                sorted(
                    [s, e, k.entity, k.reason, k.score, k.literal]
                    for (s, e), k in self.links.items()
                ),
                sorted(
                    [ref, f.cls, f.homeland, f.homeland_cls] for ref, f in self.entities.items()
                ),
                sorted([index[em], iri] for em, iri in self.reports),
                self.focus,
                sorted([iri, index[em]] for iri, em in self.unplaced),
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )


def _quoted(x: Extraction, links: Mapping[tuple[int, int], Link]) -> list[tuple[int, int, URIRef]]:
    """Spans of the article's quotes whose speaker is known, with the speaker: a fact said
    inside one is the speaker's claim, not the article's."""
    out = []
    for q in x.quotes:
        who = q.speaker or q.speaker_antecedent
        link = links.get(who) if who else None
        if link is not None:
            out.append((q.start, q.end, entity_iri(link.entity)))
    return out


def _claimant(quoted: list[tuple[int, int, URIRef]], start: int, end: int) -> URIRef | None:
    for s, e, speaker in quoted:
        if s <= start and end <= e:
            return speaker
    return None


def _focus_region(
    x: Extraction, links: Mapping[tuple[int, int], Link], entities: Mapping[str, Entity]
) -> str | None:
    """The place an article is about: its most mentioned region, a subdivision or city
    counting half again a country ("Bashkortostan" over "Russia" in a story on it)."""
    weight = {"City": 1.5, "FederalSubject": 1.5, "Region": 1.2, "Country": 1.0}
    score: Counter[str] = Counter()
    for m in x.mentions:
        link = links.get((m.start, m.end))
        if link is None or link.reason in ("metonymy", "apposition"):
            continue
        cls = entities[link.entity].cls
        if cls in weight:
            score[link.entity] += weight[cls]
    if not score:
        return None
    best = max(score, key=lambda r: (score[r], r))
    return best if score[best] >= 2 else None


class _Part:
    """One article's own part of the graph, made from its ArticleInputs only."""

    def __init__(self, inp: ArticleInputs) -> None:
        self.inp = inp
        self.x = x = inp.extraction
        self.aid = x.article.id
        self.art = article_iri(self.aid)
        self.g = Triples()
        self.truthy: list[Triple] = []  # facts the article asserts, on shared subjects
        self.quoted = _quoted(x, inp.links)
        self.sentence_nodes: dict[int, URIRef] = {}
        self.statements: set[URIRef] = set()  # its kg:Statement nodes

    def build(self) -> _Part:
        self.article()
        self.mentions()
        self.quotes()
        self.relations()
        self.reports()
        for node, first in self.inp.unplaced:
            # The sentence names no place: the article's own place, marked as inferred.
            self.statement(
                URIRef(node),
                _KG.place,
                entity_iri(self.inp.focus),  # type: ignore[arg-type]
                first.sentence,
                (first.start, first.end),
                "kg.events.article-place",
                0.3,
            )
        return self

    def sentence(self, node: URIRef, index: int) -> None:
        """Point a mention or statement at its sentence node (made on first use)."""
        g = self.g
        sent = self.sentence_nodes.get(index)
        if sent is None:
            sent = URIRef(f"{KGR}sentence/{self.aid[:ARTICLE_ID_CHARS]}/{index}")
            self.sentence_nodes[index] = sent
            s, e = self.x.sentences[index]
            g.add((sent, _RDF.type, _KG.Sentence))
            g.add((sent, _PROV.wasDerivedFrom, self.art))
            g.add((sent, _KG.sentence, _int(index)))
            g.add((sent, _KG.charStart, _int(s)))
            g.add((sent, _KG.charEnd, _int(e)))
        g.add((node, _KG.inSentence, sent))

    def mention(
        self, target: URIRef, start: int, end: int, sentence: int, surface: Literal
    ) -> URIRef:
        """A mention node of an entity or an event (its trigger), with its provenance."""
        g, node = self.g, mention_iri(self.aid, start, end)
        g.add((node, _RDF.type, _KG.Mention))
        g.add((node, _KG.refersTo, target))
        g.add((node, _PROV.wasDerivedFrom, self.art))
        g.add((node, _KG.charStart, _int(start)))
        g.add((node, _KG.charEnd, _int(end)))
        g.add((node, _KG.sentence, _int(sentence)))
        self.sentence(node, sentence)
        g.add((node, _KG.surfaceForm, surface))
        return node

    def evidence(self, sentence: int) -> Literal:
        s, e = self.x.sentences[sentence]
        return Literal(" ".join(self.x.article.text[s:e].split()))

    def article(self) -> None:
        g, node, a = self.g, self.art, self.x.article
        g.add((node, _RDF.type, _KG.Article))
        g.add((node, _DCTERMS.identifier, Literal(a.id)))
        g.add((node, _KG.text, Literal(a.text)))
        if a.title:
            g.add((node, _DCTERMS.title, Literal(a.title)))
        if a.date:
            g.add((node, _DCTERMS.date, _date_literal(a.date)))
        if a.url:
            g.add((node, SCHEMA.url, Literal(a.url, datatype=_XSD.anyURI)))
        if a.source:
            g.add((node, _DCTERMS.publisher, Literal(a.source)))

    def mentions(self) -> None:
        g, links = self.g, self.inp.links
        for m in self.x.mentions:
            link = links.get((m.start, m.end))
            if link is None:
                continue
            node = self.mention(entity_iri(link.entity), m.start, m.end, m.sentence, _text(m.text))
            g.add((node, _KG.mentionKind, _text(m.kind)))
            g.add((node, _KG.linkReason, _text(link.reason)))
            g.add((node, _KG.linkScore, _dec(link.score)))
            if link.literal:
                g.add((node, _KG.literalReferent, entity_iri(link.literal)))

    def quotes(self) -> None:
        g, aid, text = self.g, self.aid, self.x.article.text
        for q in self.x.quotes:
            who = q.speaker or q.speaker_antecedent
            link = self.inp.links.get(who) if who else None
            if link is None:
                continue
            node = KGR[f"quote/{aid[:ARTICLE_ID_CHARS]}/{q.start}-{q.end}"]
            g.add((node, _RDF.type, _KG.Quote))
            g.add((node, _KG.speaker, entity_iri(link.entity)))
            g.add((node, _KG.quoteText, Literal(text[q.start : q.end])))
            g.add((node, _KG.cue, Literal(text[q.cue[0] : q.cue[1]])))
            g.add((node, _KG.direct, Literal(q.direct)))
            g.add((node, _PROV.wasDerivedFrom, self.art))
            g.add((node, _KG.charStart, _int(q.start)))
            g.add((node, _KG.charEnd, _int(q.end)))
            g.add((node, _KG.sentence, _int(q.sentence)))
            self.sentence(node, q.sentence)
            if q.speaker is None:
                g.add((node, _KG.speakerResolvedFrom, Literal("pronoun")))

    def statement(
        self,
        subj: URIRef,
        pred: URIRef,
        obj: URIRef,
        sentence: int,
        span: tuple[int, int],
        extractor: str,
        confidence: float,
    ) -> None:
        g, aid = self.g, self.aid
        claimant = _claimant(self.quoted, *span)
        if claimant is None:
            self.truthy.append((subj, pred, obj))  # asserted by the article itself
        digest = hashlib.sha256(
            f"{subj}|{pred}|{obj}|{aid}|{span[0]}|{span[1]}".encode()
        ).hexdigest()[:16]
        node = KGR[f"statement/{digest}"]
        self.statements.add(node)
        g.add((node, _RDF.type, _KG.Statement))
        g.add((node, _KG.subject, subj))
        g.add((node, _KG.predicate, pred))
        g.add((node, _KG.object, obj))
        g.add((node, _PROV.wasDerivedFrom, self.art))
        g.add((node, _KG.sentence, _int(sentence)))
        self.sentence(node, sentence)
        g.add((node, _KG.charStart, _int(span[0])))
        g.add((node, _KG.charEnd, _int(span[1])))
        g.add((node, _KG.evidence, self.evidence(sentence)))
        g.add((node, _KG.extractor, Literal(extractor)))
        g.add((node, _KG.confidence, _dec(confidence)))
        if claimant is not None:
            g.add((node, _KG.claimedBy, claimant))

    def relations(self) -> None:
        links = self.inp.links
        for r in self.x.relations:
            a = links.get(r.subject)
            b = links.get(r.object)
            if a is None or b is None or a.entity == b.entity:
                continue
            pred, obj = r.predicate, b.entity
            if pred == "citizenOf":
                pred, obj = self._citizenship(obj)
                if obj is None:
                    continue
            self.statement(
                entity_iri(a.entity),
                _KG[pred],
                entity_iri(obj),
                r.sentence,
                (r.start, r.end),
                r.extractor,
                r.confidence * min(a.score, b.score),
            )

    def _citizenship(self, ref: str) -> tuple[str, str | None]:
        """A person's nationality: a country, a people's country ("Russian" → Russia, when
        the graph has it), or else membership of the people itself ("a Kurdish commander")."""
        ent = self.inp.entities[ref]
        if ent.cls == "Country":
            return "citizenOf", ref
        if ent.homeland_cls == "Country":
            return "citizenOf", ent.homeland
        return ("memberOf", ref) if ent.cls == "EthnicGroup" else ("citizenOf", None)

    def reports(self) -> None:
        """Each event mention of the article, and the roles it gives its event."""
        g, links = self.g, self.inp.links
        for em, event in self.inp.reports:
            node = URIRef(event)
            m = self.mention(node, em.start, em.end, em.sentence, Literal(em.trigger))
            g.add((m, _KG.evidence, self.evidence(em.sentence)))
            for arg in em.arguments:
                if arg.role == "time":
                    continue
                link = links.get((arg.start, arg.end))
                if link is None:
                    continue
                self.statement(
                    node,
                    _KG[arg.role],
                    entity_iri(link.entity),
                    em.sentence,
                    (min(em.start, arg.start), max(em.end, arg.end)),
                    "kg.events.roles",
                    0.7 * link.score,
                )


def make_part(inputs: ArticleInputs) -> _Part:
    """One article's part of the graph, from its inputs alone."""
    return _Part(inputs).build()


class Assembly:
    """A build's graph in parts: one per article (``part``), made from that article's
    ``inputs`` alone, and the ``shared`` part (entities, events, truthy facts, build data)."""

    def __init__(
        self, extractions: Sequence[Extraction], linking: Linking, events: Sequence[Event]
    ) -> None:
        self.exts = {x.article.id: x for x in sorted(extractions, key=lambda x: x.article.id)}
        self.linking = linking
        self.events = sorted(events, key=lambda e: e.key)
        self.links: dict[str, dict[tuple[int, int], Link]] = {aid: {} for aid in self.exts}
        for (aid, s, e), link in linking.links.items():
            self.links.setdefault(aid, {})[(s, e)] = link
        ents = linking.entities
        self.focus = {aid: _focus_region(x, self.links[aid], ents) for aid, x in self.exts.items()}
        self.reports: dict[str, list[tuple[EventMention, str]]] = {aid: [] for aid in self.exts}
        self.unplaced: dict[str, list[tuple[str, EventMention]]] = {aid: [] for aid in self.exts}
        self.placed: dict[str, bool] = {}
        for ev in self.events:
            node = str(event_iri(ev))
            for aid, em in ev.reports:
                self.reports[aid].append((em, node))
            # An event is put in the article's place only when nothing in its sentence
            # places it: no place entity, and no place (or a place's government) among its roles.
            placed = False
            for rid, arg in ((r, a) for r, em in ev.reports for a in em.arguments):
                if arg.role == "time":
                    continue
                link = linking.links.get((rid, arg.start, arg.end))
                ent = ents[link.entity] if link is not None else None
                if ent is not None and (ent.top == "Region" or ent.governs):
                    placed = True
            self.placed[ev.key] = placed
            if not placed and self.focus.get(ev.article) is not None:
                self.unplaced[ev.article].append((node, ev.first))

    @property
    def article_ids(self) -> list[str]:
        return list(self.exts)

    def inputs(self, article_id: str) -> ArticleInputs:
        links = self.links[article_id]
        ents = self.linking.entities
        facts: dict[str, Facts] = {}
        for link in links.values():
            if link.entity not in facts:
                ent = ents[link.entity]
                home = ents.get(ent.homeland or "")
                facts[link.entity] = Facts(ent.cls, ent.homeland, home.cls if home else None)
        return ArticleInputs(
            extraction=self.exts[article_id],
            links=links,
            entities=facts,
            reports=tuple(self.reports[article_id]),
            focus=self.focus[article_id],
            unplaced=tuple(self.unplaced[article_id]),
        )

    def part(self, article_id: str) -> tuple[Triples, list[Triple]]:
        """The article's own triples, and the facts it asserts (truthy triples on shared
        subjects, which go into the shared part)."""
        p = make_part(self.inputs(article_id))
        return p.g, p.truthy

    def shared(
        self, truthy: Iterable[Triple], *, kg_version: str, pipeline: str, fingerprint: str
    ) -> Triples:
        """Entities, events, build data and the truthy facts of all articles."""
        g = Triples(truthy)
        self._build_info(g, kg_version, pipeline, fingerprint)
        self._entities(g)
        quoted: dict[str, list[tuple[int, int, URIRef]]] = {}
        for ev in self.events:
            aid = ev.article
            if aid not in quoted:
                quoted[aid] = _quoted(self.exts[aid], self.links[aid])
            self._event(g, ev, quoted[aid])
        return g

    def _build_info(self, g: Triples, kg_version: str, pipeline: str, fingerprint: str) -> None:
        node = KGR["build"]
        g.add((node, _RDF.type, _KG.Build))
        g.add((node, _KG.kgVersion, Literal(kg_version)))
        g.add((node, _KG.pipeline, Literal(pipeline)))
        g.add((node, _KG.configFingerprint, Literal(fingerprint)))
        g.add((node, _KG.articleCount, _int(len(self.exts))))

    def _entities(self, g: Triples) -> None:
        counts = Counter(link.entity for link in self.linking.links.values())
        for ref, ent in sorted(self.linking.entities.items()):
            node = entity_iri(ref)
            g.add((node, _RDF.type, _KG[ent.cls]))
            g.add((node, _RDF.type, _KG[ent.top]))
            g.add((node, _SKOS.prefLabel, Literal(ent.label)))
            for alt in ent.alt_labels:
                g.add((node, _SKOS.altLabel, Literal(alt)))
            for other in ent.same_as:
                g.add((node, _OWL.sameAs, URIRef(other)))
            if ent.iso:
                g.add((node, _KG.isoCode, Literal(ent.iso)))
            # From the gazetteer, not from an article: descriptions of the entity, no Statement.
            if ent.governs:
                g.add((node, _KG.governs, entity_iri(ent.governs)))
            if ent.homeland:
                g.add((node, _KG.homeland, entity_iri(ent.homeland)))
            if ent.scope is not None:
                g.add((node, _RDF.type, _KG.Participant))
                g.add((node, _PROV.wasDerivedFrom, article_iri(ent.scope)))
                if ent.quantity:
                    g.add((node, _KG.quantity, Literal(ent.quantity)))
            g.add((node, _KG.mentionCount, _int(counts[ref])))

    def _event(self, g: Triples, ev: Event, quoted: list[tuple[int, int, URIRef]]) -> None:
        """The event's own node; its mentions and role statements are in the parts of the
        articles that report it."""
        node, first = event_iri(ev), ev.first
        g.add((node, _RDF.type, _KG[ev.type]))
        g.add((node, _RDF.type, _KG.Event))
        g.add((node, _KG.trigger, Literal(first.trigger)))
        claimant = _claimant(quoted, first.start, first.end)
        # an event known only from someone's words is reported, and theirs
        modality = (
            "reported" if claimant is not None and first.modality == "asserted" else first.modality
        )
        g.add((node, _KG.modality, Literal(modality)))
        if claimant is not None:
            g.add((node, _KG.claimedBy, claimant))
        g.add((node, _KG.reportCount, _int(len(ev.articles))))
        for a in ev.articles:
            g.add((node, _PROV.wasDerivedFrom, article_iri(a)))
        roles: dict[str, list[str]] = {"agent": [], "target": []}
        for aid, em in ev.reports:
            for arg in em.arguments:
                if arg.role == "time":
                    g.add((node, _KG.timeText, Literal(arg.text)))
                    if arg.value and "/" in arg.value:  # "last week": a span of days
                        day1, day2 = arg.value.split("/", 1)
                        g.add((node, _KG.timeStart, _date_literal(day1)))
                        g.add((node, _KG.timeEnd, _date_literal(day2)))
                    elif arg.value:
                        g.add((node, _KG.time, _date_literal(arg.value)))
                    continue
                link = self.linking.links.get((aid, arg.start, arg.end))
                if link is None:
                    continue  # every argument is a mention; one that was not linked fills nothing
                name = self.linking.entities[link.entity].label
                if arg.role in roles and name not in roles[arg.role]:
                    roles[arg.role].append(name)
        if not self.placed[ev.key] and self.focus.get(ev.article) is not None:
            g.add((node, _KG.placeInferred, Literal(True)))
        who = " and ".join(roles["agent"]) or "?"
        whom = " and ".join(roles["target"]) or "?"
        summary = first.trigger if who == whom == "?" else f"{who} → {whom}"
        g.add((node, _SKOS.prefLabel, Literal(f"{ev.type}: {summary}")))


def assemble(*args: Any, **kwargs: Any) -> Graph:
    """The graph as an rdflib Graph, for callers that query it in memory; the arguments
    are those of ``assemble_triples``."""
    return assemble_triples(*args, **kwargs).to_graph()


def assemble_triples(
    extractions: Sequence[Extraction],
    linking: Linking,
    events: Sequence[Event],
    *,
    kg_version: str,
    pipeline: str,
    fingerprint: str,
) -> Triples:
    """The graph as one set of triples: every article's part and the shared part."""
    asm = Assembly(extractions, linking, events)
    g = Triples()
    truthy: list[Triple] = []
    for aid in asm.article_ids:
        part, facts = asm.part(aid)
        g |= part
        truthy += facts
    g |= asm.shared(truthy, kg_version=kg_version, pipeline=pipeline, fingerprint=fingerprint)
    return g
