"""Mentions → canonical entities, each link with its reason and score.

`Linker.run` applies the link reasons in the order of the reasons table in
docs/architecture.md: the analyst's merges and never-merges first (every automatic step
respects them), then partial names, exact names, acronyms and fuzzy matches, then the
entities with the reasons their own names give (gazetteer, demonym, metonymy, exact,
normalised name), then the analyst's mention overrides and the appositions. A mention
keeps the first reason it is given. All iteration is over sorted keys, so the result
does not depend on the order the articles came in.
"""

from __future__ import annotations

import gc
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from kg.gazetteer import Gazetteer
from kg.gazetteer import load as load_gazetteer
from kg.gazetteer.names import key, slug
from kg.link.entities import EntityMaker, add_pointed_regions, vote
from kg.link.fuzzy import fuzzy_pairs, known_names
from kg.link.nodes import GAZ, NAME, Members, Node, Reason, node_of, person_tokens
from kg.link.overrides import Overrides
from kg.link.unionfind import UnionFind
from kg.model import Entity, Extraction, Link, Linking, Mention, MentionId
from kg.nlp.lexicons import word_set
from kg.ontology import is_a, top_class

log = logging.getLogger(__name__)

# An acronym in brackets right after a name: "Syrian Democratic Forces (SDF)".
_INTRODUCED = re.compile(r"\s*\(([A-Z][A-Za-z.&]{1,9})\)")


def _clipped(short: list[str], long: list[str]) -> bool:
    """A short form that clips the long name's words, in order, from its first: "Penn
    State" (Pennsylvania State University), "Cal Tech" (California Institute of Technology).
    Two words at least, one of them cut short; the long name may have words it leaves out."""
    if len(short) < 2 or not long[0].startswith(short[0]):
        return False
    rest = iter(long)
    if not all(any(w.startswith(s) for w in rest) for s in short):
        return False
    return any(s not in long for s in short) and all(len(s) >= 3 for s in short)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper()).upper()


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
        return Linker(extractions, gaz or load_gazetteer(), overrides or Overrides()).run()
    finally:
        if enabled:
            gc.enable()


