"""Chinese labels of the fixed codes (workflow states, roles). Editable vocabularies live in the
dictionary tables (app/dictionaries.py); the fixed ones here drive rules in code."""
from __future__ import annotations

ROLE_LABELS = {"admin": "管理员", "editor": "录入员", "viewer": "查阅"}

ASSESSMENT_STATUS = {"draft": "草稿", "confirmed": "已确认", "retired": "已停用"}

FINDING_STATUS = {
    "pending": "待整改",
    "in_progress": "整改中",
    "rectified": "已整改(待验收)",
    "closed": "已销号",
}
FINDING_RESULT = {"done": "已完成", "mostly": "基本完成", "not_done": "未完成"}
# The finding workflow (app/registers/findings/workflow.py): (from, to) → what the step is called.
FINDING_TRANSITIONS = {
    ("pending", "in_progress"): "开始整改",
    ("in_progress", "rectified"): "整改完成，报请验收",
    ("rectified", "closed"): "验收销号",
    ("rectified", "in_progress"): "验收未通过，退回整改",
    ("closed", "in_progress"): "重新打开",
}
DEADLINE_STATES = {"overdue": "已逾期", "due_soon": "即将到期"}
# A clue's workflow (app/registers/clues): 受理 → 处置中 → 办结, and where a 办结 clue led.
CLUE_STATUS = {"received": "受理", "handling": "处置中", "closed": "办结"}
CLUE_OUTCOMES = {"first_form": "第一种形态处置", "sanction": "给予处分（组织处理）", "transfer": "移送",
                 "cleared": "予以了结"}

PARTICIPANT_ROLES = {"talker": "谈话人", "talkee": "被谈话人", "recorder": "记录人"}

FESTIVALS = {
    "new_year": "元旦",
    "spring": "春节",
    "qingming": "清明节",
    "labour": "劳动节",
    "dragon": "端午节",
    "mid_autumn": "中秋节",
    "national": "国庆节",
}

LEVELS = (1, 2, 3)

AUDIT_ACTIONS = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "export": "导出",
    "print": "打印",
    "import": "导入",
    "login": "登录",
    "login_failed": "登录失败",
    "unlock": "解除锁屏",
    "backup": "备份",
    "restore": "恢复",
    "close_year": "年度归档",
    "reopen_year": "取消归档",
    "correct": "归档后更正",
    "copy": "复制工作区",
    "upgrade": "升级数据库结构",
    "reseal": "封存记录",
    "anchor_mismatch": "本机校验码不符",
}

# Audit entity names as the 操作日志 shows them: the tables whose records are audited, and what
# exports, prints and imports name (the Excel registers, the chart, the workspace).
ENTITY_LABELS = {
    "units": "单位",
    "people": "人员",
    "position_changes": "职务变动",
    "risk_points": "风险点",
    "risk_assessments": "风险评估",
    "risk_level_changes": "风险等级调整",
    "risk_measures": "防控措施",
    "inspections": "监督检查",
    "findings": "问题整改",
    "finding_progress": "整改进展",
    "finding_extensions": "整改延期",
    "finding_status_changes": "整改状态变更",
    "talks": "谈话记录",
    "talk_participants": "谈话参加人员",
    "ledger_entries": "第一种形态台账",
    "ledger_methods": "台账处置方式",
    "sanctions": "处分与组织处理",
    "clues": "问题线索",
    "clue_people": "被反映人",
    "ceremony_reports": "婚丧喜庆报备",
    "dict_items": "数据字典", "phrases": "常用语",
    "settings": "系统设置",
    "users": "用户",
    "holiday_arrangements": "节假日安排",
    "holiday_workdays": "调休上班日",
    "reminder_states": "提醒",
    "attachments": "附件",
    "opinion_replies": "意见回复",
    "year_closures": "年度归档",
    "workspace": "工作区",
    "risks": "廉政风险点（整表）",       # imports, exports and prints of the whole register
    "ledger": "第一种形态台账（整表）",
    "ceremonies": "婚丧喜庆报备（整表）",
    "chart": "统计图表",
}


def bool_label(value: bool) -> str:
    return "是" if value else "否"
