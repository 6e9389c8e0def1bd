"""The one Excel import/export engine every register uses (DESIGN "Files in and out").

    plan = plan_import(session, actor, "people", path, create_missing=False, today=ws.today())
    print("\\n".join(plan.report_lines()))          # the preview: add / update / unchanged / rejected
    with ws.writing() as session:                   # all rows or none
        result = commit_import(session, actor, plan)
    with ws.writing() as session:                   # export is audited, so it writes
        n = export_register(session, actor, "people", "人员.xlsx", bureau=..., today=ws.today())

openpyxl is imported only inside the functions that read or write a file (start-up time).
Registers: `app/excel/registers/` (one adapter each; the pattern is described there).
"""
from __future__ import annotations

from app.excel.importer import ApplyContext, PlanContext, commit_import, plan_import
from app.excel.plan import (
    ImportPlan,
    ImportResult,
    MissingRecord,
    PlannedRow,
    Proposal,
    RejectedRow,
    SheetReport,
    SkippedSheet,
)
from app.excel.registers import REGISTERS, register
from app.excel.writer import export_register, write_template

__all__ = [
    "REGISTERS", "ApplyContext", "ImportPlan", "ImportResult", "MissingRecord", "PlanContext",
    "PlannedRow", "Proposal", "RejectedRow", "SheetReport", "SkippedSheet", "commit_import",
    "export_register", "plan_import", "register", "write_template",
]
