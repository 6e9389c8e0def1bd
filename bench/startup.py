"""Start-up: process start → main window painted with its start page's rows (the demo workspace,
sign-in skipped), against a bare QMainWindow that imports SQLAlchemy and opens the same database
(target ratio ≤ 1.5). The start page is the first registered page (首页 once it exists, whose
chart is drawn after that first paint). Both run as fresh processes (bench/startup_probe.py)."""
from __future__ import annotations

import subprocess
import sys
import time

from bench.common import Result, interleaved
from bench.context import AS_OF, BenchContext


def _probe(ctx: BenchContext, mode: str, page: str):  # noqa: ANN202
    def run() -> None:
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "bench.startup_probe", mode, str(ctx.folder),
                              AS_OF.isoformat(), str(ctx.scale), page],
                             capture_output=True, text=True, timeout=120, check=False)
        if "painted" not in out.stdout:
            raise RuntimeError(f"start-up probe ({mode}) failed: {out.stderr[-2000:]}")
        return time.perf_counter() - start

    return run


def startup(ctx: BenchContext) -> list[Result]:
    from ui.pages.registry import registered_pages

    first = registered_pages()[0]
    with ctx.released():  # the window takes the workspace's writer lock, as on a real start
        ours, base = interleaved(_probe(ctx, "ours", first.key), _probe(ctx, "bare", first.key), repeat=5)
    return [Result(f"启动→主窗口显示首页“{first.label}”的数据", ours, base, 1.5,
                   note="对比导入 SQLAlchemy、打开同一数据库的空 QMainWindow；均为新进程")]


MEASUREMENTS = [startup]
