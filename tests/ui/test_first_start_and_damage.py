"""First start (the window creates the workspace with its administrator, or restores a backup
into the empty folder) and a damaged workspace (opened read-only, its newest good backup
offered and restored by an administrator)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.workspace.backups import create_backup
from app.workspace.facade import DB_FILENAME, Workspace
from tests.conftest import PASSWORD, TODAY
from tests.helpers import dump_tables
from ui.app import _open_or_create
from ui.dialogs.first_run import FirstRunDialog
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


def test_a_damaged_workspace_offers_its_newest_good_backup(qtbot, workspace, admin, bureau,
                                                           workspace_dir, shown_messages):
    older = create_backup(workspace, admin)
    newest = create_backup(workspace, admin)
    expected = dump_tables(older.path)
    _overwrite_pages(newest.path)  # the newest backup is damaged too: the older one is offered
    workspace.close()
    _overwrite_pages(workspace_dir / DB_FILENAME)
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    try:
        assert ws.damaged and ws.read_only and ws.holds_lock
        shown_messages.answers = [True]
        _sign_in_as("admin", PASSWORD)
        assert offer_restore_of_damaged(ws)
        assert not ws.damaged and not ws.read_only and ws.actor is None  # sign in afresh
        offer = shown_messages.texts("ask")[0]
        assert "数据文件已损坏" in offer and older.created_at.replace("T", " ") in offer
        assert dump_tables(workspace_dir / DB_FILENAME) == expected  # the bureau is back
        assert list(workspace_dir.glob("backups/pre-restore-damaged-*.sqlite3"))
    finally:
        ws.close()


def test_a_damaged_workspace_without_a_good_backup_is_left_as_it_is(qtbot, workspace_dir,
                                                                    shown_messages):
    _overwrite_pages(workspace_dir / DB_FILENAME)
    before = (workspace_dir / DB_FILENAME).read_bytes()
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    try:
        assert not offer_restore_of_damaged(ws)
    finally:
        ws.close()
    assert "没有可用的完好备份" in shown_messages.texts("warn")[0]
    assert (workspace_dir / DB_FILENAME).read_bytes() == before


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
