"""Where catalogue and plan-kind texts come from: evidence/source-documents.yaml, each source key's
kind (PLAN, SUMMARY, PARTY, CENTRAL, …) and province.

A text's `sources` say who wrote it. How many independent writers carry a text (its support) is
what a draft uses to keep the consensus and leave one province's wording out; which of them are
central texts says what no draft may leave out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..resources import DATA_DIR
from .yamlio import load_bundled

EVIDENCE_DIR = DATA_DIR / "evidence"


def document_key(ref: str) -> str:
    """ "gia-lai-516" for "gia-lai-516:77", "src:lao-cai-34-2021" as is."""
    return ref if ref.startswith("src:") else ref.split(":", 1)[0]


@dataclass(frozen=True)
class SourceDocuments:
    """evidence/source-documents.yaml: each source key's kind and province."""

    provinces: dict[str, str | None]
    kinds: dict[str, str]

    @classmethod
    @cache
    def bundled(cls) -> SourceDocuments:
        data = load_bundled(EVIDENCE_DIR / "source-documents.yaml")["sources"]
        return cls({key: (entry or {}).get("province") for key, entry in data.items()},
                   {key: (entry or {}).get("kind") or "" for key, entry in data.items()})

    def province(self, ref: str) -> str | None:
        return self.provinces.get(document_key(ref))

    def central(self, ref: str) -> bool:
        """A central text (NQ 47's own words, a ministry's guidance letter): national, not one province's."""
        return self.kinds.get(document_key(ref)) == "CENTRAL"

    def origins(self, refs: Iterable[str]) -> set[str]:
        """The independent writers of a text: each province once (its plans, summaries and Party texts
        are one voice), each national document on its own."""
        return {self.province(ref) or document_key(ref) for ref in refs}

    def support(self, refs: Iterable[str]) -> int:
        return len(self.origins(refs))
