"""Finding things: --version, filters that find, KPI fragments narrowed by region, history filters."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Runner, bare_env

TOURISM = {
    "yotei-nishiiburi-tourists",
    "iburi-hidaka-tourists",
    "geopark-tourists",
    "donan-tourists",
    "dohoku-tourists",
    "teshio-river-tourists",
    "okhotsk-tourists",
    "doto-tourists",
    "kushiro-nemuro-tourists",
}


def test_version_names_the_files_in_use(kpi: Runner, ledger_path: Path) -> None:
    from kpi_cli import __version__

    for flag in ("--version", "-V"):
        r = kpi(flag)
        assert r.code == 0
        first, files = r.out.splitlines()
        assert first.startswith(f"kpi {__version__} (Python ")
        assert files.endswith(f"; ledger {ledger_path}") and "(shipped with kpi)" in files


def test_a_fragment_filter_finds_every_match(kpi: Runner) -> None:
    for command in (["status"], ["export"]):
        r = kpi(*command, "-k", "観光", "-f", "json")
        assert r.code == 0, r.err
    status = json.loads(kpi("status", "-k", "観光", "-f", "json").out)["kpis"]
    assert {k["kpi_id"] for k in status} == TOURISM
    two = json.loads(kpi("status", "-k", "donan-tourists", "-k", "ＯＫＨＯＴＳＫ－ｔｏｕｒｉｓｔｓ", "-f", "json").out)[
        "kpis"
    ]
    assert [k["kpi_id"] for k in two] == ["donan-tourists", "okhotsk-tourists"]
    r = kpi("status", "-k", "nosuch-kpi")
    assert (r.code, r.err) == (2, "kpi: no KPI matches 'nosuch-kpi'; see: kpi kpis\n")


def test_record_narrows_a_name_by_region(kpi: Runner) -> None:
    r = kpi("record", "観光入込客数", "R1", "1430")
    assert r.code == 2 and "matches 9 KPIs; give one id; or narrow it with --region: " in r.err
    assert "donan-tourists (観光入込客数, 道南)" in r.err
    r = kpi("record", "観光入込客数", "R1", "1430", "--region", "道南")
    assert r.code == 0
    assert r.err == "kpi: warning: '観光入込客数' taken as donan-tourists (観光入込客数)\n"
    assert r.out.startswith("recorded: 観光入込客数 [donan-tourists] R1/2019 = 1,430万人")
    shown = kpi("show", "観光", "--region", "道南")
    assert shown.code == 0 and "donan-tourists" in shown.err


def test_history_newest_first_and_filters(kpi: Runner, monkeypatch: object) -> None:
    assert kpi("record", "donan-tourists", "H28", "1000", "--by", "a").code == 0
    assert kpi("record", "okhotsk-tourists", "H28", "2", "--by", "b").code == 0
    assert kpi("record", "donan-tourists", "H28", "105.6", "--office", "檜山", "--by", "b").code == 0

    def rows(*args: str) -> list[tuple[str, str]]:
        r = kpi("history", *args, "-f", "json")
        assert r.code == 0, r.err
        return [(x["kpi_id"], x["recorded_by"]) for x in json.loads(r.out)["rows"]]

    assert rows() == [("donan-tourists@hiyama", "b"), ("okhotsk-tourists", "b"), ("donan-tourists", "a")]
    assert rows("--oldest-first")[0] == ("donan-tourists", "a")
    assert rows("--by", "a") == [("donan-tourists", "a")]
    assert rows("-k", "観光") == rows()
    assert rows("donan") == [("donan-tourists@hiyama", "b"), ("donan-tourists", "a")]
    assert rows("--office", "檜山") == [("donan-tourists@hiyama", "b")]
    assert rows("--since", "2999-01-01") == []
    bad = kpi("history", "--since", "R1")
    assert (bad.code, bad.err) == (
        2,
        "kpi: --since 'R1' is not a date; write it as 2021-02-15, 2021/2/15, R3.2.15 or 令和3年2月15日\n",
    )


def test_status_sort_counts_and_overall_line(kpi: Runner) -> None:
    assert kpi("record", "donan-tourists", "H28", "1372.6").code == 0  # on track
    assert kpi("record", "okhotsk-tourists", "H28", "700").code == 0  # below its baseline: worse
    doc = json.loads(kpi("status", "-k", "観光", "--sort", "rating", "-f", "json").out)
    assert [k["kpi_id"] for k in doc["kpis"][:2]] == ["okhotsk-tourists", "donan-tourists"]
    assert doc["ratings"] == {
        "achieved": 0, "on_track": 1, "nearly": 0, "behind": 0, "worse": 1, "no_data": 7,
    }  # fmt: skip
    by_progress = json.loads(kpi("status", "-k", "観光", "--sort", "progress", "-f", "json").out)["kpis"]
    assert by_progress[0]["kpi_id"] == "okhotsk-tourists" and by_progress[-1]["progress"] is None
    table = kpi("status", "-k", "観光", "-f", "table").out
    assert "全体: 順調 1 · 悪化 1 · 未記録 7" in table
    one = kpi("status", "--region", "道南", "-f", "table").out
    assert "全体:" not in one
    bad = kpi("status", "--sort", "size")
    assert (bad.code, bad.err) == (2, "kpi: --sort size: unknown; use one of gap, progress, rating, name\n")


def _complete(words: str, cword: int, shell: str = "bash") -> list[str]:
    import subprocess
    import sys

    env = bare_env()
    env |= {"_KPI_COMPLETE": f"complete_{shell}", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    env |= {"_TYPER_COMPLETE_ARGS": words}
    done = subprocess.run([sys.executable, "-m", "kpi_cli"], env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode().splitlines()


def test_shell_completion(kpi: Runner) -> None:
    for shell in ("bash", "zsh", "fish", "powershell", "pwsh"):
        r = kpi("completion", shell)
        assert r.code == 0 and "_KPI_COMPLETE" in r.out, shell
    assert kpi("completion", "tcsh").code == 2
    assert _complete("kpi st", 1) == ["status"]
    assert _complete("kpi record donan-t", 2) == ["donan-tourists", "donan-trial-stay-users"]
    assert _complete("kpi status -k kushiro-nemuro-t", 3) == ["kushiro-nemuro-tourists"]
    assert _complete("kpi status --region 十", 3) == ["十勝"]
    assert _complete("kpi record donan-tourists R1 1 --office 檜", 6) == ["檜山"]
    assert _complete("kpi status --format x", 3) == ["xlsx"]
    zsh = "\n".join(_complete("kpi record donan-tour", 2, "zsh"))
    assert '"donan-tourists":"観光入込客数"' in zsh  # the Japanese name shown beside the id


def test_status_for_one_year_shows_older_values_unrated(kpi: Runner) -> None:
    assert kpi("record", "donan-tourists", "H28", "1372.6").code == 0
    assert kpi("record", "okhotsk-tourists", "R1", "875.14").code == 0
    doc = json.loads(kpi("status", "-k", "donan-tourists", "-k", "okhotsk-tourists", "--year", "R1", "-f", "json").out)
    by = {k["kpi_id"]: k for k in doc["kpis"]}
    assert (by["donan-tourists"]["rating"], by["donan-tourists"]["latest_year"]) == ("no_data", 2016)
    assert by["donan-tourists"]["latest_value"] == 1372.6
    assert by["okhotsk-tourists"]["latest_year"] is None and by["okhotsk-tourists"]["actual"] == 875.14
    assert doc["ratings"]["no_data"] == 1  # the region summary counts R1 only
    table = kpi("status", "-k", "donan-tourists", "--year", "R1", "-f", "table").out
    assert "（1,372.6）" in table and "H28/2016時点" in table
