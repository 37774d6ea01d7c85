"""One article's own part of the graph (its node, sentences, mentions, quotes and
statements), made from its ArticleInputs alone, so a rendered copy can be reused by a later
build whose inputs for it did not change (kg/graph/blocks.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.graph.namespaces import KGR, SCHEMA
from kg.graph.terms import (
    _DCTERMS,
    _KG,
    _PROV,
    _RDF,
    _XSD,
    ARTICLE_ID_CHARS,
    Triple,
    Triples,
    _date_literal,
    _dec,
    _int,
    _text,
    article_iri,
    entity_iri,
    mention_iri,
    quote_iri,
)
from kg.model import EventMention, Extraction, Link


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
            if m.class_reason:
                g.add((node, _KG.classReason, _text(m.class_reason)))
            if link.literal:
                g.add((node, _KG.literalReferent, entity_iri(link.literal)))

    def quotes(self) -> None:
        g, aid, text = self.g, self.aid, self.x.article.text
        for q in self.x.quotes:
            who = q.speaker or q.speaker_antecedent
            link = self.inp.links.get(who) if who else None
            if link is None:
                continue
            node = quote_iri(aid, q.start, q.end)
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
