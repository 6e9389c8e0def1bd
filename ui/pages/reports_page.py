"""报告: the half-year and annual 工作总结 to the 局党组 (choose the period and unit, preview the
registers' figures, write the sections — 导语, 基本情况, 主要做法, 存在问题, 下一步打算, generated
from the figures; the clerk edits them, adds, removes and reorders sections, and saves the text
of the period for later), then the Word document in the background; in a second tab, 年度归档
(ui/pages/archive_tab.py)."""
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
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.categories import BY_DISCIPLINE, BY_EIGHT_RULES, BY_STYLE
from app.reports.figures import SECTIONS, ReportFigures
from app.reports.period import ReportPeriod
from app.reports.summaries import (
    PART_TITLES,
    generated_report,
    generated_section,
    numbered,
    percent,
)
from app.reports.texts import ReportSection, SavedText
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
SAVE, ADD = "保存文稿", "添加一节"
UP, DOWN, REMOVE = "上移", "下移", "删除"
OPENING_LABEL = "导语（无标题）"
NEW_SECTION = "新的一节"
TITLE_HINT = "本节标题（如：主要成效）"
LOADING = "正在统计…"
PREVIEW_HINT = ("选择期间和单位后点“预览”。报告各节的文字由统计数据生成，可以修改、增删和调整顺序，"
                "“保存文稿”后同一期间再次打开时仍是保存的文字；附件中的统计表和图表取自各台账。")
STALE = "期间或单位已改变，请重新预览。"
READ_ONLY = "工作区以只读方式打开：可以预览，不能生成（生成的报告要记入操作日志）。"
PREVIEW_TITLE, GENERATE_TITLE = "统计报告数据", "生成报告"
SAVE_TITLE, WORD_FILTER = "保存报告", "Word 文档 (*.docx)"
DONE, SAVED = "报告已生成。", "文稿已保存。"
ADDRESSEE = "主送：{addressee}；下一步打算的常规工作 {plans} 条（均在“系统管理 › 系统设置”中修改）"
FROM_SAVED = "文稿：{when} 由 {who} 保存（统计数据为最新）"
GENERATED_TEXT = "文稿：按统计数据生成，尚未保存"
AS_OF = "{title}　（{span}；整改状态统计至 {today:%Y年%m月%d日}）"
FIGURES = "统计数据"
TEXT_LINES = {"opening": 3, "basics": 5, "practices": 14, "problems": 5, "plans": 6}


def figures_line(key: str, f: ReportFigures) -> str:
    """A register's key figures as the preview lists them above the text."""
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
        return f"第一种形态{f.ledger.summary()}"
    if key == "sanctions":
        c, m = f.sanctions, f.sanctions.measures
        return (f"受理问题线索 {c.received.total} 件，办结 {c.closed.total} 件；处分和组织处理 {m.total} 人次"
                f"（第二种形态 {m.second_form} · 第三种形态 {m.third_form}）")
    if key == "festivals":
        fs = f.festivals
        return f"应推送节前廉政提醒 {len(fs.items)} 次（已到提醒日 {len(fs.due)} 次），已登记推送 {fs.sent} 次"
    if key == "duty":
        d = f.duty
        pledges = "；".join(f"{p.year}年责任书已签 {p.signed}/{p.listed} 份" for p in d.pledges if p.listed) or "未登记责任书"
        graded = f"；{d.assessment.year}年度考核 {d.assessment.assessed} 个单位" if d.assessment else ""
        return f"主体责任：{pledges}；专题研究 {len(d.studies)} 次{graded}"
    if key == "education":
        e = f.education.figures
        return f"廉政教育 {e.times} 次 · {e.people} 人次（警示教育 {e.warning.times} 次）"
    if key == "ceremonies":
        c = f.ceremonies.figures
        return f"婚丧喜庆报备 {c.total} 件：迟报 {c.late} · 需关注 {c.concerns} · 已提醒谈话 {c.with_talk}"
    if key == "opinions":
        return f"党风廉政意见回复 {f.opinions.total} 份（{f.opinions.people} 人）"
    if key == "coverage":
        c = f.talks.coverage
        since = "" if c is None or c.start == f.period.start else f"（{c.start.year}年以来）"
        return (f"谈心谈话覆盖{since}：在册 {c.people} 人，已谈 {c.covered} 人（{percent(c.rate)}），"
                f"未谈 {len(c.uncovered)} 人" if c is not None else "")
    cats = f.categories
    return (f"问题类别：问题 {cats.count('findings', BY_DISCIPLINE)} 个，其中“四风” {cats.count('findings', BY_STYLE)} 个、"
            f"八项规定 {cats.count('findings', BY_EIGHT_RULES)} 个；第一种形态 {cats.count('ledger', BY_DISCIPLINE)} 人次，"
            f"其中“四风” {cats.count('ledger', BY_STYLE)} 人次、八项规定 {cats.count('ledger', BY_EIGHT_RULES)} 人次")


MORE_FIGURES = ("ceremonies", "opinions", "coverage", "categories")


