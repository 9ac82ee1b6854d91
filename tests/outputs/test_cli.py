"""The commands: pathways render and pathways report."""

from __future__ import annotations

from typer.testing import CliRunner

from pathways.cli.main import app

from .conftest import MODEL

runner = CliRunner()


def test_render_writes_dot_and_formats(tmp_path):
    r = runner.invoke(
        app,
        [
            "render",
            "--model",
            str(MODEL),
            "--out",
            str(tmp_path),
            "--format",
            "svg,pdf",
            "--case",
            "utskrivning-fredag",
            "--scenario",
            "orebro-7-dagar",
            "--lang",
            "en",
        ],
    )
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "overview.dot" in names and "overview.svg" in names and "overview.pdf" in names
    assert "case_utskrivning-fredag.svg" in names and "whatif_orebro-7-dagar.svg" in names
    assert not any(n.endswith(".png") for n in names)
    assert "Route 1" in (tmp_path / "overview.dot").read_text(encoding="utf-8")


def test_render_rejects_unknown_format(tmp_path):
    r = runner.invoke(app, ["render", "--model", str(MODEL), "--out", str(tmp_path), "--format", "svg,gif"])
    assert r.exit_code == 2 and "gif" in r.output


def test_render_rejects_unknown_case(tmp_path):
    r = runner.invoke(app, ["render", "--model", str(MODEL), "--out", str(tmp_path), "--case", "no-such-case"])
    assert r.exit_code == 2 and "no-such-case" in r.output


def test_report_command(tmp_path):
    r = runner.invoke(
        app,
        ["report", "--model", str(MODEL), "--out", str(tmp_path), "--no-cases", "--scenario", "sip-under-vardtiden"],
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "rapport.html").is_file() and (tmp_path / "rapport.md").is_file()
    assert (tmp_path / "bilder" / "overview.png").is_file()
