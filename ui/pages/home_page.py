"""首页: what the office opens every morning — the figures at a glance (each opens its register,
filtered), the clerk's unsaved drafts (each reopened or deleted by keyboard), the reminders by
urgency, and the risk levels by unit.

Everything is read off the GUI thread in one unit of work (`app.home.home_figures`, the
reminders and their record), started once the page has painted; the chart (matplotlib) is built
after that first paint too. So the window appears before the registers behind the figures, the
ORM models and matplotlib are imported (they are imported by the worker: start-up time). A
register whose page is absent has no figure here either."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from ui import messages
from ui.fonts import set_look
from ui.pages.registry import registered_pages
from ui.shortcuts import make_shortcut
from ui.widgets.draft_list import DraftList
from ui.widgets.figure_card import CardStrip, FigureCard
from ui.widgets.first_week import FirstWeekList
from ui.widgets.reminder_panel import DONE_LIMIT, ReminderPanel
from ui.workers import run_task

if TYPE_CHECKING:
    from app import drafts
    from app import reminders as rem
    from app.home import HomeFigures
    from app.workspace.facade import Workspace

TITLE = "首页"
TODAY = "今天是 {day:%Y年%m月%d日} {weekday}"
WEEKDAYS = "一二三四五六日"
REFRESH = "刷新"
REFRESH_TIP = "重新统计（F5）"
STATUS = "待办提醒 {n} 条"
# (key, label, tip) in the order shown; a card appears only when its register's page exists.
CARDS = (
    ("level1", "一级风险点", "最近确认年度中等级为一级的已确认风险点，点击查看"),
    ("top_units", "一级防控单位和科室", "最近确认年度中防控等级为一级的单位和科室，点击查看其风险点"),
    ("open_findings", "未销号问题", "尚未销号的问题（含待验收），点击查看"),
    ("overdue", "整改逾期", "超过整改期限仍未整改完成的问题，点击查看"),
    ("talks", "本月谈话", "本月谈话记录：次 = 谈话记录数，人次 = 被谈话人合计"),
    ("style", "本月作风纪律检查", "本月开展的工作作风纪律检查（计划每月 1–2 次）"),
    ("first_form", "本年第一种形态", "本年度第一种形态处置人次（一条台账记录为一人次）"),
)
CARD_PAGE = {"level1": "risks", "top_units": "risks", "open_findings": "inspections",
             "overdue": "inspections", "talks": "talks", "style": "inspections", "first_form": "ledger"}
NO_RISK_YEAR = "尚无已确认的风险点"
YEAR_NOTE, MONTH_NOTE, ALL_NOTE = "{year}年", "{year}年{month}月", "全部年度"
TALKS_VALUE = "{times} 次 / {people} 人次"
NOT_YET = "本月尚未开展"
CHART_HEADING = "各单位风险等级"
CHART_YEAR = "各单位风险等级（{year}年）"
CHART_TOP = "各单位风险等级（{year}年 · 等级最高的 {n} 个单位）"
CHART_HINT = "点击条形查看该单位该等级的风险点；完整图表见“统计图表”。"
CHART_MORE = "共 {total} 个单位有已确认的风险点，此处按等级显示前 {n} 个。"
CHART_WAIT = "正在准备图表…"
CHART_UNITS = 12  # units drawn on 首页 (the most severe first)


BACKUP_PROBLEM = "⚠ {problem}工作照常进行；处理后请在“系统管理 › 备份”中手动备份一次。"


@dataclass(frozen=True)
class HomeData:
    figures: HomeFigures
    reminders: list[rem.Reminder]
    done: list[rem.DoneReminder]
    drafts: list[drafts.SavedDraft]
    backup_problem: str = ""


class _Placeholder(QLabel):
    """Stands where the chart will be; its first paint lets the page build the chart."""

    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 — Qt override
        super().paintEvent(event)
        if not getattr(self, "_told", False):
            self._told = True
            self.painted.emit()


class HomePage(QWidget):
    TITLE = TITLE
    navigate_requested = Signal(str, dict)
    counts_changed = Signal(str)
    ready = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.pages = {spec.key for spec in registered_pages()}
        self.data: HomeData | None = None
        self._loading = False
        self._reload = False
        self._painted = False
        self._loaded_once = False  # the first load waits for the first paint
        self._plotting_loaded = False  # matplotlib imported by a worker (see _first_paint)
        self.chart: Any = None  # ui.charts.chart_widget.ChartWidget, built after the first paint
        self._chart_drawn_for: HomeFigures | None = None

        self.today_label = QLabel(self)
        set_look(self.today_label, point_size=12, color="#333333")
        self.refresh_button = QPushButton(REFRESH, self)
        self.refresh_button.setToolTip(REFRESH_TIP)
        self.refresh_button.clicked.connect(self.refresh)
        make_shortcut(self, "refresh_home", self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.today_label, 1)
        top.addWidget(self.refresh_button)
        self.backup_label = QLabel(self)  # the daily backup failed: said until one succeeds
        self.backup_label.setWordWrap(True)
        self.backup_label.setStyleSheet("color: #b03a2e; background: #fdecea; border: 1px solid #f5c6c0;"
                                        " padding: 6px; font-weight: bold;")
        self.backup_label.hide()

        self.cards: dict[str, FigureCard] = {}
        self.card_strip = CardStrip(self)
        for key, label, tip in CARDS:
            if CARD_PAGE[key] not in self.pages:
                continue
            card = FigureCard(key, label, tip, self)
            card.clicked.connect(lambda _c=False, k=key: self.open_card(k))
            self.cards[key] = card
            self.card_strip.add_card(card)

        self.draft_list = DraftList(self.pages, self)
        self.draft_list.restore_requested.connect(lambda page, key: self.navigate_requested.emit(page, {"draft": key}))
        self.draft_list.delete_requested.connect(self.delete_draft)

        self.reminders = ReminderPanel(ws, actor, self.pages, self)
        self.reminders.open_requested.connect(self.navigate_requested)
        self.reminders.changed.connect(self.refresh)

        self.chart_frame = QFrame(self)
        self.chart_frame.setObjectName("chartFrame")
        self.chart_frame.setStyleSheet("QFrame#chartFrame { background: white; border: 1px solid #dde1e6; }")
        self.chart_heading = heading = QLabel(CHART_HEADING, self.chart_frame)
        set_look(heading, point_size=12, bold=True)
        self.placeholder = _Placeholder(CHART_WAIT, self.chart_frame)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_look(self.placeholder, color="#888888")
        # once the paint is done: matplotlib's import does not share the first paint
        self.placeholder.painted.connect(lambda: QTimer.singleShot(0, self._first_paint))
        self.chart_hint = QLabel(CHART_HINT, self.chart_frame)
        set_look(self.chart_hint, color="#777777")
        self.chart_hint.setWordWrap(True)
        self.chart_layout = QVBoxLayout(self.chart_frame)
        self.chart_layout.addWidget(heading)
        self.chart_layout.addWidget(self.placeholder, 1)
        self.chart_layout.addWidget(self.chart_hint)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.reminders)
        if "risks" in self.pages:
            self.splitter.addWidget(self.chart_frame)
            self.splitter.setSizes([760, 420])
            self.splitter.setCollapsible(0, False)
            # A narrow window gives the list the room: the chart may shrink away.
            self.chart_frame.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        else:
            self.chart_frame.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.backup_label)
        self.first_week = FirstWeekList(ws, actor, self)  # a new workspace's set-up list
        self.first_week.navigate_requested.connect(self.navigate_requested)
        self.first_week.loaded.connect(lambda: self.ready.emit() if self.is_ready() else None)
        layout.addWidget(self.first_week)
        layout.addWidget(self.card_strip)
        layout.addWidget(self.draft_list)
        layout.addWidget(self.splitter, 1)
        self._show_today()

    # ---- loading ---------------------------------------------------------------------------

    def _show_today(self) -> None:
        day = self.ws.today()
        self.today_label.setText(TODAY.format(day=day, weekday="星期" + WEEKDAYS[day.weekday()]))

    def is_ready(self) -> bool:
        """Loaded, and the chart drawn (when there is one)."""
        if self.data is None or self._loading or not self.first_week.is_ready():
            return False
        return "risks" not in self.pages or self._chart_drawn_for is self.data.figures

    def showEvent(self, event: Any) -> None:  # noqa: N802 — Qt override
        super().showEvent(event)
        if self._loaded_once:
            self.refresh()  # every return to 首页 shows what the other pages changed

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 — Qt override
        super().paintEvent(event)
        if not self._loaded_once:  # on screen: now the data (its worker imports the registers)
            self._loaded_once = True
            QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        """Reads the figures, the reminders and the record of done ones off the GUI thread."""
        if self._loading:
            self._reload = True
            return
        self._loading = True
        self._show_today()
        self.first_week.refresh()
        ws, actor, pages = self.ws, self.actor, set(self.pages)

        def work(_progress: Any) -> HomeData:
            from app import drafts
            from app import reminders as rem
            from app.home import home_figures
            from app.workspace.backups import daily_backup_problem

            today = ws.today()
            with ws.reading() as session:
                figures = home_figures(session, actor, today, pages)
                found = rem.reminders(session, actor, today, ws.settings)
                done = rem.done_reminders(session, actor, DONE_LIMIT)
                kept = drafts.drafts_of(session, actor) if not ws.read_only else []
            return HomeData(figures, found, done, kept, ws.backup_problem or daily_backup_problem(ws.data_dir))

        run_task(self, work, on_done=self._loaded, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        messages.show_error(self, error)

    def _loaded(self, data: HomeData) -> None:
        self._loading = False
        self.data = data
        self.backup_label.setText(BACKUP_PROBLEM.format(problem=data.backup_problem.rstrip("。") + "。")
                                  if data.backup_problem else "")
        self.backup_label.setVisible(bool(data.backup_problem))
        self._show_figures(data.figures)
        self.reminders.set_data(data.reminders, data.done)
        self.draft_list.set_drafts(data.drafts)
        self.counts_changed.emit(STATUS.format(n=len(data.reminders)))
        self._draw_chart()
        if self._reload:
            self._reload = False
            self.refresh()
        elif self.is_ready():
            self.ready.emit()

    def delete_draft(self, form_key: str) -> None:
        """A draft the clerk deleted on purpose from the list."""
        from app import drafts  # loaded with the figures (start-up time)

        with self.ws.writing() as session:
            drafts.clear_draft(session, self.actor, form_key)
        self.refresh()

    # ---- figures ---------------------------------------------------------------------------

    def _show_figures(self, f: HomeFigures) -> None:
        month = MONTH_NOTE.format(year=f.today.year, month=f.today.month)
        values: dict[str, tuple[str, str, bool, bool]] = {}  # key → (value, note, alert, quiet)
        risk_note = YEAR_NOTE.format(year=f.risk_year) if f.risk_year else NO_RISK_YEAR
        values["level1"] = (str(f.level1_points or 0), risk_note, False, not f.risk_year)
        values["top_units"] = (str(f.top_control_units or 0), risk_note, False, not f.risk_year)
        values["open_findings"] = (str(f.open_findings or 0), ALL_NOTE, False, False)
        values["overdue"] = (str(f.overdue_findings or 0), ALL_NOTE, bool(f.overdue_findings), False)
        times, people = f.talks_month or (0, 0)
        values["talks"] = (TALKS_VALUE.format(times=times, people=people), month, False, False)
        style = f.style_checks_month or 0
        values["style"] = (f"{style} 次", month if style else NOT_YET, not style, False)
        values["first_form"] = (f"{f.first_form_year or 0} 人次", YEAR_NOTE.format(year=f.today.year), False, False)
        for key, card in self.cards.items():
            text, note, alert, quiet = values[key]
            card.set_value(text, note, alert=alert, quiet=quiet)

    def card_navigation(self, key: str) -> tuple[str, dict]:
        """The page and filters a figure opens: exactly what it counts."""
        f = self.data.figures if self.data else None
        today = f.today if f else self.ws.today()
        year = f.risk_year if f else None
        from app.home import month_bounds  # loaded with the figures (start-up time)

        first, last = month_bounds(today)
        return {
            "level1": ("risks", {"year": year, "level": 1, "status": "confirmed"}),
            "top_units": ("risks", {"year": year, "top_control": True, "status": "confirmed"}),
            "open_findings": ("inspections", {"status": "open"}),
            "overdue": ("inspections", {"overdue": True}),
            "talks": ("talks", {"start": first, "end": last}),
            "style": ("inspections", {"year": today.year, "month": today.month}),
            "first_form": ("ledger", {"year": today.year}),
        }[key]

    def open_card(self, key: str) -> None:
        page, filters = self.card_navigation(key)
        if page == "risks" and filters.get("year") is None:
            filters = {}
        self.navigate_requested.emit(page, filters)

    # ---- chart -----------------------------------------------------------------------------

    def _first_paint(self) -> None:
        """The page is on screen: matplotlib (about two seconds to import on a slow PC) is
        imported on a worker meanwhile, and the chart drawn once it and the data are there."""
        self._painted = True

        def load(_progress: Any) -> None:
            import matplotlib.backends.backend_agg  # noqa: F401 — the import is the work
            import matplotlib.figure  # noqa: F401

        def loaded(_result: object) -> None:
            self._plotting_loaded = True
            self._draw_chart()

        run_task(self, load, on_done=loaded, on_error=lambda _e: loaded(None))

    def _draw_chart(self) -> None:
        if not (self._painted and self._plotting_loaded) or self.data is None or "risks" not in self.pages:
            return
        figures = self.data.figures
        if self._chart_drawn_for is figures:
            return
        if self.chart is None:
            from ui.charts.chart_widget import ChartWidget

            self.chart = ChartWidget(self.chart_frame)
            self.chart.clicked.connect(self._chart_clicked)
            self.chart_layout.replaceWidget(self.placeholder, self.chart)
            self.placeholder.hide()
        from app.charts.risk_levels import plot_risk_levels

        rows, year = figures.risk_rows, figures.risk_year
        shown = rows[:CHART_UNITS]
        more = len(rows) > len(shown)
        self.chart_heading.setText(CHART_TOP.format(year=year, n=len(shown)) if more
                                   else CHART_YEAR.format(year=year) if year else CHART_HEADING)
        self.chart_hint.setText((CHART_MORE.format(total=len(rows), n=len(shown)) if more else "") + CHART_HINT)
        settings = self.ws.settings
        self.chart.draw(lambda figure: plot_risk_levels(figure, shown, settings, year=year, title=""))
        self._chart_drawn_for = figures
        if not self._loading:
            self.ready.emit()

    def _chart_clicked(self, payload: dict) -> None:
        self.navigate_requested.emit("risks", {**payload, "status": "confirmed"})
