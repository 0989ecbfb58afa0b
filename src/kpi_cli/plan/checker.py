"""The plan checker: walks the TOML document and collects one problem line per mistake."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, TypeVar

from kpi_cli.core.years import HEISEI_START, MAX_YEAR, parse_range, parse_year
from kpi_cli.errors import InputError
from kpi_cli.i18n.msg import Msg, either

SCHEMA_VERSION = 1
# Patterns are plain strings: `re` compiles each on first use, so importing costs nothing.
ID_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_MISSING = object()
T = TypeVar("T")


class _Checker:
    """Collects problems while walking the TOML document."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Msg] = []

    def problem(self, where: str, text: Msg) -> None:
        if where:
            self.problems.append(Msg("{path}: {where}: {problem}", path=self.path, where=where, problem=text))
        else:
            self.problems.append(Msg("{path}: {problem}", path=self.path, problem=text))

    def keys(self, table: dict[str, Any], where: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                import difflib

                close = difflib.get_close_matches(key, allowed, n=1)
                hint = (
                    Msg("did you mean {close!r}?", close=close[0])
                    if close
                    else Msg("allowed keys: {keys}", keys=", ".join(allowed))
                )
                self.problem(f"{where}.{key}" if where else key, Msg("unknown key {key!r}; {hint}", key=key, hint=hint))

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
                self.problem(
                    loc, Msg("missing; add {key} = {example}", key=key, example=_EXAMPLES.get(key) or _example(kind))
                )
            return default
        if isinstance(value, bool) or not isinstance(value, kind):
            self.problem(
                loc,
                Msg(
                    "must be {kind}, not {got} ({value!r})",
                    kind=_kind_name(kind),
                    got=_kind_name(type(value)),
                    value=value,
                ),
            )
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
        if problem is not None:
            self.problem(f"{where}.{key}", Msg("{problem}; check the number", problem=problem))
            return None
        return number

    def year(self, table: dict[str, Any], where: str, key: str, *, required: bool = True) -> int | None:
        value = self.get(table, where, key, int, required=required, default=None)
        if value is None:
            return None
        if not HEISEI_START <= value <= MAX_YEAR:
            self.problem(
                f"{where}.{key}",
                Msg(
                    "{value} is not a fiscal year between {low} and {high}; write the Western year, e.g. 2019 for R1",
                    value=value,
                    low=HEISEI_START,
                    high=MAX_YEAR,
                ),
            )
            return None
        return int(value)

    def choice(self, table: dict[str, Any], where: str, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.get(table, where, key, str, required=False, default=default)
        if value not in choices:
            self.problem(
                f"{where}.{key}", Msg("{value!r} is not one of {choices}", value=value, choices=", ".join(choices))
            )
            return default
        return str(value)

    def ident(self, table: dict[str, Any], where: str) -> str:
        value = self.text(table, where, "id")
        if value and not re.match(ID_RE, value):
            self.problem(
                f"{where}.id",
                Msg(
                    "{value!r} is not a valid id; use lower-case ASCII letters, digits and single hyphens, "
                    "e.g. tokachi-food-value-added",
                    value=value,
                ),
            )
        return value

    def table_list(self, doc: dict[str, Any], where: str, key: str) -> list[dict[str, Any]]:
        loc = f"{where}.{key}" if where else key
        value = doc.get(key, _MISSING)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(loc, Msg("must be an array of tables ([[{key}]])", key=key))
            return []
        return value

    def str_list(self, table: dict[str, Any], where: str, key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{where}.{key}", Msg('must be a list of strings, e.g. ["..."]'))
            return ()
        return tuple(value)

    def label_year(self, where: str, label: str, years: tuple[int, int]) -> None:
        """A printed label that reads as a year or range must agree with the years."""
        if not label:
            return
        try:
            if re.search(r"[～~〜]", label):
                got = parse_range(label)
            else:
                y = parse_year(label)
                got = (y, y)
        except InputError:
            return  # free text such as （累計）
        if got != years:
            shown = str(years[0]) if years[0] == years[1] else f"{years[0]}..{years[1]}"
            read = str(got[0]) if got[0] == got[1] else f"{got[0]}..{got[1]}"
            self.problem(
                f"{where}.label",
                Msg(
                    "label {label!r} reads as {read} but the year is {shown}; correct one of them",
                    label=label,
                    read=read,
                    shown=shown,
                ),
            )


def _kind_name(kind: type | tuple[type, ...]) -> Msg:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {
        str: Msg("a string"),
        int: Msg("an integer"),
        Decimal: Msg("a number"),
        float: Msg("a number"),
        list: Msg("a list"),
        dict: Msg("a table"),
    }
    out: list[object] = []
    for k in kinds:
        name = names.get(k, k.__name__)
        if name not in out:
            out.append(name)
    return either(out)


_EXAMPLES = {
    "target": "{ value = 1440, year = 2019 }",
    "baseline": "{ value = 1162, year = 2014 }",
    "period": "{ start = 2015, end = 2019 }",
    "edition": '{ name = "...", start_year = 2016 }',
}


def _example(kind: type | tuple[type, ...]) -> object:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if str in kinds:
        return '"..."'
    if Decimal in kinds:
        return Msg("a number")
    if int in kinds:
        return Msg("an integer")
    return Msg("a value")


def _duplicates(checker: _Checker, items: list[tuple[str, str]], what: Msg) -> None:
    seen: dict[str, str] = {}
    for where, ident in items:
        if not ident:
            continue
        if ident in seen:
            checker.problem(
                f"{where}.id",
                Msg(
                    "duplicate {what} id {ident!r} (also at {first}); make it unique",
                    what=what,
                    ident=ident,
                    first=seen[ident],
                ),
            )
        else:
            seen[ident] = where


def _ref(checker: _Checker, where: str, value: str, known: dict[str, str], what: Msg) -> bool:
    if value in known:
        return True
    import difflib

    close = difflib.get_close_matches(value, list(known), n=3)
    hint = (
        Msg("did you mean {names}?", names=either(repr(c) for c in close))
        if close
        else Msg("known: {names}", names=", ".join(known))
    )
    checker.problem(where, Msg("unknown {what} {value!r}; {hint}", what=what, value=value, hint=hint))
    return False
