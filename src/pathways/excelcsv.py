"""The one CSV writer: files that Excel with Swedish settings opens as columns.

UTF-8 with a byte-order mark (so Excel reads å, ä, ö), ``;`` between fields (Swedish Excel
takes ``,`` as the decimal sign), CRLF line ends, every field quoted (a text holding ``;``
or a line break stays one cell). Headers are in the output's language; the revision stamp
(:mod:`pathways.stamp`) is the last column, the same on every row, so a filter or a sort
in Excel keeps it and a reader that takes the first row as headers still works. Every
``--format csv`` of the CLI writes through here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

BOM = "\ufeff"
DELIMITER = ";"
STAMP_HEADER = {"sv": "Revision", "en": "Revision"}


def writer(handle: TextIO, delimiter: str = DELIMITER) -> Any:
    """A ``csv.writer`` on ``handle`` with the Excel settings (the caller writes :data:`BOM` first)."""
    return csv.writer(handle, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")


def excel_csv(headers: Sequence[str], rows: Iterable[Sequence[object]], stamp: str = "", lang: str = "sv") -> str:
    """CSV text: BOM, ``;``, CRLF, all quoted; with ``stamp``, a last column holding it.

    >>> excel_csv(["a", "b"], [["x;y", 1]]).split("\\r\\n")
    ['\\ufeff"a";"b"', '"x;y";"1"', '']
    >>> excel_csv(["a"], [["x"]], stamp="modell 1a2b").split("\\r\\n")[:2]
    ['\\ufeff"a";"Revision"', '"x";"modell 1a2b"']
    """
    buffer = io.StringIO()
    out = writer(buffer)
    extra = [stamp] if stamp else []
    out.writerow([*headers, *([STAMP_HEADER[lang]] if stamp else [])])
    out.writerows([*row, *extra] for row in rows)
    return BOM + buffer.getvalue()
