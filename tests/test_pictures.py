"""`kpi show` and `kpi report`: charts with the same numbers as `kpi status`, escaped text, golden output."""

from __future__ import annotations

import json
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import Runner, golden
from kpi_cli.core.model import Plan
from kpi_cli.core.series import series
from kpi_cli.core.trajectory import compute
from kpi_cli.render.svg import chart_svg
from kpi_cli.render.textchart import chart, plain

GOLDEN = Path(__file__).parent / "golden"
# Made-up values, except donan-tourists FY2016 (published: 渡島 1,267 + 檜山 105.6).
VALUES = [
    ("donan-tourists", "2016", "1372.6"),
    ("tokachi-food-value-added", "2016", "920"),
    ("tokachi-food-value-added", "2017", "950"),
    ("doto-tourists", "2016", "2500"),
    ("tokachi-women-role-models", "2016", "10"),
    ("tokachi-women-role-models", "2017", "15"),
]


@pytest.fixture
def recorded(kpi: Runner) -> None:
    for kpi_id, year, value in VALUES:
        assert kpi("record", kpi_id, year, value).code == 0


def _status(plan: Plan, kpi_id: str, actuals: dict[int, str]):  # type: ignore[no-untyped-def]
    values = {y: Decimal(v) for y, v in actuals.items()}
    s = compute(plan.kpi(kpi_id), values, year=None, current_fy=2026, plan_span=(2016, 2020), bands=plan.bands)
    return s, values


def test_terminal_chart_plain_golden(plan: Plan) -> None:
    s, values = _status(plan, "donan-tourists", {2016: "1372.6", 2017: "1171", 2018: "1201.4"})
    text = plain(chart(series(s, values), width=80))
    from kpi_cli.render.grid import width

    lines = text.splitlines()
    assert max(width(line) for line in lines) <= 80
    assert all(line.isascii() for line in lines[1:-1])  # the plot and its axes; unit and legend are Japanese
    golden("chart_donan.txt", text)


def test_svg_golden(plan: Plan) -> None:
    s, values = _status(plan, "donan-tourists", {2016: "1372.6"})
    svg = chart_svg(series(s, values), title="観光入込客数の推移")
    golden("chart_donan.svg", svg + "\n")
    assert 'data-expected="1273.2"' in svg
    assert 'data-value="1372.6"' in svg and 'data-target="1440"' in svg


def test_show_table_and_json(kpi: Runner, recorded: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    r = kpi("show", "donan-tourists")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == "観光入込客数  [donan-tourists]"
    assert "評価          順調（H28/2016時点）" in lines
    assert "期待値        1,273.2万人" in lines
    assert all(" *" in line or "*" not in line for line in lines)
    assert "\x1b[" not in r.out  # NO_COLOR and a pipe: plain text
    doc = json.loads(kpi("show", "donan-tourists", "-f", "json").out)
    assert doc["schema_version"] == 1
    assert doc["status"]["expected"] == 1273.2 and doc["status"]["rating"] == "on_track"
    assert doc["chart"]["years"] == [2014, 2015, 2016, 2017, 2018, 2019]
    assert doc["chart"]["actual"] == [None, None, 1372.6, None, None, None]
    assert doc["project"]["offices"] == ["渡島", "檜山"]
    assert len(doc["history"]) == 1
    assert kpi("show", "donan-tourists", "-f", "csv").code == 2


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.svgs = 0
        self.rows: list[dict[str, str | None]] = []
        self.scripts = 0
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        if tag == "tr" and "data-kpi-id" in a:
            self.rows.append(a)
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if a.get(key) and not str(a[key]).startswith("#"):  # links within the document are fine
                self.external.append(str(a[key]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_report(kpi: Runner, recorded: None, tmp_path: Path) -> None:
    assert kpi("record", "tokachi-tech-sites", "2017", "14", "--note", "<script>alert(1)</script>").code == 0
    out = tmp_path / "report.html"
    r = kpi("report", "--region", "十勝", "--output", str(out))
    assert r.code == 0 and f"wrote a report of 8 KPIs to {out}" in r.err
    html = out.read_text("utf-8")
    parser = _Collector()
    parser.feed(html)
    parser.close()
    assert parser.scripts == 0 and parser.external == []
    assert parser.svgs == 8  # one chart per selected KPI
    status = json.loads(kpi("status", "--region", "十勝", "-f", "json").out)["kpis"]
    by_id = {k["kpi_id"]: k for k in status}
    own = [k["kpi_id"] for k in status if k["region"] == "十勝" and k["kpi_id"] != "doto-tourists"]
    shared = ["doto-tourists", "geopark-tourists"]  # ひがし北海道 (led by 十勝), ジオパーク (by 道央広域)
    assert [row["data-kpi-id"] for row in parser.rows] == [*own, *shared]  # 十勝's own projects first
    for row in parser.rows:
        want = by_id[str(row["data-kpi-id"])]
        for field in ("actual", "expected", "gap", "progress", "achievement"):
            got = row[f"data-{field}"]
            assert (float(got) if got else None) == want[field], (row["data-kpi-id"], field)
        assert row["data-rating"] == want["rating"]
    assert "@page { size: A4" in html and "break-inside: avoid" in html
    assert "<script>" not in html
    assert "十勝" in "".join(parser.text)


def test_report_escapes_plan_text(kpi: Runner, tmp_path: Path) -> None:
    from conftest import SHIPPED_PLAN

    plan = tmp_path / "plan.toml"
    plan.write_text(
        SHIPPED_PLAN.read_text("utf-8").replace("「食の拠点」とかち強化プロジェクト", "<b>食</b> & <script>x</script>"),
        "utf-8",
    )
    out = tmp_path / "r.html"
    assert kpi("report", "--plan", str(plan), "-r", "十勝", "-o", str(out)).code == 0
    html = out.read_text("utf-8")
    assert "&lt;b&gt;食&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>" not in html


def test_report_needs_html_name(kpi: Runner, tmp_path: Path) -> None:
    r = kpi("report", "-o", str(tmp_path / "r.doc"))
    assert r.code == 2 and "should end in .html (the document), .pdf, .md (Markdown) or .xlsx" in r.err
    assert not (tmp_path / "r.doc").exists()
