# Runs inside Pyodide (tests/pyodide/run.mjs, top-level await): every request of
# /wheels/requests.json through xlwings' custom_functions_call on /wheels/main.py (the one
# `xlkpi lite` writes), as xlwings Lite calls a custom function of its main.py. Prints one
# JSON line: the results, in order, and what loaded.
import json
import os
import sys

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings Lite needs none; plain Pyodide does

import micropip
import xlwings
from xlwings.server import custom_functions_call

sys.path.insert(0, "/wheels")
import main

with open("/wheels/requests.json", encoding="utf-8") as f:
    requests = json.load(f)
results = [await custom_functions_call(data, main) for data in requests]  # noqa: F704, PLE1142
print(json.dumps({
    "platform": sys.platform,
    "xlwings": xlwings.__version__,
    "count": len(results),
    "results": results,
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("pandas", "numpy", "openpyxl", "formulas", "lxml")),
    "installed": {name: package.version for name, package in micropip.list().items()},
    "functions": sorted(name for name in dir(main) if hasattr(getattr(main, name), "__xlfunc__")),
}))
