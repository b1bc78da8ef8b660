"""What the API answers and takes, as OpenAPI schemas. Figures are decimal strings (never floats)."""
from typing import Any

from ninja import Schema


class ErrorItem(Schema):
    field: str | None
    message: str


class Errors(Schema):
    errors: list[ErrorItem]


class RowError(Schema):
    row: int
    field: str | None
    message: str


class RowErrors(Schema):
    errors: list[RowError]


class RegionOut(Schema):
    id: int
    adcode: str
    name_zh: str
    name_en: str
    type: str
    level: int
    parent: str | None


class RegionSearch(Schema):
    status: str
    how: str
    items: list[RegionOut]


class RegionPage(Schema):
    items: list[RegionOut]
    next: str | None


class UnitOut(Schema):
    id: int
    kind: str
    name_en: str
    name_zh: str
    region: str | None


class UnitPage(Schema):
    items: list[UnitOut]
    next: str | None


class AgreementOut(Schema):
    id: int
    kind: str
    title_en: str
    title_zh: str
    date_signed: str
    period_start: int
    period_end: int
    signatories: list[str]


class PairingOut(Schema):
    id: int
    name_en: str
    name_zh: str
    level: str
    donor: UnitOut
    recipient: UnitOut
    start_year: int
    end_year: int | None
    parent: int | None
    children: int


class PairingDetail(PairingOut):
    ancestors: list[int]
    agreements: list[AgreementOut]


class PairingPage(Schema):
    items: list[PairingOut]
    next: str | None


class PairingNode(Schema):
    id: int
    name_en: str
    name_zh: str
    level: str
    parent: int | None
    depth: int


class PairingTree(Schema):
    root: int
    nodes: list[PairingNode]
    truncated: bool


class IndicatorOut(Schema):
    code: str
    label_en: str
    label_zh: str
    unit: str
    unit_en: str
    unit_zh: str
    category: str
    dimensions: dict[str, list[str]]


class SpanOut(Schema):
    document: str
    document_id: int
    start: int
    end: int
    text: str


class Provenance(Schema):
    span: SpanOut | None
    entered: bool
    entered_by: str | None
    entered_by_unit: str | None


class ObservationOut(Schema):
    id: int
    indicator: str
    value: str
    unit: str
    qualifier: str
    year: int
    status: str
    pairing: int
    donor: int | None
    recipients: list[int]
    dims: dict[str, Any]
    part_of: int | None
    stated: bool
    record: str | None
    provenance: Provenance


class ObservationPage(Schema):
    items: list[ObservationOut]
    next: str | None


class ConfirmationOut(Schema):
    id: int
    record: str
    pairing: int
    side: str
    state: str
    reported_at: str
    answered_at: str | None
    slot: str
    reported_value: str | None
    counter_value: str | None
    counter_note: str


class FigureOut(Schema):
    observation: int
    slot: str
    indicator: str
    value: str
    status: str


class RecordOut(Schema):
    kind: str
    id: int
    pairing: int
    year: int
    fields: dict[str, Any]
    recipients: list[int]
    figures: list[FigureOut]
    confirmation: ConfirmationOut | None


class RecordPage(Schema):
    items: list[RecordOut]
    next: str | None


class ConfirmationPage(Schema):
    items: list[ConfirmationOut]
    next: str | None


class RecordIn(Schema):
    """A record as a row of the spreadsheet import: the same columns (GET /api/v1/records/{kind}/columns).
    On a change: `version` is the record's version the change was made on (a stale one is refused, 409), and
    `reason` is required when the national office corrects another office's record."""
    values: dict[str, Any]
    version: int | None = None
    reason: str = ""


class BatchIn(Schema):
    rows: list[dict[str, Any]]


class BatchOut(Schema):
    added: int
    already_there: int
    records: list[RecordOut]


class AnswerIn(Schema):
    value: str
    slot: str = ""
    note: str = ""


class CommentIn(Schema):
    text: str


class WithdrawIn(Schema):
    note: str = ""


class ColumnOut(Schema):
    name: str
    meaning: str


class DocumentOut(Schema):
    id: int
    doc_id: str
    title: str
    language: str
    year: int | None
    sha256: str
    origin: str


class DocumentDetail(DocumentOut):
    text: str


class DocumentPage(Schema):
    items: list[DocumentOut]
    next: str | None


class FigureTotal(Schema):
    year: int
    indicator: str
    value: str
    qualifier: str
    unit: str


class BreakdownOut(Schema):
    dim: str
    value: str
    indicator: str
    total: str


class TopPairing(Schema):
    pairing: int
    name_en: str
    name_zh: str
    value: str


class NationalOut(Schema):
    year: int
    years: list[int]
    summary: str
    official: list[FigureTotal]
    reported: list[FigureTotal]
    breakdowns: list[BreakdownOut]
    top: list[TopPairing]


class AnnualOut(Schema):
    pairing: int
    year: int
    years: list[int]
    official: list[FigureTotal]
    reported: list[FigureTotal]
    funds_by_year: dict[str, str]
    children: list[dict[str, Any]]
    observations: list[ObservationOut]


class ScoreItem(Schema):
    indicator: str
    target: str
    actual: str
    rate: str | None


class ScorecardOut(Schema):
    pairing: int
    name_en: str
    name_zh: str
    year: int
    score: str | None
    rank: int | None
    items: list[ScoreItem]


class ScorecardPage(Schema):
    year: int
    items: list[ScorecardOut]
