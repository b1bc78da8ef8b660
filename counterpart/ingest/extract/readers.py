"""Reading narrative reports (.txt, .html, .docx) into one text string.

Offsets of extracted facts index the string these functions return: for .txt
that is the decoded file content, unchanged; for .html and .docx it is the
visible text with block elements / paragraphs separated by newlines.
Anything unreadable raises ``ReadError`` naming the file and the reason.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024  # a narrative report is kilobytes; refuse absurd inputs early


class ExtractionError(Exception):
    """Base class: something in the input prevented extraction."""

    def __init__(self, where: str, reason: str):
        self.where = str(where)
        self.reason = reason
        super().__init__(f"{self.where}: {reason}")


class ReadError(ExtractionError):
    """The file could not be read as a text document."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 control characters other than tab, newline, carriage return, form feed
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad / len(sample) > 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte for ASCII-heavy text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.3 * len(zeros):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes, where: str = "<bytes>") -> str:
    """Decode a text file's bytes: BOM, UTF-8, UTF-16 without BOM, GB18030/GBK, then detection."""
    if not data:
        return ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise ReadError(where, f"declares {enc} by its byte-order mark but does not decode: {exc}")
            if _looks_binary(text):
                raise ReadError(where, "binary content, not a text document")
            return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text[:4000]:
        text = _utf16_without_bom(data)
    if text is None:
        if b"\x00" in data[:4000]:
            raise ReadError(where, "binary content (NUL bytes), not a text document")
        try:
            text = data.decode("gb18030")  # superset of GBK and GB2312, common for Chinese reports
        except UnicodeDecodeError:
            text = None
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200000]).best()
        if best is None:
            raise ReadError(where, "cannot determine the text encoding (binary file?)")
        text = data.decode(best.encoding, errors="replace")
    if _looks_binary(text):
        raise ReadError(where, "binary content, not a text document")
    return text


# ---------------------------------------------------------------- HTML

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "head")
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
               "table", "ul", "ol", "blockquote", "pre", "title", "dd", "dt", "td", "th"}
_FURNITURE_CLASS = re.compile(r"(^|[-_ ])(nav|menu|footer|header|breadcrumb|sidebar|share|copyright|"
                              r"toolbar|advert|banner-ad|cookie)($|[-_ ])", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page without scripts, styles, navigation and footers."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = ""
    if soup.title and soup.title.string:
        title = soup.title.string.strip()
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is None:  # already removed with a decomposed parent
            continue
        marks = " ".join(tag.get("class", []) or []) + " " + str(tag.get("id", "") or "")
        if marks.strip() and _FURNITURE_CLASS.search(marks):
            tag.decompose()
    root = soup.body or soup
    parts: list[str] = []

    def walk(node):
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                s = str(child)
                if s.strip():
                    parts.append(re.sub(r"[ \t\r\n\f]+", " ", s))
                continue
            if child.__class__.__name__ in ("Comment", "Doctype"):
                continue
            if name in _BLOCK_TAGS:
                parts.append("\n")
            walk(child)
            if name in _BLOCK_TAGS:
                parts.append("\n")

    walk(root)
    body = "".join(parts)
    body = re.sub(r"[ \t]*\n[ \t\n]*", "\n\n", body).strip()
    if title and not body.startswith(title):
        body = title + "\n\n" + body
    return body


# ---------------------------------------------------------------- DOCX

def docx_to_text(path: Path) -> str:
    from django.utils.translation import gettext as _

    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is a runtime dependency
        raise ReadError(path, f"python-docx is not installed: {exc}")
    try:
        document = docx.Document(str(path))
    except Exception:  # noqa: BLE001 - python-docx raises many unrelated classes for a damaged file
        # Its messages name library classes (PackageNotFoundError, XMLSyntaxError ...), which tell a reader
        # nothing; what they can act on is that the file is not a Word document.
        raise ReadError(path, _("not a readable .docx file: it is damaged, or another kind of file named .docx; "
                                "open it in Word or WPS and save it again as .docx")) from None
    paras = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paras.append("\t".join(cell.text for cell in row.cells))
    return "\n\n".join(p for p in paras if p.strip())


# ---------------------------------------------------------------- entry point

def read_text(path) -> str:
    """The text of a report file (.txt, .html/.htm, .docx; other extensions are read as text)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}")
    if path.is_dir():
        raise ReadError(path, "is a directory, not a file")
    if size > MAX_BYTES:
        raise ReadError(path, f"too large ({size} bytes; limit {MAX_BYTES})")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_to_text(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}")
    if data[:4] == b"PK\x03\x04" and suffix not in (".docx",):
        raise ReadError(path, "a zip archive (office document?) with a text extension; save it as .docx or .txt")
    if data[:5] == b"%PDF-":
        raise ReadError(path, "a PDF file; only .txt, .html and .docx are read")
    text = decode_bytes(data, str(path))
    if suffix in (".html", ".htm", ".xhtml") or (suffix not in (".txt",) and _looks_html(text)):
        return html_to_text(text)
    return text


def _looks_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))
