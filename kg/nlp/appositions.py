"""Descriptions in apposition to a person: "John Kerry, the Secretary of State",
"Malaysia's Prime Minister, Najib Razak". They are mentions of that person too.

Only descriptions that hold a capitalised word are kept (a role with a name in it,
the way news writes titles); "a nationalist leader" stays a plain noun phrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Mention
from kg.nlp.context import Context
from kg.nlp.docindex import char_span
from kg.nlp.doctext import name_spans
from kg.nlp.entities import clean_span, doc_text, mention_at
from kg.nlp.lexicons import portfolio_words, title_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MODIFIERS = {"det", "poss", "compound", "amod", "nmod", "nummod", "case", "punct"}
_OF = {"of", "for", "at"}
_MAX_TOKENS = 10


def _phrase(head: Token, exclude: set[int]) -> tuple[int, int] | None:
    """Character span of a role noun with its modifiers and a short "of X" complement."""
    left = head
    for c in head.lefts:
        if c.dep_ in _MODIFIERS and c.i not in exclude:
            left = min(left, c.left_edge, key=lambda t: t.i)
            break
    right = head
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in _OF:
            last = c.right_edge
            if last.i - head.i <= 6 and not any(t.i in exclude for t in c.subtree):
                right = last
            break
    if any(t.i in exclude for t in head.doc[left.i : right.i + 1]):
        return None
    if right.i - left.i + 1 > _MAX_TOKENS:
        return None
    return left.idx, right.idx + len(right.text)


def _title_before(doc: Doc, start: int) -> tuple[int, str] | None:
    """ "Home Secretary Suella Braverman": the capitalised title right before a name."""
    titles, portfolios = title_words(), portfolio_words()
    i = start - 1
    words: list[Token] = []
    while i >= 0 and doc[i].text[:1].isupper():
        word = doc[i].lower_.strip(".")
        if word not in titles and word not in portfolios:
            break
        words.insert(0, doc[i])
        i -= 1
    if not words or not any(w.lower_.strip(".") in titles for w in words):
        return None
    return words[0].idx, " ".join(w.text for w in words)


def _description(
    text: str, start: int, end: int, starts: list[int], ner: str, of: tuple[int, int]
) -> Mention:
    """A title or apposition of a named person: a nominal mention that refers to whatever
    the name at ``of`` refers to."""
    return mention_at(
        text, start, end, starts, "Person", ner, None, of, kind="nominal", reason="apposition"
    )


def title_mentions(doc: Doc, mentions: list[Mention], sent_starts: list[int]) -> list[Mention]:
    """Later uses of a title that one person of the article holds: "The Home Secretary said"."""
    holders: dict[str, set[tuple[int, int]]] = {}
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.cls != "Person" or m.antecedent is not None:
            continue
        span = char_span(doc, m.start, m.end)
        found = _title_before(doc, span.start) if span is not None else None
        if found is None:
            continue
        title = found[1]
        holders.setdefault(title, set()).add((m.start, m.end))
        first.setdefault(title, m)
    text = doc_text(doc)
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    # The title in front of each holder's name is itself a mention of them.
    for spans in (holders[t] for t in sorted(holders)):
        for start, end in sorted(spans):
            span = char_span(doc, start, end)
            found = _title_before(doc, span.start) if span is not None else None
            if found is None:
                continue
            s = found[0]
            e = s + len(found[1])
            if text[s:e] == found[1] and not any(a < e and s < b for a, b in taken):
                out.append(_description(text, s, e, sent_starts, "TITLE", (start, end)))
                taken.append((s, e))
    for title in sorted(holders):
        names = {text[s:e].split()[-1] for s, e in holders[title]}
        if len(names) != 1:
            continue  # two people share the title here: who "the minister" is cannot be told
        holder = first[title]
        for s, e in name_spans(text, title):
            if any(a < e and s < b for a, b in taken) or any(
                a <= s and e <= b for a, b in [(x.start, x.end) for x in out]
            ):
                continue
            span = char_span(doc, s, e, expand=False)
            nxt = doc[span.end] if span is not None and span.end < len(doc) else None
            if span is None or (nxt is not None and nxt.ent_type_ == "PERSON"):
                continue  # the title of a named person, who is mentioned already
            out.append(_description(text, s, e, sent_starts, "TITLE", (holder.start, holder.end)))
    return out


def _role_head(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("PERSON", "GPE", "ORG")


def appositive_mentions(doc: Doc, mentions: list[Mention], sent_starts: list[int]) -> list[Mention]:
    text = doc_text(doc)
    titles = title_words()
    taken = {(m.start, m.end) for m in mentions}
    out: list[Mention] = []
    for m in mentions:
        if m.cls != "Person":
            continue
        span = char_span(doc, m.start, m.end)
        if span is None:
            continue
        inside = {t.i for t in span}
        root = span.root
        # News sets an apposition off with commas: "Kerry, the Secretary of State,".
        heads = [
            c
            for c in root.children
            if c.dep_ == "appos" and _role_head(c) and doc[span.end].text == ","
        ]
        if (
            root.dep_ == "appos"
            and _role_head(root.head)
            and root.head.i < span.start
            and doc[span.start - 1].text == ","
        ):
            heads.append(root.head)
        # "Malaysia's Prime Minister, Najib Razak": a title right before ", Name"
        before = doc[span.start - 2] if span.start >= 2 else None
        if (
            before is not None
            and doc[span.start - 1].text == ","
            and before.lower_ in titles
            and before not in heads
        ):
            heads.append(before)
        for h in heads:
            bounds = _phrase(h, inside)
            if bounds is None:
                continue
            cleaned = clean_span(text, *bounds)
            if cleaned is None or cleaned in taken:
                continue
            s, e = cleaned
            out.append(_description(text, s, e, sent_starts, "APPOS", (m.start, m.end)))
            taken.add(cleaned)
    return out


def step(ctx: Context) -> None:
    """Descriptions and titles of the named people found so far join the mentions."""
    described = appositive_mentions(ctx.doc, ctx.mentions, ctx.starts)
    described += title_mentions(ctx.doc, [*ctx.mentions, *described], ctx.starts)
    ctx.mentions = sorted([*ctx.mentions, *described], key=lambda m: (m.start, m.end))
