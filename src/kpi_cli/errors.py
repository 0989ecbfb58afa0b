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
        """The lines to print on stderr: the message, then one per detail."""
        return [self.message, *self.details]


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
