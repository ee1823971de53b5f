"""Steps per second of the NumPy core's full training step, beside the same model in PyTorch.

    python benchmarks/bench_core.py [--quick]

Ours is the trainer's loop, ``Trainer.run``: per iteration forward, loss, backward, SGD
update and the full StepRecord (per-layer gradient, weight and update norms, activation
statistics, history), plus the test-set evaluation at every epoch end. PyTorch, when
importable, trains the same model (same initial weights, data, batch size and batch order
scheme) with a standard zero_grad/forward/loss/backward/step loop on the CPU and evaluates
the test set at every epoch end too. ratio = ours / torch, both float64. The last line is ``min_ratio_small=<x> min_ratio_large=<y>`` ("nan" without torch).
"""
import os

# One BLAS/OpenMP thread for NumPy and torch alike, set before NumPy is imported: the machine
# has 2 cores, and 1 thread was measured to hold its speed under load where 2 threads fell 4x.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable from a source checkout
from nnplayground.core import Trainer  # noqa: E402
from nnplayground.core.experiment import (DataSpec, Experiment, LayerSpec, NetworkSpec,  # noqa: E402
                                          OptimizerSpec, TrainingSpec)

try:
    import torch
    torch.set_num_threads(1)
except ImportError:
    torch = None

LEARNING_RATE = 0.03


@dataclass(frozen=True)
class Case:
    name: str
    group: str  # "small" or "large": which min_ratio it counts towards
    hidden: tuple[int, ...]
    activation: str
    batch: int
    dataset: str = "circle"
    task: str = "binary"
    classes: int = 2


CASES = [
    Case("2-4-2-1 batch 10", "small", (4, 2), "tanh", 10),
    Case("2-(8x6)-1 batch 32", "small", (8,) * 6, "tanh", 32),
    Case("2-256-256-10 batch 256", "large", (256, 256), "relu", 256, "blobs", "multiclass", 10),
    Case("2-(16x100)-1 batch 64", "large", (16,) * 100, "tanh", 64),
]


def make_trainer(case: Case) -> Trainer:
    return Trainer(Experiment(
        data=DataSpec(dataset=case.dataset, samples=2000, train_fraction=0.5, classes=case.classes),
        network=NetworkSpec(task=case.task, hidden=tuple(LayerSpec(n, case.activation) for n in case.hidden)),
        optimizer=OptimizerSpec(name="sgd", learning_rate=LEARNING_RATE),
        training=TrainingSpec(batch_size=case.batch, epochs=10_000_000),
    ))


def torch_step(case: Case, trainer: Trainer, dtype):
    """A standard PyTorch training step on the trainer's data and initial weights."""
    activation = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}[case.activation]
    layers = []
    for i, (W, b) in enumerate(trainer.network.params):
        linear = torch.nn.Linear(*W.shape, dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T.copy()))
            linear.bias.copy_(torch.from_numpy(b.copy()))
        layers += [linear] if i == len(trainer.network.params) - 1 else [linear, activation()]
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    X = torch.tensor(trainer.data.X_train, dtype=dtype)  # a copy: the trainer's arrays are read-only
    if case.task == "multiclass":
        loss_fn = torch.nn.CrossEntropyLoss()
        def Y_of(Y): return torch.tensor(Y.argmax(axis=1))
    else:
        loss_fn = torch.nn.BCEWithLogitsLoss()
        def Y_of(Y): return torch.tensor(Y, dtype=dtype)
    Y = Y_of(trainer.data.Y_train)
    X_test = torch.tensor(trainer.data.X_test, dtype=dtype)
    Y_test = Y_of(trainer.data.Y_test)
    n, generator = len(X), torch.Generator().manual_seed(0)
    state = {"start": n}

    def evaluate():  # what our trainer does at every epoch end: test loss and accuracy
        with torch.no_grad():
            logits = model(X_test)
            loss_fn(logits, Y_test).item()
            predicted = logits.argmax(dim=1) if case.task == "multiclass" else (logits > 0).to(dtype)
            (predicted == Y_test).to(dtype).mean().item()

    def steps(count):
        for _ in range(count):
            if state["start"] >= n:  # new epoch: shuffle once, then take consecutive slices
                order = torch.randperm(n, generator=generator)
                state.update(start=0, X=X[order], Y=Y[order])
            s = state["start"]
            state["start"] = s + case.batch
            xb, yb = state["X"][s:s + case.batch], state["Y"][s:s + case.batch]
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            if state["start"] >= n:
                evaluate()

    return steps


def steps_per_second(steps: dict, window: float, repeats: int) -> dict:
    """Best rate of each ``steps(count)`` function over ``repeats`` windows of about ``window`` s.

    After a warm-up, the windows of all functions take turns, so a change in the machine's
    load hits them alike rather than whichever happened to run last.
    """
    per_window, best = {}, dict.fromkeys(steps, 0.0)
    for name, run in steps.items():  # warm-up, and a first estimate of the rate
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < window:
            run(10)
            count += 10
        per_window[name] = max(1, int(count * window / (time.perf_counter() - start)))
    for _ in range(repeats):
        for name, run in steps.items():
            start = time.perf_counter()
            run(per_window[name])
            best[name] = max(best[name], per_window[name] / (time.perf_counter() - start))
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short timing windows (a smoke check)")
    args = parser.parse_args(argv)
    window, repeats = (0.05, 2) if args.quick else (0.4, 5)

    ratios = {"small": [], "large": []}
    for case in CASES:
        trainer = make_trainer(case)
        steps = {"numpy": lambda count, trainer=trainer: trainer.run(max_iterations=count)}
        if torch is not None:  # built before ours trains, so both start from the same weights
            steps.update(torch64=torch_step(case, trainer, torch.float64),
                         torch32=torch_step(case, trainer, torch.float32))
        rate = steps_per_second(steps, window, repeats)
        line = f"{case.name:<24} numpy {rate['numpy']:7.0f} steps/s"
        if torch is None:
            line += "   torch     n/a steps/s   ratio  n/a"
            ratios[case.group].append(float("nan"))
        else:
            ratio = rate["numpy"] / rate["torch64"]
            ratios[case.group].append(ratio)
            line += (f"   torch {rate['torch64']:7.0f} steps/s   ratio {ratio:5.2f}"
                     f"   (torch float32 {rate['torch32']:7.0f} steps/s)")
        print(line, flush=True)
    print(f"min_ratio_small={min(ratios['small']):.2f} min_ratio_large={min(ratios['large']):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
