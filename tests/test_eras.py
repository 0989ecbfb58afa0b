from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi_cli.core import years as eras
from kpi_cli.errors import InputError


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2019", 2019),
        ("FY2019", 2019),
        ("fy2019", 2019),
        ("2019年度", 2019),
        ("R1", 2019),
        ("R元", 2019),
        ("令和元年", 2019),
        ("令和1年度", 2019),
        ("令和元年度", 2019),
        ("H31", 2019),
        ("平成31年度", 2019),
        ("H26年度", 2014),
        ("h26", 2014),
        ("Ｈ２６", 2014),
        ("２０１９", 2019),
        ("Ｒ７", 2025),
        ("H1", 1989),
        ("H27.3卒", 2014),
        ("R2.3卒", 2019),
        ("H27.4卒", 2015),
        (" R2 ", 2020),
    ],
)
def test_parse_year(text: str, year: int) -> None:
    assert eras.parse_year(text) == year


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("H32", "平成 ended in its 31st year (2019); write R2 or 2020"),
        ("平成35年度", "write R5 or 2023"),
        ("R0", "era years start at 1"),
        ("1988", "before 1989"),
        ("S63", "before 1989"),
        ("19", "ambiguous"),
        ("", "empty year"),
        ("next year", "is not a year"),
        ("H27.13卒", "has no month 13"),
    ],
)
def test_parse_year_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        eras.parse_year(text)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("H27～R1", (2015, 2019)),
        ("H27～R1累計", (2015, 2019)),
        ("H27～R1合計", (2015, 2019)),
        ("H21～25平均", (2009, 2013)),
        ("H21~H25", (2009, 2013)),
        ("2015-2019", (2015, 2019)),
        ("FY2015～FY2019", (2015, 2019)),
    ],
)
def test_parse_range(text: str, years: tuple[int, int]) -> None:
    assert eras.parse_range(text) == years


@pytest.mark.parametrize("text", ["R1～H27", "H27", "2015-", "21～25"])
def test_parse_range_errors(text: str) -> None:
    with pytest.raises(InputError):
        eras.parse_range(text)


def test_format() -> None:
    assert eras.era(2014) == "H26"
    assert eras.era(2018) == "H30"
    assert eras.era(2019) == "R1"
    assert eras.era(2025) == "R7"
    assert eras.era_and_western(2019) == "R1/2019"
    assert eras.current_fiscal_year(2026, 3) == 2025
    assert eras.current_fiscal_year(2026, 4) == 2026


years = st.integers(min_value=eras.HEISEI_START, max_value=eras.MAX_YEAR)


@given(years)
def test_round_trip_era(year: int) -> None:
    assert eras.parse_year(eras.era(year)) == year


@given(years)
def test_round_trip_western_forms(year: int) -> None:
    assert eras.parse_year(str(year)) == year
    assert eras.parse_year(f"FY{year}") == year
    assert eras.parse_year(f"{year}年度") == year


@given(years)
def test_full_width_digits_equal_ascii(year: int) -> None:
    full = eras.era(year).translate(str.maketrans("0123456789HR", "０１２３４５６７８９ＨＲ"))
    assert eras.parse_year(full) == year


@given(st.integers(min_value=1, max_value=31))
def test_heisei_and_reiwa_overlap_only_in_2019(n: int) -> None:
    year = eras.parse_year(f"H{n}")
    assert year == 1988 + n
    if year >= 2019:
        assert eras.parse_year("R1") == year


@given(years, years)
def test_range_round_trip(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert eras.parse_range(f"{eras.era(lo)}～{eras.era(hi)}") == (lo, hi)
