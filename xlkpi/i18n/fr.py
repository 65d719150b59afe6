"""French texts (see :mod:`xlkpi.i18n`). One dict per part of the product."""
from __future__ import annotations

# --- KPI functions: labels, descriptions, argument help, categories (xlkpi.registry) ----------
KPI: dict[str, str] = {
}

# --- The weekly workbook: sheet names, headers, instructions, number formats (xlkpi.workbook) -
WORKBOOK: dict[str, str] = {
}

# --- xlkpi check: messages and verdicts (xlkpi.workbook checker) -------------------------------
CHECK: dict[str, str] = {
}

# --- xlkpi import: messages, explanations (xlkpi.importer) -------------------------------------
IMPORT: dict[str, str] = {
    "import.bad_timezone": "fuseau horaire inconnu {zone!r} : donnez un nom IANA comme Europe/Paris (--timezone)",
    "import.bad_cell": "{file} : ligne {row}, colonne {column!r} : {value!r} n'est pas {expected}",
    "import.more_bad_cells": "… et {count} autres cellules illisibles (toutes avec --json)",
    "import.type.text": "un texte",
    "import.type.number": "un nombre",
    "import.type.bool": "une valeur oui/non",
    "import.type.datetime": "une date",
    "import.type.duration": "une durée (HH:MM:SS ou secondes)",
    "import.leads_full": "{book} : la feuille {sheet} n'a plus de ligne vide pour {count} nouveau(x) lead(s) (elle compte {rows} lignes)",
    "import.missing_columns": "{file} : colonnes manquantes pour le mapping {profile} : {columns}",
    "import.missing": "manquent : {columns}",
    "import.unknown_format": "{file} : format inconnu ; comparé à {tried} ; le plus proche : {closest}",
    "import.nothing_written": "rien n'a été écrit : {book} est inchangé",
    "import.done": "{book} : {changes} cellule(s) écrite(s) depuis {sources} ; {added} lead(s) ajouté(s), {updated} mis à jour ; recalculé",
    "import.unchanged": "{book} : déjà à jour avec {sources} (rien à changer)",
    "import.dry_run": "simulation : {changes} cellule(s) changeraient dans {book} ; rien n'a été écrit",
    "import.conflict": "conservé {cell} : {old} saisi à la main, l'import donne {new} (--force pour remplacer)",
    "import.conflicts": "{count} cellule(s) saisie(s) à la main conservée(s)",
    "import.cost_left": "coût à saisir sur {sheet}, semaines {weeks} : aucun export ne le donne ; saisissez-le (0 si aucun) ou ajoutez une règle de coût à un mapping",
    "import.other_years": "{file} : {count} ligne(s) datée(s) hors de {year} ignorée(s) (l'année du classeur seulement)",
    "import.unmapped_fields": "le classeur n'a pas de colonne Leads pour : {fields}",
    "import.heading.cell": "Cellule",
    "import.heading.old": "Avant",
    "import.heading.new": "Après",
    "import.heading.source": "Source",
    "import.explain.file": "{file} : {title} ({profile}), {rows} lignes, en-têtes en ligne {header}, encodage {encoding}, séparateur {delimiter!r}, {footer} ligne(s) de pied retirée(s)",
    "import.explain.column": "  {header} → {column} : {feeds}",
    "import.explain.unused": "(lue, non utilisée)",
    "import.explain.unmapped": "  valeurs de {header} que le mapping n'associe pas (laissées de côté) : {values}",
    "import.explain.ignored": "  en-têtes ignorés : {headers}",
    "import.explain.absent": "  colonnes absentes de ce fichier : {columns}",
    "import.explain.weeks": "  semaines {first}–{last} ; {filtered} ligne(s) filtrée(s), {other} datée(s) d'une autre année (ignorées), {undated} sans date",
    "import.explain.no_channel": "  lignes sans canal pour {rule} : {count} (associez leur valeur dans le mapping)",
    "import.explain.leads": "  {count} lead(s) ; {no_key} ligne(s) sans clé, {other} d'une autre année (ignorées)",
    "import.init_written": "écrit {output} : un mapping de départ pour {file} ({columns} colonnes) ; complétez ses règles [[weekly]] et [leads]",
    "import.init_exists": "{output} existe ; --force pour le remplacer",
}

# --- xlkpi report: headings, labels, notes (xlkpi.report) --------------------------------------
REPORT: dict[str, str] = {
}
