"""kpi site: every page valid HTML, every link and download there, text escaped, the same bytes
from the same inputs, downloads Excel-safe, and the output folder refused or replaced whole."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import html5lib
import pytest
from html5lib.html5parser import ParseError

from conftest import SHIPPED_PLAN, Runner
from kpi_cli.plan.load import load_plan
from site_helpers import (
    FORMULA,
    HOSTILE,
    add_reviews_and_hostile_text,
    built_site,
    ids,
    pages,
    parse,
    references,
    shipped_data,
    target,
)

PLAN = load_plan(SHIPPED_PLAN)


@pytest.fixture
def data(monkeypatch: pytest.MonkeyPatch) -> Path:
    return shipped_data(monkeypatch)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped data, with reviews and hostile text added: built once for the tests
    that only read it (in the folder's work/, beside the data/ it was built from)."""
    return built_site(tmp_path_factory.mktemp("site"))


def test_the_shipped_data_gives_every_page_and_download_under_2_mb(kpi: Runner, data: Path) -> None:
    r = kpi("site", "-o", "out")
    assert r.code == 0 and r.out == ""
    assert re.fullmatch(
        r"kpi: wrote a site of 82 pages and 87 downloads \(\d+ KB\) to out; open out/index.html\n", r.err
    )
    found = {p.relative_to("out").as_posix() for p in Path("out").rglob("*") if p.is_file()}
    expected = {".kpi-site", "site.css", "index.html", "reporting.html", "data/h28-data.zip"}
    expected |= {f"regions/{r.id}.{ext}" for r in PLAN.regions for ext in ("html", "xlsx")}
    expected |= {f"projects/{p.id}.html" for p in PLAN.projects}
    expected |= {f"kpis/{k.id}.{ext}" for k in PLAN.kpis for ext in ("html", "csv", "json")}
    assert found == expected
    assert sum(p.stat().st_size for p in Path("out").rglob("*") if p.is_file()) < 2_000_000


def test_every_page_is_valid_html_and_every_link_resolves(site: Path) -> None:
    """Walks every page; every page and download is linked from some page (the marker only is not)."""
    root = site.resolve()
    linked = {root / "index.html"}
    for page in pages(site):
        tree = parse(page)  # strict: raises on any parse error
        assert tree.get("lang") == "ja"
        for _attribute, address in references(tree):
            file, fragment = target(page, address)
            assert file.is_file() and root in file.parents, (page, address)
            if fragment:
                assert fragment in ids(parse(file) if file != page.resolve() else tree), (page, address)
            linked.add(file)
    every = {p.resolve() for p in site.rglob("*") if p.is_file() and p.name != ".kpi-site"}
    assert linked == every


def test_strict_parsing_does_catch_an_error() -> None:
    with pytest.raises(ParseError):
        html5lib.HTMLParser(strict=True).parse("<!DOCTYPE html><html><body><p>x</div></body></html>")


