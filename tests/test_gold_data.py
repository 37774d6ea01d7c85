"""The hand-annotated gold data (data/gold/news.jsonl) is well-formed and true to its sources.

Pure JSON checks, no spaCy: every span slices its surface, texts equal their source files,
entity references resolve, labels come from the allowed sets. See data/gold/README.md.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kg.ontology import classes_under, top_classes

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "data" / "gold" / "news.jsonl"
SEED_ID = "seed-bashkir-resistance"

KEYS = [
    "id",
    "title",
    "date",
    "url",
    "license",
    "source",
    "text",
    "entities",
    "events",
    "relations",
    "quotes",
    "typed_mentions",
]
TYPES = set(top_classes())
# A gold entity's class is one of the ontology's classes under its type, but a group is always
# annotated as a kind of group, never as Group itself (data/gold/README.md).
CLASSES = {t: set(classes_under(t)) - {"Group"} for t in TYPES}
EVENT_TYPES = {
    "Attack",
    "Arson",
    "Bombing",
    "MissileStrike",
    "Killing",
    "Injure",
    "Arrest",
    "Protest",
    "Mobilization",
    "Invasion",
    "GroupFormation",
    "IndependenceDemand",
    "IndependenceDeclaration",
    "Resolution",
    "Election",
    "Meeting",
    "PublicStatement",
    "Sanction",
}
MODALITIES = {"asserted", "negated", "planned", "demanded", "reported"}
ROLES = {"agent", "target", "place", "time"}
RELATION_TYPES = {
    "locatedIn",
    "near",
    "memberOf",
    "leaderOf",
    "partOf",
    "alliedWith",
    "opposes",
    "communicates",
}


def _load() -> list[dict]:
    with GOLD.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


RECORDS = _load()


def body_end(rec: dict) -> int:
    """Where the annotatable article ends: the seed's related-articles list is not article."""
    if rec["id"] == SEED_ID:
        return rec["text"].index("RELATED ARTICLES")
    return len(rec["text"])


def spans(rec: dict):
    """Every (where, span) in a record, where is a readable location for messages."""
    for e in rec["entities"]:
        for m in e["mentions"]:
            yield f"entity {e['id']}", m
    for i, ev in enumerate(rec["events"]):
        yield f"event {i} trigger", ev["trigger"]
        for a in ev["arguments"]:
            yield f"event {i} {a['role']}", a["span"]
    for i, r in enumerate(rec["relations"]):
        yield f"relation {i} source", r["source"]
        yield f"relation {i} target", r["target"]
    for i, q in enumerate(rec["quotes"]):
        if q["speaker"] is not None:
            yield f"quote {i} speaker", q["speaker"]
        yield f"quote {i} quote", q["quote"]
        yield f"quote {i} cue", q["cue"]


def by_id(rec: dict) -> dict:
    return {e["id"]: e for e in rec["entities"]}


def ids(rec_list):
    return [r["id"] for r in rec_list]


def test_the_six_articles_are_there():
    assert ids(RECORDS) == [
        SEED_ID,
        "wikinews-asylum",
        "wikinews-questionnaire",
        "wikinews-flag",
        "wikinews-taxes",
        "wikinews-worship",
    ]


@pytest.mark.parametrize("rec", RECORDS, ids=ids(RECORDS))
def test_keys_and_metadata(rec):
    assert list(rec) == KEYS
    src = ROOT / rec["source"]
    assert src.is_file() and rec["source"].startswith("data/articles/")
    if rec["source"].endswith(".json"):
        meta = json.loads(src.read_text(encoding="utf-8"))
        assert (rec["title"], rec["date"], rec["url"]) == (meta["title"], meta["date"], meta["url"])
        assert rec["license"] == "CC BY 2.5 (Wikinews)"
    else:
        assert (rec["title"], rec["date"], rec["url"]) == (None, None, None)
        assert rec["license"] == "see data/articles/README.md"


@pytest.mark.parametrize("rec", RECORDS, ids=ids(RECORDS))
def test_text_is_the_source_text(rec):
    src = ROOT / rec["source"]
    if src.suffix == ".json":
        expected = json.loads(src.read_text(encoding="utf-8"))["text"]
    else:
        with open(src, encoding="utf-8") as f:  # no newline translation surprises
            expected = f.read()
    assert rec["text"] == expected


@pytest.mark.parametrize("rec", RECORDS, ids=ids(RECORDS))
def test_every_span_slices_its_surface_inside_the_body(rec):
    text, end = rec["text"], body_end(rec)
    for where, span in spans(rec):
        assert isinstance(span, list) and len(span) == 3, where
        s, e, surface = span
        assert isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= end, (where, span)
        assert text[s:e] == surface, (where, span, text[s:e])
        assert surface == surface.strip(), (where, span)


