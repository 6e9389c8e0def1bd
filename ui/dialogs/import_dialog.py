"""Import from Excel with a preview: choose a file → plan in the background → every row to add,
update or leave, every rejected row with its reason, skipped sheets, missing units/people and
unknown dictionary values → 导入 (enabled only when the plan is ok) → commit in the background,
all rows or none."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from app.progress import Progress
from ui import messages
from ui.models.columns import RIGHT, Column, RowsTableModel
from ui.widgets.rows_view import rows_view
from ui.workers import run_task

if TYPE_CHECKING:
    from app.excel.plan import ImportPlan, ImportResult
    from app.workspace.facade import Workspace

TITLE = "导入{title}"
CHOOSE = "选择文件…"
TEMPLATE, TEMPLATE_TIP = "下载导入模板…", "保存一份空白的导入模板：表头已排好，带“填写说明”工作表，照着填好再导入"
TEMPLATE_FILE, TEMPLATE_DONE = "{title}导入模板.xlsx", "导入模板已保存到："
NO_FILE = "尚未选择文件。可导入 .xlsx 工作簿：标题行、合计行、说明工作表会自动跳过。"
CREATE_MISSING = "同时新增缺少的单位/人员/字典项（新单位的类别为“其他”）"
CREATE_MISSING_TIP = "不勾选时，写了不存在的单位、人员或字典中没有的取值的行会被拒绝；“名称核对”中选了对应的名称不会新建"
TAB_NAMES = "名称核对（{n}）"
NAMES_HINT = ("文件中有些单位或人员不存在，但与已有的很接近。如是同一个，请选择“对应为…”，"
              "导入时当作已有的；不选时按上方“同时新增”的勾选处理（新建，或拒绝所在行）。")
NO_NAMES = "没有需要核对的名称。"
NOT_MAPPED = "不对应（新建或拒绝，按上方勾选）"
MAP_TO = "对应为“{target}”"
REMEMBER = "记住所选的对应，下次导入时自动使用"
REMEMBERED = "按已记住的对应：{written} → {target}"
ASK_NAMES = "有 {n} 个名称可能是已有的单位或人员，请在“名称核对”中确认。"
IMPORT, CANCEL = "导入", "取消"
PLANNING, COMMITTING = "正在读取并核对…", "正在写入…"
TAB_ROWS, TAB_REJECTED, TAB_NOTES = "将写入的行（{n}）", "被拒绝的行（{n}）", "说明（{n}）"
SUMMARY = "新增 {add} 行 · 更新 {update} 行 · 无变化 {unchanged} 行 · 拒绝 {rejected} 行"
OK = "可以导入：确认后一次写入全部行。"
NOTHING = "文件中的数据与现有记录一致，没有需要写入的行。"
NOT_OK = "有被拒绝的行或文件错误，不能导入，未写入任何数据。请修改文件后重新选择。"
MAY_CREATE = "有些行写了不存在的单位、人员或字典中没有的取值：确认无误时可勾选“{check}”重新核对。"
CANCELLED = "已取消，未写入任何数据。"
DONE = "导入完成。\n{summary}"
ACTIONS = {"add": "新增", "update": "更新", "unchanged": "无变化"}
OK_STYLE, BAD_STYLE = "color: #1e7b34; font-weight: bold;", "color: #c0392b; font-weight: bold;"

ROW_COLUMNS = (
    Column("sheet", "工作表", 90), Column("row", "行", 40, RIGHT),
    Column("action", "操作", 50, format=lambda a: ACTIONS.get(a, a)),
    Column("summary", "内容", 260, tooltip=True),
    Column("changes", "变化", 300, tooltip=True,
           format=lambda changes: "；".join(f"{h}：{a} → {b}" for h, a, b in changes)),
)
REJECTED_COLUMNS = (
    Column("sheet", "工作表", 90), Column("row", "行", 40, RIGHT),
    Column("reason", "原因", 520, tooltip=True),
)


def note_lines(plan: ImportPlan) -> list[str]:
    """Sheets read and skipped, file errors, missing records and unknown dictionary values."""
    lines = [f"错误：{e}" for e in plan.errors]
    lines += [s.describe() for s in plan.sheets]
    lines += [f"跳过工作表「{s.name}」：{s.reason}" for s in plan.skipped_sheets]
    lines += [m.describe() for m in plan.mapped]
    lines += [m.describe(command_line=False) for m in plan.missing]
    for p in plan.proposals:
        what = "将新增为字典项" if p.accepted else "不在字典中，所在行被拒绝"
        lines.append(f"{p.domain_label}“{p.value}”{what}：{'、'.join(str(r) for r in p.rows[:8])}")
    return lines


class ImportDialog(QDialog):
    planned = Signal()     # a preview is shown (or planning failed)
    committed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, register_key: str, *, title: str,
                 year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.register_key, self.year = ws, actor, register_key, year
        self.path: Path | None = None
        self.plan_result: ImportPlan | None = None
        # “可能是” met in this dialog: (kind, written) → (label, written text, options); and choices
        self.name_options: dict[tuple[str, str], tuple[str, str, tuple[str, ...]]] = {}
        self.name_choices: dict[tuple[str, str], str] = {}
        self.name_boxes: dict[tuple[str, str], QComboBox] = {}
        self.result_summary: ImportResult | None = None
        self.setWindowTitle(TITLE.format(title=title))
        self.file_label = QLabel(NO_FILE, self)
        self.file_label.setWordWrap(True)
        choose = QPushButton(CHOOSE, self)
        choose.clicked.connect(self.choose_file)
        self.template_button = QPushButton(TEMPLATE, self)
        self.template_button.setToolTip(TEMPLATE_TIP)
        self.template_button.clicked.connect(lambda: self.save_template())
        self.create_check = QCheckBox(CREATE_MISSING, self)
        self.create_check.setToolTip(CREATE_MISSING_TIP)
        self.create_check.toggled.connect(lambda _on: self.plan(self.path) if self.path else None)
        self.summary_label = QLabel(self)
        self.verdict_label = QLabel(self)
        self.verdict_label.setWordWrap(True)
        self.rows_model = RowsTableModel(ROW_COLUMNS, parent=self)
        self.rejected_model = RowsTableModel(REJECTED_COLUMNS, parent=self)
        self.notes = QPlainTextEdit(self)
        self.notes.setReadOnly(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(rows_view(self.rows_model, self, sortable=True, stretch=-1), TAB_ROWS.format(n=0))
        self.tabs.addTab(rows_view(self.rejected_model, self, sortable=True, stretch=-1), TAB_REJECTED.format(n=0))
        self.tabs.addTab(self.notes, TAB_NOTES.format(n=0))
        self.names_page = QWidget(self)
        self.names_grid = QGridLayout()
        names_layout = QVBoxLayout(self.names_page)
        self.names_hint = QLabel(NO_NAMES, self.names_page)
        self.names_hint.setWordWrap(True)
        names_layout.addWidget(self.names_hint)
        names_layout.addLayout(self.names_grid)
        self.remember_check = QCheckBox(REMEMBER, self.names_page)
        # Remembered mappings serve every import: a unit-limited clerk may not set them.
        self.remember_check.setChecked(actor.unit_ids is None)
        self.remember_check.setEnabled(actor.unit_ids is None)
        names_layout.addWidget(self.remember_check)
        self.remembered_label = QLabel(self.names_page)
        self.remembered_label.setStyleSheet("color: #555;")
        self.remembered_label.setWordWrap(True)
        names_layout.addWidget(self.remembered_label)
        names_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.names_page)
        self.tabs.addTab(scroll, TAB_NAMES.format(n=0))
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(IMPORT, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        buttons.addButton(CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.commit)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.template_button)
        top.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.create_check)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.verdict_label)
        layout.addWidget(buttons)
        self.resize(980, 600)

    # ---- the template ----------------------------------------------------------------------

    def save_template(self, path: Path | None = None) -> None:
        """The register's blank import template (app/excel/writer.write_template), written in the
        background (openpyxl); `path` asked for unless given."""
        from app.excel.writer import write_template

        title = self.windowTitle().removeprefix(TITLE.format(title=""))
        if path is None:
            path = messages.choose_save_path(self, TEMPLATE.rstrip("…"), TEMPLATE_FILE.format(title=title))
            if path is None:
                return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        key, chosen = self.register_key, path
        run_task(self, lambda _progress: write_template(key, chosen), title=TEMPLATE.rstrip("…"),
                 on_done=lambda _r: messages.inform_file(self, TEMPLATE_DONE, chosen))

    # ---- planning --------------------------------------------------------------------------

    def choose_file(self) -> None:
        path = messages.choose_open_path(self, self.windowTitle())
        if path is not None:
            self.plan(path)

    def plan(self, path: Path) -> None:
        """Reads and checks the file off the GUI thread; writes nothing."""
        from app.excel.importer import plan_import

        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.import_button.setEnabled(False)
        ws, actor, key, year = self.ws, self.actor, self.register_key, self.year
        create, today, chosen = self.create_check.isChecked(), self.ws.today(), self.path
        texts = [f"{self.name_options[k][1]}={target}" for k, target in self.name_choices.items() if target]

        def work(progress: Progress) -> ImportPlan:
            from app.excel.matching import parse_mappings

            with ws.reading() as session:
                return plan_import(session, actor, key, chosen, year=year, create_missing=create,
                                   today=today, progress=progress, mappings=parse_mappings(session, texts))

        run_task(self, work, on_done=self.show_plan, on_error=self._plan_failed,
                 on_cancel=self.planned.emit, title=self.windowTitle(), label=PLANNING)

    def _plan_failed(self, exc: BaseException) -> None:
        self.plan_result = None
        self.verdict_label.setText(str(exc))
        self.verdict_label.setStyleSheet(BAD_STYLE)
        messages.show_error(self, exc)
        self.planned.emit()

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan_result = plan
        self.summary_label.setText(SUMMARY.format(**plan.counts))
        self.rows_model.set_rows(list(plan.rows))
        self.rejected_model.set_rows(list(plan.rejected))
        notes = note_lines(plan)
        self.notes.setPlainText("\n".join(notes))
        self.tabs.setTabText(0, TAB_ROWS.format(n=len(plan.rows)))
        self.tabs.setTabText(1, TAB_REJECTED.format(n=len(plan.rejected)))
        self.tabs.setTabText(2, TAB_NOTES.format(n=len(notes)))
        asking = self._show_names(plan)
        writes = plan.count("add") + plan.count("update")
        ask = ASK_NAMES.format(n=asking) if asking else ""
        if not plan.ok:
            missing = any(not m.will_create and not m.fate for m in plan.missing) or any(
                not p.accepted for p in plan.proposals)
            create = plan.creation_note().replace("（命令行加 --create-missing）", "") or (
                MAY_CREATE.format(check=CREATE_MISSING) if missing else "")
            self.verdict_label.setText("\n".join(x for x in (NOT_OK, ask, create) if x))
            self.tabs.setCurrentIndex(3 if asking else 1 if plan.rejected else 2)
        else:
            self.verdict_label.setText("\n".join(x for x in (OK if writes else NOTHING, ask) if x))
            if asking:
                self.tabs.setCurrentIndex(3)
        self.verdict_label.setStyleSheet(OK_STYLE if plan.ok else BAD_STYLE)
        self.import_button.setEnabled(plan.ok and writes > 0)
        self.planned.emit()

    # ---- names close to known ones ---------------------------------------------------------

    def _show_names(self, plan: ImportPlan) -> int:
        """One line per name close to a known unit or person (kept while the dialog is open,
        so that a chosen mapping stays changeable); returns how many still ask."""
        for m in plan.missing:
            if m.close:
                written = f"{m.name}（{m.unit}）" if m.unit else m.name
                maybe = " 或 ".join(f"“{c}”" for c in m.close)
                label = f"{m.label}“{written}”（{len(m.rows)} 行）可能是 {maybe}"
                self.name_options.setdefault(m.key, (label, written, m.close))
        while self.names_grid.count():
            widget = self.names_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.name_boxes = {}
        for row, (key, (label, _written, options)) in enumerate(self.name_options.items()):
            self.names_grid.addWidget(QLabel(label, self.names_page), row, 0)
            box = QComboBox(self.names_page)
            box.addItem(NOT_MAPPED, "")
            for target in options:
                box.addItem(MAP_TO.format(target=target), target)
            box.setCurrentIndex(max(0, box.findData(self.name_choices.get(key, ""))))
            box.currentIndexChanged.connect(lambda _i, k=key, b=box: self._name_chosen(k, b.currentData()))
            self.names_grid.addWidget(box, row, 1)
            self.name_boxes[key] = box
        self.names_grid.setColumnStretch(1, 1)
        self.names_hint.setText(NAMES_HINT if self.name_options else NO_NAMES)
        self.remember_check.setVisible(bool(self.name_options))
        remembered = [REMEMBERED.format(written=m.written, target=m.target) for m in plan.mapped if m.remembered]
        self.remembered_label.setText("\n".join(remembered))
        asking = sum(1 for k in self.name_options if not self.name_choices.get(k))
        self.tabs.setTabText(3, TAB_NAMES.format(n=asking))
        return asking

    def _name_chosen(self, key: tuple[str, str], target: str) -> None:
        self.name_choices[key] = target
        if self.path is not None:
            self.plan(self.path)

    # ---- commit ----------------------------------------------------------------------------

    def commit(self) -> None:
        """All rows or none, in one unit of work off the GUI thread."""
        from app.excel.importer import commit_import

        plan = self.plan_result
        if plan is None or not plan.ok:
            return
        self.import_button.setEnabled(False)
        ws, actor, remember = self.ws, self.actor, self.remember_check.isChecked()

        def work(progress: Progress) -> Any:
            with ws.writing() as session:
                return commit_import(session, actor, plan, progress=progress, remember_mappings=remember)

        run_task(self, work, on_done=self._committed, on_error=self._commit_failed,
                 on_cancel=self._commit_cancelled, title=self.windowTitle(), label=COMMITTING)

    def _committed(self, result: ImportResult) -> None:
        self.result_summary = result
        messages.inform(self, DONE.format(summary=result.summary()))
        self.committed.emit()
        self.accept()

    def _commit_failed(self, exc: BaseException) -> None:
        self.verdict_label.setText(str(exc))
        self.verdict_label.setStyleSheet(BAD_STYLE)
        messages.show_error(self, exc)
        self.import_button.setEnabled(True)
        self.committed.emit()

    def _commit_cancelled(self) -> None:
        self.verdict_label.setText(CANCELLED)
        self.import_button.setEnabled(True)
        self.committed.emit()
