from __future__ import annotations

from app.dictionaries import load_vocabulary
from ui.dialogs.dict_item_dialog import DictItemDialog
from ui.pages.admin_page import AdminPage


def _page(qtbot, workspace, actor) -> AdminPage:  # noqa: ANN001
    page = AdminPage(workspace, actor)
    qtbot.addWidget(page)
    return page


def test_admin_saves_settings(qtbot, workspace, admin, shown_messages):
    page = _page(qtbot, workspace, admin)
    tab = page.settings_tab
    tab.bureau_edit.setText("某市文化和旅游局")
    tab.due_soon_spin.setValue(10)
    tab.level_edits["1"].setText("高")
    tab.color_buttons["1"].set_color("#aa0000")
    tab.impact_spin.setValue(12)
    tab.addressee_edit.setText("中共某市文化和旅游局党组")
    tab.report_due_spin.setValue(20)
    tab.plans_edit.setPlainText("抓好廉洁文化建设。\n\n  加强年轻干部教育管理。  ")  # one item a line
    assert tab.save()
    settings = workspace.settings
    assert (settings.bureau_name, settings.due_soon_days) == ("某市文化和旅游局", 10)
    assert settings.level_label(1) == "高" and settings.level_color(1) == "#aa0000"
    assert settings.impact_months["admonish"] == 12
    assert (settings.report_addressee, settings.report_due_days) == ("中共某市文化和旅游局党组", 20)
    assert settings.report_standing_plans == ["抓好廉洁文化建设。", "加强年轻干部教育管理。"]
    assert shown_messages.texts("inform") == ["设置已保存。"]


def test_bad_setting_is_shown_next_to_its_field(qtbot, workspace, admin):
    page = _page(qtbot, workspace, admin)
    tab = page.settings_tab
    tab.high_spin.setValue(5)
    tab.mid_spin.setValue(9)  # 二级 must stay below 一级
    tab.bureau_edit.setText("保留我")
    assert not tab.save()
    assert "阈值" in tab.form.error_text("risk_score_thresholds")
    tab.high_spin.setValue(12)
    tab.mid_spin.setValue(6)
    tab.addressee_edit.setText("")
    assert not tab.save()
    assert "主送机关不能为空" in tab.form.error_text("report_addressee")
    assert tab.bureau_edit.text() == "保留我" and workspace.settings.bureau_name != "保留我"


def test_settings_are_read_only_for_an_editor(qtbot, workspace, editor):
    page = _page(qtbot, workspace, editor)
    assert not page.settings_tab.save_button.isEnabled()
    assert not page.settings_tab.bureau_edit.isEnabled()
    assert not page.settings_tab.note.isHidden()
    assert not page.dictionary_tab.new_button.isEnabled()


def test_dictionary_items_edit_and_deactivate(qtbot, workspace, admin):
    page = _page(qtbot, workspace, admin)
    tab = page.dictionary_tab
    tab.domains.setCurrentRow(list(tab.domains.item(i).text() for i in range(tab.domains.count()))
                              .index("政治面貌"))
    labels = [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
    assert "中共党员" in labels
    assert tab.view.isColumnHidden(2)  # 所属形态 belongs to 处置方式 only
    tab.view.selectRow(labels.index("群众"))
    entry = tab.selected()
    assert entry.builtin

    dialog = DictItemDialog(workspace, admin, "political_status", entry)
    qtbot.addWidget(dialog)
    dialog.aliases_edit.setPlainText("普通群众\n中共党员")  # the second is another item's label
    assert not dialog.save()
    assert "中共党员" in dialog.error_text("aliases")
    dialog.aliases_edit.setPlainText("普通群众")
    assert dialog.save()

    tab.reload(entry.id)
    tab.toggle_item()
    with workspace.reading() as s:
        item = load_vocabulary(s).entry("political_status", entry.code)
    assert item.aliases == ("普通群众",) and not item.active
    assert tab.toggle_button.text() == "启用"


def test_new_dictionary_item_for_disposal_methods_has_a_form(qtbot, workspace, admin):
    dialog = DictItemDialog(workspace, admin, "disposal_method")
    qtbot.addWidget(dialog)
    dialog.label_edit.setText("责令作出说明")
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData(1))
    assert dialog.save()
    with workspace.reading() as s:
        vocab = load_vocabulary(s)
    assert vocab.form(vocab.resolve("disposal_method", "责令作出说明")) == 1
