"""Dated national knowledge: the documents a plan may cite, the bodies that existed, Party congress
terms, events and anniversaries (drafter/data/documents.yaml, bodies.yaml, events.yaml).

Everything here is judged on a date: a plan cites only what is issued and in force on its date,
follows a replaced document to its replacement, names the ministry of its day, and the Party
congress whose resolution was adopted by then. Each record carries a label; what a draft relies on
below VERIFIED is reported back (weak()) so the draft can print a notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..errors import CatalogueError
from ..resources import DATA_DIR
from ..text import citation as cite_text
from ..text import vn
from .crossref import did_you_mean
from .schema import conform
from .yamlio import load, load_trusted

DOCUMENTS_PATH = DATA_DIR / "documents.yaml"
BODIES_PATH = DATA_DIR / "bodies.yaml"
EVENTS_PATH = DATA_DIR / "events.yaml"
STRONG = "VERIFIED"


@dataclass(frozen=True)
class Document:
    id: str
    type: str
    number: str | None
    date: dt.date | None
    issuer: str | None
    title: str | None
    in_force_from: dt.date | None
    in_force_until: dt.date | None
    replaced_by: tuple[str, ...]
    amends: tuple[str, ...]
    label: str
    sources: tuple[str, ...]
    plan_year: int | None = None
    topics: tuple[str, ...] = ()
    note: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(d["id"], d["type"], d.get("number"), d.get("date"), d.get("issuer"), d.get("title"),
                   d.get("in_force_from"), d.get("in_force_until"), tuple(d.get("replaced_by") or ()),
                   tuple(d.get("amends") or ()), d["label"], tuple(d["sources"]), d.get("plan_year"),
                   tuple(d.get("topics") or ()), d.get("note"))

    @property
    def citable(self) -> bool:
        """Known well enough to cite: its number at least (else it would be all blanks)."""
        return self.number is not None

    @property
    def start(self) -> dt.date | None:
        return self.in_force_from or self.date

    def issued(self, on: dt.date) -> bool:
        """Issued on or before `on` (a document whose date is not known counts as issued)."""
        return self.date is None or self.date <= on

    def in_force(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.in_force_until is None or on <= self.in_force_until)

    def ended(self, on: dt.date) -> bool:
        return self.in_force_until is not None and on > self.in_force_until

    def citation(self, *, long_date: bool = False) -> str:
        return cite_text.citation(self, long_date=long_date)

    def short(self) -> str:
        return cite_text.number_ref(self)


@dataclass(frozen=True)
class Body:
    id: str
    names: tuple[str, ...]
    level: str | None
    start: dt.date | None
    until: dt.date | None
    successor: str | None
    role: str | None
    label: str
    gone_by: dt.date | None = None  # until unknown (it differs by province) but ceased everywhere by then

    def exists(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.until is None or on <= self.until)


@dataclass(frozen=True)
class Congress:
    ordinal: str
    text: str
    start: dt.date
    resolution_date: dt.date
    label: str


@dataclass(frozen=True)
class Event:
    id: str
    year: int | None
    text: str
    label: str
    recurring: dict | None = None

    def happens_in(self, year: int) -> bool:
        if self.recurring:
            return self.recurring.get("from_year", 0) <= year <= self.recurring.get("until_year", 9999)
        return self.year == year


@dataclass(frozen=True)
class Anniversary:
    date: dt.date
    event: str
    label: str = "UNVERIFIED"
    local: bool = False  # the province's own (a profile's or its registry unit's), not the nation's

    def round_in(self, year: int) -> int | None:
        """The number of years when it is a round (multiple of 5) anniversary in `year`."""
        years = year - self.date.year
        return years if years > 0 and years % 5 == 0 else None

    def phrase(self, year: int) -> str:
        """ "50 năm Ngày Việt Nam trở thành thành viên Liên hợp quốc (20/9/1977 - 20/9/2027)"."""
        span = f"{vn.short_date(self.date)} - {vn.short_date(self.date.replace(year=year))}"
        return f"{year - self.date.year} năm {self.event} ({span})"


@dataclass(frozen=True)
class Knowledge:
    documents: dict[str, Document]
    slots: dict[str, tuple[str, ...]]
    bodies: tuple[Body, ...] = ()
    congresses: tuple[Congress, ...] = ()
    events: tuple[Event, ...] = ()
    anniversaries: tuple[Anniversary, ...] = ()
    local_ids: frozenset[str] = field(default=frozenset())

    # --- references -----------------------------------------------------------------------------

    def refs(self) -> set[str]:
        return set(self.documents) | set(self.slots)

    def unknown_ref_message(self, ref: str) -> str:
        return f"không có văn bản mã {ref!r} trong documents.yaml{did_you_mean(ref, sorted(self.refs()))}"

    def with_documents(self, extra: Iterable[Document]) -> Knowledge:
        """The national knowledge plus a province's own documents (its regulations, plans)."""
        extra = list(extra)
        if not extra:
            return self
        return Knowledge({**self.documents, **{d.id: d for d in extra}}, self.slots, self.bodies, self.congresses,
                         self.events, self.anniversaries, self.local_ids | {d.id for d in extra})

    def cited(self, ref: str, on: dt.date) -> tuple[Document, ...]:
        """What a reference cites on `on`: the document if in force, else what replaced it (if in
        force by then); a slot cites its members in force. Empty when nothing can be cited."""
        if ref in self.slots:
            return tuple(self.documents[m] for m in self.slots[ref] if self.documents[m].in_force(on))
        doc = self.documents[ref]
        if doc.in_force(on):
            return (doc,)
        if not doc.ended(on):
            return ()  # not yet issued or not yet in force
        out: list[Document] = []
        for successor in doc.replaced_by:
            out += [d for d in self.cited(successor, on) if d not in out]
        return tuple(out)

    def amendments(self, doc: Document, on: dt.date) -> tuple[Document, ...]:
        return tuple(d for d in self.documents.values() if doc.id in d.amends and d.in_force(on))

    def cite(self, ref: str, on: dt.date, *, long_date: bool = False) -> str | None:
        """The citation string for a reference on a date, or None when nothing is in force."""
        docs = self.cited(ref, on)
        if not docs:
            return None
        texts = []
        for doc in docs:
            text = doc.citation(long_date=long_date)
            amended = [a for a in self.amendments(doc, on) if a not in docs]
            if amended:  # the amending decree by number, date and issuer (its title repeats the one amended)
                text += ", được sửa đổi, bổ sung bởi " + " và ".join(
                    cite_text.citation(a, long_date=long_date, title=False) for a in amended)
            texts.append(text)
        return _join_and(texts)

    def short(self, ref: str, on: dt.date) -> str | None:
        docs = self.cited(ref, on)
        return _join_and([d.short() for d in docs]) if docs else None

    def relied_on(self, ref: str, on: dt.date) -> list[Document]:
        """Every record a citation of `ref` on `on` rests on (amendments included)."""
        out: list[Document] = []
        for doc in self.cited(ref, on):
            out += [doc, *[a for a in self.amendments(doc, on) if a not in out]]
        return out

    def in_force(self, on: dt.date) -> list[Document]:
        return sorted((d for d in self.documents.values()
                       if d.citable and d.in_force(on) and d.id not in self.local_ids),
                      key=lambda d: (d.date or dt.date.min, d.id))

    def guidance_letter(self, plan_year: int) -> Document | None:
        """The ministry's letter guiding the plans of `plan_year`, when its number is known."""
        return next((d for d in self.documents.values() if d.plan_year == plan_year and d.number), None)

    def by_number(self, number: str) -> Document | None:
        key = _number_key(number)
        return next((d for d in self.documents.values() if d.number and _number_key(d.number) == key), None)

    def law(self, title: str, date: dt.date | None) -> Document | None:
        """A law cited by its name and date without a number ("Luật Tổ chức chính quyền địa phương
        ngày 19 tháng 6 năm 2015"): the record of that name passed that day. Two laws share a name
        (2015 and 2025), so the date decides; a name alone matches nothing."""
        key = vn.name_key(title)
        return next((d for d in self.documents.values() if d.type == "Luật" and d.date == date and d.title
                     and vn.name_key(d.title.removeprefix("Luật ")) == key), None)

    # --- bodies, congresses, events ---------------------------------------------------------------

    def ministry(self, on: dt.date) -> Body:
        """The ministry that guides provincial TTĐN on `on`."""
        found = self.body_for("ttdn_ministry", on)
        assert found is not None, on  # bodies.yaml covers every day with one ministry
        return found

    def ceased(self, on: dt.date) -> list[tuple[Body, str]]:
        """(body, name) for every body that no longer existed on `on`, by each name it can be found by
        in a text (names of at least 8 characters, no "<tỉnh>" pattern): what `drafter check` flags
        and what a draft warns about when a profile still names it."""
        return [(b, name) for b in self.bodies if b.until is not None and b.until < on
                for name in b.names if "<" not in name and len(name) >= 8]

    def body_for(self, role: str, on: dt.date) -> Body | None:
        """The body that holds a role (bodies.yaml `role:`) on `on`: the ministry in charge of TTĐN,
        the provincial border guard."""
        return next((b for b in self.bodies if b.role == role and b.exists(on)), None)

    def congress(self, on: dt.date) -> Congress | None:
        adopted = [c for c in self.congresses if c.resolution_date <= on]
        return max(adopted, key=lambda c: c.resolution_date) if adopted else None

    def events_in(self, year: int) -> list[Event]:
        return [e for e in self.events if e.happens_in(year) and not e.recurring]

    def round_anniversaries(self, year: int) -> list[Anniversary]:
        return sorted((a for a in self.anniversaries if a.round_in(year)), key=lambda a: (a.date.month, a.date.day))


