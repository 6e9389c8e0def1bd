"""Reading user accounts (管理员 only): every account with its role and unit limits."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import Role
from app.registers.users.types import UserRow
from db.models import User


def _row(user: User, now: dt.datetime | None) -> UserRow:
    units = sorted(user.units, key=lambda u: (u.sort_order, u.id))
    locked = user.locked_until is not None and (now is None or user.locked_until > now)
    return UserRow(user.id, user.username, user.display_name, Role.from_code(user.role), user.active,
                   tuple(u.name for u in units), locked, user.version, tuple(u.id for u in units))


def list_users(session: Session, now: dt.datetime | None = None) -> list[UserRow]:
    """Every account, oldest first (a handful of staff). `locked`: locked out at `now` (naive UTC)."""
    return [_row(u, now) for u in session.scalars(select(User).order_by(User.id)).all()]

