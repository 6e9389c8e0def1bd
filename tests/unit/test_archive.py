"""归档: a closed year refuses edits from 录入员 in every register (imports too) and takes an
administrator's correction with a reason, audited and listed as a correction; closing and
reopening are audited; a year's archive exports as one folder of the filed files."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app import attachments
from app.auth import actor_of
from app.errors import PermissionDenied, ValidationError
from app.excel.importer import commit_import, plan_import
from app.registers.findings import query as findings_query
from app.registers.findings import types as findings_types
from app.registers.findings import workflow as wf
from app.registers.findings import write as findings_write
from app.registers.inspections import query as inspections_query
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.ledger.query import get_entry
from app.registers.risks.query import get_risk
from app.registers.risks.types import RiskDraft
from app.registers.risks.write import retire_risk, save_risk
from app.registers.talks import write as tk
from app.reports import archive_years as arch
from app.workspace.facade import Workspace
from db.models import AuditEntry, AuditHead, User
from tests.backends import Location, PgServer, opened_copy
from tests.conftest import PASSWORD, TODAY
from tests.unit.report_helpers import World, built_world


@pytest.fixture(scope="module")
def world_dir(template_location: Location, pg_server: PgServer | None,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[Location, World]:
    return built_world(template_location, pg_server, tmp_path_factory.mktemp("archive") / "ws")


@pytest.fixture
def closed(world_dir, pg_server, tmp_path):  # noqa: ANN001, ANN201
    """The world with 2025 closed by the administrator."""
    source, world = world_dir
    with opened_copy(source, tmp_path / "ws", pg_server, as_of=TODAY) as (_where, ws):
        admin = ws.sign_in("admin", PASSWORD)
        with ws.writing() as s:
            arch.close_year(s, admin, 2025, TODAY)
        yield ws, world, admin, _actor(ws, "editor")


def _actor(ws: Workspace, username: str):  # noqa: ANN202
    with ws.reading() as s:
        return actor_of(s.scalars(select(User).where(User.username == username)).one())


def _head(ws: Workspace) -> int:
    with ws.reading() as s:
        return s.get(AuditHead, 1).last_id


def _talk_draft(ws: Workspace, talk_id: int, **changes: object) -> tk.TalkDraft:
    with ws.reading() as s:
        row = tk.get_talk(s, talk_id)
    values = dict(kind=row.kind, talk_date=row.talk_date, content=row.content + "（补充）",
                  talkees=tuple(tk.ParticipantDraft(p.name, p.person_id) for p in row.talkees),
                  talkers=tuple(tk.ParticipantDraft(p.name, p.person_id) for p in row.talkers),
                  id=row.id, version=row.version)
    values.update(changes)
    return tk.TalkDraft(**values)


def _risk_draft(ws: Workspace, assessment_id: int, **changes: object) -> RiskDraft:
    with ws.reading() as s:
        row = get_risk(s, assessment_id)
    values = dict(unit_id=row.unit_id, name=row.name, year=row.year, category=row.category,
                  level=row.level, measures=row.measures, description="补充表现形式", id=row.id,
                  version=row.version, point_version=row.point_version)
    values.update(changes)
    return RiskDraft(**values)


def _finding_draft(ws: Workspace, finding_id: int, **changes: object) -> findings_types.FindingDraft:
    with ws.reading() as s:
        f = findings_query.get_finding(s, finding_id, TODAY)
    values = dict(source=f.source, found_on=f.found_on, unit_id=f.unit_id, description=f.description + "。",
                  deadline=f.deadline, id=f.id, version=f.version)
    values.update(changes)
    return findings_types.FindingDraft(**values)


def _entry_draft(ws: Workspace, entry_id: int, **changes: object) -> ledger_types.LedgerDraft:
    with ws.reading() as s:
        e = get_entry(s, entry_id)
    values = dict(person_id=e.person_id, problem=e.problem + "。", methods=e.methods, decided_on=e.decided_on,
                  id=e.id, version=e.version)
    values.update(changes)
    return ledger_types.LedgerDraft(**values)


def _inspection_draft(ws: Workspace, inspection_id: int, **changes: object) -> inspections_types.InspectionDraft:
    with ws.reading() as s:
        i = inspections_query.get_inspection(s, inspection_id)
    values = dict(inspected_on=i.inspected_on, kind=i.kind, title=i.title + "（修改）", unit_ids=i.unit_ids,
                  id=i.id, version=i.version)
    values.update(changes)
    return inspections_types.InspectionDraft(**values)


def _step(ws: Workspace, finding_id: int, to: str, on: dt.date, **kw: object) -> wf.StatusChange:
    with ws.reading() as s:
        version = findings_query.get_finding(s, finding_id, TODAY).version
    return wf.StatusChange(finding_id, version, to, on, **kw)


def _talk_sheet(path: Path) -> Path:
    book = Workbook()
    book.active.append(["谈话日期", "谈话类型", "谈话人", "被谈话人", "谈话内容"])
    book.active.append(["2025-12-20", "谈心谈话", "纪委书记", "李四", "年终谈心"])
    book.save(path)
    return path


def refused_writes(ws: Workspace, w: World, tmp_path: Path) -> dict[str, object]:
    """Every way a clerk could change the closed year 2025, per register."""
    file = tmp_path / "整改照片.txt"
    file.write_text("照片", "utf-8")
    return {
        "修改 2025 年度风险点": lambda s, a: save_risk(s, a, _risk_draft(ws, w.assessment_a), TODAY),
        "停用 2025 年度风险点": lambda s, a: retire_risk(s, a, w.assessment_a, reason="职能划转"),
        "新增 2025 年度风险点": lambda s, a: save_risk(s, a, RiskDraft(
            unit_id=w.office, name="新风险点", year=2025, category="duty", level=3), TODAY),
        "修改 2025 年的检查": lambda s, a: inspections_write.save_inspection(s, a, _inspection_draft(ws, w.inspection), TODAY),
        "删除 2025 年的检查": lambda s, a: inspections_write.delete_inspection(s, a, w.inspection),
        "修改 2025 年发现的问题": lambda s, a: findings_write.save_finding(s, a, _finding_draft(ws, w.findings["overdue"]), TODAY),
        # found in 2024 (open), closed in 2025 (closed): filed in 2025's ledger
        "修改 2025 年销号的问题": lambda s, a: findings_write.save_finding(s, a, _finding_draft(ws, w.findings["older"]), TODAY),
        "2026 年退回 2025 年销号的问题": lambda s, a: wf.change_status(s, a, _step(
            ws, w.findings["older"], "in_progress", dt.date(2026, 3, 1), reason="回头看发现反弹"), TODAY),
        "补记 2025 年的整改进展": lambda s, a: wf.add_progress(s, a, wf.ProgressNote(
            w.findings["overdue"], dt.date(2025, 12, 1), "补记"), TODAY),
        "给 2025 年销号的问题添加佐证": lambda s, a: attachments.attach(
            s, a, attachments.store_for(ws), "findings", w.findings["older"], file, years=(2025,)),
        "修改 2025 年的谈话": lambda s, a: tk.save_talk(s, a, _talk_draft(ws, w.talk), TODAY),
        "把谈话改到 2025 年": lambda s, a: tk.save_talk(s, a, tk.TalkDraft(
            kind="heart", talk_date=dt.date(2025, 12, 30), talkees=(tk.ParticipantDraft(person_id=w.li),),
            talkers=(tk.ParticipantDraft(name="纪委书记"),), content="谈心"), TODAY),
        "删除 2025 年的谈话": lambda s, a: tk.delete_talk(s, a, w.talk),
        "修改 2025 年的台账条目": lambda s, a: ledger_write.save_entry(s, a, _entry_draft(ws, w.entry), TODAY),
        "删除 2025 年的台账条目": lambda s, a: ledger_write.delete_entry(s, a, w.entry),
        "导入 2025 年的谈话": lambda s, a: commit_import(s, a, plan_import(
            s, a, "talks", _talk_sheet(tmp_path / "谈话.xlsx"), year=None, create_missing=False, today=TODAY)),
    }


def test_a_closed_year_refuses_every_edit_of_a_clerk(closed, tmp_path):
    ws, w, _admin, editor = closed
    before = _head(ws)
    messages = {}
    for what, write in refused_writes(ws, w, tmp_path).items():
        with pytest.raises(PermissionDenied) as refusal, ws.writing() as s:
            write(s, editor)
        messages[what] = refusal.value.message
    assert all("2025 年度已归档" in m for m in messages.values()), messages
    assert _head(ws) == before  # nothing written, not even an audit row


def test_the_open_year_stays_open_for_the_clerk(closed):
    ws, w, _admin, editor = closed
    with ws.writing() as s:  # a 2025 finding still open is rectified in 2026: a 2026 record
        wf.change_status(s, editor, _step(ws, w.findings["overdue"], "rectified", dt.date(2026, 3, 2)), TODAY)
        tk.save_talk(s, editor, tk.TalkDraft(kind="heart", talk_date=dt.date(2026, 3, 3),
                                             talkees=(tk.ParticipantDraft(person_id=w.li),),
                                             talkers=(tk.ParticipantDraft(name="纪委书记"),), content="谈心"), TODAY)
    with ws.reading() as s:
        assert findings_query.get_finding(s, w.findings["overdue"], TODAY).status == "rectified"


def test_an_administrator_corrects_with_a_reason_audited_as_a_correction(closed):
    ws, w, admin, _editor = closed
    with pytest.raises(ValidationError) as missing, ws.writing() as s:
        tk.save_talk(s, admin, _talk_draft(ws, w.talk), TODAY)
    assert missing.value.field == "correction_reason"
    with ws.writing() as s:
        tk.save_talk(s, admin, _talk_draft(ws, w.talk, correction_reason="谈话内容漏记一段"), TODAY)
        save_risk(s, admin, _risk_draft(ws, w.assessment_a, correction_reason="表现形式补充"), TODAY)
        wf.change_status(s, admin, _step(ws, w.findings["older"], "in_progress", dt.date(2026, 3, 1),
                                         reason="回头看发现反弹", correction_reason="销号后回头看发现问题反弹"), TODAY)
    with ws.reading() as s:
        assert "谈话内容漏记一段" not in tk.get_talk(s, w.talk).content  # the reason is not the content
        assert tk.get_talk(s, w.talk).content.endswith("（补充）")
        corrections = arch.list_corrections(s, admin, 2025)
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "correct")).all()
        status = {y.year: y for y in arch.list_archive_years(s, admin, TODAY)}[2025]
        marked = arch.corrected_ids(s, "talks")
    assert [(c.entity, c.reason) for c in corrections] == [
        ("findings", "销号后回头看发现问题反弹"), ("risk_assessments", "表现形式补充"), ("talks", "谈话内容漏记一段")]
    assert all(c.user_name == "admin" and c.year == 2025 for c in corrections)
    assert len(rows) == 3 and all("更正已归档的 2025 年度记录" in r.summary for r in rows)
    assert status.corrections == 3 and status.closed
    assert marked == {str(w.talk)}


def test_closing_and_reopening_a_year(world_dir, pg_server, tmp_path):
    source, _w = world_dir
    with opened_copy(source, tmp_path / "ws", pg_server, as_of=TODAY) as (_where, ws):
        admin, editor = ws.sign_in("admin", PASSWORD), _actor(ws, "editor")
        with pytest.raises(PermissionDenied), ws.writing() as s:
            arch.close_year(s, editor, 2025, TODAY)
        with pytest.raises(ValidationError, match="尚未结束"), ws.writing() as s:
            arch.close_year(s, admin, 2026, TODAY)
        with ws.writing() as s:
            arch.close_year(s, admin, 2025, TODAY)
        with pytest.raises(ValidationError, match="已经归档"), ws.writing() as s:
            arch.close_year(s, admin, 2025, TODAY)
        with pytest.raises(ValidationError, match="原因"), ws.writing() as s:
            arch.reopen_year(s, admin, 2025, "  ")
        with ws.reading() as s:
            years = arch.list_archive_years(s, admin, TODAY)
        assert [y.year for y in years] == [2025, 2024] and years[0].closed and not years[1].closed
        assert dict(years[0].counts)["谈话记录"] == 4 and years[0].risk_drafts == 1
        with ws.writing() as s:
            arch.reopen_year(s, admin, 2025, "发现漏录的谈话，需补录")
        with ws.writing() as s:  # open again: the clerk writes
            tk.save_talk(s, editor, tk.TalkDraft(kind="heart", talk_date=dt.date(2025, 12, 30),
                                                 talkees=(tk.ParticipantDraft(name="补录人员"),),
                                                 talkers=(tk.ParticipantDraft(name="纪委书记"),), content="谈心"), TODAY)
        with ws.reading() as s:
            actions = [(e.action, e.entity_id) for e in s.scalars(
                select(AuditEntry).where(AuditEntry.entity == "year_closures").order_by(AuditEntry.id))]
        assert actions == [("close_year", "2025"), ("reopen_year", "2025")]


def test_the_archive_of_a_year_is_one_folder_of_the_filed_files(closed, tmp_path):
    from docx import Document

    from app.reports.archive_export import export_archive, record_archive_export

    ws, _w, admin, _editor = closed
    out = tmp_path / "归档"
    out.mkdir()
    with ws.reading() as s:  # it only reads: no unit of work holds the write lock for minutes
        result = export_archive(s, admin, 2025, out, bureau="测试局", today=TODAY)
    with ws.writing() as s:
        record_archive_export(s, admin, 2025, result)
    folder = out / "测试局2025年度台账归档"
    assert result.folder == folder and result.closed
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["01 廉政风险点登记表.xlsx", "02 监督检查登记表.xlsx", "03 问题整改台账.xlsx",
                            "04 谈话记录.xlsx", "04 谈话记录表", "05 第一种形态工作台账.xlsx",
                            "05 第一种形态工作台账.docx", "06 婚丧喜庆报备登记表.xlsx", "07 问题线索登记表.xlsx",
                            "08 处分和组织处理情况登记表.xlsx", "09 党风廉政建设责任书签订情况.xlsx",
                            "10 专题研究全面从严治党工作登记表.xlsx", "11 主体责任考核和述职述廉.xlsx",
                            "12 报告报送登记表.xlsx", "13 廉政教育开展情况登记表.xlsx", "14 2025年度工作总结.docx",
                            "归档清单.txt"])
    files = dict(result.files)
    assert files["04 谈话记录.xlsx"] == 4 and files["04 谈话记录表/"] == 4 and files["05 第一种形态工作台账.xlsx"] == 3
    assert len(list((folder / "04 谈话记录表").glob("*.docx"))) == 4
    sheet = load_workbook(folder / "02 监督检查登记表.xlsx").active
    assert "2025年" in str(sheet["A1"].value)
    found = [str(c) for row in load_workbook(folder / "03 问题整改台账.xlsx").active.iter_rows(values_only=True)
             for c in row if c]
    assert "去年发现、今年销号的问题" in found and "今年的问题" not in found  # closing 2025 made it read-only too
    report = Document(str(folder / "14 2025年度工作总结.docx"))
    assert report.paragraphs[0].text == "测试市文化广电和旅游局2025年度全面从严治党和党风廉政建设工作总结"
    listing = (folder / "归档清单.txt").read_text("utf-8")
    assert "已归档（只读）" in listing and "04 谈话记录.xlsx（4 条）" in listing
    from app.audit import ChainHead, verify_chain

    written = listing.split("操作日志校验码：")[1].split("（")[0]
    with ws.reading() as s:  # the chain's head as it stood, recorded as the 校验码: a link of the chain
        assert verify_chain(s, [("归档清单", ChainHead.from_code(written))]).ok
    assert not any(p.name.startswith(".") for p in out.iterdir())  # no half-written folder left
    with pytest.raises(ValidationError, match="已存在"), ws.reading() as s:
        export_archive(s, admin, 2025, out, bureau="测试局", today=TODAY)
    with ws.reading() as s:
        exported = s.scalars(select(AuditEntry.entity).where(AuditEntry.action == "export")).all()
    assert exported == ["year_closures"]  # one row for the whole folder


def test_a_unit_limited_clerks_archive_is_named_and_reported_as_their_unit(closed, tmp_path):
    from dataclasses import replace

    from docx import Document

    from app.reports.archive_export import export_archive

    ws, w, admin, _editor = closed
    museum_clerk = replace(admin, unit_ids=frozenset({w.museum, w.desk}))
    with ws.reading() as s:
        result = export_archive(s, museum_clerk, 2025, tmp_path, bureau="测试局", today=TODAY)
    assert result.folder.name == "测试局市博物馆2025年度台账归档"  # not the whole bureau's
    report = Document(str(result.folder / "14 2025年度工作总结.docx"))
    assert report.paragraphs[0].text.startswith("市博物馆2025年度")
    assert (result.folder / "归档清单.txt").read_text("utf-8").startswith("测试局市博物馆2025年度台账归档")
