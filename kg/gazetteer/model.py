"""What the gazetteer is: known entities (Entry) and the indexes over their names."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.gazetteer.names import key


@dataclass(slots=True)
class Entry:
    """One known entity and every name it goes by."""

    id: str  # unique slug
    label: str
    cls: str
    names: list[str] = field(default_factory=list)  # label, aliases and acronyms
    demonyms: list[str] = field(default_factory=list)  # words for its people (places only)
    same_as: list[str] = field(default_factory=list)
    iso: str | None = None
    part_of: str | None = None  # entry id
    homeland: str | None = None  # entry id (ethnic groups)
    governs: str | None = None  # entry id (government bodies)
    people: str | None = None  # entry id of its people (places)
    curated: bool = True  # False for entries that come from package data only


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)  # name key → entry id
    by_iso: dict[str, str] = field(default_factory=dict)
    capital_of: dict[str, str] = field(default_factory=dict)  # city entry id → country id
    government_of: dict[str, str] = field(default_factory=dict)  # country id → body id
    country_of_demonym: dict[str, str] = field(default_factory=dict)  # "iraqi" → country id
    fingerprint: str = ""

    def lookup(self, name: str) -> Entry | None:
        entry_id = self.by_name.get(key(name))
        return self.entries[entry_id] if entry_id else None

    def lookup_qualified(self, name: str) -> Entry | None:
        """A name, or a country-qualified name of a body of that country: "United Kingdom
        Home Office", "US State Department" → the entry for the bare name, when the data
        says it belongs to (or governs) that country."""
        found = self.lookup(name)
        if found is not None:
            return found
        words = name.split()
        for n in (1, 2, 3):
            if len(words) <= n:
                break
            head = self.lookup(" ".join(words[:n]))
            if head is None:
                continue
            country = head.id if head.cls == "Country" else head.homeland
            rest = self.lookup(" ".join(words[n:]))
            if country and rest is not None and country in (rest.part_of, rest.governs):
                return rest
        return None

    def _add(self, entry: Entry) -> Entry:
        """Add an entry, or merge its names into an existing one with the same id."""
        existing = self.entries.get(entry.id)
        if existing is not None:
            for n in entry.names:
                if n not in existing.names:
                    existing.names.append(n)
            return existing
        self.entries[entry.id] = entry
        if entry.iso:
            self.by_iso.setdefault(entry.iso.upper(), entry.id)
        return entry

    def _index(self, entry: Entry, names: list[str]) -> None:
        for n in names:
            k = key(n)
            if k and k not in self.by_name:  # the first file (most curated) wins
                self.by_name[k] = entry.id

    def resolve_ref(self, ref: str | None) -> str | None:
        """An ISO code, entry id or label → entry id."""
        if not ref:
            return None
        ref = str(ref)
        if ref.upper() in self.by_iso:
            return self.by_iso[ref.upper()]
        if ref in self.entries:
            return ref
        return self.by_name.get(key(ref))
