"""The one exception family of kpi.

Core and I/O code raise these with a message written for the user (what is
wrong and how to fix it). The CLI catches them once, prints each line on
stderr and exits with ``exit_code``. Nothing else turns into an exit.
"""

from __future__ import annotations


class KpiError(Exception):
    """A user-facing problem: bad input, bad plan, bad ledger."""

    exit_code = 2

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        # Exit codes: 1 = verify found problems, 2 = user error, 3 = --fail-on hit.
        self.message = message
        self.details: list[str] = list(details or [])

    def lines(self) -> list[str]:
        """The lines to print on stderr: the message, then one per detail; a quoted input longer
        than a line is cut (a 20,000-character id is not worth 20,000 characters of error)."""
        return [_shortened(line) for line in (self.message, *self.details)]


LONG_QUOTE = 80  # characters of a quoted input kept whole in a message


def _shortened(line: str) -> str:
    if len(line) <= LONG_QUOTE:
        return line
    import re

    quoted = r"(?<![\w'])'([^'\n]{" + str(LONG_QUOTE + 1) + r",})'(?![\w'])"  # not an apostrophe (year's)
    return re.sub(quoted, lambda m: f"'{m.group(1)[: LONG_QUOTE - 20]}…'", line)


class InputError(KpiError):
    """A value, year, id or option the user typed is not acceptable."""


class PlanError(KpiError):
    """The plan file cannot be read or is not valid; one detail per problem."""


class LedgerError(KpiError):
    """The ledger cannot be read or written."""


class VerifyFailed(KpiError):
    """`kpi verify` found problems (already printed as details)."""

    exit_code = 1


class PipeClosed(KpiError):
    """The reader of stdout went away (`kpi status | head -1`): stop quietly."""

    exit_code = 0

    def __init__(self) -> None:
        super().__init__("")

    def lines(self) -> list[str]:
        return []
