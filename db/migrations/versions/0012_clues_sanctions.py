"""问题线索 and 处分与组织处理 registers; the ledger's words made right; 基本完成 is not 销号

New tables: `clues` (+ `clue_people`, the people a clue names) and `sanctions`. Dictionary items
gain `family`, `months` and `bars` (a sanction kind's 形态 is its `form`, its 影响期 `months`, what it
bars `bars`). Seeded inline: sanction kinds (discipline-rules.md's table), the four ways a clue is
handled (clue_way), violation categories, and the post words that split a combined
工作单位及职务 cell.

Data moves, each with an audit row (user 系统升级) on the chain, so the 操作日志 says what changed:
- 谈话函询了结 / “面对面”初步核实了结 were disposal methods; they are outcomes of a clue. Entries
  keep them in their 线索处置 (`handling`, dictionary clue_handling); an entry left without a
  method gets no 回访 and no 影响期.
- 提醒谈话 and 谈话提醒 are one method, and so are 责令作出书面检查 and 责令检查: the method rows
  move to one item and keep the words they were filed with (`ledger_methods.wording`).
- 降职 joins the second-form methods.
- An entry with 诫勉 gets the sanction record of kind 诫勉 that carries its 影响期 (the ledger
  keeps it in step from now on).
- A finding 销号 with the result 基本完成 goes back to 整改中 (rectification goes on): the result
  stays 基本完成, with a status change and a progress note dated on the day it was closed.

Revision ID: 0012
Revises: 0010
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None

USER = "系统升级"
NOW = dt.datetime(2026, 1, 1)  # seeded items, as 0002's


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)

PARTY, GOVERNMENT, INSTITUTION, ORGANIZATION, ADMONISH = (
    "party", "government", "institution", "organization", "admonish")
_PARTY_BAR = "不得在党内提升职务，不得向党外组织推荐担任高于其原任职务的党外职务，不得进一步使用"
_GOV_BAR = "不得晋升职务、职级、衔级和级别"
_INST_BAR = "不得聘用到高于现聘岗位等级的岗位"
_RESIGN_BAR = "一年内不得安排领导职务，二年内不得担任高于原任职务层次的职务"
# (code, label, aliases, family, form, months, bars)
SANCTION_KINDS = [
    ("party_warning", "党内警告", ("党纪警告", "警告（党纪）"), PARTY, 2, 12, _PARTY_BAR),
    ("party_serious_warning", "党内严重警告", ("严重警告", "党纪严重警告"), PARTY, 2, 18,
     _PARTY_BAR + "（代替撤销党内职务给予的，二年）"),
    ("party_post_removal", "撤销党内职务", ("撤销党内职务处分",), PARTY, 3, 24,
     "二年内不得在党内担任和向党外组织推荐担任与其原任职务相当或者高于其原任职务的职务"),
    ("party_probation", "留党察看", ("留党察看一年", "留党察看二年"), PARTY, 3, 24,
     "察看期间没有表决权、选举权和被选举权；恢复党员权利后二年内不得担任与其原任职务相当或者高于其原任职务的职务"),
    ("expulsion", "开除党籍", (), PARTY, 3, 60, "五年内不得重新入党"),
    ("gov_warning", "政务警告", ("行政警告",), GOVERNMENT, 2, 6, _GOV_BAR),
    ("gov_demerit", "政务记过", ("记过", "行政记过"), GOVERNMENT, 2, 12, _GOV_BAR),
    ("gov_major_demerit", "政务记大过", ("记大过", "行政记大过"), GOVERNMENT, 2, 18, _GOV_BAR),
    ("gov_demotion", "政务降级", ("降级", "行政降级"), GOVERNMENT, 3, 24, _GOV_BAR + "；降低级别"),
    ("gov_removal", "政务撤职", ("撤职", "行政撤职"), GOVERNMENT, 3, 24, _GOV_BAR + "；撤销职务"),
    ("gov_dismissal", "政务开除", ("开除公职", "行政开除"), GOVERNMENT, 3, None, "解除人事关系，不得再被录用为公职人员"),
    ("inst_warning", "事业单位警告", ("警告（事业单位）",), INSTITUTION, 2, 6, _INST_BAR),
    ("inst_demerit", "事业单位记过", ("记过（事业单位）",), INSTITUTION, 2, 12, _INST_BAR),
    ("inst_grade_down", "降低岗位等级", ("降低岗位等级处分",), INSTITUTION, 3, 24, _INST_BAR),
    ("suspension", "停职检查", ("停职",), ORGANIZATION, 2, None, "停职期间暂停履行职务（期限按决定录入）"),
    ("reassign", "调整职务", ("调离岗位", "调整岗位", "调离职务"), ORGANIZATION, 2, 12, "一年内不得提拔"),
    ("ordered_resign", "责令辞职", (), ORGANIZATION, 2, 24, _RESIGN_BAR),
    ("dismissal", "免职", ("免去职务",), ORGANIZATION, 2, 24, _RESIGN_BAR),
    ("resign_blame", "引咎辞职", (), ORGANIZATION, 2, 24, _RESIGN_BAR),
    ("demote_post", "降职", ("降职处理",), ORGANIZATION, 2, 24, "二年内不得提拔"),
    ("admonish", "诫勉", ("诫勉谈话", "书面诫勉"), ADMONISH, 1, 6, "六个月内不得提拔或者重用，影响当年评优评先"),
]
# domain → [(code, label, aliases)]
PLAIN = {
    "clue_way": [
        ("inquiry", "谈话函询", ("函询", "谈话", "书面函询", "谈话了解")),
        ("verify", "初步核实", ("初核", "“面对面”初步核实", "面对面初步核实")),
        ("shelve", "暂存待查", ("暂存",)),
        ("close", "予以了结", ("了结", "直接了结")),
    ],
    "violation_category": [
        ("political", "政治纪律", ("违反政治纪律",)),
        ("organization", "组织纪律", ("违反组织纪律",)),
        ("integrity", "廉洁纪律", ("违反廉洁纪律",)),
        ("masses", "群众纪律", ("违反群众纪律",)),
        ("work", "工作纪律", ("违反工作纪律",)),
        ("life", "生活纪律", ("违反生活纪律",)),
        ("eight_rules", "违反中央八项规定精神", ("八项规定", "中央八项规定精神", "违反八项规定")),
        ("illegal", "职务违法", ("违法", "职务违法犯罪")),
        ("other", "其他", ()),
    ],
    "post_word": [(f"p{i:02d}", word, ()) for i, word in enumerate((
        "局长", "副局长", "书记", "副书记", "主任", "副主任", "科长", "副科长", "科员", "馆长", "副馆长",
        "所长", "副所长", "站长", "副站长", "院长", "副院长", "团长", "副团长", "队长", "副队长",
        "大队长", "副大队长", "中队长", "处长", "副处长", "部长", "副部长", "组长", "经理", "副经理",
        "主任科员", "副主任科员", "一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员",
        "一级科员", "二级科员", "办事员", "调研员", "会计", "出纳", "干部", "职员", "工作人员",
        "委员", "纪检委员", "专员", "主席", "副主席", "驾驶员", "讲解员", "管理员", "馆员",
        "副研究馆员", "研究馆员", "文博馆员", "执法队员"))],
}
# The 了结 outcomes that were disposal methods, now how a clue was handled (clue_handling).
CLEARED = {
    "inquiry_closed": ("谈话函询了结", ("函询了结", "谈话函询后了结")),
    "verify_closed": ("初步核实了结", ("“面对面”初步核实了结", "面对面初步核实了结", '"面对面"初步核实了结')),
    "closed": ("予以了结", ("了结", "直接了结")),
}
# A method that is one with another (counted once), and the words it was filed with.
MERGED = {"remind_talk": "talk_remind", "written_check": "order_check"}

dict_items = sa.table(
    "dict_items", sa.column("id", sa.Integer), sa.column("domain", sa.String), sa.column("code", sa.String),
    sa.column("label", sa.String), sa.column("aliases", sa.Text), sa.column("form", sa.Integer),
    sa.column("family", sa.String), sa.column("months", sa.Integer), sa.column("bars", sa.Text),
    sa.column("sort_order", sa.Integer), sa.column("active", sa.Boolean), sa.column("builtin", sa.Boolean),
    sa.column("version", sa.Integer), sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime))
entries = sa.table(
    "ledger_entries", sa.column("id", sa.Integer), sa.column("person_id", sa.Integer),
    sa.column("person_name", sa.String), sa.column("unit_id", sa.Integer), sa.column("unit_name", sa.String),
    sa.column("position", sa.String), sa.column("political_status", sa.String), sa.column("problem", sa.Text),
    sa.column("decision_organ", sa.String), sa.column("decided_on", sa.Date), sa.column("handling", sa.String),
    sa.column("impact_end", sa.Date), sa.column("revisit_planned", sa.Date), sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime))
sanctions = sa.table(
    "sanctions", sa.column("id", sa.Integer), sa.column("person_id", sa.Integer), sa.column("person_name", sa.String),
    sa.column("unit_id", sa.Integer), sa.column("unit_name", sa.String), sa.column("position", sa.String),
    sa.column("political_status", sa.String), sa.column("kind", sa.String), sa.column("decision_organ", sa.String),
    sa.column("decided_on", sa.Date), sa.column("document_no", sa.String), sa.column("facts", sa.Text),
    sa.column("category", sa.String), sa.column("impact_months", sa.Integer),
    sa.column("probation_months", sa.Integer), sa.column("impact_end", sa.Date),
    sa.column("ledger_entry_id", sa.Integer), sa.column("notes", sa.Text), sa.column("version", sa.Integer),
    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime))
methods = sa.table(
    "ledger_methods", sa.column("id", sa.Integer), sa.column("entry_id", sa.Integer),
    sa.column("seq", sa.Integer), sa.column("method", sa.String), sa.column("wording", sa.String))
findings = sa.table(
    "findings", sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("status", sa.String),
    sa.column("result", sa.String), sa.column("accepted_by", sa.String), sa.column("accepted_on", sa.Date),
    sa.column("closed_on", sa.Date), sa.column("rectified_on", sa.Date), sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime))
status_changes = sa.table(
    "finding_status_changes", sa.column("id", sa.Integer), sa.column("finding_id", sa.Integer),
    sa.column("from_status", sa.String), sa.column("to_status", sa.String), sa.column("changed_on", sa.Date),
    sa.column("reason", sa.Text), sa.column("user_name", sa.String), sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime))
progress = sa.table(
    "finding_progress", sa.column("id", sa.Integer), sa.column("finding_id", sa.Integer),
    sa.column("noted_on", sa.Date), sa.column("text", sa.Text), sa.column("user_name", sa.String),
    sa.column("created_at", sa.DateTime), sa.column("updated_at", sa.DateTime))
audit_log = sa.table(
    "audit_log", sa.column("id", sa.Integer), sa.column("at", sa.String), sa.column("user_name", sa.String),
    sa.column("action", sa.String), sa.column("entity", sa.String), sa.column("entity_id", sa.String),
    sa.column("summary", sa.Text), sa.column("old", sa.Text), sa.column("new", sa.Text),
    sa.column("prev_hash", sa.String), sa.column("hash", sa.String))
audit_head = sa.table("audit_head", sa.column("id", sa.Integer), sa.column("last_id", sa.Integer),
                      sa.column("hash", sa.String))


def _canonical(value: object) -> str:
    """As app/audit.py writes it (sorted keys, ISO dates): the chain's bytes, kept here so this
    migration means the same thing forever."""
    def default(v: object) -> object:
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        raise TypeError(type(v).__name__)

    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=default)


class Chain:
    """Appends audit rows after the head, as app/audit.record does."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        query = sa.select(audit_head.c.last_id, audit_head.c.hash).where(audit_head.c.id == 1)
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        self.last_id, self.hash = conn.execute(query).one()

    def append(self, action: str, entity: str, entity_id: object, summary: str,
               old: dict | None = None, new: dict | None = None) -> None:
        at = _utcnow().isoformat(timespec="microseconds")
        row = {"id": self.last_id + 1, "at": at, "user": USER, "action": action, "entity": entity,
               "entity_id": str(entity_id), "summary": summary,
               "old": "" if old is None else _canonical(old), "new": "" if new is None else _canonical(new)}
        digest = hashlib.sha256((self.hash + "\n" + _canonical(row)).encode("utf-8")).hexdigest()
        self.conn.execute(audit_log.insert().values(
            id=row["id"], at=at, user_name=USER, action=action, entity=entity, entity_id=row["entity_id"],
            summary=summary, old=row["old"], new=row["new"], prev_hash=self.hash, hash=digest))
        self.last_id, self.hash = row["id"], digest

    def close(self) -> None:
        self.conn.execute(audit_head.update().where(audit_head.c.id == 1).values(
            last_id=self.last_id, hash=self.hash))


