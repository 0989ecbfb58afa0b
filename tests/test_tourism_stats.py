"""The reader of the 北海道観光入込客数調査 report workbook (kpi_cli.ledger.tourism).

(a) the fixture workbooks (MADE-UP figures, see tests/fixtures/tourism/README.txt) read to exact
    values and rows; (b) the oracle: the municipal rows of the real reports (FY2013–2019, from the
    extractor's CSVs) add up to every per-振興局 figure printed in the releases, within the printed
    rounding, except where a figure was revised; (c) fuzzing: random grids and damaged workbooks
    give InputError, never another exception; (d) 千人 → the KPI's unit exactly.

Fuzzing is bounded for the suite (KPI_FUZZ_EXAMPLES, default 60 per test).
"""

from __future__ import annotations

import copy
import csv
import io
import os
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi_cli.errors import InputError
from kpi_cli.ledger import tourism_records, tourism_workbook
from kpi_cli.ledger.tourism import (
    MunicipalRow,
    TourismReport,
    convert_thousands,
    exact_number,
    municipal_sum,
    parse_tourism_grid,
    read_tourism_workbook,
)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "tourism"
FY2019_XLSX = FIXTURES / "report_fy2019.xlsx"
FY2019_ODS = FIXTURES / "report_fy2019.ods"
FY2008_XLS = FIXTURES / "report_fy2008.xls"
MONTHLY_2019 = "6～28頁"
MONTHLY_2008 = "6～25頁"

