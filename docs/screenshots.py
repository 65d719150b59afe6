"""Regenerate the two pictures the README and the docs show: the example workbook's Dashboard
(recalculated by xlkpi, printed by LibreOffice, rasterised by pdftoppm) and the weekly report's
page (headless Chromium).

    python docs/screenshots.py          # writes docs/img/dashboard.png and docs/img/report.png

Needs LibreOffice (``soffice``), poppler's ``pdftoppm``/``pdftotext`` and Chromium.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
EXAMPLE = ROOT / "workbook_templates" / "xlkpi_example_en.xlsx"


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True, cwd=cwd).stdout


def _dashboard_page(pdf: Path) -> int:
    """The PDF page that prints the Dashboard (it prints on one landscape page)."""
    pages = int(next(line.split()[-1] for line in _run("pdfinfo", pdf).splitlines() if line.startswith("Pages:")))
    for page in range(1, pages + 1):
        text = _run("pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-")
        if text.lstrip().startswith("Dashboard "):
            return page
    raise SystemExit(f"{pdf}: no page prints the Dashboard")


def dashboard(work: Path) -> Path:
    _run(sys.executable, "-m", "xlkpi", "recalc", EXAMPLE, "-o", work, "-q")
    book = work / EXAMPLE.name
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    _run(soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", work, book)
    pdf = book.with_suffix(".pdf")
    page = _dashboard_page(pdf)
    _run("pdftoppm", "-png", "-r", "100", "-f", str(page), "-l", str(page), "-singlefile", pdf, IMG / "dashboard")
    return IMG / "dashboard.png"


def report(work: Path) -> Path:
    _run(sys.executable, "-m", "xlkpi", "report", EXAMPLE, "-o", work / "report", "--format", "html")
    browser = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if browser is None:
        raise SystemExit("Chromium is needed")
    target = IMG / "report.png"
    _run(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--screenshot={target}",
         "--window-size=1280,1500", (work / "report" / "report.html").as_uri())
    return target


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for made in (dashboard(Path(tmp)), report(Path(tmp))):
            print(made.relative_to(ROOT))


if __name__ == "__main__":
    main()
