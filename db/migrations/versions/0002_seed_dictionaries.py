"""seed the dictionaries (数据字典) and the audit chain head

The vocabularies of DESIGN.md, with the aliases offices also write. Kept inline so that this
migration means the same thing forever, whatever later code does.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# domain -> [(code, label, aliases, form)]
SEED: dict[str, list[tuple[str, str, tuple[str, ...], int | None]]] = {
    "unit_kind": [
        ("office", "局机关科室", ("机关科室", "科室", "局机关", "内设机构"), None),
        ("affiliate", "直属单位", ("局属单位", "下属单位", "事业单位", "直属事业单位"), None),
        ("other", "其他", (), None),
    ],
    "political_status": [
        ("cpc", "中共党员", ("党员", "共产党员", "中国共产党党员"), None),
        ("probationary", "预备党员", ("中共预备党员",), None),
        ("league", "共青团员", ("团员", "共青团", "中共团员"), None),
        ("democratic", "民主党派", ("民主党派成员",), None),
        ("independent", "无党派人士", ("无党派",), None),
        ("masses", "群众", (), None),
    ],
    "risk_category": [
        ("duty", "岗位职责", ("岗位职责风险", "岗位风险", "职责风险"), None),
        ("process", "业务流程", ("业务流程风险", "流程风险", "业务风险"), None),
        ("system", "制度机制", ("制度机制风险", "制度风险", "机制风险"), None),
        ("moral", "思想道德", ("思想道德风险", "道德风险", "思想风险"), None),
        ("external", "外部环境", ("外部环境风险", "环境风险", "外部风险"), None),
    ],
    "inspection_type": [
        ("style", "工作作风纪律检查", ("作风纪律检查", "工作作风检查", "工作纪律检查", "作风检查"), None),
        ("festival", "节前专项检查", ("节前检查", "节日专项检查"), None),
        ("special", "专项检查", ("专项督查",), None),
        ("patrol", "巡察整改督查", ("巡察整改检查", "巡察督查"), None),
        ("other", "其他", (), None),
    ],
    "finding_source": [
        ("inspection", "监督检查", ("日常监督", "专项检查", "检查发现"), None),
        ("patrol", "巡察反馈", ("巡察", "巡察发现"), None),
        ("audit", "审计", ("审计发现", "审计反馈"), None),
        ("petition", "信访举报", ("信访", "举报"), None),
        ("self", "自查", ("自查自纠", "自查发现"), None),
    ],
    "finding_category": [
        ("style", "作风纪律", ("工作作风", "工作纪律"), None),
        ("eight_rules", "八项规定精神", ("八项规定", "四风"), None),
        ("finance", "财务管理", ("财务纪律", "财务"), None),
        ("major", "三重一大", ("“三重一大”", "三重一大事项"), None),
        ("reception", "公务接待", (), None),
        ("car", "公车管理", ("公务用车",), None),
        ("funds", "专项资金", ("资金使用",), None),
        ("other", "其他", (), None),
    ],
    "finding_type": [
        ("immediate", "立行立改", ("立即整改",), None),
        ("deadline", "限期整改", ("按期整改",), None),
        ("ongoing", "持续整改", ("长期整改", "长期坚持"), None),
    ],
    "talk_type": [
        ("heart", "谈心谈话", ("谈心",), None),
        ("reminder", "提醒谈话", (), None),
        ("pre_appointment", "任前廉政谈话", ("任前谈话", "任职廉政谈话", "任职谈话"), None),
        ("integrity", "廉政谈话", ("廉洁谈话", "廉政约谈"), None),
        ("interview", "约谈", (), None),
        ("admonish", "诫勉谈话", (), None),
        ("other", "其他", (), None),
    ],
    "talk_reason": [
        ("promotion", "职务变动/任前", ("职务变动", "任前", "提拔", "任职"), None),
        ("ceremony", "婚丧喜庆报备", ("婚丧喜庆", "婚丧嫁娶"), None),
        ("festival", "节假日前", ("节前", "节假日"), None),
        ("tendency", "苗头性倾向性问题", ("苗头性问题", "倾向性问题"), None),
        ("routine", "日常谈心", ("日常",), None),
        ("clue", "问题线索", ("线索",), None),
        ("other", "其他", (), None),
    ],
    "clue_source": [
        ("petition", "信访举报", ("信访", "举报", "来信来访"), None),
        ("inspection", "监督检查", ("日常监督", "检查发现"), None),
        ("patrol", "巡察", ("巡察反馈", "巡视巡察"), None),
        ("audit", "审计", ("审计发现",), None),
        ("assigned", "上级交办", ("上级转办", "交办"), None),
        ("other", "其他", (), None),
    ],
    "clue_handling": [
        ("talk", "谈话", ("谈话了解",), None),
        ("inquiry", "函询", ("书面函询",), None),
        ("verify", "“面对面”初步核实", ("面对面初步核实", "初步核实", '"面对面"初步核实'), None),
    ],
    "disposal_method": [
        ("talk_remind", "谈话提醒", ("书面提醒",), 1),
        ("remind_talk", "提醒谈话", (), 1),
        ("warning_talk", "警示谈话", (), 1),
        ("criticism", "批评教育", ("约谈、批评教育", "批评", "教育"), 1),
        ("order_check", "责令检查", ("责令作出检查", "作出检查"), 1),
        ("written_check", "责令作出书面检查", ("书面检查", "责令书面检查"), 1),
        ("oral_check", "责令作出口头检查", ("口头检查", "责令口头检查"), 1),
        ("stop", "纠正或责令停止违纪行为", ("责令停止违纪行为", "纠正违纪行为"), 1),
        ("refund", "责成退出违纪所得", ("退出违纪所得", "责令退赔"), 1),
        ("rectify", "限期整改", ("责令整改", "责令限期整改"), 1),
        ("life_meeting", "民主生活会批评帮助", ("召开民主生活会批评帮助", "组织生活会批评帮助", "民主生活会（组织生活会）批评帮助"), 1),
        ("apology", "责令公开道歉(检讨)", ("责令公开道歉", "公开道歉", "责令公开道歉（检讨）", "公开检讨"), 1),
        ("notice", "通报批评", ("通报", "通报（通报批评）"), 1),
        ("admonish", "诫勉", ("诫勉谈话", "书面诫勉", "诫勉（诫勉谈话）"), 1),
        ("inquiry_closed", "谈话函询了结", ("函询了结", "谈话函询后了结"), 1),
        ("verify_closed", "“面对面”初步核实了结", ("面对面初步核实了结", '"面对面"初步核实了结', "初步核实了结"), 1),
        ("other_education", "其他批评教育措施", ("其他批评教育类措施", "其他"), 1),
        ("warning", "警告", ("党内警告",), 2),
        ("serious_warning", "严重警告", ("党内严重警告",), 2),
        ("admin_warning", "政务警告", ("行政警告",), 2),
        ("demerit", "记过", ("政务记过", "行政记过"), 2),
        ("major_demerit", "记大过", ("政务记大过", "行政记大过"), 2),
        ("demotion", "降级", ("政务降级",), 2),
        ("suspension", "停职检查", ("停职",), 2),
        ("reassign", "调整职务", ("调离岗位", "调整岗位", "调离职务"), 2),
        ("ordered_resign", "责令辞职", (), 2),
        ("dismissal", "免职", ("免去职务",), 2),
        ("resign_blame", "引咎辞职", (), 2),
    ],
    "ceremony_kind": [
        ("wedding", "婚", ("婚礼", "结婚", "嫁娶", "婚嫁", "婚事"), None),
        ("funeral", "丧", ("丧事", "葬礼", "丧葬", "白事"), None),
        ("other", "其他喜庆", ("喜庆", "其他", "升学", "乔迁", "寿宴"), None),
    ],
    "opinion_purpose": [
        ("promotion", "提拔任用", ("提拔", "任用", "选拔任用"), None),
        ("award", "评先评优", ("评优", "评先", "表彰"), None),
        ("other", "其他", (), None),
    ],
}


def upgrade() -> None:
    items = sa.table(
        "dict_items",
        sa.column("domain", sa.String), sa.column("code", sa.String),
        sa.column("label", sa.String), sa.column("aliases", sa.Text),
        sa.column("form", sa.Integer), sa.column("sort_order", sa.Integer),
        sa.column("active", sa.Boolean), sa.column("builtin", sa.Boolean),
        sa.column("version", sa.Integer), sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    now = dt.datetime(2026, 1, 1)
    op.bulk_insert(items, [
        {"domain": domain, "code": code, "label": label, "aliases": "\n".join(aliases),
         "form": form, "sort_order": order, "active": True, "builtin": True, "version": 1,
         "created_at": now, "updated_at": now}
        for domain, rows in SEED.items()
        for order, (code, label, aliases, form) in enumerate(rows)
    ])
    head = sa.table("audit_head", sa.column("id", sa.Integer),
                    sa.column("last_id", sa.Integer), sa.column("hash", sa.String))
    op.bulk_insert(head, [{"id": 1, "last_id": 0, "hash": "0" * 64}])


def downgrade() -> None:
    op.execute("DELETE FROM audit_head")
    op.execute("DELETE FROM dict_items WHERE builtin")
