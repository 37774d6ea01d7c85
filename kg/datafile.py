"""YAML data files read with the line of every value and checked against a JSON Schema.

A data file decides behaviour, so a mistake in one (a misspelt key, a list where a
mapping belongs, an unquoted ``no`` that YAML reads as a boolean) is a ResourceError that
names the file and the line, never a silently different behaviour. The schemas are data
too (``data/lexicons/schema/``); jsonschema checks them, and "kg-class" names a class of
the ontology (kg/ontology.py).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from kg.errors import ResourceError
from kg.ontology import hierarchy
from kg.resources import require

Where = tuple[str | int, ...]  # keys and indices from the document's root to a value

_TYPES = {
    "string": "a string",
    "array": "a list",
    "object": "a mapping",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "empty",
}
_BOOLEAN_HINT = " (quote it: YAML reads no, yes, on and off as booleans)"


def _type_of(value: object) -> str:
    for kind, name in ((bool, "boolean"), (str, "string"), (int, "integer"), (float, "number")):
        if isinstance(value, kind):
            return _TYPES[name]
    if isinstance(value, dict):
        return _TYPES["object"]
    return _TYPES["array"] if isinstance(value, list) else _TYPES["null"]


class _Document:
    """The Python data of one YAML document, with the line of each value and key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: dict[Where, int] = {}  # a value's first line
        self.key_lines: dict[Where, int] = {}  # the line of the key a mapping value is under
        text = require(path).read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            node = loader.get_single_node()
            self.data = self._build(loader, node, ()) if node is not None else None
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line = mark.line + 1 if mark is not None else 1
            raise self.error(line, f"not valid YAML: {e.problem or e.context}") from e
        finally:
            loader.dispose()

    def error(self, line: int, message: str) -> ResourceError:
        return ResourceError(message, where=f"{self.path}:{line}")

    def _build(self, loader: Any, node: Node, where: Where) -> Any:
        self.lines[where] = node.start_mark.line + 1
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                k = loader.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if not isinstance(k, str):
                    raise self.error(line, f"key {k!r} is {_type_of(k)}{_BOOLEAN_HINT}")
                if k in out:
                    raise self.error(line, f"key {k!r} appears twice")
                self.key_lines[(*where, k)] = line
                out[k] = self._build(loader, value_node, (*where, k))
            return out
        if isinstance(node, SequenceNode):
            return [self._build(loader, v, (*where, i)) for i, v in enumerate(node.value)]
        return loader.construct_object(node, deep=True)

    def line(self, where: Where, *, key: bool = False) -> int:
        """The line of a value (or of its key), else of the nearest value above it."""
        for n in range(len(where), -1, -1):
            found = (self.key_lines if key and n == len(where) else self.lines).get(where[:n])
            if found is not None:
                return found
        return 1


def _name(where: Where) -> str:
    """``opposes.verbs[2]``: where a value is, as a reader of the file would say it."""
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "the file"


@cache
def _validator(schema_path: Path) -> Any:
    import jsonschema

    try:
        schema = json.loads(require(schema_path).read_text(encoding="utf-8"))
    except ValueError as e:
        raise ResourceError(f"not valid JSON: {e}", where=str(schema_path)) from e
    # The schemas are kg's own and a test checks them against the meta-schema: checking
    # them again here would cost most of the loading time of every process.
    cls = jsonschema.validators.validator_for(schema)
    formats = jsonschema.FormatChecker()
    formats.checks("kg-class")(lambda value: value in hierarchy().top_of)
    return cls(schema, format_checker=formats)


def _message(doc: _Document, error: Any) -> tuple[int, str]:
    """The line and the words of one schema error."""
    where: Where = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = sorted(k for k in error.instance if k not in allowed)
        listed = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return doc.line((*where, extra[0]), key=True), f"unknown key {extra[0]!r}{listed}"
    if "propertyNames" in error.schema_path:  # the error is about a key, error.instance
        line = doc.line((*where, error.instance), key=True)
        return line, f"key {error.instance!r} of {_name(where)}: {error.message}"
    if error.validator == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        found = _type_of(error.instance)
        hint = _BOOLEAN_HINT if isinstance(error.instance, bool) else ""
        expected = " or ".join(_TYPES[w] for w in wanted)
        return doc.line(where), f"{_name(where)} is {found}, expected {expected}{hint}"
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in error.instance)
        return doc.line(where), f"{_name(where)} has no key {missing!r}"
    return doc.line(where), f"{_name(where)}: {error.message}"


def read_checked(path: Path, schema_path: Path) -> Any:
    """A YAML file's data, once it conforms to the JSON Schema at ``schema_path``; else a
    ResourceError "FILE:LINE: what is wrong" about the first mistake in the file."""
    doc = _Document(path)
    errors = [_message(doc, e) for e in _validator(schema_path).iter_errors(doc.data)]
    if errors:
        line, message = min(errors)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise doc.error(line, message + more)
    return doc.data
