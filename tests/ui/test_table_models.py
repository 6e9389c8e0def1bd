"""Every table model passes pytest-qt's model tester, on real rows from the services."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.dictionaries import load_vocabulary
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from ui.dialogs.person_dialog import HISTORY_COLUMNS
from ui.models.columns import SORT_ROLE, RowsTableModel
from ui.models.register_model import RegisterTableModel
from ui.pages import admin_dictionaries, people_page


def test_people_register_model(qtbot, qtmodeltester, workspace, admin, bureau):
    model = RegisterTableModel(workspace, people_page.COLUMNS, people_query.people_rows, page_size=2)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(lambda s, key, desc: people_query.search_people_ids(
            s, admin, people_types.PersonFilter(include_inactive=True), key, desc))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4  # the tester fetched the rest


def test_dictionary_model_sorts_on_raw_values(qtmodeltester, workspace):
    with workspace.reading() as s:
        entries = load_vocabulary(s).entries("disposal_method", include_inactive=True)
    model = RowsTableModel(admin_dictionaries.COLUMNS, entries)
    qtmodeltester.check(model, force_py=True)
    model.sort(3, Qt.SortOrder.DescendingOrder)  # 排序: numbers, not strings ("9" < "10")
    orders = [model.index(r, 3).data(SORT_ROLE) for r in range(model.rowCount())]
    assert orders == sorted(orders, reverse=True) and len(orders) > 10


def test_position_history_model(qtmodeltester, workspace, admin, bureau):
    with workspace.writing() as s:
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            person_id=bureau.li_si, changed_on=workspace.today(), to_unit_id=bureau.finance,
            to_position="副科长", is_promotion=True), workspace.today())
    with workspace.reading() as s:
        rows = people_query.position_changes(s, admin, [bureau.li_si])
    model = RowsTableModel(HISTORY_COLUMNS, rows)
    qtmodeltester.check(model, force_py=True)
    assert [model.index(0, c).data() for c in (1, 3, 4, 6)] == ["办公室", "财务科", "副科长", "是"]


def test_a_name_a_column_may_cut_shows_whole_on_hover():
    """Every table: a cell whose text may not fit its column carries it whole as its tooltip."""
    from PySide6.QtCore import Qt

    from ui.models.columns import Column, RowsTableModel

    class Row:
        def __init__(self, unit: str) -> None:
            self.unit, self.id = unit, 1

    model = RowsTableModel((Column("unit", "单位", 92),), [Row("市文化市场综合执法支队"), Row("办公室")])
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "市文化市场综合执法支队"
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) is None
