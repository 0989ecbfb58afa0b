"""`kpi import`: all rows checked first; one batch or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Runner, digest
from kpi_cli.ledger.read import read

GOOD = 'kpi_id,year,value,note,source\ndonan-tourists,H28,"1,372.6",渡島+檜山,article\ndohoku-tourists,2016,2200,,\n'


def test_import_utf8(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(GOOD, "utf-8")
    r = kpi("import", str(src))
    assert r.code == 0, r.err
    assert r.out == f"imported 2 rows into {ledger_path} (lines 2-3)\n"
    got = read(ledger_path, keep=frozenset())
    assert [(x.kpi_id, x.year, x.value, x.note) for x in got.kept] == [
        ("donan-tourists", 2016, "1372.6", "渡島+檜山"),
        ("dohoku-tourists", 2016, "2200", ""),
    ]
    assert all(x.batch.endswith(("1/2", "2/2")) for x in got.kept)


def test_import_excel_cp932_and_bom(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "excel.csv"
    src.write_bytes(GOOD.replace("\n", "\r\n").encode("cp932"))
    r = kpi("import", str(src))  # cp932 is detected, and said
    assert r.code == 0, r.err
    assert r.err == f"kpi: warning: {src}: read as cp932 (Shift-JIS, Excel's CSV on Japanese Windows)\n"
    assert read(ledger_path).row_count == 2
    again = kpi("import", str(src), "--encoding", "cp932")  # forced: no notice; same values: nothing new
    assert (again.code, again.err) == (0, "")
    assert again.out == f"imported 0 rows: nothing new in {src}; 2 unchanged\n"
    assert read(ledger_path).row_count == 2
    wrong = kpi("import", str(src), "--encoding", "utf-8")
    assert wrong.code == 2 and "not valid utf-8 text; check --encoding" in wrong.err
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + b"kpi_id,year,value\r\nokhotsk-tourists,R1,900\r\n")
    assert kpi("import", str(bom)).code == 0
    assert read(ledger_path).row_count == 3


def test_import_stdin(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("import", "-", stdin="kpi_id,year,value\ndonan-tourists,2017,1171\n")
    assert r.code == 0 and "imported 1 rows" in r.out


def test_every_bad_row_listed_nothing_written(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    assert kpi("record", "donan-tourists", "2015", "1000").code == 0
    before = digest(ledger_path)
    src = tmp_path / "bad.csv"
    src.write_text(
        "kpi_id,year,value\n"
        "donan-tourists,2016,1\n"
        "nowhere,2016,1\n"
        "donan-tourists,H32,1\n"
        'donan-tourists,2017,"1,372千人"\n'
        "donan-tourists,2016,2\n",
        "utf-8",
    )
    r = kpi("import", str(src))
    assert r.code == 2
    lines = r.err.splitlines()
    assert lines[0] == f"kpi: {src}: 4 bad rows; nothing was written. Fix them and import again:"
    assert lines[1].startswith(f"kpi: {src}:3: unknown KPI 'nowhere'")
    assert lines[2].startswith(f"kpi: {src}:4: year 'H32' does not exist")
    assert lines[3].startswith(f"kpi: {src}:5: ")
    assert lines[4] == (
        f"kpi: {src}:6: donan-tourists H28/2016 appears again (first at line 2); keep one row per KPI and year"
    )
    assert digest(ledger_path) == before


def test_import_duplicate_with_ledger(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    assert kpi("record", "donan-tourists", "2016", "1000").code == 0
    before = digest(ledger_path)
    src = tmp_path / "dup.csv"
    src.write_text(GOOD, "utf-8")
    r = kpi("import", str(src))
    assert r.code == 2 and "already has the value 1" in r.err
    assert digest(ledger_path) == before
    assert kpi("import", str(src), "--correct").code == 2  # dohoku has nothing to correct
    assert digest(ledger_path) == before


def test_header_required(kpi: Runner, tmp_path: Path) -> None:
    src = tmp_path / "noheader.csv"
    src.write_text("donan-tourists,2016,1\n", "utf-8")
    r = kpi("import", str(src))
    assert r.code == 2 and "the header lacks kpi_id, year, value" in r.err


def test_dry_run_writes_nothing(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(GOOD, "utf-8")
    r = kpi("import", str(src), "--dry-run", "-f", "csv")
    assert r.code == 0
    assert r.out.splitlines() == [
        "action,kpi_id,kpi_name,office,year,value,unit,note,source,where,reason,half,form,status",
        f"record,donan-tourists,観光入込客数,,2016,1372.6,万人,渡島+檜山,article,{src}:2,,,,",
        f"record,dohoku-tourists,観光入込客数,,2016,2200,万人,,,{src}:3,,,,",
    ]
    assert r.err == f"kpi: dry run: 2 rows would be recorded in {ledger_path}; nothing written\n"
    assert not ledger_path.exists()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parent.parent / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_eight_concurrent_writers(ledger_path: Path, plan) -> None:  # type: ignore[no-untyped-def]
    kpis = [k.id for k in plan.kpis if k.baseline is not None][:8]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "kpi_cli", "record", k, "2016", str(i), "--by", f"w{i}", "--unusual"],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i, k in enumerate(kpis)
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    got = read(ledger_path, keep=frozenset())
    assert not got.problems
    assert sorted(r.kpi_id for r in got.kept) == sorted(kpis)
    text = ledger_path.read_text("utf-8")
    assert text.count("\n") == 9 and text.endswith("\n")


@pytest.mark.parametrize(
    ("header", "first", "second", "field"),
    [
        ("ID,KPI ID,year,value", "ID", "KPI ID", "KPI ID (kpi_id)"),
        ("指標,KPI ID,年度,実績値", "指標", "KPI ID", "KPI ID (kpi_id)"),
        ("kpi_id,year,value,value", "value", "value", "value (value)"),
        ("KPI ID,年度,実績,実績値", "実績", "実績値", "value (value)"),
        ("kpi_id,year,年,value", "year", "年", "year (year)"),
        ("KPI名,指標名,年度,実績値", "KPI名", "指標名", "KPI name (kpi_name)"),
    ],
)
def test_two_columns_for_one_field_are_refused(
    kpi: Runner, tmp_path: Path, ledger_path: Path, header: str, first: str, second: str, field: str
) -> None:
    src = tmp_path / "two.csv"
    src.write_text(f"{header}\ndonan-tourists,2016,1200,1210\n", "utf-8")
    r = kpi("import", str(src))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"kpi: {src}:1: the columns {first!r} and {second!r} both give the {field}; keep one of them "
        "(delete or rename the other) and import again\n"
    )
    assert not ledger_path.exists()


def test_two_columns_in_a_workbook_header_are_refused_too(kpi: Runner, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "R1"
    sheet.append(["実績値\nvalue", "KPI ID", "年度", "実績"])
    sheet.append([1200, "donan-tourists", 2016, 1210])
    src = tmp_path / "two.xlsx"
    book.save(src)
    r = kpi("import", str(src))
    assert r.err == (
        f"kpi: {src}:R1!1: the columns '実績値 value' and '実績' both give the value (value); keep one of them "
        "(delete or rename the other) and import again\n"
    )


def test_a_kpi_name_column_stands_for_the_id_when_the_name_is_unique(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    src = tmp_path / "names.csv"
    src.write_text("KPI名,年度,実績値\n自主防災組織カバー率,R1,52.3\n", "utf-8")
    r = kpi("import", str(src))
    assert (r.code, r.err) == (0, ""), r.err
    assert [(x.kpi_id, x.year, x.value) for x in read(ledger_path, keep=frozenset()).kept] == [
        ("dohoku-disaster-org-coverage", 2019, "52.3")
    ]
    before = digest(ledger_path)
    shared = tmp_path / "shared.csv"
    shared.write_text("KPI名,年度,実績値\n観光入込客数,R1,1430\n", "utf-8")
    r = kpi("import", str(shared))
    assert r.code == 2
    line = r.err.splitlines()[1]
    assert line.startswith(f"kpi: {shared}:2: ") and " KPIs are named '観光入込客数' (" in line
    assert "donan-tourists" in line and "okhotsk-tourists" in line
    assert line.endswith("); give the KPI's id in a kpi_id column instead")
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("KPI名,年度,実績値\n観光客数,R1,1430\n", "utf-8")
    r = kpi("import", str(unknown))
    assert r.err.splitlines()[1] == (
        f"kpi: {unknown}:2: no KPI is named '観光客数'; give its id in a kpi_id column (see: kpi kpis)"
    )
    assert digest(ledger_path) == before


def test_the_id_column_wins_over_the_name_column(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "both.csv"  # kpi's own templates and exports have both
    src.write_text("kpi_id,kpi_name,year,value\ndonan-tourists,観光入込客数,R1,1430\n", "utf-8")
    r = kpi("import", str(src))
    assert (r.code, r.err) == (0, "")


def test_a_name_fragment_is_said_once_as_the_kpi_it_was_taken_as(kpi: Runner, tmp_path: Path) -> None:
    src = tmp_path / "fragment.csv"
    src.write_text("kpi_id,year,value\n自主防災,2018,47.2\n自主防災,2019,52.3\n", "utf-8")
    r = kpi("import", str(src))
    assert r.code == 0
    assert r.err == "kpi: warning: '自主防災' taken as dohoku-disaster-org-coverage (自主防災組織カバー率)\n"


def _xlsx(path: Path, rows: list[list[Any]], title: str = "R1") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in [["KPI ID", "年度", "実績値"], *rows]:
        sheet.append(row)
    book.save(path)
    return path


def test_several_files_are_one_batch(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    a = _xlsx(tmp_path / "a.xlsx", [["donan-tourists", 2018, 1260.4]])
    b = tmp_path / "b.csv"
    b.write_text("kpi_id,year,value\nokhotsk-tourists,2018,870.2\n", "utf-8")
    c = _xlsx(tmp_path / "c.xlsx", [["dohoku-tourists", 2018, 2230], ["dohoku-tourists", 2019, None]])
    r = kpi("import", str(a), str(b), str(c))
    assert (r.code, r.err) == (0, ""), r.err
    assert r.out == f"imported 3 rows into {ledger_path} (lines 2-4); 1 blank (not yet known)\n"
    kept = read(ledger_path, keep=frozenset()).kept
    assert [(x.kpi_id, x.value) for x in kept] == [
        ("donan-tourists", "1260.4"),
        ("okhotsk-tourists", "870.2"),
        ("dohoku-tourists", "2230"),
    ]
    assert [x.batch.split(":")[1] for x in kept] == ["1/3", "2/3", "3/3"]  # one batch of 3 rows
    assert len({x.batch.split(":")[0] for x in kept}) == 1
    again = kpi("import", str(a), str(b), str(c))
    assert again.out == f"imported 0 rows: nothing new in {a}, {b}, {c}; 3 unchanged, 1 blank (not yet known)\n"


def test_a_bad_row_in_any_file_writes_nothing_and_every_one_is_listed(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    assert kpi("record", "donan-tourists", "2015", "1180").code == 0
    before = digest(ledger_path)
    a = _xlsx(tmp_path / "a.xlsx", [["donan-tourists", 2018, 1260.4], ["donan-tourists", 2019, "abc"]], "渡島")
    b = tmp_path / "b.csv"
    b.write_text("kpi_id,year,value\nokhotsk-tourists,2018,870.2\nnowhere,2018,1\n", "utf-8")
    c = _xlsx(tmp_path / "c.xlsx", [["dohoku-tourists", 2018, 2230]])
    r = kpi("import", str(a), str(b), str(c))
    assert (r.code, r.out) == (2, "")
    lines = r.err.splitlines()
    assert lines[0] == f"kpi: 2 bad rows in {a}, {b}; nothing was written. Fix them and import again:"
    assert lines[1].startswith(f"kpi: {a}:渡島!3: value 'abc' is not a decimal number")
    assert lines[2].startswith(f"kpi: {b}:3: unknown KPI 'nowhere'")
    assert len(lines) == 3
    assert digest(ledger_path) == before


def test_the_same_kpi_and_year_in_two_files_is_a_conflict_naming_both(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    a = _xlsx(tmp_path / "a.xlsx", [["donan-tourists", 2018, 1260.4]])
    b = tmp_path / "b.csv"
    b.write_text("kpi_id,year,value\ndonan-tourists,H30,1260.4\n", "utf-8")
    r = kpi("import", str(a), str(b))
    assert r.code == 2
    assert r.err.splitlines() == [
        f"kpi: {b}: 1 bad row; nothing was written. Fix it and import again:",
        f"kpi: {b}:2: donan-tourists H30/2018 is also in {a}:R1!2; give each KPI and year in one file only",
    ]
    assert not ledger_path.exists()


def test_a_file_that_cannot_be_read_among_several_writes_nothing(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    a = _xlsx(tmp_path / "a.xlsx", [["donan-tourists", 2018, 1260.4]])
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    missing = tmp_path / "c.csv"
    r = kpi("import", str(a), str(broken), str(missing))
    assert r.code == 2
    assert r.err.splitlines() == [
        "kpi: 2 of 3 files cannot be imported; nothing was written. Fix them and import again:",
        f"kpi: {broken}: cannot be read as an .xlsx workbook (BadZipFile); open it in Excel and save it again",
        f"kpi: cannot read {missing}: No such file or directory; check the path",
    ]
    assert not ledger_path.exists()
    twice = kpi("import", str(a), str(tmp_path / "." / "a.xlsx"))
    assert (twice.code, twice.err) == (2, f"kpi: {tmp_path / '.' / 'a.xlsx'} is given twice; give each file once\n")
