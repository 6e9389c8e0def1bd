"""The 问题线索 and 处分与组织处理 pages and forms, driven as a clerk would: the tables and their
figures, the filters, the reporter row only for administrators and the handler and never in a
print, messages by the field on a failed save, the 影响期 worked out live, a 党纪 kind for a
non-member flagged, and a 需转出 ledger entry turned into a sanction record from the ledger page."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.registers.clues import query as clues_query
from app.registers.clues.types import ClueDraft
from app.registers.clues.write import save_clue
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.ledger.query import get_entry
from app.registers.sanctions import query as sanctions_query
from app.registers.sanctions.types import SanctionDraft, SanctionFilter
from app.registers.sanctions.write import save_sanction
from app.registers.talks.types import ParticipantDraft
from tests.conftest import TODAY
from ui import printing
from ui.dialogs.clue_dialog import ClueDialog
from ui.dialogs.sanction_dialog import SanctionDialog
from ui.pages.clues_page import CluesPage
from ui.pages.sanctions_page import SanctionsPage

D = dt.date
SECRET = "上官举报人"


@pytest.fixture
def clues(workspace, admin, editor, bureau):  # noqa: ANN001
    with workspace.writing() as s:
        return [save_clue(s, admin, draft, TODAY) for draft in (
            ClueDraft(received_on=D(2026, 5, 6), problem="反映其违规兼职取酬", person_ids=(bureau.zhang_san,),
                      source="petition", handler_id=editor.id, reporter=SECRET, way="inquiry",
                      letter_sent_on=D(2026, 5, 8)),
            ClueDraft(received_on=D(2026, 1, 5), problem="反映其公车私用", person_ids=(bureau.li_si,),
                      way="close", closed_on=D(2026, 1, 20), outcome="cleared"),
            ClueDraft(received_on=D(2026, 6, 10), problem="反映其迟到早退", person_ids=(bureau.wang_wu,)))]


def _page(qtbot, widget):  # noqa: ANN001, ANN202
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitUntil(widget.is_ready, timeout=5000)
    return widget


def _column(page, label: str) -> list[str]:  # noqa: ANN001
    number = [c.label for c in page.model.columns].index(label)
    return [page.model.index(r, number).data() for r in range(page.model.rowCount())]


def test_the_clues_page_lists_filters_and_never_prints_the_reporter(qtbot, workspace, admin, clues, qtmodeltester):
    page = _page(qtbot, CluesPage(workspace, admin))
    assert _column(page, "受理日期") == ["2026-06-10", "2026-05-06", "2026-01-05"]
    assert _column(page, "办理状态") == ["受理", "处置中", "办结（了结）"]
    # 2026-05-08 + 15 working days (端午 6-19 is after): 5-29; not answered by 6-15: overdue, in red
    overdue = page.model.index(1, [c.label for c in page.model.columns].index("办理状态"))
    assert overdue.data(Qt.ItemDataRole.ForegroundRole).name() == "#c0392b"
    assert "（已逾期）" in _column(page, "函询、初核")[1]
    assert page.count_label.text() == "共 3 件 · 受理 1 · 处置中 1（暂存待查 0） · 办结 1 · 函询逾期未复 1"
    qtmodeltester.check(page.model, force_py=True)
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.status_combo.setCurrentIndex(page.status_combo.findData("open"))
    assert len(_column(page, "受理日期")) == 2
    with workspace.reading() as s:
        rows = page.model.all_rows(s)
    html = printing.rows_html(page.TITLE, "测试局", page.model.columns, rows, TODAY)
    assert "反映其违规兼职取酬" in html and SECRET not in html


def test_the_reporter_row_is_for_administrators_and_the_handler(qtbot, workspace, admin, editor, viewer, clues):
    for actor, shown in ((admin, True), (editor, True), (viewer, False)):
        with workspace.reading() as s:
            row = clues_query.get_clue(s, actor, clues[0])
        dialog = ClueDialog(workspace, actor, row)
        qtbot.addWidget(dialog)
        assert dialog.received_form.form.isRowVisible(dialog.reporter_edit.parentWidget()) is shown
        assert (dialog.reporter_edit.text() == SECRET) is shown
        assert dialog.draft().reporter == (SECRET if shown else None)


def test_a_new_clue_is_checked_by_the_field_and_saved(qtbot, workspace, admin, bureau, shown_messages):
    dialog = ClueDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.problem_edit.setPlainText("反映其在项目验收中收受礼品")
    assert not dialog.save()
    assert "被反映人" in dialog.error_text("person_ids")
    dialog.people_picker.add(ParticipantDraft("张三", bureau.zhang_san, "财务科", "科长"))
    dialog.received_edit.set_value(D(2026, 5, 28))
    dialog.way_combo.set_code("inquiry")
    dialog.sent_date.set_value(D(2026, 6, 1))
    assert dialog.due_hint.text().startswith("不填则为发函后 15 个工作日：2026-06-23")  # 端午 6-19 off
    dialog.reporter_edit.setText("实名举报人")
    assert dialog.save(), [f.error_text(k) for f in dialog.forms for k in f.error_labels if f.error_text(k)]
    with workspace.reading() as s:
        row = clues_query.get_clue(s, admin, dialog.saved_id)
    assert (row.names, row.way_label, row.reply_deadline, row.reporter) == ("张三", "谈话函询", D(2026, 6, 23), "实名举报人")


@pytest.fixture
def sanctions(workspace, admin, bureau):  # noqa: ANN001
    with workspace.writing() as s:
        return [save_sanction(s, admin, SanctionDraft(person_id=bureau.zhang_san, kind=kind, decided_on=day,
                                                      decision_organ="局党组", facts="违规发放津贴补贴"), TODAY)
                for kind, day in (("party_warning", D(2026, 3, 2)), ("reassign", D(2024, 3, 2)))]


def test_the_sanctions_page_shows_the_period_and_filters_by_a_day(qtbot, workspace, admin, sanctions, qtmodeltester):
    page = _page(qtbot, SanctionsPage(workspace, admin))
    assert _column(page, "处分（处理）种类") == ["党内警告", "调整职务"]
    assert _column(page, "影响期至") == ["2027-03-02", "2025-03-02"]
    assert _column(page, "影响期状态") == ["影响期内", "已满"]
    assert page.count_label.text() == "共 2 条 · 第二种形态 2 · 第三种形态 0 · 诫勉 0 · 今天影响期内 1 条"
    qtmodeltester.check(page.model, force_py=True)
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.effect_date.set_value(D(2025, 1, 1))
        page.effect_check.setChecked(True)
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert _column(page, "处分（处理）种类") == ["调整职务"]


def test_the_sanction_form_works_the_period_out_and_flags_a_non_member(qtbot, workspace, admin, bureau):
    from app.registers.people import query as people_query
    from app.registers.people import types as people_types
    from app.registers.people import write as people_write

    with workspace.writing() as s:  # 李四 is not a Party member
        p = people_query.get_person(s, bureau.li_si)
        people_write.save_person(s, admin, people_types.PersonDraft(
            name=p.name, unit_id=p.unit_id, position=p.position, key_post=p.key_post, political_status="masses",
            id=p.id, version=p.version))
    dialog = SanctionDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.person_picker.set_person(bureau.li_si, "李四（办公室·科员）")
    dialog.person_picker.person_changed.emit(bureau.li_si)
    dialog.kind_combo.set_code("party_probation")
    assert dialog.field_form.form.isRowVisible(dialog.probation_combo.parentWidget())
    dialog.date_edit.set_value(D(2026, 1, 31))
    dialog.probation_combo.setCurrentIndex(dialog.probation_combo.findData(12))
    assert dialog.end_label.text().startswith("2029-01-31")  # 察看 1 year, then 2 years
    assert dialog.member_note.isVisibleTo(dialog) and "不是中共党员" in dialog.member_note.text()
    assert dialog.kind_combo.findData("admonish") < 0  # 诫勉: entered in the ledger
    assert not dialog.save()
    assert "不是中共党员" in dialog.error_text("kind")
    dialog.kind_combo.set_code("gov_demerit")  # a 政务 measure is for him too
    assert not dialog.member_note.isVisibleTo(dialog)
    assert dialog.end_label.text().startswith("2027-01-31")
    assert dialog.save()


def test_a_transfer_entry_becomes_a_sanction_from_the_ledger_page(qtbot, workspace, admin, bureau, monkeypatch):
    from ui.pages.ledger_page import LedgerPage

    with workspace.writing() as s:
        entry = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=bureau.zhang_san, problem="收受礼金", methods=("warning",), decided_on=D(2026, 5, 6),
            decision_organ="局党组", confirm_second_form=True), TODAY)
    page = _page(qtbot, LedgerPage(workspace, admin))
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.view_combo.setCurrentIndex(page.view_combo.findData(ledger_types.TRANSFER))
    qtbot.waitUntil(page.is_ready, timeout=5000)
    page.view.selectRow(0)
    assert page.transfer_action.isEnabled()
    opened = []

    def exec_(dialog: SanctionDialog) -> int:
        opened.append((dialog.kind_combo.code(), dialog.facts_edit.toPlainText(), dialog.date_edit.value()))
        return int(dialog.save())

    monkeypatch.setattr(SanctionDialog, "exec", exec_)
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.transfer_selected()
    assert opened == [("party_warning", "收受礼金", D(2026, 5, 6))]
    with workspace.reading() as s:
        assert get_entry(s, entry).transferred
        assert [r.ledger_entry_id for r in sanctions_query.sanction_rows(
            s, sanctions_query.search_sanction_ids(s, admin, SanctionFilter()))] == [entry]
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert page.model.rowCount() == 0  # no longer 需转出
