"""Event triggers: the hand-listed ones (data/lexicons/events.yaml) and those derived from
PETRARCH2, PropBank, WordNet, WikiEvents and ECB+ (data/lexicons/event_triggers.yaml, made
by train/event_triggers.py), matched on lemmas; any other verb is a kg:Occurrence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kg.nlp.lexicons import load

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span

VERBAL = {"VERB", "AUX"}
NOMINAL = {"NOUN", "PROPN"}
GENERIC = "Occurrence"  # the type of a verb no lexicon names
_POS = {"VERB": VERBAL, "NOUN": NOMINAL, "ADJ": {"ADJ"}}  # a trigger's part of speech


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    lemmas: tuple[str, ...]
    pos: str | None
    obj: tuple[str, ...]
    target: str | None
    order: int
    heads: frozenset[str] = frozenset()  # the trigger must depend on one of these lemmas
    coded: bool = False  # a CAMEO verb of PETRARCH2's: its type needs a source actor


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    """Hand-listed triggers first (they win a tie), then the derived ones they do not list."""
    out = []
    for etype, spec in load("events").items():
        for t in spec.get("triggers") or []:
            out.append(
                Trigger(
                    type=etype,
                    lemmas=tuple(str(t["lemma"]).lower().split()),
                    pos=t.get("pos"),
                    obj=tuple(str(t.get("object", "")).lower().split()),
                    target=t.get("target"),
                    order=len(out),
                    heads=frozenset(str(h) for h in t.get("head") or []),
                )
            )
    hand = {(t.lemmas, t.pos) for t in out}
    for t in load("event_triggers")["triggers"]:
        lemmas = tuple(str(t["lemma"]).split())
        if (lemmas, t["pos"]) not in hand and (lemmas, None) not in hand:
            coded = t["source"] == "petrarch2" and t["pos"] == "VERB"
            out.append(Trigger(t["type"], lemmas, t["pos"], (), None, len(out), coded=coded))
    return tuple(out)


@lru_cache(maxsize=1)
def generic() -> Trigger:
    return Trigger(GENERIC, (), "VERB", (), None, len(triggers()))


@lru_cache(maxsize=1)
def not_events() -> frozenset[str]:
    """Verbs that are no event of their own ("be", "have", "include")."""
    return frozenset(load("event_triggers")["not_events"])


@lru_cache(maxsize=1)
def subject_patients() -> frozenset[str]:
    """Verbs whose subject undergoes the event ("the president died", "13 people suffered
    injuries"): PropBank's verbs with no ARG0 in their first roleset, and the untyped ones
    whose ARG0 there is a proto-patient (PPT)."""
    return frozenset(load("event_triggers")["subject_patients"])


@lru_cache(maxsize=1)
def event_codes() -> dict[str, dict[str, Any]]:
    """Event type → {"cameo": ..., "plover": ...} as the lexicon gives them."""
    return {
        etype: {k: spec.get(k) for k in ("cameo", "plover") if spec.get(k)}
        for etype, spec in load("events").items()
    }


def build_matcher(nlp: Language) -> PhraseMatcher:
    """Trigger lemma sequences, matched on LEMMA by a PhraseMatcher: a hash lookup per
    token, where a token Matcher would try every one of the hundreds of patterns."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for trig in triggers():
        variants = {trig.lemmas}
        variants |= {tuple(w.capitalize() for w in trig.lemmas)}
        variants |= {(trig.lemmas[0].capitalize(), *trig.lemmas[1:])}
        docs = []
        for words in sorted(variants):
            doc = Doc(nlp.vocab, words=list(words))
            for tok, w in zip(doc, words, strict=True):
                tok.lemma_ = w
            docs.append(doc)
        matcher.add(str(trig.order), docs)
    return matcher


def _has_object(span: Span, obj: tuple[str, ...]) -> bool:
    if not obj:
        return True
    head = span.root
    lemmas = [t.lemma_.lower() for t in head.subtree if t.i > head.i]
    n = len(obj)
    return any(tuple(lemmas[i : i + n]) == obj for i in range(len(lemmas) - n + 1))


def _generic_verbs(doc: Doc, taken: set[int]) -> dict[int, tuple[int, int, int, Trigger]]:
    """Every other verb of a clause (not an auxiliary, not a listed non-event)."""
    trig, skip = generic(), not_events()
    out = {}
    for tok in doc:
        if tok.i in taken or tok.pos_ != "VERB" or tok.dep_ in ("aux", "auxpass"):
            continue
        if tok.lemma_.lower() in skip or not tok.is_alpha or tok.ent_type_:
            continue
        out[tok.i] = (1, -trig.order, tok.i, trig)
    return out


def find_triggers(doc: Doc, matcher: PhraseMatcher) -> dict[int, tuple[int, int, int, Trigger]]:
    """Trigger head token → (length, -order, start, trigger): the longest match per head,
    ties to the earlier lexicon entry; then every other verb as an Occurrence."""
    trigs = triggers()
    best: dict[int, tuple[int, int, int, Trigger]] = {}
    for match_id, start, end in matcher(doc):
        trig = trigs[int(doc.vocab.strings[match_id])]
        span = doc[start:end]
        head = span.root
        if any(t.ent_type_ in ("DATE", "TIME") for t in span):
            continue  # "in March", "on Saturday": a date, not a march
        if trig.pos and head.pos_ not in _POS[trig.pos]:
            continue
        if not _has_object(span, trig.obj):
            continue
        if trig.heads and head.head.lemma_.lower() not in trig.heads:
            continue
        cand = (end - start, -trig.order, start, trig)
        if head.i not in best or cand[:2] > best[head.i][:2]:
            best[head.i] = cand
    taken = {i for length, _, start, _ in best.values() for i in range(start, start + length)}
    return {**best, **_generic_verbs(doc, taken)}
