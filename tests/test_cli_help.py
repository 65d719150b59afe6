"""The documentation is generated from ``--help``: every command, option and argument says what it is."""
from __future__ import annotations

import click
from click.testing import CliRunner

from xlkpi.cli import main
from xlkpi.exit_codes import ExitCode


def commands() -> list[tuple[str, click.Command]]:
    return [("xlkpi", main), *((f"xlkpi {name}", command) for name, command in main.commands.items())]


def test_every_command_option_and_argument_has_help() -> None:
    missing = []
    for name, command in commands():
        if not (command.help or "").strip():
            missing.append(f"{name}: no help")
        for param in command.params:
            if isinstance(param, click.Option) and not (param.help or "").strip():
                missing.append(f"{name} {param.opts[0]}: no help")
            if isinstance(param, click.Argument) and param.human_readable_name not in (command.help or ""):
                missing.append(f"{name} {param.human_readable_name}: not named in the help text")
    assert missing == []


def test_every_help_page_prints() -> None:
    for name, _ in commands():
        result = CliRunner().invoke(main, [*name.split()[1:], "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, (name, result.output)


def test_the_exit_codes_are_in_the_help() -> None:
    text = " ".join(CliRunner().invoke(main, ["--help"]).output.split())
    for code in ExitCode:
        assert f"{code.value} {' '.join((code.__doc__ or '').split()[:4])}" in text, code


def test_version() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and version("xlkpi") in result.output
