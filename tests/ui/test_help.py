"""Help inside the program: a chapter for every page and every form, a tooltip from the one table
on every field, F1 everywhere, the shortcut sheet generated from the keys the code defines, the
manual's search and its PDF, 关于, the first-week list, the release notes, the import templates.

Pages come from ui/pages/registry.py and forms are found by walking ui/ (tests/ui/every_form.py),
so a new page or form fails here until its chapter, its tooltips and its shortcuts are written.
"""
from __future__ import annotations

import inspect
import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QPushButton, QWidget

from app.audit import current_head
from app.excel.adapter import SheetSpec
from app.excel.registry import REGISTERS
from resources.paths import manual as manual_folder
from ui.dialogs.form import FormDialog
from tests.ui.every_form import (
    OPENERS,
    fields_of,
    form_classes,
    make_records,
    open_forms,
    ui_modules,
)
from ui import messages
from ui.help import fields as help_fields
from ui.help.context import chapter_for, install_help_key
from ui.help.document import write_pdf
from ui.help.manual import CHAPTER_SCHEME, chapters, search
from ui.help.shortcut_sheet import ShortcutSheet
from ui.help.view import HelpView
from ui.help.window import HelpWindow
from ui.main_window import MainWindow
from ui.pages.registry import registered_pages
from ui.shortcuts import SHORTCUTS, bound_keys, key_text, portable
from ui.workers import wait_for_tasks


def _mro(widget: object) -> list[str]:
    return [cls.__name__ for cls in type(widget).__mro__]


# ---- chapters --------------------------------------------------------------------------------


def test_every_page_has_its_chapter():
    keys = {c.key for c in chapters()}
    missing = [spec.key for spec in registered_pages()
               if spec.key not in keys or not (manual_folder() / "pages" / f"{spec.key}.md").is_file()]
    assert missing == [], f"pages without resources/manual/pages/<key>.md: {missing}"


def test_chapters_are_whole_their_links_and_pictures_resolve():
    found = chapters()
    keys = [c.key for c in found]
    assert len(keys) == len(set(keys))  # a task's key never shadows a page's
    for name in ("start", "record-talk", "import-ledgers", "risk-review", "opinion-reply",
                 "half-year-report", "year-archive", "backup-restore", "shared-server", "shortcuts"):
        assert name in keys
    used_images = set()
    for item in found:
        assert item.title and not item.title.startswith("#")
        for bang, target in re.findall(r"(!?)\[[^\]]*\]\(([^)\s]+)\)", item.markdown):
            if bang:
                assert (manual_folder() / target).is_file(), f"{item.key}: no picture {target}"
                used_images.add(target)
            elif target.startswith(CHAPTER_SCHEME):
                assert target[len(CHAPTER_SCHEME):] in keys, f"{item.key}: no chapter {target}"
            else:
                assert target.startswith(("#", "http")), f"{item.key}: a link to nowhere: {target}"
    pictures = {f"images/{p.name}" for p in (manual_folder() / "images").glob("*.png")}
    assert pictures - used_images == set(), "screenshots no chapter shows"


def test_every_form_and_dialog_has_a_chapter():
    keys = {c.key for c in chapters()}
    missing = []
    for name in ui_modules():
        module = __import__(name, fromlist=["_"])
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and issubclass(cls, QDialog) and cls is not FormDialog:
                chapter = help_fields.chapter_of(c.__name__ for c in cls.__mro__)
                if chapter not in keys:
                    missing.append(f"{name}.{cls.__name__} → {chapter}")
    assert missing == [], f"dialogs without a chapter (ui/help/fields.py FORMS or WINDOWS): {missing}"


# ---- every field a tooltip, from the one table -------------------------------------------------


