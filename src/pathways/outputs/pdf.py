"""The report as PDF: the report's HTML laid out by WeasyPrint.

The print rules are in the HTML template: A4, page numbers "Sida n av m" and the
revision stamp at the foot of every page, the contents with page numbers, landscape
pages for the routes, the matrix, the cases and the what-if diagrams, and headings kept
with what follows them. WeasyPrint needs Pango (Debian's libpango-1.0-0).
"""

from __future__ import annotations

from pathlib import Path

from pathways.files import replacing


def write_pdf(html: str, path: Path) -> Path:
    """Write ``html`` (self-contained: images as data URIs) as a PDF at ``path``."""
    from weasyprint import HTML

    with replacing(path) as tmp:
        HTML(string=html, base_url=str(path.parent)).write_pdf(tmp)
    return path
