"""The types of tests/unit/test_roles.py and the registers' cases: risk points, inspections and
findings, the first-form ledger, talks, reminders. Each case acts on a record of the `outside`
unit (or of no unit) that `register_records` builds through the services."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select

from app import reminders
from app.auth import Actor, Role
from app.registers.assessments import query as assessments_query
from app.registers.assessments import write as assessments
from app.registers.assessments.rules import DEFAULT_ITEMS
from app.registers.assessments.types import AssessmentDraft, LeaderReportDraft
from app.registers.ceremonies import write as ceremonies
from app.registers.ceremonies.types import CeremonyDraft
from app.registers.clues import query as clues_query
from app.registers.clues import write as clues
from app.registers.clues.types import ClueDraft
from app.registers.duty_reports import write as duty_reports
from app.registers.duty_reports.types import DutyReportDraft
from app.registers.education import query as education_query
from app.registers.education import write as education
from app.registers.education.types import EducationDraft
from app.registers.findings import query as findings_query
from app.registers.findings import types as findings_types
from app.registers.findings import workflow as wf
from app.registers.findings import write as findings_write
from app.registers.inspections import query as inspections_query
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from app.registers.ledger import query as ledger_query
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.opinions import write as opinions
from app.registers.pledges import query as pledges_query
from app.registers.pledges import write as pledges
from app.registers.pledges.types import PledgeDraft
from app.registers.risks import query as risks
from app.registers.risks import review as risk_review
from app.registers.risks import types as risks_types
from app.registers.risks import write as risks_write
from app.registers.sanctions import query as sanctions_query
from app.registers.sanctions import write as sanctions
from app.registers.sanctions.types import SanctionDraft
from app.registers.studies import write as studies
from app.registers.studies.types import StudyDraft
from app.registers.talks import write as talks
from app.workspace.facade import Workspace
from db.models import RiskAssessment, RiskPoint
from tests.conftest import TODAY


@dataclass(frozen=True)
class World:
    """Ids of what the cases act on. The limited 录入员 may touch `inside` only."""

    inside: int
    outside: int
    empty_outside: int      # nothing refers to it (delete_unit)
    person_in: int
    person_out: int
    spare_out: int          # nothing refers to this person (delete_person)
    attachment_out: int
    other_user: int
    file: Path
    workbook_out: Path      # a people sheet with one person in the outside unit
    change_out: int         # person_out's move within the outside unit (a 任前谈话 reminder)
    risk_in: int            # assessments of 2026: confirmed inside, and outside confirmed,
    risk_out: int           # draft, retired
    risk_draft_out: int
    risk_retired_out: int
    finding_out: int        # 待整改, with a deadline
    inspection_out: int
    inspection_all: int     # 全系统: no unit
    entry_out: int          # a ledger entry of person_out
    talk_out: int           # person_out the talkee
    talk_outsider: int      # a talkee outside the people register only: no unit
    report_out: int         # a 婚丧喜庆报备 of person_out
    sanction_out: int       # a 调整职务 of person_out
    clue_out: int           # a clue naming person_out
    pledge_out: int         # the outside unit's 2026 责任书 (unsigned)
    study_out: int          # a 专题研究 of the outside unit's 班子
    assessment_out: int     # the outside unit's 2025 考核
    leader_report_out: int  # person_out's 2025 述职述廉
    duty_report_out: int    # the outside unit's 2026 上半年 report
    education_out: int      # a 廉政教育 session the outside unit organised, person_out taking part


@dataclass(frozen=True)
class Ctx:
    ws: Workspace
    world: World
    admin: Actor


Call = Callable[[object, Actor, Ctx], object]


@dataclass(frozen=True)
class WriteCase:
    service: Callable    # the service function the case covers
    call: Call           # (session, actor, ctx): the write, aimed outside the limited user's units
    role: Role = Role.EDITOR   # the lowest role that may do it
    note: str = ""
    # A service that keeps a unit-limited user to its units instead of refusing (the year's
    # 排查): reads the outside unit's records, which that user's call must leave as they were.
    scoped: Callable[[object, Ctx], object] | None = None

    @property
    def qualname(self) -> str:
        return f"{self.service.__module__}.{self.service.__name__}"

    @property
    def name(self) -> str:
        short = self.qualname.removeprefix("app.").removeprefix("services.")
        return f"{short} ({self.note})" if self.note else short


def _risk_edit(s, assessment_id: int, **kw: object) -> risks_types.RiskDraft:  # noqa: ANN001
    row = risks.get_risk(s, assessment_id)
    values = dict(unit_id=row.unit_id, name=row.name, year=row.year, category=row.category,
                  level=row.level, post=row.post, measures=row.measures, description="改过",
                  id=row.id, version=row.version, point_version=row.point_version)
    return risks_types.RiskDraft(**{**values, **kw})


def _finding_edit(s, finding_id: int, **kw: object) -> findings_types.FindingDraft:  # noqa: ANN001
    row = findings_query.get_finding(s, finding_id, TODAY)
    values = dict(source=row.source, found_on=row.found_on, unit_id=row.unit_id,
                  description=row.description, deadline=row.deadline, notes="改过", id=row.id,
                  version=row.version)
    return findings_types.FindingDraft(**{**values, **kw})


def _inspection_edit(s, inspection_id: int, **kw: object) -> inspections_types.InspectionDraft:  # noqa: ANN001
    row = inspections_query.get_inspection(s, inspection_id)
    values = dict(inspected_on=row.inspected_on, kind=row.kind, title=row.title,
                  unit_ids=row.unit_ids, summary="改过", id=row.id, version=row.version)
    return inspections_types.InspectionDraft(**{**values, **kw})


def _finding_version(s, finding_id: int) -> int:  # noqa: ANN001
    return findings_query.get_finding(s, finding_id, TODAY).version


def _talk(talkee: talks.ParticipantDraft, **kw: object) -> talks.TalkDraft:
    return talks.TalkDraft(kind="reminder", talk_date=dt.date(2026, 6, 1), talkees=(talkee,),
                           talkers=(talks.ParticipantDraft(name="陈书记"),),
                           content="一、谈话事由：报销不规范。", **kw)


def _outside_drafts_of(year: int) -> Callable[[object, Ctx], object]:
    """How many assessments of `year` the outside unit's risk points have."""
    def count(s, c: Ctx) -> object:  # noqa: ANN001
        return s.scalar(select(func.count()).select_from(RiskAssessment).join(RiskPoint).where(
            RiskPoint.unit_id == c.world.outside, RiskAssessment.year == year))
    return count


