"""User accounts (管理员 / 录入员 / 查阅), optionally limited to some units."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, check_new_password, hash_password, require_role
from app.errors import ValidationError
from app.services.common import load_for_update, required_text
from db.models import Unit, User


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    unit_names: tuple[str, ...]
    locked: bool
    version: int


def list_users(session: Session) -> list[UserRow]:
    users = session.scalars(select(User).order_by(User.id)).all()
    return [UserRow(u.id, u.username, u.display_name, Role.from_code(u.role), u.active,
                    tuple(x.name for x in u.units), u.locked_until is not None, u.version)
            for u in users]


def create_user(session: Session, actor: Actor, username: str, password: str, role: Role,
                display_name: str = "", unit_ids: Iterable[int] = ()) -> int:
    """Adds an account (管理员 only). Equal passwords still get unequal hashes (random salt)."""
    require_role(actor, Role.ADMIN)
    username = required_text(username, "用户名", "username", 50)
    check_new_password(password)
    if session.scalars(select(User).where(User.username == username)).first():
        raise ValidationError(f"用户名“{username}”已被使用。", "username")
    user = User(username=username, display_name=display_name.strip(), role=role.code,
                password_hash=hash_password(password))
    user.units = [session.get(Unit, uid) for uid in unit_ids]
    session.add(user)
    session.flush()
    audit.created(session, actor, user, password_hash="***",
                  units=[u.name for u in user.units], summary=f"新增用户 {username}")
    return user.id


def reset_password(session: Session, actor: Actor, user_id: int, password: str) -> None:
    require_role(actor, Role.ADMIN)
    check_new_password(password)
    user = load_for_update(session, User, user_id, None, "用户")
    user.password_hash = hash_password(password)
    user.failed_attempts, user.locked_until = 0, None
    session.flush()
    audit.record(session, actor, "update", "users", user.id, summary=f"重置 {user.username} 的密码")
