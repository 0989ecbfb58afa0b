"""The collection year of FY R1, played by the 本庁 and the 14 振興局 (issue 24.7), in English and Japanese.

The 本庁 writes each office its sheet (`kpi template --office X --year R1`); the offices fill them as
clerks do — thousands separators, numbers typed as text, full-width digits, a unit after the
number, a blank not yet known, a memo under the table, a date for a point-in-time count, a 速報 —
and return `.xlsx` files or cp932 CSV saved by Excel. The 本庁 imports them in a shuffled order
(five at once, the rest one by one), imports one again, takes a 速報's 確定, corrects one value,
voids a typo and records the right figure, changes a note alone, and collects a late sheet. Then
nothing is owed and every KPI's status is what the table below says, worked out by hand.

Every figure is MADE UP (chosen so that each rating follows at a glance: the target reached is
達成; the baseline itself is 遅れ; below the baseline is 悪化; a 累計 KPI whose earlier years were
never recorded is not rated)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import Runner, digest
from test_workbooks import convert

OFFICES = (
    "空知",
    "石狩",
    "後志",
    "胆振",
    "日高",
    "渡島",
    "檜山",
    "上川",
    "留萌",
    "宗谷",
    "オホーツク",
    "十勝",
    "釧路",
    "根室",
)
CP932_CSV = frozenset({"檜山", "留萌", "根室"})  # returned as CSV saved by Excel on Japanese Windows
RESAVED = "後志"  # filled, then opened and saved again in LibreOffice Calc

# What each office types, per (KPI, share): as the clerk typed it, in the forms clerks use.
TYPED: dict[str, dict[tuple[str, str], Any]] = {
    "空知": {("sorachi-graduate-local-jobs", ""): "２７０"},  # full-width digits
    "石狩": {("ishikari-family-friendly-companies", ""): "100社"},  # the unit after the number
    "後志": {("yotei-nishiiburi-tourists", ""): "2,240", ("shiribeshi-year-round-workers", ""): 50},
    "胆振": {
        ("iburi-hidaka-tourists", "胆振"): "1,500.5",
        ("geopark-tourists", ""): "9,675",
        ("iburi-manufacturing-productivity", ""): "1,200",
    },
    "日高": {("iburi-hidaka-tourists", "日高"): 618.5, ("hidaka-new-farmers", ""): "20"},  # "20": a text cell
    "渡島": {
        ("donan-tourists", "渡島"): "1,330.0",  # a 速報 (status below); the 確定 comes later
        ("donan-new-primary-workers", ""): 126,
        ("donan-business-deals", ""): 60,
        ("donan-trial-stay-users", ""): "220人",
        ("donan-forest-volunteers", ""): "5,800",
    },
    "檜山": {("donan-tourists", "檜山"): "105.6", ("hiyama-joint-projects", ""): "5"},
    "上川": {
        ("dohoku-tourists", "上川"): "2,000",
        ("dohoku-disaster-org-coverage", ""): "81.0",
        ("dohoku-new-energy-support", ""): 36,
        ("russian-visitors", ""): "7,400人",
        ("teshio-river-tourists", ""): "313",
        ("kamikawa-new-farmers", ""): 150,
    },
    "留萌": {("dohoku-tourists", "留萌"): "200", ("rumoi-new-store-deals", ""): "20"},
    "宗谷": {("dohoku-tourists", "宗谷"): "207", ("soya-new-farmers", ""): None},  # not known yet: blank
    "オホーツク": {
        ("okhotsk-exporting-farm-groups", ""): 8,
        ("okhotsk-building-timber", ""): "63.4",
        ("okhotsk-wheat-confectioners", ""): "５０",
        ("okhotsk-product-negotiations", ""): 30,
        ("okhotsk-tourists", "オホーツク"): "907",
        ("okhotsk-sports-camps", ""): "400",
        ("doto-tourists", "オホーツク"): "1,000",
    },
    "十勝": {
        ("tokachi-food-value-added", ""): "1,002",
        ("tokachi-certified-products", ""): 200,
        ("doto-tourists", "十勝"): "1,000万人",
        ("tokachi-tech-sites", ""): "16",  # corrected to 17 later in the year
        ("tokachi-renewable-capacity", ""): "253,846",
        ("tokachi-trial-stay-days", ""): "11,758",
        ("tokachi-women-role-models", ""): 12,
    },
    "釧路": {
        ("doto-tourists", "釧路"): 600,
        ("kushiro-nemuro-raw-milk", ""): "1,359",
        ("kushiro-nemuro-tourists", "釧路"): "800",
        ("kushiro-nemuro-park-visitors", ""): "958",
        ("kushiro-nemuro-child-centers", ""): 26,  # its year cell holds the day counted (below)
        ("northern-territories-signatures", ""): "740,000",  # a typo (one zero too many), voided later
    },
    "根室": {("doto-tourists", "根室"): "387", ("kushiro-nemuro-tourists", "根室"): "223.6"},
}
PROVISIONAL = {("渡島", "donan-tourists")}  # typed 速報 in the 速報/確定 column
DAY_COUNTED = {("釧路", "kushiro-nemuro-child-centers"): datetime.datetime(2019, 4, 1)}  # 4月1日現在 → FY2019

# Each KPI's status at FY R1 after the year, by hand: (actual, rating, years still unknown).
EXPECTED: dict[str, tuple[str | None, str, list[int]]] = {
    "yotei-nishiiburi-tourists": ("2240", "behind", []),  # the baseline itself
    "iburi-hidaka-tourists": ("2119", "achieved", []),  # 胆振 1,500.5 + 日高 618.5 = the target 2,119
    "geopark-tourists": ("9675", "achieved", []),
    "sorachi-graduate-local-jobs": ("270", "achieved", []),
    "shiribeshi-year-round-workers": ("50", "achieved", []),
    "iburi-manufacturing-productivity": ("1200", "worse", []),  # below the baseline 1,332
    "ishikari-family-friendly-companies": ("100", "achieved", []),
    "hidaka-new-farmers": ("20", "achieved", []),
    "donan-tourists": ("1440", "achieved", []),  # 渡島 1,334.4 (確定) + 檜山 105.6 = 1,440
    "donan-new-primary-workers": ("126", "achieved", []),
    "donan-business-deals": (None, "no_data", [2015, 2016, 2017, 2018]),  # 累計 H27～R1, H27～H30 unknown
    "donan-trial-stay-users": ("220", "achieved", []),
    "donan-forest-volunteers": ("5800", "behind", []),
    "hiyama-joint-projects": ("5", "achieved", []),
    "dohoku-tourists": ("2407", "achieved", []),  # 上川 2,000 + 留萌 200 + 宗谷 207
    "dohoku-disaster-org-coverage": ("81", "achieved", []),
    "dohoku-new-energy-support": ("36", "achieved", []),
    "russian-visitors": ("7400", "achieved", []),
    "teshio-river-tourists": ("313", "achieved", []),
    "kamikawa-new-farmers": ("150", "achieved", []),
    "rumoi-new-store-deals": ("20", "achieved", []),
    "soya-new-farmers": ("10", "achieved", []),  # sent late
    "okhotsk-exporting-farm-groups": ("8", "achieved", []),
    "okhotsk-building-timber": ("63.4", "achieved", []),
    "okhotsk-wheat-confectioners": ("50", "achieved", []),
    "okhotsk-product-negotiations": (None, "no_data", [2015, 2016, 2017, 2018]),
    "okhotsk-tourists": ("907", "achieved", []),
    "okhotsk-sports-camps": ("400", "achieved", []),
    "tokachi-food-value-added": ("1002", "achieved", []),
    "tokachi-certified-products": ("200", "achieved", []),
    "doto-tourists": ("2987", "achieved", []),  # オホーツク 1,000 + 十勝 1,000 + 釧路 600 + 根室 387
    "tokachi-tech-sites": ("17", "achieved", []),  # corrected from 16
    "tokachi-renewable-capacity": ("253846", "achieved", []),
    "tokachi-trial-stay-days": ("11758", "achieved", []),
    "tokachi-women-role-models": (None, "no_data", [2016, 2017, 2018]),
    "kushiro-nemuro-raw-milk": ("1359", "achieved", []),
    "kushiro-nemuro-tourists": ("1023.6", "achieved", []),  # 釧路 800 + 根室 223.6
    "kushiro-nemuro-park-visitors": ("958", "achieved", []),
    "kushiro-nemuro-child-centers": ("26", "achieved", []),
    "northern-territories-signatures": ("74000", "achieved", []),  # the typo voided, 74,000 recorded
}

SAID = {  # a few lines as each language says them
    "en": {
        "voided": "northern-territories-signatures R1/2019 740,000人 was voided on",
        "note": "the value is unchanged but the note differs from the one recorded",
    },
    "ja": {
        "voided": "northern-territories-signatures R1/2019 740,000人 は",
        "note": "値は同じですが備考が記録済みのもの",
    },
}


def _machine(header: Any) -> str:
    """The machine name of a template's header cell (実績値\\nvalue → value)."""
    return str(header).split("\n")[-1]


