"""第一种形态台账 as a clerk uses it: the filed ledger in filing order, the filters, 需转出 apart,
the entry dialog (snapshot from the register, second-form warning, defaults), print, the chart."""
from __future__ import annotations

import datetime as dt

import pytest

from app.registers.ledger import query as ledger_query
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from tests.conftest import TODAY
from ui.dialogs.ledger_dialog import LedgerDialog
from ui.pages.ledger_page import LedgerPage

D = dt.date


def _save(ws, actor, person_id, methods, day, problem="工作日午间饮酒", **kw) -> int:  # noqa: ANN001
    with ws.writing() as s:
        return ledger_write.save_entry(s, actor, ledger_types.LedgerDraft(person_id, problem, tuple(methods), day, **kw), TODAY)


@pytest.fixture
def entries(workspace, admin, bureau):  # noqa: ANN001
    """2026: 李四 (办公室) Q1 批评教育; 张三 (财务科, 班子成员) Q2 谈话提醒+责令作出书面检查 (信访);
    王五 (市博物馆保卫部) Q2 诫勉; 张三 Q2 警告 (需转出). 2025: 李四 谈话提醒."""
    return {
        "li": _save(workspace, admin, bureau.li_si, ("criticism",), D(2026, 2, 3)),
        "zhang": _save(workspace, admin, bureau.zhang_san, ("talk_remind", "order_check"), D(2026, 4, 8),
                       problem="报销审核把关不严", clue_source="petition", wordings=("谈话提醒", "责令作出书面检查")),
        "wang": _save(workspace, admin, bureau.wang_wu, ("admonish",), D(2026, 5, 20), problem="值班脱岗"),
        "wrong": _save(workspace, admin, bureau.zhang_san, ("warning",), D(2026, 6, 1), problem="收受礼金",
                       confirm_second_form=True),
        "old": _save(workspace, admin, bureau.li_si, ("talk_remind",), D(2025, 9, 9), problem="迟到早退"),
    }


@pytest.fixture
def page(qtbot, workspace, admin, entries):  # noqa: ANN001
    widget = LedgerPage(workspace, admin)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitUntil(widget.is_ready, timeout=5000)
    return widget


def _column(page: LedgerPage, label: str) -> list[str]:
    number = [c.label for c in page.model.columns].index(label)
    return [page.model.index(r, number).data() for r in range(page.model.rowCount())]


def _filtered(qtbot, page: LedgerPage, change) -> None:  # noqa: ANN001
    with qtbot.waitSignal(page.ready, timeout=5000):
        change()
    qtbot.waitUntil(page.is_ready, timeout=5000)


def test_filed_ledger_in_filing_order_with_its_figures(page, qtmodeltester):
    assert [c.label for c in page.model.columns] == [
        "序号", "姓名", "单位及职务", "职级", "政治面貌", "线索来源", "线索处置", "主要问题", "处置方式", "决定机关",
        "处理时间", "承办人", "回访情况", "备注"]
    assert _column(page, "序号") == ["1", "2", "3"]
    assert _column(page, "姓名") == ["李四", "张三", "王五"]          # this year, by date; 警告 left out
    assert _column(page, "单位及职务") == ["办公室科员", "财务科科长", "博物馆保卫部保卫干事"]
    assert _column(page, "处置方式") == ["批评教育", "谈话提醒、责令作出书面检查", "诫勉"]
    assert page.count_label.text() == "共 3 人次（处置方式 4 项）；班子成员 1 人次（33%）；重要岗位 1 人次（33%）"
    assert page.notice_label.text() == "有 1 条需转出（含第二种形态处置方式）"
    qtmodeltester.check(page.model, force_py=True)


def test_filters_and_the_transfer_view(qtbot, page, bureau):
    _filtered(qtbot, page, lambda: page.quarter_combo.setCurrentIndex(page.quarter_combo.findData(2)))
    assert _column(page, "姓名") == ["张三", "王五"]
    _filtered(qtbot, page, lambda: page.method_combo.setCurrentIndex(page.method_combo.findData("admonish")))
    assert _column(page, "姓名") == ["王五"]
    _filtered(qtbot, page, lambda: page.apply_navigation({"unit_id": bureau.museum}))  # with 保卫部
    assert _column(page, "姓名") == ["王五"] and page.quarter_combo.currentData() == 0
    _filtered(qtbot, page, lambda: page.apply_navigation({"year": 2026, "clue_source": "petition"}))
    assert _column(page, "姓名") == ["张三"]
    _filtered(qtbot, page, lambda: page.apply_navigation({"person_id": bureau.li_si}))
    assert _column(page, "处理时间") == ["2025-09-09", "2026-02-03"]  # all years
    _filtered(qtbot, page, lambda: page.apply_navigation({"year": 2026, "view": ledger_types.TRANSFER}))
    assert _column(page, "处置方式") == ["警告"]
    assert page.count_label.text() == "需转出 1 条"
    row = page.model.row_at(0)
    from ui.pages.ledger_page import _transfer_color

    assert _transfer_color(row) == "#c0392b"                      # shown in red


