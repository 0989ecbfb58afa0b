"""The `kpi` command line: a lazy table of commands, one ``Env`` per call, every error caught once.

``COMMANDS`` names each command's module and summary. The top-level help lists them from the
table without importing a command module; a call imports and builds only the command asked
for (Click's "lazily loading subcommands" pattern). Each command module imports at the top
like ordinary code (``status`` and ``export`` import their views for people and their workbook
where they are made: a machine format imports none of them). Help is put into the user's
language on the command objects built for this call; nothing shared is changed.

``KpiError`` is caught once, in ``run``; nothing else exits. Exit codes: 0 done (also when the
reader of stdout went away), 1 ``verify`` found problems, 2 bad input or an error that
changed nothing, 3 ``--fail-on`` hit, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kpi_cli.errors import InputError, KpiError, OutputFailed
from kpi_cli.i18n.msg import Msg
from kpi_cli.streams import Env, guard, unguard

HELP = """Track the KPIs of Hokkaido's 連携地域別政策展開方針 (regional policy plans).

The plan is a TOML file; yearly actual values go into an append-only CSV ledger.
Set KPI_PLAN / KPI_LEDGER (or --plan / --ledger) to use other files."""

# name → (module in kpi_cli.commands, summary). The summary is the first line of the command's
# docstring (tests/test_docs.py checks they agree); it is what `kpi --help` lists.
COMMANDS: dict[str, tuple[str, str]] = {
    "status": ("status", "Each KPI's baseline, target, actual and gap to the straight line from baseline to target."),
    "export": ("export", "Every actual joined with its plan data: one row per KPI and year, with that year's figures."),
    "show": ("show", "One KPI in full: project, 振興局, 施策, baseline, target, rating, a chart and its history."),
    "report": ("report", "The 推進状況 document for the 地域づくり連携会議: one self-contained HTML file."),
    "diff": (
        "diff",
        "What changed between two fiscal years: KPIs whose rating changed, projects whose review changed.",
    ),
    "site": ("site", "A static site of the plan, ledger and reviews: a folder of pages and downloads to publish."),
    "record": ("record", "Record one yearly actual value in the ledger."),
    "import": ("import_", "Import many yearly values at once: all rows are checked first, then written as one batch."),
    "import-stats": (
        "import_stats",
        "Record the tourism KPIs' shares as printed in the report workbook of the 北海道観光入込客数調査.",
    ),
    "template": (
        "template",
        "The collection sheet of one fiscal year: one row per KPI without a value for it, to fill in and import.",
    ),
    "missing": (
        "missing",
        "What is still owed for a fiscal year, grouped by the 振興局 taking part in each KPI's project.",
    ),
    "void": ("void", "Take back the value in force for a KPI and year: it then counts as not recorded."),
    "history": ("history", "Every recorded row, newest first, with superseded and voided rows marked."),
    "verify": (
        "verify",
        "Check the ledger: header, every row, the hash chain, the remembered head, KPI ids, years, conflicts.",
    ),
    "regions": ("regions", "List the 連携地域 with their 中核都市, 振興局 and project counts."),
    "offices": ("offices", "List the 振興局 with their 連携地域 and what each supplies every year."),
    "projects": ("projects", "List the projects printed in the plan, optionally of some regions."),
    "kpis": ("kpis", "List the KPIs with baseline and target, optionally of some regions or projects."),
    "completion": (
        "completion",
        "Print the completion script for a shell: commands, options, KPI ids, regions, offices, projects.",
    ),
}
PLAN_COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("plan_check", "Validate a plan file and print a one-line summary."),
    "init": ("plan_init", "Start a new plan with the 6 連携地域 and 14 振興局 and no projects."),
    "add-project": (
        "plan_add_project",
        "Add a project to a plan (checked like kpi plan check before anything is written).",
    ),
    "add-kpi": ("plan_add_kpi", "Add a KPI to a project (checked like kpi plan check before anything is written)."),
    "revise": ("plan_revise", "Revise a KPI's target from a year on; the original target stays in the file."),
    "import": (
        "plan_import",
        "Build or extend a plan from a spreadsheet: new projects and KPIs are added, known KPI ids replaced.",
    ),
}
REVIEW_COMMANDS: dict[str, tuple[str, str]] = {
    "add": (
        "review_add",
        "Record a project's review for a fiscal year; a later review of the same year supersedes it.",
    ),
    "list": (
        "review_list",
        "The project reviews in force (or every version with --history), with the suggested assessment.",
    ),
    "template": (
        "review_template",
        "The review sheet of a fiscal year: one row per project, with its KPIs' ratings and a suggestion.",
    ),
    "import": (
        "review_import",
        "Record the reviews of a review sheet: every row checked first, then written as one batch.",
    ),
}
GROUPS: dict[str, tuple[dict[str, tuple[str, str]], str]] = {
    "plan": (PLAN_COMMANDS, "Check, start and edit plan files."),
    "review": (REVIEW_COMMANDS, "Project reviews (評価, 今後の方向性) for the 地域づくり連携会議."),
}
SETTINGS: dict[str, Any] = {
    "rich_markup_mode": None,  # plain Click help and errors: importing Rich costs ~60 ms per call
    "pretty_exceptions_enable": False,
    "add_completion": False,
}
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
INTERRUPTED = 130
COMPLETE_VAR = "_KPI_COMPLETE"


def build(name: str, module_name: str, ja: bool) -> Any:
    """The Click command of one command module, its help in the user's language."""
    from importlib import import_module

    import typer

    module = import_module(f"kpi_cli.commands.{module_name}")
    single = typer.Typer(**SETTINGS)
    single.command(name, context_settings=CONTEXT)(module.command)
    command = typer.main.get_command(single)
    command.context_class = _context_class()
    if ja:
        _localize(command)
    return command


