"""问题类别 by 纪律 and 四风, 谈话记录 numbered by year, 婚丧喜庆 kinds and checks, full-width labels

Schema:
- `dict_items` gain `discipline` (the 六项纪律 heading of a 问题类别), `style` (its 四风 heading,
  where one applies), `eight_rules` (a 中央八项规定精神 item, counted apart) and `forbidden`
  (a 报备事项 the rules say is not to be held: 不得操办);
- `ledger_entries.category` (问题类别, optional);
- `talks.end_time`, and the record number `talks.number_year` + `number_seq` (编号 2025-012),
  unique, given from `number_series` so that a number is never given twice;
- `ceremony_reports.relation` (whose event), `scope` (邀请范围) and `pledge_signed` (承诺书);
- `report_texts`: the text of a 工作总结 per period and scope, as the office writes it.

Data, each change with an audit row (user 系统升级) on the chain, so the 操作日志 says what moved:
- 问题类别 follows the 六项纪律 and the 四风: every item gets its headings, the seed's 三公经费,
  大额资金, 婚丧喜庆, 形式主义, 官僚主义 and the other 八项规定 items are added; 作风纪律 is now
  工作作风, 八项规定精神 is 其他违反中央八项规定精神问题 (the 八项规定 items are their own now);
  findings filed under 作风纪律, 八项规定精神 or 其他 move to the item their description names
  (公车 → 公车管理, 礼金 → 收送礼品礼金 …), those it does not name stay where they were;
- 报备事项 as offices write them: 婚嫁, 丧葬, and 满月, 寿宴, 乔迁, 升学 (不得操办 by default, as many
  local rules say: only 婚丧 may be held); a 其他喜庆 report whose 备注 names one of them moves to it;
- 谈话类型 gains 函询谈话; existing talks are numbered per year in date order;
- labels with ASCII brackets get full-width ones (责令公开道歉（检讨）).

Seals (db/seals.py, migration 0014): every record of a table that gains columns here (dict_items,
ledger_entries, talks, ceremony_reports) and every finding whose 问题类别 moved gets a `reseal`
row after the moves, so `check` holds them to what the upgrade left.

Revision ID: 0016
Revises: 0015
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from db import chain as links
from db import seals

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

USER = "系统升级"
RESEALER = "（升级程序）"  # as 0014's reseal rows
NOW = dt.datetime(2026, 1, 1)  # seeded items, as 0002's
TALK_SERIES = "talks"

# 问题类别: (code, label, aliases, discipline, style, eight_rules), in the order the form lists them.
CATEGORIES: list[tuple[str, str, tuple[str, ...], str, str, bool]] = [
    ("decisions", "贯彻落实决策部署不力", ("决策部署落实不力", "贯彻落实不力", "主体责任落实不力"), "political", "", False),
    ("ideology", "意识形态工作", ("意识形态", "意识形态责任制"), "political", "", False),
    ("major", "三重一大", ("“三重一大”", "三重一大事项", "“三重一大”事项", "“三重一大”决策"), "organization", "", False),
    ("large_funds", "大额资金", ("大额度资金", "大额度资金使用", "大额资金使用"), "organization", "", False),
    ("personnel", "选人用人", ("干部选拔任用", "选拔任用"), "organization", "", False),
    ("party_life", "组织生活", ("三会一课", "“三会一课”", "组织生活会", "党内政治生活"), "organization", "", False),
    ("reception", "公务接待", ("违规公务接待",), "integrity", "extravagance", True),
    ("car", "公车管理", ("公务用车", "公车使用", "公车私用"), "integrity", "hedonism", True),
    ("three_public", "三公经费", ("“三公”经费", "三公"), "integrity", "extravagance", True),
    ("office_space", "办公用房", ("办公用房超标",), "integrity", "extravagance", True),
    ("allowance", "津贴补贴", ("违规发放津贴补贴", "滥发津贴补贴", "违规发放福利"), "integrity", "hedonism", True),
    ("gifts", "收送礼品礼金", ("礼品礼金", "收受礼品礼金", "违规收送礼品礼金"), "integrity", "extravagance", True),
    ("banquet", "公款吃喝", ("违规吃喝", "公款宴请"), "integrity", "extravagance", True),
    ("travel", "公款旅游", ("公款旅游娱乐", "公款娱乐"), "integrity", "hedonism", True),
    ("ceremony", "婚丧喜庆", ("违规操办婚丧喜庆", "违规操办婚丧嫁娶", "大操大办"), "integrity", "extravagance", True),
    ("eight_rules", "其他违反中央八项规定精神问题", ("八项规定", "八项规定精神", "中央八项规定精神"), "integrity", "", True),
    ("funds", "专项资金", ("资金使用", "专项经费"), "integrity", "", False),
    ("business", "违规经商办企业", ("经商办企业",), "integrity", "", False),
    ("style", "工作作风", ("作风纪律", "工作纪律", "上班纪律", "考勤纪律"), "work", "", False),
    ("formalism", "形式主义", ("形式主义官僚主义", "文山会海", "过度留痕", "监督检查考核过多过频",
                            "督查检查考核过多过频"), "work", "formalism", False),
    ("bureaucratism", "官僚主义", ("不作为不担当", "遇事推诿", "推诿扯皮", "门难进脸难看事难办"),
     "work", "bureaucratism", False),
    ("finance", "财务管理", ("财务纪律", "财务", "财经纪律"), "work", "", False),
    ("masses", "侵害群众利益", ("损害群众利益", "吃拿卡要"), "masses", "", False),
    ("family", "家风家教", ("对亲属失管失教", "失管失教"), "life", "", False),
    ("lifestyle", "生活作风", ("生活奢靡", "餐饮浪费"), "life", "hedonism", False),
    ("other", "其他", (), "", "", False),
]
# A finding filed under one of these vague old items moves to the first item its description
# names (the words below); otherwise it stays.
VAGUE = ("style", "eight_rules", "other")
KEYWORDS: list[tuple[tuple[str, ...], str]] = [
    (("公务接待", "接待"), "reception"),
    (("公车", "公务用车"), "car"),
    (("三公",), "three_public"),
    (("办公用房",), "office_space"),
    (("礼金", "礼品"), "gifts"),
    (("津贴", "补贴", "福利", "购物卡"), "allowance"),
    (("吃喝", "宴请", "聚餐"), "banquet"),
    (("旅游",), "travel"),
    (("婚丧", "婚宴", "丧事", "喜庆", "寿宴", "升学宴", "乔迁"), "ceremony"),
    (("三重一大",), "major"),
    (("大额",), "large_funds"),
    (("专项资金", "专项经费"), "funds"),
    (("文山会海", "留痕", "过多过频", "形式主义"), "formalism"),
    (("推诿", "扯皮", "不作为", "不担当", "态度生硬", "官僚主义"), "bureaucratism"),
    (("选拔任用", "选人用人"), "personnel"),
    (("三会一课", "组织生活"), "party_life"),
    (("意识形态",), "ideology"),
    (("主体责任", "决策部署"), "decisions"),
    (("报销", "差旅", "现金", "挂账", "采购", "固定资产", "预算"), "finance"),
    (("上班时间", "脱岗", "迟到", "早退", "考勤", "值班", "网页", "纪律松散", "办件超时", "工作牌"), "style"),
]
# 报备事项: (code, label, aliases, forbidden); the three old items keep their codes.
CEREMONY_KINDS: list[tuple[str, str, tuple[str, ...], bool]] = [
    ("wedding", "婚嫁", ("婚", "婚礼", "结婚", "嫁娶", "婚事", "婚宴"), False),
    ("funeral", "丧葬", ("丧", "丧事", "葬礼", "白事"), False),
    ("full_month", "满月", ("满月酒", "百日宴", "百天"), True),
    ("birthday", "寿宴", ("生日宴", "祝寿", "做寿", "过寿", "寿辰"), True),
    ("housewarming", "乔迁", ("乔迁宴", "乔迁之喜", "新居落成"), True),
    ("school", "升学", ("升学宴", "谢师宴", "状元宴"), True),
    ("other", "其他喜庆", ("喜庆", "其他"), False),
]
CEREMONY_WORDS = {"full_month": ("满月", "百日"), "birthday": ("寿", "生日"), "housewarming": ("乔迁", "新居"),
                  "school": ("升学", "谢师", "考上", "录取")}
# 0002's items as seeded: a label an administrator changed is kept, their own aliases too.
SEEDED = {
    ("finding_category", "style"): ("作风纪律", ("工作作风", "工作纪律")),
    ("finding_category", "eight_rules"): ("八项规定精神", ("八项规定", "四风")),
    ("finding_category", "finance"): ("财务管理", ("财务纪律", "财务")),
    ("finding_category", "major"): ("三重一大", ("“三重一大”", "三重一大事项")),
    ("finding_category", "reception"): ("公务接待", ()),
    ("finding_category", "car"): ("公车管理", ("公务用车",)),
    ("finding_category", "funds"): ("专项资金", ("资金使用",)),
    ("finding_category", "other"): ("其他", ()),
    ("ceremony_kind", "wedding"): ("婚", ("婚礼", "结婚", "嫁娶", "婚嫁", "婚事")),
    ("ceremony_kind", "funeral"): ("丧", ("丧事", "葬礼", "丧葬", "白事")),
    ("ceremony_kind", "other"): ("其他喜庆", ("喜庆", "其他", "升学", "乔迁", "寿宴")),
    ("disposal_method", "apology"): ("责令公开道歉(检讨)", ("责令公开道歉", "公开道歉", "责令公开道歉（检讨）", "公开检讨")),
}
# Labels with ASCII brackets, now full-width (the old label stays an alias).
FULL_WIDTH = {("disposal_method", "apology"): ("责令公开道歉（检讨）",
                                               ("责令公开道歉", "公开道歉", "公开检讨", "责令公开道歉(检讨)"))}
TALK_TYPES = [("inquiry", "函询谈话", ("谈话函询",))]

dict_items = sa.table(
    "dict_items", sa.column("id", sa.Integer), sa.column("domain", sa.String), sa.column("code", sa.String),
    sa.column("label", sa.String), sa.column("aliases", sa.Text), sa.column("form", sa.Integer),
    sa.column("discipline", sa.String), sa.column("style", sa.String), sa.column("eight_rules", sa.Boolean),
    sa.column("forbidden", sa.Boolean), sa.column("sort_order", sa.Integer), sa.column("active", sa.Boolean),
    sa.column("builtin", sa.Boolean), sa.column("version", sa.Integer), sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime))
findings = sa.table(
    "findings", sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("description", sa.Text),
    sa.column("category", sa.String), sa.column("version", sa.Integer), sa.column("updated_at", sa.DateTime))
reports = sa.table(
    "ceremony_reports", sa.column("id", sa.Integer), sa.column("person_name", sa.String),
    sa.column("event_date", sa.Date), sa.column("kind", sa.String), sa.column("notes", sa.Text),
    sa.column("version", sa.Integer), sa.column("updated_at", sa.DateTime))
talks = sa.table(
    "talks", sa.column("id", sa.Integer), sa.column("talk_date", sa.Date), sa.column("start_time", sa.Time),
    sa.column("number_year", sa.Integer), sa.column("number_seq", sa.Integer))
series = sa.table("number_series", sa.column("series", sa.String), sa.column("year", sa.Integer),
                  sa.column("last", sa.Integer))
audit_log = sa.table(
    "audit_log", sa.column("id", sa.Integer), sa.column("at", sa.String), sa.column("user_name", sa.String),
    sa.column("action", sa.String), sa.column("entity", sa.String), sa.column("entity_id", sa.String),
    sa.column("summary", sa.Text), sa.column("old", sa.Text), sa.column("new", sa.Text),
    sa.column("seal", sa.Text), sa.column("prev_hash", sa.String), sa.column("hash", sa.String))


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Chain:
    """Appends audit rows after the head, as app/audit.record does (0014's trigger moves the head
    with each row that links to it)."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def append(self, action: str, entity: str, entity_id: object, summary: str,
               old: dict | None = None, new: dict | None = None, seal: str = "", user: str = USER) -> None:
        last_id, prev = links.locked_head(self.conn)
        at = _utcnow().isoformat(timespec="microseconds")
        old_text, new_text = ("" if v is None else links.canonical(v) for v in (old, new))
        row = links.payload(last_id + 1, at, user, action, entity, str(entity_id), summary, old_text, new_text, seal)
        self.conn.execute(audit_log.insert().values(
            id=last_id + 1, at=at, user_name=user, action=action, entity=entity, entity_id=str(entity_id),
            summary=summary, old=old_text, new=new_text, seal=seal, prev_hash=prev, hash=links.row_hash(prev, row)))

    def reseal(self, table: str, ids: list[int] | None, why: str) -> None:
        """One `reseal` row per record of `table` (or of `ids`), sealed as the database now holds
        it (columns a later revision adds are not there yet: `present`)."""
        inspector = sa.inspect(self.conn)
        columns = {name: {c["name"] for c in inspector.get_columns(name)} for name in inspector.get_table_names()}
        if ids is not None and not ids:
            return
        found = seals.read_seals(self.conn, table, ids, present=columns.__getitem__)
        for key in sorted(found, key=lambda k: int(k.partition(":")[2])):
            self.append(seals.RESEAL, table, key.partition(":")[2], why, seal=links.canonical({key: found[key]}),
                        user=RESEALER)


