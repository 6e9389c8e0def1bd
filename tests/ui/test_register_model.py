from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.registers.people import query as people_query
from app.registers.people import types as people_types
from ui.models.columns import Column
from ui.models.register_model import RegisterTableModel

COLUMNS = (Column("name", "姓名", sort_key="name"), Column("unit_name", "单位", sort_key="unit"),
           Column("is_leader", "班子成员", sort_key="is_leader"), Column("notes", "备注"))


def _model(ws, actor, qtbot, page_size=2, filt=people_types.PersonFilter()):  # noqa: ANN001
    model = RegisterTableModel(ws, COLUMNS, people_query.people_rows, page_size=page_size, sort_column=1)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(lambda s, key, desc: people_query.search_people_ids(s, actor, filt, key, desc))
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


def _paged_query(ws, actor, calls: list, filt=people_types.PersonFilter()):  # noqa: ANN001, ANN202
    def fetch(session, key, desc, limit=None):  # noqa: ANN001, ANN202
        calls.append(limit)
        return people_query.search_people_ids(session, actor, filt, key, desc, limit=limit)

    return fetch


def test_the_first_page_is_shown_before_the_count(qtbot, workspace, admin, bureau):
    """A query that takes limit= is asked for the first page, whose rows show at once; the whole
    id list (共 N 条, scrolling) follows in the same read, and `loaded` comes after."""
    model = RegisterTableModel(workspace, COLUMNS, people_query.people_rows, page_size=2, sort_column=1)
    calls: list = []
    seen: dict[str, object] = {}
    model.first_rows.connect(lambda: seen.update(
        rows=model.rowCount(), current=model.rows_current, loading=model.is_loading,
        names=[model.index(r, 0).data() for r in range(model.rowCount())]))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(_paged_query(workspace, admin, calls))
    assert calls == [2, None]  # the first page (LIMIT 2: a page smaller than a screen), every id
    names = seen.pop("names")
    assert seen == {"rows": 2, "current": True, "loading": True}
    assert model.total_count() == 4 and model.rowCount() == 2 and not model.is_loading
    assert [model.index(r, 0).data() for r in range(2)] == names  # the same first page
    assert [r.id for r in model.loaded_rows()] == model.ids()[:2]
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4
    assert model.row_of_id(bureau.zhang_wei_museum) == model.ids().index(bureau.zhang_wei_museum)


def test_a_query_without_limit_loads_in_one_step(qtbot, workspace, admin, bureau):
    model = RegisterTableModel(workspace, COLUMNS, people_query.people_rows, page_size=2, sort_column=1)
    first: list[int] = []
    model.first_rows.connect(lambda: first.append(model.rowCount()))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(lambda s, key, desc: people_query.search_people_ids(s, admin, people_types.PersonFilter(), key, desc))
    assert first == [] and model.total_count() == 4 and model.rows_current


def test_the_count_waits_for_the_first_rows_to_be_painted(qtbot, workspace, admin, bureau):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QTableView

    model = RegisterTableModel(workspace, COLUMNS, people_query.people_rows, page_size=2, sort_column=1)
    view = QTableView()
    view.setModel(model)
    model.watch_paints(view.viewport())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    paints: list[bool] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if watched is view.viewport() and event.type() == QEvent.Type.Paint:
                paints.append(model.rows_current)
            return False

    watcher = Paints()
    view.viewport().installEventFilter(watcher)
    painted_before_count: list[bool] = []
    model.loaded.connect(lambda: painted_before_count.append(True in paints))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(_paged_query(workspace, admin, []))
    assert painted_before_count == [True]  # the rows were on screen before the ids were read


def test_the_rest_of_the_first_page_follows_the_first_screen(qtbot, workspace, admin, bureau, monkeypatch):
    from ui.models import register_model

    monkeypatch.setattr(register_model, "SHOWN_FIRST", 3)
    model = RegisterTableModel(workspace, COLUMNS, people_query.people_rows, page_size=100, sort_column=1)
    calls: list = []
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(_paged_query(workspace, admin, calls))
    assert calls == [3, None]  # a screen of rows first; the page's rest is read with the ids
    assert model.rowCount() == 4 and not model.canFetchMore(QModelIndex())  # and joins them
    assert [r.id for r in model.loaded_rows()] == model.ids()


def test_row_numbers_follow_the_query_order_and_cells_keep_colours(qtbot, workspace, admin, bureau):
    from PySide6.QtGui import QColor

    columns = (Column("seq", "序号", row_number=True, value=lambda _row: None),
               Column("name", "姓名", sort_key="name", color=lambda row: "#c0392b" if row.is_leader else None,
                      tooltip=True))
    model = RegisterTableModel(workspace, columns, people_query.people_rows, page_size=2, sort_column=1)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_query(_paged_query(workspace, admin, [], people_types.PersonFilter(include_inactive=True)))
    model.fetchMore(QModelIndex())
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["1", "2", "3", "4"]
    leaders = [model.row_at(r).is_leader for r in range(4)]
    colours = [model.index(r, 1).data(Qt.ItemDataRole.ForegroundRole) for r in range(4)]
    assert [isinstance(c, QColor) and c.name() == "#c0392b" for c in colours] == leaders
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == model.index(0, 1).data()
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


