"""Event arguments read off the dependency parse: subject → agent, object (or a passive's
subject) → target, "by X" → agent, "X's <noun>" → agent, "<noun> on/of/against X" → target,
"in/at X" → place; the noun a relative clause or participle modifies ("guests injured in
the blast"), what an adjective trigger is said of ("found dead"). Every argument is a mention
(a name, a noun phrase, a pronoun), or a made thing (kg:Artifact: "the bomb exploded", "killed
with a knife", "shattered the windows"), which becomes a mention here: the instrument where a
doer would be, else the target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Argument, Mention
from kg.nlp.event_triggers import NOMINAL, VERBAL, Trigger, subject_patients
from kg.nlp.lexicons import word_set
from kg.nlp.place_extent import place_noun
from kg.nlp.role_context import THING_ROLES, RoleContext
from kg.ontology import is_a, top_class

if TYPE_CHECKING:
    from spacy.tokens import Token


def _words(part: str) -> frozenset[str]:
    """A word list of data/lexicons/event_roles.yaml."""
    return word_set("event_roles", part)


def _argument(role: str, tok: Token, ctx: RoleContext, alone: bool = False) -> list[Argument]:
    """The mention a role-filling token belongs to (a name, a noun phrase, a pronoun), with
    its conjuncts'; a noun that is no mention fills no role."""
    out = []
    for t in [tok] if alone else [tok, *tok.conjuncts]:
        m = _people(t, ctx) or ctx.mention(t)
        if m is not None:
            out.append(Argument(role, m.start, m.end, m.text))
        elif role in THING_ROLES and (th := ctx.thing(t)) is not None:
            out.append(Argument(THING_ROLES[role], th.start, th.end, th.text))
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


def _people(tok: Token, ctx: RoleContext) -> Mention | None:
    """ "the Kurdish people", "the Tamil population": a people's collective noun stands for
    the ethnic group its modifier names."""
    if tok.lemma_.lower() not in _words("people_nouns"):
        return None
    for c in tok.children:
        m = ctx.mention(c)
        if c.dep_ in ("compound", "amod") and m is not None and m.cls == "EthnicGroup":
            return m
    return None


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
        # "was forced to resign": a passive's subject is the one its complement is about
        deps = ("nsubj", "nsubjpass") if cur.dep_ == "xcomp" else ("nsubj",)
        cur = cur.head
        subj = _child(cur, *deps)
        if subj is not None:
            return subj
    return None


def _filler(tok: Token | None, ctx: RoleContext) -> Token | None:
    """The token whose mention fills a role: the token itself, or the "of" object of a
    quantity that is no mention ("thousands of families"); a pronoun only when coreference
    gave it an antecedent."""
    if tok is None:
        return None
    if ctx.mention(tok) is None and tok.pos_ in ("NOUN", "NUM") and ctx.thing(tok) is None:
        inner = _prep_objects(tok, frozenset({"of"}))
        if inner and (ctx.mention(inner[0]) is not None or ctx.thing(inner[0]) is not None):
            return inner[0]
    if tok.pos_ == "PRON":
        m = ctx.mention(tok)
        return tok if m is not None and m.antecedent is not None else None
    return tok


def _counted_subject(head: Token) -> Token | None:
    """A passive verb's subject the parser read as a preposition's object: "According to
    the ministry over 345 pilgrims have been killed" (the quantity word taken for a
    preposition, or the count for a second object of "to"). A verb with no subject whose
    auxiliaries follow a counted noun right away has that noun for its subject."""
    aux = [c for c in head.lefts if c.dep_ in ("aux", "auxpass")]
    if not any(c.dep_ == "auxpass" for c in aux) or aux[0].i == 0:
        return None
    before = head.doc[aux[0].i - 1]
    if before.dep_ != "pobj" or not any(c.dep_ == "nummod" for c in before.lefts):
        return None
    return before


