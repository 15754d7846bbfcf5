"""The plan kind's skeleton and the catalogue's points as typed records, built once from the YAML
after the schema has checked it (and cross-references, which need the YAML's line numbers, have
been checked on the data as read).

Dicts carried from inputs to plan let a misspelt key read as "absent" and left the plan, the
quality measures and the tests each walking the data their own way; records name every field once,
and the walks that more than one reader needs (every node with a `when:`, every text) live here.

A text given as several wordings keeps them (`wordings`); its `text` and `sources` are those of the
wording chosen (inputs.wordings), and `worded()` chooses again, leaving every other field as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

Sources = tuple[str, ...] | None  # documents that carry a text; None: not given (kept, counted as unsourced)


@dataclass(frozen=True)
class Phrasing:
    """One way a text is worded, and the documents that word it so."""

    text: str
    sources: tuple[str, ...]


#: The text and sources a text given as several wordings reads as (inputs.wordings.chooser).
Pick = Callable[[tuple[Phrasing, ...]], tuple[str, tuple[str, ...]]]


def _sources(d: dict[str, Any]) -> Sources:
    given = d.get("sources")
    return tuple(given) if given is not None else None


def _phrasings(d: dict[str, Any]) -> tuple[Phrasing, ...]:
    return tuple(Phrasing(w["text"], tuple(w["sources"])) for w in d.get("wordings") or ())


@dataclass(frozen=True)
class Line:
    """A "-" line or a paragraph under a point (a plain string in the YAML is a line with nothing else)."""

    text: str
    when: tuple[str, ...] = ()
    sources: Sources = None
    wordings: tuple[Phrasing, ...] = ()

    @classmethod
    def of(cls, entry: str | dict[str, Any]) -> Line:
        if isinstance(entry, str):
            return cls(entry)
        return cls(entry.get("text", ""), tuple(entry.get("when") or ()), _sources(entry), _phrasings(entry))

    def worded(self, pick: Pick) -> Line:
        if not self.wordings:
            return self
        text, sources = pick(self.wordings)
        return replace(self, text=text, sources=sources)


def _lines(entries: list[Any] | None) -> tuple[Line, ...]:
    return tuple(Line.of(e) for e in entries or ())


def _worded_all(entries: tuple, pick: Pick) -> tuple:
    """The entries with their wordings chosen; the same tuple when none has any (nothing rebuilt)."""
    out = tuple(e.worded(pick) for e in entries)
    return entries if all(a is b for a, b in zip(out, entries, strict=True)) else out


@dataclass(frozen=True)
class Point:
    """A lettered point (a catalogue group's, or under a kind's item), with its "-" lines and paragraphs.
    A catalogue point with a `parent` is itself a "-" line under that point of its group."""

    id: str
    text: str
    when: tuple[str, ...] = ()
    sources: Sources = None
    wordings: tuple[Phrasing, ...] = ()
    bullets: tuple[Line, ...] = ()
    paras: tuple[Line, ...] = ()
    parent: str | None = None

    @classmethod
    def of(cls, d: dict[str, Any]) -> Point:
        return cls(d["id"], d.get("text", ""), tuple(d.get("when") or ()), _sources(d), _phrasings(d),
                   _lines(d.get("bullets")), _lines(d.get("paras")), d.get("parent"))

    def worded(self, pick: Pick) -> Point:
        bullets, paras = _worded_all(self.bullets, pick), _worded_all(self.paras, pick)
        text, sources = pick(self.wordings) if self.wordings else (self.text, self.sources)
        if not self.wordings and bullets is self.bullets and paras is self.paras:
            return self
        return replace(self, text=text, sources=sources, bullets=bullets, paras=paras)

    def nodes(self) -> Iterator[Point | Line]:
        yield self
        yield from self.bullets
        yield from self.paras


@dataclass(frozen=True)
class Item(Point):
    """A numbered khoản of a kind's section: a heading (`title`), the list of agencies leading
    appendix tasks (`assignments`), or text with points, lines and paragraphs under it."""

    title: bool = False
    assignments: bool = False
    listing: str | None = None  # `list:` in the YAML: "-" lines from a profile list (programmes)
    points: tuple[Point, ...] = ()

    @classmethod
    def of(cls, d: dict[str, Any]) -> Item:
        return cls(d["id"], d.get("text", ""), tuple(d.get("when") or ()), _sources(d), _phrasings(d),
                   _lines(d.get("bullets")), _lines(d.get("paras")), None, bool(d.get("title")),
                   bool(d.get("assignments")), d.get("list"), tuple(Point.of(p) for p in d.get("points") or ()))

    def worded(self, pick: Pick) -> Item:
        points = _worded_all(self.points, pick)
        done = Point.worded(self, pick)
        return done if points is self.points else replace(done, points=points)

    def nodes(self) -> Iterator[Point | Line]:
        yield from super().nodes()
        for point in self.points:
            yield from point.nodes()


@dataclass(frozen=True)
class Frame:
    """A paragraph of the plan's frame (a căn cứ line, the introduction, a closing): written text,
    a document cited on the plan's date (`doc`), or the year's guidance letter. Never weighed for length."""

    id: str
    text: str | None = None
    doc: str | None = None
    suffix: str = ""  # words after the citation, e.g. "(gọi tắt là …)"
    guidance: bool = False
    when: tuple[str, ...] = ()
    sources: Sources = None

    @classmethod
    def of(cls, d: dict[str, Any]) -> Frame:
        return cls(d["id"], d.get("text"), d.get("doc"), d.get("suffix") or "", bool(d.get("guidance")),
                   tuple(d.get("when") or ()), _sources(d))


@dataclass(frozen=True)
class Duty:
    """What the kind asks of one role in "Tổ chức thực hiện", with the roles named in the same item."""

    role: str
    prefix: str
    also: tuple[str, ...]
    bullets: tuple[Line, ...]
    when: tuple[str, ...] = ()
    sources: Sources = None

    @classmethod
    def of(cls, d: dict[str, Any]) -> Duty:
        return cls(d["role"], d.get("prefix") or "", tuple(d.get("also") or ()), _lines(d["bullets"]),
                   tuple(d.get("when") or ()), _sources(d))

    def worded(self, pick: Pick) -> Duty:
        bullets = _worded_all(self.bullets, pick)
        return self if bullets is self.bullets else replace(self, bullets=bullets)


@dataclass(frozen=True)
class Section:
    """A Roman-numbered mục: its items, NQ 47's groups (`groups`), or one khoản per agency (`agencies`)."""

    id: str
    title: str
    when: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    groups: bool = False
    chosen: bool = False  # content chosen by support for length (plan.fit)
    agencies: bool = False
    agencies_when: tuple[str, ...] = ()
    closing: tuple[Frame, ...] = ()

    @classmethod
    def of(cls, d: dict[str, Any]) -> Section:
        return cls(d["id"], d["title"], tuple(d.get("when") or ()), tuple(Item.of(i) for i in d.get("items") or ()),
                   bool(d.get("groups")), bool(d.get("chosen")), bool(d.get("agencies")),
                   tuple(d.get("agencies_when") or ()), tuple(Frame.of(b) for b in d.get("closing") or ()))

    def worded(self, pick: Pick) -> Section:
        items = _worded_all(self.items, pick)
        return self if items is self.items else replace(self, items=items)


