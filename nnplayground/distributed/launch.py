"""Starting the ranks: K spawned processes on this machine, or one rank under torchrun.

Spawned, the parent only watches: each child sets the environment torchrun would set
(MASTER_ADDR=127.0.0.1, a free MASTER_PORT, RANK, WORLD_SIZE, LOCAL_RANK) and runs the same
rank code as under torchrun, then reports on a queue how it ended. A rank that fails must not
leave the others waiting: its failure is reported as one line, and the parent kills the ranks
still running after a short grace (they would otherwise wait in a collective until the
timeout). Ctrl-C reaches rank 0 (which stops after the iteration under way, writes its files
and tells the others to stop); a second Ctrl-C, or ranks still running long after the first,
kill every child.

No torch here: the parent never imports it (the children import rank.py).
"""
from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import queue as queues
import signal
import socket
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable

TIMEOUT_VARIABLE = "NNPLAYGROUND_RANK_TIMEOUT"  # seconds a rank waits for the others (default 120)
DEFAULT_TIMEOUT = 120.0
EXIT_RANK_FAILED = 1
FAILURE_GRACE = 5.0  # seconds the other ranks get to notice a failed rank and end by themselves
INTERRUPT_GRACE = 30.0  # seconds rank 0 gets after Ctrl-C to finish the iteration and write its files
POLL = 0.1


def rank_timeout() -> float:
    """Seconds a rank waits for the others to join or to reach a collective before giving up."""
    text = os.environ.get(TIMEOUT_VARIABLE, "")
    try:
        value = float(text) if text else DEFAULT_TIMEOUT
    except ValueError:
        value = -1.0
    if not value > 0:
        from ..cli import UsageError
        raise UsageError(f"{TIMEOUT_VARIABLE} must be a positive number of seconds; got {text!r}")
    return value


def torchrun_rank(ranks: int) -> int | None:
    """This process's rank when torchrun (or any launcher setting RANK and WORLD_SIZE) started
    it, else None; a UsageError if WORLD_SIZE is not the experiment's ``ranks``."""
    if "RANK" not in os.environ or "WORLD_SIZE" not in os.environ:
        return None
    from ..cli import UsageError
    try:
        rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    except ValueError:
        raise UsageError(f"RANK and WORLD_SIZE must be whole numbers; got {os.environ['RANK']!r} and "
                         f"{os.environ['WORLD_SIZE']!r}") from None
    if world != ranks:
        raise UsageError(f"WORLD_SIZE is {world} but the experiment's parallel.ranks is {ranks}: start "
                         f"{ranks} processes in all (torchrun --nnodes x --nproc_per_node)")
    if not 0 <= rank < world:
        raise UsageError(f"RANK {rank} is outside 0..{world - 1}")
    return rank


@dataclass(frozen=True)
class Job:
    """What every rank needs: the `run` command's arguments, the experiment and the command's
    own writing functions (rank 0 writes with them); picklable, so a spawned child gets it."""
    args: argparse.Namespace
    experiment: Any
    stem: str
    train: Callable
    output_dir: Callable

    def rank_args(self) -> argparse.Namespace:
        """The arguments rank 0 writes with: the output folder made now when none was given, so
        that rank 0 knows where summary.json goes to add the real ranks' measurements to it."""
        args = argparse.Namespace(**vars(self.args))
        if args.out is None:
            from ..cli import UsageError
            try:
                args.out = str(self.output_dir(None, self.stem))
            except OSError as e:
                raise UsageError(f"cannot create the output folder {e.filename}: {e.strerror or e}") from None
        return args

    def run_here(self, rank: int, stop) -> int:
        """Be rank ``rank`` in this process (torchrun started it); the exit code. A failure of
        the ranks' communication is one line and exit 1, not a traceback."""
        from ..cli import PROG
        from .rank import run_rank
        try:
            return run_rank(self, rank, stop).exit_code
        except RuntimeError as e:  # gloo's errors: a rank gone, a timeout
            print(f"{PROG}: error: rank {rank}: {_one_line(e)}", file=sys.stderr)
            return EXIT_RANK_FAILED


@dataclass(frozen=True)
class Outcome:
    """How a spawned run ended: the exit code, the one-line message the parent prints (None when
    rank 0 printed its own) and rank 0's final parameters (None unless it trained to the end)."""
    exit_code: int
    message: str | None = None
    parameters: Any = None


def spawn(job: Job) -> int:
    """Run ``job`` on parallel.ranks spawned processes; the exit code (a message printed first)."""
    from ..cli import PROG, UsageError
    outcome = launch(job)
    if outcome.message is not None:
        if outcome.exit_code == 2:
            raise UsageError(outcome.message)
        print(f"{PROG}: {'error: ' if outcome.exit_code == EXIT_RANK_FAILED else ''}{outcome.message}",
              file=sys.stderr)
    return outcome.exit_code