def _verb_roles(head: Token) -> tuple[Token | None, Token | None]:
    """(agent, target) of a verb trigger: subject, "by" object, the subject of the clause it
    completes; object, a passive's subject, "on"/"against" object. A verb whose PropBank
    frame has no agent ("died", "fell") makes its subject the target."""
    passive = _relative(head, _child(head, "nsubjpass"))
    subj = _relative(head, _child(head, "nsubj"))
    obj = _child(head, "dobj")
    if subj is not None and passive is None and obj is None and _bare_participle(head):
        passive, subj = subj, None  # a headline's passive: "Parents prosecuted after ..."
    if subj is not None and passive is None and obj is None and _with_participle(head):
        passive, subj = subj, None  # "with 20 others wounded": the others were
    if subj is None and passive is None:
        subj, passive = _coordinated(head)
    if subj is None and passive is None:
        passive = _counted_subject(head)
    if subj is None and passive is None and _as_predicate(head):
        # "recognizing the region as occupied by Russia": what the verb says it of
        passive = _child(head.head, "dobj")
    if head.dep_ == "acl" and subj is None and passive is None:
        # a reduced relative: "guests injured in the blast" (its noun the patient), "the
        # gunman firing at the crowd" (its noun the agent); a clause that modifies a noun is
        # never finite, so a participle the tagger read as a past tense is still one ("the
        # six service members killed", "Chekatt – shot dead by police")
        if head.tag_ in ("VBN", "VBD"):
            passive = head.head
        elif head.tag_ == "VBG":
            subj = head.head
    if subj is None and passive is None and head.tag_ in ("VBN", "VBD") and head.dep_ == "advcl":
        passive = _absolute(head)
    if obj is not None and f"{head.lemma_.lower()} {obj.lemma_.lower()}" in subject_patients():
        obj = None  # "took place": the object is part of a PropBank multiword verb
    if subj is not None and obj is None and head.lemma_.lower() in subject_patients():
        return None, subj
    by = _prep_objects(head, _words("agent_preps"))
    agent = subj or (by[0] if by else None) or (None if passive else _inherited_subject(head))
    target = obj or passive
    if target is None:
        objs = _prep_objects(head, _words("verb_target_preps"))
        target = objs[0] if objs else None
    return agent, target


def _coordinated(verb: Token) -> tuple[Token | None, Token | None]:
    """(subject, passive subject) a verb shares with the passive verb it is coordinated
    with: "was arrested and charged" (a participle shares the auxiliary, so the suspect was
    charged too); "was placed … and exploded" (a finite verb: the bomb exploded)."""
    if verb.dep_ != "conj" or verb.head.pos_ not in VERBAL:
        return None, None
    shared = _child(verb.head, "nsubjpass")
    if shared is None or _child(verb, "nsubj", "nsubjpass", "dobj") is not None:
        return None, None
    if verb.tag_ == "VBN":
        return None, shared
    return (shared, None) if verb.tag_ == "VBD" else (None, None)


def _with_participle(verb: Token) -> bool:
    """A participle in an absolute "with" clause ("with two soldiers injured"), whose
    subject underwent it."""
    if verb.tag_ not in ("VBN", "VBD") or _has_aux(verb):
        return False
    if verb.dep_ == "pcomp" and verb.head.lower_ == "with":
        return True
    return any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)


def _absolute(verb: Token) -> Token | None:
    """ "killed, with two others injured": a participle the parser hung on the clause has
    the object of the clause's "with" before it for its patient."""
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "with" and prep.i < verb.i:
            obj = _child(prep, "pobj")
            if obj is not None:
                return obj
    return None


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _bare_participle(verb: Token) -> bool:
    """A past participle with a subject but no auxiliary ("Parents prosecuted after ..."):
    a headline's passive, whose subject underwent the event."""
    return verb.tag_ == "VBN" and not _has_aux(verb) and verb.dep_ in ("ROOT", "conj", "ccomp")


def _as_predicate(verb: Token) -> bool:
    """ "recognizing X as occupied": a participle introduced by "as" says a thing of the
    governing verb's object."""
    as_ = any(c.dep_ in ("mark", "prep") and c.lower_ == "as" for c in verb.children)
    return verb.tag_ == "VBN" and as_ and verb.dep_ in ("advcl", "oprd", "acl", "xcomp")


