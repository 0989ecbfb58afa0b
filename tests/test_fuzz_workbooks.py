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

import pytest
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


def _import_in_a_process(path: Path, ledger_path: Path) -> subprocess.CompletedProcess[str]:
    """`kpi import --dry-run` in a process of its own, given 2 GB of address space: an abort (or a grab of
    gigabytes) there fails the test instead of ending the test run."""

    def two_gigabytes() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    env = bare_env() | {"KPI_LEDGER": str(ledger_path), "KPI_PLAN": str(SHIPPED_PLAN)}
    return subprocess.run(
        [sys.executable, "-m", "kpi_cli", "import", "--dry-run", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=two_gigabytes,
    )


def _refusal(path: Path, ledger_path: Path) -> str:
    """What `kpi import --dry-run` said on stderr in a process of its own (see ``_import_in_a_process``), after
    checking that it refused the file (exit 2) and wrote no ledger."""
    done = _import_in_a_process(path, ledger_path)
    assert done.returncode == 2, done.stderr[-300:]
    assert not ledger_path.exists()
    return done.stderr


def test_an_xls_claiming_two_billion_rows_is_refused_in_one_line(tmp_path: Path, ledger_path: Path) -> None:
    base = bytearray((FIXTURES / "values.xls").read_bytes())
    (at,) = _dimensions(base)[:1]
    struct.pack_into("<I", base, at + 4, 2_063_597_573)
    path = tmp_path / "rows.xls"
    path.write_bytes(bytes(base))
    done = _import_in_a_process(path, ledger_path)
    assert done.returncode == 2, done.stderr[-300:]
    assert done.stderr == (
        f"kpi: {path}: cannot be read as an .xls workbook (a sheet's DIMENSIONS record says rows 0-2063597573, "
        "columns 0-4); open it in Excel and save it again\n"
    )
    assert not ledger_path.exists()


# ---------------------------------------------------------------------- .xls made record by record


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


BOF = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))  # a worksheet's
EOF = _record(0x000A, b"")
CHART = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0020, 0x0DBB, 0x07CC, 0, 6)) + EOF  # an embedded chart


def _number(row: int, column: int, value: float = 1.0) -> bytes:
    return _record(0x0203, struct.pack("<HHHd", row, column, 15, value))


def _boundsheets(stream: bytes) -> list[int]:
    """Where each BOUNDSHEET record (type 0x0085) of a Workbook stream starts."""
    at, found = 0, list[int]()
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        if kind == 0x000A:
            return found
        if kind == 0x0085:
            found.append(at)
        at += 4 + size
    return found


def _xls(first_sheet: bytes, stream: bytes | None = None) -> bytes:
    """values.xls with its first sheet's records replaced by ``first_sheet`` (put after the others, the
    sheet's offset pointed at them), in a compound document of 512-byte sectors of its own."""
    from kpi_cli.ledger.xls_parts import _workbook_stream

    stream = stream if stream is not None else _workbook_stream((FIXTURES / "values.xls").read_bytes())
    patched = bytearray(stream)
    struct.pack_into("<I", patched, _boundsheets(stream)[0] + 4, len(stream))
    return _compound(bytes(patched) + first_sheet)


