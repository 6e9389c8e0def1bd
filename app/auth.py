"""Roles, the acting user, passwords and sign-in.

Passwords: scrypt (memory-hard, from `cryptography`, which backups need anyway) with a per-user
random salt; the parameters are stored with the hash so they can be raised later.
"""
from __future__ import annotations

import base64
import datetime as dt
import enum
import hmac
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from app.errors import PermissionDenied, ValidationError
from app.vocab import ROLE_LABELS

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from db.models import User

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # 32 MiB, ~0.15 s on an office PC


class Role(enum.IntEnum):
    """Ordered: a higher role may do everything a lower one may."""

    VIEWER = 1
    EDITOR = 2
    ADMIN = 3

    @property
    def code(self) -> str:
        return {Role.VIEWER: "viewer", Role.EDITOR: "editor", Role.ADMIN: "admin"}[self]

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.code]

    @classmethod
    def from_code(cls, code: str) -> Role:
        return {"viewer": cls.VIEWER, "editor": cls.EDITOR, "admin": cls.ADMIN}[code]


@dataclass(frozen=True)
class Actor:
    """The signed-in user as the services see it. `unit_ids` None = all units."""

    id: int
    username: str
    display_name: str
    role: Role
    unit_ids: frozenset[int] | None = None

    @property
    def name(self) -> str:
        return self.display_name or self.username

    def may_touch_unit(self, unit_id: int | None) -> bool:
        return self.unit_ids is None or unit_id is None or unit_id in self.unit_ids


def require_role(actor: Actor, role: Role) -> None:
    if actor.role < role:
        raise PermissionDenied(f"当前用户（{actor.role.label}）无权执行此操作，需要{role.label}权限。")


def require_unit(actor: Actor, unit_id: int | None, unit_name: str = "") -> None:
    if not actor.may_touch_unit(unit_id):
        raise PermissionDenied(f"当前用户只能管理指定单位的记录，无权修改「{unit_name or unit_id}」的记录。")


def require_write(actor: Actor, unit_id: int | None = None, unit_name: str = "") -> None:
    """The check every write service starts with: 录入员 or above, inside the actor's units."""
    require_role(actor, Role.EDITOR)
    require_unit(actor, unit_id, unit_name)


def require_all_units(actor: Actor, what: str) -> None:
    """Workspace-wide data (dictionaries, holidays, a new unit) belongs to no unit: a user limited
    to some units may not change it."""
    if actor.unit_ids is not None:
        raise PermissionDenied(f"当前用户只能管理指定单位的记录，不能修改{what}。")


def actor_of(user: User) -> Actor:
    units = frozenset(u.id for u in user.units) if user.units else None
    return Actor(user.id, user.username, user.display_name, Role.from_code(user.role), units)


def hash_password(password: str) -> str:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    salt = os.urandom(16)
    key = Scrypt(salt=salt, length=32, **_SCRYPT).derive(password.encode())
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(key).decode()}"


def verify_password(password: str, stored: str) -> bool:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    try:
        scheme, n, r, p, salt, key = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    derived = Scrypt(salt=base64.b64decode(salt), length=32, n=int(n), r=int(r), p=int(p)).derive(
        password.encode()
    )
    return hmac.compare_digest(derived, base64.b64decode(key))


def check_new_password(password: str) -> None:
    if len(password) < 6:
        raise ValidationError("密码至少 6 位。", "password")


# Plain statements: SQLAlchemy's compiler is not warmed up yet at start-up (its first
# compilation costs more than the rest of the sign-in's reading).
_USER_SQL = text("SELECT id, username, display_name, role FROM users WHERE username = :name AND active = :yes")
_UNITS_SQL = text("SELECT unit_id FROM user_units WHERE user_id = :user")


def known_actor(connection: Connection, username: str) -> Actor | None:
    """Who the active user `username` is — the Actor `authenticate` would return — read with
    two plain statements and no password. Start-up only: the demo's window is built for its
    administrator while the real sign-in (scrypt, the failure count, the audit row) runs after
    the first paint; nothing is read for the window before that sign-in has succeeded."""
    row = connection.execute(_USER_SQL, {"name": username, "yes": True}).first()
    if row is None:
        return None
    units = frozenset(connection.scalars(_UNITS_SQL, {"user": row.id}))
    return Actor(row.id, row.username, row.display_name, Role.from_code(row.role), units or None)


class SignInRefused(PermissionDenied):
    """A refused sign-in: `message` for the person at the keyboard (it never says whether the
    name exists), `reason` for the audit row."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def authenticate(session: Session, username: str, password: str, now: dt.datetime) -> Actor:
    """Signs a user in. Five failures in a row lock the account for 15 minutes.

    `now` is naive UTC (the caller's wall clock, so tests can freeze it). The failure count is
    written by the caller's transaction: commit it even when this raises (SignInRefused).
    """
    from db.models import User  # start-up: the window is built before the models are mapped

    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise SignInRefused("用户名或密码不正确。", "用户名不存在")
    if not user.active:
        raise SignInRefused("用户名或密码不正确。", "账户已停用")
    if user.locked_until is not None and now < user.locked_until:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise SignInRefused(f"连续 {MAX_FAILURES} 次密码错误，账户已锁定，请 {minutes} 分钟后再试。",
                            "账户锁定期间尝试登录")
    if not verify_password(password, user.password_hash):
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_FAILURES:
            user.locked_until = now + LOCKOUT
            user.failed_attempts = 0
            raise SignInRefused(f"连续 {MAX_FAILURES} 次密码错误，账户已锁定 15 分钟。",
                                f"连续 {MAX_FAILURES} 次密码错误，账户锁定 15 分钟")
        left = MAX_FAILURES - user.failed_attempts
        raise SignInRefused(f"用户名或密码不正确（再错 {left} 次将锁定 15 分钟）。",
                            f"密码错误（连续第 {user.failed_attempts} 次）")
    user.failed_attempts = 0
    user.locked_until = None
    return actor_of(user)
