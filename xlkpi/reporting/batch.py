"""One workbook's report files: the unit of work of ``xlkpi report -o`` (a pool runs it for each file)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import WorkbookError


def targets(files: list[Path], output_dir: Path) -> list[Path]:
    """One folder per workbook: DIR itself for one, DIR/<name> for several (DIR/<name>-2 … if names repeat)."""
    if len(files) == 1:
        return [output_dir]
    seen: dict[str, int] = {}
    folders = []
    for path in files:
        seen[path.stem] = seen.get(path.stem, 0) + 1
        folders.append(output_dir / (path.stem if seen[path.stem] == 1 else f"{path.stem}-{seen[path.stem]}"))
    return folders


@dataclass
class Outcome:
    """One workbook's report: files written (paths), warnings, and the failure if it failed."""

    path: Path
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failure: str = ""
    lang: str = "en"


def report_files(path: Path, target: Path, week: int | None, lang: str | None, formats: tuple[str, ...]) -> Outcome:
    """Read, compute and write one workbook's report; a failure is the outcome, never raised
    (a worker process runs this for each file of a batch)."""
    from .figures import compute
    from .render import write_report
    from .workbook_reader import read_workbook

    outcome = Outcome(path)
    try:
        data = read_workbook(path, week)
        figures = compute(data, lang)
        written = write_report(figures, path, target, formats, data.speed_hours)
        outcome.written, outcome.skipped, outcome.lang = [str(p) for p in written.files], written.skipped, figures.lang
    except WorkbookError as error:
        outcome.failure = str(error)
    except OSError as error:  # a full disk, a folder that cannot be written
        outcome.failure = f"{path}: cannot write the report into {target} ({error.strerror or error})"
    except Exception as error:  # noqa: BLE001  (one workbook's failure must not stop the batch)
        outcome.failure = f"{path}: internal error ({type(error).__name__}: {error})"
    return outcome
