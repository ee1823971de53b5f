"""packaging/check.py's verdicts, on stand-ins for the bundle (the real run is `make package`)."""
import json
import shlex
import stat

import pytest

SUMMARY = {"status": "completed", "iterations": 1000, "train_loss": 0.05, "test_loss": 0.06, "accuracy": 0.996}


def fake_program(folder, stderr: str, summary: dict):
    """An executable that answers `run ... --out DIR` as nnplayground does: summary.json in DIR."""
    program = folder / "nnplayground"
    program.write_text("#!/bin/sh\n"
                       'for out; do :; done\n'  # the last argument: --out's folder
                       'mkdir -p "$out"\n'
                       f'printf %s {shlex.quote(json.dumps(summary))} > "$out/summary.json"\n'
                       'echo "completed: 40 epochs, 1000 iterations, test accuracy 0.9960; wrote $out"\n'
                       f"printf %s {shlex.quote(stderr)} >&2\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def test_missing_artifacts_fail_with_one_line(packaging_modules, tmp_path, capsys):
    import check
    assert check.main(["--dist", str(tmp_path)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("check.py: FAILED: no ") and "make package" in error and "\n" not in error


def test_a_run_that_fell_back_to_numpy_fails(packaging_modules, tmp_path):
    import check
    program = fake_program(tmp_path, "nnplayground: the compiled engine is unavailable (ImportError: no numba); "
                                     "training with NumPy", SUMMARY)
    with pytest.raises(check.CheckFailed, match="trained with NumPy"):
        check.train("bundle", program, tmp_path, tmp_path / "out")


def test_a_compiled_run_that_learned_passes_and_one_that_did_not_fails(packaging_modules, tmp_path):
    import check
    summary, seconds = check.train("bundle", fake_program(tmp_path, "", SUMMARY), tmp_path, tmp_path / "out")
    assert summary == SUMMARY and seconds >= 0
    with pytest.raises(check.CheckFailed, match="did not learn"):
        check.train("bundle", fake_program(tmp_path, "", {**SUMMARY, "accuracy": 0.5}), tmp_path, tmp_path / "out2")
