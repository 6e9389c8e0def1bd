"""Chinese labels of the fixed codes (workflow states, roles). Editable vocabularies live in the
dictionary tables (app/dictionaries.py); the fixed ones here drive rules in code."""
from __future__ import annotations

ROLE_LABELS = {"admin": "管理员", "editor": "录入员", "viewer": "查阅"}

ASSESSMENT_STATUS = {"draft": "草稿", "confirmed": "已确认", "retired": "已停用"}

FINDING_STATUS = {
    "pending": "待整改",
    "in_progress": "整改中",
    "rectified": "已整改（待验收）",
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

# The headings a 问题类别 (dictionary finding_category) is counted under: its 纪律 (the 六项纪律 of
# the 纪律处分条例), its 四风 heading where one applies; 中央八项规定精神 items are counted apart.
DISCIPLINES = {
    "political": "政治纪律",
    "organization": "组织纪律",
    "integrity": "廉洁纪律",
    "masses": "群众纪律",
    "work": "工作纪律",
    "life": "生活纪律",
}
FOUR_STYLES = {
    "formalism": "形式主义",
    "bureaucratism": "官僚主义",
    "hedonism": "享乐主义",
    "extravagance": "奢靡之风",
}
EIGHT_RULES = "违反中央八项规定精神"
UNSORTED = "未归类"  # a category without a heading, and records without a category

# 婚丧喜庆报备: whose event it is (当事人与报备人的关系) and whom it invites (邀请范围).
CEREMONY_RELATIONS = {
    "self": "本人",
    "spouse": "配偶",
    "child": "子女",
    "parent": "父母",
    "parent_in_law": "配偶父母",
    "grandparent": "祖父母、外祖父母",
    "sibling": "兄弟姐妹",
    "other": "其他亲属",
}
CEREMONY_SCOPES = {
    "relatives": "仅限亲属",
    "friends": "亲属及亲友",
    "colleagues": "含单位同事",
    "service": "含管理服务对象",   # the rules forbid it: flagged like 公车 · 公款 · 礼金
}
FORBIDDEN_SCOPES = ("service",)
# 主体责任 考核 (app/registers/assessments): the grade the 党组 gives, where an item's score comes
# from (the seed's 五(三)), a leader's 民主评议 等次; the reports a unit sends up the line (五(一)).
ASSESSMENT_GRADES = {"good": "好", "fair": "较好", "average": "一般", "poor": "差"}
ASSESSMENT_SOURCES = {"daily": "日常抽查", "key": "重点检查", "report": "述职述廉", "appraisal": "民主评议"}
APPRAISAL_RATINGS = {"excellent": "优秀", "competent": "称职", "basic": "基本称职", "incompetent": "不称职"}
DUTY_REPORT_KINDS = {"half_year": "半年工作报告", "info": "工作信息", "research": "调研报告"}

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
    "report_texts": "报告文稿",
    "pledges": "党风廉政建设责任书",
    "studies": "专题研究",
    "unit_assessments": "主体责任考核",
    "assessment_items": "考核项目",
    "leader_reports": "述职述廉",
    "duty_reports": "报告报送",
    "education_sessions": "廉政教育",
    "education_participants": "廉政教育参加人员",
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
    "assessments": "主体责任考核（整表）",
    "education": "廉政教育（整表）",
    "chart": "统计图表",
}


def bool_label(value: bool) -> str:
    return "是" if value else "否"
