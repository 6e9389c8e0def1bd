"""The 系统设置 rows of 主体责任 (app.settings): the 责任书 reminder date, the 考核 grade lines, the 约谈
thresholds, the reports' due days. `SettingsTab` places the rows, fills and reads them here."""
from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from app.settings import Settings

ROWS = {
    "pledge_due": ("责任书签订提醒日期", "每年此日（月-日）起，本年度尚未签订的党风廉政建设责任书在首页提醒。"),
    "assessment_grade_scores": ("考核等次分数线", "主体责任考核按总分建议等次；一票否决的单位最高为“一般”。"),
    "interview_findings": ("约谈建议阈值", "近12个月问题数、信访举报件数达到或民主评议满意度低于此值时，建议约谈单位主要负责人（0 为不使用）。"),
    "half_year_report_days": ("报告报送期限", "半年工作报告在半年结束后这么多天内报送；调研报告在每年此日（月-日）前报送。"),
}
GRADES = ("好 ≥", "较好 ≥", "一般 ≥", "，其余为差")
INTERVIEW = ("问题 ≥", "件；信访举报 ≥", "件；满意度 <", "%")


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMaximumWidth(90)
    return spin


def _row(*parts: QWidget | str) -> QWidget:
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        line.addWidget(QLabel(part) if isinstance(part, str) else part)
    line.addStretch(1)
    return holder


class DutySettings:
    def __init__(self) -> None:
        self.pledge_edit = QLineEdit()
        self.pledge_edit.setMaximumWidth(90)
        self.grade_spins = [_spin(1, 100) for _ in range(3)]
        self.findings_spin, self.complaints_spin, self.satisfaction_spin = _spin(0, 100), _spin(0, 100), _spin(0, 100)
        self.half_spin = _spin(1, 90, " 天")
        self.research_edit = QLineEdit()
        self.research_edit.setMaximumWidth(90)
        self.widgets = {
            "pledge_due": self.pledge_edit,
            "assessment_grade_scores": _row(*(x for pair in zip(GRADES, self.grade_spins) for x in pair), GRADES[3]),
            "interview_findings": _row(INTERVIEW[0], self.findings_spin, INTERVIEW[1], self.complaints_spin,
                                       INTERVIEW[2], self.satisfaction_spin, INTERVIEW[3]),
            "half_year_report_days": _row("半年报告", self.half_spin, "；调研报告截止", self.research_edit),
        }

    def rows(self) -> Iterator[tuple[str, QWidget, str, str]]:
        """(label, widget, settings field, hint) of each row."""
        for field, (label, hint) in ROWS.items():
            yield label, self.widgets[field], field, hint

    def fill(self, current: Settings) -> None:
        self.pledge_edit.setText(current.pledge_due)
        for spin, value in zip(self.grade_spins, current.assessment_grade_scores):
            spin.setValue(value)
        self.findings_spin.setValue(current.interview_findings)
        self.complaints_spin.setValue(current.interview_complaints)
        self.satisfaction_spin.setValue(current.interview_satisfaction)
        self.half_spin.setValue(current.half_year_report_days)
        self.research_edit.setText(current.research_report_due)

    def changes(self) -> dict[str, object]:
        return {"pledge_due": self.pledge_edit.text().strip(),
                "assessment_grade_scores": [s.value() for s in self.grade_spins],
                "interview_findings": self.findings_spin.value(), "interview_complaints": self.complaints_spin.value(),
                "interview_satisfaction": self.satisfaction_spin.value(),
                "half_year_report_days": self.half_spin.value(), "research_report_due": self.research_edit.text().strip()}