def _label_of(widget: QWidget) -> str:
    """The text of the form row whose field `widget` is ("" for a field beside another's)."""
    node = widget.parentWidget()
    while node is not None:
        layout = node.layout()
        if isinstance(layout, QFormLayout):
            for row in range(layout.rowCount()):
                field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                holder = field.widget() if field is not None else None
                first = holder.layout().itemAt(0) if holder is not None and holder.layout() else None
                if holder is widget or (first is not None and first.widget() is widget):
                    return label.widget().text() if label is not None and label.widget() else ""
            return ""
        node = node.parentWidget()
    return ""


def test_every_form_opens_and_every_field_has_its_tooltip(qtbot, workspace, admin, bureau, tmp_path):
    records = make_records(workspace, admin, bureau)
    used: dict[str, set[str]] = {}
    problems = []
    for name, cls in sorted(form_classes().items()):
        entry = help_fields.form_help(c.__name__ for c in cls.__mro__)
        if entry is None:
            problems.append(f"{name}: no FormHelp in ui/help/fields.py")
            continue
        try:
            opened = open_forms(cls, workspace, admin, records, tmp_path)
        except TypeError as exc:
            problems.append(f"{name}: cannot be opened — say how in tests/ui/every_form.py OPENERS ({exc})")
            continue
        owner = next(n for n in (c.__name__ for c in cls.__mro__) if n in help_fields.FORMS)
        for form in opened:
            qtbot.addWidget(form)
            fields = fields_of(form)
            assert fields, f"{name} has no fields"
            for field, widget in fields.items():
                used.setdefault(owner, set()).add(field)
                if field not in entry.fields:
                    problems.append(f"{name}.{field}: no tooltip in ui/help/fields.py")
                    continue
                label, tip = entry.fields[field]
                if widget.toolTip() != help_fields.tip_html(label, tip):
                    problems.append(f"{name}.{field}: tooltip {widget.toolTip()!r} is not the table's")
                shown = _label_of(widget).rstrip("：:")
                if shown and shown not in label and label not in shown:
                    problems.append(f"{name}.{field}: the table says “{label}”, the form “{shown}”")
    assert problems == [], "\n".join(problems)
    stale = {owner: set(form.fields) - used.get(owner, set())
             for owner, form in help_fields.FORMS.items() if set(form.fields) - used.get(owner, set())}
    assert stale == {}, "table entries no form has"


def test_a_field_without_an_entry_gets_no_made_up_tooltip(qtbot, workspace, admin):
    from ui.dialogs.unit_dialog import UnitDialog

    dialog = UnitDialog(workspace, admin)
    qtbot.addWidget(dialog)
    stray = QWidget(dialog)
    dialog.add_row("新的一栏", stray, "not_in_the_table")
    assert stray.toolTip() == ""
    assert dialog.fields["name"].toolTip().startswith("<qt><b>单位名称</b>")


# ---- F1 ------------------------------------------------------------------------------------


def test_f1_in_a_form_opens_its_chapter_beside_it(qtbot, workspace, admin, bureau):
    from ui.dialogs.person_dialog import PersonDialog

    install_help_key()
    dialog = PersonDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.fields["name"].setFocus()
    QTest.keyClick(dialog.fields["name"], Qt.Key.Key_F1)
    helper = dialog.findChild(HelpWindow)
    assert helper is not None and helper.isVisible()
    assert helper.view.current_key() == "people"
    assert "表单：人员" in helper.view.current.markdown  # the form's fields, from the table
    assert dialog.isVisible()  # the form stays open, everything typed kept


@pytest.mark.parametrize(("page", "tab", "chapter"), [
    ("risks", None, "risks"), ("talks", None, "talks"), ("admin", "备份", "backup-restore"),
    ("reports", "年度归档", "year-archive"), ("home", None, "home")])
def test_f1_on_a_page_opens_its_chapter_and_leads_back(qtbot, workspace, admin, page, tab, chapter):
    install_help_key()
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(page)
    if tab:
        assert window.page(page).findChild(QWidget) is not None
        from ui.screenshot_open import find_target

        tabs, index = find_target(window.page(page), tab)
        tabs.setCurrentIndex(index)
    window.nav.setFocus()
    QTest.keyClick(window.nav, Qt.Key.Key_F1)
    assert window.current_key() == "help"
    help_page = window.page("help")
    assert help_page.view.current_key() == chapter
    assert help_page.back_button.isVisible()
    help_page.back_button.click()
    assert window.current_key() == page
    assert wait_for_tasks(20_000)


