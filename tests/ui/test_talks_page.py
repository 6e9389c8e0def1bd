"""The 谈话记录 page and form as a clerk uses them: keyboard entry, 保存并新建, drafts, validation."""
from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt

from app import drafts
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import write as svc
from tests.ui.pages import shown
from ui.dialogs.talk_dialog import TalkDialog
from ui.pages.talks_page import COLUMNS, TalksPage


@pytest.fixture
def page(qtbot, workspace, admin, bureau):  # noqa: ANN001
    return shown(qtbot, TalksPage(workspace, admin))


def _pick(qtbot, picker, typed: str) -> None:  # noqa: ANN001
    """Types into a person picker as a clerk does and presses Enter (ASCII by keystrokes,
    Chinese through setText: keyClicks with Chinese aborts the run)."""
    picker.edit.setFocus()
    with qtbot.waitSignal(picker.suggestions_ready, timeout=5000):
        if typed.isascii():
            qtbot.keyClicks(picker.edit, typed)
        else:
            picker.edit.setText(typed)
            picker.edit.textEdited.emit(typed)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)


def _fill(qtbot, dialog: TalkDialog) -> None:  # noqa: ANN001
    dialog.kind_combo.set_code("reminder")
    dialog.place_edit.setText("局机关纪委办公室")
    dialog.reason_combo.set_code("tendency")
    dialog.time_edit.setText("14:30")
    _pick(qtbot, dialog.talkers, "zw")        # 张伟, by pinyin initials
    _pick(qtbot, dialog.talkees, "张三")
    _pick(qtbot, dialog.recorders, "ls")
    dialog.content_edit.setPlainText("一、谈话事由：公务接待报销手续不全。")
    dialog.response_edit.setPlainText("本人表示立即改正。")


