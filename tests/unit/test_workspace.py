"""The workspace: reopen keeps rows, one writer, no stale lock after a kill, damaged files,
schema versions."""
from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3

import pytest

from app.cli.main import main as cli_main
from app.errors import ReadOnlyWorkspace, SchemaTooNew, WorkspaceLocked
from app.workspace.facade import DB_FILENAME, Workspace
from db import migrate
from db.models import (
    AssessmentItem,
    CeremonyReport,
    Clue,
    ClueSubject,
    DutyReport,
    EducationParticipant,
    EducationSession,
    Finding,
    FindingExtension,
    FindingProgress,
    FindingStatusChange,
    HolidayArrangement,
    HolidayWorkday,
    Inspection,
    LeaderReport,
    LedgerEntry,
    LedgerMethod,
    NumberSeries,
    Person,
    Pledge,
    PositionChange,
    ReminderState,
    ReportText,
    RiskAssessment,
    RiskLevelChange,
    RiskMeasure,
    RiskPoint,
    Sanction,
    Study,
    Talk,
    TalkParticipant,
    Unit,
    UnitAssessment,
)
from db.session import make_engine, sqlite_url
from tests.conftest import PASSWORD, TODAY
from tests.helpers import dump_tables

pytestmark = pytest.mark.sqlite_only("the SQLite file: its OS lock, damage, schema upgrade on open")


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_row_in_every_register(ws: Workspace) -> None:
    day = dt.date(2026, 3, 15)
    with ws.writing() as s:
        unit = Unit(name="办公室", kind="office")
        s.add(unit)
        s.flush()
        person = Person(name="张三", unit_id=unit.id, position="科长")
        s.add(person)
        s.flush()
        s.add(PositionChange(person_id=person.id, changed_on=day, to_unit_id=unit.id, to_position="科长"))
        point = RiskPoint(code="R-001", unit_id=unit.id, name="公车管理")
        s.add(point)
        s.flush()
        assessment = RiskAssessment(risk_point_id=point.id, year=2026, category="duty", level=2,
                                    status="confirmed")
        assessment.measures = [RiskMeasure(seq=0, text="建立台账")]
        s.add(assessment)
        s.add(RiskLevelChange(risk_point_id=point.id, year=2026, from_level=3, to_level=2,
                              changed_on=day, reason="职权调整", user_name="admin"))
        inspection = Inspection(inspected_on=day, kind="style", title="三月作风纪律检查")
        inspection.units = [unit]
        s.add(inspection)
        s.flush()
        finding = Finding(source="inspection", inspection_id=inspection.id, found_on=day,
                          unit_id=unit.id, description="签到不规范", deadline=day)
        s.add(finding)
        s.flush()
        s.add_all([
            FindingProgress(finding_id=finding.id, noted_on=day, text="已整改", user_name="admin"),
            FindingExtension(finding_id=finding.id, old_deadline=day, new_deadline=day,
                             reason="客观原因", extended_on=day, user_name="admin"),
            FindingStatusChange(finding_id=finding.id, from_status="pending",
                                to_status="in_progress", changed_on=day, user_name="admin"),
        ])
        talk = Talk(kind="heart", talk_date=day, content="谈心")
        talk.participants = [TalkParticipant(role="talkee", person_id=person.id, name="张三")]
        s.add(talk)
        entry = LedgerEntry(person_id=person.id, person_name="张三", problem="迟到", decided_on=day)
        entry.methods = [LedgerMethod(seq=0, method="criticism")]
        entry.talks = [talk]
        entry.findings = [finding]
        s.add(entry)
        s.add(CeremonyReport(person_id=person.id, person_name="张三", kind="wedding",
                             event_date=day, reported_on=day))
        s.add(HolidayArrangement(year=2099, festival="spring", first_day=dt.date(2099, 1, 21),
                                 last_day=dt.date(2099, 1, 27)))
        s.add(HolidayWorkday(day=dt.date(2099, 1, 18), festival="spring"))
        s.add(ReminderState(key="x", state="done"))
        s.add(NumberSeries(series="talks", year=2026, last=1))
        s.add(ReportText(period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30), scope=0,
                         sections='[{"key": "opening", "title": "", "text": "导语"}]', saved_by="admin"))
        s.add(Sanction(person_id=person.id, person_name="张三", kind="reassign", decided_on=day,
                       impact_months=12, impact_end=dt.date(2027, 3, 15)))
        clue = Clue(received_on=day, problem="反映其迟到", source="petition", reporter="某某", status="received")
        clue.people = [ClueSubject(person_id=person.id, person_name="张三", unit_id=unit.id, unit_name="办公室")]
        s.add(clue)
        s.add(Pledge(year=2026, level="party_unit", unit_id=unit.id, signed_on=day))
        s.add(Study(held_on=day, meeting="party_group", topics="研究部署党风廉政建设"))
        s.add(UnitAssessment(year=2025, unit_id=unit.id, items=[AssessmentItem(seq=0, name="日常抽查",
                                                                              source="daily", weight=100, score=92.5)]))
        s.add(LeaderReport(year=2025, person_id=person.id, person_name="张三", satisfaction=95.5))
        s.add(DutyReport(unit_id=unit.id, kind="half_year", year=2026, period=1, received_on=day))
        session_ = EducationSession(held_on=day, form="warning_meeting", theme="警示教育大会")
        session_.participants = [EducationParticipant(person_id=person.id, name="张三", unit_id=unit.id)]
        s.add(session_)


