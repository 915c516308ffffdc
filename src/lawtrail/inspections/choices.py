from django.db import models
from django.utils.translation import gettext_lazy as _


class FindingResult(models.TextChoices):
    PENDING = "pending", _("待检查")
    NO_PROBLEM = "no_problem", _("未发现问题")
    PROBLEM = "problem", _("发现问题")


class ProblemCategory(models.TextChoices):
    """What the legal brigade looks for when it replays body-camera footage (巴州区分局 2023 report:
    「警情录制不完整、角度没有全覆盖」, 「警情未及时处置、未流转成案件」; 公安机关现场执法视音频记录工作规定)."""

    INCOMPLETE = "incomplete", _("录制不完整（未全程记录）")
    COVERAGE = "coverage", _("角度未全覆盖、关键内容缺失")
    LATE_UPLOAD = "late_upload", _("未按时上传存储")
    CONDUCT = "conduct", _("执法言行不规范")
    DISPOSAL = "disposal", _("警情未及时处置")
    NOT_CONVERTED = "not_converted", _("应受案未流转成案件")
    OTHER = "other", _("其他问题")


# The rule each category breaches, quoted on the alert (law/rules.md: rec.field_av_*; seeds/004).
CATEGORY_CITATION = {
    ProblemCategory.INCOMPLETE: "公安机关现场执法视音频记录工作规定（公安部，2016）：现场执法视音频记录应当自到达现场"
    "开展执法活动时开始，至执法活动结束时停止，不得中断（rec.field_av_start_stop）",
    ProblemCategory.COVERAGE: "公安机关现场执法视音频记录工作规定 第7条：应当记录执法现场环境，现场人员的体貌特征和"
    "言行举止，重要涉案物品，现场开具、送达法律文书和采取措施情况（rec.field_av_content）",
    ProblemCategory.LATE_UPLOAD: "公安机关现场执法视音频记录工作规定：执勤结束后应当及时将视音频资料存储至执法"
    "信息管理系统（rec.field_av_upload）",
    ProblemCategory.CONDUCT: "公安机关现场执法视音频记录工作规定 第4条：接受群众报警或者110指令后处警应当进行"
    "现场执法视音频记录（rec.field_av_mandatory_situations）",
    ProblemCategory.DISPOSAL: "巴州区分局2023年法治政府建设报告：法制大队回看执法记录仪，与处警单位共同解决"
    "「警情未及时处置」问题",
    ProblemCategory.NOT_CONVERTED: "巴州区分局2023年法治政府建设报告：回看执法记录仪发现「未流转成案件」问题；"
    "公安机关办理行政案件程序规定 第61条（受案登记）",
    ProblemCategory.OTHER: "法制大队执法记录仪视频抽查",
}
