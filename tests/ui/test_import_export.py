from __future__ import annotations

from pathlib import Path

import pytest

from app.registers.people import query as svc
from ui.dialogs.import_dialog import ImportDialog
from ui.pages.people_page import PeoplePage

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("app.excel")


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "人员"
    sheet.append(["测试局人员名册"])
    sheet.append(["姓名", "所在单位", "职务", "政治面貌"])
    sheet.append(["赵六", "办公室", "科员", "党员"])
    sheet.append(["张三", "财务科", "副局长", "中共党员"])    # matches 张三 of 财务科: an update
    sheet.append(["钱七", "档案室", "档案员", "群众"])        # 档案室 does not exist
    notes = book.create_sheet("填表说明")
    notes.append(["本表由各单位填写"])
    book.save(path)
    return path


def test_import_dialog_previews_then_commits(qtbot, workspace, admin, bureau, tmp_path,
                                             shown_messages):
    dialog = ImportDialog(workspace, admin, "people", title="人员名册")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.plan(_workbook(tmp_path / "名册.xlsx"))
    plan = dialog.plan_result
    assert plan is not None and not plan.ok
    assert dialog.rejected_model.rowCount() == 1
    assert "档案室" in dialog.rejected_model.index(0, 2).data()
    assert not dialog.import_button.isEnabled()
    assert "填表说明" in dialog.notes.toPlainText()

    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.create_check.setChecked(True)  # re-plans, creating the missing unit
    assert dialog.plan_result.ok and dialog.import_button.isEnabled()
    actions = {dialog.rows_model.index(r, 3).data(): dialog.rows_model.index(r, 2).data()
               for r in range(dialog.rows_model.rowCount())}
    assert [a for a in actions.values()].count("新增") == 2 and "更新" in actions.values()
    assert "档案室" in dialog.notes.toPlainText()

    with qtbot.waitSignal(dialog.committed, timeout=10000):
        dialog.commit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert any("导入完成" in t for t in shown_messages.texts("inform"))
    with workspace.reading() as s:
        assert svc.find_people(s, "赵六")[0].unit_name == "办公室"
        assert svc.find_people(s, "钱七")[0].unit_name == "档案室"
        assert svc.get_person(s, bureau.zhang_san).position == "副局长"


def test_people_page_exports_current_unit(qtbot, workspace, admin, bureau, tmp_path, shown_messages,
                                          monkeypatch):
    from ui import messages

    target = tmp_path / "out" / "人员"
    target.parent.mkdir()
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a, **_k: target)
    exported: list[Path] = []
    monkeypatch.setattr(messages, "inform_file", lambda _p, text, path: exported.append(path))
    page = PeoplePage(workspace, admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.is_ready, timeout=5000)
    with qtbot.waitSignal(page.ready, timeout=5000):
        page.unit_tree.setCurrentItem(page.unit_tree.item_of(bureau.museum))
    page.start_export()
    qtbot.waitUntil(lambda: bool(exported or shown_messages.shown), timeout=20000)
    assert shown_messages.shown == []
    assert exported == [target.with_suffix(".xlsx")]
    sheet = openpyxl.load_workbook(exported[0]).active
    names = {row[0] for row in sheet.iter_rows(values_only=True)}
    assert {"张伟", "王五"} <= names and "张三" not in names


def test_names_close_to_known_ones_are_asked_mapped_and_remembered(qtbot, workspace, admin, bureau, tmp_path,
                                                                    shown_messages):
    """“财务” is close to 财务科: proposed as 可能是 in 名称核对; mapping it lets the row in as 财务科;
    the mapping remembered, the next file that says 财务 is taken the same way without asking."""
    book = openpyxl.Workbook()
    book.active.append(["姓名", "所在单位", "职务"])
    book.active.append(["张三", "财务", "副局长"])
    book.active.append(["钱七", "档案室", "档案员"])
    path = tmp_path / "名册.xlsx"
    book.save(path)
    dialog = ImportDialog(workspace, admin, "people", title="人员名册")
    qtbot.addWidget(dialog)
    dialog.resize(1100, 640)
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.plan(path)
    (close,) = [m for m in dialog.plan_result.missing if m.close]
    assert (close.name, close.close) == ("财务", ("财务科",))
    assert dialog.tabs.currentIndex() == 3 and dialog.tabs.tabText(3) == "名称核对（1）"
    assert "可能是 “财务科”" in dialog.notes.toPlainText()
    assert "将新建单位 2 个（财务、档案室，类别为“其他”）" in dialog.verdict_label.text()
    if shot := __import__("os").environ.get("QINGFENG_IMPORT_SHOT"):
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(shot)
    box = dialog.name_boxes[close.key]
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        box.setCurrentIndex(box.findData("财务科"))
    plan = dialog.plan_result
    assert [r.summary for r in plan.rows if r.action == "update"] == ["张三（财务科·副局长）"]
    assert [m.describe() for m in plan.mapped] == ["单位“财务”按本次选择的对应视为“财务科”：「Sheet」第 2 行"]
    with qtbot.waitSignal(dialog.planned, timeout=10000):
        dialog.create_check.setChecked(True)  # 档案室 is new; 财务 stays 财务科
    assert [m.name for m in dialog.plan_result.missing] == ["档案室"]
    with qtbot.waitSignal(dialog.committed, timeout=10000):
        dialog.commit()
    with workspace.reading() as s:
        assert svc.get_person(s, bureau.zhang_san).position == "副局长"
        from app.excel.importer import plan_import

        again = plan_import(s, admin, "people", path, today=workspace.today())
    assert [(m.written, m.target, m.remembered) for m in again.mapped] == [("财务", "财务科", True)]
