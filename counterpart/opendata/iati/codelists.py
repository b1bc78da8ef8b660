"""The vendored IATI codelists (codelists/*.xml, see ATTRIBUTION.md), read once per process."""
from functools import cache
from pathlib import Path

from lxml import etree

HERE = Path(__file__).parent
SCHEMA_DIR = HERE / "schema"
CODELIST_DIR = HERE / "codelists"


@cache
def codes(name: str) -> frozenset:
    tree = etree.parse(str(CODELIST_DIR / f"{name}.xml"))
    return frozenset(c.text.strip() for c in tree.iterfind(".//codelist-item/code"))


@cache
def schema(kind: str = "activities") -> etree.XMLSchema:
    """The IATI 2.03 XSD for activity or organisation files (it imports iati-common.xsd and xml.xsd beside it)."""
    name = "iati-activities-schema.xsd" if kind == "activities" else "iati-organisations-schema.xsd"
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / name)))
