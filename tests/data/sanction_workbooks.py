"""A register of 处分 as an office keeps it (openpyxl, normal mode, real merges): two title rows,
a header in the variants offices write, dates in five styles, a 合计 row and a 填表人 footer."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HEADER = ["序号", "被处分人", "工作单位及职务", "政治面貌", "处分（处理）种类", "决定机关", "处分日期",
          "主要违纪违法事实", "备注"]
ROWS = {
    # row: (序号, 姓名, 工作单位及职务, 政治面貌, 种类, 决定机关, 日期, 事实, 备注) — five date styles
    4: (1, "张三", "财务科科长", "中共党员", "党内警告、政务记过", "局党组", "2025-03-15",
        "违规发放津贴补贴", None),
    5: (2, "李四", "测试市文化广电和旅游局办公室 科员", "中共党员", "记大过", "局党组", "2025.4.2",
        "违规使用公车", "行政处分"),
    6: (3, "钱八", "市非遗保护中心副主任", "中共党员", "给予撤销党内职务处分", "局机关纪委", "2025/5/6",
        "违规收受礼金", None),
    7: (4, "王五", "市博物馆馆员", "群众", "党内警告", "局机关纪委", "2025年6月1日", "工作失职", None),
    8: (5, "孙七", "市博物馆保卫干事", "中共党员", "警告", "局机关纪委", 45900, "值班脱岗", None),
    9: (6, "周九", "市图书馆馆长", "中共党员", "调整职务", "局党组", dt.datetime(2025, 9, 30),
        "履职不力造成损失", None),
}


def sanction_register(path: Path) -> Path:
    """Sheet “2025年处分”:
        1  title “测试市文化广电和旅游局2025年度处分和组织处理情况登记表” (merged)
        2  “填报单位：局机关纪委（盖章）”
        3  header: 被处分人 · 工作单位及职务 · 处分（处理）种类 · 处分日期 · 主要违纪违法事实 …
        4  张三   财务科科长            党内警告、政务记过 (two records)   2025-03-15
        5  李四   bureau + 办公室 科员  记大过 (bare: 政务)               2025.4.2
        6  钱八   市非遗保护中心副主任 (a unit not known yet: split at 副主任)  2025/5/6
        7  王五   群众: 党内警告 rejected                                2025年6月1日
        8  孙七   警告: names no system, rejected                         Excel serial 45900
        9  周九   市图书馆馆长 (unit not known) 调整职务                  a date cell
        10 合计   共 6 人
        11 填表人：赵纪   审核人：钱审
        12 填报日期：2025年12月31日
    """
    book = Workbook()
    ws = book.active
    ws.title = "2025年处分"
    ws["A1"] = "测试市文化广电和旅游局2025年度处分和组织处理情况登记表"
    ws.merge_cells("A1:I1")
    ws["A2"] = "填报单位：局机关纪委（盖章）"
    for col, text in enumerate(HEADER, start=1):
        ws.cell(3, col, text)
    rows = dict(ROWS)
    rows.update({10: ("合计", "共 6 人"), 11: ("填表人：赵纪        审核人：钱审",), 12: ("填报日期：2025年12月31日",)})
    for number, values in rows.items():
        for col, value in enumerate(values, start=1):
            ws.cell(number, col, value)
    book.save(path)
    return path
