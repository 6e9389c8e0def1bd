"""登记收到的报告: which unit, what (半年工作报告 · 工作信息 · 调研报告), of which period, when it
arrived, its title, the file."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from app.registers.duty_reports import write as reports_write
from app.registers.duty_reports.rules import periods_of
from app.registers.duty_reports.types import ENTITY, DutyReportDraft, DutyReportRow
from app.registers.units.query import list_units
from app.vocab import DUTY_REPORT_KINDS
from ui.dialogs.form import FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.combos import SearchCombo
from ui.widgets.dates import DateEdit
from ui.widgets.tracking_grid import period_header

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "登记收到的报告", "报送记录 — {unit} {period}{kind}"
L_UNIT, L_KIND, L_YEAR, L_PERIOD, L_RECEIVED, L_TITLE, L_FILES, L_NOTES = (
    "报送单位", "类别", "年度", "所属期间", "收到日期", "标题", "附件", "备注")


class DutyReportDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, row: DutyReportRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False, prefill: DutyReportDraft | None = None) -> None:
        title = TITLE_EDIT.format(unit=row.unit_name, period=row.period_label, kind=row.kind_label) if row else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=read_only)
        self.row = row
        today = ws.today()
        with ws.reading() as session:
            units = list_units(session, include_inactive=False)
        start = row.draft() if row else (prefill or DutyReportDraft(None, "half_year", today.year))
        self.unit_combo = SearchCombo(self)
        self.unit_combo.set_items([(u.name, u.id) for u in units if actor.may_touch_unit(u.id)], start.unit_id)
        self.kind_combo = QComboBox(self)
        for code, label in DUTY_REPORT_KINDS.items():
            self.kind_combo.addItem(label, code)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(start.kind), 0))
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(start.year or today.year)
        self.period_combo = QComboBox(self)
        self.received_edit = DateEdit(start.received_on or today, self, latest=today)
        self.title_edit = QLineEdit(start.title, self)
        self.attachments = AttachmentList(ws, actor, ENTITY, self, read_only=self.read_only)
        self.notes_edit = QLineEdit(start.notes, self)
        for label, widget, field in ((L_UNIT, self.unit_combo, "unit_id"), (L_KIND, self.kind_combo, "kind"),
                                     (L_YEAR, self.year_spin, "year"), (L_PERIOD, self.period_combo, "period"),
                                     (L_RECEIVED, self.received_edit, "received_on"), (L_TITLE, self.title_edit, "title"),
                                     (L_FILES, self.attachments, "attachments"), (L_NOTES, self.notes_edit, "notes")):
            self.add_row(label, widget, field)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._fill_periods(None))
        self._fill_periods(start.period)
        self.finish_layout()
        self.attachments.load(row.id if row else None)
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def _fill_periods(self, period: int | None) -> None:
        kind = self.kind_combo.currentData()
        self.period_combo.clear()
        for p in periods_of(kind):
            self.period_combo.addItem(period_header(kind, p), p)
        if period is not None:
            self.period_combo.setCurrentIndex(max(self.period_combo.findData(period), 0))

    def draft(self) -> DutyReportDraft:
        return DutyReportDraft(
            unit_id=self.unit_combo.current_data(), kind=self.kind_combo.currentData(), year=self.year_spin.value(),
            period=self.period_combo.currentData() if self.period_combo.currentData() is not None else -1,
            received_on=self.received_edit.value(), title=self.title_edit.text(), notes=self.notes_edit.text(),
            files=self.attachments.changes(), correction_reason=self.correction_reason, id=self.row.id if self.row else None,
            version=self.row.version if self.row else None)

    def save_record(self, session: Session) -> int:
        return reports_write.save_duty_report(session, self.actor, self.draft(), self.ws.today())
