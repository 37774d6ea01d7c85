"""A spaCy component that starts a sentence after every blank line, before the parser runs.

en_core_web_sm's parser reads across a paragraph break: a picture caption above the lede
("The Plains of Arafat on the day of Hajj") becomes the subject of the lede's verb, and the
lede's own subject a prepositional object. A blank line always ends a sentence in news text
(a headline, a dateline, a caption, a paragraph), and the parser keeps a boundary set before
it, so the sentence is parsed on its own.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "kg_paragraphs"


@Language.component(NAME)
def paragraphs(doc: Doc) -> Doc:
    """Mark the first token after a blank line as a sentence start."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc
