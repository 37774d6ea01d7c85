"""One place that reads a Doc's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once: spaCy rebuilds ``doc.text`` from every token on
    each access, which the NLP stage would otherwise do thousands of times per article."""
    text = doc.user_data.get("kg.text")
    if text is None:
        text = doc.user_data["kg.text"] = doc.text
    return text
