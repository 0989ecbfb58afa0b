"""The reference reader is the spec; the fast reader (and its forked child) must agree with it on any bytes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi_cli.ledger import scan_blocks, scan_fast
from kpi_cli.ledger.format import HEADER, NewRow, encode_rows
from kpi_cli.ledger.scan import scan

SPLIT_POINT = scan_fast.split_point
TEXT = st.text(
    alphabet=st.sampled_from(
        list('ab,"\t あ渡=+-'),
    ),
    max_size=6,
)


def _row(i: int, note: str, value: str = "", correction: str = "") -> NewRow:
    return NewRow(
        recorded_at=f"2026-06-{1 + i % 28:02d}T10:00:00.000+09:00",
        recorded_by="tester",
        kpi_id=f"kpi-{i % 3}",
        year=2015 + i % 4,
        value=value or f"{i}.{i % 7}",
        note=note,
        correction=correction or ("true" if i % 5 == 4 else "false"),
    )


@st.composite
def ledgers(draw: st.DrawFn) -> bytes:
    """A ledger of single rows and import batches, then damaged the ways files get damaged."""
    previous = b""
    lines: list[bytes] = []
    for i in range(draw(st.integers(0, 12))):
        if draw(st.booleans()):
            rows = [_row(i * 10 + j, draw(TEXT)) for j in range(draw(st.integers(2, 4)))]
            out, hashes = encode_rows(rows, previous, f"b{i}")
        else:  # a first value, or a correction naming the row before (a line the blocks hand over)
            named = previous.decode() if previous and draw(st.booleans()) else ""
            out, hashes = encode_rows([_row(i, draw(TEXT), correction=named)], previous)
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
    return bom + HEADER.encode() + b"\n" + bytes(body)


def _both(path: Path, anchored: int = 0) -> tuple[object, object]:
    reference = scan(path, keep=frozenset(), anchored=anchored, reader="reference").key()
    fast = scan(path, keep=frozenset(), anchored=anchored, reader="fast").key()
    return reference, fast


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=ledgers(),
    fork=st.booleans(),
    chunk=st.sampled_from([1, 2, 7, 64, 300, 1 << 20]),
    pread=st.booleans(),
    where=st.floats(0, 1),
    blocks=st.sampled_from([(1, 1), (1, 2), (2, 5), (16, 4096)]),
)
def test_fast_reader_equals_reference(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    fork: bool,
    chunk: int,
    pread: bool,
    where: float,
    blocks: tuple[int, int],
) -> None:
    """Also in chunks smaller than a line (lines cross chunk ends), in blocks of any size, without
    pread (Windows), and with the forked helper's half starting at any line (after an edited or
    broken one too)."""
    monkeypatch.setattr(scan_fast, "FORK_FROM", 0 if fork and pread else 1 << 40)
    monkeypatch.setattr(scan_fast, "CHUNK", chunk)
    monkeypatch.setattr(scan_blocks, "FIRST_BLOCK", blocks[0])
    monkeypatch.setattr(scan_blocks, "BLOCK", blocks[1])
    monkeypatch.setattr(scan_fast, "PREAD", os.pread if pread else None)
    starts = [i + 1 for i, byte in enumerate(data) if byte == 10][1:-1]  # line starts after the first row
    split_point = SPLIT_POINT  # (set again for every example: the monkeypatch outlives one)
    if starts:
        split = starts[int(where * (len(starts) - 1))]
        before = data[: split - 1].rsplit(b"\n", 1)[-1].rstrip(b"\r")[-64:]

        def split_point(fh: BinaryIO, start: int, end: int) -> tuple[int | None, bytes]:
            return (split, before) if start < split < end else (None, b"")

    monkeypatch.setattr(scan_fast, "split_point", split_point)
    path = tmp_path / "l.csv"
    path.write_bytes(data)
    reference, fast = _both(path)
    assert fast == reference


@given(st.binary(max_size=200).map(lambda b: b.replace(b"\x00", b'"').replace(b"\x01", b"\n")))
def test_quoted_lines_are_the_lines_with_a_quote(chunk: bytes) -> None:
    assert scan_blocks.quoted_lines(chunk) == [i for i, line in enumerate(chunk.split(b"\n")) if b'"' in line]


def test_batch_cut_at_every_byte(tmp_path: Path) -> None:
    """A torn import (any prefix of its one write) reads as the rows before it, in both readers."""
    single, h = encode_rows([_row(1, "")], b"")
    batch, _ = encode_rows([_row(2, "a,b"), _row(3, ""), _row(4, "")], h[0].encode(), "abc")
    head = HEADER.encode() + b"\n" + single[0]
    whole = head + b"".join(batch)
    path = tmp_path / "l.csv"
    for cut in range(len(head) + 1, len(whole) - 1):
        path.write_bytes(whole[:cut])
        reference, fast = _both(path)
        assert reference == fast, cut
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


@pytest.mark.parametrize("fork", [True, False])
@pytest.mark.parametrize(
    "body",
    [
        "2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,渡島,,false,".encode("cp932"),  # not UTF-8
        b'2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,"5",note,,false,',  # a quoted value
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,20x6,5,note,,false,",  # a bad year
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,1" + b"0" * 25 + b",note,,false,",  # too big
        b"2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,note,,maybe,",  # a bad correction flag
        b'2026-06-01T10:00:00.000+09:00,t,kpi-1,2016,5,"a ""quoted"", note",,false,',  # kpi's own quoting
    ],
)
def test_hash_valid_lines_with_odd_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: bytes, fork: bool
) -> None:
    monkeypatch.setattr(scan_fast, "FORK_FROM", 0 if fork else 1 << 40)
    lines, hashes = encode_rows([_row(i, "a,b" if i % 2 else "") for i in range(40)], b"")
    odd, digest = _crafted(hashes[-1].encode(), body)
    after, _ = encode_rows([_row(50, "")], digest)
    path = tmp_path / "l.csv"
    path.write_bytes(HEADER.encode() + b"\n" + b"".join(lines) + odd + b"".join(after))
    reference, fast = _both(path)
    assert fast == reference
    assert scan(path, reader="fast").rows in (41, 42)


def test_the_helper_does_not_assume_the_chain_across_a_broken_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forked helper starts from the hash stored at the end of the line before its half. When
    that line is broken (a field deleted, so it is not a row), the chain goes on from the row
    before it: the helper's count must not be used (the reference reader is the spec)."""
    lines, hashes = encode_rows([_row(i, "") for i in range(6)], b"")
    broken = lines[2].replace(b"tester,", b"", 1)  # 9 fields, still ending in its hash
    body = lines[0] + lines[1] + broken + b"".join(lines[3:])
    path = tmp_path / "l.csv"
    path.write_bytes(HEADER.encode() + b"\n" + body)
    split = len(HEADER) + 1 + len(lines[0] + lines[1] + broken)
    monkeypatch.setattr(scan_fast, "FORK_FROM", 0)
    monkeypatch.setattr(scan_fast, "split_point", lambda fh, start, end: (split, hashes[2].encode()))
    reference, fast = _both(path)
    assert fast == reference


