"""The shipped cerberus schemas are valid schema definitions (drafter trusts them at run time)."""

import cerberus
import pytest

from drafter.inputs import schema as schemas
from drafter.resources import SCHEMA_DIR

NAMES = sorted(p.stem for p in SCHEMA_DIR.glob("*.yaml") if p.stem not in ("parts", "task"))


@pytest.mark.parametrize("name", NAMES)
def test_schema_definition_is_valid(name):
    schemas.strict_validator(name)  # raises cerberus.SchemaError when a rule is misspelt


@pytest.mark.parametrize("part", ["block", "point", "item", "task"])
def test_registry_parts_are_valid(part):
    cerberus.Validator({"x": {"type": "dict", "schema": part}}, schema_registry=schemas.registry())


def test_a_broken_definition_is_caught_by_the_strict_validator(monkeypatch):
    monkeypatch.setattr(schemas, "schema", lambda name: {"id": {"type": "strin"}})
    with pytest.raises(cerberus.SchemaError):
        schemas.strict_validator("broken")


def test_trusted_and_strict_validators_agree(catalogue):
    from drafter.inputs.catalogue import CATALOGUE_PATH
    from drafter.inputs.yamlio import load

    data = load(CATALOGUE_PATH).data
    trusted, strict = schemas.validator("catalogue"), schemas.strict_validator("catalogue")
    assert trusted.validate(data) and strict.validate(data)
    assert trusted.document == strict.document


def _shipped():
    from drafter.inputs.catalogue import CATALOGUE_PATH
    from drafter.inputs.kinds import KINDS_DIR
    from drafter.inputs.knowledge import BODIES_PATH, DOCUMENTS_PATH, EVENTS_PATH

    return [("catalogue", CATALOGUE_PATH), ("documents", DOCUMENTS_PATH), ("bodies", BODIES_PATH),
            ("events", EVENTS_PATH)] + [
        ("kind", path) for path in sorted(KINDS_DIR.glob("*.yaml"))]


@pytest.mark.parametrize("name, path", _shipped(), ids=lambda v: getattr(v, "name", v))
def test_shipped_data_is_valid_and_defaults_match_cerberus(name, path):
    """A plain draft only applies defaults to shipped data: it must give what cerberus gives."""
    from drafter.errors import CatalogueError
    from drafter.inputs.yamlio import load, load_trusted

    strict = schemas.conform(load(path), name, CatalogueError, strict=True)
    light = schemas.conform(load_trusted(path), name, CatalogueError, strict=False)
    assert light == strict  # the fast path of a cold draft reads exactly what the full check reads


def test_shipped_catalogue_and_kinds_pass_every_cross_check(catalogue):
    """A plain draft skips the cross-checks of shipped data; they run here (and in `drafter validate`)."""
    from drafter.inputs.catalogue import load_catalogue
    from drafter.inputs.kinds import kind_names, load_kind

    strict = load_catalogue(strict=True)
    assert strict.groups == catalogue.groups and strict.tasks == catalogue.tasks
    for name in kind_names():
        assert load_kind(name, strict, strict=True).spec == load_kind(name, catalogue).spec


def test_defaults_fill_nested_lists_mappings_and_registry_parts():
    rules = {"a": {"type": "list", "default": [], "schema": {"type": "dict", "schema": "point"}},
             "b": {"type": "dict", "default": {}, "valuesrules": {"type": "dict", "schema": {"x": {"default": 1}}}},
             "c": {"type": "string", "nullable": True, "default": None}}
    doc = schemas.apply_defaults({"a": [{"id": "p", "text": "t"}], "b": {"k": {}}}, rules)
    assert doc["a"][0]["bullets"] == [] and doc["a"][0]["when"] == []
    assert doc["b"]["k"] == {"x": 1} and doc["c"] is None
