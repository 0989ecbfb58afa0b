"""A ledger's problems as lines for people: rows re-saved by a spreadsheet and a git merge's
conflict summarized per file, every other problem with its place."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kpi_cli.i18n.msg import Msg
from kpi_cli.ledger.format import Problem


def summarize(problems: list[Problem], *, folder: bool = False) -> list[Msg]:
    """Problems as lines; rows re-saved by a spreadsheet become one line per file, and so does a
    git merge's conflict (its markers and the rows between them, which cannot all verify).
    ``folder``: the ledger is a folder of writer files already (the advice differs)."""
    out: list[Msg] = []
    resaved: Counter[str] = Counter()
    under: dict[str, list[int]] = {}  # per file, the lines of format 2 rows under a format 1 header
    causes: dict[str, dict[str, None]] = {}  # per file, every row's causes in the order first found
    hunks = _conflicts(problems)
    for file, spans in hunks.items():
        shown = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)
        out.append(
            Msg(
                "{file}: a git merge left conflict markers (lines {lines}) and the rows of one side do not verify; "
                "keep one side (git checkout --ours {file} {file}.head) and record the other side's values again; "
                "two people recorded under the same name: give each their own --by (or KPI_USER), so that each "
                "writes a file of their own that git never has to merge",
                file=file,
                lines=shown,
            )
            if folder
            else Msg(
                "{file}: a git merge left conflict markers (lines {lines}) and the rows of one side do not verify; "
                "keep one side (git checkout --ours {file} {file}.head) and record the other side's values again; "
                "a ledger folder (--ledger data/ledger/) gives each writer a file of its own that git never has "
                "to merge",
                file=file,
                lines=shown,
            )
        )
    for p in problems:
        if any(a <= p.line <= b for a, b in hunks.get(p.file, ())):
            continue
        if p.kind == "resaved":
            resaved[p.file] += 1
            causes.setdefault(p.file, {}).update(dict.fromkeys(p.detail.split(", ")))
        elif p.kind == "header":
            under.setdefault(p.file, []).append(p.line)
        else:
            out.append(p.msg())
    for file, lines in under.items():
        out.append(
            Msg(
                "{file}: {n} rows of ledger format 2 under a format 1 header (lines {lines}; the header was "
                "edited?); the rows are read; run kpi verify --repair to put back the format 2 header",
                file=file,
                n=len(lines),
                lines=_spans(lines),
            )
            if len(lines) > 1
            else Problem(file, lines[0], HEADER_ROW, "header").msg()
        )
    for file, n in resaved.items():
        out.append(
            Msg(
                "{file}: {n} rows re-saved by a spreadsheet ({causes}); their content is intact; run kpi verify "
                "--repair to restore kpi's own form (the file as found is kept beside it)",
                file=file,
                n=n,
                causes=", ".join(causes[file]),
            )
            if n > 1
            else Msg(
                "{file}: 1 row re-saved by a spreadsheet ({causes}); its content is intact; run kpi verify "
                "--repair to restore kpi's own form (the file as found is kept beside it)",
                file=file,
                causes=", ".join(causes[file]),
            )
        )
    return out


HEADER_ROW = Msg(
    "a row of ledger format 2 under a format 1 header (the header was edited?); the row is read; "
    "run kpi verify --repair to put back the format 2 header"
)


def _spans(lines: list[int]) -> str:
    """Line numbers as runs: 2-4, 9, 12."""
    runs: list[list[int]] = []
    for n in sorted(lines):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in runs)


def _conflicts(problems: list[Problem]) -> dict[str, list[tuple[int, int]]]:
    """Per file, the line spans of git's conflicts: from a marker to the next >>>>>>> (or to the
    last marker, when the closing one is missing)."""
    spans: dict[str, list[list[int]]] = {}  # [first line, last line, closed]
    for p in sorted((p for p in problems if p.kind == "conflict"), key=lambda p: (p.file, p.line)):
        found = spans.setdefault(p.file, [])
        if not found or found[-1][2]:
            found.append([p.line, p.line, 0])
        found[-1][1] = p.line
        if p.detail == ">>>>>>>":
            found[-1][2] = 1
    return {file: [(first, last) for first, last, _ in found] for file, found in spans.items()}


def skipped_file(ledger: Path, name: str) -> Msg:
    return Msg("{ledger}: {name}: not a kpi writer file; skipped", ledger=ledger, name=name)
