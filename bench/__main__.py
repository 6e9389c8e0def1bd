"""`python -m bench [--scale N] [--data-dir DIR] [--only NAME]`: builds (or reuses) the demo at that
scale and prints one table of measurements against baselines measured in the same run."""
from __future__ import annotations

import argparse
import gc
import importlib
import platform
import sys
import time
from pathlib import Path

from bench.common import table

# Modules with MEASUREMENTS: list[Callable[[BenchContext], list[Result]]].
MODULES = ["bench.startup", "bench.pages", "bench.risks", "bench.talks", "bench.findings", "bench.ledger",
           "bench.ceremonies", "bench.search", "bench.home", "bench.reports", "bench.excel", "bench.seals", "bench.memory"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, help="demo folder (default: the demo cache)")
    parser.add_argument("--only", help="run measurements whose function name contains this")
    args = parser.parse_args(argv)
    from bench.context import open_context

    started = time.perf_counter()
    ctx = open_context(args.scale, args.data_dir)
    print(f"演示工作区：{ctx.folder}（规模 {args.scale}，准备 {time.perf_counter() - started:.1f} s）",
          file=sys.stderr)
    results = []
    try:
        for module_name in MODULES:
            for measure in importlib.import_module(module_name).MEASUREMENTS:
                if args.only and args.only not in measure.__name__:
                    continue
                print(f"测量 {measure.__name__} …", file=sys.stderr)
                # As the window freezes what its start made (ui.app.settle), a measurement starts
                # with what came before it frozen: else a full collection over the bench's own
                # heap (the demo's context, earlier measurements' modules and pages; 30–100 ms)
                # lands on ours or the baseline, whichever it falls in.
                gc.collect()
                gc.freeze()
                results.extend(measure(ctx))
    finally:
        ctx.ws.close()
    print(f"机器：{platform.node()} · {platform.processor() or platform.machine()} · "
          f"Python {platform.python_version()} · 规模 {args.scale}")
    print(table(results))
    return 0 if all(r.met != "否" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
