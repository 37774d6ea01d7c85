"""Derive data/lexicons/nominals.yaml: the head nouns that make a noun phrase a mention of a
person, a place or a group ("the militants", "two soldiers", "the ministry", "the capital").

Two sources, no hand-written list:
- WordNet 3.0: a noun's most frequent sense is a person (under person.n.01), a group
  (organization.n.01 or social_group.n.01) or a place (location.n.01, or a site where
  things happen: a building, room, facility, way, landform or water, SITE_ROOTS); and the
  two-word nouns that are a person where their last word alone is not ("suicide bomber");
- GUM (training genres, tune half only): a noun that heads at least MIN_GUM mentions takes
  the class it most often heads — or none, when most of its mentions are of other things —
  so corpus usage wins over WordNet's sense order ("country": WordNet's first sense is the
  nation as a body of people, GUM's texts use it as a place).

    python train/nominals.py ../shared/corpora [--out data/lexicons/nominals.yaml]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gum_heads import TRAINING_GENRES, head_counts  # noqa: E402
from provenance import corpus_commit, kg_commit  # noqa: E402
from wordnet import Nouns, nouns, version  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLASSES = ("Person", "Group", "Region")
MIN_GUM = 3  # mentions a noun must head in GUM for its usage there to decide
# WordNet synsets whose hyponyms are each class (lemma, sense number).
ROOTS = {
    "Person": [("person", 1)],
    "Group": [("organization", 1), ("social_group", 1)],
    "Region": [("location", 1)],
}


def _common(wn: Nouns, lemma: str, offsets: tuple[int, ...]) -> tuple[int, ...]:
    """The lemma's senses as a common noun, most frequent first: those WordNet spells in
    lower case. "rebel" is first the capitalised Rebel (a Confederate soldier), then an
    insurgent; a word spelled capitalised in every sense (Aaron, Paris) is a name: none."""
    return tuple(o for o in offsets if any(w == lemma for w in wn.synsets[o].words))


def _under(wn: Nouns, offset: int, roots: set[int]) -> bool:
    """Whether a synset is one of ``roots`` or a hyponym of one."""
    return bool((wn.ancestors(offset) | {offset}) & roots)


def names_first() -> list[str]:
    """Single-word nouns whose most frequent sense is a name but that have common senses
    ("rebel", "smith", "lee"): written capitalised, the word is more likely that name, so it
    ends no place's name and is no common noun at a sentence's start."""
    wn = nouns()
    out = []
    for lemma, offsets in wn.senses.items():
        if lemma.isalpha():
            common = _common(wn, lemma, offsets)
            if common and common[0] != offsets[0]:
                out.append(lemma)
    return sorted(out)


def wordnet_classes() -> dict[str, str]:
    """Single-word noun → class of its most frequent sense, for the nouns that have one."""
    wn = nouns()
    roots = {cls: {wn.senses[w][n - 1] for w, n in rs} for cls, rs in ROOTS.items()}
    out = {}
    for lemma, offsets in wn.senses.items():
        if "_" in lemma or "-" in lemma or not lemma.isalpha():
            continue
        offsets = _common(wn, lemma, offsets)
        if not offsets:
            continue
        above = wn.ancestors(offsets[0]) | {offsets[0]}
        for cls in CLASSES:  # a person is also under organism; the first class found wins
            if above & roots[cls]:
                out[lemma] = cls
                break
    return out


def wordnet_things(taken: set[str], kinds: list[tuple[str, int]]) -> list[str]:
    """Single-word nouns whose most frequent common sense is under one of ``kinds`` (made
    things: artifact.n.01 or explosive.n.01, "bomb", "truck", "window"; vehicles:
    conveyance.n.03), but for ``taken`` (the nouns of a person, a group or a place)."""
    wn = nouns()
    roots = {wn.senses[w][n - 1] for w, n in kinds}
    out = []
    for lemma, offsets in wn.senses.items():
        if not lemma.isalpha() or lemma in taken:
            continue
        offsets = _common(wn, lemma, offsets)
        if offsets and _under(wn, offsets[0], roots):
            out.append(lemma)
    return sorted(out)


def wordnet_person_compounds(single: dict[str, str]) -> list[str]:
    """Two-word nouns whose most frequent sense is a person where their last word alone is
    not ("suicide bomber": a bomber is an aircraft), as "modifier head"."""
    wn = nouns()
    people = {wn.senses[w][n - 1] for w, n in ROOTS["Person"]}
    out = []
    for lemma, offsets in wn.senses.items():
        parts = lemma.split("_")
        if len(parts) != 2 or not all(p.isalpha() and p.islower() for p in parts):
            continue
        offsets = _common(wn, lemma, offsets)
        if not offsets or single.get(parts[1]) == "Person":
            continue
        if _under(wn, offsets[0], people):
            out.append(" ".join(parts))
    return sorted(out)


def wordnet_genders(people: set[str]) -> dict[str, str]:
    """Person noun → "m" or "f" when its most frequent sense is under male_person or
    female_person ("mother", "actress", "king"); the rest are either ("minister")."""
    wn = nouns()
    male, female = wn.first("male_person"), wn.first("female_person")
    out = {}
    for lemma in sorted(people):
        common = _common(wn, lemma, wn.senses.get(lemma, ()))
        if not common:
            continue
        above = wn.ancestors(common[0]) | {common[0]}
        if (male in above) != (female in above):
            out[lemma] = "m" if male in above else "f"
    return out


# WordNet synsets under which a noun names a place: the word that ends a place's name.
# Built and natural places and ways ("York Minster", "Wembley Stadium", "Castlefrank Road",
# "Bat Cave", "Salt River") end a place's name even where NER read an organisation; the
# Region nouns ("Mexico City") only where it did not ("Manchester City" is a club).
PLACE_ROOTS = [
    ("structure", 1),
    ("facility", 1),
    ("way", 6),
    ("geological_formation", 1),
    ("body_of_water", 1),
    ("land", 4),  # dry land: plains, islands, peninsulas
]
# WordNet synsets under which a common noun is a place where something happens, a mention
# of class Region as a location.n.01 noun is ("at the station", "in the kitchen", "on the
# road", "into the river"): buildings, rooms, facilities, ways, landforms, waters. Not all of
# structure.n.01, whose doors, walls and lockers are things.
SITE_ROOTS = [
    ("building", 1),
    ("room", 1),
    ("facility", 1),
    ("way", 6),
    ("geological_formation", 1),
    ("body_of_water", 1),
    ("land", 4),
]
# WordNet synsets whose hyponyms are things an event involves (a weapon, a vehicle, what
# it damaged): an event's argument that is one of them is an Artifact participant.
THING_ROOTS = [("artifact", 1), ("explosive", 1)]
VEHICLE_ROOTS = [("conveyance", 3)]  # a movement's object that is one is its vehicle
GROUP_SENSES = 2  # a noun whose first senses include a body ("bank", "office") is left out


def wordnet_places(roots: list[tuple[str, int]], also: set[str], taken: set[str]) -> list[str]:
    """Nouns whose most frequent common sense is under ``roots``, and the nouns of ``also``;
    never a noun whose first GROUP_SENSES senses include an organisation or social group
    ("Deutsche Bank", "Foreign Office"), nor one in ``taken``."""
    wn = nouns()
    place = {wn.senses[w][n - 1] for w, n in roots}
    group = {wn.senses[w][n - 1] for w, n in ROOTS["Group"]}
    out = []
    for lemma, offsets in wn.senses.items():
        if not lemma.isalpha() or lemma in taken:
            continue
        offsets = _common(wn, lemma, offsets)
        if not offsets:
            continue
        if lemma not in also and not _under(wn, offsets[0], place):
            continue
        if any(_under(wn, o, group) for o in offsets[:GROUP_SENSES]):
            continue
        out.append(lemma)
    return sorted(out)


def gum_classes(corpora: Path) -> tuple[dict[str, str | None], int]:
    """Noun → the class it most often heads in GUM (None: mostly other things), for the
    nouns heading at least MIN_GUM mentions; and how many nouns were counted."""
    counts = head_counts(corpora / "gum")
    out: dict[str, str | None] = {}
    for lemma, c in counts.items():
        n = sum(c.values())
        if n < MIN_GUM:
            continue
        best, k = max(sorted(c.items()), key=lambda kv: kv[1])
        out[lemma] = best if best in CLASSES and 2 * k > n else None
    return out, len(counts)


def derive(corpora: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    wordnet = wordnet_classes()
    gum, counted = gum_classes(corpora)
    # WordNet's own person and group nouns: GUM's usage of a bare noun ("the museum" as an
    # institution) says nothing of the names it ends ("Städel Museum" is a place)
    taken = {w for w, c in wordnet.items() if c in ("Person", "Group")}
    built = {w: "Region" for w in wordnet_places(SITE_ROOTS, set(), taken) if w not in wordnet}
    merged = {**built, **wordnet, **gum}
    lexicon = {cls: sorted(w for w, c in merged.items() if c == cls) for cls in CLASSES}
    genders = wordnet_genders(set(lexicon["Person"]))
    lexicon["male"] = sorted(w for w, g in genders.items() if g == "m")
    lexicon["female"] = sorted(w for w, g in genders.items() if g == "f")
    # a word that ends a name is no place head where its most frequent sense is a name
    # ("Stan Lee")
    first = names_first()
    in_names = taken | set(first)
    lexicon["place_heads"] = wordnet_places(PLACE_ROOTS, set(), in_names)
    lexicon["person_compounds"] = wordnet_person_compounds(wordnet)
    lexicon["region_heads"] = [
        w
        for w in wordnet_places([], set(lexicon["Region"]), in_names)
        if w not in lexicon["place_heads"]
    ]
    lexicon["names_first"] = first
    classed = {w for w, c in merged.items() if c in CLASSES}
    lexicon["things"] = wordnet_things(classed, THING_ROOTS)
    lexicon["vehicles"] = wordnet_things(classed, VEHICLE_ROOTS)
    stats = {
        "wordnet": len(wordnet),
        "wordnet_sites": len(built),
        "gum_nouns": counted,
        "gum_decided": len(gum),
        "gum_changed": sum(1 for w, c in gum.items() if wordnet.get(w) != c),
        **{part: len(words) for part, words in lexicon.items()},
    }
    return lexicon, stats


def render(lexicon: dict[str, list[str]], stats: dict[str, int], corpora: Path) -> str:
    head = [
        "# Head nouns that make a noun phrase a mention of a person, a group or a place",
        '# ("the militants", "two soldiers", "the ministry", "the capital"): lemma → class.',
        "# Derived, not written by hand: `make models` (train/nominals.py). Do not edit.",
        f"#   WordNet: {version()}; a noun's most frequent common sense (one WordNet spells in",
        "#     lower case: a rebel is first the Rebel, then an insurgent) under person.n.01",
        "#     (Person),",
        "#     organization.n.01 or social_group.n.01 (Group), location.n.01 (Region), or",
        "#     (Region, where WordNet gives no class) building, room, facility, way,",
        "#     geological_formation, body_of_water or land.n.04, none of the first "
        f"{GROUP_SENSES} senses a group;",
        "#     male/female: Person nouns whose most frequent sense is under male_person or",
        "#     female_person (the others may be either).",
        "#     place_heads / region_heads: nouns that end a place's name, most frequent sense",
        "#     under structure, facility, way, geological_formation, body_of_water or",
        f"#     land.n.04 / the Region nouns; none of the first {GROUP_SENSES} senses a group,",
        "#     nor a noun whose most frequent sense WordNet files under person or group, nor",
        "#     one of names_first.",
        "#     names_first: nouns whose most frequent sense is a name (capitalised) though they",
        "#     have common senses (rebel, smith, lee).",
        "#     person_compounds: two-word nouns whose most frequent sense is a person where",
        "#     the last word alone is not (suicide bomber).",
        "#     things: nouns whose most frequent common sense is under artifact.n.01 or",
        "#     explosive.n.01 and that are no Person, Group or Region noun",
        "#     (bomb, truck, window): an event's argument headed by one is an Artifact.",
        "#     vehicles: the things under conveyance.n.03 (truck, plane): a movement's",
        "#     object that is one is its vehicle.",
        f"#   GUM commit {corpus_commit(corpora, 'gum')} (CC BY 4.0 annotations), genres "
        f"{', '.join(sorted(TRAINING_GENRES))},",
        f"#     tune half only: a noun heading >= {MIN_GUM} mentions takes its most frequent "
        "class (or none).",
        f"#   kg commit {kg_commit()}; counts: " + ", ".join(f"{k} {v}" for k, v in stats.items()),
    ]
    body = [f"{part}:" + "".join(f"\n  - {w}" for w in words) for part, words in lexicon.items()]
    return "\n".join(head) + "\n" + "\n".join(body) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "lexicons" / "nominals.yaml")
    args = ap.parse_args()
    lexicon, stats = derive(args.corpora)
    args.out.write_text(render(lexicon, stats, args.corpora), encoding="utf-8")
    print(f"{args.out}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
