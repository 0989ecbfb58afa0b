"""The `kpi` command line: parse options, call the core, hand results to a renderer.

KpiError is caught once, in ``main``; nothing else exits.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpi_cli.errors import KpiError

if TYPE_CHECKING:
    import typer

HELP = """Track the KPIs of Hokkaido's 連携地域別政策展開方針 (regional policy plans).

The plan is a TOML file; yearly actual values go into an append-only CSV ledger.
Set KPI_PLAN / KPI_LEDGER (or --plan / --ledger) to use other files."""

_APP_SETTINGS: dict[str, Any] = {
    "rich_markup_mode": None,  # plain Click help and errors: importing Rich costs ~60 ms per call
    "pretty_exceptions_enable": False,
    "add_completion": False,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}
# Which module holds each command (in the order of `kpi --help`). A call to one command
# imports and builds only that one: Typer inspects every function it registers (~10 ms
# for all of them), and each module imported costs time too.
COMMANDS: dict[str, str] = {
    "status": "status",
    "export": "export",
    "show": "show",
    "report": "report",
    "record": "record",
    "import": "import_",
    "template": "template",
    "missing": "missing",
    "void": "void",
    "history": "history",
    "verify": "verify",
    "regions": "regions",
    "projects": "projects",
    "kpis": "kpis",
    "completion": "completion",
}
PLAN_COMMANDS: dict[str, str] = {
    "check": "plan_check",
    "init": "plan_init",
    "add-project": "plan_add_project",
    "add-kpi": "plan_add_kpi",
    "revise": "plan_revise",
    "import": "plan_import",
}
REVIEW_COMMANDS: dict[str, str] = {
    "add": "review_add",
    "list": "review_list",
    "template": "review_template",
    "import": "review_import",
}
GROUPS: dict[str, tuple[dict[str, str], str]] = {
    "plan": (PLAN_COMMANDS, "Check, start and edit plan files."),
    "review": (REVIEW_COMMANDS, "Project reviews (評価, 今後の方向性) for the 地域づくり連携会議."),
}


def resolve(module_name: str) -> Callable[..., None]:
    """The function of a command, importing its module (one module per command)."""
    from importlib import import_module

    module = import_module(f"kpi_cli.commands.{module_name}")
    fn: Callable[..., None] = module.command
    from kpi_cli import streams

    if streams.JAPANESE["messages"] or _ENGLISH:
        _localize(fn, streams.JAPANESE["messages"])
    return fn


# The English of every help text put into Japanese, by (object, attribute), so that a later call
# in the same process (the tests, a program running the CLI in-process) in English gets it back.
_ENGLISH: dict[tuple[int, str], tuple[object, str]] = {}


def _localize(fn: Callable[..., None], ja: bool) -> None:
    """A command's help in the language of this call: its docstring and its options' help (from
    the catalog). Options' help objects are shared between commands, so each text is kept once."""
    import typing

    from kpi_cli.i18n import help_text

    targets: list[tuple[object, str]] = [(fn, "__doc__")]
    for hint in typing.get_type_hints(fn, include_extras=True).values():
        targets.extend((meta, "help") for meta in getattr(hint, "__metadata__", ()))
    for obj, attr in targets:
        text = getattr(obj, attr, None)
        if not isinstance(text, str):
            continue
        key = (id(obj), attr)
        if key not in _ENGLISH:
            if not ja:
                continue
            _ENGLISH[key] = (obj, text)  # (the object too: its id stays its own while it lives)
        english = _ENGLISH[key][1]
        setattr(obj, attr, (help_text(english.strip()) if attr == "__doc__" else help_text(english)) if ja else english)


def full_app() -> typer.Typer:
    import typer

    from kpi_cli import streams
    from kpi_cli.i18n import help_text

    ja = streams.JAPANESE["messages"]
    app = typer.Typer(help=_help(HELP, ja), no_args_is_help=True, **_APP_SETTINGS)
    for name, where in COMMANDS.items():
        app.command(name)(resolve(where))
    for group, (table, text) in GROUPS.items():
        sub = typer.Typer(help=help_text(text) if ja else text, no_args_is_help=True, **_APP_SETTINGS)
        for name, where in table.items():
            sub.command(name)(resolve(where))
        app.add_typer(sub, name=group)
    return app


def _help(text: str, ja: bool) -> str:
    if not ja:
        return text
    from kpi_cli.i18n import help_text

    return help_text(text)


def build_app(args: list[str]) -> tuple[typer.Typer, list[str], str]:
    """The app for this call, its arguments and program name (only the command asked for)."""
    import typer

    table, rest, prog = COMMANDS, args, "kpi"
    if args[:1] and args[0] in GROUPS:
        table, rest, prog = GROUPS[args[0]][0], args[1:], f"kpi {args[0]}"
    if rest and rest[0] in table:
        single = typer.Typer(**_APP_SETTINGS)
        single.command(rest[0])(resolve(table[rest[0]]))
        return single, rest[1:], f"{prog} {rest[0]}"
    return full_app(), args, "kpi"


# --------------------------------------------------------------------- entry


def _version() -> str:
    """``kpi --version``: the version, and the plan and ledger a call from here would use."""
    from kpi_cli import __version__

    files = _files_in_use()
    return f"kpi {__version__} (Python {sys.version.split()[0]})" + (f"\n{files}" if files else "")


def _help_epilog() -> str:
    """The last line of ``kpi --help`` (in the user's language before Click wraps it)."""
    from kpi_cli import streams

    files = _files_in_use()
    if not files:
        return ""
    if streams.JAPANESE["messages"]:
        from kpi_cli.i18n.ja import CLICK

        return f"{CLICK['Files in use:']} {files}"
    return f"Files in use: {files}"


