"""Benchmark kpi as users run it: whole processes, against the framework floor.

    .venv/bin/python bench/run.py            # everything (about 3 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # fewer runs, no 1M-row ledger

It generates synthetic ledgers for the shipped plan (1k, 100k and 1M rows, a
valid hash chain, some corrections; and 300k rows in imports that correct the one
before by hash) under bench/out/, then times each command
several times after a warm-up, interleaving the commands so that a noisy
machine slows them all alike. Each figure is the median wall time with its
min-max, and its ratio to `python -c "import typer"` measured in the same run.
Peak memory is each process's own maximum resident set (os.wait4 in a small
spawner process, so that it does not include this script's memory). Results go
to bench/out/results.json; the budgets of the README are checked at the end.
Standard library plus the project; nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PLAN = ROOT / "data" / "plan.toml"
BIN = Path(sys.executable).parent
KPI = str(BIN / ("kpi.exe" if os.name == "nt" else "kpi"))
PY = sys.executable

# (name, budget as a ratio to the floor) for the 1k-row ledger
RATIO_BUDGETS = {
    "status csv (1k)": 1.3,
    "status table (1k)": 2.0,
    "record (1k)": 1.3,
    "--help": 1.5,
}
# (name, wall seconds, peak MB) for the 1M-row ledger
BIG_BUDGETS = {"status csv (1M)": (1.5, 150), "verify (1M)": (2.5, 150)}


def generate(rows: int, path: Path, *, imports: bool = False) -> None:
    """A valid ledger of ``rows`` rows for the shipped plan, written with the project's own encoder.

    Plain: single rows cycling over every KPI and year, repeats marked as 0.1.0 corrections
    (``true``). With ``imports``: imports of one row per KPI and year each (a yearly collection
    sent again and again), each row correcting its key's row of the import before by hash."""
    sys.path.insert(0, str(ROOT / "src"))
    from kpi_cli.ledger.format import HEADER, NewRow, encode_rows
    from kpi_cli.plan.load import load_plan

    plan = load_plan(PLAN)
    keys = [(k.id, y) for k in plan.kpis for y in range(max(k.first_year, 2010), 2025)]
    seen: set[tuple[str, int]] = set()
    named: dict[tuple[str, int], str] = {}  # with imports: each key's last row's hash
    size = len(keys) if imports else 10_000
    previous = b""
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        fh.write(HEADER.encode("ascii") + b"\n")
        chunk: list[NewRow] = []
        for i in range(rows):
            key = keys[i % len(keys)]
            correction = named.get(key, "false") if imports else "true" if key in seen else "false"
            seen.add(key)
            chunk.append(
                NewRow(
                    recorded_at=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T09:{i % 60:02d}:00.000+09:00",
                    recorded_by=f"municipality-{i % 1741:04d}",
                    kpi_id=key[0],
                    year=key[1],
                    value=f"{100 + (i % 997)}.{i % 10}",
                    note="synthetic" if i % 100 else "synthetic, with a comma",  # some notes need quotes
                    source="bench",
                    correction=correction,
                )
            )
            if len(chunk) == size or i == rows - 1:
                lines, hashes = encode_rows(chunk, previous, f"{i:x}" if imports and len(chunk) > 1 else "")
                fh.write(b"".join(lines))
                previous = hashes[-1].encode("ascii")
                named.update(((r.kpi_id, r.year), h) for r, h in zip(chunk, hashes, strict=True))
                chunk = []
    tmp.replace(path)


def ledger(rows: int, *, imports: bool = False) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"ledger-{'imports-' if imports else ''}{rows}.csv"
    if not path.exists():
        started = time.perf_counter()
        generate(rows, path, imports=imports)
        print(f"generated {path.name} ({rows:,} rows) in {time.perf_counter() - started:.1f} s", flush=True)
    return path


