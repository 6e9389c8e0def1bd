"""Start-up: process start → main window painted with its start page's rows (the demo workspace,
sign-in skipped), against a bare QMainWindow that imports SQLAlchemy and opens the same database
(target ratio ≤ 1.5). The start page is the first registered page (首页 once it exists, whose
chart is drawn after that first paint). Both run as fresh processes (bench/startup_probe.py)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import Result, interleaved
from bench.context import AS_OF, BenchContext


def _probe(ctx: BenchContext, mode: str, page: str, cache: Path):  # noqa: ANN202
    """One fresh process. Its modules are compiled once into `cache` (outside the tree; the
    first, untimed run writes it), as an installed program's are: with PYTHONDONTWRITEBYTECODE
    set, the program's own modules would otherwise be compiled from source on every start
    while the libraries' come compiled."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

    def run() -> None:
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-X", f"pycache_prefix={cache}", "-m", "bench.startup_probe",
                              mode, str(ctx.folder), AS_OF.isoformat(), str(ctx.scale), page],
                             capture_output=True, text=True, timeout=120, check=False, env=env)
        if "painted" not in out.stdout:
            raise RuntimeError(f"start-up probe ({mode}) failed: {out.stderr[-2000:]}")
        return time.perf_counter() - start

    return run


def startup(ctx: BenchContext) -> list[Result]:
    from ui.pages.registry import registered_pages

    first = registered_pages()[0]
    with ctx.released(), tempfile.TemporaryDirectory(prefix="qingfeng-pycache-") as cache:
        # the window takes the workspace's writer lock, as on a real start
        ours, base = interleaved(_probe(ctx, "ours", first.key, Path(cache)),
                                 _probe(ctx, "bare", first.key, Path(cache)), repeat=5)
    return [Result(f"启动→主窗口显示首页“{first.label}”的数据", ours, base, 1.5,
                   note="对比导入 SQLAlchemy、打开同一数据库的空 QMainWindow；均为新进程")]


MEASUREMENTS = [startup]
