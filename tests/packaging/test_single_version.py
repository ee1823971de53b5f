"""The version is kept in one place, nnplayground/__init__.py; everything else reads it there."""
import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hatchling.metadata.core import ProjectMetadata
from hatchling.plugin.manager import PluginManager

import nnplayground

ROOT = Path(__file__).resolve().parents[2]


def test_pyproject_has_no_version_of_its_own():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "nnplayground/__init__.py"


def test_the_build_backend_reads_the_version_from_the_package():
    # what `pip install` / a wheel build would record, computed from this checkout's pyproject.toml
    assert ProjectMetadata(str(ROOT), PluginManager()).version == nnplayground.__version__


def test_installed_metadata_and_command_show_the_same_version():
    assert importlib.metadata.version("nnplayground") == nnplayground.__version__
    script = Path(sys.executable).with_name("nnplayground")  # the console script pyproject.toml declares
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"nnplayground {nnplayground.__version__}"


def test_packaging_scripts_read_the_same_version(packaging_modules):
    result = subprocess.run([sys.executable, str(packaging_modules / "project_version.py")],
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == nnplayground.__version__
    from project_version import read_version
    assert read_version() == nnplayground.__version__


def test_a_file_without_a_version_is_refused(packaging_modules, tmp_path):
    from project_version import read_version
    init = tmp_path / "__init__.py"
    init.write_text('"""no version here"""\nversion = "1.0"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="no __version__"):
        read_version(init)
    init.write_text('x = 1\n__version__ = "2.3.4rc1"\n', encoding="utf-8")
    assert read_version(init) == "2.3.4rc1"


def test_no_recipe_copies_the_version_number():
    recipes = [ROOT / "packaging" / name for name in ("nnplayground.spec", "build_linux.sh", "windows/nnplayground.iss",
                                                      "macos/build_dmg.sh")]
    recipes.append(ROOT / ".github" / "workflows" / "installers.yml")
    for recipe in recipes:
        assert nnplayground.__version__ not in recipe.read_text(encoding="utf-8"), recipe