def _compound(stream: bytes) -> bytes:
    """A compound document holding one Workbook stream, in sectors of the FAT (4,096 bytes at least)."""
    stream = stream.ljust(max(len(stream), 4096), b"\0")
    count = -(-len(stream) // 512)
    fat_sectors = -(-(count + 2) // 127)
    fat = [0xFFFFFFFD] * fat_sectors + [0xFFFFFFFE]  # the FAT's sectors, then the directory's
    fat += [fat_sectors + 2 + n if n < count - 1 else 0xFFFFFFFE for n in range(count)]
    fat += [0xFFFFFFFF] * (fat_sectors * 128 - len(fat))
    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".ljust(512, b"\0"))
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, fat_sectors, fat_sectors, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 0x4C, *range(fat_sectors), *[0xFFFFFFFF] * (109 - fat_sectors))

    def entry(name: str, kind: int, first: int, size: int, child: int) -> bytes:
        body = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        body[: len(encoded)] = encoded
        struct.pack_into("<HBB", body, 64, len(encoded), kind, 1)
        struct.pack_into("<III", body, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<II", body, 116, first, size)
        return bytes(body)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, 1) + entry(
        "Workbook", 2, fat_sectors + 1, len(stream), 0xFFFFFFFF
    )
    return (
        bytes(header)
        + struct.pack(f"<{fat_sectors * 128}I", *fat)
        + directory.ljust(512, b"\0")
        + stream.ljust(count * 512, b"\0")
    )


def _label(row: int, column: int, text: str) -> bytes:
    return _record(0x0204, struct.pack("<HHHHB", row, column, 15, len(text), 0) + text.encode("latin-1"))


def test_the_xls_builder_makes_a_workbook_kpi_reads(kpi: Runner, tmp_path: Path) -> None:
    header = _label(0, 0, "kpi_id") + _label(0, 1, "year") + _label(0, 2, "value")
    row = _label(1, 0, "donan-tourists") + _number(1, 1, 2019) + _number(1, 2, 1372.6)
    path = tmp_path / "made.xls"
    path.write_bytes(_xls(BOF + header + row + EOF))
    r = kpi("import", "--dry-run", str(path))
    assert r.code == 0 and "1 rows would be recorded" in r.err, r.err


def _dimensions_record(rows: tuple[int, int], columns: tuple[int, int], wide: bool) -> bytes:
    if wide:  # BIFF8: rows in 32 bits
        return _record(0x0200, struct.pack("<IIHHH", *rows, *columns, 0))
    return _record(0x0200, struct.pack("<HHHHH", *rows, *columns, 0))  # BIFF2-5: 10 bytes


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        pytest.param(
            BOF + _dimensions_record((0, 65535), (0, 65535), wide=False) + EOF,
            "cannot be read as an .xls workbook (a sheet's DIMENSIONS record says rows 0-65535, columns 0-65535)",
            id="a 10-byte DIMENSIONS record",
        ),
        pytest.param(
            BOF + CHART + _dimensions_record((0, 2_000_000_000), (0, 4), wide=True) + EOF,
            "cannot be read as an .xls workbook (a sheet's DIMENSIONS record says rows 0-2000000000, columns 0-4)",
            id="DIMENSIONS after an embedded chart",
        ),
        pytest.param(
            BOF + CHART + _number(0, 0) + _number(65535, 65535) + EOF,
            "sheet '十勝' reaches 65,536 rows × 65,536 columns",
            id="a cell after an embedded chart",
        ),
        pytest.param(
            _record(0x0055, b"\x08\x00") + BOF + _number(0, 0) + _number(65535, 65535) + EOF,
            "sheet '十勝' reaches 65,536 rows × 65,536 columns",
            id="a record before the sheet's BOF",
        ),
    ],
)
def test_an_xls_sheet_is_measured_as_calamine_reads_it(
    tmp_path: Path, ledger_path: Path, sheet: bytes, message: str
) -> None:
    """calamine sets aside a grid of 65,536 × 65,536 cells (137 GB) or more for each of these, and aborted."""
    path = tmp_path / "sheet.xls"
    path.write_bytes(_xls(sheet))
    err = _refusal(path, ledger_path)
    assert err.startswith(f"kpi: {path}: {message}") and err.count("\n") == 1, err


