"""The one place kg's namespaces are defined."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.ontology import top_classes

KG = Namespace("https://w3id.org/kg/ontology#")
KGR = Namespace("https://w3id.org/kg/resource/")
SCHEMA = Namespace("http://schema.org/")
# Path segment of an entity IRI per top class of the ontology: kgr:person/…, kgr:region/…
TOP_SEGMENT = {top: top.lower() for top in top_classes()}

PREFIXES = {
    "kg": KG,
    "kgr": KGR,
    # Short forms for the readable resource IRIs: person:vladimir-putin is
    # kgr:person/vladimir-putin, usable as a prefixed name in SPARQL and Turtle.
    **{segment: Namespace(f"{KGR}{segment}/") for segment in TOP_SEGMENT.values()},
    "article": Namespace(KGR + "article/"),
    "statement": Namespace(KGR + "statement/"),
    "schema": SCHEMA,
    "skos": SKOS,
    "owl": OWL,
    "prov": PROV,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}


def bind(graph: object) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)  # type: ignore[attr-defined]