W = WriteCase
P = talks.ParticipantDraft

REGISTER_CASES: list[WriteCase] = [
    # 婚丧喜庆报备 and 党风廉政意见回复
    W(ceremonies.save_report, lambda s, a, c: ceremonies.save_report(s, a, _report(c.world.person_out), TODAY),
      note="新增"),
    W(ceremonies.save_report, lambda s, a, c: ceremonies.save_report(s, a, _report(
        c.world.person_out, place="改在家中", id=c.world.report_out), TODAY), note="修改"),
    W(ceremonies.delete_report, lambda s, a, c: ceremonies.delete_report(s, a, c.world.report_out)),
    W(ceremonies.create_reminder_talk, lambda s, a, c: ceremonies.create_reminder_talk(
        s, a, c.world.report_out, None, _talk(P(person_id=c.world.person_out)), TODAY)),
    W(opinions.issue_opinions, lambda s, a, c: opinions.issue_opinions(
        s, a, [c.world.person_out], "promotion", TODAY, c.world.file.parent / "意见回复.docx",
        bureau="测试局", today=TODAY)),
    # 处分与组织处理 and 问题线索
    W(sanctions.save_sanction, lambda s, a, c: sanctions.save_sanction(s, a, SanctionDraft(
        person_id=c.world.person_out, kind="reassign", decided_on=dt.date(2026, 6, 2)), TODAY), note="新增"),
    W(sanctions.save_sanction, lambda s, a, c: sanctions.save_sanction(s, a, sanctions_query.get_sanction(
        s, c.world.sanction_out).draft(facts="改过"), TODAY), note="修改"),
    W(sanctions.delete_sanction, lambda s, a, c: sanctions.delete_sanction(s, a, c.world.sanction_out)),
    W(clues.save_clue, lambda s, a, c: clues.save_clue(s, a, _clue(c.world.person_out), TODAY), note="新增"),
    W(clues.save_clue, lambda s, a, c: clues.save_clue(s, a, clues_query.get_clue(
        s, c.admin, c.world.clue_out).draft(notes="改过"), TODAY), note="修改"),
    W(clues.delete_clue, lambda s, a, c: clues.delete_clue(s, a, c.world.clue_out)),
    # 主体责任 and 廉政教育
    W(pledges.save_pledge, lambda s, a, c: pledges.save_pledge(s, a, PledgeDraft(
        2026, "party_unit", c.world.outside, signed_on=dt.date(2026, 3, 2)), TODAY), note="新增（本年度另一层级）"),
    W(pledges.save_pledge, lambda s, a, c: pledges.save_pledge(s, a, pledges_query.get_pledge(
        s, c.world.pledge_out).draft(notes="改过"), TODAY), note="修改"),
    W(pledges.draw_up_year, lambda s, a, c: pledges.draw_up_year(s, a, 2027, "party_unit", unit_ids=[c.world.outside])),
    W(pledges.mark_signed, lambda s, a, c: pledges.mark_signed(s, a, [c.world.pledge_out], dt.date(2026, 3, 2), TODAY)),
    W(pledges.delete_pledge, lambda s, a, c: pledges.delete_pledge(s, a, c.world.pledge_out)),
    W(studies.save_study, lambda s, a, c: studies.save_study(s, a, StudyDraft(
        dt.date(2026, 5, 6), "leadership", "研究主体责任", c.world.outside), TODAY), note="单位班子"),
    W(studies.save_study, lambda s, a, c: studies.save_study(s, a, StudyDraft(
        dt.date(2026, 5, 6), "party_group", "研究部署党风廉政建设"), TODAY), note="局党组"),
    W(studies.delete_study, lambda s, a, c: studies.delete_study(s, a, c.world.study_out)),
    W(assessments.save_assessment, lambda s, a, c: assessments.save_assessment(s, a, AssessmentDraft(
        2024, c.world.outside, DEFAULT_ITEMS), TODAY), note="新增"),
    W(assessments.save_assessment, lambda s, a, c: assessments.save_assessment(s, a, assessments_query.get_assessment(
        s, c.world.assessment_out).draft(notes="改过"), TODAY), note="修改"),
    W(assessments.delete_assessment, lambda s, a, c: assessments.delete_assessment(s, a, c.world.assessment_out)),
    W(assessments.save_report, lambda s, a, c: assessments.save_report(s, a, LeaderReportDraft(
        2024, c.world.person_out, satisfaction=90), TODAY), note="新增"),
    W(assessments.save_report, lambda s, a, c: assessments.save_report(s, a, assessments_query.get_report(
        s, c.world.leader_report_out).draft(summary="改过"), TODAY), note="修改"),
    W(assessments.delete_report, lambda s, a, c: assessments.delete_report(s, a, c.world.leader_report_out)),
    W(duty_reports.save_duty_report, lambda s, a, c: duty_reports.save_duty_report(s, a, DutyReportDraft(
        c.world.outside, "info", 2026, 5, dt.date(2026, 5, 28)), TODAY), note="新增"),
    W(duty_reports.delete_duty_report, lambda s, a, c: duty_reports.delete_duty_report(s, a, c.world.duty_report_out)),
    W(education.save_session, lambda s, a, c: education.save_session(s, a, EducationDraft(
        dt.date(2026, 5, 8), "three_one", "廉洁党课", (P(person_id=c.world.person_out),), c.world.outside), TODAY),
      note="新增"),
    W(education.save_session, lambda s, a, c: education.save_session(s, a, EducationDraft(
        dt.date(2026, 5, 8), "warning_meeting", "警示教育大会"), TODAY), note="局党组组织"),
    W(education.save_session, lambda s, a, c: education.save_session(s, a, education_query.get_session(
        s, c.world.education_out).draft(notes="改过"), TODAY), note="修改"),
    W(education.delete_session, lambda s, a, c: education.delete_session(s, a, c.world.education_out)),
    # risk points
    W(risks_write.save_risk, lambda s, a, c: risks_write.save_risk(s, a, risks_types.RiskDraft(
        unit_id=c.world.outside, name="资金支付审核", year=2026, category="duty", level=2), TODAY),
      note="新增"),
    W(risks_write.save_risk, lambda s, a, c: risks_write.save_risk(
        s, a, _risk_edit(s, c.world.risk_out), TODAY), note="修改"),
    W(risks_write.save_risk, lambda s, a, c: risks_write.save_risk(
        s, a, _risk_edit(s, c.world.risk_out, unit_id=c.world.inside), TODAY), note="从单位外调入"),
    W(risks_write.save_risk, lambda s, a, c: risks_write.save_risk(
        s, a, _risk_edit(s, c.world.risk_out, id=None, version=None, year=2027,
                         point_id=risks.get_risk(s, c.world.risk_out).point_id), TODAY),
      note="新年度评估"),
    W(risks_write.confirm_risk, lambda s, a, c: risks_write.confirm_risk(s, a, c.world.risk_draft_out)),
    W(risks_write.retire_risk, lambda s, a, c: risks_write.retire_risk(s, a, c.world.risk_out, reason="已合并")),
    W(risks_write.reinstate_risk, lambda s, a, c: risks_write.reinstate_risk(s, a, c.world.risk_retired_out)),
    W(risk_review.start_review, lambda s, a, c: risk_review.start_review(s, a, 2027, TODAY),
      note="一个年度的排查", scoped=_outside_drafts_of(2027)),
    W(risk_review.confirm_review, lambda s, a, c: risk_review.confirm_review(s, a, 2026, c.world.outside)),
    # inspections and findings
    W(inspections_write.save_inspection, lambda s, a, c: inspections_write.save_inspection(s, a, inspections_types.InspectionDraft(
        inspected_on=dt.date(2026, 6, 3), kind="style", title="6月份工作作风纪律检查",
        unit_ids=(c.world.outside,)), TODAY), note="新增"),
    W(inspections_write.save_inspection, lambda s, a, c: inspections_write.save_inspection(
        s, a, _inspection_edit(s, c.world.inspection_out), TODAY), note="修改"),
    W(inspections_write.save_inspection, lambda s, a, c: inspections_write.save_inspection(
        s, a, _inspection_edit(s, c.world.inspection_all, unit_ids=(c.world.inside,)), TODAY),
      note="全系统检查改为本单位"),
    W(inspections_write.delete_inspection, lambda s, a, c: inspections_write.delete_inspection(s, a, c.world.inspection_out)),
    W(inspections_write.delete_inspection, lambda s, a, c: inspections_write.delete_inspection(s, a, c.world.inspection_all),
      note="全系统检查"),
    W(findings_write.save_finding, lambda s, a, c: findings_write.save_finding(s, a, findings_types.FindingDraft(
        source="inspection", found_on=dt.date(2026, 6, 3), unit_id=c.world.outside,
        description="考勤登记不规范"), TODAY), note="新增"),
    W(findings_write.save_finding, lambda s, a, c: findings_write.save_finding(s, a, _finding_edit(s, c.world.finding_out), TODAY),
      note="修改"),
    W(findings_write.save_finding, lambda s, a, c: findings_write.save_finding(
        s, a, _finding_edit(s, c.world.finding_out, unit_id=c.world.inside), TODAY), note="从单位外调入"),
    W(findings_write.delete_finding, lambda s, a, c: findings_write.delete_finding(s, a, c.world.finding_out)),
    W(wf.change_status, lambda s, a, c: wf.change_status(s, a, wf.StatusChange(
        c.world.finding_out, _finding_version(s, c.world.finding_out), "in_progress", TODAY), TODAY)),
    W(wf.extend_deadline, lambda s, a, c: wf.extend_deadline(s, a, wf.Extension(
        c.world.finding_out, _finding_version(s, c.world.finding_out), dt.date(2026, 8, 31),
        "需财务审核", TODAY), TODAY)),
    W(wf.add_progress, lambda s, a, c: wf.add_progress(s, a, wf.ProgressNote(
        c.world.finding_out, TODAY, "已制定整改方案"), TODAY)),
    # first-form ledger
    W(ledger_write.save_entry, lambda s, a, c: ledger_write.save_entry(s, a, ledger_types.LedgerDraft(
        person_id=c.world.person_out, problem="公务接待超标准", methods=("criticism",),
        decided_on=dt.date(2026, 6, 2)), TODAY), note="新增"),
    W(ledger_write.save_entry, lambda s, a, c: ledger_write.save_entry(
        s, a, ledger_query.get_entry(s, c.world.entry_out).draft(notes="改过"), TODAY), note="修改"),
    W(ledger_write.save_entry, lambda s, a, c: ledger_write.save_entry(s, a, ledger_query.get_entry(
        s, c.world.entry_out).draft(snapshot=ledger_types.PersonSnapshot(c.world.inside)), TODAY),
      note="从单位外调入"),
    W(ledger_write.delete_entry, lambda s, a, c: ledger_write.delete_entry(s, a, c.world.entry_out)),
    # talks
    W(talks.save_talk, lambda s, a, c: talks.save_talk(s, a, _talk(P(person_id=c.world.person_out)), TODAY),
      note="新增"),
    W(talks.save_talk, lambda s, a, c: talks.save_talk(s, a, _talk(P(name="外聘会计王某")), TODAY),
      note="名册外被谈话人"),
    W(talks.save_talk, lambda s, a, c: talks.save_talk(
        s, a, replace(talks.get_talk(s, c.world.talk_out).draft(), place="会议室"), TODAY), note="修改"),
    W(talks.delete_talk, lambda s, a, c: talks.delete_talk(s, a, c.world.talk_out)),
    W(talks.delete_talk, lambda s, a, c: talks.delete_talk(s, a, c.world.talk_outsider),
      note="名册外被谈话人"),
    # reminders: the state every user sees
    W(reminders.mark_done, lambda s, a, c: reminders.mark_done(
        s, a, f"pre-talk:{c.world.change_out}", "已谈话"), note="单位外人员"),
    W(reminders.mark_done, lambda s, a, c: reminders.mark_done(
        s, a, "festival:2026:national", "已通过办公系统推送"), note="全局提醒"),
    W(reminders.snooze, lambda s, a, c: reminders.snooze(
        s, a, f"pre-talk:{c.world.change_out}", dt.date(2026, 6, 20), TODAY)),
    W(reminders.reopen, lambda s, a, c: reminders.reopen(s, a, f"leader-talk:2026:{c.world.person_out}")),
]