class SectionEditor(QGroupBox):
    """One section of the 工作总结: its title (一级标题; the 导语 has none) and its text, one
    paragraph a line; moved up or down, removed, or (a generated section) reset."""

    def __init__(self, tab: ReportTab, section: ReportSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab, self.key = tab, section.key
        self.title_edit = QLineEdit(section.title, self)
        self.title_edit.setPlaceholderText(TITLE_HINT)
        self.title_edit.setMaxLength(40)
        self.opening = QLabel(OPENING_LABEL, self)
        self.number = QLabel(self)
        self.editor = QPlainTextEdit(section.text, self)
        self.editor.setTabChangesFocus(True)
        lines = TEXT_LINES.get(section.key, 5)
        self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * lines + 14)
        self.buttons = {}
        row = QHBoxLayout()
        row.addWidget(self.opening)
        row.addWidget(self.number)
        row.addWidget(self.title_edit, 1)
        if section.key == "opening":
            row.addStretch(1)
        for key, text in (("up", UP), ("down", DOWN), ("reset", RESET), ("remove", REMOVE)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, k=key: tab.section_action(self, k))
            row.addWidget(button)
            self.buttons[key] = button
        self.reset_button = self.buttons["reset"]
        self.reset_button.setVisible(section.key in PART_TITLES or section.key == "opening")
        self.opening.setVisible(section.key == "opening")
        self.title_edit.setVisible(section.key != "opening")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.editor)

    def section(self) -> ReportSection:
        return ReportSection(self.key, self.title_edit.text().strip() if self.key != "opening" else "",
                             self.editor.toPlainText().strip())

    def text(self) -> str:
        return self.editor.toPlainText()


