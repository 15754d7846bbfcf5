"""Texts of a plan kind given as several wordings (`wordings: [{text, sources}, …]`): the draft's
text is their medoid (text.wording), chosen again whenever leave-one-out removes some of them.

A text with wordings has no `text` or `sources` of its own in the data: its sources are those of
the wordings still in use (so leave-one-out keeps the text while any writer other than the held-out
province carries it), and its text is the medoid of those wordings, national ones first.
"""

from __future__ import annotations

from collections.abc import Callable

from ..text.wording import Wording, medoid
from . import shipped
from .evidence import SourceDocuments
from .kind_records import Phrasing, Pick

#: True for a source reference that must be ignored (provenance.held_out); None ignores nothing.
Excluded = Callable[[str], bool] | None


def wordings_of(phrasings: tuple[Phrasing, ...], documents: SourceDocuments,
                excluded: Excluded = None) -> list[Wording]:
    """The wordings that keep a source, each with the writers left and whether it is national."""
    out = []
    for entry in phrasings:
        refs = tuple(ref for ref in entry.sources if excluded is None or not excluded(ref))
        if refs:
            out.append(Wording(entry.text, refs, any(documents.central(r) for r in refs), documents.support(refs)))
    return out


def chooser(documents: SourceDocuments, margin: float, excluded: Excluded = None) -> Pick:
    """The text and sources of a text given as several wordings: the medoid of the wordings still in
    use, with all their sources; none left: no text and no sources (left out). With nothing held
    out, a choice the shipped table already knows (inputs.shipped.known_medoids) is not computed again."""
    known = shipped.known_medoids() if excluded is None else {}

    def pick(phrasings: tuple[Phrasing, ...]) -> tuple[str, tuple[str, ...]]:
        left = wordings_of(phrasings, documents, excluded)
        if not left:
            return "", ()
        index = known.get(shipped.medoid_key(left, margin)) if known else None
        chosen = left[index] if index is not None and index < len(left) else medoid(left, national_margin=margin)
        return chosen.text, tuple(sorted({ref for w in left for ref in w.sources}))

    return pick
