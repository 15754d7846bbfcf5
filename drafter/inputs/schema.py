"""The cerberus schemas shipped with the package, loaded once and registered by name.

Schemas are YAML data (drafter/schemas/*.yaml) so that a reader can see every field of a
profile or catalogue in one place; the named parts (task, point, item, block) are shared.

Shipped data (the catalogue, plan kinds, national facts) is validated in full by the test suite
and by `drafter validate`; a plain `drafter draft` only applies the schema's defaults to it
(conform(strict=False)), which the tests prove gives the same document as cerberus. Files a
person supplies (profiles, overrides) are always validated in full.

Building a cerberus Validator validates the schema definition itself, which cost a cold `drafter
draft` a quarter of its run time. These schemas are our own shipped code, checked as cerberus
schemas by the test suite (tests/test_schemas.py), so at run time their definitions are trusted
and validators are built once per schema and thread (a Validator keeps the state of its last run,
so threads must not share one).
"""

from __future__ import annotations

import copy
import threading
from functools import cache
from typing import Any

import cerberus

from ..errors import InputError
from ..resources import SCHEMA_DIR
from .messages import validate
from .yamlio import Loaded, load_schema

_local = threading.local()


@cache
def registry() -> cerberus.schema.SchemaRegistry:
    reg = cerberus.schema.SchemaRegistry()
    for name, definition in load_schema(SCHEMA_DIR / "parts.yaml").items():
        reg.add(name, definition)
    reg.add("task", load_schema(SCHEMA_DIR / "task.yaml"))
    return reg


@cache
def schema(name: str) -> dict:
    """profile, catalogue, kind, national or overrides."""
    return load_schema(SCHEMA_DIR / f"{name}.yaml")


class _ShippedDefinition(cerberus.schema.DefinitionSchema):
    """A schema definition that is not validated again at run time (see the module docstring)."""

    def validate(self, schema=None) -> None:
        return None


#: Errors one validator keeps: cerberus re-sorts its whole error list at every error it adds, so
#: 4,000 unknown keys took 14 s and 12,000 over a minute; past this many, more are only counted.
MAX_ERRORS = 100


class CappedValidator(cerberus.Validator):
    """A cerberus Validator that keeps its first MAX_ERRORS errors and counts the rest, so
    validation stays linear in the size of the document however many errors it has."""

    dropped = 0

    def _error(self, *args):
        if len(args) == 1 and len(self._errors) >= MAX_ERRORS:
            self.dropped += len(args[0])
            return
        super()._error(*args)

    def validate(self, document, *args, **kwargs):
        self.dropped = 0
        return super().validate(document, *args, **kwargs)


def validator(name: str) -> cerberus.Validator:
    cached = getattr(_local, "validators", None)
    if cached is None:
        cached = _local.validators = {}
    if name not in cached:
        built = CappedValidator(schema_registry=registry())
        built.schema = _ShippedDefinition(built, schema(name))
        cached[name] = built
    return cached[name]


def strict_validator(name: str) -> cerberus.Validator:
    """A validator whose schema definition cerberus checks in full (for the tests)."""
    return cerberus.Validator(schema(name), schema_registry=registry())


def conform(loaded: Loaded, name: str, error_cls: type[InputError], *, strict: bool = True) -> dict:
    """The document validated and normalised by schema `name`; with strict=False (shipped data
    only), the schema's defaults applied without validating, in place: a trusted load is a fresh
    copy nobody else holds (yamlio.load_trusted parses or reads the pre-parsed copy on each call),
    and copying it first cost a cold draft 5 ms."""
    if strict or not isinstance(loaded.data, dict):
        return validate(loaded, validator(name), error_cls)
    return apply_defaults(loaded.data, schema(name))


def apply_defaults(document: dict, rules: dict) -> dict:
    """What cerberus's normalisation does with our schemas: fill `default` for a missing (or a
    None, not nullable) field, then the same inside nested mappings and lists."""
    for field, rule in rules.items():
        rule = _resolved(rule)
        if "default" in rule and (field not in document or (document[field] is None and not rule.get("nullable"))):
            document[field] = copy.deepcopy(rule["default"])
    for field, value in document.items():
        rule = _resolved(rules.get(field))
        if rule:
            _descend(value, rule)
    return document


def _resolved(rule: Any) -> dict:
    if isinstance(rule, str):
        return registry().get(rule) or {}
    return rule if isinstance(rule, dict) else {}


def _descend(value: Any, rule: dict) -> None:
    inner = rule.get("schema")
    if isinstance(value, dict):
        if inner is not None and rule.get("type") == "dict":
            apply_defaults(value, _resolved(inner))
        values_rule = _resolved(rule.get("valuesrules"))
        if values_rule:
            for item in value.values():
                _descend(item, values_rule)
    elif isinstance(value, list) and inner is not None:
        item_rule = _resolved(inner)
        for item in value:
            _descend(item, item_rule)