def test_close_and_reopen_keeps_every_register(workspace, workspace_dir):
    _one_row_in_every_register(workspace)
    before = dump_tables(workspace_dir / DB_FILENAME)
    workspace.close()
    reopened = Workspace.open(workspace_dir)
    reopened.close()
    after = dump_tables(workspace_dir / DB_FILENAME)
    assert after == before
    empty = [t for t, rows in after.items() if not rows and t not in
             {"alembic_version", "attachments", "attachment_blobs", "drafts", "opinion_replies",
              "year_closures", "user_units", "settings", "sign_in_failures"}]
    assert empty == []  # every register really held a row


def test_second_writer_is_refused_or_read_only(workspace, workspace_dir):
    with pytest.raises(WorkspaceLocked) as err:
        Workspace.open(workspace_dir)
    assert "使用" in err.value.message
    second = Workspace.open(workspace_dir, read_only_if_locked=True)
    try:
        assert second.read_only
        with pytest.raises(ReadOnlyWorkspace), second.writing():
            pass
        with second.reading() as s:
            assert s.query(Unit).count() == 0
    finally:
        second.close()


def _damage(path, offset_pages=(2, 3, 4), page_size=4096) -> None:
    data = bytearray(path.read_bytes())
    for page in offset_pages:
        start = (page - 1) * page_size
        data[start:start + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))


def test_damaged_file_is_reported_by_check_and_never_written(workspace_dir, capsys):
    db = workspace_dir / DB_FILENAME
    _damage(db)
    fingerprint = _sha(db)
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 1
    assert "损坏" in capsys.readouterr().out
    ws = Workspace.open(workspace_dir)
    try:
        assert ws.read_only and ws.damaged
        with pytest.raises(ReadOnlyWorkspace), ws.writing():
            pass
    finally:
        ws.close()
    assert _sha(db) == fingerprint


def test_a_check_left_for_later_runs_before_anything_is_written(workspace_dir):
    """The window's open (check_later): the file is not checked on the way to the first paint,
    but every write — a sign-in's too — runs the check first, and a damaged file is then
    reopened read-only as a checked open would have: nothing is written to it."""
    db = workspace_dir / DB_FILENAME
    sound = Workspace.open(workspace_dir, as_of=TODAY, check_later=True)
    try:
        assert sound.known_actor("admin") is not None and sound.settings.bureau_name
        with sound.writing():
            pass
        assert sound.check_file() == "" and not sound.read_only
    finally:
        sound.close()
    _damage(db)
    fingerprint = _sha(db)
    ws = Workspace.open(workspace_dir, as_of=TODAY, check_later=True)
    try:
        assert ws.holds_lock
        with pytest.raises(ReadOnlyWorkspace), ws.writing():
            pass
        assert ws.read_only and ws.damaged and ws.check_file() == ws.damaged
    finally:
        ws.close()
    again = Workspace.open(workspace_dir, as_of=TODAY, check_later=True)
    try:
        again.start_check()
        again.sign_in("admin", PASSWORD)  # waits for the check: a damaged file records nothing
        assert again.damaged and again.read_only
    finally:
        again.close()
    assert _sha(db) == fingerprint


def test_an_upgrade_is_never_run_on_a_file_left_unchecked(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    engine = make_engine(sqlite_url(folder / DB_FILENAME))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    _damage(folder / DB_FILENAME, offset_pages=(6, 7))
    fingerprint = _sha(folder / DB_FILENAME)
    ws = Workspace.open(folder, as_of=TODAY, check_later=True)
    try:
        assert ws.damaged and ws.read_only
    finally:
        ws.close()
    assert _sha(folder / DB_FILENAME) == fingerprint and not (folder / "backups").exists()


def test_truncated_file_is_reported(workspace_dir, capsys):
    db = workspace_dir / DB_FILENAME
    db.write_bytes(db.read_bytes()[: 4096 * 3])
    fingerprint = _sha(db)
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 1
    assert _sha(db) == fingerprint


def test_newer_schema_is_refused_untouched(workspace_dir):
    db = workspace_dir / DB_FILENAME
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    fingerprint = _sha(db)
    with pytest.raises(SchemaTooNew) as err:
        Workspace.open(workspace_dir)
    assert "较新版本" in err.value.message
    assert _sha(db) == fingerprint
    # the refused open released its lock
    with pytest.raises(SchemaTooNew):
        Workspace.open(workspace_dir)


def test_older_schema_is_backed_up_then_upgraded(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    engine = make_engine(sqlite_url(folder / DB_FILENAME))
    migrate.upgrade(engine, "0001")
    engine.dispose()
    ws = Workspace.open(folder, as_of=TODAY)
    with ws.sessions.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
    ws.close()
    backups = list((folder / "backups").glob("升级前-0001-*.sqlite3"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()
