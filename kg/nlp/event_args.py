"""Event arguments read off the dependency parse: subject → agent, object (or a passive's
subject) → target, "by X" → agent, "X's <noun>" → agent, "<noun> on/of/against X" → target,
"in/at X" → place; every argument is a mention (a name, a noun phrase, a pronoun)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Argument, Mention
from kg.nlp.entities import mentions_by_token
from kg.nlp.event_triggers import NOMINAL, VERBAL, Trigger
from kg.nlp.lexicons import word_set
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _words(part: str) -> frozenset[str]:
    """A word list of data/lexicons/event_roles.yaml."""
    return word_set("event_roles", part)


class RoleContext:
    """One sentence's mentions, found by token."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.by_token = mentions_by_token(doc, mentions)

    def mention(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)


def _argument(role: str, tok: Token, ctx: RoleContext) -> list[Argument]:
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


def roles(head: Token, trig: Trigger, ctx: RoleContext) -> list[Argument]:
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


def target_ok(args: list[Argument], trig: Trigger, ctx: RoleContext) -> bool:
    if trig.target is None:
        return True
    for a in args:
        if a.role != "target":
            continue
        m = next((m for m in ctx.by_token.values() if (m.start, m.end) == (a.start, a.end)), None)
        if m is not None and (m.cls == trig.target or top_class(m.cls) == trig.target):
            return True
    return False