def test_new_entry_takes_the_snapshot_from_the_register(qtbot, page, workspace, admin, bureau):
    dialog = LedgerDialog(workspace, admin, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person_picker.setText("ls")
    dialog.person_picker.search_now()
    assert [text for _, text in dialog.person_picker.suggestions()] == ["李四（办公室·科员）"]
    dialog.person_picker.pick(0)
    assert (dialog.unit_combo.current_data(), dialog.position_edit.text(), dialog.key_post_edit.text()) == \
        (bureau.office, "科员", "人事")
    dialog.position_edit.setText("副主任")                          # editable: the post at the time
    dialog.problem_edit.setPlainText("上班时间玩网络游戏")
    dialog.methods_list.set_checked("admonish")
    dialog.date_edit.setDate(dt.date(2026, 3, 10))
    assert dialog.impact_date.value() == D(2026, 9, 10)              # 诫勉: 6 months
    assert dialog.planned_date.value() == D(2026, 9, 10)             # 回访: 6 months
    assert dialog.save()
    with workspace.reading() as s:
        saved = ledger_query.get_entry(s, dialog.saved_id)
        assert people_query.get_person(s, bureau.li_si).position == "科员"   # the register untouched
    assert (saved.unit_and_position, saved.key_post, saved.method_labels, saved.impact_end) == \
        ("办公室副主任", "人事", ("诫勉",), D(2026, 9, 10))
    _filtered(qtbot, page, lambda: page.after_change(dialog.saved_id))
    assert page.selected_row().id == dialog.saved_id
    assert _column(page, "姓名") == ["李四", "李四", "张三", "王五"]


def test_second_form_method_warns_and_is_saved_only_when_confirmed(qtbot, workspace, admin, bureau,
                                                                   shown_messages):
    dialog = LedgerDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.person_picker.set_person(bureau.wang_wu, "王五")
    dialog.refill_snapshot()
    dialog.problem_edit.setPlainText("违规收受礼金")
    assert not dialog.save()
    assert "请至少选择一种处置方式" in dialog.error_text("methods")
    dialog.methods_list.set_checked("criticism")
    dialog.methods_list.set_checked("serious_warning")
    assert "“严重警告”属于第二种形态" in dialog.second_form_note.text()
    shown_messages.answers = [False]                                 # the clerk says no
    assert not dialog.save()
    assert "需转出" in shown_messages.texts("ask")[-1]
    assert "第二种形态" in dialog.error_text("methods")
    assert dialog.problem_edit.toPlainText() == "违规收受礼金"         # nothing typed is lost
    with workspace.reading() as s:
        assert ledger_query.search_entry_ids(s, admin, ledger_types.LedgerFilter(view=ledger_types.ALL)) == []
    shown_messages.answers = [True]
    assert dialog.save()
    with workspace.reading() as s:
        assert ledger_query.search_entry_ids(s, admin, ledger_types.LedgerFilter(view=ledger_types.TRANSFER)) == [dialog.saved_id]


def test_editing_keeps_the_filed_snapshot_and_the_dates_set_by_hand(qtbot, workspace, admin, bureau, entries):
    with workspace.writing() as s:  # 王五 moves after the entry was made
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            person_id=bureau.wang_wu, changed_on=D(2026, 6, 1), to_unit_id=bureau.finance,
            to_position="出纳"), TODAY)
        row = ledger_query.get_entry(s, entries["wang"])
    dialog = LedgerDialog(workspace, admin, row)
    qtbot.addWidget(dialog)
    assert (dialog.unit_combo.current_data(), dialog.position_edit.text()) == (bureau.museum_desk, "保卫干事")
    dialog.impact_date.check.setChecked(True)
    dialog.impact_date.edit.setDate(dt.date(2026, 12, 31))           # by hand
    dialog.date_edit.setDate(dt.date(2026, 5, 25))
    assert dialog.impact_date.value() == D(2026, 12, 31)
    dialog.done_date.set_value(D(2026, 6, 10))
    dialog.result_edit.setPlainText("表现良好")
    assert dialog.save()
    with workspace.reading() as s:
        saved = ledger_query.get_entry(s, row.id)
    assert (saved.unit_name, saved.position, saved.impact_end, saved.revisit_text) == \
        ("博物馆保卫部", "保卫干事", D(2026, 12, 31), "2026-06-10已回访：表现良好")


