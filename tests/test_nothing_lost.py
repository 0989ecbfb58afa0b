"""Nothing lost in the real world: one test per red-team defect (D1, D2, D6, D8, D11, D15/17/28, D23, D24)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import Runner, anchor
from kpi_cli.ledger.format import HEADER, NewRow, chain_hash
from kpi_cli.ledger.head import head_path
from kpi_cli.ledger.read import read
from kpi_cli.ledger.write import append


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def test_d1_an_edited_batch_row_is_never_removed(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("kpi_id,year,value,note\ntokachi-food-value-added,H28,920,a\ntokachi-food-value-added,H29,950,b\n")
    assert kpi("import", str(src)).code == 0
    text = ledger_path.read_text("utf-8").replace(",950,b,", ",950,B,")
    ledger_path.write_text(text.rstrip("\n"), "utf-8")  # an editor that also drops the final newline
    edited = ledger_path.read_bytes()
    r = kpi("verify")
    assert r.code == 1 and ":3: hash does not match" in r.out
    assert kpi("record", "donan-tourists", "H28", "1372.6").code == 0
    assert ledger_path.read_bytes().startswith(edited)  # nothing removed
    got = read(ledger_path)
    assert got.row_count == 2 and ("tokachi-food-value-added", 2016) in got.current
    assert kpi("verify").code == 1  # the tampering stays visible


def test_d2_rows_land_in_the_file_at_the_path_while_it_is_replaced(ledger_path: Path) -> None:
    append(ledger_path, [NewRow("2026-06-01T10:00:00.000+09:00", "t", "donan-tourists", 2009, "1")])
    stop = threading.Event()

    def replacer() -> None:  # a "safe save": copy and rename over, as git, sync clients and editors do
        import fcntl

        while not stop.is_set():
            with ledger_path.open("rb") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                tmp = ledger_path.with_suffix(".new")
                tmp.write_bytes(ledger_path.read_bytes())
                tmp.replace(ledger_path)
            stop.wait(0.002)

    thread = threading.Thread(target=replacer)
    thread.start()
    reported = []
    try:
        for year in range(2010, 2021):
            for kpi_id in ("donan-tourists", "dohoku-tourists", "okhotsk-tourists"):
                result = append(ledger_path, [NewRow("2026-06-01T10:00:00.000+09:00", "t", kpi_id, year, "2")])
                reported.append((kpi_id, year, result.rows[0].hash))
    finally:
        stop.set()
        thread.join()
    got = read(ledger_path)
    assert not got.problems
    assert {(k, y): r.hash for (k, y), r in got.current.items() if y >= 2010} == {(k, y): h for k, y, h in reported}


def test_d6_a_correction_wins_over_a_fast_clock(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "S"
    folder.mkdir()
    monkeypatch.setenv("KPI_LEDGER", f"{folder}/")
    body = "2027-12-01T09:00:00.000+09:00,alice,donan-tourists,2016,1500,,,false,"
    (folder / "alice.csv").write_text(f"{HEADER}\n{body},{chain_hash(b'', body.encode())}\n", "utf-8")
    anchor(folder / "alice.csv")
    r = kpi("record", "donan-tourists", "H28", "1372.6", "--correct", "--by", "bob")
    assert r.code == 0, r.err
    assert read(folder).current[("donan-tourists", 2016)].value == "1372.6"
    v = kpi("verify")
    assert v.code == 0 and "note: " in v.out and "is in the future" in v.out


def test_d8_truncation_rebuild_and_deletion_are_reported(kpi: Runner, ledger_path: Path) -> None:
    for year in (2014, 2015, 2016):
        assert kpi("record", "donan-tourists", str(year), "1000").code == 0
    whole = ledger_path.read_bytes()
    ledger_path.write_bytes(whole[: whole.rindex(b"\n", 0, len(whole) - 1) + 1])  # last row gone
    r = kpi("verify")
    assert r.code == 1 and "has fewer rows than when kpi last wrote to it" in r.out
    lines = whole.decode().splitlines()
    previous, rebuilt = b"", [lines[0]]
    for line in lines[1:]:  # change a value and recompute every hash
        body = line.rsplit(",", 1)[0].replace(",2014,1000,", ",2014,9999,")
        previous = chain_hash(previous, body.encode()).encode()
        rebuilt.append(f"{body},{previous.decode()}")
    ledger_path.write_text("\n".join(rebuilt) + "\n", "utf-8")
    r = kpi("verify")
    assert r.code == 1 and "is no longer the row kpi wrote there" in r.out
    head = ledger_path.read_text().splitlines()[-1].rsplit(",", 1)[1]
    assert kpi("verify", "--expect-head", head).code == 1  # still the rebuilt chain
    ledger_path.unlink()
    r = kpi("status", "-f", "csv")
    assert "is missing, but kpi wrote to it" in r.err


def test_d8_expect_head(kpi: Runner, ledger_path: Path) -> None:
    assert kpi("record", "donan-tourists", "2014", "1000").code == 0
    noted = ledger_path.read_text().splitlines()[-1].rsplit(",", 1)[1]
    assert kpi("record", "donan-tourists", "2015", "2").code == 0
    assert kpi("verify", "--expect-head", noted).code == 0  # later appends are fine
    r = kpi("verify", "--expect-head", "0" * 64)
    assert r.code == 1 and "the expected head 000000000000… is not in the ledger" in r.out
    assert kpi("verify", "--expect-head", "abc").code == 2


def test_d11_trailing_separator_means_a_folder(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_LEDGER", f"{tmp_path / 'd2' / 'ledger'}/")
    (tmp_path / "d2").mkdir()
    assert kpi("record", "donan-tourists", "2016", "1000", "--by", "alice").code == 0
    assert (tmp_path / "d2" / "ledger" / "alice.csv").is_file()


def test_d23_stray_files_in_a_folder_are_skipped(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "F"
    folder.mkdir()
    monkeypatch.setenv("KPI_LEDGER", str(folder))
    assert kpi("record", "donan-tourists", "2016", "1000", "--by", "alice").code == 0
    (folder / "._alice.csv").write_bytes(b"\0\5\26\7\0\2\0\0Mac OS X")
    (folder / "~$alice.csv").write_bytes(b"owner")
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    assert kpi("record", "dohoku-tourists", "2016", "1000", "--by", "bob").code == 0
    s = kpi("status", "-f", "csv")
    assert s.code == 0 and s.err == (
        f"kpi: warning: {folder / 'notes.csv'}: not a kpi ledger (header is 'a,b'); the first line must be kpi's "
        "header: recorded_at,recorded_by,kpi_id,year,value,note,source,correction,batch,hash (format 1), or "
        "recorded_at,recorded_by,kpi_id,year,value,note,source,correction,batch,form,status,origin,returned_by,hash "
        "(format 2); file skipped\n"
    )
    assert read(folder).row_count == 2
    v = kpi("verify")
    assert v.code == 1 and "notes.csv" in v.out
    (folder / "notes.csv").unlink()  # Office's owner file and macOS's metadata are no problem: a note for the first
    v = kpi("verify")
    assert v.code == 0, v.out + v.err
    assert (
        f"note: {folder}: ~$alice.csv: a file of the ledger is open in Excel (this is its lock file); close it without "
        "saving, or a save re-saves the ledger"
    ) in v.out.splitlines()
    assert "._alice.csv" not in v.out + v.err
    assert kpi("status", "-f", "csv").err == ""


def test_d15_d17_d28_special_files_and_refusals(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    null = tmp_path / "null.csv"
    null.symlink_to(os.devnull)
    monkeypatch.setenv("KPI_LEDGER", str(null))
    r = kpi("record", "donan-tourists", "2016", "1000")
    assert r.code == 2 and "is not a regular file" in r.err and len(r.err.splitlines()) == 1
    fifo = tmp_path / "p.csv"
    os.mkfifo(fifo)
    monkeypatch.setenv("KPI_LEDGER", str(fifo))
    for args in (("status", "-f", "csv"), ("record", "donan-tourists", "2016", "1000")):
        r = kpi(*args)
        assert r.code == 2 and "is not a regular file" in r.err
    fresh = tmp_path / "fresh.csv"
    monkeypatch.setenv("KPI_LEDGER", str(fresh))
    assert kpi("record", "donan-tourists", "2016", "1000", "--correct").code == 2
    assert not fresh.exists()  # a refused write leaves no file


def _open_in_excel(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Windows refuses to open a file for writing that Excel has open (a sharing violation,
    PermissionError), and to rename over it; reading it still works."""
    real_open, real_replace = os.open, os.replace

    def open_(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(path) == locked and flags & (os.O_RDWR | os.O_WRONLY):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == locked:
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "replace", replace)


