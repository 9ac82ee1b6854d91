"""Commands on the model itself: validate, stats, assumptions, export, schema."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from pathways.cli.common import Lang, LangOption, ModelOption, OutOption, console, h, load_or_exit, output


class ExportFormat(str, Enum):
    graphml = "graphml"
    json = "json"
    bpmn = "bpmn"


class Municipalities(str, Enum):
    one = "one"
    each = "each"


class ListFormat(str, Enum):
    table = "table"
    csv = "csv"


ASSUMPTION_COLUMNS = {
    "sv": ("Id", "Slag", "Benämning", "Att bekräfta", "Källa"),
    "en": ("Id", "Kind", "Label", "To confirm", "Source"),
}
STATS_TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "valid": "{dir}: giltig modell ({n} element)",
        "nodes": "Noder",
        "edges": "Relationer",
        "principals": "Huvudmän",
        "unit_kinds": "Verksamhetstyper",
        "status": "Status",
        "kind": "Slag",
        "routes": "Vägar in i hemsjukvård",
        "sips": "Överlämningar med SIP",
        "assumptions": "Antaganden",
        "without_source": "Element utan källa",
        "to_confirm": "Antaganden att bekräfta ({n})",
    },
    "en": {
        "valid": "{dir}: valid model ({n} elements)",
        "nodes": "Nodes",
        "edges": "Edges",
        "principals": "Principals",
        "unit_kinds": "Unit kinds",
        "status": "Status",
        "kind": "Kind",
        "routes": "Routes into home healthcare",
        "sips": "Handovers that require a SIP",
        "assumptions": "Assumptions",
        "without_source": "Elements without a source",
        "to_confirm": "Assumptions to confirm ({n})",
    },
}


def validate(model_dir: Path = ModelOption, lang: Lang = LangOption) -> None:
    """Check a model: schema, ids, references, time windows, domain sanity. Exit 2 if not valid."""
    model = load_or_exit(model_dir)
    typer.echo(STATS_TEXT[lang.value]["valid"].format(dir=model_dir, n=len(model.by_id)))  # one plain line: no rich


def stats_cmd(model_dir: Path = ModelOption, lang: Lang = LangOption, out: Path | None = OutOption) -> None:
    """Counts per node and edge kind, unit kinds, routes and assumptions."""
    from rich.table import Table

    from pathways.analysis.inventory import stats
    from pathways.graph.build import build_graph
    from pathways.texts import kind

    t = STATS_TEXT[lang.value]
    s = stats(build_graph(load_or_exit(model_dir)))
    with output(out):
        for title, rows, named in (
            (t["nodes"], s.nodes, True),
            (t["edges"], s.edges, False),
            (t["principals"], s.principals, False),
            (t["unit_kinds"], s.unit_kinds, False),
            (t["status"], s.statuses, False),
        ):
            table = Table(title=title)
            table.add_column(t["kind"])
            table.add_column("n", justify="right")
            for key, n in rows.items():
                table.add_row(kind(lang.value, key) if named else key, str(n))
            console.print(table)
        console.print(f"{t['routes']}: {s.routes}", markup=False)
        console.print(f"{t['sips']}: {s.handovers_with_sip}", markup=False)
        console.print(f"{t['assumptions']}: {s.statuses.get('assumption', 0)}", markup=False)
        console.print(f"{t['without_source']}: {s.without_source}", markup=False)


def assumptions_cmd(
    model_dir: Path = ModelOption,
    lang: Lang = LangOption,
    fmt: ListFormat = typer.Option(
        ListFormat.table,
        "--format",
        help=h("table eller csv (för Excel, en checklista).", "table or csv (for Excel, a checklist)."),
    ),
    out: Path | None = OutOption,
) -> None:
    """Every element marked `assumption`, with its note: a checklist for the users."""
    from rich.table import Table

    from pathways.analysis.inventory import assumptions
    from pathways.excelcsv import excel_csv
    from pathways.graph.build import build_graph
    from pathways.stamp import stamp_of
    from pathways.texts import kind

    t = STATS_TEXT[lang.value]
    rows = assumptions(build_graph(load_or_exit(model_dir)), lang.value)
    cells = [[a.id, kind(lang.value, a.kind), a.label, a.note, a.source] for a in rows]
    with output(out):
        if fmt == ListFormat.csv:
            columns = ASSUMPTION_COLUMNS[lang.value]
            text = excel_csv(columns, cells, stamp_of(model_dir).text(lang.value), lang.value)
            console.file.write(text)
            return
        table = Table(title=t["to_confirm"].format(n=len(rows)))
        for col in ("", *ASSUMPTION_COLUMNS[lang.value]):
            table.add_column(col, overflow="fold")
        for row in cells:
            table.add_row("[ ]", *row)
        console.print(table, markup=False)


def export(
    model_dir: Path = ModelOption,
    fmt: ExportFormat = typer.Option(
        ExportFormat.graphml,
        "--format",
        help=h(
            "graphml (yEd, Gephi), json (node-link) eller bpmn (bpmn.io, Camunda Modeler).",
            "graphml (yEd, Gephi), json (node-link) or bpmn (bpmn.io, Camunda Modeler).",
        ),
    ),
    out: Path = typer.Option(
        None,
        "--out",
        help=h("Filen att skriva; standard model-graph.<format>.", "File to write; default model-graph.<format>."),
    ),
    municipalities: Municipalities = typer.Option(
        Municipalities.one,
        "--municipalities",
        help=h(
            "BPMN: kommunerna som en pool, eller en pool var.", "BPMN: the municipalities as one pool, or a pool each."
        ),
    ),
    lang: Lang = LangOption,
) -> None:
    """Write the graph as GraphML or node-link JSON, or the model as a BPMN 2.0 collaboration."""
    model = load_or_exit(model_dir)
    path = out or Path(f"model-graph.{fmt.value}")
    if fmt == ExportFormat.bpmn:
        from pathways.outputs.bpmn import write_bpmn

        write_bpmn(model, path, lang.value, each_municipality=municipalities == Municipalities.each)
        console.print(f"{path}: BPMN 2.0", markup=False)
        return
    from pathways.graph.build import build_graph
    from pathways.graph.convert import write_graph

    G = build_graph(model)
    write_graph(G, path, fmt.value)
    console.print(f"{path}: {G.number_of_nodes()} noder, {G.number_of_edges()} relationer", markup=False)


def schema(
    out: Path = typer.Option(
        None, "--out", help=h("Filen att skriva; standard: skriv ut.", "File to write; default: print.")
    ),
) -> None:
    """The JSON Schema of a model file, for editors (VS Code's YAML extension)."""
    import json

    from pathways.model.enums import ModelJsonSchema
    from pathways.model.schema import ModelFile

    schema = ModelFile.model_json_schema(by_alias=True, schema_generator=ModelJsonSchema)
    text = json.dumps(schema, ensure_ascii=False, indent=2)
    if out is None:
        console.print(text, markup=False, soft_wrap=True)
    else:
        out.write_text(text + "\n", encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command(
        help=h(
            "Kontrollera en modell: schema, id, referenser, tidsfönster, rimlighet. Kod 2 om den inte är giltig.",
            "Check a model: schema, ids, references, time windows, domain sanity. Exit 2 if not valid.",
        )
    )(validate)
    app.command(
        "stats",
        help=h(
            "Antal per nod- och relationstyp, verksamhetstyper, vägar och antaganden.",
            "Counts per node and edge kind, unit kinds, routes and assumptions.",
        ),
    )(stats_cmd)
    app.command(
        "assumptions",
        help=h(
            "Varje element markerat som antagande, med sin anteckning: en checklista för användarna.",
            "Every element marked `assumption`, with its note: a checklist for the users.",
        ),
    )(assumptions_cmd)
    app.command(
        help=h("Skriv grafen som GraphML eller node-link-JSON.", "Write the graph as GraphML or node-link JSON.")
    )(export)
    app.command(
        help=h(
            "JSON Schema för en modellfil, för redigerare (VS Codes YAML-tillägg).",
            "The JSON Schema of a model file, for editors (VS Code's YAML extension).",
        )
    )(schema)
