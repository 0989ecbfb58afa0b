"""KPIs that count a set of 市町村 (``municipalities`` in the plan): the plan's sets and their
provenance, the checks of ``kpi plan check``, the plan writer's round trip, ``kpi kpis``, and the sum
kpi computes when it reads the 市町村 shares (``kpi@m:<name>``), as it sums 振興局 shares.
Figures are made up (hand-computed sums); the real evidence for the sets is in
tests/fixtures/tourism/municipal_sets.md and, with the extractor's data, tests/test_tourism_stats.py."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner, digest
from kpi_cli.core.model import ledger_keys, municipal_part, part_name, share_key, split_key
from kpi_cli.core.municipalities import MUNICIPALITIES, canonical, municipal_office
from kpi_cli.plan.load import load_plan
from kpi_cli.plan.write import dumps

YOTEI = "yotei-nishiiburi-tourists"
YOTEI_TOWNS = (
    "ニセコ町",
    "倶知安町",
    "京極町",
    "喜茂別町",
    "真狩村",
    "留寿都村",
    "蘭越町",
    "室蘭市",
    "登別市",
    "伊達市",
    "豊浦町",
    "洞爺湖町",
    "壮瞥町",
    "白老町",
)
# Made-up shares (万人) of the 14, and their sum by hand: 160.01 + 150.02 + 80.03 + 260.04 + 45.05
# + 145.06 + 59.8 + 100.01 + 350.07 + 170.02 + 40.03 + 280.04 + 180.05 + 179.87 = 2,200.10
SHARES: tuple[str, ...] = ("160.01", "150.02", "80.03", "260.04", "45.05", "145.06", "59.8")
SHARES += ("100.01", "350.07", "170.02", "40.03", "280.04", "180.05", "179.87")
TOTAL = Decimal("2200.10")


def test_the_179_municipalities() -> None:
    assert len(MUNICIPALITIES) == 179  # 35 市, 129 町, 15 村 (since FY2010's reorganisation)
    assert sum(name.endswith("市") for name in MUNICIPALITIES) == 35
    assert sum(name.endswith("村") for name in MUNICIPALITIES) == 15
    assert (municipal_office("幌延町"), municipal_office("幌加内町"), municipal_office("中札内村")) == (
        "宗谷",
        "上川",
        "十勝",
    )
    assert (canonical("ﾆｾｺ町"), canonical("ニセコ 町"), canonical("ニセコ村")) == ("ニセコ町", "ニセコ町", None)


def test_the_shipped_plan_lists_the_one_set_the_evidence_supports() -> None:
    shipped = load_plan(SHIPPED_PLAN)
    yotei = shipped.kpi(YOTEI)
    assert yotei.municipalities == YOTEI_TOWNS
    assert yotei.municipalities_ownership == "inferred"
    assert "2,240.31万人" in yotei.municipalities_note and "白老町" in yotei.municipalities_note
    assert yotei.part_ids[0] == "m:ニセコ町" and yotei.parts_word == "市町村"
    for unsettled in ("geopark-tourists", "teshio-river-tourists"):  # no set reproduces the baseline
        kpi = shipped.kpi(unsettled)
        assert kpi.municipalities == () and kpi.part_ids == ()
        assert "対象の市町村が確定していない" in kpi.source.note
    assert all(not k.municipalities for k in shipped.kpis if k.id != YOTEI)


def test_keys_of_a_municipal_share() -> None:
    key = share_key(YOTEI, municipal_part("ニセコ町"))
    assert key == "yotei-nishiiburi-tourists@m:ニセコ町"
    assert split_key(key) == (YOTEI, "m:ニセコ町")
    shipped = load_plan(SHIPPED_PLAN)
    assert key in ledger_keys(shipped.kpi(YOTEI)) and f"{key}#H1" in ledger_keys(shipped.kpi(YOTEI))
    assert (part_name(shipped, "m:ニセコ町"), part_name(shipped, "oshima")) == ("ニセコ町", "渡島")


# ------------------------------------------------------------------------------ plan check

PLAN = """\
schema_version = 1

[edition]
name = "テスト版"
start_year = 2016

[[regions]]
id = "doo"
name = "道央広域"

[[offices]]
id = "shiribeshi"
name = "後志"
region = "doo"

[[offices]]
id = "iburi"
name = "胆振"
region = "doo"

[[projects]]
id = "yotei"
name = "ようてい"
region = "doo"
offices = ["shiribeshi", "iburi"]

