"""What every diagram shares: palette, font, A4 page, texts in two languages, escaping.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies);
every colour cue is doubled by a shape, a line style or a text mark, so a diagram
printed in black and white still reads. Every text from the model goes into an
HTML-like Graphviz label through :func:`esc`, so ``<``, ``&``, quotes and ``"]`` in a
label are shown as text, never read as DOT or HTML.
"""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from dataclasses import dataclass

import graphviz

from pathways.model.model import Model

# --- Okabe–Ito (Wong 2011, Nature Methods 8:441) ---
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#555555"
LIGHT_GREY = "#DDDDDD"

REGION_BG = "#E4F1FA"
"""Region lanes: a light tint of sky blue."""
MUNICIPALITY_BG = "#FBF5D5"
"""Municipal lanes: a light tint of yellow."""
LEVEL_BG = "#FFFFFF"
GAP_BG = "#FBE3D3"
"""Light vermillion, behind gap marks."""

ROUTE_STYLE: dict[int, dict[str, str]] = {
    1: {"color": BLUE, "style": "solid", "glyph": "━━━"},
    2: {"color": ORANGE, "style": "dashed", "glyph": "╍╍╍"},
    3: {"color": f"{GREEN}:white:{GREEN}", "style": "solid", "glyph": "═══", "text": GREEN},
}
"""Each route into home healthcare: a colour, and a line style so colour is not the only cue."""

FONT = "DejaVu Sans"
"""Has å, ä, ö and the symbols used (⚠ ✓ ⬡ ⏱-free); Debian package fonts-dejavu-core."""
SVG_FONT_FALLBACK = "DejaVu Sans,Verdana,Arial,Helvetica,sans-serif"
"""Written into SVG files, so a reader without DejaVu gets a font of similar width."""

FONT_SIZE = 10
SMALL = 10
"""The smallest font size used; at scale 1 it is 10 pt on paper."""
TITLE_SIZE = 15

A4_LANDSCAPE = (10.9, 7.48)
A4_PORTRAIT = (7.48, 10.9)
"""A4 minus 10 mm margins, in inches."""

PNG_DPI = 150


def esc(text: object) -> str:
    """Text for an HTML-like Graphviz label or an HTML page: every markup character escaped.

    >>> esc('Enhet <b> & "x"]')
    'Enhet &lt;b&gt; &amp; &quot;x&quot;]'
    """
    return html.escape(str(text), quote=True)


def wrap(text: str, width: int = 22) -> list[str]:
    """Text cut into lines of at most ``width`` characters (longer words kept whole)."""
    return textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False) or [""]


def lines(text: str, width: int = 22, sep: str = "<BR/>") -> str:
    """Wrapped and escaped, joined by ``<BR/>`` for an HTML-like label."""
    return sep.join(esc(line) for line in wrap(text, width))


def html_label(inner: str) -> str:
    """An HTML-like label: the graphviz package passes ``<...>`` through unquoted."""
    return f"<{inner}>"


def node_id(prefix: str, element_id: str) -> str:
    """A DOT node name for a model id: readable, stable, and free of DOT syntax.

    >>> node_id("u", "vardcentral"), node_id("u", 'x"] y')[:6]
    ('u_vardcentral', 'u_x___')
    """
    safe = re.sub(r"[^A-Za-z0-9_]", "_", element_id)
    if safe != element_id:
        safe += "_" + hashlib.sha1(element_id.encode("utf-8")).hexdigest()[:6]
    return f"{prefix}_{safe}"


