"""What a system predicted on the gold texts: kg's graph, or raw spaCy for the baseline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from rdflib import Graph

from kg.eval.gold import GoldDoc
from kg.eval.mapping import class_map, mapped_classes
from kg.ingest import article_id
from kg.nlp import lexicons
from kg.ontology import top_class
from kg.query import query
from kg.query.store import Store


@cache
def baseline_labels() -> dict[str, str]:
    """The label map that defines the baseline: each spaCy NER label kg reads, to the top
    class of the class its mentions start as (data/lexicons/ner.yaml, ontology/kg.ttl):
    PERSON → Person; GPE, LOC, FAC → Region; ORG, NORP → Group."""
    return {label: top_class(cls) for label, cls in lexicons.load("ner")["classes"].items()}


@dataclass(frozen=True, slots=True)
class PredMention:
    start: int
    end: int
    cls: str  # Person, Region, Group
    cluster: str  # entity IRI (kg) or exact text (baseline)
    text: str = ""
    reason: str = ""  # kg:linkReason
    kind: str = ""  # kg:mentionKind, where the graph states it
    sub: str = ""  # the entity's class where a corpus maps it apart (data/eval/classes.yaml)


@dataclass(frozen=True, slots=True)
class PredArgument:
    role: str
    entity: str | None  # IRI, or None for a text argument
    text: str


@dataclass(frozen=True, slots=True)
class PredEvent:
    type: str
    start: int
    end: int
    modality: str
    event: str  # IRI; arguments belong to the event, not to one mention
    arguments: tuple[PredArgument, ...]


@dataclass(frozen=True, slots=True)
class PredRelation:
    predicate: str  # local name: locatedIn, agent→target of an Attack is "Attack:agent>target"
    subject: str
    object: str


@dataclass(frozen=True, slots=True)
class PredQuote:
    start: int
    end: int
    speaker: str  # entity IRI
    pronoun: bool = False  # the speaker was resolved from a pronoun ("she said")
    sentence: tuple[int, int] = (0, 0)  # the quote's sentence


@dataclass(slots=True)
class Predictions:
    mentions: dict[str, list[PredMention]] = field(default_factory=dict)
    events: dict[str, list[PredEvent]] = field(default_factory=dict)
    relations: dict[str, list[PredRelation]] = field(default_factory=dict)
    quotes: dict[str, list[PredQuote]] = field(default_factory=dict)
    # entity IRI → spans, per document (for matching arguments and relations by span)
    spans: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)


_MENTIONS = """
SELECT ?id ?s ?e ?top ?ent ?form ?reason ?kind ?sub WHERE {
  ?m a kg:Mention ; kg:refersTo ?ent ; prov:wasDerivedFrom ?a ;
     kg:charStart ?s ; kg:charEnd ?e ; kg:surfaceForm ?form .
  ?a dcterms:identifier ?id .
  ?ent a ?top . VALUES ?top { kg:Person kg:Region kg:Group }
  OPTIONAL { ?m kg:linkReason ?reason }
  OPTIONAL { ?m kg:mentionKind ?kind }
  OPTIONAL { ?ent a ?sub . VALUES ?sub { %s } }
}"""

# Mentions of made things (kg:Artifact): no corpus scores them as mentions, but they fill
# event roles, matched by span.
_THINGS = """
SELECT ?id ?s ?e ?ent WHERE {
  ?m a kg:Mention ; kg:refersTo ?ent ; prov:wasDerivedFrom ?a ;
     kg:charStart ?s ; kg:charEnd ?e .
  ?a dcterms:identifier ?id .
  ?ent a kg:Artifact .
}"""

_EVENTS = """
SELECT ?id ?ev ?type ?s ?e ?modality WHERE {
  ?m kg:refersTo ?ev ; prov:wasDerivedFrom ?a ; kg:charStart ?s ; kg:charEnd ?e .
  ?a dcterms:identifier ?id .
  ?ev a kg:Event ; a ?type ; kg:modality ?modality . FILTER(?type != kg:Event)
}"""

# An event's role statements (asserted or claimed: an event known from someone's words keeps
# the arguments kg extracted), each with the span of the mention that gave it: the trigger
# and the argument, so the trigger starts or ends it (kg/graph/part.py). A place taken from
# the article rather than the sentence is not an extracted argument.
_ARGS = """
SELECT ?id ?ev ?role ?val ?s ?e WHERE {
  VALUES (?p ?role) {
    (kg:agent "agent") (kg:target "target") (kg:place "place") (kg:instrument "instrument")
  }
  ?st a kg:Statement ; kg:subject ?ev ; kg:predicate ?p ; kg:object ?val ;
      kg:charStart ?s ; kg:charEnd ?e ; kg:extractor ?how ;
      prov:wasDerivedFrom/dcterms:identifier ?id .
  ?ev a kg:Event .
  FILTER(?how != "kg.events.article-place")
}"""

_TIMES = "SELECT ?ev ?val WHERE { ?ev a kg:Event ; kg:timeText ?val }"

_FACTS = """
SELECT ?id ?s ?p ?o WHERE {
  ?st a kg:Statement ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o ;
      prov:wasDerivedFrom/dcterms:identifier ?id .
  FILTER NOT EXISTS { ?s a kg:Event }
}"""


_QUOTES = """
SELECT ?id ?s ?e ?speaker ?how ?ss ?se WHERE {
  ?q a kg:Quote ; kg:speaker ?speaker ; kg:charStart ?s ; kg:charEnd ?e ;
     prov:wasDerivedFrom/dcterms:identifier ?id .
  OPTIONAL { ?q kg:speakerResolvedFrom ?how }
  OPTIONAL { ?q kg:inSentence ?sent . ?sent kg:charStart ?ss ; kg:charEnd ?se }
}"""


def _local(iri: object) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


def _empty(out: Predictions, doc_id: str) -> None:
    out.mentions[doc_id], out.events[doc_id], out.relations[doc_id] = [], [], []
    out.quotes[doc_id] = []
    out.spans[doc_id] = defaultdict(list)


def _event_relations(
    etype: str, args: Sequence[PredArgument], things: set[str]
) -> list[PredRelation]:
    """A typed event's roles as relations: agent→target, agent/target→place. A
    kg:Occurrence (a verb no lexicon types: "went", "used") says nothing about how its
    arguments relate, so it gives none; a made thing (kg:Artifact) is in no relation."""
    if etype == "Occurrence":
        return []
    roles = defaultdict(list)
    for a in args:
        if a.entity and a.entity not in things:
            roles[a.role].append(a.entity)
    out = [
        PredRelation(f"{etype}:agent>target", ag, tg)
        for ag in roles["agent"]
        for tg in roles["target"]
    ]
    out += [
        PredRelation("place", who, pl)
        for who in roles["agent"] + roles["target"]
        for pl in roles["place"]
    ]
    return out


def _by_role(a: PredArgument) -> tuple[str, str]:
    return (a.role, a.text)


def _events(
    graph: Graph | Store, ids: dict[str, list[str]], out: Predictions, things: set[str]
) -> None:
    """Each event mention with the arguments it gave (WikiEvents annotates arguments per
    mention, in the trigger's sentence), and the event's relations from all its mentions."""
    said: dict[tuple[str, str], list[tuple[int, int, PredArgument]]] = defaultdict(list)
    for aid, ev, role, val, s, e in query(graph, _ARGS):  # type: ignore[misc]
        arg = PredArgument(str(role), str(val), str(val))
        said[(str(aid), str(ev))].append((int(s), int(e), arg))
    times: dict[str, list[PredArgument]] = defaultdict(list)
    for ev, val in query(graph, _TIMES):  # type: ignore[misc]
        times[str(ev)].append(PredArgument("time", None, str(val)))
    for aid, ev, etype, s, e, modality in query(graph, _EVENTS):  # type: ignore[misc]
        given = said[(str(aid), str(ev))]
        own = {a for a_s, a_e, a in given if a_s == int(s) or a_e == int(e)}
        ev_args = tuple(sorted(own | set(times[str(ev)]), key=_by_role))
        every = tuple(sorted({a for _, _, a in given}, key=_by_role))
        for doc in ids.get(str(aid), ()):
            t = _local(etype)
            out.events[doc].append(PredEvent(t, int(s), int(e), str(modality), str(ev), ev_args))
            out.relations[doc] += _event_relations(t, every, things)


def from_graph(graph: Graph | Store, docs: Sequence[GoldDoc]) -> Predictions:
    """Read kg's predictions for the gold documents out of a built graph (rdflib or the
    pyoxigraph store). Documents with the same text share one article and its predictions."""
    ids: dict[str, list[str]] = defaultdict(list)
    out = Predictions()
    for d in docs:
        ids[article_id(d.text)].append(d.id)
        _empty(out, d.id)
    rows = query(graph, _MENTIONS % " ".join(f"kg:{c}" for c in mapped_classes()))
    seen: set[tuple[str, int, int, str]] = set()  # an entity of two mapped classes: one row
    for aid, s, e, top, ent, form, reason, kind, sub in sorted(rows, key=_row_key):  # type: ignore[misc]
        if (str(aid), int(s), int(e), str(ent)) in seen:
            continue
        seen.add((str(aid), int(s), int(e), str(ent)))
        for doc in ids.get(str(aid), ()):
            m = PredMention(
                int(s),
                int(e),
                _local(top),
                str(ent),
                str(form),
                _opt(reason),
                _opt(kind),
                _local(sub) if sub is not None else "",
            )
            out.mentions[doc].append(m)
            out.spans[doc][str(ent)].append((int(s), int(e)))
    things: set[str] = set()
    for aid, s, e, ent in query(graph, _THINGS):  # type: ignore[misc]
        things.add(str(ent))
        for doc in ids.get(str(aid), ()):
            out.spans[doc][str(ent)].append((int(s), int(e)))
    _events(graph, ids, out, things)
    for aid, s, p, o in query(graph, _FACTS):  # type: ignore[misc]
        for doc in ids.get(str(aid), ()):
            out.relations[doc].append(PredRelation(_local(p), str(s), str(o)))
    for aid, s, e, speaker, how, ss, se in query(graph, _QUOTES):  # type: ignore[misc]
        sentence = (int(ss), int(se)) if ss is not None else (0, 0)
        q = PredQuote(int(s), int(e), str(speaker), _opt(how) == "pronoun", sentence)
        for doc in ids.get(str(aid), ()):
            out.quotes[doc].append(q)
    for doc_id in out.mentions:
        out.quotes[doc_id].sort(key=lambda q: (q.start, q.end, q.speaker))
        out.mentions[doc_id].sort(key=lambda m: (m.start, m.end, m.cluster))
        out.events[doc_id].sort(key=lambda ev: (ev.start, ev.end, ev.type, ev.event))
        out.relations[doc_id] = sorted(set(out.relations[doc_id]), key=repr)
    return out


def in_classes_of(corpus: str, pred: Predictions) -> Predictions:
    """The predictions with each mention's class as the corpus files it: a mention whose
    entity is of a class the corpus maps apart takes the corpus's class."""
    cmap = class_map(corpus)
    if not cmap:
        return pred
    out = replace(pred)
    out.mentions = {
        doc: [replace(m, cls=cmap.get(m.sub, m.cls)) for m in ms]
        for doc, ms in pred.mentions.items()
    }
    return out


def _row_key(row: Sequence[object]) -> tuple[str, ...]:
    return tuple("" if x is None else str(x) for x in row)


def _opt(term: object) -> str:
    return "" if term is None else str(term)


def baseline(docs: Sequence[GoldDoc], n_process: int = 1) -> Predictions:
    """Raw en_core_web_sm with the README's label map and exact-text clusters."""
    import spacy

    from kg.nlp.pipeline import MODEL

    nlp = spacy.load(MODEL)
    out = Predictions()
    labels = baseline_labels()
    classes = lexicons.load("ner")["classes"]
    for d, sdoc in zip(docs, nlp.pipe([d.text for d in docs], n_process=n_process), strict=True):
        out.mentions[d.id] = [
            PredMention(
                e.start_char, e.end_char, labels[e.label_], e.text, e.text, sub=classes[e.label_]
            )
            for e in sdoc.ents
            if e.label_ in labels
        ]
        out.events[d.id], out.relations[d.id], out.spans[d.id] = [], [], {}
        out.quotes[d.id] = []
    return out
