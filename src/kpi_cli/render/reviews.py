"""Human views of project reviews: a compact table; the texts in full in Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from kpi_cli.core import years as eras
from kpi_cli.render.output import HumanView
from kpi_cli.reports.reviews import ReviewLine

STAGE_JA = {"draft": "案", "reviewed": "連携会議で検証済み"}
TEXT_HEADS = (("actions", "取組状況"), ("results", "成果・課題"), ("next", "今後の取組"))


def reviews_view(lines: Sequence[ReviewLine], caption: str) -> HumanView:
    rows = []
    for line in lines:
        r = line.review
        stage = STAGE_JA.get(r.stage, r.stage) + (f"（{r.meeting_date}）" if r.meeting_date else "")
        rows.append(
            [
                line.project.name,
                eras.era_and_western(r.year),
                line.assessment,
                line.suggested.label if line.suggested else "―",
                line.direction,
                stage,
            ]
        )
    blocks: list[str] = []
    for line in lines:
        body = [f"〔{head}〕\n{getattr(line.review, key)}" for key, head in TEXT_HEADS if getattr(line.review, key)]
        if body:
            blocks.append(f"■ {line.project.name}（{eras.era(line.review.year)}）\n" + "\n".join(body))
    return HumanView(
        headers=["プロジェクト", "年度", "評価", "KPIからの目安", "今後の方向性", "段階"],
        rows=rows,
        no_wrap=frozenset({1}),
        title=f"プロジェクト評価 {len(lines)}件",
        caption="\n\n".join([*blocks, caption]),
    )
