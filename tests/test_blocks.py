"""Articles' parts of the graph, rendered once and reused: the merged Turtle is exactly what
the plain writer gives for all triples, and a rebuild re-renders only the parts whose inputs
changed, ending in the bytes of a full build."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

import kg
from kg.graph import KG, PREFIXES, write_turtle
from kg.graph.assemble import Assembly
from kg.graph.blocks import Block, digest, make_block
from kg.graph.turtle import Renderer, join_rendered, render_subjects
from kg.link import group_events, link
from tests.conftest import ARTICLES

SMALL = ["bashkir-resistance.txt", "wikinews-clock.json", "wikinews-flag.json"]


@pytest.fixture(scope="module")
def assembly(corpus_build):
    exts = corpus_build.extractions
    linking = link(exts)
    return Assembly(exts, linking, group_events(exts, linking))


def test_parts_merged_equal_the_plain_writer_on_the_sample_corpus(assembly):
    renderer = Renderer(PREFIXES)
    blocks = [make_block(assembly.inputs(aid), renderer) for aid in assembly.article_ids]
    shared = assembly.shared(
        [t for b in blocks for t in b.truthy_triples()],
        kg_version="v",
        pipeline="p",
        fingerprint="f",
    )
    merged = join_rendered([renderer.render(shared), *(b.rendered for b in blocks)], PREFIXES)

    everything = set(shared)
    for aid in assembly.article_ids:
        part, _ = assembly.part(aid)
        everything |= part
    assert merged == write_turtle(everything, PREFIXES)
    assert sum(b.triples for b in blocks) + len(shared) == len(everything)
    statements = {s for s, p, o in everything if p == RDF.type and o == KG.Statement}
    assert sum(b.statements for b in blocks) == len(statements) > 0


def test_a_block_reads_back_as_itself(assembly):
    aid = assembly.article_ids[0]
    block = make_block(assembly.inputs(aid), Renderer(PREFIXES))
    again = Block.decode(block.encode())
    assert again == block
    assert all(isinstance(t, URIRef) for triple in again.truthy_triples() for t in triple)
    with pytest.raises(ValueError, match="does not match"):
        Block.decode(block.encode() + "x")


def test_a_subject_in_two_parts_is_refused():
    s = URIRef("https://example.org/s")
    p = URIRef("https://example.org/p")
    a = render_subjects([(s, p, URIRef("https://example.org/a"))], PREFIXES)
    b = render_subjects([(s, p, URIRef("https://example.org/b"))], PREFIXES)
    with pytest.raises(ValueError, match="in two parts"):
        join_rendered([a, b], PREFIXES)


def test_a_part_uses_only_the_prefixes_its_text_needs(assembly):
    renderer = Renderer(PREFIXES)
    aid = assembly.article_ids[0]
    first = make_block(assembly.inputs(aid), renderer)
    # rendered again with every term already cached: the same prefixes are recorded
    second = make_block(assembly.inputs(aid), renderer)
    assert first.rendered.prefixes == second.rendered.prefixes
    text = "".join(first.rendered.texts)
    assert all(f"{p}:" in text for p in first.rendered.prefixes)
    assert "owl" not in first.rendered.prefixes  # sameAs is on entities, in the shared part


def test_the_digest_covers_what_linking_decided(assembly):
    aid = next(a for a in assembly.article_ids if assembly.inputs(a).links)
    inputs = assembly.inputs(aid)
    base = digest(inputs, "{}")
    assert digest(assembly.inputs(aid), "{}") == base  # stable
    assert digest(inputs, '{"x":1}') != base  # another extraction
    (span, first), *_ = sorted(inputs.links.items())
    relinked = dict(inputs.links)
    relinked[span] = type(first)("Person/someone-else", first.reason, first.score)
    import dataclasses

    assert digest(dataclasses.replace(inputs, links=relinked), "{}") != base


def _copy(names, folder):
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(ARTICLES / name, folder / name)


def test_a_rebuild_renders_only_what_changed(tmp_path):
    src, out = tmp_path / "articles", tmp_path / "out"
    _copy(SMALL[:2], src)
    first = kg.build([src], out=out)
    assert first.rendered == 2
    again = kg.build([src], out=out)
    assert (again.processed, again.rendered) == (0, 0)

    _copy(SMALL[2:], src)  # one more article
    grown = kg.build([src], out=out)
    assert grown.processed == 1
    assert 1 <= grown.rendered <= 3
    reference = kg.build([src], out=tmp_path / "full", full=True)
    assert reference.rendered == 3
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "full" / "graph.ttl").read_bytes()
    assert (grown.triples, grown.statements) == (reference.triples, reference.statements)
    with sqlite3.connect(out / "cache.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM blocks").fetchone()[0] == 3


def test_a_new_title_alone_renders_its_article_again(tmp_path):
    """The title is not read by the NLP stage (its extraction is reused), but it is in the
    article's node: the block must not be reused."""
    src, out = tmp_path / "articles", tmp_path / "out"
    _copy(SMALL[1:2], src)
    kg.build([src], out=out)
    path = src / SMALL[1]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"] = "A title nobody used before"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = kg.build([src], out=out)
    assert (result.processed, result.rendered) == (0, 1)
    assert b"A title nobody used before" in (out / "graph.ttl").read_bytes()
    kg.build([src], out=tmp_path / "full", full=True)
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "full" / "graph.ttl").read_bytes()