class Linker:
    """One linking of a build: its nodes (kg/link/nodes.py), their union-find, and the
    reason each mention was given, with one method per link reason."""

    def __init__(self, extractions: Sequence[Extraction], gaz: Gazetteer, overrides: Overrides):
        self.gaz, self.overrides = gaz, overrides
        self.exts = sorted(extractions, key=lambda x: x.article.id)
        self.members: Members = defaultdict(list)
        # mentions that refer back (a description, a pronoun, "the group"), their
        # antecedents and why, in text order, so an antecedent is linked before them
        self.described: list[tuple[MentionId, MentionId, str]] = []
        # noun phrases and pronouns that refer back to nothing: participants of one article
        self.participants: list[tuple[MentionId, Mention]] = []
        members, described = self.members, self.described
        # the role words a name is given in its article ("minister", "spokeswoman")
        self.roles: dict[MentionId, set[str]] = defaultdict(set)
        for x in self.exts:
            aid = x.article.id
            for m in x.mentions:
                mid = MentionId(aid, m.start, m.end)
                if m.antecedent is not None:
                    why = m.reason or "apposition"
                    described.append((mid, MentionId(aid, *m.antecedent), why))
                    if why in ("apposition", "title") and (word := _role_word(m.text)):
                        self.roles[MentionId(aid, *m.antecedent)].add(word)
                    continue
                if m.kind != "name":
                    self.participants.append((mid, m))
                    continue
                node = node_of(m, aid, gaz)
                if node is not None:
                    members[node].append((mid, m))
        # The root of a merged set is its node that sorts first as a plain tuple's text:
        # which group comes first decides which of two entities sharing a slug keeps it bare.
        self.uf: UnionFind[Node] = UnionFind(sorted(self.members), order=tuple.__repr__)
        self.reason: dict[MentionId, Reason] = {}
        # Class of each node by vote, so "Basya" once tagged as a place still joins the person.
        self.node_class = {
            n: gaz.entries[n.key].cls if n.kind == GAZ else vote(Counter(m.cls for _, m in ms))
            for n, ms in self.members.items()
        }
        self.names = sorted(n for n in self.members if n.kind == NAME)
        self.article_nodes: dict[str, set[Node]] = defaultdict(set)  # filled when needed
        # one-word names no full name explains, by (name, read as a person)
        self.unresolved: dict[tuple[str, bool], list[Node]] = defaultdict(list)

    def run(self) -> Linking:
        """The steps in the order of the reasons table; see the module docstring."""
        self.override_groups()
        self.partial_names()
        self.short_names()
        self.exact_names()
        self.acronyms()
        self.fuzzy()
        maker = EntityMaker(self.members, self.node_class, self.reason, self.gaz)
        result = maker.make(self.uf)
        add_pointed_regions(result, self.gaz)
        self.override_mentions(result)
        self.participant_entities(result)
        self.anaphora(result)
        return result

    def mark(self, node: Node, why: str, score: float) -> None:
        """Give every mention of a node this reason, unless an earlier step gave one."""
        reason, given = Reason(why, score), self.reason
        for mid, _ in self.members[node]:
            given.setdefault(mid, reason)

    def override_groups(self) -> None:
        """`override`: the analyst's never-merge pairs and merge groups, first, so that the
        automatic steps respect them (a never-merge refuses any union that would join them)."""
        named = {
            name: self._named(name)
            for entry in (*self.overrides.never_merge, *self.overrides.merge)
            for name in entry
        }
        for name in sorted(n for n, nodes in named.items() if not nodes):
            log.warning("link override names nothing in this build: %r", name)
        for a, b in self.overrides.never_merge:
            for na in named[a]:
                for nb in named[b]:
                    self.uf.keep_apart(na, nb)
        for group in self.overrides.merge:
            nodes = sorted({n for name in group for n in named[name]})
            for n in nodes[1:]:
                if self.uf.union(nodes[0], n):
                    self.mark(n, "override", 1.0)
                    self.mark(nodes[0], "override", 1.0)

    def _named(self, name: str) -> list[Node]:
        """The nodes an override's name stands for: a known entry, or mentions of that name."""
        k, pk = key(name), " ".join(person_tokens(name))
        out = []
        for n, ms in self.members.items():
            if n.kind == GAZ:
                entry = self.gaz.entries[n.key]
                if name in (entry.id, f"{top_class(entry.cls).lower()}/{entry.id}") or k in {
                    key(x) for x in entry.names
                }:
                    out.append(n)
            elif n.key in (k, pk) or any(key(m.text) == k for _, m in ms):
                out.append(n)
        return sorted(out)

    def partial_names(self) -> None:
        """`partial-name`: a shorter person name is the longer one it ends ("Fuad Basya" is
        "Major General Fuad Basya"); a one-word name is the full name of its own article
        that starts or ends with it, else the only such full name in the corpus."""
        full = [n for n in self.names if self.node_class[n] == "Person" and " " in n.key]
        by_suffix: dict[str, list[Node]] = defaultdict(list)
        for f in full:
            toks = f.key.split()
            for i in range(1, len(toks) - 1):
                by_suffix[" ".join(toks[i:])].append(f)
        for n in full:
            longer = by_suffix.get(n.key, [])
            if len(longer) == 1 and self.uf.union(n, longer[0]):
                self.mark(n, "partial-name", 0.9)
        self._middle_names(full)
        by_part: dict[str, list[Node]] = defaultdict(list)
        for n in full:
            toks = n.key.split()
            for part in {toks[0], toks[-1]}:
                by_part[part].append(n)
        self._one_word_names(by_part)

    def _middle_names(self, full: list[Node]) -> None:
        """ "Matthew Goode" is "Matthew William Goode", and "Otto Jespersen" is "Jens Otto
        Harry Jespersen", of the same article: the same last word, the shorter name's words
        all in the longer one, in order; only the one longer name that fits, and only where
        the two names meet in an article."""
        by_last: dict[str, list[Node]] = defaultdict(list)
        for f in full:
            by_last[f.key.split()[-1]].append(f)
        for group in by_last.values():
            for n in group:
                short = n.key.split()
                longer = [
                    f
                    for f in group
                    if len(f.key.split()) > len(short)
                    and _in_order(short, f.key.split())
                    and self._articles(f) & self._articles(n)
                ]
                if len(longer) == 1 and self.uf.union(n, longer[0]):
                    self.mark(n, "partial-name", 0.9)

    def short_names(self) -> None:
        """`short-name`: an organisation's short form is its long name of the same article
        when it ends it ("Congress", "United States Congress"), is it without a trailing
        noun for a body ("Microsoft", "Microsoft Corporation"; the Group nouns of
        nominals.yaml, from WordNet), or clips its words ("Penn State") — only where exactly
        one long name of its articles fits."""
        bodies = word_set("nominals", "Group")
        groups = [n for n in self.names if top_class(self.node_class[n]) == "Group"]
        by_article: dict[str, list[Node]] = defaultdict(list)
        for n in groups:
            for article in sorted(self._articles(n)):
                by_article[article].append(n)
        words = {n: n.key.split() for n in groups}
        for n in groups:
            short = words[n]
            longer = {
                f
                for article in self._articles(n)
                for f in by_article[article]
                if len(words[f]) > len(short)
                and (
                    words[f][-len(short) :] == short
                    or (words[f][:-1] == short and words[f][-1] in bodies)
                    or _clipped(short, words[f])
                )
            }
            if len(longer) == 1 and self.uf.union(n, longer.pop()):
                self.mark(n, "short-name", 0.85)

    def _articles(self, node: Node) -> set[str]:
        return {mid.article for mid, _ in self.members[node]}

    def _one_word_names(self, by_part: dict[str, list[Node]]) -> None:
        """One-word names: the full name of the same article first, then the only one in
        the corpus; a surname two full names share stays on its own, in its own article."""
        by_part_article: dict[tuple[str, str], list[Node]] = defaultdict(list)
        for part, nodes in by_part.items():
            for f in nodes:
                for article in {mid.article for mid, _ in self.members[f]}:
                    by_part_article[(part, article)].append(f)
        for n in self.names:
            if " " in n.key:
                continue
            cands = by_part.get(n.key, [])
            local = self._introduced(n, by_part_article.get((n.key, n.article), []))
            is_person = self.node_class[n] == "Person"
            if len(local) == 1:
                if self.uf.union(n, local[0]):
                    self.mark(n, "partial-name", 0.95)
                    # The full name says what "Dewar" is, however NER tagged the surname alone.
                    self.node_class[n] = self.node_class[local[0]]
            elif is_person and not local and len(cands) == 1:
                if self._corroborated(n, cands[0]) and self.uf.union(n, cands[0]):
                    self.mark(n, "partial-name", 0.75)
            elif not cands:
                self.unresolved[(n.key, is_person)].append(n)

    def _first(self, node: Node, article: str) -> int:
        return min(
            (mid.start for mid, _ in self.members[node] if mid.article == article), default=0
        )

    def _introduced(self, n: Node, local: list[Node]) -> list[Node]:
        """The full names of the article that compete for a one-word name: all of them, or,
        where one was the only one introduced before the one-word name's first use, that one
        ("Mohamed" after "Ahmed Mohamed", before "Mohamed El-Hassan Mohamed" comes in)."""
        roots = {self.uf.find(f): f for f in sorted(local)}  # full names joined already
        local = sorted(roots.values())
        if len(local) < 2:
            return local
        first = self._first(n, n.article)
        before = [f for f in local if self._first(f, n.article) < first]
        return before if len(before) == 1 else local

    def _corroborated(self, n: Node, full: Node) -> bool:
        """A bare name joins a full name of another article only where the two are also
        given the same role ("minister") or the two articles share a person, an
        organisation or a place finer than a country: sharing "Russia" or "the United
        States" says little, since most news of a region names them."""
        if self._roles(n) & self._roles(full):
            return True
        if not self.article_nodes:
            for node, ms in self.members.items():
                for mid, _ in ms:
                    self.article_nodes[mid.article].add(node)
        theirs = set().union(*(self.article_nodes[mid.article] for mid, _ in self.members[full]))
        shared = (self.article_nodes[n.article] & theirs) - {n, full}
        return any(self._telling(node) for node in shared)

    def _roles(self, node: Node) -> set[str]:
        return set().union(*(self.roles.get(mid, set()) for mid, _ in self.members[node]))

    def _telling(self, node: Node) -> bool:
        """A node two articles can share by more than chance: a person, a group, or a
        place of a known kind below a country (a city, a province, a river)."""
        cls = self.node_class[node]
        if top_class(cls) != "Region":
            return True
        return cls != "Region" and not is_a(cls, "Country")

    def exact_names(self) -> None:
        """`exact`: a one-word name no full name explains is the same thing in every
        article ("Wikinews", "Madonna"); the other exact names share one node already."""
        for nodes in self.unresolved.values():
            for other in nodes[1:]:
                if self.uf.union(nodes[0], other):
                    self.mark(other, "exact", 1.0)

    def acronyms(self) -> None:
        """`acronym`: an acronym the text introduces after a name, "Syrian Democratic
        Forces (SDF)", is that name wherever it is used."""
        text_of = {x.article.id: x.article.text for x in self.exts}
        by_key: dict[str, list[Node]] = defaultdict(list)
        for n in self.names:
            by_key[n.key].append(n)
        for n in sorted(self.members):
            if self.node_class[n] == "Person":
                continue
            for mid, m in self.members[n]:
                after = _INTRODUCED.match(text_of[mid.article][m.end : m.end + 14])
                if after and _acronym(m.text) == after.group(1).replace(".", "").upper():
                    for other in by_key.get(key(after.group(1)), []):
                        if self.node_class[other] != "Person" and self.uf.union(n, other):
                            self.mark(other, "acronym", 0.9)
        self._uncommented_acronyms()

    def _uncommented_acronyms(self) -> None:
        """An acronym of an article ("CC", "UNESCO") that spells the initials of exactly one
        longer name of a body in the same article ("Creative Commons") is that body, though
        the text never puts it in brackets after it (0.85)."""
        long_by_article: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
        short: list[tuple[Node, str, str]] = []
        for n in self.names:
            if self.node_class[n] == "Person":
                continue
            for mid, m in self.members[n]:
                text = m.text.replace(".", "")
                if text.isupper() and text.isalpha() and 2 <= len(text) <= 6:
                    short.append((n, mid.article, text))
                elif " " in m.text and not m.text.isupper():
                    long_by_article[mid.article][_acronym(m.text)].append(n)
        for n, article, text in sorted(set(short)):
            longer = sorted(set(long_by_article[article].get(text, [])))
            if len(longer) == 1 and self.uf.union(longer[0], n):
                self.mark(n, "acronym", 0.85)

    def fuzzy(self) -> None:
        """`fuzzy`: transliteration and spelling variants of long names, and misspellings
        of known names ("Untied Nations"); candidates come from blocks, never all pairs."""
        fuzzy_pairs(
            [n for n in self.names if len(n.key) >= 6 and " " in n.key or len(n.key) >= 8],
            {n: top_class(self.node_class[n]) for n in self.names},
            known_names(self.members, self.gaz),
            self.uf,
            self.mark,
        )

    def override_mentions(self, result: Linking) -> None:
        """`override`: "this mention is that entity", found by ref, label or surface form,
        else made; it replaces whatever link the mention had."""
        for o in self.overrides.mentions:
            mids = [
                (MentionId(x.article.id, m.start, m.end), m)
                for x in self.exts
                if x.article.id.startswith(o.article)
                for m in x.mentions
                if (m.start, m.end) == (o.start, o.end)
            ]
            if len(mids) != 1:
                log.warning(
                    "link override for %s %d-%d matches no mention", o.article, o.start, o.end
                )
                continue
            mid, m = mids[0]
            ref = _find_entity(o.entity, result, self.gaz, m.cls)
            result.links[mid] = Link(entity=ref, reason="override", score=1.0)

    def participant_entities(self, result: Linking) -> None:
        """`participant`: a noun phrase or pronoun that refers back to nothing is an entity
        of its own article ("two soldiers", "the protesters"), named by its words and
        classed by its head; never merged with anything, in this article or another."""
        for mid, m in self.participants:
            if mid in result.links:  # an analyst's override
                continue
            cls = top_class(m.cls)
            key = f"{slug(m.text) or 'someone'}-{mid.article[:8]}-{m.start}"
            ref = f"{cls}/{key}"
            result.entities[ref] = Entity(
                key=key, cls=cls, label=_label(m.text), scope=mid.article, quantity=m.quantity
            )
            result.links[mid] = Link(entity=ref, reason="participant", score=1.0)

    def anaphora(self, result: Linking) -> None:
        """`apposition`, `pronoun`, `nominal-anaphor`, `speaker`: a description, a pronoun,
        a definite noun phrase or a first person in a quote refers to whatever the mention
        it points back to refers to (kg/nlp/coref.py, kg/nlp/speakers.py)."""
        for mid, antecedent, why in self.described:
            target = result.links.get(antecedent)
            if target is not None:
                score = 0.9 if why == "apposition" else 0.8
                result.links[mid] = Link(entity=target.entity, reason=why, score=score)


def _role_word(text: str) -> str:
    """The head word of a description or title, lower-cased ("Environment Minister" →
    "minister", "leader of the group" → "leader"); empty when it has no word of letters."""
    words = re.findall(r"[^\W\d_]+", re.split(r"\s+of\s+|,", text, maxsplit=1)[0])
    return words[-1].lower() if words else ""


def _in_order(short: list[str], long: list[str]) -> bool:
    """Whether the words of ``short`` all stand in ``long``, in the same order."""
    rest = iter(long)
    return all(w in rest for w in short)


def _label(text: str) -> str:
    """A participant's label: its words without a leading article ("the protesters")."""
    words = text.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


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
