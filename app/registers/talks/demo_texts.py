"""What demo talk records say: each record written from its kind and its reason as one story —
the reason the talk was held, what the talkee said, what was asked, the talkee's answer and the
follow-up belong together (a 提醒谈话 on 窗口态度 is answered about 窗口态度) — under the
outline headings of its kind (outlines.py). The risks of a post come from the talkee's 重要岗位;
a festival talk names its festival. 婚丧喜庆 提醒谈话 are written by the ceremonies register from
the report itself (ceremonies/query.py), not here."""
from __future__ import annotations

import random
from dataclasses import dataclass

from app.registers.talks.outlines import GENERIC, OUTLINES


@dataclass(frozen=True)
class Story:
    parts: tuple[str, ...]   # one sentence per outline heading, in order
    response: str            # 本人表态
    follow_up: str = ""      # 后续要求


# (kind, reason) → the stories such a talk tells.
STORIES: dict[tuple[str, str], tuple[Story, ...]] = {
    ("reminder", "tendency"): (
        Story(("有群众反映其在窗口服务中态度生硬，解释政策不耐心。",
               "本人对反映情况作了说明，承认当天情绪急躁，服务不够耐心。",
               "指出窗口服务直接面对群众，态度问题影响机关形象，虽属苗头性问题，必须引起高度重视。",
               "一周内向当事群众说明情况；严格执行首问负责制和一次性告知制度。"),
              "本人表示接受提醒，立即改正，改进服务态度。", "一个月后了解服务对象评价。"),
        Story(("日常监督中发现其经办的公务接待报销手续不全，缺少接待公函和接待清单。",
               "本人说明系对公务接待报销规定理解不到位，并无违规接待。",
               "提醒严格执行中央八项规定精神和公务接待管理办法，报销必须“三单”齐全。",
               "一周内补齐相关手续；今后严格按制度报销。"),
              "本人表示一定引以为戒，严格执行财务制度。", "由财务科跟踪手续补办情况。"),
        Story(("检查中发现其存在上班时间离岗、未履行请假手续的情况。",
               "本人说明系临时处理家中急事，未及时请假。",
               "指出该行为违反工作纪律，提醒严格遵守考勤和请销假制度。",
               "立即改正；所在科室加强日常考勤管理。"),
              "本人表示接受提醒，今后严格遵守工作纪律。", "由所在科室负责人督促落实。"),
        Story(("有反映其逢年过节与管理服务对象往来较为频繁。",
               "本人说明与对方系同学关系，未发生收受礼品礼金等问题。",
               "提醒严守廉洁纪律，与管理服务对象保持正常交往，自觉远离“围猎”。",
               "一个月内书面报告与管理服务对象交往情况。"),
              "本人表示一定注意交往分寸，自觉接受监督。", "纳入廉政档案，一个月后回访。"),
    ),
    ("reminder", "other"): (
        Story(("日常监督中发现其在工作微信群转发与工作无关的不当信息。",
               "本人说明系转发时未仔细核实内容。",
               "提醒严守政治纪律和宣传纪律，网络言行同样要守规矩。",
               "立即撤回并在群内说明；加强网络言行自律。"),
              "本人表示接受提醒，今后谨言慎行。", "由所在科室负责人督促落实。"),
        Story(("节假日前例行提醒：近期驾车出行较多，重申严禁酒后驾驶。",
               "本人表示了解有关规定。",
               "提醒严守生活纪律，八小时以外同样要自重自省。",
               "节日期间严格遵守交通法规，不参加可能影响公正执行公务的宴请。"),
              "本人表示坚决遵守，绝不酒驾。", ""),
    ),
    ("interview", "clue"): (
        Story(("信访举报反映该单位在项目验收中把关不严，按规定进行约谈。",
               "被约谈人对项目验收程序和有关情况作了说明。",
               "指出验收环节制度执行不到位，存在廉政风险。",
               "十五个工作日内完成自查并书面报告；完善验收制度。"),
              "表示诚恳接受约谈，立即组织自查整改。", "纪委跟踪整改落实情况。"),
        Story(("信访举报反映该单位工作人员办事推诿、吃拿卡要，按规定进行约谈。",
               "被约谈人说明已对有关人员进行了解，并作了初步处理。",
               "指出单位对工作人员教育管理不严，主体责任落实不到位。",
               "一个月内报送整改报告；整改完成后组织回头看。"),
              "表示坚决整改，切实履行主体责任。", "整改完成后组织回头看。"),
    ),
    ("interview", "tendency"): (
        Story(("监督检查中发现该单位问题整改进度滞后，多项问题超过整改时限。",
               "被约谈人说明部分问题涉及资金清退和制度修订，协调时间较长。",
               "指出整改责任落实不到位、措施不具体。",
               "限期十五个工作日内完成整改并书面报告。"),
              "保证按期完成整改。", "纪委跟踪整改落实情况。"),
        Story(("专项检查中发现该单位存在制度执行不到位问题，采购和报销审批把关不严。",
               "被约谈人对有关情况作了说明。",
               "指出制度执行存在漏洞，廉政风险防控不到位。",
               "一个月内完善内控制度并报送整改报告。"),
              "表示立即组织整改，堵塞制度漏洞。", "整改完成后组织回头看。"),
    ),
    ("admonish", "clue"): (
        Story(("经核实，存在违规报销差旅费的问题。",
               "本人对问题供认不讳，作出深刻检讨。",
               "指出其行为违反了廉洁纪律和财务制度，造成不良影响。",
               "责令退回违规报销款项，一个月内提交书面检查。",
               "告知诫勉影响期为六个月，影响期内不得提拔或者重用，影响当年评优评先。"),
              "本人对所犯错误深刻反省，诚恳接受组织诫勉。", "六个月后回访；纳入廉政档案。"),
        Story(("经核实，存在违规收受管理服务对象礼品的问题。",
               "本人承认收受礼品的事实，已主动退还，作出深刻检讨。",
               "指出其行为违反了廉洁纪律和中央八项规定精神。",
               "一个月内提交书面检查，在科室民主生活会上作检讨。",
               "告知诫勉影响期为六个月，影响期内不得提拔或者重用，影响当年评优评先。"),
              "本人深刻认识错误，诚恳接受组织诫勉，今后坚决杜绝。", "六个月后回访；纳入廉政档案。"),
    ),
    ("other", "other"): (
        Story(("因工作调整即将离开现岗位，进行离岗廉政谈话。", "本人介绍了工作交接情况。",
               "要求做好工作交接，严守保密纪律，不得利用原职务影响谋取利益。"),
              "表示按要求做好交接，严守纪律。", ""),
        Story(("本人提出退休，进行退休前谈话。", "回顾了多年来的工作情况，本人表示感谢组织培养。",
               "提醒退休后继续严守党的纪律，不违规从事营利活动。"),
              "表示退休后继续保持党员本色。", ""),
    ),
}
HEART = (
    Story(("思想稳定，工作积极主动，能按时完成科室交办的各项任务。",
           "近期工作量较大，希望科室合理调配人手。",
           "建议进一步规范科室内部工作流程。",
           "肯定了近期工作成绩，希望继续保持，严守廉洁纪律。"),
          "感谢组织关心，一定努力工作。"),
    Story(("工作状态良好，正在准备职称评审，学习较为投入。",
           "反映业务培训机会偏少，希望多参加专业培训。",
           "建议加强与兄弟科室的沟通协作。",
           "希望在业务上多下功夫，尽快成长为骨干。"),
          "会继续加强学习，做好本职工作。"),
    Story(("思想状况总体平稳，近期家中老人身体欠佳，有时需请假照顾。",
           "希望在工作安排上给予一定照顾。",
           "无其他意见建议。",
           "表示组织将尽力帮助解决困难；提醒处理好家庭和工作的关系。"),
          "感谢组织关心，会调整好状态。"),
    Story(("对新的审批系统还不够熟悉，正在边干边学。",
           "希望组织一次系统操作培训。",
           "建议简化部分审批环节的纸质材料。",
           "鼓励多向业务骨干请教，尽快熟悉新系统；提醒八小时以外同样要自重自省。"),
          "一定尽快熟悉业务。"),
)
# 重要岗位 → the risks a 任前 or yearly 廉政谈话 names for the post.
POST_RISKS = {
    "财务": "新岗位涉及资金收付和报销审核，须严格执行财务制度，做到不相容岗位分离。",
    "人事": "新岗位涉及干部人事和招聘工作，须严格执行选人用人有关规定，做到公开公正。",
    "审批": "新岗位涉及行政审批，须严格依法依规办理，杜绝吃拿卡要、优亲厚友。",
    "执法": "新岗位涉及行政执法，须严格规范公正文明执法，严禁以罚代管、选择性执法。",
    "采购": "新岗位涉及政府采购，须严格执行采购程序，严禁规避招标、泄露信息。",
}
GENERAL_RISK = "新岗位涉及项目资金和业务审批等事项，须严格执行制度，主动接受监督。"


