"""Every form, found by walking ui/ (tests/ui/forms_world.py): the Tab order is complete, has no
trap and follows what is drawn; the focus starts in the first field; Enter moves on; a draft
survives Esc, a declined offer and the idle lock. (A form killed mid-typing: test_form_crash.py.)"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app import drafts
from tests.conftest import PASSWORD
from tests.ui.forms_world import (
    EDIT_FACTORIES,
    FACTORIES,
    NOTHING_TO_KEEP,
    Keys,
    build_world,
    form_classes,
    open_form,
)
from ui.dialogs.drafted import request_restore
from ui.dialogs.form import FormDialog
from ui.idle_lock import IdleLock
from ui.widgets.focus_chain import LEAVES

FORMS = form_classes()
NAMES = [c.__name__ for c in FORMS]
KEPT = [c for c in FORMS if c.__name__ not in NOTHING_TO_KEEP]


@pytest.fixture
def world(workspace, admin):  # noqa: ANN001, ANN201
    return build_world(workspace, admin)


def _shown(qtbot, dialog: FormDialog) -> FormDialog:  # noqa: ANN001
    qtbot.addWidget(dialog)
    dialog.resize(max(dialog.width(), 600), dialog.height())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget()),
                    timeout=10_000)
    return dialog


def _inside_leaf(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, LEAVES):
            return True
        parent = parent.parentWidget()
    return False


def _reachable(dialog: QWidget) -> list[QWidget]:
    """What Tab must reach: every visible, enabled widget under the dialog that takes Tab."""
    return [w for w in dialog.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.focusProxy() is None and not w.isWindow() and not _inside_leaf(w, dialog)]


def _walk(dialog: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget]:
    """Tab (or Shift+Tab) from where the focus is until it comes back; fails on a trap."""
    start = QApplication.focusWidget()
    seen = [start]
    for _ in range(200):
        QApplication.processEvents()
        before = QApplication.focusWidget()
        Keys().press(key)
        after = QApplication.focusWidget()
        assert after is not before, f"Tab is trapped in {type(before).__name__} {before.objectName()}"
        if after is start:
            return seen
        seen.append(after)
    raise AssertionError("Tab never came back to the first field")


def _rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def _reading_order_problems(dialog: QWidget, stops: list[QWidget]) -> list[str]:
    """Tab follows what is drawn: on a line it goes right; otherwise down; it goes up only
    into a column further right, and only once the column it leaves has no field left below."""
    rects = {id(w): _rect(w, dialog) for w in stops}
    problems = []
    for number, (a, b) in enumerate(zip(stops, stops[1:], strict=False)):
        ra, rb = rects[id(a)], rects[id(b)]
        name = f"{type(a).__name__}→{type(b).__name__} (stop {number})"
        if rb.top() < ra.bottom() and ra.top() < rb.bottom():  # the same line
            if rb.left() < ra.left():
                problems.append(f"{name} goes back left on a line")
        elif rb.top() < ra.top():
            if rb.left() < ra.right() - 2:
                problems.append(f"{name} goes back up")
            visited = {id(w) for w in stops[:number + 1]}
            column = []  # the column Tab moves into: the stops from b on right of a
            for w in stops[number + 1:]:
                if rects[id(w)].left() < ra.right() - 2:
                    break
                column.append(rects[id(w)])
            end = max(r.bottom() for r in column)
            below = [w for w in stops if id(w) not in visited and w is not b  # in the column left
                     and ra.top() < rects[id(w)].top() < end and rects[id(w)].right() < rb.left()
                     and rects[id(w)].left() < ra.right() and ra.left() < rects[id(w)].right()]
            if below:
                problems.append(f"{name} leaves {len(below)} field(s) below for later")
    return problems


def test_every_form_is_known(qtbot, workspace, admin, world):
    """Each form opens from FACTORIES or as `Form(ws, actor)`: a new form is covered here."""
    assert {"TalkDialog", "LedgerDialog", "RiskDialog", "FindingDialog", "InspectionDialog",
            "CeremonyDialog"} <= set(NAMES)
    for cls in FORMS:
        dialog = open_form(cls, workspace, admin, world)
        qtbot.addWidget(dialog)
        assert isinstance(dialog, cls)
        dialog.reject()
    assert set(EDIT_FACTORIES) <= set(NAMES) and set(FACTORIES) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_tab_order_is_complete_natural_and_starts_in_the_first_field(qtbot, workspace, admin, world, name):
    cls = next(c for c in FORMS if c.__name__ == name)
    for factory in (lambda: open_form(cls, workspace, admin, world),
                    *([lambda: EDIT_FACTORIES[name](workspace, admin, world)] if name in EDIT_FACTORIES else [])):
        dialog = _shown(qtbot, factory())
        first = QApplication.focusWidget()
        assert first is dialog.first_field() and first not in dialog.buttons.buttons(), \
            f"{name}: the focus starts on {type(first).__name__}, not in the first field"
        stops = _walk(dialog)
        reachable = _reachable(dialog)
        assert len(stops) == len({id(w) for w in stops}), f"{name}: a field is visited twice"
        missing = [f"{type(w).__name__}:{w.objectName()}" for w in reachable if w not in stops]
        assert missing == [], f"{name}: Tab never reaches {missing}"
        assert [w for w in stops if w not in reachable] == []
        assert _reading_order_problems(dialog, stops) == [], name
        backwards = _walk(dialog, Qt.Key.Key_Backtab)
        assert backwards == [stops[0], *reversed(stops[1:])], f"{name}: Shift+Tab is not Tab reversed"
        dialog.reject()


@pytest.mark.parametrize("name", NAMES)
def test_enter_in_a_one_line_field_moves_on(qtbot, workspace, admin, world, name):
    cls = next(c for c in FORMS if c.__name__ == name)
    dialog = _shown(qtbot, open_form(cls, workspace, admin, world))
    stops = _walk(dialog)
    one_line = (QLineEdit, QComboBox, QAbstractSpinBox, QCheckBox)
    for here, following in zip(stops, stops[1:], strict=False):
        if not isinstance(here, one_line) or here in dialog.buttons.buttons():
            continue
        if isinstance(here, QLineEdit) and here.text().strip() and not isinstance(here.parentWidget(), QComboBox):
            continue  # a person picker with a name in it takes Enter as its pick
        here.setFocus(Qt.FocusReason.TabFocusReason)
        Keys().press(Qt.Key.Key_Return)
        expected = dialog.save_button if following in dialog.buttons.buttons() else following
        assert QApplication.focusWidget() is (expected or following), \
            f"{name}: Enter in {type(here).__name__} went to {type(QApplication.focusWidget()).__name__}"
        assert dialog.isVisible(), f"{name}: Enter in {type(here).__name__} closed the form"
    dialog.reject()


EXPECTED_ORDER = {
    "TalkDialog": ["kind_combo", "date_edit", "time_edit", "end_edit", "place_edit", "reason_combo", "talkers",
                   "talkees", "recorders", "content_edit", "response_edit", "follow_up_edit",
                   "signed_check", "links", "attachments"],
    "LedgerDialog": ["person_picker", "unit_combo", "position_edit", "rank_edit", "political_combo",
                     "leader_check", "key_post_edit", "refill_button", "source_combo", "handling_combo",
                     "problem_edit", "methods_list", "organ_combo", "date_edit", "handler_edit",
                     "impact_date", "planned_date", "done_date", "result_edit", "notes_edit", "tabs"],
    "RiskDialog": ["unit_combo", "code_edit", "post_edit", "duty_edit", "name_edit", "year_spin",
                   "description_edit", "category_combo", "likelihood_spin", "consequence_spin",
                   "level_combo", "person_edit", "leader_edit", "review_edit", "status_combo",
                   "measures_edit"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_ORDER))
def test_the_main_forms_follow_the_paper_form(qtbot, workspace, admin, world, name):
    """The three forms a clerk fills most, field by field as the paper form has them."""
    cls = next(c for c in FORMS if c.__name__ == name)
    dialog = _shown(qtbot, open_form(cls, workspace, admin, world))
    stops = _walk(dialog)
    owners = {id(getattr(dialog, field)): field for field in EXPECTED_ORDER[name]}
    order = []
    for widget in stops:
        holder = widget
        while holder is not None and id(holder) not in owners:
            holder = holder.parentWidget()
        if holder is not None and (not order or order[-1] != owners[id(holder)]):
            order.append(owners[id(holder)])
    assert order == EXPECTED_ORDER[name]
    dialog.reject()


def test_the_chinese_input_check_tabs_to_the_place_field(qtbot, workspace, admin, world):
    """tests/shipping/test_chinese_input.py types pinyin after TABS_TO_PLACE Tabs from the new talk
    form's first field; it runs only in the slow tier, so the count is held to the form here."""
    from tests.shipping.test_chinese_input import TABS_TO_PLACE
    from ui.dialogs.talk_dialog import TalkDialog

    dialog = _shown(qtbot, open_form(TalkDialog, workspace, admin, world))
    stops = _walk(dialog)
    assert stops[0] is dialog.first_field()
    assert stops.index(dialog.place_edit) == TABS_TO_PLACE
    dialog.reject()


