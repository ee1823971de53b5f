"""Command line: ``nnplayground`` (the desktop window), ``nnplayground run`` (headless training),
``nnplayground sweep`` (a grid of headless runs, in sweep_cli.py) and ``nnplayground presets``.

``run`` trains with no display at all and never imports Qt: it only needs the NumPy core.
Heavy imports happen inside the command functions so ``--version`` and ``--help`` stay quick.
"""
from __future__ import annotations

import argparse
import dataclasses
import errno
import json
import math
import os
import shutil
import sys
import time
from pathlib import Path

from . import __version__
from .stop_signals import Interrupted, StopSignals

PROG = "nnplayground"
EXIT_OK, EXIT_USAGE, EXIT_DIVERGED, EXIT_INTERRUPTED = 0, 2, 3, 130
PROGRESS_INTERVAL = 0.1  # seconds between progress bar redraws (at most ~10 per second)


class UsageError(Exception):
    """Bad input from the user: reported as one line on stderr, exit code 2, no traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print the whole usage block and exit itself
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def positive_int(text: str) -> int:
    """argparse type: a whole number >= 1."""
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
    run.add_argument("--epochs", type=positive_int, metavar="N", help="train for N epochs instead")
    run.add_argument("--seed", type=_seed, metavar="S", help="use seed S instead")
    run.add_argument("--out", metavar="DIR", help="output folder (default: runs/<name>-<timestamp>)")
    run.add_argument("--log-every", type=positive_int, default=1, metavar="K",
                     help="log every K-th iteration, plus every evaluation and the last one (default: 1)")
    run.add_argument("--max-memory", type=_memory_size, metavar="SIZE",
                     help="refuse an experiment estimated to need more memory than SIZE, e.g. 512M, 12G, 1.5GiB "
                          "or bytes (default: half the physical memory)")
    run.add_argument("--engine", choices=("compiled", "numpy"), default="compiled",
                     help="train with the compiled engine (numba; NumPy where it does not apply) or the NumPy "
                          "engine; both give the same numbers to rounding (default: compiled)")
    run.add_argument("--ranks-backend", choices=("simulated", "torch"), default="simulated",
                     help="data-parallel experiments: simulate the ranks in this process, or run them as "
                          "processes with PyTorch (nnplayground[distributed]; see the README) (default: simulated)")

    from .sweep_cli import register as register_sweep  # in its own module: this one stays short
    register_sweep(commands)
    commands.add_parser("presets", help="list the shipped presets", description="List the shipped presets.")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: sys.argv) and return the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "run":
            return cmd_run(args)
        if args.command == "sweep":
            return args.handler(args)
        if args.command == "presets":
            return cmd_presets(args)
        return start_gui(args)
    except SystemExit as e:  # --help and --version
        return e.code if isinstance(e.code, int) else EXIT_OK
    except UsageError as e:
        return _fail(str(e))
    except KeyboardInterrupt:  # Ctrl-C before a command handles it (`run` handles its own)
        return _say("interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:  # e.g. `nnplayground presets | head -1`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    return _say(f"error: {message}", code)


def _say(message: str, code: int) -> int:
    print(f"{PROG}: {_one_line(message)}", file=sys.stderr)
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

def cmd_run(args: argparse.Namespace) -> int:
    """``nnplayground run``: train headless and write metrics.csv and summary.json."""
    try:
        with StopSignals().installed() as stop:
            return _run(args, stop)
    except Interrupted as interruption:  # while loading, importing or building the Trainer
        return _say("interrupted before training started; nothing was written", interruption.exit_code)


def _run(args: argparse.Namespace, stop: StopSignals) -> int:
    with stop.deferred():  # NumPy turns a Ctrl-C during its import into an ImportError: wait for the end
        from .core.experiment import ExperimentError  # (nnplayground.core imports NumPy and the trainer)
        from .core.memory import check, format_size
        from .core.parallel import make_trainer
        from .core.parallel_report import held_at_once
        stop.raise_noted()
        try:
            experiment, stem = load_experiment(args)
            # before the output folder or any array exists; a data-parallel run's summary also trains its single equivalent
            needed = check(held_at_once(experiment), args.max_memory).total
        except (ExperimentError, OSError) as e:
            return _fail(str(e))
        stop.raise_noted()
    if args.ranks_backend == "torch":  # real processes: everything else is in nnplayground/distributed
        from .distributed import run_with_torch
        return run_with_torch(args, experiment, stem, stop, train=_train, output_dir=_output_dir)
    try:
        with stop.deferred():
            trainer = make_trainer(experiment)  # before any folder is made: a Ctrl-C here leaves nothing behind
            trainer.engine = args.engine
            _settle_engine(trainer)
        stop.raise_noted()
        return _train(trainer, args, stem, stop)
    except MemoryError:  # a --max-memory above what the machine can give; rows written so far stay
        return _fail(f"not enough memory for this experiment (estimated ~{format_size(needed)}): "
                     "make the network or the data set smaller")


def _settle_engine(trainer) -> None:
    """Wait for the compiled kernel (loaded from its cache in under a second; compiled once per
    machine), so the whole run trains on one engine; say so once if it cannot be had."""
    from .core.compiled.engine import unavailable

    if trainer.wait_for_engine() != trainer.engine and unavailable():
        print(f"{PROG}: the compiled engine is unavailable ({unavailable()}); training with NumPy", file=sys.stderr)


def load_experiment(args):
    """The experiment ``args`` names (a file or --preset) with --seed and --epochs applied, and its stem."""
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


def _train(trainer, args: argparse.Namespace, stem: str, stop: StopSignals) -> int:
    """Make the output folder, train to the end (or a stop signal), write metrics.csv and
    summary.json into it; the exit code. A failed write of metrics.csv stops training at once:
    the rows written before stay in the file, summary.json is not written, exit 2."""
    started = time.perf_counter()
    out = metrics = None
    try:
        with stop.deferred():
            out, metrics = _open_outputs(args.out, stem)
            with metrics:
                stopped_by = _write_metrics(trainer, metrics, args.log_every, stop)
        status = "interrupted" if stopped_by is not None else trainer.status
        summary = _summary(trainer, status, time.perf_counter() - started)  # the final evaluation
        with stop.deferred():
            return _finish(trainer, summary, out, stopped_by)
    except Interrupted as again:  # during the final evaluation: every row is on disk already
        if metrics is None:
            raise  # not started: nothing written
        return _say(f"interrupted before {out / 'summary.json'} was written; every row is in {metrics.path}",
                    again.exit_code)
    except OSError as error:
        if metrics is None or error.filename != str(metrics.path):
            raise
        logged = metrics.last_line.split(",", 1)[0] if metrics.last_line else "iteration"
        kept = f"the rows up to iteration {logged} are kept in it" if logged.isdigit() else "no row was written"
        return _fail(f"{_cannot_write(error)}; training stopped at iteration {trainer.iteration}, {kept}")


def _cannot_write(error: OSError) -> str:
    return f"cannot write {error.filename}: {error.strerror or error}"


def _open_outputs(out_arg: str | None, stem: str):
    """The output folder and its metrics.csv, opened and emptied; UsageError (exit 2, nothing
    trained) if either file cannot be written there. A summary.json from an earlier run in the
    same folder is removed, so it is never read as this run's."""
    from .core.files import LineFile, discard, naming, temporary_sibling

    try:
        out = _output_dir(out_arg, stem)
    except OSError as e:
        where = e.filename if e.filename is not None else out_arg
        raise UsageError(f"cannot create the output folder {where}: {e.strerror or e}") from None
    summary = out / "summary.json"
    try:
        for path in (out / "metrics.csv", summary):
            if path.is_dir() and not path.is_symlink():  # a rename cannot replace a folder
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        metrics = LineFile(out / "metrics.csv")
    except OSError as e:
        raise UsageError(_cannot_write(e)) from None
    try:
        probe = temporary_sibling(summary)  # what summary.json's atomic write will need at the end
        try:
            with open(probe, "x"):
                pass
        except OSError as e:
            raise naming(e, summary) from None
        discard(probe)
        metrics.clear()
        discard(summary)
    except OSError as e:
        metrics.close()
        raise UsageError(_cannot_write(e)) from None
    return out, metrics


