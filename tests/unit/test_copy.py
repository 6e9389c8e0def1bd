"""`copy --from SRC --to DST`: a workspace moved between SQLite and PostgreSQL and back keeps
every register identical (the Excel exports opened back and compared cell by cell, every table
dumped), its attachments, users (who sign in with the same passwords) and its audit chain
(ids and hashes; one row added per copy); a non-empty target is refused and left untouched.

The SQLite → SQLite tests run everywhere; the PostgreSQL ones when a server is given.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from app import attachments, audit, drafts
from app.auth import Role
from app.cli.main import main as cli_main
from app.errors import WorkspaceError
from app.excel.registry import REGISTERS
from app.excel.writer import export_register
from app.registers.assessments import write as assessments_write
from app.registers.assessments.rules import DEFAULT_ITEMS
from app.registers.assessments.types import (
    AssessmentDraft,
    ItemDraft,
    LeaderReportDraft,
)
from app.registers.ceremonies import types as ceremonies_types
from app.registers.ceremonies import write as ceremonies_write
from app.registers.clues import write as clues_write
from app.registers.clues.types import ClueDraft
from app.registers.duty_reports import write as reports_write
from app.registers.duty_reports.types import DutyReportDraft
from app.registers.education import write as education_write
from app.registers.education.types import EducationDraft
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.pledges import write as pledges_write
from app.registers.pledges.types import PledgeDraft
from app.registers.risks import types as risks_types
from app.registers.risks import write as risks_write
from app.registers.sanctions import write as sanctions_write
from app.registers.sanctions.types import SanctionDraft
from app.registers.studies import write as studies_write
from app.registers.studies.types import StudyDraft
from app.registers.talks import write as talks
from app.registers.units import query as units_query
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.users import write as users
from app.workspace.checks import check_workspace
from app.workspace.copying import copy_workspace
from app.workspace.facade import Workspace
from db.models import AuditEntry
from tests.backends import Location
from tests.conftest import PASSWORD, TODAY
from tests.helpers import dump_tables, execute_sql, query_sql
from tests.unit.finding_helpers import sample_ledger

D = dt.date


def build_bureau(ws: Workspace, tmp_path: Path) -> dict[str, int]:
    """A little of every register: units (a sub-unit whose parent came later), people with a
    position change, risk points with measures, inspections and findings in several states,
    talks, ledger entries, 婚丧喜庆报备 (one late), a sanction, a clue naming two people, an
    attachment, a unit-limited user and an unsaved form."""
    admin = ws.sign_in("admin", PASSWORD)
    made = sample_ledger(ws, admin)
    with ws.writing() as s:
        desk = units_write.save_unit(s, admin, units_types.UnitDraft(name="美术馆保卫部", kind="affiliate"))
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市美术馆", kind="affiliate"))
        desk_row = next(u for u in units_query.list_units(s) if u.id == desk)
        units_write.save_unit(s, admin, units_types.UnitDraft(name="美术馆保卫部", kind="affiliate", parent_id=museum,
                                                    id=desk, version=desk_row.version))
        zhang = people_write.save_person(s, admin, people_types.PersonDraft(
            name="张伟", unit_id=museum, position="馆长", is_leader=True, political_status="cpc"))
        wang = people_write.save_person(s, admin, people_types.PersonDraft(name="王五", unit_id=desk, position="保卫干事",
                                                                notes="多行\n备注 100% a_b"))
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            person_id=wang, changed_on=D(2026, 3, 1), to_unit_id=museum, to_position="副馆长",
            is_promotion=True, person_version=None), TODAY)
        for n, level in enumerate((1, 2, 3)):
            risks_write.save_risk(s, admin, risks_types.RiskDraft(
                unit_id=museum, name=f"风险点{n}", year=2026, category="duty", level=level,
                post="馆长", duty_item="藏品管理", measures=("建立台账", "定期盘点"), status="confirmed"), TODAY)
        talks.save_talk(s, admin, talks.TalkDraft(
            kind="heart", talk_date=D(2026, 5, 20), start_time=dt.time(14, 30), place="会议室",
            content="谈心谈话内容", response="坚决改正", talkers=(talks.ParticipantDraft(name="书记甲"),),
            talkees=(talks.ParticipantDraft(person_id=zhang), talks.ParticipantDraft(person_id=wang)),
            signed=True), TODAY)
        ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=zhang, problem="工作日午间饮酒", methods=("talk_remind",), decided_on=D(2026, 3, 2)), TODAY)
        ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=wang, problem="违规使用公车", methods=("criticism", "order_check"), decided_on=D(2025, 11, 5),
            wordings=("批评教育", "责令作出书面检查")), TODAY)
        for person, kind, day, late in ((zhang, "wedding", D(2026, 5, 1), False), (wang, "funeral", D(2026, 4, 2), True)):
            ceremonies_write.save_report(s, admin, ceremonies_types.CeremonyDraft(
                person_id=person, kind=kind, event_date=day, reported_on=day + dt.timedelta(days=9 if late else -20),
                place="市区某酒店", tables=8, guests=80), TODAY)
        sanctions_write.save_sanction(s, admin, SanctionDraft(
            person_id=zhang, kind="party_warning", decided_on=D(2026, 2, 3), decision_organ="局党组",
            facts="违规发放津贴补贴"), TODAY)
        clues_write.save_clue(s, admin, ClueDraft(
            received_on=D(2026, 4, 1), problem="反映其公车私用", person_ids=(wang, zhang), source="petition",
            reporter="举报人某", way="inquiry", letter_sent_on=D(2026, 4, 3)), TODAY)
        pledges_write.save_pledge(s, admin, PledgeDraft(2026, "party_unit", museum, signer_name="张伟",
                                                        leader_name="局长甲", signed_on=D(2026, 3, 2)), TODAY)
        studies_write.save_study(s, admin, StudyDraft(D(2026, 3, 8), "party_group", "研究部署党风廉政建设",
                                                      presided="局长甲"), TODAY)
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, museum, tuple(
            ItemDraft(i.name, i.source, i.weight, 91.5) for i in DEFAULT_ITEMS), "good"), TODAY)
        assessments_write.save_report(s, admin, LeaderReportDraft(2025, zhang, D(2026, 1, 10), "履职", 95.5,
                                                                  "excellent"), TODAY)
        reports_write.save_duty_report(s, admin, DutyReportDraft(museum, "half_year", 2026, 1, D(2026, 6, 10),
                                                                 "上半年报告"), TODAY)
        education_write.save_session(s, admin, EducationDraft(
            D(2026, 3, 12), "warning_meeting", "警示教育大会", (talks.ParticipantDraft(person_id=zhang),
                                                             talks.ParticipantDraft(name="外聘律师某")),
            case_text="某案"), TODAY)
        file = tmp_path / "情况说明.txt"
        file.write_text("附件内容：情况说明", "utf-8")
        attachments.attach(s, admin, attachments.store_for(ws), "people", zhang, file, unit_id=museum)
        users.create_user(s, admin, "bowuguan", PASSWORD, Role.EDITOR, "博物馆纪检委员", [museum])
        drafts.save_draft(s, admin, "talks:new", {"content": "未保存的谈话"})
    made.update(museum=museum, desk=desk, zhang=zhang, wang=wang)
    return made


def exports(ws: Workspace, folder: Path, password: str = PASSWORD) -> dict[str, list[list[object]]]:
    """Every register exported to Excel, read back: {register: rows of cell values}."""
    admin = ws.sign_in("admin", password)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for key in REGISTERS:
        path = folder / f"{key}.xlsx"
        with ws.writing() as s:
            export_register(s, admin, key, path, bureau="测试市文化广电和旅游局", today=TODAY)
        book = openpyxl.load_workbook(path)
        out[key] = [[sheet.title] + [cell.value for cell in row]
                    for sheet in book.worksheets for row in sheet.iter_rows()]
    return out


def chain(where) -> list[tuple]:  # noqa: ANN001
    """The audit rows as stored (ids, hashes and all)."""
    return dump_tables(where, ["audit_log"], skip=())["audit_log"]


def _copy(source: str, target: str, password: str = PASSWORD) -> None:
    copy_workspace(source, target, "admin", password)


@pytest.fixture
def office(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Location, dict[str, int]]:
    """The office's SQLite workspace, filled, closed (whichever backend the test runs on)."""
    folder = tmp_path / "office"
    shutil.copytree(request.getfixturevalue("template_dir"), folder)
    ws = Workspace.open(folder, as_of=TODAY)
    try:
        made = build_bureau(ws, tmp_path)
    finally:
        ws.close()
    return Location(folder=folder), made


