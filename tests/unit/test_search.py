"""Search everything: a two-character name, pinyin initials, a substring of a talk's content,
nothing for an absent word, and a unit-limited user sees only their units."""
from __future__ import annotations

import datetime as dt

from app.auth import Actor, Role
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.search import search_everything, snippet
from db.models import Talk, TalkParticipant


def _data(ws, actor) -> dict:
    with ws.writing() as s:
        office = units_write.save_unit(s, actor, units_types.UnitDraft(name="办公室", kind="office"))
        museum = units_write.save_unit(s, actor, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        zhang = people_write.save_person(s, actor, people_types.PersonDraft(name="张伟", unit_id=office, position="科长"))
        li = people_write.save_person(s, actor, people_types.PersonDraft(name="李娜", unit_id=museum, position="馆长"))
        talk = Talk(kind="reminder", talk_date=dt.date(2026, 5, 6), place="局机关纪委办公室",
                    content="针对近期公务接待中存在超标准用餐苗头，提醒其严格执行八项规定精神。")
        talk.participants = [TalkParticipant(role="talkee", person_id=li, name="李娜", seq=0)]
        s.add(talk)
        s.flush()
        return {"office": office, "museum": museum, "zhang": zhang, "li": li, "talk": talk.id}


def _titles(result, label):
    return [h.title for g, hits, _ in result.groups if g == label for h in hits]


def test_two_character_name_and_pinyin_initials(workspace, editor):
    ids = _data(workspace, editor)
    with workspace.reading() as s:
        by_name = search_everything(s, editor, "张伟")
        by_initials = search_everything(s, editor, "zw")
    assert _titles(by_name, "人员") == ["张伟"]
    assert _titles(by_initials, "人员") == ["张伟"]
    (hit,) = by_name.groups[0][1]
    assert hit.filters == {"person_id": ids["zhang"], "unit_id": ids["office"]}


def test_substring_of_a_talks_content_with_a_snippet(workspace, editor):
    ids = _data(workspace, editor)
    with workspace.reading() as s:
        result = search_everything(s, editor, "超标准用餐")
    (group,) = result.groups
    label, (hit,), _more = group
    assert label == "谈话记录" and hit.record_id == ids["talk"] and hit.title == "李娜"
    assert "超标准用餐" in hit.snippet


def test_absent_word_finds_nothing(workspace, editor):
    _data(workspace, editor)
    with workspace.reading() as s:
        assert search_everything(s, editor, "不存在的词").count == 0


def test_unit_limited_user_sees_only_their_units(workspace, editor):
    ids = _data(workspace, editor)
    limited = Actor(editor.id, "jw", "纪检委员", Role.EDITOR, frozenset({ids["museum"]}))
    with workspace.reading() as s:
        assert _titles(search_everything(s, limited, "张伟"), "人员") == []
        assert _titles(search_everything(s, limited, "李娜"), "人员") == ["李娜"]


def test_snippet_centres_on_the_match():
    text = "一" * 50 + "关键内容" + "二" * 50
    cut = snippet(text, "关键")
    assert "关键内容" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) <= 40


def test_a_talk_found_by_a_participants_name_says_in_which_role(workspace, editor):
    ids = _data(workspace, editor)
    with workspace.writing() as s:
        talk = Talk(kind="heart", talk_date=dt.date(2026, 6, 1), content="谈心谈话")
        talk.participants = [TalkParticipant(role="talker", name="赵纪委", seq=0),
                             TalkParticipant(role="talkee", person_id=ids["zhang"], name="张伟", seq=1)]
        s.add(talk)
    with workspace.reading() as s:
        result = search_everything(s, editor, "赵纪委")
    ((label, (hit,), _more),) = result.groups
    assert (label, hit.title, hit.snippet) == ("谈话记录", "张伟", "谈话人：赵纪委")


def test_a_risk_point_hit_opens_its_latest_assessment_and_a_ledger_hit_every_view(workspace, editor):
    from app.registers.ledger.types import LedgerDraft
    from app.registers.ledger.write import save_entry
    from app.registers.risks.types import RiskDraft
    from app.registers.risks.write import save_risk
    from tests.conftest import TODAY

    ids = _data(workspace, editor)
    with workspace.writing() as s:
        save_risk(s, editor, RiskDraft(unit_id=ids["office"], name="公务接待审批", year=2025, category="duty",
                                       level=2), TODAY)
    with workspace.reading() as s:
        point_id = search_everything(s, editor, "公务接待审批").groups[0][1][0].record_id
    from app.registers.risks.query import point_years

    with workspace.writing() as s:
        latest = save_risk(s, editor, RiskDraft(unit_id=ids["office"], name="公务接待审批", year=2026,
                                                category="duty", level=2, point_id=point_id), TODAY)
        entry = save_entry(s, editor, LedgerDraft(person_id=ids["li"], problem="违规使用公车",
                                                  methods=("criticism",), decided_on=dt.date(2026, 4, 1)), TODAY)
    with workspace.reading() as s:
        assert [y.year for y in point_years(s, point_id)] == [2025, 2026]
        risk = search_everything(s, editor, "公务接待审批").groups[0][1][0]
        ledger = search_everything(s, editor, "违规使用公车").groups[0][1][0]
    assert (risk.register, risk.filters) == ("risks", {"risk_id": latest, "year": 2026})
    assert (ledger.register, ledger.filters) == ("ledger", {"entry_id": entry, "view": "all"})
