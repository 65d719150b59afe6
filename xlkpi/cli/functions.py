"""``xlkpi functions``: every KPI_* function with its signature, label and arguments."""
from __future__ import annotations

import json
import shutil
import textwrap

import click

from ..i18n import LANGS, text
from ..registry import REGISTRY, Kpi


def function_record(kpi: Kpi, lang: str) -> dict:
    return {
        "name": kpi.name,
        "python_name": kpi.python_name,
        "signature": kpi.signature,
        "category": kpi.category_label(lang),
        "number_format": kpi.number_format.value,
        "label": kpi.label(lang),
        "description": kpi.describe(lang),
        "arguments": [
            {"name": p.name, "kind": p.kind.value, "description": kpi.arg_doc(p.name, lang), "optional": p.optional,
             **({"default": p.default} if p.optional else {})}
            for p in kpi.params
        ],
    }


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--markdown", is_flag=True, help="Print the Markdown table the README shows.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of the labels.")
def functions(as_json: bool, markdown: bool, lang: str) -> None:
    """List every KPI_* function with its signature, label and argument descriptions."""
    records = [function_record(k, lang) for k in REGISTRY.values()]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif markdown:
        click.echo(markdown_table(records))
    else:
        _print_functions(records, lang)


def markdown_table(records: list[dict]) -> str:
    lines = ["| Function | Label | What it computes |", "|---|---|---|"]
    lines += [f"| `{r['signature']}` | {r['label']} | {r['description'].replace('|', '/')} |" for r in records]
    return "\n".join(lines)


def _print_functions(records: list[dict], lang: str) -> None:
    width = max(60, min(shutil.get_terminal_size().columns, 120))
    for category in dict.fromkeys(r["category"] for r in records):
        click.echo(f"\n{category}\n{'-' * len(category)}")
        for r in (r for r in records if r["category"] == category):
            click.echo(f"{r['signature']}  —  {r['label']}")
            for line in textwrap.wrap(r["description"], width - 4):
                click.echo(f"    {line}")
            for arg in r["arguments"]:
                default = "" if not arg["optional"] else " " + (
                    text("kpi.optional", lang) if arg["default"] is None
                    else text("kpi.optional_default", lang, default=repr(arg["default"])))
                click.echo(textwrap.fill(f"{arg['name']}: {arg['description']}{default}", width,
                                         initial_indent="      ", subsequent_indent="        "))
