"""Helpers for the tests of ``kpi site``: the shipped data in a test folder (with reviews and
hostile text added), the pages and links of a built site."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import html5lib
import pytest

from conftest import SHIPPED_PLAN, Runner

HOSTILE = '<script>alert("x")</script> & "引用" <b>太字</b>'
FORMULA = '=HYPERLINK("http://example.invalid","x")'


def shipped_data(monkeypatch: pytest.MonkeyPatch | None, root: Path = Path()) -> Path:
    """The shipped plan and ledger as data/ of the test's folder (the ledger the plan names)."""
    data = root / "data"
    data.mkdir()
    shutil.copy(SHIPPED_PLAN, data / "plan.toml")
    ledger = SHIPPED_PLAN.with_name("ledger.csv")
    shutil.copy(ledger, data / "ledger.csv")
    shutil.copy(ledger.with_name("ledger.csv.head"), data / "ledger.csv.head")
    if monkeypatch is not None:
        monkeypatch.delenv("KPI_LEDGER")
    return data


def built_site(root: Path) -> Path:
    """The site of the shipped data with reviews and hostile text added, built in ROOT/work (beside
    the data/ it was built from) with kpi in-process, for tests that only read it."""
    from conftest import hermetic_kpi

    with hermetic_kpi(root) as (kpi, monkeypatch):
        shipped_data(monkeypatch)
        add_reviews_and_hostile_text(kpi)
        r = kpi("site", "-o", "site")
        assert r.code == 0, r.err
        return Path("site").resolve()


def add_reviews_and_hostile_text(kpi: Runner, root: Path = Path()) -> None:
    """Reviews (one reviewed at a meeting, one draft), and text from the plan, the ledger and a
    review that would be markup, a formula or a link if it were not escaped."""
    plan = root / "data/plan.toml"
    text = plan.read_text("utf-8")
    name = 'name = "ちょっと暮らしの利用者数"'
    assert name in text
    plan.write_text(text.replace(name, 'name = "ちょっと暮らしの利用者数 <i>&amp;</i> \\"試行\\""'), "utf-8")
    r = kpi(
        "review",
        "add",
        "donan-shinkansen-visitors",
        "R1",
        "-a",
        "課題等はあるが引き続き推進",
        "-d",
        "継続",
        "--actions",
        f"新幹線駅からの二次交通を整備した。\n{HOSTILE}",
        "--results",
        "入込客数は計画を下回った。",
        "--next",
        "広域周遊の取組を進める。",
        "--reviewed-on",
        "2020-02-14",
    )
    assert r.code == 0, r.err
    r = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "概ね順調に展開", "-d", "拡充", "--results", HOSTILE)
    assert r.code == 0, r.err
    r = kpi("record", "donan-tourists", "R1", "1250", "--office", "渡島", "--note", HOSTILE, "--source", FORMULA)
    assert r.code == 0, r.err


def parse(path: Path) -> Element:
    """A page parsed strictly (html5lib raises on the first parse error)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(path.read_bytes(), transport_encoding="utf-8")
    return tree


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def references(tree: Element) -> Iterator[tuple[str, str]]:
    """Every address a page refers to: (attribute, value) of href and src."""
    for element in tree.iter():
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is not None:
                yield attribute, value


def target(page: Path, address: str) -> tuple[Path, str]:
    """The file and the fragment a relative address on ``page`` names."""
    parts = urlsplit(address)
    assert not parts.scheme and not parts.netloc, address
    file = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    return file, parts.fragment


def ids(tree: Element) -> set[str]:
    return {value for element in tree.iter() if (value := element.get("id")) is not None}
