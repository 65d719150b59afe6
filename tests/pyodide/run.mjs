// Run a Python file inside Pyodide under Node, offline, with the wheels of a local folder.
//   node run.mjs WHEEL_DIR SCRIPT.py
// WHEEL_DIR holds micropip's wheel and the wheels to install (every *.whl but micropip's,
// dependencies first as listed in WHEEL_DIR/install.txt). The folder is mounted at /wheels;
// micropip installs from emfs:/wheels/..., so nothing is fetched. The script's stdout is
// this program's stdout; it runs with top-level await (runPythonAsync).
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [wheelDir, script] = process.argv.slice(2).map((p) => path.resolve(p));
const pyodide = await loadPyodide({ stdout: (line) => console.log(line), stderr: (line) => console.error(line) });
const wheels = readFileSync(path.join(wheelDir, "install.txt"), "utf8").split("\n").filter(Boolean);
const micropip = wheels.find((name) => name.startsWith("micropip-"));
await pyodide.loadPackage(path.join(wheelDir, micropip));
pyodide.FS.mkdirTree("/wheels");
pyodide.mountNodeFS("/wheels", wheelDir);
const installs = wheels.filter((name) => name !== micropip).map((name) => `emfs:/wheels/${name}`);
pyodide.globals.set("WHEELS", pyodide.toPy(installs));
await pyodide.runPythonAsync("import micropip\nfor wheel in WHEELS:\n    await micropip.install(wheel)\n");
await pyodide.runPythonAsync(readFileSync(script, "utf8"));
