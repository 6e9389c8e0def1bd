"""Reading units: every unit in display order, names to ids, the units below one, and what
points at a unit (before it is deleted)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.dictionaries import load_vocabulary
from app.registers.units.types import UNIT_KIND_ORDER, UnitRow
from db.models import (
    DutyReport,
    EducationSession,
    Finding,
    LedgerEntry,
    Person,
    Pledge,
    RiskPoint,
    Study,
    Unit,
    UnitAssessment,
    inspection_units,
)
from db.models.org import unit_kind_rank

# The same order in SQL, for sorting registers by unit (ix_units_display_order reads it).
UNIT_ORDER_SQL = (unit_kind_rank(Unit.kind), Unit.sort_order, Unit.name)


def list_units(session: Session, include_inactive: bool = True) -> list[UnitRow]:
    """Every unit in display order: 局机关科室, then 直属单位, then others; then their order."""
    vocab = load_vocabulary(session)
    counts = dict(session.execute(
        select(Person.unit_id, func.count()).where(Person.active).group_by(Person.unit_id)).all())
    units = session.scalars(select(Unit)).all()
    rows = [
        UnitRow(u.id, u.name, u.kind, vocab.label("unit_kind", u.kind), u.parent_id, u.sort_order,
                u.active, u.notes, u.version, counts.get(u.id, 0))
        for u in units if include_inactive or u.active
    ]
    rows.sort(key=lambda r: (UNIT_KIND_ORDER.get(r.kind, 9), r.sort_order, r.name))
    return rows


def unit_ids_by_name(session: Session) -> dict[str, int]:
    return {name: uid for uid, name in session.execute(select(Unit.id, Unit.name))}


def descendant_unit_ids(session: Session, unit_id: int) -> set[int]:
    """The unit and every unit below it."""
    children: dict[int | None, list[int]] = {}
    for uid, parent in session.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def unit_references(session: Session, unit_id: int) -> dict[str, int]:
    checks = {
        "人员": select(func.count()).where(Person.unit_id == unit_id),
        "下级单位": select(func.count()).where(Unit.parent_id == unit_id),
        "风险点": select(func.count()).where(RiskPoint.unit_id == unit_id),
        "问题整改": select(func.count()).where(
            (Finding.unit_id == unit_id) | (Finding.resp_unit_id == unit_id)),
        "监督检查": select(func.count()).where(inspection_units.c.unit_id == unit_id),
        "第一种形态台账": select(func.count()).where(LedgerEntry.unit_id == unit_id),
        "党风廉政建设责任书": select(func.count()).where(Pledge.unit_id == unit_id),
        "专题研究": select(func.count()).where(Study.unit_id == unit_id),
        "主体责任考核": select(func.count()).where(UnitAssessment.unit_id == unit_id),
        "报告报送": select(func.count()).where(DutyReport.unit_id == unit_id),
        "廉政教育": select(func.count()).where(EducationSession.organiser_id == unit_id),
    }
    return {label: n for label, q in checks.items() if (n := session.scalar(q))}

