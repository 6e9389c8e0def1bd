"""The ledger's figures against DESIGN "Definitions" on a hand-built set, and the functions the
Home page and the 党风廉政意见回复 use."""
from __future__ import annotations

import datetime as dt

from app.registers.ledger import stats
from tests.conftest import TODAY
from tests.unit.test_ledger import bureau, row, save  # noqa: F401 — the fixture

D = dt.date


def _hand_built(ws, actor, b):  # noqa: ANN001
    """2025: 5 filed entries (8 methods), one 需转出, one cleared by 了结, one 非党员; 2024 and
    2026: one entry each.

        2025-01-15 Q1 张三 (财务科, 班子成员, 重要岗位 财务)  谈话提醒 + 责令作出书面检查
        2025-03-31 Q1 李四 (办公室)                          批评教育
        2025-04-01 Q2 李四 (办公室)                          提醒谈话 (one method with 谈话提醒)
        2025-08-29 Q3 王五 (市博物馆)                        诫勉 + 通报批评 + 批评教育
        2025-12-01 Q4 王五 (市博物馆)                        谈话提醒
        2025-05-05 Q2 张三  警告 (second form: 需转出, left out)
        2025-06-10 Q2 李四  谈话函询了结, no method (no 处置: counted apart)
        2025-07-07 Q3 李四, filed as 群众: 批评教育 (非党员: counted apart)
        2024-09-30    王五  诫勉 + 通报批评 + 批评教育
        2026-01-10    李四  批评教育
    """
    from app.registers.ledger.types import PersonSnapshot

    save(ws, actor, b.zhang, ("talk_remind", "order_check"), D(2025, 1, 15), wordings=("谈话提醒", "责令作出书面检查"))
    save(ws, actor, b.li, ("criticism",), D(2025, 3, 31))
    save(ws, actor, b.li, ("talk_remind",), D(2025, 4, 1), problem="上班时间玩网络游戏", wordings=("提醒谈话",))
    save(ws, actor, b.li, (), D(2025, 6, 10), problem="反映其接受宴请", handling="inquiry_closed")
    save(ws, actor, b.li, ("criticism",), D(2025, 7, 7), problem="工作时间打牌", confirm_non_member=True,
         snapshot=PersonSnapshot(b.office, "办公室", "科员", "", "masses"))
    save(ws, actor, b.wang, ("admonish", "notice", "criticism"), D(2025, 8, 29))
    save(ws, actor, b.wang, ("talk_remind",), D(2025, 12, 1), problem="考勤管理不严")
    save(ws, actor, b.zhang, ("warning",), D(2025, 5, 5), confirm_second_form=True)
    save(ws, actor, b.wang, ("admonish", "notice", "criticism"), D(2024, 9, 30), problem="公务接待超标准")
    save(ws, actor, b.li, ("criticism",), D(2026, 1, 10), problem="迟到早退")


def test_statistics_follow_the_definitions(workspace, editor, bureau):  # noqa: F811
    _hand_built(workspace, editor, bureau)
    with workspace.reading() as s:
        year = stats.ledger_statistics(s, editor, 2025)
        all_years = stats.ledger_statistics(s, editor)
        museum = stats.ledger_statistics(s, editor, 2025, unit_id=bureau.museum)
    assert year.person_times == 5                       # one entry = one 人次
    assert year.method_count == 8                       # methods counted: more than 人次
    assert year.by_quarter == (2, 1, 1, 1)
    by_method = {m.label: m.by_quarter for m in year.methods}
    assert by_method == {"谈话提醒": (1, 1, 0, 1), "批评教育": (1, 0, 1, 0), "责令检查": (1, 0, 0, 0),
                         "诫勉": (0, 0, 1, 0), "通报批评": (0, 0, 1, 0)}
    assert year.methods[0].label == "谈话提醒"           # most used first
    assert "警告" not in by_method and year.transfer_needed == 1
    assert [(u.unit_name, u.person_times) for u in year.units] == [("办公室", 2), ("市博物馆", 2), ("财务科", 1)]
    assert (year.leaders, year.key_posts) == (1, 1)
    assert (year.leader_share, year.key_post_share) == (0.2, 0.2)
    assert (year.cleared, year.non_members) == (1, 1)
    assert year.summary() == ("共 5 人次（处置方式 8 项）；班子成员 1 人次（20%）；重要岗位 1 人次（20%）"
                              "；另有线索了结 1 件、非党员 1 人次，单独统计；另有 1 条需转出，未计入")
    assert (all_years.person_times, all_years.method_count) == (7, 12)
    assert (museum.person_times, museum.by_quarter, museum.leaders) == (2, (0, 0, 1, 1), 0)


