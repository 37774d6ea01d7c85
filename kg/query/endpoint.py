"""A SPARQL 1.1 server over HTTP: the query and update protocols and the Graph Store HTTP
Protocol, with the standard library's urllib, so any conforming store works (Oxigraph,
Apache Jena Fuseki, GraphDB, …) and no client library has to be pinned.

Answers come back as `kg.query.Results` with rdflib terms, like the local engines' answers,
so `kg query --endpoint` prints exactly what `kg query --graph` prints for the same data.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.query import ResultRow
from rdflib.term import Node, Variable

from kg.errors import QueryError, ServerError, UsageError
from kg.graph.namespaces import PREFIXES
from kg.query.checks import check
from kg.query.results import GRAPH_FORMS, Results

_DECLARED = re.compile(r"PREFIX\s+([\w.-]*):", re.IGNORECASE)
_PLAIN = {str(XSD.string), str(RDF.langString)}


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The three URLs of one dataset on a server."""

    query_url: str
    update_url: str
    store_url: str
    timeout: float = 300.0

    @classmethod
    def at(cls, url: str, *, store: str = "store", timeout: float = 300.0) -> Endpoint:
        """The dataset at ``url``: queries to ``url/query``, updates to ``url/update``, the
        graph store at ``url/store``. These are Oxigraph's paths; Fuseki serves a dataset's
        queries and updates at the same paths and its graph store at ``url/data`` (store=
        "data"). ``store`` may also be a full URL."""
        if not url.startswith(("http://", "https://")):
            raise UsageError("a SPARQL endpoint is an http:// or https:// URL", where=url)
        base = url.rstrip("/")
        store_url = store if "://" in store else f"{base}/{store.strip('/')}"
        return cls(f"{base}/query", f"{base}/update", store_url, timeout)

    # ---- SPARQL protocol ----------------------------------------------------------------------

    def query(self, sparql: str) -> Results:
        """Answer a read-only query on the server, kg's prefixes predeclared (a query's own
        PREFIX wins). FROM, FROM NAMED and SERVICE are the server's business."""
        text = sparql.strip()
        form = check(text, allow_update=True, allow_service=True)
        if form == "UPDATE":
            raise QueryError(
                "kg query --endpoint is read-only: update the server with its own tools"
            )
        graph_form = form in GRAPH_FORMS
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        body = _with_prefixes(text).encode("utf-8")
        data = self._send(
            self.query_url, "POST", body, "application/sparql-query; charset=utf-8", accept
        )
        if graph_form:
            return Results(form, triples=_ntriples(data))
        return _results(json.loads(data))

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update on the server."""
        self._send(
            self.update_url,
            "POST",
            sparql.encode("utf-8"),
            "application/sparql-update; charset=utf-8",
        )

    # ---- Graph Store HTTP Protocol ------------------------------------------------------------

    def put(self, graph: str, turtle: bytes) -> None:
        """Replace the named graph ``graph`` with ``turtle`` (N-Triples is Turtle too)."""
        self._send(self._graph_url(graph), "PUT", turtle, "text/turtle; charset=utf-8")

    def get(self, graph: str) -> bytes:
        """The named graph ``graph`` as N-Triples (empty when the server has no such graph)."""
        try:
            return self._send(self._graph_url(graph), "GET", None, None, "application/n-triples")
        except ServerError as e:
            if "HTTP 404" in str(e):
                return b""
            raise

    def _graph_url(self, graph: str) -> str:
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': graph})}"

    def _send(
        self,
        url: str,
        method: str,
        body: bytes | None,
        content_type: str | None,
        accept: str | None = None,
    ) -> bytes:
        headers = {"User-Agent": "kg"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return bytes(resp.read())
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()
            message = f"HTTP {e.code} {e.reason}" + (f": {detail[0][:300]}" if detail else "")
            if e.code == 400 and url == self.query_url:
                raise QueryError(f"SPARQL error from the server: {message}") from e
            raise ServerError(f"{method} refused: {message}", where=url) from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise ServerError(f"cannot reach the SPARQL server: {reason}", where=url) from e


def _with_prefixes(text: str) -> str:
    declared = {m.lower() for m in _DECLARED.findall(text)}
    head = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p.lower() not in declared]
    return "\n".join([*head, text])


def _term(cell: dict[str, Any]) -> Node:
    """A SPARQL JSON term → the rdflib term the local engines give for it."""
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    dt = cell.get("datatype")
    if dt is None or dt in _PLAIN:
        return Literal(value)
    if dt == str(XSD.decimal) and "." not in value:
        value += ".0"  # as kg.query.store does: Oxigraph writes decimals in XSD 1.1 form
    return Literal(value, datatype=URIRef(dt))


def _results(data: dict[str, Any]) -> Results:
    if "boolean" in data:
        return Results("ASK", boolean=bool(data["boolean"]))
    names = [Variable(v) for v in data.get("head", {}).get("vars", [])]
    rows = tuple(
        ResultRow({n: _term(b[str(n)]) for n in names if str(n) in b}, names)
        for b in data.get("results", {}).get("bindings", [])
    )
    return Results("SELECT", vars=tuple(str(n) for n in names), rows=rows)


def _ntriples(data: bytes) -> tuple[tuple[Node, Node, Node], ...]:
    import pyoxigraph as ox

    from kg.query.store import _term as rdflib_term  # the same conversion as local answers

    return tuple(
        (rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object))
        for q in ox.parse(input=data, format=ox.RdfFormat.N_TRIPLES)
    )
