"""The entities of the merged groups: class, label and IRI key per group, and each
mention's link with its reason (the reasons no merging step gave come from here)."""

from __future__ import annotations

import hashlib
from collections import Counter

from kg.gazetteer import Entry, Gazetteer
from kg.gazetteer.names import key, slug
from kg.link.known import KNOWN_PERSON, KnownPeople
from kg.link.nodes import GAZ, Members, Node, Reason, person_tokens
from kg.link.unionfind import UnionFind
from kg.model import Entity, Link, Linking, Mention, MentionId
from kg.ontology import top_class

METONYM = "METONYM"  # kg.nlp.metonymy's NER label for a capital read as its government
TEAM = "TEAM"  # kg.nlp.context_class's NER label for a place's name read as its team
# When classes tie in a vote, the more specific reading wins (a test checks that this
# lists every entity class of the ontology).
CLASS_ORDER = (
    "Person",
    "Country",
    "FederalSubject",
    "City",
    "NaturalPlace",
    "GovernmentBody",
    "ArmedGroup",
    "PoliticalMovement",
    "MediaChannel",
    "SportsTeam",
    "EthnicGroup",
    "Organization",
    "Region",
    "Group",
    "Artifact",  # a made thing an event involves: never a name, so never in a vote
)


def vote(classes: Counter[str]) -> str:
    """The class most mentions have; a tie goes to the more specific one."""
    return min(classes, key=lambda c: (-classes[c], CLASS_ORDER.index(c)))


def pick_label(surfaces: Counter[str], cls: str) -> str:
    """The fullest person name, else the most frequent form (an expansion beats its acronym)."""
    if cls == "Person":
        return max(surfaces, key=lambda s: (len(person_tokens(s)), surfaces[s], -len(s), s))
    return max(surfaces, key=lambda s: (not s.isupper(), surfaces[s], len(s.split()), s))


def region_ref(entry_id: str | None, gaz: Gazetteer) -> str | None:
    """The Entity.ref of a gazetteer entry (a government's region, a people's homeland)."""
    if not entry_id or entry_id not in gaz.entries:
        return None
    return f"{top_class(gaz.entries[entry_id].cls)}/{entry_id}"


_METONYMY = Reason("metonymy", 0.85)
_GAZETTEER = Reason("gazetteer", 1.0)
_DEMONYM = Reason("demonym", 0.95)
_ALIAS = Reason("gazetteer-alias", 0.95)
_EXACT = Reason("exact", 1.0)
_NORMALISED = Reason("normalised-name", 0.95)


def default_reason(m: Mention, entry: Entry | None, label: str) -> Reason:
    """The reason of a mention no merging step marked: how its own node named the entity."""
    if m.ner == TEAM:
        return _METONYMY  # a place's name read as its team: the place is kept as its literal
    if entry is not None:
        if m.ner == METONYM:
            return _METONYMY
        if key(m.text) == key(entry.label):
            return _GAZETTEER
        return _DEMONYM if entry.cls == "EthnicGroup" else _ALIAS
    return _EXACT if key(m.text) == key(label) else _NORMALISED


class EntityMaker:
    """Turns each group of merged nodes into one Entity and links its mentions to it."""

    def __init__(
        self,
        members: Members,
        node_class: dict[Node, str],
        reason: dict[MentionId, Reason],
        gaz: Gazetteer,
    ) -> None:
        self.members, self.node_class, self.reason, self.gaz = members, node_class, reason, gaz
        self.used: dict[str, tuple[str, ...]] = {}  # ref → the nodes that hold it
        self.known = KnownPeople(members, gaz)

    def make(self, uf: UnionFind[Node]) -> Linking:
        """Groups in order of their root, so a slug two groups share goes to the same one."""
        result = Linking()
        for _, nodes in sorted(uf.groups().items()):
            nodes = sorted(nodes)
            gaz_nodes = [n for n in nodes if n.kind == GAZ]
            entry = self.gaz.entries[gaz_nodes[0].key] if gaz_nodes else None
            mentions = [(mid, m) for n in nodes for mid, m in self.members[n]]
            # A metonym ("Moscow" for the government) is not a name of the government.
            surfaces = Counter(m.text for _, m in mentions if m.ner != METONYM)
            ref, entity = self._entity(nodes, entry, surfaces)
            result.entities[ref] = entity
            for mid, m in mentions:
                why = self.reason.get(mid) or default_reason(m, entry, entity.label)
                if entity.office and why.why in ("exact", "normalised-name"):
                    why = KNOWN_PERSON
                literal = self._literal(m) if why.why == "metonymy" else None
                result.links[mid] = Link(
                    entity=ref, reason=why.why, score=why.score, literal=literal
                )
        return result

    def _entity(
        self, nodes: list[Node], entry: Entry | None, surfaces: Counter[str]
    ) -> tuple[str, Entity]:
        """A curated entry's facts, else the class by vote and the label by use; the ref
        gets a short hash when another group already holds its slug."""
        governs = homeland = iso = None
        same_as: tuple[str, ...] = ()
        if entry is not None:
            cls, label, base = entry.cls, entry.label, entry.id
            same_as, iso = tuple(sorted(entry.same_as)), entry.iso
            governs, homeland = (
                region_ref(entry.governs, self.gaz),
                region_ref(entry.homeland, self.gaz),
            )
        else:
            cls = vote(Counter(self.node_class[n] for n in nodes for _ in self.members[n]))
            label = pick_label(surfaces, cls)
            base = slug(label)
        country, office = self.known.facts(nodes, cls, surfaces)
        top = top_class(cls)
        members_key = tuple(sorted("|".join(n) for n in nodes))
        ref = f"{top}/{base}"
        if ref in self.used and self.used[ref] != members_key:
            digest = hashlib.sha1("|".join(members_key).encode()).hexdigest()[:6]
            ref = f"{top}/{base}-{digest}"
        self.used[ref] = members_key
        entity = Entity(
            key=ref.split("/", 1)[1],
            cls=cls,
            label=label,
            alt_labels=tuple(sorted(s for s in surfaces if s != label)),
            same_as=same_as,
            iso=iso,
            governs=governs,
            homeland=homeland,
            country=country,
            office=office,
        )
        return ref, entity

    def _literal(self, m: Mention) -> str | None:
        """What a metonym's words name (the city), kept beside the government it refers to."""
        place = self.gaz.lookup(m.text)
        return region_ref(place.id, self.gaz) if place is not None else None


def add_pointed_regions(result: Linking, gaz: Gazetteer) -> None:
    """Regions that a government, a people or a metonym points at are nodes too."""
    pointed = [r for e in result.entities.values() for r in (e.governs, e.homeland, e.country)]
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
