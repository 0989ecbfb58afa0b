"""Renderers: one per output format. The CLI picks one from ``FORMATS``.

Machine formats (csv, tsv, json, ndjson) carry raw numbers under stable ASCII
column names; the table and markdown carry Japanese labels and formatting.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TextIO


class Format(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    ndjson = "ndjson"
    markdown = "markdown"


def choose(explicit: Format | None, stream: TextIO) -> Format:
    """An explicit --format wins; otherwise a table on a terminal and CSV in a pipe."""
    if explicit is not None:
        return explicit
    try:
        return Format.table if stream.isatty() else Format.csv
    except (AttributeError, ValueError):
        return Format.csv