def _fill_xlsx(sheet: Path, office: str, typed: dict[tuple[str, str], Any], note: tuple[str, str] = ("", "")) -> None:
    """Type into the sheet as a clerk does in Excel, and add a memo under the table."""
    book = load_workbook(sheet)
    ws = book.worksheets[0]
    col = {_machine(c.value): c.column for c in ws[1] if c.value}
    last = 1
    for row in range(2, ws.max_row + 1):
        kpi_id = str(ws.cell(row, col["kpi_id"]).value or "")
        share = str(ws.cell(row, col["office"]).value or "")
        if not kpi_id or (kpi_id, share) not in typed:
            continue
        last = row
        ws.cell(row, col["value"], typed[kpi_id, share])
        if (office, kpi_id) in PROVISIONAL:
            ws.cell(row, col["status"], "速報")
        if (office, kpi_id) in DAY_COUNTED:
            ws.cell(row, col["year"], DAY_COUNTED[office, kpi_id])
        if note[0] == kpi_id:
            ws.cell(row, col["note"], note[1])
    ws.cell(last + 1, 1, "※ 数値は担当課に確認済み（メモ）")  # a memo right under the table
    book.save(sheet)


def _fill_csv(sheet: Path, typed: dict[tuple[str, str], Any]) -> None:
    """Type into the CSV template and save it as Excel does on Japanese Windows: cp932, CRLF."""
    rows = list(csv.reader(io.StringIO(sheet.read_text("utf-8-sig"))))
    head = rows[0]
    for row in rows[1:]:
        key = (row[head.index("kpi_id")], row[head.index("office")])
        if key in typed and typed[key] is not None:
            row[head.index("value")] = str(typed[key])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(out.getvalue().encode("cp932"))


