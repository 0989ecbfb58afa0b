"""Human views of project reviews: a compact table; the texts in full in Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kpi_cli.core import years as eras
from kpi_cli.render.output import HumanView

STAGE_JA = {"draft": "案", "reviewed": "連携会議で検証済み"}
TEXT_HEADS = (("actions", "取組状況"), ("results", "成果・課題"), ("next", "今後の取組"))


def reviews_view(records: Sequence[dict[str, Any]], caption: str) -> HumanView:
    rows = []
    for r in records:
        stage = STAGE_JA.get(r["stage"], r["stage"])
        if r["meeting_date"]:
            stage += f"（{r['meeting_date']}）"
        rows.append(
            [
                r["project"],
                eras.era_and_western(r["year"]),
                r["assessment_label"],
                r["suggested_label"] or "―",
                r["direction_label"],
                stage,
            ]
        )
    blocks: list[str] = []
    for r in records:
        body = [f"〔{head}〕\n{r[key]}" for key, head in TEXT_HEADS if r[key]]
        if body:
            blocks.append(f"■ {r['project']}（{eras.era(r['year'])}）\n" + "\n".join(body))
    return HumanView(
        headers=["プロジェクト", "年度", "評価", "KPIからの目安", "今後の方向性", "段階"],
        rows=rows,
        no_wrap=frozenset({1}),
        title=f"プロジェクト評価 {len(records)}件",
        caption="\n\n".join([*blocks, caption]),
    )
