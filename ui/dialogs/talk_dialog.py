"""The talk record form (谈话记录), built for speed and for never losing what was typed.

Fields follow the paper 谈话记录表: type, date and time, place, reason; 谈话人, 被谈话人, 记录人
(picked by name or pinyin initials, or typed free for outsiders); content (started from the type's
outline), 本人表态, follow-up; signed; attachments. Ctrl+S saves, Ctrl+Enter 保存并新建 (keeps
type, date, place, reason and talkers), Esc closes. The form is saved as a draft every few
seconds (per user, in the database) and offered back when the form is opened again after a crash
or a close; a failed save shows the message next to the field and keeps everything typed.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import drafts
from app.archive import closed_years
from app.auth import Role
from app.dictionaries import load_vocabulary
from app.errors import ValidationError
from app.registers.talks import write as svc
from app.registers.talks.outlines import is_outline, outline_for
from ui import messages
from ui.dialogs.drafted import AUTOSAVE_MS, DraftedForm
from ui.dialogs.form import FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.combos import DictCombo
from ui.widgets.field_form import ERROR_STYLE, NOTE_STYLE
from ui.widgets.participant_picker import ParticipantPicker
from ui.shortcuts import make_shortcut
from ui.widgets.talk_links import TalkLinks
from ui.workers import run_task

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "新增谈话记录", "谈话记录 — {summary}"
L_KIND, L_DATE, L_TIME, L_PLACE, L_REASON = "谈话类型", "谈话日期", "时间", "谈话地点", "谈话事由"
L_TALKERS, L_TALKEES, L_RECORDERS = "谈话人", "被谈话人", "记录人"
L_CONTENT, L_RESPONSE, L_FOLLOW_UP = "谈话内容", "本人表态", "后续要求"
L_SIGNED, L_ATTACHMENTS, L_CORRECTION = "签字", "附件", "更正原因"
L_LINKS = "关联"
SIGNED_TEXT = "被谈话人已签字确认"
TIME_HINT, PLACE_HINT = "如 14:30", "如 局机关纪委办公室"
TALKEE_HINT = "输入姓名或拼音首字母后回车；外单位人员直接输入“姓名（单位·职务）”。集体谈话可添加多人。"
CORRECTION_HINT = "该年度已归档：管理员更正需填写原因"
OUTLINE = "按类型插入提纲"
SAVE_AND_NEW = "保存并新建"
SAVE_AND_NEW_TIP = "保存后继续录入下一条，保留类型、日期、地点、事由和谈话人（Ctrl+Enter）"
PRINT, WORD = "打印…", "导出 Word…"
SAVED_NEXT = "已保存（第 {id} 号），请录入下一条。"
REPLACE_OUTLINE = "谈话内容中已有文字，要在末尾追加“{kind}”的提纲吗？"
NEW_KEY, EDIT_KEY = "talks:new", "talks:edit:{id}"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class TalkDialog(DraftedForm, FormDialog):
    DRAFT_WHAT = "谈话记录"
    saved = Signal(int)  # after every successful save (保存 and 保存并新建)

    def __init__(self, ws: Workspace, actor: Actor, talk: svc.TalkRow | None = None,
                 parent: QWidget | None = None, *, read_only: bool = False,
                 prefill: svc.TalkDraft | None = None, autosave_ms: int = AUTOSAVE_MS) -> None:
        title = TITLE_EDIT.format(summary=talk.summary) if talk else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=read_only)
        self.talk = talk
        self._keep_open = False
        with ws.reading() as session:
            self.vocab = load_vocabulary(session)
            self.closed = closed_years(session)
        self._build()
        self._build_buttons()
        self.finish_layout()
        self._order_tabs()
        self.fill(talk.draft() if talk else prefill)
        self._baseline = self.form_state()
        self._load_places()
        self.start_drafts(autosave_ms)
        self.resize(920, min(self.sizeHint().height(), 690))

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        ws, actor = self.ws, self.actor
        self.kind_combo = DictCombo(self.vocab, "talk_type", parent=self)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.date_edit = QDateEdit(_qdate(ws.today()), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.dateChanged.connect(lambda _d: self._update_correction())
        self.time_edit = QLineEdit(self)
        self.time_edit.setPlaceholderText(TIME_HINT)
        self.time_edit.setMaximumWidth(90)
        self.place_edit = QLineEdit(self)
        self.place_edit.setPlaceholderText(PLACE_HINT)
        self.reason_combo = DictCombo(self.vocab, "talk_reason", parent=self)
        self.add_row(L_KIND, self._line(self.kind_combo, "kind", (L_DATE, self.date_edit, "talk_date"),
                                        (L_TIME, self.time_edit, "start_time")), "kind")
        self.add_row(L_PLACE, self._line(self.place_edit, "place", (L_REASON, self.reason_combo, "reason")),
                     "place")
        self.talkers = ParticipantPicker(ws, actor, self, field="talkers")
        self.talkees = ParticipantPicker(ws, actor, self, field="talkees")
        self.recorders = ParticipantPicker(ws, actor, self, field="recorders")
        hint = QLabel(TALKEE_HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        hint.setWordWrap(True)
        self.add_row(L_TALKERS, self.talkers, "talkers")
        self.add_row(L_TALKEES, self.talkees, "talkees", hint=hint)
        self.add_row(L_RECORDERS, self.recorders, "recorders")
        for picker in (self.talkers, self.talkees, self.recorders):
            picker.problem.connect(lambda text, p=picker: self.field_form.show_error(ValidationError(text, p.field)))
        self.content_edit = QPlainTextEdit(self)
        self.content_edit.setMinimumHeight(self.fontMetrics().height() * 8)
        self.content_edit.setTabChangesFocus(True)
        self.outline_button = QPushButton(OUTLINE, self)
        self.outline_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.outline_button.clicked.connect(self.insert_outline)
        under = QWidget(self)
        line = QHBoxLayout(under)
        line.setContentsMargins(0, 0, 0, 0)
        line.addStretch(1)
        line.addWidget(self.outline_button)
        self.add_row(L_CONTENT, self.content_edit, "content", hint=under)
        self.response_edit = self._text(3)
        self.follow_up_edit = self._text(2)
        self.add_row(L_RESPONSE, self.response_edit, "response")
        self.add_row(L_FOLLOW_UP, self.follow_up_edit, "follow_up")
        self.signed_check = QCheckBox(SIGNED_TEXT, self)
        self.add_row(L_SIGNED, self.signed_check, "signed")
        self.links = TalkLinks(ws, actor, self)
        self.add_row(L_LINKS, self.links, "finding_id")
        self.talkees.changed.connect(lambda: self.links.reload(self._first_talkee()))
        self.attachments = AttachmentList(ws, actor, svc.ENTITY, self)
        self.add_row(L_ATTACHMENTS, self.attachments, "attachments")
        self.correction_edit = QLineEdit(self)
        self.correction_edit.setPlaceholderText(CORRECTION_HINT)
        self.add_row(L_CORRECTION, self.correction_edit, "correction_reason")
        self._update_correction()

    def _text(self, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().height() * lines + 14)
        return edit

    def _line(self, first: QWidget, field: str, *more: tuple[str, QWidget, str]) -> QWidget:
        """Several fields on one line, each with its own error line (the form knows them all)."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(first, 1)
        for label, widget, name in more:
            row.addSpacing(12)
            row.addWidget(QLabel(label, holder))
            row.addWidget(widget, 1 if not isinstance(widget, QLineEdit) or widget.maximumWidth() > 200 else 0)
            error = QLabel(holder)
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            column.addWidget(error)
            self.field_form.error_labels[name] = error
            self.field_form.fields[name] = widget
        column.insertLayout(0, row)
        holder.setFocusProxy(first)
        return holder

    def _build_buttons(self) -> None:
        self.print_button = self.word_button = self.save_new_button = None
        if self.talk is not None:
            self.print_button = self.buttons.addButton(PRINT, QDialogButtonBox.ButtonRole.ResetRole)
            self.word_button = self.buttons.addButton(WORD, QDialogButtonBox.ButtonRole.ResetRole)
            self.print_button.clicked.connect(self.print_record)
            self.word_button.clicked.connect(self.export_word)
        if not self.read_only:
            self.save_new_button = self.buttons.addButton(SAVE_AND_NEW, QDialogButtonBox.ButtonRole.ActionRole)
            self.save_new_button.setToolTip(SAVE_AND_NEW_TIP)
            self.save_new_button.clicked.connect(self.save_and_new)
            make_shortcut(self, "save_and_new", self.save_and_new)
        self.status = QLabel(self)
        self.status.setStyleSheet(NOTE_STYLE)
        self.body.addWidget(self.status)

    def _order_tabs(self) -> None:
        chain = [self.kind_combo, self.date_edit, self.time_edit, self.place_edit, self.reason_combo,
                 self.talkers.edit, self.talkees.edit, self.recorders.edit, self.content_edit,
                 self.response_edit, self.follow_up_edit, self.signed_check, self.correction_edit]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _load_places(self) -> None:
        """Places used before, most used first, as completions (read off the GUI thread)."""
        ws = self.ws
        run_task(self, lambda _p: _recent_places(ws), on_done=self._set_places)

    def _set_places(self, places: list[str]) -> None:
        completer = QCompleter(places, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.place_edit.setCompleter(completer)

    # ---- the form's content ----------------------------------------------------------------

    def fill(self, draft: svc.TalkDraft | None) -> None:
        """Shows `draft` (None: a new talk dated today); attachments of a saved talk too."""
        draft = draft or svc.TalkDraft(kind="", talk_date=self.ws.today())
        self.kind_combo.blockSignals(True)
        self.kind_combo.set_code(draft.kind)
        self.kind_combo.blockSignals(False)
        self.date_edit.setDate(_qdate(draft.talk_date or self.ws.today()))
        self.time_edit.setText(f"{draft.start_time:%H:%M}" if draft.start_time else "")
        self.place_edit.setText(draft.place)
        self.reason_combo.set_code(draft.reason)
        rows = (self.talk.talkers, self.talk.talkees, self.talk.recorders) if self.talk else (
            draft.talkers, draft.talkees, draft.recorders)
        shown = self._displays([p for group in rows for p in group if not hasattr(p, "display")])
        for picker, people in zip((self.talkers, self.talkees, self.recorders), rows):
            picker.set_participants([p if hasattr(p, "display") else shown.get(p.person_id, p) for p in people])
        self.content_edit.setPlainText(draft.content)
        self.response_edit.setPlainText(draft.response)
        self.follow_up_edit.setPlainText(draft.follow_up)
        self.signed_check.setChecked(draft.signed)
        self.attachments.load(self.talk.id if self.talk else None)
        self.links.reload(self._first_talkee(), draft.finding_id, draft.risk_point_id,
                          self.talk.id if self.talk else None)
        if draft.kind and not draft.content and not self.talk:
            self.content_edit.setPlainText(outline_for(draft.kind))

    def _first_talkee(self) -> int | None:
        """The first registered talkee: whose findings and unit's risk points the links offer."""
        return next((p.person_id for p in self.talkees.participants() if p.person_id is not None), None)

    def _displays(self, people: list[svc.ParticipantDraft]) -> dict[int, svc.ParticipantRow]:
        """Registered people of a prefilled draft as the register shows them (with their unit)."""
        from app.registers.people.query import people_rows

        ids = [p.person_id for p in people if p.person_id is not None]
        if not ids:
            return {}
        with self.ws.reading() as session:
            return {r.id: svc.ParticipantRow("", r.name, r.id, r.unit_id, r.unit_name, r.position)
                    for r in people_rows(session, ids)}

    def form_state(self) -> dict:
        """Everything typed, as plain data (the draft's payload)."""
        return {
            "kind": self.kind_combo.code(), "talk_date": self.date_edit.date().toPython().isoformat(),
            "start_time": self.time_edit.text(), "place": self.place_edit.text(),
            "reason": self.reason_combo.code(), "talkers": self.talkers.state(),
            "talkees": self.talkees.state(), "recorders": self.recorders.state(),
            "typing": [p.pending_text() for p in (self.talkers, self.talkees, self.recorders)],
            "content": self.content_edit.toPlainText(), "response": self.response_edit.toPlainText(),
            "follow_up": self.follow_up_edit.toPlainText(), "signed": self.signed_check.isChecked(),
            "attachments": self.attachments.pending_paths(),
            "correction_reason": self.correction_edit.text(),
            "id": self.talk.id if self.talk else None, "version": self.talk.version if self.talk else None,
        }

    def restore_state(self, state: dict) -> None:
        self.kind_combo.blockSignals(True)
        self.kind_combo.set_code(state.get("kind", ""))
        self.kind_combo.blockSignals(False)
        self.date_edit.setDate(_qdate(dt.date.fromisoformat(state.get("talk_date") or self.ws.today().isoformat())))
        self.time_edit.setText(state.get("start_time", ""))
        self.place_edit.setText(state.get("place", ""))
        self.reason_combo.set_code(state.get("reason", ""))
        pickers = (self.talkers, self.talkees, self.recorders)
        for picker, key, typing in zip(pickers, ("talkers", "talkees", "recorders"), state.get("typing", ["", "", ""])):
            picker.restore(state.get(key, []))
            picker.edit.setText(typing)
        self.content_edit.setPlainText(state.get("content", ""))
        self.response_edit.setPlainText(state.get("response", ""))
        self.follow_up_edit.setPlainText(state.get("follow_up", ""))
        self.signed_check.setChecked(bool(state.get("signed")))
        self.attachments.set_pending(state.get("attachments", []))
        self.correction_edit.setText(state.get("correction_reason", ""))

    def draft(self) -> svc.TalkDraft:
        return svc.TalkDraft(
            kind=self.kind_combo.code(), talk_date=self.date_edit.date().toPython(),
            talkees=tuple(self.talkees.participants()), talkers=tuple(self.talkers.participants()),
            recorders=tuple(self.recorders.participants()), start_time=svc.parse_time(self.time_edit.text()),
            place=self.place_edit.text(), reason=self.reason_combo.code(),
            content=self.content_edit.toPlainText(), response=self.response_edit.toPlainText(),
            follow_up=self.follow_up_edit.toPlainText(), signed=self.signed_check.isChecked(),
            finding_id=self.links.finding_id(), risk_point_id=self.links.risk_point_id(),
            correction_reason=self.correction_edit.text(),
            id=self.talk.id if self.talk else None, version=self.talk.version if self.talk else None)

    # ---- outline -----------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        """A new type replaces an untouched outline (or an empty content) with its own."""
        kind = self.kind_combo.code()
        if kind and is_outline(self.content_edit.toPlainText()):
            self.content_edit.setPlainText(outline_for(kind))

    def insert_outline(self) -> None:
        kind = self.kind_combo.code()
        text = self.content_edit.toPlainText()
        if is_outline(text):
            self.content_edit.setPlainText(outline_for(kind))
        elif messages.ask(self, REPLACE_OUTLINE.format(kind=self.kind_combo.currentText() or "通用")):
            self.content_edit.setPlainText(text.rstrip() + "\n\n" + outline_for(kind))
        self.content_edit.setFocus()

    def _update_correction(self) -> None:
        year = self.date_edit.date().year()
        years = {year} | ({self.talk.talk_date.year} if self.talk else set())
        needed = bool(years & self.closed) and self.actor.role >= Role.ADMIN
        self.correction_edit.setVisible(needed)
        label = self.field_form.form.labelForField(self.correction_edit.parentWidget())
        if label is not None:
            label.setVisible(needed)

    # ---- drafts ------------------------------------------------------------------------------

    @property
    def form_key(self) -> str:
        return EDIT_KEY.format(id=self.talk.id) if self.talk else NEW_KEY

    def draft_summary(self, payload: dict) -> str:
        names = [d.get("name", "") for d in payload.get("talkees", [])]
        return f"（被谈话人：{'、'.join(names)}）" if names else ""

    def reject(self) -> None:
        self.close_with_draft()
        super().reject()

    # ---- saving ------------------------------------------------------------------------------

    def save_record(self, session: Session) -> int:
        talk_id = svc.save_talk(session, self.actor, self.draft(), self.ws.today())
        self.attachments.apply(session, talk_id)
        drafts.clear_draft(session, self.actor, self.form_key)
        return talk_id

    def save(self) -> bool:
        """Names typed but not yet confirmed become people first; then the save of FormDialog
        (message by the field on failure, everything kept)."""
        if self.read_only:
            return False
        self.field_form.clear_errors()
        try:
            for picker in (self.talkers, self.talkees, self.recorders):
                picker.commit_text()
        except ValidationError as error:
            self.field_form.show_error(error)
            return False
        if not super().save():
            return False
        self.autosave_timer.stop()
        self.saved.emit(self.saved_id)
        return True

    def accept(self) -> None:
        if not self._keep_open:
            super().accept()

    def save_and_new(self) -> bool:
        """Saves, then starts the next record with the same type, date, place, reason and talkers."""
        self._keep_open = True
        try:
            if not self.save():
                return False
        finally:
            self._keep_open = False
        kept, talkers = self.draft(), self.talkers.state()
        self.talk = None
        self.setWindowTitle(TITLE_NEW)
        for button in (self.print_button, self.word_button):
            if button is not None:
                button.hide()
        self.fill(svc.TalkDraft(kind=kept.kind, talk_date=kept.talk_date, place=kept.place,
                                reason=kept.reason, talkers=kept.talkers))
        self.talkers.restore(talkers)
        self.correction_edit.clear()
        self._baseline = self.form_state()
        self._last_saved = None
        self.status.setText(SAVED_NEXT.format(id=self.saved_id))
        self.autosave_timer.start()
        self.talkees.setFocus()
        return True

    # ---- the record as paper -----------------------------------------------------------------

    def print_record(self) -> None:
        from ui.dialogs.talk_record_actions import print_record

        if self.talk is not None:
            print_record(self, self.ws, self.actor, self.talk.id)

    def export_word(self) -> None:
        from ui.dialogs.talk_record_actions import export_word

        if self.talk is not None:
            export_word(self, self.ws, self.actor, self.talk.id)


def _recent_places(ws: Workspace) -> list[str]:
    with ws.reading() as session:
        return svc.recent_places(session)