def ranges(numbers: list[int]) -> str:
    """Numbers as runs: 1–4, 6, 8–9.

    >>> ranges([1, 2, 3, 4, 6, 8, 9])
    '1–4, 6, 8–9'
    """
    out: list[str] = []
    nums = sorted(set(numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{nums[i]}–{nums[j]}")
        else:
            out.extend(str(n) for n in nums[i : j + 1])
        i = j + 1
    return ", ".join(out)


# --- texts ---

TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "model": "Modell",
        "version": "version",
        "source_line": "Källa: pathways-modellen {id}, byggd på överenskommelsen och källorna i modellen; antaganden är markerade.",
        "legend": "Teckenförklaring",
        "region": "Region",
        "municipality": "Kommun",
        "all_levels": "Alla vårdnivåer",
        "unit": "Verksamhet",
        "assumption_unit": "Antagande, att bekräfta",
        "assumption_short": "antagande",
        "entry": "▶ patienten kan söka själv",
        "route": "Väg {n} till hemsjukvård",
        "route_short": "Väg {n}",
        "sip": "SIP, samordnad individuell plan",
        "sip_short": "SIP",
        "sip_legend": "SIP; ≤ 3 d: inom 3 dagar",
        "sip_called_by": "Kallas av",
        "sip_with": "Deltar",
        "gate_legend": "Mottagaren bedömer om den tar emot",
        "event_legend": "Händelse; tidsgränser räknas därifrån",
        "accepts": "Tar emot?",
        "yes": "ja",
        "no": "nej",
        "disagree": "oenighet",
        "reject_legend": "Om mottagaren säger nej",
        "limit_legend": "Tidsgräns för steget",
        "missing_legend": "Mottagaren behöver men får inte",
        "handover": "Överlämning",
        "guidance": "Hänvisning utan vårdbegäran",
        "gap": "Glapp nr n",
        "overview_title": "Vårdkedjan: verksamheter, vårdnivåer och överlämningar",
        "gaps_title": "Glapp i vårdkedjan: där patienten kan falla mellan stolarna",
        "matrix_title": "Ansvarsmatris: vem äger vilket behov på vilken vårdnivå",
        "route_title": "Väg {n} in i kommunal hemsjukvård",
        "within_hours": "inom {n} h",
        "within_days": "inom {n} dagar",
        "within_day": "inom {n} dag",
        "same_day": "samma dag",
        "at_once": "genast",
        "after": "efter",
        "gate": "Mottagaren bedömer",
        "reject": "vid nej",
        "passes": "Förs över",
        "receiver_needs": "Mottagaren behöver",
        "missing": "Saknas",
        "no_steps": "Modellen anger inga tidsgränser för den här vägen.",
        "no_owner_in": "Behov utan ägare: {where}",
        "everywhere": "alla miljöer",
        "other_gaps": "Glapp utan en egen plats i kartan",
        "not_on_map": "utan egen plats i kartan",
        "gap_key": "Glappen per regel",
        "numbers_in_table": "Numren är desamma som i rapportens glapptabell, där varje glapp förklaras.",
        "partial": "bara för vissa patientgrupper (vilka: se rapporten)",
        "windowed": "bara under en tid",
        "gap_numbers_matrix": "glapp som gäller behovet",
        "owners_groups": "Varje verksamhet äger behovet för sina patientgrupper (vilka: se rapporten).",
        "owns": "äger behovet (för sina patientgrupper)",
        "owns_window": "bara en tid",
        "no_owner_anywhere": "ingen ägare",
        "windowed_mark": "(tid)",
        "need": "Behov",
        "gap_col": "Glapp nr",
        "no_owner": "ingen",
        "category_icf": "ICF: funktion, aktivitet, delaktighet",
        "category_pathway_step": "Rehabiliteringsprocessen",
        "category_device_step": "Förskrivningsprocessen (hjälpmedel)",
        "category_nursing": "Omvårdnad i hemsjukvården",
        "category_coordination": "Samordning",
        "steps": "Steg och tidsgränser",
        "day": "Dag",
        "days_short": "d",
        "uncovered_rows": "Behov utan ägare (röda dagar: patienten faller mellan stolarna)",
        "handovers": "Överlämningar",
        "sip_held": "SIP hålls",
        "sip_not_held": "SIP hålls inte",
        "late": "för sent",
        "journey_title": "Patientfall",
        "whatif_title": "Vad händer om",
        "current": "Nuläge",
        "with_scenario": "Med scenariot",
        "removed": "tas bort",
        "added": "ny",
        "new_short": "ny",
        "owns_more": "äger fler behov: {n}",
        "owns_fewer": "äger färre behov: {n}",
        "whatif_summary": "Glapp: {before} nu, {after} med scenariot ({resolved} lösta, {new} nya). Ändrat ägarskap: {own} fall (behov, miljö och patientgrupp).",
        "gap_now": "glapp i dag (nr som i glapptabellen)",
        "gap_resolved": "glappet försvinner med scenariot",
        "gap_new": "nytt glapp med scenariot",
        "changed_legend": "det scenariot ändrar",
        "cases_days": "Patientfall, dagar med behov utan ägare (nu → med scenariot):",
        "journey_summary": "Fiktiv patient: {profile}. Dagar med behov utan ägare: {n}.",
        "holds": "verksamheten har patienten",
        "holds_part": "har patienten vissa av dagarna",
        "no_owner_day": "behov utan ägare den dagen: patienten faller mellan stolarna",
        "handover_to": "överlämning till",
        "missing_at": "{unit} får inte vid överlämningen {date}",
        "gap_met": "glapp som fallet möter",
        "events": "Händelser",
        "escalation": "Oenighet",
        "sip_within": "SIP inom {n} dagar",
        "mode_written_care_request": "vårdbegäran",
        "mode_referral": "remiss",
        "mode_guidance": "hänvisning",
        "mode_discharge_notice": "utskrivning",
        "mode_device_order": "beställning",
        "item_information": "information",
        "item_rehab_plan": "rehabplan",
        "item_medical_plan": "medicinsk plan",
        "item_devices": "hjälpmedel",
        "item_temporary_prescription_limit": "tidsgräns för tillfällig förskrivning",
        "item_follow_up_responsibility": "uppföljningsansvar",
        "item_cost_responsibility": "kostnadsansvar",
        "item_sip_plan": "SIP-plan",
    },
    "en": {
        "model": "Model",
        "version": "version",
        "source_line": "Source: the pathways model {id}, built on the agreement and the sources in the model; assumptions are marked.",
        "legend": "Legend",
        "region": "Region",
        "municipality": "Municipality",
        "all_levels": "All care levels",
        "unit": "Unit",
        "assumption_unit": "Assumption, to confirm",
        "assumption_short": "assumption",
        "entry": "▶ patients can come directly",
        "route": "Route {n} to home healthcare",
        "route_short": "Route {n}",
        "sip": "SIP, coordinated individual plan",
        "sip_short": "SIP",
        "sip_legend": "SIP; ≤ 3 d: within 3 days",
        "sip_called_by": "Called by",
        "sip_with": "Taking part",
        "gate_legend": "The receiver decides whether to accept",
        "event_legend": "Event; time limits count from it",
        "accepts": "Accepts?",
        "yes": "yes",
        "no": "no",
        "disagree": "disagreement",
        "reject_legend": "If the receiver says no",
        "limit_legend": "Time limit of the step",
        "missing_legend": "The receiver needs it but does not get it",
        "handover": "Handover",
        "guidance": "Guidance without a care request",
        "gap": "Gap no. n",
        "overview_title": "The care chain: units, care levels and handovers",
        "gaps_title": "Gaps in the care chain: where patients can fall between the chairs",
        "matrix_title": "Responsibility matrix: who owns which need at which care level",
        "route_title": "Route {n} into municipal home healthcare",
        "within_hours": "within {n} h",
        "within_days": "within {n} days",
        "within_day": "within {n} day",
        "same_day": "same day",
        "at_once": "at once",
        "after": "after",
        "gate": "The receiver decides",
        "reject": "if no",
        "passes": "Passed on",
        "receiver_needs": "The receiver needs",
        "missing": "Missing",
        "no_steps": "The model gives no time limits for this route.",
        "no_owner_in": "Needs without an owner: {where}",
        "everywhere": "every setting",
        "other_gaps": "Gaps with no place of their own on the map",
        "not_on_map": "no place of their own on the map",
        "gap_key": "Gaps per rule",
        "numbers_in_table": "The numbers are those of the report's gap table, which explains each gap.",
        "partial": "only for some patient groups (which: see the report)",
        "windowed": "only for a time",
        "gap_numbers_matrix": "gaps that concern the need",
        "owners_groups": "Each unit owns the need for its patient groups (which: see the report).",
        "owns": "owns the need (for its patient groups)",
        "owns_window": "only for a time",
        "no_owner_anywhere": "no owner",
        "windowed_mark": "(time)",
        "need": "Need",
        "gap_col": "Gap no.",
        "no_owner": "none",
        "category_icf": "ICF: functions, activity, participation",
        "category_pathway_step": "Rehabilitation process",
        "category_device_step": "Prescription process (devices)",
        "category_nursing": "Nursing in home healthcare",
        "category_coordination": "Coordination",
        "steps": "Steps and time limits",
        "day": "Day",
        "days_short": "d",
        "uncovered_rows": "Needs without an owner (red days: the patient falls between the chairs)",
        "handovers": "Handovers",
        "sip_held": "SIP held",
        "sip_not_held": "SIP not held",
        "late": "late",
        "journey_title": "Patient case",
        "whatif_title": "What if",
        "current": "Today",
        "with_scenario": "With the scenario",
        "removed": "removed",
        "added": "new",
        "new_short": "new",
        "owns_more": "owns more needs: {n}",
        "owns_fewer": "owns fewer needs: {n}",
        "whatif_summary": "Gaps: {before} today, {after} with the scenario ({resolved} resolved, {new} new). Changed ownership: {own} cases (need, setting and patient group).",
        "gap_now": "gap today (no. as in the gap table)",
        "gap_resolved": "the gap goes away with the scenario",
        "gap_new": "new gap with the scenario",
        "changed_legend": "what the scenario changes",
        "cases_days": "Patient cases, days with a need without an owner (today → with the scenario):",
        "journey_summary": "Fictitious patient: {profile}. Days with a need without an owner: {n}.",
        "holds": "the unit has the patient",
        "holds_part": "has the patient some of the days",
        "no_owner_day": "need without an owner that day: the patient falls between the chairs",
        "handover_to": "handover to",
        "missing_at": "{unit} does not get at the handover on {date}",
        "gap_met": "gaps the case meets",
        "events": "Events",
        "escalation": "Disagreement",
        "sip_within": "SIP within {n} days",
        "mode_written_care_request": "care request",
        "mode_referral": "referral",
        "mode_guidance": "guidance",
        "mode_discharge_notice": "discharge",
        "mode_device_order": "order",
        "item_information": "information",
        "item_rehab_plan": "rehab plan",
        "item_medical_plan": "medical plan",
        "item_devices": "devices",
        "item_temporary_prescription_limit": "temporary prescription limit",
        "item_follow_up_responsibility": "follow-up responsibility",
        "item_cost_responsibility": "cost responsibility",
        "item_sip_plan": "SIP plan",
    },
}