@FUZZ
@given(
    rows=st.tuples(st.integers(0, 2**16 - 1), st.integers(0, 2**16 - 1)),
    columns=st.tuples(st.integers(0, 2**16 - 1), st.integers(0, 2**16 - 1)),
    wide=st.booleans(),
    before=st.sampled_from([b"", CHART, _record(0x0055, b"\x08\x00")]),
)
def test_fuzz_xls_sheet_records(
    kpi: Runner,
    tmp_path: Path,
    ledger_path: Path,
    rows: tuple[int, int],
    columns: tuple[int, int],
    wide: bool,
    before: bytes,
) -> None:
    """A DIMENSIONS record (either form) and a cell anywhere, after an embedded chart or before the BOF."""
    opening = before + BOF if before[:2] == b"\x55\x00" else BOF + before
    dimensions = _dimensions_record(rows, columns, wide)
    path = tmp_path / "records.xls"
    path.write_bytes(_xls(opening + dimensions + _number(0, 0) + _number(rows[1], columns[1]) + EOF))
    check(kpi, ledger_path, path)


def _book(head: bytes, boundsheets: list[bytes], sheets: list[bytes]) -> bytes:
    """An .xls of a globals substream (``head``, then a BOUNDSHEET of each body after its offset, then
    EOF) and the sheets after it, each BOUNDSHEET pointing at its sheet."""
    at = len(head) + sum(8 + len(body) for body in boundsheets) + len(EOF)
    records = b""
    for body, sheet in zip(boundsheets, sheets, strict=True):
        records += _record(0x0085, struct.pack("<I", at) + body)
        at += len(sheet)
    return _compound(head + records + EOF + b"".join(sheets))


GLOBALS = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
FAR = BOF + _number(0, 0) + _number(65535, 65535) + EOF  # 65,536 × 65,536 cells (137 GB in calamine)


def _sheet_named(name: str) -> bytes:
    return struct.pack("<BBBB", 0, 0, len(name), 0) + name.encode("latin-1")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            _book(GLOBALS + _record(0x002F, b"\0\0\x01\x02\x03\x04"), [_sheet_named("A")], [FAR]),
            "sheet 'A' reaches 65,536 rows × 65,536 columns",
            id="after an XOR obfuscation's FILEPASS",
        ),
        pytest.param(
            _book(GLOBALS.replace(b"\x00\x06\x05\x00", b"\x00\x05\x05\x00"), [b"\0\0\0"], [FAR]),
            "sheet '' reaches 65,536 rows × 65,536 columns",
            id="a BIFF5 BOUNDSHEET of 7 bytes",
        ),
        pytest.param(
            _book(GLOBALS, [_sheet_named("A"), _sheet_named("A")], [FAR, BOF + _number(0, 0) + EOF]),
            "sheet 'A' reaches 65,536 rows × 65,536 columns",
            id="two sheets of one name, the far one first",
        ),
    ],
)
def test_every_sheet_calamine_reads_of_an_xls_is_measured(
    tmp_path: Path, ledger_path: Path, data: bytes, message: str
) -> None:
    """calamine reads each of these sheets (and built their 137 GB grid, and aborted); kpi had not measured it."""
    path = tmp_path / "sheets.xls"
    path.write_bytes(data)
    err = _refusal(path, ledger_path)
    assert err.startswith(f"kpi: {path}: {message}") and err.count("\n") == 1, err


@FUZZ
@given(
    names=st.lists(st.sampled_from(["A", "B", ""]), min_size=1, max_size=4),
    cells=st.lists(
        st.one_of(
            st.tuples(st.integers(0, 300), st.integers(0, 60)),
            st.tuples(st.sampled_from([0, 65535]), st.sampled_from([0, 255, 65535])),
        ),
        min_size=4,
        max_size=4,
    ),
    filepass=st.sampled_from([b"", b"\0\0", b"\0\0\x01\x02\x03\x04", b"\x01\0\x01\0\x01\0"]),
    biff5=st.booleans(),
)
def test_fuzz_xls_sheets(
    kpi: Runner,
    tmp_path: Path,
    ledger_path: Path,
    names: list[str],
    cells: list[tuple[int, int]],
    filepass: bytes,
    biff5: bool,
) -> None:
    """Sheets of one name or another, cells anywhere, after a FILEPASS of any kind, in BIFF8 or BIFF5."""
    head = GLOBALS.replace(b"\x00\x06\x05\x00", b"\x00\x05\x05\x00") if biff5 else GLOBALS
    head += _record(0x002F, filepass) if filepass else b""
    sheets = [BOF + _number(0, 0) + _number(*cells[n]) + EOF for n in range(len(names))]
    path = tmp_path / "sheets.xls"
    path.write_bytes(_book(head, [_sheet_named(name) for name in names], sheets))
    check(kpi, ledger_path, path)


