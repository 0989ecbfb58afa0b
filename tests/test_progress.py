"""Exact numbers for every KPI shape, computed by hand in each test (values are made up unless noted)."""

from __future__ import annotations

import itertools
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from kpi_cli.core.model import Baseline, Kpi, Plan, RatingBands, Target
from kpi_cli.core.trajectory import Rating, Status, compute, expected_at

BANDS = RatingBands()
SPAN = (2016, 2020)


def run(kpi: Kpi, actuals: dict[int, str], year: int | None = None) -> Status:
    return compute(kpi, {y: D(v) for y, v in actuals.items()}, year=year, current_fy=2026, plan_span=SPAN, bands=BANDS)


def test_published_donan_fy2016(plan: Plan) -> None:
    # Published: 渡島 1,267万人 + 檜山 105.6万人 = 1,372.6万人 in FY2016, against 1,162万人（H26）→1,440万人（R1）
    s = run(plan.kpi("donan-tourists"), {2016: "1372.6"})
    assert (s.as_of_year, s.as_of_rule) == (2016, "latest")
    assert s.actual == D("1372.6")
    assert s.expected == D("1273.2")  # 1162 + 278 × 2/5
    assert s.gap == D("99.4")
    assert s.progress == D("0.7576")  # 210.6 / 278
    assert s.achievement == D("0.9532")  # 1372.6 / 1440
    assert s.pace == D("1.8939")  # 210.6 / 111.2
    assert s.needed_per_year == D("22.4667")  # (1440 − 1372.6) / 3
    assert s.projected == D("1688.5")  # line through (2014, 1162) and (2016, 1372.6), read at 2019
    assert s.projected_reaches_target is True
    assert s.rating is Rating.on_track


def test_published_donan_three_years(plan: Plan) -> None:
    # 渡島 only, as published: FY2016 1,267, FY2017 1,171, FY2018 1,201.4 (a partial region total: made-up use)
    s = run(plan.kpi("donan-tourists"), {2016: "1267", 2017: "1171", 2018: "1201.4"})
    assert s.as_of_year == 2018
    assert s.expected == D("1384.4")  # 1162 + 278 × 4/5
    assert s.gap == D("-183")
    assert s.progress == D("0.1417")  # 39.4 / 278
    assert s.pace == D("0.1772")  # 39.4 / 222.4
    assert s.rating is Rating.behind


def test_cumulative(plan: Plan) -> None:
    s = run(plan.kpi("donan-business-deals"), {2015: "40", 2016: "60"})
    assert s.actual == D(100)  # 40 + 60
    assert s.expected == D(104)  # 260 × 2/5
    assert s.gap == D(-4)
    assert s.progress == D("0.3846")  # 100 / 260
    assert s.pace == D("0.9615")  # 100 / 104
    assert s.needed_per_year == D("53.3333")  # 160 / 3
    assert s.projected == D("246.6667")  # cumulative line through (2014,0),(2015,40),(2016,100) at 2019
    assert s.projected_reaches_target is False
    assert s.rating is Rating.nearly


def test_cumulative_at_least(plan: Plan) -> None:
    s = run(plan.kpi("okhotsk-product-negotiations"), {2015: "50", 2016: "60", 2017: "70"})
    assert s.actual == D(180) and s.target.op == ">="
    assert s.rating is Rating.achieved


def test_cumulative_open_start(plan: Plan) -> None:
    # （累計）50件(R1): the period starts with the plan, FY2016
    s = run(plan.kpi("tokachi-women-role-models"), {2016: "10", 2017: "15"})
    assert s.actual == D(25)
    assert s.expected == D(25)  # 50 × 2/4
    assert s.rating is Rating.on_track


def test_target_only(plan: Plan) -> None:
    s = run(plan.kpi("hiyama-joint-projects"), {2017: "4"})
    assert (s.expected, s.gap, s.progress, s.pace, s.projected) == (None, None, None, None, None)
    assert s.achievement == D("0.8")
    assert s.needed_per_year == D("0.5")
    assert s.rating is Rating.nearly  # 80 % of the target reached
    assert run(plan.kpi("hiyama-joint-projects"), {2017: "3"}).rating is Rating.behind
    assert run(plan.kpi("hiyama-joint-projects"), {2018: "5"}).rating is Rating.achieved


def test_averaged_baseline(plan: Plan) -> None:
    # 8人(H21～25平均)→10人(R1): the trajectory starts at the end of the averaged years, FY2013
    s = run(plan.kpi("soya-new-farmers"), {2016: "9"})
    assert s.expected == D(9)  # 8 + 2 × 3/6
    assert s.gap == D(0)
    assert s.progress == D("0.5")
    assert s.rating is Rating.on_track


