"""The conformance results as a reader sees them: tables, Excel-ready CSV, JSON, a report section.

Every figure arrives already suppressed (``"<5"``) from :mod:`pathways.conformance.aggregate`;
nothing here sees a journey. The report section is self-contained HTML with inline SVG
charts (share within the limit per municipality, distribution of lead times).
"""

from __future__ import annotations

import io
import json

from rich.table import Table

from pathways import excelcsv
from pathways.conformance.privacy import shown
from pathways.conformance.run import Result
from pathways.conformance.vocabulary import DEVIATIONS, SEGMENT_LABELS
from pathways.gaps.rules import all_rules
from pathways.model.model import Model
from pathways.outputs.style import label
from pathways.pipeline import ReportSection

NAMES = ("conformance_within", "conformance_lead", "conformance_overview")
"""File stems of the section's diagrams (:mod:`pathways.outputs.conformance_charts`), in the order shown."""

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
        "of_n": "av {n}",
        "on_handover": "{n} avvikelser",
        "overview_title": "Vårdkedjan med avvikelserna i loggen per överlämning",
        "overview_note": (
            "⚠ n avvikelser: så många gånger loggens {journeys} resor avvek vid överlämningen (utan acceptans, "
            "information inte överförd, SIP kallad för sent eller inte kallad). Tal byggda på färre än {n} resor "
            "visas som <{n}."
        ),
        "lead": (
            "{journeys} resor ur loggen jämförda med överenskommelsen, dag för dag som patientfallen; {variants} "
            "olika vägar genom vården. Tal byggda på färre än {n} resor visas som <{n}."
        ),
        "reading": (
            "Andel inom gränsen: andelen resor utan någon avvikelse (för ett steg i vägen: andelen där steget "
            "gjordes i tid). Ledtid: dagar från resans första till sista händelse. Delsträckorna räknas i "
            "kalenderdagar mellan mätpunkterna, som i standardiserade vårdförlopp: median och 90:e percentil."
        ),
        "left_out": "Rader som inte kunde läsas och lämnades utanför: {rows} ({kinds}).",
        "field": "Fält",
        "system": "Källsystem",
        "code": "Kod",
        "rows": "Rader",
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
        "of_n": "of {n}",
        "on_handover": "{n} deviations",
        "overview_title": "The care chain with the log's deviations per handover",
        "overview_note": (
            "⚠ n deviations: how many times the log's {journeys} journeys deviated at the handover (no acceptance, "
            "information not passed, SIP called late or not at all). Figures built from fewer than {n} journeys "
            "are shown as <{n}."
        ),
        "lead": (
            "{journeys} journeys from the log compared with the agreement, day by day as the patient cases; "
            "{variants} distinct paths through care. Figures built from fewer than {n} journeys are shown as <{n}."
        ),
        "reading": (
            "Share within the limit: the share of journeys without any deviation (for a route step: the share "
            "where the step was done in time). Lead time: days from a journey's first to its last event. The "
            "segments are counted in calendar days between measuring points, as in the cancer pathways (SVF): "
            "median and 90th percentile."
        ),
        "left_out": "Rows that could not be read and were left out: {rows} ({kinds}).",
        "field": "Field",
        "system": "Source system",
        "code": "Code",
        "rows": "Rows",
    },
}
COLUMNS = ("dimension", "key", "count", "within", "median", "p90")


def name_of(model: Model, dimension: str, key: str, lang: str) -> str:
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
    if percent and isinstance(value, (int, float)):
        value = round(float(value) * 100, 1)
    text = f"{value:g}" if isinstance(value, float) else str(value)
    text = text.replace(".", ",") if lang == "sv" else text
    return text + (" %" if percent and sign else "")


def rows(result: Result, model: Model, lang: str, sign: bool = True, segments: bool = True) -> list[list[str]]:
    """The aggregate table (groups, then segments), localised, one list per row (shares in per cent)."""
    out = []
    for g in [*result.summary["groups"], *(result.summary["segments"] if segments else [])]:
        group = TEXT[lang][g["dimension"]]
        if g["dimension"] == "segment":
            group = f"{group} ({name_of(model, 'route', g['route'], lang)})"
        out.append(
            [
                group,
                name_of(model, g["dimension"], g["key"], lang),
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


_SWEDISH = str.maketrans("åäö", "{|}")


def swedish_order(text: str) -> str:
    """A sort key that puts å, ä, ö after z, as Swedish does."""
    return text.lower().translate(_SWEDISH)


def _section_tables(result: Result, model: Model, lang: str) -> list[dict]:
    text, summary, threshold = TEXT[lang], result.summary, result.summary["threshold"]
    segments = [
        [
            SEGMENT_LABELS[g["key"]][lang],
            name_of(model, "route", g["route"], lang),
            *(_number(g[c], lang) for c in ("count", "median", "p90")),
        ]
        for g in summary["segments"]
    ]
    deviations = [
        [DEVIATIONS[d["kind"]][lang], _element(model, d["element"], lang), _number(d["count"], lang)]
        for d in summary["deviations"]
    ]
    variants = [[" → ".join(v["path"]), _number(v["count"], lang)] for v in summary["variants"]]
    rare = summary["rare_variants"]
    if rare["variants"]:
        variants.append([f"{text['rare']} ({rare['variants']})", _number(rare["journeys"], lang)])
    unmapped = [
        [c["field"], c["system"] or "–", c["code"], _number(shown(c["rows"], c["rows"], threshold), lang)]
        for c in result.unmapped
    ]
    tables = [
        (COLUMNS, [r[:6] for r in rows(result, model, lang, segments=False)]),
        (("segment", "route", "count", "median", "p90"), segments),
        (("deviation", "element", "count"), deviations),
        (("variant", "count"), variants),
        (("field", "system", "code", "rows"), unmapped),
    ]
    return [{"headers": {lang: [text[c] for c in head]}, "rows": body} for head, body in tables if body]


def report_section(result: Result, model: Model, lang: str = "sv") -> ReportSection:
    """The report's conformance section in ``lang``: what was read, the tables, the three diagrams
    (:data:`pathways.outputs.conformance_charts.NAMES`); every figure as suppressed as it came."""
    text, summary = TEXT[lang], result.summary
    left_out = ", ".join(f"{k} {_number(n, lang)}" for k, n in sorted(result.problem_counts.items()))
    paragraphs = [
        text["lead"].format(
            journeys=_number(summary["journeys"], lang),
            variants=summary["distinct_variants"],
            n=summary["threshold"],
        ),
        text["reading"],
        text["left_out"].format(rows=sum(result.problem_counts.values()), kinds=left_out or text["none"]),
    ]
    return ReportSection(
        id="uppfoljning",
        title={lang: text["title"]},
        paragraphs=[{lang: p} for p in paragraphs],
        tables=_section_tables(result, model, lang),
        figures=list(NAMES),
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