def _status(kpi: Runner) -> dict[str, tuple[str | None, str, list[int]]]:
    r = kpi("status", "--year", "R1", "--format", "json")
    assert r.code == 0, r.err
    kpis = json.loads(r.out, parse_float=Decimal)["kpis"]
    return {
        k["kpi_id"]: (None if k["actual"] is None else str(k["actual"]), k["rating"], k["unknown_years"]) for k in kpis
    }


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_year_played_by_14_offices(
    kpi: Runner, tmp_path: Path, ledger_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("KPI_LANG", lang)
    said = SAID[lang]
    returned: dict[str, Path] = {}
    for office in OFFICES:  # the 本庁 sends each office its sheet; each returns it filled
        sheet = tmp_path / (f"{office}-R1.csv" if office in CP932_CSV else f"{office}-R1.xlsx")
        r = kpi("template", "--office", office, "--year", "R1", "-o", str(sheet))
        assert r.code == 0, r.err
        if office in CP932_CSV:
            _fill_csv(sheet, TYPED[office])
        else:
            _fill_xlsx(sheet, office, TYPED[office])
        if office == RESAVED and lang == "en":  # (once: LibreOffice takes a few seconds)
            sheet = convert(sheet, "xlsx:Calc MS Excel 2007 XML")
        returned[office] = sheet

    order = list(OFFICES)
    random.Random(2019).shuffle(order)  # sheets come back in any order
    r = kpi("import", *(str(returned[o]) for o in order[:5]), "--by", "本庁")  # five at once
    assert r.code == 0, r.err
    for office in order[5:]:
        r = kpi("import", str(returned[office]), "--by", "本庁")
        assert r.code == 0, (office, r.err)

    before = digest(ledger_path)  # an analyst imports one again "to be sure": nothing changes
    assert kpi("import", str(returned["十勝"]), "--by", "本庁").code == 0
    assert digest(ledger_path) == before

    missing = kpi("missing", "--year", "R1", "--format", "json")  # only 宗谷's late value is owed
    owed = [(k["office"], k["kpi_id"]) for k in json.loads(missing.out)["missing"]]
    assert owed == [("宗谷", "soya-new-farmers")]

    # 渡島's 確定 replaces its 速報 (no --correct); 十勝 corrects 16 to 17 (refused, then --correct)
    oshima = tmp_path / "渡島-R1-確定.xlsx"
    assert kpi("template", "--office", "渡島", "--year", "R1", "--all", "-o", str(oshima)).code == 0
    _fill_xlsx(oshima, "渡島-確定", {**TYPED["渡島"], ("donan-tourists", "渡島"): "1,334.4"})
    book = load_workbook(oshima)
    ws = book.worksheets[0]
    col = {_machine(c.value): c.column for c in ws[1] if c.value}
    ws.cell(2, col["status"], "確定")  # donan-tourists 渡島分 is the sheet's first row
    assert ws.cell(2, col["kpi_id"]).value == "donan-tourists"
    book.save(oshima)
    r = kpi("import", str(oshima), "--by", "本庁")
    assert r.code == 0, r.err
    tokachi = tmp_path / "十勝-R1-訂正.xlsx"
    assert kpi("template", "--office", "十勝", "--year", "R1", "--all", "-o", str(tokachi)).code == 0
    _fill_xlsx(tokachi, "十勝", {**TYPED["十勝"], ("tokachi-tech-sites", ""): 17})
    before = digest(ledger_path)
    r = kpi("import", str(tokachi), "--by", "本庁")
    assert r.code == 2 and digest(ledger_path) == before  # a different value needs --correct
    assert "--correct" in r.err and r.err.count("\n") == 1
    assert kpi("import", str(tokachi), "--by", "本庁", "--correct").code == 0

    # 釧路's typo is voided; importing 釧路's sheet again does not bring it back; the right figure
    r = kpi("void", "northern-territories-signatures", "R1", "--reason", "桁の誤り（0が1つ多い）", "--by", "本庁")
    assert r.code == 0, r.err
    before = digest(ledger_path)
    r = kpi("import", str(returned["釧路"]), "--by", "本庁")
    assert r.code == 0 and digest(ledger_path) == before
    assert said["voided"] in r.out + r.err
    r = kpi("record", "northern-territories-signatures", "R1", "74,000", "--correct", "--by", "本庁")
    assert r.code == 0, r.err

    # 上川 sends the same figures with a note on one: a note alone changes only with --correct
    kamikawa = tmp_path / "上川-R1-備考.xlsx"
    assert kpi("template", "--office", "上川", "--year", "R1", "--all", "-o", str(kamikawa)).code == 0
    _fill_xlsx(kamikawa, "上川", TYPED["上川"], note=("russian-visitors", "出典: 上川総合振興局調べ"))
    before = digest(ledger_path)
    r = kpi("import", str(kamikawa), "--by", "本庁")
    assert r.code == 0 and digest(ledger_path) == before and said["note"] in r.err
    assert kpi("import", str(kamikawa), "--by", "本庁", "--correct").code == 0
    history = json.loads(kpi("history", "russian-visitors", "--format", "json").out)["rows"]
    assert [(h["value"], h["note"], h["superseded"]) for h in history] == [
        (7400, "出典: 上川総合振興局調べ", False),
        (7400, "", True),
    ]

    # 宗谷's late sheet
    late = tmp_path / "宗谷-R1-追加.xlsx"
    assert kpi("template", "--office", "宗谷", "--year", "R1", "-o", str(late)).code == 0
    _fill_xlsx(late, "宗谷", {("soya-new-farmers", ""): "10"})
    assert kpi("import", str(late), "--by", "本庁").code == 0

    r = kpi("missing", "--year", "R1", "--fail-on-missing", "--format", "table")
    assert r.code == 0 and r.out.startswith("未記録 0件\n")
    assert r.out.count("すべて記録済み") == len(OFFICES)
    assert _status(kpi) == EXPECTED
    assert kpi("verify").code == 0
    rows = json.loads(kpi("history", "--format", "json").out)["rows"]
    imported = [h for h in rows if h["recorded_by"] == "本庁" and h["origin"]]
    assert imported and all(h["returned_by"] in OFFICES for h in imported)  # every imported row says where from
    assert {h["origin"].split(":")[0] for h in imported} >= {f"{o}-R1.xlsx" for o in OFFICES if o not in CP932_CSV}
    assert {h["origin"].split(":")[0] for h in imported} >= {f"{o}-R1.csv" for o in CP932_CSV}