def test_home_page_figures(workspace, editor, bureau):  # noqa: F811
    _hand_built(workspace, editor, bureau)
    with workspace.reading() as s:
        assert stats.person_times(s, editor, D(2025, 1, 1), D(2025, 3, 31)) == 2
        assert stats.person_times(s, editor, D(2025, 4, 1), D(2025, 6, 30)) == 1  # 需转出 left out
        # Planned 回访 = decided on + 6 months (2025-08-29 → 2026-02-28: the month's last day).
        due = [r.revisit_planned for r in stats.revisits_due(s, editor, TODAY)]  # none for the 了结 entry
        assert due == [D(2025, 3, 30), D(2025, 7, 15), D(2025, 9, 30), D(2025, 10, 1), D(2026, 1, 7),
                       D(2026, 2, 28), D(2026, 6, 1)]
        soon = [r.revisit_planned for r in stats.revisits_due(s, editor, TODAY, within_days=30)]
        assert soon == due + [D(2026, 7, 10)]
        # 影响期 of 诫勉: 2024-09-30 → 2025-03-30; 2025-08-29 → 2026-02-28.
        assert [r.impact_end for r in stats.impact_ending(s, editor, D(2026, 1, 1), D(2026, 12, 31))] == \
            [D(2026, 2, 28)]
        covering = stats.impact_covering(s, editor, D(2025, 3, 1), [bureau.wang, bureau.li])
        assert [(r.person_name, r.decided_on) for r in covering] == [("王五", D(2024, 9, 30))]
        assert stats.impact_covering(s, editor, D(2025, 4, 1), [bureau.wang]) == []
        assert [r.problem for r in stats.entries_of_person(s, editor, bureau.zhang)] == ["工作日午间饮酒"]
        assert len(stats.entries_of_person(s, editor, bureau.zhang, include_transfer=True)) == 2


def test_revisit_done_leaves_the_due_list_and_inquiries_await_their_reply(workspace, editor, bureau):  # noqa: F811
    entry = save(workspace, editor, bureau.li, decided_on=D(2025, 10, 1))
    late = save(workspace, editor, bureau.wang, handling="inquiry_closed", methods=(),
                letter_sent_on=D(2026, 5, 1), reply_due=D(2026, 5, 22), decided_on=D(2026, 5, 2))
    save(workspace, editor, bureau.zhang, handling="inquiry_closed", methods=(),
         letter_sent_on=D(2026, 6, 1), reply_due=D(2026, 6, 22), decided_on=D(2026, 6, 2))
    with workspace.reading() as s:
        assert [r.id for r in stats.revisits_due(s, editor, TODAY)] == [entry]
        waiting = stats.inquiries_awaiting_reply(s, editor)
    assert [(r.person_name, r.reply_overdue(TODAY)) for r in waiting] == [("王五", True), ("张三", False)]
    from app.registers.ledger import write as svc

    with workspace.writing() as s:
        svc.save_entry(s, editor, row(workspace, entry).draft(revisit_done_on=D(2026, 4, 2),
                                                              revisit_result="表现良好"), TODAY)
        svc.save_entry(s, editor, row(workspace, late).draft(replied_on=D(2026, 5, 20)), TODAY)
    with workspace.reading() as s:
        assert stats.revisits_due(s, editor, TODAY) == []
        assert [r.person_name for r in stats.inquiries_awaiting_reply(s, editor)] == ["张三"]
