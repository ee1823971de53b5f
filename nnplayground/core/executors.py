"""Who trains a sweep's runs (core/sweep.py): this process, a pool of worker processes, or a
Dask distributed cluster.

Every executor has ``results(points, should_stop)``: an iterator of ``RunResult`` in the order
the runs finish, which ends early, dropping the runs under way, once ``should_stop()`` is true.
The caller's process stays in charge of the output files and of Ctrl-C: the pool's workers
ignore SIGINT (a Ctrl-C at the terminal reaches the whole process group) and are terminated
when the sweep stops; Dask's runs are cancelled. ``should_stop`` is polled every POLL_SECONDS
while waiting.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
from typing import Callable, Iterator

from .sweep import GridPoint, RunResult, run_point

POLL_SECONDS = 0.1
CLUSTER_EXTRA = "pip install nnplayground[cluster]"
CONNECT_SECONDS = 10


class ExecutorError(RuntimeError):
    """An executor that cannot start (Dask missing, scheduler unreachable): one line for the user."""


def free_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _drain(pending: queue.Queue, count: int, should_stop: Callable[[], bool]) -> Iterator:
    """``count`` items from ``pending`` as they arrive; stops early once ``should_stop()``.
    An exception put on the queue (a run that failed) is raised."""
    for _ in range(count):
        while True:
            if should_stop():
                return
            try:
                item = pending.get(timeout=POLL_SECONDS)
                break
            except queue.Empty:
                continue
        if isinstance(item, BaseException):
            raise item
        yield item


class SerialExecutor:
    """Trains the runs one after another in this process (``--workers 1``)."""

    workers = 1  # runs held in this machine's memory at once

    def results(self, points: list[GridPoint], should_stop: Callable[[], bool]) -> Iterator[RunResult]:
        """Each run's result as it finishes; a stop drops the run under way."""
        for point in points:
            result = None if should_stop() else run_point(point, should_stop)
            if result is None:
                return
            yield result


def _worker_signals() -> None:
    """In a pool's worker: Ctrl-C and SIGHUP are the parent's to handle, and SIGTERM (what ``terminate``
    sends) ends the worker. A forked worker would otherwise keep the parent's Python handlers,
    which only note a SIGTERM while the parent waits for results, and never end."""
    for name in ("SIGINT", "SIGHUP"):  # a closed terminal, like Ctrl-C, reaches the whole process group
        if hasattr(signal, name):  # no SIGHUP on Windows
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class PoolExecutor:
    """Trains the runs in ``workers`` processes of this machine, each run in one process."""

    def __init__(self, workers: int):
        self.workers = workers

    def results(self, points: list[GridPoint], should_stop: Callable[[], bool]) -> Iterator[RunResult]:
        """Each run's result as it finishes; a stop (or the caller leaving early) terminates the workers."""
        pending = queue.Queue()
        pool = multiprocessing.Pool(min(self.workers, len(points)) or 1, initializer=_worker_signals)
        try:
            for point in points:
                pool.apply_async(run_point, (point,), callback=pending.put, error_callback=pending.put)
            pool.close()
            yield from _drain(pending, len(points), should_stop)
        finally:
            pool.terminate()  # only runs under way are lost: every finished one has been yielded
            pool.join()


class DaskExecutor:
    """Sends the runs to a running Dask distributed scheduler at ``address`` (nnplayground[cluster]).
    Connects on creation, so an unreachable scheduler is reported before any output is made."""

    workers = None  # the runs are held on the cluster's machines, not this one

    def __init__(self, address: str):
        require_dask()
        from distributed import Client

        try:
            self.client = Client(address, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as e:
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {e}") from None

    def results(self, points: list[GridPoint], should_stop: Callable[[], bool]) -> Iterator[RunResult]:
        """Each run's result as it finishes; a stop cancels the runs not yet finished. The
        connection is closed at the end."""
        futures = []
        try:
            pending = queue.Queue()
            # pure=False: two grid points never share a result, even if their arguments pickled alike
            futures = self.client.map(run_point, points, pure=False)
            for future in futures:
                future.add_done_callback(pending.put)
            for future in _drain(pending, len(points), should_stop):
                try:
                    result = future.result()
                except Exception as e:  # a worker that died or lacks nnplayground, as well as a failed run
                    raise ExecutorError(f"a run failed on the Dask cluster: {type(e).__name__}: {e}") from e
                yield result
        finally:
            self.client.cancel(futures)
            self.client.close()


def require_dask() -> None:
    """ExecutorError naming the extra to install unless Dask's distributed scheduler can be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ExecutorError(f"--scheduler needs Dask: {CLUSTER_EXTRA}") from None


def make_executor(workers: int | None, scheduler: str | None):
    """The executor the options ask for: Dask with a scheduler address, else a pool of
    ``workers`` processes (default: one per free core), or this process for one worker."""
    if scheduler is not None:
        return DaskExecutor(scheduler)
    workers = free_cores() if workers is None else workers
    return SerialExecutor() if workers == 1 else PoolExecutor(workers)
