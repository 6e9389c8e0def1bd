"""One 常用语: which field it is for, the talk type and reason it fits ("不限" = any), its text,
its order, in use."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QSpinBox, QWidget

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.phrases import FIELDS, PhraseDraft, PhraseRow, save_phrase
from ui.dialogs.form import FormDialog
from ui.widgets.combos import DictCombo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "新增常用语", "编辑常用语"
L_FIELD, L_KIND, L_REASON, L_TEXT, L_ORDER, L_ACTIVE = "用于", "谈话类型", "谈话事由", "常用语", "排序", "在用"
ANY = "不限"


class PhraseDialog(FormDialog):
    DRAFT_RECORD = "phrase"
    DRAFT_WHAT = "常用语"

    def __init__(self, ws: Workspace, actor: Actor, phrase: PhraseRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, TITLE_EDIT if phrase else TITLE_NEW, parent)
        self.phrase = phrase
        with ws.reading() as session:
            vocab = load_vocabulary(session)
        self.field_combo = QComboBox(self)
        for code, label in FIELDS.items():
            self.field_combo.addItem(label, code)
        self.kind_combo = DictCombo(vocab, "talk_type", parent=self)
        self.kind_combo.setItemText(0, ANY)
        self.reason_combo = DictCombo(vocab, "talk_reason", parent=self)
        self.reason_combo.setItemText(0, ANY)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.order_spin = QSpinBox(self)
        self.order_spin.setRange(0, 9999)
        self.active_check = QCheckBox(L_ACTIVE, self)
        self.add_row(L_FIELD, self.field_combo, "field")
        self.add_row(L_KIND, self.kind_combo, "kind")
        self.add_row(L_REASON, self.reason_combo, "reason")
        self.add_row(L_TEXT, self.text_edit, "text")
        self.add_row(L_ORDER, self.order_spin, "sort_order")
        self.add_row("", self.active_check, "active")
        self.finish_layout()
        self.field_combo.setCurrentIndex(max(self.field_combo.findData(phrase.field if phrase else ""), 0))
        self.kind_combo.set_code(phrase.kind if phrase else "")
        self.reason_combo.set_code(phrase.reason if phrase else "")
        self.text_edit.setPlainText(phrase.text if phrase else "")
        self.order_spin.setValue(phrase.sort_order if phrase else 100)
        self.active_check.setChecked(phrase.active if phrase else True)
        self.resize(max(self.sizeHint().width(), 480), self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        return save_phrase(session, self.actor, PhraseDraft(
            field=self.field_combo.currentData(), text=self.text_edit.toPlainText(), kind=self.kind_combo.code(),
            reason=self.reason_combo.code(), sort_order=self.order_spin.value(),
            active=self.active_check.isChecked(), id=self.phrase.id if self.phrase else None,
            version=self.phrase.version if self.phrase else None))
