"""Where the import writes in the weekly workbook: the one module of :mod:`xlkpi.importer` that
reads the workbook's layout (when the layout moves to ``xlkpi.workbook``, only these imports change).
"""
from __future__ import annotations

from ..channels import CHANNELS, Channel
from ..weekly_layout import (
           FIRST_INPUT_COL,
           FIRST_WEEK_ROW,
           HEADER_ROW,
           LEAD_COLUMNS,
           LeadColumn,
           input_columns,
           iso_weeks,
           sheet_titles,
)
from ..weekly_layout import text as layout_text

__all__ = [
           "CHANNELS",
           "FIRST_INPUT_COL",
           "FIRST_WEEK_ROW",
           "HEADER_ROW",
           "LEAD_COLUMNS",
           "STATUS_KEYS",
           "Channel",
           "LeadColumn",
           "input_columns",
           "iso_weeks",
           "sheet_titles",
]

# The canonical lead statuses, in the order of the workbook's StatusList (mappings name them so).
STATUS_KEYS: tuple[str, ...] = tuple(layout_text("statuses", "en").split("|"))