EXAMPLES = int(os.environ.get("KPI_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def grid_of(path: Path, sheet: str) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as book:
        return [list(row) for row in book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)]


def only(reports: list[TourismReport]) -> TourismReport:
    assert len(reports) == 1, [r.sheet for r in reports]
    return reports[0]


# ------------------------------------------------------------------ (a) the fixture workbooks


FY2019_AREAS = [
    ("道央", "道央圏域計", "21501.2", 10),
    ("道南", "道南圏域計", "13271.3", 52),
    ("オホーツク", "ｵﾎｰﾂｸ圏域計", "1800.4", 104),
    ("十勝", "十勝圏域計", "4250.6", 128),
]
FY2019_OFFICES = [
    ("石狩", "石狩振興局計", "道央", "18000.5", 16),
    ("胆振", "胆振総合振興局計", "道央", "3500.7", 34),
    ("渡島", "渡島総合振興局計", "道南", "12036.8", 58),
    ("檜山", "檜山振興局計", "道南", "1234.5", 82),  # the cell holds the text 「1,234.5」
    ("オホーツク", "ｵﾎｰﾂｸ総合振興局計", "オホーツク", "1800.4", 110),
    ("十勝", "十勝総合振興局計", "十勝", "4250.6", 134),
]
FY2019_MUNICIPALITIES = [
    ("札幌市", "札幌市（定山渓を除く）", "石狩", "14000", 22),
    ("千歳市", "千歳市", "石狩", "4000.5", 28),
    ("登別市", "登別市", "胆振", "3500.7", 40),
    ("壮瞥町", "壮瞥町", "胆振", None, 46),  # printed 「－」
    ("函館市", "函館市", "渡島", "6000.3", 64),
    ("北斗市", "北斗市", "渡島", "1500.2", 70),  # the cell holds the float 1500.2000000000001
    ("七飯町", "七飯町", "渡島", "4536.3", 76),
    ("江差町", "江差町", "檜山", "1000", 88),
    ("奥尻町", "奥尻町", "檜山", "234.5", 94),
    ("北見市", "北見市", "オホーツク", "1500", 116),
    ("遠軽町", "遠軽町", "オホーツク", "300.4", 122),
    ("帯広市", "帯広市", "十勝", "2500", 140),
    ("中札内村", "中礼内村", "十勝", "950.5", 146),  # the report's misprint, fixed for matching
    ("鹿追町", "鹿追町", "十勝", "800.1", 152),
]


def _areas(report: TourismReport) -> list[tuple[str, str, str, int]]:
    return [(a.area, a.printed, str(a.total), a.row) for a in report.areas]


def _offices(report: TourismReport) -> list[tuple[str, str, str, str, int]]:
    return [(o.office, o.printed, o.area, str(o.total), o.row) for o in report.offices]


def _municipalities(report: TourismReport) -> list[tuple[str, str, str, str | None, int]]:
    return [
        (m.name, m.printed, m.office, None if m.total is None else str(m.total), m.row) for m in report.municipalities
    ]


@pytest.mark.parametrize("path", [FY2019_XLSX, FY2019_ODS], ids=["xlsx", "ods"])
def test_fy2019_workbook_reads_exactly(path: Path) -> None:
    report = only(read_tourism_workbook(path))  # the cover and the 1～5頁 summary are passed over
    assert (report.sheet, report.fiscal_year, report.year_text) == (MONTHLY_2019, 2019, "令和元年度")
    assert not report.subprefectures
    assert str(report.hokkaido) == "40823.5"
    assert _areas(report) == FY2019_AREAS
    assert _offices(report) == FY2019_OFFICES
    assert _municipalities(report) == FY2019_MUNICIPALITIES
    sapporo = report.municipalities[0]
    assert sapporo.qualifier == "定山渓を除く"
    assert str(report.office("渡島").total) == "12036.8"  # 12,036.8 千人, no float artefact


def test_fy2008_workbook_old_layout() -> None:
    report = only(read_tourism_workbook(FY2008_XLS))
    # The monthly sheet names no year: the cover sheet's 「平成20年度」 is taken.
    assert (report.sheet, report.fiscal_year, report.year_text) == (MONTHLY_2008, 2008, "平成20年度")
    assert report.subprefectures
    assert str(report.hokkaido) == "11713.5"
    assert _areas(report) == [
        ("道央", "道央圏域計", "4920.5", 9),
        ("道北", "道北圏域計", "891.5", 51),
        ("オホーツク", "オホーツ", "2730.5", 87),  # a 圏域 name printed in two pieces
        ("十勝", "十勝圏域計", "3171", 114),
    ]
    assert _offices(report) == [
        ("胆振", "胆振支庁計", "道央", "4700", 15),
        ("日高", "日高支庁計", "道央", "220.5", 33),
        ("留萌", "留萌支庁計", "道北", "320.8", 57),
        ("宗谷", "宗谷支庁計", "道北", "570.7", 75),
        ("オホーツク", "網走支庁計", "オホーツク", "2730.5", 93),  # 網走支庁 → オホーツク総合振興局
        ("十勝", "十勝支庁計", "十勝", "3171", 120),
    ]
    assert _municipalities(report) == [
        ("室蘭市", "室蘭市", "胆振", "1100", 21),
        ("登別市", "登別市", "胆振", "3600", 27),
        ("様似町", "様似町", "日高", "100.3", 39),
        ("浦河町", "浦河町", "日高", "120.2", 45),
        ("留萌市", "留萌市", "留萌", "240.6", 63),
        ("幌延町", "幌延町", "留萌", "80.2", 69),
        ("稚内市", "稚内市", "宗谷", "570.7", 81),
        ("北見市", "北見市", "オホーツク", "1360.1", 99),
        ("網走市", "網走市", "オホーツク", "1370.4", 108),  # after a page break, 「ク」 in column A
        ("帯広市", "帯広市", "十勝", "2160.9", 126),
        ("中札内村", "中礼内村", "十勝", "1010.1", 132),
    ]
    horonobe = report.municipalities[5]
    assert (horonobe.office, horonobe.office_today) == ("留萌", "宗谷")  # moved in April 2010
    assert report.office("網走").office == "オホーツク"


@pytest.mark.parametrize("path", [FY2019_XLSX, FY2008_XLS], ids=["fy2019", "fy2008"])
def test_printed_totals_add_up_in_the_fixtures(path: Path) -> None:
    """The fixtures are consistent, as the real report is: 市町村 add up to their 振興局計."""
    report = only(read_tourism_workbook(path))
    for office in report.offices:
        names = [m.name for m in report.municipalities if m.office == office.office and m.total is not None]
        assert municipal_sum(report, names)[0] == office.total, office.office
    for area in report.areas:
        assert sum(o.total for o in report.offices if o.area == area.area) == area.total, area.area


def test_grid_without_header_is_refused() -> None:
    with pytest.raises(InputError, match="no header row starting 「圏　域」"):
        parse_tourism_grid([["令和元年度"], ["市町村", "入込総数", 1.0]], "Sheet1")
    with pytest.raises(InputError, match="no header row"):
        parse_tourism_grid([], "empty")


def test_year_from_the_title_the_hint_or_refused() -> None:
    grid = grid_of(FY2008_XLS, MONTHLY_2008)  # a title without a year
    with pytest.raises(InputError, match=r"cannot tell its fiscal year .*keep the report's title row"):
        parse_tourism_grid(grid, MONTHLY_2008)
    assert parse_tourism_grid(grid, MONTHLY_2008, year_hint=2008).fiscal_year == 2008
    assert parse_tourism_grid(grid, "平成20年度 6～25頁").fiscal_year == 2008  # the sheet name
    titled = copy.deepcopy(grid)
    titled[0][0] = "平成31年度（令和元年度）　北海道観光入込客数調査"  # two names of one year
    assert parse_tourism_grid(titled, MONTHLY_2008).fiscal_year == 2019
    titled[0][0] = "Ｈ２０年度"
    assert parse_tourism_grid(titled, MONTHLY_2008).year_text == "H20年度"
    titled[0][0] = "平成20年度　（平成19年度比）"
    with pytest.raises(InputError, match=r"several fiscal years \(FY2007, FY2008\)"):
        parse_tourism_grid(titled, MONTHLY_2008)


def test_office_total_that_is_not_a_number_is_refused() -> None:
    grid = grid_of(FY2019_XLSX, MONTHLY_2019)
    for bad in ["－", "", "約12,000", "12.036,8", -5.0, float("nan"), True]:
        broken = copy.deepcopy(grid)
        broken[57][16] = bad  # row 58, 年計 (column Q) of 渡島総合振興局計
        with pytest.raises(InputError, match=r"row 58: the 年計 of '渡島総合振興局計' is .*not a number of visitors"):
            parse_tourism_grid(broken, MONTHLY_2019)


def test_other_damage_is_refused_with_its_row() -> None:
    grid = grid_of(FY2019_XLSX, MONTHLY_2019)
    municipal = copy.deepcopy(grid)
    municipal[63][16] = "不明"  # 函館市
    with pytest.raises(InputError, match=r"row 64: the 年計 of '函館市' is '不明'"):
        parse_tourism_grid(municipal, MONTHLY_2019)
    twice = copy.deepcopy(grid)
    twice[81][1] = "渡島総合振興局計"  # 檜山's row now names 渡島 again
    with pytest.raises(InputError, match=r"row 82: a second 振興局計 row for 渡島 \(the first is row 58\)"):
        parse_tourism_grid(twice, MONTHLY_2019)
    unknown = copy.deepcopy(grid)
    unknown[57][1] = "札幌振興局計"
    with pytest.raises(InputError, match=r"row 58: unknown 振興局 '札幌'"):
        parse_tourism_grid(unknown, MONTHLY_2019)
    nameless = copy.deepcopy(grid)
    nameless[63][2] = None  # 函館市's name gone
    with pytest.raises(InputError, match=r"row 64: a 入込総数 row without a 圏域計, 振興局計 or 市町村 name"):
        parse_tourism_grid(nameless, MONTHLY_2019)
    months = copy.deepcopy(grid)
    months[2][9] = "上期"  # the 9月 label
    with pytest.raises(InputError, match=r"the header has no column for 9月"):
        parse_tourism_grid(months, MONTHLY_2019)


def test_header_without_month_labels_uses_the_documented_positions() -> None:
    grid = grid_of(FY2008_XLS, MONTHLY_2008)
    bare = copy.deepcopy(grid)
    bare[1] = ["圏　域"]  # the header row reduced to its first cell: FY2008 columns by position
    old = parse_tourism_grid(bare, MONTHLY_2008, year_hint=2008)
    assert _offices(old) == _offices(only(read_tourism_workbook(FY2008_XLS)))


def test_sheet_of_one_type_without_a_kind_column() -> None:
    grid: list[list[object]] = [
        ["令和元年度　観光入込客数（入込総数）"],
        ["圏　域", "振興局", "市町村", *[f"{m}月" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)], "年計"],
        ["", "十勝総合振興局計", "", *[1.0] * 12, 12.0],
        ["", "", "帯広市", *[1.0] * 12, 12.0],
        ["（注）数値は千人単位"],
    ]
    report = parse_tourism_grid(grid, "Sheet1")
    assert _offices(report) == [("十勝", "十勝総合振興局計", "", "12", 3)]
    assert _municipalities(report) == [("帯広市", "帯広市", "十勝", "12", 4)]
    grid[0] = ["令和元年度　宿泊客延数"]
    with pytest.raises(InputError, match="no 入込総数 rows"):
        parse_tourism_grid(grid, "Sheet1")


