"""生成年度名单: draws up a year's 责任书 — one level at a time, for the units ticked (last year's
list, else the 科室 and 直属单位) or the people ticked (the 班子成员, or a unit's staff) — as
unsigned pledges to fill in as they come back. Pledges the year already has are left alone."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from app.dictionaries import load_vocabulary
from app.registers.people.query import people_rows, search_people_ids
from app.registers.people.types import PersonFilter
from app.registers.pledges import write as pledges_write
from app.registers.pledges.query import responsible_units
from app.registers.units.query import list_units
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.widgets.checklist import CheckList
from ui.widgets.combos import DictCombo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "生成年度责任书签订名单"
L_YEAR, L_LEVEL, L_WHO, L_PICK, L_LEADER = "年度", "责任书层级", "签订对象", "名单", "责任领导"
BY_UNIT, BY_LEADERS, BY_STAFF = "各单位（科室）", "局领导班子成员", "本单位岗位人员："
HINT = "勾选的单位（人员）各生成一份待签订的责任书；本年度已有的不重复生成。"
MADE = "已生成 {count} 份待签订的责任书。"


class PledgeYearDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, TITLE, parent)
        year = year or ws.today().year
        self.made: list[int] = []
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            self.units = [u for u in list_units(session, include_inactive=False) if actor.may_touch_unit(u.id)]
            self.listed = {u.id for u in responsible_units(session, actor, year - 1)}
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(year)
        self.level_combo = DictCombo(vocab, "pledge_level", optional=False, parent=self)
        self.who_combo = QComboBox(self)
        self.who_combo.addItem(BY_UNIT, ("units", None))
        self.who_combo.addItem(BY_LEADERS, ("leaders", None))
        for unit in self.units:
            self.who_combo.addItem(BY_STAFF + unit.name, ("staff", unit.id))
        self.pick_list = CheckList(self)
        self.pick_list.setMinimumHeight(self.fontMetrics().height() * 14)
        self.leader_edit = QLineEdit(self)
        hint = QLabel(HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        hint.setWordWrap(True)
        self.add_row(L_YEAR, self.year_spin, "year")
        self.add_row(L_LEVEL, self.level_combo, "level")
        self.add_row(L_WHO, self.who_combo)
        self.add_row(L_PICK, self.pick_list, "picked", hint=hint)
        self.add_row(L_LEADER, self.leader_edit, "leader_name")
        self.who_combo.currentIndexChanged.connect(lambda _i: self._fill())
        self.finish_layout()
        if self.save_button is not None:
            self.save_button.setText("生成")
        self._fill()
        self.resize(520, self.sizeHint().height())

    def _fill(self) -> None:
        mode, unit_id = self.who_combo.currentData()
        if mode == "units":
            self.level_combo.set_code("party_unit")
            self.pick_list.set_items([(u.name, u.id) for u in self.units], self.listed)
            return
        self.level_combo.set_code("party_member" if mode == "leaders" else "unit_post")
        with self.ws.reading() as session:
            filt = PersonFilter(leaders_only=True) if mode == "leaders" else PersonFilter(unit_id=unit_id)
            people = people_rows(session, search_people_ids(session, self.actor, filt))
        ticked = [p.id for p in people]
        if mode == "leaders" and self.units:  # the 党组's own: the first unit's (局领导班子) ticked
            ticked = [p.id for p in people if p.unit_id == self.units[0].id] or ticked
        self.pick_list.set_items([(p.display, p.id) for p in people], ticked)

    def save_record(self, session: Session) -> int:
        mode, _unit = self.who_combo.currentData()
        picked = [int(x) for x in self.pick_list.checked()]
        kwargs = {"unit_ids": picked} if mode == "units" else {"person_ids": picked}
        self.made = pledges_write.draw_up_year(session, self.actor, self.year_spin.value(), self.level_combo.code(),
                                               leader_name=self.leader_edit.text().strip(), **kwargs)
        return len(self.made)
