"""The single-writer lock leaves nothing behind: `qingfeng.lock` and its holder file exist while a
process holds the workspace and are gone when it lets go — after the window closes and after
every command — while two processes still never hold it at once, and a lock file left by a
killed process is taken over by the next one (no stale refusal)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.cli.main import main
from app.errors import WorkspaceLocked
from app.workspace.facade import HOLDER_FILENAME, LOCK_FILENAME, Workspace
from tests.conftest import PASSWORD, TODAY
from tests.data import workbooks

pytestmark = pytest.mark.sqlite_only("the workspace folder's lock file")


def leftovers(folder: Path) -> list[str]:
    """What a finished process must not leave: the lock, its holder, a half-written file, a
    staging folder."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name in (LOCK_FILENAME, HOLDER_FILENAME) or ".part" in p.name
                  or p.name.startswith(".restore-"))


def test_the_lock_file_lives_as_long_as_the_workspace_is_open(workspace_dir, tmp_path):
    ws = Workspace.open(workspace_dir)
    try:
        assert ws.holds_lock
        assert leftovers(workspace_dir) == [LOCK_FILENAME, HOLDER_FILENAME]
    finally:
        ws.close()
    assert leftovers(workspace_dir) == []
    fresh = tmp_path / "新建"
    ws = Workspace.create(fresh, admin_username="admin", admin_password=PASSWORD)
    ws.close()
    assert leftovers(fresh) == [] and (fresh / "qingfeng.sqlite3").is_file()


def _cli(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_every_command_and_the_window_leave_no_lock_and_no_part(workspace_dir, tmp_path, capsys,
                                                                 monkeypatch):
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    options = ("--data-dir", str(workspace_dir), "--user", "admin", "--as-of", TODAY.isoformat())
    sheet = workbooks.simple(tmp_path / "单位.xlsx", ["单位名称", "类别"], [["办公室", "局机关科室"]])
    (tmp_path / "导出").mkdir()
    commands = [
        ("check",),
        ("import", "units", str(sheet), "--dry-run"),
        ("import", "units", str(sheet)),
        ("export", "units", "--out", str(tmp_path / "导出" / "单位.xlsx")),
        ("backup",),
        ("backup", "--out", str(tmp_path / "U盘" / "备份.qfbak")),
    ]
    for argv in commands:
        if argv[-1].endswith(".qfbak"):
            monkeypatch.setenv("QINGFENG_BACKUP_PASSWORD", "备份口令-2026")
        code, text = _cli(capsys, *argv, *options)
        assert code == 0, (argv, text)
        assert leftovers(workspace_dir) == [] and leftovers(tmp_path) == [], argv
    assert (tmp_path / "导出" / "单位.xlsx").is_file() and (tmp_path / "U盘" / "备份.qfbak").is_file()
    backup = sorted((workspace_dir / "backups").glob("manual-*.sqlite3"))[-1]
    code, text = _cli(capsys, "restore", str(backup), *options)
    assert code == 0 and "已从备份恢复" in text, text
    assert leftovers(workspace_dir) == []
    shot = tmp_path / "home.png"  # the window: opened, signed in, painted, closed
    code, text = _cli(capsys, *options, "--screenshot", str(shot), "--page", "home")
    assert code == 0 and shot.stat().st_size > 10_000, text
    assert leftovers(workspace_dir) == []


_CONTENDER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from app.workspace.facade import _release, _try_lock
    folder, rounds = Path(sys.argv[1]), int(sys.argv[2])
    inside = folder / "inside"
    held = 0
    print("ready", flush=True)
    while not (folder.parent / "go").exists():  # all start together
        time.sleep(0.001)
    for _ in range(rounds):
        lock = _try_lock(folder)
        if lock is None:
            continue
        held += 1
        # Two holders at once would meet here: O_EXCL lets only one create the marker.
        fd = os.open(inside, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.close(fd)
        os.unlink(inside)
        _release(lock, folder)
    print(held, flush=True)
""")


def test_contending_processes_never_hold_the_lock_together(tmp_path):
    """Processes taking and releasing the lock as fast as they can: each release removes the file
    another may just have opened; the one that then locks a removed file must notice and start
    again, or two would hold the workspace at once (the marker's O_EXCL would fail)."""
    folder = tmp_path / "ws"
    folder.mkdir()
    runs = [subprocess.Popen([sys.executable, "-c", _CONTENDER, str(folder), "3000"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=os.getcwd())
            for _ in range(3)]
    for run in runs:
        assert run.stdout.readline().strip() == "ready"
    (tmp_path / "go").touch()
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err[-800:] for _, err in results]
    held = [int(out) for out, _ in results]
    assert sum(1 for count in held if count) >= 2, held  # they did contend
    assert leftovers(folder) == [] and not (folder / "inside").exists()


def test_a_second_process_is_still_refused_or_read_only(workspace_dir):
    ws = Workspace.open(workspace_dir)
    try:
        probe = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(f"""
                from app.errors import WorkspaceLocked
                from app.workspace.facade import Workspace
                try:
                    Workspace.open({str(workspace_dir)!r})
                except WorkspaceLocked as exc:
                    print("locked", exc.holder)
                second = Workspace.open({str(workspace_dir)!r}, read_only_if_locked=True)
                print("read-only" if second.read_only else "writable")
                second.close()
            """)], capture_output=True, text=True, cwd=os.getcwd(), timeout=60)
        assert probe.returncode == 0, probe.stderr
        assert probe.stdout.splitlines()[0].startswith("locked ")
        assert "进程 " + str(os.getpid()) in probe.stdout  # named from the holder file
        assert probe.stdout.splitlines()[1] == "read-only"
        assert leftovers(workspace_dir) == [LOCK_FILENAME, HOLDER_FILENAME]  # the read-only one took nothing
    finally:
        ws.close()
    assert leftovers(workspace_dir) == []


def test_a_lock_file_left_by_a_killed_process_is_taken_over(workspace_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time
            from app.workspace.facade import Workspace
            ws = Workspace.open({str(workspace_dir)!r})
            print("ready", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(WorkspaceLocked):
            Workspace.open(workspace_dir)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert leftovers(workspace_dir) == [LOCK_FILENAME, HOLDER_FILENAME]  # SIGKILL cleans nothing up
    ws = Workspace.open(workspace_dir)  # no stale refusal: the OS let go of the dead process's lock
    try:
        assert ws.holds_lock and not ws.read_only
        second = Workspace.open(workspace_dir, read_only_if_locked=True)  # and it is held again
        assert second.read_only
        second.close()
    finally:
        ws.close()
    assert leftovers(workspace_dir) == []
