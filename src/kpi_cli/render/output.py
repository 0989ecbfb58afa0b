"""Send a report to its destination in the chosen format."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from kpi_cli.errors import InputError, PipeClosed
from kpi_cli.i18n.msg import Msg
from kpi_cli.render import Format
from kpi_cli.render.machine import JSON_SCHEMA_VERSION, text_bytes, write_delimited, write_json, write_ndjson
from kpi_cli.streams import Env

if TYPE_CHECKING:
    from kpi_cli.render.xlsx import Sheet

Record = Mapping[str, Any]


class HumanView:
    """What people see: Japanese headers and formatted cells (a table, or markdown)."""

    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        right: frozenset[int] = frozenset(),  # columns aligned right (numbers)
        no_wrap: frozenset[int] = frozenset(),
        title: str | None = None,
        caption: str | None = None,
        draw: Callable[[TextIO], None] | None = None,  # a custom table drawer (status)
        stack_id: bool = False,  # column 0 is an id that may go under column 1 (its name) when narrow
        below: int = 0,  # how many last columns (free text) may go on a line under their row when narrow
        id_column: int | None = None,  # a column of ids that may go on a line above each row when narrow
        optional: frozenset[int] = frozenset(),  # columns left out when narrow (they say nothing new)
    ) -> None:
        self.headers = headers
        self.rows = rows
        self.right = right
        self.no_wrap = no_wrap
        self.title = title
        self.caption = caption
        self.draw = draw
        self.stack_id = stack_id
        self.below = below
        self.id_column = id_column
        self.optional = optional


def markdown(view: HumanView, stream: TextIO) -> None:
    def esc(text: str) -> str:
        """Cell text as text: no table breaks, no HTML, no links or remote images."""
        for raw, safe in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("[", "\\["), ("]", "\\]")):
            text = text.replace(raw, safe)
        return text.replace("\n", "<br>")

    if view.title:
        stream.write(f"**{esc(view.title)}**\n\n")
    stream.write("| " + " | ".join(esc(h) for h in view.headers) + " |\n")
    stream.write("|" + "|".join("---:" if i in view.right else "---" for i in range(len(view.headers))) + "|\n")
    for row in view.rows:
        stream.write("| " + " | ".join(esc(c) for c in row) + " |\n")
    if view.caption:
        stream.write(f"\n{esc(view.caption)}\n")


def draw_table(view: HumanView, stream: TextIO) -> None:
    if view.draw is not None:
        view.draw(stream)
        return
    from kpi_cli.render.table import Column, print_rows

    columns = [
        Column(h, justify="right" if i in view.right else "left", no_wrap=i in view.no_wrap)
        for i, h in enumerate(view.headers)
    ]
    print_rows(
        stream,
        columns,
        view.rows,
        title=view.title,
        caption=view.caption,
        stack_id=view.stack_id,
        below=view.below,
        id_column=view.id_column,
        optional=view.optional,
    )


def write(
    stream: TextIO,
    fmt: Format,
    *,
    records: Iterable[Record],
    columns: Sequence[str],
    key: str,
    human: Callable[[], HumanView],
    meta: Mapping[str, Any] | None = None,
    excel: bool = False,
    schema_version: int = JSON_SCHEMA_VERSION,
) -> None:
    if fmt is Format.csv:
        write_delimited(records, columns, stream, excel=excel)
    elif fmt is Format.tsv:
        write_delimited(records, columns, stream, delimiter="\t", excel=excel)
    elif fmt is Format.json:
        write_json(records, columns, key, stream, meta=meta, schema_version=schema_version)
    elif fmt is Format.ndjson:
        write_ndjson(records, columns, stream, schema_version=schema_version)
    elif fmt is Format.markdown:
        markdown(human(), stream)
    else:
        draw_table(human(), stream)


class Out(NamedTuple):
    """Where and how a command's report is written: its streams, --format (None: chosen), --output, --excel, and
    the files an --output must never replace (the plan and ledger in use)."""

    env: Env
    format: Format | None
    output: Path | None = None
    excel: bool = False
    protected: Sequence[Path] = ()


def emit(
    out: Out,
    *,
    records: Sequence[Record],
    columns: Sequence[str],
    key: str,
    human: Callable[[], HumanView],
    meta: Mapping[str, Any] | None = None,
    sheets: Callable[[], Sequence[Sheet]] | None = None,
    noun: Msg | None = None,
    schema_version: int = JSON_SCHEMA_VERSION,
) -> Format:
    """Write to stdout, or to ``output`` (whole file at once); return the format chosen.

    The format: an explicit --format, else the extension of --output, else CSV for --excel,
    else a table on a terminal and CSV in a pipe. Machine formats reach stdout as UTF-8 bytes
    whatever the console's encoding (cp932 on Japanese Windows); a CSV file gets a BOM (for a double
    click in Excel), stdout none; --excel adds a BOM and CRLF.
    """
    from kpi_cli import render

    env, explicit, output, excel, protected = out

    fmt = render.choose(explicit, env.stdout, output, excel=excel)
    if excel and fmt not in (Format.csv, Format.tsv, Format.xlsx):
        raise InputError(
            Msg("--excel applies to csv and tsv, not {format}; add --format csv or drop --excel", format=fmt.value)
        )
    written = Msg("wrote {n} {what} to {output}", n=len(records), what=noun or Msg("rows"), output=output)
    if fmt is Format.xlsx:
        from kpi_cli.render.xlsx import Sheet as SheetType
        from kpi_cli.render.xlsx import workbook_bytes

        chosen = sheets() if sheets is not None else [SheetType(SHEET_TITLES.get(key, key), columns, records)]
        data = workbook_bytes(chosen)
        if output is None:
            if render.is_terminal(env.stdout):
                raise InputError(Msg("an .xlsx workbook is not for the terminal; add --output FILE.xlsx"))
            _stdout_bytes(env, data)
        else:
            write_output(output, data, protected)
            env.note(written)
        return fmt
    if output is None and fmt not in render.MACHINE:
        try:
            write(
                env.stdout,
                fmt,
                excel=excel,
                records=records,
                columns=columns,
                key=key,
                human=human,
                meta=meta,
                schema_version=schema_version,
            )
            env.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
            raise PipeClosed() from None
        return fmt
    buffer = io.StringIO(newline="")
    write(
        buffer,
        fmt,
        excel=excel,
        records=records,
        columns=columns,
        key=key,
        human=human,
        meta=meta,
        schema_version=schema_version,
    )
    data = text_bytes(buffer.getvalue(), csv_file=output is not None and fmt is Format.csv, excel=excel)
    if output is None:
        _stdout_bytes(env, data)
    else:
        write_output(output, data, protected)
        env.note(written)
    return fmt


def _stdout_bytes(env: Env, data: bytes) -> None:
    """Bytes to stdout as they are (not through the console's text encoding)."""
    try:
        env.stdout.flush()
        binary = getattr(env.stdout, "buffer", None)
        if binary is None:  # a text-only stream (tests): the text itself
            env.stdout.write(data.decode("utf-8"))
        else:
            binary.write(data)
            binary.flush()
    except BrokenPipeError:
        silence_stdout()
        raise PipeClosed() from None


# A workbook's sheet as people name it, by the listing's key (the JSON's)
SHEET_TITLES = {
    "rows": "一覧",
    "kpis": "KPI一覧",
    "projects": "プロジェクト一覧",
    "regions": "連携地域一覧",
    "offices": "振興局一覧",
    "reviews": "評価一覧",
    "changes": "評価の変化",
    "missing": "未記録",
    "checks": "点検結果",
}


class Protected(tuple[Path, ...]):
    """The files an --output must never replace, and a check of any other file it would replace (the
    session's: a sheet someone filled in and nobody imported yet is never replaced silently)."""

    check: Callable[[Path], None] | None = None

    @classmethod
    def of(cls, paths: Sequence[Path], check: Callable[[Path], None] | None) -> Protected:
        made = cls(paths)
        made.check = check
        return made


def write_output(output: Path, data: bytes, protected: Sequence[Path] = ()) -> None:
    """An --output file, written whole (unique temporary file, fsync, rename) or not at all.

    Never the plan or ledger in use, nor a file of the ledger folder or a head file; never
    through a link, and never over a device, a FIFO or a socket."""
    import stat

    from kpi_cli.files import OPEN_ELSEWHERE, atomic_write, reason, same_file

    for kept in protected:
        inside = kept.is_dir() and output.resolve().parent == kept.resolve()
        named = output.resolve() == kept.resolve()  # also a ledger that does not exist yet
        if inside or named or same_file(output, kept) or output.name.endswith(".head"):
            raise InputError(
                Msg(
                    "--output {output} is the plan or ledger in use (or part of it); write the output elsewhere",
                    output=output,
                )
            )
    check = getattr(protected, "check", None)
    if check is not None:
        check(output)
    try:
        info = output.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(
            Msg("cannot write {output}: {why}; choose a writable --output path", output=output, why=reason(exc))
        ) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise InputError(
            Msg("--output {output} is a link; give the file itself (kpi does not write through links)", output=output)
        )
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError(Msg("--output {output} is a folder; give a file name", output=output))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise InputError(
            Msg(
                "--output {output} is not a regular file (a device, a FIFO or a socket); give a file name",
                output=output,
            )
        )
    try:
        atomic_write(output, data, follow=False)
    except PermissionError as exc:  # on Windows also a file that Excel has open
        raise InputError(
            Msg("cannot write {output}: {why}; {advice}", output=output, why=reason(exc), advice=OPEN_ELSEWHERE)
        ) from None
    except OSError as exc:
        raise InputError(
            Msg("cannot write {output}: {why}; choose a writable --output path", output=output, why=reason(exc))
        ) from None


def silence_stdout() -> None:
    """Point stdout at the null device so that the final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
