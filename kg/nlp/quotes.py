"""Quotes and reported speech: who said what, with which cue, direct or indirect.

"Ruslan Gabbasov ... emphasized that Putin's war ... had no connection ..." is a quote
of Gabbasov's; so is '"We are in contact," Najib Razak said' and "According to ABC
News, Basya believes ...". A pronoun speaker ("She continued: ...") stands for the
nearest named person before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.model import Mention, Quote
from kg.nlp.context import Context
from kg.nlp.docindex import lower_lemmas, token_strings
from kg.nlp.entities import doc_text, mentions_by_token, sentence_of
from kg.nlp.lexicons import load

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_QUOTE_MARKS = '"“”«»„'
_CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
_CLOSING = re.compile(r"[\"”’']\s*$|[\"”’'],?\s*[,.]?\s*$|[,.][\"”’']")


@lru_cache(maxsize=1)
def _cues() -> frozenset[str]:
    return frozenset(str(w) for w in load("quotes")["cues"])


def _subject(verb: Token) -> Token | None:
    cur = verb
    for _ in range(3):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if cur.dep_ not in ("advcl", "conj", "xcomp") or cur.head.i == cur.i:
            return None
        # "..., stating that": the subject of the nearest cue verb above
        cur = cur.head
        while cur.lemma_.lower() not in _cues() and cur.head.i != cur.i:
            cur = cur.head
    return None


def _strip_quotes(doc: Doc, s: int, e: int) -> tuple[int, int, bool]:
    """Trim "that", punctuation and quote marks off a content span; say if it was quoted."""
    text = doc_text(doc)
    while s < e and (text[s].isspace() or text[s] in _QUOTE_MARKS + ",:"):
        s += 1
    if text[s : s + 5].lower() == "that ":
        s += 5
    while e > s and (text[e - 1].isspace() or text[e - 1] in _QUOTE_MARKS + ",.;:"):
        e -= 1
    before = text[max(0, s - 3) : s]
    after = text[e : e + 3]
    direct = any(q in before for q in _QUOTE_MARKS) and any(q in after for q in _QUOTE_MARKS)
    return s, e, direct


def _speaker(tok: Token | None, by_token: dict[int, Mention]) -> Mention | None:
    if tok is None:
        return None
    m = by_token.get(tok.i)
    if m is not None:
        return m
    # "Malaysia's Prime Minister, Najib Razak": a person inside the subject, else any name
    inside = [by_token[c.i] for c in tok.subtree if c.i in by_token]
    people = [x for x in inside if x.cls == "Person"]
    return (people or inside or [None])[0]


def _antecedent(
    tok: Token | None, persons: list[Mention], speakers: list[Mention]
) -> Mention | None:
    """Who "she" is in "she said": the last named speaker, else the last named person."""
    if tok is None or tok.lower_ not in ("he", "she"):
        return None
    for pool in (speakers, persons):
        before = [m for m in pool if m.end <= tok.idx and m.antecedent is None and m.kind == "name"]
        if before:
            return before[-1]
    return None


def _outside_line(content: Span, line_start: int, line_end: int) -> bool:
    """Whether the head word of what is said lies outside the cue's own sentence line."""
    idx = content.root.idx
    return not line_start <= idx < line_end


def _cue_tokens(doc: Doc) -> Iterator[Token]:
    """The tokens that may open a quote, a cue verb or "according", picked from the
    Doc's token lists: the rest of the Doc never becomes Token objects."""
    cues = _cues()
    lemmas, pos = lower_lemmas(doc), token_strings(doc, "POS")
    lowers = token_strings(doc, "LOWER")
    for i, lemma in enumerate(lemmas):
        if lemma in cues and pos[i] in ("VERB", "AUX") or lowers[i] == "according":
            yield doc[i]


def extract_quotes(doc: Doc, mentions: list[Mention], sent_starts: list[int]) -> list[Quote]:
    # Names, and noun phrases and pronouns (coreference gave them what they refer to);
    # a description in apposition is its name's, which is there already.
    by_token = mentions_by_token(doc, [m for m in mentions if m.reason != "apposition"])
    persons = sorted((m for m in mentions if m.cls == "Person"), key=lambda m: m.start)
    out: dict[tuple[int, int], Quote] = {}
    said: list[Mention] = []  # named speakers so far, for "she said"
    for tok in _cue_tokens(doc):
        content: Span | None = None
        speaker_tok: Token | None = None
        cue = (tok.idx, tok.idx + len(tok.text))
        if tok.lemma_.lower() in _cues() and tok.pos_ in ("VERB", "AUX"):
            comp = next((c for c in tok.children if c.dep_ in _CONTENT_DEPS), None)
            if comp is None and tok.dep_ in ("parataxis", "ccomp") and tok.head.i < tok.i:
                # '"We are in contact," Razak said': the quote is the head, and it is
                # in quote marks (else the parser merely hung the clause off a dateline)
                before = doc[tok.head.left_edge.i : tok.i]
                if _CLOSING.search(before.text):
                    comp, content = tok.head, before
            elif comp is not None:
                content = doc[comp.left_edge.i : comp.right_edge.i + 1]
            speaker_tok = _subject(tok)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            head = tok.head
            if pobj is not None and head.i != tok.i:
                speaker_tok = pobj
                cue = (tok.idx, doc[tok.i + 1].idx + 2)
                after = max(pobj.right_edge.i + 1, tok.i + 2)
                content = doc[after : head.sent.end]
        if content is None or len(content) < 3:
            continue
        # What is said is said in the cue's sentence, and a headline or dateline above it
        # (the parser may join them to it) is not part of it.
        sent = tok.sent
        line = sentence_of(sent_starts, tok.idx)
        line_start = sent_starts[line] if sent_starts else sent.start_char
        line_end = sent_starts[line + 1] if line + 1 < len(sent_starts) else sent.end_char
        if _outside_line(content, line_start, line_end):
            continue  # the parser took a headline for what was said
        start = max(content.start_char, sent.start_char, line_start)
        end = min(content.end_char, sent.end_char, line_end)
        s, e, direct = _strip_quotes(doc, start, end)
        if e - s < 8:
            continue
        speaker = _speaker(speaker_tok, by_token)
        if speaker is not None and speaker.kind == "pronoun" and speaker.antecedent is None:
            speaker = None  # "he" that coreference left open: the last speaker, as below
        antecedent = None if speaker is not None else _antecedent(speaker_tok, persons, said)
        if speaker is not None and speaker.cls == "Person" and speaker.kind == "name":
            said.append(speaker)
        if speaker is None and antecedent is None:
            continue  # nobody to attribute it to
        out.setdefault(
            (s, e),
            Quote(
                start=s,
                end=e,
                cue=cue,
                sentence=sentence_of(sent_starts, s),
                direct=direct,
                speaker=(speaker.start, speaker.end) if speaker is not None else None,
                speaker_antecedent=(antecedent.start, antecedent.end) if antecedent else None,
            ),
        )
    return [out[k] for k in sorted(out)]


def step(ctx: Context) -> None:
    """Speech and claims, with their speaker among the mentions."""
    ctx.quotes = extract_quotes(ctx.doc, ctx.actors(), ctx.starts)
