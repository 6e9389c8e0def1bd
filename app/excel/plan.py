"""The import preview (`ImportPlan`) and the result of a commit (`ImportResult`).

Plain frozen dataclasses: the UI shows them in its preview dialog, the command line prints
`report_lines()`. Nothing here touches the database or a file.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.dictionaries import normalize

ACTION_LABELS = {"add": "新增", "update": "更新", "unchanged": "无变化"}
NEW_UNIT_KIND = "其他"  # the category a unit the import creates gets (editable afterwards)
_HOW_TO_CREATE = "（确认要新增时，可勾选“新增缺少的项”或使用 --create-missing 重新导入）"


@dataclass(frozen=True)
class RowRef:
    sheet: str
    row: int

    def __str__(self) -> str:
        return f"「{self.sheet}」第 {self.row} 行"


@dataclass(frozen=True)
class PlannedRow:
    sheet: str
    row: int
    action: str                              # "add" · "update" · "unchanged"
    summary: str
    values: Mapping[str, object]
    target_id: int | None = None
    target_version: int | None = None
    changes: tuple[tuple[str, str, str], ...] = ()

    @property
    def ref(self) -> RowRef:
        return RowRef(self.sheet, self.row)

    def describe(self) -> str:
        text = f"{self.ref}  {self.summary}"
        if self.changes:
            text += "：" + "；".join(f"{h} {a} → {b}" for h, a, b in self.changes)
        return text


@dataclass(frozen=True)
class RejectedRow:
    sheet: str
    row: int
    reason: str

    @property
    def ref(self) -> RowRef:
        return RowRef(self.sheet, self.row)


@dataclass(frozen=True)
class SheetReport:
    """A sheet that was read: where its header was and what was skipped in it."""

    name: str
    header_rows: tuple[int, ...]    # (3,) or (3, 4) for a merged two-row header
    year: int | None                # from the sheet name or title rows
    data_rows: int
    title_rows: int
    blank_rows: int
    total_rows: int                 # 合计/小计/总计
    footer_rows: int                # 填表人, 审核人, 填报日期, 备注：…
    ignored_columns: tuple[str, ...]

    def describe(self) -> str:
        where = "–".join(str(r) for r in self.header_rows)
        skipped = [f"{label} {n} 行" for label, n in (
            ("标题", self.title_rows), ("空行", self.blank_rows), ("合计行", self.total_rows),
            ("页脚", self.footer_rows)) if n]
        text = f"工作表「{self.name}」：表头在第 {where} 行，数据 {self.data_rows} 行"
        if self.year is not None:
            text += f"，年度 {self.year}"
        if skipped:
            text += "；跳过" + "、".join(skipped)
        if self.ignored_columns:
            text += "；未识别（已忽略）的列：" + "、".join(self.ignored_columns)
        return text


@dataclass(frozen=True)
class SkippedSheet:
    name: str
    reason: str


@dataclass(frozen=True)
class Proposal:
    """A dictionary value the file uses that the dictionary does not know."""

    domain: str
    domain_label: str
    value: str                      # as written
    rows: tuple[RowRef, ...]
    accepted: bool                  # create_missing: the commit adds it as a new item


@dataclass(frozen=True)
class MissingRecord:
    """A unit (or person) the file names that does not exist."""

    kind: str                       # "unit" · "person"
    label: str                      # 单位 · 人员
    name: str
    rows: tuple[RowRef, ...]
    will_create: bool               # create_missing; otherwise its rows are rejected
    unit: str = ""                  # a person's unit as written (where a new person goes)
    close: tuple[str, ...] = ()     # “可能是”: known units or people close to the name
    fate: str = ""                  # not the tick's: "outside" (kept as written) · "register" (add it there)

    @property
    def key(self) -> tuple[str, str]:
        """The mapping key of the name as written (app/excel/matching.map_key)."""
        if self.kind == "person":
            return "person", f"{normalize(self.name)}|{normalize(self.unit)}"
        return self.kind, normalize(self.name)

    def describe(self, *, command_line: bool) -> str:
        where = f"（{self.unit}）" if self.unit else ""
        if self.fate == "outside":
            what = "不在人员名册中，将照写为名册外人员"
        elif self.fate == "register":
            what = "不在人员名册中，所在行被拒绝（请先在人员名册中添加）"
        elif self.will_create:
            what = "将新建" + (f"（类别为“{NEW_UNIT_KIND}”）" if self.kind == "unit" else "")
        else:
            what = "不存在，所在行被拒绝"
        if self.close:
            maybe = " 或 ".join(f"“{c}”" for c in self.close)
            how = (f"如是同一个，可加 --map {self.name}={self.close[0]}" if command_line
                   else "如是同一个，请在“名称核对”中选择对应")
            what += f"。可能是 {maybe}（{how}）"
        return f"{self.label}“{self.name}”{where}{what}：{_refs(self.rows)}"


@dataclass(frozen=True)
class MappedName:
    """A name the file writes that the import takes for a known unit or person (a mapping the
    clerk chose for this import, or one an earlier import remembered)."""

    kind: str
    label: str
    written: str
    target: str
    rows: tuple[RowRef, ...]
    remembered: bool
    key: tuple[str, str] = ("", "")  # the mapping that applied (kind, written)

    def describe(self) -> str:
        how = "按已记住的对应" if self.remembered else "按本次选择的对应"
        return f"{self.label}“{self.written}”{how}视为“{self.target}”：{_refs(self.rows)}"


def _names(names: list[str], limit: int = 6) -> str:
    return "、".join(names[:limit]) + (f" 等 {len(names)} 个" if len(names) > limit else "")


def _refs(rows: tuple[RowRef, ...], limit: int = 8) -> str:
    shown = "、".join(str(r) for r in rows[:limit])
    return shown + (f" 等 {len(rows)} 行" if len(rows) > limit else "")


@dataclass(frozen=True)
class ImportPlan:
    register_key: str
    register_title: str
    file_name: str
    path: str
    create_missing: bool
    year: int | None
    today: dt.date                  # the commit's services validate against it
    rows: tuple[PlannedRow, ...]
    rejected: tuple[RejectedRow, ...]
    sheets: tuple[SheetReport, ...]
    skipped_sheets: tuple[SkippedSheet, ...]
    proposals: tuple[Proposal, ...]
    missing: tuple[MissingRecord, ...]
    errors: tuple[str, ...]         # problems of the whole file (no readable sheet…)
    mapped: tuple[MappedName, ...] = ()
    mappings: Mapping[tuple[str, str], int] = field(default_factory=dict)  # chosen for this import
    fixed_by_creating: int = 0      # rows the tick (create_missing) would let through

    def creation_note(self) -> str:
        """What ticking 同时新增 would create, and how many rejected rows it would let in."""
        if self.create_missing or not self.fixed_by_creating:
            return ""
        units = [m.name for m in self.missing if m.kind == "unit" and not m.fate]
        people = [f"{m.name}（{m.unit}）" if m.unit else m.name for m in self.missing
                  if m.kind == "person" and not m.fate]
        items = [f"{p.domain_label}“{p.value}”" for p in self.proposals]
        parts = []
        if units:
            parts.append(f"单位 {len(units)} 个（{_names(units)}，类别为“{NEW_UNIT_KIND}”）")
        if people:
            parts.append(f"人员 {len(people)} 人（{_names(people)}）")
        if items:
            parts.append(f"字典项 {len(items)} 个（{_names(items)}）")
        return (f"勾选“同时新增缺少的单位/人员/字典项”（命令行加 --create-missing）后，被拒绝的行中有 "
                f"{self.fixed_by_creating} 行可以导入；将新建" + "、".join(parts) + "。")

    @property
    def ok(self) -> bool:
        """True when no row was rejected and the file itself could be read: commit may run."""
        return not self.rejected and not self.errors

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {"add": self.count("add"), "update": self.count("update"),
                "unchanged": self.count("unchanged"), "rejected": len(self.rejected)}

    def report_lines(self, *, list_unchanged: bool = False) -> list[str]:
        """The preview as plain Chinese text, one line each, for the command line."""
        c = self.counts
        lines = [f"导入{self.register_title}：{self.file_name}"]
        lines += [s.describe() for s in self.sheets]
        lines += [f"跳过工作表「{s.name}」：{s.reason}" for s in self.skipped_sheets]
        lines += [f"错误：{e}" for e in self.errors]
        lines.append(f"新增 {c['add']} 行，更新 {c['update']} 行，无变化 {c['unchanged']} 行，"
                     f"拒绝 {c['rejected']} 行。")
        for action in ("add", "update") + (("unchanged",) if list_unchanged else ()):
            rows = [r for r in self.rows if r.action == action]
            if rows:
                lines.append(f"{ACTION_LABELS[action]}：")
                lines += ["  " + r.describe() for r in rows]
        if self.rejected:
            lines.append("拒绝：")
            lines += [f"  {r.ref}：{r.reason}" for r in self.rejected]
        for p in self.proposals:
            what = "将新增为字典项" if p.accepted else f"不在字典中，所在行被拒绝{_HOW_TO_CREATE}"
            lines.append(f"{p.domain_label}“{p.value}”{what}：{_refs(p.rows)}")
        lines += [m.describe() for m in self.mapped]
        lines += [f"提示：{m.describe(command_line=True)}" if m.close else m.describe(command_line=True)
                  for m in self.missing]
        if self.creation_note():
            lines.append("提示：" + self.creation_note())
        if self.ok:
            lines.append("结论：可以导入，确认后将一次写入全部行。")
        else:
            lines.append("结论：有错误，未写入任何数据。请修改文件后重新导入。")
        return lines


@dataclass(frozen=True)
class ImportResult:
    register_key: str
    register_title: str
    file_name: str
    added: int
    updated: int
    unchanged: int
    created_items: tuple[str, ...]       # “政治面貌：积极分子”
    created_units: tuple[str, ...]
    created_people: tuple[str, ...]
    record_ids: tuple[int, ...]          # the records added or updated, in file order

    def summary(self) -> str:
        text = (f"从“{self.file_name}”导入{self.register_title}：新增 {self.added} 行，"
                f"更新 {self.updated} 行，无变化 {self.unchanged} 行")
        for label, items in (("新增字典项", self.created_items), ("新建单位", self.created_units),
                             ("新建人员", self.created_people)):
            if items:
                text += f"；{label} {len(items)} 个（{'、'.join(items)}）"
        return text + "。"

    def report_lines(self) -> list[str]:
        return ["已导入。" + self.summary()]
