"""Fuzzing the workbooks `kpi import` reads: random cells, damaged parts, random bytes.

The property, as in test_fuzz.py: exit 0 or 2, every line on stderr a message of kpi (never a
traceback), and the ledger's bytes unchanged when the exit is 2. Bounded for the suite
(KPI_FUZZ_EXAMPLES, default 60 per test); a longer run:
    KPI_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest -q tests/test_fuzz_workbooks.py
"""

from __future__ import annotations

import datetime
import io
import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import SHIPPED_PLAN, Runner, bare_env, digest

EXAMPLES = int(os.environ.get("KPI_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "workbooks"
HEADERS = [
    ["kpi_id", "year", "value"],
    ["KPI ID", "年度", "実績値", "備考", "出典"],
    ["KPI名", "年度", "実績値"],
    ["kpi_id", "office", "year", "value"],
    ["ID", "KPI ID", "year", "value"],
    ["x", "y"],
]
CELLS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "donan-tourists",
            "doto-tourists",
            "dohoku-disaster-org-coverage",
            "自主防災組織カバー率",
            "観光",
            "十勝",
            "R1",
            "H30",
            "2019",
            "1,372.6",
            "=1+1",
            "#DIV/0!",
            "\u202e",
            "a" * 300,
            "　",
            "\n",
            "50%",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8),  # openpyxl writes no control characters
    st.integers(-(10**16), 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 1, 1)),
)


def check(kpi: Runner, ledger: Path, path: Path, *flags: str) -> None:
    before = digest(ledger)
    r = kpi("import", str(path), *flags)
    assert r.code in (0, 2), r.err
    assert "Traceback" not in r.err
    assert all(line.startswith("kpi: ") for line in r.err.splitlines()), r.err
    if r.code == 2:
        assert r.out == "" and r.err.count("\n") >= 1
        assert digest(ledger) == before


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    """An .xlsx of one to three sheets (some hidden) of random cells under a plausible header."""
    book: Any = Workbook()
    book.remove(book.active)
    for n in range(draw(st.integers(1, 3))):
        sheet = book.create_sheet(f"S{n}")
        if draw(st.booleans()):
            sheet.append(draw(st.sampled_from(HEADERS)))
        for _ in range(draw(st.integers(0, 6))):
            sheet.append(draw(st.lists(CELLS, max_size=6)))
        for cell in draw(st.lists(st.sampled_from(["A2", "B2", "C2", "C3", "D2"]), max_size=3)):
            sheet[cell].number_format = draw(st.sampled_from(["0%", "0.0%", "yyyy-mm-dd", "#,##0", "@"]))
        if draw(st.booleans()) and n:
            sheet.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@FUZZ
@given(data=workbooks(), dry=st.booleans())
def test_fuzz_random_cells(kpi: Runner, tmp_path: Path, ledger_path: Path, data: bytes, dry: bool) -> None:
    path = tmp_path / "cells.xlsx"
    path.write_bytes(data)
    check(kpi, ledger_path, path, *(["--dry-run"] if dry else []))


def _base_xlsx() -> bytes:
    book: Any = Workbook()
    sheet = book.active
    sheet.title = "R1"
    for row in [
        ["KPI ID", "年度", "実績値"],
        ["donan-tourists", 2018, 1260.4],
        ["dohoku-disaster-org-coverage", 2018, 0.472],
    ]:
        sheet.append(row)
    sheet["C3"].number_format = "0.0%"
    sheet["D2"] = "=C2*2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BASES = {
    "xlsx": _base_xlsx(),
    "ods": (FIXTURES / "values.ods").read_bytes(),
}


def _rezip(data: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, content if info.filename == part else zin.read(info.filename))
    return out.getvalue()


