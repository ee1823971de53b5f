"""The command line the window starts as a child (app/child.py), from a checkout and from a bundle."""
import subprocess
import sys

from nnplayground import __version__
from nnplayground.app import child


def test_from_python_the_child_runs_the_package_as_a_module():
    program, arguments = child.command(["--version"])
    assert (program, arguments) == (sys.executable, ["-m", "nnplayground", "--version"])
    result = subprocess.run([program, *arguments], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"nnplayground {__version__}"


def test_in_a_bundle_the_executable_is_the_command_itself(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "nnplayground"))
    assert child.command(["run", tmp_path / "a.json", "--epochs", 3]) == (
        str(tmp_path / "nnplayground"), ["run", str(tmp_path / "a.json"), "--epochs", "3"])
