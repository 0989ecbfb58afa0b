"""Nothing lost, round 3: the head anchor, writer files, plan edits, special files, clocks (issue 28).

Each test names the finding it answers; values are made up."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import SHIPPED_PLAN, Runner, bare_env, digest
from kpi_cli.ledger.format import HEADER, NewRow, encode_rows, writer_file_name
from kpi_cli.ledger.read import read

KPI = [sys.executable, "-m", "kpi_cli"]


def _batch(rows: int) -> bytes:
    made = [NewRow("2026-06-01T10:00:00.000+09:00", "t", "donan-tourists", 2010 + i, "1000") for i in range(rows)]
    lines, _ = encode_rows(made, b"", "abcd1234")
    return HEADER.encode() + b"\n" + b"".join(lines)


# ------------------------------------------------------------ 1, 2: the head anchor


def test_1_a_cut_batch_without_a_head_is_never_removed(kpi: Runner, ledger_path: Path) -> None:
    """The shipped ledger is one import batch; copied without its .head and its last row cut, the
    next writer used to remove all of it. Now its rows count, and writers refuse until a person looks."""
    data = _batch(5)
    cut = data[: data.rindex(b"\n", 0, len(data) - 1) + 1]  # the last row gone: 4 of 5 rows
    ledger_path.write_bytes(cut)
    assert read(ledger_path).row_count == 4  # the rows are intact: they count, and stay
    assert kpi("record", "okhotsk-tourists", "R1", "875").code == 0
    assert ledger_path.read_bytes().startswith(cut) and read(ledger_path).row_count == 5
    ledger_path.with_name("ledger.csv.head").unlink()
    torn = data[: len(data) - 20]  # the file ends in half a row and no head says kpi wrote it
    ledger_path.write_bytes(torn)
    before = digest(ledger_path)
    r = kpi("record", "okhotsk-tourists", "R1", "875")
    assert r.code == 2
    assert r.err.endswith(
        f"kpi: {ledger_path} ends in an unfinished write that kpi cannot prove is its own (there is no head file "
        "to check it against); nothing was recorded; run kpi verify --repair to see it and remove it\n"
    )
    assert digest(ledger_path) == before
    v = kpi("verify")
    assert v.code == 1 and "has no head file" in v.out


@pytest.mark.parametrize("damage", ["deleted", "header only", "empty", "cut at a batch"])
def test_2_a_writer_never_overwrites_the_anchor_of_a_cut_ledger(kpi: Runner, ledger_path: Path, damage: str) -> None:
    for year in ("H28", "H29"):
        assert kpi("record", "donan-tourists", year, "1200").code == 0
    data = ledger_path.read_bytes()
    head = ledger_path.with_name("ledger.csv.head")
    remembered = head.read_bytes()
    if damage == "deleted":
        ledger_path.unlink()
    else:
        ledger_path.write_bytes(
            {
                "header only": HEADER.encode() + b"\n",
                "empty": b"",
                "cut at a batch": data[: data.rindex(b"\n", 0, -1) + 1],
            }[damage]
        )
    after = digest(ledger_path)
    r = kpi("record", "donan-tourists", "H30", "1300")
    assert r.code == 2 and "nothing was recorded" in r.err
    assert (digest(ledger_path), head.read_bytes()) == (after, remembered)  # neither file touched
    assert kpi("verify").code == 1


@pytest.mark.parametrize(
    "garbage",
    [
        b"<<<<<<< HEAD\nkpi-ledger-head 1 3 400 " + b"a" * 64,
        b"",
        b"\x00\x01junk",
        b"kpi-ledger-head 1 -3 -400 " + b"a" * 64,
    ],
)
def test_2_an_unreadable_head_is_a_problem_and_stops_writers(kpi: Runner, ledger_path: Path, garbage: bytes) -> None:
    assert kpi("record", "donan-tourists", "H28", "1200").code == 0
    head = ledger_path.with_name("ledger.csv.head")
    head.write_bytes(garbage)
    before = digest(ledger_path)
    r = kpi("record", "donan-tourists", "H29", "1300")
    assert r.code == 2 and "ledger.csv.head cannot be read" in r.err
    assert digest(ledger_path) == before and head.read_bytes() == garbage
    v = kpi("verify")
    assert v.code == 1 and "ledger.csv.head cannot be read" in v.out


def test_14_a_head_planted_as_a_link_is_never_written_through(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "F"
    folder.mkdir()
    victim = tmp_path / "thesis.txt"
    victim.write_text("my thesis", "utf-8")
    (folder / "bob.csv.head").symlink_to(victim)
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    r = kpi("record", "donan-tourists", "H28", "1200", "--by", "bob")
    assert r.code == 2 and "bob.csv.head cannot be read (it is a link" in r.err
    assert victim.read_text("utf-8") == "my thesis" and not (folder / "bob.csv").exists()


def test_14_the_head_of_a_single_ledger_file_planted_as_a_link_is_never_written_through(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    assert kpi("record", "donan-tourists", "H28", "1200").code == 0
    victim = tmp_path / "thesis.txt"
    victim.write_text("my thesis", "utf-8")
    head = ledger_path.with_name("ledger.csv.head")
    head.unlink()
    head.symlink_to(victim)
    before = digest(ledger_path)
    r = kpi("record", "donan-tourists", "H29", "1300")
    assert (r.code, r.err) == (
        2,
        f"kpi: {ledger_path}: ledger.csv.head cannot be read (it is a link; kpi keeps head files as plain files), "
        "so kpi cannot tell whether rows were cut; if the ledger is complete, kpi verify --repair writes a new head "
        "file; nothing was recorded (kpi does not write to a ledger it cannot check)\n",
    )
    assert victim.read_text("utf-8") == "my thesis" and head.is_symlink() and digest(ledger_path) == before


# ------------------------------------------------------------ 3: writer names


@pytest.mark.parametrize(("by", "file"), [("~tanaka", "_tanaka.csv"), (".hidden", "hidden.csv"), ("~$x", "_$x.csv")])
def test_3_every_writer_name_maps_to_a_file_the_readers_read(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by: str, file: str
) -> None:
    folder = tmp_path / "F"
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    assert kpi("record", "donan-tourists", "H28", "1200", "--by", by).code == 0
    assert (folder / file).is_file()
    assert read(folder).current[("donan-tourists", 2016)].recorded_by == by


def test_3_a_foreign_csv_in_the_folder_is_never_appended_to(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "F"
    folder.mkdir()
    (folder / "notes.csv").write_text("a,b\n1,2\n", "utf-8")
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    r = kpi("record", "donan-tourists", "H28", "1200", "--by", "notes")
    assert r.code == 2 and "notes.csv is not a kpi ledger file" in r.err and "give another --by" in r.err
    assert (folder / "notes.csv").read_text("utf-8") == "a,b\n1,2\n"


def test_17_a_writer_name_longer_than_a_file_name_may_be(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "F"
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    by = "渡島" * 200
    assert kpi("record", "donan-tourists", "H28", "1200", "--by", by).code == 0
    (made,) = [p for p in folder.iterdir() if p.suffix == ".csv"]
    assert made.name == writer_file_name(by) and len(made.name.encode()) < 255
    assert read(folder).current[("donan-tourists", 2016)].recorded_by == by


# ------------------------------------------------------------ 5: plan edits


def test_5_concurrent_plan_edits_keep_every_addition(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    done = subprocess.run(
        [*KPI, "plan", "init", str(plan), "--edition", "テスト版", "--start", "R7"],
        env=bare_env(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    n = 8
    procs = [
        subprocess.Popen(
            [
                *KPI,
                "plan",
                "add-project",
                "--plan",
                str(plan),
                "--id",
                f"p{i}",
                "--name",
                f"事業{i}",
                "--region",
                "十勝",
            ],
            env=bare_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(n)
    ]
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * n, errors
    from kpi_cli.plan.load import load_plan

    assert sorted(p.id for p in load_plan(plan).projects) == sorted(f"p{i}" for i in range(n))


# ------------------------------------------------------------ 15, 17: special files


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_15_output_never_replaces_a_fifo_or_a_device(kpi: Runner, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = kpi("kpis", "--format", "csv", "-o", str(fifo))
    assert r.code == 2 and "is not a regular file (a device, a FIFO or a socket)" in r.err
    assert fifo.is_fifo()
    r = kpi("kpis", "--format", "csv", "-o", os.devnull)
    assert r.code == 2 and Path(os.devnull).is_char_device()


def test_15_output_never_follows_a_link(kpi: Runner, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep", "utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(target)
    r = kpi("kpis", "--format", "csv", "-o", str(link))
    assert r.code == 2 and "is a link" in r.err and target.read_text("utf-8") == "keep"


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_17_a_plan_that_is_a_fifo_or_a_device_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    for plan in (str(fifo), "/dev/zero"):
        done = subprocess.run(
            [*KPI, "status", "--plan", plan], env=bare_env(), capture_output=True, check=False, timeout=60
        )
        assert done.returncode == 2
        assert b"is not a regular file" in done.stderr and b"Traceback" not in done.stderr


def test_17_an_input_that_is_a_device_is_refused(kpi: Runner) -> None:
    r = kpi("import", "/dev/zero")
    assert r.code == 2 and "is not a regular file" in r.err


def test_17_bytes_that_are_no_text_in_a_note(tmp_path: Path) -> None:
    env = bare_env() | {"KPI_LEDGER": str(tmp_path / "l.csv"), "KPI_PLAN": str(SHIPPED_PLAN), "KPI_USER": "t"}
    done = subprocess.run(
        [*KPI.copy()[:1], "-c", "import os,sys; os.execv(sys.argv[1], sys.argv[1:])", sys.executable, "-m", "kpi_cli",
         "record", "donan-tourists", "H28", "1200", "--note", os.fsdecode(b"bad\xff")],
        env=env,
        capture_output=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 2 and b"bytes that are not text" in done.stderr
    assert not (tmp_path / "l.csv").exists()


# ------------------------------------------------------------ 17, 20: clocks


def test_17_a_clock_at_the_end_of_time(kpi: Runner, monkeypatch: pytest.MonkeyPatch, ledger_path: Path) -> None:
    from datetime import datetime

    from kpi_cli import streams

    monkeypatch.setattr(streams, "_clock", lambda: datetime(9999, 12, 31, 23, 59))
    assert kpi("record", "donan-tourists", "H28", "1200").code == 0
    assert kpi("verify").code == 0


def test_20_a_1970_clock_says_so(kpi: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from kpi_cli import streams

    monkeypatch.setattr(streams, "_clock", lambda: datetime(1970, 1, 1, 9, 0))
    r = kpi("record", "donan-tourists", "H28", "1200")
    assert r.code == 2 and "the current fiscal year is 1969)" in r.err and "1969/1969" not in r.err


def test_20_ctrl_c_after_the_rows_are_on_disk_says_they_are(
    kpi: Runner, monkeypatch: pytest.MonkeyPatch, ledger_path: Path
) -> None:
    """Interrupted while the head file is written: the rows are on disk, and the message says so."""
    from kpi_cli.ledger import head

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(head, "store", interrupted)
    r = kpi("record", "donan-tourists", "H28", "1200")
    assert r.code == 130
    assert r.err == f"kpi: interrupted; {ledger_path} was written before that (kpi verify checks it)\n"


def test_18_a_writer_stopped_while_holding_the_lock_is_said(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another writer waits, says why after a moment, and gives up after the timeout (shortened here)."""
    import fcntl

    from kpi_cli import files
    from kpi_cli.cli import main

    monkeypatch.setattr(files, "LOCK_NOTICE", 0.1)
    monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.5)
    main_args = ["record", "donan-tourists", "H28", "1200"]
    with pytest.raises(SystemExit):
        main(main_args)
    capsys.readouterr()
    holder = ledger_path.open("rb")
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        before = digest(ledger_path)
        with pytest.raises(SystemExit) as stopped:
            main(["record", "donan-tourists", "H29", "1300"])
        err = capsys.readouterr().err
    finally:
        holder.close()
    assert stopped.value.code == 2
    assert "waiting for" in err and "another kpi is writing to it" in err
    assert "has been locked by another process for 0 seconds" in err and digest(ledger_path) == before
    assert threading.active_count() >= 1


