# Runs inside Pyodide (tests/pyodide/run.mjs, top-level await): every request of
# /wheels/requests.json through xlwings' custom_functions_call on xlkpi.officejs, as xlwings
# Lite calls a custom function. Prints one JSON line: the results, in order, and what loaded.
import json
import os
import sys

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings Lite needs none; plain Pyodide does

import micropip
import xlwings
from xlwings.server import custom_functions_call

import xlkpi.officejs

with open("/wheels/requests.json", encoding="utf-8") as f:
    requests = json.load(f)
results = [await custom_functions_call(data, xlkpi.officejs) for data in requests]  # noqa: F704, PLE1142
print(json.dumps({
    "platform": sys.platform,
    "xlwings": xlwings.__version__,
    "count": len(results),
    "results": results,
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("pandas", "numpy", "openpyxl", "formulas", "lxml")),
    "installed": sorted(micropip.list()),
}))
