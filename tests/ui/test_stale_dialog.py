"""A form saved after someone else changed the record: refused, the dialog says what changed
(field, value when opened → value now, by whom) and keeps everything the clerk typed."""
from __future__ import annotations

from dataclasses import replace

from app.services import people as svc
from tests.conftest import _actor
from ui.dialogs.person_dialog import PersonDialog


def test_a_stale_save_shows_what_changed_and_keeps_the_clerks_values(qtbot, workspace, workspace_location,
                                                                    editor, bureau):
    with workspace.reading() as s:
        opened = svc.get_person(s, bureau.li_si)
    dialog = PersonDialog(workspace, editor, opened)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes_edit.setPlainText("本人补充的备注")
    dialog.rank_edit.setText("四级主任科员")

    other = workspace if workspace.is_sqlite else workspace_location.open()  # another PC's clerk
    try:
        with workspace.reading() as s:
            current = svc.get_person(s, bureau.li_si)
        with other.writing() as s:
            svc.save_person(s, _actor(other, "admin"), svc.PersonDraft(
                name=current.name, unit_id=current.unit_id, position="副科长", key_post=current.key_post, id=current.id,
                version=current.version))
    finally:
        if other is not workspace:
            other.close()

    assert not dialog.save()
    shown = dialog.error_text()
    assert "已被他人修改（管理员甲）" in shown and "职务：" in shown and "→ 副科长" in shown
    assert dialog.isVisible()
    assert (dialog.notes_edit.toPlainText(), dialog.rank_edit.text()) == ("本人补充的备注", "四级主任科员")
    with workspace.reading() as s:
        now = svc.get_person(s, bureau.li_si)
    assert (now.position, now.notes, now.rank) == ("副科长", opened.notes, opened.rank)