def _relative(verb: Token, subj: Token | None) -> Token | None:
    """ "the members who were killed": a relative clause's pronoun subject stands for the
    noun the clause modifies."""
    if subj is not None and verb.dep_ == "relcl" and subj.tag_ in ("WP", "WDT"):
        return verb.head
    return subj


def _adjective_roles(head: Token) -> tuple[Token | None, Token | None]:
    """(agent, target) of an adjective trigger ("dead", "wounded"): what it is said of is
    the one the event happened to ("dead soldiers", "he is dead", "police shot him dead",
    "a man was found dead"); the verb it completes gives the doer ("shot dead by police")."""
    if head.dep_ == "amod":
        return None, head.head
    if head.dep_ not in ("acomp", "oprd"):
        return None, None
    gov = head.head
    by = _prep_objects(gov, _words("agent_preps"))
    passive = _child(gov, "nsubjpass")
    if passive is None and gov.dep_ == "acl" and gov.tag_ in ("VBN", "VBD"):
        passive = gov.head  # a reduced relative: "Chekatt – shot dead by police"
    if passive is not None:
        return (by[0] if by else None), passive
    obj = _child(gov, "dobj")
    if obj is not None:
        return _child(gov, "nsubj"), obj
    return None, _child(gov, "nsubj")


def _noun_roles(head: Token, ctx: RoleContext) -> tuple[Token | None, Token | None]:
    """(agent, target) of a noun trigger: "X's attack", "the Russian attack", "attack by X",
    the subject of the verb it is the object of; "attack on/against/of Y"."""
    agent = _child(head, "poss")
    if agent is None:
        mods = [c for c in head.children if c.dep_ in ("amod", "compound") and ctx.mention(c)]
        agent = next((c for c in mods if not _is_place(ctx.mention(c))), None)
    if agent is None:
        by = _prep_objects(head, _words("agent_preps"))
        agent = by[0] if by else None
    gov = head.head
    objs = _prep_objects(head, _words("noun_target_preps"))
    if agent is None and head.dep_ == "dobj" and gov.lemma_.lower() in subject_patients():
        # "the couple are undergoing trial": the verb's subject undergoes the event
        return None, _child(gov, "nsubj") or (objs[0] if objs else None)
    if agent is None and head.dep_ in ("dobj", "nsubjpass") and gov.pos_ in VERBAL:
        # "rebels carried out an attack", not "Macron called the explosion an attack" nor
        # "police said the attack ...": a verb of saying or describing is not the doer's,
        # unless the event is the speaker's own ("announced the formation of their army")
        says = gov.lemma_.lower() in word_set("quotes", "cues")
        if not any(c.dep_ in ("oprd", "ccomp") for c in gov.children):
            doer = _child(gov, "nsubj") or _inherited_subject(gov)
            agent = doer if not says or _own_event(head, doer, ctx) else None
    if agent is None:
        agent = _responsible(head)
    if agent is None and not objs:
        pair = _prep_objects(head, _words("mutual_preps"))
        if pair and pair[0].conjuncts:
            return pair[0], pair[0].conjuncts[0]
    return agent, objs[0] if objs else None


def _responsible(head: Token) -> Token | None:
    """The one who claims or accepts the responsibility for an event is its doer: "The
    group claimed responsibility for the bombing" (the nouns are data, event_roles.yaml)."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "for":
        return None
    noun = prep.head
    if noun.lemma_.lower() not in _words("responsibility_nouns") or noun.dep_ != "dobj":
        return None
    return _child(noun.head, "nsubj")


def _own_event(head: Token, doer: Token | None, ctx: RoleContext) -> bool:
    """Whether a possessive pronoun inside the event's phrase refers back to ``doer``."""
    m = ctx.mention(doer) if doer is not None else None
    if m is None:
        return False
    return any(
        t.dep_ == "poss"
        and t.pos_ == "PRON"
        and (p := ctx.mention(t)) is not None
        and p.antecedent == (m.start, m.end)
        for t in head.subtree
    )


def _is_place(m: Mention | None) -> bool:
    """A place below a country ("Leeds raids"): where, not who."""
    return m is not None and top_class(m.cls) == "Region" and m.cls != "Country"


