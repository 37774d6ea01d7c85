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

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS, XSD

from kg.graph.namespaces import KG, KGR, SCHEMA, TOP_SEGMENT, bind
from kg.link.events import Event
from kg.model import Article, Extraction, Linking
from kg.names import slug

ARTICLE_ID_CHARS = 16


def article_iri(article_id: str) -> URIRef:
    return KGR[f"article/{article_id[:ARTICLE_ID_CHARS]}"]


def entity_iri(ref: str) -> URIRef:
    top, key = ref.split("/", 1)
    return KGR[f"{TOP_SEGMENT[top]}/{key}"]


def event_iri(ev: Event) -> URIRef:
    return KGR[f"event/{slug(ev.type)}/{ev.key}"]


def mention_iri(article_id: str, start: int, end: int, kind: str = "") -> URIRef:
    return KGR[f"mention/{article_id[:ARTICLE_ID_CHARS]}/{start}-{end}{kind}"]


def _dec(x: float) -> Literal:
    return Literal(Decimal(str(round(x, 3))), datatype=XSD.decimal)


def _int(x: int) -> Literal:
    return Literal(x, datatype=XSD.integer)


def _date_literal(value: str) -> Literal:
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    if re.fullmatch(r"\d{4}-\d\d", value):
        return Literal(value, datatype=XSD.gYearMonth)
    try:
        return Literal(_date.fromisoformat(value[:10]).isoformat(), datatype=XSD.date)
    except ValueError:
        return Literal(value)


