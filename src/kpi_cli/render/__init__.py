"""Renderers: one per output format. The CLI picks one from ``FORMATS``.

Machine formats (csv, tsv, json, ndjson) carry raw numbers under stable ASCII
column names; the table and markdown carry Japanese labels and formatting.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TextIO

from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg


class Format(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    ndjson = "ndjson"
    markdown = "markdown"
    xlsx = "xlsx"


MACHINE = frozenset({Format.csv, Format.tsv, Format.json, Format.ndjson})
SUFFIX_FORMATS = {
    ".csv": Format.csv,
    ".tsv": Format.tsv,
    ".json": Format.json,
    ".ndjson": Format.ndjson,
    ".jsonl": Format.ndjson,
    ".md": Format.markdown,
    ".xlsx": Format.xlsx,
}


def format_of(path: Path) -> Format:
    """The format an --output file's extension names (a text table is never guessed)."""
    found = SUFFIX_FORMATS.get(path.suffix.lower())
    if found is None:
        known = " ".join(SUFFIX_FORMATS)
        raise InputError(
            Msg(
                "cannot tell the format of --output {name} from its extension; use {known} or add --format",
                name=path.name,
                known=known,
            )
        )
    return found


def choose(explicit: Format | None, stream: TextIO, output: Path | None = None, *, excel: bool = False) -> Format:
    """An explicit --format wins; then the --output file's extension; --excel means CSV;
    otherwise a table on a terminal and CSV in a pipe."""
    if explicit is not None:
        return explicit
    if output is not None:
        return format_of(output)
    if excel:
        return Format.csv
    return Format.table if is_terminal(stream) else Format.csv


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