# Runs each command and reports its wall time and its own peak memory. On Linux a process's peak
# (ru_maxrss) includes the memory of the process it was forked from, counted again at exec: run
# from this script, even `python -c pass` read as large as the script itself after it had
# generated the 1M-row ledger. So commands are started by this small process, started first:
# its own ~9 MB is the least any command can read, below every kpi command.
SPAWNER = r"""
import json, os, sys, time
for line in sys.stdin:
    argv, env, err_path = json.loads(line)
    err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    started = time.perf_counter()
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
    wall = time.perf_counter() - started
    os.close(err)
    print(json.dumps([wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""


class Runner:
    """Starts commands through the spawner where there is fork (else directly, without peak memory)."""

    def __init__(self, work: Path) -> None:
        self.err = work / "stderr.txt"
        self.spawner = None
        if hasattr(os, "fork") and hasattr(os, "wait4"):
            self.spawner = subprocess.Popen(
                [PY, "-S", "-c", SPAWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )

    def run(self, argv: list[str], env: dict[str, str]) -> tuple[float, float]:
        """Wall seconds and peak resident MB of one process."""
        if self.spawner is not None and self.spawner.stdin and self.spawner.stdout:
            self.spawner.stdin.write(json.dumps([argv, env, str(self.err)]) + "\n")
            self.spawner.stdin.flush()
            wall, peak_kb, code = json.loads(self.spawner.stdout.readline())
            peak = peak_kb / (1024 * 1024 if sys.platform == "darwin" else 1024)
            err = self.err.read_text("utf-8", "replace")
        else:  # pragma: no cover - Windows: no fork, no per-process peak memory
            started = time.perf_counter()
            done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            wall, peak, code = time.perf_counter() - started, float("nan"), done.returncode
            err = done.stderr.decode("utf-8", "replace")
        if code != 0:
            raise SystemExit(f"benchmark command failed ({code}): {' '.join(argv)}\n{err}")
        return wall, peak

    def close(self) -> None:
        if self.spawner is not None:
            if self.spawner.stdin:
                self.spawner.stdin.close()
            self.spawner.wait()


def run_once(
    runner: Runner, argv: list[str], env: dict[str, str], setup: Path | None, base: Path | None
) -> tuple[float, float]:
    if setup is not None and base is not None:
        shutil.copyfile(base, setup)
    return runner.run(argv, env)


def budget_checks(results: dict[str, dict[str, float]]) -> list[tuple[str, bool, str]]:
    """(what, passed, measured) for every budget of the README."""
    checks = []
    for name, budget in RATIO_BUDGETS.items():
        got = results[name]["ratio_to_floor"]
        checks.append((f"{name} <= {budget} x floor", got <= budget, f"{got:.2f}"))
    for name, (seconds, mb) in BIG_BUDGETS.items():
        if name in results:
            r = results[name]
            checks.append(
                (f"{name} <= {seconds} s", r["median_ms"] <= seconds * 1000, f"{r['median_ms'] / 1000:.2f} s")
            )
            checks.append((f"{name} peak <= {mb} MB", r["peak_mb"] <= mb, f"{r['peak_mb']:.0f} MB"))
    return checks


Case = tuple[str, list[str], dict[str, str], Path | None, Path | None]  # name, argv, env, file to set up, from


def big_ledger_cases(
    ledgers: dict[int, Path], with_ledger: Callable[[Path], dict[str, str]], quick: bool
) -> list[Case]:
    """status, verify and export on the 100k- and 1M-row ledgers, and status on a ledger of imports."""
    cases: list[Case] = []
    for n, path in ledgers.items():
        if n < 100_000:
            continue
        label = f"{n // 1000}k" if n < 1_000_000 else "1M"
        cases += [
            (f"status csv ({label})", [KPI, "status", "--format", "csv"], with_ledger(path), None, None),
            (f"verify ({label})", [KPI, "verify"], with_ledger(path), None, None),
            (f"export csv ({label})", [KPI, "export", "--format", "csv"], with_ledger(path), None, None),
        ]
    if not quick:  # a realistic big ledger: imports that correct the one before (no budget)
        imported = with_ledger(ledger(300_000, imports=True))
        cases.append(("status csv (300k, imports)", [KPI, "status", "--format", "csv"], imported, None, None))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 1M-row ledger")
    parser.add_argument("--runs", type=int, default=0, help="timed runs per command")
    args = parser.parse_args()
    # Bytecode first: stale or missing .pyc files would be compiled on every call.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    work = Path(tempfile.mkdtemp(prefix="kpi-bench-"))
    runner = Runner(work)  # first, while this process is small
    runs = args.runs or (7 if args.quick else 21)
    big_runs = 3 if args.quick else 5
    sizes = [1_000, 100_000] if args.quick else [1_000, 100_000, 1_000_000]
    ledgers = {n: ledger(n) for n in sizes}

    env = {k: v for k, v in os.environ.items() if not k.startswith("KPI_")}
    env.update({"KPI_PLAN": str(PLAN), "HOME": str(work), "XDG_CACHE_HOME": str(work / "cache"), "COLUMNS": "120"})
    scratch = work / "record.csv"

    def with_ledger(path: Path) -> dict[str, str]:
        return env | {"KPI_LEDGER": str(path)}

    small = ledgers[1_000]
    cases: list[Case] = [
        ("python -c pass", [PY, "-c", "pass"], env, None, None),
        ("import typer (floor)", [PY, "-c", "import typer"], env, None, None),
        ("--help", [KPI, "--help"], env, None, None),
        ("status csv (1k)", [KPI, "status", "--format", "csv"], with_ledger(small), None, None),
        ("status table (1k)", [KPI, "status", "--format", "table"], with_ledger(small), None, None),
        (
            "record (1k)",
            [KPI, "record", "donan-tourists", "2025", "1,372.6", "--outside-plan"],
            with_ledger(scratch),
            scratch,
            small,
        ),
        ("verify (1k)", [KPI, "verify"], with_ledger(small), None, None),
        ("export csv (1k)", [KPI, "export", "--format", "csv"], with_ledger(small), None, None),
    ]
    big_cases = big_ledger_cases(ledgers, with_ledger, args.quick)

    results: dict[str, dict[str, float]] = {}

    def measure(batch: list[Case], count: int) -> None:
        times: dict[str, list[float]] = {c[0]: [] for c in batch}
        peaks: dict[str, float] = {c[0]: 0.0 for c in batch}
        for _ in range(2):  # warm-up: page cache, bytecode, plan cache
            for _name, argv, e, setup, base in batch:
                run_once(runner, argv, e, setup, base)
        for _ in range(count):
            for name, argv, e, setup, base in batch:
                wall, peak = run_once(runner, argv, e, setup, base)
                times[name].append(wall)
                peaks[name] = max(peaks[name], peak)
        for name, values in times.items():
            results[name] = {
                "median_ms": statistics.median(values) * 1000,
                "min_ms": min(values) * 1000,
                "max_ms": max(values) * 1000,
                "peak_mb": peaks[name],
                "runs": len(values),
            }

    print(f"timing {len(cases)} commands x {runs} runs, then {len(big_cases)} on big ledgers x {big_runs}", flush=True)
    measure(cases, runs)
    measure(big_cases, big_runs)
    floor = results["import typer (floor)"]["median_ms"]

    print(f"\n{'command':24} {'median':>9} {'min-max':>17} {'x floor':>8} {'peak MB':>8}")
    for name, r in results.items():
        ratio = r["median_ms"] / floor
        r["ratio_to_floor"] = ratio
        span = f"{r['min_ms']:.0f}-{r['max_ms']:.0f} ms"
        print(f"{name:24} {r['median_ms']:7.0f}ms {span:>17} {ratio:8.2f} {r['peak_mb']:8.1f}")

    checks = budget_checks(results)
    print()
    for text, ok, got in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}: {got}")

    report = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d"),
        },
        "results": results,
        "budgets": [{"budget": t, "pass": ok, "measured": g} for t, ok, g in checks],
    }
    (OUT / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nwrote {OUT / 'results.json'}")
    runner.close()
    shutil.rmtree(work, ignore_errors=True)
    if not all(ok for _, ok, _ in checks):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
