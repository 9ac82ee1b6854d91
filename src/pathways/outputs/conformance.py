"""The conformance results as a reader sees them: tables, Excel-ready CSV, JSON, a report section.

Every figure arrives already suppressed (``"<5"``) from :mod:`pathways.conformance.aggregate`;
nothing here sees a journey. The report section is self-contained HTML with inline SVG
charts (share within the limit per municipality, distribution of lead times).
"""

from __future__ import annotations

import io
import json
from html import escape

from rich.table import Table

from pathways import excelcsv
from pathways.conformance.run import Result
from pathways.conformance.vocabulary import DEVIATIONS, SEGMENT_LABELS
from pathways.gaps.rules import all_rules
from pathways.model.model import Model
from pathways.outputs.style import BLUE, FONT, GREY, LIGHT_GREY, VERMILLION, label

TEXT = {
    "sv": {
        "dimension": "Grupp",
        "key": "Värde",
        "count": "Antal",
        "within": "Andel inom gränsen",
        "median": "Median ledtid (dagar)",
        "p90": "90:e percentil (dagar)",
        "route": "Väg",
        "total": "Totalt",
        "step": "Steg i vägen",
        "unit": "Enhet",
        "municipality": "Kommun",
        "rule": "Regel",
        "month": "Månad",
        "deviation": "Avvikelse",
        "segment": "Delsträcka",
        "variant": "Variant",
        "element": "Gäller",
        "all": "alla resor",
        "rare": "övriga varianter",
        "title": "Uppföljning av verkliga resor",
        "journeys": "Resor",
        "chart_within": "Andel resor utan avvikelse per kommun",
        "chart_lead": "Ledtid från första till sista händelse (dagar)",
        "suppressed": "Tal byggda på färre än {n} resor visas som <{n}.",
        "problems": "Rader som inte kunde läsas",
        "unmapped": "Koder utan mappning",
        "none": "inga",
        "axis": "Antal resor per ledtid i dagar",
    },
    "en": {
        "dimension": "Group",
        "key": "Value",
        "count": "Count",
        "within": "Share within the limit",
        "median": "Median lead time (days)",
        "p90": "90th percentile (days)",
        "route": "Route",
        "total": "Total",
        "step": "Route step",
        "unit": "Unit",
        "municipality": "Municipality",
        "rule": "Rule",
        "month": "Month",
        "deviation": "Deviation",
        "segment": "Segment",
        "variant": "Variant",
        "element": "About",
        "all": "all journeys",
        "rare": "other variants",
        "title": "Follow-up of real journeys",
        "journeys": "Journeys",
        "chart_within": "Share of journeys without deviations per municipality",
        "chart_lead": "Lead time from first to last event (days)",
        "suppressed": "Figures built from fewer than {n} journeys are shown as <{n}.",
        "problems": "Rows that could not be read",
        "unmapped": "Codes without a mapping",
        "none": "none",
        "axis": "Journeys per lead time in days",
    },
}
COLUMNS = ("dimension", "key", "count", "within", "median", "p90")


def _name(model: Model, dimension: str, key: str, lang: str) -> str:
    if dimension == "total":
        return TEXT[lang]["all"]
    if dimension == "deviation":
        return DEVIATIONS[key][lang]
    if dimension == "segment":
        return SEGMENT_LABELS[key][lang]
    if dimension == "rule":
        names = {r.code: r.name for r in all_rules()}
        return f"{key} {names.get(key, '')}".strip()
    if dimension == "step":
        steps = {s.id: s.label for r in model.routes for s in r.steps}
        return getattr(steps[key], lang) if key in steps else key
    return label(model, key, lang) if key not in ("", "-") else "-"