def _localize(command: Any) -> None:
    """Put this call's command object's help and its options' help into Japanese."""
    from kpi_cli.i18n import help_text

    if command.help:
        command.help = help_text(command.help.strip())
    for param in command.params:
        text = getattr(param, "help", None)
        if isinstance(text, str):
            param.help = help_text(text)


def _context_class() -> type:
    from kpi_cli.render.help import KpiContext

    return KpiContext


def lazy_group(table: Mapping[str, tuple[str, str]], name: str, text: str, ja: bool) -> Any:
    """A group that lists ``table`` from its summaries and builds a command only when it is called."""
    from typer.core import TyperGroup

    from kpi_cli.i18n import help_text
    from kpi_cli.render.help import KpiContext

    class LazyGroup(TyperGroup):
        context_class = KpiContext

        def list_commands(self, ctx: Any) -> list[str]:
            return list(table) + (list(GROUPS) if table is COMMANDS else [])

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            if table is COMMANDS and cmd_name in GROUPS:
                sub_table, sub_text = GROUPS[cmd_name]
                return lazy_group(sub_table, cmd_name, sub_text, ja)
            if cmd_name not in table:
                return None
            return build(cmd_name, table[cmd_name][0], ja)

        def resolve_command(self, ctx: Any, args: list[str]) -> Any:
            from difflib import get_close_matches

            from typer._click.exceptions import UsageError

            try:
                return self._click_resolve_command(ctx, args)
            except UsageError as exc:
                matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
                if matches:
                    exc.message = f"{exc.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
                raise

        def format_commands(self, ctx: Any, formatter: Any) -> None:
            rows = []
            for cmd_name in self.list_commands(ctx):
                summary = GROUPS[cmd_name][1] if cmd_name in GROUPS and table is COMMANDS else table[cmd_name][1]
                rows.append((cmd_name, help_text(summary) if ja else summary))
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    return LazyGroup(
        name=name,
        help=help_text(text) if ja else text,
        no_args_is_help=True,
        rich_markup_mode=None,
        context_settings=CONTEXT,
    )


