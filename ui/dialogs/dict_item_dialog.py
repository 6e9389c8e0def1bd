"""A dictionary item (数据字典): label, aliases (one per line), form (处置方式 and 处分种类), the
影响期 in months and what it bars (处分种类), the 纪律 and 四风 headings and the 八项规定 mark
(问题类别), 不得操办 (报备事项), order, in use. Built-in items can be renamed, aliased and
deactivated, never deleted."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.auth import Actor
from app.dictionaries import DOMAIN_LABELS, DictEntry
from app.dictionary_edit import CATEGORY_DOMAIN, CEREMONY_DOMAIN, MAX_MONTHS, DictItemDraft, save_item
from app.registers.sanctions.rules import FAMILIES
from app.vocab import DISCIPLINES, FOUR_STYLES
from ui.dialogs.form import NOTE_STYLE, FormDialog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW = "新增{domain}"
TITLE_EDIT = "编辑{domain} — {label}"
L_LABEL, L_ALIASES, L_FORM, L_ORDER, L_ACTIVE = "名称", "别名", "所属形态", "排序", "在用"
L_FAMILY, L_MONTHS, L_BARS = "类别", "影响期", "影响内容"
NO_PERIOD = "无（或逐条录入）"
ALIASES_HINT = "每行一个。导入 Excel 时，写成别名的值会归到本项（如 岗位职责风险 → 岗位职责）。"
FORMS = (("", None), ("第一种形态", 1), ("第二种形态", 2), ("第三种形态", 3), ("第四种形态", 4))
BUILTIN_NOTE = "内置项：可以改名、加别名或停用，不能删除。"
FORM_DOMAINS = {"disposal_method": 3, "sanction_kind": 5}  # domain → how many FORMS it offers
SANCTION_DOMAIN = "sanction_kind"
L_DISCIPLINE, L_STYLE, L_EIGHT, L_FORBIDDEN = "纪律类别", "“四风”类别", "八项规定", "操办"
EIGHT_TEXT = "属于违反中央八项规定精神问题（单独统计）"
FORBIDDEN_TEXT = "不得操办（报备此类事项时提示）"
HEADINGS_HINT = "统计图表和报告按纪律类别或“四风”类别汇总问题；八项规定问题另行统计。"
NO_HEADING = "（无）"


class DictItemDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, domain: str, entry: DictEntry | None = None,
                 parent: QWidget | None = None) -> None:
        name = DOMAIN_LABELS.get(domain, domain)
        title = TITLE_EDIT.format(domain=name, label=entry.label) if entry else TITLE_NEW.format(domain=name)
        super().__init__(ws, actor, title, parent)
        self.domain, self.entry = domain, entry
        self.label_edit = QLineEdit(entry.label if entry else "", self)
        self.label_edit.setMaxLength(100)
        self.aliases_edit = QPlainTextEdit("\n".join(entry.aliases) if entry else "", self)
        self.aliases_edit.setFixedHeight(self.fontMetrics().height() * 5 + 12)
        hint = QLabel(ALIASES_HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        hint.setWordWrap(True)
        self.form_combo = QComboBox(self)
        for text, value in FORMS[:FORM_DOMAINS.get(domain, 3)]:
            self.form_combo.addItem(text, value)
        self.form_combo.setCurrentIndex(max(self.form_combo.findData(entry.form if entry else None), 0))
        self.order_spin = QSpinBox(self)
        self.order_spin.setRange(0, 9999)
        self.order_spin.setValue(entry.sort_order if entry else 100)
        self.family_combo = QComboBox(self)
        for code, text in FAMILIES.items():
            self.family_combo.addItem(text, code)
        self.family_combo.setCurrentIndex(max(self.family_combo.findData(entry.family if entry else ""), 0))
        self.family_combo.setEnabled(entry is None)  # a kind's 党纪/政务… decides rules: fixed once made
        self.months_spin = QSpinBox(self)
        self.months_spin.setRange(0, MAX_MONTHS)
        self.months_spin.setSpecialValueText(NO_PERIOD)
        self.months_spin.setSuffix(" 个月")
        self.months_spin.setValue((entry.months or 0) if entry else 0)
        self.bars_edit = QLineEdit(entry.bars if entry else "", self)
        self.active_check = QCheckBox(L_ACTIVE, self)
        self.active_check.setChecked(entry.active if entry else True)
        self.add_row(L_LABEL, self.label_edit, "label")
        self.add_row(L_ALIASES, self.aliases_edit, "aliases", hint=hint)
        if domain in FORM_DOMAINS:
            self.add_row(L_FORM, self.form_combo, "form")
        else:
            self.form_combo.hide()
        if domain == SANCTION_DOMAIN:
            self.add_row(L_FAMILY, self.family_combo, "family")
            self.add_row(L_MONTHS, self.months_spin, "months")
            self.add_row(L_BARS, self.bars_edit, "bars")
        else:
            for widget in (self.family_combo, self.months_spin, self.bars_edit):
                widget.hide()
        self._heading_rows(entry)
        self.add_row(L_ORDER, self.order_spin, "sort_order")
        self.add_row("", self.active_check, "active")
        if entry is not None and entry.builtin:
            note = QLabel(BUILTIN_NOTE, self)
            note.setStyleSheet(NOTE_STYLE)
            self.body.addWidget(note)
        self.finish_layout()
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def _heading_rows(self, entry: DictEntry | None) -> None:
        """问题类别: its 纪律 and 四风 headings and the 八项规定 mark; 报备事项: 不得操办."""
        self.discipline_combo = self.style_combo = self.eight_check = self.forbidden_check = None
        if self.domain == CATEGORY_DOMAIN:
            self.discipline_combo, self.style_combo = QComboBox(self), QComboBox(self)
            for combo, choices, current in ((self.discipline_combo, DISCIPLINES, entry.discipline if entry else ""),
                                            (self.style_combo, FOUR_STYLES, entry.style if entry else "")):
                combo.addItem(NO_HEADING, "")
                for code, label in choices.items():
                    combo.addItem(label, code)
                combo.setCurrentIndex(max(combo.findData(current), 0))
            self.eight_check = QCheckBox(EIGHT_TEXT, self)
            self.eight_check.setChecked(bool(entry and entry.eight_rules))
            hint = QLabel(HEADINGS_HINT, self)
            hint.setStyleSheet(NOTE_STYLE)
            hint.setWordWrap(True)
            self.add_row(L_DISCIPLINE, self.discipline_combo, "discipline")
            self.add_row(L_STYLE, self.style_combo, "style")
            self.add_row(L_EIGHT, self.eight_check, "eight_rules", hint=hint)
        elif self.domain == CEREMONY_DOMAIN:
            self.forbidden_check = QCheckBox(FORBIDDEN_TEXT, self)
            self.forbidden_check.setChecked(bool(entry and entry.forbidden))
            self.add_row(L_FORBIDDEN, self.forbidden_check, "forbidden")

    def save_record(self, session: Session) -> int:
        sanction = self.domain == SANCTION_DOMAIN
        aliases = tuple(line.strip() for line in self.aliases_edit.toPlainText().splitlines()
                        if line.strip())
        draft = DictItemDraft(
            domain=self.domain, label=self.label_edit.text(), aliases=aliases,
            form=self.form_combo.currentData() if self.domain in FORM_DOMAINS else None,
            sort_order=self.order_spin.value(), active=self.active_check.isChecked(),
            id=self.entry.id if self.entry else None,
            version=self.entry.version if self.entry else None,
            months=(self.months_spin.value() or None) if sanction else None,
            bars=self.bars_edit.text() if sanction else "",
            family=self.family_combo.currentData() if sanction and self.entry is None else None,
            discipline=self.discipline_combo.currentData() if self.discipline_combo else None,
            style=self.style_combo.currentData() if self.style_combo else None,
            eight_rules=self.eight_check.isChecked() if self.eight_check else None,
            forbidden=self.forbidden_check.isChecked() if self.forbidden_check else None)
        return save_item(session, self.actor, draft)