@dataclass(frozen=True)
class Deadlines:
    """The kind's default reporting deadlines ("10/11"), which a profile's reporting: overrides."""

    plans: str | None = None
    half_year: str | None = None
    annual: str | None = None
    source: str | None = None

    def of(self, which: str) -> str | None:
        """plans, half_year or annual."""
        return {"plans": self.plans, "half_year": self.half_year, "annual": self.annual}[which]


@dataclass(frozen=True)
class TypicalLength:
    """How long a real plan of the kind is (plan.fit keeps a draft about this long)."""

    words: int
    source: str


@dataclass(frozen=True)
class AppendixHeading:
    label: str
    title: str
    ref: str


@dataclass(frozen=True)
class KindSpec:
    """The skeleton of one kind of plan (drafter/data/kinds/*.yaml; schemas/kind.yaml says what each field means)."""

    id: str
    title: str
    summary: str
    single_year: bool
    subject: str | None
    group_titles: dict[str, str]
    tasks_in_prose: bool
    style: dict[str, Any]
    deadlines: Deadlines
    duties: tuple[Duty, ...]
    length: TypicalLength | None
    national_margin: float
    symbol: str
    sources: tuple[str, ...]
    can_cu: tuple[Frame, ...]
    intro: tuple[Frame, ...]
    sections: tuple[Section, ...]
    closing: tuple[Frame, ...]
    appendix: AppendixHeading

    @classmethod
    def of(cls, d: dict[str, Any]) -> KindSpec:
        """From the kind's data once the schema's defaults are in."""
        frames = lambda key: tuple(Frame.of(b) for b in d.get(key) or ())  # noqa: E731
        length = d.get("length")
        return cls(d["id"], d["title"], d["summary"], bool(d.get("single_year")), d.get("subject"),
                   dict(d.get("group_titles") or {}), d.get("tasks_in_prose", True), dict(d.get("style") or {}),
                   Deadlines(**(d.get("deadlines") or {})), tuple(Duty.of(x) for x in d.get("duties") or ()),
                   TypicalLength(length["words"], length["source"]) if length else None, d["national_margin"],
                   d.get("symbol", "KH-UBND"), tuple(d["sources"]), frames("can_cu"), frames("intro"),
                   tuple(Section.of(s) for s in d["sections"]), frames("closing"), AppendixHeading(**d["appendix"]))

    def worded(self, pick: Pick) -> KindSpec:
        """The spec with every text given as several wordings read as `pick` chooses."""
        duties, sections = _worded_all(self.duties, pick), _worded_all(self.sections, pick)
        if duties is self.duties and sections is self.sections:
            return self
        return replace(self, duties=duties, sections=sections)

    def nodes(self) -> Iterator[Frame | Section | Duty | Point | Line]:
        """Every part of the skeleton that may carry `when:` or `sources`, in the order of the YAML."""
        yield from self.can_cu
        yield from self.intro
        for section in self.sections:
            yield section
            for item in section.items:
                yield from item.nodes()
            yield from section.closing
        yield from self.closing
        for duty in self.duties:
            yield duty
            yield from duty.bullets

    def has_condition(self, condition: str) -> bool:
        """Whether some part of the kind is printed only under this condition (its `when:` list)."""
        return any(condition in node.when for node in self.nodes())

    def mentions(self, name: str) -> bool:
        """Whether "{name}" appears in any of the kind's texts, every wording included."""
        return "{" + name + "}" in self._all_text

    @cached_property
    def _all_text(self) -> str:
        texts = [self.title, self.summary, *self.group_titles.values(), self.appendix.label, self.appendix.title,
                 self.appendix.ref]
        for node in self.nodes():
            if isinstance(node, Section):
                texts.append(node.title)
            elif isinstance(node, Frame):
                texts += [node.text or "", node.suffix]
            elif not isinstance(node, Duty):
                texts += [node.text, *(w.text for w in node.wordings)]
        return "\n".join(texts)