@FUZZ
@given(data=st.data(), kind=st.sampled_from(sorted(BASES)))
def test_fuzz_damaged_parts(kpi: Runner, tmp_path: Path, ledger_path: Path, data: st.DataObject, kind: str) -> None:
    """Each XML part of an .xlsx or .ods: replaced by random bytes, or changed in a few places."""
    base = BASES[kind]
    with zipfile.ZipFile(io.BytesIO(base)) as book:
        names = sorted(n for n in book.namelist() if n.endswith((".xml", ".rels")))
        part = data.draw(st.sampled_from(names))
        content = bytearray(book.read(part))
    if data.draw(st.booleans()):
        damaged = data.draw(st.binary(max_size=400))
    else:
        for _ in range(data.draw(st.integers(1, 8))):
            at = data.draw(st.integers(0, max(0, len(content) - 1)))
            content[at : at + 1] = data.draw(st.sampled_from([b"", b"<", b">", b'"', b"&", b"9", b"\xff", b"A"]))
        damaged = bytes(content)
    path = tmp_path / f"damaged.{kind}"
    path.write_bytes(_rezip(base, part, damaged))
    check(kpi, ledger_path, path)


@FUZZ
@given(data=st.data(), kind=st.sampled_from(["xlsx", "ods", "xls"]))
def test_fuzz_raw_bytes(kpi: Runner, tmp_path: Path, ledger_path: Path, data: st.DataObject, kind: str) -> None:
    """A workbook's bytes truncated or changed at random places (an .xls has no checksum to stop it)."""
    base = bytearray(BASES[kind] if kind in BASES else (FIXTURES / "values.xls").read_bytes())
    if data.draw(st.booleans()):
        base = base[: data.draw(st.integers(0, len(base)))]
    else:
        for _ in range(data.draw(st.integers(1, 12))):
            at = data.draw(st.integers(0, len(base) - 1))
            base[at] = data.draw(st.integers(0, 255))
    path = tmp_path / f"raw.{kind}"
    path.write_bytes(bytes(base))
    check(kpi, ledger_path, path)


@FUZZ
@given(data=st.binary(max_size=2048), prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]))
def test_fuzz_random_bytes_named_as_workbooks(
    kpi: Runner, tmp_path: Path, ledger_path: Path, data: bytes, prefix: bytes
) -> None:
    for suffix in (".xlsx", ".xls", ".ods"):
        path = tmp_path / f"random{suffix}"
        path.write_bytes(prefix + data)
        check(kpi, ledger_path, path)


def _dimensions(data: bytes | bytearray) -> list[int]:
    """Where the body of each DIMENSIONS record (type 0x0200, 14 bytes) of an .xls starts."""
    return [m.start() + 4 for m in re.finditer(re.escape(b"\x00\x02\x0e\x00"), data)]


@FUZZ
@given(
    rows=st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)),
    columns=st.tuples(st.integers(0, 2**16 - 1), st.integers(0, 2**16 - 1)),
)
def test_fuzz_xls_dimensions(
    kpi: Runner, tmp_path: Path, ledger_path: Path, rows: tuple[int, int], columns: tuple[int, int]
) -> None:
    """A sheet's DIMENSIONS record (the grid calamine sets aside before it reads a cell) saying anything: refused
    in one line or read, never an abort (calamine once asked for 330 GB for rows 0-2,063,597,573 and died)."""
    base = bytearray((FIXTURES / "values.xls").read_bytes())
    for at in _dimensions(base):
        struct.pack_into("<IIHH", base, at, *rows, *columns)
    path = tmp_path / "dimensions.xls"
    path.write_bytes(bytes(base))
    check(kpi, ledger_path, path)


def test_an_xls_claiming_two_billion_rows_is_refused_in_one_line(tmp_path: Path, ledger_path: Path) -> None:
    """In a process of its own: an abort there fails this test instead of ending the test run."""
    base = bytearray((FIXTURES / "values.xls").read_bytes())
    (at,) = _dimensions(base)[:1]
    struct.pack_into("<I", base, at + 4, 2_063_597_573)
    path = tmp_path / "rows.xls"
    path.write_bytes(bytes(base))
    env = bare_env() | {"KPI_LEDGER": str(ledger_path), "KPI_PLAN": str(SHIPPED_PLAN)}
    done = subprocess.run(
        [sys.executable, "-m", "kpi_cli", "import", "--dry-run", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-300:]
    assert done.stderr == (
        f"kpi: {path}: cannot be read as an .xls workbook (a sheet's DIMENSIONS record says rows 0-2063597573, "
        "columns 0-4); open it in Excel and save it again\n"
    )
    assert not ledger_path.exists()
