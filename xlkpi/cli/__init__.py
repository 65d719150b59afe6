"""The ``xlkpi`` command line: the group here, one module per command.

Every command fails in one line and with a code of :mod:`xlkpi.exit_codes`; an unexpected
exception is one line too (exit 70), its traceback only with ``xlkpi --debug``. SIGTERM stops
any command as Ctrl-C does: the writers remove what they were writing (exit 143).
"""
from __future__ import annotations

from typing import Any

import click

from ..exit_codes import ExitCode, table
from ..pool import Stopped, stop_on_sigterm
from .check import check
from .collect import collect_command
from .export import export_command
from .functions import functions
from .import_ import import_command
from .lite import lite
from .new import new
from .recalc import recalc
from .report import report_command

DEBUG = "xlkpi.debug"  # ctx.meta key: --debug was given


class _Main(click.Group):
    """The group: turns what escapes a command into one line and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with stop_on_sigterm():
                return super().invoke(ctx)
        except Stopped:
            click.echo("stopped (SIGTERM): no file was left half-written", err=True)
            ctx.exit(ExitCode.TERMINATED)
        except KeyboardInterrupt:
            click.echo("stopped (Ctrl-C): no file was left half-written", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if ctx.meta.get(DEBUG):
                raise
            click.echo(f"internal error: {type(error).__name__}: {' '.join(str(error).split())} "
                       "(xlkpi --debug … shows where)", err=True)
            ctx.exit(ExitCode.INTERNAL)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="\b\nExit status (every command):\n" + table())
@click.version_option(package_name="xlkpi")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error instead of one line.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """xlkpi: does your sales prospecting pay? KPI functions for Excel and a headless engine."""
    ctx.meta[DEBUG] = debug


for _command in (functions, recalc, new, check, export_command, import_command, lite, report_command, collect_command):
    main.add_command(_command)

__all__ = ["main"]
