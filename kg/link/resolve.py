"""Mentions → canonical entities.

Evidence, strongest first: a curated gazetteer name (aliases, demonyms,
acronyms); the same normalised name; a partial person name resolved to the full
name of the same article, else to the only full name in the corpus that fits;
an acronym introduced as "Name (ABC)"; a fuzzy (transliteration) match of long
names. Every link carries its reason and score. All iteration is over sorted
keys, so the result does not depend on the order the articles came in.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from kg.gazetteer import Gazetteer
from kg.gazetteer import load as load_gazetteer
from kg.link.unionfind import UnionFind
from kg.model import Entity, Extraction, Link, Linking, Mention, top_class
from kg.names import key, slug
from kg.nlp.lexicons import load as load_lexicon

FUZZY_MIN = 92.0
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


def _node(m: Mention, gaz: Gazetteer) -> tuple[str, str, str]:
    """The first grouping of a mention: ("gaz", entry id) or ("name", top class, key)."""
    entry = None
    if m.gazetteer_id and m.gazetteer_id in gaz.entries:
        entry = gaz.entries[m.gazetteer_id]
    elif not (m.cls == "Person" and " " not in m.text.strip()):
        entry = gaz.lookup(m.text)
        if entry is not None and m.cls == "Person" and entry.cls != "Person":
            entry = None  # a multi-word person name that is also a place name stays a person
    if entry is not None:
        return ("gaz", entry.id, "")
    if m.cls == "Person":
        return ("name", "Person", " ".join(person_tokens(m.text)))
    return ("name", "Thing", key(m.text))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper()).upper()


def link(extractions: Sequence[Extraction], gaz: Gazetteer | None = None) -> Linking:
    gaz = gaz or load_gazetteer()
    exts = sorted(extractions, key=lambda x: x.article.id)
    mention_node: dict[MentionId, tuple[str, str, str]] = {}
    members: dict[tuple[str, str, str], list[tuple[MentionId, Mention]]] = defaultdict(list)
    for x in exts:
        for m in x.mentions:
            mid = (x.article.id, m.start, m.end)
            node = _node(m, gaz)
            if not node[2] and node[0] == "name":
                continue
            mention_node[mid] = node
            members[node].append((mid, m))

    uf: UnionFind[tuple[str, str, str]] = UnionFind(sorted(members))
    reason: dict[MentionId, tuple[str, float]] = {}

    # Class of each name node by vote, so "Basya" tagged once as a place still joins the person.
    def vote(node: tuple[str, str, str]) -> str:
        if node[0] == "gaz":
            return gaz.entries[node[1]].cls
        counts = Counter(m.cls for _, m in members[node])
        return min(counts, key=lambda c: (-counts[c], _CLASS_ORDER.index(c)))

    node_class = {n: vote(n) for n in members}

    # Person names: partial → full, same article first, then the corpus when unambiguous.
    persons = sorted(n for n in members if node_class[n] == "Person" and n[0] == "name")
    full = [n for n in persons if len(n[2].split()) >= 2]
    by_last: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    by_first: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for n in full:
        by_last[n[2].split()[-1]].append(n)
        by_first[n[2].split()[0]].append(n)
    articles_of = {n: {mid[0] for mid, _ in members[n]} for n in members}
    for n in persons:
        toks = n[2].split()
        if len(toks) >= 2:
            # "Fuad Basya" inside "Fuad Basya Jr": a longer name with the same ending
            longer = [f for f in full if f != n and f[2].endswith(" " + n[2])]
            if len(longer) == 1:
                uf.union(n, longer[0])
                for mid, _ in members[n]:
                    reason[mid] = ("partial-name", 0.9)
            continue
        cands = by_last.get(toks[0], []) or by_first.get(toks[0], [])
        for mid, _ in members[n]:
            local = [c for c in cands if mid[0] in articles_of[c]]
            chosen = None
            if len(local) == 1:
                chosen, score = local[0], 0.95
            elif not local and len(cands) == 1:
                chosen, score = cands[0], 0.75
            if chosen is not None:
                uf.union(n, chosen)
                reason[mid] = ("partial-name", score)

    # Acronyms introduced in the text: "Syrian Democratic Forces (SDF)".
    text_of = {x.article.id: x.article.text for x in exts}
    by_key: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for n in members:
        if n[0] == "name":
            by_key[n[2]].append(n)
    for n in sorted(members):
        if node_class[n] == "Person":
            continue
        for mid, m in members[n]:
            text = text_of[mid[0]]
            after = re.match(r"\s*\(([A-Z][A-Za-z.&]{1,9})\)", text[m.end : m.end + 14])
            if after and _acronym(m.text) == after.group(1).replace(".", "").upper():
                for other in by_key.get(key(after.group(1)), []):
                    if node_class[other] != "Person":
                        uf.union(n, other)
                        for omid, _ in members[other]:
                            reason[omid] = ("acronym", 0.9)

    # Transliteration and spelling variants of long names.
    names = sorted(n for n in members if n[0] == "name" and len(n[2]) >= 6)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if top_class(node_class[a]) != top_class(node_class[b]) or a[2][0] != b[2][0]:
                continue
            if len(a[2].split()) != len(b[2].split()):
                continue
            score = fuzz.ratio(a[2], b[2])
            if score >= FUZZY_MIN:
                uf.union(a, b)
                for mid, _ in members[b]:
                    reason.setdefault(mid, ("fuzzy", round(score / 100, 3)))

    return _entities(uf, members, node_class, reason, gaz)


def _pick_label(surfaces: Counter[str], cls: str) -> str:
    if cls == "Person":
        return max(surfaces, key=lambda s: (len(person_tokens(s)), surfaces[s], -len(s), s))
    return max(surfaces, key=lambda s: (surfaces[s], s[:1].isupper(), -len(s), s))


def _entities(
    uf: UnionFind[tuple[str, str, str]],
    members: dict[tuple[str, str, str], list[tuple[MentionId, Mention]]],
    node_class: dict[tuple[str, str, str], str],
    reason: dict[MentionId, tuple[str, float]],
    gaz: Gazetteer,
) -> Linking:
    result = Linking()
    used: dict[str, tuple[str, ...]] = {}
    for _, nodes in sorted(uf.groups().items()):
        nodes = sorted(nodes)
        gaz_nodes = [n for n in nodes if n[0] == "gaz"]
        mentions = [(mid, m) for n in nodes for mid, m in members[n]]
        surfaces = Counter(m.text for _, m in mentions)
        if gaz_nodes:
            entry = gaz.entries[gaz_nodes[0][1]]
            cls, label, base = entry.cls, entry.label, entry.id
            same_as = tuple(sorted(entry.same_as))
            iso = entry.iso
        else:
            counts = Counter(node_class[n] for n in nodes for _ in members[n])
            cls = min(counts, key=lambda c: (-counts[c], _CLASS_ORDER.index(c)))
            label = _pick_label(surfaces, cls)
            base = slug(label)
            same_as = ()
            iso = None
        top = top_class(cls)
        members_key = tuple(sorted(n[2] or n[1] for n in nodes))
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
        )
        result.entities[ref] = entity
        for mid, m in mentions:
            if mid in reason:
                why, score = reason[mid]
            elif gaz_nodes:
                entry = gaz.entries[gaz_nodes[0][1]]
                if key(m.text) == key(entry.label):
                    why, score = "gazetteer", 1.0
                elif entry.cls == "EthnicGroup":
                    why, score = "demonym", 0.95
                else:
                    why, score = "gazetteer-alias", 0.95
            elif key(m.text) == key(label):
                why, score = "exact", 1.0
            else:
                why, score = "normalised-name", 0.95
            result.links[mid] = Link(entity=ref, reason=why, score=score)
    return result