def test_print_has_the_ledger_title_and_numbers(page):
    html = page.print_sheet().html(page.model.loaded_rows(), page.ws.today())
    assert "测试市文化广电和旅游局机关纪委2026年运用监督执纪第一种形态工作台账" in html
    assert "<td>1</td><td>李四</td><td>办公室科员</td>" in html
    assert "警告" not in html


def test_viewer_opens_entries_read_only(qtbot, workspace, viewer, entries):
    page = LedgerPage(workspace, viewer)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert not page.actions_by_key["new"].isEnabled() and not page.actions_by_key["import"].isEnabled()
    page.view.selectRow(0)
    assert page.actions_by_key["edit"].text() == "查看"
    dialog = LedgerDialog(workspace, viewer, page.selected_row())
    qtbot.addWidget(dialog)
    assert dialog.save_button is None and not dialog.methods_list.isEnabled()
    assert not dialog.refill_button.isEnabled() and not dialog.attachments.buttons["add"].isEnabled()


def test_chart_counts_methods_by_quarter_and_a_click_opens_the_ledger(qtbot, workspace, admin, bureau, entries):
    from ui.charts.registry import CHARTS
    from ui.pages.charts_page import ChartsPage

    charts = ChartsPage(workspace, admin, charts=[c for c in CHARTS if c.key == "ledger"])
    qtbot.addWidget(charts)
    charts.resize(1200, 700)
    with qtbot.waitSignal(charts.ready, timeout=10_000):
        charts.show()
    panel = charts.current_panel()
    assert (panel.data.person_times, panel.data.method_count) == (3, 4)
    pickables = panel.chart.pickables()
    methods = {(p["method"], p["quarter"]): artist.get_width() for artist, p in pickables if "method" in p}
    assert methods == {("criticism", 1): 1, ("talk_remind", 2): 1, ("order_check", 2): 1, ("admonish", 2): 1}
    units = {p["unit_id"]: artist.get_width() for artist, p in pickables if "unit_id" in p}
    assert units == {bureau.office: 1, bureau.finance: 1, bureau.museum_desk: 1}
    artist = next(a for a, p in pickables if p.get("method") == "admonish")
    with qtbot.waitSignal(charts.navigate_requested) as signal:
        panel.chart.click(artist)
    assert signal.args == ["ledger", {"year": 2026, "method": "admonish", "quarter": 2}]


def test_main_window_opens_the_ledger_filtered_from_the_chart(qtbot, workspace, admin, entries):
    from ui.main_window import MainWindow

    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show()
    page = window.page("ledger")
    qtbot.waitUntil(page.is_ready, timeout=5000)
    with qtbot.waitSignal(page.ready, timeout=5000):
        assert window.navigate("ledger", {"year": 2026, "method": "order_check", "quarter": 2})
    assert window.current_key() == "ledger"
    assert _column(page, "姓名") == ["张三"]


def test_attachments_are_added_on_save_and_removed_on_save(qtbot, workspace, admin, entries, tmp_path,
                                                           shown_messages):
    from app.attachments import attachments_of

    scan = tmp_path / "谈话记录扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    with workspace.reading() as s:
        row = ledger_query.get_entry(s, entries["li"])
    dialog = LedgerDialog(workspace, admin, row)
    qtbot.addWidget(dialog)
    dialog.attachments.add_files([scan])
    assert dialog.tabs.tabText(2) == "附件（1）"
    dialog.reject()                                                  # cancelled: nothing attached
    with workspace.reading() as s:
        assert attachments_of(s, ledger_types.ENTITY, row.id) == []
    shown_messages.answers.append(False)  # the cancel kept a draft; it is offered back: not now
    dialog = LedgerDialog(workspace, admin, row)
    qtbot.addWidget(dialog)
    assert dialog.attachments.count() == 0
    dialog.attachments.add_files([scan])
    assert dialog.save()
    with workspace.reading() as s:
        stored = attachments_of(s, ledger_types.ENTITY, row.id)
        assert [a.filename for a in stored] == ["谈话记录扫描件.pdf"]
        row = ledger_query.get_entry(s, row.id)
    assert row.attachment_count == 1
    dialog = LedgerDialog(workspace, admin, row)
    qtbot.addWidget(dialog)
    assert dialog.attachments.count() == 1
    dialog.attachments.list.setCurrentRow(0)
    dialog.attachments.remove_selected()
    assert dialog.save()
    with workspace.reading() as s:
        assert attachments_of(s, ledger_types.ENTITY, row.id) == []


