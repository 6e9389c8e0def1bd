from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.services import people as svc
from ui.models.columns import Column
from ui.models.register_model import RegisterTableModel

COLUMNS = (Column("name", "姓名", sort_key="name"), Column("unit_name", "单位", sort_key="unit"),
           Column("is_leader", "班子成员", sort_key="is_leader"), Column("notes", "备注"))


def _model(ws, actor, qtbot, page_size=2, filt=svc.PersonFilter()):  # noqa: ANN001
    model = RegisterTableModel(ws, COLUMNS, svc.people_rows, page_size=page_size, sort_column=1)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(lambda s, key, desc: svc.search_people_ids(s, actor, filt, key, desc))
    return model


def test_rows_are_fetched_by_page_and_sorted_in_sql(qtbot, workspace, admin, bureau):
    model = _model(workspace, admin, qtbot)
    assert model.total_count() == 4 and model.rowCount() == 2
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4 and not model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.sort(0, Qt.SortOrder.AscendingOrder)  # by pinyin: 李四 王五 张三 张伟
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["李四", "王五"]  # a reload starts again from the first page
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["张伟", "张三"]
    assert model.row_at(0).is_leader is True and model.index(0, 2).data() == "是"  # raw row, shown text
    assert model.row_of_id(bureau.li_si) == 3 and model.rowCount() == 4


def test_register_model_passes_modeltester(qtbot, qtmodeltester, workspace, admin, bureau):
    model = _model(workspace, admin, qtbot, page_size=3)
    qtmodeltester.check(model, force_py=True)
