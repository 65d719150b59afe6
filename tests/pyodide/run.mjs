// Run a Python file inside Pyodide under Node, offline, with the wheels of a local folder.
//   node run.mjs WHEEL_DIR SCRIPT.py
// WHEEL_DIR/install.txt lists the wheels of WHEEL_DIR in install order, micropip's among them
// (Pyodide's installer, not in the npm package). The folder is mounted at /wheels and micropip
// installs from emfs:/wheels/..., so nothing is fetched. The script runs with top-level await
// (runPythonAsync); its stdout is this program's. On an error: its message (a Python traceback)
// on stderr, exit status 1.
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

async function main(wheelDir, script) {
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
}

try {
  await main(...process.argv.slice(2).map((p) => path.resolve(p)));
} catch (error) {
  console.error(error?.message ?? String(error));
  process.exit(1);
}
