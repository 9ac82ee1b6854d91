"""The report: self-contained HTML that opens in headless Chromium with every image loaded,
prints on A4, escapes what comes from the model; and the same as Markdown."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from pathways.model.load import load_model
from pathways.outputs.report import md_escape, write_report
from pathways.pipeline import analyse

from .conftest import NASTY, png_pixels

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup.sh --test)"
)


@pytest.fixture(scope="session")
def report(full_report):
    return full_report


def _chromium(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            "--virtual-time-budget=10000",
            *args,
        ],
        capture_output=True,
        timeout=timeout,
        check=False,
    )


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags, self.imgs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "img":
            self.imgs.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained(report):
    text = report.files["html"].read_text(encoding="utf-8")
    p = _Text()
    p.feed(text)
    assert len(p.imgs) >= 10
    assert all(i["src"].startswith("data:image/svg+xml;base64,") for i in p.imgs)
    assert not re.search(r'(src|href)="(?!data:|#)', text), "every image and link is inline or in the page"
    assert "<script" not in text.lower()
    for part in (
        "Sammanfattning för ledningen",
        "Alla glapp efter orsak",
        "Bilaga: glappen ett i taget",
        "Ansvarsmatris",
        "Patientfall dag för dag",
        "Vad händer om",
        "Antaganden att bekräfta",
        "Källor",
    ):
        assert part in text


def test_html_prints_on_a4(report):
    text = report.files["html"].read_text(encoding="utf-8")
    assert "@page { size: A4" in text and "@media print" in text
    assert "break-before: page" in text and "break-inside: avoid" in text


def test_gap_numbers_match_the_overlay(report, bundled, bundled_diagrams):
    text = report.files["html"].read_text(encoding="utf-8")
    for n, f in enumerate(bundled["findings"], 1):
        row = re.search(rf'<tr id="glapp-{n}">(.*?)</tr>', text, re.S)
        assert row and html.escape(f.id) in row.group(1), n
    overlay = next(d for d in bundled_diagrams if d.name == "gaps").source
    # the gap map's list of causes gives each cause's finding numbers ("nr 2–5, 8–15")
    flat = re.sub(r"<[^>]+>", " ", overlay)
    shown: set[int] = set()
    for chunk in re.findall(r"nr ([0-9][0-9, –]*)", flat):
        for a, b in re.findall(r"(\d+)–(\d+)", chunk):
            shown |= set(range(int(a), int(b) + 1))
        shown |= {int(x) for x in re.findall(r"(?<![\d–])(\d+)(?![\d–])", chunk)}
    assert shown == set(range(1, len(bundled["findings"]) + 1)), "each gap is in the gap map's list with its number"


def test_markdown_has_the_same_parts_and_image_files(report):
    md = report.files["md"].read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert len(images) >= 10
    for rel in images:
        assert (report.files["md"].parent / rel).is_file(), rel
    assert "| Nr | Allvar |" in md and "☐" in md


@needs_chromium
def test_html_opens_in_chromium_with_every_image_loaded(report, tmp_path):
    """Chromium loads the page; a small script (added to a copy) records each image's
    natural width in the DOM, which --dump-dom prints."""
    probe = tmp_path / "probe.html"
    script = (
        "<script>window.addEventListener('load', function () {"
        "document.body.setAttribute('data-widths', JSON.stringify("
        "Array.from(document.images).map(function (i) { return i.complete ? i.naturalWidth : -1; })));"
        "});</script>"
    )
    probe.write_text(
        report.files["html"].read_text(encoding="utf-8").replace("</body>", script + "</body>"), encoding="utf-8"
    )
    proc = _chromium("--dump-dom", probe.as_uri())
    dom = proc.stdout.decode("utf-8", "replace")
    m = re.search(r'data-widths="([^"]*)"', dom)
    assert m, proc.stderr.decode("utf-8", "replace")[-2000:]
    widths = json.loads(html.unescape(m.group(1)))
    assert len(widths) >= 10 and all(w > 0 for w in widths), widths


@needs_chromium
def test_html_screenshot_shows_the_diagrams(report, tmp_path):
    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", "--window-size=1000,3000", report.files["html"].as_uri())
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 3000)
    sample = pixels[::5]
    ink = sum(1 for p in sample if p != (255, 255, 255)) / len(sample)
    coloured = sum(1 for r, g, b in sample if max(r, g, b) - min(r, g, b) > 15) / len(sample)
    assert ink > 0.05, "the page is (nearly) blank"
    # without its images the page's only colour is the severity badges (about 0.2 %)
    assert coloured > 0.01, "hardly any colour: the summary's charts (the first images) did not load"


def test_hostile_label_is_text_in_html_and_markdown(nasty_model_dir, tmp_path):
    model = load_model(nasty_model_dir)
    rep = write_report(analyse(model), tmp_path, "sv")
    text = rep.files["html"].read_text(encoding="utf-8")
    assert "<b>&amp;" not in text and "<script>" not in text
    import markupsafe

    assert str(markupsafe.escape(NASTY)) in text
    p = _Text()
    p.feed(text)
    assert "script" not in p.tags and "b" not in p.tags
    assert any(NASTY in chunk for chunk in p.text), "the label comes back as text"
    md = rep.files["md"].read_text(encoding="utf-8")
    assert "<b>" not in md and "<script>" not in md
    assert md_escape(NASTY) in md


@needs_chromium
def test_hostile_label_shows_as_text_in_chromium(nasty_model_dir, tmp_path):
    model = load_model(nasty_model_dir)
    rep = write_report(analyse(model), tmp_path, "sv")
    dom = _chromium("--dump-dom", rep.files["html"].as_uri()).stdout.decode("utf-8", "replace")
    assert "<script>alert(1)</script>" not in dom
    assert "&lt;b&gt;&amp;amp;" in dom and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_md_escape():
    assert md_escape("a|b <x> *y* [z](u)") == "a\\|b &lt;x&gt; \\*y\\* \\[z\\]\\(u\\)"


def test_english_report(bundled, tmp_path):
    rep = write_report(analyse(bundled["model"]), tmp_path, "en")
    text = rep.files["html"].read_text(encoding="utf-8")
    assert 'lang="en"' in text and "Assumptions to confirm" in text
