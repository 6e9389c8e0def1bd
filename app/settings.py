"""Workspace settings: defaults here, overrides stored as JSON in the `settings` table.

Reading them needs no ORM model (a plain statement on a session or a connection): the window's
title is read at start-up, before the models are imported."""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from typing import TYPE_CHECKING

from sqlalchemy import text

from app.auth import Actor, Role, require_role
from app.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

_SQL = text("SELECT key, value FROM settings")  # plain: read at start-up, before SQL is compiled
STANDING_PLANS = ("加强廉政风险防控。动态调整廉政风险点及风险等级，重点加强对一级防控单位和科室的监督。",
                  "用好监督执纪“第一种形态”。坚持抓早抓小、防微杜渐，把咬耳扯袖、红脸出汗作为常态。")
MAX_STANDING_PLANS, MAX_PLAN_CHARS = 10, 300


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
    # 婚丧喜庆: a report above either limit is flagged and a 提醒谈话 proposed (local rules: 20 桌,
    # 200 人 are common).
    ceremony_max_tables: int = 20
    ceremony_max_guests: int = 200
    # The 工作总结: to whom it is addressed (主送机关), and how many days after a half-year the
    # report to the 党组 is due (首页 reminds of it until a Word file of that half is made).
    report_addressee: str = "局党组"
    report_due_days: int = 15
    # 下一步打算's standing work: the items every half-year and annual 工作总结 ends its plans
    # with, after those answering the period's problems (one an item; the office's own words).
    report_standing_plans: list[str] = field(default_factory=lambda: list(STANDING_PLANS))
    idle_lock_minutes: int = 10
    # 党风廉政建设责任书: unsigned ones are reminded of from this day of each year (MM-DD).
    pledge_due: str = "03-31"
    # 主体责任考核: a total of at least these is 好, 较好, 一般; below the last, 差.
    assessment_grade_scores: list[int] = field(default_factory=lambda: [90, 80, 60])
    # 约谈 of a unit's head is proposed when, in the last 12 months, its findings or its 信访举报
    # clues reach these counts, or its latest 民主评议 满意度 is below this percent (0: not used).
    interview_findings: int = 5
    interview_complaints: int = 3
    interview_satisfaction: int = 80
    # Reports up the line: a half-year report is due this many days after the half ends; the
    # yearly 调研报告 by this day (MM-DD).
    half_year_report_days: int = 15
    research_report_due: str = "11-30"

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
    if not 1 <= new.ceremony_max_tables <= 200:
        raise ValidationError("婚丧喜庆桌数上限应在 1–200 桌之间。", "ceremony_max_tables")
    if not 10 <= new.ceremony_max_guests <= 2000:
        raise ValidationError("婚丧喜庆人数上限应在 10–2000 人之间。", "ceremony_max_guests")
    if not new.report_addressee.strip() or len(new.report_addressee) > 50:
        raise ValidationError("报告的主送机关不能为空，且不超过 50 个字。", "report_addressee")
    plans = new.report_standing_plans
    if len(plans) > MAX_STANDING_PLANS or any(not p.strip() or len(p) > MAX_PLAN_CHARS for p in plans):
        raise ValidationError(f"下一步打算的常规工作最多 {MAX_STANDING_PLANS} 条，每条不超过 {MAX_PLAN_CHARS} 个字。",
                              "report_standing_plans")
    if not 1 <= new.report_due_days <= 90:
        raise ValidationError("半年报告报送期限应在 1–90 天之间。", "report_due_days")
    if not 1 <= new.idle_lock_minutes <= 240:
        raise ValidationError("自动锁定时间应在 1–240 分钟之间。", "idle_lock_minutes")
    for key, label in (("pledge_due", "责任书签订提醒日期"), ("research_report_due", "调研报告报送期限")):
        if month_day(getattr(new, key), 2000) is None:
            raise ValidationError(f"{label}应写成“03-31”这样的月-日。", key)
    scores = new.assessment_grade_scores
    if len(scores) != 3 or not 100 >= scores[0] > scores[1] > scores[2] > 0:
        raise ValidationError("考核等次分数线应满足 100 ≥ 好 > 较好 > 一般 > 0。", "assessment_grade_scores")
    if not 0 <= new.interview_findings <= 100 or not 0 <= new.interview_complaints <= 100:
        raise ValidationError("约谈建议的问题数、信访举报件数应在 0–100 之间（0 为不使用）。", "interview_findings")
    if not 0 <= new.interview_satisfaction <= 100:
        raise ValidationError("约谈建议的民主评议满意度应在 0–100 之间（0 为不使用）。", "interview_satisfaction")
    if not 1 <= new.half_year_report_days <= 90:
        raise ValidationError("半年工作报告报送期限应在 1–90 天之间。", "half_year_report_days")


def month_day(text: str, year: int) -> dt.date | None:
    """“03-31” (also 3-31, 3月31日) as a day of `year`; None when it is not one. 02-29 in a
    year without it is the 28th."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", str(text))
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


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