def test_cohort_years(plan: Plan) -> None:
    # 252人(H27.3卒 = FY2014)→270人(R2.3卒 = FY2019)
    s = run(plan.kpi("sorachi-graduate-local-jobs"), {2016: "255"})
    assert s.expected == D("259.2")  # 252 + 18 × 2/5
    assert s.gap == D("-4.2")
    assert s.progress == D("0.1667")
    assert s.pace == D("0.4167")
    assert s.rating is Rating.behind


def test_zero_baseline_never_divides_by_zero(plan: Plan) -> None:
    kpi = plan.kpi("kushiro-nemuro-child-centers")  # 0か所（H26）→26か所（R1）
    s = run(kpi, {2015: "3"})
    assert s.expected == D("5.2")
    assert s.progress == D("0.1154") and s.achievement == D("0.1154")
    assert s.pace == D("0.5769")
    assert s.rating is Rating.behind
    at_baseline = run(kpi, {2014: "0"})
    assert at_baseline.pace is None  # undefined at the baseline year
    assert at_baseline.progress == D(0)
    assert at_baseline.rating is Rating.on_track


def _kpi(b: str, y0: int, t: str, y1: int, direction: str = "increase") -> Kpi:
    return Kpi(
        id="test",
        name="テスト",
        unit="人",
        kind="level",
        direction=direction,  # type: ignore[arg-type]
        project_id="p",
        baseline=Baseline(D(b), y0, ""),
        target=Target(D(t), y1, ""),
    )


def test_decreasing() -> None:
    waiting = _kpi("100", 2015, "0", 2020, "decrease")  # e.g. 待機児童数
    s = run(waiting, {2017: "70"})
    assert s.expected == D(60)
    assert s.gap == D(10)
    assert s.progress == D("0.3")
    assert s.pace == D("0.75")
    assert s.achievement is None  # target 0
    assert s.needed_per_year == D("-23.3333")
    assert s.rating is Rating.behind
    assert run(waiting, {2017: "55"}).rating is Rating.on_track
    assert run(waiting, {2017: "110"}).rating is Rating.worse
    assert run(waiting, {2019: "0"}).rating is Rating.achieved


def test_baseline_equal_to_target() -> None:
    keep = _kpi("50", 2015, "50", 2020, "increase")  # hold at least 50
    s = run(keep, {2017: "50"})
    assert s.progress is None and s.expected == D(50)
    assert s.rating is Rating.achieved
    assert run(keep, {2017: "49"}).rating is Rating.worse


def test_as_of_rules(plan: Plan) -> None:
    kpi = plan.kpi("donan-tourists")
    assert run(kpi, {}).as_of_year == 2020 and run(kpi, {}).as_of_rule == "current"  # held within the plan
    assert run(kpi, {}).rating is Rating.no_data
    s = run(kpi, {2016: "1372.6", 2017: "1171"}, year=2016)
    assert (s.as_of_year, s.as_of_rule, s.actual) == (2016, "given", D("1372.6"))
    before = compute(kpi, {}, year=None, current_fy=2010, plan_span=SPAN, bands=BANDS)
    assert before.as_of_year == 2016


def test_revised_target_in_force(plan: Plan) -> None:
    from kpi_cli.core.model import Revision

    kpi = plan.kpi("donan-tourists")._replace(revisions=(Revision(Target(D(1500), 2019, "R1"), 2018, "好調"),))
    early = run(kpi, {2017: "1300"})
    assert early.target.value == D(1440) and early.revision is None
    late = run(kpi, {2018: "1350"})
    assert late.target.value == D(1500) and late.revision is not None
    assert late.expected == D("1432.4")  # 1162 + 338 × 4/5


levels = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@given(b=levels, t=levels, y0=st.integers(2000, 2030), n=st.integers(1, 15))
def test_expected_hits_ends_and_is_monotone(b: D, t: D, y0: int, n: int) -> None:
    kpi = _kpi(str(b), y0, str(t), y0 + n, "increase" if t >= b else "decrease")
    values = [expected_at(kpi, kpi.target, y) for y in range(y0 - 2, y0 + n + 3)]
    assert expected_at(kpi, kpi.target, y0) == b
    assert expected_at(kpi, kpi.target, y0 + n) == t
    assert all(v is not None for v in values)
    steps = [b2 - a for a, b2 in itertools.pairwise(values)]  # type: ignore[operator]
    assert all(s >= 0 for s in steps) if t >= b else all(s <= 0 for s in steps)


@given(b=levels, t=levels, y0=st.integers(2000, 2030), n=st.integers(1, 15))
def test_progress_is_one_at_target(b: D, t: D, y0: int, n: int) -> None:
    if b == t:
        return
    kpi = _kpi(str(b), y0, str(t), y0 + n, "increase" if t > b else "decrease")
    s = run(kpi, {y0 + n: str(t)})
    assert s.progress == 1
    assert s.gap == 0
    assert s.rating is Rating.achieved
