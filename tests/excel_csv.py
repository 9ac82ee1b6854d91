"""Read a CSV as Swedish Excel would: it must start with a BOM, end every line in CRLF,
quote every field and put ``;`` between them."""

from __future__ import annotations

import csv
import io


def read_excel_csv(text: str) -> list[dict[str, str]]:
    """The rows of ``text`` by header, after checking the form Excel with Swedish settings needs."""
    assert text.startswith("\ufeff"), "a UTF-8 byte-order mark first, so Excel reads å, ä, ö"
    raw = text.encode("utf-8")
    assert raw.count(b"\n") == raw.count(b"\r\n") > 0, "every line ends in CRLF"
    lines = [line for line in text[1:].split("\r\n") if line]
    assert all(line.startswith('"') and line.endswith('"') for line in lines), "every field quoted"
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert len({len(r) for r in rows}) == 1, "the same number of ;-separated fields on every row"
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
