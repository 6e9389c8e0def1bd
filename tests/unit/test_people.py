from __future__ import annotations

import pytest

from app.errors import PermissionDenied, StaleRecord, ValidationError
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import query as units_query
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY


def _unit(ws, actor, name="办公室", kind="office", **kw) -> int:
    with ws.writing() as s:
        return units_write.save_unit(s, actor, units_types.UnitDraft(name=name, kind=kind, **kw))


def _person(ws, actor, name, unit_id, **kw) -> int:
    with ws.writing() as s:
        return people_write.save_person(s, actor, people_types.PersonDraft(name=name, unit_id=unit_id, **kw))


def test_homonyms_are_told_apart_by_unit(workspace, editor):
    office = _unit(workspace, editor)
    museum = _unit(workspace, editor, "市博物馆", "affiliate")
    a = _person(workspace, editor, "张伟", office, position="科长")
    b = _person(workspace, editor, "张伟", museum, position="馆长")
    with workspace.reading() as s:
        found = people_query.find_people(s, "张伟")
        assert {p.id for p in found} == {a, b}
        assert {p.display for p in found} == {"张伟（办公室·科长）", "张伟（市博物馆·馆长）"}
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        people_write.save_person(s, editor, people_types.PersonDraft(name="张伟", unit_id=office))
    assert err.value.field == "name" and "同名" in err.value.message


def test_search_by_pinyin_initials_and_position(workspace, editor):
    office = _unit(workspace, editor)
    pid = _person(workspace, editor, "张三", office, position="财务科科长")
    _person(workspace, editor, "李四", office, position="科员")
    with workspace.reading() as s:
        assert people_query.search_people_ids(s, editor, people_types.PersonFilter(text="zs")) == [pid]
        assert people_query.search_people_ids(s, editor, people_types.PersonFilter(text="财务")) == [pid]
        assert people_query.search_people_ids(s, editor, people_types.PersonFilter(text="王五")) == []


def test_viewer_cannot_write_and_nothing_is_written(workspace, viewer, editor):
    office = _unit(workspace, editor)
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        people_write.save_person(s, viewer, people_types.PersonDraft(name="王五", unit_id=office))
    with workspace.reading() as s:
        assert people_query.search_people_ids(s, editor, people_types.PersonFilter()) == []


def test_stale_save_is_refused(workspace, editor):
    office = _unit(workspace, editor)
    pid = _person(workspace, editor, "王五", office)
    with workspace.reading() as s:
        opened = people_query.get_person(s, pid)
    _person(workspace, editor, "王五", office, id=pid, version=opened.version, position="科员")
    with pytest.raises(StaleRecord), workspace.writing() as s:
        people_write.save_person(s, editor, people_types.PersonDraft(name="王五", unit_id=office, id=pid,
                                                    version=opened.version, position="副科长"))
    with workspace.reading() as s:
        assert people_query.get_person(s, pid).position == "科员"


def test_position_change_moves_person_and_keeps_history(workspace, editor):
    office = _unit(workspace, editor)
    museum = _unit(workspace, editor, "市博物馆", "affiliate")
    pid = _person(workspace, editor, "赵六", office, position="科员", rank="一级科员")
    with workspace.writing() as s:
        people_write.record_position_change(s, editor, people_types.PositionChangeDraft(
            person_id=pid, changed_on=TODAY, to_unit_id=museum, to_position="副馆长",
            to_rank="四级调研员", is_promotion=True), TODAY)
    with workspace.reading() as s:
        person = people_query.get_person(s, pid)
        assert (person.unit_name, person.position, person.rank) == ("市博物馆", "副馆长", "四级调研员")
        (change,) = people_query.position_changes(s, editor, [pid])
        assert (change.from_unit_name, change.from_position, change.to_position) == ("办公室", "科员", "副馆长")


def test_referenced_unit_is_deactivated_not_deleted(workspace, editor):
    office = _unit(workspace, editor)
    pid = _person(workspace, editor, "钱七", office)
    with pytest.raises(ValidationError, match="不能删除"), workspace.writing() as s:
        units_write.delete_unit(s, editor, office)
    with pytest.raises(ValidationError, match="在册人员"), workspace.writing() as s:
        units_write.set_unit_active(s, editor, office, False)
    with workspace.writing() as s:
        people_write.set_person_active(s, editor, pid, False)
        units_write.set_unit_active(s, editor, office, False)
    with workspace.reading() as s:
        assert [u.active for u in units_query.list_units(s)] == [False]
