"""Check a built graph against the graph contract (ontology/shapes.ttl) with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.resources import data_path, require

SHAPES = data_path("ontology", "shapes.ttl")


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str
    message: str


def validate(graph: Graph, shapes: Path = SHAPES) -> list[Violation]:
    """Every violation of the contract, sorted; an empty list means the graph conforms."""
    import pyshacl
    from rdflib.namespace import SH

    shapes_graph = Graph().parse(require(shapes), format="turtle")
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, inference="none")
    out = []
    for result in report.subjects(predicate=None, object=SH.ValidationResult):
        out.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                path=str(report.value(result, SH.resultPath) or ""),
                message=str(report.value(result, SH.resultMessage) or ""),
            )
        )
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))