class _Builder:
    def __init__(self, extractions: Sequence[Extraction], linking: Linking) -> None:
        self.g = Graph()
        bind(self.g)
        self.exts = sorted(extractions, key=lambda x: x.article.id)
        self.linking = linking
        self.sentences = {x.article.id: x.sentences for x in self.exts}
        self.quoted: dict[str, list[tuple[int, int, URIRef]]] = {}
        self.focus = {x.article.id: self.focus_region(x) for x in self.exts}
        self.texts = {x.article.id: x.article.text for x in self.exts}

    def sentence(self, node: URIRef, article_id: str, index: int) -> None:
        """Point a mention or statement at its sentence node (made on first use)."""
        g = self.g
        sent = KGR[f"sentence/{article_id[:ARTICLE_ID_CHARS]}/{index}"]
        g.add((node, KG.inSentence, sent))
        if (sent, RDF.type, KG.Sentence) not in g:
            s, e = self.sentences[article_id][index]
            g.add((sent, RDF.type, KG.Sentence))
            g.add((sent, PROV.wasDerivedFrom, article_iri(article_id)))
            g.add((sent, KG.sentence, _int(index)))
            g.add((sent, KG.charStart, _int(s)))
            g.add((sent, KG.charEnd, _int(e)))

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
            g.add((node, RDF.type, KG.Quote))
            g.add((node, KG.speaker, speaker))
            g.add((node, KG.quoteText, Literal(x.article.text[q.start : q.end])))
            g.add((node, KG.cue, Literal(x.article.text[q.cue[0] : q.cue[1]])))
            g.add((node, KG.direct, Literal(q.direct)))
            g.add((node, PROV.wasDerivedFrom, article_iri(aid)))
            g.add((node, KG.charStart, _int(q.start)))
            g.add((node, KG.charEnd, _int(q.end)))
            g.add((node, KG.sentence, _int(q.sentence)))
            self.sentence(node, aid, q.sentence)
            if q.speaker is None:
                g.add((node, KG.speakerResolvedFrom, Literal("pronoun")))

    def evidence(self, article_id: str, sentence: int) -> Literal:
        s, e = self.sentences[article_id][sentence]
        return Literal(" ".join(self.texts[article_id][s:e].split()))

    def article(self, a: Article) -> None:
        g, node = self.g, article_iri(a.id)
        g.add((node, RDF.type, KG.Article))
        g.add((node, DCTERMS.identifier, Literal(a.id)))
        g.add((node, KG.text, Literal(a.text)))
        if a.title:
            g.add((node, DCTERMS.title, Literal(a.title)))
        if a.date:
            g.add((node, DCTERMS.date, _date_literal(a.date)))
        if a.url:
            g.add((node, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))
        if a.source:
            g.add((node, DCTERMS.publisher, Literal(a.source)))

    def entities(self) -> None:
        g = self.g
        counts = Counter(link.entity for link in self.linking.links.values())
        for ref, ent in sorted(self.linking.entities.items()):
            node = entity_iri(ref)
            g.add((node, RDF.type, KG[ent.cls]))
            g.add((node, RDF.type, KG[ent.top]))
            g.add((node, SKOS.prefLabel, Literal(ent.label)))
            for alt in ent.alt_labels:
                g.add((node, SKOS.altLabel, Literal(alt)))
            for other in ent.same_as:
                g.add((node, OWL.sameAs, URIRef(other)))
            if ent.iso:
                g.add((node, KG.isoCode, Literal(ent.iso)))
            # From the gazetteer, not from an article: descriptions of the entity, no Statement.
            if ent.governs:
                g.add((node, KG.governs, entity_iri(ent.governs)))
            if ent.homeland:
                g.add((node, KG.homeland, entity_iri(ent.homeland)))
            g.add((node, KG.mentionCount, _int(counts[ref])))

    def mentions(self, x: Extraction) -> None:
        g, art = self.g, article_iri(x.article.id)
        for m in x.mentions:
            link = self.linking.links.get((x.article.id, m.start, m.end))
            if link is None:
                continue
            node = mention_iri(x.article.id, m.start, m.end)
            g.add((node, RDF.type, KG.Mention))
            g.add((node, KG.refersTo, entity_iri(link.entity)))
            g.add((node, PROV.wasDerivedFrom, art))
            g.add((node, KG.charStart, _int(m.start)))
            g.add((node, KG.charEnd, _int(m.end)))
            g.add((node, KG.sentence, _int(m.sentence)))
            self.sentence(node, x.article.id, m.sentence)
            g.add((node, KG.surfaceForm, Literal(m.text)))
            g.add((node, KG.linkReason, Literal(link.reason)))
            g.add((node, KG.linkScore, _dec(link.score)))
            if link.literal:
                g.add((node, KG.literalReferent, entity_iri(link.literal)))

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
        g.add((node, RDF.type, KG.Statement))
        g.add((node, KG.subject, subj))
        g.add((node, KG.predicate, pred))
        g.add((node, KG.object, obj))
        g.add((node, PROV.wasDerivedFrom, article_iri(article_id)))
        g.add((node, KG.sentence, _int(sentence)))
        self.sentence(node, article_id, sentence)
        g.add((node, KG.charStart, _int(span[0])))
        g.add((node, KG.charEnd, _int(span[1])))
        g.add((node, KG.evidence, self.evidence(article_id, sentence)))
        g.add((node, KG.extractor, Literal(extractor)))
        g.add((node, KG.confidence, _dec(confidence)))
        if claimant is not None:
            g.add((node, KG.claimedBy, claimant))

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
                KG[pred],
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
        g.add((node, RDF.type, KG[ev.type]))
        g.add((node, RDF.type, KG.Event))
        g.add((node, KG.trigger, Literal(first.trigger)))
        claimant = self.claimant(aid, first.start, first.end)
        # an event known only from someone's words is reported, and theirs
        modality = (
            "reported" if claimant is not None and first.modality == "asserted" else first.modality
        )
        g.add((node, KG.modality, Literal(modality)))
        if claimant is not None:
            g.add((node, KG.claimedBy, claimant))
        g.add((node, KG.reportCount, _int(len(ev.articles))))
        for a in ev.articles:
            g.add((node, PROV.wasDerivedFrom, article_iri(a)))
        roles: dict[str, list[str]] = {"agent": [], "target": []}
        for aid, em in ev.reports:
            m = mention_iri(aid, em.start, em.end)
            g.add((m, RDF.type, KG.Mention))
            g.add((m, KG.refersTo, node))
            g.add((m, PROV.wasDerivedFrom, article_iri(aid)))
            g.add((m, KG.charStart, _int(em.start)))
            g.add((m, KG.charEnd, _int(em.end)))
            g.add((m, KG.sentence, _int(em.sentence)))
            self.sentence(m, aid, em.sentence)
            g.add((m, KG.surfaceForm, Literal(em.trigger)))
            g.add((m, KG.evidence, self.evidence(aid, em.sentence)))
            for arg in em.arguments:
                if arg.role == "time":
                    g.add((node, KG.timeText, Literal(arg.text)))
                    if arg.value and "/" in arg.value:  # "last week": a span of days
                        day1, day2 = arg.value.split("/", 1)
                        g.add((node, KG.timeStart, _date_literal(day1)))
                        g.add((node, KG.timeEnd, _date_literal(day2)))
                    elif arg.value:
                        g.add((node, KG.time, _date_literal(arg.value)))
                    continue
                link = self.linking.links.get((aid, arg.start, arg.end))
                name = arg.text if link is None else self.linking.entities[link.entity].label
                if arg.role in roles and name not in roles[arg.role]:
                    roles[arg.role].append(name)
                if link is None:
                    g.add((node, KG[f"{arg.role}Text"], Literal(arg.text)))
                    continue
                self.statement(
                    node,
                    KG[arg.role],
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
                KG.place,
                entity_iri(focus),
                aid,
                first.sentence,
                (first.start, first.end),
                "kg.events.article-place",
                0.3,
            )
            g.add((node, KG.placeInferred, Literal(True)))
        who = " and ".join(roles["agent"]) or "?"
        whom = " and ".join(roles["target"]) or "?"
        summary = first.trigger if who == whom == "?" else f"{who} → {whom}"
        g.add((node, SKOS.prefLabel, Literal(f"{ev.type}: {summary}")))

    def build_info(self, kg_version: str, pipeline: str, fingerprint: str) -> None:
        g, node = self.g, KGR["build"]
        g.add((node, RDF.type, KG.Build))
        g.add((node, KG.kgVersion, Literal(kg_version)))
        g.add((node, KG.pipeline, Literal(pipeline)))
        g.add((node, KG.configFingerprint, Literal(fingerprint)))
        g.add((node, KG.articleCount, _int(len(self.exts))))


def assemble(
    extractions: Sequence[Extraction],
    linking: Linking,
    events: Sequence[Event],
    *,
    kg_version: str,
    pipeline: str,
    fingerprint: str,
) -> Graph:
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
