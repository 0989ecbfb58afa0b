"""Ledger format 2 (issue 26.3, 24.4, 24.5): what a value is (速報 or 確定, a running total, a half-year's)
and where it came from (file and row, the office that returned the sheet), kept in four columns.

A file that never needed them stays format 1 (a kpi that knows only format 1 still reads it); the
first row that says more gives the file format 2's header, once, with every row before it intact.
Every figure below is made up."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import Runner, digest
from kpi_cli.ledger.format import COLUMNS_V2, HEADER, HEADER_V2, NewRow, encode_rows
from kpi_cli.ledger.head import load
from kpi_cli.ledger.read import read


def _status(kpi: Runner, kpi_id: str, *args: str) -> dict[str, object]:
    r = kpi("status", "--format", "json", *args)
    assert r.code == 0, r.err
    found: dict[str, object] = next(k for k in json.loads(r.out)["kpis"] if k["kpi_id"] == kpi_id)
    return found


def _history(kpi: Runner, kpi_id: str) -> list[dict[str, object]]:
    r = kpi("history", kpi_id, "--format", "json", "--oldest-first")
    assert r.code == 0, r.err
    rows: list[dict[str, object]] = json.loads(r.out)["rows"]
    return rows


# ------------------------------------------------------------------ the file


def test_a_file_stays_format_1_until_a_row_says_more(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("record", "tokachi-tech-sites", "H30", "14").code == 0
    assert ledger_path.read_bytes().split(b"\n")[0] == HEADER.encode()
    first = ledger_path.read_bytes().split(b"\n", 1)[1]
    assert kpi("record", "tokachi-tech-sites", "R1", "15", "--provisional").code == 0
    data = ledger_path.read_bytes()
    header, rest = data.split(b"\n", 1)
    assert header == HEADER_V2.encode()
    assert rest.startswith(first)  # the format 1 row as it was, its hash intact
    last = rest.split(b"\n")[-2].split(b",")
    assert len(last) == len(COLUMNS_V2) and last[10] == b"provisional"
    head = load(ledger_path)
    assert head is not None and head.end == len(data) and head.line == 3  # the head moved with the rows
    assert kpi("verify").code == 0
    assert read(ledger_path).row_count == 2


def test_a_newer_format_is_said_as_such(kpi: Runner, ledger_path: Path) -> None:
    ledger_path.write_text(",".join([*COLUMNS_V2[:-1], "unit_checked", "hash"]) + "\n", "utf-8")
    before = digest(ledger_path)
    for args in (("status",), ("record", "tokachi-tech-sites", "R1", "15")):
        r = kpi(*args)
        assert r.code != 0 and r.out == ""
        assert "written by a newer kpi" in r.err and "pip install -U kpi-cli" in r.err
        assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert digest(ledger_path) == before


def test_format_2_rows_under_a_format_1_header_are_read_and_the_header_put_back(kpi: Runner, ledger_path: Path) -> None:
    """Someone pasted the header of an older file over a format 2 file (or a merge took the old one): the
    rows are intact by their hashes, so they are read; writers refuse until verify --repair puts back
    format 2's header, byte for byte the file kpi wrote."""
    assert kpi("record", "tokachi-tech-sites", "R1", "15", "--final").code == 0
    assert kpi("record", "tokachi-tech-sites", "H30", "14", "--provisional").code == 0
    written = ledger_path.read_bytes()
    ledger_path.write_bytes(HEADER.encode() + b"\n" + written.split(b"\n", 1)[1])
    r = kpi("verify")
    assert r.code == 1
    assert (
        f"{ledger_path}: 2 rows of ledger format 2 under a format 1 header (lines 2-3; the header was edited?); "
        "the rows are read; run kpi verify --repair to put back the format 2 header\n"
    ) in r.out  # one line for the file, however many rows
    status = kpi("status", "--format", "csv")
    assert status.err.count("under a format 1 header") == 1
    assert f"{ledger_path}: 2 rows, head " in r.out
    assert _status(kpi, "tokachi-tech-sites")["actual"] == 15  # nothing left unread
    swapped = digest(ledger_path)
    r = kpi("record", "tokachi-tech-sites", "H29", "3")
    assert r.code == 2 and digest(ledger_path) == swapped
    assert r.err.endswith(
        f"kpi: {ledger_path} has a row of ledger format 2 under a format 1 header at line 2; nothing was "
        "recorded; run kpi verify --repair to put back the format 2 header\n"
    )
    assert kpi("verify", "--repair").code == 0
    assert ledger_path.read_bytes() == written
    assert kpi("verify").code == 0


def test_a_format_1_row_padded_by_a_re_save_is_restored(kpi: Runner, ledger_path: Path) -> None:
    """A spreadsheet saving a file with format 2's header pads every format 1 row with empty columns:
    the rows are intact (their hashes say so), read, and repair gives back the file kpi wrote."""
    assert kpi("record", "tokachi-tech-sites", "H30", "14").code == 0
    assert kpi("record", "tokachi-tech-sites", "R1", "15", "--provisional").code == 0
    written = ledger_path.read_bytes()
    header, first, rest = written.split(b"\n", 2)
    ledger_path.write_bytes(b"\n".join([header, first + b",,,,", rest]))  # (a spreadsheet pads on the right)
    r = kpi("verify")
    assert r.code == 1 and "empty columns added" in r.out
    assert _status(kpi, "tokachi-tech-sites")["previous_value"] == 14
    assert kpi("verify", "--repair").code == 0
    assert ledger_path.read_bytes() == written


# ------------------------------------------------------------------ 速報 and 確定