# ------------------------------------------------------------ 19: text from a file is inert


def test_19_a_review_text_opens_no_structure_in_the_markdown_report(kpi: Runner, tmp_path: Path) -> None:
    """A review starting with ``` used to open a code fence that swallowed the rest of the document;
    headings, lists, quotes and inline markup in it are shown as the text they are."""
    from markdown_it import MarkdownIt

    actions = "```\ncode"
    results = "# Heading\n- list\n1. one\n    indented\n> quote\n\n==="
    later = "<b>x</b> [a](http://x) *em* `c` ~~s~~ &amp; | 3"
    r = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "on_course", "-d", "継続",
            "--actions", actions, "--results", results, "--next", later)  # fmt: skip
    assert r.code == 0, r.err
    md = tmp_path / "r.md"
    assert kpi("report", "--year", "R2", "--region", "十勝", "-o", str(md)).code == 0
    text = md.read_text("utf-8")
    review = text[text.index("**取組状況**") : text.index("### 「次世代先進産業」")]
    assert review == (
        "**取組状況**\n\n"
        "\\`\\`\\`  \ncode\n\n"
        "**成果・課題**\n\n"
        "\\# Heading  \n\\- list  \n1\\. one  \nindented  \n&gt; quote  \n  \n\\===\n\n"
        "**今後の取組**\n\n"
        "&lt;b&gt;x&lt;/b&gt; \\[a\\](http://x) \\*em\\* \\`c\\` \\~\\~s\\~\\~ &amp;amp; \\| 3\n\n"
    )
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    assert not [t for t in tokens if t.type in ("fence", "code_block", "html_block", "blockquote_open")]
    assert "### 「次世代先進産業」とかちチャレンジプロジェクト" in text  # the document goes on after it
    inline = [c.type for t in MarkdownIt("commonmark").parse(review) for c in t.children or ()]
    assert set(inline) <= {"text", "softbreak", "hardbreak", "strong_open", "strong_close"}


