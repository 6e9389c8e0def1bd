"""A register page with figures under its table and one form for its records — the shape of the
主体责任 and 廉政教育 tabs (责任书, 专题研究, 述职述廉, 考核评价, 教育活动).

The figures (the year's count against the seed's minimum, the grades, 人次 …) are read on the
worker in the same read as the id list — one snapshot for both — and kept per filter, so
`is_ready` waits for the figures of the filter on screen and `count_text` shows them. A page gives
`search_ids`, `read_figures` and `figures_text`; `get_record` and `open_form` give the form
that 新增 and 编辑 open (read-only for a user who may not write), the table refreshed on the
saved record when it closes. The 线索 and 处分 pages take the figures part (their own count line,
their own forms); figures that depend on more than the filter (处分's 影响期 on a day) are kept
by `figures_key`."""
from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from ui.models.register_model import FetchIds
from ui.pages.base import RegisterPage

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from app.auth import Actor
    from app.workspace.facade import Workspace


class FiguredPage(RegisterPage):
    """RegisterPage + figures per filter + the record form (module docstring)."""

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self._figures: dict[Hashable, Any] = {}
        super().__init__(ws, actor, parent)

    # ---- what a page gives (search_ids and read_figures run on the worker: reads only, no widget)

    def search_ids(self, session: Any, filt: Any, sort: str, descending: bool, limit: int | None) -> list[int]:
        raise NotImplementedError

    def read_figures(self, session: Any, key: Any) -> Any:
        """The figures of `key` (`figures_key`: the filter), or None where it has none (e.g. 全部年度)."""
        return None

    def figures_key(self) -> Hashable:
        """What the figures on screen depend on: the filter (a page whose figures depend on more,
        a day, adds it). Read on the GUI thread; `read_figures` gets it on the worker."""
        return self.current_filter()

    def figures_text(self, figures: Any) -> str:
        """What follows the count under the table ("" for nothing)."""
        return ""

    def get_record(self, session: Any, record_id: int) -> Any:
        raise NotImplementedError

    def open_form(self, row: Any | None, read_only: bool) -> QDialog:
        raise NotImplementedError

    # ---- the shared part -------------------------------------------------------------------

    def query(self) -> FetchIds:
        filt, key, found = self.current_filter(), self.figures_key(), self._figures
        search, figures = self.search_ids, self.read_figures

        def fetch(session: Any, sort: str, descending: bool, limit: int | None = None) -> list[int]:
            ids = search(session, filt, sort, descending, limit)
            if limit is None:  # the whole list: the figures come from the same read
                found[key] = figures(session, key)
            return ids

        return fetch

    def refresh(self, select_id: int | None = None) -> None:
        self._figures.clear()
        super().refresh(select_id)

    def figures(self) -> Any:
        """The figures of the filter on screen (None until read, or where it has none)."""
        return self._figures.get(self.figures_key())

    def is_ready(self) -> bool:
        return super().is_ready() and self.figures_key() in self._figures

    def count_text(self, total: int) -> str:
        text, figures = super().count_text(total), self.figures()
        extra = self.figures_text(figures) if figures is not None else ""
        return f"{text} · {extra}" if extra else text

    def select_year(self, filters: dict) -> None:
        """A navigation that names a year (首页's reminder) or a record (its year unknown: 全部年度)
        sets the year filter without a refresh of its own."""
        if "year" in filters or "record_id" in filters:
            self.year_filter.blockSignals(True)
            self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
            self.year_filter.blockSignals(False)

    def record_dialog(self, row: Any | None = None) -> QDialog:
        """The page's form on `row` as saved now (or a new record); the table follows the save."""
        if row is not None:
            with self.ws.reading() as session:
                row = self.get_record(session, row.id)
        dialog = self.open_form(row, read_only=row is not None and not self.can_write())
        dialog.finished.connect(lambda _r: self.refresh(select_id=getattr(dialog, "saved_id", None)
                                                        or (row.id if row else None)))
        return dialog

    def new_record(self) -> None:
        self.record_dialog().exec()

    def edit_record(self, row: Any) -> None:
        self.record_dialog(row).exec()