def test_the_final_figure_replaces_the_provisional_one_without_correct(kpi: Runner, ledger_path: Path) -> None:
    """A figure published as a 速報 (950億円), then as the 確定 (955.3億円): a revision, not a conflict (as 渡島's
    FY2018 arrivals were: 1,201.4万人 in June 2019, 1,203.68万人 in the report)."""
    r = kpi("record", "tokachi-food-value-added", "H30", "950", "--provisional")
    assert r.code == 0, r.err
    assert r.out.startswith("recorded: ") and "950億円（速報）" in r.out
    assert _status(kpi, "tokachi-food-value-added")["provisional"] is True
    table = kpi("status", "--region", "十勝", "--format", "table").out
    assert "H30/2018 速報" in table
    r = kpi("record", "tokachi-food-value-added", "H30", "955.3", "--final")
    assert r.code == 0, r.err
    assert r.out.startswith("revised (確定): ") and "955.3億円（確定）" in r.out
    assert _status(kpi, "tokachi-food-value-added")["actual"] == 955.3
    assert _status(kpi, "tokachi-food-value-added")["provisional"] is False
    history = _history(kpi, "tokachi-food-value-added")
    assert [(h["value"], h["status"], h["superseded"]) for h in history] == [
        (950, "provisional", True),
        (955.3, "final", False),
    ]
    v = kpi("verify")
    assert v.code == 0
    assert "tokachi-food-value-added H30/2018: revised to the 確定 955.3, which replaced an earlier value" in v.out
    shown = kpi("show", "tokachi-food-value-added", "--format", "table").out
    assert "置換済（速報）" in shown and "訂正（確定）" in shown


def test_a_provisional_figure_after_the_final_changes_nothing(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("record", "tokachi-food-value-added", "H30", "955.3", "--final").code == 0
    before = digest(ledger_path)
    r = kpi("record", "tokachi-food-value-added", "H30", "955.3", "--provisional")
    assert (r.code, digest(ledger_path)) == (0, before)
    assert "unchanged" in r.out and "(確定)" in r.out
    r = kpi("record", "tokachi-food-value-added", "H30", "950", "--provisional")
    assert r.code == 2 and digest(ledger_path) == before
    assert r.err == (
        "kpi: tokachi-food-value-added: H30/2018 holds the value of 2018年（1〜12月）\n"
        f"kpi: tokachi-food-value-added H30/2018 has the 確定 value 955.3 ({ledger_path}:2); a 速報 (950) does not "
        "replace it; use --correct if the 確定 was wrong\n"
    )


def test_a_final_mark_on_the_same_figure_is_written_a_different_one_needs_correct(
    kpi: Runner, ledger_path: Path
) -> None:
    assert kpi("record", "tokachi-food-value-added", "H30", "955.3").code == 0
    r = kpi("record", "tokachi-food-value-added", "H30", "955.3", "--final")
    assert r.code == 0 and r.out.startswith("revised (確定): ")
    assert kpi("record", "tokachi-food-value-added", "H29", "940").code == 0
    before = digest(ledger_path)
    r = kpi("record", "tokachi-food-value-added", "H29", "941", "--final")
    assert r.code == 2 and "use --correct to supersede it" in r.err and digest(ledger_path) == before


def test_provisional_and_final_together_are_refused(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", "tokachi-food-value-added", "H30", "955.3", "--final", "--provisional")
    assert (r.code, r.err) == (2, "kpi: --provisional and --final contradict each other; give one\n")
    assert not ledger_path.exists()


# ------------------------------------------------------------------ half-years


def test_a_half_year_value_is_shown_and_never_rated(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("record", "donan-tourists", "H30", "1260").code == 0
    rated = _status(kpi, "donan-tourists")
    r = kpi("record", "donan-tourists", "R1", "640.5", "--half", "上期")
    assert r.code == 0, r.err
    assert "上期 [donan-tourists#H1] R1/2019 = 640.5万人" in r.out
    now = _status(kpi, "donan-tourists")
    assert {k: now[k] for k in ("actual", "as_of_year", "rating")} == {
        k: rated[k] for k in ("actual", "as_of_year", "rating")
    }
    assert (now["half_year"], now["first_half"], now["second_half"]) == (2019, 640.5, None)
    assert "R1上期 640.5" in kpi("status", "--region", "道南", "--format", "table").out
    assert kpi("verify").err == ""  # a half-year's key is the plan's KPI, not an unknown one
    assert [h["half"] for h in _history(kpi, "donan-tourists")] == ["", "H1"]
    assert "R1/2019上期" in kpi("history", "donan-tourists", "--format", "table").out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("donan-tourists", "R1", "640", "--half", "3Q"),
            "kpi: '3Q' is not a half of a fiscal year; write 上期 (H1, April-September) or 下期 (H2)\n",
        ),
        (
            ("kushiro-nemuro-child-centers", "2020-04-01", "12", "--half", "H1"),
            "kpi: kushiro-nemuro-child-centers is a count at a day (4月1日現在), which has no half-year; drop --half\n",
        ),
    ],
)
def test_a_half_that_cannot_be_is_refused(kpi: Runner, ledger_path: Path, args: tuple[str, ...], message: str) -> None:
    r = kpi("record", *args)
    assert (r.code, r.out, r.err) == (2, "", message)
    assert not ledger_path.exists()


# ------------------------------------------------------------------ running totals


