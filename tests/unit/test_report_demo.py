"""The demo's last full year: the report made on the command line carries the registers' own
statistics for 2025, and the year's archive exports as one folder."""
from __future__ import annotations

import datetime as dt

import pytest

from app.demo.build import DEMO_PASSWORD, build_demo
from app.reports.archive_export import REPORT_NAME
from app.workspace.facade import Workspace

AS_OF = dt.date(2026, 11, 28)


@pytest.mark.slow
def test_the_demos_last_full_year(tmp_path, monkeypatch):
    from docx import Document

    from app.cli.main import main
    from app.registers.findings import stats as finding_stats
    from app.registers.findings.types import FindingFilter
    from app.registers.inspections import stats as inspections
    from app.registers.ledger.stats import ledger_statistics
    from app.registers.risks import stats as risk_stats
    from app.registers.talks import stats as talk_stats

    folder = tmp_path / "demo"
    build_demo(folder, AS_OF)
    out = tmp_path / "2025年度报告.docx"
    options = ["--data-dir", str(folder), "--as-of", AS_OF.isoformat(), "--user", "admin"]
    monkeypatch.setenv("QINGFENG_PASSWORD", DEMO_PASSWORD)
    assert main(["export", "report", "--from", "2025-01-01", "--to", "2025-12-31", "--out", str(out),
                 *options]) == 0
    assert main(["export", "archive", "--year", "2025", "--out", str(tmp_path), *options]) == 0
    ws = Workspace.open(folder, as_of=AS_OF)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        with ws.reading() as s:
            risks = risk_stats.year_totals(s, admin, 2025)
            top = risk_stats.top_control_units(s, admin, 2025)
            every = sum(inspections.inspections_per_month(s, admin, 2025, None))
            found = finding_stats.completion_stats(s, admin, FindingFilter(year=2025), AS_OF)
            talks = talk_stats.talk_counts(s, admin, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
            ledger = ledger_statistics(s, admin, 2025)
    finally:
        ws.close()
    tables = {}
    for table in Document(str(out)).tables:  # the first of a header: 风险点 by 单位 before 谈心谈话 by 单位
        tables.setdefault(table.rows[0].cells[0].text, table)

    def last(header: str) -> list[str]:
        return [c.text for c in tables[header].rows[-1].cells]

    assert last("单位")[1:5] == [str(risks[1]), str(risks[2]), str(risks[3]), str(sum(risks.values()))]
    assert last("单位")[5] == f"一级防控 {len(top)} 个"
    assert last("检查类型") == ["合计", str(every)]
    assert last("问题来源")[1:6] == [str(found.total), str(found.pending), str(found.in_progress),
                                  str(found.rectified), str(found.closed)]
    assert last("谈话类型") == ["合计", str(talks.times), str(talks.people)]
    assert [c.text for c in tables["处置方式"].rows[1].cells][-1] == str(ledger.person_times)
    assert last("处置方式")[-1] == str(ledger.method_count)
    archive = tmp_path / "市文化广电和旅游局2025年度台账归档"
    assert (archive / "归档清单.txt").is_file() and (archive / REPORT_NAME.format(year=2025)).is_file()
    assert len(list((archive / "04 谈话记录表").glob("*.docx"))) == talks.times
