"""Known people (kg/gazetteer/people.py) among a build's entities: a person entity whose
full name names one known office holder (of the countries its articles name, where two
share the name) gets that person's country and office, and its mentions the link reason
``known-person``. The article's words still decide who the entity is; the file only adds
what it knows of them."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.gazetteer import Gazetteer
from kg.gazetteer.people import who
from kg.link.nodes import GAZ, Members, Node, Reason

KNOWN_PERSON = Reason("known-person", 0.95)


class KnownPeople:
    def __init__(self, members: Members, gaz: Gazetteer) -> None:
        self.members, self.gaz = members, gaz
        self.country_of_iso = {
            e.iso: e.id for e in gaz.entries.values() if e.cls == "Country" and e.iso
        }
        # article → the ISO codes of the countries it names
        self.countries: dict[str, set[str]] = defaultdict(set)
        for n, ms in members.items():
            entry = gaz.entries.get(n.key) if n.kind == GAZ else None
            if entry is not None and entry.cls == "Country" and entry.iso:
                for mid, _ in ms:
                    self.countries[mid.article].add(entry.iso)

    def facts(
        self, nodes: list[Node], cls: str, surfaces: Counter[str]
    ) -> tuple[str | None, str | None]:
        """(country ref, office) of a person entity that is a known person, else Nones."""
        if cls != "Person":
            return None, None
        articles = {mid.article for n in nodes for mid, _ in self.members[n]}
        countries = frozenset(c for a in articles for c in self.countries.get(a, ()))
        found = {who(s, countries) for s in surfaces if " " in s.strip()} - {None}
        if len(found) != 1:
            return None, None
        person = found.pop()
        assert person is not None
        country = self.country_of_iso.get(person.country)
        office = person.role + (f", from {person.start}" if person.start else "")
        office += f" until {person.end}" if person.end else ""
        return (f"Region/{country}" if country else None), office
