"""The CJK font every renderer uses (see README.md here for its source and licence)."""
from functools import cache
from pathlib import Path

FONT_FILE = Path(__file__).with_name("wqy-microhei.ttc")
FONT_NAME = "CounterpartSans"


@cache
def register_pdf_font() -> str:
    """Register the font with reportlab once; it embeds the subset a document uses."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
    return FONT_NAME


@cache
def covered_code_points() -> frozenset[int]:
    """Every character the font draws (for the glyph check of generated PDFs)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(FONT_FILE), subfontIndex=0).charToGlyph)


def pil_font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILE), size, index=0)
