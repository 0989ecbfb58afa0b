"""The plan checker: walks the TOML document and collects one problem line per mistake."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, TypeVar

from kpi_cli.core import years as eras
from kpi_cli.errors import InputError

SCHEMA_VERSION = 1
# Patterns are plain strings: `re` compiles each on first use, so importing costs nothing.
ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_FIX = "use lower-case ASCII letters, digits and single hyphens, e.g. tokachi-food-value-added"
_MISSING = object()
T = TypeVar("T")


class _Checker:
    """Collects problems while walking the TOML document."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, where: str, text: str) -> None:
        self.problems.append(f"{self.path}: {where}: {text}" if where else f"{self.path}: {text}")

    def keys(self, table: dict[str, Any], where: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                import difflib

                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
                self.problem(f"{where}.{key}" if where else key, f"unknown key '{key}'; {hint}")

    def get(
        self,
        table: dict[str, Any],
        where: str,
        key: str,
        kind: type[T] | tuple[type, ...],
        *,
        required: bool = True,
        default: Any = None,
    ) -> Any:
        loc = f"{where}.{key}" if where else key
        value = table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.problem(loc, f"missing; add {key} = {_EXAMPLES.get(key) or _example(kind)}")
            return default
        if isinstance(value, bool) or not isinstance(value, kind):
            self.problem(loc, f"must be {_kind_name(kind)}, not {_kind_name(type(value))} ({value!r})")
            return default
        return value

    def text(self, table: dict[str, Any], where: str, key: str, *, required: bool = True) -> str:
        value = self.get(table, where, key, str, required=required, default="")
        return str(value)

    def number(self, table: dict[str, Any], where: str, key: str) -> Decimal | None:
        value = self.get(table, where, key, (int, Decimal), default=None)
        if value is None:
            return None
        number = Decimal(value)
        from kpi_cli.core.decimals import bound_problem

        problem = bound_problem(number)
        if problem:
            self.problem(f"{where}.{key}", f"{problem}; check the number")
            return None
        return number

    def year(self, table: dict[str, Any], where: str, key: str, *, required: bool = True) -> int | None:
        value = self.get(table, where, key, int, required=required, default=None)
        if value is None:
            return None
        if not eras.HEISEI_START <= value <= eras.MAX_YEAR:
            self.problem(
                f"{where}.{key}",
                f"{value} is not a fiscal year between {eras.HEISEI_START} and {eras.MAX_YEAR}; "
                "write the Western year, e.g. 2019 for R1",
            )
            return None
        return int(value)

    def choice(self, table: dict[str, Any], where: str, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.get(table, where, key, str, required=False, default=default)
        if value not in choices:
            self.problem(f"{where}.{key}", f"'{value}' is not one of {', '.join(choices)}")
            return default
        return str(value)

    def ident(self, table: dict[str, Any], where: str) -> str:
        value = self.text(table, where, "id")
        if value and not re.match(ID_RE, value):
            self.problem(f"{where}.id", f"'{value}' is not a valid id; {_ID_FIX}")
        return value

    def table_list(self, doc: dict[str, Any], where: str, key: str) -> list[dict[str, Any]]:
        loc = f"{where}.{key}" if where else key
        value = doc.get(key, _MISSING)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(loc, f"must be an array of tables ([[{key}]])")
            return []
        return value

    def str_list(self, table: dict[str, Any], where: str, key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{where}.{key}", 'must be a list of strings, e.g. ["..."]')
            return ()
        return tuple(value)

    def label_year(self, where: str, label: str, years: tuple[int, int]) -> None:
        """A printed label that reads as a year or range must agree with the years."""
        if not label:
            return
        try:
            if re.search(r"[～~〜]", label):
                got = eras.parse_range(label)
            else:
                y = eras.parse_year(label)
                got = (y, y)
        except InputError:
            return  # free text such as （累計）
        if got != years:
            shown = str(years[0]) if years[0] == years[1] else f"{years[0]}..{years[1]}"
            read = str(got[0]) if got[0] == got[1] else f"{got[0]}..{got[1]}"
            self.problem(
                f"{where}.label",
                f"label '{label}' reads as {read} but the year is {shown}; correct one of them",
            )


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {
        str: "a string",
        int: "an integer",
        Decimal: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }
    out = []
    for k in kinds:
        name = names.get(k, k.__name__)
        if name not in out:
            out.append(name)
    return " or ".join(out)


_EXAMPLES = {
    "target": "{ value = 1440, year = 2019 }",
    "baseline": "{ value = 1162, year = 2014 }",
    "period": "{ start = 2015, end = 2019 }",
    "edition": '{ name = "...", start_year = 2016 }',
}


def _example(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if str in kinds:
        return '"..."'
    if Decimal in kinds:
        return "a number"
    if int in kinds:
        return "an integer"
    return "a value"


def _duplicates(checker: _Checker, items: list[tuple[str, str]], what: str) -> None:
    seen: dict[str, str] = {}
    for where, ident in items:
        if not ident:
            continue
        if ident in seen:
            checker.problem(f"{where}.id", f"duplicate {what} id '{ident}' (also at {seen[ident]}); make it unique")
        else:
            seen[ident] = where


def _ref(checker: _Checker, where: str, value: str, known: dict[str, str], what: str) -> bool:
    if value in known:
        return True
    import difflib

    close = difflib.get_close_matches(value, list(known), n=3)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else f"known: {', '.join(known)}"
    checker.problem(where, f"unknown {what} '{value}'; {hint}")
    return False
