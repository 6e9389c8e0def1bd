"""Register adapters: what the one Excel engine needs to know about each register.

Adding a register (risks, inspections, findings, talks, ledger, ceremonies) is one module here
and one line in `REGISTERS`. Shape (see people.py, the model, and base.py for the types):

    class TalksRegister(Register):
        key, title = "talks", "谈话记录"
        needs_year = yearly = False          # True: rows need a year; the title names it
        columns = (                          # header aliases, kind, required, width
            Column("talk_date", "谈话日期", ("日期", "谈话时间"), kind="date", required=True, width=12),
            Column("kind", "谈话类型", ("类型",), kind="dict", domain="talk_type"),
            Column("talkees", "被谈话人", ("谈话对象",), multi=True, required=True, width=16),
            ...)

        def prepare(self, ctx, rows): ...    # load what matching needs, once
        def plan_row(self, ctx, row):        # row.values are parsed already (dates, codes…)
            # validate with the service's own checks (ValidationError → the row is rejected),
            # resolve references with ctx.unit_ref / ctx.person_ref (missing → rejected, or a
            # Pending when create_missing), match the existing record, and return
            # RowOutcome("add" | "update" | "unchanged", values, summary, target_id, version…)
        def apply_row(self, ctx, row):       # values = ctx.values(row) (Pending resolved)
            return save_talk(ctx.session, ctx.actor, TalkDraft(...))   # the service audits
        def export_rows(self, session, actor, *, year, unit_id):
            ...                              # one list of cell values per record, column order

Rules the engine keeps for every adapter: a column absent from the sheet keeps the record's
value (adapters overlay `row.present` only); a blank cell in a present column clears an optional
field; re-importing a row matches the record it describes, never duplicates it.
"""
from __future__ import annotations

from app.errors import ValidationError
from app.excel.adapter import Register
from app.registers.assessments.excel import AssessmentsRegister
from app.registers.ceremonies.excel import CeremoniesRegister
from app.registers.clues.excel import CluesRegister
from app.registers.duty_reports.excel import DutyReportsRegister
from app.registers.education.excel import EducationRegister
from app.registers.findings.excel import FindingsRegister
from app.registers.inspections.excel import InspectionsRegister
from app.registers.ledger.excel import LedgerRegister
from app.registers.people.excel import PeopleRegister
from app.registers.pledges.excel import PledgesRegister
from app.registers.risks.excel import RisksRegister
from app.registers.sanctions.excel import SanctionsRegister
from app.registers.studies.excel import StudiesRegister
from app.registers.talks.excel import TalksRegister
from app.registers.units.excel import UnitsRegister

REGISTERS: dict[str, Register] = {
    "people": PeopleRegister(),
    "units": UnitsRegister(),
    "risks": RisksRegister(),
    "ledger": LedgerRegister(),
    "inspections": InspectionsRegister(),
    "findings": FindingsRegister(),
    "talks": TalksRegister(),
    "ceremonies": CeremoniesRegister(),
    "clues": CluesRegister(),
    "sanctions": SanctionsRegister(),
    "pledges": PledgesRegister(),
    "studies": StudiesRegister(),
    "assessments": AssessmentsRegister(),
    "duty_reports": DutyReportsRegister(),
    "education": EducationRegister(),
}


def register(key: str) -> Register:
    """The adapter for `key`; ValidationError naming the registers that exist otherwise."""
    try:
        return REGISTERS[key]
    except KeyError:
        known = "、".join(REGISTERS)
        raise ValidationError(f"没有名为“{key}”的台账（可用：{known}）。") from None
