"""Graph assembly and serialisation."""

from kg.graph.assemble import assemble, assemble_triples
from kg.graph.namespaces import KG, KGR, PREFIXES
from kg.graph.terms import Triples, article_iri, entity_iri
from kg.graph.turtle import to_turtle, write_turtle

__all__ = [
    "KG",
    "KGR",
    "PREFIXES",
    "article_iri",
    "assemble",
    "entity_iri",
    "to_turtle",
    "write_turtle",
    "Triples",
    "assemble_triples",
]
