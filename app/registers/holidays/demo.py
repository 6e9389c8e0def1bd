"""Demo 节前廉政提醒 sent: most past festival reminders marked done on 首页 (how each was pushed),
a few left unrecorded, so the report's 节前廉政提醒 section has both to show. Through
`app.reminders.mark_done`, as a clerk would."""
from __future__ import annotations

from app.demo.build import DemoContext
from app.registers.holidays.query import festival_reminders
from app.reminders import mark_done
from app.settings import load_settings

HOW = ("已通过办公系统向全体党员干部推送", "已在工作群推送并印发节前廉政提醒通知",
       "已通过短信平台推送", "已在全局干部大会上提醒并书面推送")
YEARS = 4
UNRECORDED = 0.12  # the share of past reminders the office forgot to record


def populate(ctx: DemoContext) -> None:
    rng = ctx.rng
    with ctx.ws.writing() as s:
        lead = load_settings(s).festival_lead_days
        for year in ctx.years(YEARS):
            for reminder in festival_reminders(s, year, lead):
                if reminder.remind_on >= ctx.as_of or rng.random() < UNRECORDED:
                    continue
                mark_done(s, ctx.actor, reminder.key, rng.choice(HOW))
