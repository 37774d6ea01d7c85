"""kg's class hierarchy, read from ontology/kg.ttl (rdfs:subClassOf) once per process.

The ontology is the one place the hierarchy is stated: the direct subclasses of
kg:Entity are the top classes (Person, Region, Group, in the file's order), and every
kg class under one of them is an entity class with that top. The NLP stage asks for a
top class per mention, so the file is parsed with pyoxigraph (about 1 ms, and 10 ms to
import) rather than rdflib (about 0.3 s to import).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from kg.errors import ResourceError
from kg.resources import data_path, require

ONTOLOGY = data_path("ontology", "kg.ttl")
KG_NS = "https://w3id.org/kg/ontology#"
ENTITY = "Entity"  # the class whose direct subclasses are the top classes
_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """The entity classes: each one's kg superclass and top class, and the tops in order."""

    parent: dict[str, str]  # entity class → its kg superclass (a top's is "Entity")
    top_of: dict[str, str]  # entity class → its top class (a top's is itself)
    tops: tuple[str, ...]  # Person, Region, Group

    def under(self, top: str) -> frozenset[str]:
        """The classes under a top class, the top included (Region → Country, City, …)."""
        return frozenset(c for c, t in self.top_of.items() if t == top)


def _subclass_pairs(path: str) -> list[tuple[str, str]]:
    """(class, superclass) for every rdfs:subClassOf between two kg classes, in file order."""
    import pyoxigraph

    try:
        triples = list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE))
    except (SyntaxError, OSError) as e:
        raise ResourceError(f"kg's ontology cannot be read: {e}", where=path) from e
    pairs = []
    for t in triples:
        s, o = t.subject, t.object
        if t.predicate.value != _SUBCLASS_OF or not isinstance(s, pyoxigraph.NamedNode):
            continue
        if isinstance(o, pyoxigraph.NamedNode) and s.value.startswith(KG_NS):
            if o.value.startswith(KG_NS):
                pairs.append((s.value[len(KG_NS) :], o.value[len(KG_NS) :]))
    return list(dict.fromkeys(pairs))  # a statement made twice counts once


def read(path: str) -> Hierarchy:
    """The hierarchy stated in an ontology file; a ResourceError when it is not a tree
    under kg:Entity (a class with two kg superclasses, or no top class at all)."""
    parent: dict[str, str] = {}
    for cls, sup in _subclass_pairs(path):
        if parent.setdefault(cls, sup) != sup:
            raise ResourceError(
                f"kg:{cls} has two kg superclasses (kg:{parent[cls]}, kg:{sup})", where=path
            )
    tops = tuple(c for c, sup in parent.items() if sup == ENTITY)
    if not tops:
        raise ResourceError(f"no class is a subclass of kg:{ENTITY}", where=path)
    top_of = {t: t for t in tops}
    for cls in parent:
        chain = [cls]
        while chain[-1] not in top_of and chain[-1] in parent and len(chain) <= len(parent):
            chain.append(parent[chain[-1]])
        if chain[-1] in top_of:
            top_of[cls] = top_of[chain[-1]]
    entities = {c: p for c, p in parent.items() if c in top_of}
    return Hierarchy(parent=entities, top_of=top_of, tops=tops)


@cache
def hierarchy() -> Hierarchy:
    """The hierarchy of the ontology kg ships, read on first use."""
    return read(str(require(ONTOLOGY)))


@cache
def _top_of() -> dict[str, str]:
    return hierarchy().top_of


def top_class(cls: str) -> str:
    """The top class (Person, Region, Group) of any entity class; KeyError for another."""
    return _top_of()[cls]


def top_classes() -> tuple[str, ...]:
    return hierarchy().tops


@cache
def classes_under(top: str) -> frozenset[str]:
    """The classes under a top class, itself included."""
    return hierarchy().under(top)


def fingerprint() -> str:
    """Hash of the ontology file, part of the fingerprints of what decides a graph."""
    return hashlib.sha256(require(ONTOLOGY).read_bytes()).hexdigest()[:16]


@cache
def _kg_parent() -> dict[str, str]:
    """Every kg class → its kg superclass (entity and event classes alike)."""
    return dict(_subclass_pairs(str(require(ONTOLOGY))))


def is_a(cls: str, ancestor: str) -> bool:
    """``cls`` is ``ancestor`` or under it (kg:Comment is a kg:PublicStatement)."""
    parent = _kg_parent()
    seen = 0
    while cls != ancestor and cls in parent and seen <= len(parent):
        cls, seen = parent[cls], seen + 1
    return cls == ancestor
