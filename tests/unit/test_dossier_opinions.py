"""廉政档案 and 党风廉政意见回复: what a person's dossier holds for a period, the .docx rows (opened
with python-docx), an 影响期 covering the date or not changing the reply, the issuing listed and
audited, and the command line with homonyms."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest
from docx import Document

from app.cli.main import main as cli_main
from app.errors import PermissionDenied, ValidationError
from app.registers.ceremonies import write as cer
from app.registers.ceremonies.types import CeremonyDraft
from app.registers.findings import types as findings_types
from app.registers.findings import write as findings_write
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.ledger.query import get_entry
from app.registers.opinions import query as opinions_query
from app.registers.opinions import write as opinions_write
from app.registers.people import documents as people_documents
from app.registers.people import dossier as people_dossier
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import write as tk
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from db.models import AuditEntry
from tests.conftest import PASSWORD, TODAY

D = dt.date
BUREAU = "测试局"


@dataclass(frozen=True)
class Records:
    zhang: int
    chief: int
    wei_office: int
    wei_library: int
    admonish: int   # 诫勉 2026-01-10, 影响期 to 2026-07-10
    criticism: int  # 批评教育 2024-05-06
    finding: int


@pytest.fixture
def records(workspace, admin) -> Records:
    with workspace.writing() as s:
        def unit(name, kind="office"):
            return units_write.save_unit(s, admin, units_types.UnitDraft(name=name, kind=kind))

        def person(name, unit_id, position, **kw):
            return people_write.save_person(s, admin, people_types.PersonDraft(name=name, unit_id=unit_id, position=position, **kw))

        office, finance, library = unit("办公室"), unit("财务科"), unit("市图书馆", "affiliate")
        chief = person("周明", office, "机关纪委书记")
        zhang = person("张三", finance, "科长", political_status="cpc", is_leader=True, gender="男")
        wei_office, wei_library = person("张伟", office, "科员"), person("张伟", library, "馆员")
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            zhang, D(2025, 3, 3), library, "副馆长", "管理岗六级", is_promotion=True), TODAY)
        P = tk.ParticipantDraft
        for kind, day, reason in (("heart", D(2024, 6, 3), "routine"), ("pre_appointment", D(2025, 3, 7), "promotion")):
            tk.save_talk(s, admin, tk.TalkDraft(kind=kind, talk_date=day, reason=reason, content="谈话内容",
                                                talkees=(P(person_id=zhang),), talkers=(P(person_id=chief),)), TODAY)
        cer.save_report(s, admin, CeremonyDraft(person_id=zhang, kind="wedding", event_date=D(2025, 10, 2),
                                                reported_on=D(2025, 9, 26), place="锦江饭店", tables=10, guests=100),
                        TODAY)
        criticism = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=zhang, problem="考勤管理不严", methods=("criticism",), decided_on=D(2024, 5, 6),
            clue_source="inspection", handling="talk", decision_organ="局机关纪委"), TODAY)
        admonish = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=zhang, problem="违规接受管理服务对象宴请", methods=("admonish",), decided_on=D(2026, 1, 10),
            clue_source="petition", handling="inquiry", letter_sent_on=D(2025, 12, 1), reply_due=D(2025, 12, 22),
            replied_on=D(2025, 12, 15), decision_organ="局党组"), TODAY)
        finding = findings_write.save_finding(s, admin, findings_types.FindingDraft(
            source="inspection", found_on=D(2026, 3, 2), unit_id=library, description="图书采购验收手续不全",
            resp_person_id=zhang, deadline=D(2026, 6, 30)), TODAY)
    return Records(zhang, chief, wei_office, wei_library, admonish, criticism, finding)


def test_dossier_holds_every_register_in_date_order_for_the_period(workspace, viewer, records):
    with workspace.reading() as s:
        everything = people_dossier.person_dossier(s, viewer, records.zhang, today=TODAY)
        year_2025 = people_dossier.person_dossier(s, viewer, records.zhang, start=D(2025, 1, 1), end=D(2025, 12, 31), today=TODAY)
    items = everything.items()
    assert [(i.day, i.section_label, i.kind) for i in items] == [
        (D(2024, 5, 6), "第一种形态", "批评教育"), (D(2024, 6, 3), "谈话", "谈心谈话"),
        (D(2025, 3, 3), "职务变动", "提拔"), (D(2025, 3, 7), "谈话", "任前廉政谈话"),
        (D(2025, 10, 2), "婚丧喜庆报备", "婚嫁"), (D(2026, 1, 10), "第一种形态", "诫勉"),
        (D(2026, 3, 2), "整改责任", "待整改")]
    assert everything.person.unit_name == "市图书馆"
    assert everything.summary == ("谈话 2 次 · 报备 1 次（迟报 1 次） · 第一种形态 2 人次 · 整改责任 1 项（未销号 1 项）"
                                  " · 职务变动 1 次 · 影响期至 2026-07-10")
    # The 诫勉 is inside its 影响期 today, the late 报备 too is marked.
    assert {i.kind for i in items if i.flag == "warn"} == {"诫勉", "婚嫁"}
    assert [i.section for i in year_2025.items()] == ["positions", "talks", "ceremonies"]
    assert year_2025.period_text == "2025-01-01 至 2025-12-31"
    assert [i.page for i in items[-3:]] == ["ceremonies", "ledger", "inspections"]


def test_dossier_docx_holds_the_right_rows(workspace, viewer, records, tmp_path):
    out = tmp_path / "档案.docx"
    with workspace.writing() as s:
        people_documents.export_dossier(s, viewer, records.zhang, out, bureau=BUREAU, today=TODAY, end=D(2025, 12, 31))
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "廉政档案" in text and "期间：最早记录 至 2025-12-31" in text
    facts = {row.cells[i].text: row.cells[i + 1].text for row in doc.tables[0].rows for i in (0, 2)}
    assert (facts["姓名"], facts["单位"], facts["职务"], facts["班子成员"]) == ("张三", "市图书馆", "副馆长", "是")
    tables = {t.rows[0].cells[0].text + "|" + t.rows[0].cells[1].text: [[c.text for c in r.cells] for r in t.rows[1:]]
              for t in doc.tables[1:]}
    assert tables["日期|原单位及职务"] == [["2025-03-03", "财务科科长", "市图书馆副馆长", "管理岗六级", "是"]]
    assert [r[:2] for r in tables["日期|谈话类型"]] == [["2024-06-03", "谈心谈话"], ["2025-03-07", "任前廉政谈话"]]
    assert tables["举办日期|事项"] == [["2025-10-02", "婚嫁", "锦江饭店 10 桌 / 约 100 人", "2025-09-26",
                                      "迟报 3 个工作日", "无", "无"]]
    assert tables["处理时间|主要问题"] == [["2024-05-06", "考勤管理不严", "监督检查·谈话", "批评教育", "局机关纪委", "无"]]
    # No finding until 2025-12-31: that section says 无 and has no table.
    assert not any(k.startswith("发现日期") for k in tables)
    assert "六、处分与组织处理（含诫勉）\n无。" in text and "八、作为责任人的问题整改\n无。" in text
    with workspace.reading() as s:
        exports = [a.summary for a in s.query(AuditEntry).filter_by(action="export")]
    assert exports and "廉政档案 张三（市图书馆·副馆长）" in exports[-1]


def test_impact_period_covering_the_date_or_not_changes_the_reply(workspace, editor, records, tmp_path):
    def facts(day=TODAY):
        with workspace.reading() as s:
            return opinions_query.opinion_facts(s, editor, [records.zhang], "promotion", day)[0]

    inside = facts()
    assert inside.in_impact and [m.measure for m in inside.covering] == ["诫勉"]
    assert inside.measure_lines() == ["2026年1月10日由局党组给予诫勉，影响期至2026年7月10日。"]
    assert inside.conclusion == "截至2026年6月15日，张三同志尚在影响期内（影响期至2026年7月10日），影响期内不宜提拔任用。"
    assert [f.id for f in inside.open_findings] == [records.finding]
    # The same date, the 影响期 ended by the end of May: the reply changes.
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, replace(get_entry(s, records.admonish).draft(), impact_end=D(2026, 5, 31)), TODAY)
    outside = facts()
    assert not outside.in_impact
    assert outside.measure_lines() == ["曾受诫勉（影响期至2026年5月31日，已满）。"]
    assert outside.conclusion == ("截至2026年6月15日，张三同志曾受诫勉，影响期已满；曾受到第一种形态处置 2 人次；"
                                  "作为责任人尚有 1 项问题整改未销号，应督促其按期整改到位。以上情况供研究时参考。")
    # Only the 批评教育 of 2024 by the end of that year: no measure, no 影响期 to state.
    assert facts(D(2024, 12, 31)).conclusion == "截至2024年12月31日，张三同志曾受到第一种形态处置 1 人次。以上情况供研究时参考。"
    # Before anything was decided there is nothing to state.
    early = facts(D(2024, 1, 31))
    assert early.clear and early.conclusion == ("截至2024年1月31日，本机关纪委未掌握张三同志违反党风廉政建设有关规定的问题，"
                                                "对其提拔任用无不同意见。")
    # The documents say it too.
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, replace(get_entry(s, records.admonish).draft(), impact_end=D(2026, 7, 10)), TODAY)
        opinions_write.issue_opinions(s, editor, [records.zhang], "promotion", TODAY, tmp_path / "in.docx", bureau=BUREAU, today=TODAY)
        ledger_write.save_entry(s, editor, replace(get_entry(s, records.admonish).draft(), impact_end=D(2026, 5, 31)), TODAY)
        opinions_write.issue_opinions(s, editor, [records.zhang], "promotion", TODAY, tmp_path / "out.docx", bureau=BUREAU, today=TODAY)
    inside_text, outside_text = (_text(tmp_path / name) for name in ("in.docx", "out.docx"))
    assert "给予诫勉，影响期至2026年7月10日。" in inside_text and "影响期内不宜提拔任用" in inside_text
    assert "曾受诫勉（影响期至2026年5月31日，已满）。" in outside_text and "不宜提拔任用" not in outside_text


def test_reply_docx_states_the_records_and_issuing_is_listed_and_audited(workspace, editor, records, tmp_path):
    out = tmp_path / "回复.docx"
    with workspace.writing() as s:
        issued = opinions_write.issue_opinions(s, editor, [records.zhang, records.wei_office], "award", TODAY, out,
                                   bureau=BUREAU, today=TODAY)
    text = _text(out)
    assert text.count("党风廉政意见回复") == 2 and "局党组：" in text
    assert "张三同志（市图书馆副馆长）截至2026年6月15日的党风廉政情况回复如下" in text
    assert "2026年1月10日由局党组给予诫勉，影响期至2026年7月10日。" in text
    assert "2024年5月6日因“考勤管理不严”，由局机关纪委给予批评教育。" in text
    assert "2026-001：图书采购验收手续不全（市图书馆，整改时限 2026-06-30，待整改）。" in text
    assert "影响期内不宜评先评优" in text
    assert "截至2026年6月15日，本机关纪委未掌握张伟同志违反党风廉政建设有关规定的问题，对其评先评优无不同意见。" in text
    assert _page_breaks(out) == 1  # the second reply starts on a new page
    with workspace.reading() as s:
        listed = opinions_query.opinion_replies(s, editor)
        audit = [a.action for a in s.query(AuditEntry).filter_by(entity="opinion_replies").order_by(AuditEntry.id)]
    assert [(r.person_display, r.purpose_label, r.as_of, r.issued_by) for r in listed] == [
        ("张伟（办公室·科员）", "评先评优", TODAY, "录入员乙"), ("张三（市图书馆·副馆长）", "评先评优", TODAY, "录入员乙")]
    assert listed[1].id in issued.reply_ids and "影响期" in listed[1].conclusion
    assert audit == ["create", "create", "export"]
    # One file per person in a folder.
    folder = tmp_path / "每人一份"
    folder.mkdir()
    with workspace.writing() as s:
        issued = opinions_write.issue_opinions(s, editor, [records.zhang, records.wei_library], "other", TODAY, folder,
                                   bureau=BUREAU, today=TODAY, per_person=True)
    assert sorted(p.name for p in issued.files) == ["党风廉政意见回复-张三-市图书馆-20260615.docx",
                                                    "党风廉政意见回复-张伟-市图书馆-20260615.docx"]


def test_issuing_is_for_editors_and_checks_its_input(workspace, viewer, editor, records, tmp_path):
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        opinions_write.issue_opinions(s, viewer, [records.zhang], "promotion", TODAY, tmp_path / "a.docx", bureau=BUREAU, today=TODAY)
    for people, purpose, day, field in (([], "promotion", TODAY, "people"), ([records.zhang], "raise", TODAY, "purpose"),
                                        ([records.zhang], "promotion", D(2026, 7, 1), "as_of")):
        with pytest.raises(ValidationError) as error, workspace.writing() as s:
            opinions_write.issue_opinions(s, editor, people, purpose, day, tmp_path / "a.docx", bureau=BUREAU, today=TODAY)
        assert error.value.field == field
    assert not (tmp_path / "a.docx").exists()


def test_command_line_dossier_and_opinion_with_homonyms(workspace_dir, workspace, records, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    base = ["--data-dir", str(workspace_dir), "--user", "admin", "--as-of", "2026-06-15"]
    out = tmp_path / "d.docx"
    assert cli_main(["export", "dossier", "--person", "张伟", "--out", str(out), *base]) == 1
    assert "“张伟”有 2 人同名，请写成“姓名@单位”：张伟@办公室、张伟@市图书馆" in capsys.readouterr().err
    assert not out.exists()
    assert cli_main(["export", "dossier", "--person", "张伟@市图书馆", "--out", str(out), *base]) == 0
    assert "张伟（市图书馆·馆员）" in capsys.readouterr().out
    assert cli_main(["export", "dossier", "--person", "张三", "--from", "2026-01-01", "--out", str(out), *base]) == 0
    assert "第一种形态 1 人次" in _text(out)
    reply = tmp_path / "o.docx"
    assert cli_main(["export", "opinion", "--people", "张三、张伟@办公室", "--purpose", "提拔", "--out", str(reply),
                     *base]) == 0
    assert "影响期内：张三" in capsys.readouterr().out
    assert _text(reply).count("党风廉政意见回复") == 2
    assert cli_main(["export", "opinion", "--people", "张三", "--purpose", "表扬", "--out", str(reply), *base]) == 1
    assert "--purpose" in capsys.readouterr().err


def _text(path) -> str:
    doc = Document(str(path))
    return "\n".join(p.text for p in doc.paragraphs)


def _page_breaks(path) -> int:
    from docx.oxml.ns import qn

    body = Document(str(path)).element.body
    return sum(1 for br in body.iter(qn("w:br")) if br.get(qn("w:type")) == "page")
