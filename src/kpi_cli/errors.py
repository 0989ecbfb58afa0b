"""The one exception family of kpi.

Core and I/O code raise these with a message written for the user (what is wrong and how
to fix it), as a ``Msg`` so that it can be said in the user's language. The CLI catches
them once, prints each line on stderr and exits with the class's ``exit_code``.

Exit codes: 0 done, 1 ``kpi verify`` found problems, 2 bad input or an error that changed
nothing, 3 ``--fail-on`` hit, 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpi_cli.i18n.msg import Msg


class KpiError(Exception):
    """A user-facing problem: bad input, bad plan, bad ledger."""

    exit_code = 2

    def __init__(self, message: Msg, *, details: Sequence[Msg] = ()) -> None:
        super().__init__(message.template)
        self.message = message
        self.details: list[Msg] = list(details)

    def __str__(self) -> str:
        return str(self.message)

    def lines(self, ja: bool = False) -> list[str]:
        """The lines to print on stderr: the message, then one per detail."""
        return [m.text(ja) for m in (self.message, *self.details)]


class InputError(KpiError):
    """A value, year, id or option the user typed is not acceptable."""


class PlanError(KpiError):
    """The plan file cannot be read or is not valid; one detail per problem."""


class LedgerError(KpiError):
    """The ledger cannot be read or written."""


class VerifyFailed(KpiError):
    """`kpi verify` found problems (already printed as details)."""

    exit_code = 1


class FailOnHit(KpiError):
    """--fail-on or --fail-on-missing: the condition asked about holds (exit 3)."""

    exit_code = 3


class OutputFailed(KpiError):
    """stdout cannot be written (a full device, an I/O error)."""


class PipeClosed(KpiError):
    """The reader of stdout went away (`kpi status | head -1`): stop quietly."""

    exit_code = 0

    def __init__(self) -> None:
        super().__init__(Msg("the reader of stdout went away"))

    def lines(self, ja: bool = False) -> list[str]:
        return []
