"""Fuzzing of plan edits run concurrently (issue 28.5): drawn sets of `kpi plan` edits, started together
as real processes, some of them naming the same id. The law: every process either says it was done or
refuses in one line; the plan afterwards holds exactly what was said done (one of two additions of the
same id, never both, never neither) and passes `kpi plan check`. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import bare_env
from kpi_cli.plan.load import load_plan

KPI = [sys.executable, "-m", "kpi_cli"]
NAMES = st.sampled_from(["観光事業", "農業の振興", "ＡＢＣ交流", "森林ｱｲｳ事業", "漁業２"])

# An edit: ("project", id, name), ("kpi", id, baseline, target) or ("revise", target, from year)
EDIT = st.one_of(
    st.tuples(st.just("project"), st.sampled_from(["p1", "p2", "p3"]), NAMES),
    st.tuples(st.just("kpi"), st.sampled_from(["k1", "k2", "k3"]), st.integers(0, 999), st.integers(1000, 99999)),
    st.tuples(st.just("revise"), st.integers(1000, 99999), st.sampled_from(["R8", "R9", "R10"])),
)


def _args(edit: tuple[object, ...]) -> list[str]:
    kind = edit[0]
    if kind == "project":
        return ["add-project", "--id", str(edit[1]), "--name", str(edit[2]), "--region", "十勝"]
    if kind == "kpi":
        return ["add-kpi", "--project", "base", "--id", str(edit[1]), "--name", f"指標{edit[1]}", "--unit", "件",
                "--baseline", str(edit[2]), "--baseline-year", "R6", "--target", str(edit[3]),
                "--target-year", "R11"]  # fmt: skip
    return ["revise", "k0", "--target", str(edit[1]), "--from-year", str(edit[2]), "--reason", f"r{edit[1]}"]


@settings(max_examples=4, deadline=None)
@given(edits=st.lists(EDIT, min_size=2, max_size=6))
def test_concurrent_plan_edits_keep_exactly_what_they_say(edits: list[tuple[object, ...]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:  # (a fresh plan per drawn example)
        _edit_together(Path(folder) / "plan.toml", edits)


def _edit_together(plan: Path, edits: list[tuple[object, ...]]) -> None:
    env = bare_env()

    def run(args: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*KPI, "plan", *args, "--plan", str(plan)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )

    init = subprocess.run(
        [*KPI, "plan", "init", str(plan), "--edition", "試験版", "--start", "R7"], env=env, check=False
    )
    assert init.returncode == 0
    for args in (
        ["add-project", "--id", "base", "--name", "基盤", "--region", "十勝"],
        ["add-kpi", "--project", "base", "--id", "k0", "--name", "指標0", "--unit", "件", "--baseline", "1",
         "--baseline-year", "R6", "--target", "9", "--target-year", "R11"],
    ):  # fmt: skip
        assert run(args).wait() == 0
    procs = [run(_args(e)) for e in edits]
    results = [(p.wait(), p.communicate()[1].decode("utf-8", "replace")) for p in procs]
    for code, err in results:
        assert "Traceback" not in err
        if code != 0:
            assert code == 2 and err.count("\n") == 1, err  # a refusal: one line
    done = [e for e, (code, _) in zip(edits, results, strict=True) if code == 0]
    got = load_plan(plan)
    projects = sorted(p.id for p in got.projects if p.id != "base")
    kpis = sorted(k.id for k in got.kpis if k.id != "k0")
    assert projects == sorted({str(e[1]) for e in done if e[0] == "project"})
    assert kpis == sorted({str(e[1]) for e in done if e[0] == "kpi"})
    for kind, ids in (("project", projects), ("kpi", kpis)):  # one of two additions of an id, never neither
        assert set(ids) == {str(e[1]) for e in edits if e[0] == kind}
        assert len([e for e in done if e[0] == kind]) == len(ids)  # never both
    (k0,) = [k for k in got.kpis if k.id == "k0"]
    assert len(k0.revisions) == len({e[2] for e in done if e[0] == "revise"})
    check = subprocess.run([*KPI, "plan", "check", "--plan", str(plan)], env=env, capture_output=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