def _schema() -> None:
    op.create_table(
        "sanctions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("person_name", sa.String(length=50), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.String(length=100), nullable=False),
        sa.Column("political_status", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("decision_organ", sa.String(length=100), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("document_no", sa.String(length=100), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("impact_months", sa.Integer(), nullable=True),
        sa.Column("probation_months", sa.Integer(), nullable=True),
        sa.Column("impact_end", sa.Date(), nullable=True),
        sa.Column("ledger_entry_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["ledger_entry_id"], ["ledger_entries.id"],
                                name=op.f("fk_sanctions_ledger_entry_id_ledger_entries")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_sanctions_person_id_people")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_sanctions_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sanctions")),
    )
    with op.batch_alter_table("sanctions", schema=None) as batch_op:
        for column in ("decided_on", "impact_end", "kind", "ledger_entry_id", "person_id", "unit_id"):
            batch_op.create_index(batch_op.f(f"ix_sanctions_{column}"), [column], unique=False)
    op.create_table(
        "clues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("reporter", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("handler_id", sa.Integer(), nullable=True),
        sa.Column("handler_name", sa.String(length=50), nullable=False),
        sa.Column("way", sa.String(length=40), nullable=False),
        sa.Column("letter_sent_on", sa.Date(), nullable=True),
        sa.Column("reply_due", sa.Date(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("verify_start", sa.Date(), nullable=True),
        sa.Column("verify_end", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("ledger_entry_id", sa.Integer(), nullable=True),
        sa.Column("sanction_id", sa.Integer(), nullable=True),
        sa.Column("talk_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["handler_id"], ["users.id"], name=op.f("fk_clues_handler_id_users")),
        sa.ForeignKeyConstraint(["ledger_entry_id"], ["ledger_entries.id"],
                                name=op.f("fk_clues_ledger_entry_id_ledger_entries")),
        sa.ForeignKeyConstraint(["sanction_id"], ["sanctions.id"], name=op.f("fk_clues_sanction_id_sanctions")),
        sa.ForeignKeyConstraint(["talk_id"], ["talks.id"], name=op.f("fk_clues_talk_id_talks")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_clues_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clues")),
    )
    with op.batch_alter_table("clues", schema=None) as batch_op:
        for column in ("handler_id", "ledger_entry_id", "received_on", "sanction_id", "status", "unit_id"):
            batch_op.create_index(batch_op.f(f"ix_clues_{column}"), [column], unique=False)
    op.create_table(
        "clue_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clue_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("person_name", sa.String(length=50), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["clue_id"], ["clues.id"], name=op.f("fk_clue_people_clue_id_clues")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_clue_people_person_id_people")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_clue_people_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clue_people")),
    )
    with op.batch_alter_table("clue_people", schema=None) as batch_op:
        for column in ("clue_id", "person_id", "unit_id"):
            batch_op.create_index(batch_op.f(f"ix_clue_people_{column}"), [column], unique=False)
    with op.batch_alter_table("dict_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("family", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("bars", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("ledger_methods", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wording", sa.String(length=40), nullable=False, server_default=""))


def _item_values(domain: str, code: str, label: str, aliases: tuple[str, ...], order: int, **extra: object) -> dict:
    return {"domain": domain, "code": code, "label": label, "aliases": "\n".join(aliases), "form": None,
            "family": "", "months": None, "bars": "", "sort_order": order, "active": True, "builtin": True,
            "version": 1, "created_at": NOW, "updated_at": NOW, **extra}


def _item(conn: sa.Connection, domain: str, code: str) -> sa.Row | None:
    return conn.execute(sa.select(dict_items).where(dict_items.c.domain == domain,
                                                    dict_items.c.code == code)).first()


def _seed(conn: sa.Connection, chain: Chain) -> None:
    rows = [_item_values("sanction_kind", code, label, aliases, order, form=form, family=family,
                         months=months, bars=bars)
            for order, (code, label, aliases, family, form, months, bars) in enumerate(SANCTION_KINDS)]
    rows += [_item_values(domain, code, label, aliases, order)
             for domain, items in PLAIN.items() for order, (code, label, aliases) in enumerate(items)]
    op.bulk_insert(dict_items, rows)
    chain.append("create", "dict_items", "", f"系统升级：新增数据字典项 {len(rows)} 项（处分种类及其影响期、"
                 "线索处置方式、违纪违法类别、职务用词）")
    # 降职 is a second-form method too: recognised when filed in the ledger by mistake.
    last = conn.execute(sa.select(sa.func.max(dict_items.c.sort_order))
                        .where(dict_items.c.domain == "disposal_method")).scalar() or 0
    op.bulk_insert(dict_items, [_item_values("disposal_method", "demote_post", "降职", ("降职处理",), last + 1, form=2)])
    chain.append("create", "dict_items", "", "系统升级：处置方式新增“降职”（第二种形态）")


def _move_items(conn: sa.Connection, chain: Chain) -> None:
    """The 了结 outcomes leave disposal_method for clue_handling; merged methods become aliases."""
    order = conn.execute(sa.select(sa.func.max(dict_items.c.sort_order))
                         .where(dict_items.c.domain == "clue_handling")).scalar() or 0
    for code, (label, aliases) in CLEARED.items():
        old = _item(conn, "disposal_method", code)
        written = [a for a in (old.aliases.splitlines() if old else ()) if a.strip()]
        if old is not None and old.label != label:
            written.append(old.label)
        merged = tuple(dict.fromkeys(a for a in (*aliases, *written) if a != label))
        order += 1
        conn.execute(dict_items.insert().values(_item_values("clue_handling", code, label, merged, order)))
        if old is not None:
            conn.execute(dict_items.delete().where(dict_items.c.id == old.id))
            chain.append("delete", "dict_items", old.id, f"系统升级：“{old.label}”是问题线索的处置结果，"
                         "不是处置方式，移入线索处置", old={"domain": old.domain, "code": old.code,
                                                    "label": old.label, "aliases": old.aliases, "form": old.form})
    chain.append("create", "dict_items", "", "系统升级：线索处置新增“谈话函询了结”“初步核实了结”“予以了结”")
    for code, into in MERGED.items():
        old, target = _item(conn, "disposal_method", code), _item(conn, "disposal_method", into)
        if old is None or target is None:
            continue
        aliases = [a for a in target.aliases.splitlines() if a.strip()]
        aliases += [w for w in (old.label, *old.aliases.splitlines()) if w.strip() and w != target.label]
        text = "\n".join(dict.fromkeys(aliases))
        conn.execute(dict_items.update().where(dict_items.c.id == target.id).values(
            aliases=text, version=target.version + 1, updated_at=_utcnow()))
        chain.append("update", "dict_items", target.id, f"系统升级：“{old.label}”与“{target.label}”是同一种处置方式，"
                     "作为别名合并统计", old={"aliases": target.aliases, "version": target.version},
                     new={"aliases": text})
        conn.execute(dict_items.delete().where(dict_items.c.id == old.id))
        chain.append("delete", "dict_items", old.id, f"系统升级：处置方式“{old.label}”并入“{target.label}”",
                     old={"domain": old.domain, "code": old.code, "label": old.label, "aliases": old.aliases,
                          "form": old.form})


def _move_methods(conn: sa.Connection, chain: Chain) -> None:
    labels = {"remind_talk": "提醒谈话", "written_check": "责令作出书面检查"}
    for code in MERGED:
        row = _item(conn, "disposal_method", code)
        if row is not None:
            labels[code] = row.label
    touched = conn.execute(sa.select(methods.c.entry_id).where(
        methods.c.method.in_([*CLEARED, *MERGED])).distinct()).scalars().all()
    for entry_id in sorted(touched):
        entry = conn.execute(sa.select(entries).where(entries.c.id == entry_id)).one()
        rows = conn.execute(sa.select(methods).where(methods.c.entry_id == entry_id)
                            .order_by(methods.c.seq, methods.c.id)).all()
        before = [r.method for r in rows]
        kept, cleared, after = [], "", []
        for r in rows:
            if r.method in CLEARED:
                cleared = cleared or r.method
                conn.execute(methods.delete().where(methods.c.id == r.id))
                continue
            method = MERGED.get(r.method, r.method)
            if method in after:  # both wordings on one entry: one method
                conn.execute(methods.delete().where(methods.c.id == r.id))
                continue
            if method != r.method:
                conn.execute(methods.update().where(methods.c.id == r.id).values(
                    method=method, wording=labels[r.method]))
            after.append(method)
            kept.append(r)
        old = {"methods": before, "version": entry.version}
        new: dict[str, object] = {"methods": after}
        values: dict[str, object] = {"version": entry.version + 1, "updated_at": _utcnow()}
        if cleared:
            values["handling"] = new["handling"] = cleared
            old["handling"] = entry.handling
            if not after:  # cleared by the clue: no 回访, no 影响期
                values["revisit_planned"] = values["impact_end"] = None
                old.update(revisit_planned=entry.revisit_planned, impact_end=entry.impact_end)
                new.update(revisit_planned=None, impact_end=None)
        conn.execute(entries.update().where(entries.c.id == entry_id).values(**values))
        why = "了结是线索处置结果，移入线索处置" if cleared else "同一处置方式合并，保留原表述"
        chain.append("update", "ledger_entries", entry_id,
                     f"系统升级：第一种形态台账 {entry.person_name} {entry.decided_on:%Y-%m-%d}：{why}", old=old, new=new)


def _admonish_records(conn: sa.Connection, chain: Chain) -> None:
    """Each entry with 诫勉 gets its sanction record (kind 诫勉) carrying the entry's 影响期."""
    admonished = sa.select(methods.c.entry_id).where(methods.c.method == "admonish")
    for e in conn.execute(sa.select(entries).where(entries.c.id.in_(admonished), entries.c.person_id.is_not(None))
                          .order_by(entries.c.id)).all():
        values = {"person_id": e.person_id, "person_name": e.person_name, "unit_id": e.unit_id,
                  "unit_name": e.unit_name, "position": e.position, "political_status": e.political_status,
                  "kind": "admonish", "decision_organ": e.decision_organ, "decided_on": e.decided_on,
                  "document_no": "", "facts": e.problem, "category": "", "impact_months": None,
                  "probation_months": None, "impact_end": e.impact_end, "ledger_entry_id": e.id, "notes": ""}
        new_id = conn.execute(sanctions.insert().values(**values, version=1, created_at=_utcnow(),
                                                        updated_at=_utcnow()).returning(sanctions.c.id)).scalar_one()
        chain.append("create", "sanctions", new_id, f"系统升级：随第一种形态台账生成诫勉记录 {e.decided_on:%Y-%m-%d} "
                     f"{e.person_name}", new={**values, "id": new_id, "version": 1})


def _reopen_mostly_done(conn: sa.Connection, chain: Chain) -> None:
    reason = "整改结果为基本完成，整改仍需继续，不予销号（系统升级时由已销号退回整改中）"
    for f in conn.execute(sa.select(findings).where(findings.c.status == "closed",
                                                    findings.c.result == "mostly").order_by(findings.c.id)).all():
        day = f.closed_on or f.accepted_on or _utcnow().date()
        conn.execute(findings.update().where(findings.c.id == f.id).values(
            status="in_progress", accepted_by="", accepted_on=None, closed_on=None, rectified_on=None,
            version=f.version + 1, updated_at=_utcnow()))
        chain.append("update", "findings", f.id, f"问题 {f.code}：{reason}",
                     old={"status": f.status, "accepted_by": f.accepted_by, "accepted_on": f.accepted_on,
                          "closed_on": f.closed_on, "rectified_on": f.rectified_on, "version": f.version},
                     new={"status": "in_progress", "accepted_by": "", "accepted_on": None, "closed_on": None,
                          "rectified_on": None})
        change_id = conn.execute(status_changes.insert().values(
            finding_id=f.id, from_status="closed", to_status="in_progress", changed_on=day, reason=reason,
            user_name=USER, created_at=_utcnow(), updated_at=_utcnow()).returning(status_changes.c.id)).scalar_one()
        chain.append("create", "finding_status_changes", change_id, f"问题 {f.code}：退回整改中",
                     new={"finding_id": f.id, "from_status": "closed", "to_status": "in_progress",
                          "changed_on": day, "reason": reason})
        note = "验收结论：基本完成，整改继续。"
        note_id = conn.execute(progress.insert().values(
            finding_id=f.id, noted_on=day, text=note, user_name=USER, created_at=_utcnow(), updated_at=_utcnow()
        ).returning(progress.c.id)).scalar_one()
        chain.append("create", "finding_progress", note_id, f"问题 {f.code} 进展：{note}",
                     new={"finding_id": f.id, "noted_on": day, "text": note})


def upgrade() -> None:
    _schema()
    conn = op.get_bind()
    chain = Chain(conn)
    _seed(conn, chain)
    _move_items(conn, chain)
    _move_methods(conn, chain)
    _admonish_records(conn, chain)
    _reopen_mostly_done(conn, chain)
    chain.close()


def downgrade() -> None:
    """The schema of 0010. The data moves are not undone (the audit rows say what they were)."""
    conn = op.get_bind()
    conn.execute(dict_items.delete().where(dict_items.c.domain.in_(["sanction_kind", *PLAIN])))
    conn.execute(dict_items.delete().where(dict_items.c.domain == "disposal_method",
                                           dict_items.c.code == "demote_post"))
    conn.execute(dict_items.delete().where(dict_items.c.domain == "clue_handling",
                                           dict_items.c.code.in_(list(CLEARED))))
    with op.batch_alter_table("ledger_methods", schema=None) as batch_op:
        batch_op.drop_column("wording")
    with op.batch_alter_table("dict_items", schema=None) as batch_op:
        batch_op.drop_column("bars")
        batch_op.drop_column("months")
        batch_op.drop_column("family")
    for table, columns in (("clue_people", ("unit_id", "person_id", "clue_id")),
                           ("clues", ("unit_id", "status", "sanction_id", "received_on", "ledger_entry_id",
                                      "handler_id")),
                           ("sanctions", ("unit_id", "person_id", "ledger_entry_id", "kind", "impact_end",
                                          "decided_on"))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))
        op.drop_table(table)
