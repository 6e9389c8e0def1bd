"""Start-up: process start → main window painted with its start page's rows (the demo workspace,
the demo's sign-in after that paint), against a bare QMainWindow that imports SQLAlchemy and
opens the same database (target ratio ≤ 1.5). The start page is the first registered page (首页
once it exists, whose figures and chart follow that first paint). Both run as fresh processes
(bench/startup_probe.py), with compiled bytecode.

Reference rows: the frozen bundle (`pyinstaller build.spec`; `QINGFENG_BENCH_BUNDLE=DIR`, else
dist/qingfeng/) against the same program from source, each from process start to the 首页's
screenshot written (`--screenshot`: its figures, reminders and chart in place)."""
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


def _screenshot(command: list[str], ctx: BenchContext, out: Path, env: dict[str, str]):  # noqa: ANN202
    def run() -> None:
        done = subprocess.run([*command, "--demo", "--data-dir", str(ctx.folder), "--as-of", AS_OF.isoformat(),
                               "--scale", str(ctx.scale), "--screenshot", str(out), "--page", "home"],
                              capture_output=True, text=True, timeout=300, check=False, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr[-2000:]}")

    return run


def frozen_startup(ctx: BenchContext) -> list[Result]:
    root = Path(__file__).resolve().parents[1]
    bundle = Path(os.environ.get("QINGFENG_BENCH_BUNDLE") or root / "dist" / "qingfeng")
    name = "启动→首页截图完成（程序包，参考）"
    if not (bundle / "qingfeng").is_file():
        return [Result(name, None, None, None, note=f"未测：{bundle} 中没有程序包（pyinstaller build.spec）")]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    with ctx.released(), tempfile.TemporaryDirectory(prefix="qingfeng-pycache-") as cache:
        shot = Path(cache) / "home.png"
        frozen, source = interleaved(
            _screenshot([str(bundle / "qingfeng")], ctx, shot, env),
            _screenshot([sys.executable, "-X", f"pycache_prefix={cache}", "-m", "app"], ctx, shot, env),
            repeat=3)
    return [Result(name, frozen, None, None, note=f"{bundle}；数据、提醒与图表均已画好"),
            Result("启动→首页截图完成（源码，参考）", source, None, None, note="同上，python -m app")]


MEASUREMENTS = [startup, frozen_startup]
