"""廉政风险点: the chosen year's register beside the unit tree with each unit's 防控等级.

The year defaults to the latest confirmed year. Counts per level are of confirmed assessments
only (drafts of a 排查 in progress are listed, marked, and counted apart). A chart's bar opens
this page filtered to its unit and level (`apply_navigation`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolBar,
    QWidget,
)

from app.charts.render import readable_text
from app.dictionaries import load_vocabulary
from app.registers.risks import query as risks_query
from app.registers.risks import stats
from app.registers.risks import types as risks_types
from app.registers.units.query import list_units
from app.vocab import LEVELS
from ui.models.columns import CENTER, MUTED, Column
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages.base import (
    DEACTIVATE,
    EDIT,
    EXPORT,
    IMPORT,
    NEW,
    PRINT,
    RegisterPage,
    export_scope_of,
)
from ui.widgets.control_level_tree import ControlLevelTree
from ui.widgets.filters import refill_years

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "廉政风险点"
SEARCH = "编号、风险点、岗位、措施或责任人（Ctrl+F）"
YEAR_LABEL = "年度"
ALL_LEVELS, ALL_CATEGORIES = "全部等级", "全部类别"
STATUSES = (("", "在用（草稿和已确认）"), ("confirmed", "已确认"), ("draft", "草稿"),
            ("retired", "已停用"), ("all", "全部状态"))
TOP_CONTROL = "一级防控单位和科室"
TOP_CONTROL_TIP = "只看防控等级为一级（本年度有已确认的一级风险点）的单位和科室的全部风险点"
REVIEW = "年度排查…"
REVIEW_TIP = "开始新年度排查（复制上年度已确认的风险点为草稿），查看新增、调整、停用，按单位确认"
COUNT = "共 {count} 条　已确认：{levels}"
DRAFTS = "　｜　草稿 {drafts} 条待确认，未计入统计"
NO_YEAR = "尚无风险点，可新增或从 Excel 导入"
DRAFT_COLOUR = "#1f6fb2"

ACTIONS = (NEW, EDIT, DEACTIVATE, IMPORT, EXPORT, PRINT)


@dataclass
class _Loaded:
    """What the last query found beside the ids (filled on the worker thread)."""

    year: int | None = None
    years: list[int] = field(default_factory=list)
    counts: dict[int, int] = field(default_factory=dict)
    drafts: int = 0
    units: list[stats.UnitLevels] = field(default_factory=list)


def _columns(settings: Any) -> tuple[Column, ...]:
    def status_colour(row: risks_types.RiskRow) -> str | None:
        return MUTED if row.status == risks_types.RETIRED else DRAFT_COLOUR if row.status == risks_types.DRAFT else None

    return (
        Column("code", "编号", 84, sort_key="code"),
        Column("unit_name", "单位/科室", 132, sort_key="unit", tooltip=True),
        Column("post", "岗位", 70, sort_key="post", tooltip=True),
        Column("duty_item", "职权事项", 70, sort_key="duty_item", tooltip=True),
        Column("name", "风险点", 112, sort_key="name", tooltip=True),
        Column("category_label", "类别", 56, sort_key="category"),
        Column("level", "等级", 40, CENTER, sort_key="level", format=settings.level_label,
               background=lambda row: settings.level_color(row.level),
               color=lambda row: readable_text(settings.level_color(row.level))),
        Column("measures", "防控措施", 160, value=lambda row: row.measures,
               format=lambda measures: "；".join(measures), tooltip=True, stretch=True),
        Column("responsible_person", "责任人", 50, sort_key="person"),
        Column("responsible_leader", "责任领导", 50, sort_key="leader"),
        Column("status_label", "状态", 44, CENTER, sort_key="status", color=status_colour),
        Column("next_review", "下次复核", 72, sort_key="next_review"),
    )


class RisksPage(RegisterPage):
    TITLE = TITLE
    ACTIONS = ACTIONS
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "risks"
    FORM = "RiskDialog"

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self.year: int | None = None          # None until the first load resolves the default
        self._exact_unit: int | None = None   # a chart's unit: its own points, not those below
        self.found = _Loaded()
        self._pending = _Loaded()
        super().__init__(ws, actor, parent)

    # ---- hooks ---------------------------------------------------------------------------

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, _columns(self.ws.settings), risks_query.risk_rows, sort_column=1,
                                  row_color=lambda row: MUTED if row.status == risks_types.RETIRED else None)

    def build_side(self) -> QWidget:
        self.unit_tree = ControlLevelTree(self)
        self.unit_tree.setMinimumWidth(190)
        with self.ws.reading() as session:  # units and dictionaries: short lists
            self._units = list_units(session)
            vocab = load_vocabulary(session)
        self._kind_labels = {e.code: e.label for e in vocab.entries("unit_kind", include_inactive=True)}
        self._categories = [(e.label, e.code) for e in vocab.entries("risk_category")]
        self.unit_tree.show_levels(self._units, self._kind_labels, {}, {}, self.ws.settings, None)
        self.unit_tree.scope_changed.connect(self._scope_changed)
        return self.unit_tree

    def _scope_changed(self, *_scope: object) -> None:
        self._exact_unit = None
        self.refresh()

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.review_action = QAction(REVIEW, self)
        self.review_action.setToolTip(REVIEW_TIP)
        self.review_action.triggered.connect(self.open_review)
        toolbar.insertAction(self.actions_by_key[IMPORT], self.review_action)
        toolbar.insertSeparator(self.actions_by_key[IMPORT])

    def build_filters(self, bar: QHBoxLayout) -> None:
        settings = self.ws.settings
        self.year_combo = QComboBox(self)
        self.year_combo.setMinimumContentsLength(6)
        self.level_combo = QComboBox(self)
        self.level_combo.addItem(ALL_LEVELS, None)
        for level in LEVELS:
            self.level_combo.addItem(settings.level_label(level), level)
        self.category_combo = QComboBox(self)
        self.category_combo.addItem(ALL_CATEGORIES, "")
        for label, code in self._categories:
            self.category_combo.addItem(label, code)
        self.status_combo = QComboBox(self)
        for code, label in STATUSES:
            self.status_combo.addItem(label, code)
        self.top_check = QCheckBox(TOP_CONTROL, self)
        self.top_check.setToolTip(TOP_CONTROL_TIP)
        bar.addWidget(QLabel(YEAR_LABEL, self))
        for widget in (self.year_combo, self.level_combo, self.category_combo, self.status_combo):
            bar.addWidget(widget)
            widget.currentIndexChanged.connect(self._filters_changed)
        bar.addWidget(self.top_check)
        self.top_check.toggled.connect(lambda _on: self.refresh())

    def _filters_changed(self, _index: int) -> None:
        if self.sender() is self.year_combo:
            self.year = self.year_combo.currentData()
        self.refresh()

    def current_filter(self) -> risks_types.RiskFilter:
        unit_id, kind = self.unit_tree.current_scope()
        return risks_types.RiskFilter(
            year=self.year, unit_id=unit_id, unit_kind=kind, level=self.level_combo.currentData(),
            category=self.category_combo.currentData() or "", status=self.status_combo.currentData(),
            text=self.search_box.text(), top_control_only=self.top_check.isChecked(),
            with_sub_units=unit_id is None or unit_id != self._exact_unit)

    def query(self) -> FetchIds:
        actor, filt = self.actor, self.current_filter()
        found = self._pending = _Loaded()

        def fetch(session: Any, sort: str, descending: bool, limit: int | None = None) -> list[int]:
            year = stats.resolve_year(session, filt.year)
            scoped = replace(filt, year=year)
            ids = risks_query.search_risk_ids(session, actor, scoped, sort, descending, limit=limit) if year else []
            if limit is not None:  # the first page is shown before the figures are counted
                return ids
            found.year, found.years = year, stats.assessment_years(session)
            if year is not None:
                summary = stats.year_summary(session, actor, year)
                found.drafts, found.units = summary.drafts, summary.units
                # The year's totals answer an unfiltered page; a filter needs its own count.
                found.counts = summary.totals if _unfiltered(scoped) else \
                    risks_query.count_by_level(session, actor, scoped)
            return ids

        return fetch

    def after_load(self) -> None:
        """The year list, the tree's counts and 防控等级 of what the query found."""
        self.found = found = self._pending
        if self.year is None:
            self.year = found.year
        refill_years(self.year_combo, found.years, self.year)
        counts = {u.unit_id: u.total for u in found.units}  # the tree adds the units below
        levels = {u.unit_id: u.control_level for u in found.units if u.control_level}
        self.unit_tree.show_levels(self._units, self._kind_labels, counts, levels,
                                   self.ws.settings, found.year)

    def import_view(self, ids: list[int]) -> dict[str, Any]:
        """The year the import filed (its first row's), and the units it may have created."""
        with self.ws.reading() as session:
            self._units = list_units(session)
            year = risks_query.get_risk(session, ids[0]).year if ids else self.year
        return {"year": year}

    def count_text(self, total: int) -> str:
        found, settings = self.found, self.ws.settings
        if found.year is None:
            return NO_YEAR
        levels = "　".join(f"{settings.level_label(lv)} {found.counts.get(lv, 0)}" for lv in LEVELS)
        text = COUNT.format(count=total, levels=levels)
        return text + (DRAFTS.format(drafts=found.drafts) if found.drafts else "")

    def export_scope(self) -> dict[str, Any]:
        unit_id, _kind = self.unit_tree.current_scope()
        return export_scope_of(self.year, unit_id)

    def apply_navigation(self, filters: dict) -> None:
        """Opened from a chart or 首页: {"year", "unit_id" | "unit_kind", "level", "status",
        "top_control", "text", "risk_id"} — absent keys reset their filter."""
        for widget in (self.level_combo, self.status_combo, self.category_combo, self.top_check):
            widget.blockSignals(True)
        self.year = filters.get("year", self.year)
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(filters.get("level")), 0))
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(filters.get("status", "")), 0))
        self.category_combo.setCurrentIndex(0)
        self.top_check.setChecked(bool(filters.get("top_control")))
        for widget in (self.level_combo, self.status_combo, self.category_combo, self.top_check):
            widget.blockSignals(False)
        self.unit_tree.blockSignals(True)
        self._exact_unit = filters.get("unit_id") if filters.get("level") is not None else None
        self.unit_tree.select_scope(filters.get("unit_id"), filters.get("unit_kind", ""))
        self.unit_tree.blockSignals(False)
        self.search_box.blockSignals(True)
        self.search_box.setText(filters.get("text", ""))
        self.search_box.blockSignals(False)
        self.refresh(select_id=filters.get("risk_id"))

    # ---- records -------------------------------------------------------------------------

    def new_record(self) -> None:
        from ui.dialogs.risk_dialog import RiskDialog

        unit = self.unit_tree.current_unit()
        year = self.year or self.ws.today().year
        dialog = RiskDialog(self.ws, self.actor, year=year, unit_id=unit.id if unit else None,
                            as_draft=bool(self.found.drafts), parent=self)
        if dialog.exec():
            self.refresh(dialog.saved_id)

    def edit_record(self, row: risks_types.RiskRow) -> None:
        from ui.dialogs.risk_dialog import RiskDialog

        dialog = RiskDialog(self.ws, self.actor, row=row, parent=self,
                            read_only=not self.can_write() or row.status == risks_types.RETIRED)
        dialog.finished.connect(lambda _result: self.refresh(row.id))
        dialog.exec()

    def set_record_active(self, row: risks_types.RiskRow, active: bool) -> None:
        from ui.dialogs.risk_dialog import RetireDialog

        if not active:
            if RetireDialog(self.ws, self.actor, row, parent=self).exec():
                self.refresh(row.id)
            return
        from app.registers.risks.write import reinstate_risk

        self.write(lambda session, reason: reinstate_risk(session, self.actor, row.id, row.version,
                                                          correction_reason=reason), select_id=row.id)

    def open_review(self) -> None:
        from ui.dialogs.risk_review_dialog import ReviewDialog

        dialog = ReviewDialog(self.ws, self.actor, self.review_year(), parent=self)
        dialog.exec()
        if dialog.changed_year is not None:
            self.year = dialog.changed_year
            self.refresh()

    def review_year(self) -> int:
        """The year 年度排查 opens on: the latest year with an assessment, or this year when later."""
        years = self.found.years
        return max([self.ws.today().year, *years[:1]])

    def update_actions(self) -> None:
        super().update_actions()
        if hasattr(self, "review_action"):
            self.review_action.setEnabled(self.can_write())


def _unfiltered(filt: risks_types.RiskFilter) -> bool:
    """Only the year (and a status that keeps every confirmed row) is chosen."""
    return (filt.unit_id is None and not filt.unit_kind and filt.level is None and not filt.category
            and not filt.text.strip() and not filt.top_control_only and filt.point_id is None
            and filt.status in ("", "all", risks_types.CONFIRMED))
