"""The rules are the spec; reading with the common-line shortcut must give the same on any bytes."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi_cli.ledger import read as read_module
from kpi_cli.ledger import scan as scan_module
from kpi_cli.ledger.format import CONFLICT_MARKERS, HEADER, HEADER_V2, NewRow, encode_rows
from kpi_cli.ledger.scan import FileScan, scan

TEXT = st.text(
    alphabet=st.sampled_from(
        list('ab,"\t あ渡=+-'),
    ),
    max_size=6,
)


def _row(i: int, note: str, value: str = "", correction: str = "", v2: bool = False) -> NewRow:
    """A row; in a format 2 file every third says more (a 速報, a running total, where it came from)."""
    extras = {}
    if v2 and i % 3 == 1:
        extras = {"status": "provisional", "origin": f"s{note}.xlsx:R1!{i}", "returned_by": "渡島"}
    elif v2 and i % 3 == 2:
        extras = {"form": "total", "status": "final"}
    return NewRow(
        recorded_at=f"2026-06-{1 + i % 28:02d}T10:00:00.000+09:00",
        recorded_by="tester",
        kpi_id=f"kpi-{i % 3}" + ("#H1" if v2 and i % 7 == 3 else ""),
        year=2015 + i % 4,
        value=value or f"{i}.{i % 7}",
        note=note,
        correction=correction or ("true" if i % 5 == 4 else "false"),
        **extras,
    )


@st.composite
def ledgers(draw: st.DrawFn) -> bytes:
    """A ledger of single rows and import batches, then damaged the ways files get damaged."""
    previous = b""
    lines: list[bytes] = []
    v2 = draw(st.booleans())  # format 2: rows of ten and of fourteen fields
    for i in range(draw(st.integers(0, 12))):
        if draw(st.booleans()):
            rows = [_row(i * 10 + j, draw(TEXT), v2=v2) for j in range(draw(st.integers(2, 4)))]
            out, hashes = encode_rows(rows, previous, f"b{i}")
        else:  # a first value, or a correction naming the row before (a line the blocks hand over)
            named = previous.decode() if previous and draw(st.booleans()) else ""
            out, hashes = encode_rows([_row(i, draw(TEXT), correction=named, v2=v2)], previous)
        lines += out
        previous = hashes[-1].encode()
    body = bytearray(b"".join(lines))
    for _ in range(draw(st.integers(0, 3))):
        if not body:
            break
        action = draw(st.sampled_from(["edit", "delete", "swap", "cut", "crlf", "upper", "cp932"]))
        split = bytes(body).split(b"\n")
        k = draw(st.integers(0, max(0, len(split) - 2)))
        if action == "edit" and split[k]:
            pos = draw(st.integers(0, len(split[k]) - 1))
            split[k] = split[k][:pos] + b"x" + split[k][pos + 1 :]
        elif action == "delete":
            del split[k]
        elif action == "swap" and k + 1 < len(split) - 1:
            split[k], split[k + 1] = split[k + 1], split[k]
        elif action == "crlf":
            split = [s + b"\r" if s else s for s in split]
        elif action == "upper":
            split[k] = split[k].replace(b",false,", b",FALSE,")
        elif action == "cp932":  # a note saved by a Japanese spreadsheet: not UTF-8
            split[k] = split[k].replace("あ".encode(), "あ".encode("cp932"))
        body = bytearray(b"\n".join(split))
        if action == "cut":
            body = body[: draw(st.integers(0, len(body)))]
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + (HEADER_V2 if v2 else HEADER).encode() + b"\n" + bytes(body)


def _key(s: FileScan) -> tuple[object, ...]:
    """Everything a reading decides (the order of the newest rows too)."""
    named = sorted((h, sorted(keys)) for h, keys in s.superseded.items())
    found = (list(s.latest.items()), named, sorted(s.local), s.problems, s.kept, sorted(s.found.items()))
    return (s.file, s.size, s.rows, s.head, s.tip, s.valid_end, *found)


def _both(path: Path, anchored: int = 0) -> tuple[object, object]:
    """Every row kept and named hashes collected (a folder's file), and neither (a single file's reading)."""

    def read(shortcut: bool) -> list[tuple[object, ...]]:
        kept = scan(path, keep=frozenset(), anchored=anchored, shortcut=shortcut)
        return [_key(kept), _key(scan(path, anchored=anchored, named=False, shortcut=shortcut))]

    return read(False), read(True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=ledgers(), chunk=st.sampled_from([1, 2, 7, 64, 300, 1 << 20]))
def test_shortcut_equals_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, chunk: int) -> None:
    """Also in chunks smaller than a line (lines cross chunk ends)."""
    monkeypatch.setattr(scan_module, "CHUNK", chunk)
    path = tmp_path / "l.csv"
    path.write_bytes(data)
    rules, shortcut = _both(path)
    assert shortcut == rules


@given(
    st.binary(max_size=200).map(
        lambda b: b.replace(b"\x00", b'"').replace(b"\x01", b"\n").replace(b"\x02", b"=" * 7).replace(b"\x03", b"<" * 7)
    )
)
def test_careful_lines_are_those_with_a_quote_or_a_marker(chunk: bytes) -> None:
    """The lines split by csv, not at commas: those with a quote or a conflict marker; all when one is not UTF-8.
    A line with a character kpi never writes (a control character) goes to the rules alone."""
    lines, careful, rules = scan_module._split(chunk)
    import re

    assert rules == [
        i for i, line in enumerate(lines[:-1]) if re.search(scan_module.CONTROL, line.removesuffix(b"\r"))
    ] or (rules == [] and "\ufffd" in b"\n".join(lines[:-1]).decode("utf-8", "replace"))
    assert lines == chunk.split(b"\n")
    whole = lines[:-1]  # (the last line goes on in the next chunk)
    if "\ufffd" in b"\n".join(whole).decode("utf-8", "replace"):
        assert careful == list(range(len(whole)))
        return
    marked = [i for i, line in enumerate(whole) if line.find(b'"') >= 0 or line.startswith(CONFLICT_MARKERS)]
    assert careful == marked


def test_batch_cut_at_every_byte(tmp_path: Path) -> None:
    """A torn import (any prefix of its one write) reads as the rows before it, with the shortcut or without."""
    single, h = encode_rows([_row(1, "")], b"")
    batch, _ = encode_rows([_row(2, "a,b"), _row(3, ""), _row(4, "")], h[0].encode(), "abc")
    head = HEADER.encode() + b"\n" + single[0]
    whole = head + b"".join(batch)
    path = tmp_path / "l.csv"
    for cut in range(len(head) + 1, len(whole) - 1):
        path.write_bytes(whole[:cut])
        rules, shortcut = _both(path)
        assert rules == shortcut, cut
        got = scan(path)
        assert (got.rows, got.valid_end, got.tip) == (1, len(head), h[0].encode()), cut
        assert got.problems and "interrupted" in str(got.problems[0].message), cut
        # once kpi remembers writing past the cut, it is a truncation: nothing is removable
        kept = scan(path, anchored=len(whole))
        assert kept.valid_end == cut or kept.valid_end == path.stat().st_size


def test_an_edit_in_a_batch_hides_that_row_only(tmp_path: Path) -> None:
    rows = [_row(i, "") for i in range(2, 7)]
    lines, _ = encode_rows(rows, b"", "feed")
    for k in range(len(lines)):
        edited = list(lines)
        edited[k] = edited[k].replace(b"10:00:00", b"11:00:00")
        path = tmp_path / "l.csv"
        path.write_bytes(HEADER.encode() + b"\n" + b"".join(edited))
        got = scan(path)
        assert got.rows == 4, k  # the other four rows still count
        assert got.valid_end == path.stat().st_size, k  # nothing removable: not a torn write
        assert [p.line for p in got.problems] == [k + 2], k


def _crafted(previous: bytes, body: bytes) -> tuple[bytes, bytes]:
    """A line whose hash is right for its bytes, whatever they are (as a hostile writer could make)."""
    from kpi_cli.ledger.format import chain_hash

    digest = chain_hash(previous, body).encode()
    return body + b"," + digest + b"\n", digest


@pytest.mark.parametrize(
    "body",
    [
        "2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,渡島,,false,".encode("cp932"),  # not UTF-8
        b'2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,"5",note,,false,',  # a quoted value
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,20x6,5,note,,false,",  # a bad year
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,1" + b"0" * 25 + b",note,,false,",  # too big
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,05,note,,false,",  # a leading zero
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,maybe,",  # a bad correction flag
        b'2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,"a ""quoted"", note",,false,',  # kpi's own quoting
        b'2026-06-01T10:00:00.000+09:00,t,"kpi-1",2016,5,note,,false,',  # a quoted id: the same KPI
        b'2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,"note,,false,',  # an open quote: not one CSV record
        b"======= 2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,false,",  # a conflict marker
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note\r,,false,",  # a carriage return inside
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,false,,total,final,a.xlsx:R1!2,\xe6\xb8\xa1\xe5\xb3\xb6",
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,false,,sum,,,",  # format 2: a form kpi never writes
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,false,,,maybe,,",  # a status kpi never writes
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,false,,,,a\x07b,",  # a control character in origin
        "2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,a\x85b,,false,".encode(),  # a C1 control (NEL) in a note
        "2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,a\u202eb,,false,".encode(),  # a bidirectional override
        "2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,¥…\u2066,,false,".encode(),  # ¥ and … first, then an isolate
        "2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,¥…,,false,".encode(),  # ¥ and …: text kpi writes
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,false,,,,,,",  # fifteen fields
    ],
)
@pytest.mark.parametrize("v2", [False, True])
def test_hash_valid_lines_with_odd_fields(tmp_path: Path, body: bytes, v2: bool) -> None:
    """Also in a format 2 file (rows of 10 and 14 fields), and a format 2 row in a format 1 file."""
    lines, hashes = encode_rows([_row(i, "a,b" if i % 2 else "", v2=v2) for i in range(40)], b"")
    odd, digest = _crafted(hashes[-1].encode(), body)
    after, _ = encode_rows([_row(50, "")], digest)
    path = tmp_path / "l.csv"
    path.write_bytes((HEADER_V2 if v2 else HEADER).encode() + b"\n" + b"".join(lines) + odd + b"".join(after))
    rules, shortcut = _both(path)
    assert shortcut == rules
    assert scan(path).rows in (40, 41, 42)  # 40: a line that is no CSV record names no hash, so the next row breaks


def test_the_chain_goes_on_across_a_broken_line(tmp_path: Path) -> None:
    """A broken line (a field deleted, so it is not a row) names no hash: the chain goes on from the row
    before it, so the row after it does not check out, and the rows after that do again."""
    lines, _ = encode_rows([_row(i, "") for i in range(6)], b"")
    broken = lines[2].replace(b"tester,", b"", 1)  # 9 fields, still ending in its hash
    path = tmp_path / "l.csv"
    path.write_bytes(HEADER.encode() + b"\n" + lines[0] + lines[1] + broken + b"".join(lines[3:]))
    rules, shortcut = _both(path)
    assert shortcut == rules
    assert scan(path).rows == 4


def test_hashes_of_other_lengths_that_join_up_are_not_a_chain(tmp_path: Path) -> None:
    """Two crafted lines whose hash fields are 63 and 65 characters long join up to the right digests
    (a check of a block of lines at once could take them), yet neither is a row."""
    from kpi_cli.ledger.format import chain_hash

    lines, hashes = encode_rows([_row(i, "") for i in range(3)], b"")
    previous = hashes[-1]
    body1 = b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,false,"
    first = chain_hash(previous.encode(), body1[:-1]).encode()  # over line[:-65], as the block reads it
    body2 = b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2017,6,note,,false,"
    second = chain_hash(first[:63], body2 + b",").encode()
    odd = body1 + b"," + first[:63] + b"\n" + body2 + b"," + first[63:] + second + b"\n"
    path = tmp_path / "l.csv"
    path.write_bytes(HEADER.encode() + b"\n" + b"".join(lines) + odd)
    rules, shortcut = _both(path)
    assert shortcut == rules
    got = scan(path)
    assert got.rows == 3
    assert [p.line for p in got.problems][:2] == [5, 6]


def test_a_single_file_keeps_no_named_hashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a ledger folder needs the hashes corrections name (to settle rows across files); a single
    file keeps none, so its reading holds only the newest row per KPI and year, with the shortcut or without."""
    first, hashes = encode_rows([_row(i, "") for i in range(3)], b"")
    fixes, _ = encode_rows([_row(i, "", correction=hashes[i]) for i in range(3)], hashes[-1].encode())
    path = tmp_path / "l.csv"
    path.write_bytes(HEADER.encode() + b"\n" + b"".join(first + fixes))
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "tester.csv").write_bytes(path.read_bytes())
    for shortcut in (True, False):
        monkeypatch.setattr(read_module, "scan", partial(scan, shortcut=shortcut))
        single, shared = read_module.read(path), read_module.read(folder)
        assert [f.superseded for f in single.files] == [{}], shortcut
        assert [set(f.superseded) for f in shared.files] == [set(hashes)], shortcut
        assert [len(f.local) for f in shared.files] == [3], shortcut  # each names the row before it
        assert single.in_force == {k: r._replace(file=str(path)) for k, r in shared.in_force.items()}, shortcut