def test_municipal_sum() -> None:
    report = only(read_tourism_workbook(FY2019_XLSX))
    total, parts = municipal_sum(report, ["帯広市", "中礼内村", "鹿追町"])
    assert (str(total), parts) == (
        "4250.6",
        [("帯広市", Decimal("2500"), 140), ("中礼内村", Decimal("950.5"), 146), ("鹿追町", Decimal("800.1"), 152)],
    )
    assert municipal_sum(report, ["中札内村"])[1] == [("中礼内村", Decimal("950.5"), 146)]
    assert municipal_sum(report, ["札幌市"])[1] == [("札幌市（定山渓を除く）", Decimal("14000"), 22)]
    assert municipal_sum(report, ["北 斗 市"])[0] == Decimal("1500.2")
    assert report.office("ｵﾎｰﾂｸ").printed == "ｵﾎｰﾂｸ総合振興局計"  # any width
    with pytest.raises(InputError, match=r"no 市町村 '帯広' in 6～28頁 \(FY2019\); did you mean 帯広市\?"):
        municipal_sum(report, ["帯広"])
    with pytest.raises(InputError, match=r"no 市町村 'ニセコ町'.*check the spelling"):
        municipal_sum(report, ["ニセコ町"])
    with pytest.raises(InputError, match="named twice"):
        municipal_sum(report, ["帯広市", "帯広市"])
    with pytest.raises(InputError, match=r"'壮瞥町' has no 年計 .*\(row 46\)"):
        municipal_sum(report, ["壮瞥町"])
    with pytest.raises(InputError, match="no 市町村 given"):
        municipal_sum(report, [])