def test_f1_finds_the_chapter_of_every_registered_page(qtbot, workspace, admin):
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    known = {c.key for c in chapters()}
    for spec in registered_pages():
        window.show_page(spec.key)
        if spec.key != "admin":  # 系统管理 opens on 系统设置, whose chapter is its own
            assert chapter_for(window.nav, known) == spec.key
    assert wait_for_tasks(20_000)


# ---- the shortcut sheet ----------------------------------------------------------------------


def _live_keys(widgets: list[QWidget]) -> dict[str, str]:
    """Every key a QShortcut or QAction of these widgets carries → where it was found."""
    found: dict[str, str] = {}
    for root in widgets:
        for shortcut in root.findChildren(QShortcut):
            if type(shortcut.parent()).__module__.startswith("PySide6"):
                continue  # Qt's own widget's (a progress window's Esc), none of ours
            if not shortcut.key().isEmpty():
                found.setdefault(portable(shortcut.key()), type(shortcut.parent()).__name__)
        for action in [*root.findChildren(QAction), *root.actions()]:
            for sequence in action.shortcuts():
                if not sequence.isEmpty():
                    found.setdefault(portable(sequence), f"{type(root).__name__}: {action.text()}")
    return found


def test_the_shortcut_sheet_lists_every_shortcut_the_actions_define(qtbot, workspace, admin, bureau, tmp_path):
    from ui.idle_lock import IdleLock

    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.idle_lock = IdleLock(window, workspace)  # as ui/app.py start_safety gives it (Ctrl+L)
    window.show()
    for spec in registered_pages():
        window.show_page(spec.key)
    roots: list[QWidget] = [window]
    records = make_records(workspace, admin, bureau)
    for cls in form_classes().values():
        for form in open_forms(cls, workspace, admin, records, tmp_path):
            qtbot.addWidget(form)
            roots.append(form)
    live = _live_keys(roots)
    unknown = {key: where for key, where in live.items() if key not in bound_keys()}
    assert unknown == {}, "shortcuts made outside ui/shortcuts.py SHORTCUTS"
    unused = bound_keys() - set(live)
    assert unused == set(), "shortcuts in the table that nothing defines"
    sheet = ShortcutSheet(window)
    qtbot.addWidget(sheet)
    listed = " ".join(sheet.listed_keys())
    for key in live:
        assert key_text(QKeySequence(key).toString()) in listed
    assert sheet.model.rowCount() >= len(SHORTCUTS)
    assert wait_for_tasks(20_000)


def test_ctrl_slash_opens_the_sheet(qtbot, workspace, admin):
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    assert any("Ctrl+K" in keys for keys in sheet.listed_keys())


# ---- the manual: search, page, PDF -----------------------------------------------------------


def test_search_finds_sections_and_marks_the_words(qtbot):
    hits = search(chapters(), "备份密码")
    assert hits and hits[0].chapter.key in {"backup-restore", "start"}
    assert any(h.chapter.key == "backup-restore" for h in hits)
    assert search(chapters(), "没有这个词语啊") == []
    assert search(chapters(), "谈话 签字")  # every word, anywhere in the chapter
    view = HelpView()
    qtbot.addWidget(view)
    view.search_box.setText("销号")
    found = view.run_search()
    assert found and view.results.topLevelItemCount() == len(found)
    view._open_item(view.results.topLevelItem(0))
    assert view.current_key() == found[0].chapter.key and view.marked_count() > 0
    view.search_box.setText("没有这个词语啊")
    view.run_search()
    assert "没有找到" in view.found_label.text()


def test_the_help_page_renders_at_1366(qtbot, workspace, admin):
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.navigate("help", {"chapter": "record-talk"})
    page = window.page("help")
    assert page.view.current.title == "录入一次谈话"
    assert page.view.browser.document().toPlainText().startswith("录入一次谈话")
    assert not page.back_button.isVisible()


