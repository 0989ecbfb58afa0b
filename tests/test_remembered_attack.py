"""The commands a user runs find the same with the cache as without it (``KPI_NO_CACHE=1``), whatever
becomes of the cache folder and its entries."""

from __future__ import annotations

import pathlib

import pytest

from conftest import Result, Runner


def _both(kpi: Runner, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Result, Result]:
    """A command without the cache, then with it (twice: the second reading reads on from the first)."""
    monkeypatch.setenv("KPI_NO_CACHE", "1")
    fresh = kpi(*args)
    monkeypatch.delenv("KPI_NO_CACHE")
    kpi(*args)
    return fresh, kpi(*args)


def _recorded(kpi: Runner) -> None:
    for year, value in (("2019", "875"), ("2020", "577")):
        assert kpi("record", "okhotsk-tourists", year, value).code == 0


def test_no_home_folder(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """No HOME, no XDG_CACHE_HOME and no entry in the user database (a container's uid): no cache folder."""
    _recorded(kpi)

    def unknown(cls: type[pathlib.Path]) -> pathlib.Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(pathlib.Path, "home", classmethod(unknown))
    for command in (("verify",), ("status", "--format", "json"), ("record", "okhotsk-tourists", "2018", "700")):
        fresh, cached = _both(kpi, monkeypatch, *command)
        assert cached.code == 0 and (fresh.code, fresh.err) == (cached.code, cached.err)
