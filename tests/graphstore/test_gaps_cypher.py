"""The graph-shaped gap rules as Cypher on a real Neo4j give the in-memory findings, ids included.

For each of the seven server-side rules, on the bundled model and on the rule's fires fixture:
the findings of ``server_gaps`` equal those of ``find_gaps(model, codes={code})`` as sets of
(id, rule, sorted elements, profiles), and every field of them (messages, cubes, texts, grey
zones, sources, data) equals the in-memory findings on the same model with its dimensions in
id order (the store keeps no collection order, so that is the order the server knows). The
same on random models with awkward ids, on ids whose sort differs between Cypher and Python,
and on a chain of diamonds that would be exponential for a path-enumerating query.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from typer.testing import CliRunner

from pathways.analysis.profiles import ProfileSpace
from pathways.cli.main import app
from pathways.gaps.analyze import find_gaps
from pathways.gaps.core import Finding
from pathways.gaps.cypher import PARAMS, SPACE_SIZE
from pathways.graph.build import build_graph
from pathways.graphstore import store
from pathways.graphstore.connection import Settings, connect
from pathways.graphstore.gaps import QUERIES, SERVER_RULES, SLICE, server_gaps
from pathways.graphstore.store import VersionNotFound
from pathways.model.load import load_model
from pathways.model.model import Model
from tests.gaps.fixture import SRC, fixture_model
from tests.graphstore.random_models import random_model

runner = CliRunner()


def _push(driver, name: str, model: Model) -> None:
    store.push(driver, build_graph(model), name)


def _dims_by_id(model: Model) -> Model:
    """The model as the store knows it: the same elements, the dimensions in id order."""
    return Model(
        meta=model.meta, collections=model.collections | {"dimensions": sorted(model.dimensions, key=lambda d: d.id)}
    )


def _sets(findings: list[Finding], model: Model) -> set[tuple]:
    """(id, rule, sorted elements, the profiles as one set) of each finding."""
    space = ProfileSpace.of(model)
    result = set()
    for f in findings:
        profiles = 0
        for cube in f.profiles:
            profiles |= space.mask(cube)
        result.add((f.id, f.rule, tuple(sorted(f.elements)), profiles))
    return result


def _assert_same(driver, name: str, model: Model, codes: set[str]) -> list[Finding]:
    got = server_gaps(driver, name, codes)
    assert _sets(got, model) == _sets(find_gaps(model, codes=codes), model)
    assert [f.as_dict() for f in got] == [f.as_dict() for f in find_gaps(_dims_by_id(model), codes=codes)]
    return got


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """Every model of this module by version name; the names have one length, as the server
    plans a query again for a string parameter of another size."""
    tmp = tmp_path_factory.mktemp("models")
    return {
        "baseline": load_model("model"),
        **{f"fire-{code[2:]}": fixture_model(tmp, f"{code.lower()}_fires") for code in SERVER_RULES},
        **{f"rand-{seed:03d}": random_model(seed) for seed in range(8)},
        "dead-110": fixture_model(tmp, "pw110_deadline"),
        "ordering": order_model(tmp / "ordering"),
        "diamonds": diamonds_model(tmp / "diamonds"),
        "toolarge": fixture_model(
            tmp,
            None,
            dimensions=[
                {
                    "id": f"d{i}",
                    "values": [{"id": v, "label": {"sv": v, "en": v}} for v in ("a", "b")],
                    "label": {"sv": f"D{i}", "en": f"D{i}"},
                    **SRC,
                }
                for i in range(17)
            ],
            settings=[{"id": s, "label": {"sv": s, "en": s}, **SRC} for s in ("mottagning", "hemmet")],
        ),
    }


@pytest.fixture(scope="module")
def driver(neo4j_server, models):
    """One connection for the module, every model pushed first: pushing between queries would
    change the statistics and make the server plan the queries again."""
    settings = Settings(uri=neo4j_server.uri, username=neo4j_server.user, password=neo4j_server.password, timeout=20)
    with connect(settings) as d:
        for name, model in models.items():
            _push(d, name, model)
        yield d


@pytest.mark.parametrize("code", SERVER_RULES)
def test_server_findings_equal_in_memory_findings(driver, models, code):
    on_bundled = _assert_same(driver, "baseline", models["baseline"], {code})
    on_fixture = _assert_same(driver, f"fire-{code[2:]}", models[f"fire-{code[2:]}"], {code})
    assert on_fixture, f"the {code} fixture has findings"
    assert {f.rule for f in on_bundled + on_fixture} <= {code}


def test_pw110_discharge_deadlines_on_the_server(driver, models):
    found = _assert_same(driver, "dead-110", models["dead-110"], {"PW110"})
    assert sorted(f.elements[0] for f in found if f.data["part"] == "deadline") == [
        "sip-5-dagar",
        "sip-efter-utskrivning",
        "sip-mote",
        "sip-utan-grans",
    ]


def test_every_rule_at_once_and_no_version(driver, models):
    found = _assert_same(driver, "baseline", models["baseline"], set(SERVER_RULES))
    assert {f.rule for f in found} == {"PW101", "PW105", "PW106", "PW110", "PW113"}
    with pytest.raises(VersionNotFound):
        server_gaps(driver, "nope")
    with pytest.raises(ValueError, match="not a server-side rule: PW102"):
        server_gaps(driver, "baseline", {"PW102"})


def test_a_profile_space_too_large_is_refused_before_it_is_enumerated(driver, models):
    with pytest.raises(ValueError, match="131072 profiles; at most 65536"):
        find_gaps(models["toolarge"], codes={"PW101"})
    with pytest.raises(ValueError, match="131072 profiles; at most 65536"):
        server_gaps(driver, "toolarge", {"PW101", "PW105"})
    assert [f.rule for f in server_gaps(driver, "toolarge", {"PW105", "PW114"})] == []


# --- random models with awkward ids (tests/graphstore/random_models.py) -------------------------


@pytest.mark.parametrize("seed", range(8))
def test_random_models_with_awkward_ids(driver, models, seed):
    _assert_same(driver, f"rand-{seed:03d}", models[f"rand-{seed:03d}"], set(SERVER_RULES))


LOW, HIGH = "x\ue000", "x\U0001f600"
K_LOW, K_HIGH = "k\ue000", "k\U0001f600"


def order_model(tmp_path) -> Model:
    """A loop between units, and a catchment of two municipalities, whose ids sort differently in Cypher and Python."""
    unit = {"kind": "primary_care_rehab", "care_level": "primarvard", "settings": ["mottagning"], **SRC}
    municipal = {"kind": "home_healthcare", "care_level": "kommunal", "settings": ["hemmet"], **SRC}
    return fixture_model(
        tmp_path,
        None,
        principals=[
            {"id": "region", "kind": "region", "county": "testlan", "label": {"sv": "R", "en": "R"}, **SRC},
            *(
                {"id": k, "kind": "municipality", "county": "testlan", "label": {"sv": k, "en": k}, **SRC}
                for k in ("k", K_LOW, K_HIGH)
            ),
        ],
        principal_groups=[{"id": "par", "members": [K_HIGH, K_LOW], "label": {"sv": "Par", "en": "Pair"}, **SRC}],
        units=[
            {"id": LOW, "principal": "region", "entry": True, "label": {"sv": "A", "en": "A"}, **unit},
            {"id": HIGH, "principal": "region", "label": {"sv": "B", "en": "B"}, **unit},
            {"id": "hsv-par", "principal": "par", "label": {"sv": "C", "en": "C"}, **municipal},
            {"id": "hsv-k", "principal": "k", "label": {"sv": "D", "en": "D"}, **municipal},
        ],
        responsibilities=[
            {"id": "r", "needs": ["behandling"], "owner": "hsv-k", "label": {"sv": "R", "en": "R"}, **SRC}
        ],
        handovers=[
            {
                "id": f"h-{i}",
                "from": a,
                "to": b,
                "trigger": "vardbegaran",
                "mode": "referral",
                "needs": ["behandling"],
                "label": {"sv": f"H{i}", "en": f"H{i}"},
                **SRC,
            }
            for i, (a, b) in enumerate([(LOW, HIGH), (HIGH, LOW)])
        ],
        escalation_paths=[
            {"id": "esk", "between": ["region", "k"], "body": "M", "label": {"sv": "E", "en": "E"}, **SRC}
        ],
    )


def test_ids_that_sort_differently_in_cypher_and_python(driver, models):
    """Cypher's ORDER BY compares UTF-16 code units, Python code points: U+E000 sorts before
    U+1F600 in Python, after it in Cypher. Loop units and catchment members use Python's order."""
    found = _assert_same(driver, "ordering", models["ordering"], {"PW101", "PW115"})
    loops = [f for f in found if f.rule == "PW115"]
    assert [f.data["units"] for f in loops] == [sorted([LOW, HIGH])] == [[LOW, HIGH]]
    assert f"testlan/{K_LOW}+{K_HIGH}" in {f.data["catchment"] for f in found if f.rule == "PW101"}


