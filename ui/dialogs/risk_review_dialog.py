"""年度排查: start a year's 排查 (last year's confirmed risk points copied as drafts), see per unit
what is new, re-levelled and retired, and confirm one unit or all. Drafts count nowhere until
confirmed. The work runs in the background (it grows with the register)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.registers.risks import review
from ui import messages
from ui.dialogs.form import NOTE_STYLE
from ui.models.columns import CENTER, MUTED, RIGHT, Column, RowsTableModel
from ui.widgets.rows_view import rows_view
from ui.workers import run_task

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

TITLE = "年度廉政风险排查"
L_YEAR = "排查年度"
START = "开始 {year} 年度排查"
START_TIP = "把此前最近一个年度已确认的风险点复制为本年度草稿（已有本年度评估的不重复复制）"
ASK_START = "将把 {source} 年度已确认的风险点复制为 {year} 年度草稿（措施一并复制）。\n草稿确认前不计入任何统计。继续吗？"
STARTED = "已从 {source} 年度复制 {copied} 个风险点为 {year} 年度草稿（{already} 个已有本年度评估，未重复复制）。"
NOTHING_TO_COPY = "{year} 年度之前没有已确认的风险点，无可复制；可直接新增或从 Excel 导入。"
CONFIRM_UNIT, CONFIRM_ALL = "确认本单位", "全部确认"
ASK_CONFIRM = "确认{scope} {year} 年度的 {count} 条草稿吗？\n确认后计入统计图表、首页和防控等级。"
CONFIRMED = "已确认 {count} 条。"
SUMMARY = ("{year} 年度：{units} 个单位，已确认 {confirmed} 条，草稿 {drafts} 条待确认；"
           "与各风险点上一次确认的等级相比：新增 {new}、等级调整 {relevel}、停用 {retired}")
EMPTY = "{year} 年度还没有风险点。可开始排查，把上年度已确认的风险点复制为草稿。"
HINT = "草稿在“廉政风险点”页中修改（状态选“草稿”）；调整等级须写明原因，留作动态调整记录。"
LOADING = "正在比对…"
CLOSE = "关闭"

UNIT_COLUMNS = (
    Column("unit_name", "单位/科室", 130), Column("drafts", "草稿", 44, RIGHT),
    Column("new", "新增", 44, RIGHT), Column("relevel", "等级调整", 60, RIGHT),
    Column("retired", "停用", 44, RIGHT), Column("confirmed", "已确认", 52, RIGHT),
)
CHANGE_COLOURS = {review.NEW: "#1e8449", review.RELEVEL: "#c0392b", review.RETIRE: MUTED}


@dataclass(frozen=True)
class _UnitLine:
    unit_id: int
    unit_name: str
    drafts: int
    new: int
    relevel: int
    retired: int
    confirmed: int
    items: tuple[review.ReviewItem, ...]


class ReviewDialog(QDialog):
    loaded = Signal()

    def __init__(self, ws: Workspace, actor: Actor, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.settings = ws, actor, ws.settings
        self.changed_year: int | None = None
        self.loading = False
        self.setWindowTitle(TITLE)
        label = self.settings.level_label
        item_columns = (
            Column("code", "编号", 96), Column("name", "风险点", 150, tooltip=True),
            Column("change_label", "变化", 64, CENTER, color=lambda i: CHANGE_COLOURS.get(i.change)),
            Column("from_level", "原等级", 52, CENTER, format=lambda lv: label(lv) if lv else "—"),
            Column("to_level", "现等级", 52, CENTER, format=label),
            Column("status", "状态", 52, CENTER,
                   format=lambda st: {"draft": "草稿", "confirmed": "已确认", "retired": "已停用"}[st]),
        )
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(year)
        self.year_spin.valueChanged.connect(lambda _y: self.load())
        self.start_button = QPushButton(self)
        self.start_button.setToolTip(START_TIP)
        self.start_button.clicked.connect(self.start)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(L_YEAR, self))
        top.addWidget(self.year_spin)
        top.addWidget(self.start_button)
        top.addStretch(1)

        self.units_model = RowsTableModel(UNIT_COLUMNS, parent=self)
        self.items_model = RowsTableModel(item_columns, parent=self)
        row_height = self.fontMetrics().height() + 10
        self.units_view, self.items_view = (rows_view(m, self, single=True, stretch=-1, row_height=row_height)
                                            for m in (self.units_model, self.items_model))
        self.units_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_items())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.units_view)
        splitter.addWidget(self.items_view)
        splitter.setSizes([420, 520])
        hint = QLabel(HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(self)
        self.confirm_unit_button = buttons.addButton(CONFIRM_UNIT, QDialogButtonBox.ButtonRole.ActionRole)
        self.confirm_all_button = buttons.addButton(CONFIRM_ALL, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm_unit_button.clicked.connect(self.confirm_unit)
        self.confirm_all_button.clicked.connect(self.confirm_all)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(980, 600)
        self.load()

    @property
    def year(self) -> int:
        return self.year_spin.value()

    def writable(self) -> bool:
        return self.actor.role >= Role.EDITOR and not self.ws.read_only

    # ---- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        year, ws, actor = self.year, self.ws, self.actor
        self.loading = True
        self.summary.setText(LOADING)

        def work(_progress: Any) -> list[_UnitLine]:
            with ws.reading() as session:
                units = review.review_diff(session, actor, year)
            return [_UnitLine(u.unit_id, u.unit_name, u.drafts, u.count(review.NEW), u.count(review.RELEVEL),
                              u.count(review.RETIRE), u.confirmed, u.items) for u in units]

        run_task(self, work, on_done=lambda lines: self._show(year, lines), on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        messages.show_error(self, error)
        self.loaded.emit()

    def _show(self, year: int, lines: list[_UnitLine]) -> None:
        if year != self.year:
            return  # the clerk has moved on to another year
        self.units_model.set_rows(lines)
        total = {key: sum(getattr(line, key) for line in lines)
                 for key in ("drafts", "new", "relevel", "retired", "confirmed")}
        self.summary.setText(SUMMARY.format(year=year, units=len(lines), **total) if lines
                             else EMPTY.format(year=year))
        self.start_button.setText(START.format(year=year))
        if lines:
            self.units_view.selectRow(next((i for i, line in enumerate(lines) if line.drafts), 0))
        self._show_items()
        self.loading = False
        self.loaded.emit()

    def lines(self) -> list[_UnitLine]:
        return self.units_model.rows()

    def current_line(self) -> _UnitLine | None:
        return self.units_model.row_at(self.units_view.currentIndex())

    def _show_items(self) -> None:
        line = self.current_line()
        self.items_model.set_rows(list(line.items) if line else [])
        writable = self.writable()
        self.start_button.setEnabled(writable)
        self.confirm_unit_button.setEnabled(writable and line is not None and line.drafts > 0)
        self.confirm_all_button.setEnabled(writable and any(l.drafts for l in self.lines()))
        if line is not None:
            self.confirm_unit_button.setText(f"{CONFIRM_UNIT}（{line.drafts} 条）")

    # ---- writing ---------------------------------------------------------------------------

    def start(self) -> None:
        year, ws, actor = self.year, self.ws, self.actor
        with ws.reading() as session:
            source = review.source_year(session, year)
        if source is None:
            messages.inform(self, NOTHING_TO_COPY.format(year=year))
            return
        if not messages.ask(self, ASK_START.format(source=source, year=year)):
            return

        def work(progress: Any) -> review.ReviewStart:
            with ws.writing() as session:
                return review.start_review(session, actor, year, ws.today(), progress)

        def done(result: review.ReviewStart) -> None:
            self.changed_year = year
            messages.inform(self, STARTED.format(source=result.source_year, copied=result.copied,
                                                 already=result.already, year=year))
            self.load()

        run_task(self, work, on_done=done, title=TITLE, label=START.format(year=year))

    def confirm_unit(self) -> None:
        line = self.current_line()
        if line is not None and line.drafts:
            self._confirm(line.unit_id, line.unit_name, line.drafts)

    def confirm_all(self) -> None:
        drafts = sum(line.drafts for line in self.lines())
        if drafts:
            self._confirm(None, "全部单位", drafts)

    def _confirm(self, unit_id: int | None, scope: str, count: int) -> None:
        year, ws, actor = self.year, self.ws, self.actor
        if not messages.ask(self, ASK_CONFIRM.format(scope=scope, year=year, count=count)):
            return

        def work(_progress: Any) -> int:
            with ws.writing() as session:
                return review.confirm_review(session, actor, year, unit_id)

        def done(confirmed: int) -> None:
            self.changed_year = year
            messages.inform(self, CONFIRMED.format(count=confirmed))
            self.load()

        run_task(self, work, on_done=done, title=TITLE)