@pytest.mark.parametrize("rec", RECORDS, ids=ids(RECORDS))
def test_entities(rec):
    counts = Counter(e["id"] for e in rec["entities"])
    assert not [i for i, n in counts.items() if n > 1], "entity ids must be unique per article"
    taken: list[tuple[int, int]] = []
    for e in rec["entities"]:
        assert set(e) == {"id", "type", "class", "mentions"}
        assert e["id"] and e["id"] == e["id"].lower() and " " not in e["id"]
        assert e["class"] in CLASSES[e["type"]], e
        assert e["mentions"], e["id"]
        for s, end, surface in e["mentions"]:
            assert not surface.lower().startswith("the "), surface
            assert not surface.endswith(("’s", "'s")), surface
            assert not any(q in surface for q in '"“”'), surface
            taken.append((s, end))
    taken.sort()
    for (s1, e1), (s2, e2) in zip(taken, taken[1:], strict=False):
        assert e1 <= s2, f"overlapping mentions at {s1}-{e1} and {s2}-{e2}"


@pytest.mark.parametrize("rec", RECORDS, ids=ids(RECORDS))
def test_events(rec):
    ents = by_id(rec)
    for ev in rec["events"]:
        assert set(ev) == {"type", "trigger", "modality", "arguments"}
        assert ev["type"] in EVENT_TYPES and ev["modality"] in MODALITIES, ev
        for a in ev["arguments"]:
            assert set(a) == {"role", "span", "entity"}
            assert a["role"] in ROLES, a
            if a["entity"] is not None:
                assert a["entity"] in ents, a
                assert a["span"] in ents[a["entity"]]["mentions"], a
            if a["role"] == "place" and a["entity"] is not None:
                assert ents[a["entity"]]["type"] == "Region", a
            if a["role"] == "time":
                assert a["entity"] is None, a


@pytest.mark.parametrize("rec", RECORDS, ids=ids(RECORDS))
def test_relations(rec):
    ents = by_id(rec)
    for r in rec["relations"]:
        assert set(r) == {"type", "source", "target", "source_entity", "target_entity"}
        assert r["type"] in RELATION_TYPES, r
        for side in ("source", "target"):
            ent = r[f"{side}_entity"]
            assert ent in ents, r
            assert r[side] in ents[ent]["mentions"], r
        assert r["source_entity"] != r["target_entity"], r
        if r["type"] in {"memberOf", "leaderOf"}:
            assert ents[r["source_entity"]]["type"] == "Person", r
        if r["type"] in {"locatedIn", "near"}:
            assert ents[r["target_entity"]]["type"] == "Region", r


@pytest.mark.parametrize("rec", RECORDS, ids=ids(RECORDS))
def test_quotes(rec):
    ents = by_id(rec)
    for q in rec["quotes"]:
        assert set(q) == {"speaker", "speaker_entity", "quote", "cue"}
        if q["speaker"] is not None:
            assert q["speaker_entity"] in ents, q
            assert q["speaker"] in ents[q["speaker_entity"]]["mentions"], q
        elif q["speaker_entity"] is not None:
            assert q["speaker_entity"] in ents, q  # an unnamed speaker resolved to an entity
        s, e, _ = q["quote"]
        cs, ce, _ = q["cue"]
        assert ce <= s or e <= cs, "the cue is outside the quoted content"


@pytest.mark.parametrize("rec", RECORDS, ids=ids(RECORDS))
def test_typed_mentions(rec):
    text, end = rec["text"], body_end(rec)
    typed = rec["typed_mentions"]
    assert typed == sorted(typed), "typed mentions are sorted by start, end"
    seen: dict[tuple[int, int], str] = {}
    for m in typed:
        assert isinstance(m, list) and len(m) == 3, m
        s, e, kind = m
        assert isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= end, m
        assert kind in TYPES, m
        surface = text[s:e]
        assert surface.strip() and surface == surface.strip(), (m, surface)
        assert (s, e) not in seen, f"span {s}-{e} typed twice"
        seen[(s, e)] = kind
    for e in rec["entities"]:
        for s, end_, surface in e["mentions"]:
            assert seen.get((s, end_)) == e["type"], (e["id"], surface)


def test_seed_events():
    seed = next(r for r in RECORDS if r["id"] == SEED_ID)
    types = Counter(ev["type"] for ev in seed["events"])
    for t in ("Arson", "Attack", "Resolution", "Invasion"):
        assert types[t] >= 1, t
    assert types["GroupFormation"] >= 2  # the army's formation and the committee's creation
    formed = {
        a["entity"]
        for ev in seed["events"]
        if ev["type"] == "GroupFormation"
        for a in ev["arguments"]
        if a["role"] == "target"
    }
    assert "committee-of-the-bashkir-resistance" in formed
    invasion = next(ev for ev in seed["events"] if ev["trigger"][2] == "invasion")
    roles = {(a["role"], a["entity"]) for a in invasion["arguments"]}
    assert roles == {("agent", "vladimir-putin"), ("target", "ukraine")}


def test_seed_putin_mentions_exclude_related_articles():
    seed = next(r for r in RECORDS if r["id"] == SEED_ID)
    putin = by_id(seed)["vladimir-putin"]
    assert len(putin["mentions"]) == 5
    assert seed["text"][: body_end(seed)].count("Putin") == 5
    assert "Putin" in seed["text"][body_end(seed) :]  # the related list names him too


def test_same_id_same_type_across_articles():
    seen: dict[str, tuple[str, str]] = {}
    for rec in RECORDS:
        for e in rec["entities"]:
            kind = (e["type"], e["class"])
            assert seen.setdefault(e["id"], kind) == kind, e["id"]