# ----------------------------------------------------------------------------- (b) the oracle
#
# The extractor's CSVs (colspan/hokkaido-opendata-extractor, MIT) hold the municipal rows of the
# yearly reports (確定). Only their 入込総数 年計 of FY2013–2019 are used, with the licence, from
# shared/data/tourism-extractor/ beside the repository (or $HOKKAIDO_TOURISM_ORACLE). They are not
# in this repository: data a fetch brought in stays in the steering repo's shared/.


def _oracle_dir() -> Path | None:
    candidates = [HERE.parent.parent / "shared" / "data" / "tourism-extractor"]
    if os.environ.get("HOKKAIDO_TOURISM_ORACLE"):
        candidates.insert(0, Path(os.environ["HOKKAIDO_TOURISM_ORACLE"]))
    for candidate in candidates:
        if (candidate / "tourism_stat_report_2019_monthly.csv").is_file():
            return candidate
    return None


ORACLE = _oracle_dir()
needs_oracle = pytest.mark.skipif(
    ORACLE is None,
    reason="the extractor's CSVs are not in shared/data/tourism-extractor/ (nor $HOKKAIDO_TOURISM_ORACLE)",
)


def oracle_report(year: int) -> TourismReport:
    """The municipal rows of a year's report, as the reader would return them (no printed totals)."""
    assert ORACLE is not None
    rows: list[MunicipalRow] = []
    with (ORACLE / f"tourism_stat_report_{year}_monthly.csv").open(encoding="utf-8", newline="") as f:
        for line, record in enumerate(csv.DictReader(f), start=2):
            if record["type"] != "入込総数":  # (道外/道内, 日帰/宿泊 and 宿泊延数 are rows of their own)
                continue
            office = tourism_records.office_name(record["promotion_bureau"])
            name, qualifier = tourism_records.municipal_name(record["commune"])
            # A CSV holds the text of a float cell (771.5000000000001): read it as a cell.
            total = exact_number(float(record["sum"]))
            rows.append(MunicipalRow(name, record["commune"], qualifier, office, office, total, line))
    return TourismReport(f"tourism_stat_report_{year}_monthly.csv", year, f"FY{year}", False, None, (), (), tuple(rows))


