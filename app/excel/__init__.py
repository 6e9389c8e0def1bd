"""The one Excel import/export engine every register uses (DESIGN "Files in and out").

    plan = plan_import(session, actor, "people", path, create_missing=False, today=ws.today())
    print("\n".join(plan.report_lines()))          # the preview: add / update / unchanged / rejected
    with ws.writing() as session:                   # all rows or none
        result = commit_import(session, actor, plan)
    with ws.writing() as session:                   # export is audited, so it writes
        n = export_register(session, actor, "people", "人员.xlsx", bureau=..., today=ws.today())

openpyxl is imported only inside the functions that read or write a file (start-up time).
Registers: `app/excel/registers/` (one adapter each; the pattern is described there)."""
