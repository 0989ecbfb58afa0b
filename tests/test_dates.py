"""Dates as clerks type them, wherever kpi takes a date (--reviewed-on, --since, a review sheet's date column)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Runner, digest
from kpi_cli.core import years as eras
from kpi_cli.errors import InputError

SAME_DAY = [
    "2020-02-14",
    "2020/2/14",
    "2020/02/14",
    "2020.2.14",
    "2020年2月14日",
    "20200214",
    "R2.2.14",
    "R2/2/14",
    "r2.2.14",
    "令和2年2月14日",
    "令和２年２月１４日",
    "Ｒ２．２．１４",
    "2020-02-14T00:00:00",  # an Excel date cell as the sheet reader gives it
    "2020-02-14 00:00:00",
    "43875",  # the same cell as its serial number
    "43875.0",
]


@pytest.mark.parametrize("text", SAME_DAY)
def test_every_form_of_one_day(text: str) -> None:
    assert eras.iso_date(text, "--since") == "2020-02-14"


@pytest.mark.parametrize(
    ("text", "day"),
    [("令和元年5月1日", "2019-05-01"), ("H31.4.30", "2019-04-30"), ("平成28年10月20日", "2016-10-20")],
)
def test_era_dates_are_calendar_dates(text: str, day: str) -> None:
    assert eras.iso_date(text, "--reviewed-on") == day


@pytest.mark.parametrize("text", ["R1", "2020-02-30", "R0.5.1", "12", "2020/13/1", "", "9999", "٢٠٢٠-٠٢-١٤"])
def test_what_is_not_a_date_is_said_with_the_forms(text: str) -> None:
    with pytest.raises(InputError) as caught:
        eras.iso_date(text, "--since")
    assert str(caught.value.message) == (
        f"--since {text!r} is not a date; write it as 2021-02-15, 2021/2/15, R3.2.15 or 令和3年2月15日"
    )


@given(st.dates(min_value=date(1989, 1, 8), max_value=date(2200, 12, 31)))
def test_slash_era_and_serial_forms_round_trip(day: date) -> None:
    want = day.isoformat()
    assert eras.iso_date(f"{day.year}/{day.month}/{day.day}", "x") == want
    assert eras.iso_date(datetime(day.year, day.month, day.day).isoformat(), "x") == want
    serial = day.toordinal() - eras.EXCEL_EPOCH_ORDINAL
    if serial < 100_000:  # five-digit serials (to 2173-10-14)
        assert eras.iso_date(str(serial), "x") == want
    if day >= date(2019, 5, 1):
        assert eras.iso_date(f"令和{day.year - 2018}年{day.month}月{day.day}日", "x") == want
        assert eras.iso_date(f"R{day.year - 2018}.{day.month}.{day.day}", "x") == want


def test_reviewed_on_and_since_take_every_form(kpi: Runner) -> None:
    r = kpi("review", "add", "tokachi-food-hub", "R1", "-a", "概ね順調に展開", "-d", "継続", "--reviewed-on", "R2.2.14")
    assert r.code == 0, r.err
    one = json.loads(kpi("review", "list", "-f", "json").out)["reviews"][0]
    assert (one["stage"], one["meeting_date"]) == ("reviewed", "2020-02-14")
    since = kpi("history", "--since", "令和2年2月14日", "-f", "json")
    assert since.code == 0, since.err
    bad = kpi("review", "add", "tokachi-food-hub", "R1", "-a", "a", "-d", "b", "--reviewed-on", "2月14日")
    assert bad.code == 2 and "is not a date; write it as 2021-02-15, 2021/2/15" in bad.err


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("H31.5.1", "'H31.5.1' is not a day: 平成 ended on 2019-04-30 (H31.4.30); write R1.5.1"),
        ("h31/5/1", "'h31/5/1' is not a day: 平成 ended on 2019-04-30 (H31.4.30); write R1.5.1"),
        ("H32.1.1", "'H32.1.1' is not a day: 平成 ended on 2019-04-30 (H31.4.30); write R2.1.1"),
        (
            "平成31年5月1日",
            "'平成31年5月1日' is not a day: 平成 ended on 2019-04-30 (平成31年4月30日); write 令和元年5月1日",
        ),
        ("R1.4.30", "'R1.4.30' is not a day: 令和 began on 2019-05-01 (R1.5.1); write H31.4.30"),
        (
            "令和元年4月1日",
            "'令和元年4月1日' is not a day: 令和 began on 2019-05-01 (令和元年5月1日); write 平成31年4月1日",
        ),
        ("H1.1.7", "'H1.1.7' is not a day: 平成 began on 1989-01-08 (H1.1.8); write 1989-01-07"),
    ],
)
def test_an_era_day_outside_its_era_names_the_right_form(text: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        eras.iso_date(text, "--since")
    assert str(caught.value.message) == f"--since: {problem}"
    with pytest.raises(InputError) as caught:
        eras.parse_day(text)
    assert str(caught.value.message) == problem


def test_the_last_day_of_heisei_and_the_first_of_reiwa() -> None:
    assert eras.parse_day("H31.4.30") == date(2019, 4, 30)
    assert eras.parse_day("平成31年4月30日") == date(2019, 4, 30)
    assert eras.parse_day("R1.5.1") == date(2019, 5, 1)
    assert eras.parse_day("令和元年5月1日現在") == date(2019, 5, 1)
    assert eras.parse_day("H1.1.8") == date(1989, 1, 8)
    for year in ("H31", "平成31年度", "R1", "R元"):  # a fiscal year written H31 is FY2019, as always
        assert eras.parse_day(year) is None and eras.parse_year(year) == 2019


def test_a_day_outside_its_era_is_refused_everywhere(kpi: Runner, ledger_path: Path) -> None:
    review = ("review", "add", "tokachi-food-hub", "R1", "-a", "概ね順調に展開", "-d", "継続", "--reviewed-on")
    r = kpi(*review, "H31.5.1")
    assert (r.code, r.out) == (2, "")
    assert r.err == "kpi: --reviewed-on: 'H31.5.1' is not a day: 平成 ended on 2019-04-30 (H31.4.30); write R1.5.1\n"
    r = kpi("history", "--since", "R1.4.30")
    assert (r.code, r.out) == (2, "")
    assert r.err == "kpi: --since: 'R1.4.30' is not a day: 令和 began on 2019-05-01 (R1.5.1); write H31.4.30\n"
    r = kpi("record", "kushiro-nemuro-child-centers", "H31.5.1", "12")  # a point-in-time KPI (4月1日現在)
    assert (r.code, r.out) == (2, "")
    assert r.err == "kpi: 'H31.5.1' is not a day: 平成 ended on 2019-04-30 (H31.4.30); write R1.5.1\n"
    assert not ledger_path.exists()
    assert kpi("record", "kushiro-nemuro-child-centers", "H31", "12").code == 0  # the fiscal year H31 is FY2019
    before = digest(ledger_path)
    sheet = ledger_path.parent / "評価.csv"
    sheet.write_text(
        "project_id,year,assessment,direction,reviewed_on\ntokachi-food-hub,R1,on_course,continue,R1.4.30\n", "utf-8"
    )
    r = kpi("review", "import", str(sheet))
    assert (r.code, digest(ledger_path)) == (2, before)
    assert r.err == (
        f"kpi: {sheet}: 1 bad row; nothing was written. Fix it and import again:\n"  # (review import: as kpi import)
        f"kpi: {sheet}:2: 連携会議の日付 (reviewed_on): 'R1.4.30' is not a day: 令和 began on 2019-05-01 (R1.5.1); "
        "write H31.4.30\n"
    )
