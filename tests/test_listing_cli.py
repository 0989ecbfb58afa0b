"""`kpi regions|projects|kpis`: golden output in every format, and the kpis contract."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner, golden

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "ndjson", "markdown"])
def test_kpis_tokachi_golden(kpi: Runner, fmt: str) -> None:
    # relative data/plan.toml: the caption names the plan, and must not depend on the checkout
    Path("data").mkdir()
    shutil.copy(SHIPPED_PLAN, "data/plan.toml")
    r = kpi("kpis", "--region", "十勝", "--format", fmt)
    assert r.code == 0 and r.err == ""
    golden(f"kpis_tokachi.{fmt}", r.out)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_regions_and_projects_golden(kpi: Runner, fmt: str) -> None:
    golden(f"regions.{fmt}", kpi("regions", "-f", fmt).out)
    golden(f"projects_okhotsk.{fmt}", kpi("projects", "-r", "ｵﾎｰﾂｸ", "-f", fmt).out)


def test_kpis_contract(kpi: Runner) -> None:
    doc = json.loads(kpi("kpis", "--format", "json").out)
    assert doc["schema_version"] == 3  # 2: each KPI's source card (tests/test_sources.py); 3: its 市町村
    assert len(doc["kpis"]) == 40
    first = doc["kpis"][0]
    for key in (
        "id", "name", "unit", "region", "project_id", "project", "offices", "kind", "direction", "target_op",
        "baseline_value", "baseline_year", "baseline_label", "target_value", "target_year", "target_label",
        "period_start", "period_end", "ownership", "source",
    ):  # fmt: skip
        assert key in first
    assert isinstance(first["offices"], list)
    deals = next(k for k in doc["kpis"] if k["id"] == "donan-business-deals")
    assert (deals["kind"], deals["baseline_value"], deals["period_start"], deals["period_end"]) == (
        "cumulative",
        None,
        2015,
        2019,
    )
    rows = list(csv.DictReader(io.StringIO(kpi("kpis", "--format", "csv").out)))
    geo = next(r for r in rows if r["id"] == "geopark-tourists")
    assert geo["offices"] == "胆振;空知;日高;オホーツク;十勝"
    assert geo["region"] == "道央広域" and geo["baseline_value"] == "8228" and geo["baseline_year"] == "2014"
    assert next(r for r in rows if r["id"] == "hiyama-joint-projects")["baseline_value"] == ""


def test_kpis_done_when(kpi: Runner) -> None:
    ids = [r["id"] for r in csv.DictReader(io.StringIO(kpi("kpis", "--region", "十勝").out))]
    assert len(ids) == 8 and ids[0] == "geopark-tourists"


def test_default_is_csv_in_a_pipe_and_table_wins(kpi: Runner) -> None:
    assert kpi("regions").out.startswith("id,name,core_city,")
    assert kpi("regions", "-f", "table").out.startswith("連携地域\n")
