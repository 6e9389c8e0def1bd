"""The first week of a new workspace: the short list on 首页 of what an office sets up first —
单位与人员 → 导入旧台账 → 设置节假日 → 设置备份密码 → 添加用户. Each step ticks itself from
what the workspace holds; an administrator may dismiss the list (a row in the settings table,
audited). A workspace is new for `NEW_FOR_DAYS` days after its creation (its first audit row).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role
from app.registers.holidays.query import missing_years
from app.workspace.crypto import backup_password_registered
from db.models import AuditEntry, Person, Setting, Unit, User

DISMISSED_KEY = "first_week_dismissed"
NEW_FOR_DAYS = 30
NEXT_YEAR_FROM_MONTH = 11  # the State Council publishes next year's 放假 in November


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    hint: str
    done: bool
    page: str          # where the clerk does it ("help": the manual's chapter)
    filters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FirstWeek:
    steps: tuple[Step, ...]
    dismissed: bool
    is_new: bool

    @property
    def shown(self) -> bool:
        """On 首页: a new workspace, not dismissed, something left to do."""
        return self.is_new and not self.dismissed and not all(step.done for step in self.steps)


def _count(session: Session, model: type, *where: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _created_on(session: Session) -> dt.date | None:
    first = session.scalar(select(AuditEntry.at).order_by(AuditEntry.id).limit(1))
    return dt.datetime.fromisoformat(first).date() if first else None


def _holiday_years(session: Session, today: dt.date) -> list[int]:
    """The years whose 放假 table is still to enter: this one, and from November the next."""
    return [year for year in missing_years(session, today)
            if year == today.year or today.month >= NEXT_YEAR_FROM_MONTH]


def is_dismissed(session: Session) -> bool:
    row = session.get(Setting, DISMISSED_KEY)
    return bool(row is not None and json.loads(row.value))


def first_week(session: Session, today: dt.date, *, file_backups: bool = True) -> FirstWeek:
    """The steps and whether they are done. `file_backups`: False on a server workspace (it is
    backed up with pg_dump; there is no backup password to set)."""
    units = _count(session, Unit, Unit.active.is_(True))
    people = _count(session, Person, Person.active.is_(True))
    imported = bool(session.scalar(select(exists().where(AuditEntry.action == "import"))))
    holidays = _holiday_years(session, today)
    users = _count(session, User, User.active.is_(True))
    year = holidays[0] if holidays else today.year
    steps = [
        Step("people", "单位与人员", "建好单位和科室，录入人员名册（也可从 Excel 导入）",
             units > 0 and people > 0, "people"),
        Step("import", "导入旧台账", "把以往 Excel 台账导入程序：先预览，无误再写入",
             imported, "help", {"chapter": "import-ledgers"}),
        Step("holidays", "设置节假日", f"按国务院办公厅通知录入 {year} 年的放假安排（节前提醒据此计算）",
             not holidays, "admin", {"tab": "holidays", "year": year}),
    ]
    if file_backups:
        steps.append(Step("backup_password", "设置备份密码", "登记本单位统一的备份密码，用于加密备份到 U 盘",
                          backup_password_registered(session), "admin", {"tab": "backups"}))
    steps.append(Step("users", "添加用户", "为其他同事开设账户（录入员、查阅，或限定单位的纪检委员）",
                      users > 1, "admin", {"tab": "users"}))
    created = _created_on(session)
    is_new = created is None or (today - created).days <= NEW_FOR_DAYS
    return FirstWeek(tuple(steps), is_dismissed(session), is_new)


def dismiss(session: Session, actor: Actor) -> None:
    """不再显示 (管理员): the list stays away for everyone; audited."""
    require_role(actor, Role.ADMIN)
    row = session.get(Setting, DISMISSED_KEY)
    if row is None:
        session.add(Setting(key=DISMISSED_KEY, value=json.dumps(True)))
    elif not json.loads(row.value):
        row.value = json.dumps(True)
    else:
        return
    session.flush()
    audit.record(session, actor, "update", "settings", DISMISSED_KEY, old={DISMISSED_KEY: False},
                 new={DISMISSED_KEY: True}, summary="首页不再显示“第一周”清单")
