"""A reading that starts from what an earlier one remembered finds exactly what a reading from the first line finds."""

from __future__ import annotations

import ast
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi_cli.errors import LedgerError
from kpi_cli.files import cache_dir
from kpi_cli.i18n.msg import Joined, Msg, as_data, from_data
from kpi_cli.ledger import remembered
from kpi_cli.ledger import scan as scan_module
from kpi_cli.ledger.format import HEADER, encode_rows, sha256_for
from kpi_cli.ledger.scan import scan
from test_ledger_readers import _key, _row, ledgers


def _fresh_and_remembered(path: Path, named: bool, anchored: int) -> tuple[object, object]:
    def read(remember: bool) -> object:
        try:
            return _key(scan(path, named=named, anchored=anchored, remember=remember))
        except LedgerError as exc:  # (not a ledger: the same refusal)
            return str(exc.message)

    return read(False), read(True)


@st.composite
def histories(draw: st.DrawFn) -> list[bytes]:
    """A file as it is read again and again: appended to (anywhere, even inside a line), sometimes edited, cut
    short or replaced before the next reading."""
    whole = draw(ledgers())
    states, end = [], 0
    for _ in range(draw(st.integers(1, 5))):
        end = draw(st.integers(end, len(whole)))
        data = whole[:end]
        change = draw(st.sampled_from(["append", "append", "edit", "cut", "other"]))
        if change == "edit" and data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]
        elif change == "cut":
            data = data[: draw(st.integers(0, len(data)))]
        elif change == "other":
            data = draw(ledgers())
        states.append(data)
    return states


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    states=histories(),
    named=st.booleans(),
    anchored=st.sampled_from([-1, 0, 10**9]),
    chunk=st.sampled_from([7, 1 << 20]),
)
def test_remembered_equals_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, states: list[bytes], named: bool, anchored: int, chunk: int
) -> None:
    """After each change to the file (the cache kept from the examples before: another file's entry too)."""
    monkeypatch.setattr(scan_module, "CHUNK", chunk)
    path = tmp_path / "l.csv"
    for data in states:
        path.write_bytes(data)
        fresh, remembered = _fresh_and_remembered(path, named, anchored)
        assert remembered == fresh


def _ledger(path: Path, rows: int, previous: bytes = b"") -> bytes:
    """Append ``rows`` single rows to ``path`` (made with a header when new); the chain's tip after them."""
    if not path.exists():
        path.write_bytes(HEADER.encode() + b"\n")
    with path.open("ab") as fh:
        for i in range(rows):
            lines, hashes = encode_rows([_row(i, "note, with a comma" if i % 3 else "")], previous)
            fh.write(lines[0])
            previous = hashes[0].encode()
    return previous


def _lines_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record how many line ends each chunk handed to the rules holds."""
    counted: list[int] = []
    take = scan_module._Lines.take

    def counting(
        self: scan_module._Lines, chunk: bytes, offset: int, lineno: int, final: bool = False
    ) -> tuple[bytes, int]:
        counted.append(chunk.count(b"\n"))
        return take(self, chunk, offset, lineno, final)

    monkeypatch.setattr(scan_module._Lines, "take", counting)
    return counted


@pytest.mark.parametrize("chunk", [7, 1 << 20])
def test_a_second_reading_reads_only_what_was_appended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Also when lines cross chunk ends."""
    monkeypatch.setattr(scan_module, "CHUNK", chunk)
    path = tmp_path / "l.csv"
    tip = _ledger(path, 50)
    first = scan(path, named=False, remember=True)
    assert first.rows == 50 and not first.problems
    _ledger(path, 3, tip)
    counted = _lines_read(monkeypatch)
    again = scan(path, named=False, remember=True)
    assert sum(counted) == 3  # the three rows appended, not the 51 lines before them
    assert _key(again) == _key(scan(path, named=False))
    assert again.rows == 53
    counted.clear()
    scan(path, named=False, remember=True)
    assert sum(counted) == 0  # nothing appended: nothing read by the rules


