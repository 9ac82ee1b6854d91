"""`pathways neo4j`: push, pull, versions, gaps and read-only queries over Bolt.

Connection from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE or the
options below; the password is read from the environment only. The Neo4j driver is
imported only when one of these commands runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from pathways.cli.common import Lang, LangOption, ModelOption, TableOrJson, console, err_console, h, load_or_exit
from pathways.cli.errors import CommandError
from pathways.cli.findings_view import print_findings, rule_codes

app = typer.Typer(
    help=h("Grafen i Neo4j: push, pull, glapp och frågor.", "The graph in Neo4j: push, pull, gaps and queries."),
    no_args_is_help=True,
)

Uri = typer.Option(
    None,
    "--uri",
    help=h(
        "Bolt-URI; standard $NEO4J_URI eller bolt://localhost:7687.",
        "Bolt URI; default $NEO4J_URI or bolt://localhost:7687.",
    ),
)
User = typer.Option(
    None,
    "--user",
    help=h(
        "Användare; standard $NEO4J_USERNAME eller neo4j. Lösenordet: $NEO4J_PASSWORD.",
        "User; default $NEO4J_USERNAME or neo4j. The password: $NEO4J_PASSWORD.",
    ),
)
Database = typer.Option(
    None,
    "--database",
    help=h(
        "Databas; standard $NEO4J_DATABASE eller serverns standard.",
        "Database; default $NEO4J_DATABASE or the server's default.",
    ),
)
Timeout = typer.Option(10.0, "--timeout", help=h("Sekunder att vänta på servern.", "Seconds to wait for the server."))
Name = typer.Option("baseline", "--name", help=h("Versionens namn i databasen.", "Name of the version in the store."))


@app.command(
    "push",
    help=h(
        "Skriv modellens graf som en namngiven version; läsare ser den gamla tills den nya är klar.",
        "Write the model's graph as a named version; readers see the old version until it is complete.",
    ),
)
def push_cmd(
    model_dir: Path = ModelOption,
    name: str = Name,
    uri: str = Uri,
    user: str = User,
    database: str = Database,
    timeout: float = Timeout,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from pathways.graph.build import build_graph
    from pathways.graphstore import store
    from pathways.graphstore.connection import Settings, connect, guarded

    G = build_graph(load_or_exit(model_dir))
    settings = Settings.from_env(uri, user, database, timeout)
    columns = (TextColumn("Neo4j"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
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
    state = "skrivet / written" if result.written else "oförändrat / unchanged"
    console.print(
        f"{result.name}: {result.nodes} noder, {result.relationships} relationer, build {result.build} ({state})",
        markup=False,
    )


@app.command("pull", help=h("Läs tillbaka en version som modellfiler.", "Read a version back as model files."))
def pull_cmd(
    out: Path = typer.Option(
        ..., "--out", help=h("Mappen att skriva modellfilerna till.", "Directory to write the model files into.")
    ),
    name: str = Name,
    uri: str = Uri,
    user: str = User,
    database: str = Database,
    timeout: float = Timeout,
) -> None:
    from pathways.graphstore import store
    from pathways.graphstore.connection import Settings, connect, guarded
    from pathways.model.dump import dump_model

    settings = Settings.from_env(uri, user, database, timeout)
    with connect(settings) as driver:
        model = guarded(settings, lambda: store.pull(driver, name, settings.database))
    files = dump_model(model, out)
    console.print(f"{out}: {len(files)} filer / files, {len(model.by_id)} element", markup=False)


@app.command("versions", help=h("De namngivna versionerna i databasen.", "The named versions in the store."))
def versions_cmd(uri: str = Uri, user: str = User, database: str = Database, timeout: float = Timeout) -> None:
    from pathways.graphstore import store
    from pathways.graphstore.connection import Settings, connect, guarded

    settings = Settings.from_env(uri, user, database, timeout)
    with connect(settings) as driver:
        rows = guarded(settings, lambda: store.versions(driver, settings.database))
    _print_rows(["name", "build", "nodes", "relationships", "pushed_at"], rows, TableOrJson.table)


def _parse_param(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise CommandError(f"--param takes key=value, not '{text}'")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def _print_rows(keys: list[str], rows: list[dict], fmt: TableOrJson) -> None:
    from rich.table import Table

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


@app.command(
    "query",
    help=h(
        "Kör en läsande Cypher-fråga (skrivningar vägras); tabell eller JSON.",
        "Run a read-only Cypher query (writes are refused); table or JSON out.",
    ),
)
def query_cmd(
    cypher: str = typer.Argument(
        ...,
        metavar="CYPHER",
        help=h(
            "En läsande Cypher-fråga; $version är versionens --name.",
            "A read-only Cypher query; $version is the --name of the version.",
        ),
    ),
    param: list[str] = typer.Option(
        [],
        "--param",
        help=h(
            "En parameter key=value (värdet som JSON om det går); upprepa.",
            "A parameter key=value (value as JSON if it parses); repeat.",
        ),
    ),
    name: str = Name,
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format", help=h("table eller json.", "table or json.")),
    uri: str = Uri,
    user: str = User,
    database: str = Database,
    timeout: float = Timeout,
) -> None:
    from pathways.graphstore import store
    from pathways.graphstore.connection import Settings, connect, guarded

    params = {"version": name, **dict(_parse_param(p) for p in param)}
    settings = Settings.from_env(uri, user, database, timeout)
    with connect(settings) as driver:
        keys, rows = guarded(settings, lambda: store.query(driver, cypher, params, settings.database))
    _print_rows(keys, rows, fmt)


@app.command(
    "gaps",
    help=h(
        "De grafformade glappreglerna som Cypher på servern (PW101, PW105, PW106, PW110, PW113, PW114, PW115).",
        "The graph-shaped gap rules as Cypher on the server (PW101, PW105, PW106, PW110, PW113, PW114, PW115).",
    ),
)
def gaps_cmd(
    name: str = Name,
    fmt: TableOrJson = typer.Option(TableOrJson.table, "--format", help=h("table eller json.", "table or json.")),
    rule: list[str] = typer.Option(
        [],
        "--rule",
        help=h(
            "Bara den här regeln (kod eller namn); upprepa för fler. Standard: alla regler som körs på servern.",
            "Only this rule (code or name); repeat for more. Default: every server-side rule.",
        ),
    ),
    lang: Lang = LangOption,
    uri: str = Uri,
    user: str = User,
    database: str = Database,
    timeout: float = Timeout,
) -> None:
    from pathways.graphstore.connection import Settings, connect, guarded
    from pathways.graphstore.gaps import SERVER_RULES, server_gaps
    from pathways.outputs.findings import to_json

    codes = rule_codes(rule) or set(SERVER_RULES)
    elsewhere = sorted(codes - set(SERVER_RULES))
    if elsewhere:
        raise CommandError(
            f"{', '.join(elsewhere)} runs in memory only (`pathways gaps`); on the server: {', '.join(SERVER_RULES)}"
        )
    settings = Settings.from_env(uri, user, database, timeout)
    try:
        with connect(settings) as driver:
            findings = guarded(settings, lambda: server_gaps(driver, name, codes, settings.database))
    except ValueError as exc:
        raise CommandError(f"version '{name}': {exc}") from None
    if fmt == TableOrJson.json:
        console.print(to_json(findings), markup=False, soft_wrap=True)
    else:
        print_findings(findings, {}, lang.value)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="neo4j")