class ReportTab(QWidget):
    ready = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.figures: ReportFigures | None = None
        self.saved: SavedText | None = None
        self.sections: list[SectionEditor] = []
        self._custom = 0
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
        self.save_button = QPushButton(SAVE, self)
        self.save_button.setEnabled(False)
        self.add_button = QPushButton(ADD, self)
        self.add_button.setEnabled(False)
        self.status_label = QLabel(PREVIEW_HINT, self)
        self.status_label.setWordWrap(True)
        self.text_label = QLabel(self)
        self.text_label.setStyleSheet("color: #555;")
        self.addressee_label = QLabel(ADDRESSEE.format(addressee=ws.settings.report_addressee,
                                                       plans=len(ws.settings.report_standing_plans)), self)
        self.addressee_label.setStyleSheet("color: #555;")
        self.figures_label = QLabel(self)
        self.figures_label.setWordWrap(True)
        self.figures_label.setStyleSheet("color: #444;")
        self._build_layout()
        self.period_combo.currentIndexChanged.connect(lambda _i: self._period_changed())
        for signal in (self.year_spin.valueChanged, self.start_edit.dateChanged, self.end_edit.dateChanged,
                       self.unit_combo.currentIndexChanged):
            signal.connect(lambda *_a: self._mark_stale())
        self.preview_button.clicked.connect(self.preview)
        self.generate_button.clicked.connect(self.generate)
        self.save_button.clicked.connect(self.save_text)
        self.add_button.clicked.connect(lambda: self.add_section())
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
        bar.addWidget(self.save_button)
        bar.addWidget(self.generate_button)
        info = QHBoxLayout()
        info.addWidget(self.addressee_label)
        info.addStretch(1)
        info.addWidget(self.text_label)
        figures = QGroupBox(FIGURES, self)
        QVBoxLayout(figures).addWidget(self.figures_label)
        body = QWidget(self)
        self.column = QVBoxLayout(body)
        self.column.addWidget(figures)
        self.column.addStretch(1)
        adding = QHBoxLayout()
        adding.addWidget(self.add_button)
        adding.addStretch(1)
        self.column.addLayout(adding)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status_label)
        layout.addLayout(info)
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
            self.save_button.setEnabled(False)

    # ---- the sections ----------------------------------------------------------------------

    def set_sections(self, sections: list[ReportSection]) -> None:
        for editor in self.sections:
            self.column.removeWidget(editor)
            editor.deleteLater()
        self.sections = []
        for section in sections:
            self.add_section(section)

    def add_section(self, section: ReportSection | None = None) -> SectionEditor:
        """A section at the end (a new one of the clerk's own when `section` is None)."""
        if section is None:
            self._custom += 1
            section = ReportSection(f"custom-{self._custom}", NEW_SECTION, "")
        editor = SectionEditor(self, section, self)
        self.column.insertWidget(len(self.sections) + 1, editor)  # after the figures box
        self.sections.append(editor)
        self._number()
        return editor

    def section_action(self, editor: SectionEditor, action: str) -> None:
        """上移 · 下移 · 删除 · 恢复生成的文字."""
        index = self.sections.index(editor)
        if action in ("up", "down"):
            other = index - 1 if action == "up" else index + 1
            if not 0 <= other < len(self.sections):
                return
            self.sections[index], self.sections[other] = self.sections[other], self.sections[index]
            self.column.removeWidget(editor)
            self.column.insertWidget(other + 1, editor)
        elif action == "remove":
            self.sections.pop(index)
            self.column.removeWidget(editor)
            editor.deleteLater()
        elif action == "reset" and self.figures is not None:
            generated = generated_section(self.figures, editor.key)
            if generated is not None:
                editor.title_edit.setText(generated.title)
                editor.editor.setPlainText(generated.text)
        self._number()

    def _number(self) -> None:
        """一、二、… on the titled sections, as the document will number them."""
        number = 0
        for editor in self.sections:
            if editor.key != "opening":
                number += 1
                editor.number.setText(f"{numbered(number)}、")

    def report_sections(self) -> list[ReportSection]:
        return [editor.section() for editor in self.sections]

    def box(self, key: str) -> SectionEditor | None:
        return next((editor for editor in self.sections if editor.key == key), None)

    # ---- preview, saving and generation ----------------------------------------------------

    def is_ready(self) -> bool:
        return not self._preview.loading

    def preview(self) -> None:
        from app.errors import QingfengError
        from app.reports.figures import report_figures
        from app.reports.texts import load_text

        try:
            period = self.period()
        except QingfengError as exc:
            messages.warn(self, str(exc))
            return
        unit_id, today, ws, actor = self.unit_id(), self.ws.today(), self.ws, self.actor

        def work(progress):  # noqa: ANN001, ANN202 — on the worker thread, its own session
            with ws.reading() as session:
                figures = report_figures(session, actor, period, today=today, unit_id=unit_id, progress=progress)
                return figures, load_text(session, actor, period, figures.unit_id)

        self._preview.run(work, on_done=self._show, on_error=self._failed, on_cancel=self._cancelled,
                          title=PREVIEW_TITLE)
        self.status_label.setText(LOADING)
        self.preview_button.setEnabled(False)

    def _show(self, found: tuple[ReportFigures, SavedText | None]) -> None:
        figures, saved = found
        self.figures, self.saved = figures, saved
        self.figures_label.setText("\n".join(figures_line(key, figures) for key in (*SECTIONS, *MORE_FIGURES)))
        if saved is not None and saved.sections:
            self.set_sections(saved.sections)
            self.text_label.setText(FROM_SAVED.format(when=f"{saved.saved_at:%Y-%m-%d %H:%M}", who=saved.saved_by))
        else:
            self.set_sections(generated_report(figures))
            self.text_label.setText(GENERATED_TEXT)
        self.status_label.setText(AS_OF.format(title=figures.title, span=figures.period.span_text,
                                               today=figures.today))
        writable = not self.ws.read_only
        self.generate_button.setEnabled(writable)
        self.generate_button.setToolTip(READ_ONLY if not writable else "")
        self.save_button.setEnabled(writable and self.actor.role >= self.actor.role.EDITOR)
        self.add_button.setEnabled(True)
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
        """Section key → its text as it stands."""
        return {editor.key: editor.text() for editor in self.sections}

    def save_text(self) -> bool:
        """Keeps the sections for the period and scope (the next preview of it shows them)."""
        from app.errors import QingfengError
        from app.reports.texts import load_text, save_text

        figures = self.figures
        if figures is None:
            return False
        try:
            with self.ws.writing() as session:
                save_text(session, self.actor, figures.period, figures.unit_id, self.report_sections(),
                          self.saved.version if self.saved else None)
                self.saved = load_text(session, self.actor, figures.period, figures.unit_id)
        except QingfengError as exc:
            messages.show_error(self, exc)
            return False
        self.text_label.setText(FROM_SAVED.format(when=f"{self.saved.saved_at:%Y-%m-%d %H:%M}", who=self.saved.saved_by))
        messages.inform(self, SAVED)
        return True

    def generate(self, path=None) -> None:  # noqa: ANN001 — a Path in tests, else asked for
        from app.reports.document import record_report_export, write_report

        figures = self.figures
        if figures is None:
            return
        path = path or messages.choose_save_path(self, SAVE_TITLE, f"{figures.title}.docx", WORD_FILTER)
        if path is None:
            return
        sections, ws, actor = self.report_sections(), self.ws, self.actor

        def work(progress):  # noqa: ANN001, ANN202
            out = write_report(actor, figures, sections, path, progress)  # seconds: no lock held
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
        """{"tab": "archive"} shows 年度归档; {"year": Y} the report of that whole year, with
        {"half": 1 | 2} of that half-year."""
        if filters.get("tab") == "archive":
            self.tabs.setCurrentWidget(self.archive_tab)
        if "year" in filters:
            self.tabs.setCurrentWidget(self.report_tab)
            half = filters.get("half")  # 首页's 半年报告 reminder: that half-year
            self.report_tab.period_combo.setCurrentIndex({1: 1, 2: 2}.get(half, 0))
            self.report_tab.year_spin.setValue(int(filters["year"]))
            self.report_tab.preview()


def default_period(today: dt.date) -> ReportPeriod:
    """What the page proposes: last year's 年度 report until June, this 上半年 from July, and this
    year's 年度 report from November, when the year's 工作总结 is drafted."""
    if today.month >= 11:
        return ReportPeriod.of_year(today.year)
    return ReportPeriod.of_year(today.year - 1) if today.month < 7 else ReportPeriod.half(today.year, 1)
