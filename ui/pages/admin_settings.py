"""系统管理 › 系统设置: the workspace settings (app.settings), saved by an administrator."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.errors import QingfengError
from app.settings import Settings, save_settings
from app.vocab import LEVELS
from ui import messages
from ui.pages.duty_settings import DutySettings
from ui.widgets.field_form import NOTE_STYLE, FieldForm
from ui.help.tips import apply_tip

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

L_BUREAU = "单位名称（标题行）"
L_DUE_SOON = "即将到期提前天数"
L_LEVELS = "风险等级名称与颜色"
L_THRESHOLDS = "评分定级阈值（可能性×影响）"
THRESHOLD_TEXT = ("一级 ≥", "二级 ≥", "，其余为三级")
L_IMPACT = "诫勉影响期（月）"
L_REVISIT = "回访期限（月）"
L_FESTIVAL = "节前提醒提前（工作日）"
L_PRE_TALK = "任前谈话期限（天）"
L_IDLE = "无操作自动锁定（分钟）"
L_INQUIRY = "函询回复期限（工作日）"
L_CLUE_OPEN = "线索办理提醒（天）"
L_CEREMONY = "婚丧喜庆规模上限"
L_ADDRESSEE = "工作总结主送机关"
L_REPORT_DUE = "半年报告报送期限（天）"
L_PLANS = "下一步打算的常规工作"
CEREMONY_TEXT = ("不超过", "或", "，超过的标为需关注并建议提醒谈话")
HINTS = {
    "bureau_name": "打印和导出的标题行使用此名称。",
    "due_soon_days": "整改期限在这么多天以内、尚未整改完成的问题显示为“即将到期”。",
    "level_labels": "一级为最高等级；颜色用于图表和列表中的等级标记。",
    "risk_score_thresholds": "可能性、影响各 1–5 分，乘积达到阈值即定为相应等级。",
    "impact_months": "第一种形态台账中“诫勉”影响期的默认长度。",
    "revisit_months": "处置后计划回访日期的默认间隔。",
    "festival_lead_days": "在节日放假开始前这么多个工作日推送廉政提醒。",
    "pre_talk_days": "职务变动后应在这么多天内完成任前廉政谈话，逾期提醒。",
    "idle_lock_minutes": "无人操作超过这么久后锁定程序。",
    "inquiry_reply_working_days": "问题线索发函后应在这么多个工作日内书面回复（按节假日安排计算），逾期提醒。",
    "clue_open_days": "问题线索受理后超过这么多天仍未办结的，在首页提醒。",
    "ceremony_max_tables": "按本地婚丧喜庆事宜规定填写；报备的桌数或人数超过任一上限即提示。",
    "report_addressee": "半年和年度工作总结的主送机关，印在报告标题之下。",
    "report_due_days": "上、下半年结束后这么多天内报送工作总结；首页自半年结束次日起提醒。",
    "report_standing_plans": ("每行一条。半年和年度工作总结生成“下一步打算”时，先写针对存在问题的措施，"
                              "再依次写这些常规工作；已保存的文稿不受影响，可在报告页“恢复生成的文字”。"),
}
SAVE = "保存设置"
SAVED = "设置已保存。"
ADMIN_ONLY = "只有管理员可以修改系统设置；当前为只读显示。"
PICK_COLOR = "选择“{level}”的颜色"
CHANGE_COLOR = "更改…"
ADMONISH = "admonish"  # the disposal method code whose 影响期 this page edits


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMaximumWidth(110)
    return spin


class ColorButton(QPushButton):
    """A colour as a swatch (the code only in the tooltip): Space or a click picks another."""

    def __init__(self, color: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setText(CHANGE_COLOR)
        self.setIconSize(QSize(28, 14))
        self.clicked.connect(self.choose)
        self.set_color(color)

    def set_color(self, color: str) -> None:
        self.color = color
        swatch = QPixmap(self.iconSize())
        swatch.fill(QColor(color))
        self.setIcon(QIcon(swatch))
        self.setToolTip(f"{self.title}（当前 {color}）")
        self.setAccessibleName(f"{self.title} {color}")

    def choose(self) -> None:
        chosen = messages.choose_color(self, self.title, self.color)
        if chosen:
            self.set_color(chosen)


class SettingsTab(QWidget):
    settings_saved = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.editable = actor.role >= Role.ADMIN and not ws.read_only
        current = ws.settings
        self.form = FieldForm(self)
        self.bureau_edit = QLineEdit(current.bureau_name)
        self.bureau_edit.setMinimumWidth(360)
        self.bureau_edit.setMaximumWidth(520)
        self.due_soon_spin = _spin(0, 90, " 天")
        self.level_edits: dict[str, QLineEdit] = {}
        self.color_buttons: dict[str, ColorButton] = {}
        levels = QWidget()
        row = QHBoxLayout(levels)
        row.setContentsMargins(0, 0, 0, 0)
        for level in LEVELS:
            key = str(level)
            edit = QLineEdit(current.level_label(level))
            edit.setMaximumWidth(80)
            button = ColorButton(current.level_color(level), PICK_COLOR.format(level=edit.text()))
            self.level_edits[key], self.color_buttons[key] = edit, button
            row.addWidget(edit)
            row.addWidget(button)
            row.addSpacing(12)
        row.addStretch(1)
        thresholds = QWidget()
        row = QHBoxLayout(thresholds)
        row.setContentsMargins(0, 0, 0, 0)
        self.high_spin, self.mid_spin = _spin(1, 25), _spin(1, 25)
        for text, widget in ((THRESHOLD_TEXT[0], self.high_spin), (THRESHOLD_TEXT[1], self.mid_spin)):
            row.addWidget(QLabel(text))
            row.addWidget(widget)
        row.addWidget(QLabel(THRESHOLD_TEXT[2]))
        row.addStretch(1)
        self.impact_spin = _spin(1, 60, " 个月")
        self.revisit_spin = _spin(1, 36, " 个月")
        self.festival_spin = _spin(0, 20, " 个工作日")
        self.pre_talk_spin = _spin(1, 365, " 天")
        self.idle_spin = _spin(1, 240, " 分钟")
        self.inquiry_spin = _spin(1, 60, " 个工作日")
        self.clue_open_spin = _spin(7, 730, " 天")
        self.addressee_edit = QLineEdit(current.report_addressee)
        self.addressee_edit.setMaximumWidth(240)
        self.report_due_spin = _spin(1, 90, " 天")
        self.plans_edit = QPlainTextEdit()
        self.plans_edit.setTabChangesFocus(True)
        self.plans_edit.setFixedHeight(self.plans_edit.fontMetrics().lineSpacing() * 5 + 12)
        ceremony = QWidget()
        row = QHBoxLayout(ceremony)
        row.setContentsMargins(0, 0, 0, 0)
        self.tables_spin, self.guests_spin = _spin(1, 200, " 桌"), _spin(10, 2000, " 人")
        for text, widget in ((CEREMONY_TEXT[0], self.tables_spin), (CEREMONY_TEXT[1], self.guests_spin)):
            row.addWidget(QLabel(text))
            row.addWidget(widget)
        row.addWidget(QLabel(CEREMONY_TEXT[2]))
        row.addStretch(1)
        self.duty = DutySettings()  # 主体责任's rows (ui/pages/duty_settings.py)
        for label, widget, field in (
                (L_BUREAU, self.bureau_edit, "bureau_name"),
                (L_DUE_SOON, self.due_soon_spin, "due_soon_days"),
                (L_LEVELS, levels, "level_labels"),
                (L_THRESHOLDS, thresholds, "risk_score_thresholds"),
                (L_IMPACT, self.impact_spin, "impact_months"),
                (L_REVISIT, self.revisit_spin, "revisit_months"),
                (L_FESTIVAL, self.festival_spin, "festival_lead_days"),
                (L_PRE_TALK, self.pre_talk_spin, "pre_talk_days"),
                (L_INQUIRY, self.inquiry_spin, "inquiry_reply_working_days"),
                (L_CLUE_OPEN, self.clue_open_spin, "clue_open_days"),
                (L_CEREMONY, ceremony, "ceremony_max_tables"),
                (L_ADDRESSEE, self.addressee_edit, "report_addressee"),
                (L_REPORT_DUE, self.report_due_spin, "report_due_days"),
                (L_PLANS, self.plans_edit, "report_standing_plans"),
                (L_IDLE, self.idle_spin, "idle_lock_minutes")):
            hint = QLabel(HINTS[field])
            hint.setStyleSheet(NOTE_STYLE)
            self.form.add_row(label, widget, field, hint=hint)
        for label, widget, field, text in self.duty.rows():
            hint = QLabel(text)
            hint.setStyleSheet(NOTE_STYLE)
            self.form.add_row(label, widget, field, hint=hint)
        for alias, field in (("interview_complaints", "interview_findings"),
                             ("interview_satisfaction", "interview_findings"),
                             ("research_report_due", "half_year_report_days")):
            self.form.error_labels[alias] = self.form.error_labels[field]
            self.form.fields[alias] = self.form.fields[field]
        self.form.error_labels["level_colors"] = self.form.error_labels["level_labels"]
        self.form.fields["level_colors"] = levels
        self.form.error_labels["ceremony_max_guests"] = self.form.error_labels["ceremony_max_tables"]
        self.form.fields["ceremony_max_guests"] = self.guests_spin
        apply_tip(self.form, self.guests_spin, "ceremony_max_guests")
        self.save_button = QPushButton(SAVE, self)
        self.save_button.clicked.connect(self.save)
        self.note = QLabel(ADMIN_ONLY, self)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setVisible(not self.editable)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.note)
        column.addWidget(self.form)
        column.addWidget(self.form.form_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)
        self.fill(current)
        for widget in (*self.form.fields.values(), self.save_button):
            widget.setEnabled(self.editable)

    def fill(self, current: Settings) -> None:
        self.bureau_edit.setText(current.bureau_name)
        self.due_soon_spin.setValue(current.due_soon_days)
        for key, edit in self.level_edits.items():
            edit.setText(current.level_labels.get(key, ""))
            self.color_buttons[key].set_color(current.level_colors.get(key, "#999999"))
        high, mid = current.risk_score_thresholds
        self.high_spin.setValue(high)
        self.mid_spin.setValue(mid)
        self.impact_spin.setValue(current.impact_months.get(ADMONISH, 6))
        self.revisit_spin.setValue(current.revisit_months)
        self.festival_spin.setValue(current.festival_lead_days)
        self.pre_talk_spin.setValue(current.pre_talk_days)
        self.idle_spin.setValue(current.idle_lock_minutes)
        self.inquiry_spin.setValue(current.inquiry_reply_working_days)
        self.clue_open_spin.setValue(current.clue_open_days)
        self.tables_spin.setValue(current.ceremony_max_tables)
        self.guests_spin.setValue(current.ceremony_max_guests)
        self.addressee_edit.setText(current.report_addressee)
        self.report_due_spin.setValue(current.report_due_days)
        self.plans_edit.setPlainText("\n".join(current.report_standing_plans))
        self.duty.fill(current)

    def changes(self) -> dict[str, object]:
        impact = dict(self.ws.settings.impact_months)
        impact[ADMONISH] = self.impact_spin.value()
        return {
            "bureau_name": self.bureau_edit.text().strip(),
            "due_soon_days": self.due_soon_spin.value(),
            "level_labels": {k: e.text().strip() for k, e in self.level_edits.items()},
            "level_colors": {k: b.color for k, b in self.color_buttons.items()},
            "risk_score_thresholds": [self.high_spin.value(), self.mid_spin.value()],
            "impact_months": impact,
            "revisit_months": self.revisit_spin.value(),
            "festival_lead_days": self.festival_spin.value(),
            "pre_talk_days": self.pre_talk_spin.value(),
            "idle_lock_minutes": self.idle_spin.value(),
            "inquiry_reply_working_days": self.inquiry_spin.value(),
            "clue_open_days": self.clue_open_spin.value(),
            "ceremony_max_tables": self.tables_spin.value(),
            "ceremony_max_guests": self.guests_spin.value(),
            "report_addressee": self.addressee_edit.text().strip(),
            "report_due_days": self.report_due_spin.value(),
            "report_standing_plans": [line.strip() for line in self.plans_edit.toPlainText().splitlines()
                                      if line.strip()],
            **self.duty.changes(),
        }

    def save(self) -> bool:
        self.form.clear_errors()
        try:
            with self.ws.writing() as session:
                save_settings(session, self.actor, **self.changes())
        except QingfengError as exc:
            self.form.show_error(exc)
            return False
        self.settings_saved.emit()
        messages.inform(self, SAVED)
        return True