def test_import_dialog_previews_a_messy_ledger(qtbot, workspace, admin, bureau, tmp_path):
    from tests.data.ledger_workbooks import messy_ledger
    from ui.dialogs.import_dialog import ImportDialog

    with workspace.writing() as s:  # the names the file uses
        people_write.save_person(s, admin, people_types.PersonDraft(name="王五", unit_id=bureau.museum, position="馆员"))
    dialog = ImportDialog(workspace, admin, "ledger", title="第一种形态台账")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.plan(messy_ledger(tmp_path / "台账.xlsx"))
    reasons = [dialog.rejected_model.index(r, 2).data() for r in range(dialog.rejected_model.rowCount())]
    assert len(reasons) == 4 and any("单位及职务中的单位“不存在的科”不存在" in r for r in reasons)
    assert not dialog.import_button.isEnabled()


def test_a_talk_reminder_is_recorded_from_the_entry_and_linked(qtbot, workspace, admin, bureau):
    """谈话提醒 from the entry: the talk form opens prefilled, its save creates a real talk record
    (through the talks service) that the entry links on save."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.registers.talks import write as talks

    dialog = LedgerDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person_picker.set_person(bureau.li_si, "李四")
    dialog.refill_snapshot()
    dialog.problem_edit.setPlainText("上班时间玩网络游戏")
    dialog.methods_list.set_checked("talk_remind")
    dialog.date_edit.setDate(dt.date(2026, 3, 10))
    seen = {}

    def fill_and_save_talk() -> None:
        talk_dialog = QApplication.activeModalWidget()
        seen["kind"] = talk_dialog.kind_combo.code()
        seen["content"] = talk_dialog.content_edit.toPlainText()
        seen["talkees"] = talk_dialog.talkees.texts()
        talk_dialog.talkers.set_participants([talks.ParticipantDraft(name="纪委书记甲")])
        assert talk_dialog.save()
        talk_dialog.accept()

    QTimer.singleShot(0, fill_and_save_talk)
    dialog.new_talk_button.click()
    assert seen["kind"] == "reminder" and "上班时间玩网络游戏" in seen["content"]
    assert any("李四" in text for text in seen["talkees"])
    (talk_id,) = dialog.talks_list.checked()
    assert dialog.save()
    with workspace.reading() as s:
        entry = ledger_query.get_entry(s, dialog.saved_id)
        talk = talks.get_talk(s, talk_id)
    assert talk_id in entry.talk_ids
    assert talk.talk_date == D(2026, 3, 10) and [p.name for p in talk.talkees] == ["李四"]


def test_after_an_import_the_page_shows_exactly_what_came_in(qtbot, page, workspace, admin, bureau, entries,
                                                             tmp_path, shown_messages):
    """The page is filtered to this year (2026) and to the filed ledger; the file holds 2025 and
    2024 entries and one for 需转出: after the import the page shows those and only those."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tests.data.ledger_workbooks import messy_ledger

    with workspace.writing() as s:  # the names the file uses
        people_write.save_person(s, admin, people_types.PersonDraft(name="王五", unit_id=bureau.museum, position="馆员"))
    assert page.year_filter.year() == 2026

    def plan_and_commit() -> None:
        dialog = QApplication.activeModalWidget()
        qtbot.waitUntil(lambda: dialog.plan_result is not None, timeout=10000)
        with qtbot.waitSignal(dialog.planned, timeout=10000):
            dialog.create_check.setChecked(True)  # 孙七 is new to the register
        with qtbot.waitSignal(dialog.committed, timeout=10000):
            dialog.commit()

    QTimer.singleShot(0, plan_and_commit)
    with qtbot.waitSignal(page.ready, timeout=10000):
        page.start_import(messy_ledger(tmp_path / "台账.xlsx", bad_rows=False))
    qtbot.waitUntil(page.is_ready, timeout=5000)
    with workspace.reading() as s:
        every = ledger_query.search_entry_ids(s, admin, ledger_types.LedgerFilter(view=ledger_types.ALL))
    imported = set(every) - set(entries.values())
    shown = [r.id for r in page.model.loaded_rows()]
    assert sorted(shown) == sorted(imported) and len(shown) == 6  # 2025 and 2024, 需转出 too
    assert page.selected_row() is not None and page.selected_row().id in imported
    assert page.only_bar.isVisibleTo(page) and "刚导入的 6 条" in page.only_bar.label.text()
    assert page.count_label.text() != "共 0 人次"
    page.only_bar.button.click()  # 显示全部: the whole register under the widened filters
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert len(page.model.loaded_rows()) > len(shown) and not page.only_bar.isVisibleTo(page)
