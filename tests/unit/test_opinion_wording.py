"""The 党风廉政意见回复's wording (issue 18): for every row of the 影响期 table, a reply written on the
period's last day states “…，影响期至YYYY年M月D日” and the day after “曾受…（影响期至YYYY年M月D日，
已满）”; a clue not 办结 is “正在核查” (暂存待查 said so), a 了结 clue is not stated, a person with no
record “截至…，本机关纪委未掌握…”; the two readings that cleared the wrong person (a 党内警告 a month
earlier, filed in the ledger; 调整职务 three months earlier) now say the measure is in effect."""
from __future__ import annotations

import datetime as dt

import pytest

from app.dates import add_months
from app.registers.clues import write as clues_write
from app.registers.clues.types import ClueDraft
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.opinions import query as opinions_query
from app.registers.opinions import write as opinions_write
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.sanctions import write as sanctions_write
from app.registers.sanctions.types import SanctionDraft
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY
from tests.unit.test_sanctions import PERIODS

D = dt.date
DECIDED = D(2023, 8, 31)  # a month's last day: every period's end shows the month-end rule


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.fixture
def person(workspace, admin) -> int:
    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        return people_write.save_person(s, admin, people_types.PersonDraft(
            name="张三", unit_id=office, position="科长", political_status="cpc"))


def facts(workspace, actor, person_id: int, day: dt.date, purpose: str = "promotion"):
    with workspace.reading() as s:
        return opinions_query.opinion_facts(s, actor, [person_id], purpose, day)[0]


MEASURES = {"party_warning": "党内警告处分", "party_serious_warning": "党内严重警告处分",
            "party_post_removal": "撤销党内职务处分", "party_probation": "留党察看处分", "expulsion": "开除党籍处分",
            "gov_warning": "政务警告处分", "gov_demerit": "政务记过处分", "gov_major_demerit": "政务记大过处分",
            "gov_demotion": "政务降级处分", "gov_removal": "政务撤职处分", "inst_warning": "事业单位警告处分",
            "inst_demerit": "事业单位记过处分", "inst_grade_down": "降低岗位等级处分", "reassign": "调整职务处理",
            "ordered_resign": "责令辞职处理", "dismissal": "免职处理", "resign_blame": "引咎辞职处理",
            "demote_post": "降职处理"}


@pytest.mark.parametrize(("kind", "months", "probation"), PERIODS,
                         ids=[f"{k}-{p or ''}" for k, _m, p in PERIODS])
def test_each_row_of_the_table_on_its_last_day_and_the_day_after(workspace, admin, person, kind, months, probation):
    with workspace.writing() as s:
        sanctions_write.save_sanction(s, admin, SanctionDraft(
            person_id=person, kind=kind, decided_on=DECIDED, decision_organ="局党组", probation_months=probation), TODAY)
    end = add_months(DECIDED, months + (probation or 0))
    on_end = facts(workspace, admin, person, end)
    assert on_end.measure_lines() == [f"{cn(DECIDED)}由局党组给予{MEASURES[kind]}，影响期至{cn(end)}。"]
    assert on_end.conclusion == f"截至{cn(end)}，张三同志尚在影响期内（影响期至{cn(end)}），影响期内不宜提拔任用。"
    after = facts(workspace, admin, person, end + dt.timedelta(days=1))
    assert after.measure_lines() == [f"曾受{MEASURES[kind]}（影响期至{cn(end)}，已满）。"]
    assert after.conclusion.startswith(f"截至{cn(end + dt.timedelta(days=1))}，张三同志曾受{MEASURES[kind]}，影响期已满")


def test_admonish_row_through_the_ledger(workspace, admin, person):
    with workspace.writing() as s:
        ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=person, problem="工作日午间饮酒", methods=("admonish", "criticism"), decided_on=DECIDED,
            decision_organ="局党组"), TODAY)
    end = D(2024, 2, 29)  # 6 months after 8-31: the month's last day of a leap February
    on_end = facts(workspace, admin, person, end)
    assert on_end.measure_lines() == [f"{cn(DECIDED)}由局党组给予诫勉，影响期至{cn(end)}。"]
    assert on_end.entry_lines() == [f"{cn(DECIDED)}因“工作日午间饮酒”，由局党组给予批评教育。"]  # 诫勉 once
    assert on_end.in_impact
    after = facts(workspace, admin, person, D(2024, 3, 1))
    assert after.measure_lines() == [f"曾受诫勉（影响期至{cn(end)}，已满）。"] and not after.in_impact


