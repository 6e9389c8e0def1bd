"""主体责任 and 廉政教育 driven as a clerk would: every tab loads with its figures; the 考核 form's
scoring table totals as it is typed, refuses weights that do not make 100 next to the table and
offers the veto a serious case proposes; the education form's participants are added by unit,
absentees removed, read from a 签到表 and counted; 约谈建议 opens the talk form as a 约谈 of the
unit's head."""
from __future__ import annotations

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QDialog

from app.registers.assessments import query as assessments_query
from app.registers.assessments.rules import DEFAULT_ITEMS
from app.registers.education import query as education_query
from app.registers.education.types import EducationFilter
from app.registers.pledges import write as pledges_write
from app.registers.sanctions import write as sanctions_write
from app.registers.sanctions.types import SanctionDraft
from app.settings import save_settings
from tests.unit.duty_helpers import D, make_bureau
from ui.dialogs.assessment_dialog import AssessmentDialog
from ui.dialogs.education_dialog import EducationDialog
from ui.pages.duty_page import DutyPage
from ui.pages.education_page import EducationPage
from ui.pages.figured_page import FiguredPage


@pytest.fixture
def bureau(workspace, admin):
    return make_bureau(workspace, admin)


def test_the_pages_load_every_tab_with_its_figures(qtbot, workspace, admin, bureau):
    with workspace.writing() as s:
        made = pledges_write.draw_up_year(s, admin, 2026, "party_unit", unit_ids=[bureau.office, bureau.museum])
        pledges_write.mark_signed(s, admin, made[:1], D(2026, 3, 1), D(2026, 6, 15))
    page = DutyPage(workspace, admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.is_ready, timeout=20_000)
    pledges = page.show_tab("pledges")
    assert pledges.model.rowCount() == 2
    assert "2026年 已签订 1/2" in pledges.count_label.text()
    assert "2026年局党组专题研究 0 次（不少于 2 次），尚差 2 次" in page.show_tab("studies").count_label.text()
    page.apply_navigation({"tab": "pledges", "year": 2026, "signed": False})
    qtbot.waitUntil(lambda: pledges.is_ready() and pledges.model.rowCount() == 1, timeout=20_000)
    education = EducationPage(workspace, admin)
    qtbot.addWidget(education)
    qtbot.waitUntil(education.is_ready, timeout=20_000)
    assert education.sessions.count_label.text() == "共 0 次 0 人次 · 其中警示教育 0 次 0 人次"
    education.apply_navigation({"tab": "coverage"})
    qtbot.waitUntil(education.coverage.is_ready, timeout=20_000)
    assert education.coverage.count_label.text() == "2026年：在册 10 人，已参加 0 人，尚未参加 10 人"


def test_every_tab_opens_its_own_form_and_follows_the_save(qtbot, workspace, admin, viewer, bureau):
    """Each tab of both pages (FiguredPage) opens its form for a new record and, on a record, the
    record as saved — read-only for a 查看 user; closing the form refreshes the tab."""
    with workspace.writing() as s:
        made = pledges_write.draw_up_year(s, admin, 2026, "party_unit", unit_ids=[bureau.office])
    tabs = []
    for page_class in (DutyPage, EducationPage):
        page = page_class(workspace, admin)
        qtbot.addWidget(page)
        qtbot.waitUntil(page.is_ready, timeout=20_000)
        tabs += [page.tabs.widget(i) for i in range(page.tabs.count())
                 if isinstance(page.tabs.widget(i), FiguredPage)]
    assert {type(t).__name__ for t in tabs} == {"PledgesTab", "StudiesTab", "LeaderReportsTab",
                                                "AssessmentsTab", "EducationTab"}
    for tab in tabs:
        qtbot.waitUntil(tab.is_ready, timeout=20_000)
        dialog = tab.record_dialog()
        assert type(dialog).__name__ == tab.FORM and not dialog.read_only
        dialog.reject()
        assert not tab.is_ready()  # the form's end refreshed the tab
        qtbot.waitUntil(tab.is_ready, timeout=20_000)
    pledges = DutyPage(workspace, viewer)
    qtbot.addWidget(pledges)
    tab = pledges.show_tab("pledges")
    qtbot.waitUntil(lambda: tab.is_ready() and tab.model.rowCount() == 1, timeout=20_000)
    dialog = tab.record_dialog(tab.model.row_at(0))
    assert dialog.read_only and dialog.row.id == made[0]
    dialog.reject()


