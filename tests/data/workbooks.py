"""Workbooks as offices really send them, built with openpyxl (normal mode, real merges).

Each builder writes a file to the path it is given and returns the path. Row numbers that the
tests assert on are named in the docstrings.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook


def simple(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], *,
           title: str | None = None, sheet: str = "Sheet1") -> Path:
    """One sheet: an optional title row, the header, the rows."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def messy_people(path: Path) -> Path:
    """Sheet “2022年”:
        1  title “测试市文化广电和旅游局2022年度干部职工名册” (merged A1:H1)
        2  “填报单位：局机关纪委      填报时间：2022年3月”
        3  blank
        4–5 two-row header: 序号 · 姓名 · 基本情况 (merged over 所在单位/职务/政治面貌) ·
            是否班子成员（是/否）· 人员编号* · 备注 — 序号/姓名/… merged vertically
        6  张三  办公室  主任  党员  √  A001  (note over two lines)
        7  李四  办公室  科员  团员  ×
        8  blank
        9  王五  财务科  科长  中共党员  Y  A003
        10 合计  3 人
        11 填表人：赵六        审核人：钱七
        12 填报日期：2022年3月15日
    Sheet “直属单位”: one header row with aliases (工作单位, 是否领导班子成员, 现任职务), row 2
        孙八 市博物馆 馆长 群众 1, row 3 周九 市博物馆 副馆长 民主党派成员 0.
    Sheet “填表说明”: notes without a header.
    """
    book = Workbook()
    ws = book.active
    ws.title = "2022年"
    ws["A1"] = "测试市文化广电和旅游局2022年度干部职工名册"
    ws.merge_cells("A1:H1")
    ws["A2"] = "填报单位：局机关纪委      填报时间：2022年3月"
    merged_down = ("序号", "姓名", "是否班子成员（是/否）", "人员编号*", "备注")
    for col, text in zip("ABFGH", merged_down, strict=True):
        ws[f"{col}4"] = text
        ws.merge_cells(f"{col}4:{col}5")
    ws["C4"] = "基本情况"
    ws.merge_cells("C4:E4")
    ws["C5"], ws["D5"], ws["E5"] = "所在单位", "职务", "政治面貌"
    rows = {
        6: (1, "张三", "办公室", "主任", "党员", "√", "A001", "2021年调入\n分管文秘"),
        7: (2, "李四", "办公室", "科员", "团员", "×", None, None),
        9: (3, " 王五 ", "财务科", "科长", "中共党员", "Y", "A003", None),
        10: ("合计", "3 人"),
        11: ("填表人：赵六        审核人：钱七",),
        12: ("填报日期：2022年3月15日",),
    }
    for number, values in rows.items():
        for col, value in enumerate(values, start=1):
            ws.cell(number, col, value)
    second = book.create_sheet("直属单位")
    second.append(["姓名", "工作单位", "现任职务", "政治面貌", "是否领导班子成员"])
    second.append(["孙八", "市博物馆", "馆长", "群众", 1])
    second.append(["周九", "市博物馆", "副馆长", "民主党派成员", 0])
    notes = book.create_sheet("填表说明")
    notes.append(["说明：本表由各科室、直属单位于每年3月底前报送。"])
    notes.append(["政治面貌按“中共党员、共青团员、群众”等填写。"])
    book.save(path)
    return path


DATE_STYLES: tuple[object, ...] = (
    "2022-03-15", "2022.3.15", "2022/3/15", "2022年3月15日", 20220315, "20220315",
    44635,                                  # an Excel serial typed as a plain number
    dt.datetime(2022, 3, 15),               # a real date cell
)


def dated_events(path: Path) -> Path:
    """For the sample register (date, year, multi-value columns), three sheets:
    “2022年”: 日期 in every style of DATE_STYLES (rows 3–10), then a bad date (row 11) and a
        multi-value 参加人员 cell on row 3; title row 1, header row 2.
    “Sheet2”: title “2023年度节前廉政提醒情况” then header; one row (row 3).
    “2021年”: a 年度 column saying 2024 (the column beats the sheet name); one row (row 2).
    “其他”: no year anywhere; one row (row 2): its year comes from year= or the row is rejected.
    """
    book = Workbook()
    first = book.active
    first.title = "2022年"
    first.append(["2022年节前廉政提醒登记表"])
    first.append(["日期", "参加人员", "事项"])
    for i, day in enumerate(DATE_STYLES):
        people = "张三、李四，王五,赵六；钱七;孙八\n周九" if i == 0 else "张三"
        first.append([day, people, f"第 {i + 1} 次"])
    first.append(["2022-02-30", "张三", "日期写错"])
    second = book.create_sheet("Sheet2")
    second.append(["2023年度节前廉政提醒情况"])
    second.append(["日期", "参加人员", "事项"])
    second.append(["2023-01-18", "张三", "春节前"])
    third = book.create_sheet("2021年")
    third.append(["年度", "日期", "参加人员", "事项"])
    third.append(["2024年", "2024-02-06", "李四", "春节前"])
    fourth = book.create_sheet("其他")
    fourth.append(["日期", "参加人员", "事项"])
    fourth.append(["2025-01-20", "王五", "无年度"])
    book.save(path)
    return path
