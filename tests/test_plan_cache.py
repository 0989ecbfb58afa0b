"""The plan cache only ever speeds things up: a changed or broken cache is rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SHIPPED_PLAN, Runner
from kpi_cli.files import cache_dir
from kpi_cli.plan import cache as plan_cache
from kpi_cli.plan.load import load_plan


def test_cache_is_used_and_equal(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(SHIPPED_PLAN, path)
    first = load_plan(path)
    entries = list(cache_dir().glob("plan-*.marshal"))
    assert len(entries) == 1
    second = load_plan(path)
    assert second == first
    assert plan_cache.load(path, path.read_bytes()) == first


def test_changed_plan_is_read_again(tmp_path: Path, kpi: Runner) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(SHIPPED_PLAN, path)
    assert kpi("plan", "check", str(path), "-f", "csv").code == 0
    path.write_text(path.read_text("utf-8").replace("value = 1162,", "value = 1163,"), "utf-8")
    assert load_plan(path).kpi("donan-tourists").baseline.value == 1163  # type: ignore[union-attr]
    path.write_text(path.read_text("utf-8").replace('unit = "万人"', 'unt = "万人"', 1), "utf-8")
    r = kpi("plan", "check", str(path))
    assert r.code == 2 and "unknown key 'unt'" in r.err


def test_broken_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(SHIPPED_PLAN, path)
    load_plan(path)
    for entry in cache_dir().glob("plan-*.marshal"):
        entry.write_bytes(b"garbage")
    assert len(load_plan(path).kpis) == 40
