"""`pathways neo4j`: push, pull, versions, gaps and read-only queries over Bolt.

Connection from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE or the
options below; the password is read from the environment only.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pathways.cli.common import DEFAULT_MODEL, EXIT_INVALID, Lang, TableOrJson, console, err_console, load_or_exit
from pathways.cli.gaps_cmds import _print_table, _rule_codes
from pathways.graph.build import build_graph
from pathways.graphstore import store
from pathways.graphstore.connection import Settings, StoreError, connect, guarded
from pathways.graphstore.gaps import SERVER_RULES, VersionNotFound, server_gaps
from pathways.model.dump import dump_model
from pathways.outputs.findings import to_json

EXIT_STORE = 3
"""Exit code for a Neo4j problem: server down, wrong credentials, timeout, refused query."""

app = typer.Typer(help="Grafen i Neo4j / the graph in Neo4j (push, pull, gaps, query).", no_args_is_help=True)

Uri = typer.Option(None, "--uri", help="Bolt URI; default $NEO4J_URI or bolt://localhost:7687.")
User = typer.Option(None, "--user", help="User; default $NEO4J_USERNAME or neo4j. The password: $NEO4J_PASSWORD.")
Database = typer.Option(None, "--database", help="Database; default $NEO4J_DATABASE or the server's default.")
Timeout = typer.Option(10.0, "--timeout", help="Seconds to wait for the server.")
Name = typer.Option("baseline", "--name", help="Name of the version in the store.")


def _fail(exc: StoreError) -> None:
    err_console.print(str(exc), markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_STORE)


@app.command("push")
def push_cmd(
    model_dir: Path = typer.Argument(DEFAULT_MODEL, help="The model directory."),
    name: str = Name,
    uri: str = Uri,
    user: str = User,
    database: str = Database,
    timeout: float = Timeout,
) -> None:
    """Write the model's graph as a named version; readers see the old version until it is complete."""
    G = build_graph(load_or_exit(model_dir))
    settings = Settings.from_env(uri, user, database, timeout)
    columns = (TextColumn("Neo4j"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with (
            connect(settings) as driver,
            Progress(*columns, console=err_console, disable=not err_console.is_terminal) as bar,
        ):
            task = bar.add_task("push", total=G.number_of_nodes() + G.number_of_edges())
            result = guarded(
                settings,
                lambda: store.push(
                    driver,
                    G,
                    name,
                    settings.database,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                ),
            )
    except StoreError as exc:
        _fail(exc)
    state = "skrivet / written" if result.written else "oförändrat / unchanged"
    console.print(
        f"{result.name}: {result.nodes} noder, {result.relationships} relationer, build {result.build} ({state})",
        markup=False,
    )


@app.command("pull")
def pull_cmd(
    out: Path = typer.Option(..., "--out", help="Directory to write the model files into."),
    name: str = Name,
    uri: str = Uri,
    user: str = User,
    database: str = Database,
    timeout: float = Timeout,
) -> None:
    """Read a version back as model files."""
    settings = Settings.from_env(uri, user, database, timeout)
    try:
        with connect(settings) as driver:
            model = guarded(settings, lambda: store.pull(driver, name, settings.database))
    except StoreError as exc:
        _fail(exc)
    except store.VersionNotFound:
        err_console.print(f"no version '{name}' in the store; `pathways neo4j versions` lists them", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    files = dump_model(model, out)
    console.print(f"{out}: {len(files)} filer / files, {len(model.by_id)} element", markup=False)


@app.command("versions")
def versions_cmd(uri: str = Uri, user: str = User, database: str = Database, timeout: float = Timeout) -> None:
    """The named versions in the store."""
    settings = Settings.from_env(uri, user, database, timeout)
    try:
        with connect(settings) as driver:
            rows = guarded(settings, lambda: store.versions(driver, settings.database))
    except StoreError as exc:
        _fail(exc)
    _print_rows(["name", "build", "nodes", "relationships", "pushed_at"], rows, TableOrJson.table)


def _parse_param(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        err_console.print(f"--param takes key=value, not '{text}'", markup=False)
        raise typer.Exit(EXIT_INVALID)
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def _print_rows(keys: list[str], rows: list[dict], fmt: TableOrJson) -> None:
    if fmt == TableOrJson.json:
        console.print(json.dumps(rows, ensure_ascii=False, indent=2, default=str), markup=False, soft_wrap=True)
        return
    table = Table()
    for key in keys:
        table.add_column(key, overflow="fold")
    for row in rows:
        table.add_row(
            *(
                json.dumps(row[k], ensure_ascii=False, default=str) if not isinstance(row[k], str) else row[k]
                for k in keys
            )
        )
    console.print(table)


@app.command("query")
def query_cmd(
    cypher: str = typer.Argument(..., help="A read-only Cypher query; $version is the --name of the version."),
    param: list[str] = typer.Option([], "--param", help="A parameter key=value (value as JSON if it parses); repeat."),
    name: str = Name,
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format"),
    uri: str = Uri,
    user: str = User,
    database: str = Database,
    timeout: float = Timeout,
) -> None:
    """Run a read-only Cypher query (writes are refused); table or JSON out."""
    params = {"version": name, **dict(_parse_param(p) for p in param)}
    settings = Settings.from_env(uri, user, database, timeout)
    try:
        with connect(settings) as driver:
            keys, rows = guarded(settings, lambda: store.query(driver, cypher, params, settings.database))
    except StoreError as exc:
        _fail(exc)
    _print_rows(keys, rows, fmt)


@app.command("gaps")
def gaps_cmd(
    name: str = Name,
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format", help="table or json."),
    rule: list[str] = typer.Option(
        [], "--rule", help="Only this rule (code or name); repeat for more. Default: every server-side rule."
    ),
    lang: Lang = typer.Option(Lang.sv, "--lang", help="Language of the messages."),
    uri: str = Uri,
    user: str = User,
    database: str = Database,
    timeout: float = Timeout,
) -> None:
    """The graph-shaped gap rules as Cypher on the server (PW101, PW105, PW106, PW110, PW113, PW114, PW115)."""
    codes = _rule_codes(rule) or set(SERVER_RULES)
    elsewhere = sorted(codes - set(SERVER_RULES))
    if elsewhere:
        err_console.print(
            f"{', '.join(elsewhere)} runs in memory only (`pathways gaps`); on the server: {', '.join(SERVER_RULES)}",
            markup=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_INVALID)
    settings = Settings.from_env(uri, user, database, timeout)
    try:
        with connect(settings) as driver:
            findings = guarded(settings, lambda: server_gaps(driver, name, codes, settings.database))
    except StoreError as exc:
        _fail(exc)
    except VersionNotFound:
        err_console.print(f"no version '{name}' in the store; `pathways neo4j versions` lists them", markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    except ValueError as exc:
        err_console.print(f"version '{name}': {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID) from None
    if fmt == TableOrJson.json:
        console.print(to_json(findings), markup=False, soft_wrap=True)
    else:
        _print_table(findings, {}, lang.value)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="neo4j")
