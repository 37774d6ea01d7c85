"""Event mentions: lexicon triggers matched on lemmas, roles read off the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kg.model import Argument, EventMention, Mention
from kg.nlp.context import Context
from kg.nlp.dates import normalise_date, report_date
from kg.nlp.docindex import char_span, entities_within
from kg.nlp.entities import mentions_by_token, sentence_of
from kg.nlp.lexicons import load, modality_cues, word_set
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

VERBAL = {"VERB", "AUX"}
NOMINAL = {"NOUN", "PROPN"}


def _words(part: str) -> frozenset[str]:
    """A word list of data/lexicons/event_roles.yaml."""
    return word_set("event_roles", part)


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    lemmas: tuple[str, ...]
    pos: str | None
    obj: tuple[str, ...]
    target: str | None
    order: int
    heads: frozenset[str] = frozenset()  # the trigger must depend on one of these lemmas


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
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
    return tuple(out)


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


class _Context:
    """One sentence's mentions, found by token."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.by_token = mentions_by_token(doc, mentions)

    def mention(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)


def _argument(role: str, tok: Token, ctx: _Context) -> list[Argument]:
    """The mention a role-filling token belongs to (a name, a noun phrase, a pronoun), with
    its conjuncts'; a noun that is no mention fills no role."""
    out = []
    for t in [tok, *tok.conjuncts]:
        m = ctx.mention(t)
        if m is not None:
            out.append(Argument(role, m.start, m.end, m.text))
        elif t.pos_ in NOMINAL:
            # "Ukraine's parliament", "Russian forces": a government noun acts for its country
            owner = next(
                (
                    ctx.mention(c)
                    for c in t.children
                    if c.dep_ in ("poss", "nmod", "compound", "amod") and ctx.mention(c) is not None
                ),
                None,
            )
            government = t.lemma_.lower() in _words("government_nouns")
            if owner is not None and government and role == "agent":
                out.append(Argument(role, owner.start, owner.end, owner.text))
    return out


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _prep_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lemma_.lower() in preps:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _inherited_subject(tok: Token) -> Token | None:
    """Subject of the clause an xcomp/advcl/conj/pcomp verb hangs from."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("xcomp", "advcl", "conj", "pcomp", "prep", "ccomp"):
            return None
        cur = cur.head
        subj = _child(cur, "nsubj")
        if subj is not None:
            return subj
    return None


def _roles(head: Token, trig: Trigger, ctx: _Context) -> list[Argument]:
    args: list[Argument] = []
    if head.pos_ in VERBAL:
        passive = _child(head, "nsubjpass")
        agent = _child(head, "nsubj")
        by = _prep_objects(head, _words("agent_preps"))
        agent_tok = (
            agent or (by[0] if by else None) or (None if passive else _inherited_subject(head))
        )
        target_tok = _child(head, "dobj") or passive
        if target_tok is None:
            objs = _prep_objects(head, _words("verb_target_preps"))
            target_tok = objs[0] if objs else None
    else:
        agent_tok = _child(head, "poss")
        if agent_tok is None:
            mod = [c for c in head.children if c.dep_ in ("amod", "compound") and ctx.mention(c)]
            agent_tok = mod[0] if mod else None
        if agent_tok is None:
            by = _prep_objects(head, _words("agent_preps"))
            agent_tok = by[0] if by else None
        if agent_tok is None and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in VERBAL:
            agent_tok = _child(head.head, "nsubj") or _inherited_subject(head.head)
        objs = _prep_objects(head, _words("noun_target_preps"))
        target_tok = objs[0] if objs else None
    if agent_tok is not None and agent_tok.pos_ != "PRON":
        args += _argument("agent", agent_tok, ctx)
    if target_tok is not None and target_tok.pos_ != "PRON":
        targets = _argument("target", target_tok, ctx)
        # "independence from Russia": the entity behind a non-entity object
        if targets and not ctx.mention(target_tok):
            deeper = _prep_objects(target_tok, _words("deeper_target_preps"))
            ents = [a for d in deeper for a in _argument("target", d, ctx) if ctx.mention(d)]
            targets = ents or targets
        args += targets
    # "a resolution recognizing the Chechen Republic of Ichkeria": what it is about
    for acl in (c for c in head.children if c.dep_ == "acl" and c.pos_ == "VERB"):
        for obj in (c for c in acl.children if c.dep_ == "dobj"):
            m = ctx.mention(obj)
            if m is not None:
                args.append(Argument("topic", m.start, m.end, m.text))
    for obj in _prep_objects(head, _words("place_preps")):
        m = ctx.mention(obj)
        if m is not None and m.cls != "Person" and top_class(m.cls) == "Region":
            args.append(Argument("place", m.start, m.end, m.text))
        elif m is None and obj.pos_ in NOMINAL and obj.ent_type_ not in ("DATE", "TIME"):
            args += _argument("place", obj, ctx)
    return args


def _time(head: Token, sent: Span, report: date | None) -> Argument | None:
    """A date attached to the trigger or to the clause it sits in."""
    ancestors = [head, *list(head.ancestors)[:4]]
    for start, end, label in entities_within(sent.doc, sent.start, sent.end):
        if label != "DATE":
            continue
        ent = sent.doc[start:end]
        hook = ent.root.head
        if hook.dep_ == "prep":
            hook = hook.head
        if hook in ancestors or ent.root.head in ancestors or ent.root in head.subtree:
            return Argument(
                "time", ent.start_char, ent.end_char, ent.text, normalise_date(ent.text, report)
            )
    return None


def _modality(head: Token) -> str:
    cues = modality_cues()
    for c in head.children:
        if c.dep_ == "neg":
            return "negated"
        if c.dep_ in ("aux", "advmod") and cues.get(c.lower_) in ("planned", "reported"):
            return cues[c.lower_]
    for anc in list(head.ancestors)[:3]:
        for c in anc.children:
            if c.dep_ == "neg":
                return "negated"
        for word in (anc.lemma_.lower(), anc.lower_):
            if word in cues and cues[word] != "negated":
                return cues[word]
    return "asserted"


def _target_ok(args: list[Argument], trig: Trigger, ctx: _Context) -> bool:
    if trig.target is None:
        return True
    for a in args:
        if a.role != "target":
            continue
        m = next((m for m in ctx.by_token.values() if (m.start, m.end) == (a.start, a.end)), None)
        if m is not None and (m.cls == trig.target or top_class(m.cls) == trig.target):
            return True
    return False


def _has_object(head: Token, obj: tuple[str, ...]) -> bool:
    if not obj:
        return True
    lemmas = [t.lemma_.lower() for t in head.subtree if t.i > head.i]
    n = len(obj)
    return any(tuple(lemmas[i : i + n]) == obj for i in range(len(lemmas) - n + 1))


def extract_events(
    doc: Doc,
    matcher: PhraseMatcher,
    mentions: list[Mention],
    sent_starts: list[int],
    report: date | None = None,
) -> list[EventMention]:
    """Events of a parsed article; ``report`` (the article's date) places relative times."""
    trigs = triggers()
    ctx = _Context(doc, mentions)
    # Longest match per token wins; ties go to the earlier lexicon entry.
    best: dict[int, tuple[int, int, int, Trigger]] = {}
    for match_id, start, end in matcher(doc):
        trig = trigs[int(doc.vocab.strings[match_id])]
        span = doc[start:end]
        head = span.root
        if any(t.ent_type_ in ("DATE", "TIME") for t in span):
            continue  # "in March", "on Saturday": a date, not a march
        if trig.pos and head.pos_ not in (VERBAL if trig.pos == "VERB" else NOMINAL):
            continue
        if not _has_object(head, trig.obj):
            continue
        if trig.heads and head.head.lemma_.lower() not in trig.heads:
            continue
        cand = (end - start, -trig.order, start, trig)
        if head.i not in best or cand[:2] > best[head.i][:2]:
            best[head.i] = cand
    out = []
    for head_i in sorted(best):
        length, _, start, trig = best[head_i]
        head = doc[head_i]
        span = doc[start : start + length]
        if any(t.ent_type_ in ("PERSON", "ORG", "GPE") for t in span):
            continue  # "Attack" inside a name is not an attack
        args = _roles(head, trig, ctx)
        if not _target_ok(args, trig, ctx):
            continue
        time = _time(head, head.sent, report)
        if time is not None:
            args.append(time)
        out.append(
            EventMention(
                type=trig.type,
                trigger=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence=sentence_of(sent_starts, span.start_char),
                modality=_modality(head),
                arguments=tuple(sorted(set(args), key=lambda a: (a.role, a.start, a.end))),
            )
        )
    return _drop_nested(out, doc)


def _drop_nested(events: list[EventMention], doc: Doc) -> list[EventMention]:
    """ "adopted a resolution": the verb's event already covers the noun's."""
    keep = []
    for ev in events:
        tok = char_span(doc, ev.start, ev.end)
        root = tok.root if tok is not None else None
        dup = root is not None and any(
            o is not ev
            and o.type == ev.type
            and o.sentence == ev.sentence
            and (h := char_span(doc, o.start, o.end)) is not None
            and root.head == h.root
            for o in events
        )
        if not dup:
            keep.append(ev)
    return keep


@lru_cache(maxsize=2)
def _matcher(nlp: Language) -> PhraseMatcher:
    """The trigger matcher, built once per pipeline (per process)."""
    return build_matcher(nlp)


def step(ctx: Context) -> None:
    """Events: lexicon triggers with their arguments from the parse, dated against the
    article's own date."""
    report = report_date(ctx.article.date)
    matcher = _matcher(ctx.nlp)
    ctx.events = extract_events(ctx.doc, matcher, ctx.mentions, ctx.starts, report)