def _number(value: object, lang: str, percent: bool = False, sign: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if percent:
        value = round(float(value) * 100, 1)
    text = f"{value:g}" if isinstance(value, float) else str(value)
    text = text.replace(".", ",") if lang == "sv" else text
    return text + (" %" if percent and sign else "")


def rows(result: Result, model: Model, lang: str, sign: bool = True) -> list[list[str]]:
    """The aggregate table (groups, then segments), localised, one list per row (shares in per cent)."""
    out = []
    for g in [*result.summary["groups"], *result.summary["segments"]]:
        group = TEXT[lang][g["dimension"]]
        if g["dimension"] == "segment":
            group = f"{group} ({_name(model, 'route', g['route'], lang)})"
        out.append(
            [
                group,
                _name(model, g["dimension"], g["key"], lang),
                _number(g["count"], lang),
                _number(g["within"], lang, percent=g["dimension"] != "segment", sign=sign),
                _number(g["median"], lang),
                _number(g["p90"], lang),
            ]
        )
    return out


def to_csv(result: Result, model: Model, lang: str = "sv") -> str:
    """Excel-ready CSV: for Swedish settings `;`, decimal comma, CRLF, every field quoted; with a BOM."""
    buffer = io.StringIO()
    delimiter = ";" if lang == "sv" else ","
    writer = excelcsv.writer(buffer, delimiter)
    writer.writerow([TEXT[lang][c] + (" (%)" if c == "within" else "") for c in COLUMNS])
    writer.writerows(rows(result, model, lang, sign=False))
    for v in result.summary["variants"]:
        writer.writerow([TEXT[lang]["variant"], " → ".join(v["path"]), _number(v["count"], lang), "", "", ""])
    return excelcsv.BOM + buffer.getvalue()


def to_json(result: Result) -> str:
    data = {
        "model": result.model,
        **result.summary,
        "problems": [str(p) for p in result.problems],
        "problem_counts": result.problem_counts,
        "unmapped": result.unmapped,
        "replays": result.replays,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def tables(result: Result, model: Model, lang: str = "sv") -> list[Table]:
    """Rich tables for the terminal: aggregates, deviations, variants."""
    text = TEXT[lang]
    main = Table(title=f"{text['title']}: {text['journeys']} {result.summary['journeys']}")
    for c in COLUMNS:
        main.add_column(text[c], justify="right" if c not in ("dimension", "key") else "left")
    for row in rows(result, model, lang):
        main.add_row(*row)
    dev = Table(title=text["deviation"])
    for c in ("deviation", "element", "count"):
        dev.add_column(text[c])
    for d in result.summary["deviations"]:
        dev.add_row(DEVIATIONS[d["kind"]][lang], _element(model, d["element"], lang), _number(d["count"], lang))
    var = Table(title=text["variant"])
    var.add_column(text["variant"])
    var.add_column(text["count"], justify="right")
    for v in result.summary["variants"]:
        var.add_row(" → ".join(v["path"]), str(v["count"]))
    rare = result.summary["rare_variants"]
    if rare["variants"]:
        var.add_row(f"{text['rare']} ({rare['variants']})", str(rare["journeys"]))
    return [main, dev, var]


def _element(model: Model, element: str, lang: str) -> str:
    steps = {s.id: s.label for r in model.routes for s in r.steps}
    return getattr(steps[element], lang) if element in steps else label(model, element, lang)


def _swedish_order(text: str) -> str:
    """A sort key that puts å, ä, ö after z, as Swedish does."""
    return text.lower().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}"}))


def svg_bars(items: list[tuple[str, object]], title: str, threshold: int) -> str:
    """A horizontal bar chart of shares (0..1); a suppressed value is written, not drawn."""
    row_h, left, width = 22, 190, 360
    height = 40 + row_h * len(items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 70}" height="{height}" '
        f'font-family="{FONT}" font-size="12" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="16" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (name, share) in enumerate(items):
        y = 30 + i * row_h
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{escape(name)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 2}" width="{width}" height="{row_h - 6}" fill="{LIGHT_GREY}"/>')
        if isinstance(share, (int, float)):
            parts.append(
                f'<rect x="{left}" y="{y + 2}" width="{share * width:.1f}" height="{row_h - 6}" fill="{BLUE}"/>'
            )
            note = f"{share * 100:.0f} %"
        else:
            note = f"<{threshold}" if share is None else str(share)
        parts.append(f'<text x="{left + width + 6}" y="{y + 14}">{escape(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_histogram(bins: list[dict], title: str, threshold: int, axis: str = "") -> str:
    """Journeys per lead time in days; a suppressed bin is marked, not drawn."""
    values = [b["count"] for b in bins if isinstance(b["count"], int)]
    top = max(values, default=1)
    bar, chart_h, base = 24, 150, 190
    width = max(40 + bar * len(bins), 300)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 20}" height="{base + 40}" '
        f'font-family="{FONT}" font-size="11" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-weight="bold" font-size="12">{escape(title)}</text>',
        f'<text x="30" y="{base + 30}" fill="{GREY}">{escape(axis)}</text>',
        f'<line x1="30" y1="{base}" x2="{30 + bar * len(bins)}" y2="{base}" stroke="{GREY}"/>',
    ]
    for i, b in enumerate(bins):
        x = 30 + i * bar
        if isinstance(b["count"], int):
            h = chart_h * b["count"] / top
            parts.append(
                f'<rect x="{x + 2}" y="{base - h:.1f}" width="{bar - 4}" height="{h:.1f}" fill="{VERMILLION}"/>'
            )
            parts.append(
                f'<text x="{x + bar / 2}" y="{base - h - 3:.1f}" text-anchor="middle" font-size="7">{b["count"]}</text>'
            )
        else:
            parts.append(
                f'<text x="{x + bar / 2}" y="{base - 4}" text-anchor="middle" font-size="8">&lt;{threshold}</text>'
            )
        parts.append(f'<text x="{x + bar / 2}" y="{base + 14}" text-anchor="middle">{b["days"]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def section_html(result: Result, model: Model, lang: str = "sv") -> str:
    """The report section: charts, the aggregate table and the deviations, self-contained HTML."""
    text, threshold = TEXT[lang], result.summary["threshold"]
    shares = sorted(
        (
            (_name(model, "municipality", g["key"], lang), g["within"])
            for g in result.summary["groups"]
            if g["dimension"] == "municipality"
        ),
        key=lambda item: _swedish_order(item[0]),
    )
    head = "".join(f"<th>{escape(text[c])}</th>" for c in COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' if i > 1 else ''}>{escape(v)}</td>" for i, v in enumerate(r)) + "</tr>"
        for r in rows(result, model, lang)
    )
    devs = "".join(
        f"<tr><td>{escape(DEVIATIONS[d['kind']][lang])}</td><td>{escape(_element(model, d['element'], lang))}</td>"
        f"<td>{escape(_number(d['count'], lang))}</td></tr>"
        for d in result.summary["deviations"]
    )
    return (
        '<section class="conformance"><style>.conformance td.num{text-align:right}'
        ".conformance td{padding:1px 8px}</style>"
        f"<h2>{escape(text['title'])}</h2>"
        f"<p>{escape(text['journeys'])}: {escape(str(result.summary['journeys']))}. "
        f"{escape(text['suppressed'].format(n=threshold))}</p>"
        f"<figure>{svg_bars(shares, text['chart_within'], threshold)}</figure>"
        f"<figure>{svg_histogram(result.summary['lead_distribution'], text['chart_lead'], threshold, text['axis'])}"
        "</figure>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<h3>{escape(text['deviation'])}</h3><table><tbody>{devs}</tbody></table></section>"
    )


JOURNEY_COLUMNS = {
    "sv": ("Resa", "Avvikelse", "Gäller", "Dagar"),
    "en": ("Journey", "Deviation", "About", "Days"),
}


class JourneyWriter:
    """Per-journey deviations as CSV, one row per deviation (journeys without any: one empty row).

    Journey ids are the log's pseudonyms; nothing else from the log is written.
    """

    def __init__(self, handle, lang: str = "sv"):
        self.lang = lang
        delimiter = ";" if lang == "sv" else ","
        handle.write(excelcsv.BOM)
        self.writer = excelcsv.writer(handle, delimiter)
        self.writer.writerow(JOURNEY_COLUMNS[lang])

    def __call__(self, journey, judged) -> None:
        if not judged.deviations:
            self.writer.writerow([journey.id, "", "", ""])
        for d in judged.deviations:
            self.writer.writerow(
                [journey.id, DEVIATIONS[d.kind][self.lang], d.element, "" if d.days is None else d.days]
            )
