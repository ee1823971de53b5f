"""Check the Linux artifacts packaging/build_linux.sh made (the second half of `make package`).

    python3 packaging/check.py [--dist DIR]

The .tar.gz is unpacked and the .deb unpacked into a scratch root (``dpkg-deb -x``: no root
needed), its /opt made read-only as an installed package's is. Each copy then must, with an
empty home folder, no display (QT_QPA_PLATFORM=offscreen) and no Python of ours on the paths:
print the version of nnplayground/__init__.py; pass ``--smoke-test``; and train the circle
preset headless with ``--engine compiled`` twice, the first run compiling the kernel into the
per-user cache, the second loading it from there with the same results. Where Xvfb is
installed, the smoke test also runs on a private X server with Qt's xcb platform (the one
desktops use, with its plugins and libraries). Prints how long each
step took; any failure ends with one ``check.py: FAILED`` line and exit code 1. Standard
library only.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project_version import read_version  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)  # make_icons.SIZES, without importing Qt
STEP_TIMEOUT_S = 900  # a cold compile takes about a minute on a slow, busy machine
UNAVAILABLE = "compiled engine is unavailable"
# Variables that could make the bundle use something outside itself (a source checkout, a
# Python installation, the developer's kernel cache or settings).
SCRUBBED = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "NUMBA_CACHE_DIR", "XDG_CACHE_HOME",
            "XDG_CONFIG_HOME", "XDG_DATA_HOME", "LD_LIBRARY_PATH", "VIRTUAL_ENV", "DISPLAY", "WAYLAND_DISPLAY")


class CheckFailed(Exception):
    """One failed check: its message is the one line check.py prints."""


def run(label: str, command: list[str], env: dict[str, str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``command``; its result and wall time. CheckFailed on a non-zero exit or a timeout."""
    began = time.monotonic()
    try:
        result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=STEP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"{label}: no answer within {STEP_TIMEOUT_S} s") from None
    except OSError as error:
        raise CheckFailed(f"{label}: cannot start {command[0]}: {error.strerror or error}") from None
    seconds = time.monotonic() - began
    if result.returncode != 0:
        tail = " | ".join((result.stderr or result.stdout).strip().splitlines()[-3:])
        raise CheckFailed(f"{label}: exit code {result.returncode}: {tail}")
    return result, seconds


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a person who never ran nnplayground, with no display."""
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    return env


@contextlib.contextmanager
def x_server():
    """A private Xvfb's DISPLAY (":N"), or None without Xvfb; stopped afterwards."""
    if shutil.which("Xvfb") is None:
        yield None
        return
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()  # Xvfb writes it once it accepts clients
        if not number:
            raise CheckFailed("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


def smoke_test(label: str, program: Path, home: Path, display: str | None) -> float:
    """``--smoke-test`` offscreen, or on X ``display`` with xcb; its wall time."""
    env = clean_env(home)
    if display is not None:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    result, seconds = run(label, [str(program), "--smoke-test"], env, home)
    if "smoke test: ok" not in result.stdout:
        raise CheckFailed(f"{label}: did not report ok: {result.stdout.strip()} {result.stderr.strip()}")
    return seconds


def smoke_tests(name: str, program: Path, home: Path) -> str:
    """``--smoke-test`` offscreen, then on a private X server where Xvfb is installed; how long each took."""
    said = f"offscreen {smoke_test(f'{name}: --smoke-test', program, home, None):.1f} s"
    with x_server() as display:
        if display is not None:
            said += f", on Xvfb with xcb {smoke_test(f'{name}: --smoke-test on X', program, home, display):.1f} s"
    return said


def cache_files(home: Path) -> dict[str, float]:
    """The compiled kernel's cache files in ``home``'s per-user cache folder, with their times."""
    folder = home / ".cache" / "nnplayground" / "numba"
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*") if p.suffix in (".nbi", ".nbc")}


def train(label: str, program: Path, home: Path, out: Path) -> tuple[dict, float]:
    """``run --preset circle --engine compiled``: its summary.json and wall time, after checking
    it trained to the end on the compiled engine."""
    result, seconds = run(label, [str(program), "run", "--preset", "circle", "--engine", "compiled", "--out", str(out)],
                          clean_env(home), home)
    if UNAVAILABLE in result.stderr:
        raise CheckFailed(f"{label}: trained with NumPy: {result.stderr.strip()}")
    summary_path = out / "summary.json"
    if not result.stdout.startswith("completed:") or not summary_path.is_file():
        raise CheckFailed(f"{label}: no completed run in {out}: {result.stdout.strip()}")
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    if summary["status"] != "completed" or not summary["accuracy"] or summary["accuracy"] < 0.9:
        raise CheckFailed(f"{label}: the circle preset did not learn: {summary['status']}, accuracy {summary['accuracy']}")
    return summary, seconds


def check_installation(name: str, program: Path, folder: Path, version: str, scratch: Path) -> list[str]:
    """All the checks of one installed copy (``program`` runs the files in ``folder``); the report lines."""
    home = scratch / f"home-{name}"
    home.mkdir()
    before = snapshot(folder)
    result, _ = run(f"{name}: --version", [str(program), "--version"], clean_env(home), home)
    if result.stdout.strip() != f"nnplayground {version}":
        raise CheckFailed(f"{name}: --version printed {result.stdout.strip()!r}, not 'nnplayground {version}'")
    smoke = smoke_tests(name, program, home)
    # The smoke test may have compiled the kernel already (the window trains on the compiled
    # engine too): clear the cache, so the first run below starts cold.
    for path in sorted((home / ".cache" / "nnplayground").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    cold, cold_s = train(f"{name}: first compiled run", program, home, scratch / f"{name}-cold")
    cached = cache_files(home)
    if not cached:
        raise CheckFailed(f"{name}: the compiled kernel was not cached in {home / '.cache' / 'nnplayground' / 'numba'}")
    warm, warm_s = train(f"{name}: second compiled run", program, home, scratch / f"{name}-warm")
    if cache_files(home) != cached:
        raise CheckFailed(f"{name}: the second run compiled the kernel again instead of loading it from the cache")
    first, second = ([summary[k] for k in ("iterations", "train_loss", "test_loss", "accuracy")] for summary in (cold, warm))
    if first != second:
        raise CheckFailed(f"{name}: the cached kernel trained differently: {first} vs {second}")
    if snapshot(folder) != before:
        raise CheckFailed(f"{name}: running it wrote into its own folder {folder}")
    return [f"{name}: --version, --smoke-test ok ({smoke}); compiled engine: first run {cold_s:.1f} s "
            f"(kernel compiled, {len(cached)} cache files), second {warm_s:.1f} s (cached), "
            f"accuracy {cold['accuracy']:.4f} both"]


def snapshot(folder: Path) -> dict[str, tuple[int, float]]:
    """Every file under ``folder`` with its size and time."""
    return {str(p): (p.lstat().st_size, p.lstat().st_mtime) for p in folder.rglob("*")}


def unpack_tarball(tarball: Path, scratch: Path, version: str) -> Path:
    """The folder the .tar.gz unpacks to."""
    with tarfile.open(tarball) as archive:
        archive.extractall(scratch / "tar", filter="tar")
    folder = scratch / "tar" / f"nnplayground-{version}"
    if not (folder / "nnplayground").is_file():
        raise CheckFailed(f"{tarball.name}: no nnplayground-{version}/nnplayground inside")
    return folder


def unpack_deb(deb: Path, scratch: Path, version: str) -> Path:
    """The root the .deb unpacks into, after checking its control fields and desktop files;
    its /opt/nnplayground read-only from then on."""
    root = scratch / "deb-root"
    run(f"{deb.name}: dpkg-deb -x", ["dpkg-deb", "-x", str(deb), str(root)], dict(os.environ), scratch)
    fields = {}
    for field in ("Package", "Version", "Architecture", "Depends"):
        fields[field] = run(f"{deb.name}: dpkg-deb -f", ["dpkg-deb", "-f", str(deb), field], dict(os.environ),
                            scratch)[0].stdout.strip()
    if fields["Package"] != "nnplayground" or fields["Version"] != version:
        raise CheckFailed(f"{deb.name}: control says {fields['Package']} {fields['Version']}, not nnplayground {version}")
    expected = [root / "usr/share/applications/nnplayground.desktop",
                root / "usr/share/icons/hicolor/scalable/apps/nnplayground.svg",
                *(root / f"usr/share/icons/hicolor/{s}x{s}/apps/nnplayground.png" for s in ICON_SIZES)]
    missing = [str(p.relative_to(root)) for p in expected if not p.is_file()]
    if missing:
        raise CheckFailed(f"{deb.name}: missing {', '.join(missing)}")
    launcher = root / "usr/bin/nnplayground"
    if not launcher.is_symlink() or os.readlink(launcher) != "../../opt/nnplayground/nnplayground":
        raise CheckFailed(f"{deb.name}: /usr/bin/nnplayground is not the link to /opt/nnplayground/nnplayground")
    desktop = (root / "usr/share/applications/nnplayground.desktop").read_text(encoding="utf-8").splitlines()
    if "Exec=nnplayground" not in desktop or "Icon=nnplayground" not in desktop:
        raise CheckFailed(f"{deb.name}: the desktop entry does not start nnplayground with its icon")
    read_only(root / "opt/nnplayground")
    return root


def read_only(folder: Path) -> None:
    """Take away every write permission under ``folder``, as for a package installed by root."""
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def artifacts(dist: Path, version: str) -> tuple[Path, Path]:
    """The .tar.gz and the .deb of ``version`` in ``dist``."""
    tarball = dist / f"nnplayground-{version}-linux-{platform.machine()}.tar.gz"
    debs = sorted(dist.glob(f"nnplayground_{version}_*.deb"))
    if not tarball.is_file():
        raise CheckFailed(f"no {tarball}: run packaging/build_linux.sh (make package) first")
    if len(debs) != 1:
        raise CheckFailed(f"expected one nnplayground_{version}_*.deb in {dist}, found {len(debs)}")
    return tarball, debs[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the Linux .tar.gz and .deb of nnplayground.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where build_linux.sh put them (default: dist)")
    args = parser.parse_args(argv)
    version = read_version()
    scratch = Path(tempfile.mkdtemp(prefix="nnplayground-check-"))
    try:
        tarball, deb = artifacts(args.dist, version)
        folder = unpack_tarball(tarball, scratch, version)
        report = check_installation("tar.gz", folder / "nnplayground", folder, version, scratch)
        root = unpack_deb(deb, scratch, version)
        report += check_installation("deb", root / "usr/bin/nnplayground", root / "opt/nnplayground", version, scratch)
    except CheckFailed as failure:
        print(f"check.py: FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(scratch)], check=False)
        subprocess.run(["rm", "-rf", str(scratch)], check=False)
    for line in report:
        print(line)
    print(f"check.py: the .tar.gz and the .deb of nnplayground {version} pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