def _number_key(number: str) -> str:
    return "".join(vn.nfc(number).upper().split())


def _join_and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def document_records(items: list[dict[str, Any]]) -> list[Document]:
    return [Document.from_dict(d) for d in items]


@cache
def bundled(strict: bool = False) -> Knowledge:
    """The shipped knowledge (validated in full with strict=True: tests, `drafter validate`)."""
    read = load if strict else load_trusted
    docs_doc = conform(read(DOCUMENTS_PATH, CatalogueError), "documents", CatalogueError, strict=strict)
    bodies_doc = conform(read(BODIES_PATH, CatalogueError), "bodies", CatalogueError, strict=strict)
    events_doc = conform(read(EVENTS_PATH, CatalogueError), "events", CatalogueError, strict=strict)
    documents = _until_replaced({d.id: d for d in document_records(docs_doc["documents"])})
    knowledge = Knowledge(
        documents=documents,
        slots={k: tuple(v["members"]) for k, v in docs_doc["slots"].items()},
        bodies=tuple(Body(b["id"], tuple(b["names"]), b.get("level"), b.get("from"), b.get("until"),
                          b.get("successor"), b.get("role"), b["label"], b.get("gone_by"))
                    for b in bodies_doc["bodies"]),
        congresses=tuple(Congress(c["ordinal"], c["text"], c["from"], c["resolution_date"], c["label"])
                         for c in events_doc["party_congresses"]),
        events=tuple(Event(e["id"], e.get("year"), e["text"], e["label"], e.get("recurring"))
                     for e in events_doc["events"]),
        anniversaries=tuple(Anniversary(a["date"], a["event"], a.get("label") or "UNVERIFIED")
                            for a in events_doc["anniversaries"]),
    )
    problems = _dangling(knowledge)
    if problems:
        raise CatalogueError.single(DOCUMENTS_PATH, "; ".join(problems))
    return knowledge


def _until_replaced(documents: dict[str, Document]) -> dict[str, Document]:
    """A replaced document whose end the sources do not give ends the day before its replacement
    takes effect (when that day is known)."""
    import dataclasses

    out = dict(documents)
    for doc in documents.values():
        if doc.in_force_until is None and doc.replaced_by:
            starts = [documents[r].start for r in doc.replaced_by if r in documents]
            if starts and all(starts):
                out[doc.id] = dataclasses.replace(doc, in_force_until=min(starts) - dt.timedelta(days=1))
    return out


def _dangling(knowledge: Knowledge) -> list[str]:
    ids = set(knowledge.documents)
    out = [f"{d.id}: {field_name} {ref!r} không có" for d in knowledge.documents.values()
           for field_name, refs in (("replaced_by", d.replaced_by), ("amends", d.amends)) for ref in refs
           if ref not in ids]
    out += [f"slot {name}: {m!r} không có" for name, members in knowledge.slots.items() for m in members
            if m not in ids]
    return out
