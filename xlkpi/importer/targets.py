"""Where the import writes in the weekly workbook: the one module of :mod:`xlkpi.importer` that
imports the workbook's layout.

Week rows, Leads columns and Settings lists are read by the workbook's one reader
(:class:`xlkpi.workbook.reader.WeeklyBook`), so a workbook with more Leads rows or columns needs no
change here.
"""
from __future__ import annotations

from ..workbook.channels import CHANNELS
from ..workbook.layout import LEAD_COLUMNS, STATUSES, input_columns

__all__ = ["CHANNELS", "LEAD_COLUMNS", "STATUS_KEYS", "input_columns"]

# The canonical lead statuses, in the order of the workbook's StatusList (mappings name them so).
STATUS_KEYS: tuple[str, ...] = STATUSES
