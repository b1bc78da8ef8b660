"""A report as plain data (headings, paragraphs with note references, tables, charts, notes) that
every renderer (HTML, XLSX, CSV, DOCX, PDF) turns into its format; reports never format twice."""
from dataclasses import dataclass, field
from decimal import Decimal

from counterpart.locale_names import is_chinese


@dataclass
class Ref:
    """A figure's note number inside a paragraph."""

    n: int


@dataclass
class Link:
    """A cell's text with where it leads (a record, a source); formats without links show the text."""

    text: str
    url: str

    def __str__(self):
        return self.text


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Para:
    runs: list  # str and Ref


@dataclass
class Column:
    label: str
    kind: str = "text"  # text, number, money, percent (a change), share


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list]  # values: str, int, Decimal or None
    indent: list[int] = field(default_factory=list)  # per row: 0 for a total, 1.. for its parts
    sheet: str = ""  # short name for a spreadsheet tab


@dataclass
class Chart:
    title: str
    labels: list[str]
    values: list[Decimal]
    unit: str = ""
    texts: list[str] = field(default_factory=list)  # each value as written, when the values mix units
    extras: list[Decimal] = field(default_factory=list)  # a lighter segment after each bar (e.g. unconfirmed)
    extra_label: str = ""


@dataclass
class Note:
    n: int
    text: str
    url: str = ""


@dataclass
class Document:
    title: str
    lang: str
    subtitle: str = ""
    blocks: list = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    slug: str = "report"

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def note(self, text: str, url: str = "") -> Ref:
        for existing in self.notes:
            if existing.text == text and existing.url == url:
                return Ref(existing.n)
        self.notes.append(Note(len(self.notes) + 1, text, url))
        return Ref(len(self.notes))


def zh(lang: str) -> bool:
    return is_chinese(lang)


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)