def test_a_running_total_after_unknown_years_is_kept_and_rated(kpi: Runner, ledger_path: Path) -> None:
    """tokachi-women-role-models counts H28-R1 (累計, 50件): H28 and H29 were never recorded, the H30
    figure is published as the total so far. It is kept as that total and the KPI is rated from it."""
    r = kpi("record", "tokachi-women-role-models", "H30", "40", "--running-total")
    assert r.code == 0, r.err
    assert "40件（累計）" in r.out
    assert "kept as the running total so far, 40 (the counts of H28, H29 are not recorded" in r.err
    s = _status(kpi, "tokachi-women-role-models")
    assert (s["actual"], s["as_of_year"], s["unknown_years"], s["rating"]) == (40, 2018, [], "on_track")
    assert kpi("record", "tokachi-women-role-models", "R1", "12").code == 0  # the year's own count
    s = _status(kpi, "tokachi-women-role-models")
    assert (s["actual"], s["as_of_year"], s["rating"]) == (52, 2019, "achieved")
    assert [h["form"] for h in _history(kpi, "tokachi-women-role-models")] == ["total", ""]
    before = digest(ledger_path)
    r = kpi("record", "tokachi-women-role-models", "H30", "41", "--running-total")
    assert r.code == 2 and "already has the value 40 (累計)" in r.err and digest(ledger_path) == before


# ------------------------------------------------------------------ provenance


