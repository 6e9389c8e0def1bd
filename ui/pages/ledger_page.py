"""第一种形态台账: the filed ledger in its filing column order, the 需转出 entries apart, filters
(year, quarter, unit, method, source, person), the year's figures under the table, and the
ledger out to Excel, Word and the printer."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolBar, QWidget

from app.dictionaries import load_vocabulary
from app.errors import QingfengError
from app.registers.ledger import query as ledger_query
from app.registers.ledger import rules as ledger_rules
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.ledger.stats import ledger_statistics
from app.registers.units.query import list_units
from ui import messages
from ui.models.columns import CENTER, Column
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages.base import RegisterPage, export_scope_of
from ui.printing import PrintSheet
from ui.widgets.combos import SearchCombo
from ui.widgets.filters import UnitFilter, YearFilter
from ui.workers import run_task

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "第一种形态台账"
SEARCH = "姓名、单位、问题或承办人（Ctrl+F）"
COUNT = {ledger_types.FILED: "共 {count} 人次", ledger_types.TRANSFER: "需转出 {count} 条", ledger_types.ALL: "共 {count} 条"}
VIEW_ITEMS = ((ledger_types.FILED, "台账"), (ledger_types.TRANSFER, "需转出"), (ledger_types.ALL, "全部"))
TRANSFER_WAITING = "有 {n} 条需转出（含第二种形态处置方式）"
ALL_QUARTERS, ALL_METHODS, ALL_SOURCES, ALL_PEOPLE = "全部季度", "全部处置方式", "全部来源", "全部人员"
SECOND_FORM_SUFFIX = "（第二种形态）"
WORD_EXPORT, WORD_TIP = "导出 Word…", "把当前年度（或全部年度）的台账导出为 Word 表格"
WORD_FILTER = "Word 文档 (*.docx)"
WORD_DONE = "已导出 {count} 条记录到："
ASK_DELETE = "确定删除“{name} {day}”这条台账记录吗？删除后不可恢复（操作日志留有记录）。"
DELETE = "删除"
RED, ORANGE, GREY = "#c0392b", "#b9770e", "#8a8a8a"
TRANSFER, TRANSFER_TIP = "转为处分记录…", "把选中的“需转出”条目登记为处分（组织处理）记录，该条目随即标注“已转出”"
NOT_TRANSFER = "只有“需转出”（含第二种形态处置方式）的条目才能转为处分记录。"


def _revisit_color(today: Any) -> Any:
    def color(row: ledger_types.LedgerRow) -> str | None:
        late = not row.revisited and row.revisit_planned is not None and row.revisit_planned < today
        return ORANGE if late else None

    return color


def columns(today: Any) -> tuple[Column, ...]:
    """The filing order: 序号 · 姓名 · 单位及职务 · 职级 · 政治面貌 · 线索来源 · 线索处置 · 主要问题 ·
    处置方式 · 决定机关 · 处理时间 · 承办人 · 回访情况 · 备注."""
    return (
        Column("seq", "序号", 36, CENTER, value=lambda _row: None, row_number=True),
        Column("person_name", "姓名", 56, sort_key="name"),
        Column("unit_and_position", "单位及职务", 140, sort_key="unit", tooltip=True),
        Column("rank", "职级", 80, sort_key="rank"),
        Column("political_text", "政治面貌", 60, sort_key="political_status", tooltip=True,
               color=lambda r: RED if r.non_member else None),
        Column("clue_source_label", "线索来源", 60, sort_key="clue_source"),
        Column("handling_label", "线索处置", 76, tooltip=True),
        Column("problem", "主要问题", 200, sort_key="problem", tooltip=True, stretch=True),
        Column("method_labels", "处置方式", 120, tooltip=True),
        Column("decision_organ", "决定机关", 70, sort_key="decision_organ"),
        Column("decided_on", "处理时间", 76, CENTER, sort_key="decided_on"),
        Column("handler", "承办人", 50, sort_key="handler"),
        Column("revisit_text", "回访情况", 120, sort_key="revisit", tooltip=True, color=_revisit_color(today)),
        Column("notes", "备注", 52, sort_key="notes", tooltip=True),
    )


def _transfer_color(row: ledger_types.LedgerRow) -> str | None:
    return RED if row.needs_transfer else GREY if row.transferred or row.cleared else None


class LedgerPage(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "ledger"
    FORM = "LedgerDialog"
    WIDEST = {"view": ledger_types.ALL}  # 需转出 entries too
    ACTIONS = ("new", "edit", "delete", "import", "export", "print")

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self._stats: dict[ledger_types.LedgerFilter, Any] = {}  # filters → LedgerStats, filled by the query
        super().__init__(ws, actor, parent)

    def refresh(self, select_id: int | None = None) -> None:
        self._stats.clear()  # records may have changed: figures are read again with the rows
        super().refresh(select_id)

    # ---- hooks ---------------------------------------------------------------------------

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, columns(self.ws.today()), ledger_query.entry_rows, sort_column=10,
                                  row_color=_transfer_color)

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.word_action = QAction(WORD_EXPORT, self)
        self.word_action.setToolTip(WORD_TIP)
        self.word_action.triggered.connect(self.export_word)
        toolbar.insertAction(self.actions_by_key["print"], self.word_action)
        self.transfer_action = QAction(TRANSFER, self)
        self.transfer_action.setToolTip(TRANSFER_TIP)
        self.transfer_action.triggered.connect(self.transfer_selected)
        toolbar.addSeparator()
        toolbar.addAction(self.transfer_action)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            vocab = load_vocabulary(session)
            years = set(ledger_query.entry_years(session)) | {self.ws.today().year}
            units = list_units(session)
        self.view_combo = QComboBox(self)
        for code, label in VIEW_ITEMS:
            self.view_combo.addItem(label, code)
        self.year_filter = YearFilter(years, self.ws.today().year, parent=self)
        self.quarter_combo = QComboBox(self)
        self.quarter_combo.addItem(ALL_QUARTERS, 0)
        for number, label in ledger_types.QUARTERS.items():
            self.quarter_combo.addItem(label, number)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.method_combo = QComboBox(self)
        self.method_combo.addItem(ALL_METHODS, "")
        for entry in sorted(vocab.entries("disposal_method"), key=lambda e: e.form == 2):
            self.method_combo.addItem(entry.label + (SECOND_FORM_SUFFIX if entry.form == 2 else ""), entry.code)
        self.source_combo = QComboBox(self)
        self.source_combo.addItem(ALL_SOURCES, "")
        for entry in vocab.entries("clue_source"):
            self.source_combo.addItem(entry.label, entry.code)
        self.person_combo = SearchCombo(self)
        self.person_combo.setMinimumWidth(120)
        self.person_combo.activated.connect(lambda _i: self.refresh())
        self.reload_people()
        for combo in (self.view_combo, self.quarter_combo, self.method_combo, self.source_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for widget in (self.year_filter, self.unit_filter):
            widget.changed.connect(self.refresh)
        for widget in (self.view_combo, self.year_filter, self.quarter_combo, self.unit_filter,
                       self.method_combo, self.source_combo, self.person_combo):
            bar.addWidget(widget)

    def reload_people(self) -> None:
        """The people the ledger names (a short list: a few dozen a year)."""
        with self.ws.reading() as session:
            ids = ledger_query.search_entry_ids(session, self.actor, ledger_types.LedgerFilter(view=ledger_types.ALL), sort="name")
            people: dict[int, str] = {}
            for row in ledger_query.entry_rows(session, ids):
                if row.person_id is not None:
                    people.setdefault(row.person_id, f"{row.person_name}（{row.unit_name}）")
        current = self.person_combo.current_data() or 0
        self.person_combo.set_items([(ALL_PEOPLE, 0), *((label, pid) for pid, label in people.items())],
                                    current if current in people else 0)

    def current_filter(self) -> ledger_types.LedgerFilter:
        return ledger_types.LedgerFilter(
            view=self.view_combo.currentData(), year=self.year_filter.year(),
            quarter=self.quarter_combo.currentData() or None, unit_id=self.unit_filter.unit_id(),
            method=self.method_combo.currentData() or "", clue_source=self.source_combo.currentData() or "",
            person_id=self.person_combo.current_data() or None, text=self.search_box.text())

    def query(self) -> FetchIds:
        """The ids, and the figures of the same filters in the same worker and session."""
        actor, filt, found = self.actor, self.current_filter(), self._stats

        def fetch(session: Any, sort: str, descending: bool, limit: int | None = None) -> list[int]:
            ids = ledger_query.search_entry_ids(session, actor, filt, sort, descending, limit=limit)
            if limit is None:  # the first page is shown before the figures are counted
                found[filt] = ledger_statistics(session, actor, filt=filt)
            return ids

        return fetch

    def stats(self) -> Any | None:
        """The figures of the current filters (LedgerStats), once the table has loaded them."""
        return self._stats.get(self.current_filter())

    def is_ready(self) -> bool:
        return super().is_ready() and self.stats() is not None

    def count_text(self, total: int) -> str:
        """The filed view counts 人次 and the figures of DESIGN's definitions (人次 vs methods)."""
        view, stats = self.view_combo.currentData(), self.stats()
        if stats is not None:
            waiting = TRANSFER_WAITING.format(n=stats.transfer_needed) if stats.transfer_needed else ""
            if not self.ws.read_only:
                self.notice_label.setText(waiting)
            if view == ledger_types.FILED:
                return stats.summary(transfer=False)  # the notice on the right names those
        return COUNT.get(view, COUNT[ledger_types.ALL]).format(count=total)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def apply_navigation(self, filters: dict) -> None:
        """Opened from elsewhere: {"year": Y, "quarter": 1–4, "unit_id": N, "method": code,
        "clue_source": code, "person_id": N, "view": "filed|transfer|all", "text": "…",
        "entry_id": N (selected)}; keys absent are reset to 全部."""
        combos = ((self.view_combo, filters.get("view", ledger_types.FILED)), (self.quarter_combo, filters.get("quarter", 0)),
                  (self.method_combo, filters.get("method", "")), (self.source_combo, filters.get("clue_source", "")))
        for combo, value in combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.year_filter.blockSignals(True)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
        self.year_filter.blockSignals(False)
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        self.person_combo.set_current_data(filters.get("person_id") or 0)
        self.search_box.blockSignals(True)
        self.search_box.setText(filters.get("text", ""))
        self.search_box.blockSignals(False)
        self.refresh(select_id=filters.get("entry_id"))

    # ---- records -------------------------------------------------------------------------

    def new_record(self) -> None:
        from ui.dialogs.ledger_dialog import LedgerDialog

        dialog = LedgerDialog(self.ws, self.actor, parent=self)
        if dialog.exec():
            self.after_change(dialog.saved_id)

    def edit_record(self, row: ledger_types.LedgerRow) -> None:
        from ui.dialogs.ledger_dialog import LedgerDialog

        try:
            with self.ws.reading() as session:
                row = ledger_query.get_entry(session, row.id)  # fresh, with its links and attachments
        except QingfengError as exc:
            messages.warn(self, str(exc))
            self.refresh()
            return
        dialog = LedgerDialog(self.ws, self.actor, row, parent=self, read_only=not self.can_write())
        if dialog.exec():
            self.after_change(row.id)

    def delete_record(self, row: ledger_types.LedgerRow) -> None:
        self.delete_asked(ASK_DELETE.format(name=row.person_name, day=row.decided_on),
                          lambda session, reason: ledger_write.delete_entry(session, self.actor, row.id, row.version, reason))

    def after_change(self, select_id: int | None = None) -> None:
        self.reload_people()
        self.refresh(select_id)

    # ---- out -----------------------------------------------------------------------------

    def print_sheet(self) -> PrintSheet:
        """The filed ledger's own title (it names the bureau and the year; other views say which),
        the columns as shown, 序号 1…n."""
        title = ledger_rules.ledger_title(self.ws.settings.bureau_name, self.year_filter.year())
        view = self.view_combo.currentData()
        return PrintSheet(title if view == ledger_types.FILED else f"{title}（{ledger_types.VIEWS[view]}）",
                          self.model.columns)

    def export_word(self) -> None:
        from app.registers.ledger.documents import export_ledger_docx

        ws, actor, scope = self.ws, self.actor, self.export_scope()
        bureau, today = ws.settings.bureau_name, ws.today()
        name = f"{ledger_rules.ledger_title(bureau, scope.get('year'))}.docx".replace("/", "-")
        path = messages.choose_save_path(self, WORD_EXPORT, name, WORD_FILTER)
        if path is None:
            return
        path = path.with_suffix(".docx")

        def work(_progress: Any) -> int:
            with ws.writing() as session:
                return export_ledger_docx(session, actor, path, bureau=bureau, today=today, **scope)

        run_task(self, work, title=WORD_EXPORT, on_done=lambda count: messages.inform_file(
            self, WORD_DONE.format(count=count), path))

    def update_actions(self) -> None:
        super().update_actions()
        if hasattr(self, "word_action"):
            self.word_action.setEnabled(not self.ws.read_only)
        if hasattr(self, "transfer_action"):
            row = self.selected_row()
            self.transfer_action.setEnabled(self.can_write() and row is not None and row.needs_transfer)

    def transfer_selected(self) -> None:
        """The sanction form prefilled from a 需转出 entry (one record per second-form method)."""
        from app.registers.sanctions.query import transfer_drafts
        from ui.dialogs.sanction_dialog import SanctionDialog

        row = self.selected_row()
        if row is None or not row.needs_transfer:
            messages.warn(self, NOT_TRANSFER)
            return
        with self.ws.reading() as session:
            drafts = transfer_drafts(session, row.id)
        saved = []
        for draft in drafts:
            dialog = SanctionDialog(self.ws, self.actor, prefill=draft, parent=self)
            if not dialog.exec():
                break
            saved.append(dialog.saved_id)
        if saved:
            self.after_change(row.id)
