"""约谈建议: the units whose findings, complaints or 民主评议 cross the administrator's thresholds (or
whose latest 考核 was 差), with every reason and the unit's 主要负责人 (app/interviews.py);
登记约谈 opens the talk form as a 约谈 of that head; once recorded, the proposal goes."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.auth import Role
from app.interviews import INTERVIEW_KIND, InterviewProposal, interview_proposals
from app.registers.talks.types import ParticipantDraft, TalkDraft
from app.settings import load_settings
from ui.dialogs.form import NOTE_STYLE
from ui.models.columns import Column, RowsTableModel
from ui.widgets.rows_view import rows_view, selected_row
from ui.workers import NewestRead

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "约谈建议"
NOTE = ("对落实主体责任不力、监督检查发现问题较多、群众信访反映问题集中、民主评议满意度较低的单位，约谈其主要负责同志。"
        "阈值：近12个月问题 ≥ {findings} 个，信访举报 ≥ {complaints} 件，民主评议满意度 < {satisfaction}%，"
        "或上年度考核为“差”（在“系统管理 › 系统设置”中调整；0 为不使用）。近12个月已约谈的单位不再提示。")
RECORD, REFRESH = "登记约谈…", "刷新"
COUNT, NONE = "共 {count} 个单位建议约谈", "目前没有需要约谈的单位。"
CONTENT = "一、约谈事由：{reasons}。\n二、存在的问题：\n三、整改要求：\n"

COLUMNS = (
    Column("unit_name", "单位", 160),
    Column("head_text", "主要负责人", 200),
    Column("reason_text", "约谈原因", 480, tooltip=True, stretch=True),
)


class InterviewsTab(QWidget):
    TITLE = TITLE
    counts_changed = Signal(str)
    ready = Signal()
    navigate_requested = Signal(str, dict)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self._read = NewestRead(self)
        self._loaded = False
        self.unit_id: int | None = None
        settings = ws.settings
        self.note = QLabel(NOTE.format(findings=settings.interview_findings, complaints=settings.interview_complaints,
                                       satisfaction=settings.interview_satisfaction), self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.model = RowsTableModel(COLUMNS, [], parent=self)
        self.view = rows_view(self.model, self, single=True)
        self.view.doubleClicked.connect(lambda _i: self.record_interview())
        self.record_button = QPushButton(RECORD, self)
        self.record_button.clicked.connect(self.record_interview)
        self.record_button.setEnabled(actor.role >= Role.EDITOR and not ws.read_only)
        refresh = QPushButton(REFRESH, self)
        refresh.clicked.connect(self.refresh)
        self.count_label = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addWidget(refresh)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.refresh()

    def refresh(self) -> None:
        ws, actor = self.ws, self.actor

        def work(_progress: Any) -> list[InterviewProposal]:
            with ws.reading() as session:
                return interview_proposals(session, actor, ws.today(), load_settings(session))

        self._read.run(work, on_done=self._show)

    def _show(self, proposals: list[InterviewProposal]) -> None:
        self.model.set_rows(proposals)
        self._loaded = True
        text = COUNT.format(count=len(proposals)) if proposals else NONE
        self.count_label.setText(text)
        if self.unit_id is not None:
            for number, p in enumerate(proposals):
                if p.unit_id == self.unit_id:
                    self.view.selectRow(number)
        self.counts_changed.emit(text)
        self.ready.emit()

    def is_ready(self) -> bool:
        return self._loaded and not self._read.loading

    def apply_navigation(self, filters: dict) -> None:
        self.unit_id = filters.get("unit_id")
        self.refresh()

    def record_interview(self) -> None:
        """The talk form as a 约谈 of the selected unit's head, the reasons written in."""
        proposal: InterviewProposal | None = selected_row(self.view)
        if proposal is None or not self.record_button.isEnabled():
            return
        from ui.dialogs.talk_dialog import TalkDialog

        talkees = (ParticipantDraft(name=proposal.head.name, person_id=proposal.head.id),) if proposal.head else ()
        prefill = TalkDraft(kind=INTERVIEW_KIND, talk_date=self.ws.today(), talkees=talkees, reason="tendency",
                            content=CONTENT.format(reasons=proposal.reason_text))
        dialog = TalkDialog(self.ws, self.actor, None, self, prefill=prefill)
        if dialog.exec():
            self.refresh()