# Figures printed per 振興局 (or for an area that is the sum of 振興局), FY2013–2019, in 万人 as
# printed. Source of each: docs/published-actuals.md in shared/ (the release or article named there).
PUBLISHED: list[tuple[tuple[str, ...], int, str]] = [
    (("釧路",), 2014, "671.5"),  # j-session.way-nifty.com/vol2/2015/10/15-9514.html (quoting the release)
    (("渡島",), 2016, "1,267"),  # hokkaido-nl.jp/article/12222
    (("渡島",), 2017, "1,171.4"),  # digital.hakoshin.jp/news/travel/36115
    (("渡島",), 2018, "1,201.4"),  # hokkaido-nl.jp/article/12222: the June 2019 速報
    (("檜山",), 2016, "105.6"),  # ehako.com/news/news2017a/11097_index_msg.shtml
    (("檜山",), 2018, "115.8"),  # ehako.com/news/news2019a/12550_index_msg.shtml
    (("上川",), 2013, "1,810.9"),  # 上川総合振興局 「9 観光」 (expydoc.com/doc/10320697)
    (("上川",), 2014, "1,861.5"),  # same
    (("上川",), 2017, "1,962.8"),  # kamikawa.pref.hokkaido.lg.jp/ss/srk/irikomi/30.htm
    (("上川",), 2018, "1,976.1"),  # same
    (("上川",), 2019, "1,903.6"),  # kamikawa.pref.hokkaido.lg.jp/ss/srk/irikomi/r01nenkan.htm
    (("留萌",), 2015, "133.26"),  # rumoi.pref.hokkaido.lg.jp/ss/srk/ks/h27simokiirikomi.htm
    (("留萌",), 2018, "127.22"),  # rumoi.pref.hokkaido.lg.jp/ss/srk/ks/h30simokiirikomi.htm
    (("宗谷",), 2014, "184.68"),  # wakkanaipress.com/2015/07/01/10049
    (("宗谷",), 2015, "188.92"),  # wakkanaipress.com/2016/06/29/17177
    (("宗谷",), 2017, "193.76"),  # wakkanaipress.com/2018/06/30/32248
    (("宗谷",), 2018, "182.75"),  # wakkanaipress.com/2019/06/25/39388
    (("宗谷",), 2019, "208.58"),  # wakkanaipress.com/?p=46548
    (("胆振",), 2019, "1,617.97"),  # hokkaido-nl.jp/article/18878 (苫小牧民報)
    (("日高",), 2019, "179.35"),  # 日高報知 (findout.love/archives/102094 mirror)
    (("オホーツク",), 2018, "885"),  # denshobato.com/BD/N/page.php?id=128844 (「18年度の885万人」)
    (("オホーツク",), 2019, "875.14"),  # denshobato.com/BD/N/page.php?id=120620
]
# The plan's baselines of the tourism KPIs made of whole 振興局: data/plan.toml, as printed in the
# H28.7 summary (shared/seeds/000_04a43d490aa2ea5f.txt). 釧路・根室's is H25 (FY2013) in the plan.
BASELINES: list[tuple[tuple[str, ...], int, str]] = [
    (("渡島", "檜山"), 2014, "1,162"),  # donan-tourists 1,162万人（H26）
    (("上川", "留萌", "宗谷"), 2014, "2,186"),  # dohoku-tourists 2,186万人（H26）
    (("十勝", "オホーツク", "釧路", "根室"), 2013, "2,620"),  # doto-tourists 2,620万人（H25）
    (("釧路", "根室"), 2013, "806.0"),  # kushiro-nemuro-tourists 806.0万人（H25）
    (("胆振", "日高"), 2014, "1,720"),  # iburi-hidaka-tourists 1,720万人（H26）
    (("オホーツク",), 2013, "846.9"),  # okhotsk-tourists 846.9万人（H25）
]
# Printed figures the 確定 municipal rows do not reproduce within the printed rounding: the sum
# they do give (万人) and what is known of the gap. Each is a finding, not a tolerance: the test
# fails if one starts to match or its sum changes.
NOT_REPRODUCED = {
    # A revision: 1,201.4 is the 速報 of June 2019 (函館新聞, 「前年比2・6%増の1201万4000人」);
    # the yearly report's rows sum to 1,203.68 (確定).
    (("渡島",), 2018): ("1203.68", "revised"),
    # Unexplained so far: 1,810.97 would print as 1,811.0 (off by 0.07; a 速報, or a cut figure).
    (("上川",), 2013): ("1810.97", "unexplained"),
    # Unexplained: the baseline is 1.08 above the sum (上川 1,861.47 + 留萌 138.77 + 宗谷 184.68);
    # the plan of July 2016 may have used the 速報 of FY2014.
    (("上川", "留萌", "宗谷"), 2014): ("2184.92", "unexplained"),
    # Unexplained: 1,720.75 rounds to 1,721, not 1,720 (胆振 1,556.12 + 日高 164.63).
    (("胆振", "日高"), 2014): ("1720.75", "unexplained"),
}


