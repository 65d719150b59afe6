#!/usr/bin/env bash
# Install what tests/test_officejs_pyodide.py needs, so that the test itself runs offline:
# the pinned `pyodide` npm package (package-lock.json) and, in tests/pyodide/wheels/, the pure
# wheels of micropip (Pyodide's installer, not in the npm package) and of xlwings (the version
# installed in the Python given, default .venv/bin/python). Needs Node ≥ 18, npm and network.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${1:-$here/../../.venv/bin/python}"
MICROPIP=0.11.1  # micropip's release for Pyodide 0.28+/314.x (Python 3.13+)

npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
xlwings="$("$python" -c 'import importlib.metadata as m; print(m.version("xlwings"))')"
rm -rf "$here/wheels" && mkdir -p "$here/wheels"
# --platform any / --only-binary: the pure-Python wheels (xlwings publishes one beside its
# platform wheels; it is the one micropip installs in xlwings Lite).
"$python" -m pip download -q --no-deps --only-binary :all: --platform any --python-version 3.13 \
  --implementation py -d "$here/wheels" "micropip==$MICROPIP" "xlwings==$xlwings"
ls "$here/wheels"
