"""Roles, the acting user, passwords and sign-in.

Passwords: scrypt (memory-hard, from `cryptography`, which backups need anyway) with a per-user
random salt; the parameters are stored with the hash so they can be raised later.
"""
from __future__ import annotations

import base64
import datetime as dt
import enum
import hmac
import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, or_, select, text

from app.errors import PermissionDenied, ValidationError
from app.vocab import ROLE_LABELS

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from db.models import SignInFailure, User

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


# A hash of no one's password with the users' parameters: a name that is no user costs the same
# scrypt as a wrong password, so the time taken does not tell which names exist.
_NOBODY = "scrypt$32768$8$1$oRqUMOOauqIbiRUAJvVBzg==$HTxEyH81gO7XPIO23K3Fhf2TOqSVQN2YudR0NSp+g0Q="
WRONG = "用户名或密码不正确"
# A user's sealed fields, as a refused sign-in names them.
_SEALED_FIELDS = {"role": "角色", "user_units": "限定单位", "password_hash": "密码", "active": "启用状态",
                  "username": "用户名", "display_name": "姓名"}


def authenticate(session: Session, username: str, password: str, now: dt.datetime, *,
                 check_seal: bool = True) -> Actor:
    """Signs a user in. Five failures in a row lock the name for 15 minutes — a user's or a name
    that is no user (or a deactivated one) alike: the same messages, the same scrypt, the same
    lock-out, so the answers never tell which names exist.

    `check_seal`: the user's row must be as the audit chain sealed it (db/seals.py): a role
    raised or a unit limit lifted with SQL gains nothing (a backup's users are not checked:
    it may predate seals). `now` is naive UTC (the caller's wall clock, so tests can freeze
    it). The failure count is written by the caller's transaction: commit it even when this
    raises (SignInRefused)."""
    from db.models import SignInFailure, User  # start-up: the window is built before the models are mapped

    user = session.scalars(select(User).where(User.username == username)).first()
    counter: User | SignInFailure = user if user is not None else _failures_of(session, username, now)
    if counter.locked_until is not None and now < counter.locked_until:
        minutes = max(1, int((counter.locked_until - now).total_seconds() // 60) + 1)
        raise SignInRefused(f"连续 {MAX_FAILURES} 次密码错误，账户已锁定，请 {minutes} 分钟后再试。",
                            "账户锁定期间尝试登录")
    right = verify_password(password, user.password_hash if user is not None else _NOBODY)
    if user is None or not user.active or not right:
        why = "用户名不存在" if user is None else "账户已停用" if not user.active else "密码错误"
        counter.failed_attempts = (counter.failed_attempts or 0) + 1
        if isinstance(counter, SignInFailure):
            counter.last_failed_at = now
        if counter.failed_attempts >= MAX_FAILURES:
            counter.locked_until = now + LOCKOUT
            counter.failed_attempts = 0
            raise SignInRefused(f"连续 {MAX_FAILURES} 次密码错误，账户已锁定 15 分钟。",
                                f"{why}，连续 {MAX_FAILURES} 次，锁定 15 分钟")
        left = MAX_FAILURES - counter.failed_attempts
        raise SignInRefused(f"{WRONG}（再错 {left} 次将锁定 15 分钟）。",
                            f"{why}（连续第 {counter.failed_attempts} 次）")
    if check_seal:
        _require_sealed(session, user)
    user.failed_attempts = 0
    user.locked_until = None
    return actor_of(user)


def _failures_of(session: Session, username: str, now: dt.datetime) -> SignInFailure:
    """The counters of a name that is no user (made on its first failure); those idle for a day
    are dropped, so guessed names do not pile up."""
    from db.models import SignInFailure
    session.execute(delete(SignInFailure).where(SignInFailure.last_failed_at < now - dt.timedelta(days=1),
                                                or_(SignInFailure.locked_until.is_(None),
                                                    SignInFailure.locked_until < now)))
    key = username[:50]
    found = session.get(SignInFailure, key)
    if found is None:
        found = SignInFailure(username=key, failed_attempts=0, last_failed_at=now)
        session.add(found)
    return found


def _require_sealed(session: Session, user: User) -> None:
    """The user's role, unit limits and password are as the chain's last row about them says."""
    from db.models import AuditEntry
    from db.seals import read_seals

    last = session.scalar(select(AuditEntry.seal).where(
        AuditEntry.entity == "users", AuditEntry.entity_id == str(user.id), AuditEntry.seal != "")
        .order_by(AuditEntry.id.desc()).limit(1))
    key = f"users:{user.id}"
    current = read_seals(session, "users", [user.id]).get(key)
    sealed = json.loads(last).get(key) if last else None
    if sealed == current:
        return
    if sealed is None:
        what = "不在操作日志中（在程序之外添加或恢复）"
    else:
        fields = [_SEALED_FIELDS.get(f, f) for f in sorted(current) if current.get(f) != sealed.get(f)]
        what = f"的{'、'.join(fields) or '信息'}与操作日志记录的不一致（在程序之外被改动）"
    raise SignInRefused(f"账户“{user.username}”{what}，为安全起见不能登录。请管理员运行“检查”"
                        "（python -m app check）核实后处理。", f"账户信息与操作日志不一致：{what}")
