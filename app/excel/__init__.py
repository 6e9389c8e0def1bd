"""The one Excel import/export engine every register uses (DESIGN "Files in and out").

    plan = plan_import(session, actor, "people", path, create_missing=False, today=ws.today())
    print("\n".join(plan.report_lines()))          # the preview: add / update / unchanged / rejected
    with ws.writing() as session:                   # all rows or none
        result = commit_import(session, actor, plan)
    with ws.writing() as session:                   # export is audited, so it writes
        n = export_register(session, actor, "people", "人员.xlsx", bureau=..., today=ws.today())

reader.py (the workbook's sheets, header found, cells typed by values.py) · importer.py
(plan_import, commit_import) · plan.py (the preview's types) · writer.py (export_register,
write_template) · columns.py (what an adapter declares) · context.py (what the engine hands an
adapter) · adapter.py (the Register base) · registry.py (REGISTERS: one adapter per register,
each in `app/registers/<register>/excel.py`).

openpyxl is imported only inside the functions that read or write a file (start-up time)."""