def test_a_torn_last_line_is_read_again_when_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What is remembered ends at the last whole line: a write cut short is read again once it is whole."""
    path = tmp_path / "l.csv"
    tip = _ledger(path, 10)
    whole = path.read_bytes()
    _ledger(path, 2, tip)
    added = path.read_bytes()[len(whole) :]
    path.write_bytes(whole + added[:30])  # (a write cut short)
    torn = scan(path, named=False, remember=True)
    assert torn.rows == 10 and [p.kind for p in torn.problems] == ["torn"]
    path.write_bytes(whole + added)
    counted = _lines_read(monkeypatch)
    got = scan(path, named=False, remember=True)
    assert sum(counted) == 2 and got.rows == 12 and not got.problems
    assert _key(got) == _key(scan(path, named=False))


def test_a_folder_file_keeps_what_corrections_name(tmp_path: Path) -> None:
    """A correction naming the row before it (settled in the file) is remembered as such."""
    path = tmp_path / "l.csv"
    path.write_bytes(HEADER.encode() + b"\n")
    first, h1 = encode_rows([_row(0, "")], b"")
    fix, h2 = encode_rows([_row(0, "", value="1.5", correction=h1[0])], h1[0].encode())
    path.write_bytes(path.read_bytes() + first[0] + fix[0])
    remembered = scan(path, remember=True)
    assert remembered.local == {h2[0]}
    more, _ = encode_rows([_row(1, "")], h2[0].encode())
    path.write_bytes(path.read_bytes() + more[0])
    got = scan(path, remember=True)
    assert got.local == {h2[0]} and got.superseded == {h1[0]: {("kpi-0", 2015)}}
    assert _key(got) == _key(scan(path))


def test_the_file_is_named_as_this_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file read by another name (relative, then absolute) is named as given, in rows and problems."""
    path = tmp_path / "l.csv"
    _ledger(path, 3)
    path.write_bytes(path.read_bytes() + b"not a row\n")
    monkeypatch.chdir(tmp_path)
    first = scan(Path("l.csv"), named=False, remember=True)
    assert first.problems[0].file == "l.csv"
    counted = _lines_read(monkeypatch)
    again = scan(path, named=False, remember=True)
    assert sum(counted) == 0  # (remembered)
    assert _key(again) == _key(scan(path, named=False))
    assert again.problems[0].file == str(path) and {r.file for r in again.latest.values()} == {str(path)}


def test_an_edit_before_the_remembered_end_is_found(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    _ledger(path, 20)
    assert not scan(path, named=False, remember=True).problems
    data = path.read_bytes()
    at = data.index(b",10.3,")  # row 10's value
    path.write_bytes(data[:at] + b",10.4," + data[at + 6 :])  # same size
    os.utime(path, ns=(0, 0))  # and an old time: only the bytes can tell
    got = scan(path, named=False, remember=True)
    assert [p.line for p in got.problems] == [12]
    assert "hash does not match" in str(got.problems[0].message)
    assert _key(got) == _key(scan(path, named=False))


def test_a_damaged_or_foreign_entry_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "l.csv"
    _ledger(path, 10)
    fresh = _key(scan(path, named=False))
    scan(path, named=False, remember=True)
    (entry,) = cache_dir().glob("ledger-*.marshal")
    good = entry.read_bytes()
    for damaged in (good[:-1], good[:40] + bytes([good[40] ^ 0xFF]) + good[41:], b"", b"\x00" * 100):
        entry.write_bytes(damaged)
        assert _key(scan(path, named=False, remember=True)) == fresh
    other = tmp_path / "other.csv"  # the same bytes under another name, given the first file's entry
    other.write_bytes(path.read_bytes())
    scan(other, named=False, remember=True)
    (foreign,) = set(cache_dir().glob("ledger-*.marshal")) - {entry}
    foreign.write_bytes(good)
    counted = _lines_read(monkeypatch)
    assert _key(scan(other, named=False, remember=True)) == _key(scan(other, named=False))
    assert sum(counted) == 2 * 10  # (every row read, twice: the entry names the other file)


def test_no_entry_without_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_NO_CACHE", "1")
    path = tmp_path / "l.csv"
    _ledger(path, 5)
    scan(path, named=False, remember=True)
    assert not list(cache_dir().glob("ledger-*"))


_TEMPLATES = st.text(st.characters(blacklist_characters="{}"), max_size=5).map(lambda t: t + "{a}")  # (a field said)
_FIELDS = st.recursive(
    st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none()),
    lambda inner: st.one_of(
        st.builds(
            lambda t, f: Msg(t, **f),
            _TEMPLATES,
            st.fixed_dictionaries({"a": inner}),
        ),
        st.builds(Joined, st.lists(inner, max_size=3), st.sampled_from([", ", " or "]), st.sampled_from(["、"])),
    ),
    max_leaves=8,
)