def _where(head: Token, m: Mention | None) -> bool:
    """An agent that is where, not who: a built or natural place a noun names ("the cafe",
    "the station"; "the empire" and "the city" may act), or a place below a country that a
    relative clause was hung on ("an attack at the Rolando cafe in Madrid, which killed 13":
    the attack killed them)."""
    if m is None or top_class(m.cls) != "Region":
        return False
    if m.kind == "nominal":
        return place_noun(m.text.split()[-1]) == "place_heads"
    relative = any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in head.children)
    return relative and _is_place(m)


def _targets(tok: Token, ctx: RoleContext) -> list[Argument]:
    targets = _argument("target", tok, ctx)
    # "independence from Russia": the entity behind a non-entity object (but "shattered
    # the windows of a bakery" is the windows')
    if not ctx.mention(tok) and ctx.thing(tok) is None and (targets or tok.pos_ == "NOUN"):
        deeper = _prep_objects(tok, _words("deeper_target_preps"))
        ents = [a for d in deeper for a in _argument("target", d, ctx) if ctx.mention(d)]
        targets = ents or targets
    return targets


def _members(head: Token | None, target: Token, ctx: RoleContext) -> list[Argument]:
    """The named members of a target, targets too: "six men, including two brothers";
    "Dozens were arrested, including Anna Berg and Tomas Lind" (the list hangs on the verb);
    a list in apposition to it ("Leftists were arrested, among them Eva Forest, … and Lidia
    Falcón")."""
    words = _words("member_preps")
    out = []
    for tok in (target, head):
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in words] if tok else []
        objs = [g for p in preps for g in p.children if g.dep_ == "pobj"]
        objs += [c for c in target.children if c.dep_ == "appos"] if tok is target else []
        for member in (m for obj in objs for m in _listed(obj)):
            if ctx.mention(member) is not None:
                out += _argument("target", member, ctx, alone=True)
    return out


