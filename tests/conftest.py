"""Shared fixtures: a fresh workspace per test (a real SQLite file with real migrations).

The workspace is built once per run (migrations, users with real scrypt hashes) and copied
for each test, which keeps every test independent and the suite fast.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import datetime as dt
import shutil
from pathlib import Path

import pytest

from app.auth import Actor, Role
from app.services.users import create_user
from app.workspace import Workspace

TODAY = dt.date(2026, 6, 15)
PASSWORD = "secret-pass"


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "ws"
    ws = Workspace.create(folder, admin_username="admin", admin_password=PASSWORD,
                          admin_display_name="管理员甲", bureau_name="测试市文化广电和旅游局")
    admin = ws.sign_in("admin", PASSWORD)
    with ws.writing() as session:
        create_user(session, admin, "editor", PASSWORD, Role.EDITOR, "录入员乙")
        create_user(session, admin, "viewer", PASSWORD, Role.VIEWER, "查阅丙")
    ws.close()
    return folder


@pytest.fixture
def workspace_dir(template_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(template_dir, folder)
    return folder


@pytest.fixture
def workspace(workspace_dir: Path):
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    ws.actor = _actor(ws, "admin")
    yield ws
    ws.close()


def _actor(ws: Workspace, username: str) -> Actor:
    from sqlalchemy import select

    from app.auth import actor_of
    from db.models import User

    with ws.reading() as session:
        return actor_of(session.scalars(select(User).where(User.username == username)).one())


@pytest.fixture
def admin(workspace: Workspace) -> Actor:
    return _actor(workspace, "admin")


@pytest.fixture
def editor(workspace: Workspace) -> Actor:
    return _actor(workspace, "editor")


@pytest.fixture
def viewer(workspace: Workspace) -> Actor:
    return _actor(workspace, "viewer")
