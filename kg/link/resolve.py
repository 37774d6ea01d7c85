"""Mentions → canonical entities.

Evidence, strongest first: a curated gazetteer name (aliases, demonyms,
acronyms); the same normalised name; a partial person name resolved to the full
name of the same article, else to the only full name in the corpus that fits;
an acronym introduced as "Name (ABC)"; a fuzzy (transliteration) match of long
names. Every link carries its reason and score. All iteration is over sorted
keys, so the result does not depend on the order the articles came in.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from kg.gazetteer import Gazetteer
from kg.gazetteer import load as load_gazetteer
from kg.link.overrides import Overrides
from kg.link.unionfind import UnionFind
from kg.model import Entity, Extraction, Link, Linking, Mention
from kg.names import key, slug
from kg.nlp.lexicons import load as load_lexicon
from kg.ontology import top_class

log = logging.getLogger(__name__)

FUZZY_MIN = 92.0
WINDOW = 8  # neighbours each name is compared with inside a blocking key
# When classes tie in a vote, the more specific reading wins.
_CLASS_ORDER = (
    "Person",
    "Country",
    "FederalSubject",
    "City",
    "NaturalPlace",
    "GovernmentBody",
    "ArmedGroup",
    "PoliticalMovement",
    "MediaChannel",
    "EthnicGroup",
    "Organization",
    "Region",
    "Group",
)

MentionId = tuple[str, int, int]  # (article id, start, end)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    words = {str(w) for w in load_lexicon("titles")}
    for nouns in load_lexicon("roles").values():
        words.update(str(n) for n in nouns if " " not in str(n))
    return frozenset(words)


def person_tokens(name: str) -> list[str]:
    """A person's name as comparable tokens, titles dropped: "Mr. Gabbasov" → ["gabbasov"]."""
    toks = key(name).split()
    titles = _titles()
    while len(toks) > 1 and toks[0] in titles:
        toks.pop(0)
    return toks


Node = tuple[str, str, str]  # ("gaz", entry id, "") or ("name", key, article id or "")


def _node(m: Mention, article: str, gaz: Gazetteer) -> Node | None:
    """The first grouping of a mention, before any merging.

    A one-word name is scoped to its article: "Smith" here may be a different
    Smith from the one in the next article, and is resolved mention by mention.
    """
    entry = None
    if m.gazetteer_id and m.gazetteer_id in gaz.entries:
        entry = gaz.entries[m.gazetteer_id]
    elif not (m.cls == "Person" and " " not in m.text.strip()):
        entry = gaz.lookup_qualified(m.text)
        if entry is not None and m.cls == "Person" and entry.cls != "Person":
            entry = None  # a multi-word person name that is also a place name stays a person
    if entry is not None:
        return ("gaz", entry.id, "")
    k = " ".join(person_tokens(m.text)) if m.cls == "Person" else key(m.text)
    if not k:
        return None
    return ("name", k, "" if " " in k else article)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper()).upper()


def _vote(classes: Counter[str]) -> str:
    return min(classes, key=lambda c: (-classes[c], _CLASS_ORDER.index(c)))


def link(
    extractions: Sequence[Extraction],
    gaz: Gazetteer | None = None,
    overrides: Overrides | None = None,
) -> Linking:
    # Linking allocates many small objects and frees almost nothing until it returns, so
    # the cyclic collector's full passes over an ever larger heap were pure cost (they made
    # 10k articles take ~40% longer). It is paused for the call and restored after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(extractions, gaz or load_gazetteer(), overrides or Overrides())
    finally:
        if enabled:
            gc.enable()


