"""Project reviews (the A of PDCA): recorded, superseded, verified, and shown in list, status and report."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner, digest
from kpi_cli.core.assessment import suggested
from kpi_cli.core.trajectory import Rating

TEXT = (
    "## 取組状況\n商談会を3回開催。\n\n参加企業 24社。\n"
    "## 成果・課題\n付加価値額は目標に近づいた。\n## 今後の取組\n販路拡大。\n"
)


@pytest.fixture
def reviewed(kpi: Runner, tmp_path: Path) -> Path:
    assert kpi("record", "tokachi-food-value-added", "R2", "990").code == 0
    assert kpi("record", "tokachi-certified-products", "R2", "195").code == 0
    src = tmp_path / "food.md"
    src.write_text(TEXT, "utf-8")
    r = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "概ね順調に展開", "-d", "継続", "--from", str(src))
    assert r.code == 0, r.err
    assert r.out.endswith("R2評価: 概ね順調に展開 · 継続（案） → " + r.out.split(" → ")[-1])
    return src


def test_review_list_and_supersede(kpi: Runner, reviewed: Path, ledger_path: Path) -> None:
    same = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "on_course", "-d", "continue", "--from", str(reviewed))
    assert same.code == 0 and same.out.startswith("unchanged: ")
    later = kpi(
        "review", "add", "tokachi-food-hub", "R2", "-a", "課題等はあるが引き続き推進", "-d", "拡充",
        "--from", str(reviewed), "--reviewed-on", "2021-02-15",
    )  # fmt: skip
    assert later.code == 0, later.err
    doc = json.loads(kpi("review", "list", "--year", "R2", "-f", "json").out)["reviews"]
    assert len(doc) == 1
    one = doc[0]
    assert (one["assessment"], one["direction_label"], one["stage"], one["meeting_date"]) == (
        "continue_with_issues",
        "拡充",
        "reviewed",
        "2021-02-15",
    )
    assert one["actions"] == "商談会を3回開催。\n\n参加企業 24社。"  # paragraphs round-trip exactly
    assert one["suggested_label"] == "課題等はあるが引き続き推進"  # 990 < 1,002 and 195 < 200 at R2
    both = json.loads(kpi("review", "list", "--history", "-f", "json").out)["reviews"]
    assert [r["assessment"] for r in both] == ["on_course", "continue_with_issues"]
    assert kpi("verify").code == 0
    assert all(not r["kpi_id"].startswith("review:") for r in json.loads(kpi("history", "-f", "json").out)["rows"])


def test_status_and_report_show_the_review(kpi: Runner, reviewed: Path, tmp_path: Path) -> None:
    doc = json.loads(kpi("status", "--region", "十勝", "--year", "R2", "-f", "json").out)["kpis"]
    food = next(k for k in doc if k["kpi_id"] == "tokachi-food-value-added")
    assert (food["review_year"], food["review_assessment"], food["review_direction"]) == (2020, "on_course", "continue")
    table = kpi("status", "--region", "十勝", "--year", "R2", "-f", "table").out
    assert "［R2評価: 概ね順調に展開 · 継続（案）］" in table.replace("\n", "")
    show = kpi("show", "tokachi-food-value-added", "--year", "R2")
    assert "プロジェクト評価  R2: 概ね順調に展開 · 継続（案）" in show.out
    assert json.loads(kpi("show", "tokachi-food-value-added", "-f", "json").out)["review"]["direction"] == "continue"
    out = tmp_path / "r.html"
    assert kpi("report", "--year", "R2", "--region", "十勝", "-o", str(out)).code == 0
    html = out.read_text("utf-8")
    assert "<p>商談会を3回開催。</p><p>参加企業 24社。</p>" in html
    assert '<tr data-project="tokachi-food-hub">' in html and "<td>概ね順調に展開</td><td>継続</td>" in html


def test_tampering_with_a_review_is_caught(kpi: Runner, reviewed: Path, ledger_path: Path) -> None:
    data = ledger_path.read_bytes()
    assert "商談会を3回".encode() in data
    ledger_path.write_bytes(data.replace("商談会を3回".encode(), "商談会を9回".encode()))
    r = kpi("verify")
    assert r.code == 1 and ":4: " in r.out


def test_unknown_words_list_the_valid_ones(kpi: Runner, ledger_path: Path) -> None:
    before = digest(ledger_path)
    r = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "良好", "-d", "継続")
    assert r.code == 2
    assert r.err == (
        "kpi: --assessment '良好' is not a word of the plan's vocabulary; use one of: 概ね順調に展開 (on_course), "
        "課題等はあるが引き続き推進 (continue_with_issues), 遅れなどがあり改善が必要 (needs_improvement)\n"
    )
    assert digest(ledger_path) == before


def test_a_plan_with_its_own_words(kpi: Runner, tmp_path: Path) -> None:
    text = SHIPPED_PLAN.read_text("utf-8").replace(
        "[rating]",
        '[review]\nassessments = [{ code = "a", label = "A評価" }, { code = "b", label = "B評価" }, '
        '{ code = "c", label = "C評価" }]\ndirections = [{ code = "keep", label = "現状維持" }]\n\n[rating]',
    )
    plan = tmp_path / "city.toml"
    plan.write_text(text, "utf-8")
    assert kpi("plan", "check", str(plan), "-f", "csv").code == 0
    r = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "B評価", "-d", "keep", "--plan", str(plan))
    assert r.code == 0, r.err
    one = json.loads(kpi("review", "list", "--plan", str(plan), "-f", "json").out)["reviews"][0]
    assert (one["assessment_label"], one["direction_label"]) == ("B評価", "現状維持")
    wrong = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "概ね順調に展開", "-d", "keep", "--plan", str(plan))
    assert wrong.code == 2 and "use one of: A評価 (a), B評価 (b), C評価 (c)" in wrong.err


@pytest.mark.parametrize(
    ("ratings", "index"),
    [
        ([Rating.achieved, Rating.on_track], 0),
        ([Rating.achieved, Rating.nearly], 1),
        ([Rating.on_track, Rating.worse], 2),
        ([Rating.behind, Rating.behind, Rating.on_track], 2),
        ([Rating.behind, Rating.on_track], 1),
        ([Rating.no_data], None),
        ([], None),
    ],
)
def test_the_suggestion_rule(ratings: list[Rating], index: int | None) -> None:
    assert suggested(ratings, 3) == index


def test_review_years_are_checked(kpi: Runner) -> None:
    r = kpi("review", "add", "tokachi-food-hub", "R9", "-a", "a", "-d", "b")
    assert r.code == 2 and "outside the plan's years" in r.err


def test_review_sheet_round_trip(kpi: Runner, reviewed: Path, tmp_path: Path, ledger_path: Path) -> None:
    from typing import Any

    from openpyxl import load_workbook

    sheet = tmp_path / "評価.xlsx"
    r = kpi("review", "template", "--year", "R2", "--region", "十勝", "-o", str(sheet))
    assert r.code == 0, r.err
    wb: Any = load_workbook(sheet)
    ws = wb.active
    names = [str(c.value).split("\n")[-1] for c in ws[1]]
    col = {n: i + 1 for i, n in enumerate(names)}
    rows = {ws.cell(row=i, column=1).value: i for i in range(2, ws.max_row + 1)}
    food = rows["tokachi-food-hub"]
    assert ws.cell(row=food, column=col["assessment"]).value == "概ね順調に展開"  # the recorded review, to edit
    tourism = rows["higashi-hokkaido-tourism"]
    assert ws.cell(row=tourism, column=col["suggested_label"]).value is None  # nothing rated for R2 yet
    ws.cell(row=tourism, column=col["assessment"], value="遅れなどがあり改善が必要")
    ws.cell(row=tourism, column=col["direction"], value="見直し")
    ws.cell(row=tourism, column=col["actions"], value="広域で連携した。\n誘客を進めた。")
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    r = kpi("review", "import", str(filled))
    assert r.code == 0, r.err
    assert r.out == f"imported 1 reviews into {ledger_path}; 1 unchanged, 3 not filled in\n"
    again = kpi("review", "import", str(filled))
    assert again.out == f"imported 0 reviews into {ledger_path}; 2 unchanged, 3 not filled in\n"
    doc = json.loads(kpi("review", "list", "--year", "R2", "-f", "json").out)["reviews"]
    tour = next(x for x in doc if x["project_id"] == "higashi-hokkaido-tourism")
    assert (tour["assessment"], tour["direction"], tour["actions"]) == (
        "needs_improvement",
        "revise",
        "広域で連携した。\n誘客を進めた。",
    )
    ws.cell(row=tourism, column=col["direction"], value="拡大")
    wb.save(filled)
    bad = kpi("review", "import", str(filled))
    assert bad.code == 2 and "今後の方向性 (direction) '拡大' is not a word of the plan's vocabulary" in bad.err


def test_report_as_markdown_and_xlsx(kpi: Runner, reviewed: Path, tmp_path: Path) -> None:
    from typing import Any

    from openpyxl import load_workbook

    md = tmp_path / "r.md"
    assert kpi("report", "--year", "R2", "--region", "十勝", "-o", str(md)).code == 0
    text = md.read_text("utf-8")
    assert "| 「食の拠点」とかち強化プロジェクト | 概ね順調に展開 | 継続 | 課題等はあるが引き続き推進 |" in text
    assert "**取組状況**\n\n商談会を3回開催。  \n  \n参加企業 24社。" in text
    assert "| 食品工業の付加価値額 | 990 |" in text
    book = tmp_path / "r.xlsx"
    assert kpi("report", "--year", "R2", "--region", "十勝", "-o", str(book)).code == 0
    wb: Any = load_workbook(book)
    assert wb.sheetnames == ["概要", "評価", "十勝", "道央広域", "出典"]  # 十勝's own projects first; the cards last
    cards = {row[0]: row[2] for row in wb["出典"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert cards["geopark-tourists"] == "北海道観光入込客数調査"  # the source card of each KPI shown
    head = [c.value for c in wb["出典"][1]]
    geopark = next(row for row in wb["出典"].iter_rows(min_row=2, values_only=True) if row[0] == "geopark-tourists")
    said = dict(zip(head, geopark, strict=True))
    assert (said["集計期間"], said["推定した項目"]) == ("年度（4月〜翌年3月）", "定義")  # for people, not codes
    assert "- 統計: 北海道観光入込客数調査（北海道 経済部観光局）・年度（4月〜翌年3月）" in text
    first = [c.value for c in wb["評価"][2]][:5]
    assert first == ["十勝", "「食の拠点」とかち強化プロジェクト", "R2", "概ね順調に展開", "継続"]
    bad = kpi("report", "-o", str(tmp_path / "r.docx"))
    assert bad.code == 2 and "should end in .html (the document), .pdf, .md (Markdown) or .xlsx" in bad.err


def test_report_for_one_year_shows_older_values(kpi: Runner, tmp_path: Path) -> None:
    assert kpi("record", "doto-tourists", "H28", "2,500").code == 0
    out = tmp_path / "r.html"
    assert kpi("report", "--year", "R2", "--region", "十勝", "-o", str(out)).code == 0
    html = out.read_text("utf-8")
    assert "（2,500）" in html
    assert "H28/2016時点" in html


def test_an_approved_review_is_replaced_only_with_correct(kpi: Runner, reviewed: Path, ledger_path: Path) -> None:
    add = ("review", "add", "tokachi-food-hub", "R2", "--from", str(reviewed))
    assert kpi(*add, "-a", "on_course", "-d", "continue", "--reviewed-on", "2021-02-15").code == 0  # a draft replaced
    before = digest(ledger_path)
    for other in (("-a", "on_course", "-d", "expand"), ("-a", "on_course", "-d", "continue")):  # a draft, or reviewed
        r = kpi(*add, *other, "--reviewed-on", "2021-02-16")
        assert r.code == 2 and r.out == ""
        assert r.err == (
            "kpi: the review of tokachi-food-hub R2/2020 was approved at the 地域づくり連携会議 on 2021-02-15 "
            f"({ledger_path}:5); use --correct to replace it\n"
        )
        assert digest(ledger_path) == before
    r = kpi(*add, "-a", "on_course", "-d", "expand", "--correct")  # even by a draft, deliberately
    assert r.code == 0, r.err
    assert json.loads(kpi("review", "list", "--year", "R2", "-f", "json").out)["reviews"][0]["direction"] == "expand"


def test_review_import_refuses_to_replace_an_approved_review(
    kpi: Runner, reviewed: Path, tmp_path: Path, ledger_path: Path
) -> None:
    add = ("review", "add", "tokachi-food-hub", "R2", "--from", str(reviewed), "-a", "on_course", "-d", "continue")
    assert kpi(*add, "--reviewed-on", "2021-02-15").code == 0
    sheet = tmp_path / "評価.csv"
    sheet.write_text("project_id,year,assessment,direction\ntokachi-food-hub,R2,on_course,expand\n", "utf-8")
    before = digest(ledger_path)
    r = kpi("review", "import", str(sheet))
    assert r.code == 2 and r.out == ""
    assert r.err == (
        f"kpi: {sheet}:2: the review of tokachi-food-hub R2/2020 was approved at the 地域づくり連携会議 "
        f"on 2021-02-15 ({ledger_path}:5); use --correct to replace it\n"
    )
    assert digest(ledger_path) == before
    r = kpi("review", "import", str(sheet), "--correct")
    assert r.code == 0, r.err
    assert r.out == f"imported 1 reviews into {ledger_path}; 0 unchanged, 0 not filled in\n"


def test_a_section_twice_in_from_is_refused(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    src = tmp_path / "twice.md"
    src.write_text(
        "## 取組状況\n商談会を開催。\n## 今後の取組\n販路拡大。\n## 成果と課題\nA\n## 成果・課題\nB\n", "utf-8"
    )
    r = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "on_course", "-d", "continue", "--from", str(src))
    assert (r.code, r.out) == (2, "")
    assert r.err == f"kpi: {src}:7: the section ## 成果・課題 again (first at line 5, ## 成果と課題); keep one\n"
    assert not ledger_path.exists()


@pytest.mark.parametrize(
    ("option", "heading"), [("--actions", "取組状況"), ("--results", "成果・課題"), ("--next", "今後の取組")]
)
def test_from_and_a_section_option_are_refused_together(
    kpi: Runner, tmp_path: Path, ledger_path: Path, option: str, heading: str
) -> None:
    src = tmp_path / "food.md"
    src.write_text("## 取組状況\n商談会を開催。\n", "utf-8")  # (the option's section need not be in the file)
    r = kpi(
        "review", "add", "tokachi-food-hub", "R2", "-a", "on_course", "-d", "continue", "--from", str(src), option, "x"
    )
    assert (r.code, r.out) == (2, "")
    assert r.err == f"kpi: --from and {option} cannot be used together; write the text as ## {heading} in {src}\n"
    assert not ledger_path.exists()


def test_a_review_sheet_whose_year_and_year_label_disagree_is_refused(
    kpi: Runner, reviewed: Path, tmp_path: Path, ledger_path: Path
) -> None:
    from typing import Any

    from openpyxl import load_workbook

    sheet = tmp_path / "評価.xlsx"
    assert kpi("review", "template", "--year", "R2", "--region", "十勝", "-o", str(sheet)).code == 0
    wb: Any = load_workbook(sheet)
    ws = wb.active
    col = {str(c.value).split("\n")[-1]: i + 1 for i, c in enumerate(ws[1])}
    row = next(i for i in range(2, ws.max_row + 1) if ws.cell(row=i, column=1).value == "higashi-hokkaido-tourism")
    assert ws.cell(row=row, column=col["year_label"]).value == "R2"
    ws.cell(row=row, column=col["assessment"], value="遅れなどがあり改善が必要")
    ws.cell(row=row, column=col["direction"], value="見直し")
    ws.cell(row=row, column=col["year"], value="R1")  # the year edited, its label not
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    before = digest(ledger_path)
    r = kpi("review", "import", str(filled))
    assert (r.code, r.out) == (2, "")
    assert r.err.splitlines() == [
        f"kpi: {filled}: 1 bad row; nothing was written. Fix it and import again:",  # (no fix was said)
        f"kpi: {filled}:{ws.title}!{row}: the year cell 'R1' and the year_label cell 'R2' name different years "
        "(R1/2019 and R2/2020); correct the one that is wrong",
    ]
    assert digest(ledger_path) == before
    ws.cell(row=row, column=col["year"], value=2020)
    ws.cell(row=row, column=col["year_label"], value="令和２年度")  # the same year, as people write it
    wb.save(filled)
    r = kpi("review", "import", str(filled))
    assert r.code == 0, r.err


def test_review_list_at_80_columns_leaves_no_closing_bracket_alone_on_a_line(
    kpi: Runner, monkeypatch: pytest.MonkeyPatch, ledger_path: Path
) -> None:
    # A stage too wide for its column was cut at its edge, leaving "）" alone on a line (kinsoku).
    monkeypatch.setenv("KPI_LANG", "ja")
    monkeypatch.setenv("COLUMNS", "80")
    for project in ("geopark", "tokachi-food-hub"):
        r = kpi("review", "add", project, "R2", "-a", "on_course", "-d", "continue", "--reviewed-on", "2021-10-20")
        assert r.code == 0, r.err
    r = kpi("review", "list", "-f", "table")
    assert (r.code, r.err) == (0, "")
    table, caption = r.out.split("台帳:")
    assert caption.replace("\n", "").strip() == str(ledger_path)  # (wrapped as long as the test's folder is)
    assert table == (
        "プロジェクト評価 2件\n"
        "プロジェクト  年度     評価           KPIからの目安  今後の方向性  段階\n" + "─" * 80 + "\n"
        "道内ジオパー  R2/2020  概ね順調に展   ―              継続          連携会議で検\n"
        "クの連携によ           開                                          証済み\n"
        "る地域力向上                                                       （2021-10-2\n"
        "プロジェクト                                                       0）\n"
        "「食の拠点」  R2/2020  概ね順調に展   ―              継続          連携会議で検\n"
        "とかち強化プ           開                                          証済み\n"
        "ロジェクト                                                         （2021-10-2\n"
        "                                                                   0）\n"
    )


def test_review_import_says_the_fix_for_bad_rows_as_kpi_import_does(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ledger_path: Path
) -> None:
    # The heading said only "…: 2 bad rows; nothing was written"; kpi import's says what to do.
    monkeypatch.setenv("KPI_LANG", "ja")
    sheet = tmp_path / "評価.csv"
    assert kpi("review", "template", "--year", "R2", "--region", "十勝", "-o", str(sheet)).code == 0
    header, *rows = list(csv.reader(io.StringIO(sheet.read_text("utf-8-sig"))))
    for row in rows[:2]:  # a word not in the plan's vocabulary in each
        row[header.index("assessment")], row[header.index("direction")] = "順調", "拡大"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows[:2]])
    r = kpi("review", "import", str(sheet))
    assert (r.code, r.out) == (2, "")
    words = (
        "評価 (assessment) '順調' は計画の語彙にありません。次のいずれかを使ってください: 概ね順調に展開 (on_course), "
        "課題等はあるが引き続き推進 (continue_with_issues), 遅れなどがあり改善が必要 (needs_improvement)"
    )
    assert r.err.splitlines() == [
        f"kpi: {sheet}: 問題のある行が2行あります。何も書き込んでいません。直してからもう一度取り込んでください:",
        f"kpi: {sheet}:2: {words}",
        f"kpi: {sheet}:4: {words}",  # (the row above spans two lines: its KPIs' ratings)
    ]
    assert not ledger_path.exists()
