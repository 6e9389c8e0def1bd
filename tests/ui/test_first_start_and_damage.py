"""First start (the window creates the workspace with its administrator, or restores a backup
into the empty folder); a data file the window cannot use — 0 bytes, garbage, damaged — with the
newest backup that passes offered (从该备份恢复), another one (选择其他备份…) or 退出 / 暂不恢复, the
bad file kept aside in backups/, restored through app/workspace/restore.py."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.workspace.backups import create_backup
from app.workspace.facade import DB_FILENAME, HOLDER_FILENAME, LOCK_FILENAME, Workspace
from tests.conftest import PASSWORD, TODAY
from tests.helpers import dump_tables
from ui.app import _open_or_create
from ui.dialogs.backup_password import BackupPasswordDialog
from ui.dialogs.first_run import FirstRunDialog
from ui.dialogs.restore_offer import RestoreOfferDialog
from ui.dialogs.sign_in import SignInDialog
from ui.restore_flow import offer_restore_of_damaged

pytestmark = pytest.mark.sqlite_only("first start in a folder and a damaged SQLite file")

SECRET = "备份口令-2026"


def _when_modal(kind: type, act) -> None:  # noqa: ANN001
    """Acts on the modal dialog of `kind` about to open (its exec() blocks the test)."""
    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, attempt)
            return
        act(dialog)

    QTimer.singleShot(20, attempt)


def _sign_in_as(username: str, password: str) -> None:
    def fill(dialog: SignInDialog) -> None:
        dialog.user_edit.setText(username)
        dialog.password_edit.setText(password)
        dialog.try_sign_in()

    _when_modal(SignInDialog, fill)


def test_the_first_start_creates_the_workspace_and_its_administrator(qtbot, tmp_path):
    folder = tmp_path / "清风台账数据"
    opened: list[Workspace] = []

    def open_workspace(read_only_if_locked: bool) -> Workspace:
        ws = Workspace.open(folder, read_only_if_locked=read_only_if_locked)
        opened.append(ws)
        return ws

    def create(**kw: str) -> Workspace:
        ws = Workspace.create(folder, as_of=TODAY, **kw)
        opened.append(ws)
        return ws

    def fill(dialog: FirstRunDialog) -> None:
        dialog.bureau_edit.setText("某市文化广电和旅游局")
        dialog.admin_edit.setText("zhangsan")
        dialog.name_edit.setText("张三")
        dialog.password_edit.setText("short")
        dialog.again_edit.setText("short")
        assert not dialog.create()
        assert "至少 6 位" in dialog.form.error_text("password")  # shown next to the field
        dialog.password_edit.setText("first-pass")
        dialog.again_edit.setText("first-pasz")
        assert not dialog.create() and "不一致" in dialog.form.error_text("password_again")
        dialog.again_edit.setText("first-pass")
        assert dialog.create()

    _when_modal(FirstRunDialog, fill)
    ws, actor = _open_or_create(open_workspace, create, interactive=True)
    try:
        assert ws is not None and actor is not None
        assert (actor.username, actor.role.label) == ("zhangsan", "管理员")
        assert ws.settings.bureau_name == "某市文化广电和旅游局"
        assert (folder / DB_FILENAME).is_file() and ws.holds_lock
    finally:
        for each in opened:
            each.close()


def test_the_first_start_may_restore_a_backup_into_the_empty_folder(qtbot, workspace, admin, bureau,
                                                                    tmp_path, shown_messages):
    usb = tmp_path / "U盘" / "备份.qfbak"
    create_backup(workspace, admin, usb, password=SECRET)
    expected = dump_tables(workspace)
    folder = tmp_path / "新电脑"
    dialog = FirstRunDialog(folder, lambda **kw: None)
    qtbot.addWidget(dialog)
    _sign_in_as("admin", PASSWORD)  # an administrator of the backup
    assert dialog.restore(usb, SECRET)
    assert dialog.restored and dump_tables(folder / DB_FILENAME) == expected
    assert "已从备份恢复" in shown_messages.texts("inform")[-1]


def _overwrite_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in (3, 4, 5):
        data[(page - 1) * 4096: page * 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


def _offered(dialog: RestoreOfferDialog) -> dict[str, object]:
    """What the clerk sees: the texts and the buttons shown."""
    buttons = [b for b in (dialog.restore_button, dialog.other_button, dialog.decline_button) if b.isVisible()]
    return {"problem": dialog.problem_label.text(), "offer": dialog.offer_label.text(),
            "buttons": [b.text() for b in buttons]}


def test_a_damaged_workspace_offers_its_newest_good_backup(qtbot, workspace, admin, bureau,
                                                           workspace_dir, shown_messages):
    older = create_backup(workspace, admin)
    newest = create_backup(workspace, admin)
    expected = dump_tables(older.path)
    _overwrite_pages(newest.path)  # the newest backup is damaged too: the older one is offered
    workspace.close()
    _overwrite_pages(workspace_dir / DB_FILENAME)
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    seen: dict[str, object] = {}

    def choose_newest(dialog: RestoreOfferDialog) -> None:
        seen.update(_offered(dialog))
        dialog.restore_button.click()

    try:
        assert ws.damaged and ws.read_only and ws.holds_lock
        _sign_in_as("admin", PASSWORD)
        _when_modal(RestoreOfferDialog, choose_newest)
        assert offer_restore_of_damaged(ws)
        assert not ws.damaged and not ws.read_only and ws.actor is None  # sign in afresh
        assert "数据文件已损坏" in str(seen["problem"]) and older.path.name in str(seen["offer"])
        assert newest.path.name not in str(seen["offer"])
        assert seen["buttons"] == ["从该备份恢复", "选择其他备份…", "暂不恢复"]
        assert dump_tables(workspace_dir / DB_FILENAME) == expected  # the bureau is back
        assert list(workspace_dir.glob("backups/pre-restore-damaged-*.sqlite3"))
        assert "已从备份恢复" in shown_messages.texts("inform")[-1]
    finally:
        ws.close()


def test_a_damaged_workspace_without_a_good_backup_is_left_as_it_is(qtbot, workspace_dir,
                                                                    shown_messages):
    _overwrite_pages(workspace_dir / DB_FILENAME)
    before = (workspace_dir / DB_FILENAME).read_bytes()
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    seen: dict[str, object] = {}

    def decline(dialog: RestoreOfferDialog) -> None:
        seen.update(_offered(dialog))
        dialog.decline_button.click()

    try:
        _when_modal(RestoreOfferDialog, decline)
        assert not offer_restore_of_damaged(ws)
    finally:
        ws.close()
    assert "没有通过检查的备份" in str(seen["offer"]) and seen["buttons"] == ["选择其他备份…", "暂不恢复"]
    assert (workspace_dir / DB_FILENAME).read_bytes() == before


def _spoil(path: Path, how: str) -> int:
    """The data file made 0 bytes or unreadable garbage; its size."""
    data = b"" if how == "empty" else bytes(range(256)) * 256
    path.write_bytes(data)
    return len(data)


@pytest.mark.parametrize("how", ["empty", "garbage"])
def test_the_window_on_an_unusable_data_file_restores_the_newest_passing_backup(
        qtbot, workspace, admin, bureau, workspace_dir, shown_messages, how):
    """The window opened on a 0-byte (or garbage) data file: the dialog names the newest backup
    that passes, 从该备份恢复 asks an administrator of the backup, sets the bad file aside in
    backups/ (not deleted) and opens the restored workspace, writable."""
    older = create_backup(workspace, admin)
    newest = create_backup(workspace, admin)
    expected = dump_tables(older.path)
    _overwrite_pages(newest.path)  # does not pass: the older one is named
    workspace.close()
    size = _spoil(workspace_dir / DB_FILENAME, how)
    seen: dict[str, object] = {}

    def choose_newest(dialog: RestoreOfferDialog) -> None:
        seen.update(_offered(dialog))
        dialog.restore_button.click()

    _sign_in_as("admin", PASSWORD)  # an administrator of the backup: the file signs nobody in
    _when_modal(RestoreOfferDialog, choose_newest)
    if how == "empty":  # refused at open: the window's own opening offers the restore
        ws, _ = _open_or_create(lambda ro: Workspace.open(workspace_dir, read_only_if_locked=ro,
                                                          check_later=True), None, interactive=True)
    else:  # garbage opens damaged, read-only: run_window offers it before the sign-in
        ws = Workspace.open(workspace_dir, as_of=TODAY, check_later=True)
        assert ws.check_file() and offer_restore_of_damaged(ws)
    try:
        assert ws is not None and not ws.read_only and not ws.damaged and ws.holds_lock
        assert ("是空的（0 字节）" if how == "empty" else "file is not a database") in str(seen["problem"])
        assert older.path.name in str(seen["offer"]) and newest.path.name not in str(seen["offer"])
        assert seen["buttons"] == ["从该备份恢复", "选择其他备份…", "退出" if how == "empty" else "暂不恢复"]
        assert dump_tables(ws) == expected
        ws.sign_in("admin", PASSWORD)
    finally:
        ws.close()
    (kept,) = workspace_dir.glob("backups/pre-restore-damaged-*.sqlite3")
    assert kept.stat().st_size == size  # the bad file, byte for byte
    assert "已从备份恢复" in shown_messages.texts("inform")[-1]
    assert not (workspace_dir / LOCK_FILENAME).exists() and not (workspace_dir / HOLDER_FILENAME).exists()


def test_another_backup_may_be_chosen_and_quitting_leaves_the_file_as_it_is(
        qtbot, workspace, admin, bureau, workspace_dir, tmp_path, shown_messages):
    """No backup in the folder passes: 选择其他备份… takes the U 盘's encrypted one (its password
    asked); 退出 first leaves the empty file untouched and the folder unlocked."""
    usb = tmp_path / "U盘" / "备份.qfbak"
    create_backup(workspace, admin, usb, password=SECRET)
    expected = dump_tables(workspace)
    workspace.close()
    _spoil(workspace_dir / DB_FILENAME, "empty")

    def open_workspace(ro: bool) -> Workspace:
        return Workspace.open(workspace_dir, read_only_if_locked=ro)

    seen: dict[str, object] = {}

    def quit_(dialog: RestoreOfferDialog) -> None:
        seen.update(_offered(dialog))
        dialog.decline_button.click()

    _when_modal(RestoreOfferDialog, quit_)
    assert _open_or_create(open_workspace, None, interactive=True) == (None, None)
    assert "没有通过检查的备份" in str(seen["offer"]) and seen["buttons"] == ["选择其他备份…", "退出"]
    assert (workspace_dir / DB_FILENAME).stat().st_size == 0
    assert not (workspace_dir / LOCK_FILENAME).exists()

    def password(dialog: BackupPasswordDialog) -> None:
        dialog.password_edit.setText(SECRET)
        dialog.try_accept()

    def choose_usb(dialog: RestoreOfferDialog) -> None:
        _when_modal(BackupPasswordDialog, password)
        _sign_in_as("admin", PASSWORD)
        dialog.restore_from(usb)  # what 选择其他备份… does once the file is chosen

    _when_modal(RestoreOfferDialog, choose_usb)
    ws, _ = _open_or_create(open_workspace, None, interactive=True)
    try:
        assert ws is not None and not ws.read_only and dump_tables(ws) == expected
    finally:
        ws.close()
    assert list(workspace_dir.glob("backups/pre-restore-damaged-*.sqlite3"))


def test_on_a_damaged_workspace_the_backups_tab_still_opens(qtbot, workspace, admin, workspace_dir,
                                                            shown_messages):
    import sqlite3

    from ui.pages.admin_page import AdminPage

    create_backup(workspace, admin)
    workspace.close()
    db = workspace_dir / DB_FILENAME
    conn = sqlite3.connect(db)
    pages = [r[0] for r in conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'dict_items' AND rootpage > 0")]
    conn.close()
    _overwrite_pages_at(db, pages)  # the dictionaries are unreadable, the users are not
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    try:
        assert ws.damaged
        actor = ws.sign_in("admin", PASSWORD)
        page = AdminPage(ws, actor)
        qtbot.addWidget(page)
        assert page.tabs.tabText(0) == "备份" and page.backups_tab.model.rowCount() == 1
        assert page.backups_tab.restore_button.isEnabled() is False  # nothing selected yet
        page.backups_tab.view.selectRow(0)
        assert page.backups_tab.restore_button.isEnabled()
        dictionaries = page.tabs.widget([page.tabs.tabText(i) for i in range(page.tabs.count())]
                                        .index("数据字典"))
        assert "已损坏" in dictionaries.text()
    finally:
        ws.close()


def _overwrite_pages_at(path: Path, pages: list[int]) -> None:
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * 4096: page * 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))
