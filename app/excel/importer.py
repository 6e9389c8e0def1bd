"""Import: `plan_import` reads a workbook into a preview, `commit_import` writes it, all or nothing.

The plan never writes (a dry run may use a reading session). The commit runs in the caller's
`with ws.writing() as session:` unit of work and goes through the register's own services, so
every row is validated and audited like a typed one; any error — a service refusing a row, a
record edited since the preview (StaleRecord), a cancel (`app.progress.Cancelled`) — raises out
of the block and the caller's transaction rolls everything back."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_write
from app.dictionaries import DOMAIN_LABELS, load_vocabulary, normalize
from app.dictionary_edit import add_proposed_item
from app.errors import QingfengError, ValidationError
from app.excel.adapter import Register
from app.excel.columns import Column, Pending, RowInput, RowRejected
from app.excel.context import ApplyContext, PlanContext
from app.excel.plan import (
    ImportPlan,
    ImportResult,
    MappedName,
    MissingRecord,
    PlannedRow,
    Proposal,
    RejectedRow,
    RowRef,
    SheetReport,
)
from app.excel.matching import remember, remembered
from app.excel.reader import SheetData, WorkbookData, read_workbook
from app.excel.registry import register
from app.excel.values import (
    CellError,
    is_blank,
    parse_bool,
    parse_date,
    parse_int,
    parse_year,
    split_multi,
    text_of,
)
from app.excel.xlsx import ErrorValue, NoCachedValue, column_letter
from app.progress import Progress
from app.settings import load_settings
from app.registers.people.types import PersonDraft
from app.registers.people.write import save_person
from app.registers.units.query import list_units
from app.registers.units.types import UnitDraft
from app.registers.units.write import save_unit

PROGRESS_EVERY = 25


def plan_import(session: Session, actor: Actor, register_key: str, path: Path | str, *,
                year: int | None = None, create_missing: bool = False, today: dt.date,
                progress: Progress | None = None,
                mappings: Mapping[tuple[str, str], int] | None = None) -> ImportPlan:
    """Reads `path` and plans every row: add, update (the record it matches), unchanged, or
    rejected with a reason. Writes nothing. `mappings` ((kind, written) → id, see
    app/excel/matching.py) take names the file writes for known units or people, on top of those
    earlier imports remembered; a missing name close to a known one is proposed (“可能是”).
    Raises PermissionDenied for a 查阅 user and ValidationError when the file cannot be read or
    the register is unknown."""
    require_write(actor)
    adapter = register(register_key)
    path = Path(path)
    book = read_workbook(path, adapter.columns, progress)
    chosen = dict(mappings or {})
    remembered_map = remembered(session)
    context = dict(vocab=load_vocabulary(session), today=today, mappings={**remembered_map, **chosen},
                   bureau=load_settings(session).bureau_name)
    ctx, planned, rejected = _plan_rows(session, actor, adapter, book, year, progress,
                                        PlanContext(session, actor, create_missing=create_missing, **context))
    fixed = 0
    if rejected and not create_missing and (ctx.missing or ctx.proposals):
        # What the tick would do: the same rows planned as if it were ticked (nothing written).
        _, would, still = _plan_rows(session, actor, adapter, book, year, None,
                                     PlanContext(session, actor, create_missing=True, **context))
        fixed = max(0, len(would) - len(planned)) if len(still) < len(rejected) else 0
    return ImportPlan(
        register_key=adapter.key, register_title=adapter.title, file_name=path.name, path=str(path),
        create_missing=create_missing, year=year, today=today, rows=tuple(planned),
        rejected=tuple(rejected), sheets=tuple(_sheet_report(s) for s in book.sheets),
        skipped_sheets=tuple(book.skipped),
        proposals=tuple(Proposal(domain, DOMAIN_LABELS.get(domain, domain), label, tuple(rows),
                                 create_missing) for (domain, _), (label, _, rows) in ctx.proposals.items()),
        missing=tuple(MissingRecord(kind, {"unit": "单位", "person": "人员"}[kind], label, tuple(rows),
                                    create_missing and (kind, key) not in ctx.fates, unit,
                                    ctx.close.get((kind, key), ()), ctx.fates.get((kind, key), ""))
                      for (kind, key), (label, unit, rows) in sorted(ctx.missing.items(), key=_units_first)),
        errors=tuple(book.errors),
        mapped=tuple(MappedName(key[0], {"unit": "单位", "person": "人员"}[key[0]], written, target, tuple(rows),
                                key not in chosen, key)
                     for key, (written, target, rows) in ctx.mapped.items()),
        mappings=chosen, fixed_by_creating=fixed)


def _plan_rows(session: Session, actor: Actor, adapter: Register, book: WorkbookData, year: int | None,
               progress: Progress | None, ctx: PlanContext
               ) -> tuple[PlanContext, list[PlannedRow], list[RejectedRow]]:
    inputs: list[RowInput] = []
    rejected: list[RejectedRow] = []
    for sheet in book.sheets:
        for number, cells in sheet.rows:
            ctx.current = RowRef(sheet.name, number)
            try:
                inputs.append(_row_input(ctx, adapter, sheet, number, cells, year))
            except (CellError, RowRejected) as error:
                rejected.append(RejectedRow(sheet.name, number, error.reason))
    adapter.prepare(ctx, inputs)
    planned: list[PlannedRow] = []
    seen: dict[tuple, RowRef] = {}
    for i, row in enumerate(inputs):
        ctx.current = RowRef(row.sheet, row.row)
        if progress is not None and i % PROGRESS_EVERY == 0:
            progress.report(i, len(inputs), "正在核对数据")
        failure: list[str] = []
        try:
            outcome = adapter.plan_row(ctx, row)
        except (RowRejected, CellError) as error:
            failure.append(error.reason)
        except ValidationError as error:
            failure.append(error.message)
        # Unknown values met while parsing, or while the adapter resolved values itself.
        reasons = list(ctx.deferred.get(ctx.current, ())) + failure
        if reasons:
            rejected.append(RejectedRow(row.sheet, row.row, _joined(reasons)))
            continue
        identity = (("id", outcome.part, outcome.target_id) if outcome.target_id is not None
                    else ("new", *outcome.match_key))
        if identity in seen and len(identity) > 1:
            rejected.append(RejectedRow(row.sheet, row.row,
                                        f"与{seen[identity]}是同一条记录（{outcome.summary}），同一文件中只能出现一次。"))
            continue
        seen[identity] = ctx.current
        planned.append(PlannedRow(row.sheet, row.row, outcome.action, outcome.summary, outcome.values,
                                  outcome.target_id, outcome.target_version, outcome.changes))
    rejected.sort(key=lambda r: (_sheet_order(book.sheets, r.sheet), r.row))
    return ctx, planned, rejected


def _joined(reasons: list[str]) -> str:
    return "；".join(r.rstrip("。") for r in reasons) + "。"


def _units_first(item: tuple) -> int:
    return 0 if item[0][0] == "unit" else 1


def _sheet_order(sheets: list[SheetData], name: str) -> int:
    return next((i for i, s in enumerate(sheets) if s.name == name), len(sheets))


def _sheet_report(sheet: SheetData) -> SheetReport:
    return SheetReport(sheet.name, sheet.header_rows, sheet.year, len(sheet.rows), sheet.title_rows,
                       sheet.blank_rows, sheet.total_rows, sheet.footer_rows, sheet.ignored_columns)


def _row_input(ctx: PlanContext, adapter: Register, sheet: SheetData, number: int, cells: tuple,
               year: int | None) -> RowInput:
    """Parses every cell of the row by its column; all bad cells are named in one reason."""
    values: dict[str, object] = {}
    problems: list[str] = []
    for key, index in sheet.columns.items():
        column = adapter.column(key)
        raw = cells[index] if index < len(cells) else None
        if isinstance(raw, (NoCachedValue, ErrorValue)):
            problems.append(_unusable(raw, number, index))
            values[key] = None
            continue
        try:
            values[key] = _parse_cell(ctx, column, raw)
        except CellError as error:
            problems.append(error.reason)
            values[key] = None
            continue
        if column.required and values[key] in (None, "", ()):
            problems.append(f"“{column.header}”不能为空。")
    if problems:
        raise RowRejected(_joined(problems))
    year_key = next((c.key for c in adapter.columns if c.kind == "year"), None)
    row_year = values.get(year_key) if year_key else None
    row_year = row_year or sheet.year or year
    if adapter.needs_year and row_year is None:
        raise RowRejected("无法确定年度：请填写“年度”列，或在工作表名称、标题中写明年度（如“2022年”），"
                          "或导入时指定年度。")
    return RowInput(sheet.name, number, values, frozenset(sheet.columns), row_year)


def _unusable(raw: NoCachedValue | ErrorValue, number: int, index: int) -> str:
    where = f"第 {number} 行 {column_letter(index)} 列"
    if isinstance(raw, NoCachedValue):
        return f"{where}是公式且没有计算结果，请在 Excel 中另存为数值后再导入。"
    return f"{where}是错误值 {raw.code}（公式无法计算），请在 Excel 中改正后再导入。"


def _parse_cell(ctx: PlanContext, column: Column, raw: object) -> object:
    if is_blank(raw):
        return () if column.multi else None
    if column.multi:
        parts = split_multi(raw) if isinstance(raw, str) else (raw,)
        return tuple(dict.fromkeys(_parse_one(ctx, column, p) for p in parts))
    return _parse_one(ctx, column, raw)


def _parse_one(ctx: PlanContext, column: Column, raw: object) -> object:
    kind, header = column.kind, column.header
    if kind == "text":
        return text_of(raw)
    if kind == "int":
        return parse_int(raw, header)
    if kind == "bool":
        return parse_bool(raw, header)
    if kind == "date":
        return parse_date(raw, header)
    if kind == "year":
        return parse_year(raw, header)
    if kind == "dict":
        return ctx.code(column, text_of(raw))
    choices = {normalize(k): v for k, v in column.choices.items()}
    written = normalize(text_of(raw))
    if written in choices:
        return choices[written]
    allowed = "、".join(dict.fromkeys(str(k) for k in column.choices))
    raise CellError(f"“{header}”的值“{text_of(raw)}”应为 {allowed} 之一。")


def commit_import(session: Session, actor: Actor, plan: ImportPlan, *,
                  progress: Progress | None = None, remember_mappings: bool = False) -> ImportResult:
    """Writes every planned add and update through the register's service, after creating the
    dictionary items, units and people the plan accepted (create_missing), then one audit row
    `import`. Raises before writing anything when `not plan.ok`; any later error (or a cancel)
    propagates so that the caller's unit of work rolls all of it back."""
    require_write(actor)
    if not plan.ok:
        raise ValidationError(f"导入预览中有 {len(plan.rejected)} 行被拒绝或文件有错误，未写入任何数据。")
    adapter = register(plan.register_key)
    progress = progress or Progress()
    ctx = ApplyContext(session, actor, plan)
    created_items: list[str] = []
    for proposal in plan.proposals:
        if proposal.accepted:
            code = add_proposed_item(session, actor, proposal.domain, proposal.value)
            ctx.bind(Pending(f"dict:{proposal.domain}", normalize(proposal.value), proposal.value), code)
            created_items.append(f"{proposal.domain_label}：{proposal.value}")
    created_units: list[str] = []
    for missing in plan.missing:
        if missing.will_create and missing.kind == "unit":
            unit_id = save_unit(session, actor, UnitDraft(name=missing.name, kind="other"))
            ctx.bind(Pending("unit", normalize(missing.name), missing.name), unit_id)
            created_units.append(missing.name)
    created_people: list[str] = []
    for missing in plan.missing:
        if missing.will_create and missing.kind == "person":
            unit_key = normalize(missing.unit)
            unit_id = ctx.bound(Pending("unit", unit_key, missing.unit)) or _unit_id(session, missing.unit)
            person_id = save_person(session, actor, PersonDraft(name=missing.name, unit_id=unit_id))
            ctx.bind(Pending("person", f"{normalize(missing.name)}|{unit_key}", missing.name), person_id)
            created_people.append(f"{missing.name}（{missing.unit}）")
    rows = [r for r in adapter.apply_order(plan.rows) if r.action != "unchanged"]
    ids: list[int] = []
    for i, row in enumerate(rows):
        if i % PROGRESS_EVERY == 0:
            progress.report(i, len(rows), f"正在写入第 {i + 1}/{len(rows)} 行")
        progress.check_cancelled()
        try:
            ids.append(adapter.apply_row(ctx, row))
        except QingfengError as error:
            raise type(error)(f"{row.ref}：{error.message}（导入已撤销，未写入任何数据。）") from error
    progress.report(len(rows), len(rows), "正在记录操作日志")
    if remember_mappings:  # the office's next file: the same names taken the same way
        used = {m.key: plan.mappings[m.key] for m in plan.mapped if m.key in plan.mappings}
        remember(session, actor, used, {m.key: m.target for m in plan.mapped})
    result = ImportResult(plan.register_key, plan.register_title, plan.file_name,
                          plan.count("add"), plan.count("update"), plan.count("unchanged"),
                          tuple(created_items), tuple(created_units), tuple(created_people), tuple(ids))
    audit.record(session, actor, "import", plan.register_key, "", summary=result.summary())
    return result


def _unit_id(session: Session, name: str) -> int | None:
    return next((u.id for u in list_units(session) if normalize(u.name) == normalize(name)), None)