def test_the_scoring_table_totals_as_typed_and_a_bad_table_stays_open(qtbot, workspace, admin, bureau):
    dialog = AssessmentDialog(workspace, admin, year=2025)
    qtbot.addWidget(dialog)
    dialog.unit_combo.set_current_data(bureau.office)
    assert dialog.scoring.items() == DEFAULT_ITEMS
    assert dialog.total_label.text() == "各项均评分后计算（权重合计 100%）"
    for row, score in enumerate((92, 88, 90, 96)):
        dialog.scoring.set_score(row, score)
    assert dialog.total_label.text() == "91.2 分 · 按分数线建议等次：好"
    dialog.scoring.remove_row(3)  # 民主评议 removed: the weights make 80
    assert dialog.total_label.text() == "各项均评分后计算（权重合计 80%）"
    assert not dialog.save()
    assert dialog.error_text("items") == "各考核项目的权重合计应为 100%（现为 80%）。"
    assert dialog.scoring.row_count() == 3  # what was typed stays
    from app.registers.assessments.types import ItemDraft

    dialog.scoring.add_item(ItemDraft("民主评议", "appraisal", 20, 96))
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData("good"))
    assert dialog.save()
    with workspace.reading() as s:
        row = assessments_query.get_assessment(s, dialog.saved_id)
    assert (row.total, row.grade, row.head_name) == (91.2, "good", "钱科长")


def test_a_serious_case_offers_the_veto_to_adopt(qtbot, workspace, admin, bureau):
    with workspace.writing() as s:
        sanctions_write.save_sanction(s, admin, SanctionDraft(bureau.museum_staff[0], "gov_removal", D(2025, 9, 8)),
                                      D(2026, 6, 15))
    dialog = AssessmentDialog(workspace, admin, year=2025)
    qtbot.addWidget(dialog)
    dialog.unit_combo.set_current_data(bureau.museum)
    dialog.find_proposal()
    assert dialog.proposal_label.text() == "建议一票否决：2025-09-08 冯一 受政务撤职处分（第三种形态）"
    assert not dialog.adopt_button.isHidden()
    for row, score in enumerate((95, 95, 95, 95)):
        dialog.scoring.set_score(row, score)
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData("good"))
    dialog.adopt_button.click()
    assert dialog.veto_check.isChecked() and dialog.grade_combo.currentData() == "average"
    assert dialog.total_label.text() == "95.0 分 · 按分数线建议等次：一般"
    assert dialog.save()
    with workspace.reading() as s:
        row = assessments_query.get_assessment(s, dialog.saved_id)
    assert row.veto and row.veto_sanction_id is not None and row.veto_reason.startswith("2025-09-08 冯一")


def test_participants_by_unit_absentees_removed_and_a_sign_in_sheet(qtbot, workspace, admin, bureau, tmp_path):
    dialog = EducationDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.form_combo.set_code("warning_meeting")
    dialog.theme_edit.setText("警示教育大会")
    people = dialog.attendees
    assert people.add_units([bureau.museum, bureau.office]) == 7
    assert people.add_units([bureau.museum]) == 0  # once each
    assert people.count_label.text() == "共 7 人（7 人次）"
    for row in (0, 1):  # the first two did not come
        people.view.selectionModel().select(people.model.index(row, 0), people.view.selectionModel().SelectionFlag.Select
                                            | people.view.selectionModel().SelectionFlag.Rows)
    absent = [r.name for r in people.rows[:2]]
    people.remove_selected()
    assert people.count_label.text() == "共 5 人（5 人次）" and not set(absent) & {r.name for r in people.rows}
    book = Workbook()
    book.active.append(["姓名", "单位", "签到"])
    book.active.append(["周局长", "局领导班子", "√"])
    book.active.append(["吴科长", "财务科", "请假"])
    book.active.append(["外聘专家周某", "某律师事务所", ""])
    book.save(tmp_path / "签到表.xlsx")
    people.add_sheet(tmp_path / "签到表.xlsx")
    assert people.count_label.text() == "共 7 人（7 人次）"
    assert people.sheet_label.text() == "签到表：读取 2 人（名册外 1 人），缺席 1 人。"
    assert dialog.save()
    with workspace.reading() as s:
        row = education_query.session_rows(s, education_query.search_session_ids(s, admin, EducationFilter()))[0]
    assert row.people == 7 and "外聘专家周某" in [p.name for p in row.participants]