def test_the_manual_prints_to_one_pdf(qtbot, tmp_path):
    out = tmp_path / "手册.pdf"
    found = chapters()
    pages = write_pdf(found, out, font=QApplication.font(), bureau="测试局", version="9.9", day=__import__("datetime").date(2026, 6, 15))
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and pages > len(found)  # a cover, then a page or more per chapter
    assert shutil.which("pdftotext"), "poppler-utils (.ci/run installs it) reads the PDF back"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    for item in found:
        assert item.title in text


# ---- the import templates ----------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(REGISTERS))
def test_every_import_dialog_offers_its_template(qtbot, workspace, admin, tmp_path, monkeypatch, key):
    from openpyxl import load_workbook

    from ui.dialogs.import_dialog import ImportDialog

    saved = []
    monkeypatch.setattr(messages, "inform_file", lambda _p, text, path: saved.append(path))
    dialog = ImportDialog(workspace, admin, key, title=REGISTERS[key].title)
    qtbot.addWidget(dialog)
    assert dialog.template_button.isVisible() or not dialog.isVisible()
    dialog.save_template(tmp_path / f"{key}模板")
    assert wait_for_tasks(20_000)
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    book = load_workbook(saved[0])
    adapter = REGISTERS[key]
    specs = adapter.sheets or (SheetSpec(adapter.title, adapter.columns),)
    assert len(book.worksheets) == len(specs) + 1  # a sheet per part the import reads, and 填写说明
    for sheet, spec in zip(book.worksheets, specs):
        written = [str(cell.value) for row in sheet.iter_rows(max_row=4) for cell in row if cell.value]
        # every column the import reads is there, the required ones marked *
        for column in spec.columns:
            assert (column.header + ("*" if column.required else "")) in written or column.export_only, \
                f"{key} › {spec.name}: no {column.header}"
    assert any(c.required for c in adapter.columns) or adapter.sheets  # a one-sheet register requires some
    assert saved[0].suffix == ".xlsx"


def test_every_form_opener_names_a_form():
    assert set(OPENERS) <= set(form_classes())


# ---- 首页's first week, 关于, the release notes --------------------------------------------------


def test_the_first_week_list_on_home_ticks_leads_and_goes_away(qtbot, workspace, admin, editor):
    from ui.pages.home_page import HomePage

    page = HomePage(workspace, admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.is_ready, timeout=20_000)
    checklist = page.first_week
    assert checklist.isVisible() and checklist.state is not None
    assert [s.label for s in checklist.state.steps][:3] == ["单位与人员", "导入旧台账", "设置节假日"]
    asked = []
    checklist.navigate_requested.connect(lambda key, filters: asked.append((key, filters)))
    buttons = [b for b in checklist.findChildren(QPushButton) if b is not checklist.dismiss_button]
    buttons[1].click()  # 导入旧台账 → its chapter
    assert asked == [("help", {"chapter": "import-ledgers"})]
    checklist.dismiss()
    assert not checklist.isVisible()
    page.refresh()
    qtbot.waitUntil(page.is_ready, timeout=20_000)
    assert not checklist.isVisible()
    other = HomePage(workspace, editor)  # a clerk does not set the office up
    qtbot.addWidget(other)
    other.show()
    qtbot.waitUntil(other.is_ready, timeout=20_000)
    assert not other.first_week.isVisible()
    assert wait_for_tasks(20_000)


