"""报告: the half-year and annual report (choose the period and unit, preview each section's
figures and its generated sentence, edit the sentences, then generate the Word document in the
background) and, in a second tab, 年度归档 (ui/pages/archive_tab.py)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.reports.figures import SECTIONS, ReportFigures
from app.reports.period import ReportPeriod
from app.reports.summaries import SECTION_TITLES, generated_sentences, percent
from app.visibility import is_limited, may_read_unit
from ui import messages
from ui.widgets.combos import SearchCombo
from ui.workers import NewestRead, run_task

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "报告"
TAB_REPORT, TAB_ARCHIVE = "半年及年度报告", "年度归档"
L_YEAR, L_PERIOD, L_UNIT, L_FROM, L_TO = "年度", "期间", "单位", "自", "至"
PERIODS = (("全年", "year"), ("上半年", "h1"), ("下半年", "h2"), ("自定义", "custom"))
WHOLE_BUREAU = "全局（全系统）"
PREVIEW, GENERATE, RESET = "预览", "生成 Word 报告…", "恢复生成的文字"
LOADING = "正在统计…"
PREVIEW_HINT = "选择期间和单位后点“预览”。每部分的文字可以修改，生成的报告使用修改后的文字；数字和图表取自各台账的统计。"
STALE = "期间或单位已改变，请重新预览。"
READ_ONLY = "工作区以只读方式打开：可以预览，不能生成（生成的报告要记入操作日志）。"
PREVIEW_TITLE, GENERATE_TITLE = "统计报告数据", "生成报告"
SAVE_TITLE, WORD_FILTER = "保存报告", "Word 文档 (*.docx)"
DONE = "报告已生成。"
AS_OF = "{title}　（{span}；整改状态统计至 {today:%Y年%m月%d日}）"
SENTENCE_LINES = 4


def figures_line(key: str, f: ReportFigures) -> str:
    """The section's key figures as the preview shows them above its sentence."""
    label = f.settings.level_label
    if key == "risks":
        r = f.risks
        if r.year is None:
            return "没有已确认的风险点"
        return (f"{r.year}年度已确认风险点 {r.total} 个：{label(1)} {r.totals[1]} · {label(2)} {r.totals[2]} · "
                f"{label(3)} {r.totals[3]}；{label(1)}防控单位 {len(r.top_units)} 个；等级调整 {len(r.changes)} 次")
    if key == "inspections":
        i = f.inspections
        missing = "、".join(i.missing_months) or "无"
        return f"监督检查 {i.total} 次，其中工作作风纪律检查 {i.style_total} 次；未开展作风纪律检查的月份：{missing}"
    if key == "findings":
        t = f.findings.total
        return (f"问题 {t.total} 个：待整改 {t.pending} · 整改中 {t.in_progress} · 待验收 {t.rectified} · "
                f"已销号 {t.closed}；基本完成（整改中）{t.mostly}；整改完成率 {percent(t.rate)}；"
                f"逾期 {t.overdue} 个")
    if key == "talks":
        return f"谈话 {f.talks.total.times} 次 · {f.talks.total.people} 人次"
    if key == "ledger":
        return f.ledger.summary()
    if key == "sanctions":
        c, m = f.sanctions, f.sanctions.measures
        return (f"受理问题线索 {c.received.total} 件，办结 {c.closed.total} 件；处分和组织处理 {m.total} 人次"
                f"（第二种形态 {m.second_form} · 第三种形态 {m.third_form}）")
    fs = f.festivals
    return f"应推送节前廉政提醒 {len(fs.items)} 次（已到提醒日 {len(fs.due)} 次），已登记推送 {fs.sent} 次"


class SectionBox(QGroupBox):
    """One section: its figures, and its sentence for the clerk to edit."""

    def __init__(self, key: str, number: str, parent: QWidget | None = None) -> None:
        super().__init__(f"{number}、{SECTION_TITLES[key]}", parent)
        self.key, self.generated = key, ""
        self.figures_label = QLabel(self)
        self.figures_label.setWordWrap(True)
        self.figures_label.setStyleSheet("color: #555;")
        self.editor = QPlainTextEdit(self)
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * SENTENCE_LINES + 14)
        self.reset_button = QPushButton(RESET, self)
        self.reset_button.clicked.connect(lambda: self.editor.setPlainText(self.generated))
        row = QHBoxLayout()
        row.addWidget(self.figures_label, 1)
        row.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.editor)

    def show_figures(self, figures: ReportFigures, sentence: str) -> None:
        self.figures_label.setText(figures_line(self.key, figures))
        self.generated = sentence
        self.editor.setPlainText(sentence)

    def text(self) -> str:
        return self.editor.toPlainText()


