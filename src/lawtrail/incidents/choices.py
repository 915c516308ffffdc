from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    CALL_110 = "call_110", _("110报警")
    WALK_IN = "walk_in", _("群众上门")
    ONLINE = "online", _("网上报警")
    PATROL = "patrol", _("巡逻发现")


class Category(models.TextChoices):
    CRIMINAL = "criminal", _("刑事警情")
    PUBLIC_ORDER = "public_order", _("治安警情")
    DISPUTE = "dispute", _("纠纷")
    TRAFFIC = "traffic", _("交通警情")
    ASSISTANCE = "assistance", _("群众求助")
    FIRE = "fire", _("火灾事故")
    COMPLAINT = "complaint", _("投诉举报")
    OTHER = "other", _("其他")


class Status(models.TextChoices):
    RECEIVED = "received", _("已接警")
    DISPATCHED = "dispatched", _("已派警")
    ARRIVED = "arrived", _("已到达")
    DISPOSED = "disposed", _("已处置")
    CONVERTED = "converted", _("已转案件")


class Disposal(models.TextChoices):
    ACCEPTED_AS_CASE = "accepted_as_case", _("受案")
    MEDIATED = "mediated", _("调解处理")
    NOT_POLICE_MATTER = "not_police_matter", _("非警务事项")
    INVALID = "invalid", _("无效警情")
    TRANSFERRED = "transferred", _("移交其他部门")


class MediaKind(models.TextChoices):
    CALL_RECORDING = "call_recording", _("报警录音")
    BODY_CAMERA = "body_camera", _("执法记录仪视频")
    CCTV = "cctv", _("监控录像")
    PHOTO = "photo", _("照片")
    INTERVIEW_RECORDING = "interview_recording", _("询问/讯问同步录音录像")
    DOCUMENT = "document", _("文书/笔录扫描件")
    OTHER = "other", _("其他")


class LinkTarget(models.TextChoices):
    INCIDENT = "incident", _("警情")
    CASE = "case", _("案件")
    INTERVIEW = "interview", _("询问/讯问")


class LinkStatus(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("已否定")
