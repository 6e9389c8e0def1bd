"""Timing helpers and the result table."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    ours: float  # seconds (or MB for memory rows)
    baseline: float | None
    target: float | None  # the ratio to stay under; None = reference figure only
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.ours / self.baseline if self.baseline else None

    @property
    def met(self) -> str:
        if self.target is None:
            return "—"
        if self.ratio is None:
            return "是" if self.ours <= self.target else "否"
        return "是" if self.ratio <= self.target else "否"


def best_of(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """The median of `repeat` timed runs after `warmup` untimed ones (seconds)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed(fn: Callable[[], object]) -> float:
    """Seconds `fn` took; a `fn` that returns a float has timed its own event (and may do
    untimed work around it, such as waiting for the previous event's tail to finish)."""
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    return result if isinstance(result, float) else elapsed


def interleaved(ours: Callable[[], object], *baselines: Callable[[], object],
                repeat: int = 11) -> tuple[float, ...]:
    """Medians of `ours` and each baseline timed in turn, so load on the machine hits them all."""
    runs = (ours, *baselines)
    for run in runs:
        run()
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, taken in zip(runs, times, strict=True):
            taken.append(timed(run))
    return tuple(statistics.median(taken) for taken in times)


def table(results: list[Result]) -> str:
    header = "| 测量 | 本程序 | 基线 | 比值 | 目标 | 达标 | 说明 |\n|---|---:|---:|---:|---:|:---:|---|"

    def fmt(value: float | None, unit: str) -> str:
        if value is None:
            return "—"
        return f"{value * 1000:.1f} ms" if unit == "s" else f"{value:.0f} {unit}"

    rows = [
        f"| {r.name} | {fmt(r.ours, r.unit)} | {fmt(r.baseline, r.unit)} | "
        f"{'—' if r.ratio is None else f'{r.ratio:.2f}'} | "
        f"{'—' if r.target is None else (f'≤ {r.target}' if r.baseline else f'≤ {r.target:.0f} {r.unit}')} | {r.met} | {r.note} |"
        for r in results
    ]
    return "\n".join([header, *rows])
