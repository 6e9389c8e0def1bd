"""主体责任 and 廉政教育: 责任书, 专题研究, 考核 (with its scoring items), 述职述廉, reports up the
line, education sessions with their participants; the dictionaries they use

The seed's 二(一), 四(三) and 五 had no place in the workspace. Seeded inline: 责任书 levels (the
层层签订 of the plan), the meetings that study 全面从严治党, the forms of 廉政教育 (with what offices
also write), so that this migration means the same thing forever. The seeded items are sealed (a `reseal`
row each, as 0014 seals every record), so `check` vouches for them; the new tables start empty
and their records are sealed as the services write them (db/seals.py).

Revision ID: 0015
Revises: 0014
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from db import seals

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# domain -> [(code, label, aliases)]
SEED: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "pledge_level": [
        ("party_member", "党组—班子成员", ("党组书记—班子成员", "党组与班子成员", "党组—领导班子成员", "一岗双责")),
        ("party_unit", "党组—单位（科室）", ("党组—单位", "党组—科室", "党组与单位", "党组与科室",
                                          "局党组—单位", "局党组—科室", "党组—直属单位")),
        ("unit_post", "单位（科室）—岗位", ("单位—岗位", "科室—岗位", "单位—个人", "科室—个人", "单位—职工",
                                        "单位与岗位", "岗位")),
    ],
    "study_meeting": [
        ("party_group", "党组会议", ("党组会", "局党组会议", "党组（扩大）会议", "党组扩大会议")),
        ("center_group", "党组理论学习中心组学习", ("理论中心组学习", "中心组学习", "理论学习中心组学习",
                                                  "中心组")),
        ("leadership", "班子会议", ("班子会", "支部委员会", "支委会", "党总支委员会", "馆务会", "办公会")),
        ("life_meeting", "民主生活会", ("专题民主生活会", "组织生活会")),
        ("other", "其他", ()),
    ],
    "education_form": [
        ("party_lecture", "廉政党课", ("党课", "专题党课", "廉洁党课", "讲廉政党课")),
        ("warning_meeting", "警示教育大会", ("警示教育会", "警示教育", "警示教育片", "观看警示教育片")),
        ("case_law", "以案释法/以案促改", ("以案释法", "以案促改", "以案说法", "典型案例剖析", "案例剖析")),
        ("base_visit", "参观廉政教育基地", ("廉政教育基地", "参观警示教育基地", "警示教育基地", "参观教育基地")),
        ("center_group", "中心组学习", ("理论中心组学习", "党组理论学习中心组学习", "中心组")),
        ("three_one", "三会一课", ("“三会一课”", "支部学习", "主题党日")),
        ("culture", "廉洁文化活动", ("廉洁文化", "廉政文化活动", "廉洁文化展览")),
        ("family", "家风教育", ("廉洁家风", "家风家教", "家庭助廉")),
        ("training", "廉政培训", ("廉政教育培训", "培训")),
        ("other", "其他", ()),
    ],
}


UPGRADER = "（升级程序）"  # as 0014 names the program's own rows


def _seeded_items(conn: sa.Connection) -> list[int]:
    items = sa.table("dict_items", sa.column("id", sa.Integer), sa.column("domain", sa.String))
    return list(conn.scalars(sa.select(items.c.id).where(items.c.domain.in_(list(SEED)))))


def _reseal(conn: sa.Connection, ids: list[int], why: str) -> None:
    """The seeded dictionary items sealed as 0014 seals every record (check vouches for them)."""
    inspector = sa.inspect(conn)
    have = {c["name"] for c in inspector.get_columns("dict_items")}
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    seals.reseal_records(conn, "dict_items", ids, user=UPGRADER, summary=why, at=at, present=lambda _t: have)


def _seed() -> None:
    items = sa.table(
        "dict_items",
        sa.column("domain", sa.String), sa.column("code", sa.String),
        sa.column("label", sa.String), sa.column("aliases", sa.Text),
        sa.column("form", sa.Integer), sa.column("sort_order", sa.Integer),
        sa.column("active", sa.Boolean), sa.column("builtin", sa.Boolean),
        sa.column("version", sa.Integer), sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    now = dt.datetime(2026, 12, 1)
    op.bulk_insert(items, [
        {"domain": domain, "code": code, "label": label, "aliases": "\n".join(aliases),
         "form": None, "sort_order": order, "active": True, "builtin": True, "version": 1,
         "created_at": now, "updated_at": now}
        for domain, rows in SEED.items()
        for order, (code, label, aliases) in enumerate(rows)
    ])


def upgrade() -> None:
    op.create_table('duty_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_duty_reports_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_reports'))
    )
    with op.batch_alter_table('duty_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_reports_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_reports_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_reports_year'), ['year'], unique=False)

    op.create_table('education_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('form', sa.String(length=40), nullable=False),
    sa.Column('theme', sa.String(length=200), nullable=False),
    sa.Column('case_text', sa.Text(), nullable=False),
    sa.Column('case_sanction_id', sa.Integer(), nullable=True),
    sa.Column('case_clue_id', sa.Integer(), nullable=True),
    sa.Column('organiser_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('speaker', sa.String(length=100), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_clue_id'], ['clues.id'], name=op.f('fk_education_sessions_case_clue_id_clues')),
    sa.ForeignKeyConstraint(['case_sanction_id'], ['sanctions.id'], name=op.f('fk_education_sessions_case_sanction_id_sanctions')),
    sa.ForeignKeyConstraint(['organiser_id'], ['units.id'], name=op.f('fk_education_sessions_organiser_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_education_sessions'))
    )
    with op.batch_alter_table('education_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_education_sessions_form'), ['form'], unique=False)
        batch_op.create_index(batch_op.f('ix_education_sessions_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_education_sessions_organiser_id'), ['organiser_id'], unique=False)

    op.create_table('studies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('meeting', sa.String(length=40), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('topics', sa.Text(), nullable=False),
    sa.Column('presided', sa.String(length=50), nullable=False),
    sa.Column('reporter', sa.String(length=100), nullable=False),
    sa.Column('attendees', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_studies_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_studies'))
    )
    with op.batch_alter_table('studies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_studies_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_studies_unit_id'), ['unit_id'], unique=False)

    op.create_table('education_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('unit_name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_education_participants_person_id_people')),
    sa.ForeignKeyConstraint(['session_id'], ['education_sessions.id'], name=op.f('fk_education_participants_session_id_education_sessions')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_education_participants_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_education_participants'))
    )
    with op.batch_alter_table('education_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_education_participants_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_education_participants_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_education_participants_unit_id'), ['unit_id'], unique=False)

    op.create_table('leader_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('person_name', sa.String(length=50), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('unit_name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('satisfaction', sa.Float(), nullable=True),
    sa.Column('rating', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_leader_reports_person_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_leader_reports_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leader_reports')),
    sa.UniqueConstraint('year', 'person_id', name=op.f('uq_leader_reports_year_person_id'))
    )
    with op.batch_alter_table('leader_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leader_reports_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_leader_reports_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_leader_reports_year'), ['year'], unique=False)

    op.create_table('pledges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=40), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('signer_name', sa.String(length=50), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.Column('leader_name', sa.String(length=50), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['leader_id'], ['people.id'], name=op.f('fk_pledges_leader_id_people')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_pledges_person_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_pledges_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledges'))
    )
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledges_leader_id'), ['leader_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledges_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledges_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledges_year'), ['year'], unique=False)

    op.create_table('unit_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('head_id', sa.Integer(), nullable=True),
    sa.Column('head_name', sa.String(length=50), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=True),
    sa.Column('total', sa.Float(), nullable=True),
    sa.Column('grade', sa.String(length=20), nullable=False),
    sa.Column('veto', sa.Boolean(), nullable=False),
    sa.Column('veto_reason', sa.Text(), nullable=False),
    sa.Column('veto_sanction_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['head_id'], ['people.id'], name=op.f('fk_unit_assessments_head_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_assessments_unit_id_units')),
    sa.ForeignKeyConstraint(['veto_sanction_id'], ['sanctions.id'], name=op.f('fk_unit_assessments_veto_sanction_id_sanctions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_assessments')),
    sa.UniqueConstraint('year', 'unit_id', name=op.f('uq_unit_assessments_year_unit_id'))
    )
    with op.batch_alter_table('unit_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_assessments_head_id'), ['head_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_assessments_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_assessments_year'), ['year'], unique=False)

    op.create_table('assessment_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['unit_assessments.id'], name=op.f('fk_assessment_items_assessment_id_unit_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_items'))
    )
    with op.batch_alter_table('assessment_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_items_assessment_id'), ['assessment_id'], unique=False)

    _seed()
    conn = op.get_bind()
    _reseal(conn, _seeded_items(conn), "升级：封存新增的主体责任和廉政教育字典项")


def downgrade() -> None:
    conn = op.get_bind()
    removed = _seeded_items(conn)
    domains = ", ".join(f"'{d}'" for d in SEED)
    op.execute(f"DELETE FROM dict_items WHERE domain IN ({domains})")
    _reseal(conn, removed, "降级：移除主体责任和廉政教育字典项")
    with op.batch_alter_table('assessment_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_items_assessment_id'))

    op.drop_table('assessment_items')
    with op.batch_alter_table('unit_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_assessments_year'))
        batch_op.drop_index(batch_op.f('ix_unit_assessments_unit_id'))
        batch_op.drop_index(batch_op.f('ix_unit_assessments_head_id'))

    op.drop_table('unit_assessments')
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledges_year'))
        batch_op.drop_index(batch_op.f('ix_pledges_unit_id'))
        batch_op.drop_index(batch_op.f('ix_pledges_person_id'))
        batch_op.drop_index(batch_op.f('ix_pledges_leader_id'))

    op.drop_table('pledges')
    with op.batch_alter_table('leader_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leader_reports_year'))
        batch_op.drop_index(batch_op.f('ix_leader_reports_unit_id'))
        batch_op.drop_index(batch_op.f('ix_leader_reports_person_id'))

    op.drop_table('leader_reports')
    with op.batch_alter_table('education_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_education_participants_unit_id'))
        batch_op.drop_index(batch_op.f('ix_education_participants_session_id'))
        batch_op.drop_index(batch_op.f('ix_education_participants_person_id'))

    op.drop_table('education_participants')
    with op.batch_alter_table('studies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_studies_unit_id'))
        batch_op.drop_index(batch_op.f('ix_studies_held_on'))

    op.drop_table('studies')
    with op.batch_alter_table('education_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_education_sessions_organiser_id'))
        batch_op.drop_index(batch_op.f('ix_education_sessions_held_on'))
        batch_op.drop_index(batch_op.f('ix_education_sessions_form'))

    op.drop_table('education_sessions')
    with op.batch_alter_table('duty_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_reports_year'))
        batch_op.drop_index(batch_op.f('ix_duty_reports_unit_id'))
        batch_op.drop_index(batch_op.f('ix_duty_reports_received_on'))

    op.drop_table('duty_reports')