def test_a_reload_shows_its_rows_in_the_cells_of_the_last_without_what_they_carried(
        qtbot, qtmodeltester, workspace, admin, bureau):
    """The cells of the rows shown before are given the next rows' texts (not built again): a
    colour, a background or a tooltip of the earlier row in that place is gone, the column's
    alignment stays, and every reload — fewer rows, more rows — reads as a fresh one would."""
    from ui.models.columns import CENTER

    state = {"marked": True}
    columns = (Column("seq", "序号", align=CENTER, row_number=True, value=lambda _row: None),
               Column("name", "姓名", width=400, sort_key="name",
                      color=lambda row: "#c0392b" if state["marked"] else None,
                      background=lambda row: "#fff3cd" if state["marked"] else None),
               Column("unit_name", "单位", width=400, tooltip=True))
    filters = {"all": people_types.PersonFilter(include_inactive=True),
               "one": people_types.PersonFilter(include_inactive=True, text="李四")}
    which = {"filter": "all"}
    model = RegisterTableModel(workspace, columns, people_query.people_rows, page_size=2, sort_column=1)

    def query(session, key, desc, limit=None):  # noqa: ANN001, ANN202
        return people_query.search_people_ids(session, admin, filters[which["filter"]], key, desc, limit=limit)

    def reload() -> None:
        with qtbot.waitSignal(model.loaded, timeout=5000):
            model.set_query(query)

    reload()
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4
    assert all(model.index(r, 1).data(Qt.ItemDataRole.BackgroundRole) is not None for r in range(4))
    state["marked"] = False
    for shown in ("one", "all", "one", "all"):
        which["filter"] = shown
        reload()
        model.fetchMore(QModelIndex())
        rows = model.loaded_rows()
        assert [r.id for r in rows] == model.ids()
        for number, row in enumerate(rows):
            assert model.index(number, 0).data() == str(number + 1)
            assert model.index(number, 0).data(Qt.ItemDataRole.TextAlignmentRole) is not None
            assert model.index(number, 1).data() == row.name
            assert model.index(number, 1).data(Qt.ItemDataRole.ForegroundRole) is None
            assert model.index(number, 1).data(Qt.ItemDataRole.BackgroundRole) is None
            assert model.index(number, 1).data(Qt.ItemDataRole.ToolTipRole) is None  # wide enough
            assert model.index(number, 2).data(Qt.ItemDataRole.ToolTipRole) == row.unit_name  # tooltip=True
        assert model.rowCount() == (1 if shown == "one" else 4)
    qtmodeltester.check(model, force_py=True)


def test_a_first_screen_leaves_the_rows_below_it_unseen_until_the_rest_comes(qtbot, qtmodeltester, workspace):
    """A reload's first screen, filling a view at its top, leaves the rows below it in the table
    (unseen; `row_at` gives None) until the rest of the page is given their cells, and what the
    query no longer has is taken out; a screen the query does not fill, or a view scrolled down,
    keeps nothing of the last query's rows."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QTableView

    records = {n: SimpleNamespace(id=n, name=f"第{n}条") for n in range(1, 61)}
    query = {"ids": list(records)}

    def fetch_ids(_session, _key, descending, limit=None):  # noqa: ANN001, ANN202
        ids = sorted(query["ids"], reverse=descending)
        return ids[:limit] if limit is not None else ids

    def fetch_rows(_session, ids):  # noqa: ANN001, ANN202
        return [records[n] for n in ids]

    model = RegisterTableModel(workspace, (Column("name", "名称", sort_key="name"),), fetch_rows, page_size=40)
    view = QTableView()
    view.setModel(model)
    model.watch_paints(view.viewport())
    qtbot.addWidget(view)
    view.resize(400, 420)
    view.show()
    qtbot.waitExposed(view)
    seen: list[tuple[int, list[str], object]] = []
    model.first_rows.connect(lambda: seen.append(
        (model.rowCount(), [model.index(r, 0).data() for r in range(len(model.loaded_rows()))],
         model.row_at(len(model.loaded_rows())))))

    def reload(descending: bool) -> None:
        model.descending = descending
        seen.clear()
        with qtbot.waitSignal(model.loaded, timeout=5000):
            model.set_query(fetch_ids)

    def shown() -> list[str]:
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    reload(False)
    assert shown() == [f"第{n}条" for n in range(1, 41)]
    reload(True)  # the first screen over the last query's rows: those below it stay, unseen
    rows, first, below = seen[0]
    assert first == [f"第{n}条" for n in range(60, 60 - len(first), -1)] and len(first) < 40
    assert rows == 40 and below is None
    assert shown() == [f"第{n}条" for n in range(60, 20, -1)]  # given the rest's cells
    query["ids"] = list(range(1, 13))  # fewer than the page: what is left over is taken out
    reload(True)
    assert shown() == [f"第{n}条" for n in range(12, 0, -1)]
    assert [r.id for r in model.loaded_rows()] == model.ids()
    query["ids"] = [3, 1]  # a screen the query does not fill: nothing of the last rows stays
    reload(False)
    assert seen[0][0] == 2 and shown() == ["第1条", "第3条"]
    query["ids"] = list(records)
    reload(False)
    view.scrollToBottom()  # scrolled down: the last rows would show, so they are taken out
    reload(True)
    assert seen[0][0] == len(seen[0][1])
    assert shown() == [f"第{n}条" for n in range(60, 20, -1)]
    qtmodeltester.check(model, force_py=True)
