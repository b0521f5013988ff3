"""Checking many policy files at once, in parallel, into comparison rows.

Workers are forked processes that inherit the compiled frameworks; each returns small
summaries (or, when a format needs them, reports packed without their criteria: `batch.wire`,
which the parent rebuilds against its own criteria). A file that fails to load becomes a failed
row and never stops the others. Results come back in input order, so serial and parallel runs
are identical.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mgf_check.baseline import Baseline
from mgf_check.batch.wire import Packed, canonical_ids, pack, share_ids, unpack
from mgf_check.comparison import CitySummary, failed_row, summarize
from mgf_check.errors import MgfCheckError, Problem
from mgf_check.gate import Gate, Verdict, judge
from mgf_check.model import Framework
from mgf_check.pipeline import CheckOptions, check_document, load_policy
from mgf_check.reporters.neutral import problem

#: Below this many files the pool's start-up costs more than it saves.
PARALLEL_THRESHOLD = 8

@dataclass(frozen=True, slots=True)
class BatchSettings:
    """What each worker needs besides the file: options, the gate and its baseline reports,
    detail level."""

    options: CheckOptions
    details: bool
    gate: Gate = field(default_factory=Gate)
    baseline: Baseline | None = None
    #: When set, each worker writes the city's own reports (in `city_formats`) there.
    city_dir: str | None = None
    city_formats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """A worker's answer for one file: the summary, whether it fails the thresholds, and
    (when details were asked for) the results packed without their criteria."""

    summary: CitySummary
    failing: bool
    packed: Packed | None = None
    verdict: Verdict | None = None


def check_one(path: Path, frameworks: Sequence[Framework], settings: BatchSettings) -> Row:
    """Check one file into a row; load errors become a failed row."""
    display = path.as_posix()
    if path.is_dir():  # found by `expand` but not listable: say so, never skip in silence
        return Row(failed_row(display, problem(Problem(
            display, None, "cannot list this folder, so its policy files were not checked",
            "check the folder's permissions", rule="input"))), False)
    try:
        doc = load_policy(path, display)
    except MgfCheckError as exc:
        lines = (problem(replace(p, source_line="")) for p in exc.problems)  # rows: one line
        return Row(failed_row(display, "\n".join(lines)), False)
    report = check_document(doc, frameworks, settings.options,
                            locate=settings.details or settings.city_dir is not None)
    if settings.city_dir is not None:
        from mgf_check.portfolio.folder import write_city

        write_city(report, settings.city_dir, settings.city_formats)
    base = settings.baseline.for_path(display) if settings.baseline else None
    verdict = judge(report, settings.gate, base)
    packed = pack(report) if settings.details else None
    return Row(summarize(report), verdict.failing, packed, verdict)


_WORKER: tuple[Sequence[Framework], BatchSettings] | None = None


def _init(frameworks: Sequence[Framework], settings: BatchSettings, parent: int) -> None:
    import gc

    # Ctrl-C reaches the whole process group: the parent alone decides, and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _die_with(parent)
    gc.enable()  # a worker's garbage (e.g. tracebacks of invalid files) is its own to collect
    global _WORKER
    _WORKER = (frameworks, settings)


def _die_with(parent: int) -> None:
    """Have the kernel end this worker when its parent dies (Linux), so that no worker is
    left behind blocked on a pipe nobody reads, even after SIGKILL of the parent."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


def _work(chunk: list[tuple[int, str]]) -> list[tuple[int, Row]]:
    assert _WORKER is not None
    frameworks, settings = _WORKER
    return [(i, check_one(Path(p), frameworks, settings)) for i, p in chunk]


def workers(jobs: int | None, files: int) -> int:
    """How many worker processes: asked for (default: every core), but never more than the
    machine's cores or than there are files to share."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
    return max(1, min(jobs or cores, cores, files))


def _chunks(items: list[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def run(files: Sequence[Path], frameworks: Sequence[Framework], settings: BatchSettings,
        jobs: int | None = None, progress: Callable[[int], None] | None = None,
        on_row: Callable[[Row], None] | None = None) -> list[Row]:
    """Check every file (in parallel when worthwhile); rows come back in input order.

    `on_row` sees each row (without its unpacked report) as soon as it and every row before
    it are done, in input order, while the workers go on (e.g. to stream a workbook sheet)."""
    import gc

    # Thousands of summaries pile up in the parent and hold no reference cycles: without
    # this, each full collection rescans all of them and a 10,000-file run grows faster
    # than linearly. Reference counting still frees everything.
    gc.freeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(files, frameworks, settings, jobs, progress, on_row)
    finally:
        if enabled:
            gc.enable()


def _run(files: Sequence[Path], frameworks: Sequence[Framework], settings: BatchSettings,
         jobs: int | None, progress: Callable[[int], None] | None,
         on_row: Callable[[Row], None] | None) -> list[Row]:
    jobs = workers(jobs, len(files))
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        rows = []
        for path in files:
            rows.append(check_one(path, frameworks, settings))
            if on_row:
                on_row(rows[-1])
            if progress:
                progress(1)
        return _rebuild(rows, frameworks, settings)
    return _rebuild(_parallel(files, frameworks, settings, jobs, progress, on_row), frameworks,
                    settings)


def _parallel(files: Sequence[Path], frameworks: Sequence[Framework], settings: BatchSettings,
              jobs: int, progress: Callable[[int], None] | None,
              on_row: Callable[[Row], None] | None) -> list[Row]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork shares the compiled frameworks with the workers at no cost; elsewhere they are
    # pickled once per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    items = [(i, p.as_posix()) for i, p in enumerate(files)]
    size = max(1, min(64, len(items) // (jobs * 8)))
    rows: list[Row | None] = [None] * len(items)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init,
                               initargs=(tuple(frameworks), settings, os.getpid()))
    try:
        # Workers are forked at the first submit: they start with Ctrl-C and SIGTERM blocked
        # (so neither can hit one before `_init` has set its own handling), and the parent
        # receives any that arrived meanwhile as soon as they are unblocked.
        stops = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, stops)
        try:
            futures = [pool.submit(_work, chunk) for chunk in _chunks(items, size)]
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, stops)
        ready = 0  # rows before this index have been given to on_row
        canonical = canonical_ids(frameworks)
        for future in as_completed(futures):
            done = future.result()
            for i, row in done:
                rows[i] = _compact(row, canonical)
            while on_row and ready < len(rows) and (next_row := rows[ready]) is not None:
                on_row(next_row)
                ready += 1
            if progress:
                progress(len(done))
    except BaseException:
        # Ctrl-C, SIGTERM (turned into an exception by the CLI) or a bug: stop now, not after
        # the queue; end the workers so that none outlives the run.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(1)
        # the pool's manager thread sees its workers gone and ends; wait for it, so that
        # nothing of the pool is left to fail at interpreter exit
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return [r for r in rows if r is not None]


def _compact(row: Row, canonical: dict[str, str]) -> Row:
    """A row from a worker with its ids shared rather than copied (`wire.share_ids`)."""
    if not row.summary.ok:
        return row
    summary, verdict = share_ids(row.summary, row.verdict, canonical)
    return replace(row, summary=summary, verdict=verdict)


def _rebuild(rows: list[Row], frameworks: Sequence[Framework],
             settings: BatchSettings) -> list[Row]:
    if not settings.details:
        return rows
    return [replace(r, summary=replace(r.summary, report=unpack(
        r.summary.path, r.packed, frameworks, settings.options.ignore_waivers)))
            if r.packed is not None else r for r in rows]
