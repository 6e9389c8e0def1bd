"""Every keyboard shortcut of the program, in one table: the code makes its QShortcut and
QAction keys from `SHORTCUTS` (`make_shortcut`, `bind_action`), and 快捷键一览 and the manual's
shortcut chapter are generated from the same table, so the sheet cannot drift from the keys.

An entry with `bound=False` is a key a widget handles itself (Enter in a table, Esc in a search
box, F1 through the help key filter): listed for the clerk, made by no QShortcut.
tests/ui/test_help.py walks the live window, every page and every form, and fails on a
QShortcut or QAction whose key is not in this table, and on a bound entry nothing uses.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

ANYWHERE = "任何页面"
REGISTER_PAGES = "台账页面（风险点、检查、谈话、台账、报备、人员等）"
HOME = "首页"
FORMS = "表单（新增、编辑记录的窗口）"
TALK_FORM = "谈话记录表单"
PEOPLE_BOX = "谈话人、被谈话人等人员输入框"
SEARCH_ALL = "搜索全部（Ctrl+K）窗口"
LISTS = "附件列表、首页的草稿列表"
HELP_WINDOWS = "任何页面和表单"
PAGE_WHAT = "切换到“{label}”"
PAGE_KEYS = ("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6", "Ctrl+7", "Ctrl+8",
             "Ctrl+9", "Ctrl+0")
# How a key is written on the sheet (Qt's own names are English).
KEY_NAMES = {"Return": "Enter", "Escape": "Esc", "Down": "↓", "Up": "↑", "Backspace": "退格键",
             "Space": "空格键", "Delete": "Delete"}


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]  # Qt's portable text: "Ctrl+S", "F5", "Return"
    what: str
    where: str
    bound: bool = True     # made by make_shortcut / bind_action; False: a widget's own key handling


SHORTCUTS: dict[str, Shortcut] = {
    "help": Shortcut(("F1",), "打开当前页面或表单的使用说明", HELP_WINDOWS, bound=False),
    "shortcuts": Shortcut(("Ctrl+/",), "快捷键一览（本表）", ANYWHERE),
    "page": Shortcut(PAGE_KEYS, "切换到导航栏中的第 1–10 个页面", ANYWHERE),
    "search_all": Shortcut(("Ctrl+K",), "搜索全部台账：姓名、拼音首字母或任意文字", ANYWHERE),
    "lock": Shortcut(("Ctrl+L",), "立即锁定程序（离开电脑时）", ANYWHERE),
    "new": Shortcut(("Ctrl+N",), "新增一条记录", REGISTER_PAGES),
    "find": Shortcut(("Ctrl+F",), "跳到本页的搜索框", REGISTER_PAGES),
    "edit": Shortcut(("Return",), "编辑（只读时查看）选中的记录，双击也可", REGISTER_PAGES, bound=False),
    "to_results": Shortcut(("Down",), "在搜索框中：进入下方的列表", REGISTER_PAGES, bound=False),
    "clear_search": Shortcut(("Esc",), "在搜索框中：清空搜索", REGISTER_PAGES, bound=False),
    "refresh_home": Shortcut(("F5",), "重新统计首页的数字和提醒", HOME),
    "save": Shortcut(("Ctrl+S",), "保存表单", FORMS),
    "save_by_keyboard": Shortcut(("Ctrl+Return", "Ctrl+Enter"),
                                 "保存；谈话记录表单中为“保存并新建”（保留类型、日期、地点、事由和谈话人，光标到被谈话人）",
                                 FORMS),
    "next_field": Shortcut(("Return",), "在单行输入框中：移到下一栏（多行输入框中为换行）", FORMS, bound=False),
    "close_form": Shortcut(("Esc",), "关闭表单；已填写的内容保留为草稿，下次打开时可以恢复", FORMS, bound=False),
    "clear_date": Shortcut(("Space",), "在可选的日期中：清空这个日期（输入数字即重新填写）", FORMS, bound=False),
    "outline": Shortcut(("Ctrl+T",), "按谈话类型插入提纲", TALK_FORM),
    "phrases": Shortcut(("Ctrl+J",), "插入常用语", TALK_FORM),
    "pick_person": Shortcut(("Return",), "添加列表中选中的人员（外单位人员写成“姓名（单位·职务）”）",
                            PEOPLE_BOX, bound=False),
    "unpick_person": Shortcut(("Backspace",), "输入框为空时：移除最后一位人员", PEOPLE_BOX, bound=False),
    "delete_item": Shortcut(("Delete",), "删除所选的附件（保存后生效），或首页草稿列表中所选的草稿", LISTS,
                            bound=False),
    "search_move": Shortcut(("Up", "Down"), "选择上一条、下一条结果", SEARCH_ALL, bound=False),
    "search_open": Shortcut(("Return",), "打开所选记录", SEARCH_ALL, bound=False),
}


def keys_of(name: str) -> tuple[str, ...]:
    return SHORTCUTS[name].keys


def make_shortcut(parent: QWidget, name: str, slot: Callable[[], object], *, index: int | None = None,
                  context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> list[QShortcut]:
    """QShortcuts on `parent` for the entry `name` (every key of it, or only keys[index])."""
    entry = SHORTCUTS[name]
    keys = entry.keys if index is None else (entry.keys[index],)
    made = []
    for key in keys:
        shortcut = QShortcut(QKeySequence(key), parent)
        shortcut.setContext(context)
        shortcut.setWhatsThis(entry.what)
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made


def bind_action(action: QAction, name: str,
                context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QAction:
    """The entry's keys on `action` (a toolbar button's shortcut)."""
    action.setShortcuts([QKeySequence(key) for key in SHORTCUTS[name].keys])
    action.setShortcutContext(context)
    return action


def key_text(key: str) -> str:
    """"Ctrl+Return" → "Ctrl+Enter": how the sheet writes a key."""
    return "+".join(KEY_NAMES.get(part, part) for part in key.split("+")) if key != "+" else key


@dataclass(frozen=True)
class SheetRow:
    keys: str   # "Ctrl+S", or "↑ 或 ↓"
    what: str
    where: str


def sheet_rows(page_labels: Sequence[str]) -> list[SheetRow]:
    """快捷键一览, row by row in the table's order; the page keys spelled out per page."""
    rows: list[SheetRow] = []
    for name, entry in SHORTCUTS.items():
        if name == "page":
            rows += [SheetRow(key_text(PAGE_KEYS[n]), PAGE_WHAT.format(label=label), entry.where)
                     for n, label in enumerate(page_labels[:len(PAGE_KEYS)])]
            continue
        shown = list(dict.fromkeys(key_text(k) for k in entry.keys))
        rows.append(SheetRow(" 或 ".join(shown), entry.what, entry.where))
    return rows


def portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def bound_keys() -> set[str]:
    """Every key a QShortcut or QAction of ours may carry, in Qt's portable text."""
    return {portable(QKeySequence(key)) for entry in SHORTCUTS.values() if entry.bound for key in entry.keys}
