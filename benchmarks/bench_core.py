"""Steps per second of the core's full training step on both engines, beside the same model in PyTorch.

    python benchmarks/bench_core.py [--quick]

Ours is the trainer's loop, ``Trainer.run``: per iteration forward, loss, backward, SGD
update and the full StepRecord (per-layer gradient, weight and update norms, activation
statistics, history), plus the test-set evaluation at every epoch end. PyTorch, when
importable, trains the same model (same initial weights, data, batch size and batch order
scheme) with a standard zero_grad/forward/loss/backward/step loop on the CPU and evaluates
the test set at every epoch end too. Ours runs on the NumPy engine ("numpy") and on the
compiled one ("compiled", numba), each in float64 and float32; ratio = compiled / torch in the
same dtype (the compiled engine is the default). The first lines time the kernel's compilation
in a fresh process: cold (an empty cache folder) and cached.

The "rnn" case times one BPTT training step of core.rnn.RNN (hidden 32, 1000 time steps,
batch 16, remember_first task): ``compute_gradients`` plus an SGD update of ``theta``, beside
torch.nn.RNN (tanh) + a Linear head + MSELoss + SGD with the same initial weights and batches.
Its ratio is printed as ``rnn_ratio=<z>`` and counts towards neither of the last line's minima.
The last line is ``min_ratio_small=<x> min_ratio_large=<y>`` ("nan" without torch).
"""
import os

# One BLAS/OpenMP thread for NumPy and torch alike, set before NumPy is imported: the machine
# has 2 cores, and 1 thread was measured to hold its speed under load where 2 threads fell 4x.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable from a source checkout
from nnplayground.core import Trainer  # noqa: E402
from nnplayground.core.optimizers import SGD  # noqa: E402
from nnplayground.core.rnn import RNN, input_size, sequence_data  # noqa: E402
from nnplayground.core.experiment import (DataSpec, Experiment, LayerSpec, NetworkSpec,  # noqa: E402
                                          OptimizerSpec, TrainingSpec)

try:
    import torch
    torch.set_num_threads(1)
except ImportError:
    torch = None

LEARNING_RATE = 0.03
RNN_LEARNING_RATE = 0.01
RNN_BATCHES = 8  # the RNN cases cycle through this many fixed batches


@dataclass(frozen=True)
class Case:
    name: str
    group: str  # "small" or "large": which min_ratio it counts towards ("rnn": rnn_ratio)
    hidden: tuple[int, ...]
    activation: str
    batch: int
    dataset: str = "circle"
    task: str = "binary"
    classes: int = 2
    kind: str = "mlp"  # "mlp": Trainer.run vs torch.nn.Sequential; "rnn": RNN BPTT vs torch.nn.RNN
    length: int = 0  # time steps (rnn only)


CASES = [
    Case("2-4-2-1 batch 10", "small", (4, 2), "tanh", 10),
    Case("2-(8x6)-1 batch 32", "small", (8,) * 6, "tanh", 32),
    Case("2-256-256-10 batch 256", "large", (256, 256), "relu", 256, "blobs", "multiclass", 10),
    Case("2-(16x100)-1 batch 64", "large", (16,) * 100, "tanh", 64),
    Case("rnn h32 T1000 batch 16", "rnn", (32,), "tanh", 16, "remember_first", "regression",
         kind="rnn", length=1000),
]


def make_trainer(case: Case, dtype: str = "float64", engine: str = "numpy") -> Trainer:
    trainer = Trainer(Experiment(
        dtype=dtype,
        data=DataSpec(dataset=case.dataset, samples=2000, train_fraction=0.5, classes=case.classes),
        network=NetworkSpec(task=case.task, hidden=tuple(LayerSpec(n, case.activation) for n in case.hidden)),
        optimizer=OptimizerSpec(name="sgd", learning_rate=LEARNING_RATE),
        training=TrainingSpec(batch_size=case.batch, epochs=10_000_000),
    ), engine=engine)
    trainer.wait_for_engine()
    return trainer


def compile_seconds(dtype: str, cache: str) -> float:
    """Seconds a fresh process takes to have the kernel for ``dtype`` (import of numba included),
    with ``cache`` as its cache folder."""
    code = ("import time; t = time.perf_counter(); from nnplayground.core.compiled.engine import COMPILER; "
            f"assert COMPILER.wait({dtype!r}) is not None, COMPILER.error; print(time.perf_counter() - t)")
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "NUMBA_CACHE_DIR": cache, "PYTHONPATH": root}
    return float(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                                text=True).stdout)


def mlp_steps(case: Case) -> dict:
    """``steps(count)`` of ours on both engines and dtypes, and torch's, all from the same weights."""
    steps = {}
    if torch is not None:  # built before ours trains, so every run starts from the same weights
        first = make_trainer(case)
        steps.update(torch64=torch_step(case, first, torch.float64), torch32=torch_step(case, first, torch.float32))
    for dtype in ("float64", "float32"):
        for engine in ("numpy", "compiled"):
            trainer = make_trainer(case, dtype, engine)
            steps[engine + dtype[-2:]] = lambda count, trainer=trainer: trainer.run(max_iterations=count)
    return steps


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


