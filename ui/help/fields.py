"""The one table of form help: for every form, the chapter of the manual that F1 opens and, for
every field, what goes there and in what format — shown as the field's tooltip and listed in the
manual under 表单：… (ui/help/manual.py). No form writes its own tooltip for a field.

Keys are class names. A subclass without an entry uses its base class's (the 报备's 提醒谈话 form
is the talk form). `WINDOWS` names the chapter of the other windows and tabs (the import, the
annual 排查, 意见回复, 备份…), where F1 has no fields to explain.

To add a form: one `FormHelp` here, one line per field; tests/ui/test_help.py opens every form
and fails on a field without an entry (and on an entry no form has).
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FormHelp:
    title: str                              # the heading of its field list in the manual
    chapter: str                            # the chapter F1 opens (a key of ui/help/manual.py)
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # field → (label, tip)


DATE = "格式 2026-03-15；可直接改数字，也可点右侧箭头从日历中选。"
DATE_OPTIONAL = "先勾选，再填日期（格式 2026-03-15）；不勾选表示没有这个日期。"
TODAY_AT_MOST = "不能晚于今天。"
NOTES = "其他需要说明的情况，可写多行，可留空。"
CORRECTION = ("只在修改已归档年度的记录时需要：管理员写明更正原因（如“录入时日期写错”），"
              "记入操作日志。未归档的年度留空。")
UNIT_PICK = "从列表中选择；输入单位名称中的几个字可快速找到。"
PERSON_PICK = "输入姓名或拼音首字母（如“张三”或“zs”），从弹出的列表中选择名册中的人员；同名的人按单位区分。"
PARTICIPANTS = ("输入姓名或拼音首字母后按回车添加，可添加多人；名册以外的人直接写“姓名（单位·职务）”。"
                "输入框为空时按退格键删除最后一位。")
POLITICAL = "从列表中选：中共党员、预备党员、共青团员、民主党派、无党派人士或群众。"
LEADER = "属于本单位领导班子成员（“关键少数”）时勾选；统计和廉政档案会单列。"
KEY_POST = "人事、财务、采购、审批等重要岗位写岗位名称（如“财务”）；不是重要岗位留空。"
POSITION = "现任职务，如“科长”“馆长”“科员”；最多 100 字。"
RANK = "职级，如“四级调研员”“一级科员”；不清楚可留空。"
PASSWORD = "至少 6 位，区分大小写。程序只保存校验值，不保存密码本身；忘记后只能由管理员重置。"
PASSWORD_AGAIN = "把上面的密码再输入一次；两次一致才能保存。"
BACKUP_PASSWORD = ("本单位统一的备份密码，至少 8 位，并且至少混用两类字符（数字、小写字母、大写字母、符号或汉字），"
                   "区分大小写。加密备份没有它就无法恢复，"
                   "请另行妥善保管（如密封存档）。")
GRADE_LINES = ("主体责任考核总分达到“好 ≥”的为好，达到“较好 ≥”的为较好，达到“一般 ≥”的为一般，其余为差；"
               "须满足 100 ≥ 好 > 较好 > 一般 > 0。这只是表单中的建议，等次由局党组评定；一票否决的最高为一般。")
INTERVIEW_LINES = ("近 12 个月某单位（含下级）的问题数、来源为信访举报的问题线索件数达到这里的值，或最近一次考核的"
                   "民主评议满意度低于这里的百分比时，在“主体责任 › 约谈建议”和首页建议约谈其主要负责人；0 为不使用这一项。")
REPORT_DUE = ("半年工作报告在半年结束后这么多天内（1–90 天）报送；调研报告在每年这一天（写成“11-30”这样的月-日）前报送。"
              "临近和过期未报的在首页提醒。")
CEREMONY_LIMITS = ("按本地婚丧喜庆事宜规定填写桌数和人数的上限；报备的桌数或人数超过任一上限，标为需关注并建议提醒谈话。")
LEVELS = ("三个风险等级的名称（一级为最高，如改为“高、中、低”）和各自在图表、列表中的颜色；"
          "点颜色按钮选择颜色。改名不影响已有记录。")

TALK_FORM = FormHelp("谈话记录", "record-talk", {
    "kind": ("谈话类型", "从列表中选：谈心谈话、提醒谈话、任前廉政谈话、廉政谈话、约谈、诫勉谈话等。"
                        "选好后可点“按类型插入提纲”填入谈话内容的提纲。"),
    "talk_date": ("谈话日期", "谈话当天的日期。" + DATE),
    "start_time": ("时间", "谈话开始的时间，24 小时制，写成 14:30；不清楚可留空。"),
    "end_time": ("至", "谈话结束的时间，写成 15:10，不能早于开始时间；不清楚可留空。印在谈话记录表上。"),
    "place": ("谈话地点", "如“局机关纪委办公室”“三楼会议室”；最多 200 字。"),
    "reason": ("谈话事由", "为什么谈话：职务变动/任前、婚丧喜庆报备、节假日前、苗头性倾向性问题、日常谈心、"
                          "问题线索或其他。"),
    "talkers": ("谈话人", "谁代表组织谈话，至少一人。" + PARTICIPANTS),
    "talkees": ("被谈话人", "与谁谈话，至少一人；集体谈话可添加多人，每人记一人次。" + PARTICIPANTS),
    "recorders": ("记录人", "做记录的人，可留空。" + PARTICIPANTS),
    "content": ("谈话内容", "谈了什么：指出的问题、提出的要求。可按类型插入提纲后逐条填写，可写多行。"),
    "response": ("本人表态", "被谈话人的表态或说明，如实记录，可写多行。"),
    "follow_up": ("后续要求", "谈话后的要求和跟进安排（如限期整改、书面说明），可留空。"),
    "signed": ("签字", "被谈话人已在纸质谈话记录表上签字确认时勾选。"),
    "finding_id": ("关联", "这次谈话涉及的问题整改（被谈话人作为责任人的问题）或所在单位的廉政风险点，可不选。"),
    "attachments": ("附件", "扫描件、照片等材料：点“添加…”选择文件，保存时一并存入工作区。"),
    "correction_reason": ("更正原因", CORRECTION),
})

FORMS: dict[str, FormHelp] = {
    "TalkDialog": TALK_FORM,
    "PersonDialog": FormHelp("人员", "people", {
        "name": ("姓名", "人员姓名，最多 20 字。同一单位有同名的人时，下方会提示，请填写工号区分。"),
        "unit_id": ("所在单位", "人员现在所在的单位或科室。" + UNIT_PICK),
        "position": ("职务", POSITION),
        "rank": ("职级", RANK),
        "political_status": ("政治面貌", POLITICAL),
        "is_leader": ("班子成员", LEADER),
        "key_post": ("重要岗位", KEY_POST),
        "gender": ("性别", "男、女，或留空。"),
        "staff_no": ("工号", "单位内的工号或编号，可留空；同一单位有同名人员时用它区分。"),
        "notes": ("备注", NOTES),
        "active": ("在用", "调离、退休的人员取消勾选即停用：不再出现在选择列表中，已有记录保留。"),
    }),
    "UnitDialog": FormHelp("单位", "people", {
        "name": ("单位名称", "单位或科室的全称，如“市博物馆”“财务科”；不能与已有单位重名。"),
        "kind": ("单位类别", "局机关科室、直属单位或其他；统计图表按类别分组。"),
        "parent_id": ("上级单位", "下属部门选它所属的单位（如“博物馆保卫部”选“市博物馆”）；没有上级选“（无）”。"),
        "sort_order": ("排序", "整数，同类单位中数字小的排在前面（列表、导出和报告都按它排）。"),
        "notes": ("备注", NOTES),
    }),
    "PositionChangeDialog": FormHelp("职务变动", "people", {
        "changed_on": ("变动日期", "任职、调动或职级变化生效的日期。" + DATE),
        "to_unit_id": ("新单位", "变动后所在的单位。" + UNIT_PICK),
        "to_position": ("新职务", "变动后的职务，如“副科长”；必填（职务不变时写现职务）。"),
        "to_rank": ("新职级", "变动后的职级；职级不变可留空。"),
        "is_promotion": ("提拔", "属于提拔任用时勾选：首页会提醒在期限内进行任前廉政谈话。"),
        "notes": ("备注", "任免文号等说明，可留空。"),
    }),
    "RiskDialog": FormHelp("廉政风险点", "risks", {
        "unit_id": ("单位/科室", "风险点所在的单位或科室。" + UNIT_PICK),
        "code": ("编号", "留空则自动编号（如 FX2026-0001）；创建后不再修改。"),
        "post": ("岗位", "风险所在的岗位，如“出纳”“采购经办”。"),
        "duty_item": ("职权事项", "该岗位行使的职权或办理的事项，如“资金支付审核”。"),
        "name": ("风险点", "风险点的名称，一句话说清可能出什么问题，如“虚报冒领、违规支付”。"),
        "year": ("年度", "这次评估所属的年度（2000–2100）；每个风险点每年一份评估。"),
        "description": ("表现形式", "这个风险在工作中可能的具体表现，可写多行。"),
        "category": ("风险类别", "岗位职责、业务流程、制度机制、思想道德或外部环境。"),
        "likelihood": ("可能性", "发生的可能性，1–5 分（5 最可能）；与后果相乘得出建议等级。"
                                "不评分时两项都留在“未评分”。"),
        "consequence": ("后果", "发生后果的严重程度，1–5 分（5 最严重）。"),
        "level": ("风险等级", "一级为最高。可点“采用建议”按评分定级，也可直接选。"),
        "level_reason": ("调整原因", "等级与上一年度不同时必填：写明为什么调高或调低（留作动态调整记录）。"),
        "responsible_person": ("责任人", "直接负责防控的人（通常是岗位所在部门负责人）。"),
        "responsible_leader": ("责任领导", "分管该单位或科室的领导。"),
        "next_review": ("下次复核", "计划复核这一风险点的日期，到期在首页提醒；不设定保持“未设定”。"),
        "status": ("状态", "已确认：计入统计；草稿：年度排查中，确认后才计入。"),
        "measures": ("防控措施", "每行一条措施；行首的编号（1. 2、）会自动去掉。"),
    }),
    "RetireDialog": FormHelp("停用风险点", "risks", {
        "reason": ("停用原因", "为什么不再防控，如“职能划转”“事项取消”“岗位撤并”；必填，记入操作日志。"),
    }),
    "InspectionDialog": FormHelp("监督检查", "inspections", {
        "inspected_on": ("检查日期", "开展检查的日期。" + DATE),
        "kind": ("检查类型", "工作作风纪律检查、节前专项检查、专项检查、巡察整改督查或其他；"
                            "首页和报告按“工作作风纪律检查”统计每月开展次数。"),
        "title": ("检查名称", "如“3月份工作作风纪律检查”；最多 200 字。"),
        "unit_ids": ("被检查单位", "勾选被检查的单位，可多选；一个都不勾表示全系统检查。"),
        "inspectors": ("检查人员", "参加检查的人员姓名，用顿号隔开，如“王明、李华”。"),
        "summary": ("检查情况", "检查的总体情况；发现的问题另在问题整改台账中逐条登记。"),
    }),
    "FindingDialog": FormHelp("问题整改", "inspections", {
        "code": ("问题编号", "留空则自动编号（年份-序号，如 2026-007）；不能与已有编号重复。"),
        "source": ("问题来源", "监督检查、巡察反馈、审计、信访举报或自查。"),
        "inspection_id": ("所属检查", "问题来自哪次监督检查，可选“（不关联检查）”。"),
        "found_on": ("发现日期", "发现问题的日期，不能早于所属检查的日期。" + DATE),
        "unit_id": ("被检查单位", "问题所在的单位。" + UNIT_PICK),
        "category": ("问题类别", "从列表中选问题的类别（如“收送礼品礼金”“公车管理”“形式主义”）；每个类别归入六项纪律之一，部分还归入“四风”，八项规定问题单列，统计图表和报告按这些类别汇总。可留空。"),
        "risk_point_id": ("关联风险点", "问题对应的廉政风险点，可不选。"),
        "description": ("问题描述", "问题是什么，写清事实，可写多行；必填。"),
        "requirement": ("整改要求", "对整改提出的要求。"),
        "resp_unit_id": ("责任单位", "负责整改的单位；与被检查单位相同时选“（同被检查单位）”。"),
        "resp_person_id": ("责任人", "负责整改的人：从名册中选，或直接输入姓名。"),
        "resp_leader": ("责任领导", "督促整改的分管领导姓名。"),
        "kind": ("整改类型", "立行立改、限期整改或持续整改。"),
        "deadline": ("整改时限", "勾选“设定”后填写期限（格式 2026-03-15）；逾期在首页和台账中标红。"
                                "已确定的时限如需延期，用右侧的“延期…”并写明原因。"),
        "measures": ("整改措施", "责任单位采取的整改措施，可写多行。"),
        "revisit": ("回头看", "需要在整改后“回头看”复查时勾选。"),
        "notes": ("备注", NOTES),
    }),
    "StepDialog": FormHelp("整改办理", "inspections", {
        "on": ("办理日期/销号日期", "这一步办理的日期（销号时为销号日期），不能早于上一步。" + DATE),
        "result": ("整改结果/验收结论", "销号时：只有“已完成”才能销号。验收未通过退回时：认为基本完成、"
                                     "仍需继续整改的选“基本完成”。"),
        "accepted_by": ("验收人", "验收整改情况的人员姓名。"),
        "accepted_on": ("验收日期", "不能早于整改完成日期，也不能晚于销号日期。" + DATE),
        "reason": ("原因/说明", "退回整改、重新打开时必填，写明原因；其他步骤可写本步的简要说明。"),
    }),
    "ExtensionDialog": FormHelp("延期", "inspections", {
        "new_deadline": ("新的整改时限", "必须晚于现时限；原时限和原因会留在延期记录中。" + DATE),
        "reason": ("延期原因", "为什么需要延期，必填。"),
        "on": ("申请日期", "责任单位申请延期的日期。" + DATE),
    }),
    "ProgressDialog": FormHelp("整改进展", "inspections", {
        "noted_on": ("进展日期", "这条进展的日期。" + DATE),
        "text": ("进展情况", "整改做到了哪一步，如“已退回多报销的 1200 元”；必填。"),
    }),
    "LedgerDialog": FormHelp("第一种形态台账", "ledger", {
        "person_id": ("姓名", "被处置人。" + PERSON_PICK + "单位、职务等随之按名册填好。"),
        "unit_id": ("单位", "处置时所在的单位（取自名册，可修改；以后人员调动不影响本条）。"),
        "position": ("职务", "处置时的职务（取自名册，可修改）。"),
        "rank": ("职级", "处置时的职级（取自名册，可修改）。"),
        "political_status": ("政治面貌", "处置时的政治面貌。" + POLITICAL),
        "is_leader": ("班子成员", LEADER),
        "key_post": ("重要岗位", KEY_POST),
        "clue_source": ("线索来源", "信访举报、监督检查、巡察、审计、上级交办或其他。"),
        "handling": ("线索处置方式", "谈话、函询或“面对面”初步核实；选函询时填写下面的发函、回复日期。"),
        "letter_sent_on": ("发函日期", "函询时发出函件的日期。" + DATE_OPTIONAL),
        "reply_due": ("回复期限", "要求书面回复的最后日期。" + DATE_OPTIONAL),
        "replied_on": ("回复日期", "收到回复的日期，需先填发函日期。" + DATE_OPTIONAL),
        "problem": ("主要问题", "反映或查明的主要问题（情形），写清事实；必填。"),
        "category": ("问题类别", "从列表中选问题的类别（如“收送礼品礼金”“公车管理”“形式主义”）；每个类别归入六项纪律之一，部分还归入“四风”，八项规定问题单列，统计图表和报告按这些类别汇总。可留空。"),
        "methods": ("处置方式", "勾选采取的处置方式，可多选。标“（第二种形态）”的不应记入本台账，"
                               "保存后列为“需转出”。"),
        "decision_organ": ("决定机关", "作出处置决定的机关，可从列表中选，也可直接填写。"),
        "decided_on": ("处理时间", "作出处置的日期，不能晚于今天；影响期和计划回访按它自动计算。"),
        "handler": ("承办人", "具体承办的纪检干部姓名。"),
        "impact_end": ("影响期至", "诫勉等有影响期的处置：影响期的最后一天，随处置方式和处理时间自动计算，"
                                  "可修改。" + DATE_OPTIONAL),
        "revisit_planned": ("计划回访", "计划回访的日期，默认处理时间后 6 个月（系统设置），可修改。"
                                       + DATE_OPTIONAL),
        "revisit_done_on": ("回访日期", "实际回访的日期；填了回访日期须同时写回访情况。" + DATE_OPTIONAL),
        "revisit_result": ("回访情况", "回访了解到的情况和结论。"),
        "notes": ("备注", NOTES),
        "correction_reason": ("更正原因", CORRECTION),
    }),
    "CeremonyDialog": FormHelp("婚丧喜庆报备", "ceremonies", {
        "person_id": ("报备人", "报备的干部。" + PERSON_PICK),
        "kind": ("报备事项", "婚嫁、丧葬，或满月、寿宴、乔迁、升学等（在数据字典中维护）；管理员标为“不得操办”的事项"
                            "报备时标红提示。"),
        "relation": ("当事人", "办事的是报备人的谁：本人、配偶、子女、父母等；不清楚保持“（未填）”。"),
        "scope": ("邀请范围", "仅限亲属、亲属及亲友、含单位同事、含管理服务对象；邀请管理服务对象违反规定，标为需关注。"),
        "pledge_signed": ("承诺书", "报备人已签订《婚丧喜庆事宜廉洁承诺书》时勾选，扫描件点“添加…”作为附件。"),
        "event_date": ("举办日期", "操办的日期（不早于报备日期一年以上）。" + DATE),
        "place": ("举办地点", "如“锦江饭店三楼宴会厅”；最多 200 字。"),
        "tables": ("规模（桌数）", "宴请的桌数（整数）；超过系统设置的上限标为需关注并建议提醒谈话。不清楚保持“未填”。"),
        "guests": ("人数", "参加的人数（整数）；超过系统设置的上限标为需关注。不清楚保持“未填”。"),
        "concerns": ("涉及情形", "报备中涉及使用公车、动用公款或收受下属及管理服务对象礼金的，如实勾选：违反规定，"
                                "应及时提醒纠正，建议提醒谈话。"),
        "reported_on": ("报备日期", "干部向组织报备的日期，不能晚于今天；下方按工作日计算是否迟报。" + DATE),
        "talk_id": ("提醒谈话", "对这次报备进行的提醒谈话：从报备人的谈话记录中选，或点“登记提醒谈话…”新建。"),
        "notes": ("备注", NOTES),
        "correction_reason": ("更正原因", CORRECTION),
    }),
    "ReminderDoneDialog": FormHelp("标记已办", "home", {
        "how": ("办理方式", "这条提醒是怎样办理的，如“已通过办公系统推送”；可从列表中选或直接填写。"
                           "办理人和时间自动记录。"),
    }),
    "ReopenDialog": FormHelp("取消归档", "year-archive", {
        "reason": ("原因", "为什么要取消归档，如“发现漏录的谈话记录，需补录”；必填，记入操作日志。"),
    }),
    "DictItemDialog": FormHelp("数据字典项", "admin", {
        "label": ("名称", "在列表、导出和报告中显示的名称。改名不影响已有记录（记录里存的是代码）。"),
        "aliases": ("别名", "每行一个。导入 Excel 时，写成别名的值会归到本项（如“岗位职责风险”→“岗位职责”）。"),
        "form": ("所属形态", "只对处置方式：属于第一种形态还是第二种形态；第二种形态的记录列为“需转出”。"),
        "family": ("类别", "只对处分种类：党纪处分、政务处分或组织处理，决定登记和统计时按它分组。"),
        "months": ("影响期", "只对处分种类：影响期的月数（如党内警告 6 个月、记过 18 个月）；没有影响期的填 0。"),
        "bars": ("影响内容", "只对处分种类：影响期内受到的限制，如“不得晋升职务、职级”。"),
        "discipline": ("纪律类别", "只对问题类别：归入六项纪律中的哪一项（政治、组织、廉洁、群众、工作、生活纪律）；"
                                  "统计图表和报告按它汇总。"),
        "style": ("“四风”类别", "只对问题类别：属于形式主义、官僚主义、享乐主义或奢靡之风时选择，不属于选“（无）”。"),
        "eight_rules": ("八项规定", "只对问题类别：属于违反中央八项规定精神的问题时勾选，统计时单列。"),
        "forbidden": ("操办", "只对报备事项：本地规定不得操办的（如满月、寿宴、乔迁、升学）勾选，报备这类事项时标红提示。"),
        "sort_order": ("排序", "整数，数字小的排在列表前面。"),
        "active": ("在用", "取消勾选即停用：不再出现在选择列表中，已有记录保留。"),
    }),
    "UserDialog": FormHelp("用户", "admin", {
        "username": ("用户名", "登录时输入的名字，建议用拼音或工号，如 zhangsan；不能与他人相同。"),
        "display_name": ("姓名", "使用者的真实姓名，显示在状态栏和操作日志中。"),
        "role": ("角色", "管理员：全部功能；录入员：录入和修改记录；查阅：只能查看、导出和打印。"),
        "unit_ids": ("限定单位", "只勾选该用户负责的单位（如直属单位的纪检委员）；一个都不勾 = 全部单位。"
                                "管理员不能限定单位。"),
        "password": ("密码", PASSWORD),
        "password_again": ("再次输入密码", PASSWORD_AGAIN),
    }),
    "ResetPasswordDialog": FormHelp("重置密码", "admin", {
        "password": ("密码", "新密码。" + PASSWORD + "重置后账户的锁定一并解除。"),
        "password_again": ("再次输入密码", PASSWORD_AGAIN),
    }),
    "SetBackupPasswordDialog": FormHelp("设置备份密码", "backup-restore", {
        "backup_password": ("备份密码", BACKUP_PASSWORD),
        "password_again": ("再次输入", PASSWORD_AGAIN),
    }),
    "BackupPasswordDialog": FormHelp("备份密码", "backup-restore", {
        "backup_password": ("备份密码", "制作或恢复加密备份用的备份密码；已登记备份密码时必须与登记的一致。"),
        "password_again": ("再次输入", PASSWORD_AGAIN),
    }),
    "FirstRunDialog": FormHelp("新建工作区", "start", {
        "bureau_name": ("单位名称", "本局的全称，用于导出和打印的标题，如“市文化广电和旅游局”；以后可在系统设置中修改。"),
        "username": ("管理员用户名", "管理员登录用的名字，如 zhangsan。"),
        "display_name": ("管理员姓名", "管理员的真实姓名。"),
        "password": ("密码", PASSWORD),
        "password_again": ("再次输入密码", PASSWORD_AGAIN),
    }),
    "SettingsTab": FormHelp("系统设置", "admin", {
        "bureau_name": ("单位名称（标题行）", "打印和导出的标题行使用的名称，如“市文化广电和旅游局”。"),
        "due_soon_days": ("即将到期提前天数", "0–90 天：整改期限在这么多天内的问题显示为“即将到期”（琥珀色）。"),
        "level_labels": ("风险等级名称与颜色", LEVELS),
        "level_colors": ("风险等级名称与颜色", LEVELS),
        "risk_score_thresholds": ("评分定级阈值", "可能性×后果（1–25）达到“一级 ≥”的值定为一级，达到“二级 ≥”的值定为二级，"
                                               "其余为三级；一级阈值须大于二级阈值。"),
        "impact_months": ("诫勉影响期（月）", "1–60 个月：第一种形态台账中“诫勉”影响期的默认长度。"),
        "revisit_months": ("回访期限（月）", "1–36 个月：处置后计划回访日期的默认间隔。"),
        "festival_lead_days": ("节前提醒提前（工作日）", "0–20 个工作日：在节日放假开始前这么多个工作日提醒推送廉政提醒。"),
        "pre_talk_days": ("任前谈话期限（天）", "1–365 天：提拔任用后应在这么多天内完成任前廉政谈话，逾期提醒。"),
        "idle_lock_minutes": ("无操作自动锁定（分钟）", "1–240 分钟：无人操作超过这么久，程序锁定并隐藏数据，输入密码解锁。"),
        "inquiry_reply_working_days": ("函询回复期限（工作日）", "工作日数：问题线索发函后应在这么多个工作日内书面回复"
                                                    "（按节假日安排计算），逾期在首页提醒。"),
        "clue_open_days": ("线索办理提醒（天）", "天数：问题线索受理后超过这么多天仍未办结的，在首页提醒。"),
        "ceremony_max_tables": ("婚丧喜庆规模上限", CEREMONY_LIMITS),
        "ceremony_max_guests": ("婚丧喜庆规模上限", CEREMONY_LIMITS),
        "report_addressee": ("工作总结主送机关", "半年和年度工作总结的主送机关，如“局党组”；印在报告标题之下。"),
        "report_due_days": ("半年报告报送期限（天）", "1–90 天：上、下半年结束后这么多天内报送工作总结；首页自半年结束次日起提醒。"),
        "report_standing_plans": ("下一步打算的常规工作", "每行一条，最多 10 条：半年和年度工作总结的“下一步打算”在针对"
                                                   "存在问题的措施之后写这些常规工作。"),
        # 主体责任 (issue 19)
        "pledge_due": ("责任书签订提醒日期", "写成“03-31”这样的月-日：每年从这天起，本年度尚未签订的党风廉政建设责任书在首页提醒。"),
        "assessment_grade_scores": ("考核等次分数线", GRADE_LINES),
        "interview_findings": ("约谈建议阈值", INTERVIEW_LINES),
        "interview_complaints": ("约谈建议阈值", INTERVIEW_LINES),
        "interview_satisfaction": ("约谈建议阈值", INTERVIEW_LINES),
        "half_year_report_days": ("报告报送期限", REPORT_DUE),
        "research_report_due": ("报告报送期限", REPORT_DUE),
    }),
    "PhraseDialog": FormHelp("常用语", "admin", {
        "field": ("用于", "常用语插入到谈话记录的哪一栏：谈话内容、本人表态或后续要求。"),
        "kind": ("谈话类型", "只在这类谈话中列出；选“不限”则所有类型都列出。"),
        "reason": ("谈话事由", "只在这个事由的谈话中列出；选“不限”则都列出。"),
        "text": ("常用语", "要插入的文字，可写多行；在谈话记录表单中按 Ctrl+J 选择插入。"),
        "sort_order": ("排序", "整数，数字小的排在列表前面。"),
        "active": ("在用", "取消勾选即停用：不再列出，已写入谈话记录的文字不受影响。"),
    }),
    "ClueDialog": FormHelp("问题线索", "clues", {
        "received_on": ("受理日期", "收到并登记线索的日期，不能晚于今天。" + DATE),
        "source": ("线索来源", "信访举报、监督检查、巡察、审计、上级交办等。"),
        "person_ids": ("被反映人", "线索反映的人员，可添加多人：输入姓名或拼音首字母后从列表中选择名册中的人员。"),
        "unit_id": ("所涉单位", "线索涉及的单位；选“（按第一名被反映人）”则取第一名被反映人所在单位。" + UNIT_PICK),
        "problem": ("反映的主要问题", "线索反映的主要问题，写清事实。"),
        "handler_id": ("承办人", "承办这条线索的纪检干部（程序的用户）；“仅我承办的”按它筛选。"),
        "reporter": ("举报人", "举报人姓名或联系方式。只有管理员和承办人看得到，不导出、不打印、不可搜索。"),
        "way": ("处置方式", "谈话函询、初步核实、暂存待查或予以了结；选定后填写相应的日期。"),
        "letter_sent_on": ("发函日期", "函询时发出函件的日期。" + DATE_OPTIONAL),
        "reply_due": ("回复期限", "不填则为发函后若干个工作日（系统设置，已计节假日）。" + DATE_OPTIONAL),
        "replied_on": ("回复日期", "收到书面回复的日期；逾期未复在首页提醒。" + DATE_OPTIONAL),
        "verify_start": ("初核开始", "初步核实开始的日期。" + DATE_OPTIONAL),
        "verify_end": ("初核结束", "初步核实结束的日期，不早于开始日期。" + DATE_OPTIONAL),
        "closed_on": ("办结日期", "线索办结的日期；选了办结去向就要填写它。" + DATE_OPTIONAL),
        "outcome": ("办结去向", "第一种形态处置、给予处分（组织处理）、移送或予以了结（“予以了结”不计入第一种形态）；"
                               "办结时必选。处置方式为“予以了结”的，去向也是“予以了结”。"),
        "ledger_entry_id": ("关联台账条目", "办结为第一种形态处置时，选对应的第一种形态台账条目。"),
        "sanction_id": ("关联处分记录", "办结为给予处分（组织处理）时，选对应的处分记录。"),
        "talk_id": ("函询谈话", "谈话函询时进行的谈话，从被反映人的谈话记录中选。"),
        "result": ("办结情况", "办结的结论和依据，如“经核实，反映问题不属实，予以了结”。"),
        "notes": ("备注", NOTES),
        "correction_reason": ("更正原因", CORRECTION),
    }),
    "SanctionDialog": FormHelp("处分与组织处理", "sanctions", {
        "person_id": ("受处分（处理）人", "受处分或组织处理的人员。" + PERSON_PICK
                                          + "单位、职务和政治面貌在保存时记入本条，以后调动不影响。"),
        "kind": ("处分（处理）种类", "党纪处分、政务处分、事业单位处分或组织处理的种类；选定后按种类算出影响期。"
                                    "党纪处分只能给予中共党员。"),
        "probation_months": ("察看期", "留党察看时选一年或二年。"),
        "impact_months": ("影响期", "影响期的月数：默认按种类；种类没有固定影响期的（如停职检查）在这里填写。"),
        "decision_organ": ("决定机关", "作出决定的机关，可从列表中选，也可直接填写。"),
        "decided_on": ("决定时间", "作出决定的日期，影响期从这天算起。" + DATE),
        "document_no": ("决定文号", "处分或处理决定的文号，如“×纪发〔2026〕3号”。"),
        "category": ("违纪违法类别", "违反政治、组织、廉洁、群众、工作、生活纪律，违反中央八项规定精神，或职务违法。"),
        "facts": ("主要违纪违法事实", "决定认定的主要事实，写清楚。"),
        "notes": ("备注", NOTES),
        "correction_reason": ("更正原因", CORRECTION),
    }),
    # ---- 主体责任 (issue 19) -------------------------------------------------------------------
    "PledgeDialog": FormHelp("党风廉政建设责任书", "duty", {
        "year": ("年度", "责任书所属的年度，如 2026。"),
        "level": ("责任书层级", "谁与谁签订：党组—班子成员、党组—单位（科室）、单位（科室）—岗位（在数据字典中维护）。"),
        "unit_id": ("签订单位", "签订责任书的单位或科室。" + UNIT_PICK),
        "person_id": ("签订人（个人）", "班子成员、岗位人员本人签订时选择本人；单位签订时留空。" + PERSON_PICK),
        "signer_name": ("单位负责人", "代表单位签字的负责人姓名；选了签订人时自动填入。"),
        "leader_id": ("责任领导", "与之签订的领导，如局党组书记、分管领导；可从名册选择或直接输入姓名。"),
        "signed_on": ("签订日期", "责任书签回后勾选“已签订”并填日期（格式 2026-03-15）；未勾选表示尚未签订。"),
        "attachments": ("扫描件", "签好字的责任书扫描件：点“添加…”选择文件。"),
        "notes": ("备注", NOTES),
    }),
    "PledgeYearDialog": FormHelp("生成年度责任书签订名单", "duty", {
        "year": ("年度", "要生成名单的年度，如 2026。"),
        "level": ("责任书层级", "这批责任书的层级，如“党组—单位（科室）”。"),
        "picked": ("名单", "先在“签订对象”中选各单位、局领导班子成员或某单位的岗位人员，再勾选要签订的；"
                           "本年度已有的不会重复生成。"),
        "leader_name": ("责任领导", "这批责任书的责任领导姓名，如局党组书记；可留空，以后逐份填写。"),
    }),
    "StudyDialog": FormHelp("专题研究", "duty", {
        "held_on": ("会议日期", "开会的日期。" + DATE + TODAY_AT_MOST),
        "meeting": ("会议形式", "党组会议、理论中心组学习等（在数据字典中维护）。"),
        "unit_id": ("研究主体", "局党组，或召开会议的单位班子。每年局党组专题研究不少于两次。"),
        "topics": ("研究议题", "研究了什么，如“传达学习省纪委全会精神，研究部署本年度党风廉政建设工作”；可写多行。"),
        "presided": ("主持人", "主持会议的领导姓名。"),
        "reporter": ("汇报人", "在会上汇报的人，如机关纪委书记。"),
        "attendees": ("参会人员", "参加会议的人员姓名，用顿号分隔；可写多行。"),
        "decisions": ("研究决定", "会议作出的决定和部署，可写多行。"),
        "attachments": ("会议纪要", "会议纪要等材料：点“添加…”选择文件。"),
        "notes": ("备注", NOTES),
    }),
    "AssessmentDialog": FormHelp("主体责任考核", "duty", {
        "year": ("年度", "考核的年度，一般是上一年。"),
        "unit_id": ("被考核单位", "被考核的单位。" + UNIT_PICK),
        "head_id": ("主要负责人", "被考核单位的主要负责人；留空时按人员名册自动取。" + PERSON_PICK),
        "assessed_on": ("考核日期", "考核完成后勾选“已考核”并填日期（格式 2026-01-20）。"),
        "items": ("评分表", "每行一个考核项目：考核方式（日常抽查、重点检查、述职述廉、民主评议）、权重（%，"
                           "合计 100）和得分（0–100，民主评议填满意度）。各项都评分后自动计算总分并建议等次。"),
        "grade": ("考核等次", "局党组评定的等次：好、较好、一般、差；可以与按分数建议的不同。一票否决的最高为“一般”。"),
        "veto": ("一票否决", "当年该单位有人受到第三、第四种形态处理时，程序提出建议，点“采纳”勾选并关联该处分；"
                            "问题整改不引起一票否决。"),
        "veto_reason": ("否决原因", "勾选一票否决时必填：写明哪一起案件或事由。"),
        "attachments": ("附件", "考核评分表、考核通报等材料：点“添加…”选择文件。"),
        "notes": ("备注", NOTES),
    }),
    "LeaderReportDialog": FormHelp("述职述廉", "duty", {
        "year": ("年度", "述职述廉的年度，一般是上一年。"),
        "person_id": ("述职人", "述职的领导干部。" + PERSON_PICK + "单位和职务按当时记下。"),
        "reported_on": ("述职日期", "述职后勾选“已述职”并填日期（格式 2026-01-20）。"),
        "summary": ("述职述廉要点", "述职述廉报告的要点，可写多行。"),
        "satisfaction": ("民主评议满意度", "民主测评的满意度，0–100（%），可带一位小数；未测评保持“未测评”。"),
        "rating": ("评议等次", "民主评议结果：优秀、称职、基本称职、不称职；未评议保持“未评议”。"),
        "attachments": ("述职述廉报告", "述职述廉报告全文等材料：点“添加…”选择文件。"),
        "notes": ("备注", NOTES),
    }),
    "DutyReportDialog": FormHelp("报告报送", "duty", {
        "unit_id": ("报送单位", "报送报告的单位。" + UNIT_PICK),
        "kind": ("类别", "半年工作报告、工作信息（每月）或调研报告（每年）。"),
        "year": ("年度", "报告所属的年度。"),
        "period": ("所属期间", "上半年、下半年，或工作信息的月份；调研报告为全年。"),
        "received_on": ("收到日期", "收到报告的日期。" + DATE + TODAY_AT_MOST),
        "title": ("标题", "报告的标题，如“关于2026年上半年落实全面从严治党主体责任情况的报告”。"),
        "attachments": ("附件", "报告文件：点“添加…”选择文件。"),
        "notes": ("备注", NOTES),
    }),
    # ---- 廉政教育 (issue 19) -------------------------------------------------------------------
    "EducationDialog": FormHelp("廉政教育", "education", {
        "held_on": ("活动日期", "活动当天的日期。" + DATE + TODAY_AT_MOST),
        "form": ("教育形式", "廉政党课、警示教育大会、以案释法（以案促改）、参观廉政教育基地、中心组学习、三会一课、"
                            "廉洁文化活动、家风教育等（在数据字典中维护）。"),
        "theme": ("主题", "活动的主题，如“以案为鉴 警钟长鸣”。"),
        "organiser_id": ("组织单位", "组织这次活动的：局党组，或某个单位。"),
        "place": ("地点", "如“局三楼会议室”“市廉政教育基地”；可留空。"),
        "speaker": ("主讲人", "讲课或作报告的人，如“局党组书记 王××”；可留空。"),
        "case_text": ("案例", "以案释法、警示教育所学的案例；身边事写明当事单位和处理结果。选“身边案例”时自动填入，可再修改。"),
        "case_sanction_id": ("身边案例", "学习本系统中已作出的处分（组织处理）或已办结的问题线索时选择，案情填入“案例”；"
                                         "不是本系统的案例保持“（不是本系统的案例）”。"),
        "content": ("主要内容", "活动的主要内容，可写多行。"),
        "participants": ("参加人员", "输入姓名或拼音首字母后回车逐个添加；“按单位添加…”加入整个单位的在册人员，"
                                    "再移除缺席的人；也可“从签到表导入…”。一人一次计一人次。"),
        "attachments": ("材料", "课件、签到表、照片等：点“添加…”选择文件。"),
        "notes": ("备注", NOTES),
    }),
}

# Windows and tabs without fields of their own: the chapter F1 opens.
WINDOWS: dict[str, str] = {
    "ImportDialog": "import-ledgers",
    "ReviewDialog": "risk-review",
    "OpinionDialog": "opinion-reply",
    "DossierDialog": "people",
    "CoverageDialog": "talks",
    "PositionChangesDialog": "people",
    "SearchDialog": "start",
    "SignInDialog": "start",
    "BackupsTab": "backup-restore",
    "RestoreOfferDialog": "backup-restore",
    "ArchiveTab": "year-archive",
    "UsersTab": "admin",
    "AuditTab": "admin",
    "HolidayTab": "admin",
    "DictionaryTab": "admin",
    "PhrasesTab": "admin",
    "HelpWindow": "help",
    "ShortcutSheet": "help",
    "AboutDialog": "help",
    "ReleaseNotesDialog": "help",
}


def form_help(classes: Iterable[str]) -> FormHelp | None:
    """The entry of the first class name that has one (a class's MRO, most specific first)."""
    return next((FORMS[name] for name in classes if name in FORMS), None)


def chapter_of(classes: Iterable[str]) -> str | None:
    """The chapter for a window whose class (and base classes) are `classes`."""
    for name in classes:
        if name in FORMS:
            return FORMS[name].chapter
        if name in WINDOWS:
            return WINDOWS[name]
    return None


def tip_html(label: str, tip: str) -> str:
    """The tooltip as shown: rich text, so Qt wraps it at a readable width."""
    return f"<qt><b>{html.escape(label)}</b><br>{html.escape(tip)}</qt>"
