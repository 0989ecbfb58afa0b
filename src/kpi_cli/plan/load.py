"""Loading a plan file: bytes, TOML, validation, through the validated-plan cache."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from kpi_cli.core.model import Plan
from kpi_cli.errors import PlanError
from kpi_cli.files import reason
from kpi_cli.i18n.msg import Msg


def parse_toml(data: bytes, path: str) -> dict[str, Any]:
    """Decode (UTF-8, BOM accepted) and parse TOML, with file:line:column on error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PlanError(Msg("{path}:{line}: not UTF-8 text; save the plan as UTF-8", path=path, line=line)) from None
    import tomllib

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        where = f"{path}:{m.group(1)}:{m.group(2)}" if m else path
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) if m else msg
        if reason == msg and "end of document" in msg:
            where = f"{path}:{text.count(chr(10)) + 1}"
        raise PlanError(
            Msg("{where}: not valid TOML: {reason}; fix the syntax there", where=where, reason=reason)
        ) from None
    except RecursionError:
        raise PlanError(
            Msg("{path}: not valid TOML: arrays or tables nested too deeply; is this the right file?", path=path)
        ) from None


def load_plan(path: Path) -> Plan:
    """Read, parse and validate a plan file."""
    shown = str(path)
    try:
        data = _read_regular(path, shown)
    except FileNotFoundError:
        raise PlanError(
            Msg("plan file {shown} not found; give an existing file with --plan or KPI_PLAN", shown=shown)
        ) from None
    except IsADirectoryError:
        raise PlanError(Msg("plan {shown} is a folder; give the plan's .toml file", shown=shown)) from None
    except OSError as exc:
        raise PlanError(Msg("cannot read plan {shown}: {why}", shown=shown, why=reason(exc))) from None
    from kpi_cli.plan import cache as plan_cache

    cached = plan_cache.load(path, data)
    if cached is not None:
        return cached._replace(source_path=shown)
    from kpi_cli.plan.validate import validate  # only on a cache miss: most calls skip it

    plan = validate(parse_toml(data, shown), shown)
    plan_cache.store(path, data, plan)
    return plan


MAX_PLAN = 16 << 20  # bytes: a plan of every municipality's KPIs is a few MB; more is not a plan


def _read_regular(path: Path, shown: str) -> bytes:
    """A plan file's bytes: a regular file only (a FIFO would hang, a device never end), and not
    larger than any plan."""
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            raise PlanError(
                Msg(
                    "plan {shown} is not a regular file (a device, a FIFO or a socket); give the plan's .toml file",
                    shown=shown,
                )
            )
        if info.st_size > MAX_PLAN:
            raise PlanError(
                Msg(
                    "plan {shown} has {size:,} bytes, more than any plan; is it the right file?",
                    shown=shown,
                    size=info.st_size,
                )
            )
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(MAX_PLAN + 1)
    finally:
        os.close(fd)