def _link(extractions: Sequence[Extraction], gaz: Gazetteer, overrides: Overrides) -> Linking:
    exts = sorted(extractions, key=lambda x: x.article.id)
    members: dict[Node, list[tuple[MentionId, Mention]]] = defaultdict(list)
    described: list[tuple[MentionId, tuple[str, int, int]]] = []
    for x in exts:
        for m in x.mentions:
            if m.antecedent is not None:
                described.append(((x.article.id, m.start, m.end), (x.article.id, *m.antecedent)))
                continue
            node = _node(m, x.article.id, gaz)
            if node is not None:
                members[node].append(((x.article.id, m.start, m.end), m))

    uf: UnionFind[Node] = UnionFind(sorted(members))
    reason: dict[MentionId, tuple[str, float]] = {}

    def mark(node: Node, why: str, score: float) -> None:
        for mid, _ in members[node]:
            reason.setdefault(mid, (why, score))

    # The analyst's overrides come first, so that the automatic steps respect them.
    named = {
        name: _named(name, members, gaz)
        for entry in (*overrides.never_merge, *overrides.merge)
        for name in entry
    }
    for name in sorted(n for n, nodes in named.items() if not nodes):
        log.warning("link override names nothing in this build: %r", name)
    for a, b in overrides.never_merge:
        for na in named[a]:
            for nb in named[b]:
                uf.keep_apart(na, nb)
    for group in overrides.merge:
        nodes = sorted({n for name in group for n in named[name]})
        for n in nodes[1:]:
            if uf.union(nodes[0], n):
                mark(n, "override", 1.0)
                mark(nodes[0], "override", 1.0)

    # Class of each name node by vote, so "Basya" once tagged as a place still joins the person.
    node_class = {
        n: gaz.entries[n[1]].cls if n[0] == "gaz" else _vote(Counter(m.cls for _, m in ms))
        for n, ms in members.items()
    }
    names = sorted(n for n in members if n[0] == "name")
    full = [n for n in names if node_class[n] == "Person" and " " in n[1]]
    by_part: dict[str, list[Node]] = defaultdict(list)
    for n in full:
        toks = n[1].split()
        for part in {toks[0], toks[-1]}:
            by_part[part].append(n)
    articles_of = {n: {mid[0] for mid, _ in members[n]} for n in members}
    by_part_article: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for part, nodes in by_part.items():
        for f in nodes:
            for article in articles_of[f]:
                by_part_article[(part, article)].append(f)

    # Longer names ending the same way: "Fuad Basya" is "Major General Fuad Basya".
    by_suffix: dict[str, list[Node]] = defaultdict(list)
    for f in full:
        toks = f[1].split()
        for i in range(1, len(toks) - 1):
            by_suffix[" ".join(toks[i:])].append(f)
    for n in full:
        longer = by_suffix.get(n[1], [])
        if len(longer) == 1 and uf.union(n, longer[0]):
            mark(n, "partial-name", 0.9)

    # One-word names: the full name of the same article first, then the only one in the corpus.
    single = [n for n in names if " " not in n[1]]
    unresolved: dict[tuple[str, bool], list[Node]] = defaultdict(list)
    for n in single:
        cands = by_part.get(n[1], [])
        local = by_part_article.get((n[1], n[2]), [])
        is_person = node_class[n] == "Person"
        if len(local) == 1:
            if uf.union(n, local[0]):
                mark(n, "partial-name", 0.95)
                # The full name says what "Dewar" is, however NER tagged the surname alone.
                node_class[n] = node_class[local[0]]
        elif is_person and not local and len(cands) == 1:
            if uf.union(n, cands[0]):
                mark(n, "partial-name", 0.75)
        elif not cands:
            unresolved[(n[1], is_person)].append(n)
        # an ambiguous surname stays on its own, in its own article
    # A one-word name no full name explains is the same thing in every article
    # ("Wikinews", "Madonna").
    for nodes in unresolved.values():
        for other in nodes[1:]:
            if uf.union(nodes[0], other):
                mark(other, "exact", 1.0)

    # Acronyms introduced in the text: "Syrian Democratic Forces (SDF)".
    text_of = {x.article.id: x.article.text for x in exts}
    by_key: dict[str, list[Node]] = defaultdict(list)
    for n in names:
        by_key[n[1]].append(n)
    for n in sorted(members):
        if node_class[n] == "Person":
            continue
        for mid, m in members[n]:
            text = text_of[mid[0]]
            after = re.match(r"\s*\(([A-Z][A-Za-z.&]{1,9})\)", text[m.end : m.end + 14])
            if after and _acronym(m.text) == after.group(1).replace(".", "").upper():
                for other in by_key.get(key(after.group(1)), []):
                    if node_class[other] != "Person" and uf.union(n, other):
                        mark(other, "acronym", 0.9)

    # Transliteration and spelling variants of long names, and misspellings of known
    # names ("Untied Nations"): candidates come from blocks, never from all pairs.
    fuzzy_pairs(
        [n for n in names if len(n[1]) >= 6 and " " in n[1] or len(n[1]) >= 8],
        {n: top_class(node_class[n]) for n in names},
        _known_names(members, gaz),
        uf,
        mark,
    )

    result = _entities(uf, members, node_class, reason, gaz)
    # Regions that a government, a people or a metonym points at are nodes too.
    pointed = [r for e in result.entities.values() for r in (e.governs, e.homeland)]
    pointed += [lk.literal for lk in result.links.values()]
    for ref in sorted({r for r in pointed if r} - set(result.entities)):
        entry = gaz.entries[ref.split("/", 1)[1]]
        result.entities[ref] = Entity(
            key=entry.id,
            cls=entry.cls,
            label=entry.label,
            same_as=tuple(sorted(entry.same_as)),
            iso=entry.iso,
        )
    _apply_mention_overrides(result, overrides, exts, gaz)
    # Descriptions in apposition refer to whatever their named mention refers to.
    for mid, antecedent in described:
        target = result.links.get(antecedent)
        if target is not None:
            result.links[mid] = Link(entity=target.entity, reason="apposition", score=0.9)
    return result


