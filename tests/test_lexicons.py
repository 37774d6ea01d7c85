"""Every lexicon is checked against its schema when loaded: a mistake in a data file is an
error that names the file and the line, never a silently different extraction."""

from __future__ import annotations

import shutil

import pytest

from kg.errors import ResourceError
from kg.nlp import lexicons
from kg.nlp.lexicons import LEXICON_DIR, LEXICONS, SCHEMA_DIR, read
from kg.resources import data_path


def test_every_lexicon_loads_and_has_a_schema():
    shipped = {p.stem for p in LEXICON_DIR.glob("*.yaml")}
    schemas = {p.stem for p in (LEXICON_DIR / SCHEMA_DIR).glob("*.json")}
    assert shipped == set(LEXICONS) == schemas
    for name in LEXICONS:
        assert read(name), name


def test_the_moved_word_lists_say_what_the_code_said():
    assert lexicons.word_set("entities", "short_names") == {
        "coalition",
        "alliance",
        "committee",
        "commission",
        "council",
    }
    assert lexicons.load("ner")["classes"]["NORP"] == "EthnicGroup"
    assert lexicons.word_pattern("relation_words", "fronted_preps") == (
        "Near|In|At|Outside|Inside|Around|Across"
    )
    # "on" is quoted in the file: a bare on would be the boolean true
    assert lexicons.word_set("event_roles", "verb_target_preps") == {"to", "on", "against"}


@pytest.fixture
def folder(tmp_path):
    """A copy of the shipped lexicons to break."""
    out = tmp_path / "lexicons"
    shutil.copytree(data_path("lexicons"), out)
    return out


def _error(folder, name: str) -> str:
    with pytest.raises(ResourceError) as e:
        read(name, folder)
    return str(e.value)


def test_an_unknown_key_is_an_error_naming_the_file_and_line(folder):
    path = folder / "quotes.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "pronouns: [he, she]"]) + "\n", encoding="utf-8")
    assert _error(folder, "quotes") == (
        f"{path}:{len(lines) + 1}: unknown key 'pronouns' (allowed: cues)"
    )


def test_an_unknown_key_deep_inside_is_found_on_its_own_line(folder):
    path = folder / "events.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    - {lemma: assault}\n", "    - {lemma: assault, pso: NOUN}\n")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    - {lemma: assault, pso: NOUN}") + 1
    assert _error(folder, "events") == (
        f"{path}:{line}: unknown key 'pso' (allowed: lemma, pos, object, target, head)"
    )


def test_a_wrong_type_is_an_error_naming_the_file_and_line(folder):
    path = folder / "roles.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, s in enumerate(lines) if s.startswith("spokespersonOf:"))
    lines[line] = "spokespersonOf: 7"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _error(folder, "roles") == (
        f"{path}:{line + 1}: spokespersonOf is an integer, expected a list"
    )


def test_a_bare_yaml_boolean_among_words_is_an_error(folder):
    path = folder / "modality.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  - "no"', "  - no"), encoding="utf-8")
    line = text.splitlines().index(
        '  - "no"    # quoted: YAML reads a bare no as the boolean false'
    )
    assert _error(folder, "modality") == (
        f"{path}:{line + 1}: negated[3] is a boolean, expected a string "
        "(quote it: YAML reads no, yes, on and off as booleans)"
    )


def test_a_class_the_ontology_does_not_have_is_an_error(folder):
    path = folder / "types.yaml"
    text = path.read_text(encoding="utf-8").replace("City: [", "Town: [")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("Town:"))
    assert (
        _error(folder, "types")
        == f"{path}:{line}: key 'Town' of the file: 'Town' is not a 'kg-class'"
    )


def test_a_key_given_twice_is_an_error(folder):
    path = folder / "quotes.yaml"
    path.write_text("cues: [say]\ncues: [tell]\n", encoding="utf-8")
    assert _error(folder, "quotes") == f"{path}:2: key 'cues' appears twice"


def test_a_missing_key_is_an_error(folder):
    path = folder / "quotes.yaml"
    path.write_text("# nothing but a comment\n{}\n", encoding="utf-8")
    assert _error(folder, "quotes") == f"{path}:2: the file has no key 'cues'"


def test_a_file_that_is_not_yaml_is_an_error_naming_the_line(folder):
    path = folder / "titles.yaml"
    path.write_text("- mr\n- [dr\n", encoding="utf-8")
    assert _error(folder, "titles").startswith(f"{path}:3: not valid YAML: ")


def test_a_missing_lexicon_is_an_error_naming_the_file(folder):
    (folder / "roles.yaml").unlink()
    assert _error(folder, "roles") == (
        f"kg's data file is missing: {folder / 'roles.yaml'}; reinstall kg"
    )


def test_every_schema_is_a_valid_json_schema():
    import json

    import jsonschema

    for path in sorted((LEXICON_DIR / SCHEMA_DIR).glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema).check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path
