"""kpi review add: record a project's review for a fiscal year (評価, 今後の方向性, and the texts)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kpi_cli.commands.context import current_fy, open_plan, recorder, warn_discarded
from kpi_cli.commands.options import ByOpt, LedgerOpt, PlanOpt, complete_project

TEXT_HEADINGS = {
    "actions": ("取組状況", "actions"),
    "results": ("成果・課題", "成果と課題", "results"),
    "next": ("今後の取組", "next"),
}


def command(
    project: Annotated[str, typer.Argument(help="Project id or name fragment.", autocompletion=complete_project)],
    year: Annotated[str, typer.Argument(help="The fiscal year reviewed: R2, 2020, 令和2年度, ...")],
    assessment: Annotated[
        str, typer.Option("--assessment", "-a", help="評価: a word of the plan's vocabulary, or its code.")
    ],
    direction: Annotated[
        str, typer.Option("--direction", "-d", help="今後の方向性: 拡充, 継続, 見直し, 廃止, 終了 (or the code).")
    ],
    actions: Annotated[str, typer.Option("--actions", help="取組状況: what was done (paragraphs allowed).")] = "",
    results: Annotated[str, typer.Option("--results", help="成果・課題: results and problems.")] = "",
    next_steps: Annotated[str, typer.Option("--next", help="今後の取組: next steps.")] = "",
    from_file: Annotated[
        Optional[Path],
        typer.Option(
            "--from",
            help="A UTF-8 text file with the sections ## 取組状況, ## 成果・課題 and ## 今後の取組.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    reviewed_on: Annotated[
        Optional[str],
        typer.Option(
            "--reviewed-on",
            help="The date of the 地域づくり連携会議 that reviewed it (2021-02-15); without it the review is a draft.",
            show_default=False,
        ),
    ] = None,
    office: Annotated[str, typer.Option("--office", help="The 振興局 writing the review.")] = "",
    by: ByOpt = None,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Record a project's review for a fiscal year; a later review of the same year supersedes it.

    \b
    Examples:
      kpi review add tokachi-food-hub R2 -a 概ね順調に展開 -d 継続 --from 十勝-R2-食.md
      kpi review add tokachi-food-hub R2 -a continue_with_issues -d expand --reviewed-on 2021-02-15
    """
    from kpi_cli.core.years import era_and_western, iso_date, parse_year
    from kpi_cli.errors import InputError
    from kpi_cli.ledger.reviews import Review, check_text, link, row_for
    from kpi_cli.ledger.write import append, now_iso
    from kpi_cli.plan.selection import resolve_office, resolve_project
    from kpi_cli.plan.vocabulary import term_code

    files, p = open_plan(plan, ledger)
    found = resolve_project(p, project)
    fy = parse_year(year)
    from kpi_cli.commands.context import check_span

    check_span(p, fy, "YEAR")
    if fy > current_fy():
        raise InputError(f"{era_and_western(fy)} has not started yet; a review looks back on a year that began")
    texts = {"actions": actions, "results": results, "next": next_steps}
    if from_file is not None:
        for key, value in _sections(from_file).items():
            texts[key] = texts[key] or value
    stage, day = "draft", ""
    if reviewed_on is not None:
        stage, day = "reviewed", iso_date(reviewed_on, "--reviewed-on")
    review = Review(
        project_id=found.id,
        year=fy,
        assessment=term_code(p.vocabulary.assessments, assessment, "--assessment"),
        direction=term_code(p.vocabulary.directions, direction, "--direction"),
        actions=check_text(texts["actions"], "--actions"),
        results=check_text(texts["results"], "--results"),
        next=check_text(texts["next"], "--next"),
        stage=stage,
        meeting_date=day,
        office=p.office(resolve_office(p, office)).name if office else "",
    )
    row = row_for(review, now_iso(), recorder(by))
    result = append(
        files.ledger,
        [row],
        prepare=lambda whole: link(whole, row),
        folder=files.ledger_is_folder,
        create_folder=files.plan_is_packaged and ledger is None,
    )
    warn_discarded(result)
    from kpi_cli.reports.reviews import headline

    if not result.rows:
        print(f"unchanged: {found.name} [{found.id}] {headline(p, review)}; nothing written")
        return
    written = result.rows[0]
    print(f"reviewed: {found.name} [{found.id}] {headline(p, review)} → {written.file}:{written.line}")
    if stage == "draft":
        print("kpi: a draft; add --reviewed-on DATE once the 地域づくり連携会議 has reviewed it", file=sys.stderr)


def _sections(path: Path) -> dict[str, str]:
    """## 取組状況 / ## 成果・課題 / ## 今後の取組 sections of a text file."""
    from kpi_cli.errors import InputError

    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path} as UTF-8 text ({type(exc).__name__}); save it as UTF-8") from None
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = line.strip().lstrip("#").strip() if line.lstrip().startswith("#") else None
        if heading is not None:
            current = next((k for k, names in TEXT_HEADINGS.items() if heading in names), None)
            if current is None:
                raise InputError(f"{path}: unknown section '{heading}'; use ## 取組状況, ## 成果・課題, ## 今後の取組")
            found[current] = []
        elif current is not None:
            found[current].append(line)
    if not found:
        raise InputError(f"{path}: no sections; start them with ## 取組状況, ## 成果・課題, ## 今後の取組")
    return {k: "\n".join(v).strip("\n") for k, v in found.items()}
