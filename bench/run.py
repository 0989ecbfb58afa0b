"""Benchmark kpi as users run it: whole processes, in CPU time, against floors timed in the same run.

    .venv/bin/python bench/run.py            # everything (about 10 minutes on 2 cores, most of it imports)
    .venv/bin/python bench/run.py --quick    # fewer runs, no 1M-row ledger, no 50,000-row imports

On a shared machine wall time follows the neighbours (it swings by half within minutes), while the
CPU time a process spends (user + sys, from os.wait4) follows the code. So every budget is a ratio of
CPU times to a floor timed in the same run, its runs interleaved with the commands': start-up
against `python -c "import typer"`; reading a ledger against a plain Python script that reads the
same file and computes the same SHA-256 chain and the newest row per KPI and year, nothing else
(bench/out/floor.py, written by this script). kpi remembers what it read of a ledger for exactly those bytes
(src/kpi_cli/ledger/remembered.py), so a command run again on the same ledger, as the timed runs are after
their warm-ups, hashes the file and reads nothing again; the same commands with KPI_NO_CACHE=1 ("cold") read
every row, as the first command after a change to the file's old rows would. Beside each figure: the median
wall time, the peak memory (each process's own maximum resident set: commands are started by a small spawner, so this
script's memory is not counted in) and how busy the machine was with other work meanwhile (the
share of all CPUs' time that the measured command did not use, from /proc/stat; where there is
none, the load average). It generates synthetic ledgers for the shipped plan (1k, 100k and 1M rows,
a valid chain and head file, some corrections and quoted notes; the same sizes with every other row
a format 2 row, as imports write them; 300k rows of imports that correct by hash), plans with 4,000
and 1,320 KPIs copied from the shipped plan's structure, and files to import, all under bench/out/.
Results go to bench/out/results.json; the budgets are checked at the end. Standard library plus the
project (openpyxl to write the .xlsx); nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PLAN = ROOT / "data" / "plan.toml"
BIN = Path(sys.executable).parent
KPI = str(BIN / ("kpi.exe" if os.name == "nt" else "kpi"))
PY = sys.executable
START_FLOOR = "import typer (floor)"
LEDGER_BUDGET = 1.4  # x the ledger floor's CPU, for status, verify and export on 100k and 1M rows
PEAK_MB = 150
# (name, budget as a ratio to the start-up floor's CPU) on the 1k-row ledger
START_BUDGETS = {"--help": 1.5, "status csv (1k)": 1.3, "status table (1k)": 2.0, "record (1k)": 1.3}
LEDGER_COMMANDS = {
    "status csv": ["status", "--format", "csv"],
    "verify": ["verify"],
    "export csv": ["export", "--format", "csv"],
}
V2_EVERY = 2  # in the format 2 ledgers, every other row is a format 2 row
FISCAL_YEARS = range(1989, 2027)  # the years an import accepts (平成 and 令和, up to the current one)

FLOOR = '''"""The floor for reading a ledger: the same SHA-256 chain, the newest row per KPI and year; nothing else."""
import hashlib
import sys


def main(path: str) -> dict[tuple[bytes, bytes], bytes]:
    newest = {}
    previous = b""
    with open(path, "rb") as fh:
        fh.readline()  # the header
        for line in fh:
            body, _, stored = line.rstrip(b"\\r\\n").rpartition(b",")
            if hashlib.sha256(previous + b"," + body).hexdigest().encode() == stored:
                fields = body.split(b",", 4)
                newest[fields[2], fields[3]] = line
            previous = stored
    return newest


main(sys.argv[1])
'''


def generate(rows: int, path: Path, *, imports: bool = False, v2: int = 0) -> None:
    """A valid ledger of ``rows`` rows for the shipped plan, written with the project's own encoder, and its
    head file as kpi writes it after an append (without one, kpi verify reports the file).

    Plain: single rows cycling over every KPI and year, repeats marked as 0.1.0 corrections
    (``true``). With ``imports``: imports of one row per KPI and year each (a yearly collection
    sent again and again), each row correcting its key's row of the import before by hash. With ``v2``:
    every ``v2``-th row is a format 2 row, as an import writes it (its origin, the office that returned
    the sheet, some a 速報 or 確定), and the header is format 2's. Rows are stamped a minute apart."""
    sys.path.insert(0, str(ROOT / "src"))
    from datetime import datetime, timedelta, timezone

    from kpi_cli.ledger.format import HEADER, HEADER_V2, NewRow, encode_rows
    from kpi_cli.ledger.head import Head, store
    from kpi_cli.plan.load import load_plan

    plan = load_plan(PLAN)
    keys = [(k.id, y) for k in plan.kpis for y in range(max(k.first_year, 2010), 2025)]
    seen: set[tuple[str, int]] = set()
    named: dict[tuple[str, int], str] = {}  # with imports: each key's last row's hash
    size = len(keys) if imports else 10_000
    start = datetime(2015, 4, 1, 9, tzinfo=timezone(timedelta(hours=9)))
    previous = b""
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        fh.write((HEADER_V2 if v2 else HEADER).encode("ascii") + b"\n")
        chunk: list[NewRow] = []
        for i in range(rows):
            key = keys[i % len(keys)]
            correction = named.get(key, "false") if imports else "true" if key in seen else "false"
            seen.add(key)
            extras = {}
            if v2 and i % v2 == 0:
                extras = {
                    "origin": f"十勝-{i // 1000:04d}.xlsx:R1!{5 + i % 1000}",
                    "returned_by": "十勝総合振興局",
                    "status": ("", "provisional", "final")[i // v2 % 3],
                }
            chunk.append(
                NewRow(
                    recorded_at=(start + timedelta(minutes=i)).isoformat(timespec="milliseconds"),
                    recorded_by=f"municipality-{i % 1741:04d}",
                    kpi_id=key[0],
                    year=key[1],
                    value=f"{100 + (i % 997)}.{i % 10}",
                    note="synthetic" if i % 100 else "synthetic, with a comma",  # some notes need quotes
                    source="bench",
                    correction=correction,
                    **extras,
                )
            )
            if len(chunk) == size or i == rows - 1:
                lines, hashes = encode_rows(chunk, previous, f"{i:x}" if imports and len(chunk) > 1 else "")
                fh.write(b"".join(lines))
                previous = hashes[-1].encode("ascii")
                named.update(((r.kpi_id, r.year), h) for r, h in zip(chunk, hashes, strict=True))
                chunk = []
        end = fh.tell()
    tmp.replace(path)
    if store(path, Head(rows + 1, end, previous.decode("ascii"))) is not None:
        raise SystemExit(f"cannot write the head file of {path}")


def ledger(rows: int, *, imports: bool = False, v2: int = 0) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    kind = "imports-" if imports else f"v2-{v2}-" if v2 else ""
    path = OUT / f"ledger-{kind}{rows}.csv"
    if not path.exists() or not path.with_name(path.name + ".head").exists():
        started = time.perf_counter()
        generate(rows, path, imports=imports, v2=v2)
        print(f"generated {path.name} ({rows:,} rows) in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def big_plan(copies: int) -> tuple[Path, list[str]]:
    """The shipped plan's structure with its projects and KPIs copied ``copies`` times (new ids); its KPI ids."""
    shipped = tomllib.loads(PLAN.read_text("utf-8"))
    projects = []
    for c in range(copies):
        for project in shipped["projects"]:
            p = copy.deepcopy(project)
            if c:
                p["id"] = f"{p['id']}-x{c}"
                for k in p.get("kpis", []):
                    k["id"] = f"{k['id']}-x{c}"
            projects.append(p)
    for region in shipped["regions"]:
        region["project_count"] = region.get("project_count", 0) * copies
    ids = [k["id"] for p in projects for k in p.get("kpis", [])]
    path = OUT / f"plan-{len(ids)}.toml"
    if not path.exists():
        import tomli_w

        path.write_text(tomli_w.dumps(shipped | {"projects": projects}), "utf-8")
    return path, ids


def import_file(ids: list[str], rows: int, suffix: str = ".csv") -> Path:
    """``rows`` values to import, one per KPI and fiscal year (KPIs first), as CSV or .xlsx."""
    path = OUT / f"import-{rows}-{len(ids)}{suffix}"
    if path.exists():
        return path
    # (whole numbers: many KPIs count whole things, and a fraction of one is refused)
    cells = [(k, y, str(100 + i % 997)) for i, (y, k) in enumerate((y, k) for y in FISCAL_YEARS for k in ids)]
    if len(cells) < rows:
        raise SystemExit(f"{len(ids)} KPIs have only {len(cells)} fiscal years to import")
    header = ("kpi_id", "year", "value", "note", "source")
    table = [header, *((k, str(y), v, "bench", "bench") for k, y, v in cells[:rows])]
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for row in table:
            book.active.append(row)  # type: ignore[union-attr]
        book.save(path)
    else:
        path.write_text("".join(",".join(row) + "\n" for row in table), "utf-8")
    return path


# Runs each command and reports its wall time, its CPU time (user + sys), its own peak memory and
# how busy the machine was with other work meanwhile. On Linux a process's peak (ru_maxrss)
# includes the memory of the process it was forked from, counted again at exec: run from this
# script, even `python -c pass` read as large as the script itself after it had generated the
# 1M-row ledger. So commands are started by this small process, started first: its own ~9 MB is
# the least any command can read, below every kpi command.
SPAWNER = r"""
import json, os, sys, time

def ticks():  # all CPUs' time so far, and the part of it not idle (steal included), in clock ticks
    try:
        with open("/proc/stat") as fh:
            t = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return sum(t), sum(t) - t[3] - (t[4] if len(t) > 4 else 0)

hz = os.sysconf("SC_CLK_TCK")
for line in sys.stdin:
    argv, env, err_path = json.loads(line)
    err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    before, started = ticks(), time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(err, 2)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall, after = time.perf_counter() - started, ticks()
    os.close(err)
    cpu = usage.ru_utime + usage.ru_stime
    others = None
    if before and after and after[0] > before[0]:
        others = max(0.0, (after[1] - before[1] - cpu * hz) / (after[0] - before[0]))
    print(json.dumps([wall, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status), others]), flush=True)
"""


class Sample(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds, user + sys
    peak: float  # MB
    others: float | None  # share of all CPUs busy with other work meanwhile


class Runner:
    """Starts commands through the spawner where there is fork (else directly, without peak memory)."""

    def __init__(self, work: Path) -> None:
        self.err = work / "stderr.txt"
        self.spawner = None
        if hasattr(os, "fork") and hasattr(os, "wait4"):
            self.spawner = subprocess.Popen(
                [PY, "-S", "-c", SPAWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )

    def run(self, argv: list[str], env: dict[str, str]) -> Sample:
        if self.spawner is not None and self.spawner.stdin and self.spawner.stdout:
            self.spawner.stdin.write(json.dumps([argv, env, str(self.err)]) + "\n")
            self.spawner.stdin.flush()
            wall, cpu, peak_kb, code, others = json.loads(self.spawner.stdout.readline())
            peak = peak_kb / (1024 * 1024 if sys.platform == "darwin" else 1024)
            err = self.err.read_text("utf-8", "replace")
        else:  # pragma: no cover - Windows: no fork, no per-process peak memory
            started = time.perf_counter()
            done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            wall, cpu, peak, code, others = (
                time.perf_counter() - started,
                float("nan"),
                float("nan"),
                done.returncode,
                None,
            )
            err = done.stderr.decode("utf-8", "replace")
        if code != 0:
            raise SystemExit(f"benchmark command failed ({code}): {' '.join(argv)}\n{err}")
        return Sample(wall, cpu, peak, others)

    def close(self) -> None:
        if self.spawner is not None:
            if self.spawner.stdin:
                self.spawner.stdin.close()
            self.spawner.wait()


class Case(NamedTuple):
    name: str
    argv: list[str]
    env: dict[str, str]
    fresh: Path | None = None  # a ledger made afresh before each run: a copy of ``base`` (and its head file)
    base: Path | None = None  # (None: no ledger yet)
    rows: int = 0  # rows imported (for the CPU per row)


def run_once(runner: Runner, case: Case) -> Sample:
    if case.fresh is not None:
        head = case.fresh.with_name(case.fresh.name + ".head")
        case.fresh.unlink(missing_ok=True)
        head.unlink(missing_ok=True)
        if case.base is not None:
            shutil.copyfile(case.base, case.fresh)
            shutil.copyfile(case.base.with_name(case.base.name + ".head"), head)
    return runner.run(case.argv, case.env)


def measure(runner: Runner, batch: list[Case], count: int, warm: int = 2) -> dict[str, dict[str, Any]]:
    """Each case ``count`` times after ``warm`` warm-ups (page cache, bytecode, plan cache), interleaved."""
    for _ in range(warm):
        for case in batch:
            run_once(runner, case)
    samples: dict[str, list[Sample]] = {case.name: [] for case in batch}
    for _ in range(count):
        for case in batch:
            samples[case.name].append(run_once(runner, case))
    results = {}
    for case in batch:
        got = samples[case.name]
        cpu = [s.cpu for s in got]
        busy = [s.others for s in got if s.others is not None]
        results[case.name] = {
            "wall_ms": statistics.median(s.wall for s in got) * 1000,
            "cpu_ms": statistics.median(cpu) * 1000,
            "cpu_min_ms": min(cpu) * 1000,
            "cpu_max_ms": max(cpu) * 1000,
            "peak_mb": max(s.peak for s in got),
            "others_busy": statistics.median(busy) if busy else None,
            "runs": len(got),
        }
        if case.rows:
            results[case.name]["cpu_ms_per_row"] = results[case.name]["cpu_ms"] / case.rows
    return results


def budget_checks(results: dict[str, dict[str, Any]], floors: dict[str, str]) -> list[tuple[str, bool, str]]:
    """(what, passed, measured) for every budget: CPU ratios to the floors, peak memory on big ledgers."""
    checks = []
    for name, budget in START_BUDGETS.items():
        if name not in results or START_FLOOR not in results:
            continue
        got = results[name]["cpu_ms"] / results[START_FLOOR]["cpu_ms"]
        checks.append((f"{name} CPU <= {budget} x start-up floor", got <= budget, f"{got:.2f}"))
    for name, floor in floors.items():
        if name in results and floor in results:
            got = results[name]["cpu_ms"] / results[floor]["cpu_ms"]
            checks.append((f"{name} CPU <= {LEDGER_BUDGET} x ledger floor", got <= LEDGER_BUDGET, f"{got:.2f}"))
            peak = results[name]["peak_mb"]
            checks.append((f"{name} peak <= {PEAK_MB} MB", peak <= PEAK_MB, f"{peak:.0f} MB"))
    return checks + import_checks(results)


def ledger_cases(ledgers: dict[int, Path], env: dict[str, str], quick: bool) -> tuple[list[Case], dict[str, str]]:
    """The ledger floor and status, verify and export on the 100k- and 1M-row ledgers, the same on ledgers whose
    every other row is a format 2 row (as imports write them), and, not quick, the floor and status on a ledger
    of imports; which floor each is measured against."""
    cases: list[Case] = []
    floors: dict[str, str] = {}
    script = OUT / "floor.py"
    script.write_text(FLOOR, "utf-8")
    big = {_size(n): path for n, path in ledgers.items() if n >= 100_000}
    big |= {f"{_size(n)}, format 2": ledger(n, v2=V2_EVERY) for n in ledgers if n >= 100_000}
    if not quick:
        big["300k, imports"] = ledger(300_000, imports=True)
    for label, path in big.items():
        floor = f"ledger floor ({label})"
        cases.append(Case(floor, [PY, str(script), str(path)], env))
        for command, args in LEDGER_COMMANDS.items():
            if label.endswith("imports") and command != "status csv":
                continue
            for how, extra in (("", {}), (", cold", {"KPI_NO_CACHE": "1"})):  # (the file read again / from its start)
                name = f"{command} ({label}{how})"
                cases.append(Case(name, [KPI, *args], env | {"KPI_LEDGER": str(path)} | extra))
                if not label.endswith("imports"):  # (a ledger of imports: no budget)
                    floors[name] = floor
    return cases, floors


def _size(rows: int) -> str:
    return f"{rows // 1000}k" if rows < 1_000_000 else f"{rows // 1_000_000}M"


SHIPPED, BIG = "shipped plan", "4,000-KPI plan"
SAME_ROWS = 1520  # every KPI of the shipped plan in every fiscal year an import accepts: the most one import holds
PER_ROW_BUDGET = 1.3  # CPU per imported row with the 4,000-KPI plan, x that with the shipped plan (the same rows)
XLSX_BUDGET = 3.0  # an .xlsx import, x the CPU of the same rows as CSV


def import_cases(env: dict[str, str], work: Path, quick: bool) -> list[Case]:
    """Imports into a ledger that does not exist yet: the same 1,520 rows (40 KPIs in 38 fiscal years) and the
    first of them alone with the shipped plan and with a 4,000-KPI plan, 5,000 rows with the 4,000-KPI plan as
    CSV and as .xlsx; not quick, also 50,000 rows as CSV and as .xlsx (a 1,320-KPI plan: the fewest KPIs with
    that many KPI-years)."""
    scratch = work / "import.csv"  # (no such file before each import)
    shipped_ids = [k["id"] for p in tomllib.loads(PLAN.read_text("utf-8"))["projects"] for k in p.get("kpis", [])]
    plan_4000, ids_4000 = big_plan(100)
    runs = []
    for label, plan in ((SHIPPED, PLAN), (BIG, plan_4000)):
        runs.append((f"1 row, {label}", plan, import_file(shipped_ids, 1), 1))
        runs.append((f"{SAME_ROWS:,} rows, {label}", plan, import_file(shipped_ids, SAME_ROWS), SAME_ROWS))
    runs.append((f"5,000 rows CSV, {BIG}", plan_4000, import_file(ids_4000[:200], 5000), 5000))
    runs.append((f"5,000 rows .xlsx, {BIG}", plan_4000, import_file(ids_4000[:200], 5000, ".xlsx"), 5000))
    if not quick:
        plan_1320, ids_1320 = big_plan(33)
        runs.append(("50,000 rows CSV, 1,320-KPI plan", plan_1320, import_file(ids_1320, 50_000), 50_000))
        runs.append(("50,000 rows .xlsx, 1,320-KPI plan", plan_1320, import_file(ids_1320, 50_000, ".xlsx"), 50_000))
    cases = []
    for name, plan, path, rows in runs:
        e = env | {"KPI_PLAN": str(plan), "KPI_LEDGER": str(scratch), "KPI_USER": "bench"}
        argv = [KPI, "import", str(path), "--outside-plan", "--yearly", "--unusual"]
        cases.append(Case(f"import {name}", argv, e, scratch, None, rows))
    return cases


def per_row(results: dict[str, dict[str, Any]], label: str) -> float | None:
    """CPU ms per row of the 1,520-row import with a plan beyond the import of its first row alone (start-up,
    the plan, the ledger: what an import costs whatever its rows)."""
    many, one = results.get(f"import {SAME_ROWS:,} rows, {label}"), results.get(f"import 1 row, {label}")
    if many is None or one is None:
        return None
    return float(many["cpu_ms"] - one["cpu_ms"]) / (SAME_ROWS - 1)


def import_checks(results: dict[str, dict[str, Any]]) -> list[tuple[str, bool, str]]:
    """The import budgets: CPU per row with the 4,000-KPI plan against the shipped plan, .xlsx against CSV."""
    checks = []
    small, big = per_row(results, SHIPPED), per_row(results, BIG)
    if small and big is not None:
        got = big / small
        checks.append(
            (
                f"import CPU per row ({SAME_ROWS:,} rows, beyond 1 row) with the {BIG} <= {PER_ROW_BUDGET} x "
                f"with the {SHIPPED}",
                got <= PER_ROW_BUDGET,
                f"{got:.2f} ({big:.3f} / {small:.3f} ms)",
            )
        )
    for rows, plan in (("50,000", "1,320-KPI plan"), ("5,000", BIG)):
        csv, xlsx = results.get(f"import {rows} rows CSV, {plan}"), results.get(f"import {rows} rows .xlsx, {plan}")
        if csv and xlsx:
            got = xlsx["cpu_ms"] / csv["cpu_ms"]
            checks.append((f"import {rows} rows .xlsx CPU <= {XLSX_BUDGET} x CSV", got <= XLSX_BUDGET, f"{got:.2f}"))
            break  # (the biggest measured)
    return checks


def machine_busy() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def report(results: dict[str, dict[str, Any]], floors: dict[str, str]) -> None:
    print(f"\n{'command':40} {'wall':>8} {'CPU':>8} {'CPU min-max':>15} {'x floor':>8} {'peak MB':>8} {'others':>7}")
    for name, r in results.items():
        floor = floors.get(name, "")
        ratio = r["cpu_ms"] / results[floor]["cpu_ms"] if floor in results else None
        r["ratio_to_floor"] = ratio
        span = f"{r['cpu_min_ms']:.0f}-{r['cpu_max_ms']:.0f}"
        busy = f"{r['others_busy']:.0%}" if r["others_busy"] is not None else "-"
        shown = f"{ratio:8.2f}" if ratio is not None else " " * 8
        row_cost = f"  {r['cpu_ms_per_row']:.3f} ms CPU/row" if "cpu_ms_per_row" in r else ""
        print(
            f"{name:40} {r['wall_ms']:6.0f}ms {r['cpu_ms']:6.0f}ms {span:>15} {shown} {r['peak_mb']:8.1f} {busy:>7}"
            + row_cost
        )
    for label in (SHIPPED, BIG):
        beyond = per_row(results, label)
        if beyond is not None:
            results[f"import {SAME_ROWS:,} rows, {label}"]["cpu_ms_per_row_beyond_one"] = beyond
            print(f"import {SAME_ROWS:,} rows, {label}: {beyond:.3f} ms CPU per row beyond an import of 1 row")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 1M-row ledger, no 50,000-row imports")
    parser.add_argument("--runs", type=int, default=0, help="timed runs per command")
    parser.add_argument("--only", default="start,ledgers,imports", help="which parts to time (comma-separated)")
    args = parser.parse_args()
    # Bytecode first: stale or missing .pyc files would be compiled on every call.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    work = Path(tempfile.mkdtemp(prefix="kpi-bench-"))
    runner = Runner(work)  # first, while this process is small
    runs = args.runs or (7 if args.quick else 21)
    big_runs = 3 if args.quick else 5
    parts = set(args.only.split(","))
    sizes = [1_000] + ([100_000] if args.quick else [100_000, 1_000_000]) * ("ledgers" in parts)
    ledgers = {n: ledger(n) for n in sizes}
    began = machine_busy()

    env = {k: v for k, v in os.environ.items() if not k.startswith("KPI_")}
    env.update({"KPI_PLAN": str(PLAN), "HOME": str(work), "XDG_CACHE_HOME": str(work / "cache"), "COLUMNS": "120"})
    scratch = work / "record.csv"
    small = env | {"KPI_LEDGER": str(ledgers[1_000])}
    cases = [
        Case("python -c pass", [PY, "-c", "pass"], env),
        Case(START_FLOOR, [PY, "-c", "import typer"], env),
        Case("--help", [KPI, "--help"], env),
        Case("status csv (1k)", [KPI, "status", "--format", "csv"], small),
        Case("status table (1k)", [KPI, "status", "--format", "table"], small),
        Case(
            "record (1k)",
            [KPI, "record", "donan-tourists", "2025", "1,372.6", "--outside-plan"],
            env | {"KPI_LEDGER": str(scratch)},
            scratch,
            ledgers[1_000],
        ),
        Case("verify (1k)", [KPI, "verify"], small),
        Case("export csv (1k)", [KPI, "export", "--format", "csv"], small),
    ]
    cases = cases if "start" in parts else []
    big_cases, floors = ledger_cases(ledgers, env, args.quick) if "ledgers" in parts else ([], {})
    imports = import_cases(env, work, args.quick) if "imports" in parts else []
    print(
        f"timing {len(cases)} commands x {runs} runs, {len(big_cases)} on big ledgers x {big_runs}, "
        f"{len(imports)} imports x {big_runs}",
        flush=True,
    )
    results = measure(runner, cases, runs)
    results |= measure(runner, big_cases, big_runs)
    for case in imports:  # warm the plan cache with a quick command
        run_once(runner, Case("warm", [KPI, "status", "--format", "csv"], case.env, case.fresh, case.base))
    results |= measure(runner, imports, big_runs, warm=0)
    ended = machine_busy()
    report(results, floors | {case.name: START_FLOOR for case in cases if case.name != START_FLOOR})
    checks = budget_checks(results, floors)
    print(f"\nmachine: {began} at the start, {ended} at the end")
    for text, ok, got in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}: {got}")

    out = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "busy": [began, ended],
        },
        "results": results,
        "budgets": [{"budget": t, "pass": ok, "measured": g} for t, ok, g in checks],
    }
    (OUT / "results.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nwrote {OUT / 'results.json'}")
    runner.close()
    shutil.rmtree(work, ignore_errors=True)
    if not all(ok for _, ok, _ in checks):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
