"""处分与组织处理: the measures (paged in SQL), their 影响期 and whether it holds on a day, filters
(year, unit, 类别, 处分种类, “影响期内 on date …”), the figures under the table. A 诫勉 is a
first-form entry: its record is shown (it carries the 影响期) and opens the ledger entry."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout

from app.dictionaries import load_vocabulary
from app.registers.sanctions import query as sanctions_query
from app.registers.sanctions import write as sanctions_write
from app.registers.sanctions.rules import FAMILIES
from app.registers.sanctions.stats import sanction_figures
from app.registers.sanctions.types import SanctionFigures, SanctionFilter, SanctionRow
from app.registers.units.query import list_units
from ui.models.columns import CENTER, Column
from ui.models.register_model import RegisterTableModel
from ui.pages.base import export_scope_of
from ui.pages.figured_page import FiguredPage
from ui.widgets.combos import DictCombo
from ui.widgets.dates import DateEdit
from ui.widgets.filters import UnitFilter, YearFilter


TITLE = "处分与组织处理"
SEARCH = "姓名、单位、事实、决定机关或文号（Ctrl+F）"
FIGURES = "共 {total} 条 · 第二种形态 {second} · 第三种形态 {third} · 诫勉 {admonish} · {day}影响期内 {effective} 条"
ALL_FAMILIES, ALL_KINDS, IN_EFFECT = "全部类别", "全部种类", "影响期内，日期："
ASK_DELETE = "确定删除这条处分（组织处理）记录吗？\n{summary}\n只有录错的记录才应删除；删除会记入操作日志。"
FROM_LEDGER = "该诫勉记录由第一种形态台账生成，请在台账中查看或修改。"
RED, GREY = "#c0392b", "#8a8a8a"


def _state(today: Any) -> Any:
    def text(row: SanctionRow) -> str:
        if row.impact_end is None:
            return "无影响期"
        return "影响期内" if row.in_effect(today) else ("已满" if row.impact_end < today else "未开始")
    return text


def _state_color(today: Any) -> Any:
    def color(row: SanctionRow) -> str | None:
        return RED if row.in_effect(today) else GREY
    return color


def columns(today: Any) -> tuple[Column, ...]:
    return (
        Column("decided_on", "决定时间", 84, CENTER, sort_key="decided_on"),
        Column("person_display", "姓名（单位·职务）", 190, sort_key="person", tooltip=True),
        Column("kind_label", "处分（处理）种类", 110, sort_key="kind",
               format=None, value=lambda r: r.kind_label + ("（台账）" if r.from_ledger else "")),
        Column("form_label", "形态", 80, CENTER),
        Column("decision_organ", "决定机关", 90, sort_key="organ"),
        Column("facts", "主要违纪违法事实", 220, tooltip=True, stretch=True),
        Column("impact_end", "影响期至", 84, CENTER, sort_key="impact_end"),
        Column("state", "影响期状态", 76, CENTER, value=_state(today), color=_state_color(today)),
        Column("document_no", "决定文号", 140, sort_key="document_no", tooltip=True),
    )


class SanctionsPage(FiguredPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "sanctions"
    FORM = "SanctionDialog"
    ACTIONS = ("new", "edit", "delete", "import", "export", "print")

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, columns(self.ws.today()), sanctions_query.sanction_rows,
                                  sort_column=0, descending=True)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            vocab = load_vocabulary(session)
            years = set(sanctions_query.sanction_years(session)) | {self.ws.today().year}
            units = list_units(session)
        self.year_filter = YearFilter(years, None, parent=self)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.unit_filter.setMinimumWidth(140)
        self.family_combo = QComboBox(self)
        self.family_combo.addItem(ALL_FAMILIES, "")
        for code, label in FAMILIES.items():
            self.family_combo.addItem(label, code)
        self.kind_filter = DictCombo(vocab, "sanction_kind", parent=self)
        self.kind_filter.setItemText(0, ALL_KINDS)
        self.effect_check = QCheckBox(IN_EFFECT, self)
        self.effect_date = DateEdit(self.ws.today(), self)
        self.effect_date.setEnabled(False)
        self.effect_check.toggled.connect(self.effect_date.setEnabled)
        for widget in (self.year_filter, self.unit_filter, self.family_combo, self.kind_filter, self.effect_check,
                       self.effect_date):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.family_combo.currentIndexChanged,
                       self.kind_filter.currentIndexChanged, self.effect_check.toggled, self.effect_date.dateChanged):
            signal.connect(lambda *_: self.refresh())

    def current_filter(self) -> SanctionFilter:
        return SanctionFilter(
            text=self.search_box.text(), year=self.year_filter.year(), unit_id=self.unit_filter.unit_id(),
            family=self.family_combo.currentData() or "", kind=self.kind_filter.code(),
            in_effect_on=self.effect_date.value() if self.effect_check.isChecked() else None)

    def search_ids(self, session: Any, filt: SanctionFilter, sort: str, descending: bool,
                   limit: int | None) -> list[int]:
        return sanctions_query.search_sanction_ids(session, self.actor, filt, sort, descending, limit=limit)

    def figures_key(self) -> tuple[SanctionFilter, Any]:
        """The filter and the day the 影响期 figures count on (the day chosen, else today)."""
        return self.current_filter(), self.figures_day()

    def read_figures(self, session: Any, key: tuple[SanctionFilter, Any]) -> SanctionFigures:
        filt, day = key
        return sanction_figures(session, self.actor, filt, day, with_admonish=True)

    def figures_day(self) -> Any:
        return self.effect_date.value() if self.effect_check.isChecked() else self.ws.today()

    def count_text(self, total: int) -> str:
        f = self.figures()
        if f is None:
            return f"共 {total} 条"
        day = "" if not self.effect_check.isChecked() else f"{self.figures_day():%Y-%m-%d} "
        return FIGURES.format(total=f.total, second=f.second_form, third=f.third_form, admonish=f.by_form.get(1, 0),
                              day=day or "今天", effective=f.in_effect)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def apply_navigation(self, filters: dict) -> None:
        """{"sanction_id"} or {"record_id"} selects the record with the filters cleared;
        {"person_id"}, {"year"}, {"unit_id"}, {"family"}, {"in_effect": date}."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        for widget in (self.year_filter, self.family_combo, self.kind_filter, self.effect_check, self.effect_date):
            widget.blockSignals(True)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
        self.family_combo.setCurrentIndex(max(self.family_combo.findData(filters.get("family", "")), 0))
        self.kind_filter.set_code(filters.get("kind", ""))
        day = filters.get("in_effect")
        self.effect_check.setChecked(day is not None)
        self.effect_date.setEnabled(day is not None)
        if day is not None:
            self.effect_date.set_value(day)
        for widget in (self.year_filter, self.family_combo, self.kind_filter, self.effect_check, self.effect_date):
            widget.blockSignals(False)
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        record = filters.get("sanction_id") or filters.get("record_id")
        if record is None and filters.get("person_id"):
            from app.registers.people.query import get_person

            with self.ws.reading() as session:
                self.search_box.blockSignals(True)
                self.search_box.setText(get_person(session, filters["person_id"]).name)
                self.search_box.blockSignals(False)
        self.refresh(select_id=record)

    # ---- records -------------------------------------------------------------------------

    def make_dialog(self, row: SanctionRow | None = None, draft: Any = None):  # noqa: ANN201
        from ui.dialogs.sanction_dialog import SanctionDialog

        if row is not None:
            with self.ws.reading() as session:
                row = sanctions_query.get_sanction(session, row.id)
        return SanctionDialog(self.ws, self.actor, row, prefill=draft, parent=self,
                              read_only=row is not None and not self.can_write())

    def new_record(self) -> None:
        dialog = self.make_dialog()
        if dialog.exec():
            self.after_change(dialog.saved_id)

    def edit_record(self, row: SanctionRow) -> None:
        if row.from_ledger:
            from ui import messages

            messages.inform(self, FROM_LEDGER)
            self.navigate_requested.emit("ledger", {"entry_id": row.ledger_entry_id, "view": "all"})
            return
        dialog = self.make_dialog(row)
        if dialog.exec():
            self.after_change(row.id)

    def delete_record(self, row: SanctionRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary), lambda session, reason: (
            sanctions_write.delete_sanction(session, self.actor, row.id, row.version, reason)))