def t(lang: str, key: str, **kw: object) -> str:
    """A text of the diagrams in ``lang``, with ``{placeholders}`` filled."""
    text = TEXT[lang][key]
    return text.format(**kw) if kw else text


ABBREVIATIONS: dict[str, str] = {
    "rehabiliteringsavdelning": "rehabavdelning",
    "hemrehabilitering": "hemrehab",
    "rehabilitering": "rehab",
    "rehabilitation": "rehab",
    "specialiserad": "spec.",
    "specialised": "spec.",
}
"""Words shortened in narrow places (a unit's box, a matrix cell); the model's own label is
always the start, so a renamed unit shows its new name."""


def short_text(text: str) -> str:
    """A label made shorter for a narrow place: a closing parenthesis dropped
    ("Vårdavdelning (övrig slutenvård)" is "Vårdavdelning"), long care words shortened
    ("rehabilitering" is "rehab", "Specialiserad" before another word is "Spec.").

    >>> short_text("Kommunal rehabilitering i ordinärt boende"), short_text("Specialiserad hemrehabilitering")
    ('Kommunal rehab i ordinärt boende', 'Spec. hemrehab')
    """
    out = re.sub(r"\s*\([^()]*\)\s*$", "", text) if len(re.sub(r"\s*\([^()]*\)\s*$", "", text)) >= 6 else text
    words = out.split(" ")
    for i, w in enumerate(words):
        key = w.lower()
        if key in ABBREVIATIONS and (not key.startswith("spec") or i + 1 < len(words)):
            new = ABBREVIATIONS[key]
            words[i] = new[0].upper() + new[1:] if w[:1].isupper() else new
    return " ".join(words)


