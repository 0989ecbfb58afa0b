"""A real-looking year for 十勝: FY2016–FY2019 figures of its KPIs (道東 as the four 振興局 shares, the
累計 KPI as yearly counts), one year more (FY2020) that a report of R1 must leave out, and the R1
reviews of its four projects. Made-up values, except the published ones named in their source
(オホーツク FY2018–FY2020, the FY2020 道東 shares)."""

from __future__ import annotations

from pathlib import Path

from conftest import Runner

# kpi_id, office (a share of 道東), fiscal year, value, note, source
VALUES = [
    ("tokachi-food-value-added", "", 2016, "905", "", "工業統計調査"),
    ("tokachi-food-value-added", "", 2017, "931", "", "工業統計調査"),
    ("tokachi-food-value-added", "", 2018, "948", "", "工業統計調査"),
    ("tokachi-food-value-added", "", 2019, "962", "速報値", "工業統計調査"),
    ("tokachi-food-value-added", "", 2020, "987.6", "", "工業統計調査"),
    ("tokachi-certified-products", "", 2016, "183", "", ""),
    ("tokachi-certified-products", "", 2017, "188", "", ""),
    ("tokachi-certified-products", "", 2018, "190", "", ""),
    ("tokachi-certified-products", "", 2019, "193", "", "十勝総合振興局調べ"),
    ("tokachi-certified-products", "", 2020, "197", "", ""),
    ("doto-tourists", "十勝", 2016, "1030", "", ""),
    ("doto-tourists", "十勝", 2017, "1045", "", ""),
    ("doto-tourists", "十勝", 2018, "1052", "", ""),
    ("doto-tourists", "十勝", 2019, "1068.4", "", "十勝総合振興局 観光入込客数調査"),
    ("doto-tourists", "十勝", 2020, "706", "", "denshobato.com 124221"),
    ("doto-tourists", "オホーツク", 2016, "850", "", ""),
    ("doto-tourists", "オホーツク", 2017, "862", "", ""),
    ("doto-tourists", "オホーツク", 2018, "885", "", "denshobato.com 128844"),
    ("doto-tourists", "オホーツク", 2019, "875.14", "", "denshobato.com 120620"),
    ("doto-tourists", "オホーツク", 2020, "577", "", "denshobato.com 124221"),
    ("doto-tourists", "釧路", 2016, "690", "", ""),
    ("doto-tourists", "釧路", 2017, "701", "", ""),
    ("doto-tourists", "釧路", 2018, "712", "", ""),
    ("doto-tourists", "釧路", 2019, "705.3", "", ""),
    ("doto-tourists", "釧路", 2020, "430", "", "denshobato.com 124221"),
    ("doto-tourists", "根室", 2016, "165", "", ""),
    ("doto-tourists", "根室", 2017, "170", "", ""),
    ("doto-tourists", "根室", 2018, "168", "", ""),
    ("doto-tourists", "根室", 2019, "172.6", "", ""),
    ("doto-tourists", "根室", 2020, "106", "", "denshobato.com 124221"),
    ("tokachi-tech-sites", "", 2016, "14", "", ""),
    ("tokachi-tech-sites", "", 2017, "14", "", ""),
    ("tokachi-tech-sites", "", 2018, "15", "", ""),
    ("tokachi-tech-sites", "", 2019, "16", "", ""),
    ("tokachi-renewable-capacity", "", 2016, "150210", "", ""),
    ("tokachi-renewable-capacity", "", 2017, "171480", "", ""),
    ("tokachi-renewable-capacity", "", 2018, "188932", "", ""),
    ("tokachi-renewable-capacity", "", 2019, "201455", "", ""),
    ("tokachi-trial-stay-days", "", 2016, "8510", "", ""),
    ("tokachi-trial-stay-days", "", 2017, "9120", "", ""),
    ("tokachi-trial-stay-days", "", 2018, "9874", "", ""),
    ("tokachi-trial-stay-days", "", 2019, "10236", "", ""),
    ("tokachi-women-role-models", "", 2016, "8", "", ""),  # 累計: each year's own count
    ("tokachi-women-role-models", "", 2017, "10", "", ""),
    ("tokachi-women-role-models", "", 2018, "11", "", ""),
    ("tokachi-women-role-models", "", 2019, "12", "", ""),
    ("geopark-tourists", "", 2016, "8512", "", ""),
    ("geopark-tourists", "", 2017, "8790", "", ""),
    ("geopark-tourists", "", 2018, "8655", "胆振東部地震の影響", ""),
    ("geopark-tourists", "", 2019, "9102", "", ""),
]
LATER = {"987.6", "197", "706", "577", "430", "106"}  # FY2020 only: never on a paper of R1

REVIEWS = [
    (
        "tokachi-food-hub",
        "概ね順調に展開",
        "継続",
        "十勝産食材の商談会を帯広市で3回開催し、管内の食品製造業者24社が参加した。",
        "食品工業の付加価値額は962億円となり、期待値を上回った。認証品目数は193品目で目標に向けて順調に推移している。",
        "首都圏での販路拡大と、認証制度の周知を進める。",
    ),
    (
        "higashi-hokkaido-tourism",
        "課題等はあるが引き続き推進",
        "見直し",
        "ひがし北海道の4振興局で周遊ルートのPRを共同で実施した。",
        "道東全体の入込客数は2,821万人で期待値を下回った。十勝分は1,068万人と増加したが、釧路・オホーツクは減少した。",
        "広域周遊の交通手段の確保と、冬季の誘客を強化する。",
    ),
    (
        "tokachi-next-industry",
        "概ね順調に展開",
        "拡充",
        "先進技術関連企業の誘致説明会を2回開催した。",
        "立地数は16件で順調。新エネルギーの設備容量は20万kWを超えた。",
        "バイオガス発電の導入支援を拡充する。",
    ),
    (
        "tokachi-diverse-talent",
        "遅れなどがあり改善が必要",
        "見直し",
        "ちょっと暮らし体験住宅の運営と、女性のキャリアデザイン講座を実施した。",
        "ロールモデル輩出数は累計41件で、目標50件に届かなかった。",
        "講座の対象を広げ、企業との連携を見直す。",
    ),
]


def record_year(kpi: Runner, folder: Path, *, reviews: bool = True) -> None:
    """Import the figures (one sheet, as the 本庁 does) and record the R1 reviews."""
    sheet = folder / "tokachi-values.csv"
    lines = ["kpi_id,office,year,value,note,source"]
    lines += [",".join((k, o, str(y), v, n, s)) for k, o, y, v, n, s in VALUES]
    sheet.write_text("\n".join(lines) + "\n", "utf-8")
    r = kpi("import", str(sheet))
    assert r.code == 0, r.err
    for project, assessment, direction, actions, results, next_steps in REVIEWS if reviews else ():
        r = kpi(
            "review", "add", project, "R1", "-a", assessment, "-d", direction, "--office", "十勝",
            "--actions", actions, "--results", results, "--next", next_steps,
        )  # fmt: skip
        assert r.code == 0, r.err
