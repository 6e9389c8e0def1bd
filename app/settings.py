"""Workspace settings: defaults here, overrides stored as JSON in the `settings` table.

Reading them needs no ORM model (a plain statement on a session or a connection): the window's
title is read at start-up, before the models are imported."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from typing import TYPE_CHECKING

from sqlalchemy import text

from app.auth import Actor, Role, require_role
from app.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

_SQL = text("SELECT key, value FROM settings")  # plain: read at start-up, before SQL is compiled


@dataclass(frozen=True)
class Settings:
    bureau_name: str = "本局"
    # 即将到期: a deadline within this many days.
    due_soon_days: int = 7
    level_labels: dict[str, str] = field(default_factory=lambda: {"1": "一级", "2": "二级", "3": "三级"})
    level_colors: dict[str, str] = field(
        default_factory=lambda: {"1": "#d9363e", "2": "#f29b2e", "3": "#4a90d9"}
    )
    # likelihood × consequence (1–5 each): ≥ first → 一级, ≥ second → 二级, else 三级.
    risk_score_thresholds: list[int] = field(default_factory=lambda: [15, 8])
    # 影响期 in months per disposal method code (诫勉: 6 by default).
    impact_months: dict[str, int] = field(default_factory=lambda: {"admonish": 6})
    revisit_months: int = 6
    # Festival integrity reminders: this many working days before the 放假 starts.
    festival_lead_days: int = 3
    # A position change wants a 任前廉政谈话 within this many days.
    pre_talk_days: int = 30
    # A 函询 letter is answered within this many working days of being sent (holiday calendar).
    inquiry_reply_working_days: int = 15
    # A clue not 办结 this many days after its 受理 is reminded of on 首页.
    clue_open_days: int = 90
    idle_lock_minutes: int = 10

    def level_label(self, level: int | None) -> str:
        return "" if level is None else self.level_labels.get(str(level), f"{level}级")

    def level_color(self, level: int) -> str:
        return self.level_colors.get(str(level), "#999999")


_FIELDS = {f.name for f in fields(Settings)}


def load_settings(session: Session | Connection) -> Settings:
    stored = {key: json.loads(value) for key, value in session.execute(_SQL)}
    return replace(Settings(), **{k: v for k, v in stored.items() if k in _FIELDS})


def _validate(new: Settings) -> None:
    if not new.bureau_name.strip():
        raise ValidationError("单位名称不能为空。", "bureau_name")
    if not 0 <= new.due_soon_days <= 90:
        raise ValidationError("“即将到期”天数应在 0–90 之间。", "due_soon_days")
    if sorted(new.level_labels) != ["1", "2", "3"] or not all(v.strip() for v in new.level_labels.values()):
        raise ValidationError("三个风险等级都需要名称。", "level_labels")
    for color in new.level_colors.values():
        if not (color.startswith("#") and len(color) == 7):
            raise ValidationError(f"颜色“{color}”格式不对，应为 #RRGGBB。", "level_colors")
    high, mid = new.risk_score_thresholds
    if not 1 <= mid < high <= 25:
        raise ValidationError("评分阈值应满足 1 ≤ 二级阈值 < 一级阈值 ≤ 25。", "risk_score_thresholds")
    if not 0 < new.revisit_months <= 36:
        raise ValidationError("回访期限应在 1–36 个月之间。", "revisit_months")
    if any(not 0 < m <= 60 for m in new.impact_months.values()):
        raise ValidationError("影响期应在 1–60 个月之间。", "impact_months")
    if not 0 <= new.festival_lead_days <= 20:
        raise ValidationError("节前提醒提前天数应在 0–20 个工作日之间。", "festival_lead_days")
    if not 1 <= new.pre_talk_days <= 365:
        raise ValidationError("任前谈话期限应在 1–365 天之间。", "pre_talk_days")
    if not 1 <= new.inquiry_reply_working_days <= 60:
        raise ValidationError("函询回复期限应在 1–60 个工作日之间。", "inquiry_reply_working_days")
    if not 7 <= new.clue_open_days <= 730:
        raise ValidationError("线索办理提醒期限应在 7–730 天之间。", "clue_open_days")
    if not 1 <= new.idle_lock_minutes <= 240:
        raise ValidationError("自动锁定时间应在 1–240 分钟之间。", "idle_lock_minutes")


def save_settings(session: Session, actor: Actor, **changes: object) -> Settings:
    """Validates and stores changed settings (管理员 only); audits each changed key."""
    from app import audit  # start-up: load_settings alone is read before the models are mapped
    from db.models import Setting

    require_role(actor, Role.ADMIN)
    unknown = set(changes) - _FIELDS
    if unknown:
        raise ValidationError(f"未知的设置项：{'、'.join(sorted(unknown))}")
    old = load_settings(session)
    new = replace(old, **changes)
    _validate(new)
    old_values, new_values = asdict(old), asdict(new)
    for key in sorted(changes):
        if old_values[key] == new_values[key]:
            continue
        row = session.get(Setting, key)
        text = json.dumps(new_values[key], ensure_ascii=False)
        if row is None:
            session.add(Setting(key=key, value=text))
        else:
            row.value = text
        audit.record(session, actor, "update", "settings", key,
                     old={key: old_values[key]}, new={key: new_values[key]})
    session.flush()
    return new
