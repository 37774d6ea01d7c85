"""Corpora given as tokens become text with character offsets for every token.

kg reads text, so a tokenised corpus (ECB+, DocRED, DWIE) is detokenised by one fixed rule:
tokens are joined by a space, except before closing punctuation and clitics and after
opening brackets and quotes; straight double quotes alternate between opening and closing
within a sentence; PTB quote and bracket tokens (``, '', -LRB-) are written as the characters
they stand for, so kg sees quote marks where a reader would. The rule only has to be
deterministic and readable: every gold span is carried over through the token offsets it
returns, whatever the spacing.
"""

from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int]

_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "”", "’", "''", "..."}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "‘", "``", "#"}
_PTB = {"``": "“", "''": "”", "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]"}
_CLITICS = {"'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "’s", "’re", "’ve", "’ll", "’d", "’m"}


def spaces_after(tokens: Sequence[str]) -> list[bool]:
    """Whether each token of one sentence is followed by a space."""
    out = [True] * len(tokens)
    quote_open = False
    for i, tok in enumerate(_PTB.get(t, t) for t in tokens):
        if tok == '"':
            if quote_open:  # a closing quote sticks to what precedes it
                if i:
                    out[i - 1] = False
            else:
                out[i] = False
            quote_open = not quote_open
            continue
        if i and (tok in _NO_SPACE_BEFORE or tok.lower() in _CLITICS):
            out[i - 1] = False
        if tok in _NO_SPACE_AFTER:
            out[i] = False
    if out:
        out[-1] = False
    return out


def join(tokens: Sequence[str], spaces: Sequence[bool], start: int = 0) -> tuple[str, list[Span]]:
    """The text of tokens with their spacing, and each token's span (offset by ``start``)."""
    parts: list[str] = []
    spans: list[Span] = []
    pos = start
    for tok, space in zip((_PTB.get(t, t) for t in tokens), spaces, strict=True):
        spans.append((pos, pos + len(tok)))
        parts.append(tok + (" " if space else ""))
        pos += len(tok) + (1 if space else 0)
    return "".join(parts), spans


def detokenise(
    sentences: Sequence[Sequence[str]], breaks: Sequence[str] | None = None
) -> tuple[str, list[list[Span]]]:
    """Sentences of tokens as one text; ``breaks[i]`` goes after sentence i (default " ")."""
    text_parts: list[str] = []
    offsets: list[list[Span]] = []
    pos = 0
    for i, toks in enumerate(sentences):
        if i:
            sep = breaks[i - 1] if breaks is not None else " "
            text_parts.append(sep)
            pos += len(sep)
        s, spans = join(toks, spaces_after(toks), pos)
        text_parts.append(s)
        offsets.append(spans)
        pos += len(s)
    return "".join(text_parts), offsets
