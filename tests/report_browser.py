"""Open a page in headless Chromium over the DevTools protocol: console errors, images, layout
at a phone's width, and a screenshot. ``python tests/report_browser.py PAGE.html OUT.png [WIDTH]``
takes a screenshot by hand."""
from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")

PAGE_STATE = """(() => {
  const images = [...document.images].map(i => ({src: i.src.slice(0, 40), complete: i.complete,
                                                  width: i.naturalWidth, height: i.naturalHeight}));
  return JSON.stringify({images, scrollWidth: document.documentElement.scrollWidth,
                         innerWidth: window.innerWidth, height: document.documentElement.scrollHeight,
                         text: document.body.innerText});
})()"""


class BrowserUnavailable(RuntimeError):
    """Chromium is missing or cannot start here."""


@dataclass
class PageReport:
    errors: list[str] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    scroll_width: int = 0
    inner_width: int = 0
    height: int = 0
    text: str = ""


def chromium() -> str | None:
    return next((path for name in CHROMIUM if (path := shutil.which(name))), None)


class DevTools:
    """One page of a headless Chromium, driven by JSON messages over its WebSocket."""

    def __init__(self, url: str):
        import websocket

        self.socket = websocket.create_connection(url, timeout=30)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str, since: int = 0, timeout: float = 30) -> None:
        """Until ``event`` has come, among the events from index ``since`` on."""
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events[since:]):
            if time.monotonic() > deadline:
                raise TimeoutError(event)
            self.events.append(json.loads(self.socket.recv()))

    def close(self) -> None:
        self.socket.close()


def open_page(page: Path, screenshot: Path | None, width: int = 390, height: int = 844) -> PageReport:
    """Load ``page`` at ``width`` CSS pixels; report console errors and failed loads, every
    image's natural size, the page's widths; write a full-page screenshot."""
    browser = chromium()
    if browser is None:
        raise BrowserUnavailable("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    # Chromium's helper processes may still write the profile as it exits: a leftover file is no failure
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        process = subprocess.Popen(
            [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0",
             f"--user-data-dir={profile}", "about:blank"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        try:
            return _drive(process, page, screenshot, width, height)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def _drive(process: subprocess.Popen, page: Path, screenshot: Path | None, width: int, height: int) -> PageReport:
    import urllib.request

    assert process.stderr is not None
    port = None
    deadline = time.monotonic() + 60
    while port is None and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            raise BrowserUnavailable(f"{process.args[0]} cannot run here: it exited ({process.returncode}) before it listened")
        if "DevTools listening on ws://" in line:
            port = int(line.split("ws://")[1].split("/")[0].split(":")[1])
    if port is None:
        raise BrowserUnavailable(f"{process.args[0]} did not start within 60 s")
    target = None
    while target is None:  # the about:blank page may be listed a moment after the port opens
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30).read())
        target = next((t for t in targets if t["type"] == "page"), None)
        if target is None and time.monotonic() > deadline:
            raise BrowserUnavailable(f"{process.args[0]} opened no page within 60 s")
        time.sleep(0 if target else 0.1)
    tools = DevTools(target["webSocketDebuggerUrl"])
    try:
        for domain in ("Page", "Runtime", "Log"):
            tools.call(f"{domain}.enable")
        tools.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=True)
        tools.call("Page.navigate", url=page.resolve().as_uri())
        tools.wait_for("Page.loadEventFired", since=len(tools.events))  # not about:blank's, if it came late
        state = json.loads(tools.call("Runtime.evaluate", expression=PAGE_STATE, returnByValue=True)["result"]["value"])
        if screenshot is not None:
            shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                              clip={"x": 0, "y": 0, "width": width, "height": state["height"], "scale": 1})
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        report = PageReport(images=state["images"], scroll_width=state["scrollWidth"], inner_width=state["innerWidth"],
                            height=state["height"], text=state["text"])
        for event in tools.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                report.errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                report.errors.append(str(params.get("args")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                report.errors.append(params["entry"].get("text", ""))
        return report
    finally:
        tools.close()


if __name__ == "__main__":
    result = open_page(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 390)
    print(json.dumps({"errors": result.errors, "images": result.images, "scroll_width": result.scroll_width,
                      "inner_width": result.inner_width, "height": result.height}, indent=1))