def _schema() -> None:
    with op.batch_alter_table("dict_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("discipline", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("style", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("eight_rules", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("forbidden", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("category", sa.String(length=40), nullable=False, server_default=""))
    with op.batch_alter_table("talks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("end_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("number_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("number_seq", sa.Integer(), nullable=True))
        # An index, not a constraint: SQLite would rebuild the table, which participants point at.
        batch_op.create_index("ix_talks_number", ["number_year", "number_seq"], unique=True)
    with op.batch_alter_table("ceremony_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("relation", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("scope", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("pledge_signed", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "number_series",
        sa.Column("series", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "year", name=op.f("pk_number_series")),
    )
    op.create_table(
        "report_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("scope", sa.Integer(), nullable=False),
        sa.Column("sections", sa.Text(), nullable=False),
        sa.Column("saved_by", sa.String(length=50), nullable=False),
        sa.Column("generated_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_texts")),
        sa.UniqueConstraint("period_start", "period_end", "scope",
                            name=op.f("uq_report_texts_period_start_period_end_scope")),
    )


def _upsert_items(conn: sa.Connection, chain: Chain, domain: str, wanted: list[dict]) -> None:
    """Each wanted item (code + fields) made so, audited: added where it does not exist; where it
    does, updated — but a label an administrator changed stays theirs, and so do the aliases
    they added (unless one is now another item's label or alias)."""
    rows = {r.code: r for r in conn.execute(sa.select(dict_items).where(dict_items.c.domain == domain))}
    taken = {w for values in wanted for w in (values.get("label"), *values.get("aliases", "").splitlines()) if w}
    for values in wanted:
        code = values["code"]
        row = rows.get(code)
        if row is None:
            full = {"domain": domain, "form": None, "discipline": "", "style": "", "eight_rules": False,
                    "forbidden": False, "active": True, "builtin": True, "version": 1,
                    "created_at": NOW, "updated_at": _utcnow(), **values}
            conn.execute(dict_items.insert().values(**full))
            item_id = conn.execute(sa.select(dict_items.c.id).where(
                dict_items.c.domain == domain, dict_items.c.code == code)).scalar_one()
            chain.append("create", "dict_items", item_id, f"升级：新增字典项“{values['label']}”",
                         new={k: v for k, v in full.items() if k not in ("created_at", "updated_at")} | {"id": item_id})
            continue
        values = dict(values)
        seeded_label, seeded_aliases = SEEDED.get((domain, code), (None, ()))
        if "label" in values and seeded_label is not None and row.label != seeded_label:
            del values["label"]  # renamed by the office
        if "aliases" in values:
            own = [a for a in row.aliases.splitlines() if a.strip() and a not in seeded_aliases and a not in taken]
            values["aliases"] = "\n".join(dict.fromkeys([*values["aliases"].splitlines(), *own]))
        changes = {k: v for k, v in values.items() if k != "code" and getattr(row, k) != v}
        if not changes:
            continue
        old = {k: getattr(row, k) for k in changes}
        conn.execute(dict_items.update().where(dict_items.c.id == row.id).values(
            **changes, version=row.version + 1, updated_at=_utcnow()))
        what = f"改为“{changes['label']}”" if "label" in changes else "更新（纪律、“四风”归类，不得操办，别名）"
        chain.append("update", "dict_items", row.id, f"升级：字典项“{row.label}”{what}",
                     old=old | {"version": row.version}, new=changes)


def _categories(conn: sa.Connection, chain: Chain) -> list[int]:
    """The 问题类别 items with their headings; findings moved to the item their description names
    (their ids returned)."""
    _upsert_items(conn, chain, "finding_category", [
        {"code": code, "label": label, "aliases": "\n".join(aliases), "discipline": discipline, "style": style,
         "eight_rules": eight, "sort_order": order}
        for order, (code, label, aliases, discipline, style, eight) in enumerate(CATEGORIES)])
    labels = {code: label for code, label, *_ in CATEGORIES}
    moved = []
    for fid, code, text, category, version in conn.execute(
            sa.select(findings.c.id, findings.c.code, findings.c.description, findings.c.category,
                      findings.c.version).where(findings.c.category.in_(VAGUE)).order_by(findings.c.id)):
        new = next((target for words, target in KEYWORDS if any(w in text for w in words)), category)
        if new == category:
            continue
        conn.execute(findings.update().where(findings.c.id == fid).values(
            category=new, version=version + 1, updated_at=_utcnow()))
        chain.append("update", "findings", fid,
                     f"升级：问题{code or fid}的问题类别由“{category}”归入“{labels[new]}”（按问题描述）",
                     old={"category": category, "version": version}, new={"category": new})
        moved.append(fid)
    return moved


def _ceremony_kinds(conn: sa.Connection, chain: Chain) -> None:
    _upsert_items(conn, chain, "ceremony_kind", [
        {"code": code, "label": label, "aliases": "\n".join(aliases), "forbidden": forbidden, "sort_order": order}
        for order, (code, label, aliases, forbidden) in enumerate(CEREMONY_KINDS)])
    labels = {code: label for code, label, *_ in CEREMONY_KINDS}
    for rid, name, day, notes, version in conn.execute(
            sa.select(reports.c.id, reports.c.person_name, reports.c.event_date, reports.c.notes,
                      reports.c.version).where(reports.c.kind == "other").order_by(reports.c.id)):
        new = next((code for code, words in CEREMONY_WORDS.items() if any(w in notes for w in words)), None)
        if new is None:
            continue
        conn.execute(reports.update().where(reports.c.id == rid).values(
            kind=new, version=version + 1, updated_at=_utcnow()))
        chain.append("update", "ceremony_reports", rid,
                     f"升级：{day:%Y-%m-%d} {name} 的报备事项由“其他喜庆”改为“{labels[new]}”（按备注）",
                     old={"kind": "other", "version": version}, new={"kind": new})


def _labels(conn: sa.Connection, chain: Chain) -> None:
    for (domain, code), (label, aliases) in FULL_WIDTH.items():
        _upsert_items(conn, chain, domain, [{"code": code, "label": label, "aliases": "\n".join(aliases)}])
    present = {r.code: r for r in conn.execute(sa.select(dict_items).where(dict_items.c.domain == "talk_type"))}
    other = present.get("other")
    order = other.sort_order if other is not None else 100
    wanted = [{"code": code, "label": label, "aliases": "\n".join(aliases), "sort_order": order + n}
              for n, (code, label, aliases) in enumerate(TALK_TYPES) if code not in present]
    if other is not None and wanted:
        wanted.append({"code": "other", "sort_order": order + len(wanted)})  # 其他 stays last
    _upsert_items(conn, chain, "talk_type", wanted)


def _number_talks(conn: sa.Connection, chain: Chain) -> None:
    """Every talk gets the number of its year in date order (then time, then id)."""
    last: dict[int, int] = {}
    rows = conn.execute(sa.select(talks.c.id, talks.c.talk_date).order_by(
        talks.c.talk_date, talks.c.start_time, talks.c.id)).all()
    for talk_id, day in rows:
        seq = last[day.year] = last.get(day.year, 0) + 1
        conn.execute(talks.update().where(talks.c.id == talk_id).values(number_year=day.year, number_seq=seq))
    for year, seq in sorted(last.items()):
        conn.execute(series.insert().values(series=TALK_SERIES, year=year, last=seq))
    if rows:
        years = "、".join(f"{y}年 {n} 条" for y, n in sorted(last.items()))
        chain.append("update", "talks", "", f"升级：已有谈话记录按年度编号（{years}）")


def upgrade() -> None:
    _schema()
    conn = op.get_bind()
    chain = Chain(conn)
    moved = _categories(conn, chain)
    _ceremony_kinds(conn, chain)
    _labels(conn, chain)
    _number_talks(conn, chain)
    why = "升级：问题类别、谈话编号和婚丧喜庆报备的新字段，重新封存"
    for table in ("dict_items", "ledger_entries", "talks", "ceremony_reports"):
        chain.reseal(table, None, why)
    chain.reseal("findings", moved, why)


def downgrade() -> None:
    """The schema before. The data moves are not undone (the audit rows say what they were)."""
    op.drop_table("report_texts")
    op.drop_table("number_series")
    with op.batch_alter_table("ceremony_reports", schema=None) as batch_op:
        batch_op.drop_column("pledge_signed")
        batch_op.drop_column("scope")
        batch_op.drop_column("relation")
    # Not batch mode: SQLite (3.35+) drops a column in place; rebuilding talks or ledger_entries
    # would fail while the rows that point at them exist.
    op.drop_index("ix_talks_number", table_name="talks")
    for column in ("number_seq", "number_year", "end_time"):
        op.drop_column("talks", column)
    op.drop_column("ledger_entries", "category")
    with op.batch_alter_table("dict_items", schema=None) as batch_op:
        batch_op.drop_column("forbidden")
        batch_op.drop_column("eight_rules")
        batch_op.drop_column("style")
        batch_op.drop_column("discipline")
