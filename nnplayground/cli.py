"""Command line: ``nnplayground`` (the desktop window), ``nnplayground run`` (headless training)
and ``nnplayground presets``.

``run`` trains with no display at all and never imports Qt: it only needs the NumPy core.
Heavy imports happen inside the command functions so ``--version`` and ``--help`` stay quick.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import json
import math
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from . import __version__

PROG = "nnplayground"
EXIT_OK, EXIT_USAGE, EXIT_DIVERGED, EXIT_INTERRUPTED = 0, 2, 3, 130
PROGRESS_INTERVAL = 0.1  # seconds between progress bar redraws (at most ~10 per second)


class UsageError(Exception):
    """Bad input from the user: reported as one line on stderr, exit code 2, no traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print the whole usage block and exit itself
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number; got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1; got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number; got {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"must be in [0, 2**63 - 1]; got {value}")
    return value


def _memory_size(text: str) -> int:
    from .core.memory import parse_size  # lazily: --help and --version stay quick

    try:
        return parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command; errors raise UsageError instead of exiting."""
    parser = _Parser(prog=PROG, description="Build small neural networks, train them and watch them learn. "
                                            "With no command, opens the desktop window.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the window, train the default experiment briefly, check the plots, exit")
    parser.add_argument("--screenshot", metavar="PATH", help="with --smoke-test: save a PNG of the window")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = commands.add_parser("run", help="train an experiment without a window and write its metrics",
                              description="Train an experiment headless; write metrics.csv and summary.json.")
    source = run.add_mutually_exclusive_group(required=True)
    source.add_argument("experiment", nargs="?", metavar="EXPERIMENT.json", help="an experiment file")
    source.add_argument("--preset", metavar="NAME", help="a shipped preset (see `nnplayground presets`)")
    run.add_argument("--epochs", type=_positive_int, metavar="N", help="train for N epochs instead")
    run.add_argument("--seed", type=_seed, metavar="S", help="use seed S instead")
    run.add_argument("--out", metavar="DIR", help="output folder (default: runs/<name>-<timestamp>)")
    run.add_argument("--log-every", type=_positive_int, default=1, metavar="K",
                     help="log every K-th iteration, plus every evaluation and the last one (default: 1)")
    run.add_argument("--max-memory", type=_memory_size, metavar="SIZE",
                     help="refuse an experiment estimated to need more memory than SIZE, e.g. 512M, 12G, 1.5GiB "
                          "or bytes (default: half the physical memory)")

    commands.add_parser("presets", help="list the shipped presets", description="List the shipped presets.")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: sys.argv) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "run":
            return cmd_run(args)
        if args.command == "presets":
            return cmd_presets(args)
        return start_gui(args)
    except SystemExit as e:  # --help and --version
        return e.code if isinstance(e.code, int) else EXIT_OK
    except UsageError as e:
        return _fail(str(e))
    except BrokenPipeError:  # e.g. `nnplayground presets | head -1`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"{PROG}: error: {_one_line(message)}", file=sys.stderr)
    return code


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# ----- the default command: the desktop window ------------------------------------------------

def start_gui(args: argparse.Namespace) -> int:
    """Open the desktop window. Qt is imported here, never by `run` or `presets`."""
    if args.screenshot and not args.smoke_test:
        raise UsageError("--screenshot needs --smoke-test")
    try:
        from .app import main as app_main
    except ImportError as e:
        return _fail(f"cannot start the desktop window: {e}")
    return app_main(smoke_test=args.smoke_test, screenshot=args.screenshot)


# ----- presets --------------------------------------------------------------------------------

def cmd_presets(args: argparse.Namespace) -> int:
    """``nnplayground presets``: one line per shipped preset, its name and description."""
    from .core.presets import list_presets

    presets = list_presets()
    width = max((len(p.name) for p in presets), default=0)
    for name, _topic, description in presets:
        print(f"{name:<{width}}  {description}".rstrip())
    return EXIT_OK


# ----- run ------------------------------------------------------------------------------------

class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a job scheduler, `timeout`, a closed terminal), handled as Ctrl-C:
    every row logged is kept and summary.json says interrupted; the exit code is 128 + signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_stop_training():
    """While training, SIGTERM and SIGHUP raise ``Terminated``; the old handlers come back after."""
    def stop(signum, _frame):
        raise Terminated(signum)
    signums = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]  # no SIGHUP on Windows
    previous = {signum: signal.signal(signum, stop) for signum in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def cmd_run(args: argparse.Namespace) -> int:
    """``nnplayground run``: train headless and write metrics.csv and summary.json."""
    from .core.experiment import ExperimentError
    from .core.memory import check, format_size

    try:
        experiment, stem = _load_experiment(args)
        needed = check(experiment, args.max_memory).total  # before the output folder or any array exists
    except (ExperimentError, OSError) as e:
        return _fail(str(e))
    try:
        out = _output_dir(args.out, stem)
    except OSError as e:
        where = e.filename if e.filename is not None else args.out
        return _fail(f"cannot create the output folder {where}: {e.strerror or e}")
    with _signals_stop_training():
        try:
            return _train(experiment, out, args.log_every)
        except MemoryError:  # a --max-memory above what the machine can give
            return _fail(f"not enough memory for this experiment (estimated ~{format_size(needed)}): "
                         "make the network or the data set smaller")


def _load_experiment(args):
    from .core.experiment import Experiment
    from .core.presets import load_preset

    if args.preset is not None:
        experiment, stem = load_preset(args.preset), args.preset
    else:
        experiment, stem = Experiment.load(args.experiment), Path(args.experiment).stem
    if args.seed is not None:
        experiment = experiment.replace(seed=args.seed)
    if args.epochs is not None:
        experiment = experiment.replace(training=dataclasses.replace(experiment.training, epochs=args.epochs))
    elif experiment.training.epochs is None:
        # A run with no budget might never end: headless, the person says how long.
        raise UsageError(f"{args.experiment or stem} trains until paused (training.epochs is null): give --epochs N to run it headless")
    return experiment, stem


def _output_dir(out: str | None, stem: str) -> Path:
    if out is not None:
        path = Path(out)
        path.mkdir(parents=True, exist_ok=True)
        return path
    base = Path("runs") / f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    base.parent.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):  # two runs started in the same second get separate folders
        path = base if n == 1 else base.with_name(f"{base.name}-{n}")
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot find a free output folder next to {base}")


def _json_number(x):
    x = float(x)
    return x if math.isfinite(x) else None  # JSON has no NaN or infinity


def _train(experiment, out: Path, log_every: int) -> int:
    """Train to the end (or Ctrl-C), write metrics.csv and summary.json into ``out``; the exit code."""
    from .core.files import write_atomic
    from .core.trainer import Trainer

    trainer = Trainer(experiment)
    started = time.perf_counter()
    interrupted = _write_metrics(trainer, out / "metrics.csv", log_every)
    wall = time.perf_counter() - started

    status = "interrupted" if interrupted is not None else trainer.status
    summary = _summary(trainer, status, wall)
    try:
        write_atomic(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    except OSError as e:
        return _fail(str(e))

    if trainer.divergence is not None:
        print(f"{PROG}: {trainer.divergence} (see {out})", file=sys.stderr)
        return EXIT_DIVERGED
    metric = trainer.metric_name
    shown = "n/a" if summary[metric] is None else f"{summary[metric]:.4f}"
    print(f"{status}: {summary['epochs']} epochs, {trainer.iteration} iterations, "
          f"test {metric} {shown}; wrote {out}")
    if isinstance(interrupted, Terminated):
        return 128 + interrupted.signum
    return EXIT_INTERRUPTED if interrupted is not None else EXIT_OK


def _write_metrics(trainer, metrics_path: Path, log_every: int) -> KeyboardInterrupt | None:
    """Run ``trainer``, logging rows to ``metrics_path`` as it goes; the interruption (Ctrl-C,
    or a ``Terminated`` signal) that stopped it, or None.

    The rows go to a temporary sibling renamed into place at the end, so the file is never
    half written, and what was logged before a Ctrl-C is kept.
    """
    from .core.files import temporary_sibling
    from .core.metrics import csv_cells, metrics_header, record_values
    from .core.trainer import TERMINAL

    experiment = trainer.experiment
    progress = Progress(trainer.total_iterations, trainer.schedule.batches_per_epoch, experiment.training.epochs)
    state = {"last": None, "logged": None}

    def on_step(record) -> None:
        state["last"] = record
        last = record.status in TERMINAL or record.iteration >= trainer.total_iterations
        if record.iteration % log_every == 0 or record.evaluation is not None or last:
            writer.writerow(csv_cells(record_values(record)))
            state["logged"] = record
        progress.update(record, force=last)

    tmp = temporary_sibling(metrics_path)
    interrupted = None
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(metrics_header(trainer.metric_name, trainer.network.num_layers))
            try:
                trainer.run(on_step)
            except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM or SIGHUP
                interrupted = stop
                if state["last"] is not None and state["logged"] is not state["last"]:
                    writer.writerow(csv_cells(record_values(state["last"])))  # the last iteration is always logged
        os.replace(tmp, metrics_path)  # keep what was written, even after Ctrl-C
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    finally:
        progress.close()
    return interrupted


def _summary(trainer, status: str, wall: float) -> dict:
    """summary.json's content: the final weights evaluated over the whole training and test sets."""
    metric = trainer.metric_name
    evaluation = trainer.evaluate()
    return {
        "status": status,
        "iterations": trainer.iteration,
        "epochs": trainer.completed_epochs,
        "train_loss": _json_number(evaluation.train_loss),
        "test_loss": _json_number(evaluation.test_loss),
        metric: _json_number(evaluation.test_metric),
        f"train_{metric}": _json_number(evaluation.train_metric),
        # ||dL/dz|| of layer 1 over the output layer's at the end: < 1 vanishing, > 1 exploding
        "grad_norm_first_over_last": _json_number(trainer.backprop_profile().first_over_last),
        "wall_seconds": round(wall, 6),
        "divergence": None if trainer.divergence is None else trainer.divergence.to_dict(),
        "experiment": trainer.experiment.to_dict(),
        "nnplayground_version": __version__,
    }


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total_iterations: int, batches_per_epoch: int, epochs: int, stream=None):
        self.stream = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.total = max(1, total_iterations)
        self.epochs = epochs
        self.batches_per_epoch = batches_per_epoch
        self.loss = math.nan
        self._next_draw = 0.0
        self._drawn = False
        self._start = None  # (clock, iteration) of the first update: the rate so far gives the time left

    def update(self, record, force: bool = False) -> None:
        """Show ``record``'s progress, at most every PROGRESS_INTERVAL unless ``force``."""
        if not self.enabled:
            return
        # The full training loss when there is one; the (noisier) batch loss in between.
        self.loss = record.evaluation.train_loss if record.evaluation is not None else record.train_loss
        now = time.monotonic()
        if self._start is None:
            self._start = (now, record.iteration)
        if not force and now < self._next_draw:
            return
        self._next_draw = now + PROGRESS_INTERVAL
        from .core.trainer import epochs_done  # lazily, as the rest of core here (at most 10 draws a second)
        done = epochs_done(record.epoch, record.batch, record.batches_per_epoch)
        fraction = min(1.0, record.iteration / self.total)
        # Iterations and the time left from the first second: EPOCHS x samples can ask for years.
        text = (f" {done}/{self.epochs} epochs  iteration {record.iteration:,}/{self.total:,}"
                f"  loss {self.loss:.4g}{self._time_left(now, record.iteration)}")
        width = max(10, min(40, shutil.get_terminal_size((80, 24)).columns - len(text) - 10))
        filled = int(round(fraction * width))
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%}{text}\x1b[K")
        self.stream.flush()
        self._drawn = True

    def _time_left(self, now: float, iteration: int) -> str:
        started, first = self._start
        if now <= started or iteration <= first:
            return ""
        from .core.metrics import duration  # imported lazily, as the rest of core here
        seconds = (self.total - iteration) * (now - started) / (iteration - first)
        return f"  about {duration(seconds)} left"

    def close(self) -> None:
        """End the bar's line, if one was drawn."""
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
