"""The shipped plan is a faithful transcription of the seed's detail pages."""

from __future__ import annotations

from decimal import Decimal

from conftest import SHIPPED_PLAN
from kpi_cli.core.model import Plan
from kpi_cli.locations import PACKAGED_PLAN


def test_counts(plan: Plan) -> None:
    assert len(plan.regions) == 6
    assert len(plan.offices) == 14
    assert len(plan.projects) == 34
    assert len(plan.kpis) == 40


def test_ids_unique_and_typeable(plan: Plan) -> None:
    for items in (plan.regions, plan.offices, plan.projects, plan.kpis):
        ids = [i.id for i in items]
        assert len(ids) == len(set(ids))
        assert all(i.isascii() for i in ids)


def test_region_project_counts(plan: Plan) -> None:
    counts = {r.name: r.project_count for r in plan.regions}
    assert counts == {"道央広域": 20, "道南": 6, "道北": 13, "オホーツク": 3, "十勝": 4, "釧路・根室": 5}
    printed = {r.name: sum(1 for p in plan.projects if p.region_id == r.id) for r in plan.regions}
    assert printed == {"道央広域": 8, "道南": 6, "道北": 8, "オホーツク": 3, "十勝": 4, "釧路・根室": 5}


def test_core_cities_and_offices(plan: Plan) -> None:
    cities = {r.name: r.core_city for r in plan.regions}
    assert cities["十勝"] == "帯広市"
    assert cities["釧路・根室"] == "釧路市"
    offices = {r.name: [o.name for o in plan.offices if o.region_id == r.id] for r in plan.regions}
    assert offices["道央広域"] == ["空知", "石狩", "後志", "胆振", "日高"]
    assert offices["道南"] == ["渡島", "檜山"]
    assert offices["道北"] == ["上川", "留萌", "宗谷"]


def test_packaged_copy_is_identical() -> None:
    assert PACKAGED_PLAN.read_bytes() == SHIPPED_PLAN.read_bytes()


def _kpi(plan: Plan, kpi_id: str):  # type: ignore[no-untyped-def]
    return plan.kpi(kpi_id)


def test_spot_checks_every_region(plan: Plan) -> None:
    # 道央広域: 観光入込客数（14市町村合計…） 2,240万人（H26）→2,789万人（R1）
    k = plan.kpi("yotei-nishiiburi-tourists")
    assert (k.baseline.value, k.baseline.year, k.target.value, k.target.year, k.unit) == (  # type: ignore[union-attr]
        Decimal(2240),
        2014,
        Decimal(2789),
        2019,
        "万人",
    )
    assert "札幌市南区を除く" in k.name
    # 道南: 観光入込客数 1,162万人（H26）→1,440万人（R1）
    k = plan.kpi("donan-tourists")
    assert (k.baseline.value, k.target.value, k.target.year) == (Decimal(1162), Decimal(1440), 2019)  # type: ignore[union-attr]
    # 道北: 自主防災組織カバー率 43.4％（H27）→81.0％（R2）
    k = plan.kpi("dohoku-disaster-org-coverage")
    assert (k.baseline.value, k.baseline.year, k.target.value, k.target.year, k.unit) == (  # type: ignore[union-attr]
        Decimal("43.4"),
        2015,
        Decimal("81.0"),
        2020,
        "％",
    )
    # オホーツク: ｵﾎｰﾂｸ産小麦使用の菓子店舗数 14店（H26）→50店（R1）
    k = plan.kpi("okhotsk-wheat-confectioners")
    assert (k.baseline.value, k.target.value, k.unit) == (Decimal(14), Decimal(50), "店")  # type: ignore[union-attr]
    # オホーツク: 延べ商談件数 180件以上（H27～R1合計）
    k = plan.kpi("okhotsk-product-negotiations")
    assert k.kind == "cumulative" and k.target.op == ">=" and k.target.value == 180
    assert (k.period.start, k.period.end) == (2015, 2019)  # type: ignore[union-attr]
    # 十勝: 新エネルギーの導入状況 117,809ｋW（H26）→253,846ｋW（R2）
    k = plan.kpi("tokachi-renewable-capacity")
    assert (k.baseline.value, k.target.value, k.target.year) == (Decimal(117809), Decimal(253846), 2020)  # type: ignore[union-attr]
    # 十勝: （累計）50件(R1), open start = the plan's first year
    k = plan.kpi("tokachi-women-role-models")
    assert k.kind == "cumulative" and k.baseline is None
    assert k.period is not None
    assert (k.period.start, k.period.end, k.target.value) == (2016, 2019, Decimal(50))
    # 釧路・根室: 観光入込客数 806.0万人（H25）→1,023.6万人（R2）; 認定こども園 0か所 → 26か所
    k = plan.kpi("kushiro-nemuro-tourists")
    assert (k.baseline.value, k.baseline.year, k.target.value) == (Decimal("806.0"), 2013, Decimal("1023.6"))  # type: ignore[union-attr]
    assert plan.kpi("kushiro-nemuro-child-centers").baseline.value == 0  # type: ignore[union-attr]


def test_special_shapes(plan: Plan) -> None:
    cohort = plan.kpi("sorachi-graduate-local-jobs")
    assert (cohort.baseline.year, cohort.baseline.label, cohort.target.year, cohort.target.label) == (  # type: ignore[union-attr]
        2014,
        "H27.3卒",
        2019,
        "R2.3卒",
    )
    average = plan.kpi("soya-new-farmers")
    assert (average.baseline.year_from, average.baseline.year, average.baseline.label) == (2009, 2013, "H21～25平均")  # type: ignore[union-attr]
    target_only = plan.kpi("hiyama-joint-projects")
    assert target_only.kind == "target_only" and target_only.baseline is None and target_only.target.value == 5
    per_year = plan.kpi("hidaka-new-farmers")
    assert per_year.unit == "人／年"
    deals = plan.kpi("donan-business-deals")
    assert deals.kind == "cumulative" and deals.target.value == 260 and deals.target.op == "="


def test_all_increase_and_inferred_have_notes(plan: Plan) -> None:
    assert {k.direction for k in plan.kpis} == {"increase"}
    inferred = [k for k in plan.kpis if k.ownership == "inferred"]
    assert inferred and all(k.note for k in inferred)


def test_cross_region_participation(plan: Plan) -> None:
    geopark = plan.project("geopark")
    assert geopark.region_id == "doo-koiki"
    assert set(geopark.office_ids) >= {"okhotsk", "tokachi"}
    higashi = plan.project("higashi-hokkaido-tourism")
    assert higashi.office_ids == ("tokachi", "okhotsk", "kushiro", "nemuro")