# ---- drafts ----------------------------------------------------------------------------------


def text_field(dialog: FormDialog) -> QWidget | None:
    """The first field in Tab order one types text into (reached by Tab, as a clerk would)."""
    for _ in range(80):
        focused = QApplication.focusWidget()
        if isinstance(focused, QComboBox) and focused.isEditable() and not focused.currentText():
            return focused
        if isinstance(focused, QPlainTextEdit) or (
                isinstance(focused, QLineEdit) and focused.echoMode() == QLineEdit.EchoMode.Normal
                and not focused.isReadOnly() and not isinstance(focused.parentWidget(), QAbstractSpinBox | QComboBox)):
            return focused
        Keys().press(Qt.Key.Key_Tab)
    return None


def _typed_in(saved: drafts.SavedDraft, text: str) -> bool:
    return text in repr(saved.fields)


def _drafts(ws, actor, cls) -> list[drafts.SavedDraft]:  # noqa: ANN001
    with ws.reading() as s:
        return drafts.drafts_of(s, actor, cls.__name__ + ":")


@pytest.mark.parametrize("name", [c.__name__ for c in KEPT])
def test_a_draft_survives_esc_and_a_declined_offer_and_comes_back_on_request(
        qtbot, workspace, admin, world, shown_messages, name):
    cls = next(c for c in FORMS if c.__name__ == name)
    dialog = _shown(qtbot, open_form(cls, workspace, admin, world))
    field = text_field(dialog)
    assert field is not None, f"{name}: no text field"
    keys = Keys()
    keys.type("草稿内容42")
    for _ in range(3):  # Esc (a list the typing opened closes first)
        if dialog.isVisible():
            keys.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible() and shown_messages.texts("ask") == []
    [kept] = _drafts(workspace, admin, cls)
    assert _typed_in(kept, "草稿内容42") and not kept.declined

    shown_messages.answers.append(False)  # 暂不恢复
    again = _shown(qtbot, open_form(cls, workspace, admin, world))
    assert len(shown_messages.texts("ask")) == 1 and "草稿" in shown_messages.texts("ask")[0]
    assert "草稿内容42" not in repr(again.form_state())
    again.reject()
    [still] = _drafts(workspace, admin, cls)  # declining kept it
    assert still.form_key == kept.form_key and still.declined and _typed_in(still, "草稿内容42")
    third = _shown(qtbot, open_form(cls, workspace, admin, world))
    assert len(shown_messages.texts("ask")) == 1  # declined: not asked again
    third.reject()

    request_restore(kept.form_key)  # 首页 › 恢复: the form opens with it, no question
    restored = _shown(qtbot, open_form(cls, workspace, admin, world))
    assert "草稿内容42" in repr(restored.form_state()) and len(shown_messages.texts("ask")) == 1
    assert QApplication.focusWidget() is restored.first_field()
    restored.reject()