def _finish(trainer, summary: dict, out: Path, stopped_by: int | None) -> int:
    """Write summary.json, say how the run ended; the exit code."""
    from .core.files import write_atomic

    try:
        write_atomic(out / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    except OSError as e:
        return _fail(f"{_cannot_write(e)}; every row is in {out / 'metrics.csv'}")
    if trainer.divergence is not None:
        print(f"{PROG}: {trainer.divergence} (see {out})", file=sys.stderr)
        return EXIT_DIVERGED
    metric = trainer.metric_name
    shown = "n/a" if summary[metric] is None else f"{summary[metric]:.4f}"
    print(f"{summary['status']}: {summary['epochs']} epochs, {trainer.iteration} iterations, "
          f"test {metric} {shown}; wrote {out}")
    return EXIT_OK if stopped_by is None else 128 + stopped_by


def _write_metrics(trainer, metrics, log_every: int, stop: StopSignals) -> int | None:
    """Run ``trainer``, logging rows to the LineFile ``metrics`` as it goes; the signal that
    stopped it early, or None. The last iteration trained when a signal is seen (that one, or
    on the compiled engine the end of its slice, at most an epoch) is logged and ends the run,
    so the last row is always the last iteration trained. A failed write (OSError) ends the
    run at once (after the slice under way)."""
    from .core.metrics import is_simulated_parallel, metrics_csv_header, metrics_csv_row
    from .core.trainer import TERMINAL

    progress = Progress(trainer.total_iterations, trainer.schedule.batches_per_epoch, trainer.experiment.training.epochs)
    stopped_by = None
    parallel = is_simulated_parallel(trainer)

    def on_step(record) -> bool:
        nonlocal stopped_by
        last = record.status in TERMINAL or record.iteration >= trainer.total_iterations
        # the compiled engine has trained its slice (at most an epoch) when it hands over the records: its last stops
        stopping = stop.signum is not None and not last and record.iteration == trainer.iteration
        if record.iteration % log_every == 0 or record.evaluation is not None or last or stopping:
            metrics.write_line(metrics_csv_row(trainer, record, parallel))
        progress.update(record, force=last or stopping)
        if stopping:
            stopped_by = stop.signum
        return stopping

    try:
        metrics.write_line(metrics_csv_header(trainer))
        trainer.run(on_step)
    finally:
        progress.close()
    return stopped_by


def _summary(trainer, status: str, wall: float) -> dict:
    """summary.json's content: the final weights evaluated over the whole training and test sets."""
    from .core.metrics import json_number

    metric = trainer.metric_name
    evaluation = trainer.evaluate()
    summary = {
        "status": status,
        "iterations": trainer.iteration,
        "epochs": trainer.completed_epochs,
        "train_loss": json_number(evaluation.train_loss),
        "test_loss": json_number(evaluation.test_loss),
        metric: json_number(evaluation.test_metric),
        f"train_{metric}": json_number(evaluation.train_metric),
        # ||dL/dz|| of layer 1 over the output layer's at the end: < 1 vanishing, > 1 exploding
        "grad_norm_first_over_last": json_number(trainer.backprop_profile().first_over_last),
        "wall_seconds": round(wall, 6),
        "divergence": None if trainer.divergence is None else trainer.divergence.to_dict(),
    }
    if trainer.experiment.parallel is not None:
        from .core.parallel_report import parallel_summary  # trains the single-process reference

        summary.update(parallel_summary(trainer))
    return {**summary, "experiment": trainer.experiment.to_dict(), "nnplayground_version": __version__}


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