def test_nothing_from_elsewhere_no_script_and_text_escaped(site: Path) -> None:
    for page in pages(site):
        text = page.read_text("utf-8")
        assert "<script" not in text.lower() and "<i>" not in text and "<b>" not in text, page
        tree = parse(page)
        tags = {e.tag for e in tree.iter() if isinstance(e.tag, str)}
        assert not tags & {"script", "img", "iframe", "object", "embed", "style", "base", "form"}, page
        assert [e.get("href") for e in tree.iter("link")] == [
            "../" * page.relative_to(site).as_posix().count("/") + "site.css"
        ]
        assert not [k for e in tree.iter() for k in e.attrib if k.lower().startswith("on")], page
    css = (site / "site.css").read_text("utf-8")
    assert "url(" not in css and "@import" not in css
    kpi_page = (site / "kpis/donan-tourists.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;引用&quot;" in kpi_page
    assert "=HYPERLINK(&quot;http" not in kpi_page.replace("出典: =HYPERLINK(&quot;http", "")
    project = (site / "projects/donan-shinkansen-visitors.html").read_text("utf-8")
    assert "<h3>取組状況</h3><p>新幹線駅からの二次交通を整備した。</p><p>&lt;script&gt;" in project
    assert "課題等はあるが引き続き推進" in project and "地域づくり連携会議で検証（2020-02-14）" in project
    renamed = (site / "kpis/donan-trial-stay-users.html").read_text("utf-8")
    assert "<h1>ちょっと暮らしの利用者数 &lt;i&gt;&amp;amp;&lt;/i&gt; &quot;試行&quot;</h1>" in renamed


def test_region_and_index_show_the_rating_counts_and_reviews(site: Path) -> None:
    index = (site / "index.html").read_text("utf-8")
    assert index.count('<section class="card"') == 6
    assert '<li><span class="rating worse">× 悪化</span> 3</li>' in index
    region = (site / "regions/tokachi.html").read_text("utf-8")
    assert "R2評価（案）: 概ね順調に展開 · 今後の方向性: 拡充" in region
    assert 'href="../regions/tokachi.xlsx" download' in region
    assert '<a href="../kpis/tokachi-food-value-added.html">' in region


def test_the_kpi_page_has_the_headline_table_chart_notes_and_downloads(site: Path) -> None:
    page = (site / "kpis/donan-tourists.html").read_text("utf-8")
    # R1 has only 渡島's share: the latest value is H30's, and R1 is said to wait for 檜山
    assert (
        "<dt>最新の実績</dt><dd>1,317.2万人<small>H30/2018</small><small>R1: 振興局の内訳 1/2 のみ記録（合計待ち）"
        in page
    )
    assert '<th scope="col" class=num>渡島分</th><th scope="col" class=num>檜山分</th>' in page
    assert "<svg" in page and 'class="planned"' in page and 'class="target"' in page
    assert "H30（檜山分）: 出典: ehako.com/news/news2019a/12550_index_msg.shtml" in page
    assert "この KPI の最終記録: " in page
    assert 'href="../kpis/donan-tourists.csv" download' in page and 'href="../kpis/donan-tourists.json"' in page


def test_csv_is_excel_safe_and_json_has_its_schema(site: Path) -> None:
    raw = (site / "kpis/donan-tourists.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    share = next(r for r in rows if r["year"] == "2019" and r["office_id"] == "oshima")
    assert share["source"] == "'" + FORMULA and share["note"] == HOSTILE and share["value"] == "1250"
    total = next(r for r in rows if r["year"] == "2016" and r["office_id"] == "")
    assert (total["value"], total["summed"], total["expected"]) == ("1372.6", "true", "1273.2")
    doc = json.loads((site / "kpis/donan-tourists.json").read_text("utf-8"))
    assert doc["schema_version"] == 1 and doc["kpi"]["id"] == "donan-tourists"
    assert doc["status"]["rating"] == "behind" and doc["values"][0]["year"] == 2016
    assert doc["chart"]["target_value"] == 1440


def test_the_zip_holds_everything_sorted_with_fixed_dates(site: Path) -> None:
    with zipfile.ZipFile(site / "data/h28-data.zip") as z:
        names = z.namelist()
        assert (
            names
            == sorted(names)
            == ["README.txt", "data.json", "plan.toml", "reviews.csv", "status.csv", "values.csv"]
        )
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.read("plan.toml") == (site.parent / "data/plan.toml").read_bytes()
        readme = z.read("README.txt").decode("utf-8-sig")
        assert "values.csv" in readme and "  office_id: 振興局ID" in readme
        doc = json.loads(z.read("data.json"))
        assert doc["schema_version"] == 1 and len(doc["status"]) == len(PLAN.kpis)
        assert {r["project_id"] for r in doc["reviews"]} == {"donan-shinkansen-visitors", "tokachi-food-hub"}
        assert "recorded_by" not in z.read("reviews.csv").decode("utf-8-sig")


def test_the_xlsx_per_region_opens_with_its_sheets(site: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(site / "regions/donan.xlsx")
    assert book.sheetnames == ["推進状況", "実績", "評価"]
    assert book["推進状況"].max_row >= 7 and book["実績"]["A1"].value == "KPI ID\nkpi_id"
    with zipfile.ZipFile(site / "regions/donan.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"<dcterms:created" in z.read("docProps/core.xml")


def test_the_same_inputs_give_the_same_bytes(kpi: Runner, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    add_reviews_and_hostile_text(kpi)
    assert kpi("site", "-o", "one").code == 0
    later = time.time() + 86_400 * 400
    monkeypatch.setattr(time, "time", lambda: later)  # what zipfile and openpyxl would stamp
    assert kpi("site", "-o", "two").code == 0
    one = {p.relative_to("one"): p.read_bytes() for p in Path("one").rglob("*") if p.is_file()}
    two = {p.relative_to("two"): p.read_bytes() for p in Path("two").rglob("*") if p.is_file()}
    assert one == two


def test_year_builds_the_site_as_of_that_year(kpi: Runner, data: Path) -> None:
    add_reviews_and_hostile_text(kpi)
    r = kpi("site", "--year", "H30", "-o", "h30")
    assert r.code == 0, r.err
    for file in Path("h30/kpis").glob("*.csv"):
        years = {row["year"] for row in csv.DictReader(io.StringIO(file.read_text("utf-8-sig")))}
        assert all(int(y) <= 2018 for y in years), file
    page = Path("h30/kpis/donan-tourists.html").read_text("utf-8")
    assert "<dd>1,317.2万人<small>H30/2018</small>" in page and "1,250" not in page
    region = Path("h30/regions/donan.html").read_text("utf-8")
    assert "評価 未記入" in region and "課題等はあるが引き続き推進" not in region  # the R1 review is later
    assert "全KPIを H30 時点で評価" in Path("h30/index.html").read_text("utf-8")
    assert "（H30時点）" in Path("h30/reporting.html").read_text("utf-8")
    assert "R1<span" not in Path("h30/reporting.html").read_text("utf-8")


def test_reporting_status_per_office(site: Path) -> None:
    page = (site / "reporting.html").read_text("utf-8")
    assert '<h2 id="o-hiyama">檜山' in page
    oshima = page.split('<h2 id="o-oshima">')[1].split("<h2")[0]
    row = oshima.split('<a href="kpis/donan-tourists.html">観光入込客数</a>')[1].split("</tr>")[0]
    assert row.count("記録あり、合計は他の振興局待ち") == 2  # H29 (渡島 only) and R1 (recorded here)
    assert row.count(">●<") == 2  # H28 and H30: both shares in


# ---------------------------------------------------------------- the output folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_folder_with_other_files_is_refused_unless_force(kpi: Runner, data: Path) -> None:
    Path("mine").mkdir()
    Path("mine/notes.txt").write_text("keep me", "utf-8")
    r = kpi("site", "-o", "mine")
    assert r.code == 2 and r.err.count("\n") == 1 and "--force" in r.err
    assert _snapshot(Path("mine")) == {"notes.txt": b"keep me"}
    r = kpi("site", "-o", "mine", "--force")
    assert r.code == 0 and not Path("mine/notes.txt").exists() and Path("mine/index.html").is_file()


def test_an_empty_folder_and_an_old_site_are_written(kpi: Runner, data: Path) -> None:
    Path("empty").mkdir()
    assert kpi("site", "-o", "empty").code == 0
    Path("empty/kpis/stale.html").write_text("old", "utf-8")
    assert kpi("site", "-o", "empty").code == 0  # a kpi site: replaced whole
    assert not Path("empty/kpis/stale.html").exists()
    assert sorted(p.name for p in Path().iterdir() if p.name.startswith(".")) == []  # no temporary folder left


@pytest.mark.parametrize("force", [False, True])
def test_links_files_and_the_data_folder_are_refused(kpi: Runner, data: Path, force: bool) -> None:
    Path("real").mkdir()
    Path("link").symlink_to("real")
    Path("file.html").write_text("x", "utf-8")
    extra = ["--force"] if force else []
    for output, words in (
        ("link", "is a link"),
        ("file.html", "is not a folder"),
        ("data", "holds the plan, the ledger or the current folder"),
        (".", "holds the plan, the ledger or the current folder"),
        ("no/such/site", "does not exist"),
    ):
        before = _snapshot(Path())
        r = kpi("site", "-o", output, *extra)
        assert r.code == 2 and words in r.err and r.err.count("\n") == 1, (output, r.err)
        assert _snapshot(Path()) == before


def test_a_link_inside_an_old_site_is_removed_not_followed(kpi: Runner, data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("mine", "utf-8")
    assert kpi("site", "-o", "site").code == 0
    Path("site/kpis/escape").symlink_to(outside)
    assert kpi("site", "-o", "site").code == 0
    assert (outside / "precious.txt").read_text("utf-8") == "mine"
    assert not Path("site/kpis/escape").exists()


def test_a_failed_build_leaves_the_old_site_and_no_half_site(
    kpi: Runner, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kpi_cli.render.site import publish

    assert kpi("site", "-o", "site").code == 0
    before = _snapshot(Path("site"))
    real = publish._write_all

    def half_then_full(root: Path, files: Mapping[str, bytes]) -> None:
        real(root, dict(list(files.items())[:50]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publish, "_write_all", half_then_full)
    r = kpi("site", "-o", "site")
    assert r.code == 2 and "the folder was left as it was" in r.err and r.err.count("\n") == 1
    assert _snapshot(Path("site")) == before
    assert [p.name for p in Path().iterdir() if p.name.startswith(".")] == []


def test_japanese_messages(kpi: Runner, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LANG", "ja")
    Path("mine").mkdir()
    Path("mine/x").write_text("x", "utf-8")
    r = kpi("site", "-o", "mine")
    assert r.code == 2 and "kpi が作成したサイトではなく" in r.err
    r = kpi("site", "-o", "out")
    assert r.code == 0 and "にサイト（ページ82件、ダウンロード87件、" in r.err


def test_a_plan_without_projects_gives_a_site_of_its_regions(kpi: Runner) -> None:
    Path("data").mkdir()
    assert kpi("plan", "init", "data/plan.toml", "--edition", "新しい版", "--start", "R7").code == 0
    r = kpi("site", "-o", "out")
    assert r.code == 0, r.err
    assert "8 pages and 7 downloads" in r.err and Path("out/data/kpi-data.zip").is_file()
    for page in pages(Path("out")):
        parse(page)


def test_every_download_opens(site: Path) -> None:
    """Each CSV (BOM, a header and its rows), JSON (schema_version 1), .xlsx and .zip of the site."""
    from openpyxl import load_workbook

    seen = 0
    for file in sorted(p for p in site.rglob("*") if p.suffix in {".csv", ".json", ".xlsx", ".zip"}):
        if file.suffix == ".csv":
            raw = file.read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf"), file
            header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert header[:3] == ["kpi_id", "kpi_name", "unit"], file
        elif file.suffix == ".json":
            assert json.loads(file.read_text("utf-8"))["schema_version"] == 1, file
        elif file.suffix == ".xlsx":
            assert load_workbook(file, read_only=True).sheetnames == ["推進状況", "実績", "評価"], file
        else:
            with zipfile.ZipFile(file) as z:
                assert z.testzip() is None, file
        seen += 1
    assert seen == 2 * len(PLAN.kpis) + len(PLAN.regions) + 1


def test_an_id_named_as_a_windows_device_gets_a_page_windows_can_make() -> None:
    from kpi_cli.render.site.layout import kpi_path, project_path, slug

    assert (slug("con"), slug("com1"), slug("lpt9"), slug("donan-tourists"), slug("console")) == (
        "_con",
        "_com1",
        "_lpt9",
        "donan-tourists",
        "console",
    )
    assert (kpi_path("nul"), project_path("aux")) == ("kpis/_nul.html", "projects/_aux.html")


def test_a_plan_file_named_as_a_windows_device_is_zipped_under_a_name_windows_can_make(kpi: Runner, data: Path) -> None:
    plan = Path("data/con.toml")
    plan.write_bytes(Path("data/plan.toml").read_bytes())
    r = kpi("site", "-o", "out", "--plan", str(plan))
    assert r.code == 0, r.err
    with zipfile.ZipFile("out/data/h28-data.zip") as z:
        assert "_con.toml" in z.namelist() and "con.toml" not in z.namelist()
        assert z.read("_con.toml") == plan.read_bytes()
        assert "_con.toml" in z.read("README.txt").decode("utf-8-sig")
