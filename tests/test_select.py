from __future__ import annotations

import pytest

from kpi_cli.core.model import Plan
from kpi_cli.errors import InputError
from kpi_cli.plan.selection import resolve_kpi, select_kpis, select_projects

TOKACHI_KPIS = [
    "geopark-tourists",
    "tokachi-food-value-added",
    "tokachi-certified-products",
    "doto-tourists",
    "tokachi-tech-sites",
    "tokachi-renewable-capacity",
    "tokachi-trial-stay-days",
    "tokachi-women-role-models",
]


@pytest.mark.parametrize("term", ["十勝", "十勝地域", "十勝総合振興局", "十勝連携地域", "tokachi", " 十勝 "])
def test_tokachi_forms(plan: Plan, term: str) -> None:
    assert [k.id for k in select_kpis(plan, [term])] == TOKACHI_KPIS


@pytest.mark.parametrize("term", ["ｵﾎｰﾂｸ", "オホーツク", "オホーツク総合振興局", "okhotsk"])
def test_okhotsk_half_width(plan: Plan, term: str) -> None:
    ids = [p.id for p in select_projects(plan, [term])]
    # its own three, the ジオパーク of 道央広域 and the ひがし北海道 of 十勝 it takes part in
    assert ids == [
        "geopark",
        "okhotsk-primary-industry",
        "okhotsk-food-industry",
        "okhotsk-visitors",
        "higashi-hokkaido-tourism",
    ]


def test_office_selects_its_projects(plan: Plan) -> None:
    assert [p.id for p in select_projects(plan, ["檜山振興局"])] == [
        "donan-shinkansen-visitors",
        "donan-primary-industry",
        "donan-industry-jobs",
        "donan-safe-community",
        "donan-environment",
        "hiyama-town-partnership",
    ]
    assert [p.id for p in select_projects(plan, ["日高"])] == [
        "nitchan-shinkansen",
        "geopark",
        "hidaka-primary-industry",
    ]


def test_region_names_with_and_without_suffix(plan: Plan) -> None:
    assert len(select_projects(plan, ["道央"])) == 8
    assert len(select_projects(plan, ["道央広域連携地域"])) == 8
    assert len(select_projects(plan, ["釧路根室"])) == 6  # 5 own + ひがし北海道 (釧路, 根室 take part)


def test_repeated_regions_union_in_plan_order(plan: Plan) -> None:
    ids = [p.id for p in select_projects(plan, ["宗谷", "留萌"])]
    assert ids[-2:] == ["rumoi-food-health", "soya-primary-industry"]
    assert len(ids) == 7


def test_region_and_project_intersect(plan: Plan) -> None:
    assert [k.id for k in select_kpis(plan, ["十勝"], ["geopark"])] == ["geopark-tourists"]
    assert select_kpis(plan, ["道南"], ["geopark"]) == []


def test_unknown_region_lists_closest(plan: Plan) -> None:
    with pytest.raises(InputError, match=r"unknown region '十傑'; did you mean 十勝\?"):
        select_projects(plan, ["十傑"])
    with pytest.raises(InputError, match=r"valid names: 道央広域, 道南"):
        select_projects(plan, ["とかち"])


def test_resolve_kpi(plan: Plan) -> None:
    assert resolve_kpi(plan, "donan-tourists").exact
    match = resolve_kpi(plan, "菓子店舗")
    assert match.kpi.id == "okhotsk-wheat-confectioners" and not match.exact
    with pytest.raises(
        InputError, match=r"KPI '観光入込客数' matches 9 KPIs; give one id; or narrow it with --region: "
    ):
        resolve_kpi(plan, "観光入込客数")
    with pytest.raises(InputError, match=r"unknown KPI 'donan-turists'; did you mean donan-tourists"):
        resolve_kpi(plan, "donan-turists")
