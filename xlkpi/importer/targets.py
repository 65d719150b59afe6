"""Where the import writes in the weekly workbook: the one module of :mod:`xlkpi.importer` that
imports the workbook's layout.

Week rows, Leads columns and Settings lists are then found in the workbook itself (its week
numbers, its defined names), so a workbook with more Leads rows or columns needs no change here.
"""
from __future__ import annotations

from ..workbook.channels import CHANNELS
from ..workbook.layout import FIRST_WEEK_ROW, LEAD_COLUMNS, STATUSES, input_columns, sheet_titles

__all__ = ["CHANNELS", "FIRST_WEEK_ROW", "LEAD_COLUMNS", "STATUS_KEYS", "input_columns", "sheet_titles"]

# The canonical lead statuses, in the order of the workbook's StatusList (mappings name them so).
STATUS_KEYS: tuple[str, ...] = STATUSES
