"""Closed years (归档): a closed year's ledgers are read-only; a correction needs the
administrator and a reason, and is audited as a correction.

Every register service calls `guard_year(session, actor, year, reason)` before it writes a record
dated in `year` (and before it moves a record out of it).
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role
from app.errors import PermissionDenied, ValidationError
from db.models import YearClosure


def closed_years(session: Session) -> set[int]:
    return set(session.scalars(select(YearClosure.year)))


def guard_year(session: Session, actor: Actor, year: int | None, correction_reason: str = "",
               what: str = "记录") -> bool:
    """Allows the write, or raises. Returns True when it is a correction of a closed year (the
    service then records `audit.record(..., "correct", ...)` beside its usual audit row)."""
    if year is None or session.get(YearClosure, year) is None:
        return False
    if actor.role < Role.ADMIN:
        raise PermissionDenied(f"{year} 年度已归档，{what}不能再修改。如需更正，请联系管理员。")
    if not correction_reason.strip():
        raise ValidationError(f"{year} 年度已归档。管理员更正需填写更正原因。", "correction_reason")
    return True


def record_correction(session: Session, actor: Actor, entity: str, entity_id: object, year: int,
                      reason: str) -> None:
    audit.record(session, actor, "correct", entity, entity_id,
                 new={"year": year, "reason": reason.strip()}, summary=f"更正已归档的 {year} 年度记录：{reason.strip()}")