def test_sqlite_to_postgresql_and_back_keeps_every_register_identical(office, empty_pg_url, tmp_path):
    source, made = office
    round_trip(source, empty_pg_url, tmp_path)
    assert query_sql(empty_pg_url, "SELECT count(*) FROM attachment_blobs") == [(1,)]
    assert query_sql(empty_pg_url, "SELECT count(*) FROM user_units") == [(1,)]
    for loc in (source, Location(url=empty_pg_url), Location(folder=tmp_path / "back")):
        ws = loc.open(as_of=TODAY)
        try:
            with ws.reading() as s:
                name, content = attachments.read_attachment(s, attachments.store_for(ws), 1)
            assert (name, content.decode("utf-8")) == ("情况说明.txt", "附件内容：情况说明")
            assert ws.sign_in("bowuguan", PASSWORD).unit_ids == frozenset({made["museum"]})
        finally:
            ws.close()


@pytest.mark.slow
def test_the_demo_bureau_to_postgresql_and_back_keeps_every_register_identical(empty_pg_url, tmp_path):
    """The same round trip with the demo's three years of a whole bureau."""
    from app.demo.build import DEMO_PASSWORD, build_demo

    build_demo(tmp_path / "demo", dt.date(2026, 11, 28))
    round_trip(Location(folder=tmp_path / "demo"), empty_pg_url, tmp_path, DEMO_PASSWORD)


