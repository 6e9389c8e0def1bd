"""A child process of the memory measurement (bench/memory.py): `python -m bench.memory_probe
DATA_DIR AS_OF`. Opens the main window on the workspace as the demo administrator, shows every
registered page once (each until its data has loaded), and prints the peak resident set in MB:
VmHWM of /proc/self/status, this program's own high-water mark (getrusage's ru_maxrss would
include the parent's size at the fork, which Linux carries over the exec)."""
from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
READY_TIMEOUT_S = 60.0


def main() -> None:
    data_dir, as_of = sys.argv[1], dt.date.fromisoformat(sys.argv[2])
    from app.demo.build import DEMO_PASSWORD
    from app.workspace.facade import Workspace
    from ui.app import make_application
    from ui.main_window import MainWindow

    app = make_application()
    ws = Workspace.open(data_dir, as_of=as_of)
    window = MainWindow(ws, ws.sign_in("admin", DEMO_PASSWORD), remember=False)
    window.resize(1366, 768)
    window.show()
    for key in window.page_keys():
        window.show_page(key)
        page = window.current_page()
        ready = getattr(page, "is_ready", lambda: True)
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not ready() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.002)
        page.repaint()
        app.processEvents()
    from ui.workers import wait_for_tasks

    wait_for_tasks()
    print(f"{_peak_mb():.1f} {len(window.page_keys())}")
    sys.stdout.flush()
    os._exit(0)


def _peak_mb() -> float:
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


if __name__ == "__main__":
    main()