def _files_in_use() -> str:
    """The plan and the ledger a call from here would use, in the user's language."""
    from kpi_cli.locations import resolve

    try:
        files = resolve(
            Path(os.environ["KPI_PLAN"]) if os.environ.get("KPI_PLAN") else None,
            os.environ.get("KPI_LEDGER") or None,
        )
    except OSError:  # pragma: no cover - cannot stat the current folder
        return ""
    from kpi_cli import streams

    if streams.JAPANESE["messages"]:
        from kpi_cli.i18n.ja import FILES_IN_USE, SHIPPED

        return FILES_IN_USE.format(
            plan=files.plan, shipped=SHIPPED if files.plan_is_packaged else "", ledger=files.ledger
        )
    shipped = " (shipped with kpi)" if files.plan_is_packaged else ""
    return f"plan {files.plan}{shipped}; ledger {files.ledger}"


def _console_safe() -> None:
    """Text a console cannot show (㎥ or an emoji on cp932) becomes '?' instead of a traceback.

    Machine formats do not pass through here: they reach stdout as UTF-8 bytes."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a closed or odd stream: leave it
            reconfigure(errors="replace")


INTERRUPTED = 130


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turn every error into one line per problem on stderr.

    Exit codes: 0 done (also when the reader of stdout went away), 1 verify found problems,
    2 bad input or an error that changed nothing, 3 --fail-on hit, 130 interrupted."""
    from kpi_cli import streams

    saved = (sys.stdout, sys.stderr)
    streams.guard()
    try:
        status = _run(sys.argv[1:] if argv is None else argv)
    finally:
        if argv is not None:  # called in-process (tests): give the caller its streams back
            streams.unguard(saved)
    if argv is None:
        _exit_now(status)
    sys.exit(status)


def _run(args: list[str]) -> int:
    import gc

    from kpi_cli import streams

    gc.disable()  # a short-lived process: the cyclic collector only costs time here
    streams.COMMITTED.clear()
    _language(args)
    try:
        code = _call(args)
    except streams.OutputFailed as exc:
        return _after_output_error(exc, streams.COMMITTED)
    except KpiError as exc:
        for line in exc.lines():
            print(f"kpi: {line}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        done = f"; {', '.join(streams.COMMITTED)} was written before that (kpi verify checks it)"
        print(f"kpi: interrupted{done if streams.COMMITTED else ', nothing was written'}", file=sys.stderr)
        return INTERRUPTED
    except ValueError as exc:
        if "null byte" not in str(exc):
            raise
        print("kpi: a file name contains a NUL character (\\x00); check the arguments", file=sys.stderr)
        return 2
    except Exception as exc:  # typer's own exceptions: imported inside the try (Ctrl-C during start-up)
        return _typer_error(exc)
    return code


def _language(args: list[str]) -> None:
    """Japanese messages under a Japanese locale; Click's help words too when help is asked for."""
    from kpi_cli import streams
    from kpi_cli.i18n import japanese

    streams.JAPANESE["messages"] = japanese()
    streams.JAPANESE["click"] = streams.JAPANESE["messages"] and (not args or "--help" in args or "-h" in args)


def _call(args: list[str]) -> int:
    """Build the app for these arguments and run it; the exit code."""
    _console_safe()
    if args in (["--version"], ["-V"]):
        print(_version())
        return 0
    if os.environ.get("_KPI_COMPLETE"):  # the shell asks for completions (kpi completion SHELL)
        from typer._completion_classes import completion_init

        completion_init()
        args = []
    app, rest, prog = build_app(args)
    if not args or "--help" in args or "-h" in args:
        from kpi_cli.render.help import install

        install()  # wrap help in terminal cells (Japanese is two per character)
    if not args or args in (["--help"], ["-h"]):
        app.info.epilog = _help_epilog()
    code = app(args=rest, prog_name=prog, standalone_mode=False)
    if code == INTERRUPTED:  # Typer turns Ctrl-C inside a command into this return value
        raise KeyboardInterrupt
    sys.stdout.flush()
    return code if isinstance(code, int) else 0


def _typer_error(exc: Exception) -> int:
    """Typer's usage errors and aborts as one message (a hint for a negative number); others re-raised."""
    from typer import Abort, TyperException

    from kpi_cli import streams

    if isinstance(exc, Abort):
        print("kpi: interrupted", file=sys.stderr)
        return INTERRUPTED
    if not isinstance(exc, TyperException):
        raise exc
    streams.JAPANESE["click"] = streams.JAPANESE["messages"]
    from kpi_cli.render.help import install

    install()
    show = getattr(exc, "show", None)
    if callable(show):
        show()
    else:
        print(f"kpi: {exc.format_message()}", file=sys.stderr)
    message = exc.format_message() if hasattr(exc, "format_message") else ""
    if message.startswith("No such option: -") and message[len("No such option: -") :][:1].isdigit():
        print("kpi: a negative number? put -- before it: kpi record KPI YEAR -- -5", file=sys.stderr)
    return int(getattr(exc, "exit_code", 2))


def _after_output_error(exc: KpiError, committed: list[str]) -> int:
    if committed:
        print(f"kpi: {exc.message}; the values were recorded in {', '.join(committed)}", file=sys.stderr)
        return 0
    print(f"kpi: {exc.message}", file=sys.stderr)
    return exc.exit_code


def _exit_now(status: int) -> None:
    """End the process without tearing down every module and object (a few ms per call).

    Only for the console entry point: every file kpi wrote is closed (and fsynced)
    by now, so what is left is flushing the standard streams.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        from kpi_cli.render.output import silence_stdout

        silence_stdout()
        status = status or 0
    except (OSError, ValueError):
        pass
    os._exit(status)
