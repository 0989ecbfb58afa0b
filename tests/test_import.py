"""`kpi import`: all rows checked first; one batch or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
        "action,kpi_id,kpi_name,office,year,value,unit,note,source,where,reason",
        f"record,donan-tourists,観光入込客数,,2016,1372.6,万人,渡島+檜山,article,{src}:2,",
        f"record,dohoku-tourists,観光入込客数,,2016,2200,万人,,,{src}:3,",
    ]
    assert "dry run: 2 rows would be recorded" in r.err
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