def _listed(tok: Token) -> list[Token]:
    """A list's items: the token, its conjuncts and appositions, theirs in turn ("Eva
    Forest, wife of …, Lidia Falcón, the director Vicente Sainz"), not what their
    prepositions add ("wife of the playwright Alfonso Sastre")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ in ("conj", "appos")]
    return sorted(out, key=lambda t: t.i)


def _copula(head: Token) -> Token | None:
    """The copula a noun trigger is the subject of: "the worst explosion was at the station"
    (where it happened is said of it)."""
    gov = head.head
    if head.pos_ in NOMINAL and head.dep_ == "nsubj" and gov.lemma_.lower() == "be":
        return gov if _child(gov, "attr", "acomp") is None else None
    return None


def _places(head: Token, ctx: RoleContext) -> list[Argument]:
    """ "in Mosul", "at the station", "the Leeds raids", "the explosion was at the station"."""
    out = []
    for c in head.children:
        m = ctx.mention(c)
        if c.dep_ == "compound" and head.pos_ in NOMINAL and _is_place(m) and m is not None:
            out.append(Argument("place", m.start, m.end, m.text))
    cop = _copula(head)
    hosts = [head] if cop is None else [head, cop]
    for obj in (o for h in hosts for o in _prep_objects(h, _words("place_preps"))):
        m = ctx.mention(obj)
        if m is not None and m.cls != "Person" and top_class(m.cls) in ("Region", "Group"):
            out.append(Argument("place", m.start, m.end, m.text))
        elif m is None and obj.pos_ in NOMINAL and obj.ent_type_ not in ("DATE", "TIME"):
            out += _argument("place", obj, ctx)
    if head.dep_ == "relcl" and any(c.lower_ == "where" for c in head.children):
        out += _regions(head.head, ctx)  # "the station, where six people were killed"
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            out += _inner_places(obj, ctx)
    return out


def _ends(head: Token, ctx: RoleContext) -> list[tuple[Token, Argument]]:
    """Where a movement goes to or comes from: a place after "to", "into", "toward" or
    "from", on the verb or on its particle ("flew back to Belfast", "driven from the shop")."""
    hosts = [head, *(c for c in head.children if c.dep_ in ("advmod", "prt"))]
    out = []
    for obj in (o for h in hosts for o in _prep_objects(h, _words("direction_preps"))):
        out += [(obj, a) for a in _regions(obj, ctx)]
    return out


def _regions(tok: Token, ctx: RoleContext) -> list[Argument]:
    m = ctx.mention(tok)
    if m is None or top_class(m.cls) != "Region":
        return []
    return [Argument("place", m.start, m.end, m.text)]


def _inner_places(tok: Token, ctx: RoleContext, depth: int = 2) -> list[Argument]:
    """The places a phrase of the trigger's is in: "an attack on the market in Strasbourg",
    "on 21 December in Bagram", "at the cafe in Calle del Correo, Madrid"."""
    out = []
    for obj in _prep_objects(tok, _words("place_preps")):
        out += _regions(obj, ctx)
        if depth > 1:
            out += _inner_places(obj, ctx, depth - 1)
    return out


def _same(agent: Token | None, target: Token, ctx: RoleContext) -> bool:
    """ "Ukrainians have not harmed them": a pronoun target that coreference sent back to
    the agent itself (a non-reflexive pronoun is not its own clause's subject)."""
    a, t = ctx.mention(agent) if agent is not None else None, ctx.mention(target)
    return a is not None and t is not None and t.antecedent == (a.start, a.end)


def roles(head: Token, trig: Trigger, ctx: RoleContext) -> list[Argument]:
    """Agent, target, topic and place of a trigger, each a mention."""
    verbal = head.pos_ in VERBAL
    if verbal:
        agent_tok, target_tok = _verb_roles(head)
    elif head.pos_ == "ADJ":
        agent_tok, target_tok = _adjective_roles(head)
    else:
        agent_tok, target_tok = _noun_roles(head, ctx)
    agent_tok, target_tok = _filler(agent_tok, ctx), _filler(target_tok, ctx)
    args: list[Argument] = []
    # "between the army and the rebels": the two conjuncts are two parties, not one
    mutual = agent_tok is not None and target_tok in agent_tok.conjuncts
    if mutual and agent_tok is not None and target_tok is not None:
        return [
            *_argument("agent", agent_tok, ctx, alone=True),
            *_argument("target", target_tok, ctx, alone=True),
            *_places(head, ctx),
        ]
    moves = is_a(trig.type, "Movement")
    ends = _ends(head, ctx) if moves else []
    if target_tok is not None and any(target_tok.i == t.i for t, _ in ends):
        target_tok = None  # "flew to Belfast": where to, not whom
    if agent_tok is not None and not _where(head, ctx.mention(agent_tok)):
        args += _argument("agent", agent_tok, ctx)
    args += [a for _, a in ends]
    if target_tok is not None and not _same(agent_tok, target_tok, ctx):
        args += _targets(target_tok, ctx)
        args += _members(head if verbal else None, target_tok, ctx)
    # "a resolution recognizing the Chechen Republic of Ichkeria": what it is about
    for acl in (c for c in head.children if c.dep_ == "acl" and c.pos_ == "VERB"):
        for obj in (c for c in acl.children if c.dep_ == "dobj"):
            m = ctx.mention(obj)
            if m is not None:
                args.append(Argument("topic", m.start, m.end, m.text))
    if moves:  # "drove the truck": a vehicle the mover moves is the means, not the cargo
        args = [ctx.as_vehicle(a) for a in args]
    # with no place of its own, it is where its target is ("attacked the embassy in Kabul")
    places = _places(head, ctx) or (_inner_places(target_tok, ctx, 1) if target_tok else [])
    if _of(trig.type, "thingless"):
        return [a for a in args if not ctx.is_thing(a)] + places
    if _of(trig.type, "someone_targets"):
        args = [a for a in args if a.role != "target" or not ctx.is_thing(a)]
    if not _of(trig.type, "means_types"):
        return [a for a in args if a.role != "instrument"] + places
    preps = _words("instrument_preps") | (_words("vehicle_preps") if moves else frozenset())
    return args + ctx.instruments(_prep_objects(head, preps)) + places


def _of(etype: str, part: str) -> bool:
    """Whether an event type is one of an event_roles.yaml list of types or under one."""
    return any(is_a(etype, t) for t in _words(part))


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
