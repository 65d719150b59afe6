"""The workbook file: the only code in xlkpi that opens an .xlsx/.xlsm package or parses its XML.

- :mod:`.package`: :func:`~.package.open_package`, the entry point, vets the file (:mod:`.vet`)
  and resolves relationships; nothing reads a part of a file that was not vetted.
- :mod:`.reader`: workbook settings, names, shared strings, tables and a streaming cell reader,
  as plain values (the engine converts them at its own boundary).
- :mod:`.writer`: cached values and input cells written back losslessly; atomic replacement.
- :mod:`.formulas`: a formula's text moved to another cell (shared formulas).
- :mod:`.dates`: Excel serial dates.
- :mod:`.limits`: package limits and the memory budget (``--max-memory``).

Import the submodules; this package imports nothing (``dates`` runs in Pyodide).
"""