def test_interview_proposals_open_the_talk_form_for_the_units_head(qtbot, workspace, admin, bureau, monkeypatch):
    from app.registers.assessments import write as assessments_write
    from app.registers.assessments.types import AssessmentDraft, ItemDraft
    from ui.dialogs.talk_dialog import TalkDialog

    with workspace.writing() as s:
        save_settings(s, admin, interview_satisfaction=85)
        items = tuple(ItemDraft(i.name, i.source, i.weight, score) for i, score in zip(DEFAULT_ITEMS, (90, 90, 90, 70)))
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, bureau.museum, items), D(2026, 6, 15))
    opened: list[TalkDialog] = []
    monkeypatch.setattr(TalkDialog, "exec", lambda self: opened.append(self) or QDialog.DialogCode.Rejected)
    page = DutyPage(workspace, admin)
    qtbot.addWidget(page)
    tab = page.show_tab("interviews")
    qtbot.waitUntil(tab.is_ready, timeout=20_000)
    assert tab.model.rowCount() == 1 and tab.count_label.text() == "共 1 个单位建议约谈"
    assert tab.model.row_at(tab.model.index(0, 0)).reason_text == "2025年度民主评议满意度 70%（低于 85%）"
    tab.view.selectRow(0)
    tab.record_interview()
    dialog = opened[0]
    draft = dialog.draft() if hasattr(dialog, "draft") else None
    assert dialog.kind_combo.code() == "interview"
    assert dialog.talkees.texts() == ["郑馆长（市博物馆·党支部书记、馆长）"]
    assert draft is None or "民主评议满意度 70%" in draft.content


def test_the_administrator_sets_the_dates_and_thresholds(qtbot, workspace, admin):
    from ui.pages.admin_settings import SettingsTab

    tab = SettingsTab(workspace, admin)
    qtbot.addWidget(tab)
    assert tab.duty.pledge_edit.text() == "03-31" and [s.value() for s in tab.duty.grade_spins] == [90, 80, 60]
    tab.duty.pledge_edit.setText("4-15")
    tab.duty.satisfaction_spin.setValue(75)
    assert tab.save()
    assert (workspace.settings.pledge_due, workspace.settings.interview_satisfaction) == ("4-15", 75)
    tab.duty.research_edit.setText("12月32日")
    assert not tab.save()
    assert tab.form.error_text("research_report_due") == "调研报告报送期限应写成“03-31”这样的月-日。"


def test_a_case_of_our_own_is_linked_and_written_without_the_name(qtbot, workspace, admin, bureau):
    with workspace.writing() as s:
        sid = sanctions_write.save_sanction(s, admin, SanctionDraft(bureau.museum_staff[1], "gov_demerit",
                                                                    D(2025, 9, 8)), D(2026, 6, 15))
    dialog = EducationDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.form_combo.set_code("case_law")
    dialog.theme_edit.setText("以案释法：身边事教育身边人")
    index = dialog.own_combo.findData(f"sanction:{sid}")
    assert dialog.own_combo.itemText(index) == "处分：2025-09-08 市博物馆 陈二 政务记过处分"
    dialog.own_combo.setCurrentIndex(index)
    dialog.own_combo.activated.emit(index)
    assert dialog.case_edit.toPlainText() == "市博物馆一名会计受政务记过处分（2025年）"
    assert dialog.save()
    with workspace.reading() as s:
        assert education_query.get_session(s, dialog.saved_id).case_sanction_id == sid
