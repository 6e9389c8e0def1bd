"""`TalkLinks`: what a talk record is about — a finding the talkee answers for, a risk point of
the talkee's unit — and, read-only, the first-form ledger entries that name the talk."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.dialogs.form import NOTE_STYLE
from ui.widgets.combos import SearchCombo

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

NO_FINDING = "（不关联问题整改）"
NO_RISK = "（不关联风险点）"
FINDING_TIP = "被谈话人作为责任人的问题整改"
RISK_TIP = "被谈话人所在单位的廉政风险点"
LEDGER_TEXT = "已由第一种形态台账关联：{items}"


class TalkLinks(QWidget):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.finding_combo = SearchCombo(self)
        self.finding_combo.setToolTip(FINDING_TIP)
        self.risk_combo = SearchCombo(self)
        self.risk_combo.setToolTip(RISK_TIP)
        self.ledger_label = QLabel(self)
        self.ledger_label.setStyleSheet(NOTE_STYLE)
        self.ledger_label.setWordWrap(True)
        self.ledger_label.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.finding_combo, 1)
        row.addWidget(self.risk_combo, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.ledger_label)
        self.reload(None)

    def finding_id(self) -> int | None:
        return self.finding_combo.current_data() or None

    def risk_point_id(self) -> int | None:
        return self.risk_combo.current_data() or None

    def draft_value(self) -> dict:
        return {"finding_id": self.finding_id(), "risk_point_id": self.risk_point_id()}

    def set_draft_value(self, value: object) -> None:
        if isinstance(value, dict):
            self.finding_combo.set_current_data(value.get("finding_id") or 0)
            self.risk_combo.set_current_data(value.get("risk_point_id") or 0)

    def reload(self, person_id: int | None, finding_id: int | None = None,
               risk_point_id: int | None = None, talk_id: int | None = None) -> None:
        """The choices for this talkee (short lists, read here); the current links kept."""
        from app.registers.ledger.query import candidate_findings, entries_linking_talk
        from app.registers.people.query import get_person
        from app.registers.risks.query import point_choices

        finding_id = finding_id if finding_id is not None else self.finding_id()
        risk_point_id = risk_point_id if risk_point_id is not None else self.risk_point_id()
        with self.ws.reading() as session:
            unit_id = get_person(session, person_id).unit_id if person_id is not None else None
            findings = candidate_findings(session, person_id, [finding_id] if finding_id else [])
            points = point_choices(session, self.actor, unit_id)
            linked = entries_linking_talk(session, talk_id) if talk_id is not None else []
        self.finding_combo.set_items([(NO_FINDING, 0)] + [(c.label, c.id) for c in findings],
                                     finding_id or 0)
        if risk_point_id and risk_point_id not in {pid for pid, _ in points}:
            risk_point_id = None  # a point of another unit: shown only while still linked below
        self.risk_combo.set_items([(NO_RISK, 0)] + [(label, pid) for pid, label in points],
                                  risk_point_id or 0)
        self.ledger_label.setText(LEDGER_TEXT.format(items="；".join(c.label for c in linked)))
        self.ledger_label.setVisible(bool(linked))
