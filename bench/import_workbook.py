"""CPU of `kpi import` for the same 50,000 rows as CSV and as .xlsx (and .ods, .xls when LibreOffice is there).

    .venv/bin/python bench/import_workbook.py [--rows 50000] [--runs 3]

A plan of the shipped plan plus one project of rows/10 KPIs (ten years each) is written under
bench/out/import/, with the rows as CSV and as .xlsx (written by openpyxl, as kpi's templates are).
Each file is imported into a fresh ledger by a whole `kpi` process, several times; the figure is
the median of the process's own CPU time (user + system, os.wait4). The .xlsx budget: at most 3×
the CSV's CPU. Standard library plus the project; nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "import"
KPI = str(Path(sys.executable).parent / ("kpi.exe" if os.name == "nt" else "kpi"))
YEARS = range(2011, 2021)
BUDGET = 3.0


def make_inputs(rows: int) -> dict[str, Path]:
    from openpyxl import Workbook

    OUT.mkdir(parents=True, exist_ok=True)
    kpis = rows // len(YEARS)
    plan = OUT / "plan.toml"
    lines = [(ROOT / "data" / "plan.toml").read_text("utf-8"), "", "[[projects]]", 'id = "bench"']
    lines += ['name = "ベンチマーク"', 'region = "donan"', 'offices = ["oshima"]', 'participation = "渡島"']
    lines += ['policies = ["計測"]']
    for i in range(kpis):
        lines += ["", "[[projects.kpis]]", f'id = "bench-{i:05d}"', f'name = "指標{i:05d}"', 'unit = "千人"']
        lines += ['kind = "level"', 'direction = "increase"', 'ownership = "printed"']
        lines += ['baseline = { value = 1000, year = 2015, label = "H27" }']
        lines += ['target = { value = 2000, year = 2020, label = "R2", op = "=" }']
    plan.write_text("\n".join(lines) + "\n", "utf-8")
    table = [(f"bench-{i:05d}", year, 1000 + (i * 7 + year) % 900 + 0.5) for i in range(kpis) for year in YEARS]
    csv = OUT / "values.csv"
    csv.write_text("kpi_id,year,value,note\n" + "".join(f"{k},{y},{v},計測\n" for k, y, v in table), "utf-8")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("values")
    sheet.append(["KPI ID\nkpi_id", "年度\nyear", "実績値\nvalue", "備考\nnote"])
    for k, y, v in table:
        sheet.append([k, y, v, "計測"])
    xlsx = OUT / "values.xlsx"
    book.save(xlsx)
    files = {"csv": csv, "xlsx": xlsx}
    soffice = shutil.which("soffice")
    if soffice:
        for kind in ("ods", "xls"):
            profile = f"-env:UserInstallation=file://{OUT}/lo"
            subprocess.run(
                [soffice, profile, "--headless", "--convert-to", kind, "--outdir", str(OUT), str(xlsx)],
                check=True,
                capture_output=True,
                timeout=600,
            )
            files[kind] = OUT / f"values.{kind}"
    return files


def run(args: list[str], env: dict[str, str]) -> tuple[int, float, bytes]:
    """A process's exit code, its own CPU seconds and its stderr."""
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_utime + usage.ru_stime, err


def timed(plan: Path, source: Path) -> float:
    ledger = OUT / "ledger.csv"
    for stale in OUT.glob("ledger*"):
        stale.unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KPI_")}
    env.update(KPI_LANG="en", KPI_USER="bench")
    args = [KPI, "import", str(source), "--plan", str(plan), "--ledger", str(ledger), "--outside-plan"]
    code, cpu, err = run(args, env)
    if code != 0:
        raise SystemExit(f"{source.name}: exit {code}: {err.decode()}")
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", default="csv,xlsx,ods,xls", help="which inputs to time")
    opts = parser.parse_args()
    files = {k: v for k, v in make_inputs(opts.rows).items() if k in opts.kinds.split(",")}
    plan = OUT / "plan.toml"
    timed(plan, files["csv"])  # warm the plan cache
    figures = {kind: statistics.median(timed(plan, path) for _ in range(opts.runs)) for kind, path in files.items()}
    for kind, cpu in figures.items():
        print(f"{kind:5} {cpu:6.2f} s CPU  ({cpu / figures['csv']:.2f}× CSV)")
    ratio = figures["xlsx"] / figures["csv"]
    print(f"budget: .xlsx at most {BUDGET}× the CSV: {'ok' if ratio <= BUDGET else 'OVER'}")
    if ratio > BUDGET:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
