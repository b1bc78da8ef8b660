"""HTML: the report body (headings, paragraphs with note links, tables, SVG charts, notes); pages embed
it in the site's layout, downloads wrap it in a minimal standalone page."""
from html import escape

from counterpart.reports.document import Chart, Heading, Link, Para, Ref, Table
from counterpart.reports.phrases import w
from counterpart.reports.render import charts
from counterpart.reports.render.values import column_label, text


def _header(column, lang) -> str:
    cls = ' class="num"' if column.kind != "text" else ""
    return f"<th{cls}>{escape(column_label(column, lang))}</th>"


def body(doc, base_url="") -> str:
    out = [f'<div class="report" lang="{escape(doc.lang)}">']
    if doc.subtitle:
        out.append(f'<p class="muted small">{escape(doc.subtitle)}</p>')
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            runs = []
            for r in block.runs:
                if isinstance(r, Ref):
                    runs.append(f'<sup><a href="#note-{r.n}" id="ref-{r.n}-{len(runs)}" class="note-ref">[{r.n}]</a></sup>')
                elif r:
                    runs.append(escape(r))
            out.append(f"<p>{''.join(runs)}</p>")
        elif isinstance(block, Chart):
            out.append(f'<figure class="card">{charts.svg(block, doc.lang)}</figure>')
        elif isinstance(block, Table):
            out.append(f'<h3>{escape(block.title)}</h3><table class="report-table"><tr>'
                       + "".join(_header(c, doc.lang) for c in block.columns) + "</tr>")
            for i, row in enumerate(block.rows):
                depth = block.indent[i] if block.indent else 0
                cells = []
                for j, (c, v) in enumerate(zip(block.columns, row)):
                    style = f' style="padding-left:{0.6 + depth * 1.5}rem"' if j == 0 and depth else ""
                    # Figures and short words stay on one line, as in the PDF (a broken figure is misread).
                    short = c.kind == "text" and isinstance(v, str) and len(v) <= 10
                    cls = ' class="num"' if c.kind != "text" else ' class="nw"' if short else ""
                    value = text(v, c.kind, doc.lang)
                    if isinstance(v, Link):
                        value = f'<a href="{escape(v.url)}">{escape(v.text)}</a>'
                    elif isinstance(v, str) and v.startswith(("/", "http")):
                        value = f'<a href="{escape(v)}">{escape(v)}</a>'
                    else:
                        value = escape(value)
                    cells.append(f"<td{cls}{style}>{value}</td>")
                out.append(f'<tr class="{"part" if depth else ""}">{"".join(cells)}</tr>')
            out.append("</table>")
    if doc.notes:
        out.append(f'<h2>{w("notes", doc.lang)}</h2><ol class="notes small">')
        for n in doc.notes:
            link = f' <a href="{escape(base_url + n.url)}">↗</a>' if n.url else ""
            out.append(f'<li id="note-{n.n}">{escape(n.text)}{link}</li>')
        out.append("</ol>")
    out.append("</div>")
    return "\n".join(out)


def render(doc) -> bytes:
    page = (f'<!doctype html><html lang="{escape(doc.lang)}"><head><meta charset="utf-8"><title>{escape(doc.title)}</title>'
            "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5}"
            "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left}"
            "td.num,th.num{text-align:right;white-space:nowrap}td.nw{white-space:nowrap}.muted{color:#666}.small{font-size:.85rem}</style></head><body>"
            f"<h1>{escape(doc.title)}</h1>{body(doc)}</body></html>")
    return page.encode("utf-8")
