"""CSV, TSV, JSON and NDJSON: raw values under stable snake_case columns."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TextIO

from kpi_cli.core.decimals import plain

Record = Mapping[str, Any]
JSON_SCHEMA_VERSION = 1
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, *, excel: bool = False) -> str:
    """One CSV/TSV cell: numbers raw, lists ';'-joined, None empty."""
    if value.__class__ is str:  # (most cells: no other check)
        text: str = value
    elif value is None:
        return ""
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, (int, Decimal)):
        return plain(value)
    else:
        text = str(";".join(str(v) for v in value) if isinstance(value, (list, tuple)) else value)
    if excel and text.startswith(_FORMULA_STARTS):
        # A text cell that Excel would read as a formula: make it inert.
        return "'" + text
    return text


def write_delimited(
    records: Iterable[Record],
    columns: Sequence[str],
    stream: TextIO,
    *,
    delimiter: str = ",",
    excel: bool = False,
) -> None:
    """Header plus one line per record. ``excel`` adds CRLF and formula neutralizing.

    The BOM for Excel is written by the caller that opens the file.
    """
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n" if excel else "\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([cell(record.get(c), excel=excel) for c in columns])


def text_bytes(text: str, *, csv_file: bool, excel: bool) -> bytes:
    """A machine format's text as UTF-8 bytes. A CSV file (``--output x.csv``) and ``--excel`` start
    with a byte order mark, so that Excel on Japanese Windows reads the file as UTF-8 when it is
    double-clicked (without it, Excel reads cp932: 文字化け); CSV on stdout, for pipelines, and
    every other format have none. A path with bytes that are not UTF-8 is written as text (fs_text)."""
    from kpi_cli.files import fs_text

    return fs_text(text).encode("utf-8-sig" if csv_file or excel else "utf-8")


def json_value(value: Any) -> Any:
    """Ready for ``dumps``: integral decimals as ints (exact at any size), other decimals kept
    as Decimal for ``dumps`` to write as exact literals; tuples as lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, (tuple, list)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


_EXACT = "\x00exact:"  # marks a decimal inside the encoder's output; NUL never reaches a kpi string


def _exact(value: object) -> str:
    if isinstance(value, Decimal) and value.is_finite():
        return _EXACT + plain(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def dumps(doc: Any, *, indent: int | None = None) -> str:
    """JSON with every number exact: 1372.6 as the literal 1372.6, 12345678901234567 as such,
    never a float's rounding and never Infinity or NaN."""
    import json
    import re

    text = json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False, default=_exact)
    return re.sub(r'"\\u0000exact:(-?[0-9.]+)"', r"\1", text)


def write_json(
    records: Iterable[Record],
    columns: Sequence[str],
    key: str,
    stream: TextIO,
    *,
    meta: Mapping[str, Any] | None = None,
    schema_version: int = JSON_SCHEMA_VERSION,
) -> None:
    """{"schema_version": 1, <meta>, key: [records]}, keys in column order (a listing whose
    records changed shape gives its own ``schema_version``)."""

    doc: dict[str, Any] = {"schema_version": schema_version}
    doc.update(json_value(dict(meta or {})))
    doc[key] = [{c: json_value(r.get(c)) for c in columns} for r in records]
    stream.write(dumps(doc, indent=2) + "\n")


def write_ndjson(
    records: Iterable[Record], columns: Sequence[str], stream: TextIO, *, schema_version: int = JSON_SCHEMA_VERSION
) -> None:
    """One JSON object per line, each carrying schema_version."""

    for r in records:
        row = {"schema_version": schema_version}
        row.update({c: json_value(r.get(c)) for c in columns})
        stream.write(dumps(row) + "\n")
