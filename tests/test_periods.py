"""Periods honoured: which fiscal-year column keeps a calendar-year, point-in-time or cohort value.

Every expected value here is worked out by hand from the rule in core/model.py: calendar year N
and the count of (N+1)-04-01 (4月1日現在) go in FY N; a point count on a day D goes in the fiscal
year containing the day before D; the cohort graduating in March N+1 goes in FY N.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import Runner
from kpi_cli.core.model import Basis, Kpi, Source, Target
from kpi_cli.core.periods import (
    basis_label,
    cohort_label,
    count_date,
    count_day,
    fiscal_year_of_count,
    period_label,
    year_of_input,
)
from kpi_cli.core.years import parse_year
from kpi_cli.errors import InputError


def kpi(basis: Basis = "", as_of: str = "", kpi_id: str = "k") -> Kpi:
    source = Source(statistic="s", basis=basis, as_of=as_of) if basis else Source()
    return Kpi(kpi_id, "n", "人", "level", "increase", "p", Target(Decimal(1), 2019, "R1"), source=source)


APRIL = kpi("point", "4月1日現在")
MARCH_END = kpi("point", "3月末")


@pytest.mark.parametrize(
    ("k", "year", "label"),
    [
        (kpi(), 2019, "R1年度"),  # no card: the fiscal year
        (kpi("fiscal"), 2019, "R1年度"),
        (kpi("fiscal"), 2018, "H30年度"),
        (kpi("calendar"), 2019, "2019年（1〜12月）"),
        (kpi("calendar"), 2014, "2014年（1〜12月）"),
        (APRIL, 2019, "2019年4月1日現在"),
        (APRIL, 2014, "2014年4月1日現在"),  # 0か所（H26）: the count of 1 April 2014
        (kpi("point", "4月1日"), 2019, "2019年4月1日現在"),
        (MARCH_END, 2019, "2020年3月末現在"),
        (kpi("point", "2月末"), 2019, "2020年2月末現在"),
        (kpi("point", "10月1日現在"), 2019, "2019年10月1日現在"),
        (kpi("point", "１月１日現在"), 2019, "2020年1月1日現在"),  # full-width digits
        (kpi("cohort"), 2019, "R2.3卒"),
        (kpi("cohort"), 2018, "H31.3卒"),  # March 2019 was still 平成
        (kpi("cohort"), 2014, "H27.3卒"),
    ],
)
def test_period_label(k: Kpi, year: int, label: str) -> None:
    assert period_label(k, year) == label


@pytest.mark.parametrize(
    ("as_of", "year", "day"),
    [
        ("4月1日現在", 2019, date(2019, 4, 1)),
        ("3月末", 2019, date(2020, 3, 31)),
        ("2月末", 2019, date(2020, 2, 29)),  # a leap year
        ("2月末", 2020, date(2021, 2, 28)),
        ("4月30日", 2019, date(2019, 4, 30)),
        ("4月末", 2019, date(2019, 4, 30)),
        ("12月31日", 2019, date(2019, 12, 31)),
        ("1月1日", 2019, date(2020, 1, 1)),
    ],
)
def test_count_date(as_of: str, year: int, day: date) -> None:
    source = Source(basis="point", as_of=as_of)
    assert count_date(source, year) == day
    assert fiscal_year_of_count(day) == year  # and back


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2020, 4, 1), 2020),  # the day it falls in, as the plan labels its counts
        (date(2020, 4, 2), 2020),
        (date(2020, 3, 31), 2019),
        (date(2019, 10, 1), 2019),
        (date(2020, 1, 1), 2019),
        (date(2014, 4, 1), 2014),
    ],
)
def test_fiscal_year_of_count(day: date, year: int) -> None:
    assert fiscal_year_of_count(day) == year


@pytest.mark.parametrize(
    ("as_of", "read"),
    [
        ("4月1日現在", (4, 1)),
        ("4月1日", (4, 1)),
        ("3月末", (3, None)),
        ("3月末現在", (3, None)),
        ("１２月３１日", (12, 31)),
        ("2月29日", None),  # not a day every year has
        ("13月1日", None),
        ("4月31日", None),
        ("春", None),
        ("2020年4月1日", None),  # a day of the year, not of a calendar
    ],
)
def test_count_day(as_of: str, read: tuple[int, int | None] | None) -> None:
    assert count_day(as_of) == read


def test_cohorts_round_trip_through_the_year_parser() -> None:
    for year in range(2009, 2031):
        assert parse_year(cohort_label(year)) == year


def test_every_count_day_round_trips() -> None:
    for as_of in ("4月1日現在", "3月末", "2月末", "10月1日", "1月1日", "12月31日", "4月2日"):
        k = kpi("point", as_of)
        for year in range(2014, 2022):
            assert year_of_input(k, count_date(k.source, year).isoformat()) == (year, count_date(k.source, year))


@pytest.mark.parametrize(
    "typed",
    [
        "2020-04-01",
        "2020/4/1",
        "2020.4.1",
        "2020年4月1日",
        "2020年4月1日現在",
        "２０２０－０４－０１",
        "2020-04-01T00:00:00",
        "R2.4.1",  # an era day, as kpi reads one everywhere (--reviewed-on, --since)
        "r2/4/1",
        "令和2年4月1日",
        "令和２年４月１日現在",
    ],
)
def test_a_day_for_a_point_kpi(typed: str) -> None:
    assert year_of_input(APRIL, typed) == (2020, date(2020, 4, 1))


def test_a_year_is_still_a_year() -> None:
    for k in (APRIL, MARCH_END, kpi("calendar"), kpi("fiscal"), kpi("cohort"), kpi()):
        assert year_of_input(k, "R1") == (2019, None)
        assert year_of_input(k, "2019") == (2019, None)
    assert year_of_input(kpi("cohort"), "R2.3卒") == (2019, None)
    assert year_of_input(MARCH_END, "2020-03-31") == (2019, date(2020, 3, 31))
    assert year_of_input(MARCH_END, "R2.3.31") == (2019, date(2020, 3, 31))
    assert year_of_input(APRIL, "H31.4.1") == (2019, date(2019, 4, 1))
    assert year_of_input(APRIL, "H31") == (2019, None)  # a fiscal year written H31 is FY2019


@pytest.mark.parametrize(
    ("k", "typed", "message"),
    [
        (
            kpi("fiscal", kpi_id="f"),
            "2020-04-01",
            "f counts fiscal years (年度, April to March), not days: give the fiscal year instead of "
            "'2020-04-01', e.g. R1 or 2019",
        ),
        (
            kpi("calendar", kpi_id="c"),
            "2019-12-31",
            "c counts calendar years (暦年, January to December), not days: give the year instead of "
            "'2019-12-31', e.g. 2019 for the calendar year 2019",
        ),
        (
            kpi("cohort", kpi_id="g"),
            "2020-03-01",
            "g counts graduation cohorts (卒業年), not days: give the cohort instead of '2020-03-01', "
            "e.g. R2.3卒 (those who graduate in March 2020)",
        ),
        (
            kpi(kpi_id="u"),
            "2020-04-01",
            "the plan does not say on which day u is counted (no point-in-time basis on its source card): "
            "give the fiscal year instead of '2020-04-01', e.g. R1 or 2019",
        ),
        (
            kpi("point", "4月1日現在", kpi_id="p"),
            "2020-03-31",
            "p is counted on 4月1日現在, and 2020-03-31 is another day: give 2020-04-01 (kept in R2/2020) "
            "or the fiscal year",
        ),
        (
            kpi("point", "3月末", kpi_id="m"),
            "2020-04-01",
            "m is counted on 3月末, and 2020-04-01 is another day: give 2020-03-31 (kept in R1/2019) "
            "or the fiscal year",
        ),
        (
            kpi("point", "4月1日現在", kpi_id="p"),
            "2020-10-15",
            "p is counted on 4月1日現在, and 2020-10-15 is another day: give 2021-04-01 (kept in R3/2021) "
            "or the fiscal year",
        ),
        (APRIL, "2020-02-30", "'2020-02-30' is not a day of the calendar; write it like 2020-04-01"),
        (APRIL, "R2.2.30", "'R2.2.30' is not a day of the calendar; write it like 2020-04-01"),
        (APRIL, "R1.4.1", "'R1.4.1' is not a day: 令和 began on 2019-05-01 (R1.5.1); write H31.4.1"),
        (APRIL, "H31.5.1", "'H31.5.1' is not a day: 平成 ended on 2019-04-30 (H31.4.30); write R1.5.1"),
        (
            kpi("fiscal", kpi_id="f"),
            "R2.4.1",
            "f counts fiscal years (年度, April to March), not days: give the fiscal year instead of "
            "'R2.4.1', e.g. R1 or 2019",
        ),
    ],
)
def test_a_day_refused(k: Kpi, typed: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        year_of_input(k, typed)
    assert str(info.value.message) == message


def test_basis_label() -> None:
    assert basis_label(APRIL.source) == "時点（4月1日現在）"
    assert basis_label(kpi("calendar").source) == "暦年（1〜12月）"
    assert basis_label(kpi("fiscal").source) == "年度（4月〜翌年3月）"
    assert basis_label(kpi("cohort").source) == "卒業年（3月卒業）"
    assert basis_label(Source()) == ""


# ------------------------------------------------------------------ the commands, on the shipped plan


def ledger_rows(path: Path) -> list[tuple[str, str, str]]:
    lines = path.read_text("utf-8").splitlines()[1:]
    return [tuple(line.split(",")[2:5]) for line in lines]  # type: ignore[misc]


def test_record_a_day_for_a_point_kpi(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", "kushiro-nemuro-child-centers", "2019-04-01", "12")
    assert r.code == 0
    assert r.err == (
        "kpi: kushiro-nemuro-child-centers: the count of 2019-04-01 (4月1日現在) is kept in R1/2019, "
        "the fiscal year it falls in\n"
    )
    assert r.out == f"recorded: 認定こども園設置数 [kushiro-nemuro-child-centers] R1/2019 = 12か所 → {ledger_path}:2\n"
    assert ledger_rows(ledger_path) == [("kushiro-nemuro-child-centers", "2019", "12")]
    # the same value given as the fiscal year: unchanged, and the year said in the KPI's words
    again = kpi("record", "kushiro-nemuro-child-centers", "R1", "12")
    assert again.err == "kpi: kushiro-nemuro-child-centers: R1/2019 holds the value of 2019年4月1日現在\n"
    assert again.out.startswith("unchanged: 認定こども園設置数 [kushiro-nemuro-child-centers] R1/2019 ")


def test_record_a_month_end_count(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", "tokachi-renewable-capacity", "2020-03-31", "200000")
    assert r.code == 0
    assert r.err == (
        "kpi: tokachi-renewable-capacity: the count of 2020-03-31 (3月末) is kept in R1/2019, "
        "the fiscal year it falls in\n"
    )
    assert ledger_rows(ledger_path) == [("tokachi-renewable-capacity", "2019", "200000")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("donan-tourists", "2020-04-01", "1"),
            "kpi: donan-tourists counts fiscal years (年度, April to March), not days: give the fiscal year "
            "instead of '2020-04-01', e.g. R1 or 2019\n",
        ),
        (
            ("soya-new-farmers", "2019-12-31", "9"),
            "kpi: soya-new-farmers counts calendar years (暦年, January to December), not days: give the year "
            "instead of '2019-12-31', e.g. 2019 for the calendar year 2019\n",
        ),
        (
            ("kushiro-nemuro-child-centers", "2020-03-31", "12"),
            "kpi: kushiro-nemuro-child-centers is counted on 4月1日現在, and 2020-03-31 is another day: give "
            "2020-04-01 (kept in R2/2020) or the fiscal year\n",
        ),
        (
            ("northern-territories-signatures", "2020-04-01", "70000"),
            "kpi: the plan does not say on which day northern-territories-signatures is counted (no "
            "point-in-time basis on its source card): give the fiscal year instead of '2020-04-01', e.g. R1 or 2019\n",
        ),
    ],
)
def test_record_a_day_refused(kpi: Runner, ledger_path: Path, args: tuple[str, ...], message: str) -> None:
    r = kpi("record", *args)
    assert (r.code, r.out, r.err) == (2, "", message)
    assert not ledger_path.exists()


def test_record_a_calendar_year_says_what_the_column_holds(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", "soya-new-farmers", "2019", "9")
    assert r.code == 0
    assert r.err == "kpi: soya-new-farmers: R1/2019 holds the value of 2019年（1〜12月）\n"
    cohort = kpi("record", "sorachi-graduate-local-jobs", "R2.3卒", "260")
    assert cohort.err == "kpi: sorachi-graduate-local-jobs: R1/2019 holds the value of R2.3卒\n"
    fiscal = kpi("record", "donan-trial-stay-users", "R1", "200")
    assert fiscal.err == ""  # a fiscal KPI: nothing to say
    assert ledger_rows(ledger_path) == [
        ("soya-new-farmers", "2019", "9"),
        ("sorachi-graduate-local-jobs", "2019", "260"),
        ("donan-trial-stay-users", "2019", "200"),
    ]


def test_import_a_day_for_a_point_kpi(kpi: Runner, ledger_path: Path) -> None:
    Path("values.csv").write_text(
        "kpi_id,year,value\nkushiro-nemuro-child-centers,2019-04-01,12\nsoya-new-farmers,2019,9\n", "utf-8"
    )
    r = kpi("import", "values.csv")
    assert r.code == 0
    assert r.err == (
        "kpi: values.csv:2: kushiro-nemuro-child-centers: the count of 2019-04-01 (4月1日現在) is kept in R1/2019, "
        "the fiscal year it falls in\n"
    )
    assert ledger_rows(ledger_path) == [
        ("kushiro-nemuro-child-centers", "2019", "12"),
        ("soya-new-farmers", "2019", "9"),
    ]


def test_japanese_says_where_the_count_went(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    r = kpi("record", "kushiro-nemuro-child-centers", "2019-04-01", "12")
    assert r.err.startswith("kpi: kushiro-nemuro-child-centers: 2019-04-01（4月1日現在）の値は")
    assert "R1/2019" in r.err and "the fiscal year" not in r.err


TEMPLATE_R1 = {
    # (KPI, office): (year_label, instructions), for FY2019 (R1)
    ("soya-new-farmers", ""): (
        "2019年（1〜12月）",
        "2019年（1〜12月）の値を人で記入してください（年度ではなく暦年の値です。R1年度の欄に入ります）。"
        "未公表なら空欄のままにしてください。",
    ),
    ("tokachi-food-value-added", ""): (
        "2019年（1〜12月）",
        "2019年（1〜12月）の値を億円で記入してください（年度ではなく暦年の値です。R1年度の欄に入ります）。"
        "未公表なら空欄のままにしてください。",
    ),
    ("kushiro-nemuro-child-centers", ""): (
        "2019年4月1日現在",
        "2019年4月1日現在の値をか所で記入してください（R1年度初めの状態としてR1年度の欄に入ります）。"
        "未公表なら空欄のままにしてください。",
    ),
    ("dohoku-disaster-org-coverage", ""): (
        "2019年4月1日現在",
        "2019年4月1日現在の値を％で記入してください（R1年度初めの状態としてR1年度の欄に入ります）。"
        "未公表なら空欄のままにしてください。",
    ),
    ("tokachi-renewable-capacity", ""): (
        "2020年3月末現在",
        "2020年3月末現在の値をｋWで記入してください（R1年度末の状態としてR1年度の欄に入ります）。"
        "未公表なら空欄のままにしてください。",
    ),
    ("sorachi-graduate-local-jobs", ""): (
        "R2.3卒",
        "R2.3卒（2020年3月卒業）の値を人で記入してください。未公表なら空欄のままにしてください。",
    ),
    ("donan-trial-stay-users", ""): (
        "R1年度",
        "R1年度の実績値を人で記入してください。未公表なら空欄のままにしてください。",
    ),
    ("northern-territories-signatures", ""): (  # no source card: the fiscal year
        "R1年度",
        "R1年度の実績値を人で記入してください。未公表なら空欄のままにしてください。",
    ),
    ("donan-tourists", "渡島"): (
        "R1年度",
        "渡島分のR1年度の実績値を万人で記入してください（連携地域の合計は kpi が振興局分を足して出します）。"
        "未公表なら空欄のままにしてください。",
    ),
}


def test_the_template_asks_in_the_words_of_each_period(kpi: Runner) -> None:
    rows = json.loads(kpi("template", "--year", "R1", "--all", "-f", "json").out)["kpis"]
    got = {(r["kpi_id"], r["office"]): (r["year_label"], r["instructions"]) for r in rows}
    assert {key: got[key] for key in TEMPLATE_R1} == TEMPLATE_R1
    assert all(r["year"] == 2019 for r in rows)


def test_the_template_table_names_the_period(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = kpi("template", "--year", "R1", "--office", "宗谷", "-f", "table").out
    line = next(x for x in out.splitlines() if x.startswith("soya-new-farmers"))
    assert "2019年（1〜12月）" in line and "R1/2019" not in line


def test_show_names_the_years_of_a_point_kpi(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert kpi("record", "kushiro-nemuro-child-centers", "2019-04-01", "12").code == 0
    lines = kpi("show", "kushiro-nemuro-child-centers", "--year", "R1").out.splitlines()
    assert "集計期間      時点（4月1日現在）: R1/2019の値は2019年4月1日現在" in lines
    (row,) = [x for x in lines if "12か所" in x and "有効" in x]
    assert row.startswith("2019年4月1日現在  12か所  有効  ")
    doc = json.loads(kpi("show", "kushiro-nemuro-child-centers", "--year", "R1", "-f", "json").out)
    assert doc["chart"]["years"] == [2014, 2015, 2016, 2017, 2018, 2019]
    assert doc["chart"]["year_labels"] == [f"{y}年4月1日現在" for y in range(2014, 2020)]


def test_show_keeps_the_fiscal_years_of_a_fiscal_kpi(kpi: Runner) -> None:
    assert kpi("record", "donan-trial-stay-users", "R1", "200").code == 0
    lines = kpi("show", "donan-trial-stay-users", "--year", "R1").out.splitlines()
    assert "集計期間      年度（4月〜翌年3月）" in lines
    assert any(x.startswith("R1/2019  200人  有効  ") for x in lines)
    doc = json.loads(kpi("show", "donan-trial-stay-users", "-f", "json").out)
    assert doc["chart"]["year_labels"][-1] == "R1年度"