class ReportTab(QWidget):
    ready = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.figures: ReportFigures | None = None
        self._preview = NewestRead(self)  # an older preview answering late is dropped
        today = ws.today()
        proposed = default_period(today)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, today.year)
        self.year_spin.setValue(proposed.start.year)
        self.period_combo = QComboBox(self)
        for text, code in PERIODS:
            self.period_combo.addItem(text, code)
        self.period_combo.setCurrentIndex(0 if proposed.end.month == 12 else 1)
        self.start_edit, self.end_edit = QDateEdit(self), QDateEdit(self)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setDate(QDate(today.year, 1, 1))
        self.end_edit.setDate(QDate(today.year, today.month, today.day))
        self.unit_combo = SearchCombo(self)
        self.unit_combo.setMinimumWidth(200)
        self._fill_units()
        self.preview_button = QPushButton(PREVIEW, self)
        self.generate_button = QPushButton(GENERATE, self)
        self.generate_button.setEnabled(False)
        self.status_label = QLabel(PREVIEW_HINT, self)
        self.status_label.setWordWrap(True)
        self._build_layout()
        self.period_combo.currentIndexChanged.connect(lambda _i: self._period_changed())
        for signal in (self.year_spin.valueChanged, self.start_edit.dateChanged, self.end_edit.dateChanged,
                       self.unit_combo.currentIndexChanged):
            signal.connect(lambda *_a: self._mark_stale())
        self.preview_button.clicked.connect(self.preview)
        self.generate_button.clicked.connect(self.generate)
        self._period_changed()

    def _fill_units(self) -> None:
        from app.registers.units.query import list_units

        with self.ws.reading() as session:  # a short list
            units = list_units(session, include_inactive=False)
        items = [] if is_limited(self.actor) else [(WHOLE_BUREAU, 0)]
        items += [(u.name, u.id) for u in units if may_read_unit(self.actor, u.id)]  # the one rule
        self.unit_combo.set_items(items, items[0][1] if items else None)

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        for label, widget in ((L_YEAR, self.year_spin), (L_PERIOD, self.period_combo),
                              (L_FROM, self.start_edit), (L_TO, self.end_edit), (L_UNIT, self.unit_combo)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        bar.addWidget(self.preview_button)
        bar.addStretch(1)
        bar.addWidget(self.generate_button)
        self.sections = [SectionBox(key, "一二三四五六七八"[n], self) for n, key in enumerate(SECTIONS)]
        body = QWidget(self)
        column = QVBoxLayout(body)
        for box in self.sections:
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status_label)
        layout.addWidget(scroll, 1)

    # ---- the period ------------------------------------------------------------------------

    def _period_changed(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        self.year_spin.setEnabled(not custom)
        self.start_edit.setEnabled(custom)
        self.end_edit.setEnabled(custom)
        self._mark_stale()

    def period(self) -> ReportPeriod:
        """The chosen period; ValidationError when custom dates are out of order."""
        code, year = self.period_combo.currentData(), self.year_spin.value()
        if code == "year":
            return ReportPeriod.of_year(year)
        if code in ("h1", "h2"):
            return ReportPeriod.half(year, 1 if code == "h1" else 2)
        return ReportPeriod.checked(self.start_edit.date().toPython(), self.end_edit.date().toPython())

    def unit_id(self) -> int | None:
        return self.unit_combo.current_data() or None

    def _mark_stale(self) -> None:
        if self.figures is not None:
            self.status_label.setText(STALE)
            self.generate_button.setEnabled(False)

    # ---- preview and generation ------------------------------------------------------------

    def is_ready(self) -> bool:
        return not self._preview.loading

    def preview(self) -> None:
        from app.errors import QingfengError
        from app.reports.figures import report_figures

        try:
            period = self.period()
        except QingfengError as exc:
            messages.warn(self, str(exc))
            return
        unit_id, today, ws, actor = self.unit_id(), self.ws.today(), self.ws, self.actor

        def work(progress):  # noqa: ANN001, ANN202 — on the worker thread, its own session
            with ws.reading() as session:
                return report_figures(session, actor, period, today=today, unit_id=unit_id,
                                      progress=progress)

        self._preview.run(work, on_done=self._show, on_error=self._failed, on_cancel=self._cancelled,
                          title=PREVIEW_TITLE)
        self.status_label.setText(LOADING)
        self.preview_button.setEnabled(False)

    def _show(self, figures: ReportFigures) -> None:
        self.figures = figures
        sentences = generated_sentences(figures)
        for box in self.sections:
            box.show_figures(figures, sentences[box.key])
        self.status_label.setText(AS_OF.format(title=figures.title, span=figures.period.span_text,
                                               today=figures.today))
        self.generate_button.setEnabled(not self.ws.read_only)
        self.generate_button.setToolTip(READ_ONLY if self.ws.read_only else "")
        self._done_loading()

    def _failed(self, exc: BaseException) -> None:
        self._done_loading()
        self.status_label.setText(PREVIEW_HINT)
        messages.show_error(self, exc)

    def _cancelled(self) -> None:
        self._done_loading()
        self.status_label.setText(PREVIEW_HINT)

    def _done_loading(self) -> None:
        self.preview_button.setEnabled(True)
        self.ready.emit()

    def sentences(self) -> dict[str, str]:
        return {box.key: box.text() for box in self.sections}

    def generate(self, path=None) -> None:  # noqa: ANN001 — a Path in tests, else asked for
        from app.reports.document import record_report_export, write_report

        figures = self.figures
        if figures is None:
            return
        path = path or messages.choose_save_path(self, SAVE_TITLE, f"{figures.title}.docx", WORD_FILTER)
        if path is None:
            return
        sentences, ws, actor = self.sentences(), self.ws, self.actor

        def work(progress):  # noqa: ANN001, ANN202
            out = write_report(actor, figures, sentences, path, progress)  # seconds: no lock held
            with ws.writing() as session:
                record_report_export(session, actor, figures, out)
            return out

        self.generate_button.setEnabled(False)

        def finished(out) -> None:  # noqa: ANN001
            self.generate_button.setEnabled(True)
            messages.inform_file(self, DONE, out)

        def failed(exc: BaseException) -> None:
            self.generate_button.setEnabled(True)
            messages.show_error(self, exc)

        run_task(self, work, on_done=finished, on_error=failed,
                 on_cancel=lambda: self.generate_button.setEnabled(True), title=GENERATE_TITLE)


class ReportsPage(QWidget):
    TITLE = TITLE
    ready = Signal()
    navigate_requested = Signal(str, dict)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.pages.archive_tab import ArchiveTab

        self.ws, self.actor = ws, actor
        self.tabs = QTabWidget(self)
        self.report_tab = ReportTab(ws, actor, self)
        self.archive_tab = ArchiveTab(ws, actor, self)
        self.tabs.addTab(self.report_tab, TAB_REPORT)
        self.tabs.addTab(self.archive_tab, TAB_ARCHIVE)
        self.report_tab.ready.connect(self.ready)
        self.archive_tab.report_requested.connect(lambda year: self.apply_navigation({"year": year}))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.tabs)
        self.report_tab.preview()  # the default period at once: the page opens with figures

    def is_ready(self) -> bool:
        return self.report_tab.is_ready() and self.archive_tab.is_ready()

    def apply_navigation(self, filters: dict) -> None:
        """{"tab": "archive"} shows 年度归档; {"year": Y} the report of that whole year."""
        if filters.get("tab") == "archive":
            self.tabs.setCurrentWidget(self.archive_tab)
        if "year" in filters:
            self.tabs.setCurrentWidget(self.report_tab)
            self.report_tab.period_combo.setCurrentIndex(0)
            self.report_tab.year_spin.setValue(int(filters["year"]))
            self.report_tab.preview()


def default_period(today: dt.date) -> ReportPeriod:
    """What the page proposes: last year's report in the first half, this 上半年 after it."""
    return ReportPeriod.of_year(today.year - 1) if today.month < 7 else ReportPeriod.half(today.year, 1)
