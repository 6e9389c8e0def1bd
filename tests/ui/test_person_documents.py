"""From the people page: a person's 廉政档案 (view, period, a record opened, Word), the 党风廉政意见回复
(checked before issuing, issued, listed) and the list of position changes with their 任前廉政谈话."""
from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from app.registers.ceremonies import write as cer
from app.registers.ceremonies.types import CeremonyDraft
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import write as tk
from tests.conftest import TODAY
from ui import messages
from ui.dialogs.dossier_dialog import DossierDialog
from ui.dialogs.opinion_dialog import OpinionDialog
from ui.dialogs.position_changes_dialog import PositionChangesDialog
from ui.pages.people_page import PeoplePage

D = dt.date


@pytest.fixture
def history(workspace, admin, bureau):  # noqa: ANN001, ANN201
    """张三: promoted to the museum, a 任前廉政谈话 after it, a late 报备, a 诫勉 still in its 影响期."""
    P = tk.ParticipantDraft
    with workspace.writing() as s:
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            bureau.zhang_san, D(2025, 4, 1), bureau.museum, "副馆长", is_promotion=True), TODAY)
        tk.save_talk(s, admin, tk.TalkDraft(kind="pre_appointment", talk_date=D(2025, 4, 8), content="任前谈话",
                                            talkees=(P(person_id=bureau.zhang_san),),
                                            talkers=(P(person_id=bureau.zhang_wei_museum),)), TODAY)
        cer.save_report(s, admin, CeremonyDraft(person_id=bureau.zhang_san, kind="wedding", event_date=D(2025, 10, 2),
                                                reported_on=D(2025, 9, 26), place="锦江饭店"), TODAY)
        ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(person_id=bureau.zhang_san, problem="违规接受宴请",
                                                 methods=("admonish",), decided_on=D(2026, 2, 2)), TODAY)
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            bureau.li_si, D(2026, 6, 1), bureau.finance, "副科长", is_promotion=True), TODAY)
    return bureau


def _person(workspace, person_id):  # noqa: ANN001, ANN202
    with workspace.reading() as s:
        return people_query.get_person(s, person_id)


@pytest.fixture
def files_told(monkeypatch) -> list:  # noqa: ANN001
    """The paths a finished export names (its message box would block the offscreen run)."""
    told: list = []
    monkeypatch.setattr(messages, "inform_file", lambda _p, text, path: told.append((text, path)))
    return told


def test_dossier_view_lists_the_records_for_the_period_and_opens_one(qtbot, qtmodeltester, workspace, viewer,
                                                                      history, tmp_path, files_told):
    dialog = DossierDialog(workspace, viewer, _person(workspace, history.zhang_san))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_loading, timeout=5000)
    qtmodeltester.check(dialog.model)
    assert [(i.day, i.section_label, i.kind) for i in dialog.items()] == [
        (D(2025, 4, 1), "职务变动", "提拔"), (D(2025, 4, 8), "谈话", "任前廉政谈话"),
        (D(2025, 10, 2), "婚丧喜庆报备", "婚嫁"), (D(2026, 2, 2), "第一种形态", "诫勉")]
    assert "影响期至 2026-08-02" in dialog.summary_label.text()
    assert dialog.model.index(3, 3).data().endswith("影响期至 2026-08-02（影响期内）")
    # A period: only what falls in it.
    dialog.period.start_edit.setDate(D(2026, 1, 1))
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.period.enabled_check.setChecked(True)
    assert [i.kind for i in dialog.items()] == ["诫勉"]
    dialog.section_combo.setCurrentIndex(dialog.section_combo.findData("talks"))
    assert dialog.items() == [] and dialog.summary_label.text().startswith("2026-01-01 至 2026-06-15")
    # Word, as shown (the period), in the background.
    out = tmp_path / "档案.docx"
    dialog.write_word(out)
    qtbot.waitUntil(lambda: bool(files_told), timeout=5000)
    assert files_told == [("廉政档案已导出到：", out)]
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "期间：2026-01-01 至 2026-06-15" in text
    # A double-click opens the record on its page.
    dialog.section_combo.setCurrentIndex(0)
    with qtbot.waitSignal(dialog.navigate_requested) as opened:
        dialog.view.doubleClicked.emit(dialog.model.index(0, 0))
    assert opened.args[0] == "ledger" and "entry_id" in opened.args[1]