def label(model: Model, element_id: str, lang: str) -> str:
    """The label of an element in ``lang``, or its id when the model does not have it."""
    element = model.get(element_id)
    lab = getattr(element, "label", None)
    return getattr(lab, lang) if lab is not None else element_id


def short_unit(model: Model, unit_id: str, lang: str) -> str:
    """A unit's label, shortened for narrow places (:func:`short_text`)."""
    return short_text(label(model, unit_id, lang))


@dataclass(frozen=True)
class Page:
    """Where a diagram is meant to go: A4 landscape or portrait (inches, margins off)."""

    width: float
    height: float

    @property
    def size(self) -> str:
        return f"{self.width},{self.height}"


LANDSCAPE = Page(*A4_LANDSCAPE)
PORTRAIT = Page(*A4_PORTRAIT)


def new_graph(name: str, page: Page, rankdir: str = "LR", **attrs: str) -> tuple[graphviz.Digraph, graphviz.Digraph]:
    """A digraph with the shared look, and the framed canvas the diagram is drawn on.

    Draw on the canvas (a cluster without a frame), then call :func:`finish`, which
    puts the title above the drawing and the legend and source line below it.
    """
    g = graphviz.Digraph(name=name, strict=False)
    graph_attrs = {
        "charset": "UTF-8",
        "fontname": FONT,
        "fontsize": str(FONT_SIZE),
        "rankdir": rankdir,
        "size": page.size,
        "newrank": "true",
        "nodesep": "0.3",
        "ranksep": "0.5",
        "pad": "0.0",
        "bgcolor": "white",
    }
    graph_attrs.update(attrs)
    g.attr("graph", **graph_attrs)
    g.attr(
        "node",
        fontname=FONT,
        fontsize=str(FONT_SIZE),
        shape="box",
        style="rounded,filled",
        fillcolor="white",
        color=GREY,
        penwidth="1.2",
        margin="0.08,0.04",
    )
    g.attr("edge", fontname=FONT, fontsize=str(SMALL), color=GREY, fontcolor=GREY, penwidth="1.3", arrowsize="0.8")
    canvas = graphviz.Digraph(name="cluster_frame")
    g.page = page  # type: ignore[attr-defined]  # read by finish() to wrap the title
    return g, canvas


