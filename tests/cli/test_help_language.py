"""Every help text of every command is in the help language: Swedish by default, English
with ``PATHWAYS_LANG=en`` or ``--lang en``. A help text written without ``h(sv, en)`` (a bare
string, or a docstring standing in for the help) shows up here as a straggler."""

from __future__ import annotations

import json
import os
import subprocess
import sys

DUMP = r"""
import ast, json, sys
import pathways.cli.common as common

pairs = []
plain = common.h


def recording(sv, en):
    pairs.append((sv, en))
    return plain(sv, en)


common.h = recording
# the options common.py made with h() before the patch: its constant h("sv", "en") calls
for node in ast.walk(ast.parse(open(common.__file__, encoding="utf-8").read())):
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "h" and len(node.args) == 2:
        pairs.append(tuple(ast.literal_eval(a) for a in node.args))
import typer
from pathways.cli import main

root = typer.main.get_command(main.app)
ctx = root.make_context("pathways", ["--help"], resilient_parsing=True)
for name in root.list_commands(ctx):
    root._load(name)
texts = []


def walk(command, path):
    texts.append((path, "help", command.help or ""))
    for p in command.get_params(ctx):
        if p.name != "help":
            texts.append((path, p.name, getattr(p, "help", None) or ""))
    for name in getattr(command, "list_commands", lambda c: [])(ctx):
        walk(command.get_command(ctx, name), f"{path} {name}")


walk(root, "pathways")
json.dump({"pairs": pairs, "texts": texts}, sys.stdout)
"""


def _dump(*argv: str, **env: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", DUMP, *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**{k: v for k, v in os.environ.items() if k != "PATHWAYS_LANG"}, **env},
        timeout=120,
    )
    return json.loads(proc.stdout)


def _stragglers(dump: dict, lang: str) -> list[str]:
    own = {sv if lang == "sv" else en for sv, en in dump["pairs"]}
    other = {en if lang == "sv" else sv for sv, en in dump["pairs"]} - own
    return [
        f"{path} {param}: {text!r}"
        for path, param, text in dump["texts"]
        if text and (text not in own or text in other)
    ]


def test_every_help_text_is_swedish_by_default():
    dump = _dump()
    assert len(dump["texts"]) > 100, "every command and option was walked"
    assert _stragglers(dump, "sv") == []


def test_every_help_text_is_english_with_pathways_lang_en():
    assert _stragglers(_dump(PATHWAYS_LANG="en"), "en") == []


def test_lang_en_on_the_command_line_gives_english_help():
    swedish, english = _dump(), _dump("gaps", "--help", "--lang", "en")
    assert _stragglers(english, "en") == []
    gaps = {(p, n): t for p, n, t in english["texts"] if p == "pathways gaps"}
    assert gaps[("pathways gaps", "model_dir")] == "The model directory."
    assert {t for p, n, t in swedish["texts"] if p == "pathways gaps" and n == "model_dir"} == {"Modellens mapp."}
