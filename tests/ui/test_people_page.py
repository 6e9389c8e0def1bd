from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from ui.dialogs.person_dialog import PersonDialog
from ui.pages.people_page import PeoplePage


def _names(page: PeoplePage) -> list[str]:
    model = page.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.fixture
def page(qtbot, workspace, admin, bureau):  # noqa: ANN001
    widget = PeoplePage(workspace, admin)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.model.has_loaded and not widget.model.is_loading, timeout=5000)
    return widget


def _reloaded(qtbot, page):  # noqa: ANN001
    return qtbot.waitSignal(page.ready, timeout=5000)


def test_page_lists_people_and_counts(page):
    assert sorted(_names(page)) == sorted(["张三", "李四", "王五", "张伟"])
    assert page.count_label.text() == "共 4 人"


def test_clicking_a_unit_filters_to_it_and_its_sub_units(qtbot, page, bureau):
    tree = page.unit_tree
    with _reloaded(qtbot, page):
        item = tree.item_of(bureau.museum)
        rect = tree.visualItemRect(item)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sorted(_names(page)) == sorted(["张伟", "王五"])  # 王五 sits in the museum's 保卫部
    with _reloaded(qtbot, page):
        tree.setCurrentItem(tree.item_of(bureau.finance))
    assert _names(page) == ["张三"]


def test_search_by_pinyin_initials_filters(qtbot, page):
    with _reloaded(qtbot, page):
        page.search_box.setText("zs")
    assert _names(page) == ["张三"]
    with _reloaded(qtbot, page):
        qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert len(_names(page)) == 4


def test_leaders_only_filter(qtbot, page):
    with _reloaded(qtbot, page):
        page.leaders_check.setChecked(True)
    assert sorted(_names(page)) == sorted(["张三", "张伟"])


def test_person_dialog_adds_a_person_who_appears_in_the_table(qtbot, page, workspace, admin, bureau):
    page.unit_tree.setCurrentItem(page.unit_tree.item_of(bureau.office))
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=5000)
    dialog = PersonDialog(workspace, admin, unit_id=bureau.office, parent=page)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("赵六")
    dialog.position_edit.setText("副主任")
    dialog.leader_check.setChecked(True)
    assert dialog.save()
    with _reloaded(qtbot, page):
        page.after_change(dialog.saved_id)
    assert "赵六" in _names(page)
    assert page.selected_row().name == "赵六"
    assert page.selected_row().unit_name == "办公室"


def test_failed_save_shows_message_next_to_field_and_keeps_values(qtbot, workspace, admin, bureau):
    dialog = PersonDialog(workspace, admin, unit_id=bureau.finance)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.position_edit.setText("科员")
    dialog.staff_no_edit.setText("")
    dialog.notes_edit.setPlainText("新调入")
    assert not dialog.save()
    assert "姓名不能为空" in dialog.error_text("name")
    assert dialog.isVisible()

    dialog.name_edit.setText("张三")  # already in 财务科, no staff number: a homonym clash
    assert not dialog.save()
    assert "同名" in dialog.error_text("name")
    assert dialog.error_text("unit_id") == ""
    assert dialog.isVisible()
    assert (dialog.name_edit.text(), dialog.position_edit.text(), dialog.notes_edit.toPlainText(),
            dialog.unit_combo.current_data()) == ("张三", "科员", "新调入", bureau.finance)
    with workspace.reading() as s:
        assert len(people_query.find_people(s, "张三")) == 1


def test_homonym_hint_names_the_other_people_and_their_units(qtbot, workspace, admin, bureau):
    dialog = PersonDialog(workspace, admin, unit_id=bureau.office)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("张伟")
    dialog.update_homonyms()
    assert "张伟（市博物馆·馆长）" in dialog.homonym_label.text()


def test_viewer_sees_new_disabled(qtbot, workspace, viewer, bureau):
    page = PeoplePage(workspace, viewer)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.has_loaded, timeout=5000)
    assert not page.actions_by_key["new"].isEnabled()
    assert not page.actions_by_key["import"].isEnabled()
    assert page.actions_by_key["export"].isEnabled()
    page.view.selectRow(0)
    assert page.actions_by_key["edit"].text() == "查看"
    assert not page.actions_by_key["delete"].isEnabled()
    assert not page.unit_actions["new"].isEnabled()


def test_delete_of_a_referenced_person_is_refused_with_the_reason(qtbot, page, workspace, admin,
                                                                   bureau, shown_messages):
    with workspace.writing() as s:
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            person_id=bureau.li_si, changed_on=workspace.today(), to_unit_id=bureau.finance,
            to_position="副科长"), workspace.today())
    row = next(r for r in page.model.loaded_rows() if r.id == bureau.li_si)
    page.delete_record(row)
    assert any("不能删除" in text for text in shown_messages.texts("warn"))
    with workspace.reading() as s:
        assert people_query.get_person(s, bureau.li_si).position == "副科长"


def test_deactivate_hides_the_person_unless_inactive_are_shown(qtbot, page, bureau):
    row = next(r for r in page.model.loaded_rows() if r.id == bureau.wang_wu)
    with _reloaded(qtbot, page):
        page.set_record_active(row, False)
    assert "王五" not in _names(page)
    with _reloaded(qtbot, page):
        page.inactive_check.setChecked(True)
    assert "王五" in _names(page)
    number = page.model.row_of_id(bureau.wang_wu)
    assert page.model.index(number, 8).data() == "已停用"


def test_keyboard_ctrl_n_enter_ctrl_f(qtbot, page, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(page, "new_record", lambda: calls.append("new"))
    monkeypatch.setattr(page, "edit_record", lambda row: calls.append(f"edit {row.name}"))
    with qtbot.waitActive(page):
        page.activateWindow()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["new", f"edit {page.model.row_at(0).name}"]
    assert page.search_box.hasFocus()


def test_position_change_moves_the_person_and_keeps_history(qtbot, workspace, admin, bureau):
    from ui.dialogs.position_change_dialog import PositionChangeDialog

    with workspace.reading() as s:
        li_si = people_query.get_person(s, bureau.li_si)
    dialog = PositionChangeDialog(workspace, admin, li_si)
    qtbot.addWidget(dialog)
    assert dialog.date_edit.date().toPython() == workspace.today()
    assert not dialog.save()  # nothing changed yet
    assert "没有变动" in dialog.error_text("to_position")
    dialog.unit_combo.set_current_data(bureau.finance)
    dialog.position_edit.setText("副科长")
    dialog.promotion_check.setChecked(True)
    assert dialog.save()
    person = PersonDialog(workspace, admin, _fresh(workspace, bureau.li_si))
    qtbot.addWidget(person)
    assert person.unit_combo.current_data() == bureau.finance
    assert person.history_model.rowCount() == 1
    assert person.history_model.index(0, 4).data() == "副科长"


def _fresh(workspace, person_id):  # noqa: ANN001
    with workspace.reading() as s:
        return people_query.get_person(s, person_id)