@pytest.mark.parametrize("name", [c.__name__ for c in KEPT])
def test_the_idle_lock_stores_the_draft_and_gives_the_field_back(qtbot, workspace, admin, world, name):
    cls = next(c for c in FORMS if c.__name__ == name)
    workspace.sign_in("admin", PASSWORD)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, workspace, check_ms=60_000)
    dialog = open_form(cls, workspace, admin, world)
    dialog.setParent(window, dialog.windowFlags())
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    _shown(qtbot, dialog)
    field = text_field(dialog)
    Keys().type("锁屏前")
    lock.lock(manual=True)
    assert lock.locked and QApplication.focusWidget() is lock.curtains[dialog].password_edit
    [kept] = _drafts(workspace, admin, cls)  # stored as the curtain took the focus
    assert _typed_in(kept, "锁屏前")
    assert lock.try_unlock(lock.curtains[dialog], PASSWORD)
    assert QApplication.focusWidget() is field  # back where the typing was
    Keys().type("又写")
    assert "锁屏前又写" in repr(dialog.form_state())
    dialog.reject()



def test_drafts_are_listed_on_the_home_page_and_reopened_or_deleted_by_keyboard(
        qtbot, workspace, admin, world, shown_messages):
    from PySide6.QtCore import QTimer

    from ui.dialogs.talk_dialog import TalkDialog
    from ui.main_window import MainWindow

    workspace.sign_in("admin", PASSWORD)
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    talks = window.page("talks")
    shown_messages.answers.append(False)  # the second form is offered the first draft: not now
    for text in ("第一份草稿", "第二份草稿"):
        dialog = _shown(qtbot, talks.make_dialog())
        dialog.content_edit.setFocus()
        Keys().type(text)
        Keys().press(Qt.Key.Key_Escape)
    window.show_start_page()
    window.show()
    home = window.page("home")
    qtbot.waitUntil(lambda: home.draft_list.isVisible() and home.draft_list.list.count() == 2, timeout=10_000)
    assert "谈话记录" in home.draft_list.list.item(0).text()
    seen: list[str] = []

    def in_the_form() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, TalkDialog):
            QTimer.singleShot(20, in_the_form)
            return
        seen.append(modal.content_edit.toPlainText())
        modal.reject()

    QTimer.singleShot(0, in_the_form)
    home.draft_list.list.setFocus()
    Keys().press(Qt.Key.Key_Return)  # the newest, on the talks page, in its form
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == ["第二份草稿"] and window.current_key() == "talks"
    assert len(shown_messages.texts("ask")) == 1  # restored on request, no question
    window.show_page("home")
    qtbot.waitUntil(lambda: home.draft_list.list.count() == 2, timeout=10_000)
    window.activateWindow()
    home.draft_list.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is home.draft_list.list, timeout=10_000)
    shown_messages.answers.append(True)  # 删除
    Keys().press(Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: home.draft_list.list.count() == 1, timeout=10_000)
    with workspace.reading() as s:
        [left] = drafts.drafts_of(s, admin)
    assert "第一份草稿" in repr(left.fields)


def test_every_register_page_with_a_form_reopens_its_drafts():
    """A page's FORM names the form its drafts belong to; 首页's draft list finds the page
    through FORM_PAGES. A register page without FORM, or whose FORM FORM_PAGES does not know,
    would leave its drafts unopenable from 首页."""
    import importlib
    import inspect
    import pkgutil

    import ui.pages
    from ui.pages.base import RegisterPage
    from ui.pages.registry import FORM_PAGES

    missing, seen = [], 0
    for info in pkgutil.iter_modules(ui.pages.__path__, "ui.pages."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, RegisterPage) and cls.__module__ == module.__name__):
                continue
            seen += 1
            if cls.EXCEL_KEY and cls.EXCEL_KEY not in ("units",) and not cls.FORM:
                missing.append(f"{cls.__name__}: no FORM")
            if cls.FORM and cls.FORM not in FORM_PAGES:
                missing.append(f"{cls.__name__}: {cls.FORM} not in FORM_PAGES")
    assert seen >= 8 and missing == []