def launch(job: Job) -> Outcome:
    """Spawn the ranks, watch them to the end, and say how the run ended."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: fork and threads do not mix
    world, port = job.experiment.parallel.ranks, free_port()
    reports = context.Queue()
    children = [context.Process(target=_child, args=(job, rank, world, port, reports),
                                name=f"nnplayground-rank-{rank}", daemon=True) for rank in range(world)]
    signals: list[int] = []
    with _noting(signals):
        for child in children:
            child.start()
        ended = _watch(children, reports, signals)
    return _outcome(ended, signals)


def _watch(children, reports, signals) -> dict:
    """Wait for every child to end; per rank its report (kind, value, parameters) in the order
    they came, a killed or crashed child as ("lost", exit code, None)."""
    ended: dict[int, tuple] = {}
    deadline, interrupts = None, 0
    while any(child.exitcode is None for child in children):
        try:
            rank, *report = reports.get(timeout=POLL)
            ended[rank] = tuple(report)
        except queues.Empty:
            pass
        for rank, child in enumerate(children):
            if child.exitcode is not None and rank not in ended:
                ended.update(_drain(reports, 0.5))  # its report may still be in the pipe
                ended.setdefault(rank, ("lost", child.exitcode, None))
        if deadline is None and any(report[0] not in ("done", "interrupted") for report in ended.values()):
            deadline = time.monotonic() + FAILURE_GRACE
        if len(signals) > interrupts:
            interrupts = len(signals)
            if interrupts == 1 and children[0].exitcode is None:
                os.kill(children[0].pid, signals[0])  # rank 0 may not have had it (`kill` of the parent alone)
                deadline = time.monotonic() + INTERRUPT_GRACE
            else:
                deadline = time.monotonic()
        if deadline is not None and time.monotonic() >= deadline:
            for child in children:
                if child.exitcode is None:
                    child.kill()
            deadline = float("inf")  # killed once; the loop ends as they go
    ended.update(_drain(reports, 0.0))
    for rank, child in enumerate(children):
        child.join()
        ended.setdefault(rank, ("lost", child.exitcode, None))
    return ended


def _drain(reports, wait: float) -> dict:
    drained = {}
    with contextlib.suppress(queues.Empty):
        while True:
            rank, *report = reports.get(timeout=wait) if wait else reports.get_nowait()
            drained[rank] = tuple(report)
    return drained


def _outcome(ended: dict, signals: list[int]) -> Outcome:
    """The run's end from the ranks' reports: a rank lost or failed first, else rank 0's."""
    lost = [(rank, code) for rank, (kind, code, _) in ended.items() if kind == "lost"]
    if signals and lost:
        return Outcome(128 + signals[0], "interrupted; the ranks were stopped before rank 0 finished")
    if lost:
        rank, code = lost[0]
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"ended with exit code {code}"
        return Outcome(EXIT_RANK_FAILED, f"rank {rank} {how} without finishing; the other ranks were stopped")
    for rank, (kind, value, _) in ended.items():  # in the order the reports came
        if kind == "error":
            return Outcome(EXIT_RANK_FAILED, f"rank {rank} failed: {value}")
        if kind == "usage":
            return Outcome(2, value)
    kind, value, parameters = ended[0]
    if kind == "interrupted":
        return Outcome(value, "interrupted before training started; nothing was written")
    return Outcome(value, None, parameters)


def _child(job: Job, rank: int, world: int, port: int, reports) -> None:
    """A spawned rank: torchrun's environment, the rank's work, then one report on ``reports``."""
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(rank),
                      WORLD_SIZE=str(world), LOCAL_RANK=str(rank))
    from ..cli import UsageError
    from ..stop_signals import Interrupted, StopSignals
    try:
        with StopSignals().installed() as stop:
            from .rank import run_rank
            result = run_rank(job, rank, stop)
        reports.put((rank, "done", result.exit_code, result.parameters))
    except Interrupted as e:
        reports.put((rank, "interrupted", e.exit_code, None))
    except UsageError as e:
        reports.put((rank, "usage", str(e), None))
    except Exception as e:  # noqa: BLE001 - any failure becomes the parent's one line
        reports.put((rank, "error", _one_line(f"{type(e).__name__}: {e}"), None))
    reports.close()
    reports.join_thread()  # the report is in the pipe before this process ends


def free_port() -> int:
    """A TCP port on 127.0.0.1 free right now, for rank 0's rendezvous."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _noting(signals: list[int]):
    """While the parent watches, note SIGINT/SIGTERM/SIGHUP in ``signals`` rather than raise."""
    numbers = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {n: signal.signal(n, lambda signum, _frame: signals.append(signum)) for n in numbers}
    try:
        yield
    finally:
        for n, handler in previous.items():
            signal.signal(n, handler)


def _one_line(text) -> str:
    return " ".join(str(text).split())
