"""The paper as handed out at the 地域づくり連携会議: `kpi report` printed to PDF by a browser (headless
Chromium), then read back: pages, page numbers, text sizes, chart widths, what is on its face."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from conftest import Runner, hermetic_kpi
from kpi_cli.render import svg
from kpi_cli.render.labels import wareki_date, wareki_fiscal_year
from tokachi_year import LATER, REVIEWS, record_year

A4_WIDTH = 595.28  # points
BROWSERS = ("chromium-headless-shell", "chromium", "google-chrome", "chrome")


def browser() -> str:
    """A headless Chromium (.ci/run installs chromium-headless-shell); missing is a failure, not a skip."""
    found = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
    assert found, "no headless Chromium: apt-get install chromium-headless-shell (as .ci/run does)"
    return found


def print_pdf(html: Path) -> Path:
    pdf = html.with_suffix(".pdf")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}"]
    done = subprocess.run([browser(), *args, html.as_uri()], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    return pdf


def page_texts(pdf: Path, *, layout: bool = True) -> list[str]:
    """Each page's text as poppler reads it (laid out as printed, or block by block), NFKC (a CJK
    font's radicals read as the ideographs)."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    done = subprocess.run(args, capture_output=True, check=True)
    return [unicodedata.normalize("NFKC", p) for p in done.stdout.decode("utf-8").split("\f")[:-1]]


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The report and its print, made once for the tests that only read them (in a folder of their own
    with its own ledger and home, as ``hermetic`` gives each test)."""
    folder = tmp_path_factory.mktemp("paper")
    with hermetic_kpi(folder) as (kpi, _monkeypatch):
        record_year(kpi, folder)
        html = folder / "十勝-R1.html"
        r = kpi("report", "--year", "R1", "--region", "十勝", "-o", str(html))
        assert r.code == 0, r.err
        return html, print_pdf(html)


def test_the_paper_fits_four_pages_with_page_numbers(paper: tuple[Path, Path]) -> None:
    from pypdf import PdfReader

    _html, pdf = paper
    pages = PdfReader(pdf).pages
    assert 1 <= len(pages) <= 4
    assert all(abs(float(p.mediabox.width) - A4_WIDTH) < 1 for p in pages)  # A4
    texts = page_texts(pdf)
    for n, text in enumerate(texts, start=1):
        assert re.search(rf"\b{n}\s*/\s*{len(pages)}$", text.rstrip()), (n, text[-200:])  # "1 / 3" at the foot


def test_the_face_has_the_date_the_share_and_no_provenance(paper: tuple[Path, Path]) -> None:
    html, pdf = paper
    text = "\n".join(page_texts(pdf))
    today = datetime.now().astimezone()
    assert wareki_date(today.year, today.month, today.day) in text  # 令和8年12月3日
    assert "十勝 地域重点政策ユニットの推進状況" in text and "令和元年度(R1/2019)の実績による点検・評価" in text
    # 十勝's own share of 道東's arrivals, beside the area KPI: FY2019 1,068.4 of 2,821.44, +16.4 on FY2018
    assert re.search(r"うち十勝分\s+1,068\.4\s+\+16\.4", text) and "構成比 37.9%" in text
    assert not re.search(r"[0-9a-f]{12,}", text)  # no hash
    assert str(html.parent) not in text and ".csv" not in text and ".toml" not in text  # no path
    assert not re.search(r"\bkpi [a-z]", text)  # no command
    assert not re.search(r"\d{4}-\d{2}-\d{2}T|\d{1,2}:\d{2}:\d{2}", text)  # no timestamp
    assert "この資料について: 計画「連携地域別政策展開方針(平成28年7月)」、実績台帳 54行" in text
    flat = re.sub(r"\s+", "", text)  # the source card of each KPI, printed (issue 26.1)
    assert "道東地域への観光入込客数—統計:北海道観光入込客数調査(北海道経済部観光局)・年度(4月〜翌年3月)" in flat
    source = html.read_text("utf-8")
    assert re.search(r'<dl class="screen">.*末尾ハッシュ <code>[0-9a-f]{64}</code>', source, re.S)  # kept, on screen
    assert "footer.colophon .screen { display: none; }" in source


def test_own_projects_first_then_shared(paper: tuple[Path, Path]) -> None:
    _html, pdf = paper
    text = "".join(page_texts(pdf))
    order = [
        "「食の拠点」とかち強化プロジェクト",
        "「次世代先進産業」とかちチャレンジプロジェクト",
        "「多様な人材の活躍」とかち支援プロジェクト",
        "他の連携地域と連携する事業",
        "「ひがし北海道」広域観光プロジェクト",  # led by 十勝, with オホーツク, 釧路, 根室
        "道内ジオパークの連携による地域力向上プロジェクト",  # led by 道央広域
    ]
    body = text[text.index("十勝の事業") :]
    assert [body.index(x) for x in order] == sorted(body.index(x) for x in order)


def test_a_project_card_stays_on_one_page(paper: tuple[Path, Path]) -> None:
    _html, pdf = paper
    texts = page_texts(pdf)
    cards = {
        "「食の拠点」とかち強化プロジェクト": "地域の認証・登録制度の認証・登録品目数(品目)",
        "「次世代先進産業」とかちチャレンジプロジェクト": "新エネルギーの導入状況",
        "「多様な人材の活躍」とかち支援プロジェクト": "女性キャリアデザインロールモデル輩出数(件)",
        "「ひがし北海道」広域観光プロジェクト": "R1の内訳(万人)",
        "道内ジオパークの連携による地域力向上プロジェクト": "ジオパーク構成市町への観光入込客数(千人)",
    }
    for title, last in cards.items():
        pages = [n for n, t in enumerate(texts) if re.search(rf"{re.escape(title)}\s+主管", t)]
        assert len(pages) == 1, title
        assert last in texts[pages[0]].split(title, 1)[1], (title, last)


def test_nothing_later_than_the_year(paper: tuple[Path, Path]) -> None:
    html, pdf = paper
    text = "\n".join(page_texts(pdf))
    for value in LATER:  # FY2020 figures
        assert not re.search(rf"(?<![\d,.]){re.escape(value)}(?![\d,.])", text), value
    source = html.read_text("utf-8")
    assert 'data-year="2020"' not in source  # no point drawn for FY2020
    assert "KPI 8件: 概ね順調 4 · 遅れ 4" in text  # counted at R1 (with FY2020 it would differ)


def _sizes(pdf: Path) -> list[tuple[str, float]]:
    """Every piece of text with its printed size in points."""
    from pypdf import PdfReader

    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            c, d = cm[0] * tm[2] + cm[2] * tm[3], cm[1] * tm[2] + cm[3] * tm[3]
            found.append((text, size * math.hypot(c, d)))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_text_is_8_points_or_more_and_charts_half_the_page(paper: tuple[Path, Path]) -> None:
    _html, pdf = paper
    sizes = _sizes(pdf)
    assert sizes and min(size for _text, size in sizes) >= 7.95, sorted(sizes, key=lambda x: x[1])[:5]
    # a chart's year labels are centred in equal steps across its plot: their span gives the chart's width
    done = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, check=True)
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', done.stdout.decode())
    labels = ["H26", "H27", "H28", "H29", "H30", "R1", "R2"]  # 食品工業の付加価値額: baseline H26, target R2
    row = [(float(a) + float(c)) / 2 for a, y, c, w in words if w in labels and float(y) > 400]
    first, last = min(row[: len(labels)]), max(row[: len(labels)])
    plot = (svg.WIDTH - svg.LEFT - svg.RIGHT) / svg.WIDTH
    width = (last - first) * len(labels) / (len(labels) - 1) / plot
    assert width >= A4_WIDTH / 2, width


def test_the_reviews_and_the_year_in_words(paper: tuple[Path, Path]) -> None:
    _html, pdf = paper
    text = re.sub(r"\s+", "", "".join(page_texts(pdf, layout=False)))
    for _project, assessment, direction, actions, _results, _next in REVIEWS:
        assert re.sub(r"\s+", "", f"R1評価:{assessment}·今後の方向性:{direction}") in text
        assert actions[:16] in text  # (three columns of text: a line of each reads across them)


@pytest.mark.parametrize(
    ("day", "said"),
    [((2019, 4, 30), "平成31年4月30日"), ((2019, 5, 1), "令和元年5月1日"), ((2026, 12, 3), "令和8年12月3日")],
)
def test_wareki_dates(day: tuple[int, int, int], said: str) -> None:
    assert wareki_date(*day) == said


def test_wareki_fiscal_years() -> None:
    assert [wareki_fiscal_year(y) for y in (2016, 2019, 2020)] == ["平成28年度", "令和元年度", "令和2年度"]


def test_an_office_reads_its_region_first_and_its_own_share(kpi: Runner, tmp_path: Path) -> None:
    record_year(kpi, tmp_path, reviews=False)
    out = tmp_path / "釧路.html"
    assert kpi("report", "--year", "R1", "--region", "釧路", "-o", str(out)).code == 0
    html = out.read_text("utf-8")
    heads = re.findall(r"<h2>([^<]*)</h2>", html)
    assert heads == ["評価の概要", "釧路・根室の事業", "他の連携地域と連携する事業"]
    shares = re.findall(r'data-share-of="([^"]+)" data-office="([^"]+)" data-value="([^"]+)"', html)
    assert shares == [("doto-tourists", "kushiro", "705.3")]  # 釧路's own share, not the others'
    whole = tmp_path / "all.html"
    assert kpi("report", "--year", "R1", "-o", str(whole)).code == 0
    regions = re.findall(r"<h2>([^<]*)</h2>", whole.read_text("utf-8"))
    assert regions == ["評価の概要", "道央広域", "道南", "道北", "オホーツク", "十勝", "釧路・根室"]
