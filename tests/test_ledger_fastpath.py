"""The fast reader (and its forked helper for big files) agrees with a straightforward one."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi_cli import ledger, ledger_scan, ledger_write
from kpi_cli.ledger import HEADER, NewRow, read
from kpi_cli.ledger_write import append

KPIS = ["donan-tourists", "dohoku-tourists", "tokachi-tech-sites"]
NOTE = st.text(alphabet='ab, "x\t漢😀=', max_size=12)
ROW = st.tuples(st.sampled_from(KPIS), st.integers(2014, 2020), st.integers(0, 999), NOTE, st.booleans())


def reference(path: Path) -> tuple[dict[tuple[str, int], str], int, set[int]]:
    """The ledger format read the obvious way: csv module, hashlib, line by line (no batches)."""
    text = path.read_bytes().decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    previous, current, counted, bad = "", {}, 0, set()
    for lineno, line in enumerate(lines[1:], start=2):
        fields = next(csv.reader([line]))
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(fields[:-1])
        digest = hashlib.sha256(f"{previous},{out.getvalue()}".encode()).hexdigest()
        previous = fields[9]
        if digest != fields[9]:
            bad.add(lineno)
            continue
        current[(fields[2], int(fields[3]))] = fields[4]
        counted += 1
    return current, counted, bad


def write(path: Path, rows: list[tuple[str, int, int, str, bool]]) -> None:
    path.unlink(missing_ok=True)
    seen: set[tuple[str, int]] = set()
    news = []
    for kpi_id, year, value, note, _ in rows:
        news.append(
            NewRow("2026-01-01T00:00:00.000+09:00", "t", kpi_id, year, str(value), note, "", (kpi_id, year) in seen)
        )
        seen.add((kpi_id, year))
    with path.open("wb") as fh:
        fh.write(HEADER.encode() + b"\n")
        lines, _ = ledger_write._encode(news, b"", str(path), 2, single_rows=True)
        fh.write(b"".join(lines))


def both_modes(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ledger.LedgerRead, ledger.LedgerRead]:
    monkeypatch.setattr(ledger_scan, "PARALLEL_FROM", 10**12)
    one = read(path, keep_kpis=frozenset())
    monkeypatch.setattr(ledger_scan, "PARALLEL_FROM", 0)
    two = read(path, keep_kpis=frozenset())
    return one, two


def summary(r: ledger.LedgerRead) -> tuple[object, ...]:
    f = r.files[0]
    return (
        {k: (v.value, v.line) for k, v in r.current.items()},
        [(x.line, x.value) for x in r.kept],
        sorted((p.line, p.message) for p in r.problems),
        (f.rows, f.head, f.tip, f.valid_end, f.size),
        sorted((c.kpi_id, c.year, sorted(x.line for x in c.rows)) for c in r.conflicts),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(ROW, min_size=1, max_size=30), edits=st.lists(st.integers(0, 29), max_size=3), data=st.data())
def test_agrees_with_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[tuple[str, int, int, str, bool]], edits: list[int],
    data: st.DataObject,
) -> None:  # fmt: skip
    path = tmp_path / "ref.csv"
    write(path, rows)
    lines = path.read_bytes().split(b"\n")
    for e in edits:  # tamper: change a value in place, or drop a line
        i = 1 + e % (len(lines) - 2) if len(lines) > 2 else None
        if i is None:
            continue
        if data.draw(st.booleans()):
            lines[i] = lines[i].replace(b",t,", b",T,", 1)
        else:
            del lines[i]
    path.write_bytes(b"\n".join(lines))
    want_current, want_count, want_bad = reference(path)
    for got in both_modes(path, monkeypatch):
        assert {k: v.value for k, v in got.current.items()} == want_current
        assert got.row_count == want_count
        assert {p.line for p in got.problems} == want_bad


def test_parallel_equals_sequential_with_batches_torn_tail_and_crlf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mixed.csv"
    for i in range(40):
        rows = [NewRow("2026-01-01T00:00:00.000+09:00", "t", KPIS[i % 3], 2000 + i, str(i), f"n,{i}", "", False)]
        if i % 5 == 0:
            rows.append(NewRow("2026-01-01T00:00:00.000+09:00", "t", KPIS[(i + 1) % 3], 2000 + i, "7", "", "", False))
        append(path, rows)
    good = path.read_bytes()
    cases = {
        "clean": good,
        "crlf": good.replace(b"\n", b"\r\n"),
        "torn": good + b"2026-01-01T00:00:00.000+09:00,t,donan",
        "unfinished batch": good + good.split(b"\n")[-3] + b"\n",
        "edited middle": good.replace(b",t,donan-tourists,2003,", b",t,donan-tourists,2093,", 1),
    }
    for name, content in cases.items():
        path.write_bytes(content)
        one, two = both_modes(path, monkeypatch)
        assert summary(one) == summary(two), name


def _cold(path: Path, monkeypatch: pytest.MonkeyPatch) -> ledger.LedgerRead:
    monkeypatch.setenv("KPI_NO_CACHE", "1")
    try:
        return read(path)
    finally:
        monkeypatch.delenv("KPI_NO_CACHE")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("append"), ROW),
            st.tuples(st.just("import"), st.lists(ROW, min_size=2, max_size=4)),
            st.tuples(st.just("edit"), st.integers(0, 40)),
            st.tuples(st.just("truncate"), st.integers(1, 200)),
            st.tuples(st.just("torn"), st.just(None)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_scan_cache_never_changes_a_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: list[tuple[str, object]]
) -> None:
    """Reads that reuse the cache of an earlier read give what a full read gives, whatever happened between."""
    monkeypatch.setattr(ledger_scan, "CACHE_FROM", 0)
    path = tmp_path / "cached.csv"
    path.unlink(missing_ok=True)
    for i, (op, arg) in enumerate(steps):
        if op == "append":
            kpi_id, year, value, note, corr = arg  # type: ignore[misc]
            append(path, [NewRow("2026-01-01T00:00:00.000+09:00", "t", kpi_id, year + i, str(value), note, "", corr)])
        elif op == "import":
            rows = [NewRow("2026-01-01T00:00:00.000+09:00", "t", k, y + i, str(v), n, "", c) for k, y, v, n, c in arg]  # type: ignore[attr-defined]
            append(path, rows)
        elif path.exists() and op == "edit":
            data = bytearray(path.read_bytes())
            at = 80 + int(arg) * 7  # type: ignore[call-overload]
            if at < len(data) and data[at : at + 1].isdigit():
                data[at : at + 1] = b"9" if data[at : at + 1] != b"9" else b"8"
                path.write_bytes(bytes(data))
        elif path.exists() and op == "truncate":
            data = path.read_bytes()
            path.write_bytes(data[: max(len(HEADER) + 1, len(data) - int(arg))])  # type: ignore[call-overload]
        elif path.exists() and op == "torn":
            path.write_bytes(path.read_bytes() + b"2026-01-01T00:00:00.000+09:00,t,donan")
        if path.exists():
            warm = read(path)  # uses and refreshes the cache
            assert summary(warm) == summary(_cold(path, monkeypatch)), (i, op)


def test_scan_cache_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_scan, "CACHE_FROM", 0)
    path = tmp_path / "big.csv"
    for i in range(30):
        append(path, [NewRow("2026-01-01T00:00:00.000+09:00", "t", KPIS[i % 3], 1990 + i, str(i), "", "", False)])
    read(path)
    calls: list[int] = []
    original = ledger_scan._FileScan._loop

    def counting(self, fh, st, **kw):  # type: ignore[no-untyped-def]
        before = st.lineno
        original(self, fh, st, **kw)
        calls.append(st.lineno - before)

    monkeypatch.setattr(ledger_scan._FileScan, "_loop", counting)
    again = read(path)
    assert calls == [0] and again.row_count == 30  # nothing read again
    append(path, [NewRow("2026-01-01T00:00:00.000+09:00", "t", "donan-tourists", 2030, "1", "", "", False)])
    calls.clear()
    assert read(path).row_count == 31 and calls == [1]  # only the appended line