def finish(
    g: graphviz.Digraph, canvas: graphviz.Digraph, title: str, model: Model, lang: str, legend: str, subtitle: str = ""
) -> graphviz.Digraph:
    """Title above the canvas, legend and source line below; the attributes come last so
    that no cluster inherits the labels."""
    page = getattr(g, "page", LANDSCAPE)
    canvas.attr(
        "graph",
        label=title_label(title, model, lang, subtitle, page),
        labelloc="t",
        labeljust="l",
        peripheries="0",
        margin="2",
        style="solid",
        bgcolor="white",
    )
    g.subgraph(canvas)
    g.attr("graph", label=legend, labelloc="b", labeljust="l")
    return g


def title_label(title: str, model: Model, lang: str, subtitle: str = "", page: Page | None = None) -> str:
    """The title row of a diagram: title, the model's name, version and date, and an
    optional line about this diagram (escaped here); wrapped to the page's width."""
    meta = model.meta
    width_in = (page or LANDSCAPE).width
    title_chars = int(width_in * 72 / (TITLE_SIZE * 0.64))
    text_chars = int(width_in * 72 / (SMALL * 0.68))
    nb = "\u00a0"
    sub = (
        f"{t(lang, 'model')}: {getattr(meta.label, lang)}{nb}· {t(lang, 'version')}{nb}{meta.version}{nb}· {meta.date}"
    )
    extra = (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{SMALL}">'
        + "<BR/>".join(esc(x) for x in wrap(subtitle, text_chars))
        + "</FONT></TD></TR>"
        if subtitle
        else ""
    )
    return html_label(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{TITLE_SIZE}"><B>'
        + "<BR/>".join(esc(x) for x in wrap(title, title_chars))
        + "</B></FONT></TD></TR>"
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{SMALL}" COLOR="{GREY}">'
        + "<BR/>".join(esc(x) for x in wrap(sub, int(width_in * 72 / (SMALL * 0.56))))
        + "</FONT></TD></TR>"
        + extra
        + "</TABLE>"
    )


def source_line(model: Model, lang: str) -> str:
    meta = model.meta
    return t(lang, "source_line", id=meta.id, version=meta.version, date=meta.date)


Cell = str | tuple[str, str]
"""A legend cell: escaped HTML, or (symbol, text) both escaped HTML."""