def rnn_steps(case: Case) -> dict:
    """``steps(count)`` functions of ours and, if importable, torch's RNN training step.

    Both start from the same weights and cycle through the same RNN_BATCHES batches.
    """
    rng = np.random.default_rng(0)
    X, Y = sequence_data(case.dataset, case.batch * RNN_BATCHES, case.length, rng)
    batches = [(X[s:s + case.batch], Y[s:s + case.batch]) for s in range(0, len(X), case.batch)]
    net = RNN(input_size(case.dataset), case.hidden[0], Y.shape[1])
    net.initialize(rng)
    initial = {name: np.array(getattr(net, name)) for name in RNN.segment_names}
    sgd = SGD(net.theta.size, net.dtype, RNN_LEARNING_RATE)
    state = {"numpy": 0}

    def ours(count):
        for _ in range(count):
            xb, yb = batches[state["numpy"] % len(batches)]
            state["numpy"] += 1
            net.compute_gradients(xb, yb)
            sgd.update(net.theta, net.grad)

    steps = {"numpy": ours}
    if torch is not None:
        steps.update(torch64=torch_rnn_step(case, initial, batches, torch.float64),
                     torch32=torch_rnn_step(case, initial, batches, torch.float32))
        # Same model, same data: the first losses agree (checked before anything trains).
        ours_loss = net.compute_gradients(*batches[0])
        torch_loss = steps["torch64"].loss(0)
        if not abs(ours_loss - torch_loss) <= 1e-9 * abs(torch_loss):
            raise AssertionError(f"rnn losses differ: ours {ours_loss!r}, torch {torch_loss!r}")
    return steps


def torch_rnn_step(case: Case, initial: dict, batches, dtype):
    """torch.nn.RNN (tanh, batch_first) + Linear head + MSELoss + SGD, from ``initial`` weights."""
    hidden, inputs = initial["W_h"].shape[0], initial["W_x"].shape[0]
    rnn = torch.nn.RNN(input_size=inputs, hidden_size=hidden, nonlinearity="tanh", batch_first=True,
                       dtype=dtype)
    head = torch.nn.Linear(hidden, initial["W_o"].shape[1], dtype=dtype)
    with torch.no_grad():
        for param, value in ((rnn.weight_ih_l0, initial["W_x"].T), (rnn.weight_hh_l0, initial["W_h"].T),
                             (rnn.bias_ih_l0, initial["b"]), (head.weight, initial["W_o"].T),
                             (head.bias, initial["b_o"])):
            param.copy_(torch.from_numpy(np.ascontiguousarray(value)))
        rnn.bias_hh_l0.zero_()  # ours has one bias per hidden unit
    optimizer = torch.optim.SGD([*rnn.parameters(), *head.parameters()], lr=RNN_LEARNING_RATE)
    loss_fn = torch.nn.MSELoss()
    data = [(torch.tensor(xb, dtype=dtype), torch.tensor(yb, dtype=dtype)) for xb, yb in batches]
    state = {"step": 0}

    def loss_of(xb, yb):
        _, h_last = rnn(xb)
        return loss_fn(head(h_last[0]), yb)

    def steps(count):
        for _ in range(count):
            xb, yb = data[state["step"] % len(data)]
            state["step"] += 1
            optimizer.zero_grad()
            loss = loss_of(xb, yb)
            loss.backward()
            optimizer.step()

    def loss(index):
        with torch.no_grad():
            return loss_of(*data[index]).item()

    steps.loss = loss
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

    with tempfile.TemporaryDirectory() as cache:
        for dtype in ("float64", "float32"):
            cold, cached = compile_seconds(dtype, cache), compile_seconds(dtype, cache)
            print(f"compile {dtype}: cold {cold:.2f} s, cached {cached:.2f} s", flush=True)
    ratios = {"small": [], "large": [], "rnn": []}
    for case in CASES:
        if case.kind == "rnn":
            rate = steps_per_second(rnn_steps(case), window, repeats)
            line = f"{case.name:<24} numpy {rate['numpy']:8.0f} steps/s"
            ratio = rate["numpy"] / rate["torch64"] if torch is not None else float("nan")
            if torch is not None:
                line += (f"   torch {rate['torch64']:8.0f} steps/s   ratio {ratio:5.2f}"
                         f"   (torch float32 {rate['torch32']:7.0f} steps/s)")
            ratios["rnn"].append(ratio)
            print(line, flush=True)
            continue
        rate = steps_per_second(mlp_steps(case), window, repeats)
        for bits in ("64", "32"):
            line = (f"{case.name:<24} float{bits} numpy {rate['numpy' + bits]:8.0f}  compiled {rate['compiled' + bits]:8.0f}"
                    f" steps/s (x{rate['compiled' + bits] / rate['numpy' + bits]:.1f})")
            ratio = float("nan")
            if torch is not None:
                ratio = rate["compiled" + bits] / rate["torch" + bits]
                line += f"   torch {rate['torch' + bits]:8.0f} steps/s   ratio {ratio:5.2f}"
            if bits == "64":
                ratios[case.group].append(ratio)
            print(line, flush=True)
    print(f"rnn_ratio={min(ratios['rnn']):.2f}")
    print(f"min_ratio_small={min(ratios['small']):.2f} min_ratio_large={min(ratios['large']):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