def test_the_help_menu_and_about(qtbot, workspace, admin):
    from ui.help.about import L_BACKUP, L_CHAIN, L_VERSION, AboutDialog

    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window._help_menu.actions() == []  # noqa: SLF001 — filled when first opened (start-up time)
    seen: list[str] = []

    def read_and_close() -> None:
        menu = window._help_menu  # noqa: SLF001
        seen.extend(a.text().split("\t")[0] for a in menu.actions() if a.text() and menu.isVisible())
        menu.close()

    QTimer.singleShot(200, read_and_close)
    window.help_button.showMenu()  # the button's own popup, filled as it opens; returns once closed
    assert seen == ["使用说明", "快捷键一览", "导出使用说明（PDF）…", "新版本说明", "关于清风台账"]
    assert window.help_menu.actions() == window._help_menu.actions()  # noqa: SLF001 — filled once
    about_action = window.help_menu.actions()[-1]
    about_action.trigger()
    dialog = window.page("help").findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.facts is not None, timeout=10_000)
    from app.version import VERSION

    assert dialog.values[L_VERSION].text() == VERSION
    with workspace.reading() as s:
        code = current_head(s).code
    assert dialog.values[L_BACKUP].text() and f">{code}<" in dialog.values[L_CHAIN].text()
    assert "核对校验码" in dialog.values[L_CHAIN].text()  # where it is checked
    names = [row.name for row in dialog.library_model.rows()]
    assert any("PySide6" in name for name in names)
    assert "LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()
    assert wait_for_tasks(20_000)


def test_release_notes_show_once(qtbot, workspace, admin):
    import datetime as dt

    from sqlalchemy import select

    from db.models import User
    from ui.help.release_notes import show_once

    window = QWidget()
    qtbot.addWidget(window)
    assert not show_once(window, workspace, admin)  # an account made today: nothing to show
    with workspace.writing() as s:
        for user in s.scalars(select(User)):
            user.created_at = dt.datetime(2026, 1, 1)
    shown = []

    def read_it() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, read_it)
            return
        shown.append(box.browser.toPlainText())
        box.accept()

    QTimer.singleShot(0, read_it)
    assert show_once(window, workspace, admin)
    assert shown and "这一版有什么新变化" in shown[0]
    assert not show_once(window, workspace, admin)  # once


def test_the_window_shows_the_release_notes_once_it_has_settled(qtbot, workspace, admin):
    """The start path itself: ui.app.settle (after the first paint) shows an upgrade's notes."""
    import datetime as dt

    from sqlalchemy import select

    from db.models import User
    from ui.app import settle
    from ui.help.release_notes import ReleaseNotesDialog

    with workspace.writing() as s:  # accounts older than this version's notes
        for user in s.scalars(select(User)):
            user.created_at = dt.datetime(2026, 1, 1)
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    shown = []

    def read_it() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, ReleaseNotesDialog):
            QTimer.singleShot(20, read_it)
            return
        shown.append(box.browser.toPlainText())
        box.accept()

    QTimer.singleShot(0, read_it)
    settle(window, workspace)
    qtbot.waitUntil(lambda: window.idle_lock is not None and bool(shown), timeout=20_000)
    assert "这一版有什么新变化" in shown[0]
    assert wait_for_tasks(20_000)


def test_screenshot_open_goes_through_a_tab_to_its_button(qtbot, workspace, admin, monkeypatch):
    """The manual's pictures of a tab's own action (`--open "操作日志 › 校验操作日志链"`)."""
    from ui import screenshot_open
    from ui.pages.admin_audit import AuditTab
    from ui.screenshot_open import open_and_grab

    monkeypatch.setattr(screenshot_open, "DIALOG_WAIT_S", 1.0)  # the check opens no dialog: no long wait

    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("admin")
    page = window.page("admin")
    assert open_and_grab(QApplication.instance(), window, page, "操作日志 › 没有这个按钮") is None
    assert open_and_grab(QApplication.instance(), window, page, "没有这个标签 › 校验操作日志链") is None
    picture = open_and_grab(QApplication.instance(), window, page, "操作日志 › 校验操作日志链")
    assert picture is not None and not picture.isNull()
    audit = page.findChild(AuditTab)
    assert audit.isVisible()
    qtbot.waitUntil(lambda: audit.check_label.text().startswith("✔"), timeout=20_000)
    with workspace.reading() as s:
        assert current_head(s).code in audit.check_label.text()
    assert wait_for_tasks(20_000)