[[projects.kpis]]
id = "towns-tourists"
name = "観光入込客数（3町合計）"
unit = "万人"
baseline = { value = 100, year = 2014 }
target = { value = 120, year = 2019 }
{extra}
"""
GOOD = 'municipalities = ["ニセコ町", "登別市", "白老町"]\nmunicipalities_note = "printed in the project sheet"\n'


def _check(kpi: Runner, tmp_path: Path, extra: str) -> tuple[int, list[str]]:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN.replace("{extra}", extra), "utf-8")
    r = kpi("plan", "check", str(path))
    return r.code, r.err.splitlines()


def test_plan_check_accepts_a_set_with_its_provenance(kpi: Runner, tmp_path: Path) -> None:
    code, err = _check(kpi, tmp_path, GOOD)
    assert (code, err) == (0, [])
    plan = load_plan(tmp_path / "plan.toml")
    k = plan.kpi("towns-tourists")
    assert (k.municipalities, k.municipalities_ownership, k.municipalities_note) == (
        ("ニセコ町", "登別市", "白老町"),
        "printed",
        "printed in the project sheet",
    )


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            'municipalities = ["ﾆｾｺ町"]\nmunicipalities_note = "x"\n',
            "projects[0].kpis[0].municipalities[0]: write 'ﾆｾｺ町' as ニセコ町, as the 道 writes it",
        ),
        (
            'municipalities = ["ニセコ村"]\nmunicipalities_note = "x"\n',
            "projects[0].kpis[0].municipalities[0]: 'ニセコ村' is not a 市町村 of Hokkaido; did you mean ニセコ町?",
        ),
        (
            'municipalities = ["Sapporo"]\nmunicipalities_note = "x"\n',
            "projects[0].kpis[0].municipalities[0]: 'Sapporo' is not a 市町村 of Hokkaido; check the spelling "
            "(e.g. ニセコ町, 倶知安町)",
        ),
        (
            'municipalities = ["登別市", "白老町", "登別市"]\nmunicipalities_note = "x"\n',
            "projects[0].kpis[0].municipalities: 登別市 listed twice; list each 市町村 once",
        ),
        (
            'municipalities = ["登別市"]\n',
            "projects[0].kpis[0].municipalities_note: say where the set of 市町村 is printed, or "
            '(municipalities_ownership = "inferred") the evidence for it; add municipalities_note = "..."',
        ),
        (
            'municipalities_note = "x"\n',
            "projects[0].kpis[0].municipalities: missing; add municipalities = [...] or remove the other "
            "municipalities_ keys",
        ),
        (
            'municipalities = ["登別市"]\nmunicipalities_ownership = "guessed"\nmunicipalities_note = "x"\n',
            "projects[0].kpis[0].municipalities_ownership: 'guessed' is not one of printed, inferred",
        ),
        (
            'municipalities = ["登別市"]\nmunicipalities_note = "x"\nparts = ["iburi"]\n',
            "projects[0].kpis[0].municipalities: a KPI is summed over 振興局 (parts) or over 市町村 "
            "(municipalities), not both; keep one",
        ),
        (
            'municipalities = "登別市"\nmunicipalities_note = "x"\n',
            'projects[0].kpis[0].municipalities: must be a list of strings, e.g. ["..."]',
        ),
    ],
    ids=["width", "misspelt", "unknown", "twice", "no-note", "no-list", "ownership", "with-parts", "not-a-list"],
)
def test_plan_check_says_what_is_wrong_with_a_set(kpi: Runner, tmp_path: Path, extra: str, problem: str) -> None:
    path = tmp_path / "plan.toml"
    code, err = _check(kpi, tmp_path, extra)
    assert code == 2
    assert err == [
        f"kpi: plan {path} is not valid (1 problem); fix the line below, then run: kpi plan check",
        f"kpi: {path}: {problem}",
    ]


def test_the_plan_writer_keeps_a_set_byte_for_byte(tmp_path: Path) -> None:
    shipped = load_plan(SHIPPED_PLAN)
    text = dumps(shipped)
    assert 'municipalities_ownership = "inferred"' in text
    again = tmp_path / "again.toml"
    again.write_text(text, "utf-8")
    reread = load_plan(again)
    assert reread.kpi(YOTEI).municipalities == YOTEI_TOWNS
    assert dumps(reread) == text


def test_kpis_lists_the_set_and_plan_import_reads_it_back(kpi: Runner, tmp_path: Path) -> None:
    doc = json.loads(kpi("kpis", "--format", "json").out)
    assert doc["schema_version"] == 3
    record = next(k for k in doc["kpis"] if k["id"] == YOTEI)
    assert record["municipalities"] == list(YOTEI_TOWNS)
    assert record["municipalities_ownership"] == "inferred"
    assert record["municipalities_note"].startswith("この市町村の組合せを記載した資料はない。")
    assert list(record)[-4:] == ["municipalities", "municipalities_ownership", "municipalities_note", "source"]
    donan = next(k for k in doc["kpis"] if k["id"] == "donan-tourists")
    assert (donan["municipalities"], donan["municipalities_ownership"], donan["municipalities_note"]) == (
        [],
        None,
        None,
    )
    text = kpi("kpis", "--format", "csv").out
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == YOTEI)
    assert row["municipalities"] == ";".join(YOTEI_TOWNS)
    sheet = tmp_path / "kpis.csv"
    sheet.write_text(text, "utf-8")
    assert kpi("plan", "init", str(tmp_path / "new.toml"), "--edition", "新版", "--start", "R7").code == 0
    r = kpi("plan", "import", str(sheet), "--plan", str(tmp_path / "new.toml"))
    assert r.code == 0, r.err
    assert load_plan(tmp_path / "new.toml").kpi(YOTEI).municipalities == YOTEI_TOWNS


# ------------------------------------------------------------------------ the sum, when read


def status(kpi: Runner) -> dict[str, object]:
    r = kpi("status", "-k", YOTEI, "--year", "R1", "-f", "json")
    assert r.code == 0, r.err
    result: dict[str, object] = json.loads(r.out)["kpis"][0]
    return result


def test_the_municipal_shares_are_summed_when_read(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", YOTEI, "R1", "160.01", "--office", "ﾆｾｺ町")
    assert r.code == 0, r.err
    assert r.out.startswith(
        "recorded: 観光入込客数（14市町村合計(区毎の統計を取っていない札幌市南区を除く)） ニセコ町分 "
        "[yotei-nishiiburi-tourists@m:ニセコ町] R1/2019 = 160.01万人"
    )
    one = status(kpi)
    assert (one["actual"], one["rating"], one["parts_recorded"], one["parts_total"], one["partial_year"]) == (
        None,
        "no_data",
        1,
        14,
        2019,
    )
    assert "1/14 市町村" in kpi("status", "-k", YOTEI, "--year", "R1", "-f", "table").out
    for town, value in list(zip(YOTEI_TOWNS, SHARES, strict=True))[1:]:
        assert kpi("record", YOTEI, "R1", value, "--office", town).code == 0
    whole = status(kpi)
    assert (whole["actual"], whole["parts_recorded"], whole["partial_year"]) == (2200.1, None, None)
    assert Decimal(str(whole["actual"])) == TOTAL
    # kpi stores no sum: every row is one 市町村's share
    rows = list(csv.reader(io.StringIO(ledger_path.read_text("utf-8"))))[1:]
    assert sorted(r[2] for r in rows) == sorted(f"{YOTEI}@m:{t}" for t in YOTEI_TOWNS)
    assert kpi("verify").code == 0


def test_show_gives_the_sum_with_its_parts(kpi: Runner) -> None:
    for town, value in zip(YOTEI_TOWNS[:2], SHARES[:2], strict=True):
        assert kpi("record", YOTEI, "R1", value, "--office", town).code == 0
    partial = kpi("show", YOTEI).out
    assert (
        "内訳          R1/2019: 2/14 市町村のみ記録（合計待ち）\n              ニセコ町 160.01、倶知安町 150.02\n"
        in partial
    )
    assert "              未記録: 京極町、喜茂別町、" in partial
    for town, value in list(zip(YOTEI_TOWNS, SHARES, strict=True))[2:]:
        assert kpi("record", YOTEI, "R1", value, "--office", town).code == 0
    page = kpi("show", YOTEI).out
    assert "実績          2,200.10万人\n内訳          R1/2019: 14市町村の合計 2,200.10万人（kpi の計算）\n" in page
    assert "              ニセコ町 160.01、倶知安町 150.02、京極町 80.03、" in page
    assert "市町村    年度" in page  # the history names each share's 市町村
    data = json.loads(kpi("show", YOTEI, "-f", "json").out)
    assert data["parts"]["year"] == 2019
    assert (data["parts"]["recorded"], data["parts"]["total_parts"], data["parts"]["sum"]) == (14, 14, 2200.1)
    assert data["parts"]["parts"][0] == {"part": "m:ニセコ町", "name": "ニセコ町", "value": 160.01}
    assert data["parts"]["whole"] is None
    # a value for the whole KPI wins over the sum, and the page says so
    assert kpi("record", YOTEI, "R1", "2,201").code == 0
    assert "2,200.10万人（kpi の計算）。全体の値 2,201万人 を使用" in kpi("show", YOTEI).out


def test_a_share_of_a_town_outside_the_set_is_refused(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", YOTEI, "R1", "1", "--office", "ニセコ村")
    assert (r.code, r.err) == (
        2,
        "kpi: 'ニセコ村' is not one of the 市町村 of yotei-nishiiburi-tourists; did you mean ニセコ町?\n",
    )
    r = kpi("record", YOTEI, "R1", "1", "--office", "札幌市")
    assert r.code == 2
    assert r.err == (
        "kpi: '札幌市' is not one of the 市町村 of yotei-nishiiburi-tourists; they are " + ", ".join(YOTEI_TOWNS) + "\n"
    )
    assert digest(ledger_path) == ""