# --- polynomial traversals --------------------------------------------------------------------


def _operators(plan: dict) -> list[str]:
    found = [plan["operatorType"]]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


def test_traversals_are_breadth_first_and_values_are_parameters(driver):
    """No shortest-path operator (exponential on Neo4j 5.26 with an open end) and every
    variable-length expansion a pruning breadth-first search; no value written into a query."""
    plans = {}
    for code, queries in QUERIES.items():
        for query in queries:
            with driver.session() as session:
                plan = session.run("EXPLAIN " + query, {**PARAMS, "version": "baseline"}).consume().plan
            operators = plans.setdefault(code, [])
            operators += _operators(plan)
            assert not [op for op in operators if "ShortestPath" in op], code
            assert all("Pruning" in op for op in operators if op.startswith("VarLengthExpand")), (code, operators)
            literals = set(re.findall(r"'(?:[^'\\]|\\.)*'", query))
            assert literals <= {"''", "' '", "'profile_'", "'applies_to_'"}, (code, literals)
            assert '"' not in query
    assert [op for op in plans["PW114"] if op.startswith("VarLengthExpand(Pruning,BFS")]
    assert len([op for op in plans["PW115"] if op.startswith("VarLengthExpand(Pruning,BFS")]) == 2
    for query in (SLICE, SPACE_SIZE):
        assert set(re.findall(r"'(?:[^'\\]|\\.)*'", query)) <= {"''"} and '"' not in query