def test_suspension_counts_the_period_entered(workspace, admin, person):
    with workspace.writing() as s:
        sanctions_write.save_sanction(s, admin, SanctionDraft(
            person_id=person, kind="suspension", decided_on=D(2026, 1, 31), impact_months=3), TODAY)
    assert facts(workspace, admin, person, D(2026, 4, 30)).measure_lines() == [
        "2026年1月31日给予停职检查处理，影响期至2026年4月30日。"]
    assert facts(workspace, admin, person, D(2026, 5, 1)).measure_lines() == [
        "曾受停职检查处理（影响期至2026年4月30日，已满）。"]


def test_the_readings_that_cleared_the_wrong_person(workspace, admin, person):
    """A 党内警告 a month earlier filed (wrongly) in the ledger, and 调整职务 three months earlier:
    both in effect, neither “不在影响期内” nor “无影响期”."""
    with workspace.writing() as s:
        ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=person, problem="违规收受礼金", methods=("warning",), decided_on=TODAY - dt.timedelta(days=31),
            decision_organ="局机关纪委", confirm_second_form=True), TODAY)
    warned = facts(workspace, admin, person, TODAY)
    assert warned.measure_lines() == [
        "2026年5月15日由局机关纪委给予党内警告处分，影响期至2027年5月15日（记入第一种形态台账，尚未转出）。"]
    assert warned.in_impact and "影响期内不宜提拔任用" in warned.conclusion
    assert "无影响期" not in warned.conclusion and "不在影响期" not in warned.conclusion
    with workspace.writing() as s:
        sanctions_write.save_sanction(s, admin, SanctionDraft(
            person_id=person, kind="reassign", decided_on=D(2026, 3, 15), decision_organ="局党组"), TODAY)
    both = facts(workspace, admin, person, TODAY)
    assert "2026年3月15日由局党组给予调整职务处理，影响期至2027年3月15日。" in both.measure_lines()
    assert both.conclusion == "截至2026年6月15日，张三同志尚在影响期内（影响期至2027年5月15日），影响期内不宜提拔任用。"


def test_clues_being_checked_shelved_and_cleared(workspace, admin, person):
    def clue(**kw):
        values = dict(received_on=D(2026, 5, 6), problem="反映其违规打牌", person_ids=(person,), source="petition",
                      reporter="举报人甲")
        values.update(kw)
        with workspace.writing() as s:
            return clues_write.save_clue(s, admin, ClueDraft(**values), TODAY)

    clue(way="close", closed_on=D(2026, 5, 8), outcome="cleared", problem="反映其接受宴请")
    cleared = facts(workspace, admin, person, TODAY)
    assert cleared.clear and cleared.clue_lines() == ["无。"] and "宴请" not in cleared.conclusion
    assert cleared.conclusion == "截至2026年6月15日，本机关纪委未掌握张三同志违反党风廉政建设有关规定的问题，对其提拔任用无不同意见。"
    clue(way="shelve", received_on=D(2026, 2, 2))
    shelved = facts(workspace, admin, person, TODAY)
    assert shelved.clue_lines() == ["2026年2月2日受理的反映该同志的信访举报问题线索暂存待查。"]
    clue(way="inquiry", letter_sent_on=D(2026, 5, 8))
    checked = facts(workspace, admin, person, TODAY)
    assert "2026年5月6日受理的反映该同志的信访举报问题线索正在核查。" in checked.clue_lines()
    assert checked.conclusion == "截至2026年6月15日，反映张三同志的问题线索正在核查，建议待核查结束后再研究其提拔任用。"
    # Before the clue was received, or after its 办结, it is not being checked.
    assert facts(workspace, admin, person, D(2026, 5, 5)).clue_lines() == ["2026年2月2日受理的反映该同志的信访举报问题线索暂存待查。"]
    assert not any("举报人甲" in line for line in checked.clue_lines())


def test_the_reply_document_of_a_person_in_effect(workspace, admin, person, tmp_path):
    from docx import Document

    with workspace.writing() as s:
        sanctions_write.save_sanction(s, admin, SanctionDraft(
            person_id=person, kind="party_warning", decided_on=D(2026, 3, 2), decision_organ="局党组",
            facts="违规发放津贴补贴"), TODAY)
        sanctions_write.save_sanction(s, admin, SanctionDraft(
            person_id=person, kind="gov_demerit", decided_on=D(2026, 3, 2), decision_organ="局党组"), TODAY)
        out = tmp_path / "回复.docx"
        opinions_write.issue_opinions(s, admin, [person], "promotion", TODAY, out, bureau="测试局", today=TODAY)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "一、受处分、组织处理和诫勉情况" in text
    assert "2026年3月2日由局党组给予党内警告处分，影响期至2027年3月2日。" in text
    assert "2026年3月2日由局党组给予政务记过处分，影响期至2027年3月2日。" in text
    assert "截至2026年6月15日，张三同志尚在影响期内（影响期至2027年3月2日），影响期内不宜提拔任用。" in text