OFFICE_IDS = {  # the plan's office ids, for readable test ids
    "空知": "sorachi",
    "石狩": "ishikari",
    "後志": "shiribeshi",
    "胆振": "iburi",
    "日高": "hidaka",
    "渡島": "oshima",
    "檜山": "hiyama",
    "上川": "kamikawa",
    "留萌": "rumoi",
    "宗谷": "soya",
    "オホーツク": "okhotsk",
    "十勝": "tokachi",
    "釧路": "kushiro",
    "根室": "nemuro",
}


def case_id(offices: tuple[str, ...], year: int) -> str:
    flag = f"-{NOT_REPRODUCED[(offices, year)][1]}" if (offices, year) in NOT_REPRODUCED else ""
    return f"{'+'.join(OFFICE_IDS[o] for o in offices)}-FY{year}{flag}"


def half_unit(printed: str) -> Decimal:
    """Half a unit of the last printed digit: 1,267 → 0.5; 671.5 → 0.05; 133.26 → 0.005."""
    exponent = Decimal(printed.replace(",", "")).as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5).scaleb(exponent - 1)


def office_sum(year: int, offices: tuple[str, ...]) -> Decimal:
    """The KPI's arithmetic: the 入込総数 年計 of every 市町村 of the 振興局, in 万人."""
    report = oracle_report(year)
    names = [m.name for m in report.municipalities if m.office in offices]
    total, parts = municipal_sum(report, names)
    assert len(parts) == len(names) > 0
    return convert_thousands(total, "万人")


@needs_oracle
@pytest.mark.parametrize(
    ("offices", "year", "printed"),
    PUBLISHED + BASELINES,
    ids=[case_id(offices, year) for offices, year, _ in PUBLISHED + BASELINES],
)
def test_printed_figures_from_municipal_rows(offices: tuple[str, ...], year: int, printed: str) -> None:
    computed = office_sum(year, offices)
    gap = abs(computed - Decimal(printed.replace(",", "")))
    if (offices, year) in NOT_REPRODUCED:
        assert computed == Decimal(NOT_REPRODUCED[(offices, year)][0])
        assert gap > half_unit(printed), f"{offices} FY{year} now matches {printed}: drop it from NOT_REPRODUCED"
    else:
        assert gap <= half_unit(printed), f"{offices} FY{year}: {computed} against {printed} printed"


@needs_oracle
def test_oracle_rows_cover_the_14_offices() -> None:
    for year in range(2013, 2020):
        report = oracle_report(year)
        assert len(report.municipalities) == 179  # 市町村 of Hokkaido since FY2010 (札幌市 as one)
        assert {m.office for m in report.municipalities} == set(tourism_records.OFFICES)
        assert all(m.total is not None for m in report.municipalities)


@needs_oracle
def test_the_plans_set_of_14_reproduces_its_baseline() -> None:
    """yotei-nishiiburi-tourists: the 14 市町村 the plan lists (inferred, municipalities_note) sum to
    2,240.31万人 in FY2014, which prints as the plan's baseline 2,240万人: the evidence the note cites."""
    from conftest import SHIPPED_PLAN
    from kpi_cli.plan.load import load_plan

    kpi = load_plan(SHIPPED_PLAN).kpi("yotei-nishiiburi-tourists")
    assert kpi.baseline is not None and kpi.baseline.year == 2014
    total, parts = municipal_sum(oracle_report(2014), list(kpi.municipalities))
    assert len(parts) == 14
    assert convert_thousands(total, kpi.unit) == Decimal("2240.31")
    assert abs(convert_thousands(total, kpi.unit) - kpi.baseline.value) <= half_unit("2,240")


