"""The README's examples work: the experiment file spells out every default, and the Python
API example runs as written."""
import json
import os
from pathlib import Path

from nnplayground.core import Experiment

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_documented_example_lists_every_key_with_its_default():
    block = README.read_text(encoding="utf-8").split("```json")[1].split("```")[0]
    documented = json.loads(block)
    defaults = Experiment(name=documented["name"], description=documented["description"]).to_dict()
    assert documented == defaults


def test_the_python_api_example_runs(tmp_path, monkeypatch):
    text = README.read_text(encoding="utf-8")
    code = text[text.index("## Python API"):].split("```python")[1].split("```")[0]
    monkeypatch.chdir(README.parent)  # it loads resources/presets/circle.json
    # The example leaves X, Y and text to the reader: give them values, and keep its file in tmp_path.
    code = code.replace("loss, grads =", "X, Y = trainer.data.X_train[:5], trainer.data.Y_train[:5]\nloss, grads =", 1)
    code = code.replace('"mine.json"', repr(os.fspath(tmp_path / "mine.json")))
    code = code.replace("Experiment.from_json(text)", "Experiment.from_json(exp.to_json())")
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["status"] in ("completed", "target_reached", "early_stopped")
    assert Experiment.load(tmp_path / "mine.json") == namespace["exp"]
    assert namespace["trace"].learning_rate == 0.03


def test_the_data_parallel_example_runs(monkeypatch):
    text = README.read_text(encoding="utf-8")
    code = text[text.index("## Data-parallel training (simulated)"):].split("```python")[1].split("```")[0]
    monkeypatch.chdir(README.parent)  # it loads resources/presets/circle.json
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)
    record, parallel = namespace["record"], namespace["p"]
    assert record.samples_seen == namespace["exp"].train_samples  # one iteration is the whole epoch
    assert len(parallel.batches) == 4 and parallel.replicas_identical
    assert len(namespace["drift"]) > 0 and namespace["drift"].max() < 1e-5  # float32 reduction, float64 model
