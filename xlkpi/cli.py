"""The ``xlkpi`` command line."""
from __future__ import annotations

import json
import shutil
import textwrap

import click

from .registry import REGISTRY, Kpi


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="xlkpi")
def main() -> None:
    """xlkpi: does your sales prospecting pay? KPI functions for Excel and a headless engine."""


def function_record(kpi: Kpi, lang: str) -> dict:
    return {
        "name": kpi.name,
        "python_name": kpi.python_name,
        "signature": kpi.signature,
        "category": kpi.category,
        "label": kpi.label(lang),
        "description": kpi.description,
        "arguments": [
            {"name": p.name, "kind": p.kind.value, "description": p.doc, "optional": p.optional,
             **({"default": p.default} if p.optional else {})}
            for p in kpi.params
        ],
    }


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True, help="Language of the labels.")
def functions(as_json: bool, lang: str) -> None:
    """List every KPI_* function with its signature, label and argument descriptions."""
    records = [function_record(k, lang) for k in REGISTRY.values()]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    width = max(60, min(shutil.get_terminal_size().columns, 120))
    for category in dict.fromkeys(r["category"] for r in records):
        click.echo(f"\n{category}\n{'-' * len(category)}")
        for r in (r for r in records if r["category"] == category):
            click.echo(f"{r['signature']}  —  {r['label']}")
            for line in textwrap.wrap(r["description"], width - 4):
                click.echo(f"    {line}")
            for arg in r["arguments"]:
                default = f" (optional, default {arg['default']!r})" if arg["optional"] else ""
                click.echo(textwrap.fill(f"{arg['name']}: {arg['description']}{default}", width,
                                         initial_indent="      ", subsequent_indent="        "))
