"""Texts of a plan kind given as several wordings (`wordings: [{text, sources}, …]`): the draft's
text is their medoid (text.wording), chosen again whenever leave-one-out removes some of them.

A text with wordings has no `text` or `sources` of its own in the data: its sources are those of
the wordings still in use (so leave-one-out keeps the text while any writer other than the held-out
province carries it), and its text is the medoid of those wordings, national ones first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..text.wording import Wording, medoid
from .evidence import SourceDocuments

#: True for a source reference that must be ignored (provenance.held_out); None ignores nothing.
Excluded = Callable[[str], bool] | None


def wordings_of(node: dict[str, Any], documents: SourceDocuments, excluded: Excluded = None) -> list[Wording]:
    """The node's wordings that keep a source, each with the writers left and whether it is national."""
    out = []
    for entry in node["wordings"]:
        refs = tuple(ref for ref in entry["sources"] if excluded is None or not excluded(ref))
        if refs:
            out.append(Wording(entry["text"], refs, any(documents.central(r) for r in refs), documents.support(refs)))
    return out


def choose(node: dict[str, Any], documents: SourceDocuments, margin: float, excluded: Excluded = None) -> None:
    """Set the node's text and sources from its wordings; none left: no sources (left out)."""
    left = wordings_of(node, documents, excluded)
    if not left:
        node["text"], node["sources"] = "", []
        return
    node["text"] = medoid(left, national_margin=margin).text
    node["sources"] = sorted({ref for w in left for ref in w.sources})


def choose_all(spec: Any, documents: SourceDocuments, margin: float, excluded: Excluded = None) -> None:
    """Every text with wordings anywhere in a kind's spec (items, points, bullets, paragraphs)."""
    if isinstance(spec, dict):
        if spec.get("wordings"):
            choose(spec, documents, margin, excluded)
        for key, value in spec.items():
            if key != "wordings":
                choose_all(value, documents, margin, excluded)
    elif isinstance(spec, list):
        for value in spec:
            choose_all(value, documents, margin, excluded)