def test_changed_link_overrides_render_the_articles_they_touch(tmp_path):
    """Overrides change linking only (no NLP): the parts whose mentions now link elsewhere
    are rendered again, and the graph is a full build's with the same overrides."""
    src, out = tmp_path / "articles", tmp_path / "out"
    _copy(SMALL, src)
    kg.build([src], out=out)
    before = (out / "graph.ttl").read_bytes()
    links = tmp_path / "links.yaml"
    links.write_text("merge:\n  - [Bashkortostan, Russia]\n", encoding="utf-8")
    result = kg.build([src], out=out, links=links)
    assert result.processed == 0
    assert result.rendered >= 1
    kg.build([src], out=tmp_path / "full", full=True, links=links)
    graph = (out / "graph.ttl").read_bytes()
    assert graph == (tmp_path / "full" / "graph.ttl").read_bytes()
    assert graph != before
    q = """PREFIX kg: <https://w3id.org/kg/ontology#>
    SELECT DISTINCT ?e WHERE { ?m kg:surfaceForm ?f ; kg:refersTo ?e .
                               FILTER(?f IN ("Russia", "Bashkortostan")) }"""
    assert len(list(kg.query(kg.load(out), q))) == 1  # one entity now
    assert len(list(kg.query(kg.load(tmp_path / "full"), q))) == 1


def test_stored_blocks_give_the_same_turtle_as_fresh_ones(assembly):
    from kg.builder.cache import encode
    from kg.graph.blocks import parts

    extractions = {aid: encode(x) for aid, x in assembly.exts.items()}
    fresh = parts(assembly, extractions, lambda digests: {})
    assert len(fresh.made) == len(assembly.article_ids)
    again = parts(assembly, extractions, lambda digests: {d: fresh.made[d] for d in digests})
    assert again.made == {} and again.digests == fresh.digests
    shared = assembly.shared(again.truthy(), kg_version="v", pipeline="p", fingerprint="f")
    assert again.turtle(shared) == fresh.turtle(shared)
    assert (again.triples, again.statements) == (fresh.triples, fresh.statements)


def test_a_damaged_block_is_rendered_again(tmp_path, caplog):
    src, out = tmp_path / "articles", tmp_path / "out"
    _copy(SMALL[1:3], src)
    kg.build([src], out=out)
    before = (out / "graph.ttl").read_bytes()
    with sqlite3.connect(out / "cache.sqlite") as db:
        db.execute("UPDATE blocks SET data = substr(data, 1, length(data) - 5)")
        db.execute("UPDATE blocks SET data = '{}' || char(10) WHERE rowid = 1")
    again = kg.build([src], out=out)
    assert again.rendered == 2
    assert "cannot be read" in caplog.text
    assert (out / "graph.ttl").read_bytes() == before
    assert kg.build([src], out=out).rendered == 0  # and stored whole again