def test_an_imported_row_says_where_it_came_from(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "渡島-R1.csv"
    assert kpi("template", "--office", "渡島", "--year", "R1", "-o", str(sheet)).code == 0
    rows = list(csv.reader(sheet.read_text("utf-8-sig").splitlines()))
    head = rows[0]
    assert "status" in head  # 速報/確定: a column of the sheet
    for row in rows[1:]:
        if row[0] == "donan-tourists":
            row[head.index("value")], row[head.index("status")] = "1,201.4", "速報"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    line = next(i for i, row in enumerate(rows, start=1) if row[0] == "donan-tourists")
    r = kpi("import", str(sheet), "--by", "本庁")
    assert r.code == 0, r.err
    (h,) = _history(kpi, "donan-tourists")
    assert (h["status"], h["origin"], h["returned_by"], h["recorded_by"]) == (
        "provisional",
        f"渡島-R1.csv:{line}",
        "渡島",
        "本庁",
    )
    assert f"取込元 渡島-R1.csv:{line}（渡島）" in kpi("show", "donan-tourists", "--format", "table").out
    before = digest(ledger_path)
    r = kpi("import", str(sheet), "--by", "本庁")  # re-imported "to be sure": nothing written
    assert r.code == 0 and digest(ledger_path) == before
    for row in rows[1:]:
        if row[0] == "donan-tourists":
            row[head.index("value")], row[head.index("status")] = "1,203.68", "確定"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    dry = kpi("import", str(sheet), "--dry-run", "--format", "csv")
    assert dry.code == 0 and digest(ledger_path) == before
    assert dry.out.splitlines()[1:] == [
        f"correct,donan-tourists@oshima,観光入込客数,渡島,2019,1203.68,万人,,,{sheet}:{line},,,,final"
    ]
    assert kpi("import", str(sheet)).code == 0  # the 確定 replaces the 速報 without --correct
    (_, h) = _history(kpi, "donan-tourists")
    assert (h["value"], h["status"], h["superseded"]) == (1203.68, "final", False)


def test_a_status_word_kpi_does_not_know_is_a_bad_row(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("kpi_id,year,value,速報/確定\ntokachi-food-value-added,R1,950,見込み\n", "utf-8")
    r = kpi("import", str(sheet))
    assert r.code == 2 and not ledger_path.exists()
    assert "'見込み' is neither 速報 nor 確定; write 速報 (provisional) or 確定 (final), or leave it blank" in r.err


def test_repair_keeps_the_format_2_header(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("record", "tokachi-food-value-added", "H30", "950", "--provisional").code == 0
    assert kpi("record", "tokachi-food-value-added", "H29", "940").code == 0
    data = ledger_path.read_bytes()
    ledger_path.write_bytes(data.replace(b",false,", b",FALSE,"))  # re-saved by a spreadsheet
    assert kpi("verify").code == 1
    r = kpi("verify", "--repair")
    assert r.code == 0, r.err
    assert ledger_path.read_bytes() == data


def test_an_export_imports_again_with_its_running_totals_and_status(
    kpi: Runner, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kpi export writes form and status; importing the file into another ledger gives the same figures."""
    assert kpi("record", "tokachi-women-role-models", "H30", "40", "--running-total").code == 0
    assert kpi("record", "tokachi-women-role-models", "R1", "12", "--provisional").code == 0
    exported = tmp_path / "export.csv"
    assert kpi("export", "--kpi", "tokachi-women-role-models", "-o", str(exported)).code == 0
    lines = exported.read_text("utf-8-sig").splitlines()
    assert lines[0].endswith(",form,status,origin,returned_by,office,half")
    assert [line.split(",")[-6:-4] for line in lines[1:]] == [["total", ""], ["", "provisional"]]
    before = _status(kpi, "tokachi-women-role-models")
    other = tmp_path / "other.csv"
    monkeypatch.setenv("KPI_LEDGER", str(other))
    r = kpi("import", str(exported))
    assert r.code == 0, r.err
    rows = read(other, keep=frozenset()).kept
    assert [(x.year, x.value, x.form, x.status) for x in rows] == [
        (2018, "40", "total", ""),
        (2019, "12", "", "provisional"),
    ]
    again = _status(kpi, "tokachi-women-role-models")
    assert (
        {k: again[k] for k in ("actual", "as_of_year", "rating", "provisional")}
        == {k: before[k] for k in ("actual", "as_of_year", "rating", "provisional")}
        == {"actual": 52, "as_of_year": 2019, "rating": "achieved", "provisional": True}
    )


# ------------------------------------------------------------------ the seams the red team found


def test_an_option_given_twice_is_refused(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", "tokachi-tech-sites", "R1", "15", "--by", "a", "--by", "b")
    assert (r.code, r.out, r.err) == (2, "", "kpi: --by is given twice; it takes one value: give it once\n")
    assert not ledger_path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("tokachi-tech-sites", "R1", "15", "--running-total"),
            "kpi: tokachi-tech-sites is not a 累計 KPI: --running-total does not apply; drop it\n",
        ),
        (
            ("tokachi-women-role-models", "R1", "15", "--running-total", "--half", "上期"),
            "kpi: a half-year's value is its own count: --running-total does not apply; drop it\n",
        ),
    ],
)
def test_a_running_total_that_cannot_be_is_refused(
    kpi: Runner, ledger_path: Path, args: tuple[str, ...], message: str
) -> None:
    r = kpi("record", *args)
    assert (r.code, r.out, r.err) == (2, "", message)
    assert not ledger_path.exists()


def test_a_running_total_below_what_is_counted_is_refused(kpi: Runner, ledger_path: Path) -> None:
    """H28 never recorded, H29 counts 30: a total for H30 of 20 cannot be (a count is at least zero)."""
    assert kpi("record", "tokachi-women-role-models", "H29", "30").code == 0
    before = digest(ledger_path)
    r = kpi("record", "tokachi-women-role-models", "H30", "20", "--running-total")
    assert r.code == 2 and digest(ledger_path) == before
    assert r.err.endswith(
        "kpi: tokachi-women-role-models H30/2018: the running total 20 is less than the years before it count "
        "(30); check the figures (a running total cannot fall)\n"
    )
    assert kpi("record", "tokachi-women-role-models", "H30", "30", "--running-total").code == 0
    r = kpi("record", "tokachi-women-role-models", "R1", "29", "--running-total")
    assert r.code == 2 and "the running total 29 is below the 30 counted before that year" in r.err
    # the same figure again is no change; the same figure as the year's own count is a different claim
    again = digest(ledger_path)
    r = kpi("record", "tokachi-women-role-models", "H30", "30", "--running-total")
    assert r.code == 0 and "unchanged" in r.out and digest(ledger_path) == again
    r = kpi("record", "tokachi-women-role-models", "H30", "30")
    assert r.code == 2 and digest(ledger_path) == again
    assert "already has 30 as the running total so far (累計)" in r.err
    assert "and this gives it as that year's own count; use --correct if that is meant" in r.err


def test_verify_reports_a_running_total_below_the_counts(kpi: Runner, ledger_path: Path) -> None:
    """Rows merged from two files (or written by hand) can say what record refuses: verify says it."""
    rows = [
        NewRow("2026-06-01T10:00:00.000+09:00", "t", "tokachi-women-role-models", 2017, "30"),
        NewRow("2026-06-01T10:01:00.000+09:00", "t", "tokachi-women-role-models", 2018, "20", form="total"),
    ]
    lines, _ = encode_rows(rows, b"")
    ledger_path.write_bytes(HEADER_V2.encode() + b"\n" + b"".join(lines))
    r = kpi("verify")
    assert r.code == 1
    assert (
        "tokachi-women-role-models H30/2018: the running total 20 is less than the years before it count (30); "
        "correct the total or the counts (kpi record --correct)"
    ) in r.out


def test_a_sheet_gives_only_its_own_offices_shares(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "十勝-R1.csv"
    sheet.write_text(
        "kpi_id,year,value,office,記入する振興局\ndoto-tourists,R1,1012,釧路,十勝\ntokachi-tech-sites,R1,15,,十勝\n",
        "utf-8",
    )
    r = kpi("import", str(sheet))
    assert r.code == 2 and not ledger_path.exists()
    assert r.err.splitlines()[-1] == (
        f"kpi: {sheet}:2: 釧路's share is on a sheet 十勝 returns (記入する振興局); each 振興局 gives its own "
        "share: leave the row to 釧路 (kpi template --office 釧路) or correct the 振興局分 cell"
    )
    blank = tmp_path / "blank.csv"
    blank.write_text("kpi_id,year,value\n,R1,1012\n", "utf-8")
    r = kpi("import", str(blank))
    assert r.code == 2 and not ledger_path.exists()
    assert r.err.splitlines()[-1] == (
        f"kpi: {blank}:2: the row has a value but no KPI; give its id in the KPI ID column"
    )


def test_a_half_year_value_can_be_voided(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("record", "donan-tourists", "R1", "640", "--half", "上期").code == 0
    r = kpi("void", "donan-tourists", "R1", "--half", "上期", "--reason", "typed twice")
    assert r.code == 0, r.err
    assert r.out.startswith("voided: 観光入込客数 上期 [donan-tourists#H1] R1/2019")
    assert _status(kpi, "donan-tourists")["first_half"] is None


def test_an_import_of_one_row_is_one_batch_and_voided_as_one(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "one.csv"
    sheet.write_text("kpi_id,year,value\ntokachi-tech-sites,R1,15\n", "utf-8")
    assert kpi("import", str(sheet)).code == 0
    (h,) = _history(kpi, "tokachi-tech-sites")
    batch = str(h["batch"])
    assert len(batch) == 8
    assert kpi("void", "--batch", batch, "--reason", "wrong sheet").code == 0
    assert _status(kpi, "tokachi-tech-sites")["actual"] is None


def test_in_a_folder_the_final_figure_wins_over_a_later_provisional_one(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two offices' files merged: 確定 955.3 in one, a 速報 950 with a later clock in the other. The 確定 is
    the value, and it is no conflict."""
    folder = tmp_path / "shared"
    folder.mkdir()
    monkeypatch.setenv("KPI_LEDGER", str(folder))
    for name, value, status, at in (
        ("tokachi", "955.3", "final", "2026-06-01T10:00:00.000+09:00"),
        ("honcho", "950", "provisional", "2026-07-01T10:00:00.000+09:00"),
    ):
        row = NewRow(at, name, "tokachi-food-value-added", 2018, value, status=status)
        lines, _ = encode_rows([row], b"")
        (folder / f"{name}.csv").write_bytes(HEADER_V2.encode() + b"\n" + b"".join(lines))
    s = _status(kpi, "tokachi-food-value-added")
    assert (s["actual"], s["provisional"]) == (955.3, False)
    r = kpi("verify")
    assert "conflict" not in r.out


def test_a_skipped_conflict_says_where_it_is(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    assert kpi("record", "tokachi-tech-sites", "R1", "15").code == 0
    sheet = tmp_path / "c.csv"
    sheet.write_text("kpi_id,year,value\ntokachi-tech-sites,R1,16\ntokachi-tech-sites,H30,14\n", "utf-8")
    r = kpi("import", str(sheet), "--skip-conflicts")
    assert r.code == 0, r.err
    assert r.err == (
        f"kpi: warning: {sheet}:2: tokachi-tech-sites R1/2019 already has the value 15 ({ledger_path}:2), not 16; "
        "use --correct to supersede it\n"
    )


def test_the_sheet_counts_the_years_before_from_a_running_total(kpi: Runner, ledger_path: Path) -> None:
    """H28 and H29 never recorded, H30 given as the total so far (40): the R1 sheet says 40 so far."""
    assert kpi("record", "tokachi-women-role-models", "H30", "40", "--running-total").code == 0
    r = kpi("template", "--year", "R1", "--office", "十勝", "--format", "json")
    assert r.code == 0, r.err
    (row,) = [x for x in json.loads(r.out)["kpis"] if x["kpi_id"] == "tokachi-women-role-models"]
    assert row["cumulative_so_far"] == 40


def test_what_a_cumulative_value_was_taken_as_is_said_once_for_values_written(
    kpi: Runner, ledger_path: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "w.csv"
    sheet.write_text(
        "kpi_id,year,value,form\ntokachi-women-role-models,H29,30,累計\ntokachi-women-role-models,H30,35,\n", "utf-8"
    )
    r = kpi("import", str(sheet))
    assert r.code == 0, r.err
    assert r.err == (
        "kpi: tokachi-women-role-models H29/2017: kept as the running total so far, 30 (the counts of H28 are not "
        "recorded, so that year's own count is not known; the KPI is rated from this total)\n"
        "kpi: tokachi-women-role-models H30/2018: taken as that year's own count (累計 KPIs are recorded year by "
        "year); the total so far is 65件\n"
    )  # H30's total counts the H29 total given in the same sheet
    again = kpi("import", str(sheet))
    assert (again.code, again.err) == (0, "")  # nothing written, nothing said


def test_export_has_a_row_for_each_share_and_half_year(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    """A share of a year whose other shares are not in, and a half-year value: rows of their own, never
    rated; exported and imported into another ledger, every value comes back."""
    assert kpi("record", "donan-tourists", "H30", "1260").code == 0
    assert kpi("record", "donan-tourists", "R1", "640", "--half", "上期").code == 0
    assert kpi("record", "doto-tourists", "R1", "1012", "--office", "十勝").code == 0
    r = kpi("export", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["schema_version"] == 2
    got = [(x["kpi_id"], x["year"], x["value"], x["office"], x["half"], x["rating"]) for x in doc["rows"]]
    assert got == [
        ("donan-tourists", 2018, 1260, "", "", "behind"),
        ("donan-tourists", 2019, 640, "", "H1", None),
        ("doto-tourists", 2019, 1012, "十勝", "", None),
    ]
    table = kpi("export", "--format", "table").out
    lines = [line.split() for line in table.splitlines()]
    assert ["doto-tourists", "R1/2019", "1,012万人"] in lines and ["十勝分"] in lines  # (said under its year)
    assert ["donan-tourists", "R1/2019", "640万人"] in lines and ["上期"] in lines
    exported = tmp_path / "export.csv"
    assert kpi("export", "-o", str(exported)).code == 0
    other = tmp_path / "other.csv"
    r = kpi("import", str(exported), "--ledger", str(other))
    assert r.code == 0, r.err
    assert sorted((x.kpi_id, x.year, x.value) for x in read(other, keep=frozenset()).kept) == [
        ("donan-tourists", 2018, "1260"),
        ("donan-tourists#H1", 2019, "640"),
        ("doto-tourists@tokachi", 2019, "1012"),
    ]


def test_a_writer_file_of_a_newer_kpi_in_a_folder_stops_every_reader(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its rows are values someone recorded: skipped as a stray file, they would be silently left unread."""
    folder = tmp_path / "shared"
    folder.mkdir()
    monkeypatch.setenv("KPI_LEDGER", str(folder))
    assert kpi("record", "tokachi-tech-sites", "R1", "15", "--by", "a").code == 0
    (folder / "b.csv").write_text(",".join([*COLUMNS_V2[:-1], "unit_checked", "hash"]) + "\n", "utf-8")
    r = kpi("status", "--format", "csv")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"kpi: {folder / 'b.csv'}:1: written by a newer kpi (its header has columns this kpi does not know: "
        "'…,unit_checked,hash'); upgrade kpi (pip install -U kpi-cli) to read it\n"
    )


def test_a_provisional_value_is_marked_where_people_read_it(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    assert kpi("record", "tokachi-tech-sites", "R1", "15", "--provisional").code == 0
    shown = kpi("show", "tokachi-tech-sites", "--format", "table").out
    assert "実績          15件（速報）" in shown
    assert "期待値        16件" in shown  # to the decimals of the plan's own figures (16.3333 unrounded)
    paper = tmp_path / "r.md"
    assert kpi("report", "--year", "R1", "--region", "十勝", "-o", str(paper)).code == 0
    assert "| 15（R1/2019 速報） |" in paper.read_text("utf-8")
    site = tmp_path / "site"
    assert kpi("site", "-o", str(site)).code == 0
    assert "<dd>15件（速報）<small>R1/2019</small>" in (site / "kpis" / "tokachi-tech-sites.html").read_text("utf-8")
    assert '15件<span class="year">R1/2019 速報' in (site / "regions" / "tokachi.html").read_text("utf-8")


# ------------------------------------------------------------------ the seams, round two


def test_an_export_with_complete_shares_imports_into_a_fresh_ledger(
    kpi: Runner, ledger_path: Path, tmp_path: Path
) -> None:
    """The sum row comes before its shares in an export: it is checked against the shares the same file
    gives, and skipped as kpi's own sum; every value comes back, in CSV and in .xlsx."""
    assert kpi("record", "donan-tourists", "H28", "1267", "--office", "渡島").code == 0
    assert kpi("record", "donan-tourists", "H28", "105.6", "--office", "檜山").code == 0
    for suffix in (".csv", ".xlsx"):
        exported = tmp_path / f"export{suffix}"
        assert kpi("export", "-o", str(exported)).code == 0
        fresh = tmp_path / f"fresh{suffix}.csv"
        r = kpi("import", str(exported), "--ledger", str(fresh))
        assert r.code == 0, r.err
        assert r.out == f"imported 2 rows into {fresh} (lines 2-3); 1 skipped (listed above)\n"
        assert sorted((x.kpi_id, x.value) for x in read(fresh, keep=frozenset()).kept) == [
            ("donan-tourists@hiyama", "105.6"),
            ("donan-tourists@oshima", "1267"),
        ]


def test_a_re_save_that_pads_the_last_row_is_repaired(kpi: Runner, ledger_path: Path) -> None:
    """LibreOffice pads a format 1 row after format 2 rows with empty cells, the last row too: the head
    still finds its row, and repair gives back the file kpi wrote."""
    assert kpi("record", "tokachi-tech-sites", "R1", "15", "--provisional").code == 0
    assert kpi("record", "tokachi-food-value-added", "R1", "900").code == 0
    written = ledger_path.read_bytes()
    lines = written.decode("utf-8").splitlines()
    ledger_path.write_bytes(("\r\n".join([*lines[:-1], lines[-1] + ",,,,"]) + "\r\n").encode("utf-8"))
    r = kpi("verify")
    assert r.code == 1 and "rebuilt" not in r.out and "re-saved by a spreadsheet" in r.out
    assert kpi("verify", "--repair").code == 0
    assert ledger_path.read_bytes() == written


def test_final_shares_outrank_a_provisional_value_of_the_whole_kpi(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("record", "donan-tourists", "R2", "1000", "--provisional").code == 0
    s = _status(kpi, "donan-tourists", "--year", "R2")
    assert (s["actual"], s["provisional"]) == (1000, True)
    assert kpi("record", "donan-tourists", "R2", "800", "--office", "渡島", "--final").code == 0
    assert _status(kpi, "donan-tourists", "--year", "R2")["actual"] == 1000  # one share: the 速報 stands
    assert kpi("record", "donan-tourists", "R2", "100", "--office", "檜山", "--final").code == 0
    s = _status(kpi, "donan-tourists", "--year", "R2")
    assert (s["actual"], s["provisional"]) == (900, False)


def test_a_cumulative_value_imported_again_is_unchanged(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    """300 is more than the whole period's target (180): confirmed once with --yearly --unusual, the same
    sheet imported again is unchanged, not asked about again."""
    sheet = tmp_path / "o.csv"
    sheet.write_text("kpi_id,year,value\nokhotsk-product-negotiations,R1,300\n", "utf-8")
    assert kpi("import", str(sheet), "--yearly", "--unusual").code == 0
    before = digest(ledger_path)
    r = kpi("import", str(sheet))
    assert (r.code, r.out) == (0, f"imported 0 rows: nothing new in {sheet}; 1 unchanged\n")
    assert digest(ledger_path) == before


def test_a_running_total_is_used_wherever_status_uses_it(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    """H28 10, H29 never recorded, H30 given as the total so far (30): diff rates it as status does, the
    latest value before R1 is that total, and the paper, the wide export and the site show it as a 累計."""
    assert kpi("record", "tokachi-women-role-models", "H28", "10").code == 0
    assert kpi("record", "tokachi-women-role-models", "H30", "30", "--running-total").code == 0
    h30 = _status(kpi, "tokachi-women-role-models", "--year", "H30")
    assert (h30["actual"], h30["rating"]) == (30, "nearly")
    r = kpi("diff", "H28", "R1", "--kpi", "tokachi-women-role-models", "--format", "json")
    assert r.code == 0, r.err
    (change,) = json.loads(r.out)["changes"]
    assert (change["before"], change["after"]) == ("nearly", "no_data")  # R1 itself is not recorded
    r1 = _status(kpi, "tokachi-women-role-models", "--year", "R1")
    assert (r1["latest_year"], r1["latest_value"]) == (2018, 30)
    wide = json.loads(kpi("export", "--wide", "--kpi", "tokachi-women-role-models", "--format", "json").out)
    assert (wide["kpis"][0]["as_of_year"], wide["kpis"][0]["rating"]) == (2018, "nearly")
    paper = tmp_path / "p.md"
    assert kpi("report", "--year", "H30", "--region", "十勝", "-o", str(paper)).code == 0
    assert "| 女性キャリアデザインロールモデル輩出数 | 10 | 30（累計） |" in paper.read_text("utf-8")
    site = tmp_path / "site"
    assert kpi("site", "-o", str(site)).code == 0
    page = (site / "kpis" / "tokachi-women-role-models.html").read_text("utf-8")
    assert '<td class=num>30<span class="year">累計</span></td>' in page
    rows = (site / "kpis" / "tokachi-women-role-models.csv").read_text("utf-8-sig").splitlines()
    head = rows[0].lstrip("\ufeff").split(",")
    got = [dict(zip(head, row.split(","), strict=True)) for row in rows[1:]]
    assert [(x["year"], x["value"], x["expected"], x["form"]) for x in got] == [
        ("2016", "10", "12.5", ""),
        ("2018", "30", "37.5", "total"),
    ]


def test_the_site_publishes_municipal_shares_and_rounds_its_figures(
    kpi: Runner, ledger_path: Path, tmp_path: Path
) -> None:
    assert kpi("record", "yotei-nishiiburi-tourists", "R1", "159.31", "--office", "ニセコ町").code == 0
    assert kpi("record", "tokachi-tech-sites", "R1", "15").code == 0
    site = tmp_path / "site"
    assert kpi("site", "-o", str(site)).code == 0
    page = (site / "kpis" / "yotei-nishiiburi-tourists.html").read_text("utf-8")
    assert "<h3>市町村別の内訳（万人）</h3><ul><li>R1: ニセコ町 159.31</li></ul>" in page
    shares = (site / "kpis" / "yotei-nishiiburi-tourists.csv").read_text("utf-8-sig").splitlines()[1:]
    assert [row.split(",")[5:8] for row in shares] == [["", "", ""], ["m:ニセコ町", "ニセコ町", "159.31"]]
    tech = (site / "kpis" / "tokachi-tech-sites.csv").read_text("utf-8-sig").splitlines()[1]
    assert tech.split(",")[8] == "16.3333"  # the planned line to 4 decimals, as every machine figure


def test_an_export_imported_again_keeps_who_returned_each_value(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "十勝.csv"
    sheet.write_text("kpi_id,year,value,office,記入する振興局\ndoto-tourists,R1,1012,十勝,十勝\n", "utf-8")
    assert kpi("import", str(sheet)).code == 0
    exported = tmp_path / "export.csv"
    assert kpi("export", "-o", str(exported)).code == 0
    other = tmp_path / "other.csv"
    r = kpi("import", str(exported), "--ledger", str(other))
    assert r.code == 0, r.err
    (row,) = read(other, keep=frozenset()).kept
    assert (row.kpi_id, row.returned_by, row.origin) == ("doto-tourists@tokachi", "十勝", "export.csv:2")


# ------------------------------------------------------------------ the seams, round three


def test_a_running_total_after_one_kept_as_a_total_counts_from_it(kpi: Runner, ledger_path: Path) -> None:
    """H27 never recorded: H29's total (120) is kept as a total; H30's total (170) is H30's own count of
    170 - 120 = 50, not 170 - H28's 50."""
    assert kpi("record", "donan-business-deals", "H28", "50").code == 0
    assert kpi("record", "donan-business-deals", "H29", "120", "--running-total").code == 0
    r = kpi("record", "donan-business-deals", "H30", "170", "--running-total")
    assert r.code == 0, r.err
    assert "running total 170 stored as that year's own count 50" in r.err
    s = _status(kpi, "donan-business-deals", "--year", "H30")
    assert s["actual"] == 170


def test_a_provisional_whole_value_given_way_to_its_shares_is_exported_as_their_sum(
    kpi: Runner, ledger_path: Path, tmp_path: Path
) -> None:
    assert kpi("record", "donan-tourists", "R1", "1400", "--provisional").code == 0
    assert kpi("record", "donan-tourists", "R1", "700", "--office", "渡島").code == 0
    assert kpi("record", "donan-tourists", "R1", "720", "--office", "檜山").code == 0
    assert kpi("record", "donan-tourists", "R2", "500", "--office", "渡島", "--provisional").code == 0
    assert kpi("record", "donan-tourists", "R2", "300", "--office", "檜山").code == 0
    doc = json.loads(kpi("export", "--format", "json").out)
    got = [(x["year"], x["value"], x["office"], x["status"], x["source"]) for x in doc["rows"]]
    assert got == [
        (2019, 1420, "", "", "sum of 2 振興局 shares"),  # not the 1,400 速報 it replaced
        (2019, 700, "渡島", "", ""),
        (2019, 720, "檜山", "", ""),
        (2020, 800, "", "provisional", "sum of 2 振興局 shares"),  # as status says: a share is a 速報
        (2020, 500, "渡島", "provisional", ""),
        (2020, 300, "檜山", "", ""),
    ]
    assert _status(kpi, "donan-tourists", "--year", "R2")["provisional"] is True
    exported = tmp_path / "e.csv"
    assert kpi("export", "-o", str(exported)).code == 0
    fresh = tmp_path / "fresh.csv"
    r = kpi("import", str(exported), "--ledger", str(fresh))
    assert r.code == 0 and r.out.endswith("2 skipped (listed above)\n"), r.out
    assert not [x for x in read(fresh, keep=frozenset()).kept if x.kpi_id == "donan-tourists"]  # shares only
    site = tmp_path / "site"
    assert kpi("site", "-o", str(site)).code == 0
    page = (site / "kpis" / "donan-tourists.html").read_text("utf-8")
    assert '<td class=num>500<span class="year">速報</span></td>' in page
    assert '800<span class="year">振興局分の合計</span><span class="year">速報</span>' in page
    rows = (site / "kpis" / "donan-tourists.csv").read_text("utf-8-sig").splitlines()
    head = rows[0].split(",")
    got_site = [dict(zip(head, row.split(","), strict=True)) for row in rows[1:]]
    assert [(x["year"], x["office"], x["value"], x["summed"], x["status"]) for x in got_site] == [
        ("2019", "", "1420", "true", ""),
        ("2019", "渡島", "700", "false", ""),
        ("2019", "檜山", "720", "false", ""),
        ("2020", "", "800", "true", "provisional"),
        ("2020", "渡島", "500", "false", "provisional"),
        ("2020", "檜山", "300", "false", ""),
    ]


def test_a_json_file_is_said_to_be_json(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    assert kpi("record", "tokachi-tech-sites", "R1", "15").code == 0
    exported = tmp_path / "e.json"
    assert kpi("export", "-o", str(exported)).code == 0
    before = digest(ledger_path)
    r = kpi("import", str(exported))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"kpi: {exported} is JSON, which kpi import does not read; give a CSV, TSV or workbook "
        "(kpi export -f csv writes one)\n"
    )
    assert digest(ledger_path) == before


def test_a_cumulative_kpi_counts_nothing_after_its_period(kpi: Runner, ledger_path: Path) -> None:
    """tokachi-women-role-models counts H28～R1 (target 50): an R2 figure is refused (it was added to the
    period's total and turned 遅れ into 達成); kept with --outside-plan, it is still not counted."""
    for year, value in (("H28", "10"), ("H29", "5"), ("H30", "5"), ("R1", "15")):
        assert kpi("record", "tokachi-women-role-models", year, value).code == 0
    before = digest(ledger_path)
    r = kpi("record", "tokachi-women-role-models", "R2", "20")
    assert (r.code, r.out) == (2, "") and digest(ledger_path) == before
    assert r.err == (
        "kpi: tokachi-women-role-models counts H28～R1 (累計); R2/2020 is after its period and is not counted; "
        "check the year (or add --outside-plan to keep it anyway)\n"
    )
    assert kpi("record", "tokachi-women-role-models", "R2", "20", "--outside-plan").code == 0
    s = _status(kpi, "tokachi-women-role-models")
    assert (s["actual"], s["rating"]) == (35, "behind")
    assert "期間          H28～R1（累計）\n" in kpi("show", "tokachi-women-role-models", "--format", "table").out


def test_two_reviews_nothing_orders_are_a_conflict(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two offices' files merged: a review approved by the 連携会議 and a later draft of the same project
    and year. The newest by its clock is shown, and verify says they conflict until one is recorded."""
    import shutil

    folder = tmp_path / "shared"
    approved = ("review", "add", "tokachi-food-hub", "R1", "-a", "on_course", "-d", "continue")
    draft = ("review", "add", "tokachi-food-hub", "R1", "-a", "needs_improvement", "-d", "revise")
    for name, args in (("bob", (*approved, "--reviewed-on", "2020-02-15")), ("alice", draft)):
        own = tmp_path / name  # each office's own folder, merged below (as git merges them)
        own.mkdir()
        monkeypatch.setenv("KPI_LEDGER", f"{own}/")
        assert kpi(*args, "--by", name).code == 0
        shutil.copytree(own, folder, dirs_exist_ok=True)
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    r = kpi("verify")
    assert r.code == 1
    assert (
        "conflict: the review of tokachi-food-hub R1/2019 is needs_improvement/revise/draft "
        f"({folder / 'alice.csv'}:2, the newest by its clock), but also on_course/continue/reviewed "
        f"({folder / 'bob.csv'}:2); settle it with kpi review add tokachi-food-hub R1 (the review it then "
        "records replaces both)"
    ) in r.out
    assert kpi(*approved, "--reviewed-on", "2020-02-15", "--by", "carol").code == 0
    assert kpi("verify").code == 0


@pytest.mark.parametrize(("day", "why"), [("2099-01-01", "after today"), ("2019-03-31", "before that year began")])
def test_a_meeting_day_that_cannot_be_is_refused(kpi: Runner, ledger_path: Path, day: str, why: str) -> None:
    r = kpi("review", "add", "tokachi-food-hub", "R1", "-a", "on_course", "-d", "continue", "--reviewed-on", day)
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"kpi: --reviewed-on {day} cannot be the day the 地域づくり連携会議 reviewed R1/2019: it is {why}; "
        "check the date (and its era)\n"
    )
    assert not ledger_path.exists()


def test_the_paper_of_a_year_says_which_year_an_earlier_review_is(
    kpi: Runner, ledger_path: Path, tmp_path: Path
) -> None:
    assert kpi("review", "add", "tokachi-food-hub", "R1", "-a", "on_course", "-d", "continue").code == 0
    for year, said in (("R1", "| 概ね順調に展開 |"), ("R2", "| （R1評価）概ね順調に展開 |")):
        paper = tmp_path / f"{year}.md"
        assert kpi("report", "--year", year, "--region", "十勝", "-o", str(paper)).code == 0
        assert f"| 「食の拠点」とかち強化プロジェクト {said}" in paper.read_text("utf-8")


def test_workbooks_for_listings_are_headed_in_japanese(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "offices.xlsx"
    assert kpi("offices", "-o", str(book)).code == 0
    wb = load_workbook(book)
    assert wb.sheetnames == ["振興局一覧"]
    heads = [str(c.value).split("\n")[0] for c in wb.worksheets[0][1]]
    assert heads[-3:] == ["主導するプロジェクト", "記入するKPI", "振興局分を記入するKPI"]
    rows = tmp_path / "kpis.xlsx"
    assert kpi("kpis", "-o", str(rows)).code == 0
    assert load_workbook(rows).sheetnames == ["KPI一覧"]


def test_an_unknown_office_is_said_as_an_office(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("missing", "--year", "R1", "--office", "nosuch")
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("kpi: unknown 振興局 'nosuch'; valid names: 空知, 石狩")
    region = kpi("missing", "--year", "R1", "--office", "釧路・根室", "--format", "csv")  # a 連携地域: its 振興局
    assert region.code == 0 and {line.split(",")[0] for line in region.out.splitlines()[1:]} == {"釧路", "根室"}
