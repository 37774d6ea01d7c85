"""An article's part of the graph, rendered once and reused while what it is made of stays.

Linking and event grouping run over the whole build every time, so a new article can change
anything; but an article's own nodes (its node, sentences, mentions, quotes, statements) are
a function of its ArticleInputs alone (kg/graph/part.py). A block is that part rendered
as Turtle, keyed by a digest of everything it is made from: the graph code, the article,
its extraction and its inputs. A rebuild renders only the parts whose digest it has no
block for, and merges them with the shared part into the same bytes a full build writes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from rdflib import URIRef

from kg import ontology
from kg.graph.assemble import Assembly
from kg.graph.namespaces import PREFIXES
from kg.graph.part import ArticleInputs, make_part
from kg.graph.terms import Triple
from kg.graph.turtle import Rendered, Renderer, join_rendered

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def graph_code() -> str:
    """Hash of the code that turns inputs into Turtle (kg/graph, kg/model.py, the class
    hierarchy and the cache's decoder, with the rdflib and Python versions under them) and
    of the prefixes it
    abbreviates with: a change to any of them never reuses an old block."""
    from importlib.metadata import version

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    h.update(f"{sys.version}|rdflib {version('rdflib')}".encode() + b"\0")
    # cache.py: a part is made from the extraction its decode gives back
    # ontology.py and kg.ttl: an entity's top class, and so its IRI, comes from the hierarchy
    kg = root.parent
    code = [*root.glob("*.py"), kg / "model.py", kg / "builder" / "cache.py", kg / "ontology.py"]
    for path in sorted(code):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(ontology.fingerprint().encode() + b"\0")
    h.update(json.dumps(sorted((p, str(ns)) for p, ns in PREFIXES.items())).encode())
    return h.hexdigest()


def digest(inputs: ArticleInputs, extraction: str) -> str:
    """The key of an article's block: ``extraction`` is its Extraction as the cache stores
    it (kg.builder.cache.encode), which with the article's own fields and text is everything the
    NLP stage gave; ``inputs`` adds what linking and event grouping decided for it."""
    a = inputs.extraction.article
    h = hashlib.sha256()
    for part in (
        graph_code(),
        json.dumps([a.id, a.title, a.date, a.url, a.source], ensure_ascii=False),
        hashlib.sha256(a.text.encode("utf-8")).hexdigest(),
        extraction,
        inputs.canonical(),
    ):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Block:
    """One article's part: its rendered subjects, and the facts it asserts on shared
    subjects (entities, events), which the shared part writes."""

    rendered: Rendered
    truthy: tuple[tuple[str, str, str], ...]
    triples: int  # how many triples the rendered subjects hold
    statements: int  # how many of them are kg:Statement nodes

    def encode(self) -> str:
        """A JSON header line, then the subjects' texts back to back."""
        r = self.rendered
        header = {
            "prefixes": sorted(r.prefixes),
            "subjects": list(r.subjects),
            "lengths": [len(t) for t in r.texts],
            "truthy": [list(t) for t in self.truthy],
            "triples": self.triples,
            "statements": self.statements,
        }
        head = json.dumps(header, ensure_ascii=False, separators=(",", ":"))
        return head + "\n" + "".join(r.texts)

    @classmethod
    def decode(cls, data: str) -> Block:
        cut = data.index("\n")
        header = json.loads(data[:cut])
        ends = list(accumulate(header["lengths"], initial=cut + 1))
        texts = [data[a:b] for a, b in zip(ends, ends[1:], strict=False)]
        if ends[-1] != len(data) or len(texts) != len(header["subjects"]):
            raise ValueError("a cached block does not match its header")
        return cls(
            Rendered(tuple(header["subjects"]), tuple(texts), frozenset(header["prefixes"])),
            tuple((s, p, o) for s, p, o in header["truthy"]),
            int(header["triples"]),
            int(header["statements"]),
        )

    def truthy_triples(self) -> list[Triple]:
        return [(_iri(s), _iri(p), _iri(o)) for s, p, o in self.truthy]


@lru_cache(maxsize=65536)
def _iri(value: str) -> URIRef:
    return URIRef(value)


def make_block(inputs: ArticleInputs, renderer: Renderer) -> Block:
    """Assemble and render one article's part."""
    part = make_part(inputs)
    return Block(
        renderer.render(part.g),
        tuple((str(s), str(p), str(o)) for s, p, o in sorted(set(part.truthy))),
        len(part.g),
        len(part.statements),
    )


@dataclass(slots=True)
class Parts:
    """Every article's block of a build, and which of them were rendered anew."""

    blocks: list[Block]
    digests: set[str]
    made: dict[str, str] = field(default_factory=dict)  # digest → encoded block, new ones
    renderer: Renderer = field(default_factory=lambda: Renderer(PREFIXES))

    def truthy(self) -> list[Triple]:
        return [t for b in self.blocks for t in b.truthy_triples()]

    def turtle(self, shared: Collection[Triple]) -> bytes:
        """graph.ttl: the shared part and every block, merged in subject order."""
        rendered = [self.renderer.render(shared), *(b.rendered for b in self.blocks)]
        return join_rendered(rendered, PREFIXES)

    @property
    def triples(self) -> int:
        return sum(b.triples for b in self.blocks)

    @property
    def statements(self) -> int:
        return sum(b.statements for b in self.blocks)


def parts(
    asm: Assembly,
    extractions: Mapping[str, str],
    stored: Callable[[Collection[str]], Mapping[str, str]],
) -> Parts:
    """Each article's block: the stored one for its digest, else assembled and rendered.
    ``extractions`` maps article ids to their extractions as the cache stores them;
    ``stored(digests)`` returns the stored blocks among ``digests``."""
    inputs = {aid: asm.inputs(aid) for aid in asm.article_ids}
    digests = {aid: digest(inputs[aid], extractions[aid]) for aid in inputs}
    found = stored(digests.values())
    out = Parts(blocks=[], digests=set(digests.values()))
    for aid, key in digests.items():
        if key in found:
            try:
                out.blocks.append(Block.decode(found[key]))
                continue
            except (ValueError, KeyError, TypeError, IndexError) as e:
                log.warning("a cached block cannot be read (%s): rendering it again", e)
        block = make_block(inputs[aid], out.renderer)
        out.blocks.append(block)
        out.made[key] = block.encode()
    return out
