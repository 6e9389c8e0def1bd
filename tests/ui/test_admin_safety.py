"""系统管理 for the administrator: 用户, 操作日志 and 备份, driven as a clerk would."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.workspace.backups import list_backups
from app.workspace.facade import DB_FILENAME
from tests.conftest import PASSWORD
from tests.helpers import execute_sql
from ui.dialogs.sign_in import SignInDialog
from ui.dialogs.user_dialog import ResetPasswordDialog, UserDialog
from ui.main_window import MainWindow
from ui.pages.admin_page import AdminPage

SECRET = "备份口令-2026"


def _page(qtbot, workspace, actor) -> AdminPage:  # noqa: ANN001
    page = AdminPage(workspace, actor)
    qtbot.addWidget(page)
    return page


def _tabs(page: AdminPage) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_only_an_administrator_sees_users_audit_and_backups(qtbot, workspace, admin, editor):
    assert _tabs(_page(qtbot, workspace, admin)) == ["系统设置", "数据字典", "节假日安排", "常用语", "用户", "操作日志", "备份"]
    assert _tabs(_page(qtbot, workspace, editor)) == ["系统设置", "数据字典", "节假日安排", "常用语"]


def test_users_tab_adds_limits_resets_and_deactivates(qtbot, workspace, admin, bureau, shown_messages):
    page = _page(qtbot, workspace, admin)
    tab = page.users_tab
    dialog = UserDialog(workspace, admin, parent=tab)
    qtbot.addWidget(dialog)
    dialog.username_edit.setText("bwg")
    dialog.name_edit.setText("博物馆纪检委员")
    dialog.set_units_checked({bureau.museum})
    dialog.password_edit.setText("museum-pass")
    dialog.again_edit.setText("museum-pasz")
    assert not dialog.save()
    assert "不一致" in dialog.error_text("password_again") and dialog.username_edit.text() == "bwg"
    dialog.again_edit.setText("museum-pass")
    assert dialog.save()
    tab.reload(dialog.saved_id)
    row = tab.selected()
    assert (row.username, row.role_label, row.units_text) == ("bwg", "录入员", "市博物馆")
    assert workspace.sign_in("bwg", "museum-pass").unit_ids == frozenset({bureau.museum})

    reset = ResetPasswordDialog(workspace, admin, row, parent=tab)
    qtbot.addWidget(reset)
    reset.password_edit.setText("new-museum-pass")
    reset.again_edit.setText("new-museum-pass")
    assert reset.save()
    assert workspace.sign_in("bwg", "new-museum-pass")
    tab.reload(row.id)

    shown_messages.answers = [True]
    tab.toggle_user()
    assert tab.selected().active is False and tab.toggle_button.text() == "启用"
    tab.reload(admin.id)
    assert tab.selected().username == "admin" and not tab.toggle_button.isEnabled()  # not yourself


def test_audit_tab_filters_shows_old_and_new_and_checks_the_chain(qtbot, qtmodeltester, workspace,
                                                                  admin, bureau, shown_messages):
    from app.registers.people import query as people_query
    from app.registers.people import types as people_types
    from app.registers.people import write as people_write

    with workspace.writing() as s:
        person = people_query.get_person(s, bureau.li_si)
        people_write.save_person(s, admin, people_types.PersonDraft(name="李四", unit_id=bureau.finance, id=person.id,
                                                  version=person.version, position="副科长"))
    page = _page(qtbot, workspace, admin)
    tab = page.audit_tab
    qtbot.waitUntil(tab.is_ready, timeout=5000)
    qtmodeltester.check(tab.model)
    assert tab.count_label.text().startswith("共 ")
    tab.action_combo.setCurrentIndex(tab.action_combo.findData("update"))
    tab.entity_combo.setCurrentIndex(tab.entity_combo.findData("people"))
    qtbot.waitUntil(lambda: tab.is_ready() and tab.model.total_count() == 1, timeout=5000)
    tab.view.selectRow(0)
    diff = {r.label: (r.old, r.new) for r in tab.diff_model.rows()}
    assert diff == {"单位": ("办公室", "财务科"), "职务": ("科员", "副科长"), "重要岗位": ("人事", "")}
    assert "admin" in tab.detail_label.text() and "修改" in tab.detail_label.text()

    tab.check_chain()
    qtbot.waitUntil(lambda: tab.last_check is not None, timeout=10_000)
    assert tab.check_label.text().startswith("✔") and "操作日志链完整" in tab.check_label.text()
    code = tab.last_check.head.code
    assert f"校验码 {code}" in tab.check_label.text()
    tab.last_check = None
    assert tab.check_code(f" {code.lower()} ")  # a 校验码 copied from paper, checked against the chain
    qtbot.waitUntil(lambda: tab.last_check is not None, timeout=10_000)
    assert tab.check_label.text().startswith("✔") and f"已与校验码 {code.lower()}" in tab.check_label.text()
    assert not tab.check_code("12:ABC") and "格式不对" in shown_messages.texts("warn")[-1]
    execute_sql(workspace, "UPDATE people SET position = '局长' WHERE name = '李四'")  # a record behind our back
    tab.last_check = None
    tab.check_chain()
    qtbot.waitUntil(lambda: tab.last_check is not None, timeout=10_000)
    assert tab.check_label.text().startswith("✘") and "记录封存校验失败" in tab.check_label.text()
    assert "人员 第" in tab.check_label.toolTip() and "职务" in tab.check_label.toolTip()
    execute_sql(workspace, "UPDATE audit_log SET summary = '改过' WHERE id = 3")  # behind our back
    tab.check_chain()
    qtbot.waitUntil(lambda: tab.check_label.text().startswith("✘"), timeout=10_000)
    assert "第 3 条" in tab.check_label.text()


def _answer_sign_in(username: str, password: str) -> None:
    """Fills the sign-in dialog that is about to open (its exec() blocks the test)."""
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.user_edit.setText(username)
        dialog.password_edit.setText(password)
        dialog.try_sign_in()

    QTimer.singleShot(20, fill)


@pytest.mark.sqlite_only("file backups; a server is backed up with pg_dump")
def test_backups_tab_backs_up_and_restores(qtbot, workspace, admin, bureau, tmp_path, shown_messages):
    from app.registers.people import types as people_types
    from app.registers.people import write as people_write
    from tests.helpers import dump_tables

    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show_page("admin")
    page = window.current_page()
    tab = page.backups_tab
    info = tab.backup_now()
    assert info is not None and tab.model.rowCount() == 1
    at_backup = dump_tables(workspace)
    usb = tmp_path / "U盘" / "备份.qfbak"
    assert tab.backup_to(usb, SECRET).kind == "external" and usb.exists()
    with workspace.writing() as s:
        people_write.save_person(s, admin, people_types.PersonDraft(name="赵六", unit_id=bureau.office))

    shown_messages.answers = [True]
    _answer_sign_in("admin", PASSWORD)
    replaced = []
    page.workspace_replaced.connect(replaced.append)
    result = tab.restore_file(usb, SECRET)
    assert replaced == [result] and dump_tables(workspace) == at_backup
    assert "恢复前的数据已另存为备份" in shown_messages.texts("inform")[-1]
    qtbot.waitUntil(lambda: workspace.actor is not None and window.pages != {}, timeout=5000)
    assert window.actor.username == "admin"  # signed in afresh, the pages rebuilt on the restored data
    kinds = sorted(b.kind for b in list_backups(workspace.data_dir))
    assert kinds == ["manual", "pre-restore"]


@pytest.mark.sqlite_only("file backups; a server is backed up with pg_dump")
def test_a_wrong_backup_password_in_the_window_restores_nothing(qtbot, workspace, admin, tmp_path,
                                                                shown_messages):
    page = _page(qtbot, workspace, admin)
    tab = page.backups_tab
    usb = tmp_path / "备份.qfbak"
    tab.backup_to(usb, SECRET)
    before = (workspace.data_dir / DB_FILENAME).read_bytes()
    shown_messages.answers = [True]
    assert tab.restore_file(usb, "not-the-password") is None
    assert any("备份密码不正确" in t for t in shown_messages.texts())
    assert (workspace.data_dir / DB_FILENAME).read_bytes() == before
