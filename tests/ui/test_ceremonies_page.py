"""The 婚丧喜庆报备 page and form as a clerk uses them: late reports in red with the figures under the
table, the rule worked out live in the form, the 提醒谈话 recorded from a report and opened."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.types import CeremonyDraft
from app.registers.talks.types import ParticipantDraft
from tests.conftest import TODAY
from tests.ui.pages import shown
from ui.dialogs.ceremony_dialog import CeremonyDialog
from ui.dialogs.ceremony_talk import CeremonyTalkDialog
from ui.pages.ceremonies_page import COLUMNS, CeremoniesPage

D = dt.date


@pytest.fixture
def reports(workspace, admin, bureau) -> dict[str, int]:
    with workspace.writing() as s:
        def save(**kw) -> int:
            values = dict(person_id=bureau.zhang_san, kind="wedding", event_date=D(2026, 7, 18),
                          reported_on=D(2026, 6, 15), place="锦江饭店", tables=12, guests=120)
            values.update(kw)
            return ceremonies_write.save_report(s, admin, CeremonyDraft(**values), TODAY)

        return {"on_time": save(), "late": save(person_id=bureau.li_si, kind="other", event_date=D(2026, 6, 24),
                                                reported_on=D(2026, 6, 15), public_car=True),
                "funeral": save(person_id=bureau.wang_wu, kind="funeral", event_date=D(2026, 5, 8),
                                reported_on=D(2026, 5, 12), tables=0, guests=None)}


@pytest.fixture
def page(qtbot, workspace, admin, reports):  # noqa: ANN001
    return shown(qtbot, CeremoniesPage(workspace, admin))


def _column(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def test_page_shows_late_reports_in_red_and_the_figures(qtbot, qtmodeltester, page):
    qtmodeltester.check(page.model)
    rows = [page.model.row_at(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert [r.kind_label for r in rows] == ["婚嫁", "其他喜庆", "丧葬"]  # the newest event first
    timing = page.model.index(1, _column("timing_text"))
    assert timing.data() == "迟报 1 个工作日"
    assert timing.data(Qt.ItemDataRole.ForegroundRole) == QColor("#c0392b")
    assert page.model.index(0, _column("timing_text")).data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.model.index(1, _column("concerns_text")).data() == "使用公车"
    assert page.model.index(2, _column("scale_text")).data() == "不设宴席"
    assert page.count_label.text() == "共 3 条 · 迟报 1 条 · 需关注 1 条 · 已提醒谈话 0 条"
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.late_check.setChecked(True)
    assert page.model.rowCount() == 1 and page.count_label.text().startswith("共 1 条 · 迟报 1 条")


def test_a_report_entered_in_the_form_shows_the_rule_live_and_is_listed(qtbot, page, bureau):
    dialog = page.make_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    # Nothing chosen: the message stands by the field and the form stays open.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_text("person_id") == "请从人员名册中选择报备人。"
    dialog.person_picker.setText("zw")
    dialog.person_picker.search_now()
    dialog.person_picker.pick(0)
    assert dialog.person_picker.person_id() == bureau.zhang_wei_museum
    dialog.kind_combo.set_code("wedding")
    dialog.place_edit.setText("丽景酒店")
    dialog.tables_box.setValue(10)
    dialog.event_edit.set_value(D(2026, 6, 24))  # the 端午 放假 (06-19 – 06-21) in between
    dialog.reported_edit.set_value(D(2026, 6, 15))
    assert "迟报 1 个工作日" in dialog.timing_label.text() and "应于 2026-06-12 前报备" in dialog.timing_label.text()
    assert "#c0392b" in dialog.timing_label.styleSheet()
    dialog.event_edit.set_value(D(2026, 7, 4))
    assert dialog.timing_label.text().endswith("提前 14 个工作日") and "#1e7b34" in dialog.timing_label.styleSheet()
    assert not dialog.concern_note.isVisibleTo(dialog)
    dialog.gifts_check.setChecked(True)
    assert dialog.concern_note.isVisibleTo(dialog)
    with qtbot.waitSignal(page.ready, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    row = page.selected_row()
    assert (row.person_display, row.scale_text, row.concerns_text, row.guests) == (
        "张伟（市博物馆·馆长）", "10 桌", "收受下属及管理服务对象礼金", None)


def test_reminder_talk_recorded_from_a_report_is_linked_and_opened(qtbot, page, workspace, admin, bureau, reports):
    with workspace.reading() as s:
        report = ceremonies_query.get_report(s, reports["late"])
    talk_dialog = CeremonyTalkDialog(workspace, admin, report)
    qtbot.addWidget(talk_dialog)
    assert talk_dialog.talkees.texts() == ["李四（办公室·科员）"]
    assert talk_dialog.kind_combo.code() == "reminder" and talk_dialog.reason_combo.code() == "ceremony"
    assert "不得使用公车" in talk_dialog.content_edit.toPlainText()
    assert talk_dialog.save_new_button.isHidden()
    talk_dialog.talkers.add(ParticipantDraft(person_id=bureau.zhang_san, name="张三"))
    assert talk_dialog.save()
    with workspace.reading() as s:
        linked = ceremonies_query.get_report(s, reports["late"])
    assert linked.talk_id == talk_dialog.saved_id and linked.talk_label.endswith("提醒谈话（谈话人：张三）")
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.apply_navigation({"report_id": reports["late"]})
    assert page.selected_row().id == reports["late"] and page.talk_action.isEnabled()
    with qtbot.waitSignal(page.navigate_requested) as opened:
        page.talk_action.trigger()
    assert opened.args == ["talks", {"talk_id": linked.talk_id}]
    # The form lists it among the reporter's talks, selected.
    dialog = CeremonyDialog(workspace, admin, linked)
    qtbot.addWidget(dialog)
    assert dialog.talk_combo.currentData() == linked.talk_id


def test_viewer_reads_but_cannot_change(qtbot, workspace, viewer, reports):
    page = CeremoniesPage(workspace, viewer)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.is_ready, timeout=5000)
    page.view.selectRow(0)
    assert not page.actions_by_key["new"].isEnabled() and not page.actions_by_key["delete"].isEnabled()
    assert not page.talk_action.isEnabled()  # no talk linked, and a 查阅 user records none
    dialog = page.make_dialog(page.selected_row())
    qtbot.addWidget(dialog)
    assert dialog.save_button is None and not dialog.talk_button.isEnabled()
