"""A report as plain data (headings, paragraphs with note references, tables, charts, notes) that
every renderer (HTML, XLSX, CSV, DOCX, PDF) turns into its format; reports never format twice."""
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Ref:
    """A figure's note number inside a paragraph."""

    n: int


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
    kind: str = "text"  # text, number, money, percent


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
    return lang.startswith("zh")


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)