def _named(
    name: str, members: dict[Node, list[tuple[MentionId, Mention]]], gaz: Gazetteer
) -> list[Node]:
    """The nodes an override's name stands for: a known entry, or mentions of that name."""
    k, pk = key(name), " ".join(person_tokens(name))
    out = []
    for n, ms in members.items():
        if n[0] == "gaz":
            entry = gaz.entries[n[1]]
            if name in (entry.id, f"{top_class(entry.cls).lower()}/{entry.id}") or k in {
                key(x) for x in entry.names
            }:
                out.append(n)
        elif n[1] in (k, pk) or any(key(m.text) == k for _, m in ms):
            out.append(n)
    return sorted(out)


def _apply_mention_overrides(
    result: Linking, overrides: Overrides, exts: Sequence[Extraction], gaz: Gazetteer
) -> None:
    """ "This mention is that entity": found by ref, label or surface form, else made."""
    for o in overrides.mentions:
        mids = [
            (x.article.id, m.start, m.end, m)
            for x in exts
            if x.article.id.startswith(o.article)
            for m in x.mentions
            if (m.start, m.end) == (o.start, o.end)
        ]
        if len(mids) != 1:
            log.warning("link override for %s %d-%d matches no mention", o.article, o.start, o.end)
            continue
        aid, s, e, m = mids[0]
        ref = _find_entity(o.entity, result, gaz, m.cls)
        result.links[(aid, s, e)] = Link(entity=ref, reason="override", score=1.0)


def _find_entity(name: str, result: Linking, gaz: Gazetteer, cls: str) -> str:
    """A ref ("region/jordan"), else a known name, else an entity of the build by label."""
    wanted = name.replace(":", "/").lower()
    for ref in sorted(result.entities):
        if ref.lower() == wanted:
            return ref
    top, _, ident = wanted.partition("/")
    entry = gaz.entries.get(ident) if ident else gaz.lookup(name)
    if entry is None:
        k = key(name)
        for ref, ent in sorted(result.entities.items()):
            if key(ent.label) == k or k in {key(a) for a in ent.alt_labels}:
                return ref
        entry_cls, label, ident, same_as, iso = cls, name, slug(name), (), None
    else:
        entry_cls, label, ident = entry.cls, entry.label, entry.id
        same_as, iso = tuple(sorted(entry.same_as)), entry.iso
    ref = f"{top_class(entry_cls)}/{ident}"
    result.entities.setdefault(
        ref, Entity(key=ident, cls=entry_cls, label=label, same_as=same_as, iso=iso)
    )
    return ref


def _region_ref(entry_id: str | None, gaz: Gazetteer) -> str | None:
    if not entry_id or entry_id not in gaz.entries:
        return None
    return f"{top_class(gaz.entries[entry_id].cls)}/{entry_id}"


def _blocks(k: str) -> tuple[tuple[str, ...], ...]:
    """Blocking keys of a name key, word by word: the start of every word, and the two
    first and two last letters of every word. Spelling variants share one of them
    (Zelensky/Zelenskyy the starts, Untied/United Nations and Smith/Smyth the edges)
    while most different names share neither, so blocks stay small."""
    words = k.split()
    return (
        ("start", *(w[:3] for w in words)),
        ("edges", *(w[:2] + w[-2:] for w in words)),
    )


def _known_names(
    members: dict[Node, list[tuple[MentionId, Mention]]], gaz: Gazetteer
) -> dict[str, tuple[Node, str]]:
    """Curated names (8+ characters) of the known entities this build mentions."""
    out: dict[str, tuple[Node, str]] = {}
    for n in sorted(members):
        if n[0] == "gaz":
            entry = gaz.entries[n[1]]
            for name in entry.names:
                k = key(name)
                if len(k) >= 8:
                    out.setdefault(k, (n, top_class(entry.cls)))
    return out


