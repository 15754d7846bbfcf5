"""The checks behind the rule sets, one module per group of rules (the G/H/T/C/N/S/A/TB of
rulesets/nd30_2020.yaml, D of trich_dan.yaml, ND of noi_dung.yaml). Importing this package registers
them all in CHECKS."""

from . import appendix, content, general, header, integrity, noi_dung, numbering, signature, tables, title, trich_dan  # noqa: F401
from .base import CHECKS, Result, Unknown, Violation

__all__ = ["CHECKS", "Result", "Unknown", "Violation"]