def legend_table(blocks: list[tuple[str | None, list[Cell], int]], model: Model, lang: str, width: int = 95) -> str:
    """The legend and the source line, as the graph's bottom label.

    ``blocks`` are (heading, cells, columns): each block is its own table, so columns
    of one block do not stretch another's. Headings and cells are escaped HTML.
    """
    parts = [f'<TR><TD ALIGN="LEFT"><B>{esc(t(lang, "legend"))}</B></TD></TR>']
    for heading, cells, columns in blocks:
        if heading:
            parts.append(f'<TR><TD ALIGN="LEFT">{heading}</TD></TR>')
        if not cells:
            continue
        per_row = max(1, columns)
        rows = []
        for k in range(0, len(cells), per_row):
            chunk = cells[k : k + per_row]
            tds = []
            for c in chunk:
                if isinstance(c, tuple):
                    tds.append(f'<TD ALIGN="CENTER">{c[0]}</TD><TD ALIGN="LEFT">{c[1]}</TD>')
                else:
                    tds.append(f'<TD ALIGN="LEFT" COLSPAN="2">{c}</TD>')
            while len(tds) < per_row:
                tds.append('<TD COLSPAN="2"></TD>')
            rows.append("<TR>" + '<TD WIDTH="12"></TD>'.join(tds) + "</TR>")
        parts.append(
            '<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            + "".join(rows)
            + "</TABLE></TD></TR>"
        )
    parts.append(
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{SMALL}" COLOR="{GREY}">'
        + "".join(f'{esc(x)}<BR ALIGN="LEFT"/>' for x in wrap(source_line(model, lang), width))
        + "</FONT></TD></TR>"
    )
    return html_label('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(parts) + "</TABLE>")


def glyph(text: str, color: str = BLACK, bold: bool = False) -> str:
    inner = esc(text)
    if bold:
        inner = f"<B>{inner}</B>"
    return f'<FONT COLOR="{color}">{inner}</FONT>'


def natural_size(g: graphviz.Digraph) -> tuple[float, float]:
    """The drawing's size in inches before Graphviz shrinks it to ``size`` (runs ``dot -Tjson``)."""
    import json
    import subprocess

    out = subprocess.run(
        [dot_binary(), "-Tjson", "-Gsize=1000,1000"], input=g.source.encode("utf-8"), capture_output=True, check=True
    ).stdout
    bb = json.loads(out)["bb"].split(",")
    return float(bb[2]) / 72, float(bb[3]) / 72


def dot_binary() -> str:
    """The Graphviz ``dot`` program the graphviz package would run."""
    import shutil

    found = shutil.which("dot")
    if not found:
        raise RuntimeError("Graphviz 'dot' is not installed (Debian: apt-get install graphviz)")
    return found


VOWELS = set("aeiouyåäöAEIOUYÅÄÖéÉ")


def _split_long(w: str, width: int) -> list[str]:
    """A word longer than ``width`` cut with hyphens: after a joining s between consonants
    (Egenvårds-bedömning), else before a consonant that stands between two vowels
    (rehabili-terings), the cut as late as fits."""
    if len(w) <= width:
        return [w]
    joints = [
        i + 1
        for i in range(4, len(w) - 4)
        if w[i] == "s"
        and w[i - 1] not in VOWELS
        and w[i + 1] not in VOWELS
        and sum(ch.isalpha() for ch in w[: i + 1]) >= 5
    ]
    if joints:
        cut = min(joints, key=lambda c: abs(c - len(w) / 2))
        return [
            *(_split_long(w[:cut], width - 1)[:-1]),
            _split_long(w[:cut], width - 1)[-1] + "-",
            *_split_long(w[cut:], width),
        ]
    cuts = [
        i
        for i in range(2, len(w) - 2)
        if w[i - 1] in VOWELS and w[i] not in VOWELS and w[i + 1] in VOWELS and i <= width - 1
    ]
    if not cuts:
        return [w]
    cut = max(cuts)
    return [w[:cut] + "-", *_split_long(w[cut:], width)]


def hyphenate(text: str, width: int) -> list[str]:
    """Lines of at most about ``width`` characters, long Swedish compounds hyphenated."""
    words = []
    for w in text.split(" "):
        words.extend(_split_long(w, width))
    out: list[str] = []
    for w in words:
        if out and not out[-1].endswith("-") and len(out[-1]) + 1 + len(w) <= width + (2 if len(w) <= 2 else 0):
            out[-1] += " " + w
        else:
            out.append(w)
    return out


def page_scale(g: graphviz.Digraph, page: Page) -> float:
    """How much Graphviz will shrink ``g`` to fit ``page`` (1.0: not at all), with a hair of margin."""
    w, h = natural_size(g)
    return min(1.0, (page.width - 0.15) / w, (page.height - 0.15) / h)


def first_fit(candidates) -> graphviz.Digraph:
    """The first graph of ``candidates`` ((build, page) pairs; ``build()`` makes a graph for
    that page) that fits its page without shrinking; else the one that shrinks least."""
    best = None
    for build, page in candidates:
        g = build()
        scale = page_scale(g, page)
        if scale >= 1.0:
            return g
        if best is None or scale > best[0] + 1e-9:
            best = (scale, g)
    return best[1]