def story(rng: random.Random, kind: str, reason: str, *, post: str = "", key_post: str = "",
          festival: str = "", outsider: bool = False) -> Story:
    """The story a demo talk of `kind` held for `reason` tells (see the module docstring)."""
    if kind == "heart":
        return rng.choice(HEART)
    if kind == "pre_appointment":
        risk = POST_RISKS.get(key_post, GENERAL_RISK)
        return Story((f"经局党组研究决定，任命为{post or '新职务'}，肯定其以往工作成绩。", risk,
                      "要求牢固树立纪律规矩意识，严守六项纪律。",
                      "要求切实履行“一岗双责”，管好自己、带好队伍。", "本人已签订廉政承诺书。"),
                     rng.choice(("坚决服从组织安排，严守纪律规矩，做到廉洁从政。", "一定珍惜岗位，干净干事。")),
                     "廉政承诺书存入廉政档案。")
    if kind == "integrity" and festival:
        return Story((f"传达{festival}期间廉洁自律有关规定，通报近期查处的违反中央八项规定精神典型问题。",
                      f"{festival}期间重点防范收送礼品礼金、公款吃喝、公车私用等问题。",
                      "对分管科室（单位）人员开展节前廉洁提醒。",
                      f"{festival}期间严禁公款吃喝、公款旅游、违规收送礼品礼金，严禁酒后驾驶。"),
                     "坚决落实有关要求，带头廉洁自律。", "节后报告节日期间廉洁自律情况。")
    if kind == "integrity":
        risk = POST_RISKS.get(key_post, "分管领域涉及项目资金使用和业务审批，已建立审批台账。")
        return Story(("传达上级关于加强党风廉政建设的有关要求，部署本年度党风廉政建设工作。",
                      risk.replace("新岗位", "本岗位"), "能够落实“一岗双责”，对分管科室人员经常性开展提醒教育。",
                      "要求严格落实中央八项规定精神，坚决防止“四风”问题反弹。"),
                     rng.choice(("坚决落实有关要求，带头廉洁自律。", "表示认真履行一岗双责。")))
    if kind == "interview" and outsider:
        return Story(("该公司承接本局项目，按规定进行廉洁约谈。", "被约谈人介绍了项目实施情况。",
                      "告知不得以任何形式向本局工作人员赠送礼品礼金或安排宴请。",
                      "签订廉洁合作承诺书，发现违规行为及时向局机关纪委反映。"),
                     "表示严格遵守廉洁合作要求。", "廉洁合作承诺书存档。")
    stories = STORIES.get((kind, reason)) or STORIES.get((kind, "tendency")) or STORIES[("other", "other")]
    return rng.choice(stories)


def texts(rng: random.Random, kind: str, reason: str, **context: str | bool) -> tuple[str, str, str]:
    """(谈话内容, 本人表态, 后续要求) of a demo talk: the story under its kind's outline."""
    told = story(rng, kind, reason, **context)  # type: ignore[arg-type]
    headings = OUTLINES.get(kind, GENERIC)
    content = "\n".join(f"{h}{part}" for h, part in zip(headings, told.parts))
    return content, told.response, told.follow_up
