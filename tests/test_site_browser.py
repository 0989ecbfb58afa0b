"""kpi site as people see it: every page opened in headless Chromium at 1280 and 390 px wide
has no horizontal overflow and no console error, and axe-core finds no serious or critical
accessibility violation; printed, each KPI page is one A4 sheet and a region page its summary.

Chromium is the system's (Debian's package ``chromium``, installed by ``.ci/run`` with the CJK
fonts; another binary with KPI_TEST_CHROMIUM), driven by Playwright for Python; no browser is
downloaded. Without Chromium these tests fail: they are not skipped. Set KPI_SITE_SHOTS=DIR to
keep screenshots of the index, a region, a project and a KPI page at both widths.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_helpers import built_site, pages

HERE = Path(__file__).resolve().parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("KPI_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = os.environ.get("KPI_SITE_SHOTS", "")  # read at import: the tests' own fixture clears KPI_ settings
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (1280, 390)
SHOWN = {
    "index": "index.html",
    "region": "regions/donan.html",
    "project": "projects/donan-shinkansen-visitors.html",
    "kpi": "kpis/donan-tourists.html",
}
SERIOUS = ("serious", "critical")
# The pages are checked in SPLIT parts (part k: every SPLIT-th page from the k-th), so that pytest-xdist
# runs the parts side by side; together they check every page, each part the page count first.
SPLIT = 4
PARTS = range(SPLIT)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with reviews and hostile text, built once for the module."""
    return built_site(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """System Chromium, headless, with a new empty profile."""
    assert Path(CHROMIUM).is_file(), (
        f"no Chromium at {CHROMIUM}: install Debian's chromium and fonts-noto-cjk (.ci/run does), "
        "or set KPI_TEST_CHROMIUM to a Chromium binary"
    )
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1280, "height": 900}
        )
        try:
            yield context
        finally:
            context.close()


def _check_page(tab: Any, url: str, errors: list[str]) -> list[str]:
    """Open a page; what is wrong with it as people see it (overflow, console errors, axe)."""
    errors.clear()
    tab.goto(url, wait_until="load")
    problems = [f"console: {e}" for e in errors]
    width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        problems.append(f"overflows: {width[0]} px wide in a {width[1]} px window")
    result = tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))"
    )
    problems += [f"axe {v['impact']} {v['id']}: {v['nodes']}" for v in result if v["impact"] in SERIOUS]
    return problems


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_has_no_console_error_and_no_serious_axe_violation(
    site: Path, browser: Any, width: int, part: int
) -> None:
    tab = browser.new_page()
    tab.set_viewport_size({"width": width, "height": 900})
    # axe-core is in every document this tab opens, before the load (evaluated once per page like
    # a <script> added after the load, which took as long again as axe's run itself)
    tab.add_init_script(path=str(AXE))
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    found = {}
    every = pages(site)
    assert len(every) == 82
    for page in every[part::SPLIT]:
        problems = _check_page(tab, page.as_uri(), errors)
        if problems:
            found[page.relative_to(site).as_posix()] = problems
    if SHOTS and part == 0:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        for name, path in SHOWN.items():
            tab.goto((site / path).as_uri())
            tab.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    tab.close()
    assert found == {}


@pytest.mark.parametrize("part", PARTS)
def test_a_kpi_page_prints_on_one_a4_sheet(site: Path, browser: Any, part: int) -> None:
    tab = browser.new_page()
    longer = {}
    every = sorted((site / "kpis").glob("*.html"))
    assert len(every) == 40
    for page in every[part::SPLIT]:
        tab.goto(page.as_uri())
        pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        count = [int(n) for n in re.findall(rb"/Type /Pages\b.*?/Count (\d+)", pdf, re.S)] or [-1]
        if count[0] != 1:
            longer[page.name] = count[0]
    tab.close()
    assert longer == {}


def test_a_region_page_prints_as_its_summary(site: Path, browser: Any) -> None:
    tab = browser.new_page()
    tab.goto((site / "regions/doo-koiki.html").as_uri())
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        "() => ['header.site', 'section.downloads', 'table.kpis', 'h1']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert shown[:2] == ["none", "none"] and shown[2:] == ["table", "block"]
    pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    if SHOTS:
        (Path(SHOTS) / "region-print.pdf").write_bytes(pdf)
    tab.close()
    assert next(int(n) for n in re.findall(rb"/Type /Pages\b.*?/Count (\d+)", pdf, re.S)) <= 2