def register_records(s, admin: Actor, inside: int, outside: int, person_out: int) -> dict[str, int]:  # noqa: ANN001
    """The registers' records the cases act on, through their services."""
    def risk(unit_id: int, name: str, status: str = "confirmed") -> int:
        return risks_write.save_risk(s, admin, risks_types.RiskDraft(
            unit_id=unit_id, name=name, year=2026, category="duty", level=2, status=status), TODAY)

    found = dict(risk_in=risk(inside, "公文审核"), risk_out=risk(outside, "报销审核"),
                 risk_draft_out=risk(outside, "采购验收", "draft"), risk_retired_out=risk(outside, "票据管理"))
    risks_write.retire_risk(s, admin, found["risk_retired_out"], reason="已合并")
    found["finding_out"] = findings_write.save_finding(s, admin, findings_types.FindingDraft(
        source="inspection", found_on=dt.date(2026, 3, 2), unit_id=outside,
        description="公务接待未严格执行审批手续", deadline=dt.date(2026, 6, 30)), TODAY)
    found["inspection_out"] = inspections_write.save_inspection(s, admin, inspections_types.InspectionDraft(
        inspected_on=dt.date(2026, 3, 5), kind="style", title="3月份工作作风纪律检查",
        unit_ids=(outside,)), TODAY)
    found["inspection_all"] = inspections_write.save_inspection(s, admin, inspections_types.InspectionDraft(
        inspected_on=dt.date(2026, 1, 20), kind="festival", title="春节前专项检查"), TODAY)
    found["entry_out"] = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
        person_id=person_out, problem="报销不规范", methods=("criticism",),
        decided_on=dt.date(2026, 3, 2)), TODAY)
    found["talk_out"] = talks.save_talk(s, admin, _talk(P(person_id=person_out)), TODAY)
    found["talk_outsider"] = talks.save_talk(s, admin, _talk(P(name="外聘会计王某")), TODAY)
    reminders.mark_done(s, admin, f"leader-talk:2026:{person_out}", "已谈话")
    found["report_out"] = ceremonies.save_report(s, admin, _report(person_out), TODAY)
    found["sanction_out"] = sanctions.save_sanction(s, admin, SanctionDraft(
        person_id=person_out, kind="reassign", decided_on=dt.date(2026, 3, 2)), TODAY)
    found["clue_out"] = clues.save_clue(s, admin, _clue(person_out), TODAY)
    found["pledge_out"] = pledges.save_pledge(s, admin, PledgeDraft(2026, "unit_post", outside, person_id=person_out), TODAY)
    found["study_out"] = studies.save_study(s, admin, StudyDraft(dt.date(2026, 4, 2), "leadership", "研究廉政风险防控",
                                                                outside), TODAY)
    found["assessment_out"] = assessments.save_assessment(s, admin, AssessmentDraft(2025, outside, DEFAULT_ITEMS), TODAY)
    found["leader_report_out"] = assessments.save_report(s, admin, LeaderReportDraft(2025, person_out), TODAY)
    found["duty_report_out"] = duty_reports.save_duty_report(s, admin, DutyReportDraft(
        outside, "half_year", 2026, 1, dt.date(2026, 6, 10)), TODAY)
    found["education_out"] = education.save_session(s, admin, EducationDraft(
        dt.date(2026, 4, 20), "case_law", "以案释法", (P(person_id=person_out),), outside), TODAY)
    return found


def _clue(person_id: int) -> ClueDraft:
    return ClueDraft(received_on=dt.date(2026, 3, 1), problem="反映其报销不规范", person_ids=(person_id,),
                     source="petition", way="inquiry", letter_sent_on=dt.date(2026, 3, 3))


def _report(person_id: int, **kw: object) -> CeremonyDraft:
    return replace(CeremonyDraft(person_id=person_id, kind="wedding", event_date=dt.date(2026, 7, 18),
                                 reported_on=dt.date(2026, 6, 1), place="市区某酒店", tables=10, guests=100), **kw)
