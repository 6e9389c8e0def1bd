"""The shipped program: the bundle (build.spec) is built ONCE per run (by the first pytest-xdist
worker to need it, in the folder the run's workers share) and shared by every test here —
the bundle's own smoke test, the .deb, the Windows setup script's file list and Chinese input
under fcitx5 — since a PyInstaller build takes minutes. So is the demo workspace, made
by the bundle's own command line; a test that writes to it takes a copy.

`QINGFENG_TEST_BUNDLE=dist/qingfeng` reuses a bundle built beforehand (while working on these
tests); CI builds a fresh one."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # Windows: one process builds (run these tests with -n 0 there)
    fcntl = None

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-28"
EXE = ".exe" if os.name == "nt" else ""


@contextlib.contextmanager
def _held(lock: Path) -> Iterator[None]:
    """`lock` held by this process (the OS's lock: gone with a killed process)."""
    with lock.open("a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/qingfeng/: `qingfeng` (the window), `qingfeng-cli` and `_internal/`."""
    prebuilt = os.environ.get("QINGFENG_TEST_BUNDLE")
    if prebuilt:
        folder = Path(prebuilt).resolve()
    else:
        # One build for the whole run: with pytest-xdist each worker is a session of its own, so
        # the first to get here builds in the folder the workers share while the others wait.
        run = tmp_path_factory.getbasetemp()  # a worker's basetemp is in the run's own folder
        out = (run.parent if os.environ.get("PYTEST_XDIST_WORKER") else run) / "pyinstaller"
        out.mkdir(exist_ok=True)
        with _held(out / "build.lock"):
            folder = out / "dist" / "qingfeng"
            if not (folder / f"qingfeng{EXE}").is_file():
                build = subprocess.run(
                    [sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm",
                     "--distpath", str(out / "dist"), "--workpath", str(out / "build")],
                    cwd=ROOT, capture_output=True, text=True, timeout=1800)
                assert build.returncode == 0, build.stderr[-3000:]
    assert (folder / f"qingfeng{EXE}").is_file() and (folder / f"qingfeng-cli{EXE}").is_file()
    return folder


@pytest.fixture(scope="session")
def bundle_demo(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built by the bundle's command line (the frozen program imports every
    register's demo step by name) and checked by it: nothing else writes here."""
    folder = tmp_path_factory.mktemp("bundle-demo") / "demo"
    check = subprocess.run(
        [str(bundle / f"qingfeng-cli{EXE}"), "check", "--demo", "--data-dir", str(folder),
         "--as-of", AS_OF], capture_output=True, text=True, timeout=600,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "操作日志链完整" in check.stdout
    return folder


@pytest.fixture
def demo_copy(bundle_demo: Path, tmp_path: Path) -> Path:
    """A copy of the demo this test may write to (a window signs in, saves drafts)."""
    target = tmp_path / "demo"
    shutil.copytree(bundle_demo, target, ignore=shutil.ignore_patterns("qingfeng.lock*"))
    return target