def round_trip(source: Location, empty_pg_url: str, tmp_path: Path, password: str = PASSWORD) -> None:
    """SQLite → PostgreSQL → SQLite: every table, the chain and every register's export agree."""
    _copy(source.spec, empty_pg_url, password)
    back = tmp_path / "back"
    _copy(empty_pg_url, str(back), password)

    server, returned = Location(url=empty_pg_url), Location(folder=back)
    tables = {loc: dump_tables(loc.folder / "qingfeng.sqlite3" if loc.folder else loc.url)
              for loc in (source, server, returned)}
    # Every table row for row, values compared as the models read them (dates, booleans…);
    # attachment contents live in files on SQLite and in a table on the server.
    blobs = tables[server].pop("attachment_blobs")
    assert [(len(blobs),)] == query_sql(empty_pg_url, "SELECT count(DISTINCT sha256) FROM attachments")
    assert tables[returned].pop("attachment_blobs") == [] == tables[source].pop("attachment_blobs")
    assert tables[source] == tables[server] == tables[returned]
    assert all(tables[source][t] for t in ("units", "people", "risk_points", "findings", "talks",
                                            "ledger_entries", "ceremony_reports"))
    # The chain: the source's rows verbatim, then one row per copy.
    original = chain(source.folder / "qingfeng.sqlite3")
    on_server, returned_chain = chain(empty_pg_url), chain(back / "qingfeng.sqlite3")
    # Each side's last row is its own: the source's says where the copy went, the copy's where
    # it came from; the rows before are the same rows (ids, times, hashes).
    assert on_server[:len(original) - 1] == original[:-1] and len(on_server) == len(original) + 2
    assert returned_chain[:-1] == on_server[:-1]
    assert [r[3] for r in returned_chain[-4:]] == ["login", "copy", "login", "copy"]

    # The registers as a clerk exports them, opened back and compared cell by cell.
    books = {}
    for n, loc in enumerate((source, server, returned)):
        ws = loc.open(as_of=TODAY)
        try:
            books[loc] = exports(ws, tmp_path / "exports" / str(n), password)
            report = check_workspace(ws)  # the chain, every record's seal, every attachment
            assert report.ok, report.lines
        finally:
            ws.close()
    assert books[source] == books[server] == books[returned]
    assert all(len(rows) > 2 for rows in books[source].values())


