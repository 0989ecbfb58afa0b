"""Wrapping text to a terminal's width: the laws, and the runs it must not split."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kpi_cli.render.grid import _NO_END, _NO_START, MIN_TEXT, width, wrap

_MARKS = _NO_START + _NO_END

TEXT = st.text(alphabet=st.sampled_from(list("ab1.-/ :観光［］（）、")), max_size=80)


@given(text=TEXT, limit=st.integers(2, 40))
def test_pieces_fit_and_lose_only_spaces_at_breaks(text: str, limit: int) -> None:
    pieces = wrap(text, limit)
    assert all(width(p) <= limit for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


@given(words=st.lists(st.text(alphabet="abc./-_0", min_size=1, max_size=10), min_size=1, max_size=8))
def test_a_run_that_fits_a_line_is_never_split(words: list[str]) -> None:
    text = "観光 " + " 入込 ".join(words)
    for piece in wrap(text, 12):
        for token in piece.split():
            stripped = token.strip("観光入込")
            assert not stripped or stripped in words


def test_paths_stay_whole() -> None:
    assert wrap("台帳: data/ledger.csv (33行)", 20) == ["台帳:", "data/ledger.csv (33", "行)"]
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]  # only a run wider than a line is cut


def test_no_line_starts_with_a_closing_mark() -> None:
    text = "全KPIを 2019 時点で評価（その年度の実績がないKPIは（）内に直近の実績と年度を示し、評価しません）"
    pieces = wrap(text, 20)
    assert pieces == [
        "全KPIを 2019 時点で",
        "評価（その年度の実績",
        "がないKPIは（）内に",
        "直近の実績と年度を示",
        "し、評価しません）",
    ]
    assert not any(p[0] in "、。）」］" or p[-1] in "（「［" for p in pieces)


def test_a_number_keeps_its_counter() -> None:
    text = "計画: 連携地域別政策展開方針（平成28年7月） (data/plan.toml)"
    assert wrap(text, 40) == ["計画: 連携地域別政策展開方針（平成28年", "7月） (data/plan.toml)"]


def test_a_word_or_two_in_ascii_brackets_stays_whole() -> None:
    assert wrap("短い英数字のID（例: tokachi-food-value-added）。 [必須]", 50) == [
        "短い英数字のID（例: tokachi-food-value-added）。",
        "[必須]",
    ]
    assert wrap("level、cumulative、target_only のいずれか。 [既定: level]", 50) == [
        "level、cumulative、target_only のいずれか。",
        "[既定: level]",
    ]
    assert wrap("[必須]", 3) == ["[必", "須]"]  # (wider than a line: cut, as any run)


def test_a_run_cut_at_a_line_edge_keeps_the_kinsoku_rules() -> None:
    # a run wider than its column is cut, but not before its closing bracket (a line of its own: "）")
    assert wrap("連携会議で検証済み（2021-10-20）", 12) == ["連携会議で検", "証済み", "（2021-10-2", "0）"]
    assert wrap("（2021-10-20）、", 12) == ["（2021-10-2", "0）、"]
    assert wrap("（光）", 4) == ["（光", "）"]  # (no place left that keeps the rules: cut at the edge)


MARKED = (
    st.lists(st.sampled_from([*"ab1.-/ 観光［］（）、。ー", "2021-10-20", "（2021-10-20）"]), max_size=30)
    .map("".join)
    .filter(lambda t: not re.search(f"[{_MARKS}][{_MARKS}]|[{_MARKS}] | [{_MARKS}]", t))
)


@given(text=MARKED, limit=st.integers(MIN_TEXT, 16))
def test_no_break_starts_a_line_with_a_closing_mark_or_ends_one_with_an_opening_mark(text: str, limit: int) -> None:
    """In a column at least MIN_TEXT wide, of text whose marks stand one at a time (as Japanese
    text has them), whether the break falls between runs or cuts a run wider than the column."""
    pieces = wrap(text, limit)
    assert not any(p[0] in _NO_START for p in pieces[1:]), pieces
    assert not any(p[-1] in _NO_END for p in pieces[:-1]), pieces
