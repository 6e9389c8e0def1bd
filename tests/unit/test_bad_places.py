"""Bad places: a read-only workspace folder, a full disk, a missing, empty or unreadable data
file. Every command answers in Chinese with what to do, nothing is half-written and no `.part`
or lock file is left behind; the daily backup failing never stops the work; `restore` works
over an unusable file (kept aside); `check` names the newest backup that passes.

How the places are made (these tests run as root in CI, where permission bits do not stop
writes):
- read-only folder: a read-only bind mount of the workspace folder (`mount --bind`, then
  `remount,ro`); as a non-root user, the write bits are taken away instead;
- full disk: the workspace on a small tmpfs (`mount -t tmpfs -o size=…`) filled with a file
  until the room wanted is left.
Where mounting is not allowed (no root, a container without CAP_SYS_ADMIN), the full-disk
tests are skipped and say so; the read-only ones use the write bits.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.cli.main import main
from app.errors import DiskFull, ReadOnlyWorkspace, UnusableDatabase
from app.workspace.backups import FAILURE_FILE, backup_on_open, create_backup, list_backups
from app.workspace.facade import DB_FILENAME, HOLDER_FILENAME, LOCK_FILENAME, Workspace
from tests.conftest import PASSWORD, TODAY
from tests.data import workbooks
from tests.helpers import dump_tables

pytestmark = pytest.mark.sqlite_only

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def _mount(*args: str) -> bool:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    return done.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """`folder` made read-only for this process; yields how ("bind mount" or "write bits")."""
    if ROOT:
        if not (_mount("--bind", str(folder), str(folder))
                and _mount("-o", "remount,bind,ro", str(folder))):
            _umount(folder)
            pytest.skip("a read-only bind mount needs mount(8) with CAP_SYS_ADMIN")
        try:
            yield "bind mount"
        finally:
            _umount(folder)
        return
    paths = [folder, *folder.rglob("*")]
    modes = {p: p.stat().st_mode for p in paths}
    for p in paths:
        p.chmod(modes[p] & ~0o222)
    try:
        yield "write bits"
    finally:
        for p in reversed(paths):
            p.chmod(modes[p])


@contextmanager
def small_disk(where: Path, megabytes: int) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    if not (ROOT and _mount("-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(where))):
        pytest.skip("a full disk is made with a small tmpfs: mount(8) needs root here")
    try:
        yield where
    finally:
        _umount(where)


def fill(disk: Path, leave_kb: int) -> None:
    """Fills `disk` until about `leave_kb` KB are left."""
    free = shutil.disk_usage(disk).free // 1024
    with open(disk / "filler.bin", "wb") as f:
        f.write(b"\0" * max(0, free - leave_kb) * 1024)


def files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*")
            if ".part" in p.name or p.name in (LOCK_FILENAME, HOLDER_FILENAME)]


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)


# ---- a read-only folder ----------------------------------------------------------------------


def test_a_read_only_folder_opens_read_only_and_every_command_says_what_to_do(workspace_dir, tmp_path,
                                                                             capsys, env):
    ws = Workspace.open(workspace_dir)
    admin = ws.sign_in("admin", PASSWORD)
    create_backup(ws, admin)
    ws.close()
    sheet = workbooks.simple(tmp_path / "单位.xlsx", ["单位名称", "类别"], [["办公室", "局机关科室"]])
    options = ("--data-dir", str(workspace_dir), "--user", "admin", "--as-of", TODAY.isoformat())
    before = files(workspace_dir)
    with read_only(workspace_dir) as how:
        ws = Workspace.open(workspace_dir, as_of=TODAY)
        try:
            assert ws.read_only and "不可写" in ws.read_only_reason, how
            ws.sign_in("admin", PASSWORD)  # reading and viewing work
            assert ws.settings.bureau_name
            with pytest.raises(ReadOnlyWorkspace, match="导出和打印要在操作日志中记一笔"):
                with ws.writing():
                    pass
        finally:
            ws.close()
        code, out, _ = _cli(capsys, "check", *options)
        assert code == 0 and "操作日志链完整" in out and "最新的通过检查的备份：manual-" in out
        code, out, _ = _cli(capsys, "import", "units", str(sheet), "--dry-run", *options)
        assert code == 0 and "新增 1 行" in out  # a preview only reads
        for argv in (("export", "people", "--out", str(tmp_path / "人员.xlsx")),
                     ("import", "units", str(sheet)), ("backup",)):
            code, _, err = _cli(capsys, *argv, *options)
            assert code == 1 and "不可写" in err and "Traceback" not in err, (argv, err)
        assert not (tmp_path / "人员.xlsx").exists()  # refused before a file was written
    assert files(workspace_dir) == before and not leftovers(workspace_dir)


def test_a_read_only_folder_in_the_window_shows_the_pages(workspace_dir, tmp_path):
    from app.cli.main import main as cli

    shot = tmp_path / "home.png"
    with read_only(workspace_dir):
        os.environ["QINGFENG_PASSWORD"] = PASSWORD
        try:
            code = cli(["--data-dir", str(workspace_dir), "--user", "admin", "--screenshot", str(shot),
                        "--page", "home"])
        finally:
            del os.environ["QINGFENG_PASSWORD"]
    assert code == 0 and shot.stat().st_size > 10_000


# ---- a full disk -------------------------------------------------------------------------------


def _workspace_on(disk: Path, template: Path) -> Path:
    folder = disk / "ws"
    shutil.copytree(template, folder)
    return folder


def test_the_daily_backup_failing_on_a_full_disk_never_stops_the_work(template_dir, tmp_path, capsys, env):
    """Room for an import, not for a copy of the data file: the import runs, the failure is kept
    for 首页 and `check`, no part of a backup is left; the next backup with room clears it."""
    with small_disk(tmp_path / "disk", 4) as disk:
        folder = _workspace_on(disk, template_dir)
        fill(disk, leave_kb=(folder / DB_FILENAME).stat().st_size // 1024 // 2)
        sheet = workbooks.simple(tmp_path / "单位.xlsx", ["单位名称", "类别"],
                                 [["办公室", "局机关科室"], ["财务科", "局机关科室"]])
        options = ("--data-dir", str(folder), "--user", "admin")
        code, out, err = _cli(capsys, "import", "units", str(sheet), *options)
        assert code == 0 and "已导入" in out, err
        assert "每日自动备份没有完成：磁盘空间不足" in err and "本次操作照常进行" in err
        assert list_backups(folder) == [] and not leftovers(folder)
        code, out, _ = _cli(capsys, "check", *options)
        assert code == 0 and "警告：" in out and "每日自动备份没有完成" in out
        ws = Workspace.open(folder)
        try:
            assert ws.backup_problem == ""  # not tried again until the next open for writing
            (disk / "filler.bin").unlink()
            backup_on_open(ws)
            assert ws.backup_problem == "" and not (folder / FAILURE_FILE).exists()
        finally:
            ws.close()


def test_a_commit_on_a_full_disk_writes_nothing_and_says_so(template_dir, tmp_path, capsys, env):
    with small_disk(tmp_path / "disk", 4) as disk:
        folder = _workspace_on(disk, template_dir)
        names = [[f"单位{i:04d}" + "甲" * 60, "其他"] for i in range(3000)]
        sheet = workbooks.simple(tmp_path / "单位.xlsx", ["单位名称", "类别"], names)
        before = dump_tables(folder / DB_FILENAME)
        fill(disk, leave_kb=160)
        code, _, err = _cli(capsys, "import", "units", str(sheet), "--data-dir", str(folder), "--user", "admin")
        assert code == 1 and "磁盘空间不足" in err and "未写入任何数据" in err and "Traceback" not in err, err
        (disk / "filler.bin").unlink()
        assert dump_tables(folder / DB_FILENAME) == before and not leftovers(folder)
        ws = Workspace.open(folder)
        try:
            admin = ws.sign_in("admin", PASSWORD)
            with pytest.raises(DiskFull):
                fill(disk, leave_kb=0)
                with ws.writing() as s:
                    from app.registers.units import types, write

                    for i in range(200):
                        write.save_unit(s, admin, types.UnitDraft(name=f"单位{i}" + "乙" * 90, kind="other"))
        finally:
            ws.close()


# openpyxl leaves its ZipFile open when a save fails half way; its __del__ meets the full disk again.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_export_to_a_full_disk_leaves_no_part(workspace_dir, tmp_path, capsys, env):
    with small_disk(tmp_path / "disk", 1) as disk:
        fill(disk, leave_kb=4)
        code, _, err = _cli(capsys, "export", "units", "--out", str(disk / "单位.xlsx"),
                            "--data-dir", str(workspace_dir), "--user", "admin")
        assert code == 1 and "磁盘空间不足" in err, err
        assert [p.name for p in disk.iterdir()] == ["filler.bin"]


# ---- a missing, empty or unreadable data file ----------------------------------------------------


def _backups(folder: Path, count: int = 2) -> list[Path]:
    ws = Workspace.open(folder)
    try:
        admin = ws.sign_in("admin", PASSWORD)
        return [create_backup(ws, admin).path for _ in range(count)]
    finally:
        ws.close()


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("spoil", ["empty", "garbage"])
def test_restore_works_over_an_unusable_data_file_and_keeps_it_aside(workspace_dir, capsys, env, spoil):
    older, newer = _backups(workspace_dir)
    _damage(newer)  # the newest backup does not pass: the one before is named
    live = workspace_dir / DB_FILENAME
    live.write_bytes(b"" if spoil == "empty" else os.urandom(64 * 1024))
    options = ("--data-dir", str(workspace_dir), "--user", "admin")
    code, out, err = _cli(capsys, "check", *options)
    assert code == 1 and older.name in out + err and newer.name not in out + err
    assert ("是空的（0 字节）" if spoil == "empty" else "数据文件损坏") in out + err
    code, out, err = _cli(capsys, "restore", str(older), *options)
    assert code == 0 and "已从备份恢复" in out, err
    kept = [b for b in (workspace_dir / "backups").iterdir() if b.name.startswith("pre-restore")]
    assert len(kept) == 1 and kept[0].stat().st_size == (0 if spoil == "empty" else 64 * 1024)
    code, out, _ = _cli(capsys, "check", *options)
    assert code == 0 and "操作日志链完整" in out


def test_an_empty_data_file_is_named_with_what_to_do(workspace_dir):
    (older,) = _backups(workspace_dir, 1)
    (workspace_dir / DB_FILENAME).write_bytes(b"")
    with pytest.raises(UnusableDatabase) as refused:
        Workspace.open(workspace_dir)
    assert "0 字节" in refused.value.message and f"python -m app restore \"{older}\"" in refused.value.message
    assert not leftovers(workspace_dir)


def test_a_missing_data_file_names_the_backup_to_restore(workspace_dir, capsys, env):
    (older,) = _backups(workspace_dir, 1)
    (workspace_dir / DB_FILENAME).unlink()
    code, _, err = _cli(capsys, "check", "--data-dir", str(workspace_dir))
    assert code == 1 and "没有清风台账的数据文件" in err and older.name in err


def test_check_names_the_newest_backup_that_passes(workspace_dir, capsys, env):
    older, newer = _backups(workspace_dir)
    code, out, _ = _cli(capsys, "check", "--data-dir", str(workspace_dir))
    assert code == 0 and f"最新的通过检查的备份：{newer.name}" in out
    _damage(newer)
    _damage(workspace_dir / DB_FILENAME)
    code, out, _ = _cli(capsys, "check", "--data-dir", str(workspace_dir))
    assert code == 1 and "请从备份恢复" in out and older.name in out and newer.name not in out


@pytest.mark.parametrize("name", ["台账#1", "台账%41", "台账?2", "100% 台账"])
def test_a_folder_named_with_url_characters_opens_backs_up_and_checks_its_own_files(tmp_path, capsys, env, name):
    """SQLite's URIs and SQLAlchemy's URLs read %, ? and # as their own: a folder so named
    once opened another file, or none (the backups' verification, a read-only open)."""
    folder = tmp_path / name
    ws = Workspace.create(folder, admin_username="admin", admin_password=PASSWORD, bureau_name="某市某局")
    try:
        admin = ws.sign_in("admin", PASSWORD)
        backup = create_backup(ws, admin).path
    finally:
        ws.close()
    code, out, _ = _cli(capsys, "check", "--data-dir", str(folder))
    assert code == 0 and f"最新的通过检查的备份：{backup.name}" in out, out
    ws = Workspace.open(folder, read_only=True)
    try:
        assert ws.sign_in("admin", PASSWORD).username == "admin"
    finally:
        ws.close()
