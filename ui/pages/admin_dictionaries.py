"""系统管理 › 数据字典: the domains on the left, their items on the right (short lists)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.dictionaries import DOMAIN_LABELS, DictEntry, load_vocabulary
from app.dictionary_edit import CATEGORY_DOMAIN, CEREMONY_DOMAIN, DictItemDraft, save_item
from app.errors import QingfengError
from app.vocab import DISCIPLINES, FOUR_STYLES
from ui import messages
from ui.models.columns import (
    CENTER,
    RIGHT,
    Column,
    RowsTableModel,
    active_label,
    muted_unless_active,
)
from ui.widgets.field_form import NOTE_STYLE
from ui.widgets.rows_view import ROOMY, rows_view

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

NEW, EDIT, TOGGLE = "新增…", "编辑…", "停用"
ACTIVATE = "启用"
ADMIN_ONLY = "只有管理员可以修改数据字典；当前为只读显示。"
HELP = "存储的是代码，显示的是名称；改名不影响已有记录。导入时按名称和别名识别。"
FORM_LABELS = {1: "第一种形态", 2: "第二种形态", 3: "第三种形态", 4: "第四种形态"}
FORM_DOMAINS = ("disposal_method", "sanction_kind")

COLUMNS = (
    Column("label", "名称", 150),
    Column("aliases", "别名", 260, format=lambda v: "；".join(v), tooltip=True),
    Column("form", "所属形态", 80, format=lambda v: FORM_LABELS.get(v, "")),
    Column("months", "影响期", 60, RIGHT, value=lambda e: e.months or 0, format=lambda v: f"{v} 个月" if v else ""),
    Column("discipline", "纪律类别", 76, format=lambda v: DISCIPLINES.get(v, "")),
    Column("style", "“四风”类别", 76, format=lambda v: FOUR_STYLES.get(v, "")),
    Column("eight_rules", "八项规定", 64, CENTER, format=lambda v: "是" if v else ""),
    Column("forbidden", "不得操办", 64, CENTER, format=lambda v: "是" if v else ""),
    Column("sort_order", "排序", 44, RIGHT),
    Column("active", "状态", 50, CENTER, format=active_label),
    Column("builtin", "内置", 44, CENTER),
)
FORM_COLUMN, MONTHS_COLUMN, ALIASES_COLUMN = 2, 3, 1
# Columns one domain alone has: (column, domain).
OWN_COLUMNS = ((4, CATEGORY_DOMAIN), (5, CATEGORY_DOMAIN), (6, CATEGORY_DOMAIN), (7, CEREMONY_DOMAIN))


class DictionaryTab(QWidget):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.editable = actor.role >= Role.ADMIN and not ws.read_only
        self.domains = QListWidget(self)
        self.domains.setFixedWidth(150)
        self.domains.setStyleSheet("QListWidget::item { padding: 5px 8px; border: 0px; }"
                                   "QListWidget::item:selected { background: #3d7bc7; color: white; }")
        for code, label in DOMAIN_LABELS.items():
            item = QListWidgetItem(label, self.domains)
            item.setData(Qt.ItemDataRole.UserRole, code)
        self.model = RowsTableModel(COLUMNS, row_color=muted_unless_active, parent=self)
        self.view = rows_view(self.model, self, single=True, sortable=True, stretch=ALIASES_COLUMN,
                              row_height=self.fontMetrics().height() + 10, extra_width=ROOMY)
        self.view.horizontalHeader().setSortIndicator(8, Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(lambda _i: self.edit_item())
        self.new_button = QPushButton(NEW, self)
        self.edit_button = QPushButton(EDIT, self)
        self.toggle_button = QPushButton(TOGGLE, self)
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_item)
        self.toggle_button.clicked.connect(self.toggle_item)
        note = QLabel(HELP if self.editable else ADMIN_ONLY, self)
        note.setStyleSheet(NOTE_STYLE)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(buttons)
        right.addWidget(self.view, 1)
        right.addWidget(note)
        layout = QHBoxLayout(self)
        layout.addWidget(self.domains)
        layout.addLayout(right, 1)
        self.domains.currentRowChanged.connect(lambda _r: self.reload())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.domains.setCurrentRow(0)

    def domain(self) -> str:
        item = self.domains.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def selected(self) -> DictEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def reload(self, select_id: int | None = None) -> None:
        with self.ws.reading() as session:
            entries = load_vocabulary(session).entries(self.domain(), include_inactive=True)
        self.model.set_rows(entries)
        header = self.view.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.view.setColumnHidden(FORM_COLUMN, self.domain() not in FORM_DOMAINS)
        self.view.setColumnHidden(MONTHS_COLUMN, self.domain() != "sanction_kind")
        for column, domain in OWN_COLUMNS:
            self.view.setColumnHidden(column, self.domain() != domain)
        for number, entry in enumerate(self.model.rows()):
            if entry.id == select_id:
                self.view.selectRow(number)
        self.update_buttons()

    def update_buttons(self) -> None:
        entry = self.selected()
        self.new_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and entry is not None)
        self.toggle_button.setEnabled(self.editable and entry is not None)
        self.toggle_button.setText(ACTIVATE if entry is not None and not entry.active else TOGGLE)

    def new_item(self) -> None:
        from ui.dialogs.dict_item_dialog import DictItemDialog

        dialog = DictItemDialog(self.ws, self.actor, self.domain(), parent=self)
        if dialog.exec():
            self.reload(dialog.saved_id)

    def edit_item(self) -> None:
        from ui.dialogs.dict_item_dialog import DictItemDialog

        entry = self.selected()
        if entry is not None and self.editable:
            dialog = DictItemDialog(self.ws, self.actor, self.domain(), entry, parent=self)
            if dialog.exec():
                self.reload(entry.id)

    def toggle_item(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        draft = DictItemDraft(domain=entry.domain, label=entry.label, aliases=entry.aliases,
                              form=entry.form, sort_order=entry.sort_order, active=not entry.active,
                              id=entry.id, version=entry.version, months=entry.months, bars=entry.bars)
        try:
            with self.ws.writing() as session:
                save_item(session, self.actor, draft)
        except QingfengError as exc:
            messages.warn(self, str(exc))
        self.reload(entry.id)
