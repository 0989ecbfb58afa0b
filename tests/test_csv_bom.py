"""A CSV file a person double-clicks opens in Japanese Excel without 文字化け; CSV in a pipe has no BOM."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, Runner

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--region", "十勝"],
        ["export"],
        ["export", "--wide"],
        ["kpis", "--region", "十勝"],
        ["history"],
        ["missing", "--year", "R1"],
        ["review", "list"],
    ],
)
def test_a_csv_file_has_a_bom_and_stdout_none(kpi: Runner, tmp_path: Path, command: list[str]) -> None:
    assert kpi("record", "tokachi-food-value-added", "R1", "962", "--note", "速報値").code == 0
    out = tmp_path / "x.csv"
    r = kpi(*command, "-o", str(out))
    assert r.code == 0, r.err
    data = out.read_bytes()
    assert data.startswith(BOM) and not data.startswith(BOM * 2)
    assert b"\r\n" not in data  # only the BOM: the lines are as on stdout
    piped = kpi(*command, "-f", "csv")
    assert piped.code == 0 and not piped.out.startswith("\ufeff")
    assert data[len(BOM) :].decode("utf-8") == piped.out


def test_tsv_and_json_files_have_no_bom(kpi: Runner, tmp_path: Path) -> None:
    for name in ("x.tsv", "x.json", "x.ndjson"):
        assert kpi("kpis", "-o", str(tmp_path / name)).code == 0
        assert not (tmp_path / name).read_bytes().startswith(BOM), name


def test_a_csv_file_with_its_bom_imports_again(kpi: Runner, tmp_path: Path) -> None:
    assert kpi("record", "tokachi-tech-sites", "R1", "16").code == 0
    out = tmp_path / "export.csv"
    assert kpi("export", "-o", str(out)).code == 0
    r = kpi("import", str(out))
    assert r.code == 0, r.err
    assert r.out == f"imported 0 rows: nothing new in {out}; 1 unchanged\n"


def test_the_readme_says_so() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert "A CSV written to a file (`-o x.csv`) starts with a UTF-8 BOM" in readme
