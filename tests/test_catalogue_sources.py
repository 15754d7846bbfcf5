"""Every catalogue and plan-kind text says where it comes from, and the evidence holds up: the
quotes from the shared plans are verbatim at the lines cited, every document named is described,
and the measure built on them (leave-one-out coverage) is not vacuous."""

import re
import unicodedata

import pytest
import yaml

from drafter.inputs.catalogue import CATALOGUE_PATH
from drafter.inputs.evidence import EVIDENCE_DIR, SourceDocuments, document_key
from drafter.inputs.kinds import KINDS_DIR
from drafter.quality.provenance import line_of
from tests.conftest import PLANS

SHARED = {"lam-dong-4784": "lam-dong-4784-KH-UBND-2024-06-13.txt",
          "nghe-an-978": "nghe-an-978-KH-UBND-2023-12-13.txt",
          "gia-lai-516": "gia-lai-516-KH-UBND-2023-03-09.txt"}
needs_plans = pytest.mark.skipif(not PLANS.is_dir(), reason="shared/reference is not beside the repository")


def collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def all_sources(node, where=""):
    """(where, ref) for every entry of every `sources:` list in a data file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                for ref in value:
                    yield f"{where}.{node.get('id', '')}", ref
            else:
                yield from all_sources(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from all_sources(value, f"{where}[{i}]")


def data_files():
    return [CATALOGUE_PATH, *sorted(KINDS_DIR.glob("*.yaml"))]


def item_refs():
    for path in data_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, ref in all_sources({k: v for k, v in data.items() if k != "sources"}):
            yield path.name, where, ref


def test_every_point_task_and_kind_text_lists_its_sources(catalogue):
    assert all(p.sources for g in catalogue.groups for p in g.points)
    assert all(t.sources for t in catalogue.tasks)
    for path in KINDS_DIR.glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = [i for s in spec["sections"] for i in s.get("items", []) + s.get("closing", [])]
        texts += spec.get("closing", []) + spec.get("intro", []) + spec.get("duties", [])
        unsourced = [t.get("id") or t.get("role") for t in texts if not (t.get("sources") or t.get("wordings"))]
        assert not unsourced, f"{path.name}: {unsourced}"


def test_every_source_is_a_known_document_or_a_real_line():
    documents = SourceDocuments.bundled()
    for name, where, ref in item_refs():
        assert document_key(ref) in documents.provinces, f"{name} {where}: {ref} is not in source-documents.yaml"


@needs_plans
def test_line_references_point_inside_the_shared_plans():
    lengths = {key: len((PLANS / file).read_text(encoding="utf-8").splitlines()) for key, file in SHARED.items()}
    for name, where, ref in item_refs():
        key, line = document_key(ref), line_of(ref)
        if key in lengths:
            assert line is not None and 1 <= line <= lengths[key], f"{name} {where}: {ref}"


@needs_plans
def test_quotes_from_the_shared_plans_are_verbatim_at_their_line():
    evidence = yaml.safe_load((EVIDENCE_DIR / "catalogue-sources.yaml").read_text(encoding="utf-8"))["items"]
    texts = {key: (PLANS / file).read_text(encoding="utf-8").splitlines() for key, file in SHARED.items()}
    checked = 0
    for item, entries in evidence.items():
        for entry in entries:
            key, line = document_key(entry["ref"]), line_of(entry["ref"])
            if key not in texts or line is None:
                continue
            lines = texts[key]
            # The quote starts at or just after its line (PDF text wraps a sentence over lines).
            around = collapse(" ".join(lines[max(0, line - 3):line + 25]))
            quote = collapse(entry["quote"]).rstrip(".…")
            assert quote[:60] in around, f"{item}: {entry['ref']} does not hold «{quote[:60]}»"
            assert quote in collapse(" ".join(lines)), f"{item}: «{quote[:60]}…» is not verbatim in {key}"
            checked += 1
    assert checked > 300


def test_source_documents_name_a_province_or_none():
    data = yaml.safe_load((EVIDENCE_DIR / "source-documents.yaml").read_text(encoding="utf-8"))["sources"]
    for key, entry in data.items():
        assert entry["kind"] in {"PLAN", "SUMMARY", "PARTY", "CENTRAL", "REFERENCE", "RESULTS", "INFERRED"}, key
        assert entry["province"] is None or re.fullmatch(r"[a-z]+(-[a-z]+)*", entry["province"]), key
        assert entry.get("url") or entry.get("title"), key
