"""Commands on the model itself: validate, stats, assumptions, export, schema."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from pathways.cli.common import Lang, LangOption, ModelOption, console, h, load_or_exit


class ExportFormat(str, Enum):
    graphml = "graphml"
    json = "json"
    bpmn = "bpmn"


class Municipalities(str, Enum):
    one = "one"
    each = "each"


def validate(model_dir: Path = ModelOption) -> None:
    """Check a model: schema, ids, references, time windows, domain sanity. Exit 2 if not valid."""
    model = load_or_exit(model_dir)
    typer.echo(f"{model_dir}: giltig modell ({len(model.by_id)} element) / valid model")  # one plain line: no rich


def stats_cmd(model_dir: Path = ModelOption) -> None:
    """Counts per node and edge kind, unit kinds, routes and assumptions."""
    from rich.table import Table

    from pathways.analysis.inventory import stats
    from pathways.graph.build import build_graph

    s = stats(build_graph(load_or_exit(model_dir)))
    table = Table(title="Noder / nodes")
    table.add_column("kind")
    table.add_column("n", justify="right")
    for kind, n in s.nodes.items():
        table.add_row(kind, str(n))
    console.print(table)
    for title, rows in (
        ("Relationer / edges", s.edges),
        ("Huvudmän / principals", s.principals),
        ("Verksamhetstyper / unit kinds", s.unit_kinds),
        ("Status", s.statuses),
    ):
        t = Table(title=title)
        t.add_column("")
        t.add_column("n", justify="right")
        for key, n in rows.items():
            t.add_row(key, str(n))
        console.print(t)
    console.print(f"Vägar in i hemsjukvård / routes: {s.routes}")
    console.print(f"Överlämningar med SIP / handovers that require a SIP: {s.handovers_with_sip}")
    console.print(f"Antaganden / assumptions: {s.statuses.get('assumption', 0)}")
    console.print(f"Element utan källa / elements without a source: {s.without_source}")


def assumptions_cmd(model_dir: Path = ModelOption, lang: Lang = LangOption) -> None:
    """Every element marked `assumption`, with its note: a checklist for the users."""
    from rich.table import Table

    from pathways.analysis.inventory import assumptions
    from pathways.graph.build import build_graph

    rows = assumptions(build_graph(load_or_exit(model_dir)), lang.value)
    table = Table(
        title=f"Antaganden att bekräfta ({len(rows)})" if lang == Lang.sv else f"Assumptions to confirm ({len(rows)})"
    )
    for col in ("", "id", "kind", "label", "note", "source"):
        table.add_column(col, overflow="fold")
    for a in rows:
        table.add_row("[ ]", a.id, a.kind, a.label, a.note, a.source)
    console.print(table)


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

    from pathways.model.schema import ModelFile

    text = json.dumps(ModelFile.model_json_schema(by_alias=True), ensure_ascii=False, indent=2)
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