# ------------------------------------------------------------ 6, 20: verify --repair, all or nothing


def _resave(path: Path) -> bytes:
    """The file as Excel saves it back (TRUE/FALSE, CRLF): every row intact, its hash proves it."""
    data = path.read_bytes().replace(b",false,", b",FALSE,").replace(b"\n", b"\r\n")
    path.write_bytes(data)
    return data


def _files(folder: Path) -> dict[str, str]:
    """Every file of a folder (hidden ones too) and its digest."""
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


def _two_writers(kpi: Runner, folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    for by, kpi_id in (("alice", "donan-tourists"), ("bob", "okhotsk-tourists")):
        for year in ("H28", "H29"):
            assert kpi("record", kpi_id, year, "1200", "--by", by).code == 0
    return folder / "alice.csv", folder / "bob.csv"


def test_6_a_folder_repair_changes_nothing_when_one_file_cannot_be_repaired(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """alice.csv was rewritten, then bob.csv refused (exit 2): now every file is checked first."""
    alice, bob = _two_writers(kpi, tmp_path / "F", monkeypatch)
    _resave(alice)
    bob.write_bytes(_resave(bob).replace(b",1200,", b",1300,", 1))  # a row edited by hand: no re-save explains it
    before = _files(alice.parent)
    r = kpi("verify", "--repair")
    assert r.code == 2
    assert r.err == (
        f"kpi: cannot repair {bob}: {bob}:2: hash does not match: this row was edited, or a row before it was "
        "deleted or moved; it is left out (compare with a backup or the git history); only a spreadsheet's "
        "re-save, an unfinished last line and a missing head file can be repaired (restore the file from a "
        "backup or the git history)\n"
    )
    assert _files(alice.parent) == before  # alice.csv untouched, no copy of it made


def test_6_a_folder_repair_puts_back_the_files_it_rewrote_when_a_later_one_fails(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from kpi_cli import files
    from kpi_cli.ledger import repair

    alice, bob = _two_writers(kpi, tmp_path / "F", monkeypatch)
    _resave(alice)
    _resave(bob)
    before = _files(alice.parent)
    real = files.atomic_write

    def full(path: Path, data: bytes, **kw: bool) -> None:
        if path == bob:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data, **kw)

    monkeypatch.setattr(repair, "atomic_write", full)
    r = kpi("verify", "--repair")
    assert r.code == 2
    assert r.err == (
        f"kpi: cannot repair {bob}: No space left on device; nothing was changed (the file repaired before it "
        "was put back)\n"
    )
    assert _files(alice.parent) == before  # alice.csv and its head as they were, no copies left


def test_6_an_excel_resave_that_lost_its_last_row_is_never_re_anchored(kpi: Runner, ledger_path: Path) -> None:
    for year in ("H28", "H29", "H30"):
        assert kpi("record", "donan-tourists", year, "1200").code == 0
    head = ledger_path.with_name("ledger.csv.head")
    remembered = head.read_bytes()
    data = _resave(ledger_path)
    ledger_path.write_bytes(data[: data.rindex(b"\r\n", 0, -2) + 2])  # and Excel dropped the last row
    before = _files(ledger_path.parent)
    r = kpi("verify", "--repair")
    assert r.code == 2
    line = remembered.split()[2].decode()
    assert r.err == (
        f"kpi: cannot repair {ledger_path}: it has fewer rows than when kpi last wrote to it (line {line}, hash "
        f"{remembered.split()[4][:12].decode()}…): rows were cut; restore it from a backup or the git history (or "
        "delete the .head file if this is intended); nothing was changed (kpi never writes a new head over rows "
        "that are missing)\n"
    )
    assert _files(ledger_path.parent) == before
    assert kpi("verify").code == 1  # still reported


def test_6_repair_writes_a_missing_head_and_removes_an_unfinished_line_it_shows(kpi: Runner, ledger_path: Path) -> None:
    """What the messages of a ledger without a head promised (kpi verify --repair shows it and removes it)."""
    for year in ("H28", "H29"):
        assert kpi("record", "donan-tourists", year, "1200").code == 0
    complete = ledger_path.read_bytes()
    ledger_path.with_name("ledger.csv.head").unlink()
    ledger_path.write_bytes(complete + b"2026-06-01T10:00")
    r = kpi("verify", "--repair")
    assert r.code == 0, r.err
    (backup,) = [p.name for p in ledger_path.parent.iterdir() if ".as-found-" in p.name]
    assert r.err == (
        f"kpi: removed the unfinished end of {ledger_path} (from line 4, 16 bytes: '2026-06-01T10:00'); the file "
        f"as found is {backup}\n"
    )
    assert ledger_path.read_bytes() == complete and kpi("verify").code == 0
    ledger_path.with_name("ledger.csv.head").unlink()
    r = kpi("verify", "--repair")
    head = read(ledger_path).files[0].head
    assert (r.code, r.err) == (
        0,
        f"kpi: wrote a new head file for {ledger_path}: 2 rows, the last at line 3 (head {head}); from now on kpi "
        "sees rows cut from its end\n",
    )
    assert kpi("verify").code == 0


def test_20_two_repairs_in_the_same_second_keep_both_copies(
    kpi: Runner, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    from kpi_cli import streams

    monkeypatch.setattr(streams, "_clock", lambda: datetime(2026, 6, 1, 10, 0, 0))
    for year in ("H28", "H29"):
        assert kpi("record", "donan-tourists", year, "1200").code == 0
    first = _resave(ledger_path)
    assert kpi("verify", "--repair").code == 0
    second = _resave(ledger_path)
    r = kpi("verify", "--repair")
    assert r.code == 0, r.err  # was: cannot repair …: File exists
    copies = sorted(p for p in ledger_path.parent.iterdir() if ".as-found-" in p.name)
    assert [p.read_bytes() for p in copies] == [first, second]
    assert r.err.endswith(f"the file as found is {copies[1].name}\n")


def test_20_a_repair_racing_a_write_waits_for_its_lock(
    kpi: Runner, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer appends between the repair's first look and its lock: the repair reads the file again
    under the lock and keeps the new row (it said "the rewritten rows do not all verify")."""
    import contextlib
    from collections.abc import Iterator

    from kpi_cli import files
    from kpi_cli.ledger import repair
    from kpi_cli.ledger.write import append

    for year in ("H28", "H29"):
        assert kpi("record", "donan-tourists", year, "1200").code == 0
    _resave(ledger_path)
    real = files.locked

    @contextlib.contextmanager
    def late(fd: int, file: Path, waiting: object = None) -> Iterator[None]:
        append(ledger_path, [NewRow("2026-06-01T10:00:00.000+09:00", "other", "donan-tourists", 2018, "1300")])
        with real(fd, file):
            yield

    monkeypatch.setattr(repair, "locked", late)
    r = kpi("verify", "--repair")
    assert r.code == 0, r.err
    assert read(ledger_path).row_count == 3 and kpi("verify").code == 0


def test_20_a_repair_at_disk_full_leaves_no_copy_behind(
    kpi: Runner, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from kpi_cli import files
    from kpi_cli.ledger import repair

    for year in ("H28", "H29"):
        assert kpi("record", "donan-tourists", year, "1200").code == 0
    _resave(ledger_path)
    before = _files(ledger_path.parent)
    real = files.atomic_write

    def full(path: Path, data: bytes, **kw: bool) -> None:
        if path == ledger_path:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data, **kw)

    monkeypatch.setattr(repair, "atomic_write", full)
    r = kpi("verify", "--repair")
    assert (r.code, r.err) == (2, f"kpi: cannot repair {ledger_path}: No space left on device; nothing was changed\n")
    assert _files(ledger_path.parent) == before  # the copy made of it is gone again


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_20_a_killed_repair_leaves_no_hidden_copies_that_pile_up(kpi: Runner, ledger_path: Path) -> None:
    """A process killed while it writes a whole file leaves its temporary copy; the next repair removes the
    copies of processes of this computer that are gone, and no other file."""
    assert kpi("record", "donan-tourists", "H28", "1200").code == 0
    killed = (
        "import os, pathlib, signal, sys\n"
        "from kpi_cli import files\n"
        "pathlib.Path.replace = lambda self, target: os.kill(os.getpid(), signal.SIGKILL)\n"
        "files.atomic_write(pathlib.Path(sys.argv[1]), b'x' * 100000)\n"
    )
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", killed, str(ledger_path)], check=False, capture_output=True)
        assert done.returncode == -9
    left = sorted(p.name for p in ledger_path.parent.iterdir() if p.name.endswith(".tmp"))
    assert len(left) == 2
    alive = ledger_path.with_name(f".ledger.csv.{left[0].split('.')[3][:8]}-{os.getpid()}-0a0b0c0d.tmp")
    elsewhere = ledger_path.with_name(".ledger.csv.zzzzzzzz-1-0a0b0c0d.tmp")  # another computer's, or another name
    for other in (alive, elsewhere):
        other.write_bytes(b"still being written")
    r = kpi("verify", "--repair")
    assert r.code == 0
    assert sorted(p.name for p in ledger_path.parent.iterdir() if p.name.endswith(".tmp")) == sorted(
        [alive.name, elsewhere.name]
    )


# ------------------------------------------------------------ 20: the rest


def test_20_ctrl_c_while_the_rows_are_synced_says_they_were_written(
    kpi: Runner, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted in fsync, after write(): the rows are in the file, so "nothing was written" was wrong."""
    assert kpi("record", "donan-tourists", "H28", "1200").code == 0
    calls = []

    def interrupted(fd: int) -> None:
        calls.append(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    r = kpi("record", "donan-tourists", "H29", "1300")
    monkeypatch.undo()
    assert (r.code, r.err) == (130, f"kpi: interrupted; {ledger_path} was written before that (kpi verify checks it)\n")
    assert calls and read(ledger_path).row_count == 2 and kpi("verify").code == 0


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("-.5",), "kpi: a negative number? write -0.5 and put -- before it: kpi record KPI YEAR -- -0.5"),
        (("--", "-.5"), "kpi: value '-.5' has no digit before its decimal point; write -0.5"),
        ((".5",), "kpi: value '.5' has no digit before its decimal point; write 0.5"),
    ],
)
def test_20_a_value_without_a_digit_before_its_point_gets_a_hint(
    kpi: Runner, ledger_path: Path, args: tuple[str, ...], line: str
) -> None:
    r = kpi("record", "okhotsk-tourists", "R1", *args)
    assert r.code == 2 and r.err.splitlines()[-1] == line
    assert not ledger_path.exists()


def test_20_a_blank_kpi_user_is_refused(kpi: Runner, ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_USER", " ")
    r = kpi("record", "okhotsk-tourists", "R1", "5")
    assert (r.code, r.err) == (2, "kpi: --by (or KPI_USER) is blank; give a name, e.g. --by oshima-taro\n")
    assert not ledger_path.exists()


def test_20_a_relative_xdg_data_home_is_ignored(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The XDG specification: a relative path in XDG_DATA_HOME is invalid and ignored."""
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    monkeypatch.delenv("KPI_LEDGER")
    r = kpi("record", "okhotsk-tourists", "R1", "5")
    assert r.code == 0, r.err
    assert (tmp_path / "home" / ".local" / "share" / "kpi" / "ledger.csv").is_file()
    assert not Path("relative").exists()


def test_20_the_advice_for_a_merge_conflict_in_a_folder_is_not_a_folder(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "F"
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    assert kpi("record", "donan-tourists", "H28", "1200", "--by", "alice").code == 0
    alice = folder / "alice.csv"
    head, row = alice.read_bytes().split(b"\n", 1)
    alice.write_bytes(head + b"\n<<<<<<< HEAD\n" + row + b"=======\n" + row + b">>>>>>> other\n")
    r = kpi("verify")
    assert r.code == 1
    (line,) = [x for x in r.out.splitlines() if "conflict markers" in x]
    assert line.endswith(
        "two people recorded under the same name: give each their own --by (or KPI_USER), so that each writes a "
        "file of their own that git never has to merge"
    )
    assert "--ledger data/ledger/" not in r.out


# ------------------------------------------------------------ 13: folder mode, a correction names its own row


def test_13_a_correction_naming_another_kpis_row_or_none_wins_nothing(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bob's rows (hash-valid, written outside kpi) claim to correct a row of another KPI and a row that does
    not exist: they used to win over alice's values without a conflict, and verify was clean."""
    from conftest import anchor

    folder = tmp_path / "F"
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    for kpi_id, year, value in (("okhotsk-tourists", "H28", "100"), ("okhotsk-tourists", "H29", "250")):
        assert kpi("record", kpi_id, year, value, "--by", "alice").code == 0
    assert kpi("record", "donan-tourists", "H28", "50", "--by", "alice").code == 0
    donan = read(folder).in_force[("donan-tourists", 2016)].hash
    made = [
        NewRow("2020-01-01T10:00:00.000+09:00", "bob", "okhotsk-tourists", 2016, "200", correction=donan),
        NewRow("2020-01-01T10:00:00.000+09:00", "bob", "okhotsk-tourists", 2017, "300", correction="ab" * 32),
    ]
    lines, _ = encode_rows(made, b"")
    bob = folder / "bob.csv"
    bob.write_bytes(HEADER.encode() + b"\n" + b"".join(lines))
    anchor(bob)
    got = read(folder)
    assert got.in_force[("okhotsk-tourists", 2016)].value == "100"  # alice's, the newest by its clock
    assert got.in_force[("okhotsk-tourists", 2017)].value == "250"
    assert got.in_force[("donan-tourists", 2016)].hash == donan  # the row it named stays in force
    r = kpi("verify")
    assert r.code == 1
    assert (
        f"{bob}:2: okhotsk-tourists H28/2016 is a correction of row {donan[:12]}…, which is a row of donan-tourists "
        "H28/2016: it supersedes nothing, and the other values of okhotsk-tourists H28/2016 stand (a conflict where "
        "they differ); settle it with kpi record --correct"
    ) in r.out.splitlines()
    assert (
        f"{bob}:3: okhotsk-tourists H29/2017 is a correction of row abababababab…, which is no row of the ledger: "
        "it supersedes nothing, and the other values of okhotsk-tourists H29/2017 stand (a conflict where they "
        "differ); settle it with kpi record --correct"
    ) in r.out.splitlines()
    assert sum("conflict: okhotsk-tourists" in line for line in r.out.splitlines()) == 2
    status = kpi("export", "--kpi", "okhotsk-tourists", "--format", "csv")
    assert status.code == 0 and "is a correction of row" in status.err
    assert [line.split(",")[9] for line in status.out.splitlines()[1:]] == ["100", "250"]
    # a correction that names the row in force settles it
    assert kpi("record", "okhotsk-tourists", "H28", "200", "--by", "bob", "--correct").code == 0
    assert read(folder).in_force[("okhotsk-tourists", 2016)].value == "200"


# ------------------------------------------------------------ 12: derived sums are never recorded


def _shares(kpi: Runner) -> None:
    for office, value in (("渡島", "1267"), ("檜山", "105.6")):
        assert kpi("record", "donan-tourists", "H28", value, "--office", office).code == 0


def _donan_2016(kpi: Runner) -> str:
    r = kpi("export", "--kpi", "donan-tourists", "--format", "csv")
    line, *shares = r.out.splitlines()[1:]  # the sum kpi computes, then each share on a row of its own
    assert len(shares) == 2
    return line.split(",")[9]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_12_an_untouched_template_all_records_no_sum(
    kpi: Runner, ledger_path: Path, tmp_path: Path, suffix: str
) -> None:
    """The collection sheet asks a KPI summed over 振興局 for its shares only: imported untouched, it
    records nothing, and a later share's correction still changes the KPI."""
    _shares(kpi)
    sheet = tmp_path / f"t{suffix}"
    assert kpi("template", "--year", "H28", "--all", "--region", "道南", "-o", str(sheet)).code == 0
    before = digest(ledger_path)
    r = kpi("import", str(sheet))
    assert r.code == 0 and r.out.startswith(f"imported 0 rows: nothing new in {sheet}; 2 unchanged, ")
    assert digest(ledger_path) == before
    assert kpi("record", "donan-tourists", "H28", "105.7", "--office", "檜山", "--correct").code == 0
    assert _donan_2016(kpi) == "1372.7"


def test_12_a_reimported_export_records_no_sum(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    """kpi export writes the sum of the shares (source 'sum of 2 振興局 shares'); imported again it was
    recorded as the whole KPI's value, which then won over its shares for good."""
    _shares(kpi)
    exported = tmp_path / "e.csv"
    assert kpi("export", "--kpi", "donan-tourists", "-o", str(exported)).code == 0
    assert "sum of 2 振興局 shares" in exported.read_text("utf-8-sig")
    before = digest(ledger_path)
    r = kpi("import", str(exported))
    assert r.code == 0
    assert r.out == f"imported 0 rows: nothing new in {exported}; 2 unchanged, 1 skipped (listed above)\n"
    assert (
        f"kpi: warning: {exported}:2: 1,372.6 is the sum of the 2 振興局 shares of donan-tourists H28/2016, which "
        "kpi adds up itself (source 'sum of 2 振興局 shares'); not recorded as a value of the whole KPI"
    ) in r.err.splitlines()
    assert digest(ledger_path) == before
    edited = tmp_path / "edited.csv"
    edited.write_text(exported.read_text("utf-8-sig").replace("1372.6,1372.6", "1400,1400"), "utf-8")
    r = kpi("import", str(edited))
    assert r.code == 2
    assert r.err.splitlines()[-1] == (
        f"kpi: {edited}:2: donan-tourists H28/2016 = 1,400 is marked as kpi's sum of 2 振興局 shares (source "
        "'sum of 2 振興局 shares'), but its shares add up to 1,372.6; record the shares with their 振興局 (--office, "
        "or a 振興局分 column), or give a value of the whole KPI a source of its own (an older export? "
        "--skip-conflicts skips it)"
    )
    assert digest(ledger_path) == before
    assert kpi("record", "donan-tourists", "H28", "105.7", "--office", "檜山", "--correct").code == 0
    assert _donan_2016(kpi) == "1372.7"  # the shares still make the KPI


# ------------------------------------------------------------ 10: plan drift


@pytest.fixture
def orphaned_review(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A review of a project that the plan in use no longer has (removed, or the ledger of another edition)."""
    from kpi_cli.plan.load import load_plan
    from kpi_cli.plan.write import dumps

    for project in ("tokachi-food-hub", "tokachi-next-industry"):
        r = kpi("review", "add", project, "R2", "-a", "on_course", "-d", "継続", "--reviewed-on", "2021-02-15")
        assert r.code == 0, r.err
    shipped = load_plan(SHIPPED_PLAN)
    plan = tmp_path / "plan.toml"
    plan.write_text(dumps(shipped._replace(projects=tuple(p for p in shipped.projects if p.id != "tokachi-food-hub"))))
    monkeypatch.setenv("KPI_PLAN", str(plan))
    return plan, tmp_path / "ledger.csv"


def _drift(plan: Path, ledger: Path) -> str:
    return (
        f"kpi: warning: {ledger}: the reviews of project tokachi-food-hub are left out: the plan {plan} does not "
        "have it; was it renamed or removed in the plan, or is this the ledger of another edition? keep the old "
        "id (or give the plan that goes with the ledger, --plan)"
    )


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".pdf"])
def test_10_a_review_of_a_project_the_plan_lost_is_said_by_every_report(
    kpi: Runner, tmp_path: Path, orphaned_review: tuple[Path, Path], suffix: str
) -> None:
    if suffix == ".pdf":
        pytest.importorskip("weasyprint")
    out = tmp_path / f"r{suffix}"
    r = kpi("report", "--year", "R2", "--region", "十勝", "-o", str(out))
    assert r.code == 0 and out.stat().st_size > 0
    assert [line for line in r.err.splitlines() if "warning" in line] == [_drift(*orphaned_review)]


def test_10_review_list_says_a_review_it_leaves_out_once(kpi: Runner, orphaned_review: tuple[Path, Path]) -> None:
    r = kpi("review", "list", "--format", "csv")
    assert r.code == 0
    assert r.err.splitlines() == [_drift(*orphaned_review)]  # one line: the project and the edition question
    assert [line.split(",")[0] for line in r.out.splitlines()[1:]] == ["tokachi-next-industry"]


def test_5_concurrent_plan_edits_of_every_kind_keep_every_change(tmp_path: Path) -> None:
    """Real processes, started together: projects added, KPIs added to one project and targets revised; every
    process says it was done, and the plan holds every change (no timing is asserted)."""
    plan = tmp_path / "plan.toml"

    def kpi(*args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*KPI, "plan", *args, "--plan", str(plan)],
            env=bare_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def kpi_args(i: int, target: str = "300") -> tuple[str, ...]:
        return ("--project", "base", "--id", f"k{i}", "--name", f"指標{i}", "--unit", "件",
                "--baseline", "100", "--baseline-year", "R6", "--target", target, "--target-year", "R11")  # fmt: skip

    done = subprocess.run(
        [*KPI, "plan", "init", str(plan), "--edition", "テスト版", "--start", "R7"], env=bare_env(), check=False
    )
    assert done.returncode == 0
    for args in (("add-project", "--id", "base", "--name", "基盤", "--region", "十勝"), ("add-kpi", *kpi_args(0))):
        assert kpi(*args).wait() == 0
    n = 4
    procs = [kpi("add-project", "--id", f"p{i}", "--name", f"事業{i}", "--region", "釧路・根室") for i in range(n)]
    procs += [kpi("add-kpi", *kpi_args(i)) for i in range(1, n + 1)]
    procs += [kpi("revise", "k0", "--target", f"{400 + i}", "--from-year", f"R{8 + i}", "--reason", f"r{i}")
              for i in range(n)]  # fmt: skip
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs), errors
    from kpi_cli.plan.load import load_plan

    got = load_plan(plan)
    assert sorted(p.id for p in got.projects) == ["base", *(f"p{i}" for i in range(n))]
    assert sorted(k.id for k in got.kpis) == [f"k{i}" for i in range(n + 1)]
    (k0,) = [k for k in got.kpis if k.id == "k0"]
    assert sorted(r.reason for r in k0.revisions) == [f"r{i}" for i in range(n)]


def _in_thousands(kpis_csv: str, kpi_id: str, unit: str) -> str:
    """The rows of ``kpi kpis --format csv`` of one KPI, its unit (and figures) changed."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(kpis_csv)))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    for row in rows:
        if row["id"] == kpi_id:
            row["unit"] = unit
            w.writerow(row)
    return out.getvalue()


def test_10_a_unit_change_with_recorded_values_is_refused_unless_converted(
    kpi: Runner, tmp_path: Path, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plan import changing 万人 to 千人 used to re-read the recorded values in 千人 (and verify was clean)."""
    plan = tmp_path / "plan.toml"
    plan.write_bytes(SHIPPED_PLAN.read_bytes())
    monkeypatch.setenv("KPI_PLAN", str(plan))
    assert kpi("record", "donan-tourists", "H28", "1267", "--office", "渡島").code == 0
    assert kpi("record", "donan-tourists", "H29", "1300.5", "--provisional").code == 0
    changed = tmp_path / "k.csv"
    changed.write_text(_in_thousands(kpi("kpis", "--format", "csv").out, "donan-tourists", "千人"), "utf-8")
    before = (digest(plan), digest(ledger_path), digest(ledger_path.with_name("ledger.csv.head")))
    r = kpi("plan", "import", str(changed))
    assert (r.code, r.err) == (
        2,
        "kpi: KPI donan-tourists: the unit would change from 万人 to 千人, but 2 values are recorded in 万人; add "
        "--convert-units to record each again in 千人 (×10), or keep the unit, or give the KPI a new id (the values "
        "stay with the old one)\n",
    )
    assert (digest(plan), digest(ledger_path), digest(ledger_path.with_name("ledger.csv.head"))) == before
    head = ledger_path.with_name("ledger.csv.head")
    kept = head.read_bytes()
    head.write_bytes(b"garbage")  # the ledger refuses writers: the plan written first is put back
    r = kpi("plan", "import", str(changed), "--convert-units")
    assert r.code == 2 and r.err.endswith(f"; {plan} was put back as it was\n") and len(r.err.splitlines()) == 1
    assert (digest(plan), digest(ledger_path)) == before[:2]
    head.write_bytes(kept)
    r = kpi("plan", "import", str(changed), "--convert-units")
    assert r.code == 0, r.err
    assert r.out == (
        f"converted 2 values of donan-tourists from 万人 to 千人 (×10) → {ledger_path}\n"
        f"imported {changed}: 0 KPIs added, 40 in all → {plan}\n"
    )
    current = read(ledger_path).current
    assert (current[("donan-tourists@oshima", 2016)].value, current[("donan-tourists", 2017)].value) == (
        "12670",
        "13005",
    )
    assert current[("donan-tourists", 2017)].status == "provisional"
    assert kpi("verify").code == 0


def test_10_a_unit_change_that_is_no_conversion_is_refused_in_the_plans_own_ledger(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan that names its own ledger (kpi plan init) was checked against ledger.csv beside it, where no
    value is recorded, so the unit change went through."""
    plan = tmp_path / "r7.toml"
    assert kpi("plan", "init", str(plan), "--edition", "テスト版", "--start", "R7").code == 0
    monkeypatch.setenv("KPI_PLAN", str(plan))
    monkeypatch.delenv("KPI_LEDGER")
    assert kpi("plan", "add-project", "--id", "p", "--name", "事業", "--region", "十勝").code == 0
    add = ("--project", "p", "--id", "k", "--name", "商談件数", "--unit", "件", "--baseline", "10",
           "--baseline-year", "R6", "--target", "30", "--target-year", "R11")  # fmt: skip
    assert kpi("plan", "add-kpi", *add).code == 0
    assert kpi("record", "k", "R7", "12").code == 0
    assert (tmp_path / "r7-ledger.csv").is_file()
    changed = tmp_path / "k.csv"
    changed.write_text(_in_thousands(kpi("kpis", "--format", "csv").out, "k", "人"), "utf-8")
    before = digest(plan)
    r = kpi("plan", "import", str(changed), "--convert-units")
    assert (r.code, r.err) == (
        2,
        "kpi: KPI k: the unit would change from 件 to 人, but 1 values are recorded in 件, and 人 is not 件 in another "
        "magnitude; keep the unit, or give the KPI a new id (the values stay with the old one)\n",
    )
    assert digest(plan) == before


# ------------------------------------------------------------ 20: the README's head hash


def test_20_the_readme_documents_the_head_of_the_shipped_ledger(kpi: Runner, tmp_path: Path) -> None:
    """The README gave a head the shipped ledger no longer had (it was imported again since):
    --expect-head with the documented value failed on pristine data."""
    import re

    from conftest import REPO

    copy = tmp_path / "copy"  # (the shipped files are copied, never used in place)
    copy.mkdir()
    for name in ("ledger.csv", "ledger.csv.head"):
        (copy / name).write_bytes((REPO / "data" / name).read_bytes())
    (scanned,) = read(copy / "ledger.csv").files
    head, rows = scanned.head, scanned.rows
    readme = (REPO / "README.md").read_text("utf-8")
    assert f"kpi verify --expect-head {head}`" in readme
    assert set(re.findall(r"--expect-head ([0-9a-f]{64})", readme)) == {head}
    shown = re.findall(rf"data/ledger\.csv: {rows} rows, head ([0-9a-f]{{64}})", readme)
    assert shown and set(shown) == {head}
    assert (copy / "ledger.csv.head").read_text("ascii").split()[-1] == head
    r = kpi("verify", "--expect-head", head, "--ledger", str(copy / "ledger.csv"), "--plan", str(SHIPPED_PLAN))
    assert r.code == 0, r.out


# ------------------------------------------------------------ 4: what kpi writes, it reads back


def test_4_a_note_longer_than_a_row_keeps_is_refused_from_a_workbook_and_a_csv(
    kpi: Runner, tmp_path: Path, ledger_path: Path
) -> None:
    """A 140,000-character note imported as "imported 2 rows", and both rows were unreadable."""
    from openpyxl import Workbook

    book = tmp_path / "long.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet"
    ws.append(["kpi_id", "year", "value", "note"])
    ws.append(["donan-tourists", "H28", 1200, "x" * 32_767])  # the most a cell of Excel holds
    ws.append(["donan-tourists", "H29", 1300, "short"])
    wb.save(book)
    r = kpi("import", str(book))
    assert (r.code, r.err) == (
        2,
        f"kpi: {book}: 1 bad row; nothing was written. Fix it and import again:\n"
        f"kpi: {book}:Sheet!2: the note has 32767 characters, more than the 10000 a ledger row keeps; shorten it "
        "(put long texts in a file and give its name or address)\n",
    )
    sheet = tmp_path / "long.csv"
    sheet.write_text(f"kpi_id,year,value,note\ndonan-tourists,H28,1200,{'x' * 140_000}\n", "utf-8")
    r = kpi("import", str(sheet))
    assert r.code == 2 and r.err.endswith("a cell is longer than 131,072 characters; is this the right file?\n")
    r = kpi("record", "donan-tourists", "H28", "1200", "--note", "x" * 10_001)
    assert (r.code, r.err) == (
        2,
        "kpi: the note has 10001 characters, more than the 10000 a ledger row keeps; shorten it "
        "(put long texts in a file and give its name or address)\n",
    )
    assert not ledger_path.exists()


def test_4_review_texts_longer_than_a_review_keeps_are_refused(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    """review add --from a 630 KB file and a review sheet with three 49,000-character texts wrote unreadable rows."""
    import csv

    big = tmp_path / "big.md"
    big.write_text("## 取組状況\n" + "あ" * 630_000 + "\n## 成果・課題\nx\n## 今後の取組\ny\n", "utf-8")
    r = kpi("review", "add", "tokachi-food-hub", "R2", "-a", "概ね順調に展開", "-d", "継続", "--from", str(big))
    assert (r.code, r.err) == (
        2,
        f"kpi: {big}: the section ## 取組状況 has 630000 characters, more than the 10000 a review keeps; shorten it\n",
    )
    sheet = tmp_path / "reviews.csv"
    assert kpi("review", "template", "-y", "R2", "-o", str(sheet)).code == 0
    rows = list(csv.reader(sheet.open(encoding="utf-8-sig", newline="")))
    header, row = rows[0], rows[1]
    row[header.index("assessment")], row[header.index("direction")] = "概ね順調に展開", "継続"
    for column in ("actions", "results", "next"):
        row[header.index(column)] = "い" * 49_000
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, row])
    r = kpi("review", "import", str(sheet))
    assert (r.code, r.err) == (
        2,
        f"kpi: {sheet}: 1 bad row; nothing was written. Fix it and import again:\n"  # (as kpi import, above)
        f"kpi: {sheet}:2: 取組状況 has 49000 characters, more than the 10000 a review keeps; shorten it\n",
    )
    assert not ledger_path.exists()


# ------------------------------------------------------------ 10: a KPI renamed in the plan


@pytest.mark.parametrize(
    "args",
    [
        ("status", "-f", "csv"),
        ("export", "-f", "csv"),
        ("report", "-o", "r.md"),
        ("show", "donan-visitors"),
        ("history", "donan-visitors"),
        ("missing", "-y", "H28", "-f", "csv"),
        ("template", "-y", "H28", "-o", "t.csv"),
        ("diff", "H28", "H29", "-f", "csv"),
    ],
)
def test_10_values_of_a_kpi_renamed_in_the_plan_are_said_wherever_they_disappear(
    kpi: Runner, tmp_path: Path, ledger_path: Path, args: tuple[str, ...]
) -> None:
    assert kpi("record", "donan-tourists", "H28", "1200").code == 0
    renamed = tmp_path / "plan.toml"
    text = SHIPPED_PLAN.read_text("utf-8")
    renamed.write_text(text.replace('id = "donan-tourists"', 'id = "donan-visitors"', 1), "utf-8")
    r = kpi(*args, "--plan", str(renamed))
    assert r.code == 0, r.err
    line = (
        f"kpi: warning: {ledger_path}: 1 values of 1 KPIs the plan {renamed} does not have (donan-tourists): they "
        "are left out; was a KPI renamed or removed in the plan, or is this the ledger of another edition? keep the "
        "old id (or give the plan that goes with the ledger, --plan)"
    )
    assert r.err.splitlines().count(line) == 1


# ------------------------------------------------------------ 11: a writer file that cannot be read


def test_11_a_writer_file_that_cannot_be_read_is_said_by_the_writer_that_skips_it(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "F"
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    assert kpi("record", "donan-tourists", "H28", "1200", "--by", "alice").code == 0
    carol = folder / "carol.csv"
    carol.write_bytes(b"recorded_at,who\n1,2\n")  # a writer's name, but no ledger a reader can read
    r = kpi("record", "donan-tourists", "H29", "1300", "--by", "bob")
    assert r.code == 0
    assert (
        f"kpi: warning: {carol}: not a kpi ledger (header is 'recorded_at,who'); the first line must be kpi's "
        "header: recorded_at,recorded_by,kpi_id,year,value,note,source,correction,batch,hash (format 1), or "
        "recorded_at,recorded_by,kpi_id,year,value,note,source,correction,batch,form,status,origin,returned_by,hash "
        "(format 2); file skipped; its values were not compared with what was recorded now (kpi verify)\n"
    ) in r.err
    assert carol.read_bytes() == b"recorded_at,who\n1,2\n"
    assert kpi("verify").code == 1


# ------------------------------------------------------------ 17: paths, clocks and bytes the system has


@pytest.mark.parametrize("args", [("record", "donan-tourists", "H28", "1200"), ("status",), ("verify",)])
def test_17_a_ledger_path_longer_than_the_file_system_allows(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """ENAMETOOLONG was a traceback in every command."""
    ledger = tmp_path / ("a" * 300 + ".csv")
    monkeypatch.setenv("KPI_LEDGER", str(ledger))
    r = kpi(*args)
    assert (r.code, r.err) == (
        2,
        f"kpi: cannot use the ledger {ledger}: File name too long; give another path (--ledger or KPI_LEDGER)\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "work"]


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux keeps file names that are not UTF-8")
def test_17_a_plan_in_a_folder_named_in_cp932(kpi: Runner, tmp_path: Path, ledger_path: Path) -> None:
    """A cp932-named folder on a share: the plan cache and every output with the path in it raised."""
    import json

    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\x93\xfa\x96{"))  # 日本 in cp932
    folder.mkdir()
    plan = folder / "plan.toml"
    plan.write_bytes(SHIPPED_PLAN.read_bytes())
    assert kpi("record", "donan-tourists", "H28", "1200", "--plan", str(plan)).code == 0
    r = kpi("status", "--plan", str(plan), "-f", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["plan"] == f"{tmp_path}/日本/plan.toml"
    html = tmp_path / "r.html"
    assert kpi("report", "--plan", str(plan), "-o", str(html)).code == 0
    assert f"{tmp_path}/日本/plan.toml" in html.read_text("utf-8")
    assert kpi("verify", "--plan", str(plan)).code == 0


def test_17_a_clock_in_a_time_zone_west_of_utc_plus_24(tmp_path: Path) -> None:
    env = bare_env() | {"KPI_LEDGER": str(tmp_path / "l.csv"), "KPI_PLAN": str(SHIPPED_PLAN), "KPI_USER": "t"}
    for args in (["record", "donan-tourists", "H28", "1200"], ["verify"]):
        done = subprocess.run([*KPI, *args], env=env | {"TZ": "UTC+25"}, capture_output=True, check=False)
        assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize("args", [("record", "donan-tourists", "H28", "1200", "--by", "bob"), ("status",), ("verify",)])
def test_17_a_ledger_folder_that_cannot_be_listed(
    kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """A folder one may enter but not list (mode 111) was a PermissionError; root lists anything, so the
    refusal of the system is played here."""
    folder = tmp_path / "F"
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    assert kpi("record", "donan-tourists", "H28", "1200", "--by", "alice").code == 0
    before = digest(folder / "alice.csv")
    listing = Path.iterdir

    def refused(self: Path) -> object:
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", refused)
    r = kpi(*args)
    assert (r.code, r.err) == (
        2,
        f"kpi: cannot list the ledger folder {folder}: Permission denied; check its permissions\n",
    )
    assert digest(folder / "alice.csv") == before and not (folder / "bob.csv").exists()


@pytest.mark.parametrize(
    ("option", "what"),
    [("--source", "the source"), ("--by", "the recorder's name"), ("KPI_USER", "the recorder's name")],
)
def test_17_bytes_that_are_no_text_in_a_source_or_a_name(tmp_path: Path, option: str, what: str) -> None:
    env = bare_env() | {"KPI_LEDGER": str(tmp_path / "l.csv"), "KPI_PLAN": str(SHIPPED_PLAN), "KPI_USER": "t"}
    args = ["record", "donan-tourists", "H28", "1200"]
    bad = os.fsdecode(b"bad\xff")
    if option == "KPI_USER":
        env["KPI_USER"] = bad
    else:
        args += [option, bad]
    done = subprocess.run(
        [sys.executable, "-c", "import os,sys; os.execv(sys.argv[1], sys.argv[1:])", sys.executable, "-m", "kpi_cli",
         *args],
        env=env,
        capture_output=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.decode() == (
        f"kpi: {what} contains bytes that are not text in any encoding kpi reads; type it again\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "work"]


def test_17_file_name_bytes_that_are_no_cp932_are_shown_as_escapes() -> None:
    from kpi_cli.files import fs_text

    assert fs_text(os.fsdecode(b"/s/\x93\xfa\x96{/p")) == "/s/日本/p"
    assert fs_text(os.fsdecode(b"/a/\xff\xfe/x")) == "/a/\\xff\\xfe/x"
    assert fs_text(os.fsdecode(b"/a/\x93\xfa\x96")) == "/a/\\x93\\xfa\\x96"
    assert fs_text("日本/x") == "日本/x"