def test_opinion_is_checked_before_it_is_issued_then_listed(qtbot, qtmodeltester, workspace, editor, history, tmp_path,
                                                           files_told):
    dialog = OpinionDialog(workspace, editor, [_person(workspace, history.zhang_san)])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_checking and bool(dialog.facts), timeout=5000)
    qtmodeltester.check(dialog.check_model)
    assert dialog.check_model.index(0, 1).data() == "2026年2月2日给予诫勉，影响期至2026年8月2日。"
    assert dialog.status.text().startswith("核对结果：1 人，其中影响期内 1 人")
    assert dialog.issue_button.isEnabled()
    # A date before the 诫勉: the check changes with it.
    with qtbot.waitSignal(dialog.checked, timeout=5000):
        dialog.date_edit.set_value(D(2026, 1, 30))
    assert not dialog.facts[0].in_impact and "无不同意见" in dialog.check_model.index(0, 5).data()
    out = tmp_path / "回复.docx"
    with qtbot.waitSignal(dialog.listed, timeout=5000):
        dialog.issue(out)
    qtbot.waitUntil(lambda: bool(files_told), timeout=5000)
    assert files_told == [("已出具 1 份党风廉政意见回复，保存在：", out)] and dialog.list_model.rowCount() == 1
    listed = dialog.list_model.row_at(0)
    assert (listed.person_display, listed.purpose_label, listed.as_of) == ("张三（市博物馆·副馆长）", "提拔任用",
                                                                          D(2026, 1, 30))


def test_viewer_may_check_but_not_issue(qtbot, workspace, viewer, history):
    dialog = OpinionDialog(workspace, viewer, [_person(workspace, history.zhang_san)], can_write=False)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_checking and bool(dialog.facts), timeout=5000)
    assert not dialog.issue_button.isEnabled()


def test_position_changes_list_tells_which_wait_for_their_talk(qtbot, qtmodeltester, workspace, admin, history):
    dialog = PositionChangesDialog(workspace, admin)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_loading, timeout=5000)
    assert [r.change.person_name for r in dialog.model.rows()] == ["李四"]  # this year's
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.year_filter.setCurrentIndex(0)  # 全部年度
    qtmodeltester.check(dialog.model)
    assert [(r.change.person_name, r.talk_text) for r in dialog.model.rows()] == [
        ("李四", "应于 2026-07-01 前"), ("张三", "2025-04-08 已谈话")]
    assert dialog.count_label.text() == "共 2 次职务变动 · 待谈话 1 · 逾期未谈话 0"
    dialog.view.selectRow(1)
    assert not dialog.talk_button.isEnabled()  # talked already
    dialog.view.selectRow(0)
    assert dialog.talk_button.isEnabled()
    with qtbot.waitSignal(dialog.navigate_requested) as located:
        dialog.locate_button.click()
    assert located.args == ["people", {"person_id": history.li_si}]


def test_people_page_offers_the_dossier_for_the_selected_person(qtbot, workspace, admin, history):
    page = PeoplePage(workspace, admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert not page.dossier_action.isEnabled() and page.opinion_action.isEnabled()
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.apply_navigation({"person_id": history.zhang_san})
    assert page.selected_row().id == history.zhang_san and page.dossier_action.isEnabled()


def test_pre_appointment_talk_recorded_from_the_list_clears_the_wait(qtbot, monkeypatch, workspace, admin, history):
    from app import reminders as rem
    from app.registers.talks.types import ParticipantDraft
    from ui.dialogs.talk_dialog import TalkDialog

    def clerk_saves(dialog: TalkDialog) -> int:  # the form as it opens, a talker added, 保存
        assert dialog.kind_combo.code() == "pre_appointment" and dialog.talkees.texts() == ["李四（财务科·副科长）"]
        dialog.talkers.add(ParticipantDraft(person_id=history.zhang_wei_museum, name="张伟"))
        return int(dialog.save())

    monkeypatch.setattr(TalkDialog, "exec", clerk_saves)
    dialog = PositionChangesDialog(workspace, admin)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.is_loading, timeout=5000)
    dialog.view.selectRow(0)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.talk_button.click()
    assert dialog.model.rows()[0].talk_text == "2026-06-15 已谈话"
    with workspace.reading() as s:
        assert not [r for r in rem.reminders(s, admin, TODAY, workspace.settings) if r.key.startswith("pre-talk:")]
