from django.db import models


class Source(models.TextChoices):
    CALL_110 = "call_110", "110报警"
    WALK_IN = "walk_in", "群众上门"
    ONLINE = "online", "网上报警"
    PATROL = "patrol", "巡逻发现"


class Category(models.TextChoices):
    CRIMINAL = "criminal", "刑事警情"
    PUBLIC_ORDER = "public_order", "治安警情"
    DISPUTE = "dispute", "纠纷"
    TRAFFIC = "traffic", "交通警情"
    ASSISTANCE = "assistance", "群众求助"
    FIRE = "fire", "火灾事故"
    COMPLAINT = "complaint", "投诉举报"
    OTHER = "other", "其他"


class Status(models.TextChoices):
    RECEIVED = "received", "已接警"
    DISPATCHED = "dispatched", "已派警"
    ARRIVED = "arrived", "已到达"
    DISPOSED = "disposed", "已处置"
    CONVERTED = "converted", "已转案件"


class Disposal(models.TextChoices):
    ACCEPTED_AS_CASE = "accepted_as_case", "受案"
    MEDIATED = "mediated", "调解处理"
    NOT_POLICE_MATTER = "not_police_matter", "非警务事项"
    INVALID = "invalid", "无效警情"
    TRANSFERRED = "transferred", "移交其他部门"


class MediaKind(models.TextChoices):
    CALL_RECORDING = "call_recording", "报警录音"
    BODY_CAMERA = "body_camera", "执法记录仪视频"
    CCTV = "cctv", "监控录像"
    PHOTO = "photo", "照片"
    OTHER = "other", "其他"
