"""Source cards: what the shipped plan records of each KPI's statistic, the checker's one line per
mistake, the writer's round trip, and the card in kpi kpis (schema 2), kpi plan import and kpi show."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner
from kpi_cli.core.model import SOURCE_FIELDS, Plan, Source
from kpi_cli.errors import PlanError
from kpi_cli.plan.load import load_plan
from kpi_cli.plan.write import dumps
from kpi_cli.reports.listing import SOURCE_COLUMNS

# ------------------------------------------------------------------ the shipped cards

# KPI: (basis, the fields printed in a source, the fields inferred)
SHIPPED = {
    "yotei-nishiiburi-tourists": ("fiscal", "statistic publisher basis preliminary final", "definition"),
    "iburi-hidaka-tourists": ("fiscal", "statistic publisher basis preliminary final", "department definition"),
    "geopark-tourists": ("fiscal", "statistic publisher basis preliminary final", "definition"),
    "donan-tourists": ("fiscal", "statistic publisher basis preliminary final", "department definition"),
    "dohoku-tourists": ("fiscal", "statistic publisher basis preliminary final", "department definition"),
    "teshio-river-tourists": ("fiscal", "statistic publisher basis preliminary final", "definition"),
    "okhotsk-tourists": ("fiscal", "statistic publisher basis preliminary final", "department definition"),
    "doto-tourists": ("fiscal", "statistic publisher basis preliminary final", "department definition"),
    "kushiro-nemuro-tourists": ("fiscal", "statistic publisher basis preliminary final", "department definition"),
    "soya-new-farmers": ("calendar", "statistic publisher department basis", ""),
    "hidaka-new-farmers": ("calendar", "statistic publisher department basis", ""),
    "kamikawa-new-farmers": ("calendar", "", "statistic publisher department basis"),
    "kushiro-nemuro-raw-milk": ("", "statistic publisher", ""),
    "tokachi-food-value-added": ("calendar", "statistic publisher basis", "final"),
    "iburi-manufacturing-productivity": ("calendar", "statistic publisher basis", "final"),
    "kushiro-nemuro-child-centers": ("point", "statistic publisher basis as_of", "definition"),
    "dohoku-disaster-org-coverage": ("point", "statistic publisher basis as_of", ""),
    "tokachi-renewable-capacity": ("point", "statistic publisher basis", "as_of"),
    "donan-trial-stay-users": ("fiscal", "statistic publisher basis", ""),
    "tokachi-trial-stay-days": ("fiscal", "statistic publisher basis", ""),
    "russian-visitors": ("fiscal", "statistic publisher basis", ""),
    "donan-business-deals": ("fiscal", "statistic publisher basis", ""),
    "okhotsk-product-negotiations": ("fiscal", "statistic publisher basis", ""),
    "hiyama-joint-projects": ("fiscal", "statistic publisher basis", ""),
    "tokachi-women-role-models": ("fiscal", "statistic publisher basis", ""),
    "dohoku-new-energy-support": ("fiscal", "", "statistic publisher basis"),
    "rumoi-new-store-deals": ("fiscal", "", "statistic publisher basis"),
    "shiribeshi-year-round-workers": ("fiscal", "", "statistic publisher basis"),
    "sorachi-graduate-local-jobs": ("cohort", "basis", ""),
}
NO_CARD = {
    "ishikari-family-friendly-companies",
    "donan-new-primary-workers",
    "donan-forest-volunteers",
    "okhotsk-exporting-farm-groups",
    "okhotsk-building-timber",
    "okhotsk-wheat-confectioners",
    "okhotsk-sports-camps",
    "tokachi-certified-products",
    "tokachi-tech-sites",
    "kushiro-nemuro-park-visitors",
    "northern-territories-signatures",
}


def test_which_kpis_have_a_card_and_what_is_printed(plan: Plan) -> None:
    got = {}
    for k in plan.kpis:
        s = k.source
        if s.is_empty:
            continue
        printed = [f for f in SOURCE_FIELDS if getattr(s, f) and f not in s.inferred]
        got[k.id] = (s.basis, " ".join(printed), " ".join(s.inferred))
    assert got == SHIPPED
    assert {k.id for k in plan.kpis if k.source.is_empty} == NO_CARD
    assert len(SHIPPED) + len(NO_CARD) == 40


def test_the_shipped_cards_are_honest(plan: Plan) -> None:
    cards = [k.source for k in plan.kpis if not k.source.is_empty]
    assert all(not s.url for s in cards)  # sources.md gives no address of a statistic
    assert all(s.note for s in cards if s.inferred)
    assert all(s.as_of for s in cards if s.basis == "point")
    tourism = [k for k in plan.kpis if k.id.endswith("-tourists")]
    assert len(tourism) == 9
    assert {(k.source.statistic, k.source.publisher) for k in tourism} == {
        ("北海道観光入込客数調査", "北海道 経済部観光局")
    }


def test_a_tourism_card_in_full(plan: Plan) -> None:
    assert plan.kpi("donan-tourists").source == Source(
        statistic="北海道観光入込客数調査",
        publisher="北海道 経済部観光局",
        department="渡島・檜山の各振興局 商工労働観光課（振興局ごとに発表）",
        definition="渡島と檜山の振興局計の入込総数（延べ）の和（万人）",
        basis="fiscal",
        preliminary="年度終了後の6～7月（上期分は12～1月）",
        final="その後の報告書",
        inferred=("department", "definition"),
        note=(
            "定義: 振興局の行（入込総数、延べ）の和とするのは kpi の解釈である。報告書の市町村別の行から"
            "計画に記載の基準値が再現でき（sources.md、計算による）、計画は内訳を示していない。"
            "担当課: 記載の振興局は、この KPI の内訳とした振興局である（内訳は計画に示されていない）。"
        ),
    )


def test_the_packaged_copy_has_the_same_cards() -> None:
    from kpi_cli.locations import PACKAGED_PLAN

    assert [k.source for k in load_plan(PACKAGED_PLAN).kpis] == [k.source for k in load_plan(SHIPPED_PLAN).kpis]


# ------------------------------------------------------------------ the checker

PLAN = """\
schema_version = 1

