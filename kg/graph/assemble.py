"""Extractions + linking → one set of triples that follows the graph contract: a part per
article (kg/graph/part.py) and the shared part made here (entities, events, truthy facts,
build data).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rdflib import Graph, Literal, URIRef

from kg.graph.namespaces import KGR
from kg.graph.part import ArticleInputs, Facts, _claimant, _quoted, make_part
from kg.graph.terms import (
    _KG,
    _OWL,
    _PROV,
    _RDF,
    _SKOS,
    Triple,
    Triples,
    _date_literal,
    _int,
    article_iri,
    entity_iri,
    event_iri,
    quote_iri,
)
from kg.link.events import Event
from kg.model import Entity, EventMention, Extraction, Link, Linking


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
            # places it: no named place, and no place (or a place's government) among its
            # roles; an unnamed place ("government buildings") does not say where it is.
            placed = False
            for rid, arg in ((r, a) for r, em in ev.reports for a in em.arguments):
                if arg.role == "time":
                    continue
                link = linking.links.get((rid, arg.start, arg.end))
                ent = ents[link.entity] if link is not None else None
                if ent is not None and ent.scope is None and (ent.top == "Region" or ent.governs):
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
            if ent.country:
                g.add((node, _KG.knownCountry, entity_iri(ent.country)))
            if ent.office:
                g.add((node, _KG.knownOffice, Literal(ent.office)))
            if ent.scope is not None:
                g.add((node, _RDF.type, _KG.Participant))
                g.add((node, _PROV.wasDerivedFrom, article_iri(ent.scope)))
                if ent.quantity:
                    g.add((node, _KG.quantity, Literal(ent.quantity)))
            g.add((node, _KG.mentionCount, _int(counts[ref])))

    def _quote_made(self, aid: str, em: EventMention) -> bool:
        """The Quote node is made when its speaker (the speech event's agent) is linked."""
        links = self.linking.links
        return any(a.role == "agent" and (aid, a.start, a.end) in links for a in em.arguments)

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
            if em.quote is not None and self._quote_made(aid, em):
                g.add((node, _KG.quote, quote_iri(aid, *em.quote)))  # a speech event's words
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
