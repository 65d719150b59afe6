"""``xlkpi import``: the command line of :func:`xlkpi.importer.import_exports`."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..exit_codes import ExitCode
from ..i18n import LANGS, text
from ..pool import Batch
from ..xlsx.dates import from_serial
from .progress import Bar
from .running import Files, executor_for, scheduler_option, wait_option


@click.command("import")
@click.argument("book", type=click.Path(dir_okay=False), required=False)
@click.argument("exports", nargs=-1)
@click.option("--mapping", type=click.Path(dir_okay=False), help="A TOML mapping for an export no built-in profile reads.")
@click.option("--dry-run", is_flag=True, help="Show the changes (sheet!cell: old → new); write nothing.")
@click.option("--force", is_flag=True, help="Overwrite cells typed by hand (listed as conflicts otherwise).")
@click.option("--timezone", metavar="TZ", help="The team's time zone for ISO weeks (default: Settings, else this machine's).")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the messages (default: the workbook's).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (every problem, every change).")
@click.option("--explain", is_flag=True, help="Show which column feeds what, and what was ignored.")
@click.option("--init-mapping", "init", is_flag=True, help="Write a starting mapping from BOOK's headers (BOOK is the export).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="With --init-mapping: the TOML file to write.")
@wait_option
@scheduler_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--strict", is_flag=True, help="Write nothing unless every weekly figure is filled and every row placed.")
@click.option("--rate", "rate", multiple=True, metavar="CODE=RATE",
              help="An exchange rate into the workbook's currency, e.g. USD=0.92 (repeatable).")
@click.option("--account", metavar="NAME", help="The tool account these exports come from (kept apart from its other accounts).")
@click.option("--show-profile", "show", metavar="NAME", help="Print a built-in profile (a mapping to copy and edit).")
def import_command(book: str | None, exports: tuple[str, ...], mapping: str | None, dry_run: bool, force: bool,
                   timezone: str | None, lang: str | None, as_json: bool, explain: bool, init: bool, output: str | None,
                   wait: float, scheduler: str | None, quiet: bool, strict: bool, rate: tuple[str, ...],
                   account: str | None, show: str | None) -> None:
    """Fill the weekly workbook BOOK from tools' EXPORTS (.csv, .tsv, .txt, .xlsx, .xls): weekly counts into
    the channel sheets, lead rows into Leads, then recalculate.

    Built-in profiles (detected from the header row; --show-profile NAME prints one to copy):
    Aircall and Ringover calls, Waalaxy prospects, lemlist contacts, Brevo campaigns, HubSpot
    contacts, companies and deals, Pipedrive deals, people and activities, Salesforce
    opportunities and leads, Apollo.io contacts, Zoho CRM leads and deals; --mapping FILE.toml for
    any other tool (--init-mapping writes a starter). Importing again replaces what each source
    (tool, and --account) wrote; a second run on the same BOOK waits for the first. Exit status
    (xlkpi --help lists them all): 0 imported; 1 bad input, nothing written; 2 usage error; 3
    imported partly (cells typed by hand kept, weekly figures a file could not fill, rows counted
    in no figure: see the notes; --strict writes nothing then); 4 busy: another run was writing
    BOOK, nothing written; 130/143 stopped by Ctrl-C/SIGTERM, BOOK as it was or complete.
    """
    if show:
        _show_profile(show, lang or "en")
        return
    if not book:
        raise click.UsageError("give BOOK (the workbook) and at least one EXPORT")
    if init:
        _init(book, output, force, lang or "en")
        return
    if not exports:
        raise click.UsageError("give at least one EXPORT")
    from ..importer.run import parse_rates
    from ..importer.summary import notes
    from ..importer.task import ImportOutcome, import_task

    try:
        rates = parse_rates(rate, lang or "en")
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--rate") from None

    options = {"mapping": mapping, "dry_run": dry_run, "force": force, "timezone": timezone, "lang": lang,
               "strict": strict, "rates": rates, "account": account}
    rows = Bar(" rows", shown=not (quiet or as_json) and scheduler is None, show_from=100_000)
    outcomes: list[ImportOutcome] = []

    def lost(index: int, error: BaseException) -> ImportOutcome:
        raise error

    task = (book, exports, options, wait) + ((rows.update,) if scheduler is None else ())
    try:
        with executor_for(scheduler) as executor, Files(1, quiet=True).running():
            Batch(import_task, [task], lambda _, outcome: outcomes.append(outcome), lost).run(1, executor)
    finally:
        rows.close()
    result, failed = outcomes[0].result, outcomes[0].failed
    language = result.lang
    code: int = ExitCode.BUSY if outcomes[0].busy else result.exit_code
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str))
        sys.exit(code)
    if explain:
        _explain(result.sources, language)
    if failed:
        for line in notes(result):
            click.echo("note: " + line, err=True)
        for line in result.errors:
            click.echo(f"error: {line}", err=True)
        click.echo(text("import.nothing_written", language, book=book), err=True)
        sys.exit(ExitCode.BUSY if outcomes[0].busy else ExitCode.FAILED)
    if dry_run:
        _table(result.changes, language)
    for conflict in result.conflicts:
        click.echo("warning: " + text("import.conflict", language, cell=f"{conflict['sheet']}!{conflict['cell']}",
                                      old=_show(conflict["old"], conflict["date"]),
                                      new=_show(conflict["new"], conflict["date"])), err=True)
    for line in notes(result):
        click.echo("note: " + line, err=True)
    for sheet, weeks in result.cost_left.items():
        click.echo("note: " + text("import.cost_left", language, sheet=sheet, weeks=_spans(weeks)), err=True)
    if result.unmapped_fields:
        click.echo("note: " + text("import.unmapped_fields", language, fields=", ".join(result.unmapped_fields)), err=True)
    sources = ", ".join(dict.fromkeys(s.profile for s in result.sources))
    if dry_run:
        click.echo(text("import.dry_run", language, changes=len(result.changes), book=book))
    elif result.changes:
        click.echo(text("import.done", language, book=book, changes=len(result.changes), sources=sources,
                        added=result.leads_added, updated=result.leads_updated))
    else:
        click.echo(text("import.unchanged", language, book=book, sources=sources))
    if result.conflicts:
        click.echo(text("import.conflicts", language, count=len(result.conflicts)), err=True)
    sys.exit(code)


def _spans(weeks: list[int]) -> str:
    """[2, 3, 4, 7] → "2–4, 7"."""
    spans: list[list[int]] = []
    for week in weeks:
        if spans and week == spans[-1][1] + 1:
            spans[-1][1] = week
        else:
            spans.append([week, week])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in spans)


def _show(value: Any, date: bool = False) -> str:
    if value is None:
        return "∅"
    if date and isinstance(value, (int, float)):
        moment = from_serial(value)
        return f"{moment:%Y-%m-%d %H:%M}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(changes: list[dict[str, Any]], lang: str) -> None:
    headings = [text(f"import.heading.{k}", lang) for k in ("cell", "old", "new", "source")]
    rows = [[f"{c['sheet']}!{c['cell']}", _show(c["old"], c["date"]), _show(c["new"], c["date"]), c["source"]]
            for c in changes]
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(4)]
    click.echo(f"{headings[0]:<{widths[0]}}  {headings[1]:>{widths[1]}}    {headings[2]:<{widths[2]}}  {headings[3]}")
    for row in rows:
        click.echo(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}} →  {row[2]:<{widths[2]}}  {row[3]}")


def _explain(sources: list[Any], lang: str) -> None:
    for s in sources:
        if not s.profile:
            continue
        click.echo(text("import.explain.file", lang, file=s.file, title=s.title, profile=s.profile, rows=s.rows,
                        encoding=s.encoding, delimiter=s.delimiter, footer=s.footer_rows, header=s.header_row))
        for column, header in s.columns.items():
            feeds = ", ".join(s.feeds.get(column, [])) or text("import.explain.unused", lang)
            click.echo(text("import.explain.column", lang, header=header, column=column, feeds=feeds))
        if s.ignored:
            click.echo(text("import.explain.ignored", lang, headers=", ".join(s.ignored)))
        if s.absent:
            click.echo(text("import.explain.absent", lang, columns=", ".join(s.absent)))
        for header, counts in s.unmapped.items():
            listed = ", ".join(f"{value!r} ({rows})" for value, rows in list(counts.items())[:10])
            click.echo(text("import.explain.unmapped", lang, header=header, values=listed))
        if s.weekly and s.weekly.weeks:
            w = s.weekly
            click.echo(text("import.explain.weeks", lang, first=min(w.weeks), last=max(w.weeks), filtered=w.filtered,
                            other=w.other_years, undated=w.undated))
        for rule, count in (s.weekly.no_channel.items() if s.weekly else ()):  # even when no row lands in a week
            click.echo(text("import.explain.no_channel", lang, rule=rule, count=count))
        if s.leads and (s.leads.records or s.leads.no_key):
            click.echo(text("import.explain.leads", lang, count=len(s.leads.records), no_key=s.leads.no_key,
                            other=s.leads.other_years))


def _show_profile(name: str, lang: str) -> None:
    from ..importer.profiles import profile_text

    try:
        click.echo(profile_text(name, lang), nl=False)
    except KeyError as error:
        click.echo(f"error: {error.args[0]}", err=True)
        sys.exit(1)


def _init(export: str, output: str | None, force: bool, lang: str) -> None:
    from ..importer.init_mapping import init_mapping
    from ..importer.readers import ExportError

    if not output:
        raise click.UsageError("--init-mapping needs -o FILE.toml")
    if Path(output).exists() and not force:
        raise click.UsageError(text("import.init_exists", lang, output=output))
    try:
        toml, columns = init_mapping(export, lang)
    except ExportError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(ExitCode.FAILED)
    Path(output).write_text(toml, encoding="utf-8")
    click.echo(text("import.init_written", lang, output=output, file=export, columns=columns))
