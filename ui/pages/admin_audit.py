"""系统管理 › 操作日志 (管理员): who did what when, with old and new values; filters by user,
action, register, date range and text, paged in SQL; printed like a register (and the print
audited); the chain check with a plain result, against the heads recorded in backups."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import audit_log as svc
from app.audit import ChainHead
from app.auth import Actor
from app.vocab import AUDIT_ACTIONS, ENTITY_LABELS
from app.workspace.checks import CheckReport, check_workspace
from ui import messages
from ui.models.columns import RIGHT, Column, RowsTableModel
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages.base import PRINT, RegisterPage
from ui.widgets.filters import DateRangeFilter
from ui.workers import run_task

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

TITLE = "操作日志"
ALL_USERS, ALL_ACTIONS, ALL_ENTITIES = "全部用户", "全部操作", "全部对象"
SEARCH = "搜索摘要、原值、新值（Ctrl+F）"
COUNT = "共 {count} 条操作记录"
CHECK = "校验操作日志链"
CHECK_CODE = "核对校验码…"
CHECK_CODE_TIP = "输入抄存的校验码（备份、报告或归档清单上的“编号:校验字符”），核对操作日志仍包含它"
CODE_TITLE, CODE_LABEL = "核对校验码", "校验码（如 1234:ABCDEFGHIJKLMNOP）："
CODE_BAD = "校验码格式不对：应为“编号:校验字符”，校验字符至少 16 个，如 1234:ABCDEFGHIJKLMNOP。"
CHECK_TIP = ("逐条核对哈希链，与备份中记录的链头比对，重算每条记录的封存值并核对附件文件，"
             "发现被改动、删除、截断或在程序之外改动的记录")
CHECKING = "正在校验操作日志链…"
CHECK_OK, CHECK_BAD = "✔ {text}", "✘ {text}"
DETAIL_EMPTY = "选中一条记录，查看改动前后的值。"
DETAIL_HEAD = "第 {id} 条 · {at:%Y-%m-%d %H:%M:%S} · {user} · {action} · {entity}{record}"
NO_FIELDS = "这条记录没有字段改动（{summary}）"
OK_STYLE, BAD_STYLE = "color: #1e7d32; font-weight: bold;", "color: #c0392b; font-weight: bold;"

COLUMNS = (
    Column("id", "序号", 56, RIGHT, sort_key="id"),
    Column("at", "时间", 140, format=lambda v: v.strftime("%Y-%m-%d %H:%M:%S")),
    Column("user_name", "用户", 90, sort_key="user"),
    Column("action_label", "操作", 70, sort_key="action"),
    Column("entity_label", "对象", 100, sort_key="entity"),
    Column("entity_id", "记录号", 56, RIGHT),
    Column("changed_fields", "改动字段", 180, tooltip=True),
    Column("summary", "摘要", 300, tooltip=True, stretch=True),
)
DIFF_COLUMNS = (
    Column("label", "字段", 140),
    Column("old", "原值", 300, tooltip=True),
    Column("new", "新值", 300, tooltip=True),
)


class AuditTab(RegisterPage):
    TITLE = TITLE
    ACTIONS = (PRINT,)
    SEARCH_PLACEHOLDER = SEARCH
    COUNT_TEXT = COUNT

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self.last_check: CheckReport | None = None
        super().__init__(ws, actor, parent)
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.model.modelReset.connect(self.show_detail)
        # The check's result on its own line under the toolbar: it names the 校验码 and findings.
        self.layout().insertWidget(1, self.check_label)

    # ---- RegisterPage hooks ----------------------------------------------------------------

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, svc.audit_rows, sort_column=0, descending=True)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            users, entities = svc.audit_users(session), svc.audit_entities(session)
        self.user_combo = _combo(self, ALL_USERS, [(u, u) for u in users])
        self.action_combo = _combo(self, ALL_ACTIONS, [(label, code) for code, label in AUDIT_ACTIONS.items()])
        self.entity_combo = _combo(self, ALL_ENTITIES,
                                   [(ENTITY_LABELS.get(e, e), e) for e in entities])
        today = self.ws.today()
        self.dates = DateRangeFilter(today.replace(day=1), today, self)
        for combo in (self.user_combo, self.action_combo, self.entity_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
            bar.addWidget(combo)
        self.dates.changed.connect(self.refresh)
        bar.addWidget(self.dates)

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.check_action = QAction(CHECK, self)
        self.check_action.setToolTip(CHECK_TIP)
        self.check_action.triggered.connect(self.check_chain)
        toolbar.addAction(self.check_action)
        self.code_action = QAction(CHECK_CODE, self)
        self.code_action.setToolTip(CHECK_CODE_TIP)
        self.code_action.triggered.connect(lambda: self.check_code())
        toolbar.addAction(self.code_action)
        self.check_label = QLabel(self)
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the code

    def query(self) -> FetchIds:
        date_from, date_to = self.dates.range()
        filt = svc.AuditFilter(user=self.user_combo.currentData(), action=self.action_combo.currentData(),
                               entity=self.entity_combo.currentData(), date_from=date_from,
                               date_to=date_to, text=self.search_box.text())
        actor = self.actor
        return lambda session, sort, descending: svc.search_audit_ids(session, actor, filt, sort or "id",
                                                                      descending)

    # ---- the detail: field · old · new -----------------------------------------------------

    def _build_detail(self) -> QWidget:
        box = QWidget(self)
        self.detail_label = QLabel(DETAIL_EMPTY, box)
        self.detail_label.setWordWrap(True)
        self.diff_model = RowsTableModel(DIFF_COLUMNS, parent=self)
        self.diff_view = QTableView(box)
        self.diff_view.setModel(self.diff_model)
        self.diff_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.diff_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.diff_view.verticalHeader().setVisible(False)
        self.diff_view.setWordWrap(True)
        header = self.diff_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.diff_view.setColumnWidth(0, 150)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.diff_view, 1)
        return box

    def show_detail(self) -> None:
        row: Any = self.selected_row()
        if row is None:
            self.detail_label.setText(DETAIL_EMPTY)
            self.diff_model.set_rows([])
            return
        with self.ws.reading() as session:
            changes = svc.field_changes(session, row)
        record = f" {row.entity_id}" if row.entity_id else ""
        head = DETAIL_HEAD.format(id=row.id, at=row.at, user=row.user_name, action=row.action_label,
                                  entity=row.entity_label, record=record)
        summary = f"\n{row.summary}" if row.summary else ""
        self.detail_label.setText(head + (summary if changes else "\n" + NO_FIELDS.format(
            summary=row.summary or "—")))
        self.diff_model.set_rows(changes)
        self.diff_view.resizeRowsToContents()

    # ---- the chain check -------------------------------------------------------------------

    def check_chain(self, heads: list[tuple[str, ChainHead]] | None = None) -> None:
        """`check` off the GUI thread (against `heads` too: 校验码 written down)."""
        self.check_action.setEnabled(False)
        self.check_label.setStyleSheet("")
        self.check_label.setText(CHECKING)
        ws, extra = self.ws, list(heads or [])
        run_task(self, lambda _progress: check_workspace(ws, extra), on_done=self._checked,
                 on_error=self._check_failed)

    def check_code(self, written: str | None = None) -> bool:
        """Asks for a 校验码 (or takes `written`) and checks the chain against it."""
        written = written if written is not None else messages.ask_text(self, CODE_TITLE, CODE_LABEL)
        if written is None:
            return False
        head = ChainHead.from_code(written)
        if head is None:
            messages.warn(self, CODE_BAD)
            return False
        self.check_chain([(f"校验码 {written.strip()}", head)])
        return True

    def _checked(self, report: CheckReport) -> None:
        self.last_check = report
        self.check_action.setEnabled(True)
        # The headline of each finding; the records it names (indented lines) in the tooltip.
        text = "；".join(_plain(line) for line in report.lines
                        if not line.startswith(("数据文件完整", " ")))
        self.check_label.setText((CHECK_OK if report.ok else CHECK_BAD).format(text=text))
        self.check_label.setStyleSheet(OK_STYLE if report.ok else BAD_STYLE)
        self.check_label.setToolTip("\n".join(report.lines))

    def _check_failed(self, exc: BaseException) -> None:
        self.check_action.setEnabled(True)
        self.check_label.setText("")
        self.show_error(exc)


def _plain(line: str) -> str:
    """A line of the check as one clause of the label."""
    return line.rstrip("。：:")


def _combo(parent: QWidget, everything: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(everything, None)
    for label, data in items:
        combo.addItem(label, data)
    combo.setMinimumWidth(110)
    return combo
