"""Extractions + linking → one rdflib Graph that follows the graph contract.

No blank nodes: every node has an IRI derived from what it is (a label, an
article id and offsets, a hash of a fact), so the Turtle is byte-identical for
the same inputs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date as _date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS, XSD
from rdflib.term import Node

from kg.graph.namespaces import KG, KGR, SCHEMA, TOP_SEGMENT, bind
from kg.link.events import Event
from kg.model import Article, Extraction, Linking
from kg.names import slug

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

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        return [s for s, p, o in self if p == predicate and o == obj]

    def to_graph(self) -> Graph:
        g = Graph()
        bind(g)
        for t in self:
            g.add(t)
        return g


class _Builder:
    def __init__(self, extractions: Sequence[Extraction], linking: Linking) -> None:
        self.g = Triples()
        self.exts = sorted(extractions, key=lambda x: x.article.id)
        self.linking = linking
        self.sentences = {x.article.id: x.sentences for x in self.exts}
        self.quoted: dict[str, list[tuple[int, int, URIRef]]] = {}
        self.focus = {x.article.id: self.focus_region(x) for x in self.exts}
        self.texts = {x.article.id: x.article.text for x in self.exts}
        self.sentence_nodes: dict[tuple[str, int], URIRef] = {}

    def sentence(self, node: URIRef, article_id: str, index: int) -> None:
        """Point a mention or statement at its sentence node (made on first use)."""
        g = self.g
        sent = self.sentence_nodes.get((article_id, index))
        if sent is None:
            sent = URIRef(f"{KGR}sentence/{article_id[:ARTICLE_ID_CHARS]}/{index}")
            self.sentence_nodes[(article_id, index)] = sent
        g.add((node, _KG.inSentence, sent))
        if (sent, _RDF.type, _KG.Sentence) not in g:
            s, e = self.sentences[article_id][index]
            g.add((sent, _RDF.type, _KG.Sentence))
            g.add((sent, _PROV.wasDerivedFrom, article_iri(article_id)))
            g.add((sent, _KG.sentence, _int(index)))
            g.add((sent, _KG.charStart, _int(s)))
            g.add((sent, _KG.charEnd, _int(e)))

    def focus_region(self, x: Extraction) -> str | None:
        """The place an article is about: its most mentioned region, a subdivision or city
        counting half again a country ("Bashkortostan" over "Russia" in a story on it)."""
        weight = {"City": 1.5, "FederalSubject": 1.5, "Region": 1.2, "Country": 1.0}
        score: Counter[str] = Counter()
        for m in x.mentions:
            link = self.linking.links.get((x.article.id, m.start, m.end))
            if link is None or link.reason in ("metonymy", "apposition"):
                continue
            ent = self.linking.entities[link.entity]
            if ent.cls in weight:
                score[link.entity] += weight[ent.cls]
        if not score:
            return None
        best = max(score, key=lambda r: (score[r], r))
        return best if score[best] >= 2 else None

    def claimant(self, article_id: str, start: int, end: int) -> URIRef | None:
        """The speaker whose quote holds this span: the fact is theirs, not the article's."""
        for s, e, speaker in self.quoted.get(article_id, ()):
            if s <= start and end <= e:
                return speaker
        return None

    def quotes(self, x: Extraction) -> None:
        g, aid = self.g, x.article.id
        for q in x.quotes:
            who = q.speaker or q.speaker_antecedent
            link = self.linking.links.get((aid, *who)) if who else None
            if link is None:
                continue
            speaker = entity_iri(link.entity)
            self.quoted.setdefault(aid, []).append((q.start, q.end, speaker))
            node = KGR[f"quote/{aid[:ARTICLE_ID_CHARS]}/{q.start}-{q.end}"]
            g.add((node, _RDF.type, _KG.Quote))
            g.add((node, _KG.speaker, speaker))
            g.add((node, _KG.quoteText, Literal(x.article.text[q.start : q.end])))
            g.add((node, _KG.cue, Literal(x.article.text[q.cue[0] : q.cue[1]])))
            g.add((node, _KG.direct, Literal(q.direct)))
            g.add((node, _PROV.wasDerivedFrom, article_iri(aid)))
            g.add((node, _KG.charStart, _int(q.start)))
            g.add((node, _KG.charEnd, _int(q.end)))
            g.add((node, _KG.sentence, _int(q.sentence)))
            self.sentence(node, aid, q.sentence)
            if q.speaker is None:
                g.add((node, _KG.speakerResolvedFrom, Literal("pronoun")))

    def evidence(self, article_id: str, sentence: int) -> Literal:
        s, e = self.sentences[article_id][sentence]
        return Literal(" ".join(self.texts[article_id][s:e].split()))

    def article(self, a: Article) -> None:
        g, node = self.g, article_iri(a.id)
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

    def entities(self) -> None:
        g = self.g
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
            g.add((node, _KG.mentionCount, _int(counts[ref])))

    def mentions(self, x: Extraction) -> None:
        g, art = self.g, article_iri(x.article.id)
        for m in x.mentions:
            link = self.linking.links.get((x.article.id, m.start, m.end))
            if link is None:
                continue
            node = mention_iri(x.article.id, m.start, m.end)
            g.add((node, _RDF.type, _KG.Mention))
            g.add((node, _KG.refersTo, entity_iri(link.entity)))
            g.add((node, _PROV.wasDerivedFrom, art))
            g.add((node, _KG.charStart, _int(m.start)))
            g.add((node, _KG.charEnd, _int(m.end)))
            g.add((node, _KG.sentence, _int(m.sentence)))
            self.sentence(node, x.article.id, m.sentence)
            g.add((node, _KG.surfaceForm, _text(m.text)))
            g.add((node, _KG.linkReason, _text(link.reason)))
            g.add((node, _KG.linkScore, _dec(link.score)))
            if link.literal:
                g.add((node, _KG.literalReferent, entity_iri(link.literal)))

    def statement(
        self,
        subj: URIRef,
        pred: URIRef,
        obj: URIRef,
        article_id: str,
        sentence: int,
        span: tuple[int, int],
        extractor: str,
        confidence: float,
    ) -> None:
        g = self.g
        claimant = self.claimant(article_id, *span)
        if claimant is None:
            g.add((subj, pred, obj))  # asserted by the article itself
        digest = hashlib.sha256(
            f"{subj}|{pred}|{obj}|{article_id}|{span[0]}|{span[1]}".encode()
        ).hexdigest()[:16]
        node = KGR[f"statement/{digest}"]
        g.add((node, _RDF.type, _KG.Statement))
        g.add((node, _KG.subject, subj))
        g.add((node, _KG.predicate, pred))
        g.add((node, _KG.object, obj))
        g.add((node, _PROV.wasDerivedFrom, article_iri(article_id)))
        g.add((node, _KG.sentence, _int(sentence)))
        self.sentence(node, article_id, sentence)
        g.add((node, _KG.charStart, _int(span[0])))
        g.add((node, _KG.charEnd, _int(span[1])))
        g.add((node, _KG.evidence, self.evidence(article_id, sentence)))
        g.add((node, _KG.extractor, Literal(extractor)))
        g.add((node, _KG.confidence, _dec(confidence)))
        if claimant is not None:
            g.add((node, _KG.claimedBy, claimant))

    def relations(self, x: Extraction) -> None:
        aid = x.article.id
        for r in x.relations:
            a = self.linking.links.get((aid, *r.subject))
            b = self.linking.links.get((aid, *r.object))
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
                aid,
                r.sentence,
                (r.start, r.end),
                r.extractor,
                r.confidence * min(a.score, b.score),
            )

    def _citizenship(self, ref: str) -> tuple[str, str | None]:
        """A person's nationality: a country, a people's country ("Russian" → Russia, when
        the graph has it), or else membership of the people itself ("a Kurdish commander")."""
        ent = self.linking.entities[ref]
        if ent.cls == "Country":
            return "citizenOf", ref
        home = self.linking.entities.get(ent.homeland or "")
        if home is not None and home.cls == "Country":
            return "citizenOf", ent.homeland
        return ("memberOf", ref) if ent.cls == "EthnicGroup" else ("citizenOf", None)

    def event(self, ev: Event) -> None:
        g, node, aid = self.g, event_iri(ev), ev.article
        first = ev.first
        g.add((node, _RDF.type, _KG[ev.type]))
        g.add((node, _RDF.type, _KG.Event))
        g.add((node, _KG.trigger, Literal(first.trigger)))
        claimant = self.claimant(aid, first.start, first.end)
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
            m = mention_iri(aid, em.start, em.end)
            g.add((m, _RDF.type, _KG.Mention))
            g.add((m, _KG.refersTo, node))
            g.add((m, _PROV.wasDerivedFrom, article_iri(aid)))
            g.add((m, _KG.charStart, _int(em.start)))
            g.add((m, _KG.charEnd, _int(em.end)))
            g.add((m, _KG.sentence, _int(em.sentence)))
            self.sentence(m, aid, em.sentence)
            g.add((m, _KG.surfaceForm, Literal(em.trigger)))
            g.add((m, _KG.evidence, self.evidence(aid, em.sentence)))
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
                name = arg.text if link is None else self.linking.entities[link.entity].label
                if arg.role in roles and name not in roles[arg.role]:
                    roles[arg.role].append(name)
                if link is None:
                    g.add((node, _KG[f"{arg.role}Text"], Literal(arg.text)))
                    continue
                self.statement(
                    node,
                    _KG[arg.role],
                    entity_iri(link.entity),
                    aid,
                    em.sentence,
                    (min(em.start, arg.start), max(em.end, arg.end)),
                    "kg.events.roles",
                    0.7 * link.score,
                )
        # An event is put in the article's place only when nothing in its sentence places
        # it: no place entity, and no place (or a place's government) among its roles.
        placed = False
        aid = ev.article
        for rid, arg in ((r, a) for r, em in ev.reports for a in em.arguments if a.role != "time"):
            link = self.linking.links.get((rid, arg.start, arg.end))
            ent = self.linking.entities[link.entity] if link is not None else None
            if ent is not None and (ent.top == "Region" or ent.governs):
                placed = True
        focus = self.focus.get(aid)
        if not placed and focus is not None:
            # The sentence names no place: the article's own place, marked as inferred.
            self.statement(
                node,
                _KG.place,
                entity_iri(focus),
                aid,
                first.sentence,
                (first.start, first.end),
                "kg.events.article-place",
                0.3,
            )
            g.add((node, _KG.placeInferred, Literal(True)))
        who = " and ".join(roles["agent"]) or "?"
        whom = " and ".join(roles["target"]) or "?"
        summary = first.trigger if who == whom == "?" else f"{who} → {whom}"
        g.add((node, _SKOS.prefLabel, Literal(f"{ev.type}: {summary}")))

    def build_info(self, kg_version: str, pipeline: str, fingerprint: str) -> None:
        g, node = self.g, KGR["build"]
        g.add((node, _RDF.type, _KG.Build))
        g.add((node, _KG.kgVersion, Literal(kg_version)))
        g.add((node, _KG.pipeline, Literal(pipeline)))
        g.add((node, _KG.configFingerprint, Literal(fingerprint)))
        g.add((node, _KG.articleCount, _int(len(self.exts))))


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
    """The graph as a set of triples, which is all a build needs to write graph.ttl."""
    b = _Builder(extractions, linking)
    b.build_info(kg_version, pipeline, fingerprint)
    for x in b.exts:
        b.article(x.article)
        b.mentions(x)
        b.quotes(x)
        b.relations(x)
    b.entities()
    for ev in sorted(events, key=lambda e: e.key):
        b.event(ev)
    return b.g