[edition]
name = "テスト版"
start_year = 2016

[[regions]]
id = "tokachi"
name = "十勝"

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
baseline = { value = 876, year = 2014, label = "H26" }
target = { value = 1002, year = 2020, label = "R2" }

[projects.kpis.source]
"""
CARD = 'statistic = "工業統計"\nbasis = "calendar"\n'
WHERE = "projects[0].kpis[0].source"


def problems(tmp_path: Path, card: str) -> list[str]:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN + card, "utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    prefix = f"{path}: "
    return [str(d).removeprefix(prefix) for d in info.value.details or [info.value.message]]


@pytest.mark.parametrize(
    ("card", "line"),
    [
        (
            CARD + 'statstic = "x"\n',
            f"{WHERE}.statstic: unknown key 'statstic'; did you mean 'statistic'?",
        ),
        (CARD + "publisher = 1\n", f"{WHERE}.publisher: must be a string, not an integer (1)"),
        (
            'statistic = "工業統計"\nbasis = "yearly"\n',
            f"{WHERE}.basis: 'yearly' is not one of fiscal, calendar, point, cohort",
        ),
        (
            'statistic = "一覧"\nbasis = "point"\n',
            f'{WHERE}.as_of: a point-in-time (時点) basis needs its day; add as_of = "4月1日現在"',
        ),
        (
            CARD + 'as_of = "4月1日現在"\n',
            f'{WHERE}.as_of: only a point-in-time basis has a day; remove as_of or set basis = "point" '
            "(basis is 'calendar')",
        ),
        (
            'statistic = "一覧"\nbasis = "point"\nas_of = "年度末"\n',
            f"{WHERE}.as_of: '年度末' is not a day of the year; write it like 4月1日現在 or 3月末",
        ),
        (
            'statistic = "一覧"\nbasis = "point"\nas_of = "2月30日"\n',
            f"{WHERE}.as_of: '2月30日' is not a day of the year; write it like 4月1日現在 or 3月末",
        ),
        (
            CARD + 'inferred = ["url"]\nnote = "n"\n',
            f"{WHERE}.inferred[0]: url is marked inferred but the card has no url; fill it or remove it from inferred",
        ),
        (
            CARD + 'inferred = ["source"]\nnote = "n"\n',
            f"{WHERE}.inferred[0]: 'source' is not a field of a source card; name one of statistic, publisher, "
            "department, url, definition, basis, as_of, preliminary, final",
        ),
        (
            CARD + 'inferred = ["basis", "basis"]\nnote = "n"\n',
            f"{WHERE}.inferred[1]: basis is listed twice; list each field once",
        ),
        (CARD + 'inferred = ["basis"]\n', f'{WHERE}.note: inferred fields need a note saying why; add note = "..."'),
        (CARD + 'inferred = "basis"\n', f'{WHERE}.inferred: must be a list of strings, e.g. ["..."]'),
        (
            CARD + 'url = "www.pref.hokkaido.lg.jp"\n',
            f"{WHERE}.url: 'www.pref.hokkaido.lg.jp' is not a web address; give it whole, starting with https://",
        ),
        ("", f'{WHERE}: the source card is empty; add statistic = "..." (or remove the card)'),
        ('note = "only a note"\n', f'{WHERE}: the source card is empty; add statistic = "..." (or remove the card)'),
    ],
)
def test_one_line_per_mistake(tmp_path: Path, card: str, line: str) -> None:
    assert problems(tmp_path, card) == [line]


def test_a_card_that_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN.replace("\n[projects.kpis.source]\n", 'source = "工業統計"\n'), "utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert [str(d) for d in info.value.details or [info.value.message]] == [
        f"{path}: projects[0].kpis[0].source: must be a table, not a string ('工業統計')"
    ]


def test_every_mistake_of_a_card_at_once(tmp_path: Path, kpi: Runner) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN + 'statistic = 1\nbasis = "point"\ninferred = ["url"]\n', "utf-8")
    r = kpi("plan", "check", str(path))
    assert r.code == 2
    assert r.err.splitlines() == [
        f"kpi: plan {path} is not valid (4 problems); fix the lines below, then run: kpi plan check",
        f"kpi: {path}: {WHERE}.statistic: must be a string, not an integer (1)",
        f'kpi: {path}: {WHERE}.as_of: a point-in-time (時点) basis needs its day; add as_of = "4月1日現在"',
        f"kpi: {path}: {WHERE}.inferred[0]: url is marked inferred but the card has no url; fill it or remove it "
        "from inferred",
        f'kpi: {path}: {WHERE}.note: inferred fields need a note saying why; add note = "..."',
    ]


FULL = """\
statistic = "工業統計 / 経済センサス"
publisher = "経済産業省・総務省"
department = "十勝総合振興局 商工労働観光課"
url = "https://www.e-stat.go.jp/"
definition = "食料品製造業の付加価値額"
basis = "point"
as_of = "3月末"
preliminary = "翌年6月"
final = "翌々年3月"
inferred = ["url", "department"]
note = "A made-up card for the test."
"""


def test_a_full_card_loads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN + FULL, "utf-8")
    assert load_plan(path).kpis[0].source == Source(
        statistic="工業統計 / 経済センサス",
        publisher="経済産業省・総務省",
        department="十勝総合振興局 商工労働観光課",
        url="https://www.e-stat.go.jp/",
        definition="食料品製造業の付加価値額",
        basis="point",
        as_of="3月末",
        preliminary="翌年6月",
        final="翌々年3月",
        inferred=("url", "department"),
        note="A made-up card for the test.",
    )


# ------------------------------------------------------------------ the writer


def test_the_writer_keeps_a_card_byte_for_byte(tmp_path: Path, kpi: Runner) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN + FULL, "utf-8")
    plan = load_plan(path)
    text = dumps(plan)
    assert text.endswith(
        "[projects.kpis.source]\n"
        + FULL.replace('inferred = ["url", "department"]', 'inferred = [\n    "url",\n    "department",\n]')
    )
    again = tmp_path / "again.toml"
    again.write_text(text, "utf-8")
    reloaded = load_plan(again)
    assert reloaded._replace(source_path="") == plan._replace(source_path="")
    assert dumps(reloaded) == text
    assert kpi("plan", "check", str(again)).code == 0


def test_a_plan_edit_keeps_every_card(tmp_path: Path, kpi: Runner) -> None:
    copy = tmp_path / "plan.toml"
    shutil.copy(SHIPPED_PLAN, copy)
    before = load_plan(copy)
    r = kpi(
        "plan",
        "revise",
        "donan-tourists",
        "--target",
        "1500",
        "--from-year",
        "R1",
        "--reason",
        "test",
        "--plan",
        str(copy),
    )
    assert r.code == 0, r.err
    after = load_plan(copy)
    assert [k.source for k in after.kpis] == [k.source for k in before.kpis]
    written = copy.read_bytes()
    r = kpi(
        "plan",
        "revise",
        "dohoku-tourists",
        "--target",
        "2500",
        "--from-year",
        "R1",
        "--reason",
        "t",
        "--plan",
        str(copy),
    )
    assert r.code == 0
    assert dumps(load_plan(copy)).encode("utf-8") == copy.read_bytes() != written


# ------------------------------------------------------------------ kpi kpis, kpi plan import


CHILD_CENTERS = {
    "statistic": "認定こども園一覧",
    "publisher": "北海道 保健福祉部",
    "department": "",
    "url": "",
    "definition": "一覧に載る釧路・根室管内の認定こども園の数",
    "basis": "point",
    "as_of": "4月1日現在",
    "preliminary": "",
    "final": "",
    "inferred": ["definition"],
    "note": "定義: 設置数は、一覧に載る2振興局管内の認定こども園の数と読む。一覧は sources.md が挙げるものである。",
}


def test_kpis_json_has_the_card_nested(kpi: Runner) -> None:
    doc = json.loads(kpi("kpis", "--format", "json").out)
    assert doc["schema_version"] == 3  # 2 brought the card; 3 the 市町村 a KPI counts
    kpis = {k["id"]: k for k in doc["kpis"]}
    assert kpis["kushiro-nemuro-child-centers"]["source"] == CHILD_CENTERS
    assert kpis["tokachi-tech-sites"]["source"] is None
    assert list(kpis["tokachi-tech-sites"])[-1] == "source"
    assert not any(key.startswith("source_") for key in kpis["tokachi-tech-sites"])
    lines = kpi("kpis", "--format", "ndjson").out.splitlines()
    rows = [json.loads(line) for line in lines]
    assert {r["schema_version"] for r in rows} == {3}
    assert next(r for r in rows if r["id"] == "kushiro-nemuro-child-centers")["source"] == CHILD_CENTERS


def test_kpis_csv_flattens_the_card(kpi: Runner) -> None:
    text = kpi("kpis", "--format", "csv").out
    header = text.splitlines()[0].split(",")
    assert (
        tuple(header[-len(SOURCE_COLUMNS) :])
        == SOURCE_COLUMNS
        == (
            "source_statistic",
            "source_publisher",
            "source_department",
            "source_url",
            "source_definition",
            "source_basis",
            "source_as_of",
            "source_preliminary",
            "source_final",
            "source_inferred",
            "source_note",
        )
    )
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    child = rows["kushiro-nemuro-child-centers"]
    assert {c: child[c] for c in SOURCE_COLUMNS} == {
        f"source_{k}": ";".join(v) if isinstance(v, list) else v for k, v in CHILD_CENTERS.items()
    }
    assert rows["kamikawa-new-farmers"]["source_inferred"] == "statistic;publisher;department;basis"
    assert all(rows["tokachi-tech-sites"][c] == "" for c in SOURCE_COLUMNS)


def test_plan_import_reads_the_card_back(kpi: Runner, tmp_path: Path) -> None:
    exported = tmp_path / "kpis.csv"
    exported.write_text(kpi("kpis", "--format", "csv").out, "utf-8")
    fresh = tmp_path / "fresh.toml"
    assert kpi("plan", "init", str(fresh), "--edition", "copy", "--start", "2016").code == 0
    assert kpi("plan", "import", str(exported), "--plan", str(fresh)).code == 0
    shipped = load_plan(SHIPPED_PLAN)
    assert [k.source for k in load_plan(fresh).kpis] == [k.source for k in shipped.kpis]


def test_plan_import_refuses_an_unknown_basis(kpi: Runner, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(kpi("kpis", "--format", "csv").out)))
    row = next(r for r in rows if r["id"] == "soya-new-farmers")
    row["source_basis"] = "yearly"
    path = tmp_path / "one.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    fresh = tmp_path / "fresh.toml"
    assert kpi("plan", "init", str(fresh), "--edition", "copy", "--start", "2016").code == 0
    r = kpi("plan", "import", str(path), "--plan", str(fresh))
    assert r.code == 2
    assert r.err.splitlines()[-1] == (
        f"kpi: {path}:2: unknown source_basis 'yearly'; use fiscal, calendar, point, cohort (or leave it empty)"
    )


# ------------------------------------------------------------------ kpi show


def test_show_prints_the_card(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # the note on one line
    lines = kpi("show", "donan-tourists", "--year", "R1").out.splitlines()
    start = lines.index("統計          北海道観光入込客数調査（北海道 経済部観光局）")
    assert lines[start : start + 6] == [
        "統計          北海道観光入込客数調査（北海道 経済部観光局）",
        "担当          渡島・檜山の各振興局 商工労働観光課（振興局ごとに発表）（推定）",
        "定義          渡島と檜山の振興局計の入込総数（延べ）の和（万人）（推定）",
        "集計期間      年度（4月〜翌年3月）",
        "公表          速報 年度終了後の6～7月（上期分は12～1月）、確定 その後の報告書",
        "出典の注記    定義: 振興局の行（入込総数、延べ）の和とするのは kpi の解釈である。報告書の市町村別の行から"
        "計画に記載の基準値が再現でき（sources.md、計算による）、計画は内訳を示していない。"
        "担当課: 記載の振興局は、この KPI の内訳とした振興局である（内訳は計画に示されていない）。",
    ]
    calendar = kpi("show", "soya-new-farmers", "--year", "R1").out.splitlines()
    assert "集計期間      暦年（1〜12月）: R1/2019の値は2019年（1〜12月）" in calendar
    assert not any(line.startswith("統計") for line in kpi("show", "tokachi-tech-sites").out.splitlines())


def test_show_json_nests_the_card(kpi: Runner) -> None:
    doc = json.loads(kpi("show", "kushiro-nemuro-child-centers", "-f", "json").out)
    assert doc["kpi"]["source"] == CHILD_CENTERS
    assert not any(key.startswith("source_") for key in doc["kpi"])
    assert json.loads(kpi("show", "tokachi-tech-sites", "-f", "json").out)["kpi"]["source"] is None
