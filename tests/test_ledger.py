"""The ledger never loses or silently changes a row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Runner, digest
from kpi_cli.ledger.format import HEADER, NewRow, chain_hash, writer_file_name
from kpi_cli.ledger.head import head_path
from kpi_cli.ledger.read import read
from kpi_cli.ledger.write import append


def new(kpi_id: str = "donan-tourists", year: int = 2016, value: str = "1372.6", **kw: object) -> NewRow:
    return NewRow(
        recorded_at=str(kw.pop("recorded_at", "2026-06-01T10:00:00.000+09:00")),
        recorded_by=str(kw.pop("recorded_by", "tester")),
        kpi_id=kpi_id,
        year=year,
        value=value,
        **kw,  # type: ignore[arg-type]
    )


def test_record_writes_exact_bytes(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", "donan-tourists", "H28", "1,372.6万人", "--note", "渡島+檜山", "--source", "article 12222")
    assert r.code == 0, r.err
    assert r.out == f"recorded: 観光入込客数 [donan-tourists] H28/2016 = 1,372.6万人 → {ledger_path}:2\n"
    data = ledger_path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    lines = data.decode("utf-8").split("\n")
    assert lines[0] == HEADER and lines[-1] == ""
    fields = lines[1].split(",")
    assert fields[1:9] == ["tester", "donan-tourists", "2016", "1372.6", "渡島+檜山", "article 12222", "false", ""]
    assert fields[0][:4].isdigit() and fields[0][10] == "T" and fields[0][-6] in "+-"  # ISO 8601 with offset
    assert fields[9] == chain_hash(b"", ",".join(fields[:9]).encode("utf-8"))


BAD_RECORDS = [
    (("nowhere", "2016", "1"), "unknown KPI 'nowhere'"),
    (("観光入込客数", "2016", "1"), "matches 9 KPIs; give one id"),
    (("donan-tourists", "H32", "1"), "平成 ended in its 31st year"),
    (("donan-tourists", "2040", "1"), "is outside the plan's years (H21/2009–R2/2020)"),
    (("donan-tourists", "1990", "1"), "is outside the plan's years"),
    (("donan-tourists", "2016", "1,372.6千人"), "is in 千人, but this KPI is measured in 万人"),
    (("donan-tourists", "2016", "NaN"), "is not a decimal number"),
    (("donan-tourists", "2016", "inf"), "is not a decimal number"),
    (("donan-tourists", "2016", "1_000"), "is not a plain decimal number"),
    (("donan-tourists", "2016", "1e3"), "is not a plain decimal number"),
    (("donan-tourists", "2016", ""), "empty value"),
    (("donan-tourists", "2016", "١٢٣"), "is not a decimal number"),
    (("donan-tourists", "2016", "12,34"), "is not a plain decimal number"),
    (("donan-tourists", "2016", "1", "--note", "two\nlines"), "the note contains a line break"),
]


@pytest.mark.parametrize(("args", "message"), BAD_RECORDS)
def test_bad_record_changes_nothing(kpi: Runner, ledger_path: Path, args: tuple[str, ...], message: str) -> None:
    assert kpi("record", "donan-tourists", "2015", "1200").code == 0
    before = digest(ledger_path)
    r = kpi("record", *args)
    assert r.code == 2
    assert message in r.err
    assert len(r.err.splitlines()) == 1 and r.err.startswith("kpi: ")
    assert "Traceback" not in r.err
    assert digest(ledger_path) == before


@pytest.mark.parametrize("typed", ["−5", "－5", "-5"])
def test_negative_count_refused(kpi: Runner, ledger_path: Path, typed: str) -> None:
    r = kpi("record", "donan-tourists", "2016", "--", typed)
    assert r.code == 2
    assert (
        r.err
        == "kpi: value -5 is negative, but donan-tourists counts 万人, which cannot be below zero; check the sign\n"
    )
    assert not ledger_path.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1,372.6", "1372.6"),
        ("１，３７２．６", "1372.6"),
        ("1,372.6万人", "1372.6"),
        ("81.0", "81.0"),
    ],
)
def test_values_as_typed(kpi: Runner, ledger_path: Path, typed: str, stored: str) -> None:
    assert kpi("record", "donan-tourists", "2016", typed).code == 0
    assert ledger_path.read_text("utf-8").splitlines()[1].split(",")[4] == stored


def test_duplicate_needs_correct_and_newest_wins(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("record", "donan-tourists", "2017", "1171").code == 0
    before = digest(ledger_path)
    r = kpi("record", "donan-tourists", "R元", "1000")  # R1 = 2019: different year, fine
    assert r.code == 0
    before = digest(ledger_path)
    r = kpi("record", "donan-tourists", "H29", "1172")
    assert r.code == 2
    assert r.err == (
        f"kpi: donan-tourists H29/2017 already has the value 1171 ({ledger_path}:2), not 1172; "
        "use --correct to supersede it\n"
    )
    assert digest(ledger_path) == before
    assert kpi("record", "donan-tourists", "2017", "1172", "--correct").code == 0
    rows = read(ledger_path)
    assert rows.current[("donan-tourists", 2017)].value == "1172"
    h = kpi("history", "donan-tourists", "--year", "2017", "--oldest-first", "-f", "csv")
    lines = list(csv.DictReader(io.StringIO(h.out)))
    first_hash = rows.kept[0].hash if rows.kept else read(ledger_path, keep=frozenset()).kept[0].hash
    assert [(x["value"], x["correction"], x["superseded"], x["supersedes"]) for x in lines] == [
        ("1171", "false", "true", ""),
        ("1172", "true", "false", first_hash),
    ]
    r = kpi("record", "donan-tourists", "2018", "1000", "--correct")
    assert r.code == 2 and "nothing to correct; drop --correct" in r.err


def test_recorded_by_sources(kpi: Runner, ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert kpi("record", "donan-tourists", "2015", "1000", "--by", "渡島 太郎").code == 0
    monkeypatch.delenv("KPI_USER")
    assert kpi("record", "donan-tourists", "2016", "1000").code == 0
    by = [line.split(",")[1] for line in ledger_path.read_text("utf-8").splitlines()[1:]]
    assert by[0] == "渡島 太郎" and by[1]


NOTES = st.text(  # what a note may hold: what kpi's input accepts (no control or format characters)
    alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Cf"], blacklist_characters="\r\n\x85\u2028\u2029")
    | st.just("\t"),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(NOTES, min_size=1, max_size=5))
def test_round_trip_and_earlier_bytes_never_change(tmp_path: Path, notes: list[str]) -> None:
    path = tmp_path / "rt" / "ledger.csv"
    path.parent.mkdir(exist_ok=True)
    path.unlink(missing_ok=True)
    path.with_name("ledger.csv.head").unlink(missing_ok=True)  # a new ledger each example
    previous = b""
    for i, note in enumerate(notes):
        append(path, [new(year=2010 + i, value=f"{i}.5", note=note, source=note[::-1])])
        data = path.read_bytes()
        assert data.startswith(previous)
        previous = data
    got = read(path, keep=frozenset())
    assert not got.problems
    assert [(r.note, r.source, r.value) for r in got.kept] == [(n, n[::-1], f"{i}.5") for i, n in enumerate(notes)]


def test_data_is_data(kpi: Runner, ledger_path: Path) -> None:
    note = 'a, "quoted"\ttab 😀 =HYPERLINK("http://x") <script>alert(1)</script>'
    assert kpi("record", "donan-tourists", "2016", "1000", "--note", note).code == 0
    (row,) = read(ledger_path, keep=frozenset()).kept
    assert row.note == note
    assert kpi("verify").code == 0


def test_excel_saved_ledger_is_readable(kpi: Runner, ledger_path: Path) -> None:
    append(ledger_path, [new(year=2015, value="1"), new(year=2016, value="2")])
    text = ledger_path.read_text("utf-8")
    ledger_path.write_bytes(b"\xef\xbb\xbf" + text.rstrip("\n").replace("\n", "\r\n").encode("utf-8"))
    got = read(ledger_path)
    assert not got.problems and got.row_count == 2
    assert kpi("record", "donan-tourists", "2017", "3").code == 0
    assert kpi("verify").code == 0
    assert read(ledger_path).row_count == 3


def _ledger_with(tmp: Path, n: int) -> Path:
    path = tmp / "ledger.csv"
    for i in range(n):
        append(path, [new(year=2010 + i, value=str(100 + i))])
    return path


def test_tamper_edit_detected_at_its_line(kpi: Runner, ledger_path: Path) -> None:
    _ledger_with(ledger_path.parent, 4)
    lines = ledger_path.read_text("utf-8").split("\n")
    lines[2] = lines[2].replace(",101,", ",999,")
    ledger_path.write_text("\n".join(lines), "utf-8")
    r = kpi("verify")
    assert r.code == 1
    assert f"{ledger_path}:3: hash does not match" in r.out
    assert r.out.count("hash does not match") == 1
    s = kpi("history", "-f", "csv")
    assert "999" not in s.out
    assert f"kpi: warning: {ledger_path}:3: hash does not match" in s.err


def test_tamper_delete_and_swap_detected(kpi: Runner, ledger_path: Path) -> None:
    _ledger_with(ledger_path.parent, 4)
    lines = ledger_path.read_text("utf-8").split("\n")
    deleted = [*lines[:2], *lines[3:]]
    ledger_path.write_text("\n".join(deleted), "utf-8")
    r = kpi("verify")
    assert r.code == 1 and f"{ledger_path}:3: hash does not match" in r.out and r.out.count("hash does not") == 1
    swapped = [lines[0], lines[1], lines[3], lines[2], *lines[4:]]
    ledger_path.write_text("\n".join(swapped), "utf-8")
    r = kpi("verify")
    assert r.code == 1
    assert f"{ledger_path}:3: hash does not match" in r.out and f"{ledger_path}:4: hash does not match" in r.out


def test_torn_last_line_ignored_reported_and_removed(kpi: Runner, ledger_path: Path) -> None:
    _ledger_with(ledger_path.parent, 2)
    good = ledger_path.read_bytes()
    ledger_path.write_bytes(good + b"2026-06-01T10:00:00.000+09:00,tester,donan-tou")
    r = kpi("verify")
    assert r.code == 1
    assert f"{ledger_path}:4: incomplete last line (a write was interrupted)" in r.out
    assert read(ledger_path).row_count == 2
    assert kpi("record", "donan-tourists", "2016", "5").code == 0
    assert ledger_path.read_bytes().startswith(good)
    assert kpi("verify").code == 0


def test_incomplete_import_batch_ignored(kpi: Runner, ledger_path: Path) -> None:
    append(ledger_path, [new(year=2012, value="1")])
    good = ledger_path.read_bytes()
    head = head_path(ledger_path)
    before = head.read_bytes()  # what kpi remembered before the batch: a crash never updates it
    append(ledger_path, [new(year=2013, value="2"), new(year=2014, value="3"), new(year=2015, value="4")])
    full = ledger_path.read_bytes()
    head.write_bytes(before)
    for cut in range(len(good) + 1, len(full) - 1):  # (the last cut only drops the final newline)
        ledger_path.write_bytes(full[:cut])
        got = read(ledger_path)
        assert got.row_count == 1, cut  # never part of a batch
        assert got.problems, cut
    ledger_path.write_bytes(full[: full.rindex(b"\n", 0, len(full) - 1) + 1])  # two of three rows, whole lines
    r = kpi("verify")
    assert r.code == 1 and "is incomplete (2 of 3 rows" in r.out
    assert kpi("record", "donan-tourists", "2016", "5").code == 0
    assert ledger_path.read_bytes().startswith(good)
    assert read(ledger_path).row_count == 2
    assert kpi("verify").code == 0


def test_folder_mode_two_writers_and_conflict(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    monkeypatch.setenv("KPI_LEDGER", str(folder))
    assert kpi("record", "donan-tourists", "2016", "1267", "--by", "oshima").code == 0
    assert kpi("record", "dohoku-tourists", "2016", "2200", "--by", "kamikawa").code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "kamikawa.csv",
        "kamikawa.csv.head",
        "oshima.csv",
        "oshima.csv.head",
    ]
    r = kpi("record", "donan-tourists", "2016", "1300", "--by", "kamikawa")
    assert r.code == 2 and f"({folder / 'oshima.csv'}:2)" in r.err  # duplicates are seen across files
    # a conflict as after merging two branches: same KPI and year, different values, no correction
    append(folder / "hiyama.csv", [new(year=2016, value="105.6", recorded_by="hiyama")])
    r = kpi("verify")
    assert r.code == 1
    (line,) = [x for x in r.out.splitlines() if "conflict:" in x]
    assert "conflict: donan-tourists H28/2016 = " in line and "1267 (" in line and "105.6 (" in line
    assert f"{folder / 'oshima.csv'}: 1 rows, head " in r.out
    assert f"{folder}: 3 rows in 3 files" in r.out


def test_verify_clean_prints_rows_and_head(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("verify")  # a ledger named explicitly (KPI_LEDGER) must exist
    assert (r.code, r.err) == (
        1,
        f"kpi: ledger {ledger_path} does not exist; check the path (kpi verify does not create it)\n",
    )
    _ledger_with(ledger_path.parent, 3)
    head = ledger_path.read_text("utf-8").splitlines()[-1].rsplit(",", 1)[1]
    r = kpi("verify")
    assert r.code == 0
    assert r.out == f"{ledger_path}: 3 rows, head {head}\n"


def test_verify_unknown_kpi_and_wrong_header(kpi: Runner, ledger_path: Path) -> None:
    append(ledger_path, [new(kpi_id="gone-kpi", year=2016)])
    r = kpi("verify")
    assert r.code == 1 and "1 values of 1 KPIs the plan" in r.out
    assert "(gone-kpi): they are left out; was a KPI renamed" in r.out
    ledger_path.write_text("a,b,c\n1,2,3\n", "utf-8")
    r = kpi("verify")
    assert r.code == 2 and f"kpi: {ledger_path}:1: not a kpi ledger (header is 'a,b,c')" in r.err


def test_missing_ledger_folder(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LEDGER", str(tmp_path / "no" / "such" / "ledger.csv"))
    r = kpi("record", "donan-tourists", "2016", "1000")
    assert r.code == 2 and "does not exist; create it or choose another --ledger" in r.err


def test_writer_file_name() -> None:
    assert writer_file_name("渡島 太郎") == "渡島 太郎.csv"
    assert writer_file_name("a/b:c") == "a_b_c.csv"
    assert writer_file_name("..") == "unknown.csv"


def test_ledger_in_a_missing_folder_is_an_error_for_every_command(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KPI_LEDGER", str(tmp_path / "typo" / "ledger.csv"))
    for args in (("verify",), ("status",), ("history",)):
        r = kpi(*args)
        assert r.code == 2 and f"folder {tmp_path / 'typo'} does not exist; create it or choose" in r.err
    monkeypatch.setenv("KPI_LEDGER", str(tmp_path / "ledger.csv"))
    assert kpi("status", "-f", "csv").code == 0  # an existing folder without a ledger yet is fine


@pytest.mark.parametrize(
    ("by", "name"),
    [
        ("CON", "_CON.csv"),
        ("con", "_con.csv"),
        ("Nul.txt", "_Nul.txt.csv"),
        ("aux ", "_aux.csv"),
        ("COM1", "_COM1.csv"),
        ("lpt9.csv", "_lpt9.csv.csv"),
        ("COM10", "COM10.csv"),  # not a device
        ("console", "console.csv"),
    ],
)
def test_a_writer_named_as_a_windows_device_gets_a_file_windows_can_make(by: str, name: str) -> None:
    assert writer_file_name(by) == name


def test_by_con_in_folder_mode(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ledger"
    folder.mkdir()
    monkeypatch.setenv("KPI_LEDGER", str(folder) + "/")
    r = kpi("record", "donan-tourists", "2016", "1000", "--by", "CON")
    assert r.code == 0, r.err
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".csv") == ["_CON.csv"]
    assert r.out.endswith(f"→ {folder / '_CON.csv'}:2\n")
    assert kpi("verify").code == 0
