"""First-form ledgers as offices keep them (openpyxl, normal mode, real merges)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HEADER = ["序号", "被处置人", "工作单位及职务", "职级", "政治面貌", "问题线索来源", "反映的主要问题",
          "处理方式", "决定机关", "处置时间", "承办人", "回访情况", "备注"]

GOOD_ROWS = {
    # row: (序号, 姓名, 单位及职务, 职级, 政治面貌, 来源, 问题, 处置方式, 决定机关, 时间, 承办人, 回访, 备注)
    4: (1, "张三", "财务科科长", "二级调研员", "中共党员", "信访", "报销审核把关不严",
        "谈话提醒、责令作出书面检查", "局机关纪委", "2025.3.15", "赵纪", "2025-09-20已回访：已整改到位", None),
    5: (2, " 李四 ", "测试市文化广电和旅游局办公室 科员", None, "党员", "日常监督", "工作日午间饮酒",
        "给予诫勉", "局党组", "2025年4月2日", "赵纪", None, "本人已作书面检讨"),
    6: (3, "王五", "市博物馆馆员", "专技十级", "群众", "巡察", "公务接待超标准",
        "批评教育并责令检查", "局机关纪委", 45750, "钱审", "拟于2025-11-01回访", None),
    7: (4, "孙七", "市博物馆保卫干事", "管理岗九级", "共青团员", "监督检查", "执法过程中态度生硬被投诉",
        "提醒谈话", "局机关纪委", "2025/5/6", "赵纪", None, None),
    10: (7, "张三", "财务科科长", "二级调研员", "中共党员", "审计", "违规发放津贴补贴",
         "警告", "局党组", dt.datetime(2025, 6, 1), "赵纪", None, "应移交"),
}
BAD_ROWS = {
    8: (5, "赵六", "不存在的科科员", None, "群众", "信访", "迟到早退", "批评教育", "局机关纪委",
        "2025-05-10", "赵纪", None, None),
    9: (6, "李四", "办公室科员", None, "党员", "信访", "上班时间玩网络游戏", "诫勉谈话；通报", "局机关纪委",
        "2025-13-01", "赵纪", None, None),
    11: (8, "王五", "市博物馆馆员", None, "群众", "信访", "考勤管理不严", "约谈", "局机关纪委",
         "2025-07-01", "赵纪", None, None),
}


def messy_ledger(path: Path, *, bad_rows: bool = True) -> Path:
    """Sheet “2025年”:
        1  title “测试市文化广电和旅游局机关纪委2025年运用监督执纪第一种形态工作台账” (merged)
        2  “填报单位：局机关纪委”
        3  header with variants (被处置人, 工作单位及职务, 处理方式, 处置时间, 反映的主要问题…)
        4  张三  财务科科长  谈话提醒、责令作出书面检查  2025.3.15  “2025-09-20已回访：…”
        5  李四  bureau's name + “办公室 科员”  给予诫勉  2025年4月2日
        6  王五  市博物馆馆员  批评教育并责令检查  Excel serial 45750 (2025-04-03)  “拟于2025-11-01回访”
        7  孙七  not in the register  提醒谈话  2025/5/6
        8  (bad) 赵六  不存在的科科员: unknown unit
        9  (bad) 李四  “诫勉谈话；通报” but date 2025-13-01
        10 张三  警告 (second form: imported as 需转出)  a date cell
        11 (bad) 王五  “约谈”: not in the dictionary
        12 合计  共 8 人次
        13 填表人：赵纪        审核人：钱审
        14 填报日期：2025年12月31日
    Sheet “2024年”: header 姓名 · 单位职务 · 处置结果 · 时间 · 线索来源 · 主要问题; row 2:
        李四  办公室科员  批评教育  2024-11-20  信访举报  迟到早退
    With bad_rows=False, rows 8, 9 and 11 are left blank.
    """
    book = Workbook()
    ws = book.active
    ws.title = "2025年"
    ws["A1"] = "测试市文化广电和旅游局机关纪委2025年运用监督执纪第一种形态工作台账"
    ws.merge_cells("A1:M1")
    ws["A2"] = "填报单位：局机关纪委"
    for col, text in enumerate(HEADER, start=1):
        ws.cell(3, col, text)
    rows = dict(GOOD_ROWS)
    if bad_rows:
        rows.update(BAD_ROWS)
    rows.update({12: ("合计", "共 8 人次"), 13: ("填表人：赵纪        审核人：钱审",),
                 14: ("填报日期：2025年12月31日",)})
    for number, values in rows.items():
        for col, value in enumerate(values, start=1):
            ws.cell(number, col, value)
    second = book.create_sheet("2024年")
    second.append(["姓名", "单位职务", "处置结果", "时间", "线索来源", "主要问题"])
    second.append(["李四", "办公室科员", "批评教育", "2024-11-20", "信访举报", "迟到早退"])
    book.save(path)
    return path
