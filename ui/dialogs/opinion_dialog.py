"""党风廉政意见回复: choose the people, the purpose and the date; what the office has on record
about each is checked off the GUI thread and shown before anything is issued (first-form entries,
the 影响期 on that date, clues handled, open findings, the conclusion); 出具… writes the replies
(one document, or one per person in a folder), records them and audits them. The second tab lists
the replies issued."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dictionaries import load_vocabulary
from app.progress import Progress
from app.registers.opinions import query as opinions_query
from app.registers.opinions import types as opinions_types
from app.registers.opinions import write as opinions_write
from ui import messages
from ui.models.columns import Column, RowsTableModel
from ui.widgets.combos import DictCombo
from ui.widgets.dates import DateEdit
from ui.widgets.field_form import ERROR_STYLE, NOTE_STYLE
from ui.widgets.filters import YearFilter
from ui.widgets.participant_picker import ParticipantPicker
from ui.widgets.rows_view import rows_view
from ui.workers import NewestRead, run_task

if TYPE_CHECKING:
    from app.auth import Actor
    from app.registers.people.types import PersonRow
    from app.workspace.facade import Workspace

TITLE = "党风廉政意见回复"
TAB_ISSUE, TAB_LIST = "出具回复", "已出具记录"
L_PEOPLE, L_PURPOSE, L_DATE, L_OUTPUT = "人员", "用途", "截至日期", "文件"
ONE_FILE, PER_PERSON = "合并为一份 Word 文件", "每人一份（选择文件夹）"
PEOPLE_HINT = "输入姓名或拼音首字母后回车，可添加多人"
CHECKING, NOBODY = "正在核对…", "请选择人员。"
CHECKED = "核对结果：{count} 人，其中影响期内 {impact} 人、有未销号整改 {findings} 人。确认无误后点击“出具…”。"
ISSUE, CLOSE = "出具…", "关闭"
ISSUE_TITLE, FOLDER_TITLE, WORD_FILTER = "保存党风廉政意见回复", "选择保存意见回复的文件夹", "Word 文档 (*.docx)"
ONE_NAME = "党风廉政意见回复-{purpose}-{day}.docx"
ISSUED = "已出具 {count} 份党风廉政意见回复，保存在："
SEARCH = "姓名、单位或意见"
RED = "#c0392b"


def _impact_color(f: opinions_types.OpinionFacts) -> str | None:
    return RED if f.in_impact else None


CHECK_COLUMNS = (
    Column("person", "姓名（单位·职务）", 190, tooltip=True, value=lambda f: f.person.display),
    Column("impact", "处分、组织处理和诫勉", 190, tooltip=True, color=_impact_color,
           value=lambda f: "".join(f.measure_lines())),
    Column("entries", "第一种形态", 74, value=lambda f: f"{len(f.entries)} 人次" if f.entries else "无"),
    Column("clues", "问题线索", 74, value=lambda f: (f"{len(f.checked)} 件正在核查" if f.checked else
                                                    f"{len(f.clues)} 件暂存" if f.clues else "无")),
    Column("findings", "未销号整改", 74, value=lambda f: f"{len(f.open_findings)} 项" if f.open_findings else "无"),
    Column("conclusion", "意见", 320, tooltip=True, stretch=True, color=_impact_color,
           value=lambda f: f.conclusion),
)
LIST_COLUMNS = (
    Column("issued_at", "出具时间", 118),
    Column("person_display", "姓名（单位·职务）", 200, tooltip=True),
    Column("purpose_label", "用途", 70),
    Column("as_of", "截至日期", 84),
    Column("conclusion", "意见", 360, tooltip=True, stretch=True),
    Column("issued_by", "出具人", 80),
)


class OpinionDialog(QDialog):
    checked = Signal()   # the check of the people as chosen has answered
    listed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, people: list[PersonRow] | None = None,
                 parent: QWidget | None = None, *, can_write: bool = True) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.facts: list[opinions_types.OpinionFacts] = []
        self._check = NewestRead(self)
        self.setWindowTitle(TITLE)
        with ws.reading() as session:
            vocab = load_vocabulary(session)
        today = ws.today()
        self.tabs = QTabWidget(self)
        issue = QWidget(self.tabs)
        self.people_picker = ParticipantPicker(ws, actor, issue, outsiders=False, field="people",
                                               placeholder=PEOPLE_HINT)
        self.purpose_combo = DictCombo(vocab, "opinion_purpose", optional=False, parent=issue)
        self.date_edit = DateEdit(today, issue, latest=today)
        self.one_file = QRadioButton(ONE_FILE, issue)
        self.per_person = QRadioButton(PER_PERSON, issue)
        self.one_file.setChecked(True)
        output = QWidget(issue)
        line = QHBoxLayout(output)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.one_file)
        line.addWidget(self.per_person)
        line.addStretch(1)
        form = QFormLayout()
        form.addRow(L_PEOPLE, self.people_picker)
        form.addRow(L_PURPOSE, self.purpose_combo)
        form.addRow(L_DATE, self.date_edit)
        form.addRow(L_OUTPUT, output)
        self.check_model = RowsTableModel(CHECK_COLUMNS, parent=self)
        self.check_view = rows_view(self.check_model, issue, stretch=-1)
        self.check_view.setWordWrap(True)
        self.status = QLabel(NOBODY, issue)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(NOTE_STYLE)
        column = QVBoxLayout(issue)
        column.addLayout(form)
        column.addWidget(self.check_view, 1)
        column.addWidget(self.status)
        self.tabs.addTab(issue, TAB_ISSUE)
        self.tabs.addTab(self._list_tab(today.year), TAB_LIST)

        self.buttons = QDialogButtonBox(self)
        self.issue_button = self.buttons.addButton(ISSUE, QDialogButtonBox.ButtonRole.ActionRole)
        self.issue_button.clicked.connect(self.choose_and_issue)
        self.buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        self._can_write = can_write and not ws.read_only
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.check)
        self.people_picker.changed.connect(self._debounce.start)
        self.people_picker.problem.connect(lambda text: self._show_status(text, error=True))
        self.purpose_combo.currentIndexChanged.connect(lambda _i: self._debounce.start())
        self.date_edit.dateChanged.connect(lambda _d: self._debounce.start())
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        if people:
            self.people_picker.set_participants([_as_participant(p) for p in people])
        self.resize(1100, 620)
        self.check()
        self.reload_list()

    # ---- the check ---------------------------------------------------------------------------

    def person_ids(self) -> list[int]:
        return [p.person_id for p in self.people_picker.participants() if p.person_id is not None]

    def check(self) -> None:
        """What is on record about the chosen people as of the date (off the GUI thread)."""
        ids = self.person_ids()
        if not ids:
            self._check.drop()
            self.facts = []
            self.check_model.set_rows([])
            self._show_status(NOBODY)
            self.checked.emit()
            return
        ws, actor, purpose, day = self.ws, self.actor, self.purpose_combo.code(), self.date_edit.value()

        def work(_progress: Progress) -> list[opinions_types.OpinionFacts]:
            with ws.reading() as session:
                return opinions_query.opinion_facts(session, actor, ids, purpose, day)

        self._check.run(work, on_done=self._checked, on_error=self._check_failed)
        self._show_status(CHECKING)
        self._update_buttons()

    @property
    def is_checking(self) -> bool:
        return self._check.loading

    def _checked(self, facts: list[opinions_types.OpinionFacts]) -> None:
        self.facts = facts
        self.check_model.set_rows(facts)
        self.check_view.resizeRowsToContents()
        self._show_status(CHECKED.format(count=len(facts), impact=sum(f.in_impact for f in facts),
                                         findings=sum(bool(f.open_findings) for f in facts)))
        self._update_buttons()
        self.checked.emit()

    def _check_failed(self, exc: BaseException) -> None:
        self._show_status(str(exc), error=True)
        self._update_buttons()
        self.checked.emit()

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)

    def _update_buttons(self) -> None:
        on_issue = self.tabs.currentIndex() == 0
        self.issue_button.setVisible(on_issue)
        self.issue_button.setEnabled(self._can_write and bool(self.facts) and not self.is_checking)

    # ---- issuing -----------------------------------------------------------------------------

    def choose_and_issue(self) -> None:
        if self.per_person.isChecked():
            folder = QFileDialog.getExistingDirectory(self, FOLDER_TITLE)
            if folder:
                self.issue(folder)
            return
        name = ONE_NAME.format(purpose=self.purpose_combo.currentText(), day=f"{self.date_edit.value():%Y%m%d}")
        path = messages.choose_save_path(self, ISSUE_TITLE, name, WORD_FILTER)
        if path is not None:
            self.issue(path if path.suffix.lower() == ".docx" else path.with_suffix(".docx"))

    def issue(self, out) -> None:  # noqa: ANN001 — a file (one for all) or a folder (per person)
        """Issues the replies to `out` in the background; then says where and lists them."""
        from pathlib import Path

        out = Path(out)
        ws, actor, ids = self.ws, self.actor, self.person_ids()
        purpose, day, per_person = self.purpose_combo.code(), self.date_edit.value(), self.per_person.isChecked()

        def work(_progress: Progress) -> opinions_types.IssuedReplies:
            with ws.writing() as session:
                return opinions_write.issue_opinions(session, actor, ids, purpose, day, out, bureau=ws.settings.bureau_name,
                                          today=ws.today(), per_person=per_person)

        def done(issued: opinions_types.IssuedReplies) -> None:
            self.reload_list()
            messages.inform_file(self, ISSUED.format(count=len(issued.reply_ids)), issued.files[0])

        run_task(self, work, title=TITLE, on_done=done)

    # ---- the list ----------------------------------------------------------------------------

    def _list_tab(self, year: int) -> QWidget:
        tab = QWidget(self.tabs)
        self.list_year = YearFilter(range(year - 5, year + 1), None, parent=tab)
        self.list_search = QLineEdit(tab)
        self.list_search.setPlaceholderText(SEARCH)
        self.list_search.setClearButtonEnabled(True)
        bar = QHBoxLayout()
        bar.addWidget(self.list_year)
        bar.addStretch(1)
        bar.addWidget(self.list_search)
        self.list_model = RowsTableModel(LIST_COLUMNS, parent=self)
        self.list_view = rows_view(self.list_model, tab, stretch=-1)
        self.list_count = QLabel(tab)
        column = QVBoxLayout(tab)
        column.addLayout(bar)
        column.addWidget(self.list_view, 1)
        column.addWidget(self.list_count)
        self.list_year.changed.connect(self.reload_list)
        self.list_search.textChanged.connect(lambda _t: self.reload_list())
        return tab

    def reload_list(self) -> None:
        ws, actor, year, text = self.ws, self.actor, self.list_year.year(), self.list_search.text()

        def work(_progress: Progress) -> list[opinions_types.OpinionReplyRow]:
            with ws.reading() as session:
                return opinions_query.opinion_replies(session, actor, year=year, text=text)

        def done(rows: list[opinions_types.OpinionReplyRow]) -> None:
            self.list_model.set_rows(rows)
            self.list_count.setText(f"共 {len(rows)} 份")
            self.listed.emit()

        run_task(self, work, on_done=done)


def _as_participant(person: PersonRow):  # noqa: ANN202 — a ParticipantRow the picker shows as a chip
    from app.registers.talks.types import ParticipantRow

    return ParticipantRow("", person.name, person.id, person.unit_id, person.unit_name, person.position)

