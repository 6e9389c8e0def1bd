from __future__ import annotations

import datetime as dt

from app.registers.units import query as svc
from ui.widgets.filters import DateRangeFilter, UnitFilter, YearFilter


def test_unit_year_and_date_filters(qtbot, workspace, bureau):
    with workspace.reading() as s:
        units = svc.list_units(s)
    unit = UnitFilter()
    qtbot.addWidget(unit)
    unit.set_units(units)
    assert unit.unit_id() is None and unit.currentText() == "全部单位"
    unit.set_current_data(bureau.museum)
    assert unit.unit_id() == bureau.museum
    unit.setEditText("博物")  # half-typed: not a choice
    assert unit.unit_id() is None

    year = YearFilter([2024, 2026, 2025], 2025)
    qtbot.addWidget(year)
    assert year.year() == 2025 and year.itemText(1) == "2026年"
    with qtbot.waitSignal(year.changed):
        year.setCurrentIndex(0)
    assert year.year() is None

    dates = DateRangeFilter(dt.date(2026, 1, 1), dt.date(2026, 6, 15))
    qtbot.addWidget(dates)
    assert dates.range() == (None, None)
    with qtbot.waitSignal(dates.changed):
        dates.enabled_check.setChecked(True)
    assert dates.range() == (dt.date(2026, 1, 1), dt.date(2026, 6, 15))


def test_unit_dialog_shows_a_duplicate_name_next_to_the_field(qtbot, workspace, admin, bureau):
    from ui.dialogs.unit_dialog import UnitDialog

    dialog = UnitDialog(workspace, admin, kind="affiliate", parent_id=bureau.museum)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("办公室")
    dialog.notes_edit.setPlainText("备注保留")
    assert not dialog.save()
    assert "已有名为" in dialog.error_text("name")
    assert dialog.notes_edit.toPlainText() == "备注保留"
    assert dialog.parent_combo.current_data() == bureau.museum
    dialog.name_edit.setText("博物馆讲解部")
    assert dialog.save()
    with workspace.reading() as s:
        saved = next(u for u in svc.list_units(s) if u.id == dialog.saved_id)
    assert (saved.kind, saved.parent_id) == ("affiliate", bureau.museum)