def test_a_folder_copy_is_verified_and_signs_in_with_the_same_passwords(office, tmp_path, capsys, monkeypatch):
    source, _ = office
    target = tmp_path / "新电脑"
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    assert cli_main(["copy", "--from", source.spec, "--to", str(target), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "校验通过" in out and "附件 1 个" in out and "操作日志链完整" in out
    expected = dump_tables(source.folder / "qingfeng.sqlite3")
    assert dump_tables(target / "qingfeng.sqlite3", skip=("audit_log", "audit_head")) == expected
    assert len(list((target / "attachments").rglob("*.*"))) == 0  # named by hash, no suffix
    assert sum(1 for p in (target / "attachments").rglob("*") if p.is_file()) == 1
    ws = Workspace.open(target, as_of=TODAY)
    try:
        assert ws.sign_in("editor", PASSWORD).username == "editor"
        with ws.reading() as s:
            last = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
            assert last.action in ("login", "copy")
            assert audit.verify_chain(s).ok
    finally:
        ws.close()
    ws = Workspace.open(source.folder)
    try:  # the source says where the copy went
        with ws.reading() as s:
            assert s.query(AuditEntry).order_by(AuditEntry.id.desc()).first().action == "copy"
    finally:
        ws.close()


def test_a_non_empty_target_is_refused_and_left_untouched(office, workspace_location):
    source, _ = office
    target = workspace_location  # a workspace already in use, a folder or a server database
    before = dump_tables(target.folder / "qingfeng.sqlite3" if target.folder else target.url, skip=())
    with pytest.raises(WorkspaceError, match="不是空的|已经有工作区"):
        _copy(source.spec, target.spec)
    after = dump_tables(target.folder / "qingfeng.sqlite3" if target.folder else target.url, skip=())
    assert after == before


def test_a_workspace_open_in_a_window_is_not_copied(office, tmp_path):
    from app.errors import WorkspaceLocked

    source, _ = office
    window = Workspace.open(source.folder)  # someone is still working in it
    try:
        with pytest.raises(WorkspaceLocked):
            _copy(source.spec, str(tmp_path / "新文件夹"))
    finally:
        window.close()
    assert not (tmp_path / "新文件夹" / "qingfeng.sqlite3").exists()


def test_a_copy_stopped_after_its_attachments_leaves_the_target_folder_as_it_was(office, tmp_path):
    from app.progress import Cancelled, Progress

    def stop_after_the_attachments(_done: int, _total: int, text: str) -> None:
        if text == "正在复制附件":  # the attachment files are written by now
            raise Cancelled()

    source, _ = office
    target = tmp_path / "新电脑"
    target.mkdir()
    with pytest.raises(Cancelled):
        copy_workspace(source.spec, str(target), "admin", PASSWORD, Progress(stop_after_the_attachments))
    assert sorted(p.name for p in target.iterdir()) == []  # not even the lock file


def test_only_an_administrator_copies_and_a_wrong_password_copies_nothing(office, tmp_path):
    from app.auth import SignInRefused
    from app.errors import PermissionDenied

    source, _ = office
    with pytest.raises(PermissionDenied):
        copy_workspace(source.spec, str(tmp_path / "a"), "editor", PASSWORD)
    with pytest.raises(SignInRefused):
        copy_workspace(source.spec, str(tmp_path / "b"), "admin", "wrong-password")
    assert not (tmp_path / "a" / "qingfeng.sqlite3").exists() and not (tmp_path / "b" / "qingfeng.sqlite3").exists()


def test_text_too_long_for_the_server_is_named_and_nothing_is_written(office, empty_pg_url):
    source, made = office
    # SQLite does not enforce VARCHAR lengths; someone's tool wrote a 60-character name.
    execute_sql(source.folder / "qingfeng.sqlite3",
                f"UPDATE people SET name = '{'长' * 60}' WHERE id = {made['zhang']}")
    with pytest.raises(WorkspaceError) as refused:
        _copy(source.spec, empty_pg_url)
    assert f"people.name（记录 {made['zhang']}）60 字，上限 50" in refused.value.message
    assert dump_tables(empty_pg_url) == {}  # not even the schema was left behind