DIAMONDS = 60


def diamonds_model(tmp_path) -> Model:
    """60 diamonds (two handovers between each pair of units: 2^60 paths) and a handover back: one
    referral loop of 61 units for 'behandling'; 'uppfoljning' reaches its owner at the end."""
    n = DIAMONDS
    units = [
        {
            "id": f"a{i}",
            "kind": "health_centre",
            "principal": "region",
            "care_level": "primarvard",
            "settings": ["mottagning"],
            "label": {"sv": f"A{i}", "en": f"A{i}"},
            **({"entry": True} if i == 0 else {}),
            **SRC,
        }
        for i in range(n + 1)
    ]
    handovers = [
        {
            "id": f"h{side}{i}",
            "from": f"a{i}",
            "to": f"a{i + 1}",
            "trigger": "vardbegaran",
            "mode": "referral",
            "needs": ["behandling", "uppfoljning"],
            "label": {"sv": f"H{side}{i}", "en": f"H{side}{i}"},
            **SRC,
        }
        for i in range(n)
        for side in "xy"
    ] + [
        {
            "id": "back",
            "from": f"a{n}",
            "to": "a0",
            "trigger": "vardbegaran",
            "mode": "referral",
            "needs": ["behandling"],
            "label": {"sv": "Tillbaka", "en": "Back"},
            **SRC,
        }
    ]
    return fixture_model(
        tmp_path,
        None,
        units=units,
        handovers=handovers,
        needs=[
            {"id": n_, "category": "pathway_step", "label": {"sv": n_, "en": n_}, **SRC}
            for n_ in ("behandling", "uppfoljning")
        ],
        responsibilities=[
            {"id": "r-slut", "needs": ["uppfoljning"], "owner": f"a{n}", "label": {"sv": "R", "en": "R"}, **SRC}
        ],
    )


def test_a_chain_of_diamonds_is_not_enumerated(driver, models):
    started = time.monotonic()
    found = _assert_same(driver, "diamonds", models["diamonds"], {"PW114", "PW115"})
    assert time.monotonic() - started < 30
    assert [(f.rule, len(f.data["units"])) for f in found] == [("PW115", DIAMONDS + 1)]


# --- the command --------------------------------------------------------------------------------


def test_cli_gaps(driver, settings, models, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", settings.uri)
    monkeypatch.setenv("NEO4J_USERNAME", settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password)
    model = models["baseline"]
    expected = find_gaps(_dims_by_id(model), codes=set(SERVER_RULES))

    result = runner.invoke(app, ["neo4j", "gaps", "--name", "baseline", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["findings"] == [f.as_dict() for f in expected]

    result = runner.invoke(app, ["neo4j", "gaps", "--rule", "PW105", "--rule", "no-rejection-path", "--lang", "en"])
    assert result.exit_code == 0, result.output
    ids = [f.id for f in expected if f.rule in ("PW105", "PW106")]
    assert all(i in result.output for i in ids) and "PW101" not in result.output
    assert f"0 error, {len(ids)} warning, 0 info" in result.output

    result = runner.invoke(app, ["neo4j", "gaps", "--rule", "PW102"])
    assert result.exit_code == 2 and "runs in memory only" in result.output
    result = runner.invoke(app, ["neo4j", "gaps", "--name", "nope"])
    assert (
        result.exit_code == 2
        and result.output.strip() == "no version 'nope' in the store; `pathways neo4j versions` lists them"
    )
    result = runner.invoke(app, ["neo4j", "gaps", "--uri", "bolt://127.0.0.1:9", "--timeout", "2"])
    assert result.exit_code == 3 and len(result.output.strip().splitlines()) == 1
