"""The import preview (`ImportPlan`) and the result of a commit (`ImportResult`).

Plain frozen dataclasses: the UI shows them in its preview dialog, the command line prints
`report_lines()`. Nothing here touches the database or a file.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

ACTION_LABELS = {"add": "新增", "update": "更新", "unchanged": "无变化"}
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
        for m in self.missing:
            what = ("将新建" + ("（类别为“其他”）" if m.kind == "unit" else "")) if m.will_create \
                else f"不存在，所在行被拒绝{_HOW_TO_CREATE}"
            where = f"（{m.unit}）" if m.unit else ""
            lines.append(f"{m.label}“{m.name}”{where}{what}：{_refs(m.rows)}")
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
