"""Peak memory with every page opened once (the main window on the demo, each registered page
shown until its data has loaded), in a fresh process: a reference of ≤ 300 MB on this machine."""
from __future__ import annotations

import subprocess
import sys

from bench.common import Result
from bench.context import AS_OF, BenchContext

REFERENCE_MB = 300


def memory(ctx: BenchContext) -> list[Result]:
    with ctx.released():
        out = subprocess.run([sys.executable, "-m", "bench.memory_probe", str(ctx.folder), AS_OF.isoformat()],
                             capture_output=True, text=True, timeout=600, check=False)
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"memory probe failed: {out.stderr[-2000:]}")
    peak, pages = out.stdout.split()
    return [Result("峰值内存（每个页面各打开一次）", float(peak), None, REFERENCE_MB, unit="MB",
                   note=f"{pages} 个页面，新进程")]


MEASUREMENTS = [memory]
