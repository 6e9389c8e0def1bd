"""initial schema: every register of DESIGN.md

Revision ID: 0001
Revises: 
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attachment_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_attachment_blobs'))
    )
    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_sha256'), ['sha256'], unique=False)

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('user_name', sa.String(length=50), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('old', sa.Text(), nullable=False),
    sa.Column('new', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_entity'), ['entity'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_user_name'), ['user_name'], unique=False)

    op.create_table('dict_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('form', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dict_items')),
    sa.UniqueConstraint('domain', 'code', name=op.f('uq_dict_items_domain_code'))
    )
    with op.batch_alter_table('dict_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dict_items_domain'), ['domain'], unique=False)

    op.create_table('holiday_arrangements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('festival', sa.String(length=20), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday_arrangements')),
    sa.UniqueConstraint('year', 'festival', name=op.f('uq_holiday_arrangements_year_festival'))
    )
    with op.batch_alter_table('holiday_arrangements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holiday_arrangements_year'), ['year'], unique=False)

    op.create_table('holiday_workdays',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('festival', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_holiday_workdays'))
    )
    op.create_table('inspections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('inspectors', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections'))
    )
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspections_inspected_on'), ['inspected_on'], unique=False)

    op.create_table('reminder_states',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('done_by', sa.String(length=50), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('how', sa.Text(), nullable=False),
    sa.Column('snooze_until', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_states')),
    sa.UniqueConstraint('key', name=op.f('uq_reminder_states_key'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['units.id'], name=op.f('fk_units_parent_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('name', name=op.f('uq_units_name'))
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_units_parent_id'), ['parent_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('display_name', sa.String(length=50), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('year_closures',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=False),
    sa.Column('closed_by', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_year_closures'))
    )
    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drafts_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('user_id', 'form_key', name=op.f('uq_drafts_user_id_form_key'))
    )
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drafts_user_id'), ['user_id'], unique=False)

    op.create_table('inspection_units',
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_units_inspection_id_inspections')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_inspection_units_unit_id_units')),
    sa.PrimaryKeyConstraint('inspection_id', 'unit_id', name=op.f('pk_inspection_units'))
    )
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('pinyin', sa.String(length=200), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.Column('rank', sa.String(length=50), nullable=False),
    sa.Column('political_status', sa.String(length=40), nullable=False),
    sa.Column('is_leader', sa.Boolean(), nullable=False),
    sa.Column('key_post', sa.String(length=50), nullable=False),
    sa.Column('staff_no', sa.String(length=40), nullable=False),
    sa.Column('gender', sa.String(length=4), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_people_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_pinyin'), ['pinyin'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_unit_id'), ['unit_id'], unique=False)

    op.create_table('risk_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('post', sa.String(length=100), nullable=False),
    sa.Column('duty_item', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_risk_points_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_points')),
    sa.UniqueConstraint('code', name=op.f('uq_risk_points_code'))
    )
    with op.batch_alter_table('risk_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_points_unit_id'), ['unit_id'], unique=False)

    op.create_table('user_units',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_user_units_unit_id_units')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_units_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'unit_id', name=op.f('pk_user_units'))
    )
    op.create_table('findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=True),
    sa.Column('found_on', sa.Date(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('risk_point_id', sa.Integer(), nullable=True),
    sa.Column('requirement', sa.Text(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('resp_unit_id', sa.Integer(), nullable=True),
    sa.Column('resp_person_id', sa.Integer(), nullable=True),
    sa.Column('resp_person_name', sa.String(length=50), nullable=False),
    sa.Column('resp_leader', sa.String(length=50), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('rectified_on', sa.Date(), nullable=True),
    sa.Column('accepted_by', sa.String(length=50), nullable=False),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('revisit', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_findings_inspection_id_inspections')),
    sa.ForeignKeyConstraint(['resp_person_id'], ['people.id'], name=op.f('fk_findings_resp_person_id_people')),
    sa.ForeignKeyConstraint(['resp_unit_id'], ['units.id'], name=op.f('fk_findings_resp_unit_id_units')),
    sa.ForeignKeyConstraint(['risk_point_id'], ['risk_points.id'], name=op.f('fk_findings_risk_point_id_risk_points')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_findings_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings'))
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_found_on'), ['found_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_resp_person_id'), ['resp_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_unit_id'), ['unit_id'], unique=False)

    op.create_table('ledger_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=50), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('unit_name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.Column('rank', sa.String(length=50), nullable=False),
    sa.Column('political_status', sa.String(length=40), nullable=False),
    sa.Column('is_leader', sa.Boolean(), nullable=False),
    sa.Column('key_post', sa.String(length=50), nullable=False),
    sa.Column('clue_source', sa.String(length=40), nullable=False),
    sa.Column('handling', sa.String(length=40), nullable=False),
    sa.Column('letter_sent_on', sa.Date(), nullable=True),
    sa.Column('reply_due', sa.Date(), nullable=True),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('decision_organ', sa.String(length=100), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('handler', sa.String(length=50), nullable=False),
    sa.Column('impact_end', sa.Date(), nullable=True),
    sa.Column('revisit_planned', sa.Date(), nullable=True),
    sa.Column('revisit_done_on', sa.Date(), nullable=True),
    sa.Column('revisit_result', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_ledger_entries_person_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_ledger_entries_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entries'))
    )
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entries_decided_on'), ['decided_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entries_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entries_unit_id'), ['unit_id'], unique=False)

    op.create_table('opinion_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=50), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('conclusion', sa.Text(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('issued_by', sa.String(length=50), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_opinion_replies_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_replies'))
    )
    with op.batch_alter_table('opinion_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_replies_person_id'), ['person_id'], unique=False)

    op.create_table('position_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('from_unit_id', sa.Integer(), nullable=True),
    sa.Column('to_unit_id', sa.Integer(), nullable=True),
    sa.Column('from_position', sa.String(length=100), nullable=False),
    sa.Column('to_position', sa.String(length=100), nullable=False),
    sa.Column('from_rank', sa.String(length=50), nullable=False),
    sa.Column('to_rank', sa.String(length=50), nullable=False),
    sa.Column('is_promotion', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['from_unit_id'], ['units.id'], name=op.f('fk_position_changes_from_unit_id_units')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_position_changes_person_id_people')),
    sa.ForeignKeyConstraint(['to_unit_id'], ['units.id'], name=op.f('fk_position_changes_to_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_position_changes'))
    )
    with op.batch_alter_table('position_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_position_changes_changed_on'), ['changed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_changes_person_id'), ['person_id'], unique=False)

    op.create_table('risk_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('risk_point_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=True),
    sa.Column('consequence', sa.Integer(), nullable=True),
    sa.Column('responsible_person', sa.String(length=100), nullable=False),
    sa.Column('responsible_leader', sa.String(length=100), nullable=False),
    sa.Column('next_review', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('confirmed_by', sa.String(length=50), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['risk_point_id'], ['risk_points.id'], name=op.f('fk_risk_assessments_risk_point_id_risk_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_assessments')),
    sa.UniqueConstraint('risk_point_id', 'year', name=op.f('uq_risk_assessments_risk_point_id_year'))
    )
    with op.batch_alter_table('risk_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_assessments_risk_point_id'), ['risk_point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_assessments_year'), ['year'], unique=False)

    op.create_table('risk_level_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('risk_point_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('from_level', sa.Integer(), nullable=True),
    sa.Column('to_level', sa.Integer(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('user_name', sa.String(length=50), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['risk_point_id'], ['risk_points.id'], name=op.f('fk_risk_level_changes_risk_point_id_risk_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_level_changes'))
    )
    with op.batch_alter_table('risk_level_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_level_changes_risk_point_id'), ['risk_point_id'], unique=False)

    op.create_table('finding_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('old_deadline', sa.Date(), nullable=True),
    sa.Column('new_deadline', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('extended_on', sa.Date(), nullable=False),
    sa.Column('user_name', sa.String(length=50), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_finding_extensions_finding_id_findings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_extensions'))
    )
    with op.batch_alter_table('finding_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_extensions_finding_id'), ['finding_id'], unique=False)

    op.create_table('finding_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('user_name', sa.String(length=50), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_finding_progress_finding_id_findings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_progress'))
    )
    with op.batch_alter_table('finding_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_progress_finding_id'), ['finding_id'], unique=False)

    op.create_table('finding_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('user_name', sa.String(length=50), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_finding_status_changes_finding_id_findings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_status_changes'))
    )
    with op.batch_alter_table('finding_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_status_changes_finding_id'), ['finding_id'], unique=False)

    op.create_table('ledger_findings',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], name=op.f('fk_ledger_findings_entry_id_ledger_entries')),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_ledger_findings_finding_id_findings')),
    sa.PrimaryKeyConstraint('entry_id', 'finding_id', name=op.f('pk_ledger_findings'))
    )
    op.create_table('ledger_methods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], name=op.f('fk_ledger_methods_entry_id_ledger_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_methods'))
    )
    with op.batch_alter_table('ledger_methods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_methods_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_methods_method'), ['method'], unique=False)

    op.create_table('risk_measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['risk_assessments.id'], name=op.f('fk_risk_measures_assessment_id_risk_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_measures'))
    )
    with op.batch_alter_table('risk_measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_measures_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('talks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('talk_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=False),
    sa.Column('signed', sa.Boolean(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=True),
    sa.Column('risk_point_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['findings.id'], name=op.f('fk_talks_finding_id_findings')),
    sa.ForeignKeyConstraint(['risk_point_id'], ['risk_points.id'], name=op.f('fk_talks_risk_point_id_risk_points')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_talks'))
    )
    with op.batch_alter_table('talks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_talks_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_talks_talk_date'), ['talk_date'], unique=False)

    op.create_table('ceremony_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=50), nullable=False),
    sa.Column('unit_name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('tables', sa.Integer(), nullable=True),
    sa.Column('guests', sa.Integer(), nullable=True),
    sa.Column('public_car', sa.Boolean(), nullable=False),
    sa.Column('public_funds', sa.Boolean(), nullable=False),
    sa.Column('subordinate_gifts', sa.Boolean(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('talk_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_ceremony_reports_person_id_people')),
    sa.ForeignKeyConstraint(['talk_id'], ['talks.id'], name=op.f('fk_ceremony_reports_talk_id_talks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ceremony_reports'))
    )
    with op.batch_alter_table('ceremony_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ceremony_reports_event_date'), ['event_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_ceremony_reports_person_id'), ['person_id'], unique=False)

    op.create_table('ledger_talks',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('talk_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], name=op.f('fk_ledger_talks_entry_id_ledger_entries')),
    sa.ForeignKeyConstraint(['talk_id'], ['talks.id'], name=op.f('fk_ledger_talks_talk_id_talks')),
    sa.PrimaryKeyConstraint('entry_id', 'talk_id', name=op.f('pk_ledger_talks'))
    )
    op.create_table('talk_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('talk_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('unit_name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_talk_participants_person_id_people')),
    sa.ForeignKeyConstraint(['talk_id'], ['talks.id'], name=op.f('fk_talk_participants_talk_id_talks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_talk_participants'))
    )
    with op.batch_alter_table('talk_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_talk_participants_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_talk_participants_talk_id'), ['talk_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('talk_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_talk_participants_talk_id'))
        batch_op.drop_index(batch_op.f('ix_talk_participants_person_id'))

    op.drop_table('talk_participants')
    op.drop_table('ledger_talks')
    with op.batch_alter_table('ceremony_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ceremony_reports_person_id'))
        batch_op.drop_index(batch_op.f('ix_ceremony_reports_event_date'))

    op.drop_table('ceremony_reports')
    with op.batch_alter_table('talks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_talks_talk_date'))
        batch_op.drop_index(batch_op.f('ix_talks_kind'))

    op.drop_table('talks')
    with op.batch_alter_table('risk_measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_measures_assessment_id'))

    op.drop_table('risk_measures')
    with op.batch_alter_table('ledger_methods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_methods_method'))
        batch_op.drop_index(batch_op.f('ix_ledger_methods_entry_id'))

    op.drop_table('ledger_methods')
    op.drop_table('ledger_findings')
    with op.batch_alter_table('finding_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_status_changes_finding_id'))

    op.drop_table('finding_status_changes')
    with op.batch_alter_table('finding_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_progress_finding_id'))

    op.drop_table('finding_progress')
    with op.batch_alter_table('finding_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_extensions_finding_id'))

    op.drop_table('finding_extensions')
    with op.batch_alter_table('risk_level_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_level_changes_risk_point_id'))

    op.drop_table('risk_level_changes')
    with op.batch_alter_table('risk_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_assessments_year'))
        batch_op.drop_index(batch_op.f('ix_risk_assessments_risk_point_id'))

    op.drop_table('risk_assessments')
    with op.batch_alter_table('position_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_position_changes_person_id'))
        batch_op.drop_index(batch_op.f('ix_position_changes_changed_on'))

    op.drop_table('position_changes')
    with op.batch_alter_table('opinion_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_replies_person_id'))

    op.drop_table('opinion_replies')
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entries_unit_id'))
        batch_op.drop_index(batch_op.f('ix_ledger_entries_person_id'))
        batch_op.drop_index(batch_op.f('ix_ledger_entries_decided_on'))

    op.drop_table('ledger_entries')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_unit_id'))
        batch_op.drop_index(batch_op.f('ix_findings_status'))
        batch_op.drop_index(batch_op.f('ix_findings_resp_person_id'))
        batch_op.drop_index(batch_op.f('ix_findings_inspection_id'))
        batch_op.drop_index(batch_op.f('ix_findings_found_on'))
        batch_op.drop_index(batch_op.f('ix_findings_deadline'))

    op.drop_table('findings')
    op.drop_table('user_units')
    with op.batch_alter_table('risk_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_points_unit_id'))

    op.drop_table('risk_points')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_unit_id'))
        batch_op.drop_index(batch_op.f('ix_people_pinyin'))
        batch_op.drop_index(batch_op.f('ix_people_name'))

    op.drop_table('people')
    op.drop_table('inspection_units')
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_user_id'))

    op.drop_table('drafts')
    op.drop_table('year_closures')
    op.drop_table('users')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_units_parent_id'))

    op.drop_table('units')
    op.drop_table('settings')
    op.drop_table('reminder_states')
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspections_inspected_on'))

    op.drop_table('inspections')
    op.drop_table('holiday_workdays')
    with op.batch_alter_table('holiday_arrangements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holiday_arrangements_year'))

    op.drop_table('holiday_arrangements')
    with op.batch_alter_table('dict_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dict_items_domain'))

    op.drop_table('dict_items')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_user_name'))
        batch_op.drop_index(batch_op.f('ix_audit_log_entity'))
        batch_op.drop_index(batch_op.f('ix_audit_log_action'))

    op.drop_table('audit_log')
    op.drop_table('audit_head')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_sha256'))

    op.drop_table('attachments')
    op.drop_table('attachment_blobs')