# ---------------------------------------------------------------------- .ods made row by row


def _ods(rows: str, before: str = "<table:table-row") -> bytes:
    """values.ods with ``rows`` (XML) put before the first row of its first sheet, '十勝' (or before ``before``)."""
    with zipfile.ZipFile(io.BytesIO(BASES["ods"])) as book:
        content = book.read("content.xml").decode()
    return _rezip(BASES["ods"], "content.xml", content.replace(before, rows + before, 1).encode())


def _ods_row(repeat: str, cells: str) -> str:
    return f'<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>'


NUMBERS = '<table:table-cell table:number-columns-repeated="95" office:value-type="float" office:value="1"/>'


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(_ods_row("1000000000", NUMBERS), id="rows repeated 1,000,000,000 times"),
        pytest.param(_ods_row("+1000000", NUMBERS), id="rows repeated +1000000 times"),
        pytest.param(
            _ods_row("1000000", '<table:table-cell table:number-columns-repeated="95" office:value="1"/>'),
            id="numbers without a value type",
        ),
        pytest.param(_ods_row("1000000", NUMBERS) + '<x:table xmlns:x="urn:x"/>', id="an element named table"),
        pytest.param(
            _ods_row(
                "1000000",
                '<table:table-cell office:value-type="float" office:value="1"/>'
                '<table:table-cell table:number-columns-repeated="89"><table:table-row/></table:table-cell>'
                '<table:table-cell table:number-columns-repeated="5" office:value-type="float" office:value="1"/>',
            ),
            id="a row inside a cell",
        ),
    ],
)
def test_an_ods_sheet_is_measured_as_calamine_reads_it(tmp_path: Path, ledger_path: Path, rows: str) -> None:
    """calamine reads each of these as a million rows of 95 numbers or more (and asked for 2.4-3.2 GB
    of memory, aborting where it had not so much); kpi had measured a row or none."""
    path = tmp_path / "rows.ods"
    path.write_bytes(_ods(rows))
    done = _import_in_a_process(path, ledger_path)
    assert done.returncode == 2, done.stderr[-300:]
    assert re.fullmatch(
        rf"kpi: {re.escape(str(path))}: sheet '十勝' reaches [0-9,]+ rows × 9[56] columns, far more [^\n]*\n",
        done.stderr,
    ), done.stderr
    assert not ledger_path.exists()


@FUZZ
@given(
    repeat=st.one_of(
        st.integers(0, 2**70).map(str),
        st.sampled_from(["+1000000", "0001000000", "1e6", " 5", "+", "", "٣"]),
    ),
    span=st.integers(1, 20_000).map(str),
    value=st.sampled_from(
        ['office:value-type="float" office:value="1"', 'office:value="1"', 'table:formula="of:=1"', ""]
    ),
    around=st.sampled_from(
        ["{}", "{}<x:table xmlns:x='urn:x'/>", "<table:table-cell><table:table-row/></table:table-cell>{}"]
    ),
)
def test_fuzz_ods_repeats(
    kpi: Runner, tmp_path: Path, ledger_path: Path, repeat: str, span: str, value: str, around: str
) -> None:
    """A row repeated any number of times (written as calamine reads it or not), of cells of any span."""
    cell = f'<table:table-cell table:number-columns-repeated="{span}" {value}/>'
    path = tmp_path / "repeats.ods"
    path.write_bytes(_ods(_ods_row(repeat, around.format(cell))))
    check(kpi, ledger_path, path)


