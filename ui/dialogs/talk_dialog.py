"""The talk record form (谈话记录), built for speed and for never losing what was typed.

Fields follow the paper 谈话记录表: type, date and time, place, reason; 谈话人, 被谈话人, 记录人
(picked by name or pinyin initials, or typed free for outsiders); content, 本人表态, follow-up;
signed; links; attachments. A new form starts from this clerk's last talk (type, reason, place,
谈话人, 记录人); the content shows the type's outline as a hint (Ctrl+T puts it in as text, and
an untouched outline never counts as content); Ctrl+J inserts one of the office's 常用语 for
the type and reason. Ctrl+S saves, Ctrl+Enter 保存并新建: the next talk of a series keeps all
but the talkee and what was said, and starts in 被谈话人. Drafts, Tab order and Enter come with
FormDialog. The save is one call of the talks service: the talk, its participants, links and
attachments in one unit of work, with the end of the draft.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.archive import closed_years
from app.auth import Role
from app.dictionaries import load_vocabulary
from app.errors import ValidationError
from app.registers.talks import write as svc
from app.registers.talks.outlines import is_outline, outline_for
from ui import messages
from ui.dialogs.form import FormDialog
from ui.shortcuts import make_shortcut
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.combos import DictCombo
from ui.widgets.dates import DateEdit
from ui.widgets.field_form import ERROR_STYLE, NOTE_STYLE
from ui.widgets.participant_picker import ParticipantPicker
from ui.widgets.phrases import PhraseMenu
from ui.widgets.talk_links import TalkLinks
from ui.workers import run_task

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "新增谈话记录", "谈话记录 {number} — {summary}"
L_KIND, L_DATE, L_TIME, L_PLACE, L_REASON = "谈话类型", "谈话日期", "时间", "谈话地点", "谈话事由"
L_END = "至"
L_TALKERS, L_TALKEES, L_RECORDERS = "谈话人", "被谈话人", "记录人"
L_CONTENT, L_RESPONSE, L_FOLLOW_UP = "谈话内容", "本人表态", "后续要求"
L_SIGNED, L_ATTACHMENTS, L_CORRECTION = "签字", "附件", "更正原因"
L_LINKS = "关联"
SIGNED_TEXT = "被谈话人已签字确认"
TIME_HINT, END_HINT, PLACE_HINT = "如 14:30", "如 15:10", "如 局机关纪委办公室"
TALKEE_HINT = "输入姓名或拼音首字母后回车；外单位人员直接输入“姓名（单位·职务）”。集体谈话可添加多人。"
CORRECTION_HINT = "该年度已归档：管理员更正需填写原因"
OUTLINE = "插入提纲（Ctrl+T）"
PHRASES = "常用语（Ctrl+J）"
SAVE_AND_NEW = "保存并新建"
SAVE_AND_NEW_TIP = "保存后继续录入下一条（Ctrl+Enter）：保留类型、日期、时间、地点、事由、谈话人和记录人，光标在被谈话人"
PRINT, WORD = "打印…", "导出 Word…"
SAVED_NEXT = "已保存（第 {id} 号），请录入下一条。"
REPLACE_OUTLINE = "谈话内容中已有文字，要在末尾追加“{kind}”的提纲吗？"
OUTLINE_HINT = "按类型的提纲（Ctrl+T 插入为正文）：\n{outline}"


class TalkDialog(FormDialog):
    DRAFT_WHAT = "谈话记录"
    DRAFT_RECORD = "talk"
    saved = Signal(int)  # after every successful save (保存 and 保存并新建)

    def __init__(self, ws: Workspace, actor: Actor, talk: svc.TalkRow | None = None,
                 parent: QWidget | None = None, *, read_only: bool = False,
                 prefill: svc.TalkDraft | None = None) -> None:
        title = TITLE_EDIT.format(number=talk.number, summary=talk.summary) if talk else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=read_only)
        self.talk = talk
        self._keep_open = False
        with ws.reading() as session:
            self.vocab = load_vocabulary(session)
            self.closed = closed_years(session)
            last = svc.last_talk_of(session, actor) if talk is None and prefill is None else None
        self._build()
        self._build_buttons()
        self.finish_layout()
        self.fill(talk.draft() if talk else prefill or _following(last, ws.today()))
        self._load_places()
        self.resize(920, min(self.sizeHint().height(), 690))

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        ws, actor = self.ws, self.actor
        self.kind_combo = DictCombo(self.vocab, "talk_type", parent=self)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.date_edit = DateEdit(ws.today(), self, latest=ws.today())
        self.date_edit.dateChanged.connect(lambda _d: self._update_correction())
        self.time_edit = QLineEdit(self)
        self.time_edit.setPlaceholderText(TIME_HINT)
        self.time_edit.setMaximumWidth(90)
        self.end_edit = QLineEdit(self)
        self.end_edit.setPlaceholderText(END_HINT)
        self.end_edit.setMaximumWidth(90)
        self.place_edit = QLineEdit(self)
        self.place_edit.setPlaceholderText(PLACE_HINT)
        self.reason_combo = DictCombo(self.vocab, "talk_reason", parent=self)
        self.reason_combo.currentIndexChanged.connect(lambda _i: self._update_hint())
        self.add_row(L_KIND, self._line((self.kind_combo, "kind"), (L_DATE, self.date_edit, "talk_date"),
                                        (L_TIME, self.time_edit, "start_time"), (L_END, self.end_edit, "end_time")))
        self.add_row(L_PLACE, self._line((self.place_edit, "place"), (L_REASON, self.reason_combo, "reason")))
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
        self.outline_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+T
        self.outline_button.clicked.connect(self.insert_outline)
        self.phrase_button = QPushButton(PHRASES, self)
        self.phrase_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+J
        self.phrase_button.clicked.connect(self.show_phrases)
        under = QWidget(self)
        line = QHBoxLayout(under)
        line.setContentsMargins(0, 0, 0, 0)
        line.addStretch(1)
        line.addWidget(self.phrase_button)
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
        self.phrases = PhraseMenu(ws, self)
        if not self.read_only:
            make_shortcut(self, "outline", self.insert_outline)
            make_shortcut(self, "phrases", self.show_phrases)
        self._update_correction()

    def _text(self, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().height() * lines + 14)
        return edit

    def _line(self, first: tuple[QWidget, str], *more: tuple[str, QWidget, str]) -> QWidget:
        """Several fields on one line, each with its own error line (the form knows them all);
        each field is a Tab stop of its own, left to right."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for label, widget, name in (("", *first), *more):
            if label:
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
        for button in self.buttons.buttons():
            button.setAutoDefault(False)

    def _load_places(self) -> None:
        """Places used before, most used first, as completions (read off the GUI thread)."""
        ws = self.ws
        run_task(self, lambda _p: _recent_places(ws), on_done=self._set_places)

    def _set_places(self, places: list[str]) -> None:
        completer = QCompleter(places, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.place_edit.setCompleter(completer)
        self.list_moves_on(self.place_edit, completer)

    # ---- the form's content ----------------------------------------------------------------

    def fill(self, draft: svc.TalkDraft | None) -> None:
        """Shows `draft` (None: a new talk dated today); attachments of a saved talk too."""
        draft = draft or svc.TalkDraft(kind="", talk_date=self.ws.today())
        self.kind_combo.blockSignals(True)
        self.kind_combo.set_code(draft.kind)
        self.kind_combo.blockSignals(False)
        self.date_edit.set_value(draft.talk_date or self.ws.today())
        self.time_edit.setText(f"{draft.start_time:%H:%M}" if draft.start_time else "")
        self.end_edit.setText(f"{draft.end_time:%H:%M}" if draft.end_time else "")
        self.place_edit.setText(draft.place)
        self.reason_combo.set_code(draft.reason)
        rows = (self.talk.talkers, self.talk.talkees, self.talk.recorders) if self.talk else (
            draft.talkers, draft.talkees, draft.recorders)
        shown = self._displays([p for group in rows for p in group if not hasattr(p, "display")])
        for picker, people in zip((self.talkers, self.talkees, self.recorders), rows, strict=True):
            picker.set_participants([p if hasattr(p, "display") else shown.get(p.person_id, p) for p in people])
        self.content_edit.setPlainText(draft.content)
        self.response_edit.setPlainText(draft.response)
        self.follow_up_edit.setPlainText(draft.follow_up)
        self.signed_check.setChecked(draft.signed)
        self.attachments.load(self.talk.id if self.talk else None)
        self.links.reload(self._first_talkee(), draft.finding_id, draft.risk_point_id,
                          self.talk.id if self.talk else None)
        self._update_hint()

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

    def draft(self) -> svc.TalkDraft:
        return svc.TalkDraft(
            kind=self.kind_combo.code(), talk_date=self.date_edit.value(),
            talkees=tuple(self.talkees.participants()), talkers=tuple(self.talkers.participants()),
            recorders=tuple(self.recorders.participants()), start_time=svc.parse_time(self.time_edit.text()),
            end_time=svc.parse_time(self.end_edit.text(), "end_time"),
            place=self.place_edit.text(), reason=self.reason_combo.code(),
            content=self.content_edit.toPlainText(), response=self.response_edit.toPlainText(),
            follow_up=self.follow_up_edit.toPlainText(), signed=self.signed_check.isChecked(),
            finding_id=self.links.finding_id(), risk_point_id=self.links.risk_point_id(),
            correction_reason=self.correction_edit.text(),
            id=self.talk.id if self.talk else None, version=self.talk.version if self.talk else None,
            files=self.attachments.changes())

    def form_state(self) -> dict:
        """What the widgets hold; an untouched outline in the content counts as nothing."""
        state = super().form_state()
        if is_outline(state.get("content_edit", "")):
            state["content_edit"] = ""
        return state

    # ---- outline and 常用语 ------------------------------------------------------------------

    def _kind_changed(self) -> None:
        """A new type replaces an untouched outline with its own, and shows its own as the hint."""
        kind = self.kind_combo.code()
        text = self.content_edit.toPlainText()
        if kind and text.strip() and is_outline(text):
            self.content_edit.setPlainText(outline_for(kind))
        self._update_hint()

    def _update_hint(self) -> None:
        self.content_edit.setPlaceholderText(OUTLINE_HINT.format(outline=outline_for(self.kind_combo.code())))
        self.phrases.set_scope(self.kind_combo.code(), self.reason_combo.code())

    def insert_outline(self) -> None:
        """Ctrl+T: the type's outline as text, to fill in under each heading."""
        kind = self.kind_combo.code()
        text = self.content_edit.toPlainText()
        if is_outline(text):
            self.content_edit.setPlainText(outline_for(kind))
        elif messages.ask(self, REPLACE_OUTLINE.format(kind=self.kind_combo.currentText() or "通用")):
            self.content_edit.setPlainText(text.rstrip() + "\n\n" + outline_for(kind))
        self.content_edit.setFocus()
        cursor = self.content_edit.textCursor()
        cursor.setPosition(len(self.content_edit.toPlainText().split("\n", 1)[0]))
        self.content_edit.setTextCursor(cursor)

    def show_phrases(self) -> None:
        """Ctrl+J: the office's 常用语 for this type and reason, into the text field being typed
        in (内容 when the focus is elsewhere); ↓/↑ and Enter choose, Esc closes."""
        edits = (self.content_edit, self.response_edit, self.follow_up_edit)
        target = next((e for e in edits if e.hasFocus()), self.content_edit)
        self.phrases.pop_up(target, {self.content_edit: "talk_content", self.response_edit: "talk_response",
                                     self.follow_up_edit: "talk_follow_up"}[target])

    def _update_correction(self) -> None:
        year = self.date_edit.date().year()
        years = {year} | ({self.talk.talk_date.year} if self.talk else set())
        needed = bool(years & self.closed) and self.actor.role >= Role.ADMIN
        self.field_form.form.setRowVisible(self.correction_edit.parentWidget(), needed)

    # ---- drafts ------------------------------------------------------------------------------




    def draft_summary(self, fields: dict) -> str:
        people = (fields.get("talkees") or {}).get("people", [])
        names = [d.get("name", "") for d in people if isinstance(d, dict)]
        return f"（被谈话人：{'、'.join(names)}）" if names else ""

    # ---- saving ------------------------------------------------------------------------------

    def save_record(self, session: Session) -> int:
        """One call of the talks service: the talk, its people, links and attachments."""
        return svc.save_talk(session, self.actor, self.draft(), self.ws.today())

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
        self.saved.emit(self.saved_id)
        return True

    def accept(self) -> None:
        if not self._keep_open:
            super().accept()

    def save_by_keyboard(self) -> bool:
        """Ctrl+Enter: 保存并新建 (a talk of a series comes next more often than not)."""
        return self.save_and_new() if self.save_new_button is not None and self.save_new_button.isVisible() \
            else self.save()

    def save_and_new(self) -> bool:
        """Saves, then starts the next talk of the series: type, date, time, place, reason,
        谈话人 and 记录人 kept; the focus in 被谈话人."""
        self._keep_open = True
        try:
            if not self.save():
                return False
        finally:
            self._keep_open = False
        kept = self.draft()
        people = self.talkers.state(), self.recorders.state()
        self.talk = None
        self.setWindowTitle(TITLE_NEW)
        for button in (self.print_button, self.word_button):
            if button is not None:
                button.hide()
        self.fill(svc.TalkDraft(kind=kept.kind, talk_date=kept.talk_date, start_time=kept.start_time,
                                place=kept.place, reason=kept.reason))
        self.talkers.restore(people[0])
        self.recorders.restore(people[1])
        self.correction_edit.clear()
        self._baseline = self.form_state()
        self.after_save()  # a fresh draft for the next talk
        self.status.setText(SAVED_NEXT.format(id=self.saved_id))
        self.talkees.setFocus(Qt.FocusReason.OtherFocusReason)
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


def _following(last: svc.TalkRow | None, today: dt.date) -> svc.TalkDraft | None:
    """A new talk after this clerk's last one: its type, reason, place, 谈话人 and 记录人."""
    if last is None:
        return None
    return svc.TalkDraft(kind=last.kind, talk_date=today, place=last.place, reason=last.reason,
                         talkers=tuple(p.as_draft() for p in last.talkers),
                         recorders=tuple(p.as_draft() for p in last.recorders))


def _recent_places(ws: Workspace) -> list[str]:
    with ws.reading() as session:
        return svc.recent_places(session)
