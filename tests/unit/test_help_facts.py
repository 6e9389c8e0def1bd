"""What the help shows that comes from the workspace: the version, 关于's facts, the first-week
list ticking itself, and which release notes a user has not seen."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app import first_week, release_notes
from app.about import LIBRARIES, NO_BACKUP, SERVER_BACKUPS, about_facts
from app.audit import ChainHead, current_head
from app.excel.importer import commit_import, plan_import
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.version import VERSION, version_key
from app.workspace.backups import create_backup
from app.workspace.crypto import set_backup_password
from db.models import Setting, User
from resources.paths import licences
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_app_version_prints_the_version():
    done = subprocess.run([sys.executable, "-m", "app", "--version"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == f"清风台账 {VERSION}"  # a source checkout: no build date
    assert 'version = { attr = "app.version.VERSION" }' in (ROOT / "pyproject.toml").read_text("utf-8")


def test_about_names_the_workspace_its_size_and_newest_backup(workspace, admin):
    facts = about_facts(workspace)
    assert facts.version == VERSION
    with workspace.reading() as s:  # the chain's head now: the 校验码 check --head accepts
        head = current_head(s)
    assert facts.chain_code == head.code and ChainHead.from_code(facts.chain_code).last_id == head.last_id
    sizes = dict(facts.sizes)
    assert sizes["数据库"] > 0
    if workspace.data_dir is None:  # a server: its database's size, backed up with pg_dump
        assert facts.newest_backup == SERVER_BACKUPS and set(sizes) == {"数据库"}
        return
    assert facts.workspace == str(workspace.data_dir)
    assert facts.newest_backup == NO_BACKUP and sizes["备份"] == 0
    info = create_backup(workspace, admin)
    again = about_facts(workspace)
    assert again.newest_backup.startswith(f"{info.created:%Y-%m-%d %H:%M}") and "手动备份" in again.newest_backup
    assert again.newest_backup.endswith(f"校验码 {info.head.code}")  # as its manifest recorded it
    with workspace.reading() as s:  # the backup's own audit row moved the head on
        assert again.chain_code == current_head(s).code != facts.chain_code
    assert dict(again.sizes)["备份"] >= info.size > 0


def test_the_licences_ship_with_pysides_lgpl_notice():
    assert any(lib.distribution == "PySide6-Essentials" and lib.licence == "LGPL-3.0" for lib in LIBRARIES)
    notice = (licences() / "NOTICE.md").read_text("utf-8")
    assert "LGPL" in notice and "PySide6" in notice and "替换" in notice  # the user may replace Qt
    for text in ("LGPL-3.0.txt", "GPL-3.0.txt", "LGPL-2.1.txt", "Apache-2.0.txt"):
        assert (licences() / text).stat().st_size > 5000
    spec = (ROOT / "build.spec").read_text("utf-8")
    assert '"manual"' in spec and '"licences"' in spec  # shipped in the bundle


def _steps(ws) -> dict[str, bool]:  # noqa: ANN001
    with ws.reading() as s:
        return {step.key: step.done for step in first_week.first_week(s, TODAY).steps}


def test_the_first_week_ticks_itself(workspace, admin, tmp_path):
    with workspace.reading() as s:
        state = first_week.first_week(s, TODAY, file_backups=workspace.is_sqlite)
    labels = ["单位与人员", "导入旧台账", "设置节假日", "设置备份密码", "添加用户"]
    if not workspace.is_sqlite:  # a server is backed up with pg_dump: no backup password to set
        labels.remove("设置备份密码")
    assert [step.label for step in state.steps] == labels
    assert state.is_new and not state.dismissed
    steps = _steps(workspace)
    # The template has three users, and 2026's 放假 is seeded: those two are done already.
    assert steps == {"people": False, "import": False, "holidays": True, "backup_password": False, "users": True}
    with workspace.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
    assert not _steps(workspace)["people"]  # a unit without people is not yet done
    book = Workbook()
    book.active.append(["姓名", "单位", "职务"])
    book.active.append(["张三", "办公室", "科员"])
    book.save(tmp_path / "名册.xlsx")
    with workspace.writing() as s:
        plan = plan_import(s, admin, "people", tmp_path / "名册.xlsx", year=None, create_missing=False, today=TODAY)
        commit_import(s, admin, plan)
    assert _steps(workspace)["people"] and _steps(workspace)["import"]
    with workspace.writing() as s:
        set_backup_password(s, admin, "office-pass-1")
    assert all(_steps(workspace).values())
    with workspace.reading() as s:
        assert not first_week.first_week(s, TODAY).shown  # all done: gone
    assert unit


def test_the_first_week_asks_for_next_years_holidays_from_november(workspace):
    with workspace.reading() as s:
        june = first_week.first_week(s, dt.date(2026, 6, 15))
        november = first_week.first_week(s, dt.date(2026, 11, 2))
    in_june, in_november = (next(step for step in state.steps if step.key == "holidays") for state in (june, november))
    assert in_june.done and not in_november.done
    assert in_november.filters == {"tab": "holidays", "year": 2027}


def test_the_first_week_is_for_a_new_workspace_and_can_be_dismissed(workspace, admin, editor):
    with workspace.reading() as s:
        assert first_week.first_week(s, TODAY).shown
        assert not first_week.first_week(s, dt.date.today() + dt.timedelta(days=60)).shown  # an older one
    with pytest.raises(Exception, match="权"), workspace.writing() as s:
        first_week.dismiss(s, editor)
    with workspace.writing() as s:
        first_week.dismiss(s, admin)
    with workspace.reading() as s:
        state = first_week.first_week(s, TODAY)
        assert state.dismissed and not state.shown
        row = s.get(Setting, first_week.DISMISSED_KEY)
        assert row is not None


NOTES = """# 新版本说明

