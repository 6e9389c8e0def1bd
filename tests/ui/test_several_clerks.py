"""Several clerks on one workspace (on a server: several PCs). A form saved after someone else
changed the record is refused: the dialog says what changed (field, value when opened → value
now, by whom) and keeps everything the clerk typed. A list shows others' records on refresh.
The window says which server it works on, and that the server is backed up with pg_dump."""
from __future__ import annotations

import pytest

from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from tests.conftest import _actor
from ui.dialogs.person_dialog import PersonDialog
from ui.main_window import MainWindow
from ui.pages.people_page import PeoplePage


@pytest.fixture
def other_pc(workspace, workspace_location):  # noqa: ANN001, ANN201
    """Another clerk: a second PC on a server (its own connections); on SQLite the same process."""
    if workspace.is_sqlite:
        yield workspace
        return
    other = workspace_location.open()
    yield other
    other.close()


def test_a_stale_save_shows_what_changed_and_keeps_the_clerks_values(qtbot, workspace, other_pc, editor, bureau):
    with workspace.reading() as s:
        opened = people_query.get_person(s, bureau.li_si)
    dialog = PersonDialog(workspace, editor, opened)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes_edit.setPlainText("本人补充的备注")
    dialog.rank_edit.setText("四级主任科员")

    with other_pc.reading() as s:  # another clerk changes the position meanwhile
        current = people_query.get_person(s, bureau.li_si)
    with other_pc.writing() as s:
        people_write.save_person(s, _actor(other_pc, "admin"), people_types.PersonDraft(
            name=current.name, unit_id=current.unit_id, position="副科长", key_post=current.key_post,
            id=current.id, version=current.version))

    assert not dialog.save()
    shown = dialog.error_text()
    assert "已被他人修改（管理员甲）" in shown and "职务：" in shown and "→ 副科长" in shown
    assert dialog.isVisible()
    assert (dialog.notes_edit.toPlainText(), dialog.rank_edit.text()) == ("本人补充的备注", "四级主任科员")
    with workspace.reading() as s:
        now = people_query.get_person(s, bureau.li_si)
    assert (now.position, now.notes, now.rank) == ("副科长", opened.notes, opened.rank)


def test_a_list_shows_other_clerks_records_on_refresh(qtbot, workspace, other_pc, admin, bureau):
    page = PeoplePage(workspace, admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.has_loaded and not page.model.is_loading, timeout=5000)
    assert page.count_label.text() == "共 4 人"
    with other_pc.writing() as s:
        people_write.save_person(s, _actor(other_pc, "editor"), people_types.PersonDraft(name="赵六", unit_id=bureau.office))
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.refresh()
    assert page.count_label.text() == "共 5 人"
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert "赵六" in names


def test_the_window_names_the_server_and_its_backups_are_pg_dumps(qtbot, workspace, admin):
    if workspace.is_sqlite:
        pytest.skip("a server workspace's window")
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    label = window.workspace_label.text()
    assert label.startswith("工作区：服务器数据库 qf_test_") and "postgresql" not in label
    window.show_page("admin")
    tab = window.current_page().backups_tab
    assert "pg_dump" in tab.note.text() and "python -m app copy" in tab.note.text()
    assert not any(b.isEnabled() for b in (tab.backup_button, tab.out_button, tab.restore_button,
                                           tab.restore_file_button, tab.password_button))
