"""`-o` onto a collection or review sheet that a person has filled in is refused unless --force: what was
typed and not imported is never replaced silently. A sheet already imported, an empty one or another
kind of file is written over as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from conftest import Runner, digest


def _fill(sheet: Path, cells: dict[tuple[str, str], object], key: str = "kpi_id") -> None:
    """Type into a kpi sheet: (row id, machine column) → value."""
    wb: Any = load_workbook(sheet)
    ws = wb.worksheets[0]
    col = {str(c.value).split("\n")[-1]: c.column for c in ws[1]}
    for (row_id, column), value in cells.items():
        row = next(i for i in range(2, ws.max_row + 1) if ws.cell(row=i, column=col[key]).value == row_id)
        ws.cell(row=row, column=col[column], value=value)
    wb.save(sheet)


def test_a_filled_collection_sheet_is_kept(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    sheet = tmp_path / "十勝-R2.xlsx"
    args = ("template", "--region", "十勝", "--year", "R2", "-o", str(sheet))
    assert kpi(*args).code == 0
    assert kpi(*args).code == 0  # nothing typed yet: written again
    _fill(sheet, {("tokachi-food-value-added", "value"): 987.6, ("tokachi-tech-sites", "value"): "17"})
    before = digest(sheet)
    r = kpi(*args)
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"kpi: {sheet} holds 2 filled-in rows that are not in the ledger (the first: {sheet}:R2_2020 実績値の記入!2); "
        f"import them (kpi import {sheet}) or give --force to replace the file\n"
    )
    assert digest(sheet) == before
    assert kpi("import", str(sheet)).code == 0  # imported: what was typed is in the ledger
    assert kpi(*args).code == 0
    _fill(sheet, {("tokachi-certified-products", "value"): 197})
    one = kpi(*args)
    assert one.code == 2 and "holds a filled-in row that is not in the ledger" in one.err
    forced = kpi(*args, "--force")
    assert forced.code == 0 and digest(sheet) != before


def test_a_filled_csv_sheet_is_kept(kpi: Runner, tmp_path: Path) -> None:
    sheet = tmp_path / "t.csv"
    args = ("template", "--region", "十勝", "--year", "R2", "-o", str(sheet))
    assert kpi(*args).code == 0
    lines = sheet.read_bytes().decode("utf-8-sig").split("\r\n")
    head = lines[0].split(",")
    row = lines[2].split(",")  # tokachi-food-value-added
    row[head.index("value")] = "987.6"
    lines[2] = ",".join(row)
    sheet.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    r = kpi(*args)
    assert r.code == 2 and f"({sheet}:3)" in r.err


def test_a_filled_review_sheet_is_kept(kpi: Runner, tmp_path: Path) -> None:
    sheet = tmp_path / "評価.xlsx"
    args = ("review", "template", "--region", "十勝", "--year", "R1", "-o", str(sheet))
    assert kpi(*args).code == 0
    _fill(sheet, {("tokachi-food-hub", "actions"): "商談会を3回開催した。"}, key="project_id")
    r = kpi(*args)
    assert r.code == 2
    assert r.err.endswith(f"import it (kpi review import {sheet}) or give --force to replace the file\n")
    _fill(
        sheet,
        {("tokachi-food-hub", "assessment"): "概ね順調に展開", ("tokachi-food-hub", "direction"): "継続"},
        key="project_id",
    )
    assert kpi("review", "import", str(sheet)).code == 0
    assert kpi(*args).code == 0  # what was typed is the review in force: the new sheet shows it again
    wb: Any = load_workbook(sheet)
    assert "商談会を3回開催した。" in [c.value for c in wb.worksheets[0]["J"]]


def test_another_kind_of_file_is_written_over(kpi: Runner, tmp_path: Path) -> None:
    other = tmp_path / "notes.csv"
    other.write_text("memo,text\n1,2\n", "utf-8")
    assert kpi("template", "--region", "十勝", "--year", "R2", "-o", str(other)).code == 0
    assert other.read_text("utf-8-sig").startswith("kpi_id,")


def test_a_filled_sheet_is_kept_whichever_command_writes_over_it(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    """A collection sheet filled in (with its units typed, as clerks do) is not replaced by a review
    sheet, a status workbook or a list of what is missing; a review sheet filled in is not replaced by
    a collection sheet. Once imported, the collection sheet may be written over."""
    sheet = tmp_path / "十勝-R2.xlsx"
    assert kpi("template", "--region", "十勝", "--year", "R2", "-o", str(sheet)).code == 0
    _fill(sheet, {("tokachi-food-value-added", "value"): "987.6億円", ("tokachi-tech-sites", "value"): "17件"})
    before = digest(sheet)
    for args in (
        ("review", "template", "--year", "R2", "--region", "十勝", "-o", str(sheet)),
        ("status", "-o", str(sheet)),
        ("missing", "--year", "R2", "--office", "十勝", "-o", str(sheet)),
    ):
        r = kpi(*args)
        assert (r.code, r.out) == (2, ""), args
        assert r.err.startswith(f"kpi: {sheet} holds 2 filled-in rows that are not in the ledger"), r.err
        assert r.err.endswith(
            "--force to replace the file\n" if args[0] == "review" else "write the output elsewhere\n"
        )
        assert digest(sheet) == before
    assert kpi("import", str(sheet)).code == 0
    assert kpi("status", "-o", str(sheet)).code == 0  # imported: nothing typed is lost
    reviews = tmp_path / "評価-R2.xlsx"
    assert kpi("review", "template", "--year", "R2", "--region", "十勝", "-o", str(reviews)).code == 0
    _fill(reviews, {("tokachi-food-hub", "assessment"): "概ね順調に展開"}, key="project_id")
    kept = digest(reviews)
    r = kpi("template", "--region", "十勝", "--year", "R2", "-o", str(reviews))
    assert r.code == 2 and "(kpi review import" in r.err and digest(reviews) == kept


def test_kpis_own_records_are_written_over_after_the_ledger_changed(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    """An export or a history written before a correction is kpi's record of the ledger, not a sheet
    someone fills in: a scheduled export to the same file keeps working."""
    assert kpi("record", "tokachi-tech-sites", "R1", "15").code == 0
    outputs = [tmp_path / "e.csv", tmp_path / "e.xlsx", tmp_path / "h.csv"]
    commands = [("export", "-o", str(outputs[0])), ("export", "-o", str(outputs[1])),
                ("history", "tokachi-tech-sites", "-o", str(outputs[2]))]  # fmt: skip
    for args in commands:
        assert kpi(*args).code == 0
    assert kpi("record", "tokachi-tech-sites", "R1", "16", "--correct").code == 0
    for args, out in zip(commands, outputs, strict=True):
        before = digest(out)
        r = kpi(*args)
        assert r.code == 0, r.err
        assert digest(out) != before