## 0.3.0（2099-01-01）

- 未来的版本：本程序不会显示它。

## {version}（2026-12-04）

- 这一版的变化。

## 0.1.0（2026-11-28）

- 第一个版本。
"""


def test_release_notes_are_parsed_newest_first_up_to_this_version():
    found = release_notes.releases(NOTES.format(version=VERSION))
    assert [r.version for r in found] == [VERSION, "0.1.0"]
    assert found[0].released_on == dt.date(2026, 12, 4) and "这一版的变化" in found[0].markdown
    shipped = release_notes.releases()  # the file in resources/manual
    assert shipped and shipped[0].version == VERSION
    assert version_key("0.10.0") > version_key("0.9.1")


def test_release_notes_are_shown_once_after_an_upgrade(workspace, admin, viewer):
    known = release_notes.releases(NOTES.format(version=VERSION))
    with workspace.writing() as s:  # accounts made before this version was released
        for user in s.scalars(select(User)):
            user.created_at = dt.datetime(2026, 12, 1)
    with workspace.reading() as s:
        assert [r.version for r in release_notes.unseen(s, admin, known)] == [VERSION]
    with workspace.writing() as s:
        release_notes.mark_seen(s, admin)
        release_notes.mark_seen(s, viewer)  # any role reads the notes
    with workspace.reading() as s:
        assert release_notes.unseen(s, admin, known) == []
        assert release_notes.last_seen(s, viewer) == VERSION
    with workspace.writing() as s:  # seen 0.1.0 only: the newer ones are shown
        s.get(Setting, release_notes.SEEN_KEY.format(user_id=admin.id)).value = '"0.1.0"'
    with workspace.reading() as s:
        assert [r.version for r in release_notes.unseen(s, admin, known)] == [VERSION]


def test_a_new_account_sees_no_release_notes(workspace, admin):
    known = release_notes.releases(NOTES.format(version=VERSION))
    with workspace.writing() as s:
        s.get(User, admin.id).created_at = dt.datetime(2026, 12, 10)  # made after this release
    with workspace.reading() as s:
        assert release_notes.unseen(s, admin, known) == []


def test_the_help_states_the_password_rules_the_program_enforces():
    """The tooltips and the backup chapter say the minimum lengths the checks use: a rule changed
    in app/ fails here until the help says it."""
    from app.auth import check_new_password
    from app.errors import ValidationError
    from app.workspace.crypto import MIN_BACKUP_PASSWORD, require_strong
    from ui.help import fields as help_fields

    assert f"至少 {MIN_BACKUP_PASSWORD} 位" in help_fields.BACKUP_PASSWORD
    chapter = (ROOT / "resources" / "manual" / "tasks" / "70-backup-restore.md").read_text("utf-8")
    assert f"至少 {MIN_BACKUP_PASSWORD} 位" in chapter
    with pytest.raises(ValidationError):
        require_strong("a" * (MIN_BACKUP_PASSWORD - 2) + "1")  # one short, two kinds
    with pytest.raises(ValidationError):
        require_strong("a" * (MIN_BACKUP_PASSWORD + 4))  # one kind only
    require_strong("清风台账-2026")  # the manual's example passes
    shortest = int(re.search(r"至少 (\d+) 位", help_fields.PASSWORD).group(1))
    with pytest.raises(ValidationError):
        check_new_password("x" * (shortest - 1))
    check_new_password("x" * shortest)