def test_half_unit() -> None:
    assert [half_unit(p) for p in ("1,267", "671.5", "133.26")] == [Decimal("0.5"), Decimal("0.05"), Decimal("0.005")]


# ------------------------------------------------------------------------------- (c) fuzzing

LABELS = [
    "圏　域",
    "　圏　域",
    "振 興 局",
    "市 町 村",
    "区　分",
    "入込総数",
    "内道外客",
    "宿泊客延数",
    "道央圏域計",
    "オホーツ",
    "渡島総合振興局計",
    "網走支庁計",
    "桧山振興局計",
    "札幌振興局計",
    "北海道計",
    "札幌市（定山渓を除く）",
    "中礼内村",
    "（",
    "４月",
    "3月",
    "年計",
    "上期計",
    "令和元年度",
    "平成元年度",
    "H0年度",
    "2019年度",
    "－",
    "1,234.5",
    "１２,０３６.８",
    "",
]
CELLS = st.one_of(
    st.none(),
    st.sampled_from(LABELS),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)


@FUZZ
@given(st.lists(st.lists(CELLS, max_size=22), max_size=40), st.text(max_size=10))
def test_random_grids_give_input_error_only(cells: list[list[object]], sheet: str) -> None:
    try:
        report = parse_tourism_grid(cells, sheet)
    except InputError as exc:
        assert exc.message and "\n" not in str(exc.message)
    else:
        assert report.offices and report.municipalities


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 160), st.integers(0, 20), CELLS), min_size=1, max_size=8))
def test_damaged_fixture_grids_give_input_error_only(damage: list[tuple[int, int, object]]) -> None:
    grid = copy.deepcopy(_FY2019_GRID)
    for row, col, value in damage:
        while len(grid) <= row:
            grid.append([])
        while len(grid[row]) <= col:
            grid[row].append("")
        grid[row][col] = value
    try:
        report = parse_tourism_grid(grid, MONTHLY_2019)
    except InputError as exc:
        assert exc.message and "\n" not in str(exc.message)
    else:
        assert all(o.total >= 0 for o in report.offices)


