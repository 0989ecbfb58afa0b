"""Plan authoring: init, add-project, add-kpi, revise, import — validated, atomic, stable."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner
from kpi_cli.plan.load import load_plan
from kpi_cli.plan.write import dumps


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def new_plan(kpi: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "r7.toml"
    r = kpi("plan", "init", str(path), "--edition", "連携地域別政策展開方針（令和7年）", "--start", "R7")
    assert r.code == 0, r.err
    own = tmp_path / "r7-ledger.csv"
    assert r.out == f"created {path}: 6 regions, 14 offices, no projects yet; its values go to its own ledger {own}\n"
    monkeypatch.setenv("KPI_PLAN", str(path))
    return path


def test_new_edition_end_to_end(kpi: Runner, new_plan: Path) -> None:
    assert kpi("plan", "add-project", "--id", "tokachi-food", "--name", "「食の拠点」とかち強化プロジェクト",
               "--region", "十勝", "--policy", "安定的な食料の生産・供給拠点の形成").code == 0  # fmt: skip
    assert kpi("plan", "add-kpi", "--project", "tokachi-food", "--id", "food-value", "--name", "食品工業の付加価値額",
               "--unit", "億円", "--baseline", "1,050", "--baseline-year", "R5", "--target", "1,200億円",
               "--target-year", "R11").code == 0  # fmt: skip
    assert kpi("plan", "add-kpi", "--project", "tokachi-food", "--id", "deals", "--name", "商談成約件数",
               "--unit", "件", "--kind", "cumulative", "--target", "300", "--target-year", "R11",
               "--at-least").code == 0  # fmt: skip
    r = kpi("plan", "revise", "food-value", "--target", "1,250", "--from-year", "R8", "--reason", "上方修正")
    assert r.code == 0 and r.out == f"revised food-value → {new_plan}\n"
    plan = load_plan(new_plan)
    value = plan.kpi("food-value")
    assert value.target.value == 1200 and value.revisions[0].target.value == 1250
    assert value.baseline.label == "R5" and value.target.label == "R11"  # type: ignore[union-attr]
    deals = plan.kpi("deals")
    assert (deals.period.start, deals.period.end, deals.target.op) == (2025, 2029, ">=")  # type: ignore[union-attr]
    assert kpi("record", "food-value", "R8", "1160").code == 0
    rows = list(csv.DictReader(io.StringIO(kpi("status", "-f", "csv").out)))
    food = rows[0]
    # revised target in force from FY2026: 1050 + (1250 − 1050) × 3/6 = 1150
    assert (food["target_value"], food["expected"], food["original_target_value"], food["revised_in"]) == (
        "1250",
        "1150",
        "1200",
        "2026",
    )
    early = next(iter(csv.DictReader(io.StringIO(kpi("status", "-f", "csv", "-y", "R7").out))))
    assert (early["target_value"], early["revised_in"]) == ("1200", "")
    kpis = list(csv.DictReader(io.StringIO(kpi("kpis", "-f", "csv").out)))
    assert (kpis[0]["original_target_value"], kpis[0]["revised_in"], kpis[0]["revision_reason"]) == (
        "1200",
        "2026",
        "上方修正",
    )
    assert "※R8改定（当初 1,200億円）" in kpi("status", "-f", "table").out


def test_init_refuses_to_overwrite(kpi: Runner, new_plan: Path) -> None:
    before = digest(new_plan)
    r = kpi("plan", "init", str(new_plan), "--edition", "x", "--start", "2025")
    assert r.code == 2 and "already exists" in r.err
    assert digest(new_plan) == before


BAD = [
    (["add-project", "--id", "p", "--name", "n", "--region", "東京"], "unknown region '東京'"),
    (["add-project", "--id", "Bad Id", "--name", "n", "--region", "十勝"], "'Bad Id' is not a valid id"),
    (
        [
            "add-kpi",
            "--project",
            "nowhere",
            "--id",
            "k",
            "--name",
            "n",
            "--unit",
            "件",
            "--baseline",  # (a level KPI's missing baseline is said first, with the values, in make_kpi)
            "0",
            "--baseline-year",
            "R6",
            "--target",
            "1",
            "--target-year",
            "R9",
        ],
        "unknown project 'nowhere'",
    ),
    (
        [
            "add-kpi",
            "--project",
            "p1",
            "--id",
            "k",
            "--name",
            "n",
            "--unit",
            "万人",
            "--target",
            "5千人",
            "--target-year",
            "R9",
        ],
        "is in 千人, but this KPI is measured in 万人",
    ),
    (
        [
            "add-kpi",
            "--project",
            "p1",
            "--id",
            "k",
            "--name",
            "n",
            "--unit",
            "件",
            "--target",
            "5",
            "--target-year",
            "H40",
        ],
        "平成 ended in its 31st year",
    ),
    (
        [
            "add-kpi",
            "--project",
            "p1",
            "--id",
            "k",
            "--name",
            "n",
            "--unit",
            "件",
            "--baseline",
            "5",
            "--baseline-year",
            "R9",
            "--target",
            "9",
            "--target-year",
            "R8",
        ],
        "is before the baseline year",
    ),
    (["revise", "nowhere", "--target", "1", "--from-year", "R8", "--reason", "x"], "unknown KPI 'nowhere'"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_changes_nothing(kpi: Runner, new_plan: Path, args: list[str], message: str) -> None:
    assert kpi("plan", "add-project", "--id", "p1", "--name", "n", "--region", "十勝").code == 0
    before = digest(new_plan)
    r = kpi("plan", *args)
    assert r.code == 2
    assert message in r.err and "Traceback" not in r.err
    assert digest(new_plan) == before
    assert not [p for p in new_plan.parent.iterdir() if p.name.endswith(".tmp")]


def test_packaged_plan_is_read_only(kpi: Runner) -> None:
    r = kpi("plan", "add-project", "--id", "p", "--name", "n", "--region", "十勝")
    assert r.code == 2 and "the plan shipped inside kpi is read-only" in r.err


def test_written_toml_is_stable_and_ordered(tmp_path: Path) -> None:
    plan = load_plan(SHIPPED_PLAN)
    text = dumps(plan)
    path = tmp_path / "again.toml"
    path.write_text(text, "utf-8")
    reloaded = load_plan(path)
    assert reloaded._replace(source_path="") == plan._replace(source_path="")
    assert dumps(reloaded) == text  # same input, same bytes
    order = [text.index(h) for h in ("[edition]", "[rating]", "[[regions]]", "[[offices]]", "[[projects]]")]
    assert order == sorted(order)
    assert 'ownership = "inferred"' in text and "note = " in text


def test_short_regions_stay_tables(tmp_path: Path) -> None:
    """A region of only id and name is short enough for tomli-w to write inline (`regions = [{...}]`),
    which after [rating] would belong to [rating]: it stays a [[regions]] table."""
    path = tmp_path / "short.toml"
    path.write_text(
        '[edition]\nname = "e"\nstart_year = 2016\n\n[[regions]]\nid = "r"\nname = "十勝"\n\n'
        '[[offices]]\nid = "o"\nname = "十勝"\nregion = "r"\n',
        "utf-8",
    )
    plan = load_plan(path)
    text = dumps(plan)
    assert '\n[[regions]]\nid = "r"\nname = "十勝"\n' in text and "regions = [" not in text
    again = tmp_path / "again.toml"
    again.write_text(text, "utf-8")
    assert load_plan(again)._replace(source_path="") == plan._replace(source_path="")


def test_import_round_trips_the_shipped_plan(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exported = tmp_path / "kpis.csv"
    exported.write_text(kpi("kpis", "--format", "csv").out, "utf-8")
    shipped = load_plan(SHIPPED_PLAN)
    # into a new edition: the same projects and KPIs
    fresh = tmp_path / "fresh.toml"
    assert kpi("plan", "init", str(fresh), "--edition", "copy", "--start", "2016").code == 0
    r = kpi("plan", "import", str(exported), "--plan", str(fresh))
    assert r.code == 0 and "40 KPIs added, 40 in all" in r.out
    got = load_plan(fresh)
    assert got.kpis == shipped.kpis
    assert [(p.id, p.name, p.region_id, p.office_ids) for p in got.projects] == [
        (p.id, p.name, p.region_id, p.office_ids) for p in shipped.projects
    ]
    # into the plan itself: nothing changes
    copy = tmp_path / "copy.toml"
    shutil.copy(SHIPPED_PLAN, copy)
    assert kpi("plan", "import", str(exported), "--plan", str(copy)).code == 0
    assert load_plan(copy)._replace(source_path="") == shipped._replace(source_path="")
    # Excel on Japanese Windows
    sjis = tmp_path / "kpis-cp932.csv"
    lines = exported.read_text("utf-8").splitlines(keepends=True)
    # cp932 has no ㎥ (建築材等の出荷量 千㎥): that one row stays out of the Excel file
    sjis.write_bytes("".join(line for line in lines if "㎥" not in line).encode("cp932"))
    again = tmp_path / "again.toml"
    assert kpi("plan", "init", str(again), "--edition", "copy", "--start", "2016").code == 0
    assert kpi("plan", "import", str(sjis), "--plan", str(again), "--encoding", "cp932").code == 0
    assert load_plan(again).kpis == tuple(k for k in shipped.kpis if k.unit != "千㎥")


def test_import_lists_every_bad_row(kpi: Runner, new_plan: Path, tmp_path: Path) -> None:
    before = digest(new_plan)
    src = tmp_path / "bad.csv"
    src.write_text(
        "id,name,unit,region,project_id,project,target_value,target_year\n"
        "a,名前,件,十勝,p,プロジェクト,10,R9\n"
        "b,名前,件,東京,q,プロジェクト,10,R9\n"
        "c,名前,件,十勝,p,プロジェクト,10,H40\n",
        "utf-8",
    )
    r = kpi("plan", "import", str(src))
    assert r.code == 2
    lines = r.err.splitlines()
    assert lines[0] == f"kpi: {src}: 3 bad rows; the plan was not changed"
    assert lines[1] == (  # (was not a bad row: the plan's check then said "add baseline = { value = 1162, ...")
        f"kpi: {src}:2: a level KPI needs a baseline: give baseline_value and baseline_year (or kind target_only "
        "for a KPI with a target only)"
    )
    assert lines[2].startswith(f"kpi: {src}:3: unknown region '東京'")
    assert lines[3].startswith(f"kpi: {src}:4: year 'H40' does not exist")
    assert digest(new_plan) == before


def test_a_level_kpi_without_baseline_is_said_in_options(kpi: Runner, new_plan: Path) -> None:
    assert kpi("plan", "add-project", "--id", "p1", "--name", "n", "--region", "十勝").code == 0
    before = digest(new_plan)
    args = ("plan", "add-kpi", "--project", "p1", "--id", "k", "--name", "n", "--unit", "件", "--target", "9")
    r = kpi(*args, "--target-year", "R9")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "kpi: a level KPI needs a baseline: give --baseline and --baseline-year (or --kind target_only for a KPI "
        "with a target only)\n"
    )
    assert digest(new_plan) == before
    assert kpi(*args, "--target-year", "R9", "--kind", "target_only").code == 0


def test_half_a_baseline_is_said_in_each_commands_own_terms(kpi: Runner, new_plan: Path, tmp_path: Path) -> None:
    assert kpi("plan", "add-project", "--id", "p1", "--name", "n", "--region", "十勝").code == 0
    before = digest(new_plan)
    args = ("plan", "add-kpi", "--project", "p1", "--id", "k", "--name", "n", "--unit", "件", "--target", "9")
    r = kpi(*args, "--target-year", "R9", "--baseline", "3")
    assert (r.code, r.out) == (2, "")
    assert r.err == "kpi: give both --baseline and --baseline-year (or neither, for a target-only KPI)\n"
    src = tmp_path / "kpis.csv"
    header = "id,name,unit,region,project_id,project,target_value,target_year,baseline_year"
    src.write_text(f"{header}\nk,名前,件,十勝,p1,n,10,R9,R6\n", "utf-8")  # a baseline year, no value
    r = kpi("plan", "import", str(src))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"kpi: {src}: 1 bad row; the plan was not changed",
        f"kpi: {src}:2: give both baseline_value and baseline_year (or neither, for a target-only KPI)",
    ]
    assert digest(new_plan) == before


def test_plan_import_says_a_missing_baseline_and_bad_values_in_its_columns(
    kpi: Runner, new_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A level KPI without baseline columns got the plan's TOML key ("add baseline = { value = 1162, year =
    # 2014 }"), a value not a number was called "baseline" or "target" (基準値, 目標値): say the columns.
    assert kpi("plan", "add-project", "--id", "p1", "--name", "n", "--region", "十勝").code == 0
    before = digest(new_plan)
    src = tmp_path / "kpis.csv"
    src.write_text(
        "id,name,unit,region,project_id,project,target_value,target_year\nk,名前,件,十勝,p1,n,10,R9\n", "utf-8"
    )
    r = kpi("plan", "import", str(src))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"kpi: {src}: 1 bad row; the plan was not changed",
        f"kpi: {src}:2: a level KPI needs a baseline: give baseline_value and baseline_year (or kind target_only "
        "for a KPI with a target only)",
    ]
    header = (
        "id,name,unit,region,project_id,project,baseline_value,baseline_year,target_value,target_year,"
        "original_target_value,revised_in"
    )
    src.write_text(
        f"{header}\n"
        "a,名前,件,十勝,p1,n,abc,H26,10,R9,,\n"
        "b,名前,件,十勝,p1,n,5,H26,x1,R9,,\n"
        "c,名前,件,十勝,p1,n,5,H26,12,R9,9件?,R8\n"  # (a revised target: the original is make_kpi's target)
        "d,名前,件,十勝,p1,n,5,H26,1y,R9,9,R8\n",
        "utf-8",
    )
    monkeypatch.setenv("KPI_LANG", "ja")  # (column names are said as they are, in Japanese too)
    r = kpi("plan", "import", str(src))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"kpi: {src}: 問題のある行が4行あります。計画は変更していません",
        f"kpi: {src}:2: baseline_value 'abc' は数値ではありません。1372.6 や 1,372.6 のように数字で入力してください",
        f"kpi: {src}:3: target_value 'x1' は数値ではありません。1372.6 や 1,372.6 のように数字で入力してください",
        f"kpi: {src}:4: original_target_value '9件?' の単位は 件? ですが、このKPIの単位は 件 です。"
        "件に換算するか数値だけを入力してください",
        f"kpi: {src}:5: target_value '1y' の単位は y ですが、このKPIの単位は 件 です。"
        "件に換算するか数値だけを入力してください",
    ]
    assert digest(new_plan) == before
    monkeypatch.setenv("KPI_LANG", "en")
    args = ("plan", "add-kpi", "--project", "p1", "--id", "k", "--name", "n", "--unit", "件", "--target-year", "R9")
    r = kpi(*args, "--baseline", "3", "--baseline-year", "R6", "--target", "9x")
    assert (r.code, r.out) == (2, "")
    assert (
        r.err
        == "kpi: --target '9x' is in x, but this KPI is measured in 件; convert it to 件 (or give the number alone)\n"
    )
    assert digest(new_plan) == before


@pytest.mark.parametrize(("plan", "ledger"), [("aux.r7.toml", "_aux.r7-ledger.csv"), ("r7.toml", "r7-ledger.csv")])
def test_plan_init_names_no_ledger_as_a_windows_device(kpi: Runner, tmp_path: Path, plan: str, ledger: str) -> None:
    path = tmp_path / plan
    r = kpi("plan", "init", str(path), "--edition", "連携地域別政策展開方針（令和7年）", "--start", "R7")
    assert (r.code, r.err) == (0, "")
    assert r.out.endswith(f"its values go to its own ledger {tmp_path / ledger}\n")
    assert load_plan(path).edition.ledger == ledger
