"""`kpi report -o FILE.pdf`: the same paper through WeasyPrint (the extra kpi-cli[pdf]), Japanese fonts
embedded; without the extra, one line says how to get it."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from conftest import Runner, bare_env
from tokachi_year import record_year


def fonts(pdf: Path) -> set[str]:
    """The names of the fonts a PDF embeds (with their descendant fonts)."""
    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(pdf).pages:
        resources: Any = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font: Any = ref.get_object()
            names.add(str(font.get("/BaseFont", "")))
            names |= {str(d.get_object()["/BaseFont"]) for d in font.get("/DescendantFonts", [])}
    return names


def test_a_pdf_from_kpi_itself(kpi: Runner, tmp_path: Path) -> None:
    from pypdf import PdfReader

    record_year(kpi, tmp_path)
    out = tmp_path / "十勝-R1.pdf"
    r = kpi("report", "--year", "R1", "--region", "十勝", "-o", str(out))
    assert r.code == 0, r.err
    assert r.err == f"kpi: wrote a report of 8 KPIs to {out}\n"  # WeasyPrint's own notes are not shown
    assert out.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(out)
    assert 1 <= len(reader.pages) <= 4
    embedded = fonts(out)
    assert any(re.search(r"CJK|Gothic|Hiragino|Meiryo|IPAex", name) for name in embedded), embedded
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    assert "十勝 地域重点政策ユニットの推進状況" in text
    assert re.search(r"うち十勝分\s*1,068\.4", text)
    assert re.search(rf"1\s*/\s*{len(reader.pages)}", text)  # page numbers
    assert not re.search(r"[0-9a-f]{12,}", text)  # no hash on the paper


def test_without_the_extra_one_line_says_how(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if kpi-cli[pdf] were not installed
    out = tmp_path / "r.pdf"
    r = kpi("report", "--region", "十勝", "-o", str(out))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "kpi: writing a PDF needs WeasyPrint: pip install 'kpi-cli[pdf]' (or write .html and print it to PDF "
        "from a browser)\n"
    )
    assert not out.exists()
    monkeypatch.setenv("KPI_LANG", "ja")
    ja = kpi("report", "--region", "十勝", "-o", str(out))
    assert ja.err.startswith("kpi: PDFを書き出すには WeasyPrint が必要です: pip install 'kpi-cli[pdf]'")


def test_weasyprint_is_imported_only_for_a_pdf(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from kpi_cli.cli import run\n"
        "from kpi_cli.streams import Env\n"
        f"run(Env(), ['report', '--region', '十勝', '-o', {str(tmp_path / 'r.html')!r}])\n"
        "print('weasyprint' in sys.modules)\n"
    )
    env = bare_env() | {"KPI_LEDGER": str(tmp_path / "l.csv")}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
