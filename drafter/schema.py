"""The cerberus schemas shipped with the package, loaded once and registered by name.

Schemas are YAML data (drafter/schemas/*.yaml) so that a reader can see every field of a
profile or catalogue in one place; the named parts (task, point, item, block) are shared.
"""

from __future__ import annotations

from functools import cache

import cerberus

from .resources import SCHEMA_DIR
from .yamlio import load_schema


@cache
def registry() -> cerberus.schema.SchemaRegistry:
    reg = cerberus.schema.SchemaRegistry()
    for name, definition in load_schema(SCHEMA_DIR / "parts.yaml").items():
        reg.add(name, definition)
    reg.add("task", load_schema(SCHEMA_DIR / "task.yaml"))
    return reg


@cache
def schema(name: str) -> dict:
    """profile, catalogue, kind or national."""
    return load_schema(SCHEMA_DIR / f"{name}.yaml")


def validator(name: str) -> cerberus.Validator:
    return cerberus.Validator(schema(name), schema_registry=registry())