# --------------------------------------------------------------------- entry


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the command, turn every error into one line per problem on stderr."""
    saved = (sys.stdout, sys.stderr)
    guard()
    env = Env()
    try:
        status = run(env, sys.argv[1:] if argv is None else argv)
    finally:
        if argv is not None:  # called in-process (tests): give the caller its streams back
            unguard(saved)
    if argv is None:
        _exit_now(status)
    sys.exit(status)


def run(env: Env, args: list[str]) -> int:
    """Run one call of kpi in ``env``; the exit code."""
    import gc

    gc.disable()  # a short-lived process: the cyclic collector only costs time here
    try:
        return _call(env, args)
    except OutputFailed as exc:
        return _after_output_error(env, exc)
    except KpiError as exc:
        for line in exc.lines(env.ja):
            env.stderr.write(f"kpi: {line}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        if env.committed:
            env.note(
                Msg(
                    "interrupted; {files} was written before that (kpi verify checks it)",
                    files=", ".join(env.committed),
                )
            )
        else:
            env.note(Msg("interrupted, nothing was written"))
        return INTERRUPTED
    except ValueError as exc:
        if "null byte" not in str(exc):
            raise
        env.note(Msg("a file name contains a NUL character (\\x00); check the arguments"))
        return 2
    except Exception as exc:  # Click's own exceptions: imported inside the try (Ctrl-C during start-up)
        return _click_error(env, exc, args)


def _call(env: Env, args: list[str]) -> int:
    """Build the command for these arguments and run it; the exit code."""
    _console_safe()
    if args in (["--version"], ["-V"]):
        env.stdout.write(_version(env) + "\n")
        return 0
    complete = bool(env.environ.get(COMPLETE_VAR))
    if complete:  # the shell asks for completions (kpi completion SHELL)
        from typer._completion_classes import completion_init

        completion_init()
    group = lazy_group(COMMANDS, "kpi", HELP, env.ja)
    if not args or args in (["--help"], ["-h"]):
        files = _files_in_use(env)
        group.epilog = (Msg("Files in use: {files}", files=files).text(env.ja)) if files else None
    prog, rest = "kpi", args
    if args and args[0] in COMMANDS and not complete:  # build only the command asked for
        group = build(args[0], COMMANDS[args[0]][0], env.ja)
        prog, rest = f"kpi {args[0]}", args[1:]
    elif args and args[0] in GROUPS and len(args) > 1 and args[1] in GROUPS[args[0]][0] and not complete:
        table = GROUPS[args[0]][0]
        group = build(args[1], table[args[1]][0], env.ja)
        prog, rest = f"kpi {args[0]} {args[1]}", args[2:]
    twice = _given_twice(group, rest) if group.__class__.__name__ != "LazyGroup" else None
    if twice is not None:
        raise InputError(Msg("{option} is given twice; it takes one value: give it once", option=twice))
    code = group.main(
        args=rest,
        prog_name=prog,
        standalone_mode=False,
        obj=env,
        complete_var=COMPLETE_VAR,
        windows_expand_args=False,
    )
    if code == INTERRUPTED:  # Typer turns Ctrl-C inside a command into this return value
        raise KeyboardInterrupt
    env.stdout.flush()
    return code if isinstance(code, int) else 0


def _given_twice(command: Any, args: list[str]) -> str | None:
    """An option that takes one value given twice (Click would keep the last without a word), or None."""
    names: dict[str, str] = {}
    for param in command.params:
        if param.param_type_name == "option" and not (param.multiple or param.is_flag or param.count):
            names.update(dict.fromkeys(param.opts, param.opts[-1]))
    seen: set[str] = set()
    skip = False
    for arg in args:
        if skip:  # the value of the option before
            skip = False
            continue
        if arg == "--":
            break
        name, eq, _ = arg.partition("=")
        if name in names:
            if names[name] in seen:
                return names[name]
            seen.add(names[name])
            skip = not eq
    return None


def _version(env: Env) -> str:
    """``kpi --version``: the version, and the plan and ledger a call from here would use."""
    from kpi_cli import __version__

    files = _files_in_use(env)
    return f"kpi {__version__} (Python {sys.version.split()[0]})" + (f"\n{files}" if files else "")


def _files_in_use(env: Env) -> str:
    """The plan and the ledger a call from here would use, in the user's language."""
    from kpi_cli.locations import resolve

    try:
        files = resolve(
            Path(env.environ["KPI_PLAN"]) if env.environ.get("KPI_PLAN") else None,
            env.environ.get("KPI_LEDGER") or None,
        )
    except OSError:  # pragma: no cover - cannot stat the current folder
        return ""
    if files.plan_is_packaged:
        msg = Msg("plan {plan} (shipped with kpi); ledger {ledger}", plan=files.plan, ledger=files.ledger)
    else:
        msg = Msg("plan {plan}; ledger {ledger}", plan=files.plan, ledger=files.ledger)
    return msg.text(env.ja)


def _console_safe() -> None:
    """Text a console cannot show (㎥ or an emoji on cp932) becomes '?' instead of a traceback.

    Machine formats do not pass through here: they reach stdout as UTF-8 bytes."""
    import contextlib

    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream: leave it
                reconfigure(errors=errors)


def _click_error(env: Env, exc: Exception, args: list[str]) -> int:
    """Click's usage errors and aborts as messages (a hint for a negative number); others re-raised."""
    from typer import Abort, Exit

    from kpi_cli.render.help import click_error_text

    if isinstance(exc, Abort):
        env.note(Msg("interrupted"))
        return INTERRUPTED
    if isinstance(exc, Exit):
        return int(exc.exit_code)
    from typer._click.exceptions import ClickException

    if not isinstance(exc, ClickException):
        raise exc
    env.stderr.write(click_error_text(exc, env.ja))
    message = exc.format_message()
    after = message[len("No such option: -") :][:1] if message.startswith("No such option: -") else ""
    if after.isdigit():
        env.note(Msg("a negative number? put -- before it: kpi record KPI YEAR -- -5"))
    elif after == ".":  # -.5: Click reads an option -.
        typed = next((a for a in args if a.startswith("-.") and a[2:3].isdigit()), "-.5")
        env.note(
            Msg(
                "a negative number? write {value} and put -- before it: kpi record KPI YEAR -- {value}",
                value="-0" + typed[1:],
            )
        )
    return int(getattr(exc, "exit_code", 2))


def _after_output_error(env: Env, exc: KpiError) -> int:
    if env.committed:
        env.note(
            Msg("{problem}; the values were recorded in {files}", problem=exc.message, files=", ".join(env.committed))
        )
        return 0
    env.note(exc.message)
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
