"""A bad plan: one line per problem naming file, TOML location and fix; exit 2; no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner
from kpi_cli.errors import PlanError
from kpi_cli.plan.load import load_plan

MINIMAL = """\
schema_version = 1

[edition]
name = "テスト版"
start_year = 2016

[[regions]]
id = "tokachi"
name = "十勝"
core_city = "帯広市"

[[offices]]
id = "tokachi"
name = "十勝"
region = "tokachi"

[[projects]]
id = "food"
name = "食のプロジェクト"
region = "tokachi"
offices = ["tokachi"]

[[projects.kpis]]
id = "food-value"
name = "食品工業の付加価値額"
unit = "億円"
kind = "level"
baseline = { value = 876, year = 2014, label = "H26" }
target = { value = 1002, year = 2020, label = "R2" }
"""


def write(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(PlanError) as info:
        load_plan(path)
    return [str(d) for d in info.value.details or [info.value.message]]


def test_minimal_plan_loads(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, MINIMAL))
    (kpi,) = plan.kpis
    assert kpi.direction == "increase"
    assert kpi.target.op == "="


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert len(load_plan(path).kpis) == 1


def test_not_toml_gives_file_line_column(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace('name = "テスト版"', "name = テスト版"))
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert str(info.value.message).startswith(f"{path}:4:8: not valid TOML: ")
    assert str(info.value.message).endswith("; fix the syntax there")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sjis.toml"
    path.write_bytes(MINIMAL.encode("cp932"))
    with pytest.raises(PlanError, match=r"not UTF-8 text; save the plan as UTF-8"):
        load_plan(path)


def test_missing_and_mistyped_fields(tmp_path: Path) -> None:
    text = MINIMAL.replace('unit = "億円"\n', "").replace("year = 2020", 'year = "R2"')
    got = problems(tmp_path, text)
    path = tmp_path / "plan.toml"
    assert f'{path}: projects[0].kpis[0].unit: missing; add unit = "..."' in got
    assert f"{path}: projects[0].kpis[0].target.year: must be an integer, not a string ('R2')" in got


def test_unknown_key_suggests(tmp_path: Path) -> None:
    got = problems(tmp_path, MINIMAL.replace("target = {", "tagret = {"))
    assert any("projects[0].kpis[0].tagret: unknown key 'tagret'; did you mean 'target'?" in g for g in got)


def test_duplicate_ids(tmp_path: Path) -> None:
    kpi = MINIMAL[MINIMAL.index("[[projects.kpis]]") :]
    got = problems(tmp_path, MINIMAL + "\n" + kpi)
    assert any(
        "projects[0].kpis[1].id: duplicate KPI id 'food-value' (also at projects[0].kpis[0]); make it unique" in g
        for g in got
    )


def test_target_year_before_baseline(tmp_path: Path) -> None:
    got = problems(tmp_path, MINIMAL.replace('year = 2020, label = "R2"', 'year = 2013, label = "H25"'))
    assert got == [
        f"{tmp_path / 'plan.toml'}: projects[0].kpis[0].target.year: target year 2013 is before the "
        "baseline year 2014; correct one of them"
    ]


def test_equal_baseline_and_target_needs_direction(tmp_path: Path) -> None:
    text = MINIMAL.replace("value = 1002", "value = 876")
    got = problems(tmp_path, text)
    assert len(got) == 1 and "projects[0].kpis[0].direction: baseline equals target" in got[0]
    assert 'add direction = "increase" or "decrease"' in got[0]
    fixed = text.replace('kind = "level"', 'kind = "level"\ndirection = "decrease"')
    assert load_plan(write(tmp_path, fixed, "ok.toml")).kpis[0].direction == "decrease"


def test_decreasing_inferred_and_contradiction(tmp_path: Path) -> None:
    text = MINIMAL.replace("value = 1002", "value = 500")
    assert load_plan(write(tmp_path, text, "dec.toml")).kpis[0].direction == "decrease"
    bad = text.replace('kind = "level"', 'kind = "level"\ndirection = "increase"')
    got = problems(tmp_path, bad)
    assert "direction is increase but the target 500 is below the baseline 876" in got[0]


def test_unknown_office_and_region(tmp_path: Path) -> None:
    text = MINIMAL.replace('offices = ["tokachi"]', 'offices = ["tokach"]').replace(
        'region = "tokachi"\noffices', 'region = "tokyo"\noffices'
    )
    got = problems(tmp_path, text)
    assert any("projects[0].region: unknown region 'tokyo'" in g for g in got)
    assert any("projects[0].offices[0]: unknown office (振興局) 'tokach'; did you mean 'tokachi'?" in g for g in got)


def test_cumulative_without_period(tmp_path: Path) -> None:
    text = MINIMAL.replace('kind = "level"', 'kind = "cumulative"').replace(
        'baseline = { value = 876, year = 2014, label = "H26" }\n', ""
    )
    got = problems(tmp_path, text)
    assert got == [
        f"{tmp_path / 'plan.toml'}: projects[0].kpis[0].period: a cumulative KPI needs its period; "
        "add period = { start = 2015, end = 2019 }"
    ]


def test_label_must_agree_with_year(tmp_path: Path) -> None:
    got = problems(tmp_path, MINIMAL.replace('label = "H26"', 'label = "H27"'))
    assert got == [
        f"{tmp_path / 'plan.toml'}: projects[0].kpis[0].baseline.label: label 'H27' reads as 2015 "
        "but the year is 2014; correct one of them"
    ]


def test_bad_id(tmp_path: Path) -> None:
    got = problems(tmp_path, MINIMAL.replace('id = "food-value"', 'id = "Food Value"'))
    assert "projects[0].kpis[0].id: 'Food Value' is not a valid id" in got[0]


def test_inferred_needs_note(tmp_path: Path) -> None:
    got = problems(tmp_path, MINIMAL.replace('kind = "level"', 'kind = "level"\nownership = "inferred"'))
    assert "projects[0].kpis[0].note: an inferred owner needs a note" in got[0]


def test_cli_reports_every_problem_one_line_each(tmp_path: Path, kpi: Runner) -> None:
    text = MINIMAL.replace('unit = "億円"\n', "").replace('offices = ["tokachi"]', 'offices = ["nowhere"]')
    path = write(tmp_path, text)
    r = kpi("plan", "check", str(path))
    assert r.code == 2
    assert r.out == ""
    lines = r.err.splitlines()
    assert lines[0] == f"kpi: plan {path} is not valid (2 problems); fix the lines below, then run: kpi plan check"
    assert len(lines) == 3
    assert "Traceback" not in r.err


def test_cli_missing_plan(kpi: Runner) -> None:
    r = kpi("kpis", "--plan", "nowhere.toml")
    assert r.code == 2
    assert r.err == "kpi: plan file nowhere.toml not found; give an existing file with --plan or KPI_PLAN\n"


def test_cli_check_summary(kpi: Runner) -> None:
    r = kpi("plan", "check", str(SHIPPED_PLAN), "--format", "table")
    assert r.code == 0
    assert r.out == (
        f"{SHIPPED_PLAN}: OK — 6 regions (連携地域), 14 offices (振興局), 34 projects, 40 KPIs "
        "(連携地域別政策展開方針（平成28年7月）)\n"
    )
    r = kpi("plan", "check", str(SHIPPED_PLAN), "--format", "json")
    assert '"regions": 6' in r.out and '"kpis": 40' in r.out and '"schema_version": 1' in r.out


def test_a_number_is_said_as_written(tmp_path: Path, kpi: Runner) -> None:
    path = write(tmp_path, MINIMAL.replace("year = 2014,", "year = 2014.50,"))
    r = kpi("plan", "check", str(path))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines()[1] == (
        f"kpi: {path}: projects[0].kpis[0].baseline.year: must be an integer, not a number (2014.50)"
    )


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (  # a code that is another word's label: "late" typed would name either
            '{ code = "on_course", label = "順調" }, { code = "late", label = "on_course" }',
            "review.assessments: the words of on_course and late overlap ('on_course'): what is typed would name "
            "either; make them differ",
        ),
        (  # the same word once NFKC, case and spaces are set aside, as review add reads it
            '{ code = "good", label = "Ｇｏｏｄ" }, { code = "bad", label = "good " }',
            "review.assessments: the words of good and bad overlap ('good'): what is typed would name either; "
            "make them differ",
        ),
    ],
)
def test_overlapping_words_are_refused(tmp_path: Path, kpi: Runner, words: str, message: str) -> None:
    text = MINIMAL.replace("[[regions]]", f"[review]\nassessments = [{words}]\n\n[[regions]]")
    path = write(tmp_path, text)
    r = kpi("plan", "check", str(path))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"kpi: plan {path} is not valid (1 problem); fix the line below, then run: kpi plan check",
        f"kpi: {path}: {message}",
    ]


@pytest.mark.parametrize(
    ("ledger", "message"),
    [
        (
            "con.csv",
            "'con.csv' is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), not a file; rename it, "
            "e.g. '_con.csv'",
        ),
        (
            "Nul",
            "'Nul' is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), not a file; rename it, "
            "e.g. '_Nul'",
        ),
        (
            "ledgers/lpt1.r7.csv",
            "'ledgers/lpt1.r7.csv': 'lpt1.r7.csv' is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, "
            "LPT1-9), not a file or folder; rename it, e.g. 'ledgers/_lpt1.r7.csv'",
        ),
        (
            "aux/",
            "'aux/': 'aux' is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), not a file or "
            "folder; rename it, e.g. '_aux/'",
        ),
    ],
)
def test_an_editions_ledger_named_as_a_windows_device_is_refused(
    tmp_path: Path, kpi: Runner, ledger: str, message: str
) -> None:
    # [edition] ledger = "con.csv" passed the check: on Windows the ledger would be the console.
    path = write(tmp_path, MINIMAL.replace("start_year = 2016\n", f'start_year = 2016\nledger = "{ledger}"\n'))
    r = kpi("plan", "check", str(path))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"kpi: plan {path} is not valid (1 problem); fix the line below, then run: kpi plan check",
        f"kpi: {path}: edition.ledger: {message}",
    ]
    path.write_text(MINIMAL.replace("start_year = 2016\n", 'start_year = 2016\nledger = "console.csv"\n'), "utf-8")
    assert kpi("plan", "check", str(path)).code == 0  # (a name that only starts like one is a file)


def test_an_editions_ledger_named_as_a_windows_device_is_refused_in_japanese(
    tmp_path: Path, kpi: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    path = write(tmp_path, MINIMAL.replace("start_year = 2016\n", 'start_year = 2016\nledger = "CON.csv"\n'))
    r = kpi("plan", "check", str(path))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines()[1] == (
        f"kpi: {path}: edition.ledger: 'CON.csv' は Windows のデバイス名（CON、PRN、AUX、NUL、COM1～9、LPT1～9）で、"
        "ファイルになりません。名前を変えてください（例: '_CON.csv'）"
    )