def test_hashes_of_other_lengths_that_join_up_are_not_a_chain(tmp_path: Path) -> None:
    """The block check compares all hashes of a block joined together; two crafted lines whose
    hash fields are 63 and 65 characters long join up to the right digests, yet neither is a row."""
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
    reference, fast = _both(path)
    assert fast == reference
    got = scan(path, reader="fast")
    assert got.rows == 3
    assert [p.line for p in got.problems][:2] == [5, 6]


def test_the_halves_meet_between_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second half starts at a row that does not continue an import (else the first half
    would end inside one, and the forked child's reading could not be used)."""
    previous, lines = b"", []
    for i in range(41):  # (the middle falls inside an import)
        out, hashes = encode_rows([_row(i * 10 + j, "") for j in range(7)], previous, f"b{i}")
        lines += out
        previous = hashes[-1].encode()
    data = HEADER.encode() + b"\n" + b"".join(lines)
    path = tmp_path / "l.csv"
    path.write_bytes(data)
    start = len(HEADER) + 1
    with path.open("rb") as fh:
        split, before = scan_fast.split_point(fh, start, len(data))
        assert split is not None
        line = data[split:].split(b"\n", 1)[0]
        assert line.rsplit(b",", 2)[1].endswith(b":1/7")
        assert split > start + (len(data) - start) // 2 - 2000  # near the middle
        assert data[:split].rstrip(b"\n").endswith(before)
        monkeypatch.setattr(scan_fast, "SPLIT_WINDOW", 100)  # no import starts this close: the middle line
        split, _ = scan_fast.split_point(fh, start, len(data))
        assert split is not None
        assert not data[split:].split(b"\n", 1)[0].rsplit(b",", 2)[1].endswith(b":1/7")


def test_a_single_file_keeps_no_named_hashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a ledger folder needs the hashes corrections name (to settle rows across files); a single
    file keeps none, so its reading holds only the newest row per KPI and year, in both readers."""
    from kpi_cli.ledger.read import read

    first, hashes = encode_rows([_row(i, "") for i in range(3)], b"")
    fixes, _ = encode_rows([_row(i, "", correction=hashes[i]) for i in range(3)], hashes[-1].encode())
    path = tmp_path / "l.csv"
    path.write_bytes(HEADER.encode() + b"\n" + b"".join(first + fixes))
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "tester.csv").write_bytes(path.read_bytes())
    for reader in ("reference", "fast"):
        monkeypatch.setenv("KPI_LEDGER_READER", reader)
        single, shared = read(path), read(folder)
        assert [f.superseded for f in single.files] == [set()], reader
        assert [f.superseded for f in shared.files] == [set(hashes)], reader
        assert single.in_force == {k: r._replace(file=str(path)) for k, r in shared.in_force.items()}, reader
