"""A register page's first screen: read on the GUI thread — no worker, shown before `refresh()`
returns — only when it is one screenful in an order an index gives (the page's INDEXED_SORTS)
under filters that do not make the read walk past records, for a user of every unit, from a
local file; anything else (a text search, a filter that tests each record, a unit-limited user,
a server's network round trips) is read on the worker. Either way the whole load (the id list,
the count, the figures) follows on the worker."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.types import CeremonyDraft
from tests.ui.pages import shown
from ui.pages.base import RegisterPage
from ui.pages.ceremonies_page import CeremoniesPage
from ui.pages.registry import registered_pages

D = dt.date


@pytest.fixture
def reports(workspace, admin, bureau) -> list[int]:  # noqa: ANN001
    """Three reports; the wedding reported two days before it is late (7 working days due)."""
    drafts = [CeremonyDraft(person_id=bureau.zhang_san, kind="wedding", event_date=D(2026, 7, 18),
                            reported_on=D(2026, 6, 15), place="锦江饭店", tables=12, guests=120),
              CeremonyDraft(person_id=bureau.li_si, kind="wedding", event_date=D(2026, 9, 19),
                            reported_on=D(2026, 9, 17), place="家中", tables=5, guests=50),
              CeremonyDraft(person_id=bureau.wang_wu, kind="funeral", event_date=D(2026, 5, 2),
                            reported_on=D(2026, 5, 6), place="殡仪馆")]
    with workspace.writing() as s:
        return [ceremonies_write.save_report(s, admin, d, D(2026, 11, 28)) for d in drafts]


def _page(qtbot, workspace, actor) -> CeremoniesPage:  # noqa: ANN001
    return shown(qtbot, CeremoniesPage(workspace, actor))


def _names(page: RegisterPage) -> list[str]:
    return [page.model.index(r, 1).data().split("（")[0] for r in range(page.model.rowCount())]


def test_an_indexed_first_screen_is_shown_before_refresh_returns_and_the_rest_follows(
        qtbot, workspace, admin, reports):  # noqa: ANN001
    page = _page(qtbot, workspace, admin)
    local = workspace.is_sqlite  # a server's statements are network round trips: the worker's
    page.refresh()
    assert page.model.rows_current is local and page.model.is_loading  # the count still to come
    qtbot.waitUntil(lambda: page.model.rows_current, timeout=5000)
    assert _names(page) == ["李四", "张三", "王五"]  # newest event first
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert page.model.total_count() == 3 and page.figures().late == 1
    page.late_check.setChecked(True)  # 仅迟报: the stored flag's index, inline too
    assert page.model.rows_current is local
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert _names(page) == ["李四"]
    assert page.count_label.text().startswith("共 1 条")


@pytest.mark.parametrize("narrowing", ["text", "kind", "limited"])
def test_a_first_screen_that_would_walk_records_is_read_on_the_worker(
        qtbot, workspace, admin, bureau, reports, narrowing):  # noqa: ANN001
    actor = replace(admin, unit_ids=frozenset({bureau.finance})) if narrowing == "limited" else admin
    page = _page(qtbot, workspace, actor)
    if narrowing == "text":
        page.search_box.blockSignals(True)
        page.search_box.setText("张三")
        page.search_box.blockSignals(False)
    elif narrowing == "kind":
        page.kind_filter.blockSignals(True)
        page.kind_filter.set_code("wedding")
        page.kind_filter.blockSignals(False)
    page.refresh()
    assert not page.model.rows_current  # nothing read on the GUI thread
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert page.model.rows_current
    expected = {"text": ["张三"], "kind": ["李四", "张三"], "limited": ["张三"]}[narrowing]
    assert _names(page) == expected


def test_every_register_pages_indexed_sorts_are_sort_keys_of_its_own_columns(qtbot, workspace, admin):  # noqa: ANN001
    """A key named in INDEXED_SORTS that no column sorts by would never be used (a typo, or a
    column renamed): every register page, tabs included, is walked."""
    checked = 0
    for spec in registered_pages():
        widget = spec.factory(workspace, admin)
        qtbot.addWidget(widget)
        pages = [widget] if isinstance(widget, RegisterPage) else widget.findChildren(RegisterPage)
        for page in pages:
            keys = {column.sort_key for column in page.model.columns if column.sort_key}
            assert page.INDEXED_SORTS <= keys, (type(page).__name__, page.INDEXED_SORTS - keys)
            checked += bool(page.INDEXED_SORTS)
    assert checked >= 4  # talks, findings, ledger, 报备


@pytest.mark.parametrize("narrowing", ["", "leaders", "inactive", "key_post", "unit", "descending"])
def test_people_by_unit_is_read_inline_unless_a_filter_walks(qtbot, workspace, admin, bureau, narrowing):  # noqa: ANN001
    """人员与单位 by unit, either way: the units' order index, then each unit's active people
    (班子成员 a range of it) — inline; 含已停用 (not in that index), 重要岗位 (tested per person)
    and a unit with those below it (their people sorted) on the worker."""
    from PySide6.QtCore import Qt

    from app.registers.people import query as people_query
    from ui.pages.people_page import PeoplePage

    page = shown(qtbot, PeoplePage(workspace, admin))
    checks = {"leaders": page.leaders_check, "inactive": page.inactive_check, "key_post": page.key_post_check}
    if narrowing in checks:
        checks[narrowing].blockSignals(True)
        checks[narrowing].setChecked(True)
        checks[narrowing].blockSignals(False)
    elif narrowing == "unit":
        page.unit_tree.blockSignals(True)
        page.unit_tree.select_scope(bureau.finance, "")
        page.unit_tree.blockSignals(False)
    elif narrowing == "descending":
        page.view.horizontalHeader().blockSignals(True)
        page.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        page.view.horizontalHeader().blockSignals(False)
        page.model.descending = True
    page.refresh()
    inline = workspace.is_sqlite and narrowing in ("", "leaders", "descending")
    assert page.model.rows_current is inline
    qtbot.waitUntil(page.is_ready, timeout=5000)
    with workspace.reading() as s:
        expected = people_query.search_people_ids(s, admin, page.current_filter(), "unit", narrowing == "descending")
    assert expected and [page.model.row_at(r).id for r in range(page.model.rowCount())] == expected