# ---------------------------------------------------------------------- .xlsx parts


def _xlsx_with(renamed: dict[str, str], added: dict[str, bytes], far: bool = False) -> bytes:
    """The .xlsx of BASES with parts renamed and added (its sheet reaching XFD1048576 if ``far``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(BASES["xlsx"])) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if far and info.filename == "xl/worksheets/sheet1.xml":
                far_cell = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
                content = content.replace(b"</sheetData>", far_cell)
            zout.writestr(renamed.get(info.filename, info.filename), content)
        for name, content in added.items():
            zout.writestr(name, content)
    return out.getvalue()


def _shared_strings(unique_count: str, strings: int = 1, prefix: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    namespace = f"xmlns{':' + prefix if prefix else ''}"
    held = f"<{p}si><{p}t>a</{p}t></{p}si>" * strings
    return (
        f'<?xml version="1.0"?><{p}sst {namespace}="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'uniqueCount="{unique_count}">{held}</{p}sst>'
    ).encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            _xlsx_with({}, {"xl/sharedStrings.xml": _shared_strings("100000000000")}),
            "cannot be read as an .xlsx workbook (its shared strings claim 100,000,000,000 strings and hold 1)",
            id="uniqueCount of a hundred billion",
        ),
        pytest.param(
            _xlsx_with({}, {"XL/SHAREDSTRINGS.XML": _shared_strings("100000000000")}),
            "cannot be read as an .xlsx workbook (its shared strings claim 100,000,000,000 strings and hold 1)",
            id="in a part named in capitals",
        ),
        pytest.param(
            _xlsx_with({"xl/worksheets/sheet1.xml": "xl/worksheets/SHEET1.XML"}, {}, far=True),
            "sheet 'xl/worksheets/SHEET1.XML' reaches 1,048,576 rows × 16,384 columns",
            id="a sheet named in capitals",
        ),
    ],
)
def test_the_xlsx_parts_calamine_reads_are_checked(
    tmp_path: Path, ledger_path: Path, data: bytes, message: str
) -> None:
    """calamine set aside 2.4 TB for the strings, or 550 GB for the sheet kpi had not read (it finds a
    part whatever the case of its name), and aborted."""
    path = tmp_path / "parts.xlsx"
    path.write_bytes(data)
    err = _refusal(path, ledger_path)
    assert err.startswith(f"kpi: {path}: {message}") and err.count("\n") == 1, err


@FUZZ
@given(
    unique_count=st.one_of(
        st.integers(0, 10**25).map(str), st.sampled_from(["+5", "0" * 40 + "7", "-1", "", "1e9", "2000000"])
    ),
    strings=st.integers(0, 3),
    prefix=st.sampled_from(["", "x"]),
    name=st.sampled_from(["xl/sharedStrings.xml", "XL/SHAREDSTRINGS.XML", "xl/sharedstrings.xml"]),
)
def test_fuzz_xlsx_shared_strings(
    kpi: Runner, tmp_path: Path, ledger_path: Path, unique_count: str, strings: int, prefix: str, name: str
) -> None:
    """The shared strings claiming any count, holding a few, their part named in any case."""
    path = tmp_path / "strings.xlsx"
    path.write_bytes(_xlsx_with({}, {name: _shared_strings(unique_count, strings, prefix)}))
    check(kpi, ledger_path, path)


# ---------------------------------------------------------------------- every sheet together


def _xlsx_one_sheet_named(times: int) -> bytes:
    """An .xlsx of one sheet of 3,000 × 3,007 cells (A1 and DKQ3000) that the workbook names ``times`` times."""
    book: Any = Workbook()
    book.active["A1"] = "x"
    book.active["DKQ3000"] = 1
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zin:
        workbook = zin.read("xl/workbook.xml").decode()
    one = re.search(r"<sheet [^>]*/>", workbook)
    assert one is not None
    names = "".join(
        one[0].replace('name="Sheet"', f'name="S{n}"').replace('sheetId="1"', f'sheetId="{n + 1}"')
        for n in range(times)
    )
    return _rezip(out.getvalue(), "xl/workbook.xml", workbook.replace(one[0], names).encode())


@pytest.mark.parametrize(
    ("suffix", "data", "size"),
    [
        pytest.param(
            ".xls",
            _book(
                GLOBALS,
                [_sheet_named(f"S{n}") for n in range(20)],
                [BOF + _number(0, 0) + _number(2999, 2999) + EOF] * 20,
            ),
            "180,000,000 cells in 20 sheets",
            id="an .xls of 20 sheets of 9 million cells",
        ),
        pytest.param(
            ".ods",
            _ods(
                "".join(
                    f'<table:table table:name="T{n}">{_ods_row("100000", NUMBERS)}</table:table>' for n in range(12)
                ),
                before="</office:spreadsheet>",
            ),
            "114,000,029 cells in 15 sheets",
            id="an .ods of 12 sheets of 9.5 million cells",
        ),
        pytest.param(
            ".xlsx", _xlsx_one_sheet_named(30), "27,063,000 cells in 3 sheets", id="an .xlsx naming a sheet 30 times"
        ),
    ],
)
def test_sheets_each_within_the_limit_are_refused_together(
    tmp_path: Path, ledger_path: Path, suffix: str, data: bytes, size: str | None
) -> None:
    """calamine holds every sheet of an .xls (and kpi every sheet it reads): 6 kB of 20 sheets of 9 million
    cells each took 7 GB (an abort where there was not so much)."""
    path = tmp_path / f"sheets{suffix}"
    path.write_bytes(data)
    done = _import_in_a_process(path, ledger_path)
    assert done.returncode == 2, done.stderr[-300:]
    assert done.stderr == f"kpi: {path}: a workbook far larger than a sheet of values ({size}); it is refused\n"
    assert not ledger_path.exists()


def _with_difat(last: int, start: int | None = None) -> bytes:
    """values' sheets in a compound document with one DIFAT sector more, at its end, whose next DIFAT
    sector is ``last`` (the chain starting at it, or at ``start``)."""
    from kpi_cli.ledger.xls_parts import _workbook_stream

    data = bytearray(_compound(_workbook_stream((FIXTURES / "values.xls").read_bytes())))
    extra = len(data) // 512 - 1
    data += struct.pack("<127I", *[0xFFFFFFFF] * 127) + struct.pack("<I", extra if last < 0 else last)
    struct.pack_into("<II", data, 0x44, extra if start is None else start, 1)
    return bytes(data)


def test_an_xls_whose_difat_chain_loops_is_refused_in_one_line(tmp_path: Path, ledger_path: Path) -> None:
    """calamine follows the chain round and round, each time 127 entries more, till memory runs out."""
    path = tmp_path / "difat.xls"
    path.write_bytes(_with_difat(-1))
    done = _import_in_a_process(path, ledger_path)
    assert done.returncode == 2, done.stderr[-300:]
    assert done.stderr == (
        f"kpi: {path}: cannot be read as an .xls workbook (the DIFAT chain loops); open it in Excel and save it again\n"
    )
    assert not ledger_path.exists()


@FUZZ
@given(
    last=st.one_of(st.integers(-1, 20), st.sampled_from([0xFFFFFFFA, 0xFFFFFFFC, 0xFFFFFFFE, 0xFFFFFFFF, 2**31])),
    start=st.one_of(st.none(), st.integers(0, 20), st.sampled_from([0xFFFFFFF9, 0xFFFFFFFA, 0xFFFFFFFE])),
)
def test_fuzz_xls_difat(kpi: Runner, tmp_path: Path, ledger_path: Path, last: int, start: int | None) -> None:
    """A DIFAT chain starting anywhere, going on anywhere."""
    path = tmp_path / "difat.xls"
    path.write_bytes(_with_difat(last, start))
    check(kpi, ledger_path, path)