def _dialog(qtbot, page, **kw) -> TalkDialog:  # noqa: ANN001
    dialog = page.make_dialog(**kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_talk_entered_in_the_dialog_appears_in_the_list_and_the_timeline(qtbot, page, bureau):
    dialog = _dialog(qtbot, page)
    _fill(qtbot, dialog)
    assert dialog.talkers.texts() == ["张伟（市博物馆·馆长）"]
    assert dialog.talkees.texts() == ["张三（财务科·科长）"]
    assert dialog.recorders.texts() == ["李四（办公室·科员）"]
    with qtbot.waitSignal(page.ready, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    row = page.selected_row()
    assert (row.kind_label, row.when, row.talkee_text, row.talker_names) == (
        "提醒谈话", "2026-06-15 14:30", "张三（财务科·科长）", "张伟")
    assert page.model.index(0, 2).data() == "张三（财务科·科长）"
    qtbot.waitUntil(lambda: not page.timeline.is_loading and bool(page.timeline.items()), timeout=5000)
    assert page.timeline_title.text() == "时间线：张三"
    assert [(i.kind, i.record_id) for i in page.timeline.items()] == [("提醒谈话", row.id)]


def test_save_and_new_keeps_all_but_the_talkee_and_what_was_said(qtbot, page, workspace, admin):
    dialog = _dialog(qtbot, page)
    _fill(qtbot, dialog)
    dialog.date_edit.setDate(QDate(2026, 6, 10))
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.content_edit.setFocus()
    with qtbot.waitSignal(dialog.saved, timeout=5000):  # Ctrl+Enter, even inside the content
        qtbot.keyClick(dialog.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.talk is None
    assert dialog.kind_combo.currentText() == "提醒谈话"
    assert dialog.date_edit.date() == QDate(2026, 6, 10) and dialog.time_edit.text() == "14:30"
    assert dialog.place_edit.text() == "局机关纪委办公室"
    assert dialog.reason_combo.currentText() == "苗头性倾向性问题"
    assert dialog.talkers.texts() == ["张伟（市博物馆·馆长）"]
    assert dialog.recorders.texts() == ["李四（办公室·科员）"]
    assert dialog.talkees.texts() == [] and dialog.response_edit.toPlainText() == ""
    assert dialog.content_edit.toPlainText() == ""
    assert dialog.content_edit.placeholderText().count("一、谈话事由（反映或发现") == 1  # the outline, as a hint
    assert dialog.talkees.edit.hasFocus()  # the series goes on with the next talkee
    assert "请录入下一条" in dialog.status.text()
    _pick(qtbot, dialog.talkees, "ww")
    dialog.content_edit.setPlainText("第二条")
    with qtbot.waitSignal(dialog.saved, timeout=5000):  # Ctrl+S
        qtbot.keyClick(dialog.content_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    with workspace.reading() as s:
        rows = sorted(svc.talk_rows(s, svc.search_talk_ids(s, admin, svc.TalkFilter())), key=lambda r: r.id)
        assert drafts.drafts_of(s, admin) == []  # each save ended its own draft
    assert [(r.talkee_text, r.talk_date, r.talker_names, r.recorder_names) for r in rows] == [
        ("张三（财务科·科长）", dt.date(2026, 6, 10), "张伟", "李四"),
        ("王五（博物馆保卫部·保卫干事）", dt.date(2026, 6, 10), "张伟", "李四")]


def test_a_new_talk_starts_from_the_clerks_last_one(qtbot, page, workspace, admin):
    dialog = _dialog(qtbot, page)
    _fill(qtbot, dialog)
    assert dialog.save()
    again = _dialog(qtbot, page)
    assert (again.kind_combo.code(), again.reason_combo.code(), again.place_edit.text()) == (
        "reminder", "tendency", "局机关纪委办公室")
    assert again.talkers.texts() == ["张伟（市博物馆·馆长）"] and again.recorders.texts() == ["李四（办公室·科员）"]
    assert again.talkees.texts() == [] and again.content_edit.toPlainText() == ""
    assert not again.is_dirty()  # defaults are no draft


def test_a_draft_survives_the_dialog_destroyed_unsaved_and_is_offered_back(
        qtbot, page, workspace, admin, shown_messages):
    dialog = TalkDialog(workspace, admin, parent=page)
    dialog.show()
    _fill(qtbot, dialog)
    dialog.talkees.edit.setText("赵某（某公司")  # typing, not yet confirmed
    assert dialog.autosave()
    shiboken6.delete(dialog)  # a crash: no close, no question, nothing but the database
    page.check_drafts()
    assert page.draft_bar.isVisibleTo(page) and "谈话记录" in page.draft_bar.label.text()
    shown_messages.answers.append(True)  # 恢复草稿
    again = _dialog(qtbot, page)
    assert any("未保存的谈话记录草稿（被谈话人：张三）" in t for t in shown_messages.texts("ask"))
    assert again.kind_combo.currentText() == "提醒谈话"
    assert again.talkers.texts() == ["张伟（市博物馆·馆长）"]
    assert again.talkees.texts() == ["张三（财务科·科长）"]
    assert again.talkees.edit.text() == "赵某（某公司"
    assert again.content_edit.toPlainText() == "一、谈话事由：公务接待报销手续不全。"
    assert again.time_edit.text() == "14:30"
    again.talkees.edit.clear()
    assert again.save()
    with workspace.reading() as s:
        assert drafts.drafts_of(s, admin, "TalkDialog:") == []  # ended by the save


def test_closing_keeps_a_draft_declining_keeps_it_and_the_page_restores_it(qtbot, page, workspace, admin,
                                                                           shown_messages):
    dialog = _dialog(qtbot, page)
    dialog.content_edit.setPlainText("只写了一半")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no question: what was typed is a draft
    assert not dialog.isVisible() and shown_messages.texts("ask") == []
    with workspace.reading() as s:
        [kept] = drafts.drafts_of(s, admin, "TalkDialog:new:")
    assert kept.fields["content_edit"] == "只写了一半"
    shown_messages.answers.append(False)  # 暂不恢复: the draft stays, not offered again
    again = _dialog(qtbot, page)
    assert again.content_edit.toPlainText() == ""
    again.reject()
    third = _dialog(qtbot, page)
    assert len(shown_messages.texts("ask")) == 1 and third.content_edit.toPlainText() == ""
    third.reject()
    with workspace.reading() as s:
        [still] = drafts.drafts_of(s, admin, "TalkDialog:")
    assert still.declined and still.fields["content_edit"] == "只写了一半"
    page.check_drafts()
    assert page.draft_bar.isVisibleTo(page)
    opened: list[TalkDialog] = []
    page.new_record = lambda: opened.append(page.make_dialog())  # the form, without its modal loop
    page.draft_bar.restore_button.click()  # by keyboard: Tab to it, Space
    assert opened[0].content_edit.toPlainText() == "只写了一半"
    assert len(shown_messages.texts("ask")) == 1  # restored on request, no question
    qtbot.addWidget(opened[0])


def test_invalid_input_is_shown_by_the_field_and_keeps_everything_typed(qtbot, page, workspace, admin):
    dialog = _dialog(qtbot, page)
    _fill(qtbot, dialog)
    dialog.talkees.set_participants([])
    typed = dialog.form_state()
    assert not dialog.save()
    assert "被谈话人" in dialog.error_text("talkees")
    assert dialog.form_state() == typed and dialog.isVisible()
    _pick(qtbot, dialog.talkees, "张三")
    dialog.date_edit.setDate(QDate(2026, 6, 16))  # tomorrow: the field stops at today
    assert dialog.date_edit.date() == QDate(2026, 6, 15)
    dialog.content_edit.setPlainText("  ")
    assert not dialog.save()
    assert "谈话内容不能为空" in dialog.error_text("content") and dialog.error_text("talkees") == ""
    assert dialog.talkees.texts() == ["张三（财务科·科长）"] and dialog.place_edit.text() == "局机关纪委办公室"
    dialog.time_edit.setText("下午")
    dialog.content_edit.setPlainText("内容")
    assert not dialog.save()
    assert "14:30" in dialog.error_text("start_time")
    with workspace.reading() as s:
        assert svc.search_talk_ids(s, admin, svc.TalkFilter()) == []


def test_homonyms_wait_for_a_choice_and_outsiders_are_typed_free(qtbot, page, workspace, admin, bureau):
    with workspace.writing() as s:
        people_write.save_person(s, admin, people_types.PersonDraft(name="张伟", unit_id=bureau.office, position="科员"))
    dialog = _dialog(qtbot, page)
    _pick(qtbot, dialog.talkees, "张伟")
    assert dialog.talkees.texts() == []
    assert "有 2 人同名" in dialog.error_text("talkees")
    shown = [dialog.talkees.model.item(i).text() for i in range(dialog.talkees.model.rowCount())]
    assert sorted(shown) == ["张伟（办公室·科员）", "张伟（市博物馆·馆长）"]
    index = dialog.talkees.model.index(shown.index("张伟（办公室·科员）"), 0)
    dialog.talkees.completer.activated[type(index)].emit(index)  # the clerk picks one
    assert dialog.talkees.texts() == ["张伟（办公室·科员）"]
    _pick(qtbot, dialog.talkees, "赵某（某建筑公司·项目经理）")
    assert dialog.talkees.texts() == ["张伟（办公室·科员）", "赵某（某建筑公司·项目经理）"]
    qtbot.keyClick(dialog.talkees.edit, Qt.Key.Key_Backspace)  # the empty box: removes the last
    assert dialog.talkees.texts() == ["张伟（办公室·科员）"]


def test_the_types_outline_is_a_hint_and_never_counts_as_content(qtbot, page, workspace, admin):
    dialog = _dialog(qtbot, page)
    dialog.kind_combo.set_code("pre_appointment")
    assert "五、签订廉政承诺书情况" in dialog.content_edit.placeholderText()
    assert dialog.content_edit.toPlainText() == ""
    before = dialog.form_state()
    dialog.insert_outline()  # Ctrl+T: as text, to fill in
    assert dialog.content_edit.toPlainText().startswith("一、通报任职情况")
    assert dialog.form_state() == before  # an untouched outline is nothing typed
    dialog.kind_combo.set_code("heart")  # an untouched outline follows the type
    assert dialog.content_edit.toPlainText().startswith("一、近期思想")
    _pick(qtbot, dialog.talkers, "zw")
    _pick(qtbot, dialog.talkees, "张三")
    assert not dialog.save()
    assert "只有提纲" in dialog.error_text("content")
    dialog.content_edit.setPlainText("已经写好的内容")
    dialog.kind_combo.set_code("admonish")  # typed text is never replaced
    assert dialog.content_edit.toPlainText() == "已经写好的内容"


def _talk(ws, actor, bureau, **kw) -> int:  # noqa: ANN001
    values = dict(kind="heart", talk_date=dt.date(2026, 5, 6), content="谈心",
                  talkees=(svc.ParticipantDraft(person_id=bureau.zhang_san),),
                  talkers=(svc.ParticipantDraft(person_id=bureau.zhang_wei_museum),))
    values.update(kw)
    with ws.writing() as s:
        return svc.save_talk(s, actor, svc.TalkDraft(**values))


def test_filters_and_navigation(qtbot, workspace, admin, bureau):
    a = _talk(workspace, admin, bureau)
    b = _talk(workspace, admin, bureau, kind="reminder", content="提醒：公车私用苗头",
              talkees=(svc.ParticipantDraft(person_id=bureau.wang_wu),))
    widget = TalksPage(workspace, admin)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.is_ready, timeout=5000)
    assert widget.count_label.text() == "共 2 次谈话"
    with qtbot.waitSignal(widget.ready, timeout=5000):
        widget.search_box.setText("公车")
    assert [r.id for r in widget.model.loaded_rows()] == [b]
    with qtbot.waitSignal(widget.ready, timeout=5000):
        widget.apply_navigation({"unit_id": bureau.museum})  # 王五 sits in the museum's 保卫部
    assert widget.search_box.text() == "" and [r.id for r in widget.model.loaded_rows()] == [b]
    with qtbot.waitSignal(widget.ready, timeout=5000):
        widget.apply_navigation({"kind": "heart", "start": dt.date(2026, 5, 1), "end": dt.date(2026, 5, 31)})
    assert [r.id for r in widget.model.loaded_rows()] == [a]
    with qtbot.waitSignal(widget.ready, timeout=5000):
        widget.apply_navigation({"person_id": bureau.zhang_san})
    assert widget.person_filter.texts() == ["张三（财务科·科长）"]
    assert [r.id for r in widget.model.loaded_rows()] == [a]
    with qtbot.waitSignal(widget.ready, timeout=5000):
        widget.apply_navigation({"talk_id": b})
    assert widget.selected_row().id == b and widget.count_label.text() == "共 2 次谈话"


def test_table_model_passes_the_model_tester(qtbot, qtmodeltester, workspace, admin, bureau):
    from ui.models.register_model import RegisterTableModel

    for day in range(1, 6):
        _talk(workspace, admin, bureau, talk_date=dt.date(2026, 5, day))
    model = RegisterTableModel(workspace, COLUMNS, svc.talk_rows, page_size=2)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(lambda s, key, desc: svc.search_talk_ids(s, admin, svc.TalkFilter(), key, desc))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5


def test_people_page_person_dialog_shows_the_timeline(qtbot, qtmodeltester, workspace, admin, bureau):
    from ui.dialogs.person_dialog import PersonDialog

    talk_id = _talk(workspace, admin, bureau)
    with workspace.reading() as s:
        person = people_query.get_person(s, bureau.zhang_san)
    dialog = PersonDialog(workspace, admin, person)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.timeline.is_loading, timeout=5000)
    assert dialog.tabs.tabText(1) == "时间线"
    assert [(i.day, i.kind) for i in dialog.timeline.items()] == [(dt.date(2026, 5, 6), "谈心谈话")]
    qtmodeltester.check(dialog.timeline.model, force_py=True)
    with qtbot.waitSignal(dialog.navigate_requested) as signal:
        dialog.timeline.view.doubleClicked.emit(dialog.timeline.model.index(0, 2))
    assert signal.args == ["talks", {"talk_id": talk_id, "person_id": bureau.zhang_san}]


def test_a_talk_links_the_finding_and_risk_point_it_is_about(qtbot, workspace, admin, bureau):
    """The form offers the talkee's findings and the talkee's unit's risk points; a ledger entry
    that names the talk is shown."""
    from app.registers.findings import types as findings_types
    from app.registers.findings import write as findings_write
    from app.registers.ledger import types as ledger_types
    from app.registers.ledger import write as ledger_write
    from app.registers.risks.query import get_risk
    from app.registers.risks.types import RiskDraft
    from app.registers.risks.write import save_risk

    today = dt.date(2026, 6, 15)
    with workspace.writing() as s:
        finding = findings_write.save_finding(s, admin, findings_types.FindingDraft(
            source="inspection", found_on=dt.date(2026, 3, 2), unit_id=bureau.finance,
            description="报销凭证附件不全", resp_person_id=bureau.zhang_san), today)
        point = get_risk(s, save_risk(s, admin, RiskDraft(
            unit_id=bureau.finance, name="报销审核", year=2026, category="process", level=2), today)).point_id
    talk_id = _talk(workspace, admin, bureau, kind="reminder", content="提醒")
    with workspace.writing() as s:
        ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(bureau.zhang_san, "报销把关不严", ("talk_remind",),
                                                 dt.date(2026, 5, 6), talk_ids=(talk_id,)), today)
        row = svc.get_talk(s, talk_id)
    dialog = TalkDialog(workspace, admin, row)
    qtbot.addWidget(dialog)
    findings = [dialog.links.finding_combo.itemData(i) for i in range(dialog.links.finding_combo.count())]
    points = [dialog.links.risk_combo.itemData(i) for i in range(dialog.links.risk_combo.count())]
    assert findings == [0, finding] and points == [0, point]
    assert "报销把关不严" in dialog.links.ledger_label.text() and dialog.links.ledger_label.isVisibleTo(dialog)
    dialog.links.finding_combo.set_current_data(finding)
    dialog.links.risk_combo.set_current_data(point)
    assert dialog.save()
    with workspace.reading() as s:
        saved = svc.get_talk(s, talk_id)
    assert (saved.finding_id, saved.risk_point_id) == (finding, point)


def test_a_file_removed_between_pick_and_save_leaves_no_talk_and_keeps_the_draft(
        qtbot, page, workspace, admin, tmp_path):
    """The form's save is one call of the talks service, which reads the file itself: the file
    gone (no mock: deleted on disk) fails the whole save, the draft included."""
    scan = tmp_path / "谈话记录扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    dialog = _dialog(qtbot, page)
    _fill(qtbot, dialog)
    dialog.attachments.add_files([scan])
    assert dialog.autosave()
    scan.unlink()
    assert not dialog.save()
    assert "谈话记录扫描件.pdf" in dialog.error_text("attachments") and dialog.isVisible()
    with workspace.reading() as s:
        assert svc.search_talk_ids(s, admin, svc.TalkFilter()) == []
        [kept] = drafts.drafts_of(s, admin, "TalkDialog:")
    assert kept.form_key == dialog.draft_key and kept.fields["content_edit"] == dialog.content_edit.toPlainText()


def test_the_offices_phrases_are_inserted_by_keyboard(qtbot, page, workspace, admin):
    """Ctrl+J in 谈话内容: the 常用语 of the talk's type and reason, the most specific first;
    Enter inserts the highlighted one where the cursor is. The office adds its own in 系统管理."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.forms_world import Keys
    from ui.dialogs.phrase_dialog import PhraseDialog
    from ui.pages.admin_phrases import PhrasesTab

    dialog = _dialog(qtbot, page)
    qtbot.wait(100)  # the page's own activation, asked for when it was shown, comes first
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.kind_combo.set_code("reminder")
    dialog.reason_combo.set_code("ceremony")
    dialog.content_edit.setFocus()
    keys = Keys()
    keys.type("你好。")
    keys.press(Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    menu = dialog.phrases.menu
    assert menu is not None and QApplication.activePopupWidget() is menu
    texts = [a.toolTip() for a in menu.actions()]
    assert "婚丧喜庆" in texts[0] and not any("节日期间" in t for t in texts)  # not another reason's
    keys.press(Qt.Key.Key_Return)
    assert dialog.content_edit.toPlainText() == "你好。" + texts[0] and dialog.content_edit.hasFocus()
    dialog.reject()

    tab = PhrasesTab(workspace, admin)  # 系统管理 › 常用语
    qtbot.addWidget(tab)
    added = PhraseDialog(workspace, admin, parent=tab)
    qtbot.addWidget(added)
    added.kind_combo.set_code("reminder")
    added.reason_combo.set_code("ceremony")
    added.text_edit.setPlainText("婚宴不得超过规定桌数。")
    added.order_spin.setValue(1)
    assert added.save()
    tab.reload(added.saved_id)
    assert tab.selected().text == "婚宴不得超过规定桌数。"
    again = TalkDialog(workspace, admin, parent=page)
    qtbot.addWidget(again)
    again.kind_combo.set_code("reminder")
    again.reason_combo.set_code("ceremony")
    menu = again.phrases.pop_up(again.content_edit, "talk_content")
    assert menu.actions()[0].toolTip() == "婚宴不得超过规定桌数。"
    menu.close()


def test_enter_on_the_list_of_earlier_places_moves_on(qtbot, workspace, admin, bureau):
    """Typing a place opens the list of earlier ones: Enter keeps what is typed (nothing
    highlighted) or takes the highlighted one, and either way moves on to 谈话事由."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.forms_world import Keys

    _talk(workspace, admin, bureau, place="局机关纪委办公室")
    dialog = TalkDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.place_edit.completer() is not None, timeout=10_000)
    for typed, down in (("局机关纪委办公室", False), ("纪委", True)):
        dialog.place_edit.clear()
        dialog.place_edit.setFocus(Qt.FocusReason.TabFocusReason)
        keys = Keys()
        keys.type(typed)
        assert dialog.place_edit.completer().popup().isVisible()
        if down:
            keys.press(Qt.Key.Key_Down)
        keys.press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason_combo, timeout=10_000)
        assert dialog.place_edit.text() == "局机关纪委办公室"
