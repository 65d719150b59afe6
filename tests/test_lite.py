"""`xlkpi lite`: the main.py and requirements.txt a user pastes into xlwings Lite."""
from __future__ import annotations

import runpy
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner
from small_disk import fill, small_disk_fixture  # noqa: F401 (a fixture)

from xlkpi import REGISTRY
from xlkpi.cli import main


def test_writes_main_and_pinned_requirements(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["lite", str(tmp_path / "lite")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "lite" / "requirements.txt").read_text(encoding="utf-8") == f"xlkpi=={version('xlkpi')}\n"
    assert "from xlkpi.officejs import *" in (tmp_path / "lite" / "main.py").read_text(encoding="utf-8")
    steps = [line for line in result.output.splitlines() if line.strip()[:2] in ("1.", "2.", "3.")]
    assert len(steps) == 3 and f"xlkpi=={version('xlkpi')}" in steps[1]


def test_main_exposes_every_function_to_xlwings(tmp_path: Path) -> None:
    server = pytest.importorskip("xlwings.server", reason="xlwings.server needs XLWINGS_LICENSE_KEY")
    CliRunner().invoke(main, ["lite", str(tmp_path)])
    namespace = runpy.run_path(str(tmp_path / "main.py"))
    module = type(pytest)("main")
    module.__dict__.update(namespace)
    meta = server.custom_functions_meta(module)
    assert sorted(f["id"] for f in meta["functions"]) == sorted(REGISTRY)


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text("mine = 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lite", str(tmp_path), "--lang", "fr"])
    assert result.exit_code == 2 and "--force" in result.output and "déjà présents" in result.output
    assert (tmp_path / "main.py").read_text(encoding="utf-8") == "mine = 1\n"
    assert not (tmp_path / "requirements.txt").exists()
    assert CliRunner().invoke(main, ["lite", str(tmp_path), "--force"]).exit_code == 0
    assert "xlkpi.officejs" in (tmp_path / "main.py").read_text(encoding="utf-8")


# --- Links and full disks: written in DIR, atomically, or not at all ---------------------------------

def test_a_dangling_link_out_of_the_folder_is_not_written_through(tmp_path: Path) -> None:
    folder, outside = tmp_path / "lite", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "main.py").symlink_to(outside / "planted.py")  # dangling: .exists() is False
    result = CliRunner().invoke(main, ["lite", str(folder)])
    assert result.exit_code == 2 and "--force" in result.output
    assert not (outside / "planted.py").exists() and not (folder / "requirements.txt").exists()
    result = CliRunner().invoke(main, ["lite", str(folder), "--force"])
    assert result.exit_code == 0, result.output
    assert not (outside / "planted.py").exists()  # the link itself was replaced
    assert not (folder / "main.py").is_symlink() and "xlkpi.officejs" in (folder / "main.py").read_text()


def test_force_on_a_linked_file_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    folder, target = tmp_path / "lite", tmp_path / "precious.py"
    folder.mkdir()
    target.write_text("precious = 1\n")
    (folder / "requirements.txt").symlink_to(target)
    result = CliRunner().invoke(main, ["lite", str(folder), "--force"])
    assert result.exit_code == 0, result.output
    assert target.read_text() == "precious = 1\n"
    assert not (folder / "requirements.txt").is_symlink()
    assert (folder / "requirements.txt").read_text().startswith("xlkpi==")


def test_a_full_disk_leaves_no_partial_file(small_disk: Path) -> None:
    folder = small_disk / "lite"
    folder.mkdir()
    fill(small_disk)
    result = CliRunner().invoke(main, ["lite", str(folder)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot write" in lines[0] and "Traceback" not in result.output, result.output
    assert sorted(p.name for p in folder.iterdir()) == []  # no main.py, no staging file
