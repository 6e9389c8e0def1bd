"""Schema 0016 on a workspace of 0010 with data: findings under the old vague 问题类别 move to the
item their description names, 其他喜庆 reports whose 备注 name a 满月 or 升学宴 move to that kind,
an office's renamed item and own aliases stay theirs, talks are numbered per year in date order
and the next talk continues the count — each change with an audit row, the chain whole, every
record it touched resealed so that `check` stays clean."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Time, bindparam, text
from sqlalchemy.orm import Session

from app.audit import GENESIS, verify_chain, verify_seals
from db import migrate
from db.session import make_engine, sqlite_url

D = dt.date(2025, 3, 10)


def _insert(conn, table: str, **values: object) -> int:
    values.setdefault("version", 1)
    now = dt.datetime(2025, 3, 10, 9)
    values.setdefault("created_at", now)
    values.setdefault("updated_at", now)
    columns = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    statement = text(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id")
    if "start_time" in values:  # a time column: bound as the dialect stores it
        statement = statement.bindparams(bindparam("start_time", type_=Time))
    return conn.execute(statement, values).scalar_one()


def _world_at_0010(url: str):
    engine = make_engine(url)
    migrate.upgrade(engine, "0010")
    ids: dict[str, int] = {}
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, :h) "
                          "ON CONFLICT (id) DO NOTHING"), {"h": GENESIS})
        unit = _insert(conn, "units", name="办公室", kind="office", sort_order=1, active=True, notes="")
        person = _insert(conn, "people", name="张三", pinyin="zs", unit_id=unit, position="科员", rank="",
                         political_status="cpc", is_leader=False, key_post="", staff_no="", gender="",
                         active=True, notes="")

        def finding(description: str, category: str) -> int:
            return _insert(conn, "findings", source="inspection", found_on=D, unit_id=unit, description=description,
                           category=category, requirement="", measures="", resp_person_name="", resp_leader="",
                           kind="", status="pending", result="", accepted_by="", revisit=False, notes="", code="")

        ids["reception"] = finding("公务接待无公函，陪餐人数超过规定", "eight_rules")
        ids["cards"] = finding("节日期间违规发放购物卡", "eight_rules")
        ids["plain_eight"] = finding("违反八项规定精神的其他问题", "eight_rules")
        ids["slow"] = finding("群众反映窗口办事推诿扯皮", "style")
        ids["late"] = finding("上班时间脱岗", "style")
        ids["finance"] = finding("差旅费超标准报销", "finance")

        def report(kind: str, notes: str) -> int:
            return _insert(conn, "ceremony_reports", person_id=person, person_name="张三", unit_id=unit,
                           unit_name="办公室", position="科员", kind=kind, event_date=D, place="", public_car=False,
                           public_funds=False, subordinate_gifts=False, reported_on=D, notes=notes)

        ids["month"] = report("other", "孩子满月")
        ids["school"] = report("other", "升学宴")
        ids["other"] = report("other", "开业")
        ids["wedding"] = report("wedding", "子女结婚")

        def talk(day: dt.date, start: dt.time | None) -> int:
            talk_id = _insert(conn, "talks", kind="heart", talk_date=day, start_time=start, place="", reason="",
                              content="谈心", response="", follow_up="", signed=False)
            conn.execute(text("INSERT INTO talk_participants (talk_id, role, seq, person_id, name, unit_id, "
                              "unit_name, position) VALUES (:t, 'talkee', 0, :p, '张三', :u, '办公室', '科员')"),
                         {"t": talk_id, "p": person, "u": unit})
            return talk_id

        ids["t2025b"] = talk(dt.date(2025, 6, 1), dt.time(9, 0))
        ids["t2024"] = talk(dt.date(2024, 12, 30), None)
        ids["t2025a"] = talk(dt.date(2025, 1, 5), dt.time(15, 0))
        ids["t2025c"] = talk(dt.date(2025, 6, 1), dt.time(14, 0))
        # The office renamed 财务管理 and gave 公车管理 an alias of its own.
        conn.execute(text("UPDATE dict_items SET label = '财务纪律问题' WHERE domain = 'finding_category' "
                          "AND code = 'finance'"))
        conn.execute(text("UPDATE dict_items SET aliases = aliases || :a WHERE domain = 'finding_category' "
                          "AND code = 'car'"), {"a": "\n车辆管理"})
    return engine, ids


def _check(url: str) -> None:
    engine, ids = _world_at_0010(url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        def category(key: str) -> str:
            return conn.execute(text("SELECT category FROM findings WHERE id = :i"), {"i": ids[key]}).scalar()

        assert [category(k) for k in ("reception", "cards", "plain_eight", "slow", "late", "finance")] == [
            "reception", "allowance", "eight_rules", "bureaucratism", "style", "finance"]
        kinds = {k: conn.execute(text("SELECT kind FROM ceremony_reports WHERE id = :i"), {"i": ids[k]}).scalar()
                 for k in ("month", "school", "other", "wedding")}
        assert kinds == {"month": "full_month", "school": "school", "other": "other", "wedding": "wedding"}
        items = {code: (label, aliases, discipline, style, bool(eight)) for code, label, aliases, discipline, style, eight
                 in conn.execute(text("SELECT code, label, aliases, discipline, style, eight_rules FROM dict_items "
                                      "WHERE domain = 'finding_category'"))}
        assert items["finance"][0] == "财务纪律问题"            # the office's name stays
        assert "车辆管理" in items["car"][1].splitlines()        # and its alias
        assert items["eight_rules"][0] == "其他违反中央八项规定精神问题" and "四风" not in items["eight_rules"][1]
        assert items["three_public"][2:] == ("integrity", "extravagance", True)
        label = conn.execute(text("SELECT label FROM dict_items WHERE domain = 'disposal_method' "
                                  "AND code = 'apology'")).scalar()
        assert label == "责令公开道歉（检讨）"
        numbers = {k: conn.execute(text("SELECT number_year, number_seq FROM talks WHERE id = :i"),
                                   {"i": ids[k]}).one() for k in ("t2024", "t2025a", "t2025b", "t2025c")}
        assert {k: tuple(v) for k, v in numbers.items()} == {
            "t2024": (2024, 1), "t2025a": (2025, 1), "t2025b": (2025, 2), "t2025c": (2025, 3)}
        assert conn.execute(text("SELECT last FROM number_series WHERE series = 'talks' AND year = 2025")).scalar() == 3
        audited = {(e, i) for e, i in conn.execute(text(
            "SELECT entity, entity_id FROM audit_log WHERE user_name = '系统升级'"))}
        for key in ("reception", "cards", "slow"):
            assert ("findings", str(ids[key])) in audited
        for key in ("plain_eight", "late", "finance"):
            assert ("findings", str(ids[key])) not in audited
        assert ("ceremony_reports", str(ids["month"])) in audited and ("talks", "") in audited
        resealed = {(e, i) for e, i in conn.execute(text(
            "SELECT entity, entity_id FROM audit_log WHERE action = 'reseal' AND summary LIKE '%问题类别、谈话编号%'"))}
        assert ("findings", str(ids["reception"])) in resealed and ("findings", str(ids["finance"])) not in resealed
        assert {("talks", str(ids[k])) for k in ("t2024", "t2025a")} <= resealed
    with Session(engine) as session:
        report = verify_chain(session)
        assert report.ok, report.problem
        # 0014 sealed every record; 0016 resealed what it added columns to or moved: check is clean
        assert verify_seals(session) == []
    engine.dispose()


def test_upgrade_maps_old_categories_kinds_and_numbers_talks_on_sqlite(tmp_path):
    _check(sqlite_url(tmp_path / "old.sqlite3"))


def test_upgrade_maps_old_categories_kinds_and_numbers_talks_on_postgresql(empty_pg_url):
    _check(empty_pg_url)


def test_downgrade_to_0010_and_upgrade_again(tmp_path):
    from alembic import command

    engine, _ids = _world_at_0010(sqlite_url(tmp_path / "again.sqlite3"))
    migrate.upgrade(engine)
    with engine.begin() as conn:
        command.downgrade(migrate._alembic_config(conn), "0010")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM number_series")).scalar() == 2
    engine.dispose()
