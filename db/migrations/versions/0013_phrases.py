"""常用语: phrases the office keeps for a talk's content, 本人表态 and 后续要求

One row per phrase, for a field, a talk type and a reason ("" = any); the talk form inserts
them by keyboard (Ctrl+J). Seeded with the wording of routine talks in the domain research;
an office edits them in 系统管理 › 常用语.

Revision ID: 0013
Revises: 0010
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# (field, talk type, reason, text)
SEED = (
    ("talk_content", "reminder", "", "经了解，你在工作中存在苗头性、倾向性问题，根据《中国共产党党内监督条例》有关规定，"
                                     "现对你进行提醒谈话。"),
    ("talk_content", "reminder", "ceremony", "你报备的婚丧喜庆事宜，要严格执行有关规定，不得大操大办，不得借机敛财，"
                                             "不得收受管理和服务对象及下属的礼金礼品，不得使用公车、公款。"),
    ("talk_content", "reminder", "festival", "节日期间要严守中央八项规定及其实施细则精神，不得违规收送礼品礼金，"
                                             "不得违规吃喝，不得公车私用，不得违规发放津贴补贴。"),
    ("talk_content", "pre_appointment", "", "祝贺你走上新的工作岗位。新岗位责任更重、风险更大，要清醒认识岗位廉政风险，"
                                            "严守纪律规矩，自觉接受监督。"),
    ("talk_content", "integrity", "", "传达上级关于党风廉政建设的有关要求，结合分管领域（岗位）的廉政风险点，提出防控要求。"),
    ("talk_content", "heart", "", "近期思想稳定，工作积极，能够遵守各项纪律规定，未发现违规违纪问题。"),
    ("talk_response", "", "", "本人完全接受组织的提醒，将认真反思，立即整改。"),
    ("talk_response", "", "", "本人对谈话内容无异议，今后将严格要求自己，自觉接受组织和群众监督。"),
    ("talk_response", "pre_appointment", "", "本人将牢记组织嘱托，严守纪律规矩，已签订廉政承诺书。"),
    ("talk_follow_up", "", "", "一个月内向局机关纪委书面报告整改情况。"),
    ("talk_follow_up", "", "", "由所在单位（科室）主要负责人跟踪督促。"),
)


def upgrade() -> None:
    phrases = op.create_table(
        "phrases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phrases")),
    )
    with op.batch_alter_table("phrases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phrases_field"), ["field"], unique=False)
    now = dt.datetime(2026, 1, 1)
    op.bulk_insert(phrases, [
        dict(field=field, kind=kind, reason=reason, text=text, sort_order=10 * (n + 1), active=True,
             version=1, created_at=now, updated_at=now)
        for n, (field, kind, reason, text) in enumerate(SEED)])


def downgrade() -> None:
    with op.batch_alter_table("phrases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phrases_field"))
    op.drop_table("phrases")
