"""A patient's report as one self-contained web page.

Everything is in the one file: the styles are written into the page, LIME's reasons are drawn
as bars of plain HTML, and there are no scripts, no links and no images to fetch, so the page
opens the same with the network cut and cannot call out. Every text is escaped
(``html.escape``), so a label such as ``<script>`` shows as text and never runs.

    >>> bar_width(0.2, 0.4)
    50.0
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from bcc_teach import style
from bcc_teach.report import wording

if TYPE_CHECKING:
    from bcc_teach.report.patient import PatientReport

#: The page may load nothing at all (no scripts, images, fonts, frames or connections); only
#: the styles written into it apply. A browser enforces this even if something slipped in.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'"

_STYLE = f"""
body {{ font-family: "DejaVu Sans", Arial, sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }}
h1 {{ font-size: 1.5em; margin-bottom: 0.2em; }}
h2 {{ font-size: 1.15em; margin-top: 1.4em; border-bottom: 1px solid #ccc; }}
.lines p {{ margin: 0.1em 0; }}
.warning {{ border: 3px solid {style.HIGHLIGHT}; padding: 0.2em 1em; background: #fff7e6; }}
table.reasons {{ border-collapse: collapse; width: 100%; }}
table.reasons td {{ padding: 0.2em 0.4em; vertical-align: middle; }}
.bar {{ height: 0.9em; display: inline-block; }}
.towards-malignant {{ background: {style.MALIGNANT}; }}
.towards-benign {{ background: {style.BENIGN}; }}
footer {{ margin-top: 2em; font-weight: bold; }}
"""


def bar_width(weight: float, largest: float) -> float:
    """A reason's bar as a percentage of the widest bar (the largest weight, by size)."""
    return round(100 * abs(weight) / largest, 1) if largest else 0.0


def _reasons_table(r: PatientReport) -> str:
    largest = float(r.reasons["weight"].abs().max()) if len(r.reasons) else 0.0
    rows = []
    for row, words in zip(r.reasons.itertuples(), wording.reason_items(r), strict=True):
        towards = "malignant" if row.weight > 0 else "benign"
        rows.append(
            "<tr>"
            f'<td style="width:55%">{html.escape(words, quote=False)}</td>'
            f'<td><span class="bar towards-{towards}" '
            f'style="width:{bar_width(row.weight, largest)}%"></span></td>'
            "</tr>"
        )
    legend = (
        '<p><span class="bar towards-malignant" style="width:1em"></span> towards malignant '
        '&nbsp; <span class="bar towards-benign" style="width:1em"></span> towards benign '
        "(bar length: the size of the push)</p>"
    )
    return f'<table class="reasons">{"".join(rows)}</table>{legend}'


def _section(r: PatientReport, section: wording.Section) -> str:
    parts = [f"<h2>{html.escape(section.heading, quote=False)}</h2>"]
    for i, paragraph in enumerate(section.paragraphs):
        parts.append(f"<p>{html.escape(paragraph, quote=False)}</p>")
        if section.kind == "reasons" and i == 0:
            parts.append(_reasons_table(r))
    body = "\n".join(parts)
    if section.kind == "warning":
        return f'<section class="warning">\n{body}\n</section>'
    return f"<section>\n{body}\n</section>"


def render(r: PatientReport) -> str:
    """The report as one HTML page (text)."""
    lines = "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in wording.heading_lines(r))
    sections = "\n".join(_section(r, section) for section in r.sections())
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        f"<title>{html.escape(wording.TITLE)}: {html.escape(r.pseudonym)}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(wording.TITLE)}</h1>\n"
        f'<div class="lines">{lines}</div>\n'
        f"{sections}\n"
        f"<footer>{html.escape(wording.NOT_A_DIAGNOSIS.capitalize())}.</footer>\n"
        "</body>\n</html>\n"
    )
