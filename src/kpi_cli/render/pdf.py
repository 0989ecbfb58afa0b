"""The 推進状況 document as PDF, through WeasyPrint (the optional extra ``kpi-cli[pdf]``).

WeasyPrint is imported here only, when a .pdf is written; without it one line says how to get it,
or to print the HTML from a browser. Japanese text is set in the first font of the document's
font list that the system has (Noto Sans CJK JP on Linux, Yu Gothic or Meiryo on Windows,
Hiragino on macOS) and embedded in the PDF.
"""

from __future__ import annotations

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg

INSTALL = "pip install 'kpi-cli[pdf]'"


def pdf_bytes(html: str) -> bytes:
    """The document printed to A4 PDF pages (the page rules of its own CSS)."""
    import logging

    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # not installed, or its system libraries (Pango) are missing
        raise InputError(
            Msg(
                "writing a PDF needs WeasyPrint: {install} (or write .html and print it to PDF from a browser)",
                install=INSTALL,
            )
        ) from None
    for name in ("weasyprint", "fontTools"):  # its notes on CSS it skips are not the user's business
        logging.getLogger(name).setLevel(logging.ERROR)
    data: bytes = HTML(string=html).write_pdf()
    return data
