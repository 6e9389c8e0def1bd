"""Sign-in: salted hashes, the five-failure lock-out on a frozen clock, what the audit trail says
about sign-ins, and the administrator's account management."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.auth import Role, hash_password, verify_password
from app.errors import PermissionDenied, ValidationError
from app.registers.users import query as users_query
from app.registers.users import write as users_write
from app.workspace.facade import UNKNOWN_USER
from db.models import AuditEntry, User
from tests.conftest import PASSWORD

T0 = dt.datetime(2026, 6, 15, 9, 0, 0)


def _audit(ws, since: int = 0) -> list[AuditEntry]:  # noqa: ANN001
    with ws.reading() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.id > since).order_by(AuditEntry.id)))


def _last_id(ws) -> int:  # noqa: ANN001
    rows = _audit(ws)
    return rows[-1].id if rows else 0


def test_equal_passwords_give_unequal_hashes():
    first, second = hash_password("same-password"), hash_password("same-password")
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]  # the salts differ
    assert verify_password("same-password", first) and verify_password("same-password", second)
    assert not verify_password("same-passwore", first)


def test_equal_passwords_of_two_users_are_stored_unequal(workspace, admin):
    with workspace.writing() as s:
        users_write.create_user(s, admin, "a1", "shared-pass", Role.EDITOR)
        users_write.create_user(s, admin, "a2", "shared-pass", Role.EDITOR)
    with workspace.reading() as s:
        hashes = [u.password_hash for u in s.scalars(select(User).where(User.username.in_(["a1", "a2"])))]
    assert len(set(hashes)) == 2 and all("shared-pass" not in h for h in hashes)


def test_five_failures_lock_the_account_for_fifteen_minutes(workspace):
    for attempt in range(1, 5):
        with pytest.raises(PermissionDenied) as err:
            workspace.sign_in("editor", "wrong", now=T0 + dt.timedelta(seconds=attempt))
        assert f"再错 {5 - attempt} 次" in err.value.message
    with pytest.raises(PermissionDenied) as err:
        workspace.sign_in("editor", "wrong", now=T0 + dt.timedelta(seconds=5))
    assert "已锁定 15 分钟" in err.value.message
    locked_at = T0 + dt.timedelta(seconds=5)
    # The right password does not open a locked account …
    with pytest.raises(PermissionDenied) as err:
        workspace.sign_in("editor", PASSWORD, now=locked_at + dt.timedelta(minutes=14, seconds=59))
    assert "请 1 分钟后再试" in err.value.message
    with pytest.raises(PermissionDenied) as err:
        workspace.sign_in("editor", PASSWORD, now=locked_at + dt.timedelta(minutes=1))
    assert "请 15 分钟后再试" in err.value.message
    # … until fifteen minutes have passed; then the count starts afresh.
    actor = workspace.sign_in("editor", PASSWORD, now=locked_at + dt.timedelta(minutes=15))
    assert actor.username == "editor"
    with pytest.raises(PermissionDenied) as err:
        workspace.sign_in("editor", "wrong", now=locked_at + dt.timedelta(minutes=16))
    assert "再错 4 次" in err.value.message


def test_a_success_clears_the_count(workspace):
    for attempt in range(4):
        with pytest.raises(PermissionDenied):
            workspace.sign_in("editor", "wrong", now=T0 + dt.timedelta(seconds=attempt))
    workspace.sign_in("editor", PASSWORD, now=T0 + dt.timedelta(seconds=10))
    with pytest.raises(PermissionDenied) as err:
        workspace.sign_in("editor", "wrong", now=T0 + dt.timedelta(seconds=11))
    assert "再错 4 次" in err.value.message


def test_sign_ins_and_refusals_are_audited_without_what_was_typed(workspace):
    start = _last_id(workspace)
    workspace.sign_in("viewer", PASSWORD, now=T0, via="命令行")
    with pytest.raises(PermissionDenied):
        workspace.sign_in("viewer", "typo-pass", now=T0)
    with pytest.raises(PermissionDenied):
        workspace.sign_in("MyS3cretPassword", "x", now=T0)  # the password typed as the name
    rows = _audit(workspace, start)
    assert [(r.user_name, r.action, r.summary) for r in rows] == [
        ("viewer", "login", "登录（命令行）"),
        ("viewer", "login_failed", "密码错误（连续第 1 次）"),
        (UNKNOWN_USER, "login_failed", "用户名不存在（连续第 1 次）"),
    ]
    everything = " ".join(f"{r.user_name} {r.summary} {r.old} {r.new}" for r in _audit(workspace))
    assert "MyS3cretPassword" not in everything and "typo-pass" not in everything


def test_a_deactivated_user_cannot_sign_in_until_reactivated(workspace, admin):
    with workspace.reading() as s:
        editor_id = s.scalars(select(User.id).where(User.username == "editor")).one()
    with workspace.writing() as s:
        users_write.set_user_active(s, admin, editor_id, False)
    with pytest.raises(PermissionDenied) as err:
        workspace.sign_in("editor", PASSWORD, now=T0)
    with pytest.raises(PermissionDenied) as unknown:
        workspace.sign_in("nobody", PASSWORD, now=T0)
    assert err.value.message == unknown.value.message  # it does not tell that the name exists
    assert _audit(workspace)[-2].summary == "账户已停用（连续第 1 次）"
    with workspace.writing() as s:
        users_write.set_user_active(s, admin, editor_id, True)
    assert workspace.sign_in("editor", PASSWORD, now=T0).role == Role.EDITOR


def test_reset_password_lifts_the_lock_and_leaves_no_password_in_the_log(workspace, admin):
    for attempt in range(5):
        with pytest.raises(PermissionDenied):
            workspace.sign_in("editor", "wrong", now=T0 + dt.timedelta(seconds=attempt))
    with workspace.reading() as s:
        row = next(u for u in users_query.list_users(s, now=T0) if u.username == "editor")
    assert row.locked
    with workspace.writing() as s:
        users_write.reset_password(s, admin, row.id, "fresh-pass-1")
    assert workspace.sign_in("editor", "fresh-pass-1", now=T0 + dt.timedelta(minutes=1))
    assert all("fresh-pass-1" not in f"{r.summary}{r.old}{r.new}" for r in _audit(workspace))


def test_the_last_administrator_stays_one(workspace, admin):
    with workspace.reading() as s:
        me = next(u for u in users_query.list_users(s) if u.username == "admin")
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        users_write.set_user_active(s, admin, me.id, False)
    assert "当前登录" in err.value.message
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        users_write.update_user(s, admin, me.id, me.version, display_name="", role=Role.EDITOR)
    assert err.value.field == "role"
    with workspace.writing() as s:
        second = users_write.create_user(s, admin, "admin2", PASSWORD, Role.ADMIN)
    other = workspace.sign_in("admin2", PASSWORD, now=T0)
    with workspace.writing() as s:  # another administrator may demote the first
        users_write.update_user(s, other, me.id, me.version, display_name="", role=Role.EDITOR)
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        users_write.set_user_active(s, admin, second, False)  # (now an editor: refused by role first)
    assert "唯一" in err.value.message or "权" in err.value.message


def test_unit_limits_reach_the_signed_in_actor(workspace, admin):
    from app.registers.units import types as units_types
    from app.registers.units import write as units_write

    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        row = next(u for u in users_query.list_users(s) if u.username == "editor")
        users_write.update_user(s, admin, row.id, row.version, display_name="录入员乙", role=Role.EDITOR,
                          unit_ids=[office])
    actor = workspace.sign_in("editor", PASSWORD, now=T0)
    assert actor.unit_ids == frozenset({office})
    assert workspace.known_actor("editor") == actor  # what the demo's window is built for
    with workspace.reading() as s:
        row = next(u for u in users_query.list_users(s) if u.username == "editor")
    assert row.units_text == "办公室"
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        users_write.update_user(s, admin, row.id, row.version, display_name="", role=Role.ADMIN,
                          unit_ids=[office])
    assert err.value.field == "unit_ids"


def test_known_actor_is_who_the_sign_in_would_return(workspace, admin):
    """Read without the password (the demo's window, built before its sign-in runs): the same
    Actor as authenticate's, nobody for an unknown or deactivated name, nothing written."""
    before = _last_id(workspace)
    assert workspace.known_actor("admin") == workspace.sign_in("admin", PASSWORD, now=T0)
    assert workspace.known_actor("nobody") is None
    with workspace.reading() as s:
        viewer = next(u for u in users_query.list_users(s) if u.username == "viewer")
    with workspace.writing() as s:
        users_write.set_user_active(s, admin, viewer.id, False)
    assert workspace.known_actor("viewer") is None
    assert [row.action for row in _audit(workspace, before)] == ["login", "update"]  # its own: none


def test_unlock_checks_the_signed_in_users_password_and_counts_failures(workspace):
    workspace.sign_in("editor", PASSWORD, now=T0)
    start = _last_id(workspace)
    with pytest.raises(PermissionDenied) as err:
        workspace.unlock("wrong", now=T0)
    assert "再错 4 次" in err.value.message
    assert workspace.unlock(PASSWORD, now=T0).username == "editor"
    assert [(r.action, r.summary) for r in _audit(workspace, start)] == [
        ("login_failed", "解除锁屏：密码错误（连续第 1 次）"), ("unlock", "解除锁屏")]


def test_a_read_only_second_window_still_counts_failures(workspace, workspace_dir):
    from app.workspace.facade import Workspace

    second = Workspace.open(workspace_dir, read_only_if_locked=True)  # the fixture holds the lock
    try:
        assert second.read_only
        for attempt in range(5):
            with pytest.raises(PermissionDenied):
                second.sign_in("editor", "guess", now=T0 + dt.timedelta(seconds=attempt))
    finally:
        second.close()
    with pytest.raises(PermissionDenied) as err:  # the first window sees the lock-out too
        workspace.sign_in("editor", PASSWORD, now=T0 + dt.timedelta(minutes=1))
    assert "已锁定" in err.value.message


def test_a_name_that_is_no_user_is_answered_counted_and_locked_as_a_users_is(workspace, monkeypatch):
    """Guessing names tells nothing: the same messages, the same scrypt (so the same delay),
    the same lock-out after five failures, for a name that exists and one that does not."""
    import app.auth as auth

    hashed: list[str] = []
    real = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", lambda p, h: hashed.append(h) or real(p, h))

    def answers(name: str) -> list[str]:
        found = []
        for attempt in range(7):
            with pytest.raises(PermissionDenied) as err:
                workspace.sign_in(name, "wrong", now=T0 + dt.timedelta(seconds=attempt))
            found.append(err.value.message)
        return found

    known, unknown = answers("viewer"), answers("no-such-clerk")
    assert known == unknown
    assert "再错 4 次" in known[0] and "已锁定 15 分钟" in known[4] and "请 15 分钟后再试" in known[5]
    assert len(hashed) == 10  # scrypt ran for every attempt but those refused while locked
    assert all(h.startswith("scrypt$32768$8$1$") for h in hashed)
    with pytest.raises(PermissionDenied) as err:  # still locked: the right password changes nothing
        workspace.sign_in("viewer", PASSWORD, now=T0 + dt.timedelta(minutes=5))
    assert "锁定" in err.value.message
    assert workspace.sign_in("viewer", PASSWORD, now=T0 + dt.timedelta(minutes=16)).username == "viewer"
