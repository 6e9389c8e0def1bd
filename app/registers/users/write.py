"""Writing user accounts (管理员 only): create, update (role, unit limits), 停用, reset password.

Guarantees: passwords are stored as salted scrypt hashes only (equal passwords give unequal
hashes); the audit rows never hold a password or a hash; the workspace always keeps at least one
active administrator, and nobody deactivates or demotes themselves by accident."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, check_new_password, hash_password, require_role
from app.common import limited_text, required_text
from app.errors import ValidationError
from app.stale import load_for_update
from db.models import Unit, User

HIDDEN = "***"


def _units(session: Session, unit_ids: Iterable[int]) -> list[Unit]:
    units = []
    for unit_id in dict.fromkeys(unit_ids):
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise ValidationError("所选单位不存在。", "unit_ids")
        units.append(unit)
    return units


def create_user(session: Session, actor: Actor, username: str, password: str, role: Role,
                display_name: str = "", unit_ids: Iterable[int] = ()) -> int:
    """Adds an account (管理员 only). Equal passwords still get unequal hashes (random salt)."""
    require_role(actor, Role.ADMIN)
    username = required_text(username, "用户名", "username", 50)
    display_name = limited_text(display_name, "姓名", "display_name", 50)
    check_new_password(password)
    if session.scalars(select(User).where(User.username == username)).first():
        raise ValidationError(f"用户名“{username}”已被使用。", "username")
    user = User(username=username, display_name=display_name, role=role.code,
                password_hash=hash_password(password))
    user.units = _units(session, unit_ids)
    session.add(user)
    session.flush()
    audit.created(session, actor, user, password_hash=HIDDEN,
                  units=[u.name for u in user.units], summary=f"新增用户 {username}")
    return user.id


def _active_admins(session: Session) -> int:
    return session.scalar(select(func.count()).where(User.role == Role.ADMIN.code, User.active)) or 0


def update_user(session: Session, actor: Actor, user_id: int, version: int | None, *,
                display_name: str, role: Role, unit_ids: Iterable[int] = ()) -> None:
    """Changes a user's name, role and unit limits (管理员 only); the last administrator stays one."""
    require_role(actor, Role.ADMIN)
    user = load_for_update(session, User, user_id, version, "用户")
    display_name = limited_text(display_name, "姓名", "display_name", 50)
    if user.role == Role.ADMIN.code and role != Role.ADMIN:
        if user.id == actor.id:
            raise ValidationError("不能取消自己的管理员权限，请由另一位管理员操作。", "role")
        if user.active and _active_admins(session) <= 1:
            raise ValidationError("这是唯一的管理员，不能改为其他角色。", "role")
    units = _units(session, unit_ids)
    if role == Role.ADMIN and units:
        raise ValidationError("管理员管理全部单位，不能限定单位。", "unit_ids")
    before = audit.snapshot(user, password_hash=HIDDEN, units=[u.name for u in user.units])
    user.display_name, user.role = display_name, role.code
    user.units = units
    session.flush()
    audit.updated(session, actor, user, before, password_hash=HIDDEN,
                  units=[u.name for u in units], summary=f"修改用户 {user.username}")


def set_user_active(session: Session, actor: Actor, user_id: int, active: bool,
                    version: int | None = None) -> None:
    """停用/启用 an account (管理员 only). A deactivated user cannot sign in; its audit rows stay.
    Nobody deactivates themselves, and the last active administrator stays active."""
    require_role(actor, Role.ADMIN)
    user = load_for_update(session, User, user_id, version, "用户")
    if not active:
        if user.id == actor.id:
            raise ValidationError("不能停用当前登录的账户。", "active")
        if user.role == Role.ADMIN.code and user.active and _active_admins(session) <= 1:
            raise ValidationError("这是唯一的管理员，不能停用。", "active")
    before = audit.snapshot(user, password_hash=HIDDEN)
    user.active = active
    if active:
        user.failed_attempts, user.locked_until = 0, None
    session.flush()
    audit.updated(session, actor, user, before, password_hash=HIDDEN,
                  summary=("启用" if active else "停用") + f"用户 {user.username}")


def reset_password(session: Session, actor: Actor, user_id: int, password: str) -> None:
    """Sets a new password (管理员 only) and lifts a lock-out; the audit row holds no password."""
    require_role(actor, Role.ADMIN)
    check_new_password(password)
    user = load_for_update(session, User, user_id, None, "用户")
    user.password_hash = hash_password(password)
    user.failed_attempts, user.locked_until = 0, None
    session.flush()
    audit.record(session, actor, "update", "users", user.id, summary=f"重置 {user.username} 的密码")

