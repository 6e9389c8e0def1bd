"""报告: the half-year and annual report the 党组 asks for (各单位每半年向党组报告1次), and the
yearly archive (归档).

- `period.py` — `ReportPeriod` (上半年, 下半年, 全年, any range) and its wording;
- `figures.py` — `report_figures(...)`: every figure of the report, taken from the registers'
  own statistics services (never recounted here), as frozen dataclasses;
- `summaries.py` — one generated summary sentence per section, which the clerk edits;
- `charts.py` — the sections' charts as PNG at print resolution (matplotlib Agg, app/charts);
- `document.py` — the .docx from resources/templates/work_report.docx, audited;
- `archive_export.py` — a closed year's filed files in one folder.
"""
