"""kpi review add: record a project's review for a fiscal year (評価, 今後の方向性, and the texts)."""

# No `from __future__ import annotations` here: Typer reads these signatures at run time.
from pathlib import Path
from typing import Annotated, Optional

import typer

from kpi_cli.commands.options import ByOpt, DryRunOpt, LedgerOpt, PlanOpt, ReviewCorrectOpt, complete_project
from kpi_cli.commands.session import Session
from kpi_cli.core.years import era_and_western, parse_year
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.import_file import read_input_file
from kpi_cli.ledger.record import Options
from kpi_cli.ledger.review_input import MAX_REVIEW_TEXT, TEXT_HEADINGS, make_review, review_entry
from kpi_cli.reports.reviews import headline

NAMES = {
    "year": "YEAR",
    "reviewed_on": "--reviewed-on",
    "assessment": "--assessment",
    "direction": "--direction",
    "actions": "--actions",
    "results": "--results",
    "next": "--next",
}


def command(
    ctx: typer.Context,
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
    correct: ReviewCorrectOpt = False,
    dry_run: DryRunOpt = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Record a project's review for a fiscal year; a later review of the same year supersedes it.

    A review the 地域づくり連携会議 approved (--reviewed-on) is replaced only with --correct.

    \b
    Examples:
      kpi review add tokachi-food-hub R2 -a 概ね順調に展開 -d 継続 --from 十勝-R2-食.md
      kpi review add tokachi-food-hub R2 -a continue_with_issues -d expand --reviewed-on 2021-02-15
      kpi review add tokachi-food-hub R2 -a on_course -d continue --reviewed-on 2021-02-15 --correct
    """
    s = Session.open(ctx, plan, ledger, writes=not dry_run)
    texts = {"actions": actions, "results": results, "next": next_steps}
    if from_file is not None:
        given = next((key for key, value in texts.items() if value), None)
        if given is not None:
            raise InputError(
                Msg(
                    "--from and {option} cannot be used together; write the text as ## {heading} in {path}",
                    option=NAMES[given],
                    heading=TEXT_HEADINGS[given][0],
                    path=from_file,
                )
            )
        texts.update(_sections(from_file))
    review = make_review(
        s.plan,
        project=project,
        year=parse_year(year),
        current_fy=s.env.current_fy(),
        assessment=assessment,
        direction=direction,
        texts=texts,
        reviewed_on=reviewed_on or "",
        office=office,
        names=NAMES,
        today=s.env.now_iso()[:10],
    )
    done = s.record([review_entry(review, s.env.now_iso(), s.recorder(by))], Options(correct=correct), dry_run=dry_run)
    found = s.plan.project(review.project_id)
    what = Msg(
        "{name} [{id}] {year} {headline}",
        name=found.name,
        id=found.id,
        year=era_and_western(review.year),
        headline=headline(s.plan, review),
    )
    if done.linked.unchanged:
        s.say(Msg("unchanged: {what}; nothing written", what=what))
        return
    if done.dry_run:
        s.say(Msg("dry run: would record the review {what}; nothing written", what=what))
        return
    s.say(Msg("reviewed: {what} → {place}", what=what, place=f"{done.rows[0].file}:{done.rows[0].line}"))
    if review.stage == "draft":
        s.note(Msg("a draft; add --reviewed-on DATE once the 地域づくり連携会議 has reviewed it"))


def _sections(path: Path) -> dict[str, str]:
    """## 取組状況 / ## 成果・課題 / ## 今後の取組 sections of a text file."""
    data, _shown, _forced = read_input_file(str(path), "", None)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Msg("cannot read {path} as UTF-8 text; save it as UTF-8", path=path)) from None
    found: dict[str, list[str]] = {}
    started: dict[str, tuple[int, str]] = {}  # where each section began, and its heading as written
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        heading = line.strip().lstrip("#").strip() if line.lstrip().startswith("#") else None
        if heading is not None:
            current = next((k for k, names in TEXT_HEADINGS.items() if heading in names), None)
            if current is None:
                raise InputError(
                    Msg(
                        "{path}: unknown section {heading!r}; use ## 取組状況, ## 成果・課題, ## 今後の取組",
                        path=path,
                        heading=heading,
                    )
                )
            if current in started:
                first, written = started[current]
                raise InputError(
                    Msg(
                        "{path}:{line}: the section ## {heading} again (first at line {first}, ## {written}); keep one",
                        path=path,
                        line=number,
                        heading=heading,
                        first=first,
                        written=written,
                    )
                )
            started[current] = (number, heading)
            found[current] = []
        elif current is not None:
            found[current].append(line)
    if not found:
        raise InputError(
            Msg("{path}: no sections; start them with ## 取組状況, ## 成果・課題, ## 今後の取組", path=path)
        )
    sections = {k: "\n".join(v).strip("\n") for k, v in found.items()}
    for key, value in sections.items():
        if len(value) > MAX_REVIEW_TEXT:  # said with the file's own heading, not an option not given
            raise InputError(
                Msg(
                    "{path}: the section ## {heading} has {n} characters, more than the {limit} a review keeps; "
                    "shorten it",
                    path=path,
                    heading=TEXT_HEADINGS[key][0],
                    n=len(value),
                    limit=MAX_REVIEW_TEXT,
                )
            )
    return sections