def fuzzy_pairs(
    names: list[Node],
    top_of: dict[Node, str],
    known: dict[str, tuple[Node, str]],
    uf: UnionFind[Node],
    mark: Callable[[Node, str, float], None],
) -> None:
    """Merge name nodes that are spelling variants of each other or of a known name."""
    blocks: dict[tuple[str, ...], list[tuple[str, Node, str]]] = defaultdict(list)
    for k, (node, top) in sorted(known.items()):
        for b in _blocks(k):
            blocks[b].append((k, node, top))
    for n in names:
        for b in _blocks(n[1]):
            blocks[b].append((n[1], n, top_of[n]))
    # Within a block, each name meets only its nearest neighbours in sorted order
    # (a sorted-neighbourhood window), so a crowded block costs n·WINDOW, not n².
    seen: set[tuple[Node, Node]] = set()
    for b in sorted(blocks):
        items = sorted(set(blocks[b]))
        for i, (ka, a, ta) in enumerate(items):
            for kb, nb, tb in items[i + 1 : i + 1 + WINDOW]:
                if a == nb or ta != tb or ka == kb or (a, nb) in seen:
                    continue
                if (
                    a[0] == "gaz"
                    and nb[0] == "gaz"
                    or "Person" in (ta, tb)
                    and "gaz" in (a[0], nb[0])
                ):
                    continue
                seen.add((a, nb))
                score = fuzz.ratio(ka, kb)
                if score >= FUZZY_MIN and uf.union(a, nb):
                    mark(nb if nb[0] == "name" else a, "fuzzy", round(score / 100, 3))


def _pick_label(surfaces: Counter[str], cls: str) -> str:
    if cls == "Person":
        return max(surfaces, key=lambda s: (len(person_tokens(s)), surfaces[s], -len(s), s))
    # An expansion beats its acronym however often the acronym is used.
    return max(surfaces, key=lambda s: (not s.isupper(), surfaces[s], len(s.split()), s))


def _entities(
    uf: UnionFind[Node],
    members: dict[Node, list[tuple[MentionId, Mention]]],
    node_class: dict[Node, str],
    reason: dict[MentionId, tuple[str, float]],
    gaz: Gazetteer,
) -> Linking:
    result = Linking()
    used: dict[str, tuple[str, ...]] = {}
    for _, nodes in sorted(uf.groups().items()):
        nodes = sorted(nodes)
        gaz_nodes = [n for n in nodes if n[0] == "gaz"]
        mentions = [(mid, m) for n in nodes for mid, m in members[n]]
        # A metonym ("Moscow" for the government) is not a name of the government.
        surfaces = Counter(m.text for _, m in mentions if m.ner != "METONYM")
        if gaz_nodes:
            entry = gaz.entries[gaz_nodes[0][1]]
            cls, label, base = entry.cls, entry.label, entry.id
            same_as = tuple(sorted(entry.same_as))
            iso = entry.iso
            governs = _region_ref(entry.governs, gaz)
            homeland = _region_ref(entry.homeland, gaz)
        else:
            cls = _vote(Counter(node_class[n] for n in nodes for _ in members[n]))
            label = _pick_label(surfaces, cls)
            base = slug(label)
            same_as = ()
            iso = None
            governs = homeland = None
        top = top_class(cls)
        members_key = tuple(sorted("|".join(n) for n in nodes))
        ref = f"{top}/{base}"
        if ref in used and used[ref] != members_key:
            digest = hashlib.sha1("|".join(members_key).encode()).hexdigest()[:6]
            ref = f"{top}/{base}-{digest}"
        used[ref] = members_key
        entity = Entity(
            key=ref.split("/", 1)[1],
            cls=cls,
            label=label,
            alt_labels=tuple(sorted(s for s in surfaces if s != label)),
            same_as=same_as,
            iso=iso,
            governs=governs,
            homeland=homeland,
        )
        result.entities[ref] = entity
        for mid, m in mentions:
            if mid in reason:
                why, score = reason[mid]
            elif gaz_nodes:
                entry = gaz.entries[gaz_nodes[0][1]]
                if m.ner == "METONYM":
                    why, score = "metonymy", 0.85
                elif key(m.text) == key(entry.label):
                    why, score = "gazetteer", 1.0
                elif entry.cls == "EthnicGroup":
                    why, score = "demonym", 0.95
                else:
                    why, score = "gazetteer-alias", 0.95
            elif key(m.text) == key(label):
                why, score = "exact", 1.0
            else:
                why, score = "normalised-name", 0.95
            literal = None
            if why == "metonymy":
                place = gaz.lookup(m.text)
                literal = _region_ref(place.id, gaz) if place is not None else None
            result.links[mid] = Link(entity=ref, reason=why, score=score, literal=literal)
    return result