@given(
    st.builds(
        lambda t, f: Msg(t, **f),
        _TEMPLATES,
        st.fixed_dictionaries({"a": _FIELDS}),
    )
)
def test_a_message_kept_as_data_comes_back_the_same(msg: Msg) -> None:
    """As marshal keeps it (a remembered reading's problems), in both languages."""
    back = from_data(marshal.loads(marshal.dumps(as_data(msg))))  # noqa: S302
    assert back == msg and back.text() == msg.text() and back.text(True) == msg.text(True)


def test_every_byte_of_an_entry_is_checked(tmp_path: Path) -> None:
    """A damaged entry (any byte of it: the line number read on from, too) is not used."""
    path = tmp_path / "l.csv"
    tip = _ledger(path, 3)
    scan(path, named=False, remember=True)
    (entry,) = cache_dir().glob("ledger-*.marshal")
    good = entry.read_bytes()
    _ledger(path, 1, tip)  # (a row after the remembered end: its line number shows where the reading went on)
    fresh = _key(scan(path, named=False))
    for at in range(len(good)):
        entry.write_bytes(good[:at] + bytes([good[at] ^ 1]) + good[at + 1 :])
        assert _key(scan(path, named=False, remember=True)) == fresh, at


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners")
def test_an_entry_of_another_user_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder others can write to (XDG_CACHE_HOME in a shared place): an entry they made is not taken,
    however well made (here one that says the file holds 1000 rows more)."""
    path = tmp_path / "l.csv"
    _ledger(path, 5)
    fresh = _key(scan(path, named=False))
    scan(path, named=False, remember=True)
    with path.open("rb") as fh:
        sha = sha256_for(0)
        found = remembered.recall(path, fh, path.stat().st_size, False, sha)
    assert found is not None
    snapshot, _ = found
    state = list(snapshot.state)
    state[1] += 1000  # (rows)
    remembered.remember(path, False, snapshot._replace(state=tuple(state)), sha)
    mine = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: mine + 1)  # (the entry is now another user's)
    assert _key(scan(path, named=False, remember=True)) == fresh


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_an_entry_that_is_no_file_is_not_read(tmp_path: Path) -> None:
    """A FIFO where an entry goes is not read (that would wait for a writer forever)."""
    path = tmp_path / "l.csv"
    _ledger(path, 5)
    scan(path, named=False, remember=True)
    (entry,) = cache_dir().glob("ledger-*.marshal")
    entry.unlink()
    os.mkfifo(entry)
    code = "import sys; from pathlib import Path; from kpi_cli.ledger.scan import scan; "
    code += "print(scan(Path(sys.argv[1]), named=False, remember=True).rows)"
    run = [sys.executable, "-c", code, str(path)]
    done = subprocess.run(run, check=False, capture_output=True, text=True, timeout=20)
    assert (done.returncode, done.stdout) == (0, "5\n")


def test_every_module_of_the_rules_makes_entries_stale() -> None:
    """An entry is stamped with every kpi module a reading's rules come from (scan and what it imports, and so
    on): a change to one (a message of ``problems``, ``MAX_PLACES`` of ``core.decimals``, as a git checkout of
    another branch makes it in an editable install) means a reading from the first line."""
    src = Path(remembered.__file__).parent.parent.parent

    def file_of(module: str) -> Path:
        path = src.joinpath(*module.split("."))
        return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")

    seen: set[str] = set()
    todo = ["kpi_cli.ledger.scan"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for node in ast.parse(file_of(module).read_text("utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kpi_cli"):
                for alias in node.names:
                    name = f"{node.module}.{alias.name}"
                    todo.append(name if file_of(name).exists() else node.module)
    stamped = {stamp[0] for stamp in remembered._readers()[2:]}
    assert stamped == {file_of(m).relative_to(src / "kpi_cli").as_posix() for m in seen}