_FY2019_GRID = grid_of(FY2019_XLSX, MONTHLY_2019)


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_tourism_workbook(path)
    text = str(caught.value.message)
    assert "\n" not in text and not caught.value.details
    return text


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(tourism_workbook.SUFFIXES))
def test_random_bytes_are_refused(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    _refused(path)


@pytest.mark.parametrize("path", [FY2019_XLSX, FY2019_ODS, FY2008_XLS], ids=["xlsx", "ods", "xls"])
def test_truncated_workbooks_are_refused(tmp_path: Path, path: Path) -> None:
    data = path.read_bytes()
    for cut in sorted({1, 8, 100, 512, 4096, *range(0, len(data), max(1, len(data) // 24))} - {0}):
        if cut >= len(data):
            continue
        broken = tmp_path / f"cut{cut}{path.suffix}"
        broken.write_bytes(data[:cut])
        _refused(broken)


def _with_part(source: Path, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, content if info.filename == part else zin.read(info.filename))
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"<?xml version='1.0'?><sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><si><t>",
        b"\xff\xfe\x00garbage\x80\x81",
        b"<?xml version='1.0'?><sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'></sst>",
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]><sst>&b;</sst>",
    ],
    ids=["empty", "truncated", "not-xml", "no-strings", "entities"],
)
def test_xlsx_with_a_broken_shared_strings_part_is_refused(tmp_path: Path, content: bytes) -> None:
    with zipfile.ZipFile(FY2019_XLSX) as book:
        assert "xl/sharedStrings.xml" in book.namelist()
    path = tmp_path / "broken.xlsx"
    path.write_bytes(_with_part(FY2019_XLSX, "xl/sharedStrings.xml", content))
    _refused(path)


def test_other_hostile_inputs_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "no such file" in _refused(tmp_path / "missing.xlsx")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert "not a file" in _refused(folder)
    csv_file = tmp_path / "report.csv"
    csv_file.write_text("圏　域\n", encoding="utf-8")
    assert "not a report workbook" in _refused(csv_file)
    assert "cannot be read as an .xlsx workbook (not an Excel" in _refused(csv_file.rename(tmp_path / "report.xlsx"))
    archive = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("readme.txt", "no workbook here")
    assert "a zip archive but not a workbook" in _refused(archive)
    empty_sheet = tmp_path / "other.xlsx"  # the monthly sheet emptied: the other two are no report
    empty_sheet.write_bytes(_with_part(FY2019_XLSX, "xl/worksheets/sheet3.xml", b"<worksheet/>"))
    assert "no sheet is the monthly table" in _refused(empty_sheet)
    monkeypatch.setattr(tourism_workbook, "MAX_UNPACKED_BYTES", 1000)
    assert "unpacks to" in _refused(FY2019_XLSX)
    monkeypatch.setattr(tourism_workbook, "MAX_UNPACKED_BYTES", 10**9)
    monkeypatch.setattr(tourism_workbook, "MAX_SHEET_CELLS", 100)
    assert "far more than a report sheet" in _refused(FY2019_XLSX)
    monkeypatch.setattr(tourism_workbook, "MAX_FILE_BYTES", 100)
    assert "far more than a report workbook" in _refused(FY2008_XLS)


@pytest.mark.parametrize(("source", "name"), [(FY2008_XLS, "download.xlsx"), (FY2019_XLSX, "file.jsp")])
def test_the_format_is_told_by_content_not_name(tmp_path: Path, source: Path, name: str) -> None:
    renamed = tmp_path / name
    renamed.write_bytes(source.read_bytes())
    assert read_tourism_workbook(renamed) == read_tourism_workbook(source)


def test_a_single_damaged_monthly_sheet_says_what_is_wrong(tmp_path: Path) -> None:
    """When the one monthly sheet fails, its own reason is given, not a general one."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in copy.deepcopy(_FY2019_GRID):
        sheet.append([None if v == "" else v for v in row])
    sheet.cell(row=58, column=17, value="－")
    path = tmp_path / "damaged.xlsx"
    book.save(path)
    assert _refused(path).startswith("damaged.xlsx: sheet 'Sheet' row 58: the 年計 of '渡島総合振興局計'")


# ------------------------------------------------------------------- (d) units, exactly


def test_exact_number() -> None:
    assert str(exact_number(1203.7)) == "1203.7"  # never Decimal(1203.7) = 1203.7000000000000454…
    assert str(exact_number(771.5000000000001)) == "771.5"  # a formula's residue, as Excel shows it
    assert str(exact_number(0.1 + 0.2)) == "0.3"
    assert str(exact_number(12036)) == "12036"
    assert str(exact_number("１２,０３６.８")) == "12036.8"
    assert str(exact_number(" 1,203.68 ")) == "1203.68"
    for not_a_number in [
        "12,36",
        "1.2.3",
        "",
        "－",
        "1e3",
        "12036.8万",
        -1,
        -0.5,
        float("inf"),
        float("nan"),
        True,
        None,
    ]:
        assert exact_number(not_a_number) is None, not_a_number


def test_convert_thousands() -> None:
    assert str(convert_thousands(Decimal("12036.8"), "万人")) == "1203.68"
    assert str(convert_thousands(Decimal("12036"), "万人")) == "1203.6"
    assert str(convert_thousands(Decimal("8228"), "千人")) == "8228"
    assert str(convert_thousands(Decimal("12036.8"), "人")) == "12036800"
    assert str(convert_thousands(Decimal("0.1"), "人")) == "100"
    assert str(convert_thousands(Decimal("12036.8"), "万 人")) == "1203.68"  # units compared after NFKC
    for unit in ["円", "%", "万人泊", "", "千件"]:
        with pytest.raises(InputError, match=r"cannot convert the report's 千人 to .*give a KPI in 人, 千人 or 万人"):
            convert_thousands(Decimal(1), unit)


@given(st.decimals(min_value=0, max_value=10**15, places=3, allow_nan=False, allow_infinity=False))
def test_conversions_are_exact(value: Decimal) -> None:
    assert convert_thousands(value, "万人") * 10 == value
    assert convert_thousands(value, "人") == value * 1000
    assert convert_thousands(value, "人") / 1000 == value
    assert convert_thousands(value, "千人") is value
