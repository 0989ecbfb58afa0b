"""A cache of validated plans, so that most calls skip TOML parsing and validation.

Reading and checking the shipped plan costs ~9 ms (tomllib is pure Python);
kpi is called many times from shell loops. The cache holds, per plan file, the
exact bytes it was built from and the validated model in ``marshal`` form; it
is used only when the file's bytes are identical. Any trouble with the cache
(missing, unreadable, stale, another kpi version) means it is simply rebuilt:
it can never change what a command does, only how fast.

Set KPI_NO_CACHE=1 to bypass it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from kpi_cli import __version__
from kpi_cli.core import model
from kpi_cli.files import cache_dir, read_own

_FORMAT = 1
_CLASSES = {
    cls.__name__: cls
    for cls in (
        model.Edition,
        model.Region,
        model.Office,
        model.Baseline,
        model.Target,
        model.Period,
        model.Revision,
        model.Source,
        model.Kpi,
        model.Project,
        model.RatingBands,
        model.Term,
        model.Vocabulary,
        model.Plan,
    )
}


def _shape() -> tuple[Any, ...]:
    """The cache format and every model class's fields: a model change makes old entries stale."""
    return (_FORMAT, *((name, cls._fields) for name, cls in _CLASSES.items()))


def _entry(path: Path) -> Path:
    key = os.fsencode(path.resolve()).hex()[-96:]  # a cp932-named folder is bytes, not UTF-8
    return cache_dir() / f"plan-{key}.marshal"


def _to_data(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return ("D", str(obj))
    name = type(obj).__name__
    if name in _CLASSES:
        return ("R", name, [_to_data(v) for v in obj])
    if isinstance(obj, tuple):
        return ("T", [_to_data(v) for v in obj])
    return obj


def _from_data(data: Any) -> Any:
    """The model from ``_to_data``'s form; a plain value (most are) is taken as it is, without a call."""
    if data.__class__ is not tuple:
        return data
    tag = data[0]
    if tag == "R":
        return _CLASSES[data[1]](*[_from_data(v) if v.__class__ is tuple else v for v in data[2]])
    if tag == "T":
        return tuple([_from_data(v) if v.__class__ is tuple else v for v in data[1]])
    if tag == "D":
        return Decimal(data[1])
    return data


def load(path: Path, content: bytes) -> model.Plan | None:
    """The cached plan for exactly these file bytes, or None."""
    if os.environ.get("KPI_NO_CACHE"):
        return None
    try:
        raw = read_own(_entry(path))
        # The user's own entry (not another user's), written only by kpi.
        fmt, version, cached_content, data = marshal.loads(raw)  # noqa: S302
        if fmt != _shape() or version != __version__ or cached_content != content:
            return None
        plan = _from_data(data)
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
        return None
    return plan if isinstance(plan, model.Plan) else None


def store(path: Path, content: bytes, plan: model.Plan) -> None:
    """Remember a validated plan; failures are ignored (the cache is only a speed-up)."""
    if os.environ.get("KPI_NO_CACHE"):
        return
    try:
        entry = _entry(path)
    except OSError:  # (no cache folder)
        return
    tmp = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps((_shape(), __version__, content, _to_data(plan))))
        tmp.replace(entry)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