def test_a_ledger_open_in_excel_on_windows(kpi: Runner, ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One line that says what to do, and every file as it was."""
    assert kpi("record", "donan-tourists", "2016", "1000").code == 0
    ledger_path.write_bytes(ledger_path.read_bytes().replace(b",false,", b",FALSE,"))  # re-saved meanwhile
    before = ledger_path.read_bytes()
    _open_in_excel(monkeypatch, ledger_path)
    fix = "if it is open in Excel, close it and try again, else check the file's permissions"
    r = kpi("record", "donan-tourists", "2017", "2")
    assert (r.code, r.err) == (
        2,
        f"kpi: cannot open ledger {ledger_path} for writing: Permission denied; {fix}; nothing was recorded\n",
    )
    r = kpi("verify", "--repair")
    assert (r.code, r.err) == (2, f"kpi: cannot repair {ledger_path}: Permission denied; {fix}; nothing was changed\n")
    assert ledger_path.read_bytes() == before
    assert kpi("status", "-f", "csv").code == 0  # reading it is fine
    monkeypatch.setenv("KPI_LANG", "ja")
    for args in (("record", "donan-tourists", "2017", "2"), ("verify", "--repair")):
        r = kpi(*args)
        assert "Excel で開いているなら閉じてからやり直してください" in r.err and "Excel, close" not in r.err


def test_an_output_open_in_excel_on_windows(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "status.xlsx"
    out.write_bytes(b"last year's")
    _open_in_excel(monkeypatch, out)
    r = kpi("status", "-o", str(out))
    assert r.code == 2
    assert r.err == (
        f"kpi: cannot write {out}: Permission denied; if it is open in Excel, close it and try again, else check "
        "the file's permissions\n"
    )
    assert out.read_bytes() == b"last year's"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no temporary file left


def test_d24_plan_rewrite_keeps_link_and_mode(kpi: Runner, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    assert kpi("plan", "init", str(shared / "plan.toml"), "--edition", "X", "--start", "R7").code == 0
    (shared / "plan.toml").chmod(0o600)
    link = tmp_path / "linked.toml"
    link.symlink_to(shared / "plan.toml")
    r = kpi("plan", "add-project", "--id", "p5", "--name", "x", "--region", "十勝", "--plan", str(link))
    assert r.code == 0, r.err
    assert link.is_symlink() and 'id = "p5"' in (shared / "plan.toml").read_text("utf-8")
    assert (shared / "plan.toml").stat().st_mode & 0o777 == 0o600


def test_output_never_replaces_the_ledger_or_plan(kpi: Runner, ledger_path: Path, tmp_path: Path) -> None:
    assert kpi("record", "donan-tourists", "2016", "1000").code == 0
    before = digest(ledger_path)
    r = kpi("status", "-f", "csv", "--output", str(ledger_path))
    assert r.code == 2 and "is the plan or ledger in use" in r.err
    assert digest(ledger_path) == before
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.csv.tmp").symlink_to(victim)  # the old fixed temporary name
    assert kpi("status", "-f", "csv", "--output", str(tmp_path / "out.csv")).code == 0
    assert victim.read_text() == "keep me"


def test_void_and_outside_plan(kpi: Runner, ledger_path: Path) -> None:
    r = kpi("record", "donan-tourists", "R8", "1430")
    assert r.code == 2 and "outside the plan's years (H21/2009–R2/2020)" in r.err and "--outside-plan" in r.err
    assert kpi("record", "donan-tourists", "R8", "1430", "--outside-plan").code == 0
    r = kpi("void", "donan-tourists", "R8", "--reason", "typo: meant R1")
    assert r.code == 0, r.err
    assert ("donan-tourists", 2026) not in read(ledger_path).current
    h = kpi("history", "donan-tourists", "-f", "csv")
    assert h.out.count("donan-tourists") == 2 and "typo: meant R1" in h.out
    assert kpi("record", "donan-tourists", "R1", "1430").code == 0
    assert kpi("void", "donan-tourists", "R8", "--reason", "again").code == 2  # nothing left to void
    v = kpi("verify")
    assert v.code == 0 and "R8" not in v.out  # the voided value is no longer in force


def test_excel_resave_is_one_line_and_repaired(kpi: Runner, ledger_path: Path) -> None:
    for year in (2014, 2015, 2016):
        assert kpi("record", "donan-tourists", str(year), "1,234.5", "--note", "渡島, 檜山").code == 0
    original = ledger_path.read_bytes()
    resaved = original.decode().replace(",false,", ",FALSE,").replace("\n", "\r\n").encode("cp932")
    ledger_path.write_bytes(resaved)
    r = kpi("verify")
    assert r.code == 1
    assert r.out.splitlines()[0].endswith(
        "run kpi verify --repair to restore kpi's own form (the file as found is kept beside it)"
    )
    assert "3 rows re-saved by a spreadsheet" in r.out
    assert read(ledger_path).row_count == 3  # readable meanwhile
    fixed = kpi("verify", "--repair")
    assert fixed.code == 0, fixed.out + fixed.err
    assert ledger_path.read_bytes() == original
    assert [p.name for p in ledger_path.parent.iterdir() if ".as-found-" in p.name]
    tampered = resaved.replace(b"1234.5", b"9999.5", 1)
    ledger_path.write_bytes(tampered)
    r = kpi("verify", "--repair")
    assert r.code == 2 and "cannot repair" in r.err
    assert ledger_path.read_bytes() == tampered


def test_resave_quoting_every_cell_is_repaired(kpi: Runner, ledger_path: Path) -> None:
    """LibreOffice's "quote all text cells" quotes the header too: still the ledger, still repairable."""
    import csv
    import io

    for year in (2014, 2015):
        assert kpi("record", "donan-tourists", str(year), "1234.5", "--note", "渡島").code == 0
    original = ledger_path.read_bytes()
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(csv.reader(io.StringIO(original.decode())))
    ledger_path.write_bytes(out.getvalue().encode("cp932"))
    assert ledger_path.read_bytes().startswith(b'"recorded_at","recorded_by",')
    r = kpi("verify")
    assert r.code == 1
    first = r.out.splitlines()[0]
    assert first.startswith(f"{ledger_path}: 2 rows re-saved by a spreadsheet (saved in cp932/Shift-JIS)")
    (row,) = csv.DictReader(io.StringIO(kpi("status", "-k", "donan-tourists", "-f", "csv").out))
    assert (row["actual"], row["previous_value"], row["change"]) == ("1234.5", "1234.5", "0")  # each value once
    assert kpi("verify", "--repair").code == 0
    assert ledger_path.read_bytes() == original


def test_resave_dropping_trailing_zeros_is_repaired(kpi: Runner, ledger_path: Path) -> None:
    """A spreadsheet writes 1372.60 back as 1372.6 and 1430.0 as 1430: only the formatting changed."""
    assert kpi("record", "donan-tourists", "2014", "1372.60").code == 0
    assert kpi("record", "donan-tourists", "2015", "1430.0").code == 0
    assert kpi("record", "donan-tourists", "2016", "1500").code == 0
    original = ledger_path.read_bytes()
    assert b",1372.60," in original and b",1430.0," in original
    resaved = original.replace(b",1372.60,", b",1372.6,").replace(b",1430.0,", b",1430,").replace(b"\n", b"\r\n")
    ledger_path.write_bytes(resaved)
    r = kpi("verify")
    assert r.code == 1
    assert r.out.splitlines()[0].startswith(f"{ledger_path}: 2 rows re-saved by a spreadsheet (trailing zeros)")
    assert kpi("verify", "--repair").code == 0
    assert ledger_path.read_bytes() == original
    changed = original.replace(b",1372.60,", b",1372.7,")  # a different number is an edit, not a re-save
    ledger_path.write_bytes(changed)
    r = kpi("verify")
    assert r.code == 1 and "hash does not match" in r.out
    r = kpi("verify", "--repair")
    assert r.code == 1 and "nothing to repair" in r.err  # nothing a re-save explains
    assert ledger_path.read_bytes() == changed


def test_resave_summary_names_every_rows_cause(kpi: Runner, ledger_path: Path) -> None:
    """Rows changed in different ways: the one line names each cause once, in the order first found."""
    assert kpi("record", "donan-tourists", "2014", "1372.60").code == 0
    assert kpi("record", "donan-tourists", "2015", "1430", "--note", "渡島").code == 0
    assert kpi("record", "donan-tourists", "2016", "1500").code == 0
    original = ledger_path.read_bytes()
    resaved = original.replace(b",1372.60,", b",1372.6,").decode().replace(",false,", ",FALSE,", 3)
    ledger_path.write_bytes(resaved.encode("cp932"))
    r = kpi("verify")
    assert r.code == 1
    assert r.out.splitlines()[0] == (
        f"{ledger_path}: 3 rows re-saved by a spreadsheet (TRUE/FALSE, trailing zeros, saved in cp932/Shift-JIS); "
        "their content is intact; run kpi verify --repair to restore kpi's own form (the file as found is kept "
        "beside it)"
    )
    assert kpi("verify", "--repair").code == 0
    assert ledger_path.read_bytes() == original


def test_editions_keep_their_own_ledgers(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KPI_LEDGER")
    data = tmp_path / "work" / "data"
    data.mkdir(parents=True)
    (data / "plan.toml").write_bytes((Path(__file__).parent.parent / "data" / "plan.toml").read_bytes())
    assert kpi("record", "donan-tourists", "2016", "1372.6").code == 0
    assert kpi("plan", "init", str(data / "plan-r7.toml"), "--edition", "R7", "--start", "R7").code == 0
    r = kpi(
        "plan", "add-project", "--id", "tf", "--name", "食", "--region", "十勝", "--plan", str(data / "plan-r7.toml")
    )
    assert r.code == 0
    assert kpi("verify").code == 0
    assert kpi("verify", "--plan", str(data / "plan-r7.toml")).code == 0
    assert (data / "ledger.csv").exists() and not (data / "plan-r7-ledger.csv").exists()


def test_plan_found_in_a_parent_folder(kpi: Runner, tmp_path: Path) -> None:
    data = tmp_path / "work" / "data"
    data.mkdir(parents=True)
    (data / "plan.toml").write_bytes((Path(__file__).parent.parent / "data" / "plan.toml").read_bytes())
    sub = tmp_path / "work" / "reports" / "2020"
    sub.mkdir(parents=True)
    os.chdir(sub)
    r = kpi("--help")
    assert "".join(f"plan {data / 'plan.toml'}".split()) in "".join(r.out.split())


def test_falling_back_to_the_shipped_plan_is_said(kpi: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a folder with data/plan.toml, reads and writes say which plan and ledger they use."""
    monkeypatch.delenv("KPI_LEDGER")
    user_ledger = tmp_path / "home" / ".local" / "share" / "kpi" / "ledger.csv"
    note = (
        "kpi: warning: no data/plan.toml in this folder or its parents: "
        f"using the plan shipped with kpi and the ledger {user_ledger}\n"
    )
    r = kpi("record", "donan-tourists", "2016", "1372.6")
    assert r.code == 0 and r.err == note
    r = kpi("status", "-k", "donan-tourists", "-f", "csv")
    assert r.code == 0 and r.err == note and ",1372.6," in r.out
    named = tmp_path / "mine" / "plan.toml"
    named.parent.mkdir()
    named.write_bytes((Path(__file__).parent.parent / "data" / "plan.toml").read_bytes())
    r = kpi("status", "-k", "donan-tourists", "-f", "csv", "--plan", str(named))
    assert r.code == 0 and r.err == ""  # a plan named: nothing to say


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_void_row_written_by_kpi_is_hash_valid(ledger_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kpi_cli", "record", "donan-tourists", "2016", "1000"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert head_path(ledger_path).read_text().startswith("kpi-ledger-head 1 2 ")


def test_verify_notes_a_clock_set_back(kpi: Runner, ledger_path: Path) -> None:
    from kpi_cli.ledger.format import HEADER, NewRow, encode_rows

    rows = [
        NewRow("2026-05-01T10:00:00.000+09:00", "a", "donan-tourists", 2016, "1"),
        NewRow("2026-03-01T10:00:00.000+09:00", "b", "okhotsk-tourists", 2016, "2"),  # two months earlier
    ]
    lines, _ = encode_rows(rows, b"")
    ledger_path.write_bytes(HEADER.encode() + b"\n" + b"".join(lines))
    anchor(ledger_path)
    r = kpi("verify")
    assert r.code == 0
    assert (
        f"note: {ledger_path}:3: recorded_at 2026-03-01T10:00:00.000+09:00 is earlier than the row before it" in r.out
    )


def test_verify_counts_notes_beyond_twenty(kpi: Runner, ledger_path: Path) -> None:
    """Notes are not problems: thousands of them (values outside the plan's years) are a count."""
    ids = ["donan-tourists", "okhotsk-tourists", "tokachi-tech-sites", "tokachi-trial-stay-days", "russian-visitors"]
    for kpi_id in ids:
        for year in range(2021, 2026):
            assert kpi("record", kpi_id, str(year), "1", "--outside-plan", "--unusual").code == 0
    r = kpi("verify")
    assert r.code == 0
    notes = [line for line in r.out.splitlines() if line.startswith("note: ")]
    assert len(notes) == 21 and notes[-1] == "note: 5 more notes; kpi verify --all lists every one"
    every = kpi("verify", "--all")
    assert len([line for line in every.out.splitlines() if line.startswith("note: ")]) == 25


def test_a_git_merge_conflict_in_the_ledger(kpi: Runner, ledger_path: Path) -> None:
    """Two people record on two clones of one ledger file; git merges them with conflict markers.
    kpi says so in one line, with the way out, and appends nothing to the conflicted file."""
    assert kpi("record", "donan-tourists", "R1", "1430").code == 0
    base = ledger_path.read_bytes()
    assert kpi("record", "doto-tourists", "R1", "2800").code == 0
    ours = ledger_path.read_bytes()[len(base) :]
    head = ledger_path.with_name("ledger.csv.head")
    our_head = head.read_bytes()
    ledger_path.write_bytes(base)
    head.unlink()  # the other clone had only the first row; its head knows nothing later
    assert kpi("record", "dohoku-tourists", "R1", "900").code == 0
    theirs = ledger_path.read_bytes()[len(base) :]
    merged = base + b"<<<<<<< HEAD\n" + ours + b"=======\n" + theirs + b">>>>>>> other\n"
    ledger_path.write_bytes(merged)
    fix = (
        f"{ledger_path}: a git merge left conflict markers (lines 3-7) and the rows of one side do not verify; "
        f"keep one side (git checkout --ours {ledger_path} {ledger_path}.head) and record the other side's values "
        "again; a ledger folder (--ledger data/ledger/) gives each writer a file of its own that git never has to merge"
    )
    v = kpi("verify")
    assert (v.code, v.out.splitlines()[0]) == (1, fix)
    assert kpi("status", "--format", "csv").err.splitlines()[0] == f"kpi: warning: {fix}"
    r = kpi("record", "okhotsk-tourists", "R1", "5")
    assert (r.code, r.err.splitlines()[-1]) == (
        2,
        f"kpi: {ledger_path} has a git merge conflict marker at line 3; nothing was recorded; see kpi verify",
    )
    assert ledger_path.read_bytes() == merged
    ledger_path.write_bytes(base + ours)  # git checkout --ours ledger.csv ledger.csv.head; then record again
    head.write_bytes(our_head)
    assert kpi("record", "dohoku-tourists", "R1", "900").code == 0
    assert kpi("verify").code == 0
